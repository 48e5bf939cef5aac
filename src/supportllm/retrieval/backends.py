"""Where ranked candidates come from: Qdrant's own query API, or an in-memory mirror of it.

A Qdrant server ranks with its HNSW and sparse inverted indexes. Qdrant's local mode ranks in
pure Python: 140 ms for a sparse query and 60 ms for a filtered dense query over 8,000 chunks on
this project's 2-core test machine, too slow for a gateway. So with local mode the gateway loads
the collection once into NumPy/SciPy matrices (``MemoryBackend``) and scores there, with the same
scores as Qdrant (cosine on normalised vectors; sparse dot product with Qdrant's IDF formula).
A test checks both backends rank the same collection identically.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from qdrant_client import models

from supportllm.retrieval.filters import Filters
from supportllm.retrieval.lexical import BM25_K1, SparseTerms
from supportllm.retrieval.store import (
    DENSE,
    LANGUAGE_DENSE,
    LEXICAL,
    KnowledgeStore,
    qdrant_filter,
    unavailable,
)


@dataclass(frozen=True)
class Hit:
    point_id: str
    score: float
    payload: dict[str, Any]


class SearchBackend(Protocol):
    def search(
        self,
        dense: npt.NDArray[np.float32] | None,
        sparse: SparseTerms | None,
        limit: int,
        filters: Filters,
        using: str = DENSE,
    ) -> tuple[list[Hit], list[Hit]]:
        """Dense hits and lexical hits, best first (an empty list for a side not asked for).
        ``using``: which dense vectors (``LANGUAGE_DENSE``: the multilingual embedder's, which
        only passages in the languages it serves have)."""
        ...

    def languages(self) -> set[str]:
        """The languages of the passages in the knowledge base."""
        ...

    def lexical_max(self, sparse: SparseTerms) -> float | None:
        """The best lexical score any passage could reach for this query (None if unknown)."""
        ...


class QdrantBackend:
    """Both rankings in one round trip (``query_batch_points``)."""

    def __init__(self, store: KnowledgeStore) -> None:
        self._store = store
        self._languages: set[str] | None = None

    def lexical_max(self, sparse: SparseTerms) -> float | None:
        return None  # Qdrant does not expose its IDF statistics

    def languages(self) -> set[str]:
        if self._languages is None:
            try:
                facets = self._store.client.facet(self._store.collection, key="lang", limit=100)
            except Exception as error:  # noqa: BLE001 - any transport failure means "unreachable"
                raise unavailable(self._store.location, error) from None
            self._languages = {str(hit.value) for hit in facets.hits}
        return self._languages

    def search(
        self,
        dense: npt.NDArray[np.float32] | None,
        sparse: SparseTerms | None,
        limit: int,
        filters: Filters,
        using: str = DENSE,
    ) -> tuple[list[Hit], list[Hit]]:
        query_filter = qdrant_filter(filters)
        requests: list[models.QueryRequest] = []
        if dense is not None:
            requests.append(
                models.QueryRequest(
                    query=dense.tolist(),
                    using=using,
                    limit=limit,
                    filter=query_filter,
                    with_payload=True,
                )
            )
        if sparse is not None and sparse.indices:
            requests.append(
                models.QueryRequest(
                    query=models.SparseVector(indices=sparse.indices, values=sparse.values),
                    using=LEXICAL,
                    limit=limit,
                    filter=query_filter,
                    with_payload=True,
                )
            )
        if not requests:
            return [], []
        try:
            responses = self._store.client.query_batch_points(self._store.collection, requests)
        except Exception as error:  # noqa: BLE001 - any transport failure means "unreachable"
            raise unavailable(self._store.location, error) from None
        results = [
            [Hit(str(p.id), float(p.score), dict(p.payload or {})) for p in response.points]
            for response in responses
        ]
        dense_hits = results.pop(0) if dense is not None else []
        sparse_hits = results.pop(0) if results else []
        return dense_hits, sparse_hits


class MemoryBackend:
    """An immutable in-memory copy of a collection: build a new one to see changes."""

    def __init__(self, store: KnowledgeStore) -> None:
        from scipy import sparse as sp
        from threadpoolctl import threadpool_limits

        # One BLAS thread: a matrix-vector product over 10k passages takes about a millisecond,
        # and OpenBLAS's spinning worker threads fight torch's for the same cores. Measured: the
        # query p95 went from 85 ms to 12 ms on 2 cores. (Process-wide, on purpose.)
        threadpool_limits(limits=1, user_api="blas")

        ids: list[str] = []
        payloads: list[dict[str, Any]] = []
        dense_rows: list[list[float]] = []
        language_rows: dict[int, list[float]] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        columns: dict[int, int] = {}
        for record in store.scroll(vectors=True):
            vectors: Any = record.vector or {}
            row = len(ids)
            ids.append(str(record.id))
            payloads.append(dict(record.payload or {}))
            dense_rows.append(list(vectors[DENSE]))
            if LANGUAGE_DENSE in vectors:
                language_rows[row] = list(vectors[LANGUAGE_DENSE])
            lexical = vectors.get(LEXICAL)
            if lexical is not None:
                for index, value in zip(lexical.indices, lexical.values, strict=True):
                    rows.append(row)
                    cols.append(columns.setdefault(int(index), len(columns)))
                    vals.append(float(value))
        self.size = len(ids)
        self._ids = ids
        self._payloads = payloads
        self._dense = {DENSE: _unit_matrix(dense_rows, self.size)}
        # Rows without a multilingual vector get zeros and are left out of that ranking.
        self._has: dict[str, npt.NDArray[np.bool_] | None] = {DENSE: None}
        if language_rows:
            ldim = len(next(iter(language_rows.values())))
            full = [language_rows.get(i, [0.0] * ldim) for i in range(self.size)]
            self._dense[LANGUAGE_DENSE] = _unit_matrix(full, self.size)
            has = np.zeros(self.size, dtype=bool)
            has[list(language_rows)] = True
            self._has[LANGUAGE_DENSE] = has
        self._columns = columns
        self._sparse = sp.csc_matrix(
            (np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(self.size, len(columns))
        )
        # Qdrant's IDF: ln((N - df + 0.5) / (df + 0.5) + 1), N = points with a sparse vector.
        df = np.diff(self._sparse.indptr).astype(np.float64)
        n = float(self.size)
        self._idf = np.log((n - df + 0.5) / (df + 0.5) + 1.0)
        self._fields = {
            key: np.array([p.get(key) for p in payloads], dtype=object)
            for key in ("team", "product", "lang", "source")
        }
        self._languages = {str(lang) for lang in self._fields["lang"].tolist() if lang}
        self._missing = {
            key: np.array([p.get(key) is None for p in payloads], dtype=bool)
            for key in ("team", "product")
        }

    def languages(self) -> set[str]:
        return self._languages

    def _query_terms(
        self, sparse: SparseTerms
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """The query's terms that occur in the KB: their columns and IDF-weighted values."""
        known = [
            (self._columns[i], v)
            for i, v in zip(sparse.indices, sparse.values, strict=True)
            if i in self._columns
        ]
        cols = np.fromiter((c for c, _ in known), dtype=np.int64, count=len(known))
        values = np.fromiter((v for _, v in known), dtype=np.float64, count=len(known))
        return cols, values * self._idf[cols]

    def lexical_max(self, sparse: SparseTerms) -> float | None:
        _, weights = self._query_terms(sparse)
        return float(weights.sum() * (BM25_K1 + 1)) if weights.size else None

    def _mask(self, filters: Filters) -> npt.NDArray[np.bool_] | None:
        mask: npt.NDArray[np.bool_] | None = None
        for key, value, shared in (
            ("team", filters.team, True),
            ("product", filters.product, True),
            ("lang", filters.lang, False),
            ("source", filters.source, False),
        ):
            if value is None:
                continue
            column = self._fields[key]
            keep = column == value
            if shared:
                keep = keep | self._missing[key]
            mask = keep if mask is None else mask & keep
        return mask

    def _top(
        self, scores: npt.NDArray[np.float32], limit: int, mask: npt.NDArray[np.bool_] | None
    ) -> list[Hit]:
        if mask is not None:
            scores = np.where(mask, scores, -math.inf).astype(np.float32)
        limit = min(limit, self.size)
        if limit <= 0:
            return []
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [
            Hit(self._ids[i], float(scores[i]), self._payloads[i])
            for i in top
            if scores[i] != -math.inf
        ]

    def search(
        self,
        dense: npt.NDArray[np.float32] | None,
        sparse: SparseTerms | None,
        limit: int,
        filters: Filters,
        using: str = DENSE,
    ) -> tuple[list[Hit], list[Hit]]:
        if self.size == 0:
            return [], []
        mask = self._mask(filters)
        dense_hits: list[Hit] = []
        sparse_hits: list[Hit] = []
        if dense is not None and using in self._dense:
            query = dense.astype(np.float32)
            query = query / (float(np.linalg.norm(query)) or 1.0)  # cosine, as Qdrant computes it
            similarity = np.asarray(self._dense[using] @ query, dtype=np.float32)
            has = self._has[using]
            dense_mask = mask if has is None else (has if mask is None else mask & has)
            dense_hits = self._top(similarity, limit, dense_mask)
        if sparse is not None and sparse.indices:
            cols, weights = self._query_terms(sparse)
            if cols.size:
                scores = np.asarray(self._sparse[:, cols] @ weights, dtype=np.float32).ravel()
                mask = scores > 0 if mask is None else mask & (scores > 0)
                sparse_hits = self._top(scores, limit, mask)
        return dense_hits, sparse_hits


def _unit_matrix(rows: list[list[float]], size: int) -> npt.NDArray[np.float32]:
    """Rows as a float32 matrix scaled to length 1 (zero rows stay zero)."""
    dim = len(rows[0]) if rows else 0
    matrix = np.asarray(rows, dtype=np.float32).reshape(size, dim)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.where(norms == 0, 1, norms), dtype=np.float32)
