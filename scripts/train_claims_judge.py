"""Train the claims judge (src/supportllm/guard/data/claims_judge.npz; guard/claims_judge.py).

    PYTHONPATH=src python scripts/train_claims_judge.py [--out PATH] [--report PATH]

Data: every labelled conversation set in tests/data/guard/claims (dev*, heldout*: one reply
each, labelled violation/ok) and the sentence-labelled sets sentences_cs*.jsonl (a reply is a
violation when one of its sentences is ``deed_unbacked``). Each set was written by a different
writer. Features: guard/claims_judge_features.py, read with the current rules and sentence
scorer, so the judge is retrained whenever either changes.

1. Out-of-set scores: for each set, a judge fitted on all the others scores it.
2. The two thresholds that combine the judge with the rules (``keep``, ``add``) are fitted on
   STACK_SETS only: sets the rules were never tuned on, where the rules' verdicts are as good as
   they will be on new text. A two-input logistic regression (rules' verdict, judge log-odds,
   their product) is fitted on them and read as one threshold per rules verdict. Each stack
   set's figures are also reported with thresholds fitted without it.
3. The judge itself is then fitted on every set and written as plain arrays.

Takes about 90 seconds on two cores.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

from supportllm.guard.claims import ClaimChecker, last_user_text
from supportllm.guard.claims_judge import ClaimJudge, JudgeThresholds, save_judge
from supportllm.guard.claims_judge_features import (
    JudgeInput,
    reply_features,
    sentence_scores,
    sentences_of,
)
from supportllm.guard.claims_learned import default_learned_detector

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "guard" / "claims"
OUT = REPO / "src" / "supportllm" / "guard" / "data" / "claims_judge.npz"
# Sets no rule was written for: read only by program, to score, when the judge was built.
STACK_SETS = (
    *(f"heldout_v{n}" for n in range(29, 37)), *(f"sentences_cs{n}" for n in range(1, 13)),
)  # fmt: skip
# Sets kept out of the judge's data altogether: the fresh sets the shipped judge is scored on
# (v37, v38: written blind in round 19, scored once in round 20; v39, v40: written blind in
# round 20, scored once in round 21; v41: written and scored once in round 21; v42: written
# blind in round 21, scored once in round 22; v43: written and scored once in round 22; v44:
# written blind in round 22, scored once in round 23) and the next one, written blind in round
# 23 and not yet scored (v45). Round 21 tried a refit with
# v37-v40 in the stack and did not ship it (docs/guardrails.md, "Round 21").
KEPT_OUT = tuple(f"heldout_v{n}" for n in range(37, 48))
PARAMS: dict[str, Any] = {
    "max_iter": 200, "learning_rate": 0.05, "max_leaf_nodes": 15, "min_samples_leaf": 30,
    "random_state": 0,
}  # fmt: skip

Item = dict[str, Any]


def load_sets() -> dict[str, list[Item]]:
    sets: dict[str, list[Item]] = {}
    for path in sorted(DATA.glob("*.jsonl")):
        name = path.stem
        if not name.startswith(("dev", "heldout", "sentences_cs")) or name in KEPT_OUT:
            continue
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        if name.startswith("sentences_cs"):
            items = [_as_reply_item(it) for it in items]
        sets[name] = items
    return sets


def _as_reply_item(item: Item) -> Item:
    """A sentence-labelled conversation as one labelled reply."""
    unbacked = any(s["label"] == "deed_unbacked" for s in item["sentences"])
    return {
        "messages": item["messages"], "reply": item["reply"], "lang": item.get("lang"),
        "label": "violation" if unbacked else "ok",
    }  # fmt: skip


def featurize(sets: dict[str, list[Item]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    detector = default_learned_detector()
    checker = ClaimChecker(None, detector)
    rows: list[list[float]] = []
    labels: list[int] = []
    rules: list[int] = []
    names: list[str] = []
    for name, items in sets.items():
        for it in items:
            reply, messages, lang = it["reply"], it["messages"], it.get("lang")
            asked = last_user_text(messages) or ""
            sentences = sentences_of(reply)
            claims, vetoed = detector.find_with_vetoed(reply, lang, asked)
            item = JudgeInput(
                reply, messages, lang, sentences, sentence_scores(detector, sentences),
                claims, vetoed, asked, checker.tool_actions,
            )  # fmt: skip
            rows.append(reply_features(item))
            labels.append(int(it["label"] == "violation"))
            rules.append(int(bool(checker.violations(reply, messages, lang))))
            names.append(name)
        print(f"  features: {name} ({len(items)})", file=sys.stderr)
    return np.array(rows), np.array(labels), np.array(rules), np.array(names)


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-4, 1 - 1e-4)
    return np.asarray(np.log(q / (1 - q)))


def thresholds_from(rules: np.ndarray, score: np.ndarray, y: np.ndarray) -> JudgeThresholds:
    """keep/add from a logistic stack over (rules, judge log-odds, product)."""
    z = logit(score)
    stack = LogisticRegression(C=1.0).fit(np.c_[rules, z, rules * z], y)
    (w_rules, w_z, w_both), b = stack.coef_[0], float(stack.intercept_[0])

    def at(slope: float, offset: float) -> float:
        if slope <= 0:
            return 0.0 if offset >= 0 else 1.0
        return 1.0 / (1.0 + math.exp(offset / slope))  # p where offset + slope * logit(p) = 0

    return JudgeThresholds(keep=round(at(w_z + w_both, w_rules + b), 4), add=round(at(w_z, b), 4))


def verdicts(rules: np.ndarray, score: np.ndarray, t: JudgeThresholds) -> np.ndarray:
    return np.where(rules == 1, score >= t.keep, score >= t.add).astype(int)


def figures(y: np.ndarray, pred: np.ndarray) -> dict[str, float | int]:
    tp = int(((y == 1) & (pred == 1)).sum())
    fn = int(((y == 1) & (pred == 0)).sum())
    fp = int(((y == 0) & (pred == 1)).sum())
    tn = int(((y == 0) & (pred == 0)).sum())
    return {
        "recall": round(tp / max(1, tp + fn), 4),
        "false_violations": round(fp / max(1, fp + tn), 4),
        "tp": tp, "fn": fn, "fp": fp, "tn": tn,
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--report", type=Path, default=REPO / "benchmarks" / "results" / "claims_judge.json"
    )
    args = parser.parse_args()
    sets = load_sets()
    missing = [s for s in STACK_SETS if s not in sets]
    if missing:
        print(f"missing stack sets: {', '.join(missing)}", file=sys.stderr)
        return 1
    x, y, rules, names = featurize(sets)
    oof = np.zeros(len(y))
    for name in sets:
        held = names == name
        model = HistGradientBoostingClassifier(**PARAMS).fit(x[~held], y[~held])
        oof[held] = model.predict_proba(x[held])[:, 1]
    stack = np.isin(names, STACK_SETS)
    chosen = thresholds_from(rules[stack], oof[stack], y[stack])
    report: dict[str, Any] = {
        "thresholds": vars(chosen),
        "stack_sets": list(STACK_SETS),
        "sets": {},
    }
    for name in sets:
        held = names == name
        row: dict[str, Any] = {
            "rules": figures(y[held], rules[held]),
            "rules_and_judge": figures(y[held], verdicts(rules[held], oof[held], chosen)),
        }
        if name in STACK_SETS:  # thresholds fitted without this set
            others = stack & ~held
            own = thresholds_from(rules[others], oof[others], y[others])
            row["rules_and_judge_set_out"] = figures(y[held], verdicts(rules[held], oof[held], own))
        report["sets"][name] = row
    pooled_out = np.zeros(len(y), dtype=int)
    for name in STACK_SETS:
        held = names == name
        others = stack & ~held
        own = thresholds_from(rules[others], oof[others], y[others])
        pooled_out[held] = verdicts(rules[held], oof[held], own)
    report["stack_pooled"] = {
        "rules": figures(y[stack], rules[stack]),
        "rules_and_judge_set_out": figures(y[stack], pooled_out[stack]),
    }
    model = HistGradientBoostingClassifier(**PARAMS).fit(x, y)
    trees = [predictor[0].nodes for predictor in model._predictors]
    baseline = float(np.ravel(model._baseline_prediction)[0])
    meta = (
        f"scripts/train_claims_judge.py: {len(y)} replies in {len(sets)} sets; thresholds "
        f"keep {chosen.keep} / add {chosen.add} from {', '.join(STACK_SETS)}"
    )
    staged = args.out.with_name(args.out.name + ".new.npz")
    save_judge(staged, trees=trees, baseline=baseline, thresholds=chosen, meta=meta)
    judge = ClaimJudge(staged)
    ours = np.array([judge.probability(list(row)) for row in x[:500]])
    theirs = model.predict_proba(x[:500])[:, 1]
    if float(np.abs(ours - theirs).max()) > 1e-6:
        staged.unlink()
        print("the exported trees disagree with scikit-learn; nothing written", file=sys.stderr)
        return 1
    staged.replace(args.out)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"thresholds keep {chosen.keep} add {chosen.add}")
    print(f"stack sets pooled: {report['stack_pooled']}")
    print(f"wrote {args.out} and {args.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
