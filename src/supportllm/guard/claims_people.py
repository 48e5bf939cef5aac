"""Another person than the call was for (round 12): "Emma has been moved to the U14 group"
after ``move_training_group`` for ``"player": "Emily Carter"``, "Mark has been added as a
driver" after ``add_additional_driver`` for ``"name": "Sarah Bennett"``.

A name counts when the claim writes it with a capital, the customer's message names the same
person with a capital (so it is a person of the conversation, not a word that opens the
sentence), and no call of the conversation names it; the check speaks only when a successful
call's person value (a key such as ``player``, ``name``, ``kind``, ``instructeur``) has no word
the claim names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

__all__ = ["person_conflict"]

_PERSON_KEY: Final = re.compile(
    r"(?:^|_)(?:name|player|spieler|speler|child|kind|student|pupil|schueler|schüler|leerling|"
    r"kunde|klant|customer|client|"
    r"member|mitglied|lid|passenger|passagier|guest|gast|patient|driver|fahrer|bestuurder|"
    r"participant|teilnehmer|deelnemer|instructor|instructeur|trainer|coach|stylist|barber|"
    r"kapper|friseur|therapist|therapeut|doctor|arzt|arts|dentist|zahnarzt|tandarts|person|"
    r"persoon|holder|inhaber|houder|attendee|employee|mitarbeiter|medewerker|user|"
    r"first_?name|vorname|voornaam|naam|swimmer|schwimmer|zwemmer|rider|reiter|ruiter|dancer|"
    r"runner|athlete|sportler|owner|besitzer|eigenaar|recipient|empf(?:ä|ae)nger|ontvanger|"
    r"traveller|traveler|reisender|reiziger|visitor|besucher|bezoeker)(?:_|$)",
    re.IGNORECASE,
)
_NAME: Final = re.compile(r"(?<![\w.])[A-ZÄÖÜ][a-zäöüßéèëï]{1,}(?:-[A-ZÄÖÜ][a-zäöüßéèëï]+)?\b")
# Capitalised words that are no first names: openers, days, months, titles, greetings.
_NOT_NAMES: Final = frozenset((
    "the", "your", "you", "our", "she", "he", "they", "we", "it", "this", "that", "hi", "hello",
    "dear", "thanks", "thank", "great", "done", "sure", "good", "sorry", "ihr", "ihre", "sie",
    "er", "es", "wir", "du", "dein", "deine", "hallo", "liebe", "lieber", "danke", "gerne",
    "klar", "super", "je", "jij", "u", "uw", "hij", "zij", "wij", "hoi", "hey", "beste", "dank",
    "prima", "top", "mr", "mrs", "ms", "dr", "herr", "frau", "meneer", "mevrouw",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag",
    "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "januar", "februar", "märz", "mai", "juni", "juli", "oktober",
    "dezember", "i",
))  # fmt: skip


# Words before a noun, not before a name: articles, possessives, numbers, and adjectives with a
# German ending ("die alten Tickets", "meine zwei Tickets").
_BEFORE_NOUN: Final = re.compile(
    r"(?:the|a|an|my|your|our|his|her|their|its|this|that|these|those|all|both|two|three|new|"
    r"old|der|die|das|den|dem|des|ein|eine|einen|einem|einer|mein|meine|meinen|meinem|ihr|ihre|"
    r"ihren|ihrem|dein|deine|sein|seine|unser|unsere|zwei|drei|alle|beide|kein|keine|de|het|"
    r"een|mijn|uw|je|jouw|onze|ons|zijn|haar|hun|twee|drie|alle|beide|geen|\w{2,}(?:en|er|es|em)|"
    r"alte|neue|gro(?:ß|ss)e|kleine|erste|zweite|letzte|ganze|andere|n(?:ä|ae)chste|gleiche|"
    r"nieuwe|oude|grote|kleine|eerste|tweede|laatste|hele|andere|volgende|"
    # round 13: numbers and German contracted prepositions ("Die fünf Essen", "vom Essen")
    r"\d+|four|five|six|seven|eight|nine|ten|vier|f(?:ü|ue)nf|sechs|sieben|acht|neun|zehn|vijf|"
    r"zes|zeven|negen|tien|vom|zum|zur|beim|im|ins|ans)",
    re.IGNORECASE,
)


def _names(text: str, first: bool = False) -> set[str]:
    """Capitalised words that may be first names: not after an article, a possessive, a number
    or an inflected adjective, and (unless ``first``) not opening a sentence."""
    out: set[str] = set()
    for m in _NAME.finditer(text):
        before = text[: m.start()].rstrip()
        if not first and (not before or before[-1] in ".!?:\n"):
            continue  # a sentence's first word
        previous = re.findall(r"[^\W\d_]+|\d+", before[-30:])
        if previous and before[-1].isalnum() and _BEFORE_NOUN.fullmatch(previous[-1]):
            continue
        out.add(m.group().lower())
    return out - _NOT_NAMES


def _initials_fit(value: str, names: set[str]) -> bool:
    """Whether every initial of ``value`` ("M." of "M. Yilmaz") starts one of ``names``."""
    initials = re.findall(r"\b([^\W\d_])\.", value)
    return all(any(n.startswith(i.lower()) for n in names) for i in initials)


def person_conflict(
    text: str, asked: str, every: Sequence[str], done: Sequence[Sequence[tuple[str, str]]]
) -> str | None:
    """A person the claim's ``text`` names, whom the customer's message (``asked``) names too
    but no call of the conversation (``every``: their arguments and results as text) does,
    while a successful call (``done``: its values) was for a person the claim does not name."""
    said = _names(text, first=True) & _names(asked)
    if not said:
        return None
    known = {w.lower() for t in every for w in re.findall(r"[^\W\d_]+", t)}
    strangers = {n for n in said if n not in known}
    if not strangers:
        return None
    claim_words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    asked_words = {w.lower() for w in re.findall(r"[^\W\d_]+", asked)}
    for values in done:
        for key, value in values:
            if not _PERSON_KEY.search(key) or "@" in value or any(c.isdigit() for c in value):
                continue
            words = {w.lower() for w in re.findall(r"[^\W\d_]{2,}", value)}
            if words <= asked_words and _initials_fit(value, strangers):
                # round 14c: "Ik ben Mehmet Yilmaz" and ``leerling: "M. Yilmaz"``: the call's
                # person is the one the customer named, written short
                continue
            if words and not words & claim_words:
                who = ", ".join(sorted(strangers))
                return f"names {who} where the call was for {key} {value!r}"
    return None
