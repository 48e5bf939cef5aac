"""Rebuild the built-in prompt-injection classifier (src/supportllm/guard/data/injection_model.npz).

    PYTHONPATH=src python scripts/train_injection.py [--shared ../shared/data] [--out PATH]

Training data: deepset/prompt-injections (the 70 % training part), the generated EN/DE/NL set
(tests/data/guard/injection/train_generated.jsonl, from scripts/injection_data.py) and the
training portion of real support text (guard/injection_corpus.py). Never used: the deepset 30 %
held-out part, tests/data/guard/injection/heldout_written.jsonl and the evaluation portion of the
support text. The threshold is calibrated on out-of-fold scores of the training data: the lowest
threshold whose false-positive rate on the benign support texts is <= 1 %.
Deterministic: seed 16, liblinear solver.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from supportllm.guard.injection_corpus import deepset_split, read_jsonl, support_texts
from supportllm.guard.injection_model import (
    LinearInjectionModel,
    char_ngrams,
    normalize,
    save_model,
    word_ngrams,
)

SEED = 16
CHAR_RANGE = (2, 5)
C = 4.0
TARGET_FPR = 0.01
REPO = Path(__file__).resolve().parents[1]


def training_items(shared: Path) -> list[dict[str, object]]:
    deepset_train, _ = deepset_split(shared)
    generated = read_jsonl(
        REPO / "tests" / "data" / "guard" / "injection" / "train_generated.jsonl"
    )
    return deepset_train + generated + support_texts(shared, REPO, "train")


def vectorizers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    common = {"sublinear_tf": True, "min_df": 2, "lowercase": False, "dtype": np.float64}
    word = TfidfVectorizer(analyzer=word_ngrams, max_features=30_000, **common)  # type: ignore[arg-type]
    char = TfidfVectorizer(
        analyzer=lambda t: char_ngrams(t, *CHAR_RANGE),
        max_features=60_000,
        **common,  # type: ignore[arg-type]
    )
    return word, char


def cell_weights(items: list[dict[str, object]]) -> np.ndarray:
    """Each (language, label) cell weighs the same in total, so no language reads as a signal."""
    cells = [(str(it.get("lang")), int(it["label"])) for it in items]  # type: ignore[call-overload]
    counts: dict[tuple[str, int], int] = {}
    for cell in cells:
        counts[cell] = counts.get(cell, 0) + 1
    return np.array([len(cells) / (len(counts) * counts[c]) for c in cells])


def fit(
    texts: list[str], labels: np.ndarray, weights: np.ndarray
) -> tuple[TfidfVectorizer, TfidfVectorizer, LogisticRegression]:
    word, char = vectorizers()
    x = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    clf = LogisticRegression(C=C, solver="liblinear", random_state=SEED)
    clf.fit(x, labels, sample_weight=weights)
    return word, char, clf


def predict(
    models: tuple[TfidfVectorizer, TfidfVectorizer, LogisticRegression], texts: list[str]
) -> np.ndarray:
    word, char, clf = models
    x = hstack([word.transform(texts), char.transform(texts)]).tocsr()
    return clf.predict_proba(x)[:, 1]


def calibrate(
    items: list[dict[str, object]], texts: list[str], labels: np.ndarray, weights: np.ndarray
) -> float:
    oof = np.zeros(len(texts))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    for train_idx, test_idx in folds.split(texts, labels):
        models = fit([texts[i] for i in train_idx], labels[train_idx], weights[train_idx])
        oof[test_idx] = predict(models, [texts[i] for i in test_idx])
    support = np.array(
        [str(it["source"]) not in {"deepset"} and int(it["label"]) == 0 for it in items]
    )  # type: ignore[call-overload]
    negatives = np.sort(oof[support])
    threshold = float(negatives[int(np.ceil(len(negatives) * (1 - TARGET_FPR))) - 1]) + 1e-6
    threshold = max(0.5, threshold)
    pos = oof[labels == 1]
    print(
        f"out-of-fold: threshold {threshold:.3f}, benign-support FPR "
        f"{np.mean(negatives >= threshold):.3%}, recall {np.mean(pos >= threshold):.3f}, "
        f"all-negative FPR {np.mean(oof[labels == 0] >= threshold):.3%}",
        file=sys.stderr,
    )
    return threshold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "src" / "supportllm" / "guard" / "data" / "injection_model.npz",
    )
    args = parser.parse_args()
    items = training_items(args.shared)
    texts = [normalize(str(it["text"])) for it in items]
    labels = np.array([int(it["label"]) for it in items])  # type: ignore[call-overload]
    print(f"{len(texts)} training texts, {int(labels.sum())} injections", file=sys.stderr)
    weights = cell_weights(items)
    threshold = calibrate(items, texts, labels, weights)
    word, char, clf = fit(texts, labels, weights)
    coef = clf.coef_[0]
    n_word = len(word.vocabulary_)

    def terms(vec: TfidfVectorizer) -> list[str]:
        out = [""] * len(vec.vocabulary_)
        for term, index in vec.vocabulary_.items():
            out[index] = term
        return out

    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_model(
        args.out,
        word_terms=terms(word),
        word_idf=word.idf_,
        word_coef=coef[:n_word],
        char_terms=terms(char),
        char_idf=char.idf_,
        char_coef=coef[n_word:],
        intercept=float(clf.intercept_[0]),
        threshold=threshold,
        char_range=CHAR_RANGE,
        meta=f"scripts/train_injection.py seed={SEED} C={C} n={len(texts)}",
    )
    # The exported arrays must give scikit-learn's own probabilities.
    model = LinearInjectionModel(args.out)
    raw = [str(it["text"]) for it in items[:200]]
    ours = np.array([model.score(t) for t in raw])
    theirs = predict((word, char, clf), [normalize(t) for t in raw])
    print(f"export check: max |difference| {np.max(np.abs(ours - theirs)):.2e}", file=sys.stderr)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main()
