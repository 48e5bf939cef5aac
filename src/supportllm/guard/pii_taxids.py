"""Tax and national insurance numbers other than the German Steuer-ID (type ``TAX_ID``).

The Steuer-ID has a check digit and is found with the other digit runs (pii_rules.py,
``DE_TAX_ID``). The numbers here have a distinctive shape or are only read after a word that
names them:

- UK National Insurance number: two letters (not D, F, I, Q, U, V; the second not O; not the
  prefixes BG, GB, KN, NK, NT, TN, ZZ), six digits, A–D ("JT 48 29 17 C"); upper case, no cue,
  not after an order/ticket/invoice word;
- EU VAT identification numbers (USt-IdNr., btw-nummer): country prefix and that country's
  shape; the Dutch "NL123456789B01" without a cue, the others after VAT/USt/btw/UID words;
- German Steuernummer ("143/215/50336", "21/815/08150" or 10–13 digits), and the Austrian one
  (tax office, then the number: "68 123/4567", "12-345/6789"; round 14c, v21) and UK Unique Taxpayer
  Reference (10 digits) only after their names (Steuernummer, St.-Nr., UTR, tax reference,
  HMRC), or, a slashed Steuernummer or a 10-digit number not starting with 0, in a text about
  taxes (Steuer, Finanzamt, HMRC, self assessment) up to 200 characters before it (round 11);
- Portuguese NIF and Spanish DNI/NIE after their names (NIF, contribuinte, DNI, NIE), with their
  check digit or letter (round 11);
- Brazilian CPF with its two check digits: written "318.407.265-71" anywhere, as 11 plain digits
  only after "CPF" (round 12).

A sole trader's VAT number is personal: the Dutch one held the BSN until 2020.
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.alternation import compiled
from supportllm.guard.case_split import split_compiled
from supportllm.guard.lead_class import class_first_compiled
from supportllm.guard.pii_checks import br_cpf_ok, digits_of, es_dni_ok, pl_nip_ok, pt_nif_ok
from supportllm.guard.pii_rules import NOT_PII_BEFORE, Candidate

__all__ = ["TaxIdPatterns", "find_tax_ids"]

_NINO: Final = (
    r"(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D](?![A-Za-z0-9])"
)
# Country prefix + the shape of its VAT number (the EU's VIES formats, the common ones).
_VAT_SHAPES: Final = (
    r"AT ?U\d{8}|BE ?[01]\d{9}|BG ?\d{9,10}|CY ?\d{8}[A-Z]|CZ ?\d{8,10}|DE ?\d{3} ?\d{3} ?\d{3}|"
    r"DK ?\d{8}|EE ?\d{9}|EL ?\d{9}|ES ?[A-Z0-9]\d{7}[A-Z0-9]|FI ?\d{8}|FR ?[A-Z0-9]{2}\d{9}|"
    r"HR ?\d{11}|HU ?\d{8}|IE ?\d{7}[A-W][A-I]?|IT ?\d{11}|LT ?(?:\d{9}|\d{12})|LU ?\d{8}|"
    r"LV ?\d{11}|MT ?\d{8}|NL ?\d{9} ?B ?\d{2}|PL ?\d{10}|PT ?\d{9}|RO ?\d{2,10}|SE ?\d{12}|"
    r"SI ?\d{8}|SK ?\d{10}|GB ?(?:\d{3} ?\d{4} ?\d{2}|\d{12})|"
    r"CHE[- ]?\d{3}\.\d{3}\.\d{3}(?: ?(?:MWST|TVA|IVA))?"
)
# A US employer identification number after its name ("EIN 58-1730264"; round 15, v22).
_EIN: Final = re.compile(
    r"(?<![\w])(?:EIN|FEIN|[Ee]mployer [Ii]dentification [Nn]umber)[ \t]*(?:#|[Nn]o\.?)?"
    r"[ \t]*[:#]?[ \t]*(\d{2}-\d{7})(?![\w-])"
)
_VAT_CUE: Final = (
    r"(?:vat|tax\s+id|ust|umsatzsteuer|ust-?id(?:nr)?|mwst|uid|btw|omzetbelasting|"
    r"btw-?(?:id|nummer|nr|identificatienummer))"
)
_TAX_NUMBER_CUE: Final = (
    r"(?:steuernummer|steuer-?nr\.?|st\.?-?nr\.?|stnr|utr|unique\s+taxpayer\s+reference|"
    r"tax\s+(?:reference|ref\.?|number)|self[- ]assessment\s+(?:number|reference)|hmrc)"
)
# A text about taxes: a tax-number shape well after the word still is one.
_TAX_TOPIC: Final = (
    r"(?:steuer\w*|finanzamt|elster|hmrc|utr|self[- ]assessment|tax\s+(?:return|office|number))"
)
_NATIONAL_CUE: Final = (
    r"(?:nif|nipc|contribuinte|n[úu]mero\s+(?:de\s+)?(?:contribuinte|fiscal)|dni|nie|"
    r"tax\s+(?:id|number)|steuernummer|fiscaal\s+nummer)"
)
# Round 16: a tax number from anywhere right after its name ("my tax number, which is
# 09.254.294.3-407.000", "NPWP: 01.234.567.8-901.000", "TIN 123-456-789-000", "tax file number
# is 123 456 782"): digits in groups, eight or more, above a phone. Only its name and a few
# linking words may stand between, so "tax number? call 020 7946 0321" stays a phone.
_ANY_TAX_NUMBER: Final = re.compile(
    r"(?<![\w])(?:(?i:tax(?:payer)?[ \t]+(?:identification[ \t]+|id[ \t]+|file[ \t]+|"
    r"registration[ \t]+)?(?:number|no\.?|id|code)|tax[ \t]*id|steuernummer|steuer-?id|"
    r"belastingnummer|fiscaal[ \t]+nummer|fiscal[ \t]+(?:number|code))|TIN|NPWP|TFN|GSTIN|"
    r"CUIT|RFC|NIT|RUC)(?![\w])"
    r"(?:[ \t]*[,:#-]?[ \t]*(?:(?i:which|that)[ \t]+)?(?i:is|was|ist|lautet|luidt|=)?)?"
    r"[ \t]*:?[ \t]*"
    r"(\d[\d.\-/ ]{6,22}\d)(?![\w]|[.,]\d)"
)
_ANY_TAX_LITERALS: Final = ("tax", "steuer", "belasting", "fiscal")
_ANY_TAX_CODES: Final = ("TIN", "NPWP", "TFN", "GSTIN", "CUIT", "RFC", "NIT", "RUC")
_CUE_WINDOW: Final = 40
_TOPIC_WINDOW: Final = 200


class TaxIdPatterns:
    """The compiled patterns (one instance per redactor)."""

    def __init__(self) -> None:
        i = re.IGNORECASE
        self.nino = re.compile(_NINO)
        self.not_pii_before = split_compiled(NOT_PII_BEFORE, i)
        self.vat = compiled(rf"(?<![A-Za-z0-9])(?:{_VAT_SHAPES})(?![A-Za-z0-9])")
        self.nl_vat = class_first_compiled(r"(?<![A-Za-z0-9])NL ?\d{9} ?B ?\d{2}(?![A-Za-z0-9])")
        self.vat_cue = split_compiled(_VAT_CUE + r"\b", i)
        self.tax_number = re.compile(
            r"(?<![\w/.-])(?:\d{2,3}/\d{3,4}/\d{4,5}|\d{2}[ -]\d{3}/\d{4}|\d{5} ?\d{5}|\d{10,13})"
            r"(?![\w/]|[.,]\d)"
        )
        self.tax_number_cue = split_compiled(_TAX_NUMBER_CUE, i)
        self.tax_topic = re.compile(rf"(?<![\w]){_TAX_TOPIC}", i)
        self.national_cue = re.compile(rf"(?<![\w]){_NATIONAL_CUE}(?![\w])", i)
        self.pt_nif = class_first_compiled(r"(?<![\w.,/-])\d{3} ?\d{3} ?\d{3}(?![\w/]|[.,]\d)")
        self.es_dni = re.compile(r"(?<![\w-])(?:\d{8}|[XYZxyz]-?\d{7})-?[A-Za-z](?![\w-])")
        self.br_cpf = re.compile(
            r"(?<![\w.,/-])(?:(\d{3}\.\d{3}\.\d{3}-\d{2})|\d{3}[ .]?\d{3}[ .]?\d{3}[ -]?\d{2})"
            r"(?![\w]|[.,]\d)"
        )
        self.cpf_shape = re.compile(r"\.\d{3}-\d\d")  # a cheap test first: ".265-71"
        # Polish NIP after its name: "NIP 584-025-32-43", "NIP: 5840253243"
        self.pl_nip = class_first_compiled(
            r"(?<![\w])NIP[ \t]*:?[ \t]*(?:PL[ \t]?)?"
            r"(\d{3}-\d{3}-\d{2}-\d{2}|\d{3}-\d{2}-\d{2}-\d{3}|\d{3} \d{3} \d{2} \d{2}|\d{10})"
            r"(?![\w-])"
        )
        self.cpf_cue = re.compile(r"(?<![\w])(?:cpf|cadastro de pessoas f[íi]sicas)(?![\w])", i)


def _cued(cue: re.Pattern[str], text: str, start: int) -> bool:
    return cue.search(text[max(0, start - _CUE_WINDOW) : start]) is not None


def find_tax_ids(p: TaxIdPatterns, text: str) -> list[Candidate]:
    """National insurance numbers, VAT numbers and tax numbers (type TAX_ID)."""
    out = [
        Candidate(m.start(), m.end(), "TAX_ID", 87)
        for m in p.nino.finditer(text)
        if not p.not_pii_before.search(text[max(0, m.start() - 25) : m.start()])
    ]  # not "order AB 12 34 56 C"
    for m in p.vat.finditer(text):
        if p.nl_vat.fullmatch(m.group()) or _cued(p.vat_cue, text, m.start()):
            out.append(Candidate(m.start(), m.end(), "TAX_ID", 87))
    for m in p.tax_number.finditer(text):
        if _cued(p.tax_number_cue, text, m.start()) or _in_tax_text(p, text, m.start(), m.group()):
            # above a phone (a cued 10-digit number is not one) and below a checked Steuer-ID
            out.append(Candidate(m.start(), m.end(), "TAX_ID", 86))
    low = text.lower()
    if any(w in low for w in _ANY_TAX_LITERALS) or any(w in text for w in _ANY_TAX_CODES):
        out += _any_tax_numbers(text)
    if "EIN" in text or "mployer" in text:
        out += [Candidate(m.start(1), m.end(1), "TAX_ID", 87) for m in _EIN.finditer(text)]
    return out + _national_ids(p, text)


def _any_tax_numbers(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _ANY_TAX_NUMBER.finditer(text):
        if len(digits_of(m.group(1))) >= 8 and not re.search(r"[ .\-/]{2}", m.group(1)):
            out.append(Candidate(m.start(1), m.end(1), "TAX_ID", 86))
    return out


def _in_tax_text(p: TaxIdPatterns, text: str, start: int, number: str) -> bool:
    """A slashed Steuernummer or a 10-digit UTR (no leading 0: that is a phone) in a text that
    talks about taxes before it, not right after an order or invoice word."""
    if "/" not in number:
        number = text[start:].split(maxsplit=1)[0]
    if "/" not in number and (len(digits_of(number)) != 10 or number.startswith("0")):
        return False
    if p.not_pii_before.search(text[max(0, start - 25) : start]):
        return False
    window = text[max(0, start - _TOPIC_WINDOW) : start]
    return p.tax_topic.search(window) is not None


def _national_ids(p: TaxIdPatterns, text: str) -> list[Candidate]:
    """A Portuguese NIF or a Spanish DNI/NIE after its name, checked; above a BSN (a NIF may
    pass the Dutch 11-proof too) and a phone."""
    out = [
        Candidate(m.start(), m.end(), "TAX_ID", 89)
        for m in p.pt_nif.finditer(text)
        if pt_nif_ok(digits_of(m.group())) and _cued(p.national_cue, text, m.start())
    ]
    out += [
        Candidate(m.start(), m.end(), "TAX_ID", 89)
        for m in p.es_dni.finditer(text)
        if es_dni_ok(m.group()) and _cued(p.national_cue, text, m.start())
    ]
    if "NIP" in text:
        out += [
            Candidate(m.start(1), m.end(1), "TAX_ID", 89)
            for m in p.pl_nip.finditer(text)
            if pl_nip_ok(digits_of(m.group(1)))
        ]
    if "cpf" in text.lower() or p.cpf_shape.search(text):
        out += [
            Candidate(m.start(), m.end(), "TAX_ID", 89)
            for m in p.br_cpf.finditer(text)
            if br_cpf_ok(digits_of(m.group()))
            and (m.group(1) is not None or _cued(p.cpf_cue, text, m.start()))
        ]
    return out
