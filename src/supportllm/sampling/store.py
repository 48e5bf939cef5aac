"""Live samples in the database, and the writer thread that puts them there.

The gateway hands a sample over on the event loop (a deque append); one thread turns it into
a row — the PII redaction included — and inserts in batches, so the loop never waits on the
redactor or the database. The queue is bounded: when the writer falls behind (the database is
down), new samples are dropped and counted, never held without limit.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import orjson
from sqlalchemy import Engine, Table, func, select

from supportllm.store.models import LiveSample

_LOG = logging.getLogger("supportllm.sampling")
_TABLE = cast(Table, LiveSample.__table__)
_PASSAGE_FIELDS = ("id", "title", "url")


@dataclass(frozen=True, slots=True)
class Offered:
    """A sample as the gateway handed it over: the finished request's log record, the
    client's messages and the reply (turned into a row in the writer thread)."""

    record: Mapping[str, Any]
    messages: Any
    reply: str | None
    passages: list[dict[str, Any]]


def customer_turns(messages: Any) -> list[dict[str, str]]:
    """The conversation without system prompts and tool plumbing: user and assistant turns
    as plain text (text parts of multi-part content joined)."""
    turns: list[dict[str, str]] = []
    if not isinstance(messages, list):
        return turns
    for message in messages:
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            continue
        content = message.get("content")
        if isinstance(content, list):
            content = "\n".join(
                str(part.get("text", ""))
                for part in content
                if isinstance(part, dict) and part.get("type") == "text"
            )
        if isinstance(content, str) and content.strip():
            turns.append({"role": str(message["role"]), "content": content})
    return turns


def to_row(
    offered: Offered, *, store_content: bool, redact: Callable[[Any], Any] | None
) -> dict[str, Any]:
    """The table row of a sample; content redacted with ``redact`` (guard.pii) when given."""
    record = offered.record
    turns: Any = customer_turns(offered.messages) if store_content else None
    reply = offered.reply if store_content else None
    redacted = False
    if store_content and redact is not None:
        content = redact({"messages": turns, "reply": reply})
        turns, reply, redacted = content["messages"], content["reply"], True
    passages = [
        {k: p.get(k) for k in _PASSAGE_FIELDS} for p in offered.passages if isinstance(p, dict)
    ]
    return {
        "request_id": str(record.get("request_id", ""))[:100],
        "ts": float(record.get("ts") or time.time()),
        "alias": str(record.get("model") or "")[:100],
        "route": str(record.get("route") or "fixed")[:16],
        "upstream": _text(record.get("upstream") or record.get("engine"), 200),
        "arm": _text(record.get("arm"), 32),
        "rollout_id": record.get("rollout_id"),
        "fallback": bool(record.get("fallback", False)),
        "channel": _text(record.get("channel"), 50),
        "team": _text(record.get("team"), 100),
        "lang": _text(record.get("lang"), 16),
        "messages": None if turns is None else orjson.dumps(turns).decode(),
        "reply": reply,
        "redacted": redacted,
        "passages": orjson.dumps(passages).decode(),
        "prompt_tokens": record.get("prompt_tokens"),
        "completion_tokens": record.get("completion_tokens"),
        "ttft_ms": record.get("ttft_ms"),
        "total_ms": record.get("total_ms"),
    }


def _text(value: Any, limit: int) -> str | None:
    return None if value is None else str(value)[:limit]


def day_start(day: date) -> float:
    """The UTC midnight starting ``day``, as a Unix time."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()


@dataclass(frozen=True)
class SampleFilter:
    """Which samples to list or export: UTC days (both inclusive), strata, how many."""

    since: date | None = None
    until: date | None = None
    alias: str | None = None
    route: str | None = None
    arm: str | None = None
    limit: int | None = None
    with_content: bool = False


class SampleStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def insert(self, rows: list[dict[str, Any]]) -> None:
        """Insert rows; a request id seen before (a replayed request id) is skipped."""
        with self.engine.begin() as conn:
            ids = [row["request_id"] for row in rows]
            known = set(
                conn.execute(select(_TABLE.c.request_id).where(_TABLE.c.request_id.in_(ids)))
                .scalars()
                .all()
            )
            fresh: dict[str, dict[str, Any]] = {}
            for row in rows:
                if row["request_id"] not in known:
                    fresh.setdefault(row["request_id"], row)
            if fresh:
                conn.execute(_TABLE.insert(), list(fresh.values()))

    def count_since(self, ts: float) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count()).select_from(_TABLE).where(_TABLE.c.ts >= ts)
                ).scalar_one()
            )

    def find(self, where: SampleFilter, *, newest_first: bool = False) -> list[dict[str, Any]]:
        query = select(_TABLE)
        if where.since is not None:
            query = query.where(_TABLE.c.ts >= day_start(where.since))
        if where.until is not None:
            query = query.where(_TABLE.c.ts < day_start(where.until + timedelta(days=1)))
        for column, value in (("alias", where.alias), ("route", where.route), ("arm", where.arm)):
            if value is not None:
                query = query.where(_TABLE.c[column] == value)
        if where.with_content:
            query = query.where(_TABLE.c.messages.is_not(None), _TABLE.c.reply.is_not(None))
        order = _TABLE.c.ts.desc() if newest_first else _TABLE.c.ts
        query = query.order_by(order, _TABLE.c.id)
        if where.limit is not None:
            query = query.limit(where.limit)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]


class SampleWriter:
    """One thread that redacts and inserts what ``submit`` queued, in batches."""

    def __init__(
        self,
        store: SampleStore,
        *,
        store_content: bool,
        redact: Callable[[Any], Any] | None,
        max_pending: int,
        interval_s: float = 0.2,
        max_batch: int = 500,
    ) -> None:
        self.store = store
        self.store_content = store_content
        self.redact = redact
        self.max_pending = max_pending
        self.interval_s = interval_s
        self.max_batch = max_batch
        self.written = 0
        self.dropped = 0  # the queue was full
        self.failed = 0  # a batch the database refused
        self._pending: deque[Offered] = deque()
        self._wake = threading.Event()
        self._stopping = False
        self._failing = False
        self._thread: threading.Thread | None = None

    def submit(self, offered: Offered) -> bool:
        """Queue a sample (on the event loop: an append); False when full (dropped, counted)."""
        if len(self._pending) >= self.max_pending:
            self.dropped += 1
            return False
        self._pending.append(offered)
        return True

    @property
    def pending(self) -> int:
        return len(self._pending)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="sample-writer", daemon=True)
        self._thread.start()

    def close(self, timeout_s: float = 10.0) -> None:
        """Write what is queued, then stop the thread."""
        self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None
            if self._pending:
                _LOG.warning(
                    "%d live sample(s) not stored at shutdown (still being written after %.0f s)",
                    len(self._pending),
                    timeout_s,
                )
        else:
            self.flush()

    def _run(self) -> None:
        while not self._stopping:
            self._wake.wait(self.interval_s)
            self.flush()
        self.flush()

    def flush(self) -> None:
        """Write what is queued (blocking: the writer thread, or at shutdown)."""
        while self._pending:
            count = min(len(self._pending), self.max_batch)
            batch = [self._pending.popleft() for _ in range(count)]
            rows = []
            for offered in batch:
                try:
                    rows.append(
                        to_row(offered, store_content=self.store_content, redact=self.redact)
                    )
                except Exception as error:  # noqa: BLE001 - one odd request must not stop it
                    self.failed += 1
                    _LOG.warning("live sample could not be prepared: %s", error)
            try:
                self.store.insert(rows)
            except Exception as error:  # noqa: BLE001 - the writer must outlive the database
                self.failed += len(rows)
                if not self._failing:  # one warning while it lasts, not one per batch
                    _LOG.warning("live samples cannot be stored (dropped meanwhile): %s", error)
                self._failing = True
                return
            if self._failing:
                _LOG.warning("live samples are stored again; %d were lost", self.failed)
                self._failing = False
            self.written += len(rows)
