"""One structured JSON line per request, to a file and to stdout. Never the key.

Lines are buffered and written in batches by a background task, in a worker thread, so the event
loop never waits on the disk. The log cannot die silently: a failed write (disk full, no file
handles left) is reported in the process log at once, retried with back-off, and shown on
``/readyz``; lines wait in memory meanwhile, up to ``max_pending``, after which the oldest are
refused and counted.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import IO, Any, TextIO, TypedDict

import orjson

_LOG = logging.getLogger("supportllm.requestlog")


class LogRecord(TypedDict, total=False):
    """One line of the request log (docs/serve.md#request-log). Never the key."""

    request_id: str
    ts: float
    path: str
    client: str
    team: str
    key_id: str
    model: str  # the alias the client named
    upstream: str  # the upstream that answered (or was tried last)
    upstream_kind: str  # self_hosted | external
    upstream_model: str
    route: str  # fixed | self | api (auto routing's choice)
    route_score: float
    route_reason: str
    attempts: list[dict[str, str]]  # failed tries before the answer: upstream, error
    fallback: bool  # answered by a fallback after the replicas failed or were full
    incomplete: bool  # a stream cut after its first content token
    queue_ms: float  # waited for a free replica
    pii_to_external: str  # "placeholders": PII replaced before an external upstream
    arm: str  # incumbent | canary, during a roll-out
    rollout_id: int
    channel: str
    stream: bool
    retrieval: str
    retrieval_ms: float
    sources: list[str]
    dropped_fields: list[str]
    guard: dict[str, Any]
    ttft_ms: float
    itl_ms: float  # mean time between a stream's content chunks
    prompt_tokens: int | None
    prompt_tokens_estimated: bool
    completion_tokens: int | None
    status: int
    total_ms: float
    error: str


class RequestLog:
    def __init__(
        self,
        path: Path | None,
        *,
        to_stdout: bool,
        stdout: TextIO | None = None,
        max_pending: int = 100_000,
    ) -> None:
        self._path = path
        self._stdout = (stdout or sys.stdout) if to_stdout else None
        self._pending: deque[bytes] = deque()
        self._max_pending = max_pending
        self._handle: IO[bytes] | None = None
        self._lock = threading.Lock()  # one writer at a time: the flusher or a final flush
        self.dropped = 0
        self.failing_since: float | None = None
        self.last_error: str | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)

    def write(self, record: LogRecord) -> None:
        # Only this appends and only the flusher pops (from the other end): no lock needed.
        if len(self._pending) >= self._max_pending:
            self.dropped += 1  # memory stays bounded; the count shows on /readyz
            return
        self._pending.append(orjson.dumps(record) + b"\n")

    @property
    def pending(self) -> int:
        return len(self._pending)

    def problem(self) -> str | None:
        """Why the log is not healthy, or None (for /readyz)."""
        if self.failing_since is not None:
            waited = time.monotonic() - self.failing_since
            return (
                f"request log cannot be written for {waited:.0f} s ({self.last_error}); "
                f"{self.pending} line(s) waiting, {self.dropped} dropped"
            )
        return None

    def flush(self) -> None:
        """Write what is pending (blocking: call it from a worker thread or at shutdown)."""
        with self._lock:
            if not self._pending:
                return
            count = len(self._pending)
            data = b"".join(itertools.islice(self._pending, count))
            try:
                if self._path is not None:
                    if self._handle is None:
                        self._handle = self._path.open("ab")
                    self._handle.write(data)
                    self._handle.flush()
            except OSError as error:
                self._failed(error)
                return
            for _ in range(count):  # only what was written; lines added meanwhile stay
                self._pending.popleft()
            if self.failing_since is not None:
                _LOG.warning(
                    "request log %s writable again; %d line(s) were refused while it was not",
                    self._path,
                    self.dropped,
                )
                self.failing_since, self.last_error = None, None
            if self._stdout is not None:
                with contextlib.suppress(OSError, ValueError):
                    self._stdout.write(data.decode())
                    self._stdout.flush()

    def _failed(self, error: OSError) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None  # reopen on the next try
        self.last_error = f"{type(error).__name__}: {error}"
        if self.failing_since is None:
            self.failing_since = time.monotonic()
            _LOG.error("request log %s cannot be written: %s", self._path, self.last_error)

    def close(self) -> None:
        self.flush()
        with self._lock:
            if self._handle is not None:
                with contextlib.suppress(OSError):
                    self._handle.close()
                self._handle = None

    async def run(self, interval_s: float = 0.2, max_backoff_s: float = 5.0) -> None:
        """Flush every ``interval_s`` until cancelled (backing off while writes fail), then
        flush what is left. Nothing that goes wrong in a flush ends this task."""
        delay = interval_s
        try:
            while True:
                await asyncio.sleep(delay)
                try:
                    await asyncio.to_thread(self.flush)
                except Exception:  # noqa: BLE001 - the flusher must outlive any bug in a flush
                    _LOG.exception("request log flush failed")
                delay = interval_s if self.failing_since is None else min(delay * 2, max_backoff_s)
        finally:
            self.close()
