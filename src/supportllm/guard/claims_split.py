"""Sentence splitting for the action-claim detector (claims.py) and for streaming replies:
abbreviations, initials and German/Dutch ordinals do not end a sentence."""

from __future__ import annotations

import functools
import re

from supportllm.guard import claims_frames as cues

__all__ = ["complete_sentences", "split_sentences"]

_BOUNDARY = re.compile(
    r"(?<=[.!?…])[\"'”’)\]]*\s+|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)|\n"
    # an emoji that closes a sentence before a capital ("Done ✅ That box won't be delivered")
    "|(?<=[\u2600-\u27bf\u2b50\ufe0f\U0001f300-\U0001faff])"
    r"\s+(?=[A-ZÄÖÜ])"
)
_WORD_BEFORE = re.compile(r"([\w.]+)[.]$")
_MONTH = re.compile(
    r"(?:jan|feb|mär|maa|mar|apr|mai|mei|may|jun|jul|aug|sep|okt|oct|nov|dez|dec)", re.IGNORECASE
)


def _is_abbreviation(text: str, end: int) -> bool:
    """The period at text[end-1] ends an abbreviation, an ordinal or an initial."""
    if end == 0 or text[end - 1] != ".":
        return False
    m = _WORD_BEFORE.search(text[max(0, end - 40) : end])
    if m is None:
        return False
    word = m.group(1).lower()
    if word in cues.ABBREVIATIONS or word.rstrip(".") in cues.ABBREVIATIONS:
        return True
    line_start = text[: end - len(word) - 1].rstrip(" \t")[-1:] in ("", "\n")
    if word.isdigit() and len(word) <= 2 and line_start:
        return True  # a numbered list item's marker ("\n2. Your add-on is active.")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    nxt = text[end:].lstrip()
    # German/Dutch ordinals and dates ("am 3. März", "zum 31.08. gekündigt"): a number followed
    # by a lower-case word or a month name is not a sentence end.
    if not (re.fullmatch(r"\d{1,2}(?:\.\d{1,2})?", word) and nxt):
        return False
    return nxt[0].islower() or bool(_MONTH.match(nxt))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``, without the whitespace between them (a reply is
    split by several passes: the spans are remembered for the last texts, round 12)."""
    return list(_spans(text))


@functools.lru_cache(maxsize=64)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.start()
        if "\n" not in m.group() and _is_abbreviation(text, cut):
            continue
        _add_span(text, start, cut, spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return tuple(spans)


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def complete_sentences(buffer: str) -> tuple[list[str], str]:
    """Split the finished sentences off a streaming buffer; return them and the rest.

    A sentence is finished once the text after its end mark has started (whitespace followed
    by more text, or a newline): "€25." may still become "€25.00", so a trailing end mark alone
    does not finish a sentence.
    """
    spans = split_sentences(buffer)
    if not spans:
        return [], buffer
    last_start, last_end = spans[-1]
    tail = buffer[last_end:]
    if "\n" in tail:
        return [buffer[s:e] for s, e in spans], buffer[len(buffer) :]
    done = spans[:-1]
    return [buffer[s:e] for s, e in done], buffer[last_start:]
