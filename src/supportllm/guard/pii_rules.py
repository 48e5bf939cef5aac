"""Rule detectors for structured PII: patterns, check digits and context words (EN/DE/NL).

Each detector returns candidates (start, end, type, priority); the caller resolves overlaps
(higher priority first, then the longer span). Compiled patterns live in `RulePatterns`, built
once per redactor.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Final

from supportllm.guard.alternation import compiled
from supportllm.guard.case_split import split_compiled
from supportllm.guard.lead_class import class_first_compiled
from supportllm.guard.literal_gate import Gated
from supportllm.guard.pii_abroad import AbroadPatterns
from supportllm.guard.pii_card_forms import (
    card_head,
    card_shaped,
    date_with_hour,
    find_card_halves,
)
from supportllm.guard.pii_card_parts import find_card_parts
from supportllm.guard.pii_checks import (
    IBAN_LENGTHS,
    bsn_ok,
    de_tax_id_ok,
    digits_of,
    iban_mod97_ok,
    iban_ok,
    luhn_ok,
)
from supportllm.guard.pii_dates import DATE_NUM, DobPatterns
from supportllm.guard.pii_number_forms import find_split_numbers, is_reference_number
from supportllm.guard.pii_numbers import VersionPatterns
from supportllm.guard.pii_postcodes import PostcodePatterns
from supportllm.guard.pii_streets import StreetPatterns


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    priority: int


# Words right before a number that say it is *not* personal: order, ticket, invoice numbers ...
NOT_PII_BEFORE = (
    r"(?:order|ticket|case|invoice|receipt|tracking|reference|ref|item|article|sku|model|"
    r"serial|version|build|release|bestellung|bestellnummer|auftrag|auftragsnummer|rechnung|"
    r"rechnungsnummer|vorgang|vorgangsnummer|artikel|artikelnummer|sendung|sendungsnummer|"
    r"kundennummer|customer\s+(?:no|number|id)|bestelling|bestelnummer|ordernummer|factuur|"
    r"factuurnummer|zending|klantnummer|artikelnummer|versie|zaaknummer|storing|transaction|"
    r"transaktion|transactie|transactienummer|kassenbon|bonnummer|beleg|belegnummer|imei|"
    # device and meter identifiers (round 15: "Meter number 51002234", "IMEI-nummer is …")
    r"meter|zähler|zählernummer|meternummer|(?<![a-z])(?:ean|mprn|mpan|gsrn|iccid|imsi)|"
    r"(?<![a-z])s/?n|"
    # not "Straße/Hausnr.: Am Hang 7", "Terugbelnr 010-…", "Telnr", "Faxnr"
    r"(?<!haus)(?<!huis)(?<!bel)(?<!tel)(?<!fax)(?<!fon)(?<!biel)nr|no|#)\.?\s*"
    r"(?:[\s-]*(?:number|nummer|nr|no|id|code))?\.?\s*(?:is|ist|was|lautet|luidt)?\s*[:#]?\s*$"
)
PHONE_CONTEXT = (
    r"(?:phone|tel|telephone|answering at|messages to|mobile|mob|cell|fax|desk|office|call|"
    r"ring|whatsapp|sms|text me|"
    r"reach me|contact|registered|number|telefon|telefonnummer|handy|handynummer|mobil|"
    r"mobilnummer|rufnummer|festnetz|erreichbar|anrufen|rückruf|nummer|telefoon|"
    r"telefoonnummer|mobiel|mobiele|bel|bellen|gebeld|terugbellen|nummer|telnr|tel\.?\s*nr|gsm|natel)"
)
CARD_CONTEXT = (
    r"(?:card|cc|visa|mastercard|amex|american express|maestro|credit|debit|kreditkarte|karte|"
    r"kartennummer|creditcard|kaart|kaartnummer|betaalpas|pinpas)"
)
BSN_CONTEXT = r"(?:bsn|burgerservicenummer|burger\s*service\s*nummer|sofi|sofinummer)"
TAX_CONTEXT = (
    r"(?:steuer|steuerid|steuer-id|steuer-identifikationsnummer|identifikationsnummer|"
    r"steueridentifikationsnummer|idnr|tin|tax\s*id|tax)"
)
MONTHS = (
    r"(?:jan(?:uary|uar|uari)?|feb(?:ruary|ruar|ruari)?|m(?:ar(?:ch)?|ärz?|aerz|rt|aart)|"
    r"apr(?:il)?|ma[iy]|mei|jun[ie]?|juni|jul[iy]?|aug(?:ust(?:us)?)?|sep(?:t(?:ember)?)?|"
    r"o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?)\.?"
)
US_STATES = ("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
             "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
             "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
             "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "AE", "AA",
             "AP")  # fmt: skip
_TOWN_BRACKET: Final = class_first_compiled(r"(?<![\w-])[A-Z][a-z]{2,}[ \t]+\($")
NL_POSTCODE_STOP = {"SA", "SD", "SS", "EU", "AI", "UK", "US", "PC", "TV", "OK", "CD", "GB", "MB",
                    "KB", "TB", "AM", "PM", "CV", "HR", "IT", "BV", "NV", "EN", "DE", "NL", "FM",
                    "GT", "XL", "HD", "SE", "LE", "GS", "TI", "RS"}  # fmt: skip

ADDRESS_PREFIX_STOP = {
    w.lower()
    for w in [
        "Adresse",
        "Address",
        "Adres",
        "Anschrift",
        "Meine",
        "Mein",
        "Unsere",
        "Unser",
        "Die",
        "Der",
        "Das",
        "De",
        "Het",
        "The",
        "My",
        "Our",
        "Mijn",
        "Ons",
        "Onze",
        "Neue",
        "Neuer",
        "Alte",
        "Nieuwe",
        "Oude",
        "New",
        "Old",
        "Lieferadresse",
        "Rechnungsadresse",
        "Woonadres",
        "Afleveradres",
        "Factuuradres",
        "Straße",
        "Straat",
        "Street",
        "Wohne",
        "Woon",
        "Live",
        "Ich",
        "Ik",
        "I",
    ]
}
_STREET_DE_NL = (
    r"(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|steig|pfad|markt|"
    r"graben|kamp|wall|hof|berg|feld|garten|brücke|promenade|stieg|twiete|anger|aue|höhe|"
    r"grund|bogen|zeile|wiese|winkel|straat|laan|plein|gracht|kade|singel|dijk|dreef|park|pad|"
    r"steeg|plantsoen|baan|veld|burgwal|erf|hoven|oord|vaart|wetering|haven|kanaal|dam|brink|"
    r"hoek|akker|weide|boulevard|gade|vej|veien|vegen|gata|gatan|vägen|katu|kuja|polku|eind|"
    r"tie(?<![aiocu]tie)(?<!rantie)(?<!rentie)(?<!centie)(?<!uentie)(?<!tentie)|"
    r"straede|stræde|stræt|utca|ulica|cesta|kai|quai|strjitte|leane|paad|buorren)"
)
_STREET_EN = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Close|Way|"
    r"Place|Pl|Terrace|Ter|Crescent|Cres|Gardens|Gdns|Square|Sq|Hill|Parkway|Pkwy|Highway|Hwy|"
    r"Row|Mews|Grove|Park|Circle|Cir|Trail|Walk|Alley|Green|Rise|View|Loop|Pike|Path|Plaza|"
    r"Heights|Point|Ridge|Run|Crossing|Estate|Wharf|Quay|Parade|Lawns?|Vale|Manor|Meadows|Villas|"
    r"Cottages|Wynd|Brae|Glen|Dale|Downs|Glade)"
)
_UNIT = (
    r"(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|Room|Rm|Wohnung|Whg|App|Etage|"
    r"Stock|bus)\.?\s*#?\s*[0-9A-Za-z][\w-]{0,5}|\s?#\s?\d{1,5})?"
)
_CAPWORD = r"[A-ZÄÖÜÀ-ÖØ-Þ][\w'’.\-]*"
_PARTICLE = (
    r"(?:der|den|die|dem|de|het|van|am|an|auf|im|in|zum|zur|op|aan|bij|la|le|du|des|of|the|"
    r"'t|ul\.|rue|via|calle)"
)


class RulePatterns:
    """All compiled patterns of the structured detectors (one instance per redactor)."""

    def __init__(self) -> None:
        i = re.IGNORECASE
        self.email = re.compile(
            # an apostrophe inside the local part: "m.o'neill@tcd.ie" (round 15)
            r"(?<![\w.+-])[\w.%+-]+(?:['’][\w.%+-]+)*@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}(?![\w-])"
        )
        self.url = Gated(re.compile(r"(?:https?://|www\.)\S+", i))
        self.iban_start = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})(?=[ ]?[A-Za-z0-9])")
        self.digit_run = re.compile(
            # a comma after a letter opens a CSV field ("…com,+44 20 7946 0321,2023-11-02")
            r"(?<![\w./+-])(?<![\d.],)(?:\+|00)?\(?\d[\d \t().\-/]{3,26}\d"
            r"(?:\s?(?:x|ext\.?|#)\s?\d{1,5})?(?![\w]|\.\d|,\d{1,3}(?!\d))"
        )
        self.plain_digits = class_first_compiled(r"(?<![\w.,/+-])\d[\d .\-]{6,22}\d(?![\w]|[.,]\d)")
        self.ipv4 = re.compile(
            r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}"
            r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)"
        )
        self.ipv6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
        self.not_pii_before = split_compiled(NOT_PII_BEFORE, i)
        self.phone_ctx = split_compiled(r"(?<![a-zäöüß])" + PHONE_CONTEXT + r"\b", i)
        self.card_ctx = split_compiled(CARD_CONTEXT, i)
        self.bsn_ctx = split_compiled(BSN_CONTEXT, i)
        self.tax_ctx = split_compiled(TAX_CONTEXT, i)
        self.dobs = DobPatterns()  # which dates are births (pii_dates.py)
        self.version_ctx = re.compile(
            r"(?<![^\W\d_])(?:version|versie|v|ver|release|build|firmware)\.?\s*$", i
        )
        date_num = DATE_NUM
        date_words = (
            rf"\d{{1,2}}(?:st|nd|rd|th|\.|e)?\s+(?:of\s+)?{MONTHS}\s+\d{{4}}|"
            rf"\d{{1,2}}[-/]{MONTHS}[-/]\d{{4}}|"  # "11-Dec-1979"
            rf"{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        )
        self.date = compiled(rf"(?<![\w/.-])(?:{date_num}|{date_words})(?![\w/-]|\.\d)", i)
        self.is_date = re.compile(rf"^(?:{date_num})$")
        self.time_like = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*-\s*\d{1,2}[:.]\d{2})?$")
        self.nl_postcode = class_first_compiled(r"(?<![\w-])[1-9]\d{3}\s?([A-Z]{2})(?![\w-])")
        self.uk_postcode = re.compile(
            r"(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[A-Z]{2}(?![\w-])"
        )
        self.ca_postcode = class_first_compiled(r"(?<![\w-])[A-Z]\d[A-Z]\s?\d[A-Z]\d(?![\w-])")
        self.us_zip = compiled(
            r"(?<![\w-])(?:" + "|".join(US_STATES) + r")\.?\s+(\d{5}(?:-\d{4})?)(?![\w-])"
        )
        self.de_postcode = re.compile(  # also before a Turkish town: "34728 İstanbul"
            r"(?<![\w.,-])(?:D-)?(\d{5})(?:[ \t]+|[ \t]*[;|][ \t]*)(?=[A-ZÄÖÜÇŞİ][a-zäöüßçşğı]{2,})"
        )
        self.de_postcode_before = re.compile(
            r"(?:^|[,;|·•\n]|\b(?:in|PLZ|plz|nach|aus)|\d[a-zA-Z]?|\b[A-Z]{1,2}-?)[ \t]*(?:D-)?$"
        )
        # Four-digit postcodes (AT, CH, BE, LU, DK, AU) only right after a house number and a
        # comma ("Gumpendorfer Straße 61/8, 1060 Wien", "Kerkstraat 12 bus 3, 9000 Gent") or an
        # Australian state ("Bondi NSW 2026"): alone, four digits are a year or a quantity.
        self.short_postcode = re.compile(
            r"(?:\d[a-zA-Z]?(?:/\d+){0,2}(?:[ \t]+bus[ \t]+\d+(?:\.\d+)?)?"
            r"(?:,[ \t]*|[ \t]*\n[ \t]*)(?:[A-Z]-)?(\d{4})[ \t]+"
            r"(?=[A-ZÄÖÜ][a-zäöüß]{2,}))|\b(?:NSW|VIC|QLD|TAS|ACT|NT|SA|WA)[ \t]+(\d{4})(?![\w-])"
        )
        # Irish Eircodes: a routing key and a unique identifier ("D02 WK40", "P17 X322").
        self.eircode = re.compile(
            r"(?<![\w-])(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ \t]?[0-9AC-FHKNPRTV-Y]{4}(?![\w-])"
        )
        self.postcode_ctx = Gated(
            compiled(
                r"(?:zip code|zipcode|zip|postal code|postcode|post code|postleitzahl|plz|eircode)"
                r"(?:[ \t]*"
                r"(?:/|,|&|and|und|u\.|en)[ \t]*(?:ort|wohnort|stadt|city|town|woonplaats|plaats))?"
                r"\s*(?:is|:|=|ist|lautet|luidt|\()?\s*(\d[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{2,4})?|"
                r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[\dW][ \t]?[A-Z\d]{4})(?![\w-])",
                i,
            )
        )
        self.street_de_nl = compiled(
            rf"(?<![\w-])(?:(?:Van|De|Den|Der|Ter|Ten|Von|Sint|St\.)(?:[ \t]+(?:der|den|de|het))?"
            rf"[ \t]+|{_CAPWORD}[ \t]+)?"
            # "Ambachtsweg nr. 7", "Hauptstraße Nr. 5": a number word before the number
            rf"[A-ZÄÖÜÀ-ÖØ-Þ][\w'’\-]*?{_STREET_DE_NL}[ \t]+(?:[Nn][rRoO]\.?[ \t]*)?\d{{1,4}}"
            r"(?:[ \t]?[a-zA-Z](?![\w])|[-/]\d{1,4}[a-zA-Z]?|"
            r"[ \t-](?:bis|hs|huis|I{1,3}|IV)(?![\w]))?" + _UNIT,
        )
        self.street_de_sep = compiled(
            rf"(?<![\w-])(?:{_CAPWORD}[ \t]+){{0,2}}(?:Straße|Strasse|Str\.|Weg|Allee|Platz|"
            r"Gasse|Ring|Damm|Ufer|Chaussee|Markt|Graben|Kamp|Wall|Hof|Steig|Pfad|Brücke)"
            r"[ \t]+\d{1,4}(?:[ \t]?[a-zA-Z](?![\w])|[-/]\d{1,4}[a-zA-Z]?)?" + _UNIT,
        )
        self.street_prefix = Gated(
            re.compile(
                r"(?<![\w-])(?:Am|An der|An den|Auf der|Auf dem|Im|In der|In den|Zum|Zur|Unter den|"
                r"Op de|Aan de|Aan het|In de|In het|Bij de|ul\.)"
                rf"[ \t]+(?:{_CAPWORD}[ \t]+){{0,2}}{_CAPWORD}[ \t]+\d{{1,4}}[a-zA-Z]?(?![\w])"
                + _UNIT,
            )
        )
        self.more_postcodes = PostcodePatterns()  # "ox4 1hr", "44-2 1073vn", "4050-180 Porto"
        self.versions = VersionPatterns()  # "Update auf 10.2.0.14" is no IP address
        self.streets_abroad = StreetPatterns()  # "Rua das Flores, 123", "12 rue de la Paix"
        self.abroad = AbroadPatterns()  # "Karl-Liebknecht-Str. 9", "80-555 Gdańsk", "L-1611"
        self.street_en = class_first_compiled(
            rf"(?<![\w-])\d{{1,5}}[A-Za-z]?(?:[ \t]*-[ \t]*\d{{1,5}})?,?[ \t]+"
            rf"(?:(?:{_CAPWORD}|of|the|de|la)[ \t]+){{0,4}}{_STREET_EN}\b\.?" + _UNIT,
        )
        self.street_num_word_num = class_first_compiled(
            # no code word: "1Z 999 AA1 01 2345 6784" is a tracking number
            rf"(?<![\w-])\d{{1,5}}[ \t]+(?:ul\.[ \t]+)?"
            rf"(?:(?![A-Z]{{1,3}}\d){_CAPWORD}[ \t]+){{1,3}}\d{{1,4}}[a-zA-Z]?(?![\w.,]\d)" + _UNIT,
        )
        self.address_ctx = split_compiled(
            r"(?:address|adresse|anschrift|adres|addr\.?(?=[ \t]*:)|woonadres|lieferadresse|"
            r"rechnungsadresse|"
            r"afleveradres|factuuradres|billing address|shipping address|delivery address)"
            r"\s*(?:is|:|ist|lautet|was)?\s*",
            i,
        )
        self.po_box = split_compiled(
            r"(?<![\w])(?:P\.?[ \t]?O\.?[ \t]?Box|Postfach|Postbus|PSC|Unit)[ \t]+\d{1,6}"
            r"(?:,?[ \t]+Box[ \t]+\d{1,6})?",
            i,
        )
        self.lives_on = Gated(
            re.compile(
                r"(?:lives?|living|located|situated|wohne|wohnt|woon|woont|moved|umgezogen|verhuisd)"
                r"[ \t]+(?:on|at|in|to|auf|in der|in die|an der|am|op|aan|aan de|op de|naar)?"
                r"[ \t]*(?:the[ \t]+(?:\w+[ \t]+side[ \t]+of[ \t]+)?)?"
                rf"((?:{_CAPWORD}[ \t]+(?:{_PARTICLE}[ \t]+)?){{1,4}}\d{{1,5}}[a-zA-Z]?)"
                r"(?![\w.,]\d)",
            )
        )
        self.number_before = re.compile(r"(?:^|(?<=[\s>]))\d{1,6}[ \t]+$")
        self.block_line = re.compile(
            r"[ \t>?]*(?:[\w.'’()-]+[ \t]*){1,5}(?:,[ \t]*(?:[\w.'’()-]+[ \t]*){1,4})?"
        )
        self.unit_alone = Gated(
            re.compile(r"(?<![\w])(?:Apt|Apartment|Suite|Unit|Flat)\.?\s*#?\s*\d{1,5}")
        )


def _before(text: str, start: int, width: int = 30) -> str:
    return text[max(0, start - width) : start]


def _around(text: str, start: int, end: int, width: int = 40) -> str:
    return text[max(0, start - width) : end + 15]


def find_email(p: RulePatterns, text: str) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), "EMAIL", 95) for m in p.email.finditer(text)]


def find_iban(p: RulePatterns, text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for m in p.iban_start.finditer(text):
        length = IBAN_LENGTHS.get(m.group(1).upper())
        if length is None:
            continue
        need, pos, chars = length - 4, m.end(), []
        while need > 0 and pos < len(text):
            ch = text[pos]
            if ch.isascii() and ch.isalnum():
                chars.append(ch)
                need -= 1
            elif ch == " " and chars is not None and pos + 1 < len(text) and text[pos + 1] != " ":
                pass
            else:
                break
            pos += 1
        end_ok = pos >= len(text) or not (text[pos].isascii() and text[pos].isalnum())
        if need == 0 and end_ok and iban_ok(m.group(1) + m.group(2) + "".join(chars)):
            out.append(Candidate(m.start(), pos, "IBAN", 92))
            continue
        for end in reversed(_iban_group_ends(text, m.end())):  # a German IBAN of 24 characters
            if iban_mod97_ok(re.sub(r"\s", "", text[m.start() : end])):
                out.append(Candidate(m.start(), end, "IBAN", 91))
                break
    return out


def _iban_group_ends(text: str, pos: int) -> list[int]:
    """Where an IBAN-like run that started before ``pos`` may end: after each group of letters
    and digits (single spaces between groups), up to 34 characters in all."""
    count, ends = 4, []
    while pos < len(text) and count < 34:
        ch = text[pos]
        if ch.isascii() and ch.isalnum():
            count += 1
            nxt = text[pos + 1] if pos + 1 < len(text) else " "
            if not (nxt.isascii() and nxt.isalnum()):
                ends.append(pos + 1)
        elif not (ch == " " and pos + 1 < len(text) and text[pos + 1].isascii()
                  and text[pos + 1].isalnum()):  # fmt: skip
            break
        pos += 1
    return ends


def find_numbers(p: RulePatterns, text: str) -> list[Candidate]:
    """Cards, BSN, German tax ids and phone numbers: all start as a run of digits."""
    out: list[Candidate] = []
    for m in p.digit_run.finditer(text):
        raw = m.group().rstrip(" -./(")
        start = m.start()
        # A run may hold a phone number glued to more words/digits; trim unbalanced parens
        # ("(120938479)": the opening one belongs to the sentence, not to an area code).
        if raw.endswith(")") and raw.count("(") < raw.count(")"):
            raw = raw[:-1]
        if raw.startswith("(") and raw.count("(") > raw.count(")"):
            raw, start = raw[1:], start + 1
        end = start + len(raw)
        found = _classify_number(p, text, start, end)
        head = card_head(raw) if not found else None
        if head is not None:  # a card glued to its expiry: "4556 7310 8341 1991 04/28"
            found = _classify_number(p, text, start, start + head)
        out.extend(found)
    out += [Candidate(s, e, "CARD", 90) for s, e in find_card_halves(text)]
    out += [Candidate(s, e, "CARD", 90) for s, e in find_card_parts(text)]
    out += [
        Candidate(s, e, kind, 90 if kind == "CARD" else 71)
        for s, e, kind in find_split_numbers(text)
    ]
    return out


def _classify_number(p: RulePatterns, text: str, start: int, end: int) -> list[Candidate]:
    raw = text[start:end]
    digits = digits_of(raw.split("x")[0].split("ext")[0].split("#")[0])
    before = _before(text, start, 40)
    before_l = before.lower()
    if "\n" in raw.strip() or p.is_date.match(raw.strip()) or p.time_like.match(raw.strip()):
        return []
    if date_with_hour(text, start, end):
        return []
    if p.ipv4.fullmatch(raw):
        return []
    seps = {c for c in raw if not c.isdigit()} - {"+"}
    negative = (
        bool(p.not_pii_before.search(before_l[-25:])) or is_reference_number(text, start, end)
    ) and not (
        p.tax_ctx.search(before_l) or p.bsn_ctx.search(before_l) or p.card_ctx.search(before_l)
    )
    out: list[Candidate] = []
    # Payment cards: 12-19 digits, Luhn, no leading + or 0 (that is a phone). No card network
    # issues numbers starting 7, 8 or 9 (ISO 7812: fuel, health and telecom, national): such a
    # run is an EAN/GSRN meter code ("EAN-code 871687120053441234", v21) or an account number,
    # a card only after a card word.
    if (
        12 <= len(digits) <= 19
        and raw[0].isdigit()
        and digits[0] != "0"
        and (digits[0] not in "789" or p.card_ctx.search(before_l))
        and luhn_ok(digits)
    ):
        grouped = seps <= {" ", "-"} or card_shaped(raw)
        if grouped and not negative and (len(digits) >= 13 or p.card_ctx.search(before_l)):
            return [Candidate(start, end, "CARD", 90)]
    if seps <= {" ", "."} and not negative:
        if (
            len(digits) in (8, 9)
            and bsn_ok(digits)
            and (len(digits) == 9 or p.bsn_ctx.search(before_l))
        ):
            shape_ok = not seps or re.fullmatch(
                r"\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3}", raw
            )
            if shape_ok and (p.bsn_ctx.search(before_l) or not p.phone_ctx.search(before_l[-25:])):
                return [Candidate(start, end, "BSN", 88)]
        if len(digits) == 11 and de_tax_id_ok(digits):
            shape_ok = not seps or re.fullmatch(r"\d{2} \d{3} \d{3} \d{3}|\d{3} \d{3} \d{5}", raw)
            if shape_ok and (p.tax_ctx.search(before_l) or not p.phone_ctx.search(before_l[-25:])):
                return [Candidate(start, end, "DE_TAX_ID", 88)]
    phone = _phone(p, text, start, end, raw, digits, negative)
    if phone is not None:
        out.append(phone)
    return out


def _phone(
    p: RulePatterns, text: str, start: int, end: int, raw: str, digits: str, negative: bool
) -> Candidate | None:
    # a trunk zero in brackets is not dialled: "0049 (0)151 / 2284-7730" has 15 digits
    if not 7 <= len(digits) - raw.count("(0)") <= 15:
        return None
    if raw.startswith("00") and len(digits) < 9:
        return None  # too short for a number abroad: "contact 0041187" is a record id
    # the separators of the number itself, not of an extension ("555-0188 ext. 204")
    if re.search(r"[./-]{2}|\s{2}|\.\s|\s\.", re.sub(r"\s?(?:x|ext\.?|#)\s?\d{1,5}$", "", raw)):
        return None
    if raw.count("(") != raw.count(")"):
        if raw.startswith("(") and ")" not in raw:
            return None
        raw_strip = raw.lstrip("(")
        start += len(raw) - len(raw_strip)
        raw = raw_strip
    before_l = _before(text, start, 30).lower()
    after_l = text[end : end + 12].lower()
    context = bool(p.phone_ctx.search(before_l)) or bool(
        re.match(r"\s*[-–(]?\s*(?:office|fax|mobile|home|work|cell|desk|tel)", after_l)
    )
    intl = (raw.startswith("+") or (raw.startswith("00") and not negative)) and len(digits) >= 9
    national = raw.startswith(("0", "(0")) and 9 <= len(digits) <= 12 and not raw.startswith("00")
    us = bool(
        re.fullmatch(
            r"(?:1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}"
            r"(?:\s?(?:x|ext\.?|#)\s?\d{1,5})?",
            raw,
        )
    )
    # the Belgian way: zone, slash, then pairs set apart by dots ("02/512.34.87")
    belgian = bool(re.fullmatch(r"0\d{1,3}/\d{2,3}(?:\.\d{2}){2,3}", raw))
    if "." in raw and not (us or context or intl or belgian):
        return None  # 1.234.567 is an amount, 12.34.56 a version
    if intl or ((national or us) and not negative) or (context and not negative):
        return Candidate(start, end, "PHONE", 70)
    return None


def find_ip(p: RulePatterns, text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for m in p.ipv4.finditer(text):
        if p.version_ctx.search(_before(text, m.start(), 12)) or p.versions.is_version(
            text, m.start(), m.end()
        ):
            continue
        out.append(Candidate(m.start(), m.end(), "IP", 85))
    for m in p.ipv6.finditer(text):
        cand = m.group()
        if cand.count(":") < 2 or sum(c.isalnum() for c in cand) < 3:
            continue
        try:
            ipaddress.IPv6Address(cand)
        except ValueError:
            continue
        out.append(Candidate(m.start(), m.end(), "IP", 85))
    return out


def find_dob(p: RulePatterns, text: str) -> list[Candidate]:
    return [Candidate(s, e, "DATE_OF_BIRTH", 80) for s, e in p.dobs.spans(text, p.date)]


def find_postcodes(p: RulePatterns, text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for m in p.nl_postcode.finditer(text):
        # "GS", "SE" … are other things, except between a house number and a town
        if (
            m.group(1) not in NL_POSTCODE_STOP
            or (
                _before(text, m.start(), 3).rstrip(" \t").endswith(",")
                and re.match(r"[ \t]+[A-Z][a-z]{2,}", text[m.end() : m.end() + 8])
            )
            # in brackets after a town: "Dorpsstraat 5 in Ommen (7731 CD)"
            or (
                text[m.end() : m.end() + 1] == ")"
                and _TOWN_BRACKET.search(_before(text, m.start(), 25))
            )
        ):
            out.append(Candidate(m.start(), m.end(), "POSTCODE", 55))
    for rx in (p.uk_postcode, p.ca_postcode):
        out.extend(Candidate(m.start(), m.end(), "POSTCODE", 55) for m in rx.finditer(text))
    for m in p.us_zip.finditer(text):
        out.append(Candidate(m.start(1), m.end(1), "POSTCODE", 55))
    for m in p.de_postcode.finditer(text):
        before = _before(text, m.start(), 25)
        if text[m.end(1)] in ";|" and not before.rpartition("\n")[2].strip():
            continue  # the first field of a row is an id ("88123;Nguyen, Thi Hoa;…")
        if p.de_postcode_before.search(before) and not p.not_pii_before.search(before.lower()):
            out.append(Candidate(m.start(1), m.end(1), "POSTCODE", 55))
    for m in p.postcode_ctx.finditer(text):
        if any(c.isdigit() for c in m.group(1)):
            out.append(Candidate(m.start(1), m.end(1), "POSTCODE", 56))
    for m in p.short_postcode.finditer(text):
        group = 1 if m.group(1) else 2
        if group == 1 and "\n" in m.group() and m.group(1).startswith(("19", "20")):
            continue  # a line that starts with a year ("2023 Summary"), not "1060 Wien"
        out.append(Candidate(m.start(group), m.end(group), "POSTCODE", 55))
    out.extend(Candidate(s, e, "POSTCODE", 55) for s, e in p.more_postcodes.spans(text))
    out.extend(Candidate(s, e, "POSTCODE", 55) for s, e in p.abroad.postcodes(text))
    for m in p.eircode.finditer(text):
        if any(c.isalpha() for c in m.group()[3:]):  # "D02 1234" is no Eircode-only match
            out.append(Candidate(m.start(), m.end(), "POSTCODE", 55))
    return out
