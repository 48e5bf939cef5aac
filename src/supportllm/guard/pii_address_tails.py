"""Postcodes in the tail of a street address (PII, round 14b): the postcode rules want a
postcode's usual neighbours (a town right after it, a comma right before it and a house number
before that), but people write the rest of an address in many ways:

- unit parts between the street and the postcode: "Sonnenallee 112, Hinterhaus 3. OG, 12045",
  "Bahnhofstr. 3, Whg. 11, 74072 Heilbronn", "Rua Augusta 1508, apto 62, São Paulo, CEP
  01304-001", "Nørrebrogade 45, 3. tv⏎2200 København N";
- "in" instead of a comma, with a four-digit or a lower-case town: "Grieskai 54/7 in 8020 Graz",
  "Bahnhofstrasse 21 in 8001 Zürich", "Bahnhofstraße 17 in 90402 nürnberg";
- a district or town before the postcode and postcodes of other shapes: "Jl. Kemang Raya No.
  27, Jakarta Selatan 12730", "15 Adeola Odeku Street, Victoria Island, Lagos 101241",
  "São Paulo - SP, 01304-001" (Brazil), "118 21 Stockholm" (Sweden).

So a number of a postcode's shape that follows a street address found by the other rules, within
the same clause, is a postcode. Only the text right after an address is read, so the cost is one
anchored match per address.
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.pii_rules import Candidate

__all__ = ["find_address_tails"]

# A unit, floor or building part of an address ("Hinterhaus 3. OG", "Whg. 11", "apto 62",
# "bte 4", "lgh 1102", "3. tv", "Top 5", "Stiege 2").
_UNIT_PART: Final = (
    r"(?:(?:Hinterhaus|Vorderhaus|Seitenflügel|Gartenhaus|Quergebäude|Whg|Wohnung|App|Apt|"
    r"Apartment|apto|apt|depto|dpto|piso|bus|bte|boîte|lgh|Top|Stiege|Stg|Tür|Flat|Unit|Suite|"
    r"Etage|Stock|Daire|Kat|huis|hs)\.?:?[ \t]*[\dA-Za-z]{0,5}\.?"
    r"(?:[ \t]+(?:OG|EG|DG|UG|Etage|Stock|og|eg|sal|th|tv|mf))?|"
    r"\d{1,2}\.?[ \t]*(?:OG|EG|DG|UG|Etage|Stock|Obergeschoss|tv|th|mf|sal|og|étage|andar))"
)
# A district or town before the postcode: one to three capitalised words, "São Paulo - SP".
_TOWN: Final = (
    r"(?:[A-ZÀ-ÖØ-ÞŁŚŻ][\w'’.-]*(?:[ \t]+(?:[A-ZÀ-ÖØ-ÞŁŚŻ][\w'’.-]*|de|do|da|am|an|upon)){0,2}"
    r"(?:[ \t]*[-–][ \t]*[A-Z]{2})?)"
)
_TAIL: Final = re.compile(
    # the floor word of a unit the address rule stopped before ("…, Hinterhaus 3|. OG, 12045")
    r"(?:\.?[ \t]*(?:OG|EG|DG|UG|Etage|Stock|Obergeschoss|tv|th|mf|sal|og)(?![\w]))?"
    rf"(?:[ \t]*,[ \t]*{_UNIT_PART})*"
    rf"(?P<sep>(?:[ \t]*,[ \t]*{_TOWN}){{0,2}}[ \t]*,[ \t]*|[ \t]*,[ \t]*{_TOWN}[ \t]+|"
    r"[ \t]+in[ \t]+|[ \t]*\n[ \t]*)"
    r"(?:(?:CEP|C\.P\.|CP|PIN|PLZ|Postcode|Postal code)[ \t]*:?[ \t]*)?"
    r"(?P<code>\d{5}-\d{3}|\d{3}[ \t]\d{2}|\d{4,6})(?![\w-]|[ \t.,]?\d)"
    r"(?P<after>[ \t]*(?:$|[\n.,;!?)]|[ \t][A-ZÀ-ÖØ-Þa-zäöüß][\w-]*))"
)
# Words after a number that make it a quantity, a price or a time, not a postcode.
_NOT_TOWN: Final = frozenset(
    ("euro", "eur", "chf", "usd", "gbp", "km", "kg", "m2", "qm", "mb", "gb", "mal", "times",
     "x", "stück", "stuks", "pieces", "uhr", "h", "min", "minuten", "jahre", "years", "jaar",
     "dagen", "tage", "days", "personen", "people", "mensen")
)  # fmt: skip


def find_address_tails(text: str, cands: list[Candidate]) -> list[Candidate]:
    """POSTCODE candidates for postcodes written in an address's tail (see the module doc)."""
    out: list[Candidate] = []
    for c in cands:
        if c.type != "ADDRESS":
            continue
        m = _TAIL.match(text, c.end)
        if m is None:
            continue
        code, after = m.group("code"), m.group("after").strip(" \t")
        sep = m.group("sep")
        if after.lower() in _NOT_TOWN:
            continue
        # a year after "in" or on the next line ("… 12, 2019 moved", "in 2024 Berlin"): a
        # four-digit postcode there needs a capitalised town and no year shape
        if (
            len(code) == 4
            and code.startswith(("19", "20"))
            and (not after[:1].isupper() or "\n" in sep or sep.strip() == "in")
        ):
            continue
        if "\n" in sep and not after[:1].isalpha():
            continue  # a number alone on the next line is anything; with a town, a postcode
        if sep.strip() == "in" and not after[:1].isalpha():
            continue  # "Weg 4 in 2024." is a year
        out.append(Candidate(m.start("code"), m.end("code"), "POSTCODE", 54))
    return out
