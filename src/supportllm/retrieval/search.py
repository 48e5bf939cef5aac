"""Hybrid search: dense + lexical rankings fused into one, optionally reranked.

Default fusion, ``convex``: ``alpha * cosine + (1 - alpha) * bm25 / bm25_max``, where
``bm25_max`` is the score a passage would get if it held every query term at full saturation
(the sum of the query terms' IDF x (k1 + 1)). Both parts are absolute (no per-query min-max), so
a weak lexical match stays weak and a strong one can lift a passage the embedder missed: the
case of German and Dutch tickets with an English-trained embedder. ``rrf`` (reciprocal rank
fusion, ``sum(weight / (rrf_k + rank))``) is there for comparison; on StackFAQ it lost 6 points
of recall@1 against dense alone, convex fusion none (docs/retrieval.md).
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Literal

from supportllm.retrieval.backends import Hit, SearchBackend
from supportllm.retrieval.embed import Embedder
from supportllm.retrieval.filters import Filters
from supportllm.retrieval.language import LanguageDetector
from supportllm.retrieval.lexical import Analyzer
from supportllm.retrieval.passage import Passage
from supportllm.retrieval.rerank import Reranker
from supportllm.retrieval.store import DENSE, LANGUAGE_DENSE

Mode = Literal["hybrid", "dense", "lexical"]
Fusion = Literal["convex", "rrf"]
log = logging.getLogger("supportllm.retrieval")


@dataclass(frozen=True)
class SearchResult:
    passages: list[Passage]
    lang: str
    query_truncated: bool


def fuse_convex(
    dense: list[Hit], lexical: list[Hit], alpha: float, lexical_max: float | None
) -> list[Passage]:
    """``alpha * cosine + (1 - alpha) * lexical / lexical_max`` over the union of candidates;
    a passage absent from a ranking scores 0 there. Without ``lexical_max`` (server-side search)
    the best lexical score of this query stands in for it."""
    top = lexical_max or max((h.score for h in lexical), default=0.0) or 1.0
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    hits: dict[str, Hit] = {}
    for name, ranking, weight, scale in (
        ("dense", dense, alpha, 1.0),
        ("lexical", lexical, 1.0 - alpha, top),
    ):
        for rank, hit in enumerate(ranking, start=1):
            scores[hit.point_id] = scores.get(hit.point_id, 0.0) + weight * hit.score / scale
            ranks.setdefault(hit.point_id, {})[name] = rank
            hits.setdefault(hit.point_id, hit)
    order = sorted(scores, key=lambda pid: (-scores[pid], pid))
    return [Passage.from_hit(hits[pid], scores[pid], ranks[pid]) for pid in order]


def fuse(rankings: dict[str, list[Hit]], weights: dict[str, float], rrf_k: int) -> list[Passage]:
    """Reciprocal rank fusion (also turns a single ranking into passages)."""
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    hits: dict[str, Hit] = {}
    for name, ranking in rankings.items():
        weight = weights.get(name, 1.0)
        for rank, hit in enumerate(ranking, start=1):
            scores[hit.point_id] = scores.get(hit.point_id, 0.0) + weight / (rrf_k + rank)
            ranks.setdefault(hit.point_id, {})[name] = rank
            hits.setdefault(hit.point_id, hit)
    order = sorted(scores, key=lambda pid: (-scores[pid], pid))
    return [Passage.from_hit(hits[pid], scores[pid], ranks[pid]) for pid in order]


@dataclass
class Retriever:
    backend: SearchBackend
    embedder: Embedder
    analyzer: Analyzer
    detector: LanguageDetector
    mode: Mode = "hybrid"
    candidates: int = 50
    rrf_k: int = 60
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    fusion: Fusion = "convex"
    hybrid_alpha: float = 0.7
    # Languages the embedder was trained on (None: all). A ticket in another language is fused
    # with ``uncovered_alpha`` instead of ``hybrid_alpha``: an English-only embedder's cosine on
    # German text is mostly noise, and fusing it in at full weight loses to lexical search alone.
    embedder_languages: frozenset[str] | None = None
    uncovered_alpha: float = 0.2
    # The multilingual embedder for those languages (passages in them carry its vectors too):
    # a ticket in an uncovered language is embedded with it and fused with ``language_alpha``.
    language_embedder: Embedder | None = None
    language_alpha: float = 0.95
    reranker: Reranker | None = None
    rerank_candidates: int = 20
    # Prefer passages in the query's language when the KB has several languages and detection
    # is confident (a German ticket gets the German article, not its English twin).
    prefer_query_language: bool = True
    language_confidence: float = 0.8

    def _query_language(self, query: str) -> tuple[str, float]:
        """The ticket's language, chosen among the KB's own languages: a German-only KB reads
        every ticket as German (short tickets are easily mistaken for another language, and
        stemming them with the wrong rules would miss the articles' words)."""
        known = self.backend.languages()
        if len(known) == 1:
            return next(iter(known)), 1.0
        lang, confidence = self.detector.detect_with_confidence(query)
        if known and lang not in known:
            return self.detector.best_of(query, known), 0.0
        return lang, confidence

    def covers(self, lang: str) -> bool:
        """Whether the main embedder covers ``lang``."""
        return self.embedder_languages is None or lang in self.embedder_languages

    def dense_weight_for(self, lang: str) -> float:
        """Convex fusion's weight of the dense score for a ticket in ``lang``."""
        if self.covers(lang):
            return self.hybrid_alpha
        return self.uncovered_alpha if self.language_embedder is None else self.language_alpha

    def embedder_for(self, lang: str) -> tuple[Embedder, str]:
        """The embedder for a ticket in ``lang`` and the vectors it is compared with."""
        if self.covers(lang) or self.language_embedder is None:
            return self.embedder, DENSE
        return self.language_embedder, LANGUAGE_DENSE

    def search(
        self,
        query: str,
        k: int,
        *,
        filters: Filters | None = None,
        mode: Mode | None = None,
        lang: str | None = None,
    ) -> SearchResult:
        mode = mode or self.mode
        filters = filters or Filters()
        query_lang, confidence = (lang, 1.0) if lang else self._query_language(query)
        alpha = self.dense_weight_for(query_lang)
        convex = mode == "hybrid" and self.fusion == "convex"
        # With no weight on the dense side (a language the embedder does not cover), the ticket
        # is not embedded at all.
        sparse = self.analyzer.query_vector(query, query_lang) if mode != "dense" else None
        if convex and alpha == 0.0 and sparse is not None and not sparse.indices:
            alpha = self.hybrid_alpha  # nothing to match lexically: the embedder is all there is
        embed = mode == "dense" or (mode == "hybrid" and not (convex and alpha == 0.0))
        embedder, using = self.embedder_for(query_lang)
        truncated = False
        dense = None
        if embed:
            # A token covers at least one byte of UTF-8: a query with no more bytes than the
            # limit cannot exceed it, so most queries skip the extra tokenisation.
            limit = embedder.max_tokens
            fits = len(query.encode()) <= limit
            tokens = 0 if fits else embedder.count_tokens([query])[0]
            if tokens > limit:
                truncated = True
                log.warning(
                    "query of %d tokens is longer than the embedder's limit of %d; the dense "
                    "search sees only its first %d tokens",
                    tokens,
                    limit,
                    limit,
                )
            dense = embedder.embed_query(query)
        depth = max(self.candidates, k, self.rerank_candidates if self.reranker else 0)
        narrowed = filters
        if (
            self.prefer_query_language
            and filters.lang is None
            and confidence >= self.language_confidence
        ):
            languages = self.backend.languages()
            if len(languages) > 1 and query_lang in languages:
                narrowed = dataclasses.replace(filters, lang=query_lang)
        dense_hits, lexical_hits = self.backend.search(dense, sparse, depth, narrowed, using)
        if narrowed is not filters and not dense_hits and not lexical_hits:
            dense_hits, lexical_hits = self.backend.search(dense, sparse, depth, filters, using)
        if convex:
            lexical_max = self.backend.lexical_max(sparse) if sparse is not None else None
            fused = fuse_convex(dense_hits, lexical_hits, alpha, lexical_max)
        else:
            rankings = {}
            if mode in ("hybrid", "dense"):
                rankings["dense"] = dense_hits
            if mode in ("hybrid", "lexical"):
                rankings["lexical"] = lexical_hits
            weights = {"dense": self.dense_weight, "lexical": self.lexical_weight}
            fused = fuse(rankings, weights, self.rrf_k)
        if self.reranker is not None and fused:
            fused = self.reranker.rerank(query, fused[: self.rerank_candidates])
        return SearchResult(fused[:k], query_lang, truncated)
