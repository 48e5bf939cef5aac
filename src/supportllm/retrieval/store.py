"""The knowledge base in Qdrant: one collection, one point per chunk, dense + sparse vectors.

Local (embedded, on-disk) mode by default, a Qdrant server or cluster by URL: the same calls.
The collection's metadata records which embedder and lexical analyzer built it, so a query with
another embedder is refused instead of silently returning nonsense.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from qdrant_client import QdrantClient, models

from supportllm.errors import KnowledgeBaseError, KnowledgeBaseUnavailableError, SupportLLMError
from supportllm.retrieval.documents import Chunk
from supportllm.retrieval.filters import Filters
from supportllm.retrieval.lexical import SparseTerms

DENSE = "dense"
# Vectors from the multilingual embedder, only on passages in languages the main one does not
# cover (retrieval.language_embedder).
LANGUAGE_DENSE = "dense_lang"
LEXICAL = "lexical"
FILTER_FIELDS = ("doc_id", "source", "lang", "team", "product")
_BATCH = 256


def qdrant_filter(filters: Filters) -> models.Filter | None:
    """``filters`` as a Qdrant filter (shared passages have no team/product)."""
    must: list[Any] = []
    for key, value in (("team", filters.team), ("product", filters.product)):
        if value is not None:
            must.append(
                models.Filter(
                    should=[
                        models.FieldCondition(key=key, match=models.MatchValue(value=value)),
                        models.IsNullCondition(is_null=models.PayloadField(key=key)),
                    ]
                )
            )
    for key, value in (("lang", filters.lang), ("source", filters.source)):
        if value is not None:
            must.append(models.FieldCondition(key=key, match=models.MatchValue(value=value)))
    return models.Filter(must=must) if must else None


@dataclass(frozen=True)
class BuiltWith:
    """How a collection was built; stored in the collection's metadata."""

    embedder: str
    dimension: int
    analyzer: str
    # The multilingual embedder for languages ``embedder`` does not cover, and those languages
    # (comma-separated, sorted): None/"" when there is none.
    language_embedder: str | None = None
    language_dimension: int = 0
    covered: str = ""

    def describe(self) -> str:
        text = f"embedder '{self.embedder}' ({self.dimension} dims)"
        if self.language_embedder:
            text += (
                f" + '{self.language_embedder}' ({self.language_dimension} dims) for languages "
                f"other than {self.covered or '-'}"
            )
        return f"{text}, analyzer {self.analyzer}"


@dataclass(frozen=True)
class StoredChunk:
    point_id: str
    doc_id: str
    n: int
    content_hash: str
    source: str


def make_point(
    point_id: Any,
    payload: dict[str, Any] | None,
    dense: np.ndarray[Any, Any],
    sparse: SparseTerms,
    language: np.ndarray[Any, Any] | None = None,
) -> models.PointStruct:
    """One chunk's point: its main dense vector, its lexical terms, and the multilingual
    embedder's vector when it is in a language the main one does not cover."""
    vectors: dict[str, Any] = {
        DENSE: dense.tolist(),
        LEXICAL: models.SparseVector(indices=sparse.indices, values=sparse.values),
    }
    if language is not None:
        vectors[LANGUAGE_DENSE] = language.tolist()
    return models.PointStruct(id=point_id, vector=vectors, payload=payload)


def unavailable(location: str, error: Exception) -> KnowledgeBaseUnavailableError:
    return KnowledgeBaseUnavailableError(
        f"the knowledge base at {location} cannot be reached ({type(error).__name__}: {error}); "
        "check that Qdrant is running, or set retrieval.qdrant_url"
    )


def connect(qdrant_url: str | None, api_key: str | None, local_path: Path) -> QdrantClient:
    """A client for the server at ``qdrant_url`` or for local mode in ``local_path``."""
    if qdrant_url is not None:
        return QdrantClient(url=qdrant_url, api_key=api_key, timeout=10, check_compatibility=False)
    local_path.mkdir(parents=True, exist_ok=True)
    try:
        return QdrantClient(path=str(local_path))
    except RuntimeError as error:
        if "already accessed" not in str(error):
            raise
        raise KnowledgeBaseError(
            f"the local knowledge base in {local_path} is open in another process (an ingest "
            "still running?); wait for it, or use a Qdrant server (retrieval.qdrant_url) for "
            "concurrent access"
        ) from None


class KnowledgeStore:
    def __init__(self, client: QdrantClient, collection: str, location: str) -> None:
        self.client = client
        self.collection = collection
        self.location = location
        self.is_local = location.startswith("local:")

    def close(self) -> None:
        self.client.close()

    @contextlib.contextmanager
    def _reaching(self) -> Iterator[None]:
        """A server that fails mid-way is 'unavailable' (one clear line), not a traceback."""
        try:
            yield
        except SupportLLMError:
            raise
        except Exception as error:  # every transport failure: "unreachable"
            if self.is_local:
                raise
            raise unavailable(self.location, error) from None

    # Collection ---------------------------------------------------------------------------

    def exists(self) -> bool:
        try:
            return bool(self.client.collection_exists(self.collection))
        except Exception as error:  # noqa: BLE001 - every transport failure means "unreachable"
            raise unavailable(self.location, error) from None

    def built_with(self) -> BuiltWith | None:
        if not self.exists():
            return None
        meta = self.client.get_collection(self.collection).config.metadata or {}
        if "embedder" not in meta:
            return None
        language = meta.get("language_embedder")
        return BuiltWith(
            str(meta["embedder"]),
            int(meta["dimension"]),
            str(meta["analyzer"]),
            str(language) if language else None,
            int(meta.get("language_dimension") or 0),
            str(meta.get("covered") or "") if language else "",
        )

    def require(self, wanted: BuiltWith) -> None:
        """Refuse to read or extend a collection built with another embedder or analyzer."""
        found = self.built_with()
        if found is None:
            if self.exists():
                raise KnowledgeBaseError(
                    f"collection '{self.collection}' at {self.location} was not built by "
                    "supportllm (no embedder recorded); choose another retrieval.collection"
                )
            raise KnowledgeBaseError(
                f"the knowledge base '{self.collection}' at {self.location} is empty; "
                "add articles with `supportllm kb ingest PATH` (or `kb ingest --demo`)"
            )
        if found != wanted:
            raise KnowledgeBaseError(
                f"the knowledge base '{self.collection}' was built with {found.describe()}, "
                f"but the settings ask for {wanted.describe()}; run `supportllm kb reindex` to "
                f'rebuild it, or set retrieval.embedder = "{found.embedder}"'
                + (
                    f' and retrieval.language_embedder = "{found.language_embedder or ""}"'
                    if found.language_embedder != wanted.language_embedder
                    else ""
                )
            )

    def create(self, built: BuiltWith, name: str | None = None) -> None:
        target = name or self.collection
        with self._reaching():
            self._create(target, built)

    def _create(self, target: str, built: BuiltWith) -> None:
        vectors = {
            DENSE: models.VectorParams(size=built.dimension, distance=models.Distance.COSINE)
        }
        if built.language_embedder:
            vectors[LANGUAGE_DENSE] = models.VectorParams(
                size=built.language_dimension, distance=models.Distance.COSINE
            )
        self.client.create_collection(
            target,
            vectors_config=vectors,
            sparse_vectors_config={
                LEXICAL: models.SparseVectorParams(modifier=models.Modifier.IDF)
            },
            metadata={
                "embedder": built.embedder,
                "dimension": built.dimension,
                "analyzer": built.analyzer,
                "language_embedder": built.language_embedder or "",
                "language_dimension": built.language_dimension,
                "covered": built.covered,
                "created_by": "supportllm",
                "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            },
        )
        if not self.is_local:  # payload indexes make filtered search fast on a server
            for field in FILTER_FIELDS:
                self.client.create_payload_index(
                    target, field_name=field, field_schema=models.PayloadSchemaType.KEYWORD
                )

    def drop(self, name: str | None = None) -> None:
        with self._reaching():
            self.client.delete_collection(name or self.collection)

    # Points ---------------------------------------------------------------------------------

    def stored_chunks(self) -> list[StoredChunk]:
        fields = ["doc_id", "n", "hash", "source"]
        return [
            StoredChunk(
                str(point.id), str(p["doc_id"]), int(p["n"]), str(p["hash"]), str(p["source"])
            )
            for point in self.scroll(fields=fields)
            if (p := point.payload or {})
        ]

    def scroll(
        self,
        *,
        fields: list[str] | bool = True,
        vectors: bool = False,
        name: str | None = None,
        scroll_filter: models.Filter | None = None,
    ) -> Iterator[models.Record]:
        offset: Any = None
        while True:
            with self._reaching():
                records, offset = self.client.scroll(
                    name or self.collection,
                    scroll_filter=scroll_filter,
                    limit=1024,
                    offset=offset,
                    with_payload=fields,
                    with_vectors=vectors,
                )
            yield from records
            if offset is None:
                return

    def upsert(
        self,
        chunks: list[Chunk],
        dense: np.ndarray[Any, Any],
        sparse: list[SparseTerms],
        language_dense: dict[int, np.ndarray[Any, Any]] | None = None,
    ) -> None:
        """``language_dense``: the multilingual embedder's vector for some of the chunks, by
        position in ``chunks``."""
        extra = language_dense or {}
        points = [
            make_point(chunk.point_id, chunk.payload(), vector, terms, extra.get(i))
            for i, (chunk, vector, terms) in enumerate(zip(chunks, dense, sparse, strict=True))
        ]
        self.upsert_points(points)

    def upsert_points(self, points: list[models.PointStruct], name: str | None = None) -> None:
        for start in range(0, len(points), _BATCH):
            with self._reaching():
                self.client.upsert(
                    name or self.collection, points[start : start + _BATCH], wait=True
                )

    def set_positions(self, positions: dict[str, int]) -> None:
        for point_id, n in positions.items():
            with self._reaching():
                self.client.set_payload(self.collection, {"n": n}, points=[point_id], wait=True)

    def delete(self, point_ids: list[str]) -> None:
        for start in range(0, len(point_ids), _BATCH):
            batch = models.PointIdsList(points=list(point_ids[start : start + _BATCH]))
            with self._reaching():
                self.client.delete(self.collection, batch, wait=True)

    def count(self) -> int:
        if not self.exists():
            return 0
        with self._reaching():
            return int(self.client.count(self.collection, exact=True).count)

    def summary(self) -> dict[str, Any]:
        """Documents and chunks, per language and per source."""
        docs: dict[str, set[str]] = {}
        langs: Counter[str] = Counter()
        sources: Counter[str] = Counter()
        chunks = 0
        if self.exists():
            for point in self.scroll(fields=["doc_id", "lang", "source"]):
                p = point.payload or {}
                chunks += 1
                doc = str(p.get("doc_id"))
                if doc not in docs.setdefault(str(p.get("source")), set()):
                    docs[str(p.get("source"))].add(doc)
                    langs[str(p.get("lang"))] += 1
                sources[str(p.get("source"))] += 1
        return {
            "documents": sum(len(d) for d in docs.values()),
            "chunks": chunks,
            "documents_per_language": dict(langs.most_common()),
            "chunks_per_source": dict(sources.most_common()),
            "documents_per_source": {s: len(d) for s, d in docs.items()},
        }

    def mark_changed(self, stamp: Path | None) -> None:
        """Tell running gateways (which search a replica) that the KB changed: a file in local
        mode (they do not hold the folder open), a version in the collection's metadata else."""
        version = uuid.uuid4().hex
        if stamp is not None:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(version)
        elif self.exists():
            self.client.update_collection(self.collection, metadata={"version": version})

    def version(self) -> str | None:
        try:
            if not self.client.collection_exists(self.collection):
                return None
            meta = self.client.get_collection(self.collection).config.metadata or {}
        except Exception as error:  # noqa: BLE001 - every transport failure means "unreachable"
            raise unavailable(self.location, error) from None
        value = meta.get("version")
        return str(value) if value is not None else None
