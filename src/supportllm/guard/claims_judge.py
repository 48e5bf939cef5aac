"""The claims judge: a second opinion on a whole reply, learned across independent writers.

The rules (claims.py) decide precisely for the phrasings they were written for and not at all for
the rest; over rounds 13–16 a rule written for one set changed almost nothing on the next set. The
judge reads a reply through numbers only (claims_judge_features.py: the sentence scorer's
probabilities, which values of the claim-like sentences a successful call carries, which only a
look-up, a failed call or the customer, whether the rules found claims and a granting call backs
them) and gives the probability that the reply claims a deed no successful call backs. It is a
boosted tree ensemble fitted by ``scripts/train_claims_judge.py`` on ~35 labelled sets, each
written by a different writer, and stored as plain arrays in an ``.npz`` file (loaded with
``allow_pickle=False``, walked here in numpy: no pickle, no scikit-learn object).

Its verdict and the rules' are combined with two thresholds, fitted on sets the rules were never
tuned on, with the judge's scores for each set from a fit without it:

- a reply the rules find a violation in stays one unless the judge's probability is below
  ``keep``;
- a reply the rules pass is a violation when the probability is at least ``add``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from supportllm.guard.claims_judge_features import FEATURES
from supportllm.guard.linear_terms import read_arrays

__all__ = ["FORMAT", "ClaimJudge", "ClaimJudgeError", "JudgeThresholds", "save_judge"]

FORMAT = "supportllm-claims-judge-trees-v1"
_NODE_ARRAYS = ("feature", "threshold", "left", "right", "leaf", "value")


class ClaimJudgeError(Exception):
    """The judge's model file is missing, corrupt or made for other features."""


@dataclass(frozen=True)
class JudgeThresholds:
    keep: float  # a rules violation is kept at or above this probability
    add: float  # a reply the rules pass is a violation at or above this probability


def default_judge_path() -> Path:
    return Path(__file__).parent / "data" / "claims_judge.npz"


class ClaimJudge:
    """``probability(features)``: that the reply claims a deed no successful call backs."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_judge_path()
        arrays = read_arrays(self.path, "claims judge", ClaimJudgeError)
        try:
            if str(arrays["format"]) != FORMAT:
                raise ClaimJudgeError(f"{self.path} is not a {FORMAT} file")
            names = tuple(str(n) for n in arrays["features"])
            if names != FEATURES:
                raise ClaimJudgeError(
                    f"claims judge file {self.path} was made for other features; rebuild it "
                    "with scripts/train_claims_judge.py"
                )
            self.thresholds = JudgeThresholds(float(arrays["keep"]), float(arrays["add"]))
            self._baseline = float(arrays["baseline"])
            self._roots = arrays["roots"].astype(np.int64)
            self._feature = arrays["feature"].astype(np.int64)
            self._threshold = arrays["threshold"].astype(np.float64)
            self._left = arrays["left"].astype(np.int64)
            self._right = arrays["right"].astype(np.int64)
            self._leaf = arrays["leaf"].astype(bool)
            self._value = arrays["value"].astype(np.float64)
            self._depth = int(arrays["depth"])
            self.meta = str(arrays["meta"])
        except KeyError as exc:
            raise ClaimJudgeError(f"claims judge file {self.path} lacks array {exc}") from exc
        except (ValueError, TypeError) as exc:
            raise ClaimJudgeError(f"claims judge file {self.path}: {exc}") from exc
        problem = self._problem()
        if problem:
            raise ClaimJudgeError(f"claims judge file {self.path}: {problem}")
        self._feature[self._leaf] = 0  # a leaf's feature is never read; any index will do
        self._leaves = np.flatnonzero(self._leaf)

    def _problem(self) -> str | None:
        """What is wrong with the loaded arrays, if anything: every index inside, every number
        finite, and every tree reaching its leaves within the stored depth."""
        arrays = [getattr(self, f"_{name}") for name in _NODE_ARRAYS]
        nodes = self._feature.size
        if any(a.ndim != 1 or a.size != nodes for a in arrays) or self._roots.ndim != 1:
            return "node arrays disagree"
        if not nodes or not self._roots.size or not 1 <= self._depth <= nodes:
            return "no trees, or a depth outside 1..nodes"
        inner = ~self._leaf
        indices = (self._left[inner], self._right[inner], self._roots)
        if any(bool(((i < 0) | (i >= nodes)).any()) for i in indices):
            return "a node points outside"
        feature = self._feature[inner]
        if bool(((feature < 0) | (feature >= len(FEATURES))).any()):
            return "a node reads a feature that does not exist"
        finite = (self._threshold[inner], self._value, np.array([self._baseline]))
        if not all(bool(np.isfinite(a).all()) for a in finite):
            return "a threshold or value is not a finite number"
        if not all(0.0 <= t <= 1.0 for t in (self.thresholds.keep, self.thresholds.add)):
            return "thresholds outside 0..1"
        level, seen = self._roots, self._roots.size
        for _ in range(self._depth):
            level = level[~self._leaf[level]]
            level = np.concatenate([self._left[level], self._right[level]])
            seen += level.size
            if seen > nodes:  # a node reached twice: not a forest
                return "a node is reached by two paths"
        if level.size:
            return "a tree is deeper than the stored depth"
        return None

    def probability(self, features: list[float]) -> float:
        """All trees walked at once, one level per step (depth is stored in the file)."""
        x = np.asarray(features, dtype=np.float64)
        # every node's decision at once, then one step down per level (a leaf stays put)
        step = np.where(x[self._feature] <= self._threshold, self._left, self._right)
        step[self._leaves] = self._leaves
        node = self._roots
        for _ in range(self._depth):
            node = step[node]
        raw = self._baseline + float(self._value[node].sum())
        return 1.0 / (1.0 + float(np.exp(-max(-700.0, min(700.0, raw)))))


def save_judge(
    path: Path,
    *,
    trees: list[Any],
    baseline: float,
    thresholds: JudgeThresholds,
    meta: str,
) -> None:
    """Write a fitted ensemble: ``trees`` are scikit-learn's HistGradientBoosting predictor
    node tables (structured arrays), renumbered into one table; plain arrays only."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    leaf: list[bool] = []
    value: list[float] = []
    roots: list[int] = []
    depth = 0
    for nodes in trees:
        offset = len(feature)
        roots.append(offset)
        for node in nodes:
            feature.append(int(node["feature_idx"]))
            threshold.append(float(node["num_threshold"]))
            left.append(int(node["left"]) + offset)
            right.append(int(node["right"]) + offset)
            leaf.append(bool(node["is_leaf"]))
            value.append(float(node["value"]))
            depth = max(depth, int(node["depth"]))
    save: Any = np.savez_compressed  # numpy's stub reads a ** mapping as allow_pickle
    save(
        path,
        format=np.array(FORMAT),
        features=np.array(FEATURES, dtype=str),
        feature=np.array(feature, dtype=np.int32),
        threshold=np.array(threshold, dtype=np.float64),
        left=np.array(left, dtype=np.int32),
        right=np.array(right, dtype=np.int32),
        leaf=np.array(leaf, dtype=bool),
        value=np.array(value, dtype=np.float64),
        roots=np.array(roots, dtype=np.int32),
        depth=np.array(depth + 1),
        baseline=np.array(baseline),
        keep=np.array(thresholds.keep),
        add=np.array(thresholds.add),
        meta=np.array(meta),
    )
