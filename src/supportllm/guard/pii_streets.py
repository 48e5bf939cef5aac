"""Street addresses as customers abroad write them (issue 16, PII, round 10): the street word
before the name in Portugal, Spain, France, Belgium, Italy and Morocco ("Rua das Flores, 123",
"Calle Mayor 5, 3º B", "Av. Sidi Mohammed 14"), the number first in French ("12 rue de la Paix",
"7bis, avenue Victor Hugo"), and Turkish streets with "No:" ("Bağdat Cd. No: 45/3",
"Atatürk Mahallesi, Gül Sokak No 12"). guard/pii_rules.py adds them to its address candidates.

Round 11: streets typed in lower case in a chat ("flat 2 41 cowley road", "tweede jan
steenstraat 44-2", "lindenstraße 4a"): a house number and words before an English street word,
or a Dutch/German compound street name before its number; words that only lead up to the street
("op de", "wohne in der") are left out, and "2 hours on the road" is no street.

Round 14: Welsh and Irish streets with the number first ("7 Heol y Nant, Cardiff").

Round 12: a street whose name has no street word, before a postcode ("Li Mingyu, Overtoom 301-2,
1054 HW Amsterdam", "Lange Voorhout 9, 2514 EA Den Haag"); streets in capitals ("STRAAT:
KERKSTRAAT 7", "12 MILL LANE"); the value of a street label ("Straße: Am Hang 7", "Street:
Flat 2, 41 Cowley Rd").
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.alternation import by_first_letter, compiled
from supportllm.guard.lead_class import class_first_compiled
from supportllm.guard.literal_gate import Gated
from supportllm.guard.pii_name_cues import NOT_NAMES

__all__ = ["StreetPatterns"]

_CAP = r"[A-ZÄÖÜÀ-ÖØ-ÞÇŞĞİ][\w'’.\-]*"
_LOW = (
    r"(?:de|da|das|do|dos|del|de\s+la|de\s+las|de\s+los|di|du|des|della|delle|dei|degli|dello|"
    r"al|el|ibn|bin|ben)"
)
_NAME = rf"(?:{_CAP}|{_LOW})(?:[ \t]+(?:{_CAP}|{_LOW}|[IVX]{{1,4}}\b)){{0,5}}"
# The street word first: Portuguese, Spanish, Catalan, French, Italian, Moroccan.
_PREFIX = (
    r"(?:Rua|R\.|Avenida|Av\.?|Avda\.?|Praça|Praca|Largo|Travessa|Tv\.|Rambla|Paseo|Plaza|"
    r"Carrer|Camino|Estrada|Alameda|Calle|C/|Rue|Boulevard|Bd\.?|Bld\.?|Avenue|Chemin|Allée|"
    r"Impasse|Quai|Cours|Route|Via|Viale|Piazza|Corso|Vicolo|Derb|Zanqat|Lotissement|"
    # round 14b: Indonesian and Malaysian "Jl. Kemang Raya No. 27", Papiamento (Curaçao,
    # Aruba, Bonaire) "Kaya Gobernador N. Debrot 45"
    r"Jl\.|Jln\.|Jalan|Kaya)"
)
_NUMBER = (
    r"(?:n[º°o]\.?[ \t]*|No\.?[ \t]*|Nr\.?[ \t]*)?\d{1,4}(?:[ \t]?(?:bis|ter|[A-Za-z])(?![\w]))?"
    # floor and door: "5, 3º B", "123 - 2º Esq", "14, 2ºD"
    r"(?:[ \t]*[,-][ \t]*\d{1,2}[º°ª](?:[ \t]?(?:[A-Za-z]|Esq|Dto|Dta|Izq|Dcha)\.?(?![\w]))?)?"
)
_FRENCH_STREET = (
    r"(?:rue|avenue|av\.|boulevard|bd|place|allée|allee|impasse|chemin|quai|cours|route|rua|"
    r"calle|via)"
)
# Welsh and Irish street words, the number before them ("7 Heol y Nant", "12 Ffordd yr Afon",
# "4 Bóthar na Trá"; round 14): written like the French ones, with the name after the word.
_CELTIC_STREET = r"(?:Heol|Ffordd|Stryd|Lôn|Rhodfa|Cilgant|Sráid|Sraid|Bóthar|Bothar|Ascaill)"
_CELTIC_LOW = r"(?:y|yr|'r|’r|an|na|ny)"
_TURKISH_STREET = r"(?:Caddesi|Cad\.|Cd\.|Sokak|Sokağı|Sk\.|Sok\.|Bulvarı|Blv\.)"
_LOWER_WORD = r"[a-zà-öø-ÿ][a-zà-öø-ÿ'’-]+"
_LOWER_EN_STREET = (
    r"(?:road|rd|street|lane|avenue|ave|drive|crescent|terrace|gardens|grove|mews|boulevard|"
    r"square|parade|lawn|close)"
)
_LOWER_DE_NL_STREET = (
    r"(?:straat|laan|gracht|plein|kade|singel|dijk|(?<!onder)(?<!unter)weg|straße|strasse|gasse|"
    r"allee|damm|platz)"
)
# Words that lead up to a street or count something, never part of a lower-case street name.
_NOT_STREET_WORDS: Final = frozenset(
    ("on", "the", "of", "in", "at", "to", "a", "an", "and", "for", "my", "our", "by", "down",
     "up", "off", "from", "with", "is", "was", "are", "were", "op", "de", "het", "aan", "naar",
     "bij", "woon", "woont", "ik", "mijn", "adres", "wohne", "wohnt", "ich", "meine", "nach",
     "zur", "zum", "auf", "der", "die", "das", "im", "hours", "days", "minutes", "mins", "weeks",
     "months", "years", "times", "miles", "km", "people", "more", "other", "items", "boxes",
     "parcels", "packages")
)  # fmt: skip


_UPPER_STREET = (
    r"(?:STRAAT|STRASSE|STRAßE|STR\.|WEG|LAAN|GRACHT|PLEIN|KADE|DIJK|SINGEL|ALLEE|PLATZ|GASSE|"
    r"DREEF|RING|DAMM)"
)
_UPPER_EN_STREET = r"(?:STREET|ST|ROAD|RD|AVENUE|AVE|LANE|LN|DRIVE|DR|CLOSE|WAY|COURT|CRESCENT)"


class StreetPatterns:
    """Compiled patterns of the street forms above."""

    def __init__(self) -> None:
        self._patterns: Final = (
            compiled(rf"(?<![\w-]){_PREFIX}[ \t]+{_NAME},?[ \t]+{_NUMBER}(?![\w])"),
            class_first_compiled(
                by_first_letter(
                    rf"(?<![\w-])\d{{1,4}}(?:[ \t]?(?:bis|ter|[A-Za-z]))?,?[ \t]+"
                    rf"(?i:{_FRENCH_STREET})[ \t]+(?:(?:{_LOW})[ \t]+|l['’])?{_NAME}"
                )
            ),
            compiled(
                rf"(?<![\w-])(?:{_CAP}[ \t]+){{0,3}}(?:Mahallesi,?[ \t]+|Mah\.,?[ \t]+)?"
                rf"(?:{_CAP}[ \t]+){{0,3}}{_TURKISH_STREET},?[ \t]*(?:No|Nr|no)[ \t]*[:.]?[ \t]*"
                r"\d{1,4}(?:/\d{1,3})?(?:[ \t]*(?:D|Daire)[ \t]*[:.]?[ \t]*\d{1,3})?"
            ),
        )
        self._has_celtic = re.compile(_CELTIC_STREET)  # cheap: most texts have none
        self._celtic = class_first_compiled(
            rf"(?<![\w-])\d{{1,4}}[A-Za-z]?,?[ \t]+{_CELTIC_STREET}[ \t]+"
            rf"(?:{_CELTIC_LOW}[ \t]+)?{_NAME}"
        )
        self._lower_en = re.compile(
            rf"(?<![\w-])(?:(?:flat|apt|apartment|unit)\.?[ \t]*\d{{1,4}}[a-z]?,?[ \t]+)?"
            rf"\d{{1,5}}[a-z]?,?[ \t]+((?:{_LOWER_WORD}[ \t]+){{1,3}}){_LOWER_EN_STREET}(?![\w])"
        )
        # cheap searches first: most texts hold no lower-case street word at all
        self._has_lower_en = re.compile(rf"[a-z][ \t]+{_LOWER_EN_STREET}(?![\w])")
        self._has_lower_de_nl = Gated(re.compile(rf"[a-zà-öø-ÿ]{_LOWER_DE_NL_STREET}[ \t]+\d"))
        # "Overtoom 301-2, 1054 HW …", "Lange Voorhout 9, 2514 EA …", "Via Larga 8, 20122 Milano"
        self._before_postcode = re.compile(
            rf"(?<![\w-])((?:{_CAP}[ \t]+){{0,2}}{_CAP}[ \t]+\d{{1,4}}(?:[a-zA-Z](?![\w])|"
            r"[-/]\w{1,4})?),[ \t]*(?=[1-9]\d{3}[ \t]?[A-Z]{2}(?![\w])|\d{5}[ \t]+[A-ZÄÖÜ]|"
            r"[1-9]\d{3}[ \t]+[A-ZÄÖÜ][a-zäöüß])"
        )
        self._has_before_postcode = re.compile(r"\d,[ \t]*\d{4}")
        # round 15 (v22): an Amsterdam floor after the number says it is an address even
        # without a street word ("Zuiderkade 23-II", "Kinkerstraat 12-hs", "Overtoom 4-1")
        self._has_floor = re.compile(r"\d-(?:I{1,3}|IV|hs|HS|huis|bg|boven)(?![\w])")
        self._floor = re.compile(
            rf"(?<![\w-])((?:{_CAP}[ \t]+){{0,2}}{_CAP}[ \t]+\d{{1,4}}[a-z]?-"
            r"(?:I{1,3}|IV|hs|HS|huis|bg|boven))(?![\w])"
        )
        # where someone lives comes before it, not "Versie 4-III" or "Fase 2-III"
        self._floor_before = re.compile(
            r"(?i)(?<![\w])(?:van|op|aan|naar|adres|adresse|address|bewoners?|woon|woont|"
            r"wonen|at|to|in|nach|auf)[ \t]*:?[ \t]*$"
        )
        self._upper = re.compile(
            rf"(?<![\w-])(?:[A-ZÄÖÜ][A-ZÄÖÜß'-]*{_UPPER_STREET}[ \t]+\d{{1,4}}[A-Z]?|"
            rf"\d{{1,5}}[A-Z]?[ \t]+(?:[A-Z][A-Z'-]+[ \t]+){{1,3}}{_UPPER_EN_STREET})(?![\w])"
        )
        self._has_upper = re.compile(rf"[A-Z]{{2}}(?:{_UPPER_STREET}|{_UPPER_EN_STREET})\b")
        self._label = re.compile(
            r"(?im)^[ \t]*(?:street|street address|straße|strasse|str\.|straat|straatnaam|"
            r"address line 1|adresregel 1)(?:[ \t]*(?:\+|&|/|and|und|u\.|en)[ \t]*(?:house[ \t]*)?"
            r"(?:number|no\.?|nr\.?|hausnummer|hausnr\.?|huisnummer|huisnr\.?))?"
            r"[ \t]*:[ \t]*([^\n]{3,60})$"
        )
        self._lower_de_nl = re.compile(
            rf"(?<![\w-])((?:{_LOWER_WORD}[ \t]+){{0,3}})[a-zà-öø-ÿ]{{2,}}{_LOWER_DE_NL_STREET}"
            r"[ \t]+\d{1,4}(?:[a-z](?![\w])|[-/]\d{1,4}[a-z]?)?(?![\w])"
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every street address of these forms in ``text``."""
        out = [m.span() for rx in self._patterns for m in rx.finditer(text)]
        if self._has_celtic.search(text):
            out += [m.span() for m in self._celtic.finditer(text)]
        for hit in self._has_before_postcode.finditer(text):  # only just before a postcode
            m = self._before_postcode.search(text, max(0, hit.start() - 60), hit.end() + 12)
            if m is not None and m.end(1) == hit.start() + 1 and _street(m.group(1)):
                out.append(m.span(1))
        if self._has_floor.search(text):
            out += [
                m.span(1)
                for m in self._floor.finditer(text)
                if _street(m.group(1))
                and self._floor_before.search(text, max(0, m.start(1) - 24), m.start(1))
            ]
        if self._has_upper.search(text):
            out += [m.span() for m in self._upper.finditer(text)]
        # a label starts a line: in a text of one line only the text's start
        labels = self._label.finditer(text) if "\n" in text else [self._label.match(text)]
        out += [
            m.span(1)
            for m in labels
            if m is not None and any(c.isdigit() for c in m.group(1)) and "@" not in m.group(1)
        ]
        return out + self._lower_case_spans(text)

    def _lower_case_spans(self, text: str) -> list[tuple[int, int]]:
        """Streets in lower case: English ones whose name words are all plausible, Dutch and
        German ones without the words that lead up to them."""
        out: list[tuple[int, int]] = []
        if self._has_lower_en.search(text):
            out += [
                m.span()
                for m in self._lower_en.finditer(text)
                if not any(w in _NOT_STREET_WORDS for w in m.group(1).split())
            ]
        if self._has_lower_de_nl.search(text):
            out += [
                (m.start(1) + _lead_in(m.group(1)), m.end())
                for m in self._lower_de_nl.finditer(text)
            ]
        return out


def _street(words: str) -> bool:
    """A street name before its number: no year, month or other common word ("Order 12, …")."""
    names, number = words.rsplit(None, 1)
    if number.isdigit() and len(number) == 4 and number.startswith(("19", "20")):
        return False
    return not any(w.lower().rstrip(".") in NOT_NAMES for w in names.split())


def _lead_in(words: str) -> int:
    """Where the street name starts in the words matched before it: after "op de", "wohne in"."""
    for m in re.finditer(r"\S+", words):
        if m.group() not in _NOT_STREET_WORDS:
            return m.start()
    return len(words)
