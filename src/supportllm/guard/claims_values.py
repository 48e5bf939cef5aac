"""The values a claim names against the values its tool call was made with (issue 16, item 4,
round 10): "Tom Hale is now an authorised driver" after a call for "Tim Hale", "seat 14A" after
one for "14C", "21 Elm Road" after "12 Elm Road", "Ultra 900" after ``ULTRA_500``, "AB12 CDE"
after "AB12CDF", "black earbuds" after ``EARBUDS-X2-WHT``, "three seats" after ``quantity: 2``.

Each check compares like with like and speaks only when both sides name a value of one kind and
no value of the backing calls is the one the claim names: a value the claim names in another
form ("order FB-77310" and ``FB-77310``, "Flat 3, 21 Elm Road" and ``21 Elm Rd``) is no conflict.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final

from supportllm.guard.claims_amounts import amount_conflict, target_conflict, total_conflict
from supportllm.guard.claims_bridge import tool_words
from supportllm.guard.claims_slots import (
    channel_conflict,
    email_conflict,
    month_conflict,
    number_conflict,
    party_conflict,
    place_conflict,
    postcode_conflict,
    tier_conflict,
    time_conflict,
    weekday_conflict,
)
from supportllm.guard.claims_units import season_conflict, tier_class_conflict, unit_conflict

__all__ = ["alnum_upper", "call_values", "names_call_value", "value_conflict"]

# Keys whose values are free text (a note, a reason, a message): not values of the deed.
_FREE_TEXT_KEY: Final = re.compile(
    r"message|reason|note|comment|text|description|subject|body|url|link|grund|nachricht|"
    r"notiz|betreff|bemerkung|reden|opmerking|onderwerp|bericht|toelichting|omschrijving",
    re.IGNORECASE,
)
_MAX_VALUES: Final = 48


def call_values(*data: Any) -> tuple[tuple[str, str], ...]:
    """The (key, value) leaves of a call's arguments and result, values as text, free-text keys
    left out: {"passenger": "Tim Hale", "seat": "14C", "quantity": 2}."""
    out: list[tuple[str, str]] = []
    for item in data:
        _leaves(item, "", out, 0)
    return tuple(dict.fromkeys(out))[:_MAX_VALUES]


def _leaves(value: Any, key: str, out: list[tuple[str, str]], depth: int) -> None:
    if depth > 4 or _FREE_TEXT_KEY.search(key):
        return
    if isinstance(value, dict):
        for k, v in value.items():
            _leaves(v, str(k), out, depth + 1)
    elif isinstance(value, list):
        for v in value[:16]:
            _leaves(v, key, out, depth + 1)
    elif isinstance(value, str) and 0 < len(value) <= 80:
        out.append((key.lower(), value))
    elif isinstance(value, bool):
        out.append((key.lower(), str(value).lower()))  # {"sms": false}: the call was about SMS
    elif isinstance(value, int | float):
        out.append((key.lower(), f"{value:g}"))


# Words: letters and digits; a time ("14:00", "6pm", "19 Uhr") is one token, dropped below.
_TOKEN: Final = re.compile(r"\d{1,2}[:.]\d{2}|[^\W_]+")
_TIME: Final = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,2}(?:am|pm|h|u|uur|uhr)", re.IGNORECASE)
_CAMEL: Final = re.compile(r"(?<=[a-z])(?=[A-Z])")
_STOP: Final = frozenset(
    [
        "the",
        "and",
        "for",
        "your",
        "you",
        "our",
        "with",
        "from",
        "now",
        "new",
        "van",
        "der",
        "den",
        "het",
        "een",
        "voor",
        "naar",
        "met",
        "und",
        "der",
        "die",
        "das",
        "dem",
        "den",
        "des",
        "mit",
        "von",
        "vom",
        "auf",
        "ist",
        "sind",
        "bei",
        "zum",
        "zur",
    ]
)


# Umlauts as codes spell them ("Öko" / "OEKO", "Müller" / "MUELLER"), round 12.
_UMLAUTS: Final = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_CAMEL.sub(" ", text).translate(_UMLAUTS))


def _comparable(a: str, b: str, b_original: str, named: bool = False) -> bool:
    """Whether two values in the same place differ as values of one kind: numbers or codes
    ("500" and "900", "7" and "7a"), or names one or two letters apart ("Tim" and "Tom",
    "Pieters" and "Peeters") that the claim writes with a capital."""
    if _TIME.fullmatch(a) or _TIME.fullmatch(b):
        return False
    if any(ch.isdigit() for ch in a) and any(ch.isdigit() for ch in b):
        return a != b
    if a.isalpha() and b.isalpha() and b_original[:1].isupper() and min(len(a), len(b)) >= 3:
        if a[0] == b[0] and _edits(a, b) <= (1 if min(len(a), len(b)) < 5 else 2):
            return a != b and not _inflected(a, b)
        if not named:
            return False
        # round 11: another name in the same place ("Jana Weber" / "Jonas Weber", "Sage Mist" /
        # "Sage Green", "B4 Outside" / "B4 Inside"), not a short form or another inflection of it
        # ("R." / "Rosa", "Hbf" / "Hauptbahnhof", "Premium" / "Premiums")
        same = _shortens(a, b) or _shortens(b, a) or a.startswith(b) or b.startswith(a)
        return not (same or a.endswith(b) or b.endswith(a) or b in _STOP or b in _OPENERS)
    return False


# Words that open a sentence with a capital but name nothing.
_OPENERS: Final = frozenset(
    ("your", "my", "our", "his", "her", "their", "this", "that", "ihr", "ihre", "dein", "deine",
     "unser", "unsere", "mein", "meine", "uw", "jouw", "mijn", "onze", "deze", "dit", "die")
)  # fmt: skip


def _inflected(a: str, b: str) -> bool:
    """Whether one word is the other with a case or plural ending (round 14c: "Herrn" of the
    call's "Herr", "Peters" of "Peter"): the same name declined, not another one."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short) :] in ("n", "s", "e", "en", "es", "ns")


def _shortens(short: str, long: str) -> bool:
    """Whether ``short`` is written with letters of ``long`` in order, from its first."""
    if short[0] != long[0]:
        return False
    rest = iter(long[1:])
    return all(ch in rest for ch in short[1:])


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short words only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _neighbour_conflict(claim: Sequence[str], values: Sequence[tuple[str, str]]) -> str | None:
    """A word the claim shares with a value ("Hale", "Elm", "Ultra") whose neighbour differs in
    every place the claim names it: "Tom Hale" / "Tim Hale", "21 Elm Road" / "12 Elm Road"."""
    claim = [c for c in claim if c.lower() not in _PARTICLES]  # "Pieter de Vries": names
    lowered = [c.lower() for c in claim]
    known = {t.lower() for _, v in values for t in _tokens(v)}
    for _, value in _segments(values):
        tokens = [t.lower() for t in _tokens(value) if t.lower() not in _PARTICLES]
        for i, anchor in enumerate(tokens):
            code = anchor.isalnum() and not anchor.isdigit() and not anchor.isalpha()  # "B4"
            if not (code or (len(anchor) >= 3 and anchor.isalpha())) or anchor in _STOP:
                continue
            places = [j for j, c in enumerate(lowered) if c == anchor]
            if not places:
                continue
            clashes = [_clash_at(tokens, i, claim, lowered, j, known) for j in places]
            first = clashes[0]
            if first is not None and all(clashes):  # no place names this value
                return f"names {first[0]!r} where the call has {first[1]!r} ({value!r})"
    return None


# The particles of family names, skipped between a first name and a surname.
_PARTICLES: Final = frozenset(("de", "van", "der", "den", "von", "ten", "ter", "zu", "da", "dos"))


def _segments(values: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Values split where they join two names ("Park Manager - Filey", "Leeds / Headrow")."""
    return [(k, part) for k, v in values for part in re.split(r"\s[-–/|,]\s|,\s*", v) if part]


def _clash_at(
    tokens: list[str], i: int, claim: Sequence[str], lowered: list[str], j: int, known: set[str]
) -> tuple[str, str] | None:
    """The claim's neighbour of the anchor at claim position ``j`` that differs from the
    value's as a value of its kind (and the value's), or None when none does."""
    for d in (-1, 1):
        if not (0 <= i + d < len(tokens) and 0 <= j + d < len(lowered)):
            continue
        a, b = tokens[i + d], lowered[j + d]
        # "Tier 2 network" is "Tier2-Network": the neighbour written in two words
        two = 0 <= j + 2 * d < len(lowered)
        joined = (lowered[j + 2 * d] + b if d < 0 else b + lowered[j + 2 * d]) if two else b
        named = claim[j][:1].isupper()
        if a not in (b, joined) and b not in known and _comparable(a, b, claim[j + d], named):
            return (claim[j + d], a)
    return None


_SEAT: Final = re.compile(r"\b(?:\d{1,2}[A-K]|[A-Z]\d{1,2})\b")
# "from G9 to G10", "von 14A auf 14C": the seat left is no seat of the deed
_LEFT_SEAT: Final = re.compile(r"\b(?:from|von|van)\s+(?:seat\s+|platz\s+|stoel\s+)?(\w+)", re.I)


def _seat_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A seat ("14A", "12D", "G10") other than every seat of that shape the calls name."""
    have = {v.strip().upper() for _, v in values if _SEAT.fullmatch(v.strip())}
    left = set(_LEFT_SEAT.findall(text))
    named = {s for s in _SEAT.findall(text) if s not in left}
    named = {s for s in named if any(s[0].isdigit() == h[0].isdigit() for h in have)}
    if have and named and not named & have:
        return f"names seat {', '.join(sorted(named))} where the call has {', '.join(sorted(have))}"
    return None


def alnum_upper(text: str) -> str:
    """Letters and digits only, upper-cased ("ORD-48812" -> "ORD48812")."""
    return re.sub(r"[^0-9A-Za-z]", "", text).upper()


def _code_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A code of letters and digits one or two characters off the call's ("AB12 CDE" for
    ``AB12CDF``, "12-ABC-3" for ``12-ACB-3``): a typo'd plate, product or reference."""
    words = text.split()
    flat = alnum_upper(text)
    known = {alnum_upper(v) for _, v in values}
    candidates = {alnum_upper(w) for w in words} | {
        alnum_upper(a + b) for a, b in itertools.pairwise(words)
    }
    for _, value in values:
        code = alnum_upper(value)
        if len(code) < 5 or code.isdigit() or code.isalpha() or code in flat:
            continue
        if " " in value.strip() and not re.fullmatch(
            r"[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+){1,2}", value
        ):
            continue  # a phrase, not a code
        for cand in candidates:
            if len(cand) == len(code) and cand not in known and not cand.isalpha():
                off = sum(x != y for x, y in zip(cand, code, strict=True))
                close = off <= 2 or sorted(cand) == sorted(code)
                if close and any(ch.isdigit() for ch in cand):
                    return f"names {cand} where the call has {value!r}"
    return None


# Colours in three languages and the codes shops use for them.
_COLOURS: Final = (
    ("black", r"black|schwarz\w*|zwart\w*|blk|sw"),
    ("white", r"white|wei(?:ß|ss)\w*|wit|witte|wht|ws"),
    ("silver", r"silver|silber\w*|zilver\w*|slv"),
    ("grey", r"gr[ae]y|grau\w*|grijs|grijze|gry"),
    ("blue", r"blue|blau\w*|blauw\w*|blu"),
    ("red", r"red|rot|rote[nmrs]?|rood|rode"),
    ("green", r"green|gr(?:ü|ue)n\w*|groen\w*|grn"),
    ("yellow", r"yellow|gelb\w*|geel|gele|ylw"),
    ("pink", r"pink|rosa|roze"),
    ("brown", r"brown|braun\w*|bruin\w*|brn"),
    ("ochre", r"ochre|ocker\w*|oker\w*"),
    ("orange", r"orange\w*|oranje"),
    ("gold", r"gold\w*|goud\w*"),
)
_COLOUR_RE: Final = tuple(
    (name, re.compile(rf"^(?:{rx})$", re.IGNORECASE)) for name, rx in _COLOURS
)


def _colours(words: Iterable[str]) -> set[str]:
    return {name for w in words for name, rx in _COLOUR_RE if rx.match(w)}


def _colour_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """Another colour than the product the call was for ("black" after ``EARBUDS-X2-WHT``)."""
    have = _colours(t for _, v in values for t in _tokens(v))
    named = _colours(w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 2)
    if have and named and not named & have:
        return f"names {', '.join(sorted(named))} where the call has {', '.join(sorted(have))}"
    return None


_NUMBER_WORDS: Final = {
    w: n
    for n, words in enumerate(
        (
            (),
            ("one", "a", "an", "ein", "eine", "einen", "een"),
            ("two", "zwei", "twee"),
            ("three", "drei", "drie"),
            ("four", "vier"),
            ("five", "fünf", "vijf"),
            ("six", "sechs", "zes"),
            ("seven", "sieben", "zeven"),
            ("eight", "acht"),
            ("nine", "neun", "negen"),
            ("ten", "zehn", "tien"),
        )
    )
    for w in words
}
_COUNT_KEY: Final = re.compile(
    r"quantity|qty|count|anzahl|menge|aantal|seats|licen[cs]es|lizenzen|licenties|plaatsen|"
    r"stuks|stück|plätze|tickets|persons|personen|guests|gäste|gasten",
    re.IGNORECASE,
)


_COUNTED: Final = re.compile(r"\b(\d{1,3}|[^\W\d_]+)\s+(?:extra\s+|more\s+|new\s+)?([^\W\d_]{4,})")


def _count_conflict(text: str, values: Sequence[tuple[str, str]], tool: str) -> str | None:
    """A number of things other than the call's count ("I've added three seats" after
    ``add_seats`` with ``quantity: 2``): the counted noun shares its start with the tool."""
    counts = {v for k, v in values if _COUNT_KEY.search(k) and v.isdigit() and int(v) < 1000}
    if not counts:
        return None
    words = [w for w in tool_words(tool) if len(w) >= 4]
    all_numbers = {v for _, v in values if re.fullmatch(r"\d+", v)}
    for m in re.finditer(
        r"\b(\d{1,3}|[^\W\d_]+)\s+(?:extra\s+|more\s+|new\s+)?([^\W\d_]{4,})", text
    ):
        raw, noun = m.group(1).lower(), m.group(2).lower()
        number = raw if raw.isdigit() else str(_NUMBER_WORDS.get(raw, ""))
        if not number or raw in ("a", "an", "ein", "eine", "einen", "een"):
            continue
        if any(noun[:4] == w[:4] for w in words) and number not in all_numbers:
            return f"names {raw} {noun} where the call has {', '.join(sorted(counts))}"
    return None


def value_conflict(text: str, calls: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> str | None:
    """Why the values the claim's own ``text`` names are not the ones of the backing ``calls``
    ((tool, values) pairs), or None."""
    values = [kv for _, vs in calls for kv in vs]
    if not values:
        return None
    tools = " ".join(tool for tool, _ in calls)
    return (
        _seat_conflict(text, values)
        or _neighbour_conflict(_tokens(text), values)
        or _code_conflict(text, values)
        or _colour_conflict(text, values)
        or _count_conflict(text, values, tools)
        or time_conflict(text, values)
        or place_conflict(text, values)
        or channel_conflict(text, values)
        or postcode_conflict(text, values)
        or number_conflict(text, values)
        or tier_conflict(text, values)
        or weekday_conflict(text, values)
        or email_conflict(text, values)
        or month_conflict(text, values)
        or party_conflict(text, values)
        or unit_conflict(text, values)
        or tier_class_conflict(text, values)
        or season_conflict(text, values)
        or amount_conflict(text, values)
        or target_conflict(text, values)
        or total_conflict(text, values)
    )


# Words of a call's name or values too common to say what the call was for.
_COMMON: Final = frozenset((
    "status", "success", "true", "false", "confirmed", "none", "null", "pending", "active",
    "order", "orders", "customer", "account", "booking", "user", "date", "time", "amount", "type",
    "reason", "update", "change", "cancel", "add", "remove", "set", "send", "create", "request",
    "ticket",
))  # fmt: skip


def _distinctive(word: str) -> bool:
    w = word.lower()
    return len(w) >= 3 and w not in _COMMON and w not in _STOP and not _TIME.fullmatch(w)


def names_call_value(text: str, calls: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> bool:
    """Whether a sentence names what one of the calls ((tool, values) pairs) was for: a word of
    its values or of its name ("Joris", "Sport", "fauteuil", "bestuurder"), or a seat or a code
    of the same shape as one of its values ("12D" for ``12F``, "AB12 CDE" for ``AB12CDF``)."""
    words = {w.lower() for w in _tokens(text) if _distinctive(w)}
    if not words:
        return False
    for tool, values in calls:
        named = {t for t in tool_words(tool) if len(t) >= 5}
        for _, value in values:
            named |= {t.lower() for t in _tokens(value)}
        distinctive = {w for w in named if _distinctive(w)}
        if words & distinctive or any(
            w.endswith(n) for w in words for n in distinctive if len(n) >= 5 and len(w) > len(n)
        ):  # "bankkaart" names kaart_deblokkeren's card
            return True
        if _seat_conflict(text, values) or _code_conflict(text, values):
            return True
    return False
