"""A pattern behind a literal test: a text that lacks a literal every match holds is not scanned.

``Gated(re.compile(r"(?<![\\w-])(?:Am|An der|Zum)[ \\t]+…"))`` knows from the pattern's parse tree
(``injection_prefilter.required_literals``) that every match holds "Am", "An der" or "Zum"; its
``finditer`` and ``search`` return nothing at once for a text without any of them, after a few
``str.__contains__`` scans instead of the regular expression's walk over every position (round 14
speed pass: about 0.12 ms of PII patterns skipped on the 200-word benchmark ticket). Worth it only
where the test costs less than the scan: not for a probe that starts with a literal (``re`` finds
that fast) or one with dozens of literals. The results are those of the pattern: a text is skipped
only when no match is possible.

A pattern compiled with ``re.IGNORECASE`` is tested on the text lower-cased (``folded``). Under
IGNORECASE an ASCII letter also matches "İ", "ı" (i), "K" (Kelvin sign, k) and "ſ" (long s),
which ``str.lower`` does not map to it (or, for "İ", maps to two characters): ``folded`` maps
them first (the table is checked against every code point in the tests).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Final

from supportllm.guard.injection_prefilter import required_literals

__all__ = ["FOLD", "Gated", "folded"]

FOLD: Final = {0x130: "i", 0x131: "i", 0x212A: "k", 0x17F: "s"}
_FOLD_CHARS: Final = "".join(map(chr, FOLD))


def folded(text: str) -> str:
    """The text as an IGNORECASE match of ASCII literals reads it: lower case, the four
    characters above mapped to their ASCII letter."""
    if not text.isascii() and any(ch in text for ch in _FOLD_CHARS):
        text = text.translate(FOLD)
    return text.lower()


class Gated:
    """A compiled pattern with the literal sets its matches hold; ``finditer`` and ``search``
    as the pattern's, without the scan when the text lacks one set."""

    __slots__ = ("_folded", "_required", "pattern", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self._folded = bool(regex.flags & re.IGNORECASE)
        self._required = required_literals(regex.pattern, regex.flags, folded=self._folded)

    def may_match(self, text: str) -> bool:
        """False only when no match is possible."""
        if not self._required:
            return True
        hay = folded(text) if self._folded else text
        return all(any(x in hay for x in literals) for literals in self._required)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if not self.may_match(text):
            return iter(())
        return self.regex.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.search(text, pos, endpos) if self.may_match(text) else None
