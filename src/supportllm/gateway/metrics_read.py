"""Reading a gateway's /metrics back into numbers (``supportllm status``): two scrapes give
rates and window percentiles; one scrape gives averages since the gateway started.

Pure functions: ``parse_scrape(text, at)`` and ``view(previous, current)``. Percentiles are
interpolated within histogram buckets as Prometheus' ``histogram_quantile`` does."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from prometheus_client.parser import text_string_to_metric_families

Labels = dict[str, str]


@dataclass(frozen=True)
class Scrape:
    at: float  # wall-clock seconds (time.time()) when it was taken
    samples: dict[str, list[tuple[Labels, float]]]

    def total(self, name: str, where: Callable[[Labels], bool] | None = None) -> float:
        return sum(v for labels, v in self.samples.get(name, ()) if where is None or where(labels))

    def has(self, name: str) -> bool:
        return name in self.samples


def parse_scrape(text: str, at: float) -> Scrape:
    """The samples of a Prometheus text exposition; ValueError when it is not one."""
    samples: dict[str, list[tuple[Labels, float]]] = defaultdict(list)
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[sample.name].append((dict(sample.labels), float(sample.value)))
    return Scrape(at, dict(samples))


@dataclass(frozen=True)
class UpstreamRow:
    alias: str
    upstream: str
    kind: str
    state: str
    in_flight: float
    max_in_flight: float


@dataclass(frozen=True)
class GatewayView:
    """What `supportllm status` shows for one gateway. ``window_s``: the two scrapes' distance,
    or the gateway's uptime with one scrape (then every figure is since it started)."""

    window_s: float | None
    requests: float
    requests_per_s: float | None
    error_share: float | None  # 5xx
    refused_share: float | None  # 429
    ttft: dict[float, float | None]  # quantile -> seconds
    e2e: dict[float, float | None]
    tokens_out_per_s: float | None
    fallback_share: float | None
    api_route_share: float | None
    queue: dict[str, tuple[float, float]]  # alias -> (depth, max)
    upstreams: list[UpstreamRow] = field(default_factory=list)
    tickets: float = 0.0
    cost_per_ticket: float | None = None  # self-hosted (accrued) + external, USD
    baseline_per_ticket: float | None = None  # the API baseline, USD


QUANTILES = (0.5, 0.95, 0.99)


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole > 0 else None


def _buckets(scrape: Scrape | None, name: str) -> dict[float, float]:
    counts: dict[float, float] = defaultdict(float)
    if scrape is not None:
        for labels, v in scrape.samples.get(f"{name}_bucket", ()):
            counts[float(labels["le"])] += v
    return counts


def quantile(q: float, buckets: dict[float, float]) -> float | None:
    """``histogram_quantile``: linear within the bucket holding the q-th observation (the
    highest finite bound when it falls in +Inf); None without observations."""
    bounds = sorted(buckets)
    if not bounds or buckets[bounds[-1]] <= 0:
        return None
    rank = q * buckets[bounds[-1]]
    lower_bound, lower_count = 0.0, 0.0
    for bound in bounds:
        count = buckets[bound]
        if count >= rank:
            if math.isinf(bound):
                return lower_bound
            if count == lower_count:
                return bound
            return lower_bound + (bound - lower_bound) * (rank - lower_count) / (
                count - lower_count
            )
        lower_bound, lower_count = bound, count
    return lower_bound


def view(previous: Scrape | None, current: Scrape) -> GatewayView:
    """The numbers of ``current`` against ``previous`` (None: since the gateway started)."""

    def delta(name: str, where: Callable[[Labels], bool] | None = None) -> float:
        now = current.total(name, where)
        before = previous.total(name, where) if previous is not None else 0.0
        return now - before if now >= before else now  # a restart resets counters

    if previous is not None:
        window: float | None = current.at - previous.at
    elif current.has("process_start_time_seconds"):
        window = current.at - current.total("process_start_time_seconds")
    else:
        window = None
    if window is not None and window <= 0:
        window = None
    requests = delta("supportllm_requests_total")

    def share_of(status: Callable[[str], bool]) -> float | None:
        return _share(delta("supportllm_requests_total", lambda ls: status(ls["status"])), requests)

    def percentiles(name: str) -> dict[float, float | None]:
        now, before = _buckets(current, name), _buckets(previous, name)
        diff = {le: now[le] - before.get(le, 0.0) for le in now}
        if any(v < 0 for v in diff.values()):
            diff = now
        return {q: quantile(q, diff) for q in QUANTILES}

    routed = delta("supportllm_requests_total", lambda ls: ls.get("route") in ("self", "api"))
    to_api = delta("supportllm_requests_total", lambda ls: ls.get("route") == "api")
    tickets = delta("supportllm_tickets_total")
    spent = delta("supportllm_external_cost_usd_total")
    if current.has("supportllm_self_hosted_cost_usd_total"):
        spent += delta("supportllm_self_hosted_cost_usd_total")
    return GatewayView(
        window_s=window,
        requests=requests,
        requests_per_s=requests / window if window else None,
        error_share=share_of(lambda s: s.startswith("5")),
        refused_share=share_of(lambda s: s == "429"),
        ttft=percentiles("gen_ai_server_time_to_first_token_seconds"),
        e2e=percentiles("gen_ai_server_request_duration_seconds"),
        tokens_out_per_s=(
            delta("supportllm_tokens_total", lambda ls: ls.get("type") == "output") / window
            if window
            else None
        ),
        fallback_share=_share(delta("supportllm_fallback_total"), requests),
        api_route_share=_share(to_api, routed),
        queue=_queue(current),
        upstreams=_upstreams(current),
        tickets=tickets,
        cost_per_ticket=spent / tickets if tickets > 0 and spent > 0 else None,
        baseline_per_ticket=_share(delta("supportllm_api_baseline_cost_usd_total"), tickets),
    )


def _queue(scrape: Scrape) -> dict[str, tuple[float, float]]:
    limits = {ls["alias"]: v for ls, v in scrape.samples.get("supportllm_queue_max", ())}
    return {
        ls["alias"]: (v, limits.get(ls["alias"], 0.0))
        for ls, v in scrape.samples.get("supportllm_queue_depth", ())
    }


def _upstreams(scrape: Scrape) -> list[UpstreamRow]:
    states = {
        (ls["alias"], ls["upstream"]): ls["state"]
        for ls, v in scrape.samples.get("supportllm_upstream_state", ())
        if v == 1
    }
    limits = {
        (ls["alias"], ls["upstream"]): v
        for ls, v in scrape.samples.get("supportllm_upstream_max_in_flight", ())
    }
    rows = []
    for ls, v in scrape.samples.get("supportllm_upstream_in_flight", ()):
        key = (ls["alias"], ls["upstream"])
        rows.append(
            UpstreamRow(*key, ls.get("kind", ""), states.get(key, "?"), v, limits.get(key, 0.0))
        )
    return sorted(rows, key=lambda r: (r.alias, r.upstream))
