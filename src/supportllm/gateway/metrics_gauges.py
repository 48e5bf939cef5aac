"""What the metrics read at scrape time, not per request: the pools (in flight, queue depth,
health), the audit trail's lag, the request log's backlog, the self-hosted cost accrued.

Each source is a callable given to ``GatewayMetrics``; one that raises costs its own families
for that scrape (counted in ``supportllm_metrics_collect_errors_total``), never the scrape.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from supportllm.audit.writer import AuditWriter
from supportllm.gateway.metrics_cost import TicketPricing
from supportllm.gateway.requestlog import RequestLog
from supportllm.gateway.snapshot import PoolSnapshot

_LOG = logging.getLogger("supportllm.metrics")
STATES = ("closed", "open", "half_open")


@dataclass(frozen=True)
class AuditLag:
    """How far the audit trail is behind: records handed over and not yet committed, and for
    how long commits have been failing (0 while they succeed)."""

    pending_records: int
    failing_for_s: float = 0.0
    dropped_records: int = 0
    # where the content is redacted (audit.redact_in): None without an encoder (guard.pii off)
    helper_in_use: bool | None = None
    helper_batches: int = 0
    helper_failures: int = 0


def audit_lag(writer: AuditWriter) -> AuditLag:
    """The lag of the gateway's audit writer, read without a lock (on the event loop)."""
    failing = writer.failing_since
    encoder = writer.encoder
    return AuditLag(
        writer.pending,
        0.0 if failing is None else max(0.0, time.monotonic() - failing),
        writer.dropped,
        None if encoder is None else encoder.where == "process",
        0 if encoder is None else encoder.helper_batches,
        0 if encoder is None else encoder.helper_failures,
    )


class GaugeCollector(Collector):
    def __init__(
        self,
        *,
        pools: Callable[[], Iterable[PoolSnapshot]] | None,
        audit: Callable[[], AuditLag | None] | None,
        request_log: RequestLog | None,
        pricing: TicketPricing,
        clock: Callable[[], float],
    ) -> None:
        self.pools, self.audit, self.request_log = pools, audit, request_log
        self.pricing, self.clock = pricing, clock
        self.started = clock()
        self.errors = 0
        self.overflow: Callable[[], int] = lambda: 0

    def collect(self) -> Iterator[Metric]:
        for part in (self._pools, self._audit, self._request_log, self._cost):
            try:
                yield from part()
            except Exception as error:  # noqa: BLE001 - a broken source must not fail the scrape
                self.errors += 1
                if self.errors == 1 or self.errors % 1000 == 0:
                    _LOG.warning("metrics source %s failed: %s", part.__name__, error)
        yield CounterMetricFamily(
            "supportllm_metrics_collect_errors",
            "Scrape-time sources (pools, audit, request log) that raised.",
            value=self.errors,
        )
        yield CounterMetricFamily(
            "supportllm_metrics_series_overflow",
            "Requests counted under '_overflow_' labels because a metric reached "
            "metrics.max_series label combinations.",
            value=self.overflow(),
        )

    def _pools(self) -> Iterator[Metric]:
        if self.pools is None:
            return
        up_labels = ["alias", "upstream", "kind", "role"]
        pair = ["alias", "upstream"]
        in_flight = GaugeMetricFamily(
            "supportllm_upstream_in_flight", "Requests in flight per upstream.", labels=up_labels
        )
        max_in_flight = GaugeMetricFamily(
            "supportllm_upstream_max_in_flight", "Bound on in-flight requests.", labels=pair
        )
        up = GaugeMetricFamily(
            "supportllm_upstream_up",
            "1 while the upstream is in rotation (breaker closed), else 0 (open or half-open).",
            labels=up_labels,
        )
        state = GaugeMetricFamily(
            "supportllm_upstream_state",
            "Circuit-breaker state: 1 for the current state (closed, open, half_open), 0 others.",
            labels=[*pair, "state"],
        )
        failures = GaugeMetricFamily(
            "supportllm_upstream_consecutive_failures", "Failures since the last success.",
            labels=pair,
        )  # fmt: skip
        depth = GaugeMetricFamily(
            "supportllm_queue_depth", "Requests waiting for a free replica.", labels=["alias"]
        )
        max_queue = GaugeMetricFamily(
            "supportllm_queue_max", "Bound on the alias' queue.", labels=["alias"]
        )
        for pool in self.pools():
            depth.add_metric([pool.alias], pool.queue_depth)
            max_queue.add_metric([pool.alias], pool.max_queue)
            for u in pool.upstreams:
                names = [u.alias, u.upstream]
                in_flight.add_metric([*names, u.kind, u.role], u.in_flight)
                max_in_flight.add_metric(names, u.max_in_flight)
                up.add_metric([*names, u.kind, u.role], 1.0 if u.state == "closed" else 0.0)
                for name in STATES:
                    state.add_metric([*names, name], 1.0 if u.state == name else 0.0)
                failures.add_metric(names, u.consecutive_failures)
        yield from (in_flight, max_in_flight, up, state, failures, depth, max_queue)

    def _audit(self) -> Iterator[Metric]:
        lag = self.audit() if self.audit is not None else None
        if lag is None:
            return
        yield GaugeMetricFamily(
            "supportllm_audit_pending_records",
            "Audit records handed over and not yet committed (the chain's lag).",
            value=lag.pending_records,
        )
        yield GaugeMetricFamily(
            "supportllm_audit_failing_seconds",
            "How long the audit trail has been failing to commit (0 while it commits).",
            value=lag.failing_for_s,
        )
        yield CounterMetricFamily(
            "supportllm_audit_dropped_records",
            "Audit records refused because max_pending was reached.",
            value=lag.dropped_records,
        )
        if lag.helper_in_use is None:
            return
        yield GaugeMetricFamily(
            "supportllm_audit_content_helper",
            "1 while a helper process redacts the audit content (audit.redact_in), 0 while the "
            "writer thread does.",
            value=1.0 if lag.helper_in_use else 0.0,
        )
        yield CounterMetricFamily(
            "supportllm_audit_content_helper_batches",
            "Batches of audit content the helper process redacted.",
            value=lag.helper_batches,
        )
        yield CounterMetricFamily(
            "supportllm_audit_content_helper_failures",
            "Times the helper process failed (its batch was redacted in the writer thread).",
            value=lag.helper_failures,
        )

    def _request_log(self) -> Iterator[Metric]:
        log = self.request_log
        if log is None:
            return
        yield GaugeMetricFamily(
            "supportllm_request_log_pending_lines",
            "Request-log lines waiting to be written.",
            value=log.pending,
        )
        yield CounterMetricFamily(
            "supportllm_request_log_dropped_lines",
            "Request-log lines refused because max_pending was reached.",
            value=log.dropped,
        )
        yield GaugeMetricFamily(
            "supportllm_request_log_failing",
            "1 while the request log cannot be written, else 0.",
            value=0.0 if log.failing_since is None else 1.0,
        )

    def _cost(self) -> Iterator[Metric]:
        accrued = self.pricing.self_hosted_accrued(self.clock() - self.started)
        if accrued is None:
            return
        yield GaugeMetricFamily(
            "supportllm_self_hosted_monthly_cost_usd",
            "Configured monthly cost of self-hosted serving (metrics.self_hosted_*).",
            value=self.pricing.self_hosted_monthly or 0.0,
        )
        yield CounterMetricFamily(
            "supportllm_self_hosted_cost_usd",
            "Self-hosted serving cost accrued over this process' uptime (monthly cost x "
            "uptime / 730 h); increase() over a window / tickets = cost per ticket.",
            value=accrued,
        )
