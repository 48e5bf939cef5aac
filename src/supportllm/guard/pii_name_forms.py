"""Person names in the shapes of forms and signatures, for the name finder (pii_names.py).

- A form field that labels a name ("NAME: MACDONALD, ISLA", "Naam: JANSEN, P.", "Last name: bin
  Rashid", "Passengers: MR CHEN WEI, MRS LIU YANG CHEN", "Empfänger: HERR D. PAPADOPOULOS",
  "Von: Thanh Hương Nguyễn <…>"): the value, when every word of it looks like a name.
- Initials before a surname ("M. Öztürk-Demir", "(B. Hoffmann)", "/S. Pinas", "J.W. van 't Hek"):
  a name wherever it stands, unless the initial ends a word of its own ("Plan B. Then").
- A name that signs a message on its last line without a line break ("… to my bank. Nkechi
  Okafor"), introduces it ("Siobhán Ní Bhriain here."), stands beside "I" ("ich, Dilan Karimi,
  geboren …") or is the person to call ("Call Abena on 07700 900 127").
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.lead_class import class_first_compiled
from supportllm.guard.pii_name_cues import CAP_PARTICLES, NON_PERSON, NOT_NAMES
from supportllm.guard.pii_name_tidy import is_label_word

__all__ = ["NameForms"]

# Labels of a field whose value is a person's name (a speaker's label in a chat, "Customer:",
# counts only with the "SURNAME, First" shape: after it usually comes a sentence).
_NAME_LABELS: Final = (
    # round 16: a form dump's keys in snake case too ("last_name=van der Berg", "full_name:")
    r"(?:(?:full|first|last|family|given|customer|account|card\s*holder|passenger)(?:\s+|_)?)?"
    r"names?|sur_?name|passengers?|recipient|sender|from|account(?:\s+|_)holder|"
    r"card\s*holder|holder|houder|signed|escalated\s+by|handled\s+by|"
    r"name\s+on\s+(?:the\s+)?card|name\s+auf\s+der\s+karte|naam\s+op\s+(?:de\s+)?(?:kaart|pas)|"
    r"(?:(?:vor|nach|familien|kunden)_?)?name|empfänger(?:in)?|absender(?:in)?|von|inhaber(?:in)?|"
    r"kontoinhaber(?:in)?|unterschrift|sachbearbeiter(?:in)?|"
    r"(?:(?:voor|achter|klant|familie)_?)?naam|naam\s+klant|voorletters|afzender|ontvanger|van|"
    r"rekeninghouder|behandelaar|tenaamstelling"
)
_SPEAKERS: Final = r"customer|client|kunde|kundin|klant|agent|caller|anrufer(?:in)?|beller"
_SPEAKER: Final = re.compile(_SPEAKERS, re.IGNORECASE)
_TITLES: Final = frozenset(
    {"mr", "mrs", "ms", "miss", "mstr", "mx", "dr", "prof", "herr", "herrn", "frau", "dhr",
     "mevr", "mw", "mr.", "sir", "madam", "fam", "familie", "mag", "ing", "dipl.-ing"}
)  # fmt: skip
_PARTICLES: Final = CAP_PARTICLES | {"'t", "bin", "ibn", "ben", "ó", "ní", "mac", "ter"}
_SENTENCE_END: Final = re.compile(r"[.?!]\s+(?=[A-Z])")
# Words after which a capital letter and a dot are a letter, not an initial.
_LETTER_BEFORE: Final = frozenset(
    {"a", "an", "the", "section", "article", "part", "chapter", "paragraph", "appendix", "annex",
     "item", "option", "plan", "type", "model", "class", "grade", "step", "ein", "eine", "einen",
     "abschnitt", "artikel", "teil", "kapitel", "anhang", "punkt", "een", "de", "het",
     "hoofdstuk", "bijlage", "onderdeel", "stap", "letter", "buchstabe"}
)  # fmt: skip
_PLACE_INITIALS: Final = re.compile(r"(?:U\.\s?[SKN]|E\.\s?U|N\.\s?Y|D\.\s?C)\.")
_BEFORE_INITIALS: Final = "(/:„“\"'‘–—-,;\n"
# Abbreviations that put a name after them ("t.n.v. J.W. ten Brink", "z.Hd. M. Weber").
_NAME_ABBREVIATION: Final = re.compile(
    r"(?i)(?:t\.n\.v\.|t\.a\.v\.|z\.[ \t]?hd\.|i\.[ \t]?a\.|c/o)$"
)
_TOKEN: Final = re.compile(r"[^\W\d_][\w'’.-]*")


# Closing words that stand where a signature would ("… K-2209183. Vielen Dank.").
_CLOSINGS: Final = frozenset(
    {"vielen", "dank", "herzlichen", "besten", "liebe", "grüße", "gruß", "thanks", "thank",
     "regards", "cheers", "best", "kind", "warm", "many", "bedankt", "hartelijk", "groet",
     "groeten", "vriendelijke", "alvast", "dankjewel", "dankuwel", "merci", "ciao", "bye", "lg",
     "vg", "mfg", "mvg", "thx"}
)  # fmt: skip


_FUNCTION: Final = frozenset(
    {"in", "cc", "bcc", "etc", "aka", "see", "and", "und", "en", "of", "the", "het", "die",
     "das", "to", "for", "with", "mit", "met", "also", "auch", "ook", "too", "me", "mich",
     "mij", "him", "her", "ihn", "sie", "hem", "haar", "ja", "yes", "nee", "nein", "no", "ok"}
)  # fmt: skip


_NO_NAME_WORDS: Final = frozenset(NOT_NAMES | NON_PERSON | _CLOSINGS | _FUNCTION)


def _plain_word(word: str) -> bool:
    """A word of a name in any case: not a common, closing or function word."""
    return len(word) >= 2 and word.lower() not in _NO_NAME_WORDS


def _name_word(word: str) -> bool:
    bare = word.rstrip(".,")
    low = bare.lower()
    if low in _CLOSINGS:
        return False
    if low in _PARTICLES:
        return True
    if not bare or not bare[0].isupper() or any(ch.isdigit() for ch in bare):
        return False
    if low.endswith(("'s", "’s")):  # "It's", "Sainsbury's"
        return False
    return low not in NOT_NAMES and low not in NON_PERSON


def _signs_off(text: str, before: str, end: int) -> bool:
    """Initials and a surname that end the message after a sentence ("… to the ombudsman. J.
    R. Oyelaran-Smith", "Rufen Sie mich an: 06221 43 87 19. B. Gündoğdu"; round 16): a
    signature, unless the sentence ended in an abbreviation ("e.g. G. General")."""
    if before[-1] not in ".!?" or text[end:].strip(" \t\r\n.!"):
        return False
    core = before.split()[-1].rstrip(".!?")
    return "." not in core and (len(core) >= 3 or core.isdigit())


class NameForms:
    """Compiled patterns for names in form fields and behind initials."""

    def __init__(self) -> None:
        self.field = re.compile(
            rf"(?im)(?:^|(?<=[.;|] ))[ \t>*-]*(?P<label>{_NAME_LABELS}|{_SPEAKERS})[ \t]*"
            r"(?:\([^)\n]*\))?[ \t]*[:=][ \t]*(?P<value>[^\n<(\[|;]+)"
        )
        name = r"[A-ZÄÖÜÀ-ÞŁŚŻ][\w'’-]+"
        particle = r"(?:van|de|der|den|von|zu|ten|ter|bin|ibn|al|el|Ní|Ó|Mac)[ \t]+"
        names = rf"{name}(?:[ \t]+(?:{particle})*{name}){{0,2}}"
        self.last_words = re.compile(rf"[.!?][ \t]+({names})[ \t]*[.!]?[ \t]*\Z")
        self.here = re.compile(
            rf"(?:\A|[.!?\n][ \t]*|\b(?i:hi|hello|hey|hiya|hallo|hoi)(?:[ \t]+there)?[,!]?[ \t]+)"
            rf"({names})[ \t]+(?:here|hier)\b"
        )
        self.beside_i = re.compile(rf"\b(?:I|ich|ik)[ \t]*,[ \t]*({names})[ \t]*,")
        self.to_call = re.compile(
            rf"\b(?:[Cc]all|[Rr]ing|[Tt]ext|[Bb]el|[Aa]pp|[Rr]uf(?:en Sie)?)[ \t]+({names})[ \t]+"
            r"(?:on|at|op|unter|an)[ \t]+\+?\d"
        )
        self.in_brackets = re.compile(
            r"\b(?i:I|ich|ik|my\s+\w+|mein\w*\s+\w+|mijn\s+\w+)[ \t]*\(([^\W\d_]+(?:[ \t]+"
            r"[^\W\d_]+){0,3})\)"
        )
        # the first initial written out of its repeat ((?:X){1,3} is X(?:X){0,2}), so the
        # pattern begins with a capital and re skips to one (lead_class)
        self.initials = class_first_compiled(
            r"(?<![\w.-])([A-ZÄÖÜÀ-Þ]\.[ \t]?(?:[A-ZÄÖÜÀ-Þ]\.[ \t]?){0,2}[ \t]*"
            r"(?:(?:van|de|der|den|von|zu|ten|ter|'t|Ó|O'|Mac|Mc|al-|el-)[ \t]+)*"
            r"[A-ZÄÖÜÀ-ÞŁŚŻ][\w'’]*(?:-[\w'’]+)*)"
        )

    def find(self, text: str) -> list[tuple[int, int]]:
        out = self._fields(text) + self._initialled(text)
        # every match holds a "(" (and "here"/"hier" below): a text without one is not scanned
        brackets = self.in_brackets.finditer(text) if "(" in text else ()
        for m in brackets:  # "ich (nguyen van long) hab 2 mal bezahlt"
            words = m.group(1).split()
            names = [w for w in words if w.lower() not in _PARTICLES]
            if names and all(_plain_word(w) for w in names) and max(map(len, names)) >= 4:
                out.append(m.span(1))
        here = "here" in text or "hier" in text
        for rx, least in ((self.last_words, 2), (self.here, 2), (self.beside_i, 2),
                          (self.to_call, 1)):  # fmt: skip
            if rx is self.here and not here:
                continue
            for m in rx.finditer(text):
                words = m.group(1).split()
                if len(words) >= least and all(_name_word(w) for w in words):
                    out.append(m.span(1))
        return out

    def _fields(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for m in self.field.finditer(text):
            speaker = _SPEAKER.fullmatch(m.group("label")) is not None
            lo = m.start("value")
            hi = lo + len(_SENTENCE_END.split(m.group("value"))[0])
            whole = self._value(text, lo, hi, speaker)  # "JANSEN, P.", "Müller, Karl-Heinz"
            if whole:
                out.extend(whole)
                continue
            for part in re.finditer(r"[^,/&]+", text[lo:hi]):
                # "MR CHEN WEI, MRS LIU YANG CHEN", "Anna & Ben": a name per part
                out.extend(self._value(text, lo + part.start(), lo + part.end(), speaker))
        return out

    def _value(self, text: str, lo: int, hi: int, speaker: bool) -> list[tuple[int, int]]:
        words = [w.span() for w in _TOKEN.finditer(text, lo, hi)]
        while words and text[words[0][0] : words[0][1]].lower().rstrip(".") in _TITLES:
            words = words[1:]
        if not 1 <= len(words) <= 5:
            return []
        tokens = [text[s:e] for s, e in words]
        if not all(_name_word(t) for t in tokens):
            return []
        if all(t.rstrip(".,").lower() in _PARTICLES for t in tokens):
            return []
        rest = text[words[-1][1] : hi].strip(" \t,.")
        if rest:
            return []  # more than a name on the line: "Name: Anna, please call back"
        comma = "," in text[words[0][0] : words[-1][1]]
        if speaker and not comma:
            return []
        return [(words[0][0], words[-1][1])]

    def _initialled(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for m in self.initials.finditer(text):
            words = m.group(1).split()
            surname = words[-1].rstrip(".")
            # after a particle a street word is a surname too ("A.C. van Dijk", "P. ter Laan")
            particle = len(words) > 1 and words[-2].lower() in _PARTICLES
            plain = particle and surname[:1].isupper() and surname.lower() not in NOT_NAMES
            if "." in surname or not (plain or _name_word(surname)) or len(surname) < 2:
                continue
            before = text[max(0, m.start() - 30) : m.start()].rstrip(" \t")
            prev = re.search(r"([\w'’]+)$", before)
            if (
                prev
                and prev.group(1)[0].isupper()
                and prev.group(1).lower() not in _TITLES
                and not is_label_word(prev.group(1))  # "Empfänger J. Krause"
            ):
                continue  # "Plan B. Then", "Vitamin C. Some", "Terminal A. Gates"
            if prev and prev.group(1).lower() in _LETTER_BEFORE:
                continue  # "section G. General Conditions", "from a C to a U.  Hit enter"
            if _PLACE_INITIALS.match(m.group(1)):
                continue  # "U.S. Customary", "U.K. stores"
            if (
                prev is None
                and before
                and before[-1] not in _BEFORE_INITIALS
                and not _NAME_ABBREVIATION.search(before)
                and not _signs_off(text, before, m.end(1))
            ):
                continue  # "e.g. G. General": after another abbreviation, not "t.n.v."
            out.append((m.start(1), m.end(1)))
        return out
