"""The gateway's Prometheus metrics (docs/observability.md), in a registry of their own.

One call per finished request, ``request_done(record)``, reads the request log's record and
updates the counters and histograms; the pools, the audit trail and the request log are read
at scrape time (gateway/metrics_gauges.py); ``render()`` is the exposition body.

Names: the latency histograms follow the OpenTelemetry GenAI semantic conventions
(``gen_ai.server.time_to_first_token`` -> ``gen_ai_server_time_to_first_token_seconds``…) with
their advisory buckets, so a dashboard built on those conventions reads them; vLLM's names
(``vllm:time_to_first_token_seconds``…) are left to the engines, so a query over ``vllm:*``
never adds the gateway's view of a request to the engine's. Everything else is
``supportllm_*``. The model alias is the label ``alias`` everywhere.

Multiprocess: prometheus-client's multiprocess mode is switched on for the whole process by the
``PROMETHEUS_MULTIPROC_DIR`` environment variable when the library is imported, and it cannot
serve collectors that read live state (the pools' gauges). ``supportllm serve`` runs one
uvicorn worker process, so this registry is the whole truth; more capacity means more gateway
processes (pods), each scraped on its own and summed by Prometheus.

Cost: counters and histograms are plain numbers updated on the event loop and turned into metric
families at scrape time (gateway/metrics_store.py); measured in benchmarks/metrics_overhead.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from prometheus_client import CollectorRegistry, ProcessCollector
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4, generate_latest

from supportllm.config_operate import MetricsSettings
from supportllm.gateway.metrics_cost import TicketPricing
from supportllm.gateway.metrics_gauges import AuditLag, GaugeCollector
from supportllm.gateway.metrics_store import CounterFamily, FamiliesCollector, HistogramFamily
from supportllm.gateway.requestlog import LogRecord, RequestLog
from supportllm.gateway.snapshot import PoolSnapshot

RETRIEVAL_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
QUEUE_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Retrieval outcomes that mean "no passage to ground the answer on" (gateway/retrieve.py's
# statuses, and the threshold-based "empty" the routing issue adds).
NO_PASSAGE = frozenset({"empty", "empty_kb", "below_threshold"})


class GatewayMetrics:
    """The metrics of one gateway process. ``pools``, ``audit`` and ``request_log`` are read at
    scrape time; any of them may be set (or replaced) after construction."""

    def __init__(
        self,
        settings: MetricsSettings | None = None,
        *,
        pools: Callable[[], Iterable[PoolSnapshot]] | None = None,
        audit: Callable[[], AuditLag | None] | None = None,
        request_log: RequestLog | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        settings = settings or MetricsSettings()
        self.settings = settings
        self.pricing = TicketPricing.from_settings(settings)
        self.registry = CollectorRegistry(auto_describe=False)
        self.gauges = GaugeCollector(
            pools=pools, audit=audit, request_log=request_log, pricing=self.pricing, clock=clock
        )
        self.registry.register(self.gauges)
        ProcessCollector(registry=self.registry)  # process_cpu_seconds_total, memory, fds
        limit = settings.max_series
        self._store = FamiliesCollector()
        self.registry.register(self._store)

        def family(kind: type[Any], name: str, doc: str, labels: Sequence[str], **kw: Any) -> Any:
            made = kind(name, doc, labels, limit, **kw)
            self._store.families.append(made)
            return made

        counter, histogram = CounterFamily, HistogramFamily
        self._requests = family(
            counter, "supportllm_requests", "Finished requests.",
            ("alias", "route", "upstream", "status", "channel", "team"),
        )  # fmt: skip
        latency = ("alias", "upstream")
        self._ttft = family(
            histogram, "gen_ai_server_time_to_first_token_seconds",
            "Time to the first content token of successful replies (OTel gen_ai.server."
            "time_to_first_token), as the gateway measures it: auth, guards, retrieval, queue "
            "and the upstream's own TTFT.", latency, buckets=settings.ttft_buckets,
        )  # fmt: skip
        self._tpot = family(
            histogram, "gen_ai_server_time_per_output_token_seconds",
            "Mean inter-token latency of each successful streamed reply (OTel gen_ai.server."
            "time_per_output_token).", latency, buckets=settings.tpot_buckets,
        )  # fmt: skip
        self._duration = family(
            histogram, "gen_ai_server_request_duration_seconds",
            "End-to-end time of successful requests, to the last byte (OTel gen_ai.server."
            "request.duration).", latency, buckets=settings.duration_buckets,
        )  # fmt: skip
        self._queue = family(
            histogram, "supportllm_queue_wait_seconds",
            "Time requests waited for a free replica.", ("alias",), buckets=QUEUE_BUCKETS,
        )  # fmt: skip
        self._tokens = family(
            counter, "supportllm_tokens", "Tokens by direction (type: input|output), from the "
            "upstream's usage.", ("alias", "upstream", "team", "type"),
        )  # fmt: skip
        self._retrieval = family(
            counter, "supportllm_retrieval", "Retrieval outcomes (ok, off, empty_kb, "
            "unavailable, …).", ("alias", "status"),
        )  # fmt: skip
        self._retrieval_time = family(
            histogram, "supportllm_retrieval_duration_seconds",
            "Knowledge-base search time.", ("alias",), buckets=RETRIEVAL_BUCKETS,
        )  # fmt: skip
        self._no_passage = family(
            counter, "supportllm_retrieval_no_passage", "Requests retrieval found no passage "
            "for (above its threshold): answered ungrounded or routed away.", ("alias",),
        )  # fmt: skip
        self._guard = family(
            counter, "supportllm_guard_decisions", "Guard decisions by guard (injection, "
            "claims, tool_calls, …) and action (passed, flagged, blocked, replaced, repaired, "
            "refused).", ("guard", "action"),
        )  # fmt: skip
        self._fallback = family(
            counter, "supportllm_fallback", "Requests answered by an external fallback API after "
            "the self-hosted replicas failed or were full.", ("alias", "upstream"),
        )  # fmt: skip
        self._failed_tries = family(
            counter, "supportllm_upstream_failed_attempts", "Tries that failed before another "
            "upstream answered (invisible to the client).", ("alias", "upstream"),
        )  # fmt: skip
        self._incomplete = family(
            counter, "supportllm_incomplete_streams", "Streams cut after their first content "
            "token (the client got an in-band error).", ("alias", "upstream"),
        )  # fmt: skip
        self._arm = family(
            counter, "supportllm_rollout_requests", "Requests per roll-out arm (incumbent, "
            "canary) and status class.", ("alias", "rollout_id", "arm", "status_class"),
        )  # fmt: skip
        self._arm_ttft = family(
            histogram, "supportllm_rollout_time_to_first_token_seconds",
            "Time to first token per roll-out arm (successful replies).",
            ("alias", "rollout_id", "arm"), buckets=settings.ttft_buckets,
        )  # fmt: skip
        self._tickets = family(
            counter, "supportllm_tickets", "Answered requests with completion tokens (status < "
            "400): the tickets the cost per ticket divides by.", ("alias", "kind"),
        )  # fmt: skip
        self._baseline_cost = family(
            counter, "supportllm_api_baseline_cost_usd", "USD the answered tickets would have "
            "cost on the baseline API (metrics.api_baseline), at its dated list price.",
            ("alias",),
        )  # fmt: skip
        self._external_cost = family(
            counter, "supportllm_external_cost_usd", "USD the requests answered by external "
            "APIs cost (fallback or routed to the API).", ("alias", "upstream"),
        )  # fmt: skip
        self.gauges.overflow = self._store.overflow

    def request_done(self, record: LogRecord) -> None:
        """Count one finished request from its log record (on the event loop, once)."""
        fields = cast(dict[str, Any], record)  # with the routing issue's keys (r2-common)
        get = fields.get
        alias = get("model") or ""
        upstream = get("upstream") or get("engine") or ""
        status = get("status", 0)
        team = get("team") or ""
        self._requests.child(
            (alias, get("route") or "fixed", upstream, str(status), get("channel") or "", team)
        ).inc()
        ok = status < 400
        pair = (alias, upstream)
        if ok:
            if (ttft := get("ttft_ms")) is not None:
                self._ttft.child(pair).observe(ttft / 1000)
            if (itl := get("itl_ms")) is not None:
                self._tpot.child(pair).observe(itl / 1000)
            if (total := get("total_ms")) is not None:
                self._duration.child(pair).observe(total / 1000)
        if (queue_ms := get("queue_ms")) is not None:
            self._queue.child((alias,)).observe(queue_ms / 1000)
        prompt = get("prompt_tokens") or 0
        completion = get("completion_tokens") or 0
        if prompt:
            self._tokens.child((alias, upstream, team, "input")).inc(prompt)
        if completion:
            self._tokens.child((alias, upstream, team, "output")).inc(completion)
        if (retrieval := get("retrieval")) is not None:
            self._retrieval.child((alias, retrieval)).inc()
            if retrieval in NO_PASSAGE or (retrieval == "ok" and not get("sources", True)):
                self._no_passage.child((alias,)).inc()
            if retrieval == "ok" and (took := get("retrieval_ms")):
                self._retrieval_time.child((alias,)).observe(took / 1000)
        if guard := get("guard"):
            for name, decision in guard.items():
                if isinstance(decision, dict) and "action" in decision:
                    self._guard.child((name, str(decision["action"]))).inc()
        self._routing(fields, alias, upstream, ok, status)
        if ok and completion > 0:
            self._cost(fields, alias, upstream, prompt, completion)

    def _routing(
        self, extra: dict[str, Any], alias: str, upstream: str, ok: bool, status: int
    ) -> None:
        if extra.get("fallback"):
            self._fallback.child((alias, upstream)).inc()
        for attempt in extra.get("attempts") or ():
            self._failed_tries.child((alias, str(attempt.get("upstream", "")))).inc()
        if extra.get("incomplete"):
            self._incomplete.child((alias, upstream)).inc()
        arm = extra.get("arm")
        if arm is not None:
            rollout = str(extra.get("rollout_id", ""))
            self._arm.child((alias, rollout, arm, f"{status // 100}xx")).inc()
            if ok and (ttft := extra.get("ttft_ms")) is not None:
                self._arm_ttft.child((alias, rollout, arm)).observe(ttft / 1000)

    def _cost(
        self, fields: dict[str, Any], alias: str, upstream: str, prompt: int, completion: int
    ) -> None:
        kind = fields.get("upstream_kind") or "self_hosted"
        self._tickets.child((alias, kind)).inc()
        self._baseline_cost.child((alias,)).inc(self.pricing.baseline(prompt, completion))
        if kind == "external":
            cost = self.pricing.external(upstream, prompt, completion)
            self._external_cost.child((alias, upstream)).inc(cost)

    def render(self) -> tuple[bytes, str]:
        """The exposition body (Prometheus text format 0.0.4) and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_PLAIN_0_0_4

    def names(self) -> frozenset[str]:
        """Every metric name this registry exposes (for the dashboard's and rules' tests)."""
        found: set[str] = set()
        for family in self.registry.collect():
            found.add(family.name)
            found.update(sample.name for sample in family.samples)
        return frozenset(found)
