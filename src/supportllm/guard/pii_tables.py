"""Rows pasted from a spreadsheet or an export, read by their header (PII, round 12).

A customer or an agent pastes the rows that failed an import:

    id,name,email,phone,city                    kdnr;name;strasse;plz;ort
    10232,Chen Wei,chenwei.sf@yahoo.com,…   88123;Nguyen, Thi Hoa;Königsallee 61;40212;Düsseldorf

    Name | Geburtsdatum | Telefon
    Eleni Stavropoulou | 05.06.1995 | 0157 83920114

In a row the context words the other detectors rely on are missing: a postcode stands between
two semicolons, a surname ("van der Meer") alone in its field, a town ("San Jose") where a name
could stand. The header says what each column holds: a line of two or more short labels split by
one delimiter (comma, semicolon, tab or bar), two of them known column names, and the lines below
it with as many fields. Name, street, postcode, date-of-birth and phone columns give candidates;
the fields of a town, country or company column are no person (`TableCells.not_person`). A
header of a product list ("sku;name;status") is none: two columns must be about people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from supportllm.guard.pii_rules import Candidate

__all__ = ["TableCells", "TablePatterns"]


def _names(names: str) -> frozenset[str]:
    return frozenset(n.strip() for n in names.split(",") if n.strip())


# Column names (lower case; "_", "-" and "." read as spaces) and what their fields hold.
_COLUMNS: Final = {
    "PERSON": _names(
        "name, names, full name, fullname, first name, firstname, given name, last name, "
        "lastname, surname, family name, customer name, customer, contact, contact name, "
        "contact person, account holder, cardholder, card holder, passenger, guest, tenant, "
        "employee, applicant, recipient, vorname, nachname, familienname, kunde, kundin, "
        "kundenname, ansprechpartner, inhaber, kontoinhaber, empfänger, bewerber, mieter, "
        "voornaam, achternaam, naam, klantnaam, klant, tussenvoegsel, voorletters, "
        "contactpersoon, rekeninghouder, huurder, ontvanger"
    ),
    "PHONE": _names(
        "phone, telephone, tel, mobile, mobile number, phone number, cell, telefon, "
        "telefonnummer, handy, mobil, mobilnummer, rufnummer, telefoon, telefoonnummer, "
        "mobiel, mobiel nummer, gsm"
    ),
    "ADDRESS": _names(
        "address, street, street address, addr, address1, address line 1, address line, "
        "adresse, anschrift, straße, strasse, str, straße und hausnummer, straße hausnummer, "
        "adres, straat, straatnaam, straat en huisnummer, woonadres"
    ),
    "POSTCODE": _names("zip, zip code, zipcode, postcode, post code, postal code, plz, pc"),
    "DATE_OF_BIRTH": _names(
        "dob, date of birth, birth date, birthdate, birthday, geburtsdatum, geb datum, "
        "gebdat, geburtstag, geboortedatum, geboren"
    ),
    "EMAIL": _names("email, e mail, mail, email address, e mail adresse, emailadres"),
    # found by their own patterns; as columns they say the rows are about people
    "IBAN": _names(
        "iban, bic iban, account number, bank account, kontonummer, bankverbindung, "
        "rekeningnummer, rekening, bankrekening, rekeningnr"
    ),
    # fields that are no person, whatever their words look like: places (a table of people
    # has them) and things (a table of products has them)
    "PLACE": _names(
        "city, town, ort, stadt, wohnort, plaats, woonplaats, stad, country, land, state, "
        "region, county, province, bundesland, provincie"
    ),
    "NOT_PERSON": _names(
        "company, firma, bedrijf, organisation, organization, product, produkt, plan, tarif, "
        "status, shop, store, filiale, winkel"
    ),
}
_KIND: Final = {name: kind for kind, names in _COLUMNS.items() for name in names}
_PRIORITY: Final = {"PERSON": 52, "PHONE": 70, "ADDRESS": 58, "POSTCODE": 56, "DATE_OF_BIRTH": 80}
_EMPTY: Final = frozenset({"", "-", "--", "n/a", "na", "none", "null", "unknown", "?", "x"})
_DELIMITERS: Final = (";", "\t", "|", ",")


@dataclass
class TableCells:
    """What the tables of a text hold: candidates, and fields that are no person."""

    candidates: list[Candidate] = field(default_factory=list)
    not_person: list[tuple[int, int]] = field(default_factory=list)


class TablePatterns:
    """A cheap search for a header line, then the rows below it."""

    def __init__(self) -> None:
        names = sorted(_KIND, key=len, reverse=True)
        label = "|".join(re.escape(n).replace(r"\ ", r"[ _.-]") for n in names)
        # a known column name between delimiters (or a line's ends) somewhere in the text
        self._has_header = re.compile(
            rf"(?im)(?:^|[;,|\t])[ \t]*\"?(?:{label})\"?[ \t]*(?:[;,|\t]|$)"
        )
        self._date = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")

    def find(self, text: str) -> TableCells:
        cells = TableCells()
        if "\n" not in text or not self._has_header.search(text):
            return cells
        lines = _lines(text)
        i = 0
        while i < len(lines):
            header = _header(lines[i][1])
            if header is None:
                i += 1
                continue
            delim, kinds = header
            i += 1
            while i < len(lines):
                row_start, row = lines[i]
                i += 1
                if _is_rule(row):  # "---|---" under a Markdown header
                    continue
                fields = _fields(row, delim)
                if len(fields) != len(kinds):
                    i -= 1
                    break
                for kind, (lo, hi) in zip(kinds, fields, strict=True):
                    self._cell(cells, kind, text, row_start + lo, row_start + hi)
        return cells

    def _cell(self, cells: TableCells, kind: str | None, text: str, lo: int, hi: int) -> None:
        value = text[lo:hi]
        if kind is None or value.strip().lower() in _EMPTY:
            return
        if kind in ("PLACE", "NOT_PERSON"):
            cells.not_person.append((lo, hi))
            return
        digits = sum(c.isdigit() for c in value)
        letters = sum(c.isalpha() for c in value)
        ok = {
            "PERSON": letters >= 2 and not digits and "@" not in value and len(value.split()) <= 5,
            "PHONE": 7 <= digits <= 15 and letters <= 3,
            "ADDRESS": letters >= 3 and 0 < digits <= 8 and "@" not in value,
            "POSTCODE": 0 < digits <= 8 and len(value) <= 10,
            "DATE_OF_BIRTH": self._date.fullmatch(value) is not None,
        }.get(kind, False)
        if ok:
            cells.candidates.append(Candidate(lo, hi, kind, _PRIORITY[kind]))


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _column(label: str) -> str | None:
    key = re.sub(r"[ _.\-]+", " ", label.strip().strip('"').lower()).strip()
    return _KIND.get(key)


def _header(line: str) -> tuple[str, list[str | None]] | None:
    """The delimiter and the kind of each column when ``line`` is a header."""
    for delim in _DELIMITERS:
        if line.count(delim) < 1:
            continue
        labels = [line[lo:hi] for lo, hi in _fields(line, delim)]
        if len(labels) < 2 or any(
            not lab or len(lab) > 30 or not lab[0].isalpha() or "@" in lab for lab in labels
        ):
            continue
        kinds = [_column(lab) for lab in labels]
        # two columns that say the rows are about people ("name,email", "naam;woonplaats"), not
        # "sku;name;status" (a product's name)
        personal = [k for k in kinds if k not in (None, "NOT_PERSON")]
        if len(personal) >= 2 and any(k != "PLACE" for k in personal):
            return delim, kinds
    return None


def _fields(line: str, delim: str) -> list[tuple[int, int]]:
    """(start, end) of each field of a row, without spaces and quotes around it; a comma
    inside double quotes does not split ("O'Brien, Declan"); bars around a Markdown row are
    dropped."""
    spans: list[tuple[int, int]] = []
    start, quoted = 0, False
    for pos, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == delim and not quoted:
            spans.append((start, pos))
            start = pos + 1
    spans.append((start, len(line)))
    if delim == "|" and line.strip().startswith("|"):
        spans = spans[1:]
    if delim == "|" and line.strip().endswith("|"):
        spans = spans[:-1]
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        while lo < hi and line[lo] in ' \t"':
            lo += 1
        while hi > lo and line[hi - 1] in ' \t"\r':
            hi -= 1
        out.append((lo, hi))
    return out


def _is_rule(line: str) -> bool:
    return bool(line.strip()) and set(line.strip()) <= set("-|: \t+=")
