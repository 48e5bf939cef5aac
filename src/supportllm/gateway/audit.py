"""The pipeline's audit step: the request-log record of each request, chained into the audit
trail with its content (audit/writer.py), and the fail-closed rule: while the trail cannot be
written, requests are refused with 503 unless ``audit.fail_open``."""

from __future__ import annotations

import asyncio
import concurrent.futures
from dataclasses import dataclass
from typing import Any

from supportllm.audit.writer import AuditWriter, Content
from supportllm.errors import AuditUnavailableError


@dataclass
class AuditStep:
    writer: AuditWriter
    log_content: bool = True
    fail_open: bool = False
    strict_timeout_s: float = 5.0

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
        content = Content(messages, reply, events) if self.log_content else None
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
