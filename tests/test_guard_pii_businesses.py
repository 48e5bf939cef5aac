"""Businesses, job titles and places that look like names (PII, round 12): a shop named after a
person, a signature's job-title and company lines, a brand carrying a founder's name, a town after
a postcode are not redacted as people; the person beside them still is. The texts were written
for this project.
"""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


def _persons(redactor: PIIRedactor, text: str, lang: str | None = None) -> list[str]:
    return [s.text for s in redactor.find(text, lang) if s.type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We ordered curtains from Eleanor Price Interiors in May.", "en"),
        ("Die Rechnung kam von der Firma Markus Lindner GmbH.", "de"),
        ("Ich war bei „Helga Sommer Wohnen“ und habe einen Stuhl gekauft.", "de"),
        ("Mijn scooter komt van Kees Bosman Tweewielers in Zwolle.", "nl"),
        ("Kan ik het pakket afgeven bij de Albert Heijn op de hoek?", "nl"),
    ],
)
def test_shop_named_after_a_person_is_not_a_person(
    redactor: PIIRedactor, text: str, lang: str
) -> None:
    assert _persons(redactor, text, lang) == []


def test_signature_keeps_the_name_and_leaves_title_and_company(redactor: PIIRedactor) -> None:
    text = (
        "Thanks!\n\nKind regards,\nPriya Raman\nHead of Customer Operations\n"
        "Raman Dental Practice\nTel: +44 161 496 0144"
    )
    persons = _persons(redactor, text, "en")
    assert persons == ["Priya Raman"]


def test_town_after_postcode_is_not_a_person(redactor: PIIRedactor) -> None:
    text = "Adresse: Rue Haute 12, 1000 Bruxelles. Bitte an Frau Palma Kertész schicken."
    persons = _persons(redactor, text, "de")
    assert "Bruxelles" not in persons
    assert any("Kertész" in p for p in persons)


def test_country_in_an_address_list_is_no_name(redactor: PIIRedactor) -> None:
    text = "I moved to Lisbon. New address: Rua do Ouro 40, 1100-063 Lisboa, Portugal."
    assert not any(p in ("Lisboa", "Portugal") for p in _persons(redactor, text, "en"))


def test_german_pronoun_before_a_verb_is_no_name(redactor: PIIRedactor) -> None:
    assert _persons(redactor, "Kunde: Euer Portal sagt, mein Passwort sei falsch.", "de") == []


def test_trade_word_before_a_name_makes_a_business(redactor: PIIRedactor) -> None:
    text = "Ich habe beim Autohaus Bernd Quast einen Termin gebucht."
    assert _persons(redactor, text, "de") == []
