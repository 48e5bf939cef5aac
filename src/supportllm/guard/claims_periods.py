"""Spans of time compared between a claim and the call that backs it (round 16).

Closed classes of values, in EN/DE/NL, each compared only when both sides name one:

- a billing period: "the annual full membership" after ``plan: full_monthly`` (annual, yearly,
  jährlich, Jahresabo, jaarlijks, jaarabonnement / monthly, monatlich, Monatsabo, maandelijks …);
- a duration: "um 6 Monate verlängern", "ein weiteres halbes Jahr" after ``monate: 3``;
- bare months: "für Februar und März pausiert" after a call that covers February only (its ISO
  dates, from the first to the last);
- a clock range: "between 2 and 4pm" after ``slot: 16:00-18:00``;
- a day range: "20th through 27th December" after ``start: 2026-12-21, end: 2026-12-27``;
- coordinated weekdays: "die Besuche am Samstag und Sonntag" after one call for a Sunday.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Final

from supportllm.guard.claims_dates import MONTH_WORDS, dates_in
from supportllm.guard.claims_instead import without_old

__all__ = ["period_conflict"]

Values = Sequence[tuple[str, str]]

_PERIOD_CLAIM: Final = (
    ("year", r"annual(?:ly)?|yearly|jährlich\w*|jahres(?:abo|tarif|karte|vertrag|plan|"
             r"mitgliedschaft|beitrag|pass)\w*|jaarlijks\w*|jaar(?:abonnement|abo|pas|kaart|"
             r"lidmaatschap|contract|plan|tarief)\w*"),
    ("month", r"monthly|monatlich\w*|monats(?:abo|tarif|karte|vertrag|plan|mitgliedschaft|"
              r"beitrag|pass)\w*|maandelijks\w*|maand(?:abonnement|abo|pas|kaart|lidmaatschap|"
              r"contract|plan|tarief)\w*"),
    ("week", r"weekly|wöchentlich\w*|wekelijks\w*"),
    ("quarter", r"quarterly|vierteljährlich\w*|per\s+kwartaal|kwartaal\w+"),
)  # fmt: skip
_PERIOD_CALL: Final = (
    ("year", r"annual\w*|yearly|year|jahr\w*|jährlich\w*|jaar\w*|12m"),
    ("month", r"monthly|month|monat\w*|maand(?!ag)\w*|1m"),
    ("week", r"weekly|week|wöchentlich|woche|wekelijks"),
    ("quarter", r"quarterly|quarter|quartal\w*|kwartaal\w*"),
)


# A period word is the plan's only before a plan noun ("annual full membership", "monthly plan";
# not "the yearly charge", "£32 monthly") or as a compound ("Jahresabo", "maandabonnement").
_PLAN: Final = (
    r"plan|membership|subscription|contract|pass|tariff|billing|abo\w*|mitgliedschaft|tarif|"
    r"vertrag|abonnement|lidmaatschap|pas|karte|kaart|beitrag|tarief"
)
_PLAN_AFTER: Final = re.compile(rf"(?:\s+[\w-]+){{0,2}}?\s+(?:{_PLAN})\b", re.IGNORECASE)
_PLAN_IN: Final = re.compile(_PLAN, re.IGNORECASE)


def _claim_periods(text: str) -> set[str]:
    out: set[str] = set()
    for name, p in _PERIOD_CLAIM:
        for m in re.finditer(rf"\b(?:{p})\b", text, re.IGNORECASE):
            if _PLAN_IN.search(m.group()[4:]) or _PLAN_AFTER.match(text, m.end()):
                out.add(name)
    return out


def _periods(text: str, table: tuple[tuple[str, str], ...]) -> set[str]:
    return {name for name, p in table if re.search(rf"\b(?:{p})\b", text, re.IGNORECASE)}


def _period(text: str, values: Values) -> str | None:
    said = _claim_periods(text)
    if not said:
        return None
    words = " ".join(re.sub(r"[_\-/]", " ", v) for _, v in values if re.search(r"[a-z]", v, re.I))
    done = _periods(words, _PERIOD_CALL)
    if not done:
        return None
    if said & done:
        return ""
    return f"names a {'/'.join(sorted(said))} period where the call is {'/'.join(sorted(done))}"


_NUMBER: Final[dict[str, int]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12, "ein": 1, "einen": 1,
    "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "sechs": 6, "zwölf": 12, "een": 1, "twee": 2,
    "drie": 3, "zes": 6, "twaalf": 12,
}  # fmt: skip
_UNIT: Final = (
    ("month", r"months?|monate?n?|maand(?:en)?"),
    ("week", r"weeks?|wochen?|weken?"),
    ("year", r"years?|jahre?n?|jaar|jaren"),
)
_NUM: Final = r"\d{1,2}|" + "|".join(_NUMBER)
_DURATION: Final = re.compile(
    rf"(?<!\w)(?P<pre>\w+\s+)?(?P<n>{_NUM})\s+(?:weitere[ns]?\s+|more\s+|extra\s+)?"
    rf"(?P<u>{'|'.join(p for _, p in _UNIT)})\b"
    r"|(?P<half>\bhalf\s+(?:a\s+)?year|\bhalbes\s+jahr|\bhalf\s+jaar|\bsix-month)",
    re.IGNORECASE,
)
# "after 3 months", "binnen 2 weken", "innerhalb von 4 Wochen": a point or a limit, not a length.
_NOT_LENGTH: Final = re.compile(
    r"^(?:after|within|in|nach|innerhalb|binnen|na|over|ago|vor|since|seit|sinds)\s", re.I
)
# A key that holds a length ("months", "monate", "extend_months"), not a rate ("monthly_price",
# "weekly_qty", "maandprijs").
_DURATION_KEY: Final = (
    ("month", re.compile(r"(?:\w*_)?(?:months?|monate?|maand(?:en)?)(?:_\w*)?", re.I)),
    ("week", re.compile(r"(?:\w*_)?(?:weeks?|wochen?|weken)(?:_\w*)?", re.I)),
    ("year", re.compile(r"(?:\w*_)?(?:years?|jahre?|jaren)(?:_\w*)?", re.I)),
)


def _lengths(text: str) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for m in _DURATION.finditer(text):
        if m.group("half"):
            out.setdefault("month", set()).add(6)
            continue
        if m.group("pre") and _NOT_LENGTH.match(m.group("pre")):
            continue
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else _NUMBER[raw]
        unit = next(name for name, p in _UNIT if re.fullmatch(p, m.group("u"), re.I))
        if unit == "year":
            unit, n = "month", n * 12
        out.setdefault(unit, set()).add(n)
    return out


def _duration(text: str, values: Values) -> str | None:
    said = _lengths(text)
    if not said:
        return None
    verdict: str | None = None
    for key, value in values:
        if not value.strip().isdigit():
            continue
        for unit, p in _DURATION_KEY:
            if not p.fullmatch(key):
                continue
            n = int(value) * (12 if unit == "year" else 1)
            unit = "month" if unit == "year" else unit
            if unit in said and n not in said[unit]:
                return f"names {sorted(said[unit])[0]} {unit}s where the call's {key} is {value}"
            if unit in said:
                verdict = ""
    return verdict


_MONTH_NAMES: Final[dict[str, int]] = {
    name: n for n, names in enumerate(MONTH_WORDS, start=1) for name in names
}
_BARE_MONTH: Final = re.compile(
    rf"(?<![\d.]\s)(?<![\d.])\b({'|'.join(_MONTH_NAMES)})\b(?!\s*\d)(?:['’]s)?", re.IGNORECASE
)
# Words before a month that make it a bound or another time ("from March", "bis März", "vanaf
# maart", "resumes in April", "next February").
_BOUND: Final = re.compile(
    r"\b(?:from|until|till|through|since|after|before|by|resum\w*|next|again|ab|bis|seit|nach|"
    r"vor|weiter|wieder|nächst\w*|vanaf|tot|sinds|na|vóór|voor|volgend\w*|opnieuw|weer|"
    r"starting|beginning|ending|ends?|endet|eindigt)\b\W*(?:\w+\W+){0,1}$",
    re.IGNORECASE,
)
_ISO_MONTH: Final = re.compile(r"\b(\d{4})-([01]\d)(?:-[0-3]\d)?\b")


def _bare_months(text: str) -> set[int]:
    # "May" capitalised only in English (the verb "may"); the others are names either way
    out = set()
    for m in _BARE_MONTH.finditer(text):
        if m.group(1).lower() == "may" and not m.group(1)[0].isupper():
            continue
        if _BOUND.search(text[: m.start()]):
            continue
        out.add(_MONTH_NAMES[m.group(1).lower()])
    return out


def _months(text: str, values: Values) -> str | None:
    said = _bare_months(text)
    if not said:
        return None
    stamps = sorted(
        (int(y), int(mo))
        for _, v in values
        for y, mo in _ISO_MONTH.findall(v)
        if 1 <= int(mo) <= 12
    )
    if not stamps:
        return None
    first, last = stamps[0], stamps[-1]
    covered: set[int] = set()
    y, mo = first
    while (y, mo) <= last and len(covered) < 12:
        covered.add(mo)
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    missing = said - covered
    return f"names month {min(missing)} the call does not cover" if missing else ""


_CLOCK_RANGE: Final = re.compile(
    r"\b(?:between|zwischen|tussen)\s+(\d{1,2})(?:[:.](\d\d))?\s*(am|pm)?\s+(?:and|und|en)\s+"
    r"(\d{1,2})(?:[:.](\d\d))?\s*(am|pm|uhr|uur|h)?"
    r"|\b(\d{1,2})(?:[:.](\d\d))?\s*(am|pm)?\s*(?:-|–|to|till|until|bis|tot)\s*"
    r"(\d{1,2})(?:[:.](\d\d))?\s*(am|pm|uhr|uur|h)\b",
    re.IGNORECASE,
)
_CALL_RANGE: Final = re.compile(r"\b(\d{1,2}):(\d\d)\s*[-–]\s*(\d{1,2}):(\d\d)\b")


def _hour(h: str, m: str | None, mark: str | None) -> int:
    hour = int(h) % 12 + (12 if (mark or "").lower() == "pm" else 0)
    if not mark or mark.lower() not in ("am", "pm"):
        hour = int(h)
    return hour * 60 + int(m or 0)


def _clock(text: str, values: Values) -> str | None:
    ranges: list[tuple[int, int]] = []
    for v in (v for _, v in values):
        ranges += [
            (int(a) * 60 + int(b), int(c) * 60 + int(d)) for a, b, c, d in _CALL_RANGE.findall(v)
        ]
    if not ranges:
        return None
    verdict: str | None = None
    for m in _CLOCK_RANGE.finditer(text):
        g = [x for x in m.groups()]
        h1, m1, a1, h2, m2, a2 = g[0:6] if g[0] else g[6:12]
        end = _hour(h2, m2, a2)
        start = _hour(h1, m1, a1 or (a2 if (a2 or "").lower() in ("am", "pm") else None))
        if (a2 or "").lower() == "pm" and not a1 and start > end:
            start = _hour(h1, m1, None)
        if (start, end) not in ranges:
            return "names another time range than the call's"
        verdict = ""
    return verdict


_DAY_RANGE: Final = re.compile(
    r"\b(?:from\s+|vom\s+|van\s+)?(?:the\s+)?([0-3]?\d)(?:st|nd|rd|th|e|\.)?\s*"
    r"(?:-|–|to|through|till|until|bis(?:\s+zum)?|tot(?:\s+en\s+met)?|t/m)\s*(?:the\s+)?"
    r"([0-3]?\d)(?:st|nd|rd|th|e|\.)?\s+(?:of\s+)?([A-Za-zäöü]{3,9})\b",
    re.IGNORECASE,
)
_START_KEY: Final = re.compile(r"start|von|van|from|begin|check_?in|anreise|aankomst|ab$", re.I)
_END_KEY: Final = re.compile(r"end|bis|tot|until|check_?out|abreise|vertrek|^to$", re.I)


def _days(text: str, values: Values) -> str | None:
    starts = {d for k, v in values if _START_KEY.search(k) for d in dates_in(v)}
    ends = {
        d for k, v in values if _END_KEY.search(k) and not _START_KEY.search(k) for d in dates_in(v)
    }
    if not starts or not ends:
        return None
    verdict: str | None = None
    for m in _DAY_RANGE.finditer(text):
        span = dates_in(f"{m.group(1)} {m.group(3)}") | dates_in(f"{m.group(2)} {m.group(3)}")
        if len(span) != 2:
            continue
        first, last = min(span), max(span)
        if first not in starts or last not in ends:
            return "names another day range than the call's"
        verdict = ""
    return verdict


def with_coordinated_months(own: str, sentence: str) -> str:
    """The claim's own text with the months coordinated right after it ("paused for January"
    cut from "… January and February"): the clause splitter ends a clause at "and"."""
    at = sentence.find(own)
    if at < 0:
        return own
    rest = sentence[at + len(own) :]
    m = _MORE_MONTHS.match(rest)
    return own + m.group() if m else own


_WEEKDAYS: Final[dict[str, int]] = {
    name: n
    for n, names in enumerate(
        (
            ("monday", "montag", "maandag"),
            ("tuesday", "dienstag", "dinsdag"),
            ("wednesday", "mittwoch", "woensdag"),
            ("thursday", "donnerstag", "donderdag"),
            ("friday", "freitag", "vrijdag"),
            ("saturday", "samstag", "sonnabend", "zaterdag"),
            ("sunday", "sonntag", "zondag"),
        )
    )
    for name in names
}
_MORE_MONTHS: Final = re.compile(
    rf"(?:\s*(?:,|and|und|en|&|or|oder|of)\s*(?:{'|'.join([*_MONTH_NAMES, *_WEEKDAYS])})\b)+",
    re.IGNORECASE,
)
# Two weekdays or more, coordinated: "Samstag und Sonntag", "Saturday and Sunday", "za en zo".
_DAY_NAME: Final = rf"(?:{'|'.join(_WEEKDAYS)})s?"
_WEEKDAY_PAIR: Final = re.compile(
    rf"\b{_DAY_NAME}(?:\s*,\s*{_DAY_NAME})*\s*(?:and|und|en|&|sowie)\s+(?:(?:the|den|de)\s+)?"
    rf"{_DAY_NAME}\b",
    re.IGNORECASE,
)
_ISO_DAY: Final = re.compile(r"\b(\d{4})-([01]\d)-([0-3]\d)\b")


def _weekday(word: str) -> int:
    """The weekday of a name, also of its plural or adverb ("Saturdays", "samstags")."""
    w = word.lower()
    return _WEEKDAYS[w] if w in _WEEKDAYS else _WEEKDAYS[w[:-1]]


def _weekdays(text: str, values: Values) -> str | None:
    """Coordinated weekdays the call does not name, or (when it names none) its ISO dates do not
    all fall on ("die Besuche am Samstag und Sonntag" after one call for Sunday 2026-12-06)."""
    said: set[int] = set()
    for m in _WEEKDAY_PAIR.finditer(text):
        said |= {_weekday(w) for w in re.findall(_DAY_NAME, m.group(), re.IGNORECASE)}
    if not said:
        return None
    named = {_weekday(w) for _, v in values for w in re.findall(rf"\b{_DAY_NAME}\b", v, re.I)}
    if named:  # the call names its weekdays ("dagen": ["maandag", "woensdag"])
        return "names a weekday the call does not" if said - named else ""
    days: set[int] = set()
    for _, v in values:
        for y, mo, d in _ISO_DAY.findall(v):
            try:
                days.add(date(int(y), int(mo), int(d)).weekday())
            except ValueError:
                continue
    if not days:
        return None
    return "names a weekday the call's dates do not fall on" if said - days else ""


def period_conflict(claim_text: str, done: Iterable[tuple[str, Values]]) -> str | None:
    """Why the claim's span of time is not what the successful calls ((tool, values) pairs)
    did together, or None. Each check says None (not named on both sides), "" (the same) or
    why not."""
    text = without_old(claim_text)  # "… rather than in January": the old value
    values = [kv for _, vs in done for kv in vs]  # two calls may cover Saturday and Sunday
    for check in (_period, _duration, _months, _clock, _days, _weekdays):
        verdict = check(text, values)
        if verdict:
            return verdict
    return None
