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
