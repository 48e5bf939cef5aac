"""guard/eval_curve.py: the points of a trade-off curve and the ones a reader looks for."""

from __future__ import annotations

import math

import pytest

from supportllm.guard.eval_curve import Scored, claims_curve, injection_curve, picks


def test_each_injection_point_names_a_threshold_that_gives_it() -> None:
    # scores as the screen reports them (rounded to 1e-4); the threshold is compared with the
    # unrounded score, so a point's threshold sits half a step under its score
    items = [
        Scored(True, 0.9, True), Scored(False, 0.8, True), Scored(True, 0.7, False),
        Scored(False, 0.1, False),
    ]  # fmt: skip
    curve = injection_curve(items, threshold=0.75)
    got = [(p.recall, p.fpr, dict(p.thresholds)["threshold"]) for p in curve.points]
    assert got == [(0.0, 0.0, 0.90005), (0.5, 0.0, 0.89995), (0.5, 0.5, 0.79995),
                   (1.0, 0.5, 0.69995), (1.0, 1.0, 0.09995)]  # fmt: skip
    assert (curve.current.recall, curve.current.fpr) == (0.5, 0.5)
    for point in curve.points:  # every label flags exactly what the point counts
        cut = dict(point.thresholds)["threshold"]
        flagged = [s.score >= cut for s in items]
        tp = sum(f and s.positive for f, s in zip(flagged, items, strict=True))
        assert tp / 2 == point.recall
    found = dict(picks(curve, [0.0, 0.5], [1.0]))
    assert found["best recall at FPR <= 0%"] == curve.points[1]
    loose = found["best recall at FPR <= 50%"]
    assert loose is not None and dict(loose.thresholds)["threshold"] == 0.69995
    assert found["lowest FPR at recall >= 1.00"] == curve.points[3]


def test_equal_scores_give_a_nothing_flagged_point_above_them() -> None:
    curve = injection_curve([Scored(True, 0.5, True), Scored(False, 0.5, True)], threshold=0.4)
    strict = dict(picks(curve, [0.0], []))["best recall at FPR <= 0%"]
    assert strict is not None and strict.recall == 0.0
    assert dict(strict.thresholds)["threshold"] > 0.5  # setting it flags neither text


def test_claims_curve_moves_keep_and_add_together() -> None:
    # a violation the rules found with a low judge probability, one only the judge sees, an ok
    # reply the rules flagged, an ok reply nobody flags
    items = [
        Scored(True, 0.30, True, rules=True), Scored(True, 0.90, True, rules=False),
        Scored(False, 0.40, True, rules=True), Scored(False, 0.20, False, rules=False),
    ]  # fmt: skip
    curve = claims_curve(items, keep=0.25, add=0.65)
    assert (curve.current.recall, curve.current.fpr) == (1.0, 0.5)
    for p in curve.points:
        t = dict(p.thresholds)
        assert t["judge_keep"] < t["judge_add"]  # the calibrated order is kept at every point
    # the point the thresholds in force give is named by them, not by a looser pair
    here = next(p for p in curve.points if (p.recall, p.fpr) == (1.0, 0.5))
    assert dict(here.thresholds) == {"judge_keep": 0.25, "judge_add": 0.65}
    zero_fpr = dict(picks(curve, [0.0], []))["best recall at FPR <= 0%"]
    assert zero_fpr is not None and zero_fpr.recall == 0.5  # only the judge's 0.90 is kept
    assert dict(zero_fpr.thresholds)["judge_keep"] > 0.40


def test_a_reply_the_judge_cannot_report_is_never_added() -> None:
    # no sentence to name as the claim: the check adds nothing, however high the probability
    items = [Scored(True, 0.99, False, rules=False, addable=False), Scored(False, 0.1, False)]
    curve = claims_curve(items, keep=0.25, add=0.65)
    assert max(p.recall for p in curve.points) == 0.0


def test_a_curve_needs_both_kinds_of_item_and_finite_scores() -> None:
    with pytest.raises(ValueError, match="needs both kinds"):
        injection_curve([Scored(True, 0.9, True)], threshold=0.5)
    with pytest.raises(ValueError, match="not a finite number"):
        injection_curve([Scored(True, math.nan, True), Scored(False, 0.1, False)], 0.5)
