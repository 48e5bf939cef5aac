"""Street addresses as customers abroad write them (issue 16, PII, round 10): street word first
(Portugal, Spain, France, Italy, Morocco), number first in French, Turkish "No:". The texts were
written for this project.
"""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Please ship to Rua das Flores, 123, 4050-265 Porto.", "Rua das Flores, 123"),
        ("My address is now Calle Mayor 5, 3º B, 28013 Madrid", "Calle Mayor 5, 3º B"),
        ("Livrez au 12 rue de la Paix, 75002 Paris", "12 rue de la Paix"),
        ("New address: Bağdat Cd. No: 45/3 Kadıköy İstanbul", "Bağdat Cd. No: 45/3"),
        ("Ik woon nu in Av. Sidi Mohammed 14, Casablanca", "Av. Sidi Mohammed 14"),
        ("Spedite a Via Roma 12, 00184 Roma", "Via Roma 12"),
    ],
)
def test_streets_abroad_are_redacted(redactor: PIIRedactor, text: str, street: str) -> None:
    spans = [s for s in redactor.find(text) if s.type == "ADDRESS"]
    start = text.index(street)
    assert any(s.start <= start and s.end >= start + len(street) for s in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        "I met her at the rue de la Paix yesterday.",
        "Order 12 rue items were missing.",
        "We stayed on Avenida Paulista last summer.",
    ],
)
def test_street_names_without_a_house_number_are_no_address(
    redactor: PIIRedactor, text: str
) -> None:
    assert [s for s in redactor.find(text) if s.type == "ADDRESS"] == []


def test_a_portuguese_postcode_line_belongs_to_the_address(redactor: PIIRedactor) -> None:
    text = "Please ship to Rua das Flores, 123, 4050-265 Porto."
    spans = redactor.find(text)
    assert [text[s.start : s.end] for s in spans] == ["Rua das Flores, 123, 4050-265 Porto"]
    assert spans[0].type == "ADDRESS"  # not "Porto" as a person's name


@pytest.mark.parametrize(
    ("text", "lang", "street"),
    [
        ("its flat 3 12 mill lane, can the driver ring twice", "en", "12 mill lane"),
        ("new place is 27 st albans road watford", "en", "27 st albans road"),
        ("woon nu op de eerste helmersstraat 102-3 hoor", "nl", "eerste helmersstraat 102-3"),
        ("paket bitte an die bergmannstraße 12a schicken", "de", "bergmannstraße 12a"),
        ("Send it to 9 Orchard Lawn, Naas please", "en", "9 Orchard Lawn"),
        ("Straße/Hausnr.: Im Wiesengrund 3\nPLZ/Ort: 72074 Tübingen", "de", "Im Wiesengrund 3"),
    ],
)
def test_streets_typed_loosely_are_redacted(
    redactor: PIIRedactor, text: str, lang: str, street: str
) -> None:
    out = redactor.redact(text, lang)
    assert street not in out and "<ADDRESS>" in out, out
    assert street.split()[-1] not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "we waited 2 hours on the road for the van",
        "the parcel went 300 miles down the road",
        "ik ben onderweg 2 uur later",
        "bought 2 x 89,90 € and 2 × 89,90 €",
    ],
)
def test_ordinary_lower_case_sentences_are_no_address(redactor: PIIRedactor, text: str) -> None:
    assert [s for s in redactor.find(text) if s.type == "ADDRESS"] == [], text


@pytest.mark.parametrize(
    ("text", "lang", "street"),
    [
        ("Nieuw adres voor Ahmed: Prinsengracht 263-1, 1016 GV Amsterdam.", "nl", "Prinsengracht"),
        ("Update my details: Zhou Lin, Herengracht 12, 1015 BK Amsterdam.", "en", "Herengracht 12"),
        ("Send it to Lange Voorhout 9, 2514 EA Den Haag please.", "en", "Lange Voorhout 9"),
        (
            "NAAM: DE VRIES, P.\nSTRAAT: MOLENSTRAAT 15\nPC/PLAATS: 5211 AB DEN BOSCH",
            "nl",
            "MOLENSTRAAT 15",
        ),
        (
            "name: niamh o'brien\naddr: 4 bóthar na trá, salthill\nphone: 091 555 0199",
            "en",
            "4 bóthar na trá",
        ),
        ("Straße: Am Lindenhof 3a\nOrt: Kassel", "de", "Am Lindenhof 3a"),
    ],
)
def test_streets_without_street_words_in_capitals_or_after_labels(
    redactor: PIIRedactor, text: str, lang: str, street: str
) -> None:
    spans = [s for s in redactor.find(text, lang) if s.type == "ADDRESS"]
    start = text.index(street)
    assert any(s.start <= start < s.end for s in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        "Bestellung 4412, 10115 Berlin hat sie nie erreicht.",
        "On March 12, 2024 we changed the plan.",
        "Notitie 14/3: situatie opgelost, garantie 2 jaar.",
    ],
)
def test_numbers_before_a_postcode_or_dutch_tie_words_are_no_street(
    redactor: PIIRedactor, text: str
) -> None:
    assert not [s for s in redactor.find(text) if s.type == "ADDRESS"]


@pytest.mark.parametrize(
    ("text", "lang", "street"),
    [
        ("Straße und Hausnummer: Im Winkel 4\nPLZ: 34117", "de", "Im Winkel 4"),
        ("Straat + huisnummer: Laan van Nieuw Oost-Indië 120\nPostcode: 2593 BX", "nl", "Laan van"),
    ],
)
def test_street_and_number_labels(redactor: PIIRedactor, text: str, lang: str, street: str) -> None:
    start = text.index(street)
    spans = [s for s in redactor.find(text, lang) if s.type == "ADDRESS"]
    assert any(s.start <= start < s.end for s in spans), spans


def test_a_device_mac_address_is_no_street_address(redactor: PIIRedactor) -> None:
    text = "Router (MAC-adres 3C:7A:8A:11:90:EF) valt elke nacht uit."
    assert not [s for s in redactor.find(text, "nl") if s.type == "ADDRESS"]
