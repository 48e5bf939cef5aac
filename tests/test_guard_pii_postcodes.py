"""PII guard, round 11: postcodes as customers write them - in lower case in a chat, in a form
with a combined label ("PLZ/Ort"), in brackets, before a Portuguese or Turkish town; and town
names that are also surnames, which stay. The texts were written for this project."""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


@pytest.mark.parametrize(
    ("text", "lang", "postcode"),
    [
        ("parcel never came, im in leeds ls6 2qd if that helps", "en", "ls6 2qd"),
        ("PLZ/Ort: 50667 Köln", "de", "50667"),
        ("Postcode & town: 3511 LK Utrecht", "nl", "3511 LK"),
        ("Kundin bestätigt ihre PLZ (80331) am Telefon.", "de", "80331"),
        ("adres is marnixkade 7-1 1015wl, bel maar aan", "nl", "1015wl"),
        ("Send it to my aunt:\nAv. da Liberdade 90\n1250-145 Lisboa", "en", "1250-145"),
        ("Teslimat: Moda Cd. No: 8, 34710 İzmir'e değil Kadıköy", "en", "34710"),
    ],
)
def test_postcodes_written_loosely_are_redacted(
    redactor: PIIRedactor, text: str, lang: str, postcode: str
) -> None:
    out = redactor.redact(text, lang)
    assert postcode not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "the m2 1tb drive and a b4 2gb card",
        "it took 1500 km and 2000 mb of data",
        "i paid 1250-145 euros in two parts",
    ],
)
def test_sizes_and_amounts_in_lower_case_are_no_postcode(redactor: PIIRedactor, text: str) -> None:
    assert [s for s in redactor.find(text, "en") if s.type == "POSTCODE"] == [], text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We just moved back to Lisbon, so the old flat is empty now.", "en"),
        ("Die Lieferung kam leider aus Bremen statt aus dem Lager.", "de"),
        ("Klant woont sinds kort in Brussel, graag de verzendkosten aanpassen.", "nl"),
    ],
)
def test_a_town_name_alone_is_no_person(redactor: PIIRedactor, text: str, lang: str) -> None:
    """Towns that are also surnames ("Lisbon", "Bremen") stay when no first name comes with."""
    assert [s for s in redactor.find(text, lang) if s.type == "PERSON"] == [], text


def test_a_surname_that_is_a_town_still_counts_with_a_first_name(redactor: PIIRedactor) -> None:
    assert "PERSON" in [s.type for s in redactor.find("Hi, I'm Carla Porto from accounts.", "en")]


@pytest.mark.parametrize(
    ("text", "lang", "postcode"),
    [
        ("Praxis Dr. Kaya\nGartenstraße 9 · 72074 Tübingen\nTel. 07071 556677", "de", "72074"),
        ("Müller;Bergstraße 4;69120;Heidelberg", "de", "69120"),
        ("name: ciara walsh\neircode: h91 e2k3\nphone: 091 555 1234", "en", "h91 e2k3"),
        ("Ik woon op Jan Luijkenstraat 40-III, 1071 CS Amsterdam.", "nl", "1071 CS"),
    ],
)
def test_postcodes_after_separators_labels_and_floors(
    redactor: PIIRedactor, text: str, lang: str, postcode: str
) -> None:
    spans = redactor.find(text, lang)
    start = text.index(postcode)
    assert any(s.type in ("POSTCODE", "ADDRESS") and s.start <= start < s.end for s in spans), spans


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("Neue Adresse:\nFavoritenstraße 22/4/7\n1040 Wien", "1040"),
        ("Met vriendelijke groet,\nLotte Peeters\nTiensestraat 41 bus 0.2\n3000 Leuven", "3000"),
    ],
)
def test_four_digit_postcode_on_the_line_below_the_street(
    redactor: PIIRedactor, text: str, postcode: str
) -> None:
    start = text.index(postcode)
    assert any(
        s.type in ("POSTCODE", "ADDRESS") and s.start <= start < s.end for s in redactor.find(text)
    )


def test_a_year_below_a_numbered_line_is_no_postcode(redactor: PIIRedactor) -> None:
    text = "Invoice 4471\n2023 Summary attached"
    assert not [s for s in redactor.find(text, "en") if s.type == "POSTCODE"]
