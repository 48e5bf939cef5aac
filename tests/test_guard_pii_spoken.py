"""E-mail addresses said aloud and phone numbers in CSV rows (issue 16, item 1, round 11).

The texts were written for this project (not taken from the evaluation sets)."""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


@pytest.mark.parametrize(
    ("text", "lang", "address"),
    [
        ("Voicemail: please write to k dot oduya at fastmail dot co dot uk, thanks", "en",
         "k dot oduya at fastmail dot co dot uk"),
        ("Schreiben Sie an lena punkt brandt ät web punkt de, danke", "de",
         "lena punkt brandt ät web punkt de"),
        ("mail maar naar tim punt vos apenstaartje kpn punt nl", "nl",
         "tim punt vos apenstaartje kpn punt nl"),
    ],
)  # fmt: skip
def test_a_spoken_email_is_redacted(
    redactor: PIIRedactor, text: str, lang: str, address: str
) -> None:
    found = [(text[s.start : s.end], s.type) for s in redactor.find(text, lang)]
    assert (address, "EMAIL") in found


def test_everyday_at_and_dot_are_no_email(redactor: PIIRedactor) -> None:
    text = "We meet at the station at noon, dot on time."
    assert not [s for s in redactor.find(text, "en") if s.type == "EMAIL"]


def test_a_phone_in_a_csv_row_is_found_and_amounts_are_not(redactor: PIIRedactor) -> None:
    row = "200311,Amara Okafor,amara.o@mailbox.example,+31 6 1234 5678,2024-02-01"
    found = [(row[s.start : s.end], s.type) for s in redactor.find(row, "en")]
    assert ("+31 6 1234 5678", "PHONE") in found
    assert not [s for s in redactor.find("Total: 1,234,567.00 EUR", "en") if s.type == "PHONE"]


@pytest.mark.parametrize(
    ("text", "lang", "number"),
    [
        (
            "Please ring me back on plus three one, 6 2 4, 5 5, 8 1 9 0. Thanks.",
            "en",
            "plus three one, 6 2 4, 5 5, 8 1 9 0",
        ),
        (
            "Rückruf bitte unter null eins sieben zwei, drei drei vier, fünf fünf sechs.",
            "de",
            "null eins sieben zwei, drei drei vier, fünf fünf sechs",
        ),
        (
            "Call me on oh seven seven double oh nine zero, one two three.",
            "en",
            "oh seven seven double oh nine zero, one two three",
        ),
    ],
)
def test_phone_numbers_read_out_are_redacted(
    redactor: PIIRedactor, text: str, lang: str, number: str
) -> None:
    found = [(text[s.start : s.end], s.type) for s in redactor.find(text, lang)]
    assert (number, "PHONE") in found


def test_counting_aloud_is_no_phone(redactor: PIIRedactor) -> None:
    text = "The kids counted one two three four five six seven eight at the party."
    assert not [s for s in redactor.find(text, "en") if s.type == "PHONE"]
