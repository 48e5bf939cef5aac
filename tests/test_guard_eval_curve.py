"""guard/eval_curve.py: the points of a trade-off curve and the ones a reader looks for."""

from __future__ import annotations

import pytest

from supportllm.guard.eval_curve import Scored, claims_curve, injection_curve, picks


def test_injection_curve_has_a_point_per_distinct_score_and_the_current_one() -> None:
    items = [
        Scored(True, 0.9, True), Scored(False, 0.8, True), Scored(True, 0.7, False),
        Scored(False, 0.1, False),
    ]  # fmt: skip
    curve = injection_curve(items, threshold=0.75)
    got = [(p.recall, p.fpr, dict(p.thresholds)["threshold"]) for p in curve.points]
    assert got == [(0.0, 0.0, 0.9), (0.5, 0.0, 0.9), (0.5, 0.5, 0.8), (1.0, 0.5, 0.7),
                   (1.0, 1.0, 0.1)]  # fmt: skip
    assert (curve.current.recall, curve.current.fpr) == (0.5, 0.5)
    found = dict(picks(curve, [0.0, 0.5], [1.0]))
    assert found["best recall at FPR <= 0%"] == curve.points[1]
    loose = found["best recall at FPR <= 50%"]
    assert loose is not None and dict(loose.thresholds)["threshold"] == 0.7
    assert found["lowest FPR at recall >= 1.00"] == curve.points[3]


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
    zero_fpr = dict(picks(curve, [0.0], []))["best recall at FPR <= 0%"]
    assert zero_fpr is not None and zero_fpr.recall == 0.5  # only the judge's 0.90 is kept
    assert dict(zero_fpr.thresholds)["judge_keep"] > 0.40


def test_a_curve_needs_both_kinds_of_item() -> None:
    with pytest.raises(ValueError, match="needs both kinds"):
        injection_curve([Scored(True, 0.9, True)], threshold=0.5)
