"""Rows pasted from a spreadsheet or an export (PII, round 12): the header names the columns, so
a postcode between two semicolons, a surname alone in its field and a date of birth in a bar
table are redacted, and a town in a city column is no person. The texts were written for this
project.
"""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


def _typed(redactor: PIIRedactor, text: str, lang: str | None = None) -> set[tuple[str, str]]:
    return {(s.type, s.text) for s in redactor.find(text, lang)}


def test_german_semicolon_row_redacts_street_postcode_and_name(redactor: PIIRedactor) -> None:
    text = (
        "Import abgelehnt:\n"
        "kundennr;name;strasse;plz;ort\n"
        "70411;Brandl, Sophie;Lindwurmstraße 88;80337;München\n"
    )
    found = _typed(redactor, text, "de")
    assert ("POSTCODE", "80337") in found
    assert any(t == "ADDRESS" and "Lindwurmstraße 88" in v for t, v in found)
    assert any(t == "PERSON" and "Brandl" in v for t, v in found)
    assert not any(v.startswith("70411") for _, v in found)  # the customer number stays


def test_comma_csv_surname_field_and_city_column(redactor: PIIRedactor) -> None:
    text = (
        "rows that failed:\n"
        "id,first name,last name,email,city\n"
        '501,Ruth,"de Groot",ruth.dg@example.org,Santa Monica\n'
        "502,Tomasz,Wiśniewski,t.wis@example.org,San Diego\n"
    )
    found = _typed(redactor, text, "en")
    assert ("PERSON", "de Groot") in found
    assert ("PERSON", "Wiśniewski") in found
    assert not any("Santa" in v or "Diego" in v for t, v in found if t == "PERSON")


def test_bar_table_dates_of_birth(redactor: PIIRedactor) -> None:
    text = "Teilnehmer | Geburtsdatum | Handy\nMira Schulte | 14.03.1992 | 0171 2233445\n"
    found = _typed(redactor, text, "de")
    assert ("DATE_OF_BIRTH", "14.03.1992") in found
    assert ("PHONE", "0171 2233445") in found


def test_rows_without_known_columns_are_left_alone(redactor: PIIRedactor) -> None:
    text = "product;price;qty\nWidget;4,99;2\nGadget;12,50;1\n"
    assert redactor.find(text, "en") == []


def test_first_field_of_a_headerless_row_is_no_postcode(redactor: PIIRedactor) -> None:
    text = "Bitte prüfen:\n55120;Keller, Jonas;Hauptstraße 3;60311;Frankfurt"
    found = _typed(redactor, text, "de")
    assert ("POSTCODE", "60311") in found
    assert not any(v == "55120" for _, v in found)


def test_a_product_list_with_a_name_column_is_no_list_of_people(redactor: PIIRedactor) -> None:
    text = "sku;name;status\n4471;Blue Harbour Mug;active\n4472;Canvas Tote;sold out\n"
    assert [s for s in redactor.find(text, "en") if s.type == "PERSON"] == []
