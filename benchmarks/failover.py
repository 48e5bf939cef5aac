"""Fail-over under load: three fake replicas behind one gateway pool, steady streaming traffic,
one replica killed with SIGKILL mid-run.

Counts, for every request: complete (ended in [DONE]), cut after its first token (ended in an
error event marked x-supportllm-incomplete: the customer knows the reply is incomplete),
failed before its first token (the client saw an error: the target is zero), and silent
truncations (no [DONE], no error event: the target is zero). TTFT added by the fail-over =
p99 TTFT of requests started in the two seconds after the kill - p99 TTFT of those started in
the two seconds before it.

    python benchmarks/failover.py [--rate 300] [--seconds 10] [--kill-at 4]

Writes benchmarks/results/failover.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from gateway_overhead import CLI, cpu_seconds, free_port, start_gateway, wait_http
from rawhttp import Client, Result, percentile

RESULTS = Path(__file__).parent / "results"
REPLICAS = 3


def classify(result: Result) -> str:
    if result.status == 200 and result.done and result.error is None:
        return "complete"
    if result.status == 200 and result.incomplete and result.first_token is not None:
        return "cut_after_first_token"
    if result.status != 200 or (result.error is not None and result.first_token is None):
        return "failed_before_first_token"
    return "silent_truncation"


async def load(port: int, key: str, rate: float, seconds: float, kill: Any) -> list[Result]:
    body = json.dumps(
        {
            "model": "support",
            "stream": True,
            "max_tokens": 30,
            "messages": [{"role": "user", "content": "Where is my parcel? Order 1182."}],
        }
    ).encode()
    headers = {"authorization": f"Bearer {key}"}
    client = Client("127.0.0.1", port)
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    tasks = []
    killed = False
    for index in range(int(rate * seconds)):
        target = start + index / rate
        if not killed and target - start >= kill.at:
            kill()
            killed = True
        delay = target - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(client.post_stream("/v1/chat/completions", body, headers)))
    results = list(await asyncio.gather(*tasks))
    client.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=300.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--kill-at", type=float, default=4.0)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="supportllm-failover-"))
    ports = [free_port() for _ in range(REPLICAS)]
    engines = [
        subprocess.Popen(
            [*CLI, "engine", "fake", "--port", str(p), "--tokens", "30", "--itl-ms", "10",
             "--ttft-ms", "20"],
            stdout=subprocess.DEVNULL,
        )
        for p in ports
    ]  # fmt: skip
    config = workdir / "supportllm.toml"
    lines = [f'[upstreams.r{i}]\nurl = "http://127.0.0.1:{p}/v1"\n' for i, p in enumerate(ports)]
    lines.append(f"[pools.support]\nupstreams = {json.dumps([f'r{i}' for i in range(REPLICAS)])}\n")
    lines.append("[resilience]\nhealth_interval_s = 0.5\n")
    config.write_text("\n".join(lines))
    gateway_port = free_port()
    gateway, key = start_gateway(
        workdir,
        gateway_port,
        f"http://127.0.0.1:{ports[0]}/v1",
        {"SUPPORTLLM_CONFIG": str(config), "SUPPORTLLM_AUDIT__ENABLED": "false"},
    )
    try:
        for p in ports:
            wait_http(f"http://127.0.0.1:{p}/v1/models")
        wait_http(f"http://127.0.0.1:{gateway_port}/healthz")
        victim = engines[1]
        kill_time: list[float] = []

        def kill() -> None:
            kill_time.append(time.perf_counter())
            os.kill(victim.pid, signal.SIGKILL)

        kill.at = args.kill_at  # type: ignore[attr-defined]
        cpu_before = cpu_seconds(gateway.pid)
        results = asyncio.run(load(gateway_port, key, args.rate, args.seconds, kill))
        cpu = cpu_seconds(gateway.pid) - cpu_before
    finally:
        gateway.terminate()
        for engine in engines:
            if engine.poll() is None:
                engine.terminate()
        gateway.wait(10)
    killed_at = kill_time[0]
    counts: dict[str, int] = {}
    for result in results:
        kind = classify(result)
        counts[kind] = counts.get(kind, 0) + 1

    def ttft(rs: list[Result]) -> list[float]:
        return [(r.first_token - r.started) * 1000 for r in rs if r.first_token is not None]

    # The two seconds before the kill (after the first seconds' connection set-up).
    before = ttft([r for r in results if killed_at - 2.2 <= r.started < killed_at - 0.2])
    during = ttft([r for r in results if killed_at <= r.started < killed_at + 2.0])
    doc = {
        "rate_rps": args.rate,
        "seconds": args.seconds,
        "replicas": REPLICAS,
        "requests": len(results),
        "outcomes": counts,
        "ttft_p99_before_ms": round(percentile(before, 99), 2),
        "ttft_p99_failover_window_ms": round(percentile(during, 99), 2),
        "ttft_p99_added_ms": round(percentile(during, 99) - percentile(before, 99), 2),
        "ttft_p50_before_ms": round(percentile(before, 50), 2),
        "ttft_p50_failover_window_ms": round(percentile(during, 50), 2),
        "gateway_cpu_ms_per_request": round(cpu * 1000 / max(1, len(results)), 3),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "failover.json").write_text(json.dumps(doc, indent=2) + "\n")
    rows = "\n".join(f"| {k} | {v} |" for k, v in doc.items() if k != "outcomes")
    outcome_rows = "\n".join(f"| {k} | {v} |" for k, v in sorted(counts.items()))
    (RESULTS / "failover.md").write_text(
        "# Fail-over under load (SIGKILL of one of three replicas)\n\n"
        f"`python benchmarks/failover.py --rate {args.rate:g} --seconds {args.seconds:g} "
        f"--kill-at {args.kill_at:g}` on this machine (2 cores; gateway, three fake replicas and "
        "the load generator share them).\n\n| outcome | requests |\n|---|---|\n"
        f"{outcome_rows}\n\n| figure | value |\n|---|---|\n{rows}\n"
    )
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
