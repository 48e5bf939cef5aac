"""Slots a claim names against the calls that back it (issue 16, item 4, round 11): the time
("your ticket is now for the 21:30 showing" after a call for 21:15), the day of the month ("your
appointment is now on the 15th" after one for the 14th) and the branch or stop ("ready to
collect at Northgate" after a hold for Southgate).

Like claims_values.py, each check speaks only when both sides name a value of one kind and no
value of the backing calls is one the claim names.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from typing import Final

from supportllm.guard.claims_dates import MONTH_WORDS, dates_in

__all__ = [
    "NAME_WORD",
    "PLAIN_WORDS",
    "STAMP_KEY",
    "asked_conflict",
    "channel_conflict",
    "day_conflict",
    "email_conflict",
    "lower_words",
    "month_conflict",
    "names_any",
    "number_conflict",
    "party_conflict",
    "place_conflict",
    "postcode_conflict",
    "reply_place_conflict",
    "tier_conflict",
    "time_conflict",
    "weekday_conflict",
]

# "21:30", "9.30 am", "19 Uhr", "7pm", "half past" is left alone (words, not a clock time)
_CLAIM_TIME: Final = re.compile(
    r"(?<![\d.,:€£$])(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d)|\.(?P<d>[0-5]\d)(?=\s*(?:am|pm|uhr|uur|h|u)\b))"
    r"\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?(?![\d.,]\d)"
    r"|(?<![\d.,:€£$])(?P<h2>1[0-2]|0?[1-9])\s*(?P<ap2>am|pm)\b"
    # round 14: the Dutch and Flemish "14u", "om 9u"
    r"|(?<![\d.,:€£$])(?P<h3>[01]?\d|2[0-3])\s*(?:uhr|uur|u)\b",
    re.IGNORECASE,
)
_VALUE_TIME: Final = re.compile(r"(?:T|\b)([01]?\d|2[0-3]):([0-5]\d)(?!\d)")
# Keys that stamp when the system did something, not when the deed is for.
STAMP_KEY: Final = re.compile(
    r"creat|updat|modif|timestamp|processed|logged|sent|_at$|erstellt|geaendert|geändert|"
    r"aangemaakt|verwerkt|gewijzigd|verzonden|received",
    re.IGNORECASE,
)


# A window: "between 1 and 5pm", "zwischen 8 und 12 Uhr", "tussen 10 en 11 uur", "9-12h".
_WINDOW: Final = re.compile(
    r"\b(?:between|zwischen|tussen|from|von|van)?\s*([01]?\d|2[0-3])(?:[:.]([0-5]\d))?\s*"
    r"(?:and|und|en|to|bis|tot|-|–)\s*([01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(am|pm|uhr|uur|h)\b",
    re.IGNORECASE,
)


def _claim_times(text: str) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for m in _WINDOW.finditer(text):
        # the window's start takes its end's half of the day ("between 1 and 5pm": 13:00)
        hour, minute, end = int(m.group(1)), int(m.group(2) or 0), int(m.group(3))
        if m.group(4).lower() == "pm" and hour < 12 and hour + 12 <= end + 12:
            hour += 12
        out.add((hour, minute))
    for m in _CLAIM_TIME.finditer(text):
        if m.group("h") is not None:
            hour, minute = int(m.group("h")), int(m.group("m") or m.group("d"))
            half = (m.group("ap") or "").lower()[:1]
        elif m.group("h2") is not None:
            hour, minute, half = int(m.group("h2")), 0, m.group("ap2").lower()[:1]
        else:
            hour, minute, half = int(m.group("h3")), 0, ""
        if half == "p" and hour < 12:
            hour += 12
        elif half == "a" and hour == 12:
            hour = 0
        out.add((hour, minute))
    return out


def _value_times(values: Iterable[tuple[str, str]]) -> set[tuple[int, int]]:
    return {
        (int(h), int(m))
        for key, value in values
        if not STAMP_KEY.search(key)
        for h, m in _VALUE_TIME.findall(value)
    }


def _same_time(said: tuple[int, int], have: set[tuple[int, int]]) -> bool:
    """A time the claim writes without am/pm may be either half of the day ("9:30" for
    21:30)."""
    hour, minute = said
    return said in have or ((hour + 12) % 24, minute) in have


def time_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A clock time other than every time the calls were made with or report ("the 21:30
    showing" after ``voorstelling: 2025-02-07T21:15``); timestamps of the system are left out."""
    have = _value_times(values)
    said = _claim_times(text)
    if not have or not said or any(_same_time(t, have) for t in said):
        return None
    named = ", ".join(f"{h:02d}:{m:02d}" for h, m in sorted(said))
    known = ", ".join(f"{h:02d}:{m:02d}" for h, m in sorted(have))
    return f"names {named} where the call has {known}"


# "the 15th", "am 15.", "op de 15e", "on the 3rd" (a day of the month without its month)
_DAY_ORDINAL: Final = re.compile(
    r"\b(?:the|on\s+the|am|zum|den|de|op\s+de)\s+([1-9]|[12]\d|3[01])(?:st|nd|rd|th|\.(?!\d)|e|ste)\b",
    re.IGNORECASE,
)


def day_conflict(text: str, have: frozenset[tuple[int, int]]) -> str | None:
    """A day of the month the claim names without a month ("now on the 15th") that is no day
    of the calls' dates."""
    said = {int(d) for d in _DAY_ORDINAL.findall(text)}
    days = {day for _, day in have}
    if not said or not days or said & days:
        return None
    return (
        f"names the {', '.join(str(d) for d in sorted(said))}. where the call has "
        f"{', '.join(str(d) for d in sorted(days))}."
    )


# Keys that name a branch, shop, stop or site: the place the deed is for.
_PLACE_KEY: Final = re.compile(
    r"branch|store|shop|location|station|stop|site|depot|pickup|collect|filiale|standort|"
    r"abhol|haltestelle|vestiging|winkel|locatie|afhaal|halte|ophaal",
    re.IGNORECASE,
)
_WORD: Final = re.compile(r"[^\W\d_]{4,}")


def _near_miss(said: str, have: str) -> bool:
    """Two place names of one family, not the same: "Northgate" and "Southgate", "Marktplatz"
    and "Markthalle" (a shared start or end of four letters or more)."""
    a, b = said.lower(), have.lower()
    if a == b or a.startswith(b) or b.startswith(a):
        return False
    start = len(_common_start(a, b))
    if start >= min(len(a), len(b)) - 1:
        return False  # one place inflected: "Bremer" of "Bremen", "Utrechtse" of "Utrecht"
    end = len(_common_start(a[::-1], b[::-1]))
    return max(start, end) >= 4


def _common_start(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def place_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A branch or stop of the same family as the call's, not the call's ("at Northgate" after
    a hold with ``pickup_branch: Southgate``)."""
    places = [v for k, v in values if _PLACE_KEY.search(k) and not any(c.isdigit() for c in v)]
    if not places:
        return None
    have = {w.lower() for v in places for w in _WORD.findall(v)}
    for word in _WORD.findall(text):
        if not word[0].isupper() or word.lower() in have:
            continue
        for place in places:
            hit = next((w for w in _WORD.findall(place) if _near_miss(word, w)), None)
            if hit is not None:
                return f"names {word!r} where the call has {place!r}"
    return None


# Keys that name which kind of a thing the deed was for: the add-on, tier, class or item.
_KIND_KEY: Final = re.compile(
    r"addon|add_on|extra|tier|stufe|plan|tarif|package|paket|pakket|categor|kategorie|class|"
    r"klasse|cabin|kabine|hut|bike_type|room_type|product|produkt|artikel|storniert|variant|"
    r"size|gr(?:ö|oe)(?:ss|ß)e|maat|level|niveau|module|"
    # round 12: the boat, car model, sort, blend or colour the deed was for
    r"boat|boot|vessel|vehicle|fahrzeug|voertuig|model|blend|roast|flavou?r|"
    r"smaak|geschmack|colou?r|farbe|kleur|bouquet|boeket|strauss|strauß",
    re.IGNORECASE,
)
NAME_WORD: Final = re.compile(r"[^\W\d_]{3,}")
# Words a claim and a request share that name no kind of thing.
PLAIN_WORDS: Final = frozenset((
    "please", "thanks", "account", "order", "booking", "ticket", "today", "tomorrow", "month",
    "week", "year", "from", "with", "your", "that", "this", "have", "will", "would", "could",
    "bitte", "danke", "konto", "buchung", "bestellung", "heute", "morgen", "monat", "woche",
    "graag", "bedankt", "boeking", "bestelling", "vandaag", "morgen", "maand", "week",
    "voor", "naar", "over", "door", "nach", "über", "auch", "into", "onto", "than",
))  # fmt: skip


def lower_words(text: str) -> set[str]:
    return {w.lower() for w in NAME_WORD.findall(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text))}


def names_any(words: set[str], wanted: set[str]) -> bool:
    """Whether one of ``words`` is one of ``wanted``, an inflection or a compound of it."""
    return any(
        w == v or (min(len(w), len(v)) >= 4 and (w[:4] == v[:4] or w.endswith(v) or v.endswith(w)))
        for w in words
        for v in wanted
    )


def _plain_words(value: str) -> bool:
    """A kind named in words ("travel", "Duo", "Bank Lisa 3-zits groen"), not a code
    (``CHILD_SEAT``, ``SIMO-20GB``, ``PZN 01016090``)."""
    words = value.split()
    return (
        0 < len(words) <= 4
        and value.lower() not in ("true", "false", "yes", "no", "none", "null")
        and not any(ch in value for ch in "@+")
        and not any(w.isupper() and len(w) > 1 for w in words)
        and sum(ch.isalpha() for ch in value) > sum(ch.isdigit() for ch in value)
    )


def asked_conflict(
    text: str, asked: str, calls: Sequence[tuple[str, Sequence[tuple[str, str]]]]
) -> str | None:
    """A kind of thing the customer asked for that the claim names but the call was not made
    for ("Dental cover has been added" after ``addon: travel``, "jetzt auf Family umgestellt"
    after ``stufe: duo``): the call's kind is named by neither the claim nor the request."""
    said = lower_words(text)
    request = lower_words(asked)
    known = set().union(
        *(lower_words(tool) | lower_words(" ".join(v for _, v in vs)) for tool, vs in calls)
    )
    shared = {
        w
        for w in said & request
        if len(w) >= 4 and w not in PLAIN_WORDS and not names_any({w}, known)
    }
    if not shared:
        return None
    for _, values in calls:
        for key, value in values:
            if not _KIND_KEY.search(key) or not _plain_words(value):
                continue
            kind = {w for w in lower_words(value) if w not in PLAIN_WORDS}
            if kind and not names_any(said, kind) and not names_any(request, kind):
                return f"names {', '.join(sorted(shared))} where the call has {key} {value!r}"
    return None


# Channels a customer hears from a company on, in three languages.
_CHANNELS: Final = (
    ("email", r"e-?mails?|mails?|newsletters?|e-?mailberichten"),
    ("sms", r"sms(?:'?(?:je)?s)?|texts?|text\s+messages|sms-nachrichten|berichtjes"),
    ("push", r"push(?:-?(?:nachrichten|notifications|meldingen|berichten))?|notifications"),
    ("post", r"post|letters?|briefe?|brieven|mailings?"),
    ("phone", r"(?:phone\s+)?calls|anrufe|telefoontjes|gebeld"),
)
_CHANNEL_RE: Final = tuple(
    (name, re.compile(rf"\b(?:{rx})\b", re.IGNORECASE)) for name, rx in _CHANNELS
)


def _channels(text: str) -> set[str]:
    return {name for name, rx in _CHANNEL_RE if rx.search(text)}


def channel_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """Two channels claimed after calls for one ("no more emails or texts" after
    ``unsubscribe`` with ``channel: email``)."""
    said = _channels(text)
    have = set().union(
        *(_channels(v) for k, v in values if re.search(r"chan|kanal|kanaal|type", k, re.I))
    )
    if len(said) < 2 or not have or said <= have:
        return None
    return f"names {', '.join(sorted(said))} where the calls were for {', '.join(sorted(have))}"


# Postcodes of the Netherlands ("3581 KB"), the UK ("BS6 5AJ") and five-digit ones ("04229").
_POSTCODE: Final = re.compile(
    r"\b(?:\d{4}\s?[A-Z]{2}|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|\d{5})\b(?!\s*(?:€|EUR|eur|%))"
)


def postcode_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A postcode other than every postcode of that shape the calls name ("3581 KB Utrecht"
    after an address change to "3518 KB")."""
    have = {
        _squash(p)
        for k, v in values
        for p in _POSTCODE.findall(v)
        if not p.isdigit() or _ADDRESS_KEY.search(k)  # five digits: an id unless an address's
    }
    said = {_squash(p) for p in _POSTCODE.findall(text)}
    said = {p for p in said if any(_shape(p) == _shape(h) for h in have)}
    if not said or said & have:
        return None
    return f"names postcode {', '.join(sorted(said))} where the call has {', '.join(sorted(have))}"


_ADDRESS_KEY: Final = re.compile(
    r"post|zip|plz|address|adres|anschrift|stra(?:ss|ß)e|street|ort|city", re.IGNORECASE
)


def _squash(code: str) -> str:
    return code.replace(" ", "").upper()


def _shape(code: str) -> str:
    return re.sub(r"[A-Z]", "A", re.sub(r"\d", "9", code))


# Numbers of a place, a pitch or a unit ("plek 114", "seat 41"), not an amount or a count.
_NUMBER_KEY: Final = re.compile(
    r"seat|sitz|stoel|plaats|plek|platz|pitch|stellplatz|unit|abteil|room|zimmer|kamer|locker|"
    r"fach|kluis|table|tisch|tafel|house|hausnummer|huisnummer|platform|gleis|spoor|court|lane|"
    r"bay|box|slot|nummer|number|nr|(?:^|_)id$|job|order|auftrag|bestelling|reparatie|repair|"
    r"booking|boeking|buchung|ticket|vertrag|contract|reservation|reservering|"
    # round 12: a meter reading or a quantity ("reading": 40231, "weekly_qty": 350)
    r"reading|stand|qty|quantity|menge|anzahl|aantal|count|stueck|stuks",
    re.IGNORECASE,
)
_CLAIM_NUMBER: Final = re.compile(
    r"(?<![\d.,€£$-])\b\d{2,8}\b(?![.,]\d|\s*(?:€|%|eur|gb|mb))", re.I
)
# A room or unit number with a dot ("Zimmer 3.17", "kamer 4.12"), read as its digits.
_DOTTED: Final = re.compile(r"(?<![\d.,€£$])\b(\d{1,3})\.(\d{2})\b(?![.,]?\d|\s*(?:€|%|eur))", re.I)


def number_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A place number with its digits swapped or one digit off ("plek 114" after a move to
    141, "seat 16" after one for 61) and the call's own number not named."""
    have = {
        v.replace(".", "")
        for k, v in values
        if _NUMBER_KEY.search(k) and re.fullmatch(r"\d{2,8}|\d{1,3}\.\d{2}", v)
    }
    if not have:
        return None
    said = set(_CLAIM_NUMBER.findall(text)) | {a + b for a, b in _DOTTED.findall(text)}
    if not said or said & have:
        return None
    for n in sorted(said):
        for v in have:
            swapped = sorted(n) == sorted(v)
            one_off = len(v) >= 3 and sum(a != b for a, b in zip(n, v, strict=False)) == 1
            if len(n) == len(v) and (swapped or one_off):
                return f"names {n} where the call has {v}"
    return None


def reply_place_conflict(reply: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A branch of the same family as the call's named anywhere in a reply that never names the
    call's ("I've reserved it for you. … waiting for you at Northgate" after a hold for
    Southgate)."""
    places = [v for k, v in values if _PLACE_KEY.search(k) and not any(c.isdigit() for c in v)]
    said = {w.lower() for w in _WORD.findall(reply)}
    if any(w.lower() in said for v in places for w in _WORD.findall(v)):
        return None
    return place_conflict(reply, values)


_PLAN_KEY: Final = re.compile(
    r"^(?:new|neu|neue[rs]?|nieuw|nieuwe|target|ziel|doel)$|plan|tari(?:f|ff)|abonnement|abo\b|package|paket|pakket|tier|stufe|level|bundle|bundel|"
    r"product|produkt|module|option",
    re.IGNORECASE,
)
_TIER: Final = frozenset((
    "plus", "pro", "max", "extra", "premium", "basic", "basis", "lite", "light", "mini", "ultra",
    "family", "familie", "duo", "solo", "s", "m", "l", "xl", "xxl", "gold", "silver", "silber",
    "zilver", "business", "start", "starter", "standard", "comfort", "komfort",
))  # fmt: skip


def _plan_tokens(text: str) -> list[str]:
    return [t.lower() for t in re.findall(r"[^\W_]+", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text))]


def tier_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A plan named with another tier after the same name ("Premium Plus" after a change to
    ``premium``, "Smart L" after one to ``SMART_M``)."""
    said = _plan_tokens(text)
    for key, value in values:
        if not _PLAN_KEY.search(key):
            continue
        tokens = _plan_tokens(value)
        if not tokens or len(tokens[0]) < 3:
            continue
        have = tokens[1] if len(tokens) > 1 else None
        for i, word in enumerate(said[:-1]):
            nxt = said[i + 1]
            if word == tokens[0] and nxt in _TIER and nxt != have and nxt not in tokens:
                return f"names {word} {nxt} where the call has {value!r}"
    return None


# Weekdays in three languages, Monday first; a German compound starts with one
# ("Dienstagskurs"), an English possessive ends with one ("Tuesday's").
_WEEKDAYS: Final = (
    ("monday", "montag", "maandag", "mon", "mo", "ma"),
    ("tuesday", "dienstag", "dinsdag", "tue", "di"),
    ("wednesday", "mittwoch", "woensdag", "wed", "mi", "wo"),
    ("thursday", "donnerstag", "donderdag", "thu", "do"),
    ("friday", "freitag", "vrijdag", "fri", "fr", "vr"),
    ("saturday", "samstag", "sonnabend", "zaterdag", "sat", "sa", "za"),
    ("sunday", "sonntag", "zondag", "sun", "so", "zo"),
)
_ISO_DAY: Final = re.compile(r"\b(20\d\d)-([01]\d)-([0-3]\d)\b")


# A day left behind: "from Saturday", "die van zaterdag", "statt Montag".
_LEFT_DAY: Final = re.compile(
    r"\b(?:from|instead\s+of|von|vom|statt|anstatt|van|plaats\s+van|old|alten?|oude)\s+"
    r"(?:(?:the|your|dem|den|de|je|uw)\s+)?[^\W\d_]+",
    re.IGNORECASE,
)


def _weekdays_said(text: str) -> set[int]:
    out: set[int] = set()
    for word in re.findall(r"[^\W\d_]{5,}", _LEFT_DAY.sub(" ", text).lower()):
        for day, names in enumerate(_WEEKDAYS):
            if any(word.startswith(n) for n in names if len(n) >= 5):  # full names in prose
                out.add(day)
    return out


def _weekdays_of(values: Sequence[tuple[str, str]]) -> set[int]:
    """The weekdays the calls' dates fall on and the weekdays their values name ("dag_zondag",
    "YOGA-TUE-1830")."""
    out: set[int] = set()
    for key, value in values:
        if STAMP_KEY.search(key):
            continue
        for y, m, d in _ISO_DAY.findall(value):
            try:
                out.add(datetime.date(int(y), int(m), int(d)).weekday())
            except ValueError:
                continue
        parts = re.split(r"[\W_]+", value.lower())
        # a two-letter day after the first part of a code in capitals ("AQUAJOG-DO-1930",
        # "TURNEN-MO"), round 12
        code = value.isupper() and len(parts) >= 2
        for i, part in enumerate(parts):
            for day, names in enumerate(_WEEKDAYS):
                if part in names and (len(part) >= 5 or len(part) == 3 or (code and i >= 1)):
                    out.add(day)
    return out


def weekday_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A weekday other than every weekday the calls are for ("your Tuesday class" after a
    booking for Thursday 20 June, "je dagticket voor zaterdag" after one for ``dag_zondag``)."""
    said = _weekdays_said(text)
    if not said:
        return None
    days = frozenset(dates_in(" ".join(v for k, v in values if not STAMP_KEY.search(k))))
    if dates_in(text) & days:
        return None  # the claim names the call's date: that decides, not the weekday beside it
    have = _weekdays_of(values)
    if not have or said & have:
        return None
    names = ", ".join(_WEEKDAYS[d][0] for d in sorted(said))
    known = ", ".join(_WEEKDAYS[d][0] for d in sorted(have))
    return f"names {names} where the call is for {known}"


_EMAIL: Final = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def email_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """An e-mail address other than every address the calls name ("lea.vogt@…" after a
    transfer to "lena.vogt@…")."""
    said = {e.lower().rstrip(".") for e in _EMAIL.findall(text)}
    have = {e.lower() for _, v in values for e in _EMAIL.findall(v)}
    if not said or not have or said & have:
        return None
    return f"names {', '.join(sorted(said))} where the call has {', '.join(sorted(have))}"


_PERIOD_KEY: Final = re.compile(
    r"^(?:from|to|start|end|von|bis|van|tot|vanaf|ab|until|begin|ende|einde)(?:_date|_datum)?$|"
    r"period|zeitraum|periode|monat|month|maand",
    re.IGNORECASE,
)


def month_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A month named without a day other than the month the calls are for, when a call names a
    month ("ruht im Juli" after a pause with ``monat: 2024-08``)."""
    have = {int(m) for _, v in values for m in re.findall(r"^20\d\d-([01]\d)$", v.strip())}
    have |= {  # the months a pause or a period runs ("from": "2024-07-01", "to": "2024-07-31")
        int(m)
        for k, v in values
        if _PERIOD_KEY.search(k)
        for m in re.findall(r"^20\d\d-([01]\d)-[0-3]\d$", v.strip())
    }
    if not have:
        return None
    words = re.findall(r"[^\W\d_]+", text.lower())
    said = {i + 1 for i, names in enumerate(MONTH_WORDS) for w in words if w in names}
    if not said or said & have:
        return None
    return f"names month {', '.join(map(str, sorted(said)))} where the call has {sorted(have)}"


_PARTY_KEY: Final = re.compile(
    r"guests|gäste|gaeste|gasten|persons|personen|people|pax|adults|erwachsene|volwassenen|"
    r"participants|teilnehmer|deelnemers|travellers|reisende|reizigers",
    re.IGNORECASE,
)
_PARTY: Final = re.compile(
    r"\b(?:for|für|voor)\s+(?:(?:the|die|de)\s+)?(\d{1,2}|two|three|four|five|six|zwei|drei|vier|"
    r"fünf|sechs|twee|drie|vijf|zes)\b(?!\s*(?:[.:]\d|nights?|nächte|nachten|days?|tage|dagen|"
    r"weeks?|wochen|weken|months?|monate|maanden|hours?|stunden|uur|€|eur|%|x\b))",
    re.IGNORECASE,
)
_NUMBER: Final = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "twee": 2, "drie": 3, "vijf": 5, "zes": 6,
}  # fmt: skip


def party_conflict(text: str, values: Sequence[tuple[str, str]]) -> str | None:
    """A party of another size than the call's ("your couples massage for two" after a booking
    with ``guests: 1``)."""
    have = {int(v) for k, v in values if _PARTY_KEY.search(k) and v.isdigit()}
    if not have:
        return None
    said = {int(n) if n.isdigit() else _NUMBER[n.lower()] for n in _PARTY.findall(text)}
    if not said or said & have:
        return None
    return f"names a party of {', '.join(map(str, sorted(said)))} where the call has {sorted(have)}"
