"""Addresses and postcodes as customers write them (PII, round 13, second pass):

- German and Dutch street names joined by hyphens whose street word is capitalised:
  "Karl-Liebknecht-Str. 9", "Konrad-Adenauer-Straße 12a", "Jan-Pieter-Heije-Laan 4";
- Dutch and Belgian streets whose street word comes first, before a particle: "Laan van
  Meerdervoort 540", "Laan van Nieuw Oost-Indië 131-G", "Steenweg op Gent 203", "Weg naar
  Laren 12", "Kade aan de Vaart 3";
- Polish streets with a flat after a slash or "m.": "ul. Portowa 17/3", "al. Jerozolimskie
  44 m. 12";
- postcodes with a country letter ("L-1611 Luxembourg", "SE-411 19 Göteborg", "CH-8001
  Zürich", "PL-80-555"), Polish ones before the town ("80-555 Gdańsk"), Swedish ones in two
  groups after a house number ("Drottninggatan 45, 111 21 Stockholm").

Each pattern runs only when a cheap test finds its shape in the text.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["AbroadPatterns"]

_CAP: Final = r"[A-ZÄÖÜÀ-ÖØ-ÞŁŚŻ][\w'’]*"
_TOWN: Final = r"(?=[ \t]+[A-ZÄÖÜÀ-ÖØ-ÞŁŚŻÇŞİ][a-zäöüßà-öø-ÿłśżźćńąęçşğı]{2,})"
_HYPHEN_STREET: Final = (
    r"(?:Str\.|Straße|Strasse|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer|Chaussee|Markt|Steig|"
    r"Pfad|Brücke|Graben|Kamp|Wall|Park|Promenade|Straat|Laan|Plein|Kade|Singel|Dijk|Gracht|"
    r"Dreef)"
)
_NUMBER: Final = r"\d{1,4}(?:[a-zA-Z](?![\w])|[-/]\d{1,4}[a-zA-Z]?|-[A-Za-z](?![\w]))?"


class AbroadPatterns:
    """Compiled patterns of the forms above."""

    def __init__(self) -> None:
        self._hyphen = re.compile(
            rf"(?<![\w-])(?:{_CAP}-){{1,3}}{_HYPHEN_STREET}[ \t]+{_NUMBER}(?![\w])"
        )
        self._has_hyphen = re.compile(rf"-{_HYPHEN_STREET}[ \t]+\d")
        self._word_first = re.compile(
            r"(?<![\w-])(?:Laan|Steenweg|Weg|Kade|Dreef|Straatweg|Singel|Plein|Jaagpad|Dijk)"
            r"[ \t]+(?:van|op|naar|aan|bij|ten|ter|tot|over|achter|langs|in)[ \t]+"
            rf"(?:(?:de|der|den|het|'t)[ \t]+)?(?:{_CAP}[ \t]+){{0,2}}[A-ZÄÖÜÀ-ÖØ-Þ][\w'’-]*"
            rf"[ \t]+{_NUMBER}(?![\w])"
        )
        self._has_word_first = re.compile(
            r"(?:Laan|Steenweg|Weg|Kade|Dreef|Straatweg|Singel|Plein|Jaagpad|Dijk)[ \t]+"
            r"(?:van|op|naar|aan|bij|ten|ter|tot|over|achter|langs|in)[ \t]"
        )
        self._polish = re.compile(
            rf"(?<![\w-])(?:ul|al|os|pl)\.[ \t]*(?:{_CAP}[ \t]+){{0,3}}{_CAP}[ \t]+"
            r"\d{1,4}[a-zA-Z]?(?:/\d{1,4}[a-zA-Z]?)?(?:[ \t]+(?:m|lok)\.[ \t]*\d{1,4})?(?![\w])"
        )
        self._country_postcode = re.compile(
            r"(?<![\w-])(?:L|B|A|CH|D|DK|S|SE|N|NO|FI|F|I|E|P|PL|CZ|SK|HU|LT|LV|EE|HR|SI|LI)-"
            rf"(?:\d{{2}}-\d{{3}}|\d{{3}}[ \t]\d{{2}}|\d{{4,5}}|\d{{4}}-\d{{3}}){_TOWN}"
        )
        self._polish_postcode = re.compile(
            rf"(?:^|(?<=[,;\n]))[ \t]*(\d{{2}}-\d{{3}}){_TOWN}",
            re.MULTILINE,
        )
        # cheap tests before the patterns above
        self._has_polish = re.compile(r"[uaop][ls]\.[ \t]*[A-ZŁŚŻ]")
        self._has_country = re.compile(r"[A-Z]-\d")
        self._has_polish_postcode = re.compile(r"\d\d-\d\d\d[ \t]")
        self._swedish = re.compile(
            rf"\d[a-zA-Z]?,[ \t]*(\d{{3}}[ \t]\d{{2}}){_TOWN}",
        )

    def streets(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the street addresses above."""
        out: list[tuple[int, int]] = []
        if self._has_hyphen.search(text):
            out += [m.span() for m in self._hyphen.finditer(text)]
        if self._has_word_first.search(text):
            out += [m.span() for m in self._word_first.finditer(text)]
        if self._has_polish.search(text):
            out += [m.span() for m in self._polish.finditer(text)]
        return out

    def postcodes(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the postcodes above."""
        out: list[tuple[int, int]] = []
        if self._has_country.search(text):
            out += [m.span() for m in self._country_postcode.finditer(text)]
        if self._has_polish_postcode.search(text):
            out += [m.span(1) for m in self._polish_postcode.finditer(text)]
        out += [m.span(1) for m in self._swedish.finditer(text)]
        return out
