"""After a request: what reads its finished record besides the request log and the audit
trail — metrics, the roll-out's arm counters, live quality sampling, traces. Each part is
optional (None: switched off, nothing paid)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from supportllm.gateway.metrics import GatewayMetrics
from supportllm.gateway.requestlog import LogRecord
from supportllm.gateway.tracing import Step, Tracing
from supportllm.rollout.controller import RolloutController
from supportllm.sampling.sampler import LiveSampler


@dataclass
class AfterRequest:
    metrics: GatewayMetrics | None = None
    rollouts: RolloutController | None = None
    sampler: LiveSampler | None = None
    tracing: Tracing | None = None

    @property
    def traces(self) -> bool:
        return self.tracing is not None

    def keeps_reply(self, record: LogRecord) -> bool:
        """Will the sampler want this request's reply (so a stream keeps its events)?"""
        sampler = self.sampler
        return sampler is not None and sampler.selected(
            record["request_id"], record.get("model", ""), record.get("route", "fixed"),
            record.get("arm"),
        )  # fmt: skip

    def done(
        self,
        record: LogRecord,
        started: float,
        *,
        messages: Any = None,
        reply: str | None = None,
        sources: list[dict[str, Any]] | None = None,
        steps: Sequence[Step] | None = None,
    ) -> None:
        if self.metrics is not None:
            self.metrics.request_done(record)
        if self.rollouts is not None and "rollout_id" in record:
            # An arm whose upstream failed counts the error even when a fallback answered.
            status = max(record["status"], 502) if record.get("attempts") else record["status"]
            self.rollouts.observe(
                record["rollout_id"], record["arm"], status, record.get("ttft_ms")
            )
        if self.sampler is not None and record.get("status") == 200:
            self.sampler.offer(record, messages, reply, sources or [])
        if self.tracing is not None and steps is not None:
            self.tracing.emit(record, started, steps)
