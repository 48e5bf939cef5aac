"""The trade-off a guard's threshold makes on a labelled file: recall against false positives.

``supportllm guard eval FILE --curve out.png`` (round 20). The issue's targets are points on
this curve (injection: recall >= 0.90 at a false-positive rate <= 2 %; action claims: recall >=
0.95 at <= 2 % false violations), and a team that wants fewer hand-offs, or fewer missed claims,
than the defaults give picks another point and sets the thresholds it names:

- injection: one score per text; the curve moves ``guard.injection.threshold``;
- action claims: the judge's probability per reply and whether the rules found a violation;
  the check flags a rules' violation when the probability is at least ``judge_keep`` and any
  other reply when it is at least ``judge_add``. The curve moves both together, by the same
  step in log-odds, so every point keeps the calibrated gap between them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "Curve",
    "CurvePoint",
    "Scored",
    "claims_curve",
    "injection_curve",
    "picks",
]

# Log-odds shifts of the claims thresholds: -8 … +8 in steps of 0.05 (321 points; a shift of
# 8 moves a threshold of 0.5 to 0.0003 or 0.9997).
_SHIFTS: Final = tuple(round(-8 + 0.05 * i, 2) for i in range(321))
_EDGE: Final = 1e-6  # probabilities are clipped this far from 0 and 1 before the log-odds


@dataclass(frozen=True)
class Scored:
    """One labelled item as the guard scored it: the truth, the score, whether the guard
    flagged it with the thresholds in force, and (claims) whether the rules found a violation
    and whether the judge could add one."""

    positive: bool
    score: float
    flagged: bool
    rules: bool = False
    addable: bool = True  # claims: the judge can add a violation (the reply has a sentence)


@dataclass(frozen=True)
class CurvePoint:
    recall: float
    fpr: float
    thresholds: tuple[tuple[str, float], ...]  # setting name -> value at this point


@dataclass(frozen=True)
class Curve:
    kind: str  # "injection" or "claims"
    points: tuple[CurvePoint, ...]  # by rising false-positive rate
    current: CurvePoint  # where the thresholds in force put the guard
    positives: int
    negatives: int


def _rated(tp: int, fp: int, counts: tuple[int, int], **thresholds: float) -> CurvePoint:
    pos, neg = counts
    return CurvePoint(tp / pos if pos else 1.0, fp / neg if neg else 0.0, tuple(thresholds.items()))


def _point(
    items: Sequence[Scored], flags: Sequence[bool], counts: tuple[int, int], **thresholds: float
) -> CurvePoint:
    tp = sum(1 for f, s in zip(flags, items, strict=True) if f and s.positive)
    fp = sum(1 for f, s in zip(flags, items, strict=True) if f and not s.positive)
    return _rated(tp, fp, counts, **thresholds)


def _by_rate(points: list[CurvePoint]) -> tuple[CurvePoint, ...]:
    return tuple(sorted(points, key=lambda p: (p.fpr, p.recall)))


def injection_curve(items: Sequence[Scored], threshold: float, step: float = 1e-4) -> Curve:
    """A point for each distinct score, and one with nothing flagged. The screen reports
    scores rounded to ``step`` and compares the unrounded score with the threshold, so each
    point's threshold is half a step under its score: it flags exactly the texts reported at
    or above that score (and half a step over the highest score flags none). One pass down
    the scores, counting as it goes."""
    _check_items(items)
    counts = _counts(items)
    half = step / 2
    ranked = sorted(items, key=lambda s: -s.score)
    points = [_rated(0, 0, counts, threshold=round(ranked[0].score + half, 6))]
    tp = fp = 0
    for i, s in enumerate(ranked):
        tp, fp = tp + s.positive, fp + (not s.positive)
        if i + 1 == len(ranked) or ranked[i + 1].score != s.score:  # the last of equal scores
            points.append(_rated(tp, fp, counts, threshold=round(s.score - half, 6)))
    current = _point(items, [s.flagged for s in items], counts, threshold=threshold)
    return Curve("injection", _by_rate(points), current, *counts)


def _shifted(p: float, shift: float) -> float:
    p = min(max(p, _EDGE), 1 - _EDGE)
    return 1.0 / (1.0 + math.exp(-(math.log(p / (1 - p)) + shift)))


def claims_curve(items: Sequence[Scored], keep: float, add: float) -> Curve:
    """``keep`` and ``add`` moved together by each log-odds shift in -8 … +8. Shifts that flag
    the same replies make one point, named by the middle shift of their run (the run that
    holds the thresholds in force is named by them)."""
    _check_items(items)
    counts = _counts(items)

    def flags(k: float, a: float) -> tuple[bool, ...]:
        return tuple(s.score >= k if s.rules else (s.addable and s.score >= a) for s in items)

    runs: list[tuple[tuple[bool, ...], list[float]]] = []
    for shift in sorted({*_SHIFTS, 0.0}):
        flagged = flags(_shifted(keep, shift), _shifted(add, shift))
        if runs and runs[-1][0] == flagged:
            runs[-1][1].append(shift)
        else:
            runs.append((flagged, [shift]))
    points = []
    for flagged, shifts in runs:
        if 0.0 in shifts:
            k, a = keep, add
        else:
            middle = shifts[len(shifts) // 2]
            k, a = round(_shifted(keep, middle), 4), round(_shifted(add, middle), 4)
        points.append(_point(items, flagged, counts, judge_keep=k, judge_add=a))
    current = _point(items, [s.flagged for s in items], counts, judge_keep=keep, judge_add=add)
    return Curve("claims", _by_rate(points), current, *counts)


def _counts(items: Sequence[Scored]) -> tuple[int, int]:
    pos = sum(1 for s in items if s.positive)
    return pos, len(items) - pos


def _check_items(items: Sequence[Scored]) -> None:
    if not any(s.positive for s in items) or all(s.positive for s in items):
        raise ValueError(
            "a trade-off curve needs both kinds of item (attacks and benign texts, violations "
            "and ok replies); this file has only one"
        )
    if not all(math.isfinite(s.score) for s in items):
        raise ValueError("a score is not a finite number: the guard's model is broken")


def picks(
    curve: Curve, fprs: Sequence[float], recalls: Sequence[float]
) -> list[tuple[str, CurvePoint | None]]:
    """The points a reader looks for: the best recall within each false-positive rate of
    ``fprs``, and the lowest false-positive rate reaching each recall of ``recalls`` (None
    where the curve has no such point)."""
    out: list[tuple[str, CurvePoint | None]] = []
    for limit in fprs:
        within = [p for p in curve.points if p.fpr <= limit + 1e-9]
        best = max(within, key=lambda p: (p.recall, -p.fpr), default=None)
        out.append((f"best recall at FPR <= {limit:.0%}", best))
    for need in recalls:
        reaching = [p for p in curve.points if p.recall >= need - 1e-9]
        best = min(reaching, key=lambda p: (p.fpr, -p.recall), default=None)
        out.append((f"lowest FPR at recall >= {need:.2f}", best))
    return out
