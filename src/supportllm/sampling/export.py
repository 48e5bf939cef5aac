"""Live samples as a replay run: `grade serve`, `grade judge` and `grade results` work on
them exactly as on a replay.

Each sample becomes a ticket (the customer's side of the conversation) in a ticket set named
after the run, and its reply becomes the reply of a candidate named after the upstream that
answered (the engine's name when the gateway has one upstream per alias). The run folder gets
the replay's ``replay.json`` and ``replies.jsonl``; the database gets the run, the tickets and
the replies, which is what the grading commands read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from supportllm.config import Settings
from supportllm.errors import InvalidInputError
from supportllm.sampling.store import SampleFilter, SampleStore
from supportllm.tickets import Ticket

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class SampleExport:
    """Which samples (UTC days inclusive, strata, how many, oldest first) to which folder."""

    out: Path
    since: date | None = None
    until: date | None = None
    alias: str | None = None
    route: str | None = None
    arm: str | None = None
    limit: int | None = None


def candidate_name(sample: dict[str, Any]) -> str:
    """The candidate a sample's reply is graded as: the upstream that answered."""
    name = sample.get("upstream") or sample.get("alias") or "live"
    return _SAFE_NAME.sub("_", str(name)).strip("._-")[:100] or "live"


def ticket_body(turns: list[dict[str, str]]) -> str:
    """What the grader (and the judge) reads as the ticket: the customer's message, or the
    conversation up to the reply when there were several turns."""
    if len(turns) == 1:
        return turns[0]["content"]
    label = {"user": "Customer", "assistant": "Agent"}
    return "\n\n".join(f"{label.get(t['role'], t['role'])}: {t['content']}" for t in turns)


def export_samples(plan: SampleExport, settings: Settings) -> Path:
    """Write the run folder and its database rows; returns the folder. A second export to the
    same folder with the same samples changes nothing; with other samples it is refused."""
    from supportllm.evals.replay import ReplayStore, ReplyResult
    from supportllm.evals.replay_job import write_run_files
    from supportllm.evals.tickets_db import TicketStore
    from supportllm.store.db import migrate, open_database

    if plan.since and plan.until and plan.since > plan.until:
        raise InvalidInputError(f"--since {plan.since} is after --until {plan.until}")
    engine = open_database(settings.resolved_database_url())
    migrate(engine)
    where = SampleFilter(
        plan.since, plan.until, plan.alias, plan.route, plan.arm, plan.limit, with_content=True
    )
    samples = SampleStore(engine).find(where)
    if not samples:
        raise InvalidInputError(
            f"no live samples with stored content match ({_described(plan)}): check "
            "`supportllm sample list`; sampling.enabled and sampling.store_content must be on"
        )
    run_id = plan.out.resolve().name
    tickets_db = TicketStore(engine)
    tickets = [
        Ticket(
            id=sample["request_id"],
            body=ticket_body(json.loads(sample["messages"])) or "(no text)",
            lang=sample["lang"],
            channel=sample["channel"],
        )
        for sample in samples
    ]
    tickets_db.import_tickets(run_id, tickets)
    ids = {item.ticket.id: item.id for item in tickets_db.tickets(run_id)}
    names = sorted({candidate_name(s) for s in samples})
    config = {
        "tickets": sorted(ids[s["request_id"]] for s in samples),
        "candidates": [{"name": n, "url": "live", "model": None} for n in names],
        "sample": None,
        "seed": 0,
        "source": "live",
        "filter": {k: str(v) for k, v in vars(plan).items() if k != "out" and v is not None},
    }
    replays = ReplayStore(engine)
    replays.open_run(run_id, run_id, config)
    for sample in samples:
        result = ReplyResult(
            "done",
            sample["reply"],
            json.loads(sample["passages"] or "[]"),
            sample["prompt_tokens"],
            sample["completion_tokens"],
            sample["total_ms"],
        )
        replays.save(run_id, ids[sample["request_id"]], candidate_name(sample), result)
    rows = replays.replies(run_id)
    redact = None
    if settings.guard.pii.enabled:  # replies in the folder's files, as a replay's are
        from supportllm.guard.pii import PIIRedactor

        redact = PIIRedactor(settings.guard.pii).redact
    write_run_files(plan.out, run_id, run_id, config, rows, tickets_db, redact)
    return plan.out


def _described(plan: SampleExport) -> str:
    given = [f"{k} {v}" for k, v in vars(plan).items() if k != "out" and v is not None]
    return ", ".join(given) or "any"
