"""Is `supportllm bench` right, and is it never the bottleneck? Measured against the fake engine.

Scenarios (each runs the real CLI in its own process against a fake engine in another):

1. accuracy — fake TTFT 50 ms, 20 ms between tokens; closed loop at concurrency 1, 64 and 128:
   reported TTFT p50 and ITL p50 against the configured values.
2. streams — fake TTFT 50 ms, 100 ms between tokens, 50-token replies; 1,000 (and 2,000)
   concurrent streams.
3. rate — fake TTFT 5 ms, 1 ms between tokens, 2-token replies; Poisson arrivals at 500 and
   1,000 requests/s.

For each level: the reported figures, the error to the truth, the client's event-loop lag and
CPU per request, and the fake engine's CPU (to show it was not the bottleneck either).

    python benchmarks/bench_accuracy.py [--seconds 10] [--engine-workers 2] [--only accuracy]

Writes benchmarks/results/bench_accuracy.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from gateway_overhead import CLI, free_port

RESULTS = Path(__file__).parent / "results"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its direct children (the engine's workers)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK
    return total


def start_fake(ttft: float, itl: float, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [*CLI, "engine", "fake", "--port", str(port), "--ttft-ms", str(ttft), "--itl-ms",
         str(itl), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/v1"
    for _ in range(200):
        try:
            if httpx.get(url + "/models", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("fake engine did not start")


def run_bench(url: str, out: Path, args: list[str]) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    result = subprocess.run(
        [*CLI, "bench", "--url", url, "--workload", "random", "--input-tokens", "100",
         "--out", str(out), "--no-progress", *args],
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads((out / "run.json").read_text()), time.monotonic() - started


def figures(level: dict[str, Any], ttft: float, itl: float) -> dict[str, Any]:
    s, client = level["summary"], level["client"]
    return {
        "level": level["label"],
        "requests": s["requests"],
        "failed": s["failed"],
        "ttft_p50_ms": s["ttft_ms"]["p50"],
        "ttft_p95_ms": s["ttft_ms"]["p95"],
        "ttft_p99_ms": s["ttft_ms"]["p99"],
        "ttft_p50_error_ms": s["ttft_ms"]["p50"] - ttft,
        "itl_p50_ms": s["itl_ms"]["p50"],
        "itl_p95_ms": s["itl_ms"]["p95"],
        "itl_p50_error_ms": s["itl_ms"]["p50"] - itl,
        "requests_per_s": s["requests_per_s"],
        "output_tokens_per_s": s["output_tokens_per_s"],
        "client_queue_p50_ms": (s.get("client_queue_ms") or {}).get("p50"),
        "lag_p50_ms": client["event_loop_lag_ms"]["p50"],
        "lag_p99_ms": client["event_loop_lag_ms"]["p99"],
        "lag_max_ms": client["event_loop_lag_ms"]["max"],
        "client_cpu_ms_per_request": client["cpu_ms_per_request"],
        "client_processes": client["workers"],
    }


def scenario(
    name: str, ttft: float, itl: float, engine_workers: int, bench_args: list[str], work: Path
) -> dict[str, Any]:
    process, url = start_fake(ttft, itl, engine_workers)
    try:
        before = cpu_seconds(process.pid)
        run, wall = run_bench(url, work / name, bench_args)
        engine_cpu = cpu_seconds(process.pid) - before
    finally:
        process.terminate()
        process.wait(10)
    levels = [figures(level, ttft, itl) for level in run["levels"]]
    print(f"{name}: " + "; ".join(
        f"{lv['level']} TTFT p50 {lv['ttft_p50_ms']:.2f} ITL p50 {lv['itl_p50_ms']:.2f} "
        f"{lv['requests_per_s']:.0f} req/s lag p99 {lv['lag_p99_ms']:.2f} "
        f"cpu/req {lv['client_cpu_ms_per_request']:.3f} ms" for lv in levels
    ))  # fmt: skip
    return {
        "scenario": name,
        "fake_ttft_ms": ttft,
        "fake_itl_ms": itl,
        "engine_workers": engine_workers,
        "bench_args": bench_args,
        "wall_s": wall,
        "engine_cpu_share_of_one_core": engine_cpu / wall,
        "levels": levels,
    }


def markdown(results: list[dict[str, Any]], seconds: float) -> str:
    lines = [
        "# Accuracy and capacity of `supportllm bench` (against the fake engine)",
        "",
        f"Machine: {os.cpu_count()} cores. Each level ran {seconds:g} s (streams: twice that). "
        "Command: `python benchmarks/bench_accuracy.py`.",
        "",
        "| scenario | level | true TTFT / ITL (ms) | TTFT p50 / p95 / p99 (ms) "
        "| ITL p50 / p95 (ms) | req/s | output tok/s | event-loop lag p50 / p99 / max (ms) "
        "| client CPU / request (ms) "
        "| client processes | engine workers |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        for lv in result["levels"]:
            lines.append(
                f"| {result['scenario']} | {lv['level']} | {result['fake_ttft_ms']:g} / "
                f"{result['fake_itl_ms']:g} | {lv['ttft_p50_ms']:.2f} / {lv['ttft_p95_ms']:.2f} / "
                f"{lv['ttft_p99_ms']:.2f} | {lv['itl_p50_ms']:.2f} / {lv['itl_p95_ms']:.2f} | "
                f"{lv['requests_per_s']:,.1f} | {lv['output_tokens_per_s']:,.0f} | "
                f"{lv['lag_p50_ms']:.2f} / {lv['lag_p99_ms']:.2f} / {lv['lag_max_ms']:.1f} | "
                f"{lv['client_cpu_ms_per_request']:.3f} | {lv['client_processes']} | "
                f"{result['engine_workers']} |"
            )
    lines += ["", "Engine CPU (share of one core, whole scenario): " + ", ".join(
        f"{r['scenario']} {r['engine_cpu_share_of_one_core']:.0%}" for r in results
    )]  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--engine-workers", type=int, default=1)
    parser.add_argument("--only", choices=["accuracy", "streams", "rate"], default=None)
    parser.add_argument("--streams", default="1000,2000")
    parser.add_argument("--rates", default="500,1000")
    parser.add_argument("--bench-workers", type=int, default=None, help="default: auto")
    args = parser.parse_args()
    seconds = str(args.seconds)
    extra = ["--workers", str(args.bench_workers)] if args.bench_workers else []
    plans = {
        "accuracy": (50.0, 20.0, ["--concurrency", "1,64,128", "--duration", seconds,
                                  "--output-tokens", "20"]),
        "streams": (50.0, 100.0, ["--concurrency", args.streams, "--duration",
                                  str(args.seconds * 2), "--ramp-up", "2",
                                  "--output-tokens", "50"]),
        "rate": (5.0, 1.0, ["--rate", args.rates, "--duration", seconds,
                            "--output-tokens", "2"]),
    }  # fmt: skip
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (ttft, itl, bench_args) in plans.items():
            if args.only and name != args.only:
                continue
            results.append(
                scenario(name, ttft, itl, args.engine_workers, bench_args + extra, Path(tmp))
            )
    RESULTS.mkdir(exist_ok=True)
    suffix = f"_{args.only}" if args.only else ""
    (RESULTS / f"bench_accuracy{suffix}.json").write_text(json.dumps(results, indent=2))
    (RESULTS / f"bench_accuracy{suffix}.md").write_text(markdown(results, args.seconds))
    print(markdown(results, args.seconds))


if __name__ == "__main__":
    main()
