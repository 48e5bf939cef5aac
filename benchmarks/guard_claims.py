"""Action-claim guard: quality on the labelled sets and latency per reply on this machine.

    PYTHONPATH=src python benchmarks/guard_claims.py

Writes benchmarks/results/guard_claims.{md,json}. Latency: the default check (rules, scorer and
claims judge) on each labelled item (reply + conversation), and find_claims on a 200-word reply,
median and p95.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

from supportllm.config_sections import ClaimsGuardSettings
from supportllm.guard.claims import ClaimChecker, find_claims, split_sentences
from supportllm.guard.claims_detect import ClaimDetector
from supportllm.guard.claims_judged import claim_checker
from supportllm.guard.eval_claims import abcd_messages, evaluate_claims
from supportllm.guard.tools import ToolValidator

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "guard" / "claims"
ABCD = ROOT.parent / "shared" / "data" / "abcd" / "abcd_sample.json"
GUIDELINES = ABCD.parent / "guidelines.json"
SPLITS = (
    "dev",
    "dev_v2",
    "dev_v3",
    "dev_v4",
    "heldout",
    "heldout_v3",
    "heldout_v4",
    "dev_v5",
    "heldout_v5",
    "heldout_v7",
    "heldout_v8",
    "heldout_v9",
    "heldout_v10",
    "heldout_v11",
    "heldout_v12",
    "heldout_v13",
    "heldout_v14",
    "heldout_v15",
    "heldout_v16",
    "heldout_v17",
    "heldout_v18",
    "heldout_v19",
    "heldout_v20",
    "heldout_v21",
    "heldout_v22",
    "heldout_v23",
    "heldout_v24",
    "heldout_v25",
    "heldout_v26",
    "heldout_v27",
    "heldout_v28",
    "heldout_v29",
    "heldout_v30",
)  # each only where present
STACKFAQ = ROOT.parent / "shared" / "data" / "stackfaq" / "stackExchange-FAQ.json"
OUT = ROOT / "benchmarks" / "results"

LONG_REPLY = (
    (
        "Thanks for your patience while I looked into this. I checked order A-1001 and can see "
        "that "
        "the jacket arrived with a stain, which is not the experience we want for you. "
    )
    * 4
    + "I've gone ahead and issued a refund of €25 for order A-1001. "
    + (
        "You should see it on your card statement within five business days, depending on "
        "your bank. "
        "If you would like a replacement instead, just reply and I can arrange that for you. "
    )
    * 2
)


def load(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else " ".join(str(v) for v in value or [])


def _read_as_claims(texts: list[str]) -> dict[str, Any]:
    """Real text with no tools anywhere: every sentence read as a claim is a false violation."""
    sentences = [t[a:b] for t in texts for a, b in split_sentences(t)]
    claimed = sorted({s for s in sentences if find_claims(s, "en")})
    rules = ClaimDetector()
    by_rules = len({s for s in sentences if rules.find(s, "en")})
    return {"sentences": len(sentences), "read_as_claims": len(claimed),
            "rules_alone": by_rules, "examples": claimed}  # fmt: skip


def timed(fn: Any, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 4),
        "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 4),
    }


def main() -> None:
    results: dict[str, Any] = {}
    judged = claim_checker(ClaimsGuardSettings())  # the default: rules, scorer and judge
    for split in SPLITS:
        if not (DATA / f"{split}.jsonl").exists():
            continue
        report = evaluate_claims(load(f"{split}.jsonl"), checker=judged)
        report["without_judge"] = evaluate_claims(load(f"{split}.jsonl"))["overall"]
        # errors are listed for the development sets only (held-out sets are not for tuning)
        report["errors"] = report["errors"][:20] if split.startswith("dev") else []
        report["rules_alone"] = evaluate_claims(load(f"{split}.jsonl"), detector=ClaimDetector())[
            "overall"
        ]
        results[split] = report
    if ABCD.exists():
        turns = [t for c in json.loads(ABCD.read_text()) for t in abcd_messages(c)]
        flagged = [r for r, m in turns if judged.violations(r, m, "en")]
        results["abcd_agent_turns"] = {"turns": len(turns), "flagged": len(flagged)}
    if GUIDELINES.exists():
        # the ABCD agent manual: instructions, not replies; sentences read as claims are listed
        texts: list[str] = []
        stack: list[Any] = [json.loads(GUIDELINES.read_text())]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                texts.append(node)
            elif isinstance(node, dict):
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
        results["abcd_guideline_sentences"] = _read_as_claims(texts)
    if STACKFAQ.exists():
        # real help-forum answers (no tools anywhere): every sentence read as a claim is a false
        # violation; listed in the JSON. The odd-numbered pairs: the even ones train the scorer.
        pairs = json.loads(STACKFAQ.read_text())["root"]["qapair"]
        answers = [a for n, p in enumerate(pairs, start=1) if n % 2 == 1
                   for a in p.get("answer") or [] if isinstance(a, str)]  # fmt: skip
        results["stackfaq_answer_sentences"] = _read_as_claims(answers)
        # whole answers as replies to their question (no tools): a flagged one is a false
        # violation, with the judge and without
        asked = [(a, [{"role": "user", "content": _text(p.get("question"))}])
                 for n, p in enumerate(pairs, start=1) if n % 2 == 1
                 for a in p.get("answer") or [] if isinstance(a, str)]  # fmt: skip
        plain = ClaimChecker()
        results["stackfaq_answers_as_replies"] = {
            "answers": len(asked),
            "flagged": sorted(a[:160] for a, m in asked if judged.violations(a, m, "en")),
            "flagged_without_judge": sum(1 for a, m in asked if plain.violations(a, m, "en")),
        }
    items = load("dev.jsonl") + load("heldout.jsonl")
    per_item = timed(lambda: [judged.violations(i["reply"], i["messages"]) for i in items], 20)
    results["latency"] = {
        "violations_per_reply": {k: round(v / len(items), 4) for k, v in per_item.items()},
        "find_claims_200_words": timed(lambda: find_claims(LONG_REPLY), 300),
        "words": len(LONG_REPLY.split()),
    }
    tools = [
        {
            "type": "function",
            "function": {
                "name": "refund_order",
                "parameters": {
                    "type": "object",
                    "properties": {"order_id": {"type": "string"}, "amount": {"type": "number"}},
                    "required": ["order_id", "amount"],
                },
            },
        }
    ]
    call = [
        {
            "id": "1",
            "function": {"name": "refund_order", "arguments": '{"order_id": "A", "amount": 1}'},
        }
    ]
    validator = ToolValidator()
    results["latency"]["validate_tool_call_cached"] = timed(
        lambda: validator.validate(call, tools), 300
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "guard_claims.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    lines = [
        "# Action-claim guard",
        "",
        "`PYTHONPATH=src python benchmarks/guard_claims.py` (2-core machine)",
        "",
        "Rules, learned sentence scorer and claims judge (the default). The judge was fitted on",
        "every set below, so its figures here are in-sample; its out-of-set figures are in",
        "claims_judge.json (scripts/train_claims_judge.py). Last four columns, overall: without",
        "the judge (`guard.claims.judge = ''`) and the rules alone (`guard.claims.model = ''`).",
        "",
        "| set | lang | n | precision | recall | F1 | FPR | no judge: recall | FPR "
        "| rules alone: recall | FPR |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for split in SPLITS:
        if split not in results:
            continue
        rows = {"all": results[split]["overall"], **results[split]["per_lang"]}
        alone, plain = results[split]["rules_alone"], results[split]["without_judge"]
        for lang, s in rows.items():
            extra = (
                f"{plain['recall']:.3f} | {plain['fpr']:.3f} | {alone['recall']:.3f} | "
                f"{alone['fpr']:.3f}"
                if lang == "all"
                else " | | | "
            )
            lines.append(
                f"| {split} | {lang} | {s['n']} | {s['precision']:.3f} | {s['recall']:.3f} | "
                f"{s['f1']:.3f} | {s['fpr']:.3f} | {extra} |"
            )
    lat = results["latency"]
    lines += [
        "",
        "| latency | median ms | p95 ms |",
        "|---|---|---|",
        f"| violations() per labelled reply | {lat['violations_per_reply']['median_ms']} | "
        f"{lat['violations_per_reply']['p95_ms']} |",
        f"| find_claims, {lat['words']}-word reply | {lat['find_claims_200_words']['median_ms']} | "
        f"{lat['find_claims_200_words']['p95_ms']} |",
        f"| validate one tool call (cached schema) | "
        f"{lat['validate_tool_call_cached']['median_ms']} | "
        f"{lat['validate_tool_call_cached']['p95_ms']} |",
    ]
    if "abcd_agent_turns" in results:
        a = results["abcd_agent_turns"]
        lines += ["", f"ABCD sample agent turns checked: {a['turns']}, flagged: {a['flagged']}"]
    if "abcd_guideline_sentences" in results:
        g = results["abcd_guideline_sentences"]
        lines += [
            f"ABCD agent-manual sentences (instructions, not replies): {g['sentences']}, "
            f"read as claims: {g['read_as_claims']} (rules alone: {g['rules_alone']}; listed in "
            "the JSON)"
        ]
    if "stackfaq_answer_sentences" in results:
        f = results["stackfaq_answer_sentences"]
        lines += [
            "StackFAQ answer sentences (real help-forum text, no tools; the half not trained "
            f"on): {f['sentences']}, "
            f"read as claims: {f['read_as_claims']} (rules alone: {f['rules_alone']}; listed in "
            "the JSON)"
        ]
    if "stackfaq_answers_as_replies" in results:
        q = results["stackfaq_answers_as_replies"]
        lines += [
            f"StackFAQ answers as replies to their question (no tools): {q['answers']}, flagged: "
            f"{len(q['flagged'])} (without the judge: {q['flagged_without_judge']}; listed in "
            "the JSON)"
        ]
    (OUT / "guard_claims.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
