"""Names written in capitals after a customer cue, the way agents write call notes (round 13).

"cust NGUYEN VAN THANH called", "Kd. KOWALCZYK, BOGDAN ruft an", "klant EL AMRANI, MOHAMED belt",
"Name on file IAN McALLISTER.", "CALLER: MR PATRICK O'SULLIVAN-BYRNE", "MEVR. DE GROOT-PINAS
meldt", "name on card: MRS L HADJIKYRIACOU", "spoke to WANG Xiaoming". The mixed-case rules
(pii_names.py) read a capitalised word, not a word in capitals, so these were missed (v15, v16).

The name is a run of up to four words in capitals right after the cue, and after a comma up to
three more ("SURNAME, FIRST NAME"). A word in capitals that is a common label (ID, VIP, IBAN,
NOTE, SERVICE …) ends the run; without a title or a name label before it, one of the words must
be a known first name or surname, so "customer SERVICE TEAM" or "Kunde VIP" is none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = ["CapsNames"]

_CUSTOMER: Final = (
    r"cust|customer|caller|client|account holder|card ?holder|kd|kunde|kundin|anrufer|"
    r"anruferin|karteninhaber(?:in)?|kontoinhaber(?:in)?|klant|cliënt|beller|kaarthouder|"
    r"rekeninghouder|spoke (?:to|with)|gesprochen mit|gesproken met|son|daughter|wife|husband|"
    r"sohn|tochter|ehefrau|ehemann|zoon|dochter|echtgeno(?:ot|te)|"
    # a form's party in capitals: "APPLICANT: O'SULLIVAN, DECLAN" (round 14c, v21)
    r"applicant|claimant|policyholder|beneficiary|antragsteller(?:in)?|aanvrager|"
    # a whole message in capitals (round 15): "HALLO IK BEN PIETER DE GROOT EN …"
    r"ich bin|ik ben|i am|i'm|this is|hier ist|hier is|hier spricht|met"
)
_INTROS: Final = frozenset(
    ("ich bin", "ik ben", "i am", "i'm", "this is", "hier ist", "hier is", "hier spricht", "met")
)
_LABEL: Final = (
    r"voornam(?:en|aam)|achternaam|vornamen?|nachname|(?:first|last|given|family) names?|surname|"
    r"name on (?:file|card|account)|name|naam|full name|cardholder name|name des karteninhabers|"
    r"naam op (?:de )?(?:kaart|pas)|voller name"
)
# Labels of a form's name fields: one word in capitals after one is a name on its own.
_FIELDS: Final = frozenset((
    "voornaam:", "voornamen:", "achternaam:", "vorname:", "vornamen:", "nachname:",
    "first name:", "last name:", "surname:", "given name:", "given names:", "family name:",
))  # fmt: skip
_TITLE: Final = r"MR|MRS|MS|MISS|DR|HERR|HERRN|FRAU|HR|FR|MEVR|MEVROUW|DHR|MW|DE HEER|SIR"
_WORD: Final = r"(?:Mc|Mac|O['’]|D['’])?[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*\.?"
_RUN: Final = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
_NOT_NAMES: Final = frozenset((
    "ID", "VIP", "NR", "NO", "RE", "WG", "IVM", "TEL", "FAX", "IBAN", "BIC", "PIN", "PUK", "SMS",
    "EMAIL", "MAIL", "NOTE", "NOTES", "NOTIZ", "NOTITIE", "OK", "ASAP", "SERVICE", "SUPPORT",
    "CARE", "TEAM", "DESK", "ACCOUNT", "NUMBER", "NUMMER", "DETAILS", "DATA", "DATEN",
    "GEGEVENS", "STATUS", "CALLED", "CALLS", "CALL", "RUFT", "BELT", "BELDE", "CALLBACK",
    "RÜCKRUF", "TERUGBELLEN", "URGENT", "DRINGEND", "SPOED", "NEW", "NEU", "NIEUW", "OLD",
    "CLOSED", "OPEN", "REFUND", "ORDER", "INVOICE", "RECHNUNG", "FACTUUR", "AND", "UND", "EN",
    "OR", "ODER", "OF", "THE", "DIE", "DAS", "HET", "IN", "AM", "ON", "AT", "IM", "BIJ", "MET",
    "MIT", "WITH", "FROM", "PER", "VIA", "KD", "KUNDE", "KLANT", "CUST", "NAME", "NAAM", "MR",
    "MRS", "MS", "DR", "HERR", "FRAU", "MEVR", "DHR", "AGENT", "BOT", "INFO", "CC", "BCC",
    "GMBH", "BV", "LTD", "AG", "INC",
    # what a form says where no name was given ("APPLICANT: SEE ATTACHED FORM")
    "SEE", "ATTACHED", "FORM", "NONE", "UNKNOWN", "WITHHELD", "PENDING", "TBC", "TBA", "N/A",
))  # fmt: skip
_MIXED_AFTER: Final = re.compile(r"[ \t]+[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?")
_PARTICLES: Final = frozenset((
    "VAN", "DE", "DER", "DEN", "TER", "TEN", "EL", "AL", "BIN", "BEN", "DA", "DI", "DOS", "DEL",
    "LA", "LE", "VON",
))  # fmt: skip


class CapsNames:
    """Finds names in capitals after a customer cue, a title or a name label."""

    def __init__(self, known: Callable[[str], bool]) -> None:
        self._known = known
        # "MY NAME IS JOHN O'REILLY": the verb after the label is no part of the name
        cue = (
            rf"(?:(?i:({_CUSTOMER})|({_LABEL})(?:[ \t]+(?:is|ist|lautet|luidt))?)\.?[ \t]*:?|"
            rf"({_TITLE})\.?)[ \t]+"
        )
        self._cue = re.compile(
            rf"(?<![\w]){cue}(?:({_TITLE})\.?[ \t]+)?({_RUN})(?:,[ \t]*({_RUN}))?"
        )
        # Words in capitals are few: each is looked at with the cue right before it, which is
        # cheaper than trying the cue at every position of the text.
        # "O'SULLIVAN" starts with its prefix: the capitals after the apostrophe are no word
        self._caps_word = re.compile(r"(?<![\w'’])(?:Mc|Mac|O['’]|D['’])?[A-ZÀ-ÖØ-Þ]{2}")
        self._cue_before = re.compile(rf"(?<![\w]){cue}(?:(?:{_TITLE})\.?[ \t]+)?$")

    def _field_value(self, m: re.Match[str], end: int) -> bool:
        """The cue is a name field's label and the word fills the rest of its line, or the
        label is said with its verb ("my name is WIRATMO")."""
        label = m.group(0)[: m.start(5) - m.start()].strip().lower()
        if m.group(2) is not None and label.endswith((" is", " ist", " lautet", " luidt")):
            return True
        rest = m.string[end : m.string.find("\n", end) if "\n" in m.string[end:] else None]
        return label in _FIELDS and not rest.strip()

    def find(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        pos = 0
        for word in self._caps_word.finditer(text):
            if word.start() < pos:
                continue
            cue = self._cue_before.search(text, max(0, word.start() - 45), word.start())
            m = self._cue.match(text, cue.start()) if cue is not None else None
            if m is None:
                continue
            titled = m.group(3) is not None or m.group(4) is not None
            labelled = titled or m.group(2) is not None
            first = _caps_prefix(m.group(5), allow_initials=titled)
            if not first:
                continue
            given = _MIXED_AFTER.match(m.group(5), first)  # "WANG Xiaoming", "DUPONT Marie"
            if given is not None and " " not in m.group(5)[:first]:
                first = given.end()
            end = m.start(5) + first
            words = m.group(5)[:first].split()
            if m.group(6) is not None and first == len(m.group(5)):
                second = _caps_prefix(m.group(6), allow_initials=False)
                if second:
                    words += m.group(6)[:second].split()
                    end = m.start(6) + second
            names = [w.strip(".") for w in words if w.strip(".").upper() not in _PARTICLES]
            # one word is a name after a title, or as the whole value of a first-name or
            # surname field ("Voornamen: NOUR⏎", round 14c)
            if not names or (len(names) < 2 and not titled and not self._field_value(m, end)):
                continue
            if (
                not labelled
                and len(words) < 3
                and not any(self._known(_title_case(w)) for w in names)
            ):
                continue
            intro = m.group(1) is not None and m.group(1).lower() in _INTROS
            if intro and not self._known(_title_case(names[0].split("-")[0])):
                continue  # "ICH BIN SEHR SAUER": after "I am" the first word must be a name
            if intro:
                end = m.start(5) + first  # "MET JAN BAKKER, GOEDEMIDDAG": no "SURNAME, FIRST"
            out.append((m.start(5), end))
            pos = end
        return out


def _caps_prefix(run: str, allow_initials: bool) -> int:
    """Length of the leading words of ``run`` that are written in capitals and are no label."""
    end = 0
    for m in re.finditer(r"\S+", run):
        word = m.group().rstrip(".")
        bare = re.sub(r"^(?:Mc|Mac)", "", word)
        letters = [c for c in bare if c.isalpha()]
        if not letters or not all(c.isupper() for c in letters) or word.upper() in _NOT_NAMES:
            break
        if len(letters) < 2 and not allow_initials:
            break
        end = m.start() + len(word)
    return end


def _title_case(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
