"""Gateway overhead against the fake engine: added TTFT, sustained rate, CPU per request.

Method: the fake engine (zero delay, 20 chunks per reply, streaming) and the gateway run as
separate processes on this machine; one load-generator process offers open-loop traffic at a
fixed rate, first straight to the engine and then through the gateway, at each rate, in the same
run. Added TTFT = gateway TTFT percentile - direct TTFT percentile at the same rate. Gateway CPU
per request = the user + system CPU time of the gateway process and its child processes (the
audit content helper, audit.redact_in) during the phase / requests; the helper's share is shown
too. Each phase starts with a warm-up of ``--warmup`` seconds (4: long enough for
audit.redact_in = auto to move the audit content's redaction to its helper, which it does after
two seconds of load and loads in under one) that is not measured.

    python benchmarks/gateway_overhead.py [--rates 100,500] [--seconds 10] [--repeat 3]

With --repeat N the whole sweep runs N times; the table shows every repetition and the median.

Writes benchmarks/results/gateway_overhead.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from rawhttp import Client, Result, percentile

RESULTS = Path(__file__).parent / "results"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (the gateway's audit content helper); RuntimeError where
    the kernel does not list them (its CPU would silently count as nothing)."""
    main = Path(f"/proc/{pid}/task/{pid}/children")
    if not main.exists():
        raise RuntimeError(f"{main} is missing: this kernel does not list child processes")
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue  # a thread that ended between the two looks
    return found


def family_cpu(pid: int) -> dict[int, float]:
    """CPU seconds of ``pid`` and of each of its child processes."""
    out: dict[int, float] = {}
    for each in (pid, *children(pid)):
        try:
            out[each] = cpu_seconds(each)
        except OSError:  # a child that ended between the two looks
            continue
    return out


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


CLI = [sys.executable, "-m", "supportllm"]


def start_gateway(
    workdir: Path, port: int, engine_url: str, extra_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """A gateway process (request log to file only) and a fresh key for it."""
    env = {
        **os.environ,
        "SUPPORTLLM_DATA_DIR": str(workdir / "data"),
        "SUPPORTLLM_LOG_REQUESTS_TO_STDOUT": "false",
        # The gateway's own cost, without the knowledge base (benchmarks/retrieval_speed.py
        # measures retrieval on its own).
        "SUPPORTLLM_RETRIEVAL__ENABLED": "false",
        **(extra_env or {}),
    }
    created = subprocess.run(
        [*CLI, "keys", "create", "--team", "bench"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    key = created.stdout.strip().splitlines()[-1]
    command = [*CLI, "serve", "--port", str(port), "--engine-url", engine_url]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL), key


def wait_http(url: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


async def offer_load(
    client: Client, path: str, body: bytes, headers: dict[str, str], rate: float, seconds: float
) -> tuple[list[Result], float, float]:
    """Open loop: request i starts at t0 + i/rate. Returns results, wall time, mean start lag."""
    loop = asyncio.get_running_loop()
    count = int(rate * seconds)
    tasks: list[asyncio.Task[Result]] = []
    lags: list[float] = []
    start = loop.time() + 0.05
    for index in range(count):
        target = start + index / rate
        delay = target - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        lags.append(loop.time() - target)
        tasks.append(asyncio.create_task(client.post_stream(path, body, headers)))
    results = await asyncio.gather(*tasks)
    wall = loop.time() - start
    return list(results), wall, sum(lags) / max(1, len(lags))


def summarise(results: list[Result], wall: float) -> dict[str, Any]:
    ok = [r for r in results if r.ok and r.first_token is not None and r.finished is not None]
    ttft = [(r.first_token - r.started) * 1000 for r in ok]  # type: ignore[operator]
    e2e = [(r.finished - r.started) * 1000 for r in ok]  # type: ignore[operator]
    errors: dict[str, int] = {}
    for r in results:
        if not r.ok:
            errors[r.error or "unknown"] = errors.get(r.error or "unknown", 0) + 1
    return {
        "requests": len(results),
        "ok": len(ok),
        "errors": errors,
        "achieved_rps": round(len(ok) / wall, 1),
        "chunks_per_reply": round(sum(r.chunks for r in ok) / max(1, len(ok)), 1),
        "ttft_ms": {q: round(percentile(ttft, q), 3) for q in (50, 90, 99)},
        "e2e_ms": {q: round(percentile(e2e, q), 3) for q in (50, 90, 99)},
    }


async def run_phase(
    port: int,
    path: str,
    headers: dict[str, str],
    rate: float,
    seconds: float,
    watch_pids: dict[str, int],
    warmup: float = 4.0,
) -> dict[str, Any]:
    body = json.dumps(
        {
            "model": "support",
            "stream": True,
            "max_tokens": 20,
            "messages": [{"role": "user", "content": "How do I reset my password?"}],
        }
    ).encode()
    client = Client("127.0.0.1", port)
    # warm-up: connections, caches, the audit content helper (audit.redact_in = auto)
    await offer_load(client, path, body, headers, rate, warmup)

    # the gateway with its children (the audit content helper); the others alone (the load
    # generator is the parent of every process here)
    def look() -> dict[str, dict[int, float]]:
        return {
            name: family_cpu(pid) if name == "gateway" else {pid: cpu_seconds(pid)}
            for name, pid in watch_pids.items()
        }

    before = look()
    results, wall, lag = await offer_load(client, path, body, headers, rate, seconds)
    after = look()
    client.close()
    summary = summarise(results, wall)
    summary["offered_rps"] = rate
    summary["loadgen_mean_start_lag_ms"] = round(lag * 1000, 3)
    ok = max(1, summary["ok"])
    # a child that started during the phase counts from zero (its start-up included)
    used = {
        name: {each: cpu - before[name].get(each, 0.0) for each, cpu in after[name].items()}
        for name in watch_pids
    }
    summary["cpu_ms_per_request"] = {
        name: round(sum(used[name].values()) * 1000 / ok, 3) for name in watch_pids
    }
    gateway = watch_pids.get("gateway")
    if gateway is not None:
        helpers = sum(cpu for each, cpu in used["gateway"].items() if each != gateway)
        summary["gateway_helper_cpu_ms_per_request"] = round(helpers * 1000 / ok, 3)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rates", default="100,500")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--warmup", type=float, default=4.0, help="unmeasured seconds per phase")
    parser.add_argument(
        "--audit",
        choices=["batched", "strict", "off"],
        default="batched",
        help="the gateway's audit trail (content logging on): batched (the default), strict "
        "durability, or off; results go to gateway_overhead[-audit-MODE].{json,md}",
    )
    args = parser.parse_args()
    audit_env = (
        {"SUPPORTLLM_AUDIT__ENABLED": "false"}
        if args.audit == "off"
        else {"SUPPORTLLM_AUDIT__DURABILITY": args.audit}
    )
    rates = [float(rate) for rate in args.rates.split(",")]

    workdir = Path(tempfile.mkdtemp(prefix="supportllm-bench-"))
    engine_port, gateway_port = free_port(), free_port()
    engine = subprocess.Popen(
        [*CLI, "engine", "fake", "--port", str(engine_port), "--tokens", "20"],
        stdout=subprocess.DEVNULL,
    )
    gateway, key = start_gateway(
        workdir, gateway_port, f"http://127.0.0.1:{engine_port}/v1", audit_env
    )
    relay_port = free_port()
    relay = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).parent / "tcp_relay.py"),
            str(relay_port),
            str(engine_port),
        ]
    )
    try:
        wait_http(f"http://127.0.0.1:{engine_port}/health")
        wait_http(f"http://127.0.0.1:{gateway_port}/healthz")
        wait_http(f"http://127.0.0.1:{relay_port}/health")
        pids = {"gateway": gateway.pid, "engine": engine.pid, "loadgen": os.getpid()}
        phases = []
        for rate in [rate for _ in range(args.repeat) for rate in rates]:
            for target, port, path, headers in (
                ("direct", engine_port, "/v1/chat/completions", {}),
                ("tcp-relay", relay_port, "/v1/chat/completions", {}),
                (
                    "gateway",
                    gateway_port,
                    "/v1/chat/completions",
                    {"authorization": f"Bearer {key}"},
                ),
            ):
                summary = asyncio.run(
                    run_phase(port, path, headers, rate, args.seconds, pids, args.warmup)
                )
                summary["target"] = target
                phases.append(summary)
                print(
                    f"{target:8} {rate:6.0f} rps: ok {summary['ok']}/{summary['requests']} "
                    f"errors {summary['errors']} TTFT p50 {summary['ttft_ms'][50]:.2f} ms "
                    f"p99 {summary['ttft_ms'][99]:.2f} ms; CPU/request "
                    f"{summary['cpu_ms_per_request']}",
                    flush=True,
                )
    finally:
        for process in (gateway, engine, relay):
            process.terminate()
            process.wait(timeout=10)
    report(phases, args.seconds, args.audit)


def report(phases: list[dict[str, Any]], seconds: float, audit: str = "batched") -> None:
    name = "gateway_overhead" if audit == "batched" else f"gateway_overhead-audit-{audit}"
    RESULTS.mkdir(exist_ok=True)
    rows = []
    for direct, relay, through in zip(phases[::3], phases[1::3], phases[2::3], strict=True):
        rows.append(
            {
                "tcp_relay": relay,
                "relay_added_ttft_ms": {
                    q: round(relay["ttft_ms"][q] - direct["ttft_ms"][q], 3) for q in (50, 90, 99)
                },
                "offered_rps": direct["offered_rps"],
                "direct": direct,
                "gateway": through,
                "added_ttft_ms": {
                    q: round(through["ttft_ms"][q] - direct["ttft_ms"][q], 3) for q in (50, 90, 99)
                },
                "added_e2e_ms": {
                    q: round(through["e2e_ms"][q] - direct["e2e_ms"][q], 3) for q in (50, 90, 99)
                },
                "gateway_cpu_ms_per_request": through["cpu_ms_per_request"]["gateway"],
                "gateway_helper_cpu_ms_per_request": through.get(
                    "gateway_helper_cpu_ms_per_request", 0.0
                ),
            }
        )
    meta = {
        "machine": f"{os.cpu_count()} cores",
        "seconds_per_phase": seconds,
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "engine": "fake, 0 ms, 20 chunks",
        "audit": audit,
        "command": "python benchmarks/gateway_overhead.py " + " ".join(sys.argv[1:]),
    }
    (RESULTS / f"{name}.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    by_rate: dict[float, list[dict[str, Any]]] = {}
    for row in rows:
        by_rate.setdefault(row["offered_rps"], []).append(row)
    lines = [
        f"# Gateway overhead (fake engine: 0 ms, 20 chunks/reply, streaming; audit trail: {audit})",
        "",
        f"{meta['date']}, {meta['machine']}, {seconds:g} s per phase, open-loop load; "
        f"`{meta['command']}`",
        "",
        "| offered req/s | achieved direct / gateway | errors (gateway) | TTFT p50 direct / "
        "gateway (ms) | added TTFT p50 / p99 (ms) | TCP relay's added TTFT p50 (ms) | "
        "added E2E p50 (ms) | gateway CPU/request (ms) | of which its helper (ms) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        d, g = row["direct"], row["gateway"]
        lines.append(
            f"| {row['offered_rps']:.0f} | {d['achieved_rps']} / {g['achieved_rps']} | "
            f"{sum(g['errors'].values())} | {d['ttft_ms'][50]:.2f} / {g['ttft_ms'][50]:.2f} | "
            f"{row['added_ttft_ms'][50]:.2f} / {row['added_ttft_ms'][99]:.2f} | "
            f"{row['relay_added_ttft_ms'][50]:.2f} | "
            f"{row['added_e2e_ms'][50]:.2f} | {row['gateway_cpu_ms_per_request']:.3f} | "
            f"{row['gateway_helper_cpu_ms_per_request']:.3f} |"
        )
    if any(len(group) > 1 for group in by_rate.values()):
        lines += [
            "",
            "Median over repetitions:",
            "",
            "| offered req/s | runs | errors | added TTFT p50 (ms) | added TTFT p99 (ms) "
            "| TCP relay's added TTFT p50 (ms) | gateway CPU/request (ms) |",
            "|---|---|---|---|---|---|---|",
        ]
        for rate, group in sorted(by_rate.items()):
            errors = sum(sum(r["gateway"]["errors"].values()) for r in group)
            lines.append(
                f"| {rate:.0f} | {len(group)} | {errors} | "
                f"{statistics.median(r['added_ttft_ms'][50] for r in group):.2f} | "
                f"{statistics.median(r['added_ttft_ms'][99] for r in group):.2f} | "
                f"{statistics.median(r['relay_added_ttft_ms'][50] for r in group):.2f} | "
                f"{statistics.median(r['gateway_cpu_ms_per_request'] for r in group):.3f} |"
            )
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
