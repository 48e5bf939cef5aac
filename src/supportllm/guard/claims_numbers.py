"""Numbers the customer asked for, said again in a claim, against the numbers of the calls
(issue 16, item 4, round 14).

Earlier rounds checked numbers one key family at a time (seat numbers, meter readings, amounts
under ``amount``/``betrag``), so a writer's new key ("pas", "zimmer_min", "kalenderwoche") or a
new way to write a time ("14u") slipped through. The mistake is the same whatever the key: the
customer asked for a number, the reply repeats it as done, and the call that did the deed
carries another number of the same kind that the reply never names ("Pas 20781 is verlengd"
after ``pas: 20718``; "auf KW 32 verschoben" after ``kalenderwoche: 23``; "ab 4 Zimmern" after
``zimmer_min: 3``). A number is of the call's kind when

- it is a calendar week ("KW 32", "week 32", "Kalenderwoche 32") and the call's key names a
  week;
- the word next to it in the claim names the call's key ("4 Zimmern" / ``zimmer_min``, "Pas
  20781" / ``pas``);
- it is an id of four or more digits and the call's number has the same digits in another order
  (a transposition is one writer's slip, whatever the key).

Each check speaks only when the claim's number is one the customer wrote, no call of the
conversation carries it, and the call's own number appears nowhere in the reply (a reply that
says "20781 was not found, I renewed 20718" is honest).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

__all__ = ["asked_number_conflict", "masked_tails", "numbers_in"]

# A number as a writer puts it in prose: "20781", "4-Zimmer", "KW 32", "1.650" is left whole.
_NUMBER: Final = re.compile(r"(?<![\d.,:/])\d{1,8}(?![\d:]|[.,]\d)")
# A calendar week before its number: "KW 32", "KW32", "week 32", "wk 32", "Kalenderwoche 32".
_WEEK_BEFORE: Final = re.compile(
    r"\b(?:kw|wk|week|woche|kalenderwoche|calendar\s+week|kalenderweek)\s*$", re.IGNORECASE
)
# A key that holds a calendar week.
_WEEK_KEY: Final = re.compile(r"(?:^|_)(?:kw|wk)(?:_|$)|week|woche", re.IGNORECASE)
# Keys of the system's own bookkeeping, not the deed's value.
_BOOKKEEPING_KEY: Final = re.compile(
    r"status|state|code|result|count_before|version|http|_at$|time|zeit|tijd|date|datum|dag|"
    r"tag|jahr|year|jaar|month|monat|maand|price|preis|prijs|amount|betrag|bedrag|total|"
    r"saldo|balance",
    re.IGNORECASE,
)
_WORD: Final = re.compile(r"[^\W\d_]{2,}")
# A masked account or card number: "NL** **** **** 4512", "•••• 8812", "XXXX-XXXX-0042".
_MASKED: Final = re.compile(r"(?:[*•xX]{2,}[\s-]*)+(\d{3,6})\s*$")
# Words next to a number that tell no kind ("om 14", "ab 4", "to 3", "per 2").
_GLUE: Final = frozenset((
    "ab", "auf", "für", "fur", "bis", "von", "om", "op", "tot", "van", "voor", "naar", "to",
    "for", "from", "at", "on", "per", "the", "die", "der", "das", "de", "het", "een", "ein",
    "eine", "a", "an", "and", "und", "en", "is", "ist", "are", "sind", "nu", "now", "jetzt",
    "mit", "met", "with", "of", "in", "im", "um", "am", "ca", "about", "rund", "ongeveer",
))  # fmt: skip


def numbers_in(text: str) -> list[tuple[str, str, str]]:
    """Each number of ``text`` with the word before and after it (lower case, "" when none):
    "Pas 20781 is verlengd" gives ("20781", "pas", "is")."""
    out: list[tuple[str, str, str]] = []
    for m in _NUMBER.finditer(text):
        before = _WORD.findall(text[max(0, m.start() - 30) : m.start()])
        after = _WORD.match(text[m.end() :].lstrip(" -"))
        out.append((
            m.group().lstrip("0") or "0",
            before[-1].lower() if before else "",
            after.group().lower() if after else "",
        ))  # fmt: skip
    return out


def _key_words(key: str) -> list[str]:
    return [w.lower() for w in re.split(r"[_\W\d]+|(?<=[a-z])(?=[A-Z])", key) if len(w) >= 2]


def _names_key(word: str, key: str) -> bool:
    """Whether a word next to a number names the key's thing: the key's word itself, an
    inflection or compound of it ("zimmern" / ``zimmer_min``, "Pasnummer" / ``pas``)."""
    if len(word) < 3 or word in _GLUE:
        return False
    word, key = _fold(word), _fold(key)
    for part in _key_words(key):
        if len(part) < 3 or part in _GLUE:
            continue
        if word == part or (len(part) >= 4 and (word.startswith(part) or part.startswith(word))):
            return True
        if word.startswith(part) and len(word) - len(part) >= 4:  # "pasnummer"
            return True
        if _spelled_apart(word, part):
            return True
    return False


def _fold(text: str) -> str:
    """German letters as keys write them ("Größe" / ``groesse``; round 15, third pass)."""
    return text.translate(_FOLD)


_FOLD: Final = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def _spelled_apart(word: str, part: str) -> bool:
    """Two spellings of one compound (round 14c: Flemish "staanplaats" for the key's
    "standplaats"): the same first three letters and the same last five or more, at most two
    letters apart in between."""
    if min(len(word), len(part)) < 8 or abs(len(word) - len(part)) > 1 or word[:3] != part[:3]:
        return False
    end = 0
    while end < min(len(word), len(part)) and word[-1 - end] == part[-1 - end]:
        end += 1
    return end >= 5 and sum(a != b for a, b in zip(word[:-end], part[:-end], strict=False)) <= 2


def _plain_number(value: str) -> str | None:
    """A call value that is one whole number ("3", "20718", "10.0"), without leading zeros."""
    m = re.fullmatch(r"\s*0*(\d{1,8})(?:\.0+)?\s*", value)
    if m is None:  # a half size ("42.5") is a number of its own kind (round 15, third pass)
        half = re.fullmatch(r"\s*(\d{1,3}\.5)\s*", value)
        return half.group(1) if half else None
    return m.group(1) or "0"


def _transposed(said: str, have: str) -> bool:
    """Two ids of four or more digits with the same digits in another order."""
    return len(said) >= 4 and said != have and sorted(said) == sorted(have)


def asked_number_conflict(
    text: str,
    asked: str,
    reply: str,
    calls: Sequence[tuple[str, Sequence[tuple[str, str]]]],
) -> str | None:
    """A number the customer asked for that the claim says again where the successful calls
    carry another number of its kind, named nowhere in the reply (see the module's doc)."""
    request = {n for n, _, _ in numbers_in(asked)}
    said = [x for x in numbers_in(text) if x[0] in request]
    if not said:
        return None
    values = [kv for _, vs in calls for kv in vs]
    carried = {
        n for _, v in values for n in [_plain_number(v), *(x[0] for x in numbers_in(v))] if n
    }
    in_reply = {n for n, _, _ in numbers_in(reply)}
    grouped = _grouped_parts(text, carried)
    for number, before, after in said:
        if number in carried or number in grouped:
            continue
        week = bool(_WEEK_BEFORE.search(f"{before} ")) or before in ("kw", "wk", "week", "woche")
        for _, call in calls:
            for key, value in call:
                have = _plain_number(value)
                if have is None or have == number or have in in_reply:
                    continue
                if week:
                    same_kind = bool(_WEEK_KEY.search(key))
                else:
                    same_kind = _transposed(number, have) or (
                        not _BOOKKEEPING_KEY.search(key)
                        and (
                            _names_key(before, key)
                            or _names_key(after, key)
                            or _names_sibling(after, key, call)
                        )
                    )
                if same_kind:
                    return f"names {number} where the call has {key} {have}"
    return None


def _names_sibling(word: str, key: str, call: Sequence[tuple[str, str]]) -> bool:
    """Round 15, third pass: the word after the number names the thing another value of the
    same call holds ("12 bagels" / ``sku: "bagel"``), so the number is that thing's count
    and the call's number under a count key (``qty``, ``aantal``) is the count done."""
    if not _COUNT_KEY.search(key) or len(word) < 4:
        return False
    for other, value in call:
        if other == key or _plain_number(value) is not None:
            continue
        for part in _WORD.findall(value.lower()):
            if len(part) >= 4 and (
                word == part or (word.startswith(part) and len(word) - len(part) <= 3)
            ):
                return True
    return False


# Keys that hold how many of a thing.
_COUNT_KEY: Final = re.compile(
    r"qty|quantity|count|number|amount_items|menge|anzahl|stueck|stück|aantal|stuks|hoeveelheid",
    re.IGNORECASE,
)


# Digits written in groups: "0071 2291", "0031-7720", "48 812".
_GROUPS: Final = re.compile(r"\d+(?:[ -]\d+)+")


def _grouped_parts(text: str, carried: set[str]) -> set[str]:
    """The pieces of a number written in groups whose joined digits a call carries: "Vertrag
    0071 2291" names ``vertrag: 712291``, so neither "71" nor "2291" is another number
    (fresh claims v24, round 14)."""
    out: set[str] = set()
    for m in _GROUPS.finditer(text):
        if (re.sub(r"\D", "", m.group()).lstrip("0") or "0") in carried:
            out.update(p.lstrip("0") or "0" for p in re.split(r"[ -]", m.group()))
    return out


def masked_tails(values: Sequence[tuple[str, str]]) -> set[str]:
    """The visible ends of masked numbers in call values, as ids ("id:4512" for ``iban: "NL**
    **** **** 4512"``): a reply may name the account it paid to by them ("rekening eindigend op
    4512"), which is no other object than the call's."""
    return {f"id:{m.group(1)}" for _, v in values if (m := _MASKED.search(v))}
