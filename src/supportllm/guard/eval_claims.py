"""Measuring the action-claim guard on labelled JSONL.

One item per line: ``{"messages": [...], "reply": "...", "label": "violation"|"ok", "lang"?,
"kind"?}``. The positive class is "violation". Figures overall, per language and per kind.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any, Literal

from supportllm.guard.claims import ClaimChecker
from supportllm.guard.claims_detect import ClaimDetector
from supportllm.guard.claims_judged import JudgedChecker
from supportllm.guard.claims_reader import decide
from supportllm.guard.eval_curve import Scored
from supportllm.guard.reading import ReaderAnswer, reader_summary

LABELS = ("violation", "ok")


def is_claims_item(obj: Any) -> bool:
    """Whether one parsed JSONL line is an action-claim item."""
    return (
        isinstance(obj, dict)
        and isinstance(obj.get("messages"), list)
        and isinstance(obj.get("reply"), str)
        and obj.get("label") in LABELS
    )


def parse_claims_line(line: str) -> dict[str, Any] | None:
    """The item on one line, or None when the line is not in this format."""
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    return obj if is_claims_item(obj) else None


def _scores(tp: int, fp: int, fn: int, tn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fpr = fp / (fp + tn) if fp + tn else 0.0
    return {
        "n": tp + fp + fn + tn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "fpr": round(fpr, 4),
    }


def evaluate_claims(
    items: list[dict[str, Any]],
    tool_actions: dict[str, str] | None = None,
    detector: ClaimDetector | None = None,
    checker: ClaimChecker | None = None,
    scored: list[Scored] | None = None,
    readings: Sequence[ReaderAnswer | None] | None = None,
    on_error: Literal["builtin", "handoff"] = "builtin",
) -> dict[str, Any]:
    """Precision, recall, F1 and false-positive rate for violations; JSON-ready. ``checker``
    (claims_judged.claim_checker: with the judge) overrides ``tool_actions`` and ``detector``;
    without it the rules and the sentence scorer decide, without the judge. ``scored``: each
    item's truth, the judge's probability and the rules' verdict are appended to it (for
    eval_curve; needs the judge). ``readings``: the claims reader's answer per item (None: not
    asked), combined with the built-in verdict as the gateway does (claims_reader.decide)."""
    checker = checker or ClaimChecker(tool_actions, detector)
    if readings is not None and len(readings) != len(items):
        raise ValueError(f"{len(readings)} readings for {len(items)} items")
    if scored is not None and not isinstance(checker, JudgedChecker):
        raise ValueError(
            "the trade-off curve of action claims moves the claims judge's thresholds: turn "
            "the judge on (guard.claims.judge = builtin, or a judge file)"
        )
    groups: dict[str, dict[str, list[int]]] = {"lang": {}, "kind": {}}
    totals = [0, 0, 0, 0]
    errors: list[dict[str, Any]] = []
    started = time.perf_counter()
    for index, item in enumerate(items):
        if not is_claims_item(item):
            raise ValueError("not an action-claim item (needs messages, reply, label)")
        args = (item["reply"], item["messages"], item.get("lang"))
        actual = item["label"] == "violation"
        if isinstance(checker, JudgedChecker):
            verdict = checker.verdict(*args)
            found = verdict.violations
            if scored is not None:
                scored.append(
                    Scored(
                        actual,
                        verdict.p,
                        bool(verdict.violations),
                        bool(verdict.by_rules),
                        verdict.addable,
                    )
                )
        else:
            found = checker.violations(*args)
        if readings is not None:
            found, _ = decide(found, readings[index], item["reply"], on_error)
        predicted = bool(found)
        cell = (0 if predicted else 2) if actual else (1 if predicted else 3)  # tp fp fn tn
        totals[cell] += 1
        for group, key in (("lang", item.get("lang") or "?"), ("kind", item.get("kind") or "?")):
            groups[group].setdefault(str(key), [0, 0, 0, 0])[cell] += 1
        if predicted != actual:
            errors.append(
                {
                    "reply": item["reply"],
                    "label": item["label"],
                    "lang": item.get("lang"),
                    "kind": item.get("kind"),
                    "reasons": [v.reason for v in found],
                }
            )
    elapsed = time.perf_counter() - started
    out: dict[str, Any] = {
        "overall": _scores(*totals),
        "per_lang": {k: _scores(*v) for k, v in sorted(groups["lang"].items())},
        # a set written without kinds gets no per-kind rows (one "?" row would repeat "all")
        "per_kind": {k: _scores(*v) for k, v in sorted(groups["kind"].items())}
        if set(groups["kind"]) != {"?"}
        else {},
        "ms_per_item": round(1000 * elapsed / max(1, len(items)), 4),
        "errors": errors,
    }
    if readings is not None:
        out["reader"] = reader_summary(readings, "violation")
    return out


def abcd_messages(conversation: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """An ABCD conversation (abcd_sample.json) as OpenAI messages: each agent turn with the
    conversation before it. Action turns become an assistant tool call (the ABCD action name,
    its slot values as arguments) and a tool result (the action's system text)."""
    delexed = conversation.get("delexed") or []
    actions = [
        turn["targets"]
        for turn in delexed
        if turn.get("speaker") == "action" and turn.get("targets")
    ]
    messages: list[dict[str, Any]] = []
    out: list[tuple[str, list[dict[str, Any]]]] = []
    n_action = 0
    for speaker, text in conversation.get("original") or []:
        if speaker == "customer":
            messages.append({"role": "user", "content": text})
        elif speaker == "agent":
            out.append((text, list(messages)))
            messages.append({"role": "assistant", "content": text})
        elif speaker == "action":
            target = actions[n_action] if n_action < len(actions) else [None, None, "unknown", []]
            n_action += 1
            call_id = f"abcd_{n_action}"
            args = {"values": list(target[3] or [])}
            messages.append(
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": call_id,
                            "type": "function",
                            "function": {"name": str(target[2]), "arguments": json.dumps(args)},
                        }
                    ],
                }
            )
            messages.append({"role": "tool", "tool_call_id": call_id, "content": text})
    return out
