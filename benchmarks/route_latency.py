"""How long one complexity-routing decision takes: features + score + reason, per ticket.

The tickets are real text: StackFAQ's paraphrased user questions (English), deepset's
prompt-injection set (English and German), the demo tickets (English, German, Dutch), and long
ones (a StackFAQ thread's question with its answers, up to ~2,500 tokens) — 1,000 in all, each
given a retrieval score. Each ticket is decided ``--rounds`` times; the figure per ticket is its
fastest round (the machine is shared), and the percentiles are over tickets. Single thread,
process CPU time and wall time. Writes benchmarks/results/route_latency.{json,md}.

    python benchmarks/route_latency.py
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from pathlib import Path

from supportllm.demo import demo_tickets_path
from supportllm.routing.complexity import ComplexityRouter
from supportllm.routing.features import ticket_features
from supportllm.tickets import read_tickets

RESULTS = Path(__file__).parent / "results"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def corpus(size: int, seed: int) -> list[str]:
    stackfaq = json.loads((SHARED / "stackfaq" / "stackExchange-FAQ.json").read_text())
    pairs = stackfaq["root"]["qapair"]
    questions = [q for pair in pairs for q in pair["rephr"] or [] if q and q.strip() != "*"]
    threads = [
        str(pair["question"]) + "\n\n" + "\n\n".join(map(str, _listed(pair["answer"])))
        for pair in pairs
    ]
    lines = (SHARED / "prompt-injections" / "train.jsonl").read_text().splitlines()
    injections = [json.loads(line)["text"] for line in lines]
    demo = [t.text for t in read_tickets(demo_tickets_path()).tickets]
    rng = random.Random(seed)
    long = sorted(threads, key=len)[-100:]
    texts = demo + rng.sample(long, 100) + rng.sample(injections, 300)
    texts += rng.sample(questions, size - len(texts))
    return [t[:10_000] for t in texts]


def _listed(value: object) -> list[object]:
    return value if isinstance(value, list) else [value] if value else []


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    texts = corpus(args.tickets, args.seed)
    rng = random.Random(args.seed)
    scores = [rng.random() * 0.8 for _ in texts]
    router = ComplexityRouter.default()
    best = [float("inf")] * len(texts)
    cpu_started = time.process_time()
    for _ in range(args.rounds):
        for i, text in enumerate(texts):
            started = time.perf_counter()
            messages = [{"role": "user", "content": text}]
            router.decide(ticket_features(messages, top_score=scores[i], lang=None))
            best[i] = min(best[i], time.perf_counter() - started)
    cpu_per = (time.process_time() - cpu_started) / (args.rounds * len(texts))
    micro = [b * 1e6 for b in best]
    tokens = [len(t) // 4 for t in texts]
    to_api = sum(
        router.decide(
            ticket_features([{"role": "user", "content": t}], top_score=s, lang=None)
        ).target
        == "api"
        for t, s in zip(texts, scores, strict=True)
    )
    result = {
        "tickets": len(texts),
        "rounds": args.rounds,
        "tokens_median": sorted(tokens)[len(tokens) // 2],
        "tokens_max": max(tokens),
        "p50_us": round(percentile(micro, 50), 1),
        "p99_us": round(percentile(micro, 99), 1),
        "max_us": round(max(micro), 1),
        "cpu_mean_us": round(cpu_per * 1e6, 1),
        "api_share_default_weights": round(to_api / len(texts), 3),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "route_latency.json").write_text(json.dumps(result, indent=2) + "\n")
    md = [
        "# Complexity routing: time per decision",
        "",
        f"`python benchmarks/route_latency.py` — {len(texts)} real tickets (StackFAQ questions "
        "and threads, prompt-injection set EN/DE, demo tickets EN/DE/NL), median "
        f"{result['tokens_median']} tokens, longest {result['tokens_max']:,}; features + score + "
        f"reason, fastest of {args.rounds} rounds per ticket, one thread.",
        "",
        "| p50 | p99 | max | mean CPU | target |",
        "|---:|---:|---:|---:|---:|",
        f"| {result['p50_us']} µs | {result['p99_us']} µs | {result['max_us']} µs | "
        f"{result['cpu_mean_us']} µs | < 5,000 µs CPU |",
    ]
    (RESULTS / "route_latency.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
