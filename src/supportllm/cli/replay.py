"""``supportllm replay``: tickets through the production pipeline for each candidate model."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import statistics
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from supportllm.cli.common import console, err_console, require_finite, settings_from
from supportllm.errors import InvalidInputError

FORMAT = "supportllm.replay/1"


def register(app: typer.Typer) -> None:
    app.command("replay")(replay_command)


def replay_command(
    ctx: typer.Context,
    candidate: Annotated[
        list[str] | None,
        typer.Option(
            "--candidate",
            help="NAME=URL[@MODEL] of an OpenAI-compatible endpoint (repeat), e.g. "
            "qwen7b=http://gpu:8000/v1 or gpt4o=https://api.openai.com/v1@gpt-4o; or a model "
            "alias of this project (support) for the engine `serve` uses.",
        ),
    ] = None,
    models: Annotated[
        str | None,
        typer.Option(help="Several candidates at once, comma-separated NAME=URL[@MODEL]."),
    ] = None,
    tickets: Annotated[
        Path | None,
        typer.Option(help="Tickets file (.jsonl/.csv) to import and replay.", dir_okay=False),
    ] = None,
    ticket_set: Annotated[
        str | None, typer.Option("--set", help="A ticket set already imported.")
    ] = None,
    demo: Annotated[bool, typer.Option(help="Replay the 30 demo tickets.")] = False,
    sample: Annotated[
        int | None,
        typer.Option(
            help="Tickets to sample, stratified by language and channel (default: all).", min=1
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed for the sample.")] = 0,
    concurrency: Annotated[int, typer.Option(help="Requests in flight.", min=1)] = 8,
    retries: Annotated[int, typer.Option(help="Retries of a failed request.", min=0)] = 2,
    max_tokens: Annotated[int, typer.Option(help="Longest reply.", min=1)] = 300,
    timeout: Annotated[float, typer.Option(help="Seconds one reply may take.", min=1)] = 300.0,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Folder for the run (its name is the run's id); run again to resume "
            "(default: runs/replay-<time>).",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Replay tickets through retrieval + channel template + model for each candidate.

    Replies, sources, tokens, latency and errors are stored in the database as they arrive;
    running the same command again continues where it stopped (finished replies are kept,
    failed ones retried). The output folder gets replay.json and replies.jsonl (ticket ids,
    never ticket text).
    """
    from supportllm.demo import demo_tickets_path
    from supportllm.evals.replay import (
        ReplayPlan,
        ReplayStore,
        candidate_gateway,
        replay,
        resolve_candidate,
    )
    from supportllm.evals.tickets_db import TicketStore, stratified_sample
    from supportllm.store.db import migrate, open_database
    from supportllm.tickets import read_tickets

    require_finite(locals())
    specs = list(candidate or []) + [m for m in (models or "").split(",") if m.strip()]
    if not specs:
        raise typer.BadParameter(
            "name at least one candidate: --candidate NAME=URL", param_hint="--candidate"
        )
    settings = settings_from(ctx, log_requests_to_stdout=False)
    candidates = [resolve_candidate(spec, settings) for spec in specs]
    names = [c.name for c in candidates]
    if len(set(names)) != len(names):
        raise InvalidInputError(f"candidate names must differ: {', '.join(names)}")
    if sum((tickets is not None, ticket_set is not None, demo)) != 1:
        raise typer.BadParameter("give exactly one of --tickets FILE, --set NAME or --demo")
    engine = open_database(settings.resolved_database_url())
    migrate(engine)
    store = TicketStore(engine)
    if tickets is not None or demo:
        source = demo_tickets_path() if demo else tickets
        assert source is not None
        ticket_set = "demo" if demo else source.stem
        read = read_tickets(source)
        store.import_tickets(ticket_set, read.tickets)
        for problem in read.problems[:5]:
            err_console().print(f"[yellow]skipped[/] {problem}", soft_wrap=True)
    assert ticket_set is not None
    pool = store.tickets(ticket_set)
    if not pool:
        raise InvalidInputError(f"no tickets in set '{ticket_set}': import them first")
    chosen = stratified_sample(pool, sample, seed)
    folder = out or Path("runs") / f"replay-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}"
    run_id = folder.resolve().name
    config = {
        "tickets": [item.id for item in chosen],
        "candidates": [c.__dict__ for c in candidates],
        "sample": sample,
        "seed": seed,
        "max_tokens": max_tokens,
    }
    replays = ReplayStore(engine)
    replays.open_run(run_id, ticket_set, config)
    plan = ReplayPlan(
        run_id, ticket_set, chosen, candidates, concurrency, retries, max_tokens, timeout,
        alias=settings.model_aliases[0],
    )  # fmt: skip
    console().print(
        f"replay '{run_id}': {len(chosen)} tickets from set '{ticket_set}' × "
        f"{len(candidates)} candidates ({', '.join(names)})"
    )
    bar = Progress(
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]}"),
        TimeElapsedColumn(),
        console=err_console(),
    )
    with contextlib.ExitStack() as stack:
        endpoints: dict[str, tuple[str, str]] = {}
        with console().status(
            "Starting the pipeline for each candidate (knowledge base, templates)…"
        ):
            for cand in candidates:
                endpoints[cand.name] = stack.enter_context(candidate_gateway(settings, cand))
        tasks = {
            cand.name: bar.add_task(cand.name, total=len(chosen), failed="") for cand in candidates
        }
        failed: dict[str, int] = {c.name: 0 for c in candidates}
        already = replays.finished(run_id)
        for cand in candidates:
            bar.update(tasks[cand.name], completed=sum(1 for _, n in already if n == cand.name))

        def progress(name: str, result: Any) -> None:
            if result.status == "failed":
                failed[name] += 1
            bar.update(
                tasks[name],
                advance=1,
                failed=f"[red]{failed[name]} failed[/]" if failed[name] else "",
            )

        with bar:
            asyncio.run(
                replay(
                    plan,
                    endpoints,
                    replays,
                    progress=progress,
                    default_channel=settings.default_channel,
                )
            )
    rows = replays.replies(run_id)
    _write_outputs(folder, run_id, ticket_set, config, rows, store)
    _print_summary(rows, names)
    console().print(f"results: {folder}/ (replay.json, replies.jsonl); stored in the database")


def _write_outputs(
    folder: Path,
    run_id: str,
    ticket_set: str,
    config: dict[str, Any],
    rows: list[dict[str, Any]],
    store: Any,
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tickets = {item.id: item.ticket for item in store.tickets(ticket_set)}
    with (folder / "replies.jsonl").open("w") as handle:
        for row in rows:
            record = {
                "ticket": tickets[row["ticket_id"]].id,
                "lang": tickets[row["ticket_id"]].lang,
                "channel": tickets[row["ticket_id"]].channel,
                "candidate": row["candidate"],
                "status": row["status"],
                "reply": row["text"],
                "sources": json.loads(row["sources"] or "[]"),
                "prompt_tokens": row["prompt_tokens"],
                "completion_tokens": row["completion_tokens"],
                "latency_ms": row["latency_ms"],
                "error": row["error"],
                "attempts": row["attempts"],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    manifest = {
        "format": FORMAT,
        "run_id": run_id,
        "ticket_set": ticket_set,
        "tickets": len(config["tickets"]),
        "candidates": config["candidates"],
        "sample": config["sample"],
        "seed": config["seed"],
        "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    (folder / "replay.json").write_text(json.dumps(manifest, indent=2) + "\n")


def _print_summary(rows: list[dict[str, Any]], names: list[str]) -> None:
    table = Table(
        "candidate",
        "replies",
        "failed",
        "latency p50 (ms)",
        "output tokens (mean)",
        "with sources",
        "first error",
    )
    for name in names:
        mine = [r for r in rows if r["candidate"] == name]
        done = [r for r in mine if r["status"] == "done"]
        failed = [r for r in mine if r["status"] == "failed"]
        latency = statistics.median(r["latency_ms"] for r in done) if done else None
        tokens = [r["completion_tokens"] for r in done if r["completion_tokens"] is not None]
        grounded = sum(1 for r in done if json.loads(r["sources"] or "[]"))
        table.add_row(
            name,
            str(len(done)),
            str(len(failed)),
            "–" if latency is None else f"{latency:,.0f}",
            "–" if not tokens else f"{statistics.fmean(tokens):.0f}",
            f"{grounded} of {len(done)}",
            (failed[0]["error"] or "")[:60] if failed else "",
        )
    console().print(table)
