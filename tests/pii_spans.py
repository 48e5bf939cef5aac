"""Shared by the PII round tests: whether the redactor covers a value with one of the kinds."""

from __future__ import annotations

from supportllm.guard.pii import PIIRedactor


def covered(
    redactor: PIIRedactor, text: str, lang: str, value: str, kinds: str | tuple[str, ...]
) -> bool:
    """A span of one of ``kinds`` overlaps the first occurrence of ``value`` in ``text``."""
    wanted = (kinds,) if isinstance(kinds, str) else kinds
    start = text.index(value)
    end = start + len(value)
    return any(
        s.type in wanted and s.start < end and start < s.end for s in redactor.find(text, lang)
    )
