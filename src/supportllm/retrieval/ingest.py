"""Ingestion: documents -> chunks -> only the changed chunks embedded -> Qdrant.

Chunk ids come from (document id, chunk content), so re-ingesting an edited article embeds and
writes only its changed passages and deletes the ones that disappeared; unchanged articles cost
one hash each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from supportllm.retrieval.chunking import chunk_document
from supportllm.retrieval.documents import Chunk, Document, LoadProblem
from supportllm.retrieval.embed import Embedder, Vectors
from supportllm.retrieval.language import LanguageDetector
from supportllm.retrieval.lexical import Analyzer
from supportllm.retrieval.store import BuiltWith, KnowledgeStore

Progress = Callable[[str, int, int], None]  # (stage, done, total)
_EMBED_BATCH = 128


@dataclass
class IngestReport:
    source: str
    documents: int = 0
    unchanged_documents: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    chunks_kept: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    missing_documents: list[str] = field(default_factory=list)
    pruned_documents: int = 0


@dataclass
class Ingestor:
    store: KnowledgeStore
    embedder: Embedder
    analyzer: Analyzer
    detector: LanguageDetector
    built_with: BuiltWith
    chunk_tokens: int
    chunk_overlap: int
    # The multilingual embedder, for chunks in languages ``embedder`` does not cover
    # (``covered``); None: every chunk gets ``embedder`` only.
    language_embedder: Embedder | None = None
    covered: frozenset[str] | None = None

    def ingest(
        self,
        items: Iterable[Document | LoadProblem],
        *,
        source: str,
        prune: bool = False,
        lang: str | None = None,
        team: str | None = None,
        product: str | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        report = IngestReport(source=source)
        docs = self._unique(items, report, team=team, product=product)
        if not self.store.exists():
            self.store.create(self.built_with)
        else:
            self.store.require(self.built_with)

        chunks: list[Chunk] = []
        for done, doc in enumerate(docs, start=1):
            doc_lang = (
                doc.lang or lang or self.detector.detect(f"{doc.title}\n{doc.text}")
            ).lower()
            report.languages[doc_lang] = report.languages.get(doc_lang, 0) + 1
            pieces = chunk_document(
                doc,
                lang=doc_lang,
                source=source,
                size=self.chunk_tokens,
                overlap=self.chunk_overlap,
                count=self.embedder.count_tokens,
            )
            if not pieces:
                report.problems.append(LoadProblem(doc.origin or doc.id, "no text to index"))
            chunks.extend(pieces)
            if progress is not None:
                progress("chunking", done, len(docs))
        wanted_docs = {c.doc.id for c in chunks}
        report.documents = len(wanted_docs)

        stored = self.store.stored_chunks()
        by_doc: dict[str, dict[str, int]] = {}  # document id -> {point id: position}
        for item in stored:
            by_doc.setdefault(item.doc_id, {})[item.point_id] = item.n
        fresh = [c for c in chunks if c.point_id not in by_doc.get(c.doc.id, {})]
        wanted_ids = {c.point_id for c in chunks}
        stale = {
            pid: doc for doc in wanted_docs for pid in by_doc.get(doc, {}) if pid not in wanted_ids
        }
        moved = {
            c.point_id: c.n for c in chunks if by_doc.get(c.doc.id, {}).get(c.point_id, c.n) != c.n
        }
        changed_docs = {c.doc.id for c in fresh} | set(stale.values())
        report.unchanged_documents = len(wanted_docs - changed_docs)
        report.chunks_kept = len(chunks) - len(fresh)

        self._embed_and_write(fresh, progress)
        report.chunks_added = len(fresh)
        self.store.delete(list(stale))
        report.chunks_removed = len(stale)
        self.store.set_positions(moved)

        gone = {s.doc_id for s in stored if s.source == source} - wanted_docs
        report.missing_documents = sorted(gone)
        if prune and gone:
            doomed = [s.point_id for s in stored if s.source == source and s.doc_id in gone]
            self.store.delete(doomed)
            report.pruned_documents = len(gone)
            report.chunks_removed += len(doomed)
        return report

    def _unique(
        self,
        items: Iterable[Document | LoadProblem],
        report: IngestReport,
        *,
        team: str | None,
        product: str | None,
    ) -> list[Document]:
        seen: dict[str, str] = {}
        docs: list[Document] = []
        for item in items:
            if isinstance(item, LoadProblem):
                report.problems.append(item)
                continue
            if item.id in seen:
                report.problems.append(
                    LoadProblem(
                        item.origin,
                        f"duplicate id '{item.id}' (first in {seen[item.id]}); skipped",
                    )
                )
                continue
            seen[item.id] = item.origin
            if team is not None or product is not None:
                item = Document(
                    id=item.id,
                    title=item.title,
                    text=item.text,
                    url=item.url,
                    lang=item.lang,
                    team=item.team or team,
                    product=item.product or product,
                    origin=item.origin,
                )
            docs.append(item)
        return docs

    def _embed_and_write(self, chunks: list[Chunk], progress: Progress | None) -> None:
        """Embed in batches of similar length (less padding); write each batch to Qdrant on a
        second thread while the next one is embedded (the model releases the GIL)."""
        ordered = sorted(chunks, key=lambda c: len(c.embed_text))
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-writer") as writer:
            pending: Future[None] | None = None
            for start in range(0, len(ordered), _EMBED_BATCH):
                batch = ordered[start : start + _EMBED_BATCH]
                dense = self.embedder.embed_documents([c.embed_text for c in batch])
                sparse = [self.analyzer.document_vector(c.embed_text, c.lang) for c in batch]
                language = language_vectors(
                    self.language_embedder,
                    self.covered,
                    [c.embed_text for c in batch],
                    [c.lang for c in batch],
                )
                if pending is not None:
                    pending.result()  # one batch in flight at most; re-raises a write error
                pending = writer.submit(self.store.upsert, batch, dense, sparse, language)
                if progress is not None:
                    progress("embedding", start + len(batch), len(ordered))
            if pending is not None:
                pending.result()


def language_vectors(
    embedder: Embedder | None,
    covered: frozenset[str] | None,
    texts: list[str],
    langs: list[str],
) -> dict[int, Vectors]:
    """The multilingual embedder's vectors for the texts in languages outside ``covered``, by
    position (none when there is no such embedder)."""
    if embedder is None or covered is None:
        return {}
    wanted = [i for i, lang in enumerate(langs) if lang not in covered]
    if not wanted:
        return {}
    vectors = embedder.embed_documents([texts[i] for i in wanted])
    return dict(zip(wanted, vectors, strict=True))
