"""Overload soak: one replica whose capacity is bounded (max_in_flight) behind the gateway,
offered twice its capacity for minutes. Expected: the excess gets 429 + Retry-After quickly,
the queue stays bounded, and the gateway's memory stays flat.

Capacity = max_in_flight / reply time (the fake engine's ttft + tokens x itl).

    python benchmarks/overload_soak.py [--seconds 120] [--in-flight 20]

Writes benchmarks/results/overload_soak.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from gateway_overhead import CLI, free_port, start_gateway, wait_http
from rawhttp import Client, Result, percentile

RESULTS = Path(__file__).parent / "results"
REPLY_S = 0.2  # ttft 50 ms + 15 tokens x 10 ms


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def soak(
    port: int, key: str, rate: float, seconds: float, pid: int
) -> tuple[dict[int, int], list[float], list[tuple[float, float]]]:
    body = json.dumps(
        {"model": "support", "stream": True, "max_tokens": 15,
         "messages": [{"role": "user", "content": "Where is my parcel?"}]}
    ).encode()  # fmt: skip
    headers = {"authorization": f"Bearer {key}"}
    client = Client("127.0.0.1", port)
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    tasks: set[asyncio.Task[Result]] = set()
    statuses: dict[int, int] = {}
    refusal_ms: list[float] = []
    memory: list[tuple[float, float]] = []

    def tally(task: asyncio.Task[Result]) -> None:
        tasks.discard(task)
        result = task.result()
        statuses[result.status] = statuses.get(result.status, 0) + 1
        if result.status == 429 and len(refusal_ms) < 20_000:
            refusal_ms.append(((result.finished or result.started) - result.started) * 1000)

    next_sample = 0.0
    for index in range(int(rate * seconds)):
        target = start + index / rate
        if target - start >= next_sample:
            memory.append((round(next_sample, 1), round(rss_mib(pid), 1)))
            next_sample += 5.0
        delay = target - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(client.post_stream("/v1/chat/completions", body, headers))
        tasks.add(task)
        task.add_done_callback(tally)
    await asyncio.gather(*tasks)
    memory.append((round(seconds, 1), round(rss_mib(pid), 1)))
    client.close()
    return statuses, refusal_ms, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--in-flight", type=int, default=20)
    args = parser.parse_args()
    capacity = args.in_flight / REPLY_S
    rate = 2 * capacity
    workdir = Path(tempfile.mkdtemp(prefix="supportllm-soak-"))
    engine_port, gateway_port = free_port(), free_port()
    engine = subprocess.Popen(
        [*CLI, "engine", "fake", "--port", str(engine_port), "--tokens", "15",
         "--ttft-ms", "50", "--itl-ms", "10"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    config = workdir / "supportllm.toml"
    config.write_text(
        f'[upstreams.r0]\nurl = "http://127.0.0.1:{engine_port}/v1"\n'
        f"max_in_flight = {args.in_flight}\n\n"
        '[pools.support]\nupstreams = ["r0"]\nmax_queue = 20\nqueue_timeout_s = 0.5\n'
    )
    gateway, key = start_gateway(
        workdir, gateway_port, f"http://127.0.0.1:{engine_port}/v1",
        {"SUPPORTLLM_CONFIG": str(config), "SUPPORTLLM_AUDIT__ENABLED": "false"},
    )  # fmt: skip
    try:
        wait_http(f"http://127.0.0.1:{engine_port}/v1/models")
        wait_http(f"http://127.0.0.1:{gateway_port}/healthz")
        statuses, refused_ms, memory = asyncio.run(
            soak(gateway_port, key, rate, args.seconds, gateway.pid)
        )
    finally:
        gateway.terminate()
        engine.terminate()
        gateway.wait(10)
    ok, refused = statuses.get(200, 0), statuses.get(429, 0)
    other = sum(statuses.values()) - ok - refused
    rss = [m for _, m in memory]
    settled = rss[len(rss) // 4 :]  # after the first quarter (allocator warm-up)
    doc = {
        "capacity_rps": capacity,
        "offered_rps": rate,
        "seconds": args.seconds,
        "requests": sum(statuses.values()),
        "ok": ok,
        "refused_429": refused,
        "other": other,
        "refusal_ms": {q: round(percentile(refused_ms, q), 2) for q in (50, 99)},
        "gateway_rss_mib": {"start": rss[0], "max": max(rss), "end": rss[-1]},
        "rss_growth_after_warmup_mib": round(settled[-1] - settled[0], 1),
        "rss_samples": memory,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "overload_soak.json").write_text(json.dumps(doc, indent=2) + "\n")
    (RESULTS / "overload_soak.md").write_text(
        "# Overload soak (2x capacity)\n\n"
        f"`python benchmarks/overload_soak.py --seconds {args.seconds:g} --in-flight "
        f"{args.in_flight}` on this machine (2 cores).\n\n| figure | value |\n|---|---|\n"
        + "\n".join(f"| {k} | {v} |" for k, v in doc.items() if k != "rss_samples")
        + "\n"
    )
    print(json.dumps({k: v for k, v in doc.items() if k != "rss_samples"}, indent=2))


if __name__ == "__main__":
    main()
