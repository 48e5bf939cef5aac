"""``supportllm replay``: tickets through the production pipeline for each candidate model."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from supportllm.cli.common import console, err_console, require_finite, settings_from, styled


def register(app: typer.Typer) -> None:
    app.command("replay")(replay_command)


def replay_command(
    ctx: typer.Context,
    candidate: Annotated[
        list[str] | None,
        typer.Option(
            "--candidate",
            help="NAME=URL\\[@MODEL] of an OpenAI-compatible endpoint (repeat), e.g. "
            "qwen7b=http://gpu:8000/v1 or gpt4o=https://api.openai.com/v1@gpt-4o; or a model "
            "alias of this project (support) for the engine `serve` uses.",
        ),
    ] = None,
    models: Annotated[
        str | None,
        typer.Option(help="Several candidates at once, comma-separated NAME=URL\\[@MODEL]."),
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
            help="Folder for the run (its name is the run's id). Default: "
            "runs/replay-<tickets>-<candidates>[-sample<N>], so the same command again resumes.",
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
    from supportllm.evals.replay import resolve_candidate
    from supportllm.evals.replay_job import ReplayJob, default_folder, run_replay, saved_count

    require_finite(locals())
    specs = list(candidate or []) + [m for m in (models or "").split(",") if m.strip()]
    if not specs:
        raise typer.BadParameter(
            "name at least one candidate: --candidate NAME=URL", param_hint="--candidate"
        )
    if sum((tickets is not None, ticket_set is not None, demo)) != 1:
        raise typer.BadParameter("give exactly one of --tickets FILE, --set NAME or --demo")
    settings = settings_from(ctx, log_requests_to_stdout=False)
    candidates = [resolve_candidate(spec, settings) for spec in specs]
    folder = out or default_folder(
        [c.name for c in candidates], tickets=tickets, ticket_set=ticket_set, demo=demo,
        sample=sample, seed=seed,
    )  # fmt: skip
    resuming = (folder / "replay.json").is_file()
    job = ReplayJob(
        candidates, folder, tickets, ticket_set, demo, sample, seed, concurrency, retries,
        max_tokens, timeout,
    )  # fmt: skip
    names = [c.name for c in candidates]
    console().print(
        f"replay '{folder.resolve().name}'"
        + (" (resuming: finished replies are kept)" if resuming else "")
        + f": tickets from {'the demo' if demo else tickets or ticket_set} × {len(candidates)} "
        f"candidates ({', '.join(names)}) → {folder}/",
        soft_wrap=True,
        markup=False,
    )
    shown = _Bars()
    try:
        outcome = run_replay(job, settings, shown)
    except KeyboardInterrupt:
        shown.close()
        if (folder / "replay.json").is_file():
            done, total = saved_count(folder)
            err_console().print(
                f"interrupted: {done} of {total} replies are saved (in the database, and listed "
                f"in {folder}/replies.jsonl). Run the same command again to resume; finished "
                "replies are kept.",
                soft_wrap=True,
                markup=False,
            )
        else:
            err_console().print("interrupted before the first reply; nothing was saved")
        raise typer.Exit(130) from None
    finally:
        shown.close()
    for problem in outcome.problems[:5]:
        err_console().print(styled("[yellow]skipped[/] {}", problem), soft_wrap=True)
    _print_summary(outcome.rows, names)
    console().print(f"results: {folder}/ (replay.json, replies.jsonl); stored in the database")


class _Bars:
    """A progress bar per candidate, with the failures counted."""

    def __init__(self) -> None:
        self.bar = Progress(
            TextColumn("{task.description:<16}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=err_console(),
        )
        self._status: Any = None
        self._tasks: dict[str, Any] = {}
        self._failed: dict[str, int] = {}

    def starting(self) -> None:
        self._status = err_console().status(
            "starting the pipeline for each candidate (loading the knowledge base and its "
            "embedder takes a few seconds)…"
        )
        self._status.start()

    def started(self, totals: dict[str, tuple[int, int]]) -> None:
        self._stop_status()
        self.bar.start()
        for name, (total, done) in totals.items():
            self._tasks[name] = self.bar.add_task(name, total=total, completed=done, failed="")
            self._failed[name] = 0

    def replied(self, candidate: str, result: Any) -> None:
        if result.status == "failed":
            self._failed[candidate] += 1
        failed = self._failed[candidate]
        self.bar.update(
            self._tasks[candidate],
            advance=1,
            failed=f"[red]{failed} failed[/]" if failed else "",
        )

    def _stop_status(self) -> None:
        if self._status is not None:
            self._status.stop()
            self._status = None

    def close(self) -> None:
        self._stop_status()
        self.bar.stop()


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
