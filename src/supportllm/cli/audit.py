"""``supportllm audit``: verify the chain, find what happened, export to a SIEM, enforce and show
retention. Local commands: whoever runs them has the host and the database."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
import typer
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from supportllm.cli.common import console, err_console, parse_duration, settings_from, styled

app = typer.Typer(
    help="The audit trail: verify, show, search, export, purge, retention-report, public-key.",
    no_args_is_help=True,
)


def _engine(ctx: typer.Context) -> tuple[Any, Any]:
    from supportllm.audit.setup import open_audit_database

    settings = settings_from(ctx)
    return settings, open_audit_database(settings)


def _since(text: str | None, what: str) -> float | None:
    """``2026-11-01``, an ISO time, or a duration back from now (``7d``, ``12h``)."""
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return time.time() - parse_duration(text, what).total_seconds()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def _when(ts: float | None) -> str:
    if ts is None:
        return "–"
    return (
        dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    )


@app.command("verify")
def verify_command(
    ctx: typer.Context,
    against: Annotated[
        Path | None,
        typer.Option(
            help="An export file kept off this host (`audit export`): its newest checkpoint must "
            "still be in the chain, unchanged (catches a cut or rewritten tail).",
            dir_okay=False,
            exists=True,
        ),
    ] = None,
    public_key: Annotated[
        str | None,
        typer.Option(
            help="The auditor's copy of the public key (ed25519:…); default: the one next to the "
            "signing key on this host."
        ),
    ] = None,
) -> None:
    """Re-walk the whole chain: exit 0 if intact, else name the first bad record and exit 1."""
    from supportllm.audit.signing import PUBLIC_NAME
    from supportllm.audit.verify import age, newest_exported_checkpoint, verify

    settings, engine = _engine(ctx)
    if public_key is None:
        path = settings.audit_dir() / PUBLIC_NAME
        public_key = path.read_text().strip() if path.is_file() else None
        if public_key is None:
            err_console().print(
                f"note: no public key at {path}; checkpoint signatures are not checked (give "
                "--public-key)",
                soft_wrap=True,
            )
    exported = newest_exported_checkpoint(against) if against is not None else None
    started = time.perf_counter()
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=err_console(), transient=True
    ) as bar:
        task = bar.add_task("verifying…")
        verdict = verify(
            engine,
            public_key,
            against=exported,
            progress=lambda n: bar.update(task, description=f"verifying… {n:,} records"),
        )
    seconds = time.perf_counter() - started
    if verdict.ok:
        console().print(
            styled(
                "[green]OK[/]: {} records, chain intact, {} checkpoints (last {}), {} contents "
                "checked, {} purged under the policy; {} s",
                f"{verdict.records:,}",
                f"{verdict.checkpoints:,}",
                age(verdict.last_checkpoint_ts),
                f"{verdict.contents:,}",
                f"{verdict.purged_contents:,}",
                f"{seconds:.1f}",
            ),
            soft_wrap=True,
        )
        return
    out = err_console()
    out.print(styled("[bold red]FAILED[/]: {}", verdict.problems[0]), soft_wrap=True)
    for problem in verdict.problems[1:]:
        out.print(f"  also: {problem}", soft_wrap=True)
    raise typer.Exit(1)


def _path_table(found: Any) -> Table:
    record = found.record
    table = Table(show_header=False, title=f"record {found.seq} ({record.get('kind')})")
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    order = [
        "request_id", "ts", "team", "key_id", "channel", "model", "route", "route_score",
        "route_reason", "arm", "upstream", "upstream_kind", "attempts", "fallback", "stream",
        "incomplete", "retrieval", "retrieval_ms", "sources", "dropped_fields", "status", "error",
        "ttft_ms", "prompt_tokens", "completion_tokens", "total_ms", "action", "actor",
    ]  # fmt: skip
    for name in order + sorted(k for k in record if k not in order):
        if name in record and name not in ("seq", "kind", "content_sha256"):
            value = record[name]
            shown = _when(value) if name == "ts" else value
            table.add_row(name, str(shown))
    table.add_row("hash", found.hash)
    return table


@app.command("show")
def show(
    ctx: typer.Context,
    request_id: Annotated[str, typer.Argument(help="The x-request-id of the request.")],
    content: Annotated[
        bool, typer.Option(help="Also print the messages and the reply (when kept).")
    ] = True,
) -> None:
    """The whole decision path of one request: who, which channel, model and engine, what was
    retrieved, what was dropped, status, timings — and what was said, while retention keeps it."""
    from supportllm.audit.query import by_request

    _settings, engine = _engine(ctx)
    found = by_request(engine, request_id)
    if not found:
        err_console().print(f"no audit record for request id '{request_id}'", soft_wrap=True)
        raise typer.Exit(1)
    out = console()
    for item in found:
        out.print(_path_table(item))
        if content:
            if item.content is None:
                out.print(
                    "content: not kept (audit.log_content off, or purged by retention)"
                    if item.record.get("content_sha256") is None
                    else "content: purged by retention"
                )
            else:
                out.print(orjson.dumps(item.content, option=orjson.OPT_INDENT_2).decode())


@app.command("search")
def search_command(
    ctx: typer.Context,
    team: Annotated[str | None, typer.Option(help="Only this team.")] = None,
    since: Annotated[
        str | None, typer.Option(help="From this date/time (2026-11-01) or this long ago (7d).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Before this date/time or this long ago.")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="A status (503) or a class (5xx, 4xx).")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="request, admin, checkpoint or purge.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many (the newest).", min=1)] = 100,
    json_out: Annotated[
        bool, typer.Option("--json", help="JSON lines instead of a table.")
    ] = False,
) -> None:
    """Records matching every filter given, oldest first."""
    from supportllm.audit.append import KINDS
    from supportllm.audit.query import search, status_range

    if kind is not None and kind not in KINDS:
        raise typer.BadParameter(f"choose from: {', '.join(KINDS)}", param_hint="--kind")
    try:
        span = status_range(status) if status is not None else None
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--status") from None
    _settings, engine = _engine(ctx)
    found = search(
        engine, team=team, since=_since(since, "--since"), until=_since(until, "--until"),
        status=span, kind=kind, limit=limit,
    )  # fmt: skip
    if json_out:
        for item in found:
            typer.echo(orjson.dumps({"seq": item.seq, "hash": item.hash, "record": item.record}))
        return
    table = Table("seq", "time", "kind", "request id", "team", "status", "channel", "ms", "error")
    for item in found:
        r = item.record
        table.add_row(
            str(item.seq), _when(r.get("ts")), str(r.get("kind")),
            str(r.get("request_id") or r.get("action") or ""), str(r.get("team") or ""),
            str(r.get("status") or ""), str(r.get("channel") or ""),
            str(r.get("total_ms") or ""), str(r.get("error") or "")[:60],
        )  # fmt: skip
    console().print(table)
    console().print(f"{len(found)} record(s)")


@app.command("export")
def export_command(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl (Splunk, Elastic, Datadog) or syslog (RFC 5424).")
    ] = "jsonl",
    since: Annotated[
        str | None, typer.Option(help="From this date/time (2026-11-01) or this long ago (7d).")
    ] = None,
    after_seq: Annotated[int, typer.Option(help="Only records after this seq.", min=0)] = 0,
    out: Annotated[
        Path | None, typer.Option(help="Append to this file (default: stdout).", dir_okay=False)
    ] = None,
    follow: Annotated[
        bool, typer.Option(help="Keep exporting new records until Ctrl-C (like tail -f).")
    ] = False,
) -> None:
    """The chain, checkpoints included, for a SIEM or an archive off this host."""
    import threading

    from supportllm.audit.export import export_once
    from supportllm.audit.export import follow as follow_export

    if fmt not in ("jsonl", "syslog"):
        raise typer.BadParameter("use jsonl or syslog", param_hint="--format")
    chosen: Literal["jsonl", "syslog"] = "syslog" if fmt == "syslog" else "jsonl"
    _settings, engine = _engine(ctx)
    handle = out.open("ab") if out is not None else sys.stdout.buffer
    try:
        count, last = export_once(
            engine, handle, chosen, after=after_seq, since=_since(since, "--since")
        )
        if out is not None:
            err_console().print(f"{count:,} record(s) appended to {out}", soft_wrap=True)
        if follow:
            stop = threading.Event()
            try:
                follow_export(engine, handle, chosen, after=last, stop=stop)
            except KeyboardInterrupt:
                stop.set()
    finally:
        if out is not None:
            handle.close()


@app.command("purge")
def purge_command(ctx: typer.Context) -> None:
    """Delete content older than audit.retention_days now (serve also does it every
    audit.purge_interval_s); the chain stays, and the purge is itself a chained record."""
    from supportllm.audit.retention import purge

    settings, engine = _engine(ctx)
    done = purge(engine, settings.audit.retention_days)
    console().print(
        f"purged the content of {done.count:,} record(s) older than "
        f"{settings.audit.retention_days:g} days (before {_when(done.cutoff_ts)}); purge "
        f"record {done.seq}",
        soft_wrap=True,
    )


@app.command("retention-report")
def retention_report_command(ctx: typer.Context) -> None:
    """The evidence an auditor samples: the policy, the last purges, and that nothing older
    than the policy remains."""
    from supportllm.audit.retention import retention_report

    settings, engine = _engine(ctx)
    a = settings.audit
    report = retention_report(engine, a.retention_days)
    out = console()
    out.print(
        f"policy: content (messages and replies) is kept {a.retention_days:g} days "
        f"(audit.retention_days), purged every {a.purge_interval_s:g} s by `serve`; chained "
        f"records are kept; content logging is {'on' if a.log_content else 'off'}",
        soft_wrap=True,
    )
    table = Table("purge record", "when", "cut-off", "content deleted", "seq range")
    for p in report.purges:
        span = f"{p.get('first_seq')}–{p.get('last_seq')}" if p.get("count") else "–"
        table.add_row(
            str(p["seq"]), _when(p.get("ts")), _when(p.get("cutoff_ts")), str(p.get("count")), span
        )
    out.print(table if report.purges else "no purge has run yet")
    oldest = (
        f"{(time.time() - report.oldest_content_ts) / 86_400:.1f} days old"
        if report.oldest_content_ts is not None
        else "none kept"
    )
    out.print(
        f"{report.records:,} chained records; {report.content_rows:,} with content, the oldest "
        f"{oldest}; older than the policy now: {report.older_than_policy:,}",
        soft_wrap=True,
    )
    if report.holds:
        out.print(
            styled(
                "[green]holds[/]: no content older than {} days remains", f"{a.retention_days:g}"
            )
        )
    else:
        out.print(
            styled(
                "[yellow]{} record(s) hold content older than the policy[/] — run `supportllm "
                "audit purge` (serve purges every audit.purge_interval_s)",
                report.older_than_policy,
            ),
            soft_wrap=True,
        )
        raise typer.Exit(1)


@app.command("public-key")
def public_key_command(ctx: typer.Context) -> None:
    """Print the checkpoint-signing public key for the auditor (created with the key pair on the
    gateway's first start)."""
    from supportllm.audit.signing import load_signer

    settings = settings_from(ctx)
    typer.echo(load_signer(settings.audit_dir(), create=False).public)
