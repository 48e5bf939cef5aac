"""Scoring of exported linear text models: TF-IDF term blocks without scikit-learn at run time.

A block is one vectorizer's vocabulary with its idf and the logistic regression's coefficients
for those terms; its share of the log-odds is computed as scikit-learn would (sublinear tf,
l2-normalised per block). ``WordGrams`` looks up the character n-grams of each distinct word once
and caches them (``char_wb`` n-grams never cross a word boundary, so per-word counts add up).
"""

from __future__ import annotations

import functools
import math
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["TermBlock", "WordGrams", "char_wb_ngrams", "read_arrays", "terms_by_index"]

_MULTISPACE_RE = re.compile(r"\s\s+")
# From this many term occurrences on, numpy adds up a block's share faster than a Python loop
# (measured: 150 character n-grams, a 50-character text, cost the same both ways)
_NUMPY_FROM = 128


def char_wb_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """Character n-grams inside word boundaries (scikit-learn's ``char_wb``)."""
    grams: list[str] = []
    for word in _MULTISPACE_RE.sub(" ", text).split():
        padded = f" {word} "
        size = len(padded)
        for n in range(lo, min(hi, size) + 1):
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams


def read_arrays(path: Path, what: str, error: type[Exception]) -> dict[str, np.ndarray]:
    """The arrays of an exported model file, loaded without pickle; ``error`` naming the file
    when it is missing or not an ``.npz`` archive."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except FileNotFoundError as exc:
        raise error(f"{what} model file {path} does not exist") from exc
    except (OSError, ValueError, TypeError, zipfile.BadZipFile, EOFError) as exc:
        raise error(f"{what} model file {path} is unreadable: {exc}") from exc


def terms_by_index(vocabulary: dict[str, int]) -> list[str]:
    """A fitted vectorizer's ``vocabulary_`` as the list of its terms in column order."""
    out = [""] * len(vocabulary)
    for term, index in vocabulary.items():
        out[index] = term
    return out


@dataclass
class TermBlock:
    vocab: dict[str, int]
    weight: np.ndarray  # idf * coefficient per term
    idf: np.ndarray

    def __post_init__(self) -> None:
        # Python lists: a sentence has a few dozen terms, and indexing a list beats numpy's
        # per-call overhead at that size.
        self._weight: list[float] = self.weight.tolist()
        self._idf: list[float] = self.idf.tolist()
        # a term seen once (tf 1.0, most of a text's character n-grams) adds idf ** 2 to the
        # squares: computed here once, with the same float operation, not per text
        self._idf_squared: list[float] = [x**2 for x in self._idf]

    @classmethod
    def from_file_arrays(cls, arrays: dict[str, np.ndarray], name: str) -> TermBlock:
        """Block ``name`` of a model file: arrays ``{name}_terms``, ``_idf`` and ``_coef``."""
        terms = [str(t) for t in arrays[f"{name}_terms"]]
        idf, coef = arrays[f"{name}_idf"], arrays[f"{name}_coef"]
        if not (len(terms) == len(idf) == len(coef)):
            raise ValueError(f"its {name} arrays differ in length")
        idf64 = idf.astype(np.float64)
        return cls({t: i for i, t in enumerate(terms)}, idf64 * coef.astype(np.float64), idf64)

    def contribution(self, grams: list[str]) -> float:
        """The block's share of the log-odds for a list of terms (repeats count)."""
        get = self.vocab.get
        counts: Counter[int] = Counter()
        for gram, n in Counter(grams).items():
            index = get(gram)
            if index is not None:
                counts[index] = n
        return self.from_counts(counts)

    def term_ids(self, grams: list[str]) -> np.ndarray:
        """The vocabulary indices of ``grams`` that are terms (repeats kept), for ``from_ids``."""
        get = self.vocab.get
        return np.fromiter((i for i in map(get, grams) if i is not None), dtype=np.intp, count=-1)

    def from_ids(self, ids: np.ndarray) -> float:
        """``from_counts`` of the counts of ``ids`` (vocabulary indices, repeats count), summed
        by numpy: the same terms and tf, added in another order (equal to about 1e-15, not bit
        for bit; round 17 speed pass: 0.30 -> 0.10 ms for the 3,000 character n-grams of a
        1,000-character window)."""
        if ids.size < _NUMPY_FROM:  # numpy's per-call cost outweighs it: the loop, bit for bit
            return self.from_counts(Counter(ids.tolist()))
        terms, counts = np.unique(ids, return_counts=True)
        tf = np.log(counts)
        tf += 1.0  # 1.0 + log(n): exactly 1.0 for a term seen once
        dot = float(np.dot(tf, self.weight[terms]))
        tf *= self.idf[terms]
        squares = float(np.dot(tf, tf))
        return dot / math.sqrt(squares) if squares else 0.0

    def from_counts(self, counts: Counter[int]) -> float:
        """The block's share of the log-odds from term counts (sublinear tf, l2-normalised)."""
        weight, idf, idf_squared, log = self._weight, self._idf, self._idf_squared, math.log
        dot = squares = 0.0
        # The same sums in the same order as with tf = 1.0 + log(n) for every term (bit for
        # bit: 1.0 * x is x), the once-seen terms without the multiplications: 0.18 -> 0.12 ms
        # for the 1,500 character n-grams of a 1,000-character window.
        for index, n in counts.items():
            if n == 1:
                dot += weight[index]
                squares += idf_squared[index]
            else:
                tf = 1.0 + log(n)
                dot += tf * weight[index]
                squares += (tf * idf[index]) ** 2
        return dot / math.sqrt(squares) if squares else 0.0


class WordGrams:
    """The known character n-grams of each word, by vocabulary index, cached per word."""

    def __init__(self, vocab: dict[str, int], lo: int, hi: int, size: int = 1 << 16) -> None:
        self._vocab, self._lo, self._hi = vocab, lo, hi
        self.known = functools.lru_cache(maxsize=size)(self._known)
        self.known_ids = functools.lru_cache(maxsize=size)(self._known_ids)

    def _known(self, word: str) -> tuple[int, ...]:
        padded = f" {word} "
        get, size = self._vocab.get, len(padded)
        found: list[int] = []
        for n in range(self._lo, min(self._hi, size) + 1):
            for i in range(size - n + 1):
                index = get(padded[i : i + n])
                if index is not None:
                    found.append(index)
        return tuple(found)

    def ids(self, text: str) -> np.ndarray:
        """The vocabulary indices of the text's character n-grams, repeats kept (``counts``
        as one array, for ``TermBlock.from_ids``)."""
        known = self.known_ids
        parts = [known(word) for word in text.split()]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.intp)

    def _known_ids(self, word: str) -> np.ndarray:
        return np.array(self.known(word), dtype=np.intp)

    def counts(self, text: str) -> Counter[int]:
        known = self.known
        ids: list[int] = []
        # split() alone: runs of white space collapsed first (as in char_wb_ngrams) give the
        # same words, as both read white space as str.isspace does
        for word, n in Counter(text.split()).items():
            ids.extend(known(word) * n)
        return Counter(ids)
