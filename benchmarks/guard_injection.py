"""Prompt-injection screen: quality on held-out data, false positives on real support text, latency.

    PYTHONPATH=src python benchmarks/guard_injection.py [--shared ../shared/data] [--model builtin]

Held-out sets (never trained on): the 30 % deepset/prompt-injections split (EN/DE),
tests/data/guard/injection/heldout_written.jsonl (v1, seen), dev_r4.jsonl (written in round 4),
dev_r6.jsonl (English, round 6), eval_w16.jsonl (891 plain-language rows, round 13), eval_w17
and eval_w18 (round 14: polite probes, casual side requests) and the fresh sets of round 21
(heldout_v35 and heldout_v36, each scored once with the round-20 model and once with a
round-21 refit that was not shipped), of round 22 (heldout_v37, v38; scored once when
fresh, v37 before the round-22 changes to the doubted-report reading, v38 after them) and of
round 23 (heldout_v39, scored once with the round-22 code; its misses were then read, so its
figure after the round-23 rules is no longer a fresh one; heldout_v40, written in round 23 and
scored once with its rules).
heldout_v2 … heldout_v31 are training data (scripts/train_injection.py; v2-v20 since round 14,
v21-v24 since round 15, v25-v27 since round 16, v28-v31 since round 20) and are not listed
here; v32-v34 were scored once when fresh and are neither listed nor trained on.
Real support text: the evaluation portion of
guard/injection_corpus.py (StackFAQ odd threads, German/Dutch StackFAQ translations, ABCD
guidelines and customer turns, demo tickets, KB articles and queries), and apart from it
Presidio's synthetic sentences of odd templates. Latency: one ``check`` of a 500-character
support message (p50/p99) and ``check_many`` of KB passages, on this machine.
Writes benchmarks/results/guard_injection.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from supportllm.config_sections import InjectionGuardSettings
from supportllm.guard.injection import InjectionScreen, evaluate_injection
from supportllm.guard.injection_corpus import (
    DOCUMENT_SOURCES,
    deepset_split,
    read_jsonl,
    support_texts,
    synthetic_texts,
)

REPO = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results"
DATA = REPO / "tests" / "data" / "guard" / "injection"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _row(name: str, lang: str, c: dict[str, Any]) -> str:
    fpr = "–" if c["fpr"] is None else f"{c['fpr']:.1%}"
    return (
        f"| {name} | {lang} | {c['positives']} | {c['negatives']} | {_fmt(c['precision'])} "
        f"| {_fmt(c['recall'])} | {_fmt(c['f1'])} | {fpr} |"
    )


def _latency(screen: InjectionScreen, texts: list[str], repeat: int) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        for text in texts:
            started = time.perf_counter()
            screen.check(text)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "n": len(samples),
        "p50_ms": statistics.median(samples),
        "p99_ms": samples[min(len(samples) - 1, int(len(samples) * 0.99))],
        "max_ms": samples[-1],
    }


def _merged(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two evaluations of benign texts as one: counts summed overall and per language."""

    def add(x: dict[str, Any] | None, y: dict[str, Any] | None) -> dict[str, Any]:
        x, y = x or {}, y or {}
        n = x.get("n", 0) + y.get("n", 0)
        fp = x.get("fp", 0) + y.get("fp", 0)
        return {"n": n, "fp": fp, "negatives": n, "fpr": fp / n if n else None}

    langs = sorted(set(a["per_language"]) | set(b["per_language"]))
    return {
        "overall": add(a["overall"], b["overall"]),
        "per_language": {g: add(a["per_language"].get(g), b["per_language"].get(g)) for g in langs},
        "errors": a["errors"] + b["errors"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--model", default="builtin")
    parser.add_argument("--out", default="guard_injection")
    args = parser.parse_args()
    screen = InjectionScreen(InjectionGuardSettings(model=args.model))
    started = time.perf_counter()
    screen.load()
    load_ms = (time.perf_counter() - started) * 1000

    _, deepset_test = deepset_split(args.shared)
    written = read_jsonl(DATA / "heldout_written.jsonl")
    dev_r4 = read_jsonl(DATA / "dev_r4.jsonl")
    dev_r6 = read_jsonl(DATA / "dev_r6.jsonl")
    w16 = read_jsonl(DATA / "eval_w16.jsonl")
    support = support_texts(args.shared, REPO, "eval")
    sets = {
        "deepset held-out 30 %": evaluate_injection(deepset_test, screen),
        "written held-out v1 (seen)": evaluate_injection(written, screen),
        "written dev_r4 (round 4)": evaluate_injection(dev_r4, screen),
        "written dev_r6 (EN, round 6)": evaluate_injection(dev_r6, screen),
        "eval_w16 (plain-language rows, round 13)": evaluate_injection(w16, screen),
        "eval_w17 (polite probes, round 14)": evaluate_injection(
            read_jsonl(DATA / "eval_w17.jsonl"), screen
        ),
        "eval_w18 (casual side requests, round 14)": evaluate_injection(
            read_jsonl(DATA / "eval_w18.jsonl"), screen
        ),
    }
    # fresh sets, each scored once when new (v2-v31: trained; v32-v34: scored, not listed)
    for fresh, scored_in in (
        ("heldout_v35", 21), ("heldout_v36", 21), ("heldout_v37", 22), ("heldout_v38", 22),
        ("heldout_v39", 23), ("heldout_v40", 23), ("heldout_v41", 24),
    ):  # fmt: skip
        if (DATA / f"{fresh}.jsonl").exists():
            label = f"written {fresh.split('_')[1]} (fresh in round {scored_in}, scored once)"
            sets[label] = evaluate_injection(read_jsonl(DATA / f"{fresh}.jsonl"), screen)
    # Round 15: articles and forum answers are judged as documents (the threshold the screen
    # uses for knowledge-base articles and tool results), queries and tickets as messages.
    messages = [i for i in support if str(i["source"]) not in DOCUMENT_SOURCES]
    documents = [i for i in support if str(i["source"]) in DOCUMENT_SOURCES]
    support_eval = _merged(
        evaluate_injection(messages, screen), evaluate_injection(documents, screen, documents=True)
    )
    synthetic = evaluate_injection(synthetic_texts(args.shared, "eval"), screen)["overall"]
    by_source: dict[str, list[dict[str, Any]]] = {}
    for item in support:
        by_source.setdefault(str(item["source"]), []).append(item)
    support_by_source = {
        s: evaluate_injection(items, screen, documents=s in DOCUMENT_SOURCES)
        for s, items in by_source.items()
    }

    # Latency: 500-character messages cut from real support text, and KB passages in a batch.
    long_texts = [str(i["text"]) for i in support if len(str(i["text"])) >= 500][:200]
    messages = [t[:500] for t in long_texts]
    latency = _latency(screen, messages, repeat=3)
    short = [str(i["text"]) for i in support if str(i["source"]).endswith("query")][:300]
    latency_short = _latency(screen, short, repeat=1)
    passages = [
        str(i["text"]) for i in support if str(i["source"]) in {"demo-kb", "stackfaq-answer"}
    ]
    started = time.perf_counter()
    screen.check_many(passages)
    batch_s = time.perf_counter() - started

    result = {
        "model": args.model,
        "threshold": screen.threshold,
        "document_threshold": screen.document_threshold,
        "load_ms": load_ms,
        "held_out": {
            k: {"overall": v["overall"], "per_language": v["per_language"]} for k, v in sets.items()
        },
        "support_fpr": {
            "overall": support_eval["overall"],
            "per_language": support_eval["per_language"],
            "per_source": {s: v["overall"] for s, v in support_by_source.items()},
            "false_positives": support_eval["errors"],
        },
        "presidio_synthetic_odd_templates": synthetic,
        "held_out_errors": [e for v in sets.values() for e in v["errors"]],
        "latency": {
            "message_500_chars": latency,
            "short_queries": latency_short,
            "kb_passages_batch": {
                "n": len(passages),
                "total_s": batch_s,
                "per_passage_ms": batch_s * 1000 / max(1, len(passages)),
                "mean_chars": statistics.mean(len(p) for p in passages) if passages else 0,
            },
        },
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{args.out}.json").write_text(
        json.dumps(result, indent=1, ensure_ascii=False) + "\n"
    )

    lines = [
        f"# Prompt-injection screen (`{args.model}`, thresholds {screen.threshold:.3f} for "
        f"messages, {screen.document_threshold:.3f} for documents)",
        "",
        "Command: `PYTHONPATH=src python benchmarks/guard_injection.py`",
        "",
        "## Held-out quality (never trained on; heldout_v2 … v31 are training data)",
        "",
        "| set | lang | injections | benign | precision | recall | F1 | FPR |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, ev in sets.items():
        lines.append(_row(name, "all", ev["overall"]))
        lines += [_row(name, lang, c) for lang, c in ev["per_language"].items()]
    lines += [
        "",
        "## False positives on real support text (evaluation portion, all benign)",
        "",
        f"Sources {', '.join(sorted(DOCUMENT_SOURCES))} are judged as documents (threshold "
        f"{screen.document_threshold:.3f}), the others as messages.",
        "",
        "| source | texts | flagged | FPR |",
        "|---|---:|---:|---:|",
    ]
    for source, ev in sorted(support_by_source.items()):
        c = ev["overall"]
        lines.append(f"| {source} | {c['n']} | {c['fp']} | {c['fpr']:.1%} |")
    c = support_eval["overall"]
    lines.append(f"| **all** | {c['n']} | {c['fp']} | {c['fpr']:.1%} |")
    for lang, c in support_eval["per_language"].items():
        lines.append(f"| all, {lang} | {c['n']} | {c['fp']} | {c['fpr']:.1%} |")
    lines.append(
        f"| Presidio synthetic sentences, odd templates (not in the total) | {synthetic['n']} "
        f"| {synthetic['fp']} | {synthetic['fpr']:.1%} |"
    )
    lat, kb = result["latency"]["message_500_chars"], result["latency"]["kb_passages_batch"]
    lines += [
        "",
        "## Latency (this machine, one thread, language detection included)",
        "",
        f"- model load: {load_ms:.0f} ms (once, lazily)",
        f"- one 500-character message: p50 {lat['p50_ms']:.2f} ms, p99 {lat['p99_ms']:.2f} ms "
        f"({lat['n']} calls)",
        f"- one short query: p50 {latency_short['p50_ms']:.2f} ms, "
        f"p99 {latency_short['p99_ms']:.2f} ms",
        f"- KB passages at ingest (`check_many`): {kb['n']} passages of {kb['mean_chars']:.0f} "
        f"characters on average, {kb['per_passage_ms']:.2f} ms each",
        "",
    ]
    (RESULTS / f"{args.out}.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
