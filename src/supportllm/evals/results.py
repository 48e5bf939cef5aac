"""Grading results: per-model means with bootstrap confidence intervals, would-send share, by
language and channel, and inter-rater agreement (weighted Cohen's kappa, Krippendorff's alpha)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np

BOOTSTRAP_SAMPLES = 2000


def bootstrap_ci(
    values: Sequence[float], seed: int = 0, level: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean."""
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return (math.nan, math.nan)
    if data.size == 1:
        return (float(data[0]), float(data[0]))
    rng = np.random.default_rng(seed)
    means = rng.choice(data, size=(BOOTSTRAP_SAMPLES, data.size), replace=True).mean(axis=1)
    low, high = np.quantile(means, [(1 - level) / 2, 1 - (1 - level) / 2])
    return (float(low), float(high))


def _summary(grades: Sequence[dict[str, Any]], seed: int) -> dict[str, Any]:
    scored = [g for g in grades if not g["skipped"]]
    tone = [float(g["tone"]) for g in scored]
    accuracy = [float(g["accuracy"]) for g in scored]
    send = [1.0 if g["would_send"] else 0.0 for g in scored]
    return {
        "grades": len(scored),
        "skipped": len(grades) - len(scored),
        "tone": float(np.mean(tone)) if tone else None,
        "tone_ci": bootstrap_ci(tone, seed) if tone else None,
        "accuracy": float(np.mean(accuracy)) if accuracy else None,
        "accuracy_ci": bootstrap_ci(accuracy, seed + 1) if accuracy else None,
        "would_send": float(np.mean(send)) if send else None,
        "would_send_ci": bootstrap_ci(send, seed + 2) if send else None,
    }


def per_model(grades: Sequence[dict[str, Any]], seed: int = 0) -> dict[str, Any]:
    """{candidate: {overall, by_lang: {...}, by_channel: {...}}}."""
    by_candidate: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for grade in grades:
        by_candidate[grade["candidate"]].append(grade)
    out: dict[str, Any] = {}
    for candidate, mine in sorted(by_candidate.items()):
        groups: dict[str, dict[str, list[dict[str, Any]]]] = {
            "by_lang": defaultdict(list),
            "by_channel": defaultdict(list),
        }
        for grade in mine:
            groups["by_lang"][grade.get("lang") or "?"].append(grade)
            groups["by_channel"][grade.get("channel") or "?"].append(grade)
        out[candidate] = {
            "overall": _summary(mine, seed),
            **{
                name: {key: _summary(items, seed) for key, items in sorted(group.items())}
                for name, group in groups.items()
            },
        }
    return out


def agreement(grades: Sequence[dict[str, Any]], rater_key: str = "grader") -> dict[str, Any]:
    """Agreement between raters on the replies they both scored, per scale.

    Weighted (quadratic) Cohen's kappa for each pair of raters (scikit-learn); Krippendorff's
    alpha over all raters (ordinal for tone/accuracy, nominal for would-send; ``krippendorff``).
    """
    import krippendorff
    from sklearn.metrics import cohen_kappa_score

    scored = [g for g in grades if not g["skipped"]]
    raters = sorted({g[rater_key] for g in scored})
    replies = sorted({g["reply_id"] for g in scored})
    index = {reply: i for i, reply in enumerate(replies)}
    out: dict[str, Any] = {"raters": raters, "items": len(replies), "scales": {}}
    scales: tuple[tuple[str, Literal["ordinal", "nominal"]], ...] = (
        ("tone", "ordinal"),
        ("accuracy", "ordinal"),
        ("would_send", "nominal"),
    )
    for scale, level in scales:
        matrix = np.full((len(raters), len(replies)), np.nan)
        for grade in scored:
            value = grade[scale]
            matrix[raters.index(grade[rater_key]), index[grade["reply_id"]]] = float(value)
        result: dict[str, Any] = {}
        shared = int(np.sum(np.sum(~np.isnan(matrix), axis=0) >= 2))
        result["items_rated_twice"] = shared
        if len(raters) >= 2 and shared >= 2:
            values = matrix[~np.isnan(matrix)]
            if np.unique(values).size > 1:
                result["krippendorff_alpha"] = float(
                    krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
                )
            pairs = {}
            for i in range(len(raters)):
                for j in range(i + 1, len(raters)):
                    both = ~np.isnan(matrix[i]) & ~np.isnan(matrix[j])
                    if both.sum() >= 2:
                        a, b = matrix[i][both].astype(int), matrix[j][both].astype(int)
                        if np.unique(np.concatenate([a, b])).size > 1:
                            weights = "quadratic" if level == "ordinal" else None
                            pairs[f"{raters[i]} vs {raters[j]}"] = {
                                "kappa": float(cohen_kappa_score(a, b, weights=weights)),
                                "items": int(both.sum()),
                                "exact_agreement": float(np.mean(a == b)),
                            }
            result["cohen_kappa"] = pairs
        out["scales"][scale] = result
    return out
