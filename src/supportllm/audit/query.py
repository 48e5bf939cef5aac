"""Finding records for an incident: one request's whole decision path, or a search."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Engine, select

from supportllm.audit.append import CONTENT, RECORDS


@dataclass(frozen=True)
class Found:
    seq: int
    hash: str
    record: dict[str, Any]
    content: dict[str, Any] | None  # None: not logged, or purged


def _found(rows: list[Any], contents: dict[int, bytes]) -> list[Found]:
    return [
        Found(
            row.seq,
            row.hash,
            orjson.loads(row.body),
            orjson.loads(contents[row.seq]) if row.seq in contents else None,
        )
        for row in rows
    ]


def _contents(engine: Engine, seqs: list[int]) -> dict[int, bytes]:
    if not seqs:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(
            select(CONTENT.c.seq, CONTENT.c.content).where(CONTENT.c.seq.in_(seqs))
        ).all()
    return {int(r.seq): bytes(r.content) for r in rows}


def by_request(engine: Engine, request_id: str) -> list[Found]:
    with engine.connect() as conn:
        rows = list(
            conn.execute(
                select(RECORDS).where(RECORDS.c.request_id == request_id).order_by(RECORDS.c.seq)
            ).all()
        )
    return _found(rows, _contents(engine, [r.seq for r in rows]))


def status_range(text: str) -> tuple[int, int]:
    """``5xx`` -> (500, 599), ``429`` -> (429, 429)."""
    text = text.strip().lower()
    if len(text) == 3 and text.endswith("xx") and text[0].isdigit():
        low = int(text[0]) * 100
        return low, low + 99
    if text.isdigit():
        return int(text), int(text)
    raise ValueError(f"'{text}' is not a status (e.g. 503) or a class (e.g. 5xx)")


def search(
    engine: Engine,
    *,
    team: str | None = None,
    since: float | None = None,
    until: float | None = None,
    status: tuple[int, int] | None = None,
    kind: str | None = None,
    limit: int = 100,
) -> list[Found]:
    query = select(RECORDS)
    if team is not None:
        query = query.where(RECORDS.c.team == team)
    if since is not None:
        query = query.where(RECORDS.c.ts >= since)
    if until is not None:
        query = query.where(RECORDS.c.ts < until)
    if status is not None:
        query = query.where(RECORDS.c.status >= status[0], RECORDS.c.status <= status[1])
    if kind is not None:
        query = query.where(RECORDS.c.kind == kind)
    with engine.connect() as conn:
        rows = list(conn.execute(query.order_by(RECORDS.c.seq.desc()).limit(limit)).all())
    rows.reverse()
    return _found(rows, {})
