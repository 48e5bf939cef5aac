"""The pipeline's retrieval step: the ticket's text -> the top-k knowledge-base passages.

Embedding and search are blocking, so they run in a worker thread. With Qdrant's local mode the
gateway searches an in-memory snapshot and swaps in a fresh one when ``kb ingest`` (in another
process) rewrites the change stamp; with a Qdrant server every query goes to the server.

When the KB cannot be searched, ``on_unavailable`` decides: ``error`` answers 503 (a support bot
should not answer ungrounded), ``degrade`` answers without passages and logs it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from supportllm.errors import KnowledgeBaseError, KnowledgeBaseUnavailableError
from supportllm.retrieval.filters import Filters

if TYPE_CHECKING:  # the heavy parts (Qdrant, torch) load with the KB, not with the gateway
    from supportllm.retrieval.backends import SearchBackend
    from supportllm.retrieval.kb import KnowledgeBase
    from supportllm.retrieval.passage import Passage
    from supportllm.retrieval.search import Retriever

log = logging.getLogger("supportllm.gateway")
_STAMP_CHECK_S = 1.0


@dataclass
class RetrievalOutcome:
    passages: list[Passage]
    status: Literal["ok", "off", "empty_kb", "unavailable"]
    ms: float = 0.0

    def top_score(self) -> float | None:
        """The best passage's score; 0.0 when the search ran and found nothing; None when it
        did not run (off, unavailable)."""
        if self.passages:
            return max(p.score for p in self.passages)
        return 0.0 if self.status in ("ok", "empty_kb") else None


@dataclass
class GatewayRetrieval:
    kb: KnowledgeBase
    top_k: int
    on_unavailable: Literal["error", "degrade"]
    _retriever: Retriever | None = field(default=None, repr=False)
    _stamp: object = field(default=None, repr=False)
    _checked_at: float = field(default=0.0, repr=False)
    _loaded: bool = field(default=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def prepare(self) -> str:
        """Load the embedder and the index at start-up; a one-line state for the banner."""
        self.kb.embedder  # noqa: B018 - load the model now, not on the first request
        try:
            retriever = self._current()
        except KnowledgeBaseError as error:
            return f"not ready: {error.message}"
        except KnowledgeBaseUnavailableError as error:
            return f"unavailable: {error.message}"
        if retriever is None:
            return "empty: run `supportllm kb ingest PATH` (picked up without a restart)"
        return f"{self.kb.location}, collection '{self.kb.settings.collection}'"

    def _load(self) -> Retriever | None:
        try:
            if not self.kb.store.exists() or self.kb.store.count() == 0:
                return None
            backend: SearchBackend = self.kb.backend()
        finally:
            if self.kb.is_local:
                self.kb.close()  # release local mode's folder lock: `kb ingest` may run meanwhile
        return self.kb.retriever(backend)

    def _current(self) -> Retriever | None:
        """The retriever to use now. Checks at most once a second whether the KB changed (the
        stamp file in local mode, the collection's version on a server) and then swaps in a
        fresh replica; while Qdrant is unreachable the last replica keeps serving."""
        with self._lock:
            now = time.monotonic()
            live = not self.kb.is_local and self.kb.settings.search_backend == "qdrant"
            if self._retriever is not None and live:
                return self._retriever
            if self._checked_at and now - self._checked_at < _STAMP_CHECK_S:
                return self._retriever
            self._checked_at = now
            try:
                stamp = self.kb.version()
                if self._loaded and stamp == self._stamp:
                    return self._retriever
                fresh = self._load()
            except (KnowledgeBaseError, KnowledgeBaseUnavailableError):
                if self._retriever is not None:  # an ingest holds the folder, Qdrant is down…
                    return self._retriever
                raise
            self._loaded, self._stamp = True, stamp
            if fresh is not None:
                self._retriever = fresh
                log.info("knowledge base loaded (%s)", self.kb.location)
            return self._retriever

    def _search(self, query: str, k: int, filters: Filters) -> RetrievalOutcome:
        started = time.perf_counter()
        retriever = self._current()
        if retriever is None:
            return RetrievalOutcome([], "empty_kb")
        # A language given with the request also decides how the ticket's words are stemmed.
        result = retriever.search(query, k, filters=filters, lang=filters.lang)
        return RetrievalOutcome(result.passages, "ok", (time.perf_counter() - started) * 1000)

    async def retrieve(self, query: str, k: int | None, filters: Filters) -> RetrievalOutcome:
        if not query.strip():
            return RetrievalOutcome([], "ok")
        try:
            return await asyncio.to_thread(self._search, query, k or self.top_k, filters)
        except (KnowledgeBaseUnavailableError, KnowledgeBaseError) as error:
            if self.on_unavailable == "degrade":
                log.warning("answering without the knowledge base: %s", error.message)
                return RetrievalOutcome([], "unavailable")
            raise KnowledgeBaseUnavailableError(
                f"the knowledge base cannot be searched right now: {error.message}"
            ) from None

    def close(self) -> None:
        self.kb.close()
