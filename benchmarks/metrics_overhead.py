"""What the gateway's metrics cost: microseconds per ``request_done`` (the one call per finished
request, on the event loop) and milliseconds per scrape (``render``) with 4 pools × 3 upstreams.

    python benchmarks/metrics_overhead.py [--calls 20000] [--runs 7]

Records: a today's record (no routing keys) and a full one (upstream, route, roll-out arm,
fallback with failed tries, guard decisions, retrieval, queue wait, cost). The registry is
first filled with a realistic spread of label sets (4 aliases × 3 upstreams × 5 teams × 3
channels × 3 statuses = 540 request series) so look-ups are not into a near-empty cache. Median
of ``--runs`` runs. Writes benchmarks/results/metrics_overhead.json and .md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from supportllm.config_operate import MetricsSettings
from supportllm.gateway.metrics import GatewayMetrics
from supportllm.gateway.metrics_gauges import AuditLag
from supportllm.gateway.snapshot import PoolSnapshot, UpstreamSnapshot

RESULTS = Path(__file__).parent / "results"
ALIASES = ("support", "billing", "email", "de-support")
TODAY: dict[str, Any] = {
    "request_id": "r", "ts": 0.0, "path": "/v1/chat/completions", "client": "10.0.0.1",
    "team": "team-0", "key_id": "k", "model": "support", "engine": "vllm", "channel": "chat",
    "stream": True, "status": 200, "ttft_ms": 180.0, "total_ms": 2400.0, "prompt_tokens": 700,
    "completion_tokens": 150, "retrieval": "ok", "retrieval_ms": 9.0, "sources": ["kb-1"],
    "guard": {"injection": {"score": 0.02, "action": "passed"}},
}  # fmt: skip
FULL: dict[str, Any] = {
    **TODAY, "upstream": "openai", "upstream_kind": "external", "route": "self",
    "fallback": True, "attempts": [{"upstream": "u0", "error": "connect"}], "arm": "canary",
    "rollout_id": 3, "itl_ms": 22.0, "queue_ms": 4.0,
    "guard": {"injection": {"score": 0.02, "action": "passed"},
              "claims": {"action": "flagged", "violations": []}},
}  # fmt: skip


def pools() -> list[PoolSnapshot]:
    return [
        PoolSnapshot(
            alias, 2, 64,
            tuple(
                UpstreamSnapshot(alias, f"u{j}", f"http://gpu-{j}:8000/v1", "self_hosted",
                                 "replica", "closed", 5, 16, 0)
                for j in range(3)
            ),
        )
        for alias in ALIASES
    ]  # fmt: skip


def build() -> GatewayMetrics:
    metrics = GatewayMetrics(
        MetricsSettings(self_hosted_monthly_usd=5000.0),
        pools=pools,
        audit=lambda: AuditLag(3),
    )
    for alias in ALIASES:
        for j in range(3):
            for team in range(5):
                for channel in ("chat", "email", "ticket"):
                    for status in (200, 429, 502):
                        metrics.request_done(
                            {**TODAY, "model": alias, "upstream": f"u{j}", "team": f"team-{team}",
                             "channel": channel, "status": status}  # type: ignore[typeddict-item]
                        )  # fmt: skip
    return metrics


def per_call_us(metrics: GatewayMetrics, record: dict[str, Any], calls: int, runs: int) -> float:
    done = metrics.request_done
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(calls):
            done(record)  # type: ignore[arg-type]
        times.append((time.perf_counter() - started) / calls * 1e6)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    metrics = build()
    today_us = per_call_us(metrics, TODAY, args.calls, args.runs)
    full_us = per_call_us(metrics, FULL, args.calls, args.runs)
    pricing = metrics.pricing
    started = time.perf_counter()
    for _ in range(args.calls):
        pricing.baseline(700, 150)
    cost_us = (time.perf_counter() - started) / args.calls * 1e6
    renders = []
    for _ in range(max(args.runs, 20)):
        started = time.perf_counter()
        body, _ = metrics.render()
        renders.append((time.perf_counter() - started) * 1000)
    result = {
        "request_done_us": {"today_record": round(today_us, 2), "full_record": round(full_us, 2)},
        "baseline_cost_us": round(cost_us, 2),
        "render_ms": round(statistics.median(renders), 2),
        "render_bytes": len(body),
        "series_lines": sum(1 for line in body.splitlines() if not line.startswith(b"#")),
        "pools": "4 aliases x 3 upstreams",
        "calls": args.calls, "runs": args.runs,
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
    }  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "metrics_overhead.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "metrics_overhead.md").write_text(
        "# Metrics overhead\n\n"
        "`python benchmarks/metrics_overhead.py` (median of "
        f"{args.runs} runs of {args.calls} calls; {result['machine']}; 2 shared cores)\n\n"
        "| what | cost |\n| --- | --- |\n"
        f"| `request_done`, today's record (no routing keys) | {today_us:.1f} µs |\n"
        f"| `request_done`, full record (routing, roll-out, fallback, guards, cost) "
        f"| {full_us:.1f} µs |\n"
        f"| of which the API-baseline price of one ticket (cost model) | {cost_us:.1f} µs |\n"
        f"| `render()`, 4 pools × 3 upstreams, {result['series_lines']} sample lines "
        f"({len(body) / 1024:.0f} KiB) | {result['render_ms']} ms |\n"
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
