"""Phone and card numbers in unusual layouts, and numbers that only look like them (round 13).

- A number broken over two lines ("ring me on 0161⏎496 0832", "Card: 4916 3385⏎0608 2832"):
  the two pieces are one PHONE when a call word stands on the first line, one CARD when a card
  word does and the joined digits pass Luhn.
- A chat answer to a question about an order, tracking or reference number is that number, not
  a phone ("bot: Please share your order number.⏎Dimitris: 600-1182-44", "Agent: Wie lautet Ihre
  Bestellnummer?⏎Kunde: 0301 2244 5566"); a question that also asks for a phone keeps it one.
- An identity number with thousands dots and a check digit ("RG 12.345.678-9", a Chilean RUT
  "12.345.678-K") and the tail of a code that began with letters ("1Z 999 AA1 0123 4567 84") are
  no phone.
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.pii_checks import digits_of, luhn_ok

__all__ = ["CARD_WORD", "find_split_numbers", "is_reference_number"]

_SPLIT: Final = re.compile(
    r"(?<![\w.,/+-])(\+?\(?\d[\d \t()/-]{1,14}\d)[ \t]*\n[ \t]*(\d[\d \t/-]{1,14}\d)(?![\w]|[.,]\d)"
)
_CALL: Final = re.compile(
    r"(?i)(?<![a-zäöüß])(?:phone|tel|call|ring|mobile|mobil|number|nummer|nr|handy|rückruf|"
    r"erreichbar|bel|bellen|reach|contact|whatsapp|gsm)"
)
CARD_WORD: Final = re.compile(
    r"(?i)(?:card|karte|kaart|visa|mastercard|amex|kredit|credit|betaalpas|pinpas)"
)
_REFERENCE_QUESTION: Final = re.compile(
    r"(?i)(?:order|tracking|reference|ref|ticket|case|invoice|booking|serial|imei|customer|"
    r"account|bestell|auftrags|sendungs|rechnungs|vorgangs|kunden|buchungs|referenz|order|"
    r"bestel|zending|factuur|klant|boekings|dossier|referentie)[\w-]*[ \t]*(?:no\.?|nr\.?|"
    r"number|nummer|id|code)?"
)
_PHONE_WORD: Final = re.compile(
    r"(?i)(?<![a-zäöüß])(?:phone|tel|call|ring|mobil|handy|rückruf|bel|gsm|whatsapp)"
)
_ANSWER: Final = re.compile(r"[ \t]*(?:\[?[\d:]{4,8}\]?[ \t]+)?[\w .()'’-]{1,30}:[ \t]*$")
_ID_SHAPE: Final = re.compile(r"\d{1,3}\.\d{3}\.\d{3}-[\dXxKk]")
_CODE_BEFORE: Final = re.compile(r"(?:^|\s)(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]{2,8}[ \t]$")


def is_reference_number(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is a reference, not a phone: an answer to a
    question about a reference number, an identity number's shape, or the tail of a code."""
    if _ID_SHAPE.fullmatch(text[start:end]):
        return True
    if _CODE_BEFORE.search(text[max(0, start - 10) : start]):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    label = text[line_start:start]
    if line_start == 0 or not _ANSWER.fullmatch(label) or _PHONE_WORD.search(label):
        return False
    line_end = text.find("\n", end)
    if text[end : line_end if line_end >= 0 else len(text)].strip(" \t.,"):
        return False  # the number is not all of the answer
    above = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    return bool(_REFERENCE_QUESTION.search(above)) and not _PHONE_WORD.search(above)


# Round 15: a Dutch mobile named by its prefix, the rest after it ("mijn 06 is 12345678",
# "m'n 06: 12 34 56 78", "zijn 06 is 87654321").
_NL_MOBILE: Final = re.compile(
    r"(?i)(?<![\w'’])(?:mijn|m['’]n|mn|zijn|z['’]n|haar|ons|uw|je|jouw)[ \t]+(06)[ \t]*"
    r"(?:is|:|=)[ \t]*(?:nu[ \t]+)?(\d{2}[ \t.-]?\d{2}[ \t.-]?\d{2}[ \t.-]?\d{2})(?![\w-]|[.,]\d)"
)


def find_split_numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, type) of phone and card numbers broken over two lines, and of a Dutch
    mobile named by its prefix."""
    out: list[tuple[int, int, str]] = []
    if " 06" in text:
        out += [(m.start(1), m.end(2), "PHONE") for m in _NL_MOBILE.finditer(text)]
    if "\n" not in text:
        return out
    for m in _SPLIT.finditer(text):
        digits = digits_of(m.group(1) + m.group(2))
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if CARD_WORD.search(line) and 13 <= len(digits) <= 19 and luhn_ok(digits):
            out.append((m.start(), m.end(), "CARD"))
        elif _CALL.search(line) and 9 <= len(digits) <= 15 and not CARD_WORD.search(line):
            out.append((m.start(), m.end(), "PHONE"))
    return out
