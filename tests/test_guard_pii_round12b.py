"""PII round 12, second pass: chat answers that give a date of birth or a postcode alone, form
titles, product and tariff names in quotes, ships, businesses with "& Sons" or a trade word,
"I'm", Vietnamese letters, Belgian mobile numbers, a name right before its address, and
spreadsheet rows with an IBAN column. The texts were written for this project.
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


def _persons(redactor: PIIRedactor, text: str, lang: str | None = None) -> set[str]:
    return {v for t, v in _typed(redactor, text, lang) if t == "PERSON"}


def test_chat_answer_with_a_birth_date_asked_on_the_line_above(redactor: PIIRedactor) -> None:
    text = "Agent: Zur Prüfung bräuchte ich Ihr Geburtsdatum.\nKundin: 04.07.1975\nAgent: Danke."
    assert ("DATE_OF_BIRTH", "04.07.1975") in _typed(redactor, text, "de")


def test_a_field_of_another_date_under_a_birth_date_is_no_birth(redactor: PIIRedactor) -> None:
    text = "Geboortedatum: 11-03-1990\nDatum aankoop: 02-02-2025\nBon: bijgevoegd"
    found = _typed(redactor, text, "nl")
    assert ("DATE_OF_BIRTH", "11-03-1990") in found
    assert not any(v == "02-02-2025" for _, v in found)


def test_chat_answer_with_a_postcode_asked_on_the_line_above(redactor: PIIRedactor) -> None:
    text = "Agent: Und Ihre Postleitzahl?\nKunde: 01067\nAgent: Danke."
    assert ("POSTCODE", "01067") in _typed(redactor, text, "de")
    other = "Agent: Und Ihre Bestellnummer?\nKunde: 44512\nAgent: Danke."
    assert not any(t == "POSTCODE" for t, _ in _typed(redactor, other, "de"))


def test_dutch_postcode_in_brackets_after_the_town(redactor: PIIRedactor) -> None:
    text = "Ik woon nu op Brink 3 in Zwolle (8011 CD), het oude adres klopt niet meer."
    assert ("POSTCODE", "8011 CD") in _typed(redactor, text, "nl")


def test_a_forms_title_line_is_no_name(redactor: PIIRedactor) -> None:
    text = "Aanmeldformulier Zwemles\nNaam: Sanne Peters\nE-mail: s.peters@example.nl"
    persons = _persons(redactor, text, "nl")
    assert "Sanne Peters" in persons
    assert not any("Zwemles" in p for p in persons)


def test_quoted_product_and_tariff_names_are_no_people(redactor: PIIRedactor) -> None:
    text = "Ab Mai heißt der Tarif „Klaus Komfort“ nur noch „Komfort Plus“. Bitte informieren."
    assert not _persons(redactor, text, "de")


def test_ships_are_no_people_but_a_title_in_capitals_still_is(redactor: PIIRedactor) -> None:
    assert not _persons(redactor, "Unsere Reise mit der MS Helena ab Kiel fiel aus.", "de")
    found = _persons(redactor, "RE: Order 5531\nCUSTOMER: MS N. KOWALSKI-BRANDT\nTEL: none", "en")
    assert any("KOWALSKI" in p for p in found)


def test_businesses_with_sons_or_a_trade_word_are_no_people(redactor: PIIRedactor) -> None:
    text = "Thanks,\nAoife\n\nDunne & Sons Joinery, Naas\nTel: 045 987 1234"
    assert not any("Dunne" in p for p in _persons(redactor, text, "en"))
    text = "Viele Grüße\nEmre Kaya\nKaya Backstube\nTel. 0621 4455667"
    assert _persons(redactor, text, "de") == {"Emre Kaya"}


def test_im_is_no_name(redactor: PIIRedactor) -> None:
    text = "Hi, I'm Grace Holloway and I ordered in May. I'm 82 and can't wait much longer."
    persons = _persons(redactor, text, "en")
    assert any("Grace Holloway" in p for p in persons)
    assert not any(p == "I'm" for p in persons)


def test_vietnamese_letters_in_a_name(redactor: PIIRedactor) -> None:
    text = "hi this is Nguyễn Thị Hạnh, the card reader in our salon is broken again"
    assert any("Hạnh" in p for p in _persons(redactor, text, "en"))


def test_belgian_mobile_with_slash_and_dots(redactor: PIIRedactor) -> None:
    text = "Kerkstraat 4, 9000 Gent\nGSM: 0485/12.34.56\nE-mail: info@example.be"
    assert ("PHONE", "0485/12.34.56") in _typed(redactor, text, "nl")


def test_a_name_right_before_its_address_on_one_line(redactor: PIIRedactor) -> None:
    text = "Delivery details: Chiamaka Eze-Williams, 12 Orchard Close, Reading RG1 2AB"
    assert "Chiamaka Eze-Williams" in _persons(redactor, text, "en")
    building = "Send it to my office instead: Kestrel House, 5 Harbour Way, Bristol BS1 5TT."
    assert not _persons(redactor, building, "en")


def test_rows_with_an_iban_column_are_about_people(redactor: PIIRedactor) -> None:
    text = "Graag handmatig verwerken:\nref;naam;iban\nX-1;Joost van Dam;NL91ABNA0417164300"
    assert "Joost van Dam" in _persons(redactor, text, "nl")
