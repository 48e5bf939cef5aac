"""The lexical side of hybrid search: language-aware terms -> BM25-weighted sparse vectors.

Words are lower-cased, stop words dropped and the rest stemmed with the Snowball stemmer of the
text's language ("Rechnungen" and "Rechnung" meet). For compounding languages (German, Dutch by
default) every word also yields character 5-grams, so "Kundenkonto" in an article meets "Konto"
in a ticket, and "Zwei-Faktor-Authentifizierung" meets "Zweifaktorauthentifizierung".

Each term becomes one dimension of a Qdrant sparse vector (its CRC-32). A document's value is
BM25's saturated term frequency; the IDF is applied at query time (Qdrant's IDF modifier, or the
in-memory mirror's identical formula), so adding documents never requires re-weighting old ones.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from supportllm.retrieval.language import SNOWBALL
from supportllm.retrieval.stopwords import stopwords

# Identifies the analysis below; stored with each collection so a change forces a reindex.
ANALYZER_VERSION = "lex-v1"
_WORD = re.compile(r"[^\W_]+")
BM25_K1 = 1.2
BM25_B = 0.75
# A fixed average length keeps old documents' weights valid as the corpus grows (the same choice
# as Qdrant's own BM25 helpers); it is close to the word count of a default-sized chunk.
BM25_AVG_LEN = 80.0


@dataclass(frozen=True)
class SparseTerms:
    indices: list[int]
    values: list[float]


def _fold(word: str) -> str:
    """Strip diacritics: 'zurücksetzen' -> 'zurucksetzen', 'één' -> 'een'; 'ß' -> 'ss'."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass
class Analyzer:
    ngram_languages: frozenset[str] = frozenset({"de", "nl"})
    ngram_size: int = 5
    ngram_weight: float = 0.4
    _stemmers: dict[str, Any] = field(default_factory=dict, repr=False)

    def _stem(self, lang: str, word: str) -> str:
        name = SNOWBALL.get(lang)
        if name is None:
            return word
        stemmer = self._stemmers.get(lang)
        if stemmer is None:
            import Stemmer

            stemmer = self._stemmers[lang] = Stemmer.Stemmer(name)
        return str(stemmer.stemWord(word))

    def terms(self, text: str, lang: str) -> tuple[dict[str, float], int]:
        """Weighted term counts and the number of content words (the BM25 length)."""
        counts: defaultdict[str, float] = defaultdict(float)
        stop = stopwords(lang)
        grams = lang in self.ngram_languages
        size = self.ngram_size
        words = 0
        for word in _WORD.findall(unicodedata.normalize("NFKC", text).lower()):
            if word in stop or (len(word) < 2 and not word.isdigit()):
                continue
            words += 1
            counts["w:" + _fold(self._stem(lang, word))] += 1
            if grams and len(word) >= size:
                folded = _fold(word)
                for start in range(len(folded) - size + 1):
                    counts["g:" + folded[start : start + size]] += self.ngram_weight
        return counts, words

    def document_vector(self, text: str, lang: str) -> SparseTerms:
        counts, length = self.terms(text, lang)
        norm = BM25_K1 * (1 - BM25_B + BM25_B * max(length, 1) / BM25_AVG_LEN)
        weights: dict[int, float] = {}
        for term, tf in counts.items():
            index = zlib.crc32(term.encode())
            weights[index] = weights.get(index, 0.0) + tf * (BM25_K1 + 1) / (tf + norm)
        return _sorted(weights)

    def query_vector(self, text: str, lang: str) -> SparseTerms:
        counts, _ = self.terms(text, lang)
        weights: dict[int, float] = {}
        for term in counts:
            index = zlib.crc32(term.encode())
            value = 1.0 if term.startswith("w:") else self.ngram_weight
            weights[index] = weights.get(index, 0.0) + value
        return _sorted(weights)


def _sorted(weights: dict[int, float]) -> SparseTerms:
    indices = sorted(weights)
    return SparseTerms(indices=indices, values=[float(weights[i]) for i in indices])
