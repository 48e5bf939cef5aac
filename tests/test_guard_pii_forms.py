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
