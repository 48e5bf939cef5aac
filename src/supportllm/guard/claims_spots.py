"""Spots and names the customer asked for, against the call's (round 13): a numbered place
("Platz 14" after ``desk: "41"``), a row ("rij 21" after ``rij: 12``, "row F" after ``row:
"E"``), and a branch, room or person named with a capital ("our Hillcrest branch" after
``to_branch: "Riverside"``, "Zaal Amstel" after ``ruimte: "Zaal IJ"``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from supportllm.guard.claims_slots import NAME_WORD, PLAIN_WORDS, lower_words, names_any

__all__ = ["spot_conflict"]

# Round 13: keys of a named place or person the deed was for (a branch, a room, a teacher):
# conflicts only between names written with a capital ("our Hillcrest branch" after
# ``to_branch: "Riverside"``).
_NAMED_KEY: Final = re.compile(
    r"branch|filiale|vestiging|location|standort|locatie|store|shop|room|zimmer|raum|zaal|"
    r"ruimte|instructor|trainer|teacher|lehrer|docent|coach|therapist|therapeut|stylist|"
    r"hygienist|dentist|zahnarzt|tandarts|doctor|arzt|arts|vet|tierarzt|dierenarts",
    re.IGNORECASE,
)
_CAPITALISED: Final = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÄÖÜ][a-zäöüß]{2,}(?:straße|strasse)?\b")
# A name of one to four words, the first with a capital ("Riverside", "Zaal IJ").
_NAMED_VALUE: Final = re.compile(r"[A-ZÄÖÜ][\w'’.-]*(?:\s+[\w'’.-]+){0,3}")
_CALENDAR_WORDS: Final = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag",
    "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "maandag", "dinsdag",
    "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december",
))  # fmt: skip
# Keys of a numbered place: a desk, seat, room, pitch or locker number.
_SPOT_KEY: Final = re.compile(
    r"desk|seat|sitz|stoel|room|zimmer|kamer|platz|plek|pitch|stellplatz|locker|schrank|kluis|"
    r"table|tisch|tafel|box|stall",
    re.IGNORECASE,
)
_SPOT_NUMBER: Final = re.compile(
    r"\b(?:desk|seat|sitz(?:platz)?|stoel|room|zimmer|kamer|platz|plek|pitch|stellplatz|locker|"
    r"schrank|kluis|table|tisch|tafel|box|stall)\s+(?:no\.?\s*|nr\.?\s*|number\s+|nummer\s+)?"
    r"(\d{1,4})(?!\d|[.,:/-]\d)",
    re.IGNORECASE,
)
_ANY_NUMBER: Final = re.compile(r"(?<![\d.,:/-])\d{1,4}(?!\d|[.,:/-]\d)")


def _number_conflict(
    text: str, asked: str, calls: Sequence[tuple[str, Sequence[tuple[str, str]]]]
) -> str | None:
    """A numbered place the customer asked for and the claim names, where the call was for
    another number ("Platz 14 ist ab Montag für dich reserviert" after ``desk: "41"``)."""
    row = _row_conflict(text, calls)
    if row:
        return row
    said = set(_SPOT_NUMBER.findall(text)) & set(_ANY_NUMBER.findall(asked))
    if not said:
        return None
    named = set(_ANY_NUMBER.findall(text)) | set(_ANY_NUMBER.findall(asked))
    for _, values in calls:
        for key, value in values:
            number = value.strip()
            if _SPOT_KEY.search(key) and number.isdigit() and number not in named:
                return f"names {', '.join(sorted(said))} where the call has {key} {value!r}"
    return None


# A row named with its number: "rij 21", "Reihe 7", "row 12".
_ROW: Final = re.compile(r"\b(?:rij|reihe|row)\s+(\d{1,3}|[A-Z](?![\w-]))", re.IGNORECASE)
_ROW_KEY: Final = re.compile(r"^(?:rij|reihe|row)$", re.IGNORECASE)


def _row_conflict(text: str, calls: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> str | None:
    """A row other than the one the call set ("U zit nu op rij 21" after ``rij: 12``)."""
    said = set(_ROW.findall(text))
    if not said:
        return None
    said = {r.upper() for r in said}
    rows = {v.strip().upper() for _, values in calls for k, v in values if _ROW_KEY.match(k)}
    if rows and not said & rows:
        return f"names row {', '.join(sorted(said))} where the call has {', '.join(sorted(rows))}"
    return None


def _named_conflict(
    text: str, asked: str, calls: Sequence[tuple[str, Sequence[tuple[str, str]]]]
) -> str | None:
    """A branch, room or person the customer asked for by name and the claim names, where the
    call was for another name ("Zaal Amstel staat voor je klaar" after ``ruimte: "Zaal IJ"``)."""
    said = {w.lower() for w in _CAPITALISED.findall(text)} - _CALENDAR_WORDS
    shared = said & {w.lower() for w in _CAPITALISED.findall(asked)}
    if not shared:
        return None
    for _, values in calls:
        told = " ".join(v for _, v in values).lower()
        if any(w in told for w in shared):
            return None
    for _, values in calls:
        for key, value in values:
            if not _NAMED_KEY.search(key) or not _NAMED_VALUE.fullmatch(value):
                continue
            kind = {w.lower() for w in NAME_WORD.findall(value)} - PLAIN_WORDS
            if (
                kind
                and not names_any(lower_words(text), kind)
                and not names_any(lower_words(asked), kind)
            ):
                return f"names {', '.join(sorted(shared))} where the call has {key} {value!r}"
    return None


def spot_conflict(
    text: str, asked: str, calls: Sequence[tuple[str, Sequence[tuple[str, str]]]]
) -> str | None:
    """A numbered spot, a row or a capitalised name other than the call's (see the module)."""
    return (
        _number_conflict(text, asked, calls)
        or _named_conflict(text, asked, calls)
        or _spelling_conflict(text, asked, calls)
    )


_CAPITAL_WORD: Final = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]{3,}\b")
_VALUE_WORD: Final = re.compile(r"[^\W\d_]{4,}")


def _spelling_conflict(
    text: str, asked: str, calls: Sequence[tuple[str, Sequence[tuple[str, str]]]]
) -> str | None:
    """A name the customer wrote and the claim repeats, where the call has a name one or two
    letters apart ("Dr Patel" after ``recipient: "Dr A. Patil"``, "Dr. Maier" after "Dr.
    Meier"): the call acted on someone else (round 13)."""
    said = {w for w in _CAPITAL_WORD.findall(text)} & {w for w in _CAPITAL_WORD.findall(asked)}
    if not said:
        return None
    told = {w for _, values in calls for _, v in values for w in _VALUE_WORD.findall(v)}
    lowered = {w.lower() for w in told}
    for word in sorted(said):
        if word.lower() in lowered:
            continue
        for other in told:
            if _apart(word, other):
                return f"names {word} where the call has {other}"
    return None


def _apart(a: str, b: str) -> bool:
    """Two capitalised words of one length and first letter that differ in one or two places."""
    if len(a) != len(b) or a[0] != b[0] or not b[0].isupper():
        return False
    return 1 <= sum(x != y for x, y in zip(a.lower(), b.lower(), strict=True)) <= 2
