"""`supportllm bench` against the real llama.cpp engine (packaged Gemma 3 270M) and against the
gateway in front of it, at concurrency 1 and 4, with the default support workload.

Both runs, then `supportllm bench compare` of the two, exactly as a user would type them. The
gateway runs without retrieval (the support prompts already carry their passages) so that the
two rows differ only by the gateway.

    python benchmarks/bench_llamacpp.py [--requests 12]

Writes benchmarks/results/bench_llamacpp/ (report.md, summary.csv, plots) with the two run
folders (run.json with every request) under benchmarks/results/bench_llamacpp/runs/.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from gateway_overhead import CLI, free_port, start_gateway, wait_http
from supportllm.config import load_settings
from supportllm.engines.commands import launch_spec
from supportllm.engines.launch import start_engine, stop_engine

OUT = Path(__file__).parent / "results" / "bench_llamacpp"


def bench(url: str, out: Path, name: str, requests: int, *extra: str) -> None:
    command = [
        *CLI, "bench", "--url", url, "--name", name, "--concurrency", "1,4",
        "--requests", str(requests), "--out", str(out), "--no-progress", *extra,
    ]  # fmt: skip
    print("$", " ".join(command[2:]), flush=True)
    subprocess.run(command, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=12)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="supportllm-bench-llamacpp-"))
    settings = load_settings(data_dir=work / "data", llamacpp={"port": free_port()})
    state, _ = start_engine(launch_spec(settings), settings.data_dir, timeout_s=300)
    gateway = None
    try:
        if OUT.exists():
            shutil.rmtree(OUT)
        runs = OUT / "runs"
        bench(state.base_url, runs / "llamacpp", "llama.cpp direct", args.requests)
        port = free_port()
        gateway, key = start_gateway(work, port, state.base_url)
        wait_http(f"http://127.0.0.1:{port}/health")
        bench(
            f"http://127.0.0.1:{port}/v1", runs / "gateway", "through the gateway",
            args.requests, "--model", "support", "--api-key", key,
        )  # fmt: skip
        subprocess.run(
            [*CLI, "bench", "compare", str(runs / "llamacpp"), str(runs / "gateway"),
             "--out", str(OUT)],
            check=True,
        )  # fmt: skip
    finally:
        if gateway is not None:
            gateway.terminate()
            gateway.wait(10)
        stop_engine(settings.data_dir, "llamacpp")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
