"""Optional reranking stage: a cross-encoder reads (query, passage) pairs and reorders the top.

Production: a cross-encoder model id (``BAAI/bge-reranker-v2-m3``,
``cross-encoder/ms-marco-MiniLM-L-6-v2``) loaded by sentence-transformers. Off by default: no
cross-encoder ships in a PyPI package, so the embedded default has none.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import TYPE_CHECKING, Protocol

from supportllm.errors import KnowledgeBaseError

if TYPE_CHECKING:
    from supportllm.retrieval.passage import Passage


class Reranker(Protocol):
    name: str

    def rerank(self, query: str, passages: list[Passage]) -> list[Passage]: ...


class CrossEncoderReranker:
    def __init__(self, name: str, *, device: str | None = None) -> None:
        from sentence_transformers import CrossEncoder

        try:
            self._model = CrossEncoder(name, device=device)
        except (OSError, ValueError) as error:
            raise KnowledgeBaseError(
                f"cannot load reranker '{name}': {error}. Use a cross-encoder model id or folder, "
                "or unset retrieval.reranker"
            ) from None
        self.name = name
        self._lock = threading.Lock()

    def rerank(self, query: str, passages: list[Passage]) -> list[Passage]:
        pairs = [(query, f"{p.title}\n{p.text}") for p in passages]
        with self._lock:
            scores = self._model.predict(pairs, show_progress_bar=False)
        ranked = sorted(
            zip(passages, (float(s) for s in scores), strict=True), key=lambda pair: -pair[1]
        )
        return [
            dataclasses.replace(p, score=s, ranks={**p.ranks, "rerank": i})
            for i, (p, s) in enumerate(ranked, start=1)
        ]
