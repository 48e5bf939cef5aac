"""Dates of birth (PII): a date with a birth cue before it (born, DOB, geboren, Geburtsdatum,
GebDat, geboortedatum …) or "geboren/born" right after it. pii_rules.py finds the dates; this
module decides which of them are births.

The cue must be the date's own (round 12): on the date's line or on the label line right above
a date that stands alone; not a cue that already has its date ("12.05.2016 geboren. Start … zum
01.06.2025"), not across a sentence, and not past a date of another kind ("geboren am 17.08.1972,
Vertragsbeginn 01.04.2023"; a list of births, "09-09-1985, de mijne 22-03-1987", still counts).
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.case_split import split_compiled

__all__ = ["DATE_NUM", "DOB_CONTEXT", "DobPatterns"]

DATE_NUM: Final = r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}"
DOB_CONTEXT: Final = (
    r"(?:born|birth|birthday|dob|d\.o\.b\.?|date of birth|geboren|geb\.|geburtsdatum|gebdat|"
    r"geburtstag|geboortedatum|geboren op|verjaardag|jarig)"
)


class DobPatterns:
    """The compiled cue patterns (one instance per redactor)."""

    def __init__(self) -> None:
        self.cue = split_compiled(DOB_CONTEXT, re.IGNORECASE)
        self.date_end = re.compile(rf"(?:{DATE_NUM})[ \t]*$")
        self.sentence_end = re.compile(r"[.!?][ \t]+[A-ZÄÖÜ]")
        # words that introduce a date of another kind
        self.other_date = re.compile(
            r"(?i)(?:beginn|start|datum|date|seit|since|vanaf|until|bis|valid|gültig|ingang|"
            r"ablauf|expir|ab\b|per\b|zum\b|tot\b)"
        )
        self.born_after = re.compile(r"\s*(?:geboren|born)", re.IGNORECASE)
        self.speaker = re.compile(r"[ \t]*[^\W\d][\w .()-]{0,24}:[ \t]*$")
        self.line_end = re.compile(r"[ \t.]*(?:\n|$)")

    def spans(self, text: str, dates: re.Pattern[str]) -> list[tuple[int, int]]:
        """(start, end) of the dates (found by ``dates``) that are dates of birth."""
        out: list[tuple[int, int]] = []
        for m in dates.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            if "\n" in before:  # the cue on the date's line, or the label line above a lone date
                head, _, tail = before.rpartition("\n")
                lone = not tail.strip() or (
                    self.speaker.match(tail) is not None
                    and not self.cue.search(tail)
                    and not self.other_date.search(tail)  # "Datum schade:" is a field
                    and self.line_end.match(text, m.end()) is not None
                )  # or a chat answer: "Agent: … Ihr Geburtsdatum.⏎Kunde: 23.12.1969"
                before = head.rpartition("\n")[2] if lone else tail
            if self._own_cue(before, dates) or self.born_after.match(text, m.end()):
                out.append(m.span())
        return out

    def _own_cue(self, before: str, dates: re.Pattern[str]) -> bool:
        cues = list(self.cue.finditer(before))
        if not cues:
            return False
        cue = cues[-1]  # the last cue before the date
        first = dates.search(before, cue.end())
        return not (
            (first is not None and self.other_date.search(before, first.end()))
            or self.sentence_end.search(before, cue.end())
            or self.date_end.search(before, 0, cue.start())
        )
