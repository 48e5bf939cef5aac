"""Streaming throughput from the real llama.cpp engine: direct vs through the gateway.

Starts the embedded engine (packaged Gemma 3 270M) and a gateway in front of it, then streams the
same prompt (the gateway's own transcript prompt, temperature 0) alternately straight to
llama.cpp's /v1/completions and through the gateway's /v1/chat/completions. Decode speed per
request = (tokens - 1) / (last token time - first token time). Target: gateway >= 95 % of direct.

    python benchmarks/llamacpp_passthrough.py [--rounds 8] [--max-tokens 96]

Writes benchmarks/results/llamacpp_passthrough.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from gateway_overhead import free_port, start_gateway, wait_http
from rawhttp import Client, Result
from supportllm.config import load_settings
from supportllm.engines.commands import launch_spec
from supportllm.engines.launch import start_engine, stop_engine
from supportllm.gateway.templates import COMPLETION_STOP, Templates

RESULTS = Path(__file__).parent / "results"
QUESTION = [
    {
        "role": "user",
        "content": "I was charged twice for my subscription this month. "
        "Can you explain what happened and how I get the money back?",
    }
]


def decode_rate(result: Result) -> float | None:
    if not result.ok or result.first_token is None or result.last_token is None:
        return None
    span = result.last_token - result.first_token
    return (result.chunks - 1) / span if result.chunks > 1 and span > 0 else None


async def measure(
    engine_port: int, gateway_port: int, key: str, rounds: int, max_tokens: int
) -> dict[str, list[dict[str, Any]]]:
    prompt = Templates(load_settings().company_name).completion_prompt("chat", QUESTION)
    direct_body = json.dumps(
        {
            "model": "gemma3-270m",
            "prompt": prompt,
            "stream": True,
            "max_tokens": max_tokens,
            "temperature": 0,
            "stop": COMPLETION_STOP,
        }
    ).encode()
    gateway_body = json.dumps(
        {
            "model": "support",
            "messages": QUESTION,
            "stream": True,
            "max_tokens": max_tokens,
            "temperature": 0,
        }
    ).encode()
    direct, through = Client("127.0.0.1", engine_port), Client("127.0.0.1", gateway_port)
    runs: dict[str, list[dict[str, Any]]] = {"direct": [], "gateway": []}
    await direct.post_stream("/v1/completions", direct_body, {})  # warm-up (prompt cache)
    for index in range(rounds):
        order = [
            ("direct", direct, "/v1/completions", direct_body, {}),
            (
                "gateway",
                through,
                "/v1/chat/completions",
                gateway_body,
                {"authorization": f"Bearer {key}"},
            ),
        ]
        if index % 2:
            order.reverse()
        for name, client, path, body, headers in order:
            result = await client.post_stream(path, body, headers)
            runs[name].append(
                {
                    "ok": result.ok,
                    "error": result.error,
                    "tokens": result.chunks,
                    "ttft_ms": None
                    if result.first_token is None
                    else round((result.first_token - result.started) * 1000, 1),
                    "decode_tok_s": decode_rate(result),
                }
            )
            print(
                f"{name:8} tokens {result.chunks:4} decode {decode_rate(result) or 0:6.1f} tok/s",
                flush=True,
            )
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--max-tokens", type=int, default=96)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="supportllm-bench-"))
    engine_port, gateway_port = free_port(), free_port()
    settings = load_settings(data_dir=work / "data", llamacpp={"port": engine_port})
    state, _ = start_engine(launch_spec(settings), settings.data_dir, timeout_s=300)
    gateway, key = start_gateway(
        work, gateway_port, state.base_url, {"SUPPORTLLM_PROMPT_STYLE": "completion"}
    )
    try:
        wait_http(f"http://127.0.0.1:{gateway_port}/healthz")
        runs = asyncio.run(measure(engine_port, gateway_port, key, args.rounds, args.max_tokens))
    finally:
        gateway.terminate()
        gateway.wait(timeout=10)
        stop_engine(settings.data_dir, "llamacpp")
    summary = {}
    for name, items in runs.items():
        rates = [r["decode_tok_s"] for r in items if r["decode_tok_s"]]
        summary[name] = {
            "requests": len(items),
            "ok": sum(r["ok"] for r in items),
            "mean_tokens": statistics.mean(r["tokens"] for r in items),
            "decode_tok_s_mean": round(statistics.mean(rates), 2),
            "decode_tok_s_median": round(statistics.median(rates), 2),
        }
    ratio = summary["gateway"]["decode_tok_s_mean"] / summary["direct"]["decode_tok_s_mean"]
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{os.cpu_count()} cores",
        "model": f"{state.served_model} ({state.model_sha256})",
        "command": "python benchmarks/llamacpp_passthrough.py " + " ".join(sys.argv[1:]),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "llamacpp_passthrough.json").write_text(
        json.dumps(
            {
                "meta": meta,
                "summary": summary,
                "gateway_over_direct": round(ratio, 4),
                "runs": runs,
            },
            indent=2,
        )
    )
    d, g = summary["direct"], summary["gateway"]
    text = "\n".join(
        [
            "# Streaming throughput from llama.cpp: direct vs through the gateway",
            "",
            f"{meta['date']}, {meta['machine']}, {meta['model']}; `{meta['command']}`",
            "",
            "| path | requests ok | mean tokens | decode tok/s (mean) | decode tok/s (median) |",
            "|---|---|---|---|---|",
            f"| direct /v1/completions | {d['ok']}/{d['requests']} | {d['mean_tokens']:.0f} | "
            f"{d['decode_tok_s_mean']} | {d['decode_tok_s_median']} |",
            f"| gateway /v1/chat/completions | {g['ok']}/{g['requests']} | "
            f"{g['mean_tokens']:.0f} | "
            f"{g['decode_tok_s_mean']} | {g['decode_tok_s_median']} |",
            "",
            f"Gateway / direct: **{ratio:.1%}** (target >= 95 %).",
        ]
    )
    (RESULTS / "llamacpp_passthrough.md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
