"""Street addresses as customers abroad write them (issue 16, PII, round 10): the street word
before the name in Portugal, Spain, France, Belgium, Italy and Morocco ("Rua das Flores, 123",
"Calle Mayor 5, 3º B", "Av. Sidi Mohammed 14"), the number first in French ("12 rue de la Paix",
"7bis, avenue Victor Hugo"), and Turkish streets with "No:" ("Bağdat Cd. No: 45/3",
"Atatürk Mahallesi, Gül Sokak No 12"). guard/pii_rules.py adds them to its address candidates.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["StreetPatterns"]

_CAP = r"[A-ZÄÖÜÀ-ÞÇŞĞİ][\w'’.\-]*"
_LOW = r"(?:de|da|das|do|dos|del|de\s+la|de\s+las|de\s+los|di|du|des|della|al|el|ibn|bin|ben)"
_NAME = rf"(?:{_CAP}|{_LOW})(?:[ \t]+(?:{_CAP}|{_LOW}|[IVX]{{1,4}}\b)){{0,5}}"
# The street word first: Portuguese, Spanish, Catalan, French, Italian, Moroccan.
_PREFIX = (
    r"(?:Rua|R\.|Avenida|Av\.?|Avda\.?|Praça|Praca|Largo|Travessa|Tv\.|Rambla|Paseo|Plaza|"
    r"Carrer|Camino|Estrada|Alameda|Calle|C/|Rue|Boulevard|Bd\.?|Bld\.?|Avenue|Chemin|Allée|"
    r"Impasse|Quai|Cours|Route|Via|Viale|Piazza|Corso|Vicolo|Derb|Zanqat|Lotissement)"
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
_TURKISH_STREET = r"(?:Caddesi|Cad\.|Cd\.|Sokak|Sokağı|Sk\.|Sok\.|Bulvarı|Blv\.)"


class StreetPatterns:
    """Compiled patterns of the street forms above."""

    def __init__(self) -> None:
        self._patterns: Final = (
            re.compile(rf"(?<![\w-]){_PREFIX}[ \t]+{_NAME},?[ \t]+{_NUMBER}(?![\w])"),
            re.compile(
                rf"(?<![\w-])\d{{1,4}}(?:[ \t]?(?:bis|ter|[A-Za-z]))?,?[ \t]+(?i:{_FRENCH_STREET})"
                rf"[ \t]+(?:(?:{_LOW})[ \t]+|l['’])?{_NAME}"
            ),
            re.compile(
                rf"(?<![\w-])(?:{_CAP}[ \t]+){{0,3}}(?:Mahallesi,?[ \t]+|Mah\.,?[ \t]+)?"
                rf"(?:{_CAP}[ \t]+){{0,3}}{_TURKISH_STREET},?[ \t]*(?:No|Nr|no)[ \t]*[:.]?[ \t]*"
                r"\d{1,4}(?:/\d{1,3})?(?:[ \t]*(?:D|Daire)[ \t]*[:.]?[ \t]*\d{1,3})?"
            ),
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every street address of these forms in ``text``."""
        return [m.span() for rx in self._patterns for m in rx.finditer(text)]
