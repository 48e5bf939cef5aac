"""Card numbers given in pieces (round 14; v18 and v19 studied).

People who half-know they should not send a card number send it in two messages, on two lines,
or in two sentences: "first half is 5390 1133⏎Customer: and the rest 6050 8210 exp 11/26",
"hab nach 4592 4877 unterbrochen – sie hat dann trotzdem den Rest gesagt: 2094 8426", "de eerste
8 zijn 4835 6610⏎klant: en dan 9554 0037". The pieces are far apart, with chat labels and
newlines between them, so the neighbouring-halves rule of ``pii_card_forms`` cannot see them.

- Two pieces of four-digit groups (4+4, 4+4+4 and 4, ...) within a few lines of each other
  whose sixteen joined digits pass Luhn are one card, when a card word, an expiry or a CVC is
  near: each piece is redacted on its own (what lies between them is a chat label, not PII).
  Luhn alone lets one pair of random pieces in ten through; the context word keeps order,
  invoice and phone numbers out.
- One half on its own ("erste Hälfte 4916 3385, die zweite kommt gleich per SMS") is a card
  when a word says it is a part ("first half", "eerste 8", "den Rest") and a card word is near;
  without its other half there is no Luhn check, so both cues are required.
- Round 14c (v21): the part word may open the sentence the half ends ("den zweiten Teil der
  Kartennummer hier reinschreiben: 2186 7742, Ablauf 09/27"), so it is looked for back to the
  start of the line or sentence (at most 90 characters) as well as in the 40 before the digits.
  A second or last half starts with any digit: only a first half (or an unnamed one) must
  start like a card network's number.
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.lead_class import class_first_compiled
from supportllm.guard.pii_checks import card_digits_ok, digits_of

__all__ = ["find_card_parts"]

# A piece: one to three groups of four digits ("5390 1133", "5390.1133", "53901133", "4916").
_PIECE: Final = class_first_compiled(
    r"(?<![\w.,/+-])(?<!\d[ .-])\d{4}(?:[ .-]?\d{4}){0,2}(?![\w]|[ .,/-]?\d)"
)
# A card word, an expiry or a CVC: what makes digit pieces nearby a card's.
_CARD_NEAR: Final = re.compile(
    r"(?i)(?:card|karte|kaart|visa|mastercard|amex|maestro|kredit|credit|debit|betaalpas|"
    r"pinpas|\bexp(?:iry|ires|\.)?\b|ablauf|gültig|vervaldatum|geldig tot|\bcvc|\bcvv|"
    r"prüfziffer|sicherheitscode|security code|beveiligingscode)"
)
# A word saying the number comes in parts.
_PART_CUE: Final = re.compile(
    r"(?i)(?:\b(?:first|1st|second|2nd|last|other|erste[nr]?|zweite[nr]?|letzte[nr]?|"
    r"andere[nr]?|eerste|tweede|laatste|andere)[ \t]+(?:half|hälfte|helft|part|teil|deel|"
    r"\d{1,2}|four|eight|vier|acht)\b|\b(?:the|den|de)[ \t]+rest\b|\brest\b)"
)
# A part word that names a later piece: its digits need not start like a card network's.
_LATER_PART: Final = re.compile(r"(?i)\b(?:second|2nd|last|zweite|letzte|tweede|laatste|rest)")
# Where the sentence holding a lone half starts: the part word must stand in it.
_CLAUSE_START: Final = re.compile(r"(?s:.*)(?:[\n!?]|\.[ \t])")
# A piece right after one of these is a reference, not half a card ("Order 5390 1133").
_REFERENCE_BEFORE: Final = re.compile(
    r"(?i)(?:\b(?:order|invoice|ticket|ref|reference|tracking|bestell|rechnung|auftrag|"
    r"vorgang|sendung|bestel|factuur|dossier|zaak|po)\.?[ \t]*(?:number|nummer|nr|no|id)?"
    # "Customer: 5424 1877" is a chat label; "customer number 5424 1877" a reference
    r"|\b(?:customer|account|kunden|klant|booking|buchung|boeking|case)[ \t]*"
    r"(?:number|nummer|nr|no|id))\.?[ \t]*(?:is|ist|was|lautet|luidt)?[ \t]*[:#]?[ \t]*$"
)
# First digits of the card networks (Amex and Diners 3, Visa 4, Mastercard 2 and 5, Discover
# 6): an order number starting 1, 7, 8 or 9 is no card half.
_ISSUERS: Final = "23456"
_WINDOW: Final = 160  # characters between two pieces: about three short chat lines
_CLAUSE: Final = 90  # how far back a part word may open the sentence of a lone half
_NEAR: Final = 200  # how far a card word may stand from the pieces


def find_card_parts(text: str) -> list[tuple[int, int]]:
    """Spans of card pieces: each piece of a card sent in two, and a lone half with a cue."""
    pieces = [
        (m.start(), m.end(), digits_of(m.group()))
        for m in _PIECE.finditer(text)
        if not _REFERENCE_BEFORE.search(text, max(0, m.start() - 30), m.start())
    ]
    out: list[tuple[int, int]] = []
    if not any(len(d) == 8 for _, _, d in pieces) and len(pieces) < 2:
        return out  # neither a half nor two pieces: the card-word search (slow) is not needed
    used: set[int] = set()
    for i, (s1, e1, d1) in enumerate(pieces):
        if i in used:
            continue
        for j in range(i + 1, len(pieces)):
            s2, e2, d2 = pieces[j]
            if s2 - e1 > _WINDOW or text[e1:s2].count("\n") > 3:
                break
            joined = d1 + d2
            if (
                len(joined) == 16
                and joined[0] in _ISSUERS
                and card_digits_ok(joined)
                and _card_near(text, s1, e2)
            ):
                out += [(s1, e1), (s2, e2)]
                used.update((i, j))
                break
    for i, (s, e, d) in enumerate(pieces):
        if i in used or len(d) != 8:
            continue
        cue = _PART_CUE.search(text[max(0, s - 40) : s]) or _PART_CUE.search(
            _clause_before(text, s)
        )
        if cue is None or (d[0] not in _ISSUERS and not _LATER_PART.search(cue.group())):
            continue
        if _card_near(text, s, e):
            out.append((s, e))
    return out


def _clause_before(text: str, start: int) -> str:
    """The words before a piece back to the start of its line or sentence (90 at most)."""
    before = text[max(0, start - _CLAUSE) : start]
    cut = _CLAUSE_START.match(before)
    return before[cut.end() :] if cut else before


def _card_near(text: str, start: int, end: int) -> bool:
    """A card word, an expiry or a CVC within reach of the pieces (before, between, after)."""
    return bool(_CARD_NEAR.search(text, max(0, start - _NEAR), min(len(text), end + _NEAR)))
