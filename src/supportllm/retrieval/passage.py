"""A passage as search returns it: one chunk of a knowledge-base document with its score."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from supportllm.retrieval.backends import Hit
from supportllm.retrieval.documents import passage_id


@dataclass(frozen=True)
class Passage:
    id: str
    doc_id: str
    title: str
    section: str
    text: str
    url: str | None
    lang: str | None
    score: float
    ranks: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_hit(cls, hit: Hit, score: float, ranks: dict[str, int]) -> Passage:
        p = hit.payload
        return cls(
            id=passage_id(str(p.get("doc_id")), p.get("n")),
            doc_id=str(p.get("doc_id")),
            title=str(p.get("title") or ""),
            section=str(p.get("section") or ""),
            text=str(p.get("text") or ""),
            url=p.get("url"),
            lang=p.get("lang"),
            score=score,
            ranks=ranks,
        )

    def source(self) -> dict[str, Any]:
        """What a client sees in ``sources``."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "title": self.title,
            "url": self.url,
            "score": round(self.score, 5),
        }
