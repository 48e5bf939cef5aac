"""Names that a sentence says are names (PII, round 16), for the name finder (pii_names.py):

- a name statement: "Name on the receipt is Olumide Bankole", "my surname is spelt MacLeòid",
  "Name auf der Rechnung lautet …", "mijn achternaam is …", "naam is …"; after it a name in
  lower case too, from no list ("visitor: name is kemi babatunde"), when it ends the clause,
  has two or three words and none of them is a common word ("name is still wrong", "my name
  is on the account", "Name ist falsch geschrieben" are none);
- an agent introducing themselves in a chat: "you're chatting with Mark", "you've reached
  Priya", "Sie sprechen mit Jana", "je spreekt met Sanne" — one capitalised word is enough
  when it is a known first name (a common word too: "Mark"), else two ("Support Team" and
  "Acme" are none);
- one first name before the team someone speaks for: "this is Mark from support", "I'm June
  at billing", "ich bin Jana vom Kundenservice", "ik ben Sanne van de klantenservice",
  "Tom speaking" ("this is fine", "I'm happy with it" are none).

Each pattern runs only when one of its words is in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from supportllm.guard.case_split import split_compiled
from supportllm.guard.pii_name_cues import CAP_WORD, LOWER_TOKEN, NOT_NAMES

__all__ = ["NameStatements"]

_STATED: Final = (
    # EN: the name or one of its parts, then is/was, maybe "spelt (as)"
    r"(?:(?:sur|first|last|family|given|middle|maiden|full|fore|christian|customer'?s)[ _]?)?"
    r"name(?:'s|[ \t]+(?:is|was|reads|says))(?:[ \t]+(?:spelt|spelled|written))?"
    r"(?:[ \t]+(?:as|like))?|"
    r"name on (?:the|my|your|his|her|our|their|this|that) [a-z]+(?: [a-z]+)?"
    r"(?:[ \t]+(?:is|was|reads|says|shows|should be)|[ \t]*:)|"
    # DE
    r"(?:(?:vor|nach|familien|mädchen|geburts|ruf)[ _]?)?name[ \t]+(?:ist|lautet|war)"
    r"(?:[ \t]+(?:geschrieben|buchstabiert))?|"
    r"name auf (?:der|dem|meiner|meinem|ihrer|ihrem|seiner|seinem) \w+[ \t]+(?:ist|lautet|war)|"
    # NL
    r"(?:(?:voor|achter|familie|meisjes|roep)[ _]?)?naam[ \t]+(?:is|was|luidt)"
    r"(?:[ \t]+gespeld[ \t]+als)?|"
    r"naam op (?:de|het|mijn|uw|zijn|haar) \w+[ \t]+(?:is|was|luidt|staat)"
)
_AGENT: Final = (
    r"you(?:'re|’re| are)(?: now)? (?:chatting|speaking|talking) (?:to|with)|"
    r"you(?:'ve|’ve| have) reached|"
    r"sie (?:sprechen|chatten|schreiben)(?: jetzt| gerade)? mit|"
    r"du (?:sprichst|chattest|schreibst)(?: jetzt| gerade)? mit|"
    r"(?:je|u) (?:spreekt|chat|chatt?en)(?: nu)? met|(?:je|u) bent in gesprek met"
)
_AGENT_LITERALS: Final = ("chatting", "speaking", "talking", "reached", "sprech", "chatt",
                          "schreib", "spreek", "chat met", "gesprek met")  # fmt: skip
_INTRO_LITERALS: Final = ("this is", "i'm", "i’m", "i am", "ich bin", "hier ist", "hier spricht",
                          "ik ben", "hier is")  # fmt: skip
_SPEAKING_LITERALS: Final = ("speaking", "am apparat", "aan de lijn")
_INTRO_CUE: Final = (
    r"(?<![\w])(?:this is|i'm|i’m|i am|ich bin|hier ist|hier spricht|ik ben|hier is)[ \t]+"
)
_TEAM_NAME: Final = (
    rf"({CAP_WORD})"
    r"(?=[ \t]+(?i:from|at|with|of|vom|von|van|bij|bei|aus)[ \t]|"
    r",?[ \t]+(?i:speaking|am apparat|aan de lijn)\b|"
    r",[ \t]+(?i:your|ihr|ihre|dein|deine|uw|je|jouw)[ \t])"
)
_SPEAKING: Final = rf"(?<![\w])({CAP_WORD}),?[ \t]+(?i:speaking|am apparat|aan de lijn)\b"
_LOWER_NAME: Final = re.compile(
    rf"({LOWER_TOKEN}(?:[ \t]+(?:(?:van|de|der|den|von|ter|ten|bin|al|el|da|dos)[ \t]+)*"
    rf"{LOWER_TOKEN}){{0,2}})(?=[ \t]*(?:$|\n|[,.;:!?)]|[ \t]+(?:and|und|en|here|hier)\b))"
)
# Common words that follow "name is" and are no name (the project has no dictionary).
_COMMON: Final = frozenset(
    ("wrong", "incorrect", "correct", "right", "different", "same", "missing", "blank", "empty",
     "fine", "okay", "invalid", "valid", "too", "long", "short", "still", "not", "also",
     "already", "now", "there", "here", "on", "in", "at", "the", "a", "an", "and", "or", "but",
     "cut", "off", "gone", "visible", "hidden", "out", "all", "caps", "twice", "once", "again",
     "different", "unknown", "there", "shown", "listed", "below", "above", "attached", "same",
     "misspelt", "spelt", "upside", "down", "my", "your", "his", "her", "their", "our", "it",
     "this", "that", "what", "who", "whatever", "none", "nothing", "required", "needed",
     "optional", "mandatory", "changed", "new", "old", "fixed", "broken", "weird", "strange",
     "falsch", "richtig", "korrekt", "anders", "leer", "noch", "nicht", "schon", "jetzt", "auf",
     "im", "der", "die", "das", "ein", "eine", "verkehrt", "fehlerhaft", "unvollständig",
     "doppelt", "zu", "lang", "kurz", "gleich", "fout", "verkeerd", "juist", "goed", "leeg",
     "nog", "niet", "al", "nu", "op", "de", "het", "een", "onjuist", "onvolledig", "dubbel",
     "te", "lang", "kort", "hetzelfde", "anders", "weg")
)  # fmt: skip
_NOT_NAME_ENDS: Final = ("ed", "ing", "ly", "tion", "ment", "ness", "lich", "heid", "isch")


class NameStatements:
    """Compiled cue patterns; ``known`` says whether a lower-case word is a known first name or
    surname; ``first_names`` are the known first names, ``ambiguous`` those that are also
    common words ("Mark", "Will", "Frank")."""

    def __init__(
        self, known: Callable[[str], bool], first_names: frozenset[str], ambiguous: frozenset[str]
    ) -> None:
        self._known = known
        self._first_names = first_names
        self._ambiguous = ambiguous
        i = re.IGNORECASE
        self._stated = split_compiled(rf"(?<![\w])(?:{_STATED})(?![\w])[ \t]*[:,]?[ \t]*", i)
        self._agent = split_compiled(rf"(?<![\w])(?:{_AGENT})(?![\w])[ \t]*", i)
        self._intro_cue = split_compiled(_INTRO_CUE, i)
        self._team_name = re.compile(_TEAM_NAME)
        self._speaking = re.compile(_SPEAKING)

    def stated(self, text: str, low: str) -> list[int]:
        """Where a name starts after a name statement."""
        if "name" not in low and "naam" not in low:
            return []
        return [m.end() for m in self._stated.finditer(text)]

    def agents(self, text: str, low: str) -> list[int]:
        """Where a name starts after an agent's "you're chatting with"."""
        if not any(w in low for w in _AGENT_LITERALS):
            return []
        return [m.end() for m in self._agent.finditer(text)]

    def agent_name(self, name: str) -> bool:
        """An agent's name: a known first name, or two capitalised words or more."""
        words = name.split()
        return len(words) >= 2 or self._first(words[0])

    def team_intros(self, text: str, low: str) -> list[tuple[int, int]]:
        """A known first name before the team its bearer speaks for, or before "speaking"."""
        out: list[tuple[int, int]] = []
        if any(w in low for w in _INTRO_LITERALS):
            for cue in self._intro_cue.finditer(text):
                m = self._team_name.match(text, cue.end())
                if m is None:
                    continue
                word = m.group(1)
                after = text[m.end(1) : m.end(1) + 8].lstrip(" \t,").lower()
                # a name that is also a word only before where its bearer works: "I'm Frank
                # with you" is none, "this is Mark from support" is one
                plain = word not in self._ambiguous or not after.startswith(("at ", "with ", "of "))
                if self._first(word) and plain:
                    out.append(m.span(1))
        if any(w in low for w in _SPEAKING_LITERALS):
            out += [m.span(1) for m in self._speaking.finditer(text) if self._first(m.group(1))]
        return out

    def _first(self, word: str) -> bool:
        return word in self._first_names and word.lower() not in NOT_NAMES

    def lower_name(self, text: str, pos: int) -> list[tuple[int, int]]:
        """A name in lower case right after a name statement (see the module's text)."""
        m = _LOWER_NAME.match(text, pos)
        if m is None:
            return []
        words = m.group(1).split()
        main = [w for w in words if w not in ("van", "de", "der", "den", "von", "ter", "ten",
                                              "bin", "al", "el", "da", "dos")]  # fmt: skip
        if not main or any(w in _COMMON or w in NOT_NAMES for w in main):
            return []
        known = [self._known(w) for w in main]
        if len(main) < 2 and not (known[0] and main[0].capitalize() not in self._ambiguous):
            return []  # one word from no list, or a word too: "name is missing", "is long"
        for w, k in zip(main, known, strict=True):
            if not k and (
                len(w) < 2
                or w.endswith(_NOT_NAME_ENDS)
                or (w.startswith("ge") and w.endswith(("t", "d", "en")) and len(w) >= 6)
            ):
                return []
        return [m.span(1)]
