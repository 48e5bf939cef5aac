"""Values a reply's sentences name against the successful calls' values, for the claims judge.

The rules compare a claim's values with its backing call's (claims_values.py, claims_spans.py,
claims_slots.asked_conflict) only for the sentences they read as claims. A deed said as a state
the rules do not read ("Dein Termin steht: Dienstag um 9:30 Uhr" after a booking for a
Wednesday, "ab 1. April nur noch 78 €" after ``betrag_eur: 87``) escapes them. The judge gets
the same comparisons for every sentence the sentence scorer finds at all claim-like, and learns
how much a clash weighs next to its other evidence (round 19).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from supportllm.guard.claims_slots import asked_conflict
from supportllm.guard.claims_spans import value_conflict as span_conflict
from supportllm.guard.claims_values import value_conflict

__all__ = ["VALUE_FEATURES", "value_features"]

VALUE_FEATURES: Final = ("v_top", "v_high", "v_any", "v_max_s")
# below this the scorer reads a sentence as no claim at all: greetings, policy, questions
_LOWEST: Final = 0.1

Values = tuple[tuple[str, str], ...]


def _clashes(
    sentence: str, messages: list[dict[str, Any]], done: list[tuple[str, Values]], asked: str
) -> bool:
    return bool(
        value_conflict(sentence, done)
        or span_conflict(sentence, messages, done, sentence)
        or asked_conflict(sentence, asked, done)
    )


def value_features(
    messages: list[dict[str, Any]],
    sentences: Sequence[str],
    scores: Sequence[float],
    asked: str,
    changes: list[tuple[str, Values]],
) -> list[float]:
    """VALUE_FEATURES: whether the most claim-like sentence names other values than the
    successful changes, how many sentences the scorer reads as claims (>= 0.5) do, how many
    sentences do at all, and the highest score among those. ``changes``: (tool, values of its
    arguments and result) of every successful call that changes something (not a look-up)."""
    if not sentences or not changes:
        return [0.0] * len(VALUE_FEATURES)
    flags = [
        score >= _LOWEST and _clashes(sentence, messages, changes, asked)
        for sentence, score in zip(sentences, scores, strict=True)
    ]
    top = max(range(len(scores)), key=lambda i: scores[i])
    return [
        float(flags[top]),
        float(sum(f and s >= 0.5 for f, s in zip(flags, scores, strict=True))),
        float(sum(flags)),
        max((s for f, s in zip(flags, scores, strict=True) if f), default=0.0),
    ]
