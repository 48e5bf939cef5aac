"""The learned sentence scorer of the action-claim guard: does this sentence of a reply say that
the support side has completed an action?

TF-IDF over word 1–3-grams and in-word character 3–5-grams of a normalised sentence (ids,
amounts and numbers replaced by placeholder words, so "refunded A-1001" and "refunded #77812"
are one phrase), logistic regression. Trained by ``scripts/train_claims.py`` with scikit-learn on
the labelled sentences in ``tests/data/guard/claims/train_*.jsonl``; stored as plain arrays in an
``.npz`` file loaded with ``allow_pickle=False`` and scored here in numpy, so no pickle and no
scikit-learn object is ever loaded. claims_learned.py combines it with the rules:
a rule claim the model is sure is not one is dropped (``veto``), and a sentence the rules leave
empty but the model scores high is a claim (``add``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from supportllm.guard.linear_terms import TermBlock, WordGrams, char_wb_ngrams, read_arrays

__all__ = [
    "FORMAT", "ClaimModel", "ClaimModelError", "char_grams", "clauses", "default_model_path",
    "normalize", "save_model", "word_grams",
]  # fmt: skip

FORMAT = "supportllm-claims-linear-v1"
CHAR_RANGE = (3, 5)
_CURRENCY = r"(?:€|\$|£|eur|euro|usd|gbp|chf|dkk|sek)"
_AMOUNT = re.compile(
    rf"{_CURRENCY}\s?\d[\d.,']*(?:\s?(?:k|m))?|\d[\d.,']*\s?(?:{_CURRENCY}|euros?|dollars?|pounds?)\b",
)
_ID = re.compile(
    r"(?<![\w-])(?:#\s?\w*\d[\w-]*|[a-z]*[-_/]?\d[\w-]*[a-z][\w-]*|[a-z]+[-_/]?\d[\w-]*)"
)
_NUMBER = re.compile(r"\d[\d.,:']*")
_DONE_MARK = re.compile("[\u2705\u2714\u2611\U0001f44d]")
_TOKEN = re.compile(r"(?u)\w+")
# Where one sentence holds several clauses: "…, and I've removed the add-on", "… — please …",
# "…; ein Techniker meldet sich …", "… und Ihnen den Gangplatz reserviert".
_CLAUSE_BREAK = re.compile(
    r"\s*(?:[;:]\s|\s[—–-]\s|,(?!\d)\s*)|\s(?:and|but|so|und|aber|sodass|en|maar|zodat|dus)\s",
    re.IGNORECASE,
)


def clause_parts(sentence: str) -> list[str]:
    """The sentence split at its clause breaks, short parts kept ("dinsdag", "donderdag")."""
    return [p for p in _CLAUSE_BREAK.split(sentence) if p and p.strip()]


def clauses(sentence: str) -> list[str]:
    """The sentence's clauses of three words or more (none when it is one clause)."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(sentence)]
    if len(parts) < 2:
        return []
    return [p for p in parts if len(_TOKEN.findall(p)) >= 3]


def normalize(text: str) -> str:
    """Lower-cased NFKC text with amounts, ids and numbers as placeholder words."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _DONE_MARK.sub(" qdone ", text)
    text = _AMOUNT.sub(" qamt ", text)
    text = _ID.sub(" qid ", text)
    return _NUMBER.sub(" qnum ", text)


def word_grams(normalized: str) -> list[str]:
    """Words (single letters included: "i", "u", "je") and their 2- and 3-grams."""
    tokens = _TOKEN.findall(normalized)
    grams = list(tokens)
    grams += [f"{a} {b}" for a, b in pairwise(tokens)]
    grams += [f"{a} {b} {c}" for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False)]
    return grams


def char_grams(normalized: str) -> list[str]:
    return char_wb_ngrams(normalized, *CHAR_RANGE)


def default_model_path() -> Path:
    return Path(__file__).with_name("data") / "claims_model.npz"


class ClaimModelError(Exception):
    """The claims model file is missing, unreadable or not a supportllm claims model."""


@dataclass(frozen=True)
class Thresholds:
    add: float  # a sentence the rules leave empty is a claim at or above this probability
    veto: float  # a rule claim below this probability is dropped


class ClaimModel:
    """Scores sentences; ``score`` is the probability that a sentence claims a done action."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_model_path()
        arrays = read_arrays(self.path, "claims", ClaimModelError)
        try:
            if str(arrays["format"]) != FORMAT:
                raise ClaimModelError(f"{self.path} is not a {FORMAT} file")
            self.intercept = float(arrays["intercept"])
            self.thresholds = Thresholds(float(arrays["add"]), float(arrays["veto"]))
            if not all(0.0 <= t <= 1.0 for t in (self.thresholds.add, self.thresholds.veto)):
                raise ClaimModelError(f"claims model file {self.path}: thresholds outside 0..1")
            self._word = TermBlock.from_file_arrays(arrays, "word")
            self._char = TermBlock.from_file_arrays(arrays, "char")
            self._char_grams = WordGrams(self._char.vocab, *CHAR_RANGE)
            self.meta = str(arrays["meta"])
        except KeyError as exc:
            raise ClaimModelError(f"claims model file {self.path} lacks array {exc}") from exc
        except (ValueError, TypeError) as exc:
            raise ClaimModelError(f"claims model file {self.path}: {exc}") from exc

    def logit(self, sentence: str) -> float:
        normalized = normalize(sentence)
        z = self.intercept + self._word.contribution(word_grams(normalized))
        return z + self._char.from_counts(self._char_grams.counts(normalized))

    def score(self, sentence: str) -> float:
        z = self.logit(sentence)
        return 1.0 / (1.0 + math.exp(-max(-700.0, min(700.0, z))))


def save_model(
    path: Path,
    *,
    blocks: dict[str, tuple[list[str], np.ndarray, np.ndarray]],
    intercept: float,
    add: float,
    veto: float,
    meta: str,
) -> None:
    """Write the arrays (float32, unicode strings: nothing that needs pickle)."""
    arrays: dict[str, np.ndarray] = {}
    for name, (terms, idf, coef) in blocks.items():
        arrays[f"{name}_terms"] = np.array(terms, dtype=str)
        arrays[f"{name}_idf"] = idf.astype(np.float32)
        arrays[f"{name}_coef"] = coef.astype(np.float32)
    arrays.update(
        format=np.array(FORMAT),
        intercept=np.array(intercept),
        add=np.array(add),
        veto=np.array(veto),
        meta=np.array(meta),
    )
    save: Any = np.savez_compressed  # numpy's stub reads a ** mapping as allow_pickle
    save(path, **arrays)
