"""Retention (P4.2): content older than ``audit.retention_days`` is deleted, the chain is kept,
and each purge is itself a chained record (policy, cut-off, range, count) — ``verify`` accepts
missing content only where such a record covers it, and ``retention_report`` shows the evidence
an auditor samples."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Engine, delete, func, select

from supportllm.audit.append import CONTENT, RECORDS, Entry, append


@dataclass(frozen=True)
class Purge:
    seq: int
    cutoff_ts: float
    count: int
    first_seq: int | None
    last_seq: int | None


def purge(engine: Engine, retention_days: float, *, now: float | None = None) -> Purge:
    """Delete content older than the policy. The purge record is chained first: a crash between
    the two leaves content that is still there, never content missing without a record."""
    now = time.time() if now is None else now
    cutoff = round(now - retention_days * 86_400, 3)  # the same value chained and applied
    with engine.connect() as conn:
        count, first, last = conn.execute(
            select(func.count(), func.min(CONTENT.c.seq), func.max(CONTENT.c.seq)).where(
                CONTENT.c.ts < cutoff
            )
        ).one()
    fields = {
        "action": "purge", "policy_days": retention_days, "cutoff_ts": cutoff,
        "first_seq": first, "last_seq": last, "count": int(count), "ts": now,
    }  # fmt: skip
    appended = append(engine, [Entry("purge", fields)])
    if first is not None and last is not None:
        # In slices: a long delete would hold SQLite's write lock past the writer's patience.
        for start in range(int(first), int(last) + 1, 5000):
            with engine.begin() as conn:
                conn.execute(
                    delete(CONTENT).where(
                        CONTENT.c.ts < cutoff,
                        CONTENT.c.seq >= start,
                        CONTENT.c.seq < start + 5000,
                    )
                )
    return Purge(appended.last_seq, cutoff, int(count), first, last)


@dataclass(frozen=True)
class RetentionReport:
    policy_days: float
    purges: list[dict[str, Any]]  # the newest first
    content_rows: int
    oldest_content_ts: float | None
    older_than_policy: int  # content rows past the policy now (0 right after a purge)
    records: int

    @property
    def holds(self) -> bool:
        return self.older_than_policy == 0


def retention_report(
    engine: Engine, policy_days: float, *, now: float | None = None, last: int = 10
) -> RetentionReport:
    now = time.time() if now is None else now
    cutoff = now - policy_days * 86_400
    with engine.connect() as conn:
        purges = [
            orjson.loads(row.body)
            for row in conn.execute(
                select(RECORDS.c.body)
                .where(RECORDS.c.kind == "purge")
                .order_by(RECORDS.c.seq.desc())
                .limit(last)
            )
        ]
        rows, oldest = conn.execute(select(func.count(), func.min(CONTENT.c.ts))).one()
        older = conn.execute(select(func.count()).where(CONTENT.c.ts < cutoff)).scalar_one()
        records = conn.execute(select(func.count()).select_from(RECORDS)).scalar_one()
    return RetentionReport(policy_days, purges, int(rows), oldest, int(older), int(records))
