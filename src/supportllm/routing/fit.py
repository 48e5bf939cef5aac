"""Fitting the router on graded tickets (plain numpy): a logistic regression pulled toward the
hand-set weights, a threshold for a target API share, a seeded stratified split, and the area
under the ROC curve to say how well a score separates."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def fit_logistic(
    x: Array, y: Array, prior: Array, prior_bias: float, strength: float = 2.0
) -> tuple[Array, float]:
    """Weights and bias minimising the log-loss plus ``strength / 2 × |w - prior|²``.

    The penalty pulls each weight toward its hand-set value (a Gaussian prior around it): with
    few tickets the fit stays close to the defaults, with many it follows the data. The bias is
    not penalised. Newton's method (the problem is convex); ``x`` is tickets × features."""
    n, k = x.shape
    design = np.hstack([np.ones((n, 1)), x])
    centre = np.concatenate([[prior_bias], prior])
    theta = centre.copy()
    penalty = np.full(k + 1, strength)
    penalty[0] = 0.0
    for _ in range(100):
        z = np.clip(design @ theta, -35.0, 35.0)
        p = 1.0 / (1.0 + np.exp(-z))
        gradient = design.T @ (p - y) + penalty * (theta - centre)
        curvature = (design * (p * (1 - p))[:, None]).T @ design
        hessian = curvature + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return theta[1:], float(theta[0])


def threshold_for_share(scores: Sequence[float], api_share: float) -> float:
    """The threshold that sends ``api_share`` of these scores (those at or above it) to the API,
    as near as ties allow: halfway between the last score sent and the first one kept."""
    ordered = sorted(scores, reverse=True)
    n = len(ordered)
    count = round(api_share * n)
    if count <= 0:
        return min(0.999999, math.nextafter(ordered[0], 1.0)) if n else 0.5
    if count >= n:
        return max(1e-6, ordered[-1])
    return max(1e-6, min(0.999999, (ordered[count - 1] + ordered[count]) / 2))


def stratified_split(
    labels: Sequence[int], holdout: float, seed: int
) -> tuple[list[int], list[int]]:
    """(train, held-out) indices: ``holdout`` of each label's tickets held out, seeded."""
    rng = np.random.default_rng(seed)
    train: list[int] = []
    test: list[int] = []
    for value in sorted(set(labels)):
        members = [i for i, label in enumerate(labels) if label == value]
        rng.shuffle(members)
        cut = round(len(members) * holdout)
        if len(members) > 1:
            cut = min(max(cut, 1), len(members) - 1)  # both parts see this label
        test += members[:cut]
        train += members[cut:]
    return sorted(train), sorted(test)


def auc(scores: Sequence[float], labels: Sequence[int]) -> float | None:
    """Area under the ROC curve (the chance a ticket labelled 1 scores above one labelled 0;
    ties count half); None without both labels."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return None
    a, b = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(np.mean((a > b) + 0.5 * (a == b)))
