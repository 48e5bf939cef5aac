"""PII guard, round 11: numbers a customer writes that are or are not personal - phone numbers
with an extension, software versions shaped like IPv4 addresses, tax numbers of other countries.
The texts were written for this project."""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


@pytest.mark.parametrize(
    "text",
    [
        "You can call my desk on (212) 555-0147 ext. 31 until noon.",
        "Office: 020 7946 0321 ext. 5, ask for the accounts team.",
        "Reach me at 312-555-0199 x 12 please.",
    ],
)
def test_a_phone_number_with_an_extension_is_redacted(redactor: PIIRedactor, text: str) -> None:
    out = redactor.redact(text, "en")
    assert "<PHONE>" in out, out
    assert "555" not in out and "7946" not in out


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Since the update to 3.18.0.7 the app logs me out every hour.", "en"),
        ("Router hängt seit dem Firmware-Update auf 7.2.0.11 im Neustart.", "de"),
        ("Modem FW 5.10.1.2, lampje knippert oranje.", "nl"),
        ("The player freezes on 11.4.0.2; on 11.3.8 it was fine.", "en"),
    ],
)
def test_a_version_number_shaped_like_an_ip_stays(
    redactor: PIIRedactor, text: str, lang: str
) -> None:
    assert [s.type for s in redactor.find(text, lang) if s.type == "IP"] == [], text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Someone logged in from 81.2.69.33 last night, not me.", "en"),
        ("App 4.2.1 meldet: Verbindung zu 192.168.178.20 fehlgeschlagen.", "de"),
        ("Na de update van gisteren zie ik een inlog vanaf 77.160.12.9.", "nl"),
    ],
)
def test_an_ip_address_near_a_version_is_still_redacted(
    redactor: PIIRedactor, text: str, lang: str
) -> None:
    assert "IP" in [s.type for s in redactor.find(text, lang)], text


@pytest.mark.parametrize(
    ("text", "lang", "number"),
    [
        (
            "Mein Finanzamt verlangt die Nummer auf jeder Rechnung. Sie lautet 181/742/60153.",
            "de",
            "181/742/60153",
        ),
        (
            "The self assessment portal rejects my reference, it is on the HMRC letter: 5049183726",
            "en",
            "5049183726",
        ),
        ("Please add my contribuinte number to the invoice: 123456789.", "en", "123456789"),
        ("Para la factura: DNI 12345678Z, gracias. / For the invoice, thanks.", "en", "12345678Z"),
    ],
)
def test_tax_numbers_of_other_countries_are_redacted(
    redactor: PIIRedactor, text: str, lang: str, number: str
) -> None:
    spans = {s.text: s.type for s in redactor.find(text, lang)}
    assert spans.get(number) == "TAX_ID", spans


def test_a_phone_number_in_a_text_about_taxes_stays_a_phone(redactor: PIIRedactor) -> None:
    text = "Question about my tax return, please call 0161 496 0734 tomorrow."
    assert [s.type for s in redactor.find(text, "en")] == ["PHONE"]


def test_a_nine_digit_number_without_a_tax_cue_is_no_tax_id(redactor: PIIRedactor) -> None:
    """A valid NIF check digit alone is not enough: order numbers pass it one time in eleven."""
    assert "TAX_ID" not in [s.type for s in redactor.find("Order 123456789 arrived.", "en")]


def test_phone_after_a_dutch_callback_abbreviation(redactor: PIIRedactor) -> None:
    text = "Storing gemeld, monteur komt vrijdag. Terugbelnr 030-2917744."
    assert ("030-2917744", "PHONE") in [(s.text, s.type) for s in redactor.find(text, "nl")]


def test_transaction_number_with_00_is_no_phone(redactor: PIIRedactor) -> None:
    text = "The till printed transaction 0044-817-2290 but no receipt."
    assert not [s for s in redactor.find(text, "en") if s.type == "PHONE"]


@pytest.mark.parametrize(
    ("text", "lang", "date"),
    [
        ("Identität geprüft (GebDat 1983-04-17, PLZ 50667).", "de", "1983-04-17"),
        ("Geboortedatum\n21-07-1990", "nl", "21-07-1990"),
    ],
)
def test_dates_of_birth_after_short_cues(
    redactor: PIIRedactor, text: str, lang: str, date: str
) -> None:
    assert (date, "DATE_OF_BIRTH") in [(s.text, s.type) for s in redactor.find(text, lang)]


def test_a_date_on_the_line_below_a_birth_date_is_no_birth_date(redactor: PIIRedactor) -> None:
    text = "Geboortedatum: 03-11-1975\nDatum melding: 14-01-2025\nOmschrijving: ruitschade"
    dobs = [s.text for s in redactor.find(text, "nl") if s.type == "DATE_OF_BIRTH"]
    assert dobs == ["03-11-1975"]


def test_a_mail_header_date_is_no_address(redactor: PIIRedactor) -> None:
    text = "From: Ops <ops@example.com>\nDate: Wed, 9 Apr 2025 at 08:15\nSubject: rota"
    assert not [s for s in redactor.find(text, "en") if s.type == "ADDRESS"]


def test_brazilian_cpf_with_check_digits(redactor: PIIRedactor) -> None:
    text = "The customs form wants my CPF: 529.982.247-25, please pass it on."
    assert ("529.982.247-25", "TAX_ID") in [(s.text, s.type) for s in redactor.find(text, "en")]
    wrong = "Reference 529.982.247-26 on the parcel."  # check digits do not add up
    assert not [s for s in redactor.find(wrong, "en") if s.type == "TAX_ID"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Sohn Emil, geboren am 03.02.2015, Vertragsbeginn 01.09.2024.", "de"),
        ("Tochter ist am 11.11.2018 geboren. Start des Kurses ab 15.01.2025 bitte.", "de"),
    ],
)
def test_a_later_date_of_another_kind_is_no_birth_date(
    redactor: PIIRedactor, text: str, lang: str
) -> None:
    dobs = [s.text for s in redactor.find(text, lang) if s.type == "DATE_OF_BIRTH"]
    assert len(dobs) == 1 and dobs[0].endswith(("2015", "2018"))


def test_a_list_of_birth_dates_keeps_every_date(redactor: PIIRedactor) -> None:
    text = "Zijn geboortedatum is 14-02-1979, de mijne 30-06-1981."
    dobs = [s.text for s in redactor.find(text, "nl") if s.type == "DATE_OF_BIRTH"]
    assert dobs == ["14-02-1979", "30-06-1981"]
