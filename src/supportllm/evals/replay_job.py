"""The replay as a typed call: tickets (a file, an imported set or the demo) through the
production pipeline for each candidate, stored and resumable, with replay.json and
replies.jsonl in the run folder. `supportllm replay` and the trial both call ``run_replay``."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from supportllm.config import Settings
from supportllm.errors import InvalidInputError
from supportllm.evals.replay import (
    Candidate,
    ReplayPlan,
    ReplayStore,
    ReplyResult,
    candidate_gateway,
    replay,
)
from supportllm.evals.tickets_db import TicketStore, stratified_sample

FORMAT = "supportllm.replay/1"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def default_folder(
    candidates: list[str],
    *,
    tickets: Path | None = None,
    ticket_set: str | None = None,
    demo: bool = False,
    sample: int | None = None,
    seed: int = 0,
    runs: Path = Path("runs"),
) -> Path:
    """The run folder a replay gets without ``--out``: named after the ticket set and the
    candidates (and the sample), so the same command again finds it and resumes."""
    source = "demo" if demo else tickets.stem if tickets is not None else ticket_set or "tickets"
    parts = ["replay", source, *sorted(candidates)]
    if sample is not None:
        parts.append(f"sample{sample}" + (f"-seed{seed}" if seed else ""))
    name = _UNSAFE.sub("_", "-".join(parts)).strip("._-")[:120]
    return runs / name


@dataclass(frozen=True)
class ReplayJob:
    """One replay: which candidates, which tickets (exactly one of file, set, demo), where to."""

    candidates: list[Candidate]
    out: Path
    tickets: Path | None = None
    ticket_set: str | None = None
    demo: bool = False
    sample: int | None = None
    seed: int = 0
    concurrency: int = 8
    retries: int = 2
    max_tokens: int = 300
    timeout: float = 300.0


class ReplayProgress(Protocol):
    def starting(self) -> None:
        """The candidates' pipelines are being started (knowledge base, templates)."""

    def started(self, totals: dict[str, tuple[int, int]]) -> None:
        """Per candidate: (tickets in the run, already finished)."""

    def replied(self, candidate: str, result: ReplyResult) -> None: ...


class _Silent:
    def starting(self) -> None:
        pass

    def started(self, totals: dict[str, tuple[int, int]]) -> None:
        pass

    def replied(self, candidate: str, result: ReplyResult) -> None:
        pass


@dataclass
class ReplayOutcome:
    run_id: str
    folder: Path
    ticket_set: str
    tickets: int
    rows: list[dict[str, Any]]
    problems: list[str] = field(default_factory=list)  # ticket lines that could not be read


def run_replay(
    job: ReplayJob, settings: Settings, progress: ReplayProgress | None = None
) -> ReplayOutcome:
    from supportllm.demo import demo_tickets_path
    from supportllm.store.db import migrate, open_database
    from supportllm.tickets import read_tickets

    shown = progress or _Silent()
    names = [c.name for c in job.candidates]
    if not names:
        raise InvalidInputError("name at least one candidate: --candidate NAME=URL")
    if len(set(names)) != len(names):
        raise InvalidInputError(f"candidate names must differ: {', '.join(names)}")
    if sum((job.tickets is not None, job.ticket_set is not None, job.demo)) != 1:
        raise InvalidInputError("give exactly one of --tickets FILE, --set NAME or --demo")
    engine = open_database(settings.resolved_database_url())
    migrate(engine)
    store = TicketStore(engine)
    ticket_set = job.ticket_set
    problems: list[str] = []
    if job.tickets is not None or job.demo:
        source = demo_tickets_path() if job.demo else job.tickets
        assert source is not None
        ticket_set = "demo" if job.demo else source.stem
        read = read_tickets(source)
        store.import_tickets(ticket_set, read.tickets)
        problems = [str(problem) for problem in read.problems]
    assert ticket_set is not None
    pool = store.tickets(ticket_set)
    if not pool:
        raise InvalidInputError(f"no tickets in set '{ticket_set}': import them first")
    chosen = stratified_sample(pool, job.sample, job.seed)
    run_id = job.out.resolve().name
    config = {
        "tickets": [item.id for item in chosen],
        "candidates": [c.__dict__ for c in job.candidates],
        "sample": job.sample,
        "seed": job.seed,
        "max_tokens": job.max_tokens,
    }
    replays = ReplayStore(engine)
    replays.open_run(run_id, ticket_set, config)
    plan = ReplayPlan(
        run_id, ticket_set, chosen, job.candidates, job.concurrency, job.retries,
        job.max_tokens, job.timeout, alias=settings.model_aliases[0],
    )  # fmt: skip
    try:
        with contextlib.ExitStack() as stack:
            shown.starting()
            endpoints = {
                cand.name: stack.enter_context(candidate_gateway(settings, cand))
                for cand in job.candidates
            }
            already = replays.finished(run_id)
            shown.started(
                {name: (len(chosen), sum(1 for _, n in already if n == name)) for name in names}
            )
            asyncio.run(
                replay(
                    plan,
                    endpoints,
                    replays,
                    progress=shown.replied,
                    default_channel=settings.default_channel,
                )
            )
    finally:
        # Also after Ctrl-C or a failure: the folder shows what is saved (the database has it
        # all), and the same command resumes from there.
        rows = replays.replies(run_id)
        write_run_files(job.out, run_id, ticket_set, config, rows, store, _redactor(settings))
    return ReplayOutcome(run_id, job.out, ticket_set, len(chosen), rows, problems)


def saved_count(folder: Path) -> tuple[int, int]:
    """(finished replies, replies the run asks for) as the folder's replay.json records them."""
    manifest = json.loads((folder / "replay.json").read_text())
    return int(manifest.get("finished", 0)), int(manifest["tickets"]) * len(manifest["candidates"])


def _redactor(settings: Settings) -> Callable[[str], str] | None:
    """guard.pii: replies in the run folder's files are redacted (the database keeps them)."""
    if not settings.guard.pii.enabled:
        return None
    from supportllm.guard.pii import PIIRedactor

    return PIIRedactor(settings.guard.pii).redact


def write_run_files(
    folder: Path,
    run_id: str,
    ticket_set: str,
    config: dict[str, Any],
    rows: list[dict[str, Any]],
    store: TicketStore,
    redact: Callable[[str], str] | None = None,
) -> None:
    """replay.json and replies.jsonl: what `grade serve|judge|results` read (also written by
    `supportllm sample export` for live samples)."""
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
                "reply": redact(row["text"]) if redact and row["text"] else row["text"],
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
        "finished": sum(1 for row in rows if row["status"] == "done"),
        "sample": config["sample"],
        "seed": config["seed"],
        "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    (folder / "replay.json").write_text(json.dumps(manifest, indent=2) + "\n")
