"""Check digits of structured identifiers: Luhn (cards), ISO 13616 (IBAN), 11-proof (BSN),
ISO 7064 MOD 11,10 with the digit rule of the German tax id (Steuer-ID)."""

from __future__ import annotations

from collections import Counter

# ISO 13616 lengths per country (SWIFT IBAN registry); an IBAN of another length is no IBAN.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip


def digits_of(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def card_digits_ok(digits: str) -> bool:
    """Digits a payment card may have: 13 to 19 of them, not starting with 0, Luhn-valid."""
    return 13 <= len(digits) <= 19 and digits[0] != "0" and luhn_ok(digits)


def luhn_ok(number: str) -> bool:
    """Luhn checksum of a digit string (payment cards)."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return len(number) > 1 and total % 10 == 0


def iban_ok(compact: str) -> bool:
    """ISO 13616 mod-97 check of an IBAN without spaces (upper or lower case)."""
    iban = compact.upper()
    if IBAN_LENGTHS.get(iban[:2]) != len(iban):
        return False
    return iban_mod97_ok(iban)


def iban_mod97_ok(compact: str) -> bool:
    """The mod-97 check alone, for 15–34 characters: an account number whose length does not
    fit its country (a typo, or a made-up example) is still one to redact."""
    iban = compact.upper()
    if not 15 <= len(iban) <= 34 or not iban.isalnum() or not iban[2:4].isdigit():
        return False
    moved = iban[4:] + iban[:4]
    try:
        return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1
    except ValueError:
        return False


def bsn_ok(number: str) -> bool:
    """Dutch citizen service number: 9 digits (8 with a leading zero dropped), 11-proof."""
    if len(number) == 8:
        number = "0" + number
    if len(number) != 9 or not number.isdigit() or number == "000000000":
        return False
    total = sum(int(number[i]) * (9 - i) for i in range(8)) - int(number[8])
    return total % 11 == 0


def de_tax_id_ok(number: str) -> bool:
    """German Steuer-Identifikationsnummer: 11 digits, no leading zero; in the first ten one
    digit occurs two or three times and every other digit at most once; ISO 7064 MOD 11,10."""
    if len(number) != 11 or not number.isdigit() or number[0] == "0":
        return False
    counts = Counter(number[:10])
    repeated = [c for c in counts.values() if c > 1]
    if len(repeated) != 1 or repeated[0] > 3:
        return False
    product = 10
    for ch in number[:10]:
        total = (int(ch) + product) % 10 or 10
        product = (total * 2) % 11
    check = 11 - product
    return (0 if check == 10 else check) == int(number[10])


def pt_nif_ok(number: str) -> bool:
    """Portuguese tax number (NIF/NIPC): 9 digits, the first not 0 or 4, weights 9..2 mod 11."""
    if len(number) != 9 or not number.isdigit() or number[0] in "04":
        return False
    remainder = sum(int(number[i]) * (9 - i) for i in range(8)) % 11
    check = 0 if remainder < 2 else 11 - remainder
    return check == int(number[8])


def br_cpf_ok(number: str) -> bool:
    """Brazilian CPF: 11 digits, the last two mod-11 check digits; not one digit repeated."""
    if len(number) != 11 or not number.isdigit() or len(set(number)) == 1:
        return False
    d = [int(c) for c in number]
    first = sum(d[i] * (10 - i) for i in range(9)) * 10 % 11 % 10
    second = sum(d[i] * (11 - i) for i in range(10)) * 10 % 11 % 10
    return d[9] == first and d[10] == second


def es_dni_ok(value: str) -> bool:
    """Spanish DNI/NIF ("12345678Z") or NIE ("X1234567L"): the letter is the number mod 23."""
    compact = value.upper().replace("-", "").replace(" ", "")
    if len(compact) != 9 or not compact[-1].isalpha():
        return False
    digits = str("XYZ".index(compact[0])) + compact[1:8] if compact[0] in "XYZ" else compact[:8]
    if not digits.isdigit():
        return False
    return "TRWAGMYFPDXBNJZSQVHLCKE"[int(digits) % 23] == compact[-1]


def pl_nip_ok(digits: str) -> bool:
    """Polish NIP (tax id): 10 digits, weights 6 5 7 2 3 4 5 6 7, mod 11 equals the last."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=False))
    return total % 11 == int(digits[9])
