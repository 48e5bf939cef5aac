"""What the knowledge base is made of: documents, their chunks, and the stable ids of both."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field

# Point ids in Qdrant are UUIDs derived from (document id, chunk content): the same chunk always
# gets the same id, so re-ingesting a changed document only touches the chunks that changed.
_POINT_NAMESPACE = uuid.UUID("6f1c2a52-4d0e-4a8e-9f3b-5a7d3c1e2b90")


def embed_text(title: str, section: str, text: str) -> str:
    """What is embedded for a chunk: title (and heading) first, so it never loses its subject."""
    heading = title if not section else f"{title} — {section}"
    return f"{heading}\n{text}"


@dataclass(frozen=True)
class Document:
    """One article. ``origin`` says where it came from (``faq.jsonl:12``) for messages."""

    id: str
    title: str
    text: str
    url: str | None = None
    lang: str | None = None
    team: str | None = None
    product: str | None = None
    origin: str = ""


@dataclass(frozen=True)
class LoadProblem:
    """A file or line that could not be read; reported by name and skipped."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass(frozen=True)
class Chunk:
    """A passage of a document, with the title and heading it sits under."""

    doc: Document
    lang: str
    n: int
    section: str
    text: str
    source: str
    embed_text: str = field(init=False)
    content_hash: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "embed_text", embed_text(self.doc.title, self.section, self.text))
        digest = hashlib.sha256(
            "\x1f".join(
                [
                    self.embed_text,
                    self.lang,
                    self.doc.url or "",
                    self.doc.team or "",
                    self.doc.product or "",
                    self.source,
                ]
            ).encode()
        ).hexdigest()
        object.__setattr__(self, "content_hash", digest[:32])

    @property
    def point_id(self) -> str:
        return str(uuid.uuid5(_POINT_NAMESPACE, f"{self.doc.id}\x00{self.content_hash}"))

    def payload(self) -> dict[str, object]:
        return {
            "doc_id": self.doc.id,
            "n": self.n,
            "title": self.doc.title,
            "section": self.section,
            "text": self.text,
            "url": self.doc.url,
            "lang": self.lang,
            "team": self.doc.team,
            "product": self.doc.product,
            "source": self.source,
            "hash": self.content_hash,
        }


def passage_id(doc_id: str, n: object) -> str:
    """The id clients see in ``sources``: ``<document id>#<chunk number>``."""
    return f"{doc_id}#{n}"
