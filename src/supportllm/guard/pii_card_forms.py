"""Card numbers in the layouts people type them in, and number runs that only look like phones
(round 13, third pass; v17 studied).

- Groups of four split by dots or slashes, or written in two halves ("4024.0071.9382.6152",
  "4556 7310 / 8341 1991", "4556/7310/8341/1991"): the group shape and Luhn make it a card.
- A card glued to its expiry and CVC in one run of digits ("4556 7310 8341 1991 04/28 123",
  "… 1991 / 04/28"): the card-shaped head is the card.
- Halves with a few words between them after a card word ("first half 4556 7310, second half
  8341 1991", "Karte 4556 7310 und dann 8341 1991"): one card over both halves when the joined
  sixteen digits pass Luhn.
- A date with its hour ("07-02-2024 22:31") is no phone.
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.pii_checks import card_digits_ok, digits_of
from supportllm.guard.pii_number_forms import CARD_WORD

__all__ = ["card_head", "card_shaped", "date_with_hour", "find_card_halves"]

_SEP: Final = r"(?:[ \t]?[./-][ \t]?|[ \t])"
# 4-4-4-4 (13-19 digits: a short or long last group), Amex 4-6-5, Diners 4-6-4
_SHAPE: Final = re.compile(
    rf"\d{{4}}(?:{_SEP}\d{{4}}){{2,3}}(?:{_SEP}\d{{1,3}})?|\d{{4}}{_SEP}\d{{6}}{_SEP}\d{{4,5}}"
)
_HEAD: Final = re.compile(
    rf"(?:\d{{4}}(?:{_SEP}\d{{4}}){{3}}|\d{{4}}{_SEP}\d{{6}}{_SEP}\d{{5}}|\d{{15,16}})"
    r"(?=[ \t]*(?:/[ \t]*)?\d{1,2}/\d{2,4}\b)"
)
_HALVES: Final = re.compile(
    r"(?<![\w.,/+-])(\d{4}[ ]?\d{4})([^\d\n]{1,30}?)(\d{4}[ ]?\d{4})(?![\w]|[.,/]\d)"
)
_DATE_HOUR: Final = re.compile(
    r"(?:\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})[ \t]+\d{1,2}"
)


def card_shaped(raw: str) -> bool:
    """Whether ``raw`` has a card's groups, whatever the separators (dots, slashes, halves)."""
    if not _SHAPE.fullmatch(raw):
        return False
    seps = set(re.findall(r"[./-]", raw))
    return len(seps) <= 1  # "4556.7310-8341/1991" mixes separators: a code, not a card


def card_head(raw: str) -> int | None:
    """Length of the card at the start of a run that goes on with an expiry ("… 1991 04/28")."""
    m = _HEAD.match(raw)
    if m is None:
        return None
    digits = digits_of(m.group())
    if not card_digits_ok(digits):
        return None
    return m.end()


def date_with_hour(text: str, start: int, end: int) -> bool:
    """A date and the hour of a time after it, read as one run of digits ("07-02-2024 22:31")."""
    after = text[end : end + 5].lower()
    return bool(_DATE_HOUR.fullmatch(text[start:end])) and (
        after[:1] in (":", ".", "h") or after.startswith((" uhr", " uur"))
    )


def find_card_halves(text: str) -> list[tuple[int, int]]:
    """Spans of cards given in two halves of eight digits with a few words between them."""
    out: list[tuple[int, int]] = []
    for m in _HALVES.finditer(text):
        digits = digits_of(m.group(1) + m.group(3))
        if not card_digits_ok(digits):
            continue
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if CARD_WORD.search(line[-60:]) or CARD_WORD.search(m.group(2)):
            out.append((m.start(), m.end()))
    return out
