"""A count with its unit against the call's value of that unit (round 12): "um 6 Monate
verlängert" after ``mietdauer_verlaengern`` with ``"monate": 3``, "auf 45 Stunden pro Woche"
after ``"stunden_woche": 40``, "for 4 nights" after ``"nights": 3``.

The unit word is matched to the call's key by its stem in the three languages; the claim
speaks of another count only when it names no count the call has for that unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

__all__ = ["NUMBER_WORDS", "season_conflict", "tier_class_conflict", "unit_conflict"]

# (the unit words a claim writes, the key stems a call uses) per unit
_UNITS: Final = (
    (r"months?|monate?n?|monats|maand(?:en)?", r"month|monat|maand"),
    (r"weeks?|wochen?|weken?", r"week|woche|wochen|weken"),
    (r"days?|tage?n?|dagen?", r"days|tage|dagen|(?:^|_)day(?:_|$)|(?:^|_)dag(?:_|$)"),
    (r"nights?|nächte|naechte|nacht|nachten", r"night|nacht|naecht|nächt"),
    (r"hours?|stunden?|std|uur|uren", r"hour|stunde|uren|(?:^|_)uur"),
    (r"years?|jahre?n?|jaar|jaren", r"year|jahr|jaar"),
    (r"lessons?|stunden|lektionen|lessen", r"lesson|lektion|lessen"),
    (r"guests?|g(?:ä|ae)ste?n?|gasten|people|personen|persons|pax", r"guest|gast|gaest|person|pax"),
    (r"km|kilometers?|kilometres?|kilometer", r"(?:^|_)km|kilomet"),
    (r"gb|gigabytes?", r"(?:^|_)gb|gigabyte|data"),
    (r"minutes?|minuten|min", r"minute|minuten|(?:^|_)min"),
    # round 13: weights, adults and children ("23 kg" / gewicht_kg: 15, "two children" /
    # children: 1)
    (r"kg|kilos?|kilogramm?|kilogram", r"(?:^|_)kg|kilo|gewicht|weight"),
    (r"adults?|erwachsene[n]?|volwassenen?", r"adult|erwachsen|volwassen"),
    (r"children|kids?|kinder[n]?|kinderen", r"child|kid|kinder|kinderen"),
)
# A count written inside a code value with its unit: "KM_300", "SIMO-20GB", "DATA_5GB".
_CODE_COUNT: Final = re.compile(
    r"(?:^|[_\-\s])(\d{1,5})\s?(km|gb|min)(?=$|[_\-\s])|(?:^|[_\-\s])(km|gb|min)[_\-\s]?(\d{1,5})(?=$|[_\-\s])",
    re.IGNORECASE,
)
NUMBER_WORDS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwölf": 12, "een": 1, "twee": 2,
    "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "negen": 9, "tien": 10, "twaalf": 12,
}  # fmt: skip
_COUNT: Final = r"(\d{1,3}(?:[.,]\d{3})+|\d{1,6}|" + "|".join(NUMBER_WORDS) + r")"
_CLAIMED: Final = tuple(
    (re.compile(rf"\b{_COUNT}(?:-|\s+)(?:extra\s+|more\s+|weitere\s+|mehr\s+)?(?:{words})\b", re.I),
     re.compile(keys, re.I))
    for words, keys in _UNITS
)  # fmt: skip
# A count of change, not of the whole: "um 3 Monate verlängert" may be the extension (key
# "monate") or the new total; "3 more nights" adds to what was there.
_RELATIVE: Final = re.compile(
    r"\b(?:more|extra|additional|another|further|weitere|zusätzliche|extra|nog|meer|"
    # a period looked back on or a deadline, not the setting: "transacties van de afgelopen 90
    # dagen", "within 14 days"
    r"last|past|previous|afgelopen|laatste|letzten|vergangenen|within|binnen|innerhalb|after|"
    r"nach|na|before|vor|voor|ago|geleden)\b",
    re.I,
)


def _count(raw: str) -> int:
    digits = raw.replace(".", "").replace(",", "")  # "25.000" (round 13)
    return int(digits) if digits.isdigit() else NUMBER_WORDS[raw.lower()]


def unit_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A count of a unit the call has a value for (its key names the unit), where the claim
    names none of the call's counts of that unit."""
    for claimed, keys in _CLAIMED:
        said = {_count(m.group(1)) for m in claimed.finditer(text)}
        if not said:
            continue
        have: set[int] = set()
        for key, value in values:
            if keys.search(key) and re.fullmatch(r"\d{1,6}(?:\.0)?", value.strip()):
                have.add(int(float(value)))
            for m in _CODE_COUNT.finditer(value):
                unit = (m.group(2) or m.group(3)).lower()
                if claimed.search(f"1 {unit}"):  # the code's unit is this one
                    have.add(int(m.group(1) or m.group(4)))
        if have and not said & have and not _RELATIVE.search(text):
            named = ", ".join(str(n) for n in sorted(said))
            known = ", ".join(str(n) for n in sorted(have))
            return f"names {named} where the call has {known} for that unit"
    return None


# Round 12: plan tiers by kind, in three languages: a "Family plan" is no "DUO" plan.
_TIER_CLASSES: Final = (
    ("solo", "single", "einzel", "individu", "alleen"),
    ("duo", "couple", "partner", "paar", "samen"),
    ("famil", "gezin", "household", "haushalt", "huishoud"),
    ("basic", "basis", "starter", "lite", "light", "essential"),
    ("premium", "gold", "platinum", "ultra", "unlimited", "onbeperkt", "unbegrenzt"),
    ("student", "studi", "youth", "jugend", "jongeren"),
    ("senior",),
    ("business", "zakelijk", "geschäft", "gewerb"),
)
_PLAN_WORD: Final = re.compile(
    r"plan|tari(?:f|ff)|abo\b|abonnement|subscription|membership|mitgliedschaft|lidmaatschap|"
    r"package|paket|pakket|bundle|bundel|tier|stufe|pass\b",
    re.IGNORECASE,
)
_PLAN_KEY: Final = re.compile(
    r"plan|tari(?:f|ff)|abo|abonnement|subscription|membership|mitgliedschaft|lidmaatschap|"
    r"package|paket|pakket|bundle|bundel|tier|stufe|product|produkt",
    re.IGNORECASE,
)


def _tier_classes(text: str) -> set[int]:
    words = re.findall(r"[^\W\d_]{3,}", text.lower())
    return {i for i, cls in enumerate(_TIER_CLASSES) for w in words if w.startswith(cls)}


def tier_class_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A plan of another kind of tier than the call's ("You're now on the Family plan" after a
    change to ``DUO``, "het Gezin-abonnement" after ``"abonnement": "DUO"``): the claim names a
    plan word and one tier kind, the call's plan value another and not the claim's."""
    if not _PLAN_WORD.search(text):
        return None
    said = _tier_classes(text)
    if len(said) != 1:
        return None
    for key, value in values:
        if not _PLAN_KEY.search(key):
            continue
        have = _tier_classes(value.replace("_", " ").replace("-", " "))
        if have and not have & said:
            return f"names another kind of plan than the call's {key} {value!r}"
    return None


# Seasons and holidays in three languages: the "summer holiday club" is no "autumn_club".
_SEASONS: Final = (
    ("summer", "sommer", "zomer"),
    ("autumn", "fall", "herbst", "herfst", "najaar"),
    ("winter",),
    ("spring", "frühling", "fruehling", "frühjahr", "lente", "voorjaar"),
    ("easter", "ostern", "oster", "pasen", "paas"),
    ("christmas", "xmas", "weihnacht", "kerst"),
)


def _seasons(text: str) -> set[int]:
    words = re.findall(r"[^\W\d_]{3,}", text.lower().replace("_", " "))
    return {i for i, names in enumerate(_SEASONS) for w in words if w.startswith(names)}


def season_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A season or holiday other than every one the calls' values name ("the summer holiday
    club" after ``"club": "autumn_club"``)."""
    said = _seasons(text)
    if not said:
        return None
    have = set().union(*(_seasons(v) for _, v in values)) if values else set()
    if have and not have & said:
        known = ", ".join(_SEASONS[i][0] for i in sorted(have))
        return f"names another season than the call's ({known})"
    return None
