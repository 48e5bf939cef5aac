"""``supportllm rollout``: canary roll-outs of a model alias (docs/operate-rollouts.md)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import Engine

from supportllm.audit.setup import record_admin
from supportllm.cli.common import console, parse_duration, settings_from, styled
from supportllm.config import Settings
from supportllm.config_operate import RolloutSettings
from supportllm.config_pools import ENGINE_UPSTREAM
from supportllm.errors import ConfigError
from supportllm.rollout.gates import quantile
from supportllm.rollout.manage import (
    RolloutPlan,
    RolloutReport,
    abort_rollout,
    parse_steps,
    promote_rollout,
    rollout_reports,
    start_rollout,
)
from supportllm.store.db import migrate, open_database

app = typer.Typer(
    help="Canary roll-outs: shift an alias to a new upstream step by step, gated on errors, "
    "p95 TTFT and judged answer quality; automatic rollback.",
    no_args_is_help=True,
)


def _database(settings: Settings) -> Engine:
    engine = open_database(settings.resolved_database_url())
    migrate(engine)
    return engine


def _rollout_settings(settings: Settings) -> RolloutSettings:
    return settings.rollout


def _upstream_names(settings: Settings) -> list[str]:
    return sorted([ENGINE_UPSTREAM, *settings.upstreams])


def _serves(settings: Settings) -> Callable[[str], str | None]:
    """What an alias serves without a roll-out: its pool's first replica."""

    def first(alias: str) -> str | None:
        pool = settings.pools.get(alias)
        return pool.upstreams[0] if pool is not None else ENGINE_UPSTREAM

    return first


@app.command("start")
def start(
    ctx: typer.Context,
    alias: Annotated[str, typer.Argument(help="The model alias clients call, e.g. support.")],
    to: Annotated[str, typer.Option("--to", help="The canary: the new upstream.")],
    steps: Annotated[
        str, typer.Option(help="Canary shares in %, increasing, e.g. 5,25,50,100.")
    ] = "5,25,50,100",
    interval: Annotated[
        str, typer.Option(help="Least time at each step, e.g. 30s, 30m, 2h.")
    ] = "30m",
    from_: Annotated[
        str | None,
        typer.Option("--from", help="The incumbent (default: what the alias serves now)."),
    ] = None,
) -> None:
    """Start shifting ALIAS to the upstream --to, one step per interval while every gate
    passes."""
    shares = parse_steps(steps)
    seconds = parse_duration(interval, "--interval").total_seconds()
    if seconds <= 0:
        raise typer.BadParameter("must be longer than 0s", param_hint="--interval")
    settings = settings_from(ctx)
    if settings.rollout.quality_gate and settings.rollout.judge_upstream is None:
        raise ConfigError(
            "the quality gate needs a judge: set rollout.judge_upstream to an upstream that "
            "judges the pairs (a strong model), or switch the gate off with "
            "rollout.quality_gate = false"
        )
    rollout = start_rollout(
        _database(settings),
        RolloutPlan(alias, to, shares, seconds, from_),
        aliases=settings.alias_names(),
        upstreams=_upstream_names(settings),
        current_upstream=_serves(settings),
    )
    record_admin(settings, "rollout.start", {"rollout_id": rollout.id, "alias": alias,
                 "canary": rollout.canary, "incumbent": rollout.incumbent,
                 "steps": list(rollout.steps), "interval_s": seconds})  # fmt: skip
    path = " → ".join(f"{share:g} %" for share in rollout.steps)
    console().print(
        styled(
            "Roll-out {} of '{}': canary [bold]{}[/] against {}, {} (each step at least {}).",
            rollout.id,
            alias,
            rollout.canary,
            rollout.incumbent,
            path,
            interval,
        )
    )
    console().print(
        "The gateway applies it at its next tick; follow it with `supportllm rollout status`."
    )


@app.command("promote")
def promote(ctx: typer.Context, alias: Annotated[str, typer.Argument(help="The alias.")]) -> None:
    """Send every conversation of ALIAS to the canary now, overriding the gates (recorded)."""
    settings = settings_from(ctx)
    happened = promote_rollout(_database(settings), alias)
    record_admin(settings, "rollout.promote", dict(happened))
    console().print(styled("[green]{}[/] ({})", happened["message"], alias))


@app.command("abort")
def abort(
    ctx: typer.Context,
    alias: Annotated[str, typer.Argument(help="The alias.")],
    reason: Annotated[str | None, typer.Option(help="Why, for the record.")] = None,
) -> None:
    """Send every conversation of ALIAS back to the incumbent now (recorded)."""
    settings = settings_from(ctx)
    happened = abort_rollout(_database(settings), alias, reason)
    record_admin(settings, "rollout.abort", dict(happened))
    console().print(styled("[yellow]{}[/] ({})", happened["message"], alias))


@app.command("status")
def status(
    ctx: typer.Context,
    alias: Annotated[str | None, typer.Argument(help="Only this alias.")] = None,
    last: Annotated[int, typer.Option(help="How many roll-outs to show.", min=1)] = 3,
) -> None:
    """Roll-outs, newest first: step, share, both arms' counters, the gates, the events."""
    settings = settings_from(ctx)
    reports = rollout_reports(_database(settings), _rollout_settings(settings), alias, limit=last)
    out = console()
    if not reports:
        out.print(
            f"No roll-outs{f' of {alias!r}' if alias else ''} yet: see "
            "`supportllm rollout start --help`."
        )
        return
    for report in reports:
        _show(report)


_STATE = {
    "pass": "[green]pass[/]",
    "fail": "[red]fail[/]",
    "inconclusive": "[yellow]inconclusive[/]",
}


def _show(report: RolloutReport) -> None:
    out = console()
    r = report.rollout
    step = f"step {r.step_index + 1}/{len(r.steps)}"
    age = _ago(r.step_started_at) if r.status == "running" else _ago(r.updated_at)
    out.print(
        styled(
            "[bold]Roll-out {} of '{}'[/]: canary {} against {} — {} at {} % ({}, {}, every {})",
            r.id,
            r.alias,
            r.canary,
            r.incumbent,
            r.status,
            f"{r.share:g}",
            step,
            age,
            _duration(r.interval_s),
        )
    )
    if r.reason:
        out.print(styled("  reason: {}", r.reason))
    arms = Table("arm", "upstream", "requests", "error rate", "p95 TTFT", title="this step")
    s = report.stats
    for name, upstream, requests, errors, ttft in (
        ("incumbent", r.incumbent, s.incumbent_requests, s.incumbent_errors, s.incumbent_ttft),
        ("canary", r.canary, s.canary_requests, s.canary_errors, s.canary_ttft),
    ):
        p95 = quantile(ttft, 0.95)
        arms.add_row(
            name,
            upstream,
            str(requests),
            f"{errors / requests:.2%}" if requests else "-",
            f"{p95:.0f} ms" if p95 is not None else "-",
        )
    out.print(arms)
    wins, losses, ties = report.judgements
    out.print(
        f"  judged pairs (whole roll-out): canary better {wins}, incumbent better {losses}, "
        f"ties {ties}; this step: {s.shadows} shadow requests, {s.judge_tokens} judge tokens"
    )
    gates = Table("gate", "state", "detail")
    for gate in report.gates:
        gates.add_row(gate.name, styled(_STATE[gate.state]), gate.message)
    out.print(gates)
    events = Table("time (UTC)", "event", "by", "share", "message", title="events")
    for happened in report.events[-10:]:
        when = datetime.fromtimestamp(happened["ts"], UTC).strftime("%Y-%m-%d %H:%M:%S")
        events.add_row(
            when,
            happened["kind"],
            happened["actor"],
            f"{happened['share']:g} %",
            happened["message"],
        )
    out.print(events)


def _duration(seconds: float) -> str:
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds / size:g}{unit}"
    return f"{seconds:g}s"


def _ago(ts: float) -> str:
    seconds = max(0.0, time.time() - ts)
    if seconds < 120:
        return f"{seconds:.0f}s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.1f} h ago"
