"""PII round 14 (v18 and v19 studied by category): cards sent in pieces, Dutch and Frisian
names, a name before its birth date, Belgian phones, numbers read out after "read it out as",
Welsh streets; and the look-alikes that must stay unredacted.

The texts were written for this project (not taken from the evaluation sets)."""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor
from tests.pii_spans import covered


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


# 4111 1111 1111 1111 and 5555 5555 5555 4444 pass Luhn.
@pytest.mark.parametrize(
    ("text", "lang", "halves"),
    [
        (
            "Customer: ok my Visa, first half is 4111 1111\n"
            "Agent: please stop\nCustomer: and the rest 1111 1111 exp 08/29",
            "en",
            ("4111 1111", "1111 1111"),
        ),
        (
            "Ich hab der Hotline die Kartennummer gesagt, erst 5555 5555, dann nach einer Pause "
            "den Rest: 5555 4444, gültig bis 04/28.",
            "de",
            ("5555 5555", "5555 4444"),
        ),
        (
            "klant: de eerste 8 zijn 4111 1111\nklant: en dan 1111 1111\n"
            "medewerker: kaartgegevens mag ik niet via de chat aannemen.",
            "nl",
            ("4111 1111", "1111 1111"),
        ),
    ],
)
def test_card_sent_in_two_pieces_is_redacted_piece_by_piece(
    redactor: PIIRedactor, text: str, lang: str, halves: tuple[str, str]
) -> None:
    for half in halves:
        assert covered(redactor, text, lang, half, "CARD")
    redacted = redactor.redact(text, lang)
    assert "Customer:" in redacted or "klant:" in redacted or "Hotline" in redacted
    assert "1111" not in redacted and "5555" not in redacted


def test_lone_card_half_after_a_part_word(redactor: PIIRedactor) -> None:
    text = "Karte kommt aufgeteilt: erste Hälfte 4111 1111, die zweite schicke ich per SMS."
    assert covered(redactor, text, "de", "4111 1111", "CARD")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # an order and an invoice number beside a card word: no card pieces
        ("Paid by card. Order 4539 1488 and invoice 0343 6417 are both wrong.", "en"),
        # two eight-digit numbers whose joined digits fail Luhn
        ("Kaart geweigerd, terminal 4111 1111 en daarna 1111 1112.", "nl"),
        # a half without any card word near is no card
        ("Die erste Hälfte 4111 1111 der Lieferung fehlt.", "de"),
    ],
)
def test_eight_digit_numbers_that_are_no_card_pieces(
    redactor: PIIRedactor, text: str, lang: str
) -> None:
    assert not [s for s in redactor.find(text, lang) if s.type == "CARD"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hoi, ik ben Wytske Dykstra uit Drachten. Mijn pas werkt niet.", "Wytske Dykstra"),
        ("Bestelling nog steeds niet binnen.\nKees Kamphuis", "Kees Kamphuis"),
        ("Zit al een week te wachten. Groeten, Sjaak", "Sjaak"),
        ("Haar naam is Wubbegien Oosterveen, ze heeft geen e-mail.", "Wubbegien Oosterveen"),
        ("Goedemiddag, met Tran Van Minh van restaurant Saigon Corner.", "Tran Van Minh"),
        ("Voor de reservering: Chen Jiayi, geboren 4 mei 1998.", "Chen Jiayi"),
    ],
)
def test_dutch_names_are_redacted(redactor: PIIRedactor, text: str, name: str) -> None:
    assert covered(redactor, text, "nl", name, "PERSON")
    assert name not in redactor.redact(text, "nl")


def test_a_flemish_surname_with_a_capital_particle_is_redacted_whole(
    redactor: PIIRedactor,
) -> None:
    text = "Met dank,\nMarc De Smet"
    assert "Smet" not in redactor.redact(text, "nl")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Klaar is Kees: je abonnement staat nu stil.", "nl"),
        ('We hebben in onze winkel "Tante Truus Stoffen" een storing met de pin.', "nl"),
        ("Is dat betaalbaar voor Jan Modaal?", "nl"),
    ],
)
def test_dutch_sayings_and_shops_are_no_names(redactor: PIIRedactor, text: str, lang: str) -> None:
    assert not [s for s in redactor.find(text, lang) if s.type == "PERSON"]


def test_name_of_a_child_before_its_birth_date(redactor: PIIRedactor) -> None:
    text = "Mitreisende:\nKind: Lea Brandt (geb. 12.03.2015)"
    assert covered(redactor, text, "de", "Lea Brandt", "PERSON")


def test_lower_case_words_before_born_are_no_name(redactor: PIIRedactor) -> None:
    text = "Our product line, born in 2019, is still sold."
    assert not [s for s in redactor.find(text, "en") if s.type == "PERSON"]


def test_belgian_phone_with_slash_and_dots(redactor: PIIRedactor) -> None:
    text = "Klant vraagt om terugbelactie op 02/512.34.87 over de garantie."
    assert covered(redactor, text, "nl", "02/512.34.87", "PHONE")


def test_version_with_dots_is_no_phone(redactor: PIIRedactor) -> None:
    text = "Update naar versie 12.34.56 lost het op."
    assert not [s for s in redactor.find(text, "nl") if s.type == "PHONE"]


def test_number_read_out_after_read_it_out_as(redactor: PIIRedactor) -> None:
    text = (
        "She could not type the number into the keypad, so she read it out as oh seven "
        "nine four six, double one two, eight eight three."
    )
    assert covered(redactor, text, "en", "oh seven nine four six", "PHONE")


def test_reading_something_out_is_no_phone(redactor: PIIRedactor) -> None:
    text = "Please read chapters 1, 2, 3, 4, 5 and 6 before the call."
    assert not [s for s in redactor.find(text, "en") if s.type == "PHONE"]


def test_welsh_street_with_the_number_first(redactor: PIIRedactor) -> None:
    text = "The engineer will be at 7 Heol y Nant, Cardiff CF14 6HJ on Friday."
    assert covered(redactor, text, "en", "7 Heol y Nant", "ADDRESS")
    assert "Heol y Nant" not in redactor.redact(text, "en")
