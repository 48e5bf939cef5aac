"""PII guard benchmark: quality on the labelled sets and latency per call.

    PYTHONPATH=src python benchmarks/guard_pii.py [--ner]

Writes benchmarks/results/guard_pii.{md,json}. Quality: tests/data/guard/pii/{dev,heldout}.jsonl
(hand-written EN/DE/NL tickets), tests/data/guard/pii/heldout_v3.jsonl when present (written by
someone else, never looked at), and ../shared/data/pii-synthetic (Presidio-research, English),
whole and split by template (`presidio_split`: dev = template_id % 3 == 0, held-out = the rest).
Real support text: PERSON/ADDRESS spans flagged in StackFAQ's questions, paraphrases and answers
(no PII expected apart from a few authors' names). Latency: `find` on 500-character tickets.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.eval_pii import STRUCTURED, evaluate_pii, load_pii_file, presidio_split
from supportllm.guard.pii import PIIRedactor

ROOT = Path(__file__).resolve().parent.parent
PRESIDIO = ROOT.parent / "shared/data/pii-synthetic/synth_dataset_v2.first1000.json"
SETS = {
    "tickets-dev": ROOT / "tests/data/guard/pii/dev.jsonl",
    "tickets-heldout": ROOT / "tests/data/guard/pii/heldout.jsonl",
    "tickets-heldout-v3": ROOT / "tests/data/guard/pii/heldout_v3.jsonl",
    "presidio-synthetic": PRESIDIO,
}
STACKFAQ = ROOT.parent / "shared/data/stackfaq/stackExchange-FAQ.json"


def stackfaq_texts() -> list[str]:
    pairs = json.loads(STACKFAQ.read_text(encoding="utf-8"))["root"]["qapair"]
    texts: list[str] = []
    for q in pairs:
        texts.append(str(q["question"]))
        texts += [str(r) for r in q["rephr"] if r and len(r) > 2]
        texts += [str(a) for a in q["answer"] if a]
    return texts


def real_text_flags(redactor: PIIRedactor) -> dict[str, object]:
    """Spans flagged per type on StackFAQ text, and the PERSON ones (to read by hand)."""
    counts: dict[str, int] = {}
    persons: list[str] = []
    texts = stackfaq_texts()
    for text in texts:
        for span in redactor.find(text, "en"):
            counts[span.type] = counts.get(span.type, 0) + 1
            if span.type == "PERSON":
                persons.append(span.text)
    return {"texts": len(texts), "spans": counts, "person_spans": sorted(persons)}


def latency(redactor: PIIRedactor, texts: list[str], rounds: int) -> dict[str, float]:
    redactor.find(texts[0])  # compile patterns, load the name lists
    samples: list[float] = []
    for _ in range(rounds):
        for text in texts:
            t0 = time.perf_counter()
            redactor.find(text)
            samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {
        "calls": len(samples),
        "p50_ms": round(statistics.median(samples), 3),
        "p99_ms": round(samples[int(len(samples) * 0.99) - 1], 3),
        "mean_ms": round(statistics.fmean(samples), 3),
    }


def tickets_of_500_chars(path: Path) -> list[str]:
    """Ticket texts joined/cut to about 500 characters each."""
    texts = [str(r["text"]) for r in load_pii_file(path)]
    out, buf = [], ""
    for t in texts:
        buf = f"{buf}\n\n{t}" if buf else t
        if len(buf) >= 500:
            out.append(buf[:500])
            buf = ""
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ner", action="store_true", help="also measure with use_ner=True")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--ner-model", default="en_core_web_sm")
    args = parser.parse_args()
    configs = {"rules": PIIGuardSettings()}
    if args.ner:
        configs["rules+spacy-ner"] = PIIGuardSettings(use_ner=True, ner_model=args.ner_model)
    results: dict[str, object] = {}
    lines = ["# PII guard benchmark", "", "`PYTHONPATH=src python benchmarks/guard_pii.py`", ""]
    for name, settings in configs.items():
        redactor = PIIRedactor(settings)
        t0 = time.perf_counter()
        redactor.find("warm-up: Anna Schmidt, anna@example.org")
        load_ms = (time.perf_counter() - t0) * 1000
        quality = {}
        for set_name, path in SETS.items():
            if path.exists():
                quality[set_name] = evaluate_pii(load_pii_file(path), redactor)
        if PRESIDIO.exists():
            records = load_pii_file(PRESIDIO)
            for part in ("dev", "heldout"):
                quality[f"presidio-{part}"] = evaluate_pii(presidio_split(records, part), redactor)
        real = real_text_flags(redactor) if STACKFAQ.exists() else None
        texts = tickets_of_500_chars(SETS["tickets-dev"]) + tickets_of_500_chars(
            SETS["tickets-heldout"]
        )
        lat = latency(redactor, texts, args.rounds)
        results[name] = {"first_call_ms": round(load_ms, 1), "latency_500_chars": lat,
                         "quality": quality, "stackfaq_flags": real}  # fmt: skip
        lines += [f"## {name}", "", f"First call (loads lists/model): {load_ms:.0f} ms. "
                  f"Per 500-character ticket: p50 {lat['p50_ms']} ms, p99 {lat['p99_ms']} ms "
                  f"({lat['calls']} calls, one thread).", ""]  # fmt: skip
        if real is not None:
            lines += [f"Real support text (StackFAQ, {real['texts']} texts): spans flagged "
                      f"{real['spans']}; PERSON spans: {', '.join(real['person_spans'])}.",
                      ""]  # fmt: skip
        for set_name, q in quality.items():
            o = q["overall"]
            lines += [
                f"### {set_name} ({q['items']} texts)",
                "",
                f"Overall: precision {o['precision']}, recall {o['recall']}, F1 {o['f1']}, "
                f"redaction recall {o['redaction_recall']}, character recall "
                f"{o.get('char_recall')}, false-positive rate on texts without PII "
                f"{o.get('false_positive_rate')} ({o.get('negatives', 0)} texts).",
                "",
                "| lang | type | precision | recall | F1 | gold | predicted |",
                "|---|---|---:|---:|---:|---:|---:|",
            ]
            for lang, d in q["by_language"].items():
                for kind, row in sorted(d["types"].items()):
                    mark = " (structured)" if kind in STRUCTURED else ""
                    lines.append(
                        f"| {lang} | {kind}{mark} | {row['precision']:.3f} | {row['recall']:.3f}"
                        f" | {row['f1']:.3f} | {row['gold']} | {row['predicted']} |"
                    )
                r = d["overall"]
                lines.append(
                    f"| {lang} | **all** | {r['precision']:.3f} | {r['recall']:.3f} | "
                    f"{r['f1']:.3f} | {r['gold']} | {r['predicted']} |"
                )
            lines.append("")
    out = ROOT / "benchmarks/results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "guard_pii.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "guard_pii.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
