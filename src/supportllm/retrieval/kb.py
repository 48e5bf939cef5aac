"""The knowledge base as the CLI and the gateway use it: built from settings, parts made lazily."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from qdrant_client import models

from supportllm.config import RetrievalSettings
from supportllm.errors import KnowledgeBaseError
from supportllm.retrieval.backends import MemoryBackend, QdrantBackend, SearchBackend
from supportllm.retrieval.documents import embed_text
from supportllm.retrieval.embed import (
    PACKAGED_EMBEDDER,
    Embedder,
    SentenceTransformerEmbedder,
)
from supportllm.retrieval.embed_e5 import load_language_embedder
from supportllm.retrieval.filters import Filters
from supportllm.retrieval.ingest import Ingestor, language_vectors
from supportllm.retrieval.language import LanguageDetector
from supportllm.retrieval.lexical import ANALYZER_VERSION, Analyzer
from supportllm.retrieval.rerank import CrossEncoderReranker, Reranker
from supportllm.retrieval.search import Mode, Retriever
from supportllm.retrieval.store import BuiltWith, KnowledgeStore, connect, make_point

Progress = Callable[[str, int, int], None]


class KnowledgeBase:
    def __init__(
        self, settings: RetrievalSettings, local_path: Path, *, embedder: Embedder | None = None
    ) -> None:
        """``embedder``: an already loaded one to share (it must be the configured model)."""
        self.settings = settings
        if embedder is not None:
            self.__dict__["embedder"] = embedder  # fills the cached_property
        self.local_path = local_path
        url = settings.qdrant_url
        self.location = url if url is not None else f"local:{local_path}"
        self._store: KnowledgeStore | None = None

    # Parts ------------------------------------------------------------------------------------

    @property
    def store(self) -> KnowledgeStore:
        if self._store is None:
            key = self.settings.qdrant_api_key
            client = connect(
                self.settings.qdrant_url, key.get_secret_value() if key else None, self.local_path
            )
            self._store = KnowledgeStore(client, self.settings.collection, self.location)
        return self._store

    @property
    def is_local(self) -> bool:
        return self.settings.qdrant_url is None

    @property
    def change_stamp(self) -> Path | None:
        """Local mode only: a file rewritten on every change, watched by running gateways."""
        return self.local_path / f"{self.settings.collection}.changed" if self.is_local else None

    @cached_property
    def embedder(self) -> Embedder:
        return SentenceTransformerEmbedder(
            self.settings.embedder,
            device=self.settings.device,
            batch_size=self.settings.embed_batch_size,
        )

    @cached_property
    def language_embedder(self) -> Embedder | None:
        """The multilingual embedder for languages the main one does not cover; None when it
        is off or the main embedder covers every language."""
        name = self.settings.language_embedder.strip()
        if not name or self.embedder_languages() is None:
            return None
        return load_language_embedder(
            name, device=self.settings.device, batch_size=self.settings.embed_batch_size
        )

    @cached_property
    def analyzer(self) -> Analyzer:
        return Analyzer(ngram_languages=frozenset(self.settings.ngram_languages))

    @cached_property
    def detector(self) -> LanguageDetector:
        return LanguageDetector(self.settings.languages)

    @cached_property
    def reranker(self) -> Reranker | None:
        name = self.settings.reranker
        return CrossEncoderReranker(name, device=self.settings.device) if name else None

    def embedder_languages(self) -> frozenset[str] | None:
        """The languages the embedder covers (None: all): ``retrieval.embedder_languages``, else
        English for the packaged all-MiniLM-L6-v2 and every language for any other model."""
        configured = self.settings.embedder_languages
        if configured is not None:
            return frozenset(configured)
        return frozenset({"en"}) if self.embedder.name == PACKAGED_EMBEDDER else None

    def built_with(self) -> BuiltWith:
        main = self.embedder
        language = self.language_embedder
        if language is None:
            return BuiltWith(main.name, main.dimension, ANALYZER_VERSION)
        covered = ",".join(sorted(self.embedder_languages() or ()))
        return BuiltWith(
            main.name, main.dimension, ANALYZER_VERSION, language.name, language.dimension, covered
        )

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # Jobs ---------------------------------------------------------------------------------------

    def ingestor(self) -> Ingestor:
        return Ingestor(
            store=self.store,
            embedder=self.embedder,
            analyzer=self.analyzer,
            detector=self.detector,
            built_with=self.built_with(),
            chunk_tokens=self.settings.chunk_tokens,
            chunk_overlap=self.settings.chunk_overlap,
            language_embedder=self.language_embedder,
            covered=self.embedder_languages(),
        )

    def backend(self, kind: str = "auto") -> SearchBackend:
        """``memory``: an in-memory replica (a snapshot); ``qdrant``: live queries to Qdrant.
        ``auto`` follows ``retrieval.search_backend``."""
        self.store.require(self.built_with())
        chosen = self.settings.search_backend if kind == "auto" else kind
        if chosen == "memory":
            return MemoryBackend(self.store)
        return QdrantBackend(self.store)

    def retriever(self, backend: SearchBackend, *, mode: Mode | None = None) -> Retriever:
        s = self.settings
        return Retriever(
            backend=backend,
            embedder=self.embedder,
            analyzer=self.analyzer,
            detector=self.detector,
            mode=mode or s.mode,
            candidates=s.candidates,
            rrf_k=s.rrf_k,
            fusion=s.fusion,
            hybrid_alpha=s.hybrid_alpha,
            embedder_languages=self.embedder_languages(),
            uncovered_alpha=s.uncovered_alpha,
            language_embedder=self.language_embedder,
            language_alpha=s.language_alpha,
            dense_weight=s.dense_weight,
            lexical_weight=s.lexical_weight,
            reranker=self.reranker,
            rerank_candidates=s.rerank_candidates,
            prefer_query_language=s.prefer_query_language,
        )

    def mark_changed(self) -> None:
        """Tell running gateways that the KB changed: a stamp file in local mode, a version in
        the collection's metadata on a server."""
        self.store.mark_changed(self.change_stamp)

    def version(self) -> object:
        """What ``mark_changed`` last wrote (None before any change)."""
        stamp = self.change_stamp
        if stamp is not None:
            try:
                info = stamp.stat()
            except FileNotFoundError:
                return None
            return (info.st_mtime_ns, info.st_size)
        return self.store.version()

    def delete(self, *, source: str | None = None, doc_id: str | None = None) -> int:
        """Delete by source or document id; the number of chunks removed."""
        if not self.store.exists():
            return 0
        key, value = ("source", source) if source is not None else ("doc_id", doc_id)
        if value is None:
            raise KnowledgeBaseError("say what to delete: --source NAME or --doc ID")
        condition = models.Filter(
            must=[models.FieldCondition(key=key, match=models.MatchValue(value=value))]
        )
        doomed = [str(p.id) for p in self.store.scroll(fields=False, scroll_filter=condition)]
        self.store.delete(doomed)
        if doomed:
            self.mark_changed()
        return len(doomed)

    def reindex(self, progress: Progress | None = None) -> int:
        """Re-embed every chunk with the current embedder and analyzer (chunks stay as they are).

        Built in a side collection first; the original is replaced only once that is complete.
        """
        store = self.store
        if not store.exists():
            raise KnowledgeBaseError(
                f"there is no knowledge base '{store.collection}' at {self.location} to reindex"
            )
        side = f"{store.collection}__reindex"
        if store.client.collection_exists(side):
            store.drop(side)
        built = self.built_with()
        records = list(store.scroll())
        store.create(built, name=side)
        analyzer, embedder = self.analyzer, self.embedder
        language, covered = self.language_embedder, self.embedder_languages()
        for start in range(0, len(records), 128):
            batch = records[start : start + 128]
            texts = [_embed_text(r.payload or {}) for r in batch]
            langs = [str((r.payload or {}).get("lang") or "en") for r in batch]
            dense = embedder.embed_documents(texts)
            extra = language_vectors(language, covered, texts, langs)
            points = [
                make_point(
                    record.id,
                    record.payload,
                    vector,
                    analyzer.document_vector(text, langs[i]),
                    extra.get(i),
                )
                for i, (record, text, vector) in enumerate(zip(batch, texts, dense, strict=True))
            ]
            store.upsert_points(points, name=side)
            if progress is not None:
                progress("embedding", start + len(batch), len(records))
        # Swap: recreate the original from the finished side collection (vectors copied as-is).
        copied = list(store.scroll(vectors=True, name=side))
        store.drop()
        store.create(built)
        store.upsert_points(
            [models.PointStruct(id=r.id, vector=r.vector or {}, payload=r.payload) for r in copied]
        )
        store.drop(side)
        self.mark_changed()
        return len(records)


def _embed_text(payload: dict[str, object]) -> str:
    return embed_text(
        str(payload.get("title") or ""),
        str(payload.get("section") or ""),
        str(payload.get("text") or ""),
    )


__all__ = ["Filters", "KnowledgeBase"]
