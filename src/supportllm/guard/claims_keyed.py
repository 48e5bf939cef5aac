"""The customer's value said in the slot where the call holds another (round 15 of issue 16).

Two readings of one mistake, each without a table of tools: the reply repeats what the
customer asked for, the successful call did something else, and the reply never names what the
call did.

- *A slot named by the call's key* (``keyed_conflict``): a word of a call's key stands in the
  claim ("Uw afspraak in ons filiaal in Zwolle" / ``filiaal: "Assen"``, "omgezet naar het
  jaarlijkse Extra-tarief" / ``tarief: "maand-basis"``), next to it a word the customer wrote
  that no call carries, and a word of the key's value is named neither in the reply nor by the
  customer. The key is the slot: no list of keys.
- *A count* (``count_conflict``): the claim repeats a count the customer wrote ("groep van 9",
  "drei weitere Karten") that no call carries, while a successful call holds another count under
  a key for one (``personen: 10``, ``anzahl: 1``) that neither the reply nor the customer names.

A value under a key for the old one (``from_room``, ``alt``, ``van``), or one the customer put
after "out of", "from", "uit", "aus", "van", is what the deed changed from: no conflict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from supportllm.guard.claims_units import NUMBER_WORDS

__all__ = ["OLD_KEY", "keyed_conflict", "only_filed"]

Done = Sequence[tuple[str, Sequence[tuple[str, str]]]]

_WORD: Final = re.compile(r"[^\W\d_]+|\d+")
# Keys that hold the value a deed changed from, or a name of the customer's own.
OLD_KEY: Final = re.compile(
    r"(?:^|_)(?:from|old|alt|alte[snr]?|van|von|oud|oude|previous|vorher|bisher|current|"
    r"aktuell|huidig|origin|source|before)(?:_|$)",
    re.IGNORECASE,
)
# Words of a value that name no slot of their own.
_FILLER: Final = frozenset(
    ("the", "and", "for", "with", "der", "die", "das", "und", "mit", "für", "fuer", "het", "een",
     "voor", "met", "van", "den", "dem", "des")
)  # fmt: skip


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


# The customer's value after "out of", "from", "uit", "aus", "van": the one a deed moves away from
# ("out of Room 12", "van kamer 3 naar kamer 5"); not a count's "team van 9".
_AWAY: Final = re.compile(
    r"\b(?:(?:out\s+of|away\s+from|from|uit|aus|weg\s+van)\s+|(?:van|von|vom)\s+"
    r"(?=[^.,;!?]*\b(?:naar|nach|auf|zu|zum|zur)\b))(?:the|der|die|das|dem|den|de|het|my|mijn|"
    r"meine[mnr]?|meiner)?\s*((?:\S+\s+){0,2}?\S*\d+\S*)",
    re.IGNORECASE,
)


def _away(asked: str) -> str:
    """What the customer moves away from ("out of Room 12", "from the 14th"), as one text."""
    found = []
    for m in _AWAY.finditer(asked):
        before = asked[: m.start()].split()
        if not (before and re.fullmatch(_HEADS, before[-1], re.IGNORECASE)):
            found.append(m.group(0))
    return " ".join(found)


def _named(word: str, words: set[str]) -> bool:
    """Whether ``word`` is among ``words``, also as a compound's head or inflected
    ("zakelijk" / "zakelijke", "Basis" / "Basistarif")."""
    if word in words:
        return True
    if len(word) < 4:
        return False
    return any(w.startswith(word) or (len(w) >= 4 and word.startswith(w)) for w in words)


def keyed_conflict(text: str, asked: str, reply: str, done: Done) -> str | None:
    """Why the claim's clause ``text`` names the customer's value where a successful call
    (``done``) holds another; None when it does not."""
    return (
        _slot_conflict(text, asked, reply, done)
        or _count_conflict(text, asked, reply, done)
        or _model_conflict(text, asked, reply, done)
        or _day_conflict(text, asked, reply, done)
    )


# A day of the month said alone: "für den 14.", "am 3.", "op de 14e", "on the 14th".
_MONTH_DAY: Final = re.compile(
    r"\b(?:den|dem|am|zum|vom|the|de|op)\s+(\d{1,2})(?:\.(?!\d)|e\b|ste\b|de\b|th\b|st\b|nd\b|rd\b)",
    re.IGNORECASE,
)
_ISO_DAY: Final = re.compile(r"\b\d{4}-\d{2}-(\d{2})\b")


def _month_days(text: str) -> set[int]:
    return {int(d) for d in _MONTH_DAY.findall(text)}


def _day_conflict(text: str, asked: str, reply: str, done: Done) -> str | None:
    """The claim names the day of the month the customer asked ("für den 14.") where every
    successful call that holds a date holds another day, which the reply never names. A day
    under an old/from key (``von``, ``from_date``) may match the claim (a range's start) but is
    never the other day."""
    claimed = _month_days(text) - _month_days(_away(asked))
    if not claimed:
        return None
    held = {
        (key, value, int(d)) for _, vs in done for key, value in vs for d in _ISO_DAY.findall(value)
    }
    if not held or claimed & {d for _, _, d in held}:
        return None
    said = {int(n) for n in re.findall(r"\b\d{1,2}\b", re.sub(r"\d{1,2}[:.]\d{2}", " ", reply))}
    for key, value, day in sorted(held):
        if day not in said and not OLD_KEY.search(key):
            return f"the call has {key} {value!r} where the reply says the {min(claimed)}."
    return None


# A name with its number: "Keratin nr. 5", "Keratin No. 6 shampoo", "Ibuprofen 600", "Gate 12".
_MODEL: Final = re.compile(
    r"\b((?-i:[A-ZÄÖÜ])[^\W\d_]{2,})\s+(?:(?:no|nr|nummer|number|num)\.?\s*|#\s*)?(\d{1,4})\b(?![.,:]\d)",
    re.IGNORECASE,
)


def _models(text: str) -> set[tuple[str, str]]:
    return {(m.group(1).lower(), m.group(2)) for m in _MODEL.finditer(text)}


def _model_conflict(text: str, asked: str, reply: str, done: Done) -> str | None:
    """The claim names the customer's "Keratin nr. 5" where the call holds "Keratin No. 6"
    and the reply never names the call's number with the name."""
    claimed = (_models(text) & _models(asked)) - _models(_away(asked))
    if not claimed:
        return None
    said = _models(reply)
    for _, values in done:
        for key, value in values:
            if OLD_KEY.search(key):
                continue
            for name, number in _models(value):
                if (name, number) in said:
                    continue
                for other, wanted in claimed:
                    if other == name and wanted != number and (name, wanted) not in _models(value):
                        return f"the call has {key} {value!r} where the reply says {wanted}"
    return None


def _slot_conflict(text: str, asked: str, reply: str, done: Done) -> str | None:
    tokens = re.findall(r"[^\W_]+(?:-[^\W_]+)*", text)
    if len(tokens) < 3:
        return None
    told = set(_words(asked))
    said = set(_words(reply))
    carried = {w for _, vs in done for _, v in vs for w in _words(v)}
    for _, values in done:
        for key, value in values:
            if OLD_KEY.search(key) or any(c.isdigit() for c in value) or _FLAG.fullmatch(value):
                continue
            own = [w for w in _words(value) if len(w) >= 3 and w not in _FILLER]
            if not own or all(_named(w, said) for w in own) or all(_named(w, told) for w in own):
                continue  # the reply or the customer names the call's value
            for part in (p for p in key.lower().split("_") if len(p) >= 5):
                for i, token in enumerate(tokens):
                    pieces = token.lower().split("-")
                    if pieces[-1] != part and token.lower() != part:
                        continue
                    for word in _near(token, tokens[i + 1 :]):
                        low = word.lower()
                        if (
                            word[:1].isupper()
                            and len(low) >= 3
                            and low in told
                            and low not in carried
                            and not _DAY.fullmatch(low)
                        ):
                            return (
                                f"the call has {key} {value!r} where the reply says {word!r}, "
                                "as the customer asked"
                            )
    return None


_FLAG: Final = re.compile(r"true|false|yes|no|ja|nein|nee|ok|none|null", re.IGNORECASE)
# Months and weekdays: a day is compared elsewhere (claims_against, claims_dates).
_DAY: Final = re.compile(
    r"(?:jan|feb|m[aä]r|apr|ma[iy]|mei|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zä]*|"
    r"[a-z]+(?:day|tag|dag)",
)
# Words that may stand between a key's word and its value: "filiaal in Zwolle", "Filiale am
# Marktplatz", "branch in the centre of".
_LINK: Final = frozenset(
    ("in", "im", "am", "an", "at", "of", "on", "op", "te", "the", "der", "die", "das", "dem",
     "den", "de", "het", "zu", "zum", "zur", "bei", "bij", "to", "naar", "nach")
)  # fmt: skip


def _near(token: str, after: Sequence[str]) -> list[str]:
    """The words that name a key's value: the other part of its compound ("Extra-tarief"), or
    the run of capitalised words right after it, past words that only link ("filiaal in
    Zwolle", "Tarif LindenStrom Öko Plus")."""
    out = token.split("-")[:-1]
    rest = list(after[:6])
    while rest and rest[0].lower() in _LINK:
        rest.pop(0)
    for word in rest[:3]:
        if not word[:1].isupper():
            break
        out.append(word)
    return out


# A key that holds a count of people, places or things.
_COUNT_KEY: Final = re.compile(
    r"(?:^|_)(?:anzahl|aantal|count|number|num|qty|quantity|menge|personen|persons|people|"
    r"guests|gaeste|gäste|gasten|plaetze|plätze|plaatsen|places|seats|sitze|stoelen|tickets|"
    r"teilnehmer|deelnemers|participants|stueck|stück|stuks|pieces|pax)(?:_|$)",
    re.IGNORECASE,
)
# Counts from two (one is read below, without Dutch "een" = "a"), and the words claims_units
# leaves out.
_NUMBER_WORDS: Final = {w: n for w, n in NUMBER_WORDS.items() if n > 1} | {
    "eleven": 11, "elf": 11, "fuenf": 5
}  # fmt: skip
_ONE_WORDS: Final = frozenset(("one", "eins", "één", "eén"))
# A bare count: not part of a date, time, amount, id or percentage, nor a German ordinal.
_COUNT: Final = re.compile(
    r"(?<![\d.,:/€$£#-])\b(\d{1,3})\b(?![\d,:/%€-]|\.\S|\.\s|\s*(?:€|eur|uhr|uur|u\b|h\b|"
    r"am\b|pm\b|jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|januar|maart|mei))",
    re.IGNORECASE,
)


def _counts(text: str) -> set[int]:
    found = {int(n) for n in _COUNT.findall(text)}
    low = _words(text)
    found |= {_NUMBER_WORDS[w] for w in low if w in _NUMBER_WORDS}
    if any(w in _ONE_WORDS for w in low):
        found.add(1)
    return found


# Nouns of people and places a count stands by: "drei weitere Karten", "groep van 9".
_HEADS: Final = (
    r"(?:pl(?:ä|ae)tze|places|seats|spots|plekken|plaatsen|stoelen|personen|persons|people|"
    r"guests|g(?:ä|ae)ste|gasten|team|teams|groep|group|gruppe|teilnehmer\w*|deelnemers|"
    r"participants|tickets|karten|kaarten|kinder|kinderen|children|kids|adults|erwachsene|"
    r"volwassenen|mensen|leute|rooms|zimmer|kamers)"
)
_BEFORE_HEAD: Final = re.compile(rf"\b(\w+)\s+(?=(?:\w+\s+)?{_HEADS}\b)", re.IGNORECASE)
_AFTER_HEAD: Final = re.compile(
    rf"\b{_HEADS}\s+(?:van|of|von|mit|with|met|aus|uit)\s+(\w+)", re.IGNORECASE
)


def _counted(text: str) -> set[int]:
    """The counts the text puts by a noun of people or places."""
    words = [m.group(1) for r in (_BEFORE_HEAD, _AFTER_HEAD) for m in r.finditer(text)]
    return {n for w in words for n in _counts(w)}


def _count_conflict(text: str, asked: str, reply: str, done: Done) -> str | None:
    keyed = [
        (key, int(value))
        for _, vs in done
        for key, value in vs
        if _COUNT_KEY.search(key) and not OLD_KEY.search(key) and value.strip().isdigit()
    ]
    if not keyed:
        return None
    claimed = (_counted(text) & _counts(asked)) - _counts(_away(asked))
    if not claimed:
        return None
    carried = {int(n) for _, vs in done for _, v in vs for n in re.findall(r"\d+", v)}
    named = _counts(reply) | _counts(asked)
    for count in sorted(claimed - carried):
        for key, value in keyed:
            if value != count and value not in named:
                return f"the call has {key} {value} where the reply says {count}, as asked"
    return None


# A tool that files a request for a deed ("loeschantrag_anlegen", "verwijderverzoek_indienen",
# "create_deletion_request"): the deed waits for someone else, so the call backs a claim that
# names the request ("Ihr Löschantrag ist eingegangen"), not the deed ("wurden gelöscht").
_FILED: Final = re.compile(r"(?:antrag|aanvraag|verzoek|anfrage)$")
_FILED_NAMED: Final = re.compile(
    r"antrag|beantragt|anfrage|angefragt|aanvraag|aangevraagd|verzoek|request|ingediend|"
    r"eingereicht|submitted|filed|aufgenommen|registriert|geregistreerd|in\s+bearbeitung|"
    r"in\s+behandeling|weitergeleitet|doorgestuurd|forwarded|passed\s+on",
    re.IGNORECASE,
)


def only_filed(words: Sequence[str], text: str) -> bool:
    """Whether a tool (its name's ``words``) only filed a request for a deed and the claim's
    sentence ``text`` names no request."""
    filed = any(_FILED.search(w) for w in words) or "request" in words[1:]
    return filed and not _FILED_NAMED.search(text)
