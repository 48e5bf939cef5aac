"""llama.cpp decode speed by thread count: llama-cpp-python's own default (half the CPUs) against
supportllm's (one decode thread per usable physical core, prompt processing on every usable CPU),
with the packaged Gemma 3 270M.

For each thread count: start the engine, send a warm-up, then ``--requests`` completions of a
support-shaped prompt one at a time, each asked for ``--tokens`` tokens; tok/s is the engine's
own ``completion_tokens`` over the request's wall time (prompt processing included, as a
customer would wait for it), and the prompt-processing speed from a prompt-only request.

    python benchmarks/llamacpp_threads.py [--requests 5 --tokens 128]

Writes benchmarks/results/llamacpp_threads.json and .md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from gateway_overhead import free_port
from supportllm.config import load_settings
from supportllm.engines.commands import launch_spec, usable_cores, usable_cpu_ids
from supportllm.engines.launch import start_engine, stop_engine

RESULTS = Path(__file__).parent / "results"
PROMPT = (
    "You are the support assistant of Acme Cloud, an invoicing service.\n"
    "Customer: I was charged twice for my subscription this month and the second invoice has "
    "no number. Can you refund the duplicate charge and tell me how to download the invoice?\n"
    "Agent:"
)


def measure(threads: int | None, requests: int, tokens: int) -> dict[str, float | int | str]:
    work = Path(tempfile.mkdtemp(prefix="supportllm-threads-"))
    llamacpp: dict[str, int] = {"port": free_port()}
    if threads:
        llamacpp["n_threads"] = threads
    settings = load_settings(data_dir=work / "data", llamacpp=llamacpp)
    spec = launch_spec(settings)
    if threads == 0:  # llama-cpp-python's own default: drop our thread flags
        cut = spec.command.index("--n_threads")
        spec = type(spec)(**{**spec.__dict__, "command": spec.command[:cut]})
    state, _ = start_engine(spec, settings.data_dir, timeout_s=300)
    try:
        with httpx.Client(base_url=state.base_url, timeout=300) as http:
            body = {"model": state.served_model, "prompt": PROMPT, "temperature": 0}
            http.post("/completions", json={**body, "max_tokens": 8})  # warm-up
            rates: list[float] = []
            for _ in range(requests):
                started = time.perf_counter()
                reply = http.post("/completions", json={**body, "max_tokens": tokens}).json()
                elapsed = time.perf_counter() - started
                rates.append(reply["usage"]["completion_tokens"] / elapsed)
            started = time.perf_counter()
            prompt_only = http.post("/completions", json={**body, "max_tokens": 1}).json()
            prompt_s = time.perf_counter() - started
    finally:
        stop_engine(settings.data_dir, "llamacpp")
    label = "llama-cpp-python default (half the CPUs)" if threads == 0 else f"{threads} thread(s)"
    if threads is None:
        label = f"supportllm default ({usable_cores()} = one per usable physical core)"
    return {
        "setting": label,
        "tok_s_median": round(statistics.median(rates), 1),
        "tok_s_min": round(min(rates), 1),
        "tok_s_max": round(max(rates), 1),
        "prompt_tok_s": round(prompt_only["usage"]["prompt_tokens"] / prompt_s, 1),
        "requests": requests,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=128)
    args = parser.parse_args()
    rows = [measure(threads, args.requests, args.tokens) for threads in (0, 1, None)]
    document = {
        "cpus": len(usable_cpu_ids()),
        "physical_cores": usable_cores(),
        "cpu_model": _cpu_model(),
        "tokens_asked": args.tokens,
        "rows": rows,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "llamacpp_threads.json").write_text(json.dumps(document, indent=2) + "\n")
    lines = [
        "# llama.cpp threads (packaged Gemma 3 270M, Q4_K_M)",
        "",
        f"{document['cpus']} usable CPUs ({document['cpu_model']}); {args.requests} requests of "
        f"{args.tokens} tokens each, one at a time, after a warm-up. "
        "`python benchmarks/llamacpp_threads.py`",
        "",
        "| threads | decode tok/s (median) | min | max | prompt tok/s |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['setting']} | {row['tok_s_median']} | {row['tok_s_min']} | "
            f"{row['tok_s_max']} | {row['prompt_tok_s']} |"
        )
    (RESULTS / "llamacpp_threads.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return os.uname().machine


if __name__ == "__main__":
    main()
