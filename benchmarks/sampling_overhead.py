"""What live-traffic sampling and OpenTelemetry traces cost the gateway's event loop.

- ``LiveSampler.wants``: the decision per request (BLAKE2b of the id against the stratum's rate),
  for the strata of a realistic set of overrides;
- ``LiveSampler.offer``: what the gateway calls after each 200 reply — at a 2 % rate (most
  requests are not kept) and at 100 % (every one queued for the writer thread, which redacts
  with the real PII redactor and inserts into SQLite meanwhile);
- ``Tracing.emit``: what the event loop pays to trace a request (a copy and an append), and the
  whole cost — the span tree (root + auth, guard, retrieval, routing, engine with its
  first-token event) built in the tracing thread and exported through OpenTelemetry's
  BatchSpanProcessor to an in-memory exporter — at sample_ratio 1.0 and 0.1.

Each figure is the median of ``--repeats`` timed loops (microseconds per call, one core).

    python benchmarks/sampling_overhead.py [--calls 200000] [--repeats 5]

Writes benchmarks/results/sampling_overhead.json and .md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from supportllm.config_operate import SamplingSettings, TracingSettings
from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor, redact_json
from supportllm.sampling.sampler import LiveSampler

RESULTS = Path(__file__).parent / "results"
RATES = {"alias:support": 0.05, "route:api": 0.02, "arm:canary": 0.2}
STRATA = [("support", "self", None), ("support", "api", None), ("support", "self", "canary")]
MESSAGES = [
    {"role": "system", "content": "You are a support agent."},
    {"role": "user", "content": "Hi, I'm Anna Schmidt (anna@example.de); my invoice is wrong."},
]


def _record(request_id: str) -> dict[str, Any]:
    return {
        "request_id": request_id, "ts": time.time(), "path": "/v1/chat/completions",
        "team": "support-team", "model": "support", "engine": "vllm", "channel": "chat",
        "upstream_model": "Qwen/Qwen2.5-7B-Instruct", "upstream": "gpu-a", "route": "self",
        "arm": "canary", "status": 200, "prompt_tokens": 812, "completion_tokens": 143,
        "ttft_ms": 180.0, "total_ms": 950.0, "retrieval": "ok", "sources": ["a#1", "b#2"],
        "guard": {"injection": "pass"},
    }  # fmt: skip


def _per_call_us(loop: Callable[[], int], repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        calls = loop()
        runs.append((time.perf_counter() - started) / calls * 1e6)
    return round(statistics.median(runs), 3)


def _sampling(calls: int, repeats: int, work: Path) -> dict[str, float]:
    ids = [f"req_5f3a9c01{n:08x}" for n in range(calls)]
    decide = LiveSampler(SamplingSettings(rate=0.02, rates=RATES, daily_cap=0))
    figures: dict[str, float] = {}
    for alias, route, arm in STRATA:

        def wants(a: str = alias, r: str = route, m: str | None = arm) -> int:
            for request_id in ids:
                decide.wants(request_id, a, r, m)
            return len(ids)

        figures[f"wants_us[{alias}/{route}/{arm or '-'}]"] = _per_call_us(wants, repeats)
    redactor = PIIRedactor(PIIGuardSettings())
    for label, rate, count in (("rate 0.02", 0.02, calls // 4), ("rate 1.0", 1.0, 5000)):
        records = [_record(request_id) for request_id in ids[:count]]
        sampler = LiveSampler.open(
            SamplingSettings(enabled=True, rate=rate, daily_cap=0, max_pending=count),
            f"sqlite:///{work / f'samples-{rate}.db'}",
            redact=lambda content: redact_json(content, redactor),
        )
        assert sampler is not None
        sampler.start()  # the writer thread redacts and inserts while offer() is timed
        started = time.perf_counter()
        for record in records:
            sampler.offer(record, MESSAGES, "Dear Anna, we corrected the invoice.", [])
        figures[f"offer_us[{label}]"] = round((time.perf_counter() - started) / count * 1e6, 3)
        sampler.close()
        if rate == 1.0:  # every offer queued: how fast the writer thread keeps up
            figures["stored_per_s[writer thread: redacted, SQLite]"] = round(
                sampler.stats()["written"] / (time.perf_counter() - started)
            )
    return figures
    return figures


def _tracing(calls: int, repeats: int) -> dict[str, float]:
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from supportllm.gateway.tracing import Tracing

    figures: dict[str, float] = {}
    record = _record("req_trace")
    count = max(1000, calls // 20)
    for ratio in (1.0, 0.1):
        tracing = Tracing(
            TracingSettings(enabled=True, sample_ratio=ratio, max_queue=count * 6 + 10),
            exporter=InMemorySpanExporter(),
        )

        def emit(t: Tracing = tracing) -> int:
            for _ in range(count):
                s = time.perf_counter()
                steps = [("auth", s, s + 1e-4), ("guard", s + 1e-4, s + 4e-4),
                         ("retrieval", s + 4e-4, s + 0.03), ("routing", s + 0.03, s + 0.031),
                         ("engine", s + 0.032, s + 0.949)]  # fmt: skip
                t.emit(record, s, steps)
            return count

        def build(t: Tracing = tracing) -> int:
            emit(t)
            t.flush()
            return count

        figures[f"emit_us[event loop, sample_ratio {ratio}]"] = _per_call_us(emit, repeats)
        tracing.flush()
        figures[f"emit+build+export_us[total CPU, sample_ratio {ratio}]"] = _per_call_us(
            build, repeats
        )
        tracing.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="supportllm-sampling-bench-"))
    figures = {**_sampling(args.calls, args.repeats, work), **_tracing(args.calls, args.repeats)}
    document = {
        "benchmark": "sampling_overhead",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "calls": args.calls,
        "repeats": args.repeats,
        "rates": RATES,
        "figures": figures,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "sampling_overhead.json").write_text(json.dumps(document, indent=2) + "\n")
    lines = [
        "# Sampling and tracing overhead",
        "",
        f"`python benchmarks/sampling_overhead.py --calls {args.calls} --repeats "
        f"{args.repeats}` (Python {document['python']}, median of the repeats, one core).",
        "",
        "| what | per call |",
        "|---|---|",
    ]
    for name, value in figures.items():
        unit = " samples/s" if name.startswith("stored") else " µs"
        lines.append(f"| {name} | {value}{unit} |")
    (RESULTS / "sampling_overhead.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
