"""Names in form fields, behind initials and mentioned again in lower case (issue 16, item 1,
round 9). The texts were written for this project; the names are invented."""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


def names(redactor: PIIRedactor, text: str, lang: str) -> list[str]:
    return [text[s.start : s.end] for s in redactor.find(text, lang) if s.type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("NAME: MACDONALD, ISLA\nDOB: 12/04/1989", "en", ["MACDONALD, ISLA"]),
        ("NAAM: JANSEN, P.\nADRES: KERKSTRAAT 14 BIS", "nl", ["JANSEN, P."]),
        ("First name: Ahmed\nLast name: bin Rashid\nPhone: none", "en", ["Ahmed", "bin Rashid"]),
        ("Ticket #55120\nCustomer: Chen, Xiaoming\nSummary: SIM swap", "en", ["Chen, Xiaoming"]),
        ("Ref QZ7PL1. Passengers: MR CHEN WEI, MRS LIU YANG. We need a bag.", "en",
         ["CHEN WEI", "LIU YANG"]),
        ("Von: Thanh Hương Nguyễn <huong@example.de>\nBetreff: Kündigung", "de",
         ["Thanh Hương Nguyễn"]),
    ],
)  # fmt: skip
def test_the_value_of_a_name_field_is_a_name(
    redactor: PIIRedactor, text: str, lang: str, expected: list[str]
) -> None:
    assert sorted(names(redactor, text, lang)) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Tweede poging: nog steeds geen label.\nM. Öztürk-Demir", "nl", ["M. Öztürk-Demir"]),
        ("Bitte an die Teamleitung (B. Hoffmann) eskalieren.", "de", ["B. Hoffmann"]),
        ("Morgen nogmaals proberen. /S. Pinas", "nl", ["S. Pinas"]),
    ],
)
def test_initials_before_a_surname_are_a_name(
    redactor: PIIRedactor, text: str, lang: str, expected: list[str]
) -> None:
    assert names(redactor, text, lang) == expected


def test_a_name_found_once_is_redacted_again_in_lower_case(redactor: PIIRedactor) -> None:
    text = "Agent (Priya): Hi, I'm Priya from Billing.\nCustomer: ok priya, my card got declined"
    assert names(redactor, text, "en") == ["Priya", "Priya", "priya"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Customer: It's van den Berg's order, please check.", "en"),
        ("Klant: Goedemiddag, mijn pas werkt niet.", "nl"),
        ("We went with Plan B. Then the parcel arrived.", "en"),
        ("Status: Open\nSubject: Refund for order 88213", "en"),
    ],
)
def test_chat_speakers_plain_fields_and_letters_are_no_names(
    redactor: PIIRedactor, text: str, lang: str
) -> None:
    assert names(redactor, text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("YOU CHARGED MY CARD THREE TIMES. Fix it or I'm going to my bank. Nkechi Okafor", "en",
         ["Nkechi Okafor"]),
        ("Hi there, Siobhán Ní Bhriain here. Could you update my phone?", "en",
         ["Siobhán Ní Bhriain"]),
        ("Guten Tag, ich, Dilan Karimi, möchte meine Adresse ändern.", "de", ["Dilan Karimi"]),
        ("If I'm out, call Abena on 07700 900 127.", "en", ["Abena"]),
    ],
)  # fmt: skip
def test_signatures_self_introductions_and_people_to_call_are_names(
    redactor: PIIRedactor, text: str, lang: str, expected: list[str]
) -> None:
    assert names(redactor, text, lang) == expected


def test_a_closing_line_is_no_signature(redactor: PIIRedactor) -> None:
    text = "Bitte löschen Sie alle Daten zu meiner Person. Kundennummer K-2209183. Vielen Dank."
    assert names(redactor, text, "de") == []


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        ("bitte die Rechnung an Gumpendorfer Straße 61/8, 1060 Wien schicken", "de", "1060"),
        ("mijn nieuw adres is Kerkstraat 45 bus 3, 2060 Antwerpen", "nl", "2060"),
        ("Please deliver to 3/21 Beach Road, Bondi NSW 2026 tomorrow", "en", "2026"),
        ("Her address is 5 Church Lane, Kinsale, P17 X322. Thanks", "en", "P17 X322"),
    ],
)
def test_four_digit_postcodes_after_an_address_and_eircodes(
    redactor: PIIRedactor, text: str, lang: str, code: str
) -> None:
    at = text.index(code)
    covering = [
        s.type
        for s in redactor.find(text, lang)
        if s.start <= at and at + len(code) <= s.end and s.type in ("POSTCODE", "ADDRESS")
    ]
    assert covering  # its own span, or inside the address it ends


def test_four_digits_alone_are_no_postcode(redactor: PIIRedactor) -> None:
    text = "We ordered 2026 units in 2024, Berlin office pays."
    assert [s for s in redactor.find(text, "en") if s.type == "POSTCODE"] == []


def test_a_birth_date_with_a_month_abbreviation(redactor: PIIRedactor) -> None:
    text = "Account holder: Venkatesh Subramanian\nDOB: 11-Dec-1979"
    assert [
        text[s.start : s.end] for s in redactor.find(text, "en") if s.type == "DATE_OF_BIRTH"
    ] == ["11-Dec-1979"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("hey its kwame, card got charged twice", "en", ["kwame"]),
        ("hoi, ik ben fenna, mijn mail is kapot", "nl", ["fenna"]),
        ("ich (nguyen van long) hab 2 mal bezahlt", "de", ["nguyen van long"]),
        ("ya my wife (sarah jane mcallister) ordered it", "en", ["sarah jane mcallister"]),
        ("Card: ending 2838\nName on card: HODAN WARSAME\nBilling postcode: M14 5TQ", "en",
         ["HODAN WARSAME"]),
        ("Lieferung bitte an: Familie Kowalczyk, Am Stadtpark 7a, 44137 Dortmund", "de",
         ["Kowalczyk"]),
        ("mijn broertje sem heeft mijn account gebruikt", "nl", ["sem"]),
    ],
)  # fmt: skip
def test_lower_case_introductions_brackets_and_family_names(
    redactor: PIIRedactor, text: str, lang: str, expected: list[str]
) -> None:
    assert names(redactor, text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "under section G. General Conditions you'll find this",
        "change the 2nd character from a C to a U.  Hit enter and reload",
        "see the U.S. Customary units table",
        "my boss (in cc) said it was fine",
    ],
)
def test_letters_and_abbreviations_are_no_names(redactor: PIIRedactor, text: str) -> None:
    assert names(redactor, text, "en") == []
