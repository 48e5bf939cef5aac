"""Names marked by where they stand rather than by a cue word (PII, round 12).

- The signature at the very end of a message: after a dash, a slash or "--" ("… Adv 3-5 wd. --
  kev", "Nothing else outstanding. /sara", "Can you whitelist it? - Harpreet"), after a short
  sign-off ("Thx, Jo", "Danke, LG Vroni") or alone after the last sentence when it is a known
  first name ("meine kundennr is 554120. marco").
- The speaker of a timestamped chat log ("09:41:07 Chinonso: good morning"), when the label is no
  role ("Support Bot", "Agent", "Kunde") and comes back on another line or is a known first name.
- The name on a doorbell ("einfach bei Hoffmann-Ilić klingeln", "Naam op de bel: Bakker",
  "c/o Familie Yilmaz").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from supportllm.guard.pii_name_cues import NON_PERSON, NOT_NAMES
from supportllm.guard.pii_not_persons import glued_product

__all__ = ["NameMarks"]

_WORD: Final = r"[^\W\d_][\w'’-]*"
_CAP: Final = r"[A-ZÄÖÜÀ-ÖØ-ÞŁŚŻ][\w'’-]*"
_SIGNOFFS: Final = (
    r"thx|thanks|thank you|ta|cheers|danke|dankeschön|lg|vg|gruß|grüße|liebe grüße|"
    r"bedankt|dank je|dank u|groetjes|groet|gr|mvg|doei|bye|ciao"
)
# Chat labels that are a role, not a person.
_ROLES: Final = frozenset(
    {"agent", "support", "bot", "customer", "client", "kunde", "kundin", "klant", "visitor",
     "besucher", "bezoeker", "system", "operator", "admin", "moderator", "medewerker",
     "mitarbeiter", "user", "guest", "gast", "me", "you", "ich", "ik", "wij", "we", "team",
     "service", "helpdesk", "chatbot", "assistant", "assistent", "caller", "anrufer", "beller",
     "note", "notiz", "notitie", "info", "error", "warning", "status", "subject", "betreff",
     "onderwerp", "update", "reminder", "meeting", "call", "termin", "afspraak",
     # round 15 (v22 "Courier:"): the trades and parties that answer in a chat
     "courier", "driver", "rider", "dispatcher", "dispatch", "technician", "engineer",
     "installer", "landlord", "tenant", "seller", "buyer", "host", "shop", "store", "merchant",
     "vendor", "reception", "receptionist", "pharmacy", "kurier", "bote", "paketbote", "fahrer",
     "zusteller", "techniker", "monteur", "vermieter", "mieter", "verkäufer", "käufer",
     "händler", "rezeption", "koerier", "bezorger", "chauffeur", "verhuurder", "huurder",
     "verkoper", "koper", "winkel", "receptie", "loodgieter", "installateur",
     # round 16: the writer's side of an SMS or chat log ("[09:15] Us: Yes, table for 4")
     "us", "uns", "ons", "mij", "mich", "staff", "personal", "personeel", "rep", "advisor",
     "adviser", "berater", "beraterin", "adviseur", "mitarbeiterin", "medewerkster"}
)  # fmt: skip
_ROLE_END: Final = re.compile(r"(?i)(?:dienst|service|support|desk|team|bot)$")
# Words that end a message without being a name ("- thanks", "/edit", "-- sent from my phone").
_NOT_SIGNATURE: Final = frozenset(
    {"thanks", "thank", "thx", "cheers", "regards", "danke", "bedankt", "groetjes", "groet",
     "gruß", "grüße", "bye", "ciao", "doei", "sent", "edit", "update", "urgent", "asap", "please",
     "pls", "bitte", "graag", "sorry", "ok", "okay", "yes", "no", "ja", "nein", "nee", "done",
     "fixed", "solved", "erledigt", "opgelost", "end", "ende", "einde", "more", "mehr", "meer",
     "again", "too", "also", "anyway", "lol", "xx", "xxx", "x", "team", "support", "admin",
     "me", "mich", "mij", "you", "u", "all", "alle", "allen", "everyone", "iedereen", "euch",
     "jullie", "ihnen", "dir", "je", "jou", "mate", "guys", "folks", "leute", "mensen", "lg",
     "vg", "mfg", "mvg", "gr", "ta", "tia"}
)  # fmt: skip

_PARTICLES: Final = frozenset({"van", "de", "der", "den", "von", "ten", "ter", "te"})
# capitals after a note word that are no one's initials
_NOT_INITIALS: Final = frozenset(
    {"ID", "IT", "CRM", "VIP", "API", "FAQ", "SMS", "PDF", "AI", "HR", "QA", "CS", "KYC", "SLA",
     "DE", "NL", "EN", "UK", "EU", "US", "OK", "PS", "IBAN", "BSN", "DOB", "TODO", "FYI", "NB"}
)  # fmt: skip

# a cheap test before the doorbell pattern: one of these must occur
_DOORBELL_WORDS: Final = ("bell", "Bell", "BELL", "el:", "el :", "lingel", "LINGEL", "läuten",
                          "chellen", "c/o", "C/O", "uzzer", "loppen")  # fmt: skip


def _ordinary(word: str) -> bool:
    low = word.lower()
    return low in NOT_NAMES or low in NON_PERSON or low in _NOT_SIGNATURE


class NameMarks:
    """Compiled patterns of the positions above; ``first_lower`` and ``ambiguous`` come from
    the name finder's gazetteer (known first names in lower case, and those that are also
    common words)."""

    def __init__(
        self, first_lower: frozenset[str], ambiguous: frozenset[str], known: Callable[[str], bool]
    ) -> None:
        self._first_lower = first_lower
        self._known = known
        self._ambiguous = frozenset(a.lower() for a in ambiguous)
        end = r"[ \t]*[.!)]?[ \t]*\Z"
        self._after_dash = re.compile(
            rf"(?:^|(?<=\s))(--|[-–—~/])[ \t]*\n?[ \t]*({_WORD}(?:[ \t]+{_CAP})?){end}"
        )
        self._after_signoff = re.compile(
            rf"(?i:(?<![\w])(?:{_SIGNOFFS}))(?![\w])[ \t]*[,!.]?[ \t]*\n?[ \t]*({_WORD}){end}"
        )
        self._after_sentence = re.compile(rf"[.!?][ \t]+({_WORD}){end}")
        stamp = r"[\[(]?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \t]*[AaPp][Mm])?[\])]?"
        # round 13, third pass: the team after the name ("Merve vom Support:", "Jo from
        # Billing:"), and a label typed in lower case ("anouk ter horst:", checked below)
        self._speaker = re.compile(
            rf"(?m)^[ \t]*{stamp}[ \t]*(?:[-–|][ \t]*)?({_CAP}(?:[ \t]+{_CAP})?"
            r"|[a-zà-ÿ][\w'’-]*(?:[ \t]+(?:van|de|der|den|von|ten|ter|te))*"
            r"(?:[ \t]+[a-zà-ÿ][\w'’-]*)?)"
            r"([ \t]+(?:vom|from|bei|bij|of|@)[ \t]+[\w&.-]+)?[ \t]*(?:\([^)\n]*\))?[ \t]*:"
        )
        # an agent's initials after a note word: "Notiz TB:", "Notitie KvdB:", "Note JS:"
        self._note_initials = re.compile(
            r"(?m)^[ \t]*(?i:notiz|notitie|note|vermerk|aantekening|memo)[ \t]+"
            r"([A-Z](?:[a-z]{1,2})?[A-Z])[ \t]*:"
        )
        # two speaker lines: one of them after a line break (a literal first: a fast scan)
        self._has_stamp = re.compile(r"\n[ \t]*[\[(]?\d{1,2}[:.]\d{2}")
        name = rf"{_CAP}(?:[ \t]+(?:van|de|der|den|von|ten|ter)?[ \t]*{_CAP}){{0,2}}"
        self._doorbell = re.compile(
            rf"(?:\b(?i:bei|bij)[ \t]+({name})[ \t]+(?i:klingeln|läuten|schellen|aanbellen|"
            rf"bellen|aankloppen)\b|(?i:\b(?:(?:klingel|klingelschild|doorbell|bell|buzzer|"
            rf"naam op de bel|name on the (?:bell|door|buzzer)|bel)[ \t]*:|c/o))[ \t]*"
            rf"(?i:familie|fam\.|family)?[ \t]*({name}))"
        )

    def find(self, text: str) -> list[tuple[int, int]]:
        out = self._signature(text)
        if self._has_stamp.search(text):
            out += self._speakers(text)
        if "ot" in text or "OT" in text or "emo" in text or "merk" in text:
            for m in self._note_initials.finditer(text):
                if m.group(1) not in _NOT_INITIALS:
                    out.append(m.span(1))
        if any(w in text for w in _DOORBELL_WORDS):
            for m in self._doorbell.finditer(text):
                group = 1 if m.group(1) else 2
                words = m.group(group).split()
                if not any(_ordinary(w) for w in words):
                    out.append(m.span(group))
        return out

    def _known_first(self, word: str) -> bool:
        low = word.lower()
        return low in self._first_lower and low not in self._ambiguous

    def _signature(self, text: str) -> list[tuple[int, int]]:
        tail = max(0, len(text) - 80)
        m = self._after_dash.search(text, tail)
        before = text[: m.start(1)] if m is not None else ""
        # after the last sentence, an emoji or a line break ("… - Gmail Help" is a title)
        if m is not None and (not before.strip() or not before.rstrip()[-1].isalnum()):
            words = m.group(2).split()
            first = words[0]
            # capitalised, a known first name, or any word after the "-- " separator
            if (
                not any(_ordinary(w) for w in words)
                and not (first.isupper() and len(first) > 2)
                and (
                    first[0].isupper()
                    or self._known_first(first)
                    or m.group(1) == "--"
                    # one lower-case word after a sentence's end: "… if that matters. — chidi"
                    or (len(words) == 1 and len(first) > 2 and before.rstrip()[-1:] in ".?!")
                )
            ):
                return [m.span(2)]
        m = self._after_signoff.search(text, tail)
        if m is not None:
            word = m.group(1)
            capital = word[0].isupper() and not (word.isupper() and len(word) > 2)
            if not _ordinary(word) and (capital or self._known_first(word)):
                return [m.span(1)]
        m = self._after_sentence.search(text, tail)
        if m is not None and self._known_first(m.group(1)) and not _ordinary(m.group(1)):
            return [m.span(1)]
        return []

    def _speakers(self, text: str) -> list[tuple[int, int]]:
        found = list(self._speaker.finditer(text))
        if len(found) < 2:
            return []
        out: list[tuple[int, int]] = []
        labels = [m.group(1) for m in found]
        for m in found:
            words = m.group(1).split()
            if words[0].islower() and not self._known_first(words[0]):
                continue  # a lower-case label must start with a known first name
            team = m.group(2) is not None  # "Merve vom Support": a person of a team
            if labels.count(m.group(1)) < 2 and not self._known_first(words[0]) and not team:
                continue  # an agenda ("09:00 Registration:"), not a chat: speakers come back
            if any(
                w.lower() in _ROLES or _ordinary(w) or _ROLE_END.search(w)
                for w in words
                if w not in _PARTICLES  # "femke de vries"
            ):
                continue
            if len(words) == 2 and not self._known_first(words[0]):
                continue  # "Brightwell Lettings": a company answering, not a person
            if len(words) == 1 and glued_product(words[0], self._known):
                continue  # "QuickDrop: driver here": a courier's or shop's chat account
            out.append(m.span(1))
        return out
