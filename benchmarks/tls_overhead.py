"""What HTTPS costs at the gateway: the same streamed requests over plain HTTP and over TLS 1.3.

Method: one fake engine (zero delay, 20 chunks per reply) and two gateway processes in front of
it, one plain and one with a throwaway CA's certificate. One client sends streamed chat requests
one after another, first on one keep-alive connection, then each on a new connection (so each
pays a TLS handshake). Reported per request: TTFT and total time (p50), and the gateway
process's CPU (user + system) per request.

    python benchmarks/tls_overhead.py [--requests 300]

Writes benchmarks/results/tls_overhead.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))
from tests.test_tls import make_pki

from gateway_overhead import CLI, RESULTS, cpu_seconds, free_port, start_gateway

BODY = {"model": "support", "messages": [{"role": "user", "content": "Hi"}], "stream": True}


def wait_up(url: str, verify: ssl.SSLContext | bool, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1, verify=verify).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def one(client: httpx.Client, url: str, key: str) -> tuple[float, float]:
    start = time.perf_counter()
    ttft = 0.0
    headers = {"authorization": f"Bearer {key}"}
    with client.stream("POST", f"{url}/chat/completions", json=BODY, headers=headers) as reply:
        assert reply.status_code == 200, reply.read()
        for piece in reply.iter_raw():
            if not ttft and piece:
                ttft = time.perf_counter() - start
    return ttft * 1000, (time.perf_counter() - start) * 1000


def phase(url: str, key: str, verify: ssl.SSLContext | bool, pid: int, n: int, reuse: bool) -> Any:
    client = httpx.Client(verify=verify, timeout=10)
    one(client, url, key)  # warm-up (and, with reuse, the connection)
    cpu = cpu_seconds(pid)
    times = []
    for _ in range(n):
        if not reuse:
            client.close()
            client = httpx.Client(verify=verify, timeout=10)
        times.append(one(client, url, key))
    cpu = cpu_seconds(pid) - cpu
    client.close()
    return {
        "requests": n,
        "ttft_p50_ms": round(statistics.median(t[0] for t in times), 3),
        "total_p50_ms": round(statistics.median(t[1] for t in times), 3),
        "gateway_cpu_ms_per_request": round(cpu * 1000 / n, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="supportllm-tls-bench-"))
    pki = make_pki(workdir / "pki")
    cert, key_file = pki.issue("gateway")
    trust = ssl.create_default_context(cafile=str(pki.ca_file))
    engine_port, plain_port, tls_port = free_port(), free_port(), free_port()
    engine = subprocess.Popen(
        [*CLI, "engine", "fake", "--port", str(engine_port), "--tokens", "20"],
        stdout=subprocess.DEVNULL,
    )
    engine_url = f"http://127.0.0.1:{engine_port}/v1"
    (workdir / "plain").mkdir()
    (workdir / "tls").mkdir()
    plain, plain_key = start_gateway(workdir / "plain", plain_port, engine_url)
    tls_env = {"SUPPORTLLM_TLS_CERT": str(cert), "SUPPORTLLM_TLS_KEY": str(key_file)}
    secure, secure_key = start_gateway(workdir / "tls", tls_port, engine_url, tls_env)
    results: dict[str, Any] = {}
    try:
        wait_up(f"http://127.0.0.1:{plain_port}/healthz", True)
        wait_up(f"https://127.0.0.1:{tls_port}/healthz", trust)
        targets = (
            ("http", f"http://127.0.0.1:{plain_port}/v1", plain_key, True, plain.pid),
            ("https", f"https://127.0.0.1:{tls_port}/v1", secure_key, trust, secure.pid),
        )
        for reuse in (True, False):
            for name, url, key, verify, pid in targets:
                label = f"{name}, {'keep-alive' if reuse else 'new connection each'}"
                results[label] = phase(url, key, verify, pid, args.requests, reuse)
                print(label, results[label], flush=True)
    finally:
        for process in (plain, secure, engine):
            process.terminate()
            process.wait(timeout=10)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "tls_overhead.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = [
        f"Streamed requests one at a time, {args.requests} per row, fake engine (20 chunks, no "
        f"delay), this machine ({os.cpu_count()} CPUs). `python benchmarks/tls_overhead.py`",
        "",
        "| gateway, connection | TTFT p50 (ms) | total p50 (ms) | gateway CPU / request (ms) |",
        "|---|---|---|---|",
    ]
    for label, row in results.items():
        lines.append(
            f"| {label} | {row['ttft_p50_ms']} | {row['total_p50_ms']} | "
            f"{row['gateway_cpu_ms_per_request']} |"
        )
    (RESULTS / "tls_overhead.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
