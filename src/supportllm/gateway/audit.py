"""The pipeline's audit step: the request-log record of each request, chained into the audit
trail with its content (audit/writer.py), and the fail-closed rule: while the trail cannot be
written, requests are refused with 503 unless ``audit.fail_open``."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from supportllm.audit.export import FileSink
from supportllm.audit.writer import AuditWriter, Content
from supportllm.errors import AuditUnavailableError

_LOG = logging.getLogger("supportllm.audit")


@dataclass
class AuditStep:
    writer: AuditWriter
    log_content: bool = True
    fail_open: bool = False
    strict_timeout_s: float = 5.0
    retention_days: float | None = None  # purge content older than this, every purge_interval_s
    purge_interval_s: float = 3600.0
    sink: FileSink | None = None  # the continuous SIEM export
    redact: Callable[[Any], Any] | None = None  # guard.pii: content redacted before writing
    _stop: threading.Event = field(default_factory=threading.Event)
    _purger: threading.Thread | None = None

    def start(self) -> None:
        """The writer, the export sink and the retention schedule (the gateway's start-up)."""
        self.writer.start()
        if self.sink is not None:
            self.sink.start()
        if self.retention_days is not None:
            self._purger = threading.Thread(
                target=self._purge_loop, name="audit-purge", daemon=True
            )
            self._purger.start()

    def close(self) -> None:
        self._stop.set()
        self.writer.close()
        if self.sink is not None:
            self.sink.close()
        if self._purger is not None:
            self._purger.join(10)

    def _purge_loop(self) -> None:
        from supportllm.audit.retention import purge

        assert self.retention_days is not None
        while not self._stop.is_set():
            try:
                done = purge(self.writer.engine, self.retention_days)
                if done.count:
                    _LOG.info("audit retention: purged the content of %d record(s)", done.count)
            except Exception:  # noqa: BLE001 - a failed purge is retried at the next interval
                _LOG.exception("audit retention purge failed")
            self._stop.wait(self.purge_interval_s)

    def refusal(self) -> AuditUnavailableError | None:
        """The error to answer with before any work, when records cannot be kept now."""
        if self.fail_open:
            return None
        problem = self.writer.problem()
        if problem is None:
            return None
        return AuditUnavailableError(
            "the audit trail cannot be written, so requests are refused; retry shortly",
            detail=problem,
        )

    def record(
        self,
        record: Any,
        messages: Any = None,
        reply: str | None = None,
        events: list[bytes] | None = None,
    ) -> concurrent.futures.Future[int] | None:
        content = Content(messages, reply, events, self.redact) if self.log_content else None
        return self.writer.submit("request", record, content)

    async def committed(self, done: concurrent.futures.Future[int] | None) -> None:
        """Strict durability: wait until the record is committed (raise 503 after the timeout)."""
        if done is None:
            return
        try:
            await asyncio.wait_for(asyncio.wrap_future(done), self.strict_timeout_s)
        except TimeoutError:
            raise AuditUnavailableError(
                "the reply's audit record could not be committed in time",
                detail=self.writer.problem() or "commit timed out",
            ) from None

    @property
    def keeps_events(self) -> bool:
        """Streams keep their events for the record's content."""
        return self.log_content
