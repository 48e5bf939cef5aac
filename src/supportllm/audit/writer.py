"""The gateway's audit writer: records are handed over on the event loop (a deque append) and
committed by one thread in groups, so the loop never waits on the database.

Guarantees (docs/compliance.md): in ``batched`` durability a record is committed within
``flush_interval_s`` plus one commit of the moment it was handed over (the reply has been
sent); in ``strict`` durability the end of the reply waits until its record is committed, so a
client that saw a complete reply can rely on its record surviving a crash (SIGKILL) of the
gateway. A signed checkpoint is appended every ``checkpoint_every`` records or
``checkpoint_interval_s`` seconds, also when idle (a heartbeat: a cut tail shows as a gap).
While the database cannot be written, records wait in memory (up to ``max_pending``) and
``problem()`` says why: the pipeline then refuses new requests (fail closed) unless told not to.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Engine

from supportllm.audit.append import Entry, append
from supportllm.audit.signing import Signer

if TYPE_CHECKING:
    from supportllm.audit.encoding import ContentEncoder

_LOG = logging.getLogger("supportllm.audit")


@dataclass
class Content:
    """What a request said and what it was told, turned into bytes in the writer thread (not on
    the event loop): the client's messages and the reply, or the reply's SSE events."""

    messages: Any = None
    reply: str | None = None
    events: list[bytes] | None = None
    # PII redaction (guard.pii), applied here, in the writer thread, before anything is written
    redact: Callable[[Any], Any] | None = None

    def encode(self) -> bytes:
        reply = self.reply
        if reply is None and self.events is not None:
            reply = reply_from_events(self.events)
        content: dict[str, Any] = {"messages": self.messages, "reply": reply}
        if self.redact is not None:
            content = self.redact(content)
        return orjson.dumps(content)


def reply_from_events(events: list[bytes]) -> str:
    """The text of a streamed chat reply from its SSE events."""
    parts: list[str] = []
    for event in events:
        for line in event.split(b"\n"):
            if not line.startswith(b"data: {"):
                continue
            try:
                chunk = orjson.loads(line[6:])
            except orjson.JSONDecodeError:
                continue
            for choice in chunk.get("choices") or ():
                delta = choice.get("delta") or {}
                if isinstance(delta.get("content"), str):
                    parts.append(delta["content"])
    return "".join(parts)


def encoded_content(content: Content | None) -> bytes | None:
    """A record's content as bytes; content that cannot be encoded (nested past orjson's limit,
    a redaction error) is replaced by a note, never allowed to hold back the chain."""
    if content is None:
        return None
    try:
        return content.encode()
    except Exception as error:  # noqa: BLE001 - one odd request must not stop the trail
        _LOG.warning("audit content could not be encoded: %s", error)
        return orjson.dumps({"content_error": f"{type(error).__name__}: {str(error)[:200]}"})


@dataclass
class _Pending:
    kind: str
    fields: dict[str, Any]
    content: Content | None
    done: concurrent.futures.Future[int] | None


@dataclass
class WriterStats:
    committed: int = 0
    commits: int = 0
    checkpoints: int = 0
    last_checkpoint_at: float | None = None
    last_commit_ms: float = 0.0


@dataclass
class AuditWriter:
    engine: Engine
    signer: Signer
    strict: bool = False
    flush_interval_s: float = 0.05
    checkpoint_every: int = 1000
    checkpoint_interval_s: float = 60.0
    max_pending: int = 100_000
    max_batch: int = 2000
    # where content is redacted and encoded (audit.redact_in; audit/encoding.py); None: here
    encoder: ContentEncoder | None = None
    stats: WriterStats = field(default_factory=WriterStats)
    _pending: deque[_Pending] = field(default_factory=deque)
    _wake: threading.Condition = field(default_factory=threading.Condition)
    _thread: threading.Thread | None = None
    _stopping: bool = False
    _since_checkpoint: int = 0
    failing_since: float | None = None
    last_error: str | None = None
    dropped: int = 0

    # On the event loop ---------------------------------------------------------------------

    def submit(
        self, kind: str, fields: dict[str, Any], content: Content | None = None
    ) -> concurrent.futures.Future[int] | None:
        """Hand a record over; in strict mode, a future of its sequence number (await it with
        ``asyncio.wrap_future``) resolved once committed."""
        if len(self._pending) >= self.max_pending:
            # Full (the database is down and requests are being refused): drop and count, so
            # memory stays bounded; the refusals are in the request log.
            self.dropped += 1
            return None
        done: concurrent.futures.Future[int] | None = (
            concurrent.futures.Future() if self.strict else None
        )
        self._pending.append(_Pending(kind, fields, content, done))
        if self.strict or len(self._pending) >= self.max_batch:
            with self._wake:
                self._wake.notify()
        return done

    @property
    def pending(self) -> int:
        """Records handed over and not yet committed (read by the metrics)."""
        return len(self._pending)

    def problem(self) -> str | None:
        """Why records cannot be kept now (the pipeline refuses requests then), or None."""
        if self.failing_since is not None:
            return (
                f"the audit trail cannot be written for {time.monotonic() - self.failing_since:.0f}"
                f" s ({self.last_error}); {len(self._pending)} record(s) waiting"
            )
        if len(self._pending) >= self.max_pending:
            return f"{len(self._pending)} audit records are waiting to be written (max_pending)"
        return None

    # The writer thread ---------------------------------------------------------------------

    def start(self) -> None:
        self._last_checkpoint = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()

    def close(self, timeout_s: float = 10.0) -> None:
        """Commit what is pending (and a last checkpoint), then stop the thread."""
        self._stopping = True
        with self._wake:
            self._wake.notify()
        stuck = False
        if self._thread is not None:
            self._thread.join(timeout_s)
            stuck = self._thread.is_alive()
            self._thread = None
        if self.encoder is not None:
            # a thread that did not stop may be using the helper's pipes: the helper is killed
            # (its batch goes to the thread), the pipes left alone
            if stuck:
                self.encoder.abandon()
            else:
                self.encoder.close()

    def _run(self) -> None:
        delay = self.flush_interval_s
        while True:
            with self._wake:
                if not self._pending and not self._stopping:
                    self._wake.wait(timeout=self._wait_s(delay))
            stopping = self._stopping
            due = time.monotonic() - self._last_checkpoint >= self.checkpoint_interval_s
            if not self._pending and not due and not stopping:
                continue
            try:
                self._commit(checkpoint_anyway=due or stopping)
            except Exception as error:  # noqa: BLE001 - the writer must outlive any failure
                self._failed(error)
                delay = min(max(delay * 2, 0.1), 5.0)
                if stopping:
                    _LOG.error(
                        "audit trail: %d record(s) not written at shutdown", len(self._pending)
                    )
                    return
                time.sleep(delay)
                continue
            delay = self.flush_interval_s
            if stopping and not self._pending:
                return
            if not self.strict:
                time.sleep(self.flush_interval_s)  # let the next group gather

    def _wait_s(self, delay: float) -> float:
        left = self.checkpoint_interval_s - (time.monotonic() - self._last_checkpoint)
        return max(0.001, min(left, delay))

    def _commit(self, *, checkpoint_anyway: bool) -> None:
        count = min(len(self._pending), self.max_batch)
        batch = [self._pending[i] for i in range(count)]
        contents = [p.content for p in batch]
        blobs = (
            self.encoder.encode(contents)
            if self.encoder is not None
            else [encoded_content(c) for c in contents]
        )
        entries = [Entry(p.kind, p.fields, blob) for p, blob in zip(batch, blobs, strict=True)]
        checkpoint = checkpoint_anyway or self._since_checkpoint + count >= self.checkpoint_every
        started = time.perf_counter()
        result = append(self.engine, entries, self.signer, checkpoint=checkpoint)
        self.stats.last_commit_ms = (time.perf_counter() - started) * 1000
        for _ in range(count):
            self._pending.popleft()
        self.stats.committed += count
        self.stats.commits += 1
        self._since_checkpoint += count
        if result.checkpoint_seq is not None:
            self._since_checkpoint = 0
            self._last_checkpoint = time.monotonic()
            self.stats.checkpoints += 1
            self.stats.last_checkpoint_at = time.time()
        if self.failing_since is not None:
            _LOG.warning("audit trail writable again")
            self.failing_since, self.last_error = None, None
        for offset, pending in enumerate(batch):
            if pending.done is not None:
                with contextlib.suppress(concurrent.futures.InvalidStateError):
                    pending.done.set_result(result.first_seq + offset)  # unless it timed out

    def _failed(self, error: Exception) -> None:
        self.last_error = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
        if self.failing_since is None:
            self.failing_since = time.monotonic()
            _LOG.error("audit trail cannot be written: %s", self.last_error)
