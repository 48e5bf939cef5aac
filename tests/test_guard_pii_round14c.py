"""PII round 14c (v21 studied): half a card named as the second or last part, tax-office
Steuernummern ("68 123/4567"), and the look-alikes that must stay unredacted: EAN/GSRN meter
codes that pass Luhn, an order number said to be in halves, a tax-looking number after an
order word.

The texts were written for this project (not taken from the evaluation sets)."""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor
from tests.pii_spans import covered


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


TAX = ("TAX_ID", "DE_TAX_ID")


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        (
            "Die Hotline meinte, ich soll den letzten Teil meiner Kreditkartennummer hier "
            "angeben: 7742 1183, gültig bis 11/26. Den Anfang hat Ihr Kollege schon.",
            "de",
            "7742 1183",
        ),
        (
            "I was told to type the last part of my card number in this box: 9051 2236, "
            "expiry 11/26. The first part I already read out on the phone.",
            "en",
            "9051 2236",
        ),
        (
            "Het tweede deel van het nummer van mijn creditcard is 8123 4471, geldig tot 03/28.",
            "nl",
            "8123 4471",
        ),
        # the first half keeps working as before
        (
            "Card: first half is 4916 3385, the second comes by text in a minute.",
            "en",
            "4916 3385",
        ),
    ],
)
def test_half_card_named_as_a_later_part(
    redactor: PIIRedactor, text: str, lang: str, value: str
) -> None:
    assert covered(redactor, text, lang, value, ("CARD",))


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        # an 18-digit Dutch energy EAN passes Luhn; no card network starts with 8
        (
            "Meterstanden: stroom 013377 (normaal), gas 2210,7 m³. EAN-code "
            "871687120053441234. Klantnummer 30018822.",
            "nl",
            "871687120053441234",
        ),
        (
            "Zählpunkt für den Umzug: 871687120053441234, Zählerstand 48211.",
            "de",
            "871687120053441234",
        ),
        # an order number in halves next to a card word is still an order number
        (
            "The second half of the order number is 8123 4471, and my card expires 03/28.",
            "en",
            "8123 4471",
        ),
    ],
)
def test_card_look_alikes_stay(redactor: PIIRedactor, text: str, lang: str, value: str) -> None:
    assert not covered(redactor, text, lang, value, ("CARD",))


def test_card_starting_with_a_card_network_digit_still_found(redactor: PIIRedactor) -> None:
    text = "Zählpunkt 871687120053441234 gemeldet, abgebucht von Karte 4917 3305 2186 7742."
    assert covered(redactor, text, "de", "4917 3305 2186 7742", ("CARD",))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Bitte auf der Honorarnote meine Steuernummer beim Finanzamt Linz angeben: "
            "46 207/3318. Danke!",
            "46 207/3318",
        ),
        ("Einkommensteuerbescheid 2024, St.Nr. 12-345/6789, bitte ablegen.", "12-345/6789"),
        ("Mit freundlichen Grüßen\nKanzlei Roth\nSteuernr. 27/455/30218", "27/455/30218"),
    ],
)
def test_tax_office_steuernummer(redactor: PIIRedactor, text: str, value: str) -> None:
    assert covered(redactor, text, "de", value, TAX)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Die Steuer für Bestellung 12 345/6789 ist im Preis enthalten.", "de", "12 345/6789"),
        ("For my tax return I need the total of order 3348917502, please.", "en", "3348917502"),
    ],
)
def test_tax_shapes_after_an_order_word_stay(
    redactor: PIIRedactor, text: str, lang: str, value: str
) -> None:
    assert not covered(redactor, text, lang, value, TAX)


def persons(redactor: PIIRedactor, text: str, lang: str) -> list[str]:
    return [s.text for s in redactor.find(text, lang) if s.type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "lang", "names"),
    [
        (
            "Leaver form (portal export)\ngiven_name: Tomasz\nfamily_name: Wróblewski\n"
            "work_email: t.w@example.com\nlast_day: 2025-10-31",
            "en",
            ["Tomasz", "Wróblewski"],
        ),
        (
            "Claim form received\nClaimant: Rosalind Achterberg\nPolicy: HX-22819",
            "en",
            ["Rosalind Achterberg"],
        ),
        (
            "Formulier\nAchternaam: Bakker\nVoornamen: Pieter Jan\nBSN: 1045.87.222",
            "nl",
            ["Bakker", "Pieter Jan"],
        ),
    ],
)
def test_form_fields_name_a_person(
    redactor: PIIRedactor, text: str, lang: str, names: list[str]
) -> None:
    found = persons(redactor, text, lang)
    assert all(name in found for name in names), found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a courier's or shop's chat account is no person
        (
            "[08:02] FastFetch: Your driver is nearby\n[08:03] me: ok, side gate is open\n"
            "[08:09] FastFetch: Delivered, photo attached.",
            "en",
        ),
        # the field names themselves, and a question about first names
        ("The CSV import needs first_name, last_name and email in the header row.", "en"),
        (
            "How many customers have the surname Brannigan, and what are their first names? Doing "
            "family history.",
            "en",
        ),
        ("Beneficiary: see the attached form.", "en"),
    ],
)
def test_no_person_in_labels_and_accounts(redactor: PIIRedactor, text: str, lang: str) -> None:
    found = persons(redactor, text, lang)
    assert all(n not in {"FastFetch", "Doing", "see"} for n in found), found
    assert "first_name" not in " ".join(found)


def test_chat_speaker_with_a_surname_prefix_stays_a_person(redactor: PIIRedactor) -> None:
    text = (
        "[09:12] MacLeod: morning\n[09:13] Agent: hi, how can I help?\n[09:14] MacLeod: my parcel"
    )
    assert "MacLeod" in persons(redactor, text, "en")


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("APPLICANT: O'BRIEN, SIOBHAN\nD.O.B.: 14-03-1979\nPPS: on file", "en", "O'BRIEN, SIOBHAN"),
        ("cust O'CONNELL, PADRAIG called re double charge", "en", "O'CONNELL, PADRAIG"),
        ("ANTRAGSTELLER: KOWALCZYK, BOGDAN\nGEB.: 01.02.1970", "de", "KOWALCZYK, BOGDAN"),
    ],
)
def test_names_in_capitals_after_a_form_party(
    redactor: PIIRedactor, text: str, lang: str, name: str
) -> None:
    assert name in persons(redactor, text, lang)


@pytest.mark.parametrize(
    "text",
    ["APPLICANT: SEE ATTACHED FORM\nSTATUS: OPEN", "CLAIMANT: WITHHELD\nPOLICY: HX-2291"],
)
def test_form_party_placeholders_stay(redactor: PIIRedactor, text: str) -> None:
    assert persons(redactor, text, "en") == []


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        (
            "Formulier toeslag\nAchternaam: BAKKER\nVoornamen: FLEUR\nBSN: 1045.87.222",
            "nl",
            "FLEUR",
        ),
        ("Antrag\nNachname: MEIER\nVorname: KLAUS\nGeburtsdatum: 01.02.1970", "de", "KLAUS"),
    ],
)
def test_one_word_in_capitals_filling_a_name_field(
    redactor: PIIRedactor, text: str, lang: str, name: str
) -> None:
    assert name in persons(redactor, text, lang)


def test_one_capitals_word_after_a_name_field_in_running_text_stays(
    redactor: PIIRedactor,
) -> None:
    # not the whole value of its line: a heading word, not a name
    text = "Surname: CAPITALS please, the first name in normal letters."
    assert "CAPITALS" not in " ".join(persons(redactor, text, "en"))
