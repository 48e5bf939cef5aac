"""A name given as the answer to a question about the name (PII, round 15): in a chat the
agent asks and the next line answers, often in lower case and with a name no list holds
("Who am I speaking to?⏎Customer: hodan", "Can I take your name and postcode?⏎Visitor:
sukarti, SW1 2AB", "Mit wem spreche ich?⏎Kunde: jörg", "Met wie spreek ik?⏎Klant: fenna de
wit"). The position says it is a name, so the words need not be known names:

- the line before holds a question about the name (EN/DE/NL) and ends with "?";
- the answer line, less a speaker label and a time stamp, starts with one to three words of
  letters (an "it's", "ich bin", "ik ben" before them is dropped), ended by the line's end or
  a comma, full stop or "here";
- no word is a reply word ("yes", "sorry", "why", "klar", "nee") or a common word the name
  rules know (NOT_NAMES), so "sure, one sec" or "Customer: Why do you need it?" are none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from supportllm.guard.pii_name_cues import NOT_NAMES

__all__ = ["NameAnswers", "loose_name"]

_QUESTION: Final = re.compile(
    r"\b(?:who am i (?:speaking|talking|chatting) (?:to|with)|who(?:'s| is) speaking|"
    r"who(?:'s| is) this(?=[ \t]*\?)|"
    r"(?:your|ur) (?:full |first |last |sur)?name\b|what should i call you|"
    r"(?:ihr(?:en)?|dein(?:en)?) (?:vor|nach|vollständigen |vollen )?namen?\b|wie heißen sie|"
    r"wie heissen sie|wie heißt du|wie heisst du|mit wem (?:spreche|schreibe) ich|"
    r"met wie (?:spreek|chat) ik|(?:uw|je|jouw) (?:volledige |voor|achter)?naam\b|"
    r"hoe heet (?:u|je)"
    r")\b(?P<rest>[^\n?]{0,60})\?",
    re.IGNORECASE,
)
# A question about what a pet or a thing is called is no name question ("Hoe heet uw kat?",
# "Wie heißt dein Pferd?"); only the word right after the cue is looked at, so "what should I
# call you and your dog?" still asks for a name. A child's name is a person's: no "son" here.
_THINGS: Final = frozenset(
    ("dog", "cat", "pet", "puppy", "kitten", "horse", "hond", "kat", "poes", "huisdier",
     "paard", "hund", "katze", "haustier", "pferd", "tour", "parcel", "package", "pakket",
     "paket", "order", "bestelling", "bestellung", "company", "business", "shop", "store",
     "bedrijf", "winkel", "firma", "product", "produkt", "boat", "boot", "project", "projekt",
     "team", "network", "netwerk", "netzwerk", "wifi", "device", "apparaat", "gerät", "file",
     "bestand", "datei", "street", "straat", "straße", "strasse", "village", "dorp", "dorf",
     "hotel", "tocht",
     "reis", "reise", "trip", "car", "auto", "bike", "fiets", "fahrrad")
)  # fmt: skip
_POSSESSIVE: Final = frozenset(
    ("your", "ur", "je", "jouw", "uw", "dein", "deine", "deinen", "ihr", "ihre", "ihren", "the",
     "de", "het", "der", "die", "das", "den", "this", "that")
)  # fmt: skip


def _asks_name(line: str) -> bool:
    """Whether ``line`` asks for a person's name, not a pet's or a thing's."""
    m = _QUESTION.search(line)
    if m is None:
        return False
    words = [w.strip(".,;:'’") for w in m.group("rest").lower().split()[:3]]
    words = [w for w in words if w not in _POSSESSIVE] or [""]
    return words[0] not in _THINGS and not words[0].endswith(("'s", "’s"))


_WORD: Final = r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)?"
_ANSWER: Final = re.compile(
    r"[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(?:[^\W\d][\w .'’-]{0,24}:[ \t]*)?"
    r"(?:(?:it'?s|its|i'?m|im|this is|ich bin|bin|ik ben|me)[ \t]+)?"
    rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})"
    r"(?=[ \t]*(?:$|\n|[,.!]|[ \t]+here\b|[ \t]+hier\b))",
    re.IGNORECASE,
)
_REPLY_WORDS: Final = frozenset(
    ("yes", "yeah", "yep", "no", "nope", "sure", "ok", "okay", "hi", "hello", "hey", "sorry",
     "why", "what", "who", "me", "it", "its", "the", "a", "my", "name", "is", "same", "wait",
     "sec", "one", "moment", "thanks", "thx", "please", "pls", "none", "anonymous", "not",
     "rather", "prefer", "already", "told", "you", "above", "see", "customer", "guest", "user",
     "ja", "nein", "nee", "klar", "doch", "moment", "hallo", "hoi", "danke", "bitte", "dank",
     "ik", "ich", "wie", "waarom", "warum", "mein", "mijn", "is", "ist", "just", "only", "first",
     "last", "full", "account", "email", "phone", "number", "mr", "mrs", "ms", "herr", "frau")
)  # fmt: skip

_PARTICLES: Final = frozenset(("van", "de", "der", "den", "von", "ter", "ten", "bin", "al", "el",
                               "da", "dos", "di", "le", "la", "du"))  # fmt: skip


def _plain(words: list[str]) -> bool:
    inner = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and w in _PARTICLES)]
    return not any(w in _REPLY_WORDS or w in NOT_NAMES or w in _THINGS or len(w) < 2 for w in inner)


_LOOSE: Final = re.compile(
    rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{1,2}})(?=[ \t]*(?:$|\n|[,.;!?)]))", re.IGNORECASE
)


def loose_name(text: str, pos: int, known: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Two or three words of letters at ``pos`` that end the clause, none a common or reply
    word and one a known first name or surname (``known``, given the word in lower case): the
    name after a cue that says a name comes ("name on card tunde okafor.", not "name on card
    doesnt match.")."""
    m = _LOOSE.match(text, pos)
    words = m.group("name").lower().split() if m else []
    if m is None or not _plain(words) or not any(known(w) for w in words):
        return []
    return [(m.start("name"), m.end("name"))]


class NameAnswers:
    """Spans of names that answer a name question on the line before. One word may be any
    name ("hodan"); of two or three, at least half (particles aside) must be a known first name
    or surname (``known``, given the word in lower case), so "Booking for two" or "Reception
    desk" are none."""

    def __init__(self, known: Callable[[str], bool]) -> None:
        self._known = known

    def find(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        end = text.find("?")
        while end >= 0:
            # only a line that ends with its question mark is asked (a cheap scan first)
            nl = end + 1
            while nl < len(text) and text[nl] in " \t":
                nl += 1
            if nl < len(text) and text[nl] == "\n":
                line = text[text.rfind("\n", 0, end) + 1 : end + 1]
                if _asks_name(line):
                    out.extend(self._answer(text, nl + 1))
            end = text.find("?", end + 1)
        return out

    def _answer(self, text: str, pos: int) -> list[tuple[int, int]]:
        m = _ANSWER.match(text, pos)
        words = m.group("name").lower().split() if m else []
        if m is None or not _plain(words):
            return []
        # two or three words: most of them known names ("fenna de wit", "pham van long"),
        # so one known name before common words ("Anna table two") is none
        main = [w for w in words if w not in _PARTICLES]
        if len(words) > 1 and 2 * sum(map(self._known, main)) < len(main):
            return []
        return [(m.start("name"), m.end("name"))]
