"""Postcodes as customers write them in chat and abroad (PII, round 11): UK and Dutch postcodes in
lower case ("oxford ox4 1hr", "steenstraat 44-2 1073vn") and Portuguese ones before the town
("4050-180 Porto"). guard/pii_rules.py adds them to its postcode candidates.

A lower-case UK postcode needs a real postcode area ("ox", "m", "bs") and an inward code that is
no unit ("m2 1tb", "a4 2gb" are a drive and a memory size); a lower-case Dutch one follows a
house number, since "1500 km" and "2000 mb" share its shape.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["PostcodePatterns"]

# The 124 postcode areas of the UK and the Crown Dependencies (Royal Mail), lower case.
_UK_AREAS: Final = frozenset(
    ("ab", "al", "b", "ba", "bb", "bd", "bh", "bl", "bn", "br", "bs", "bt", "ca", "cb", "cf",
     "ch", "cm", "co", "cr", "ct", "cv", "cw", "da", "dd", "de", "dg", "dh", "dl", "dn", "dt",
     "dy", "e", "ec", "eh", "en", "ex", "fk", "fy", "g", "gl", "gu", "gy", "ha", "hd", "hg", "hp",
     "hr", "hs", "hu", "hx", "ig", "im", "ip", "iv", "je", "ka", "kt", "kw", "ky", "l", "la",
     "ld", "le", "ll", "ln", "ls", "lu", "m", "me", "mk", "ml", "n", "ne", "ng", "nn", "np", "nr",
     "nw", "ol", "ox", "pa", "pe", "ph", "pl", "po", "pr", "rg", "rh", "rm", "s", "sa", "se",
     "sg", "sk", "sl", "sm", "sn", "so", "sp", "sr", "ss", "st", "sw", "sy", "ta", "td", "tf",
     "tn", "tq", "tr", "ts", "tw", "ub", "w", "wa", "wc", "wd", "wf", "wn", "wr", "ws", "wv",
     "yo", "ze")
)  # fmt: skip
# Inward codes that are sizes or units when written in lower case.
_UNIT_INWARDS: Final = frozenset(("gb", "tb", "pb", "hz", "px", "ft", "lb", "pt"))
_DUTCH_UNITS: Final = frozenset(
    ("km", "kg", "mb", "gb", "tb", "kb", "ms", "mm", "cm", "hz", "kw", "mg", "ml", "cl", "dl",
     "pc", "px", "st", "nd", "rd", "th", "uu", "jr", "ct", "pk", "eu")
)  # fmt: skip


class PostcodePatterns:
    """Compiled patterns of the postcode forms above."""

    def __init__(self) -> None:
        self._uk_lower = re.compile(r"(?<![\w-])([a-z]{1,2})\d[a-z\d]? (\d([a-z]{2}))(?![\w-])")
        self._nl_lower = re.compile(
            r"(?<![\w])[^\W\d_]{2,}[ \t]+\d{1,4}(?:[a-z]|[-/]\d{1,4}[a-z]?)?,?[ \t]+"
            r"([1-9]\d{3} ?([a-z]{2}))(?![\w-])"
        )
        self._has_nl_lower = re.compile(r"\d{4} ?[a-z]{2}(?![\w-])")
        self._pt = re.compile(
            r"(?:^|(?<=,))[ \t]*(\d{4}-\d{3})(?=[ \t]+[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2,})",
            re.MULTILINE,
        )

        # a chat answer that is only a postcode, asked for on the line above ("Agent: Ihre
        # Postleitzahl?⏎Kundin: 04177"); the cue is searched first (cheap)
        self._asked = re.compile(r"(?i)post ?code|postleitzahl|\bplz\b|\bzip\b|postnummer")
        self._answer = re.compile(
            r"\n[ \t]*[^\W\d][\w .()-]{0,24}:[ \t]*(\d{4,5}|[1-9]\d{3} ?[A-Za-z]{2})[ \t.]*(?=\n|$)"
        )

    def answers(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of postcodes given alone as the answer to the line above."""
        low = text.lower()
        if "post" not in low and "plz" not in low and "zip" not in low:  # cheap test first
            return []
        out: list[tuple[int, int]] = []
        for m in self._answer.finditer(text):
            above = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            if self._asked.search(above):
                out.append(m.span(1))
        return out

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every postcode of these forms in ``text``."""
        out = [
            m.span()
            for m in self._uk_lower.finditer(text)
            if m.group(1) in _UK_AREAS and _inward_letters_ok(m.group(3))
        ]
        if self._has_nl_lower.search(text):  # a cheap search first
            out += [
                m.span(1) for m in self._nl_lower.finditer(text) if m.group(2) not in _DUTCH_UNITS
            ]
        return out + [m.span(1) for m in self._pt.finditer(text)] + self.answers(text)


def _inward_letters_ok(letters: str) -> bool:
    """The last two letters of a UK postcode never use C, I, K, M, O or V; some pairs that do
    occur are units ("1tb", "2gb")."""
    return letters not in _UNIT_INWARDS and not any(c in "cikmov" for c in letters)
