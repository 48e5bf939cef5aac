"""PII round 15, review fixes: answers to a question on the line before that are no name
(a booking, a tour, a desk, a pet), first names that are also month names after a word that
is not about time ("from Jan", "voor Jan"), two first names glued into one ("MaryAnn"), and
"von" before a surname inside a name ("Anna Maria von Weber").

The texts were written for this project (not taken from the evaluation sets)."""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor
from supportllm.guard.pii_name_cues import NOT_NAMES


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


def persons(redactor: PIIRedactor, text: str, lang: str) -> list[str]:
    return [text[s.start : s.end] for s in redactor.find(text, lang) if s.type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Can I take your name?\nVisitor: Booking for two.", "en"),
        ("Which tour name did you book?\nCustomer: Canal cruise", "en"),
        ("Who is this delivery for?\nCustomer: Reception desk", "en"),
        ("Who is this parcel for?\nCustomer: Front office", "en"),
        ("Hoe heet je hond?\nKlant: Bello", "nl"),
        ("What is the tour name?\nGuest: harbour lights", "en"),
        ("Wie heißt dein Pferd?\nKunde: Blitz", "de"),
        ("Hoe heet uw kat?\nKlant: Minoes", "nl"),
        ("Could I get your name please?\nCustomer: Table by the window", "en"),
    ],
)
def test_answers_that_are_no_name(redactor: PIIRedactor, text: str, lang: str) -> None:
    assert persons(redactor, text, lang) == []


def test_a_name_before_common_words_is_only_the_name(redactor: PIIRedactor) -> None:
    text = "Can I take your name?\nVisitor: Anna table two"
    assert persons(redactor, text, "en") == ["Anna"]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Who am I speaking to?\nCustomer: hodan", "en", "hodan"),
        ("Who is this?\nCustomer: wiremu", "en", "wiremu"),
        ("Can I take your name please?\nVisitor: fenna de wit", "en", "fenna de wit"),
        ("Mit wem spreche ich?\nKunde: jörg", "de", "jörg"),
        ("Hoe heet u?\nKlant: sanne bakker", "nl", "sanne bakker"),
    ],
)
def test_answers_that_are_a_name(redactor: PIIRedactor, text: str, lang: str, name: str) -> None:
    assert name in persons(redactor, text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Message from Jan about the invoice.", "en"),
        ("De bloemen zijn voor Jan.", "nl"),
        ("Dit pakket is voor Jan, mijn buurman.", "nl"),
    ],
)
def test_month_like_first_names_stay_names(redactor: PIIRedactor, text: str, lang: str) -> None:
    assert "Jan" in persons(redactor, text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("We moved house end of Jan and the meter was read then.", "en", "Jan"),
        ("Sinds mei krijg ik geen post meer.", "nl", "mei"),
        ("Die Rechnung kam am 3. Juni 2025.", "de", "Juni"),
        ("Early April the heating broke down.", "en", "April"),
    ],
)
def test_months_stay_months(redactor: PIIRedactor, text: str, lang: str, value: str) -> None:
    assert value not in persons(redactor, text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Regards, MaryAnn", "en", "MaryAnn"),
        ("Thanks, JeanPierre", "en", "JeanPierre"),
        ("Met vriendelijke groet, MaryAnn Jansen", "nl", "MaryAnn Jansen"),
        ("Kind regards, FitzGerald", "en", "FitzGerald"),
    ],
)
def test_glued_first_names_are_one_name(
    redactor: PIIRedactor, text: str, lang: str, name: str
) -> None:
    assert persons(redactor, text, lang) == [name]


def test_glued_product_is_no_name(redactor: PIIRedactor) -> None:
    text = "Mein Router KarlaNet 300 verliert ständig die Verbindung."
    assert persons(redactor, text, "de") == []


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Ich bin Anna Maria von Weber", "de", "Anna Maria von Weber"),
        ("Ich bin Anna von Weber und rufe wegen der Rechnung an.", "de", "Anna von Weber"),
        ("Ich bin Jonas Keller von Zalando.", "de", "Jonas Keller"),
        ("ich bin Trần Văn Minh vom Imbiss", "de", "Trần Văn Minh"),
    ],
)
def test_von_before_a_surname_stays_in_the_name(
    redactor: PIIRedactor, text: str, lang: str, name: str
) -> None:
    assert persons(redactor, text, lang) == [name]


def test_not_names_is_frozen() -> None:
    assert isinstance(NOT_NAMES, frozenset)
    assert {"its", "thats", "dont"} <= NOT_NAMES
