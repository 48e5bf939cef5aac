"""Names at spots the cue lists do not cover (PII, round 13, second pass), each a form a real
message of that kind takes, found without the gazetteer:

- the line right below a mail app's "Sent from my Pixel" / "Von meinem iPhone gesendet" /
  "Verzonden vanaf mijn iPhone" (the writer signs under it);
- a name in apposition to the writer: "the contact is me, Funmilayo Akande, on …", "das bin
  ich, Jana Wolff";
- a chat line whose speaker label is the customer and whose whole answer is a name ("14:03
  customer: Aditi Raghunathan, ends 9021");
- thanks at the very end of a message and one name ("Danke dir, Flo", "Thanks 🙏 Jo"), or an
  agent's "Thanks Aditi, I can see …";
- a relative without "my/mein/mijn" ("Rückruf über Sohn Minh", "son (Ciarán)");
- Dutch academic titles stacked before initials ("mr. drs. C.W. ten Hove", "ir. J. de Boer");
- a key;value row of a name field ("Nachname;Zając", "achternaam<TAB>de Wit").

Everything is tried only after a cheap substring or pattern test says the spot can be there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from supportllm.guard.pii_companies import is_title_or_company
from supportllm.guard.pii_name_cues import NAME_TOKEN, NON_PERSON, NOT_NAMES, PARTICLES

__all__ = ["NameSpots"]

_NAME: Final = rf"{NAME_TOKEN}(?:[ \t]+(?:{PARTICLES}[ \t]+)*{NAME_TOKEN}){{0,3}}"
_DEVICE: Final = (
    r"(?:sent from my|sent from (?:outlook|yahoo mail|mail) for|gesendet von meinem|"
    r"von meinem [^\n]{2,30} gesendet|verzonden (?:vanaf|met) mijn|verstuurd (?:vanaf|met) mijn)"
)
_RELATIVES: Final = (
    r"sohn|tochter|enkel|enkelin|bruder|schwester|neffe|nichte|ehemann|ehefrau|"
    r"son|daughter|grandson|granddaughter|nephew|niece|stepson|stepdaughter|"
    r"zoon|dochter|kleinzoon|kleindochter|broer|zus|zoontje|dochtertje"
)
_THANKS: Final = (
    r"thanks|thank you|thx|ty|cheers|danke(?:[ \t]+(?:dir|euch|schön|sehr|vielmals))?|"
    r"vielen dank|dankeschön|merci|bedankt|dank(?:[ \t]+(?:je|u|jullie))?(?:[ \t]+wel)?"
)
_CHAT_CUSTOMER: Final = (
    r"customer|client|caller|user|visitor|guest|kunde|kundin|anrufer|anruferin|klant|beller|"
    r"bezoeker"
)
_KEYS: Final = (
    r"name|full name|first name|last name|surname|family name|given name|vorname|nachname|"
    r"familienname|geburtsname|voornaam|achternaam|naam|roepnaam|voorletters|"
    r"tussenvoegsel"
)


# cheap substring tests (on the lower-cased text) before each pattern
_DEVICE_WORDS: Final = ("sent from", "gesendet", "verzonden", "verstuurd")
_THANKS_WORDS: Final = ("thank", "danke", "bedankt", "dank je", "dank u")
_RELATIVE_WORDS: Final = (
    *(f"{w} " for w in _RELATIVES.split("|") if w not in ("son", "zus")),
    " son ",
    " son (",
    " zus ",
)


class NameSpots:
    """Compiled patterns of the spots above."""

    def __init__(self) -> None:
        m = re.MULTILINE
        self._device = re.compile(
            rf"(?im)^[ \t>]*{_DEVICE}[^\n]*\n(?:[ \t>]*\n)?[ \t>]*(?-i:({_NAME}))[ \t]*$"
        )
        self._apposition = re.compile(
            r"(?<![\w])(?i:(?:is|was|that's|it's|that is|it is)[ \t]+me|das bin ich|"
            rf"dat ben ik),[ \t]*({NAME_TOKEN}(?:[ \t]+(?:{PARTICLES}[ \t]+)*{NAME_TOKEN}){{1,3}})"
            r"(?=[ \t]*[,.;)]|[ \t]+(?:on|at|via|unter|op)\b)"
        )
        self._chat_answer = re.compile(
            rf"^[ \t]*(?:\[?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\]?[ \t]*)?(?i:{_CHAT_CUSTOMER})[ \t]*:"
            rf"[ \t]*({NAME_TOKEN}(?:[ \t]+(?:{PARTICLES}[ \t]+)*{NAME_TOKEN}){{1,3}})"
            r"[ \t]*(?:,|$)",
            m,
        )
        self._thanks_end = re.compile(
            rf"(?<![\w])(?i:{_THANKS})[ \t]*[,!.:]?[ \t]*(?:[^\w\s]{{1,3}}[ \t]*)?\n?[ \t]*"
            rf"({NAME_TOKEN}(?:[ \t]+{NAME_TOKEN})?)[ \t]*[.!]?[ \t]*\Z"
        )
        # tried only where a thanks word starts (found with str.find)
        self._thanks_agent = re.compile(
            rf"(?:thanks|thank you|danke|bedankt|dank je|dank u)[ \t]+({NAME_TOKEN}),"
            r"[ \t]+(?:I|I'm|I've|I'll|we|we've|ich|wir|ik|we|let me|can you|could you)\b",
            re.IGNORECASE,
        )
        self._relative = re.compile(
            rf"(?<![\w])(?i:{_RELATIVES})[ \t]+\(?({NAME_TOKEN}(?:[ \t]+{NAME_TOKEN})?)\)?"
            r"(?![\w'’-])"
        )
        self._has_relative = re.compile(rf"(?i)(?<![\w])(?:{_RELATIVES})[ \t]+\(?[A-ZÀ-Þ]")
        self._titles = re.compile(
            r"(?<![\w.])(?i:(?:mr|drs|dr|ir|ing|prof|ds|bc|mevr|dhr|mw)\.[ \t]*){1,4}"
            r"((?:[A-Z]\.[ \t]?){1,5}[ \t]*(?:(?:van der|van den|van de|van|von|de|der|den|ten|"
            r"ter|te|het|'t|la|le|du|di|da|op den|op de|in 't)[ \t]+)?[A-Z][\w'’-]+)"
        )
        self._has_initials = re.compile(r"[a-z]\.[ \t]*[A-Z]\.")  # "drs. C.W.": cheap test
        self._key_value = re.compile(
            rf"^[ \t]*(?i:{_KEYS})[ \t]*[;\t|=][ \t]*((?:{PARTICLES}[ \t]+)?{_NAME})[ \t;|]*$", m
        )
        self._has_key_value = re.compile(rf"(?im)^[ \t]*(?:{_KEYS})[ \t]*[;\t|=]")

    def find(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the names at the spots above."""
        out: list[tuple[int, int]] = []
        low = text.lower()
        if any(w in low for w in _DEVICE_WORDS):
            out += self._plausible(text, self._device.finditer(text))
        if "s me," in low or "bin ich," in low or "ben ik," in low:
            out += self._plausible(text, self._apposition.finditer(text))
        if ":" in text:
            out += self._plausible(text, self._chat_answer.finditer(text))
        end = self._thanks_end.search(text, max(0, len(text) - 60))
        if end is not None:
            out += self._plausible(text, [end])
        if "," in text:
            out += self._plausible(text, self._thanked(text, low))
        if any(w in low for w in _RELATIVE_WORDS) and self._has_relative.search(text):
            out += self._plausible(text, self._relative.finditer(text))
        if self._has_initials.search(text):
            out += [hit.span(1) for hit in self._titles.finditer(text)]
        if self._has_key_value.search(text):
            out += self._plausible(text, self._key_value.finditer(text))
        return out

    def _thanked(self, text: str, low: str) -> list[re.Match[str]]:
        """An agent's "Thanks Aditi, I …": the pattern tried at each thanks word only."""
        hits: list[re.Match[str]] = []
        for word in _THANKS_WORDS:
            pos = low.find(word)
            while pos >= 0:
                if pos == 0 or not low[pos - 1].isalnum():
                    hit = self._thanks_agent.match(text, pos)
                    if hit is not None and hit.group(1)[0].isupper():
                        hits.append(hit)
                pos = low.find(word, pos + 1)
        return hits

    def _plausible(self, text: str, hits: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
        """The hits whose words are no common word, street, company or job title."""
        out: list[tuple[int, int]] = []
        for hit in hits:
            words = hit.group(1).split()
            if any(w.lower() in NOT_NAMES or w.lower() in NON_PERSON for w in words):
                continue
            if is_title_or_company(words) or all(w.endswith(".") for w in words):
                continue
            out.append(hit.span(1))
        return out
