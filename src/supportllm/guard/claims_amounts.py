"""Amounts a claim names against the calls that back it (issue 16, item 4, round 11): a
near-miss amount ("85 Euro" after a change to 58) and a new amount the claim sets ("ist auf
2.500 € erhöht" after ``neuer_rahmen: 2000``). Split from claims_slots.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from supportllm.guard.claims_slots import STAMP_KEY

__all__ = ["amount_conflict", "target_conflict", "total_conflict"]

_AMOUNT_KEY: Final = re.compile(
    r"amount|betrag|bedrag|preis|prijs|price|rahmen|limit|limiet|total|sum|summe|credit|"
    r"refund|gutschrift|tegoed|erstattung|terugbetaling|fee|gebühr|kosten|rate",
    re.IGNORECASE,
)
_NUM: Final = r"(\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d.,]\d)"
_MONEY: Final = re.compile(
    rf"(?:[€£$]\s?|\b(?:EUR|GBP|CHF)\s?){_NUM}"
    rf"|(?<![\d.,]){_NUM}\s?(?:€|£|\$|EUR|Euro|euro|GBP|CHF|pounds?)",
)


def _money(raw: str) -> float | None:
    raw = raw.replace(" ", "")
    if re.search(r"[.,]\d{1,2}$", raw):
        whole, cents = re.split(r"[.,](?=\d{1,2}$)", raw)
        raw = whole.replace(".", "").replace(",", "") + "." + cents
    else:
        raw = raw.replace(".", "").replace(",", "")
    try:
        return float(raw)
    except ValueError:
        return None


def _numbers(values: Sequence[tuple[str, str]], keys: re.Pattern[str]) -> set[float]:
    """The numeric values of the calls under ``keys`` (system stamps left out)."""
    have: set[float] = set()
    for key, value in values:
        if keys.search(key) and not STAMP_KEY.search(key):
            try:
                have.add(round(float(value), 2))
            except ValueError:
                continue
    return have


def _digits(amount: float) -> str:
    return f"{amount:.2f}".replace(".", "").lstrip("0").rstrip("0")


def amount_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """An amount whose digits are the call's swapped or one off ("85 Euro" after a change to
    58, "€ 2.500" after one to 2000 is not: a near miss, "£21.40" after 12.40), when the claim
    names none of the call's amounts: a typo'd amount, not a price beside the deed."""
    have = _numbers(values, _AMOUNT_KEY)
    said = {a for m in _MONEY.finditer(text) if (a := _money(m.group(1) or m.group(2)))}
    if not have or not said or said & have:
        return None
    for a in sorted(said):
        for h in have:
            x, y = _digits(a), _digits(h)
            swapped = len(x) == len(y) > 1 and sorted(x) == sorted(y)
            one_off = len(x) == len(y) >= 3 and sum(p != q for p, q in zip(x, y, strict=True)) == 1
            if swapped or one_off:
                return f"names {a:g} where the call has {h:g}"
    return None


_TARGET: Final = re.compile(
    rf"\b(?:to|auf|naar|op|bei|at)\s+(?:(?:€|£|\$|EUR|CHF)\s?)?{_NUM}\s?(?:€|£|\$|EUR|Euro|euro|CHF)?"
    # round 13: not a count with a unit ("verhoogd naar 20 GB", "auf 45 Stunden erhöht")
    r"(?!\d|[A-Za-z])(?!\s?(?:GB|MB|TB|Mbit|Mbps|kWh|kW|GB|gb|mb|min|minutes|minuten|Minuten|hours|uur|"
    r"Stunden|stunden|days|dagen|Tage|tage|weeks|weken|Wochen|%|x\b|m2|m²|kg|l\b|km))",
)
# A state set to an amount (round 12): "Je pinlimiet staat nu op €2.500", "liegt jetzt bei".
_NOW_AT: Final = re.compile(
    r"\b(?:staat|steht|liegt|is|ist)\s+(?:nu|jetzt|now|ab\s+sofort|voortaan|vanaf\s+nu)\s+"
    r"(?:op|auf|bei|at)\b",
    re.IGNORECASE,
)
_RAISED: Final = re.compile(
    r"rais|increas|lower|reduc|set|chang|erhöht|erhoeht|gesenkt|gesetzt|geändert|angepasst|"
    r"verhoogd|verlaagd|gezet|gewijzigd|aangepast|gestiegen|angehoben",
    re.IGNORECASE,
)


def target_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A new amount the claim sets ("ist auf 2.500 € erhöht", "raised to £750") that no amount of
    the calls is ("neuer_rahmen": 2000)."""
    if not (_RAISED.search(text) or _NOW_AT.search(text)):
        return None
    said = {a for m in _TARGET.finditer(text) if (a := _money(m.group(1)))}
    have = _numbers(values, _AMOUNT_KEY)
    if not said or not have or said & have:
        return None
    return f"sets {', '.join(f'{a:g}' for a in sorted(said))} where the call has {sorted(have)}"


_TOTAL_SAID: Final = re.compile(
    r"\b(?:new\s+)?(?:total|balance|monthly\s+(?:payment|price|fee)|saldo|gesamtbetrag|"
    r"gesamtsumme|neue[rn]?\s+(?:betrag|monatsbeitrag|rate)|kontostand|guthaben|"
    r"(?:nieuwe?\s+)?(?:totaal|maandbedrag|maandprijs)|tegoed)\b[^.;!?]{0,30}?"
    rf"(?:(?:€|£|\$|EUR|CHF)\s?{_NUM}|{_NUM}\s?(?:€|£|\$|EUR|Euro|euro|CHF))",
    re.IGNORECASE,
)
_TOTAL_KEY: Final = re.compile(
    r"total|balance|saldo|gesamt|kontostand|guthaben|totaal|tegoed|maandprijs|maandbedrag|"
    r"monthly|monatlich",
    re.IGNORECASE,
)


def total_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A total or balance the claim reports that the call's result does not ("your new total
    is £41.20" after ``new_total: 43.55``)."""
    have = _numbers(values, _TOTAL_KEY)
    if not have:
        return None
    said = {a for m in _TOTAL_SAID.finditer(text) if (a := _money(m.group(1) or m.group(2) or ""))}
    if not said or said & have:
        return None
    return f"reports {', '.join(f'{a:g}' for a in sorted(said))} where the call has {sorted(have)}"
