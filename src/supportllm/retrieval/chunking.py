"""Split documents into passages of at most ``size`` embedder tokens, ``overlap`` tokens shared.

Boundaries fall on headings, then paragraphs, then sentences, and only inside a sentence that is
longer than a whole chunk on words. Each chunk knows the heading it sits under; the document's
title is put in front of every chunk's embedded text so a passage never loses its subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from supportllm.retrieval.documents import Chunk, Document

TokenCounter = Callable[[list[str]], list[int]]
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")


@dataclass(frozen=True)
class _Unit:
    text: str
    section: str
    heading: bool
    tokens: int = 0


def _units(doc: Document) -> list[_Unit]:
    """Headings and paragraphs in order, each paragraph tagged with the heading above it."""
    units: list[_Unit] = []
    trail: dict[int, str] = {}
    paragraph: list[str] = []
    section = ""

    def flush() -> None:
        if paragraph:
            units.append(_Unit("\n".join(paragraph).strip(), section, heading=False))
            paragraph.clear()

    for line in doc.text.splitlines():
        match = _HEADING.match(line.strip())
        if match:
            flush()
            level, title = len(match.group(1)), match.group(2).strip()
            if level == 1 and title == doc.title and not units:
                continue  # the title is already in front of every chunk
            trail = {lvl: t for lvl, t in trail.items() if lvl < level}
            trail[level] = title
            section = " › ".join(trail[lvl] for lvl in sorted(trail))
            units.append(_Unit(line.strip(), section, heading=True))
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.rstrip())
    flush()
    return [u for u in units if u.text]


def _split_long(unit: _Unit, size: int, count: TokenCounter) -> list[_Unit]:
    """A paragraph longer than a chunk: sentences; a sentence longer than a chunk: word runs."""
    pieces = [s for s in _SENTENCE_END.split(unit.text) if s.strip()]
    out: list[_Unit] = []
    for piece, tokens in zip(pieces, count(pieces), strict=True):
        if tokens <= size:
            out.append(_Unit(piece, unit.section, False, tokens))
            continue
        words = piece.split()
        per_word = max(tokens / max(len(words), 1), 1e-6)
        step = max(int(size / per_word * 0.9), 1)
        for start in range(0, len(words), step):
            part = " ".join(words[start : start + step])
            out.append(_Unit(part, unit.section, False, count([part])[0]))
    return out


def chunk_document(
    doc: Document, *, lang: str, source: str, size: int, overlap: int, count: TokenCounter
) -> list[Chunk]:
    units = _units(doc)
    if not units:
        return []
    measured: list[_Unit] = []
    for unit, tokens in zip(units, count([u.text for u in units]), strict=True):
        if tokens > size:
            measured.extend(_split_long(unit, size, count))
        else:
            measured.append(_Unit(unit.text, unit.section, unit.heading, tokens))

    chunks: list[Chunk] = []
    current: list[_Unit] = []
    used = 0

    def emit() -> None:
        if any(not u.heading for u in current):
            text = "\n\n".join(u.text for u in current)
            section = next((u.section for u in current if not u.heading), current[0].section)
            chunks.append(Chunk(doc, lang, len(chunks), section, text, source))

    for unit in measured:
        starts_section = unit.heading and used >= size // 2
        if current and (used + unit.tokens > size or starts_section):
            emit()
            # Carry the tail of the previous chunk over (never a dangling heading).
            kept: list[_Unit] = []
            carried = 0
            if not starts_section:
                for prev in reversed(current):
                    if prev.heading or carried + prev.tokens > overlap:
                        break
                    kept.insert(0, prev)
                    carried += prev.tokens
            current, used = kept, carried
            if used + unit.tokens > size:
                current, used = [], 0
        current.append(unit)
        used += unit.tokens
    emit()
    return chunks
