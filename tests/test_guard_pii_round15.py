"""PII round 15 (v22 studied): e-mail addresses with the "@" said as a word or in brackets,
device and meter numbers that are no phone, a name given as the answer to a name question or
after "name on card" in lower case, and the look-alikes that must stay unredacted: trades as
chat labels ("Courier:"), months ("in Jan"), contractions typed without an apostrophe ("Its"),
products glued to a first name ("OttoCam"), brands named after their founders ("een Bosch
boormachine").

The texts were written for this project (not taken from the evaluation sets)."""

from __future__ import annotations

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor
from tests.pii_spans import covered


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


def whole(redactor: PIIRedactor, text: str, lang: str, value: str, kind: str) -> bool:
    start = text.index(value)
    return any(
        s.type == kind and s.start <= start and start + len(value) <= s.end
        for s in redactor.find(text, lang)
    )


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Mijn adres is eva.dekker (apenstaartje) hetnet.nl, met een k.", "nl", "eva.dekker"),
        ("Schreiben Sie an lena.vogt klammeraffe gmx.de, danke.", "de", "gmx.de"),
        ("My new one is k_obi at outlook.com so use that please.", "en", "k_obi at outlook.com"),
        ("address: ruth.m @ posteo.de", "de", "ruth.m @ posteo.de"),
        ("mail naar info <at> bakkerijvos dot nl graag", "nl", "bakkerijvos"),
        ("Reply to sam+orders@tinyshop.photography, not the old one.", "en", "sam+orders"),
        ("mail me: tess.rowe@ fastmail.com", "en", "tess.rowe@ fastmail.com"),
        ("Mailadres: joost.bakker @kpnmail.nl", "nl", "joost.bakker @kpnmail.nl"),
        ("Email: m.o'neill@tcd.ie", "en", "m.o'neill@tcd.ie"),
        ("my email is kemi at yahoo.co.uk if that helps", "en", "kemi at yahoo.co.uk"),
        ("Mail bitte an jonas.beck(a)posteo.de schicken.", "de", "jonas.beck(a)posteo.de"),
        ("adres: fenna.bos[ at ]ziggo[ . ]nl", "nl", "fenna.bos[ at ]ziggo[ . ]nl"),
        ("it's tom underscore reid at gmail dot com", "en", "tom underscore reid"),
    ],
)
def test_email_with_the_at_said_or_bracketed(
    redactor: PIIRedactor, text: str, lang: str, value: str
) -> None:
    assert whole(redactor, text, lang, value, "EMAIL")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The docs are hosted at github.com under our org.", "en"),
        ("We are at home.nl until Friday, see you then.", "en"),
        ("Lees het na op thuisbezorgd.nl (daar staat het).", "nl"),
        ("Text says pay £1.99 at parcel-redelivery.com within 24h at secure-pay.co or else.", "en"),
        ("It crashed: java.lang.NullPointerException at com.shop.Cart.total", "en"),
        ("Close every account that signed up with a @gmail.com address.", "en"),
        ("curl -X POST -d @hook.json gives 401", "en"),
        ("Choose option (a) gmx.de or (b) web.de for the test domains.", "en"),
    ],
)
def test_at_before_a_domain_is_no_email(redactor: PIIRedactor, text: str, lang: str) -> None:
    assert not any(s.type == "EMAIL" for s in redactor.find(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Meter number 51002234. Account holder moved out.", "en", "51002234"),
        ("Het IMEI-nummer is 356938035643809, kunt u hem blokkeren?", "nl", "356938035643809"),
        ("Zählernummer: 60023318, Stand 12345", "de", "60023318"),
        ("Please check MPRN 10012345678 for the gas supply.", "en", "10012345678"),
    ],
)
def test_device_and_meter_numbers_are_no_phone(
    redactor: PIIRedactor, text: str, lang: str, value: str
) -> None:
    assert not covered(redactor, text, lang, value, ("PHONE",))


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Meter reading done. Call me back on 0161 496 0000 please.", "en", "0161 496 0000"),
        ("Meterstand doorgegeven, bel me op 06-12345678.", "nl", "06-12345678"),
    ],
)
def test_phones_next_to_meter_words_stay(
    redactor: PIIRedactor, text: str, lang: str, value: str
) -> None:
    assert covered(redactor, text, lang, value, ("PHONE",))


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        (
            "Agent: Hi, this is Mo from billing. Who am I speaking to?\nCustomer: ebru\n"
            "Agent: Thanks!",
            "en",
            "ebru",
        ),
        (
            "[10:02] Agent: Can I take your name and postcode?\n[10:03] Visitor: wanjiru, LS6 2AB",
            "en",
            "wanjiru",
        ),
        ("Agent: Mit wem spreche ich?\nKunde: jörg-uwe", "de", "jörg-uwe"),
        ("Medewerker: Met wie spreek ik?\nKlant: ik ben sietske de boer", "nl", "sietske de boer"),
        ("I paid with 4111 1111 1111 1111, name on card ayodele okafor. thx", "en", "okafor"),
    ],
)
def test_names_in_a_name_slot_in_lower_case(
    redactor: PIIRedactor, text: str, lang: str, value: str
) -> None:
    assert whole(redactor, text, lang, value, "PERSON")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Agent: Can I have your name please?\nCustomer: why do you need it?", "en"),
        ("Agent: What is your order number?\nCustomer: sure one sec", "en"),
        ("Agent: Wie ist Ihr Name?\nKunde: moment bitte", "de"),
        ("the name on card doesnt match.", "en"),
        ("name on the booking is wrong spelling.", "en"),
    ],
)
def test_no_name_in_a_name_slot_without_one(redactor: PIIRedactor, text: str, lang: str) -> None:
    assert not any(s.type == "PERSON" for s in redactor.find(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        (
            "[09:01] Driver: outside now\n[09:02] Me: coming\n[09:05] Driver: left it in the porch",
            "en",
            "Driver",
        ),
        ("[14:02] Courier: parcel here\n[14:05] Courier: done", "en", "Courier"),
        ("She sold the car in Jan and kept the papers.", "en", "Jan"),
        ("Wir sind seit Juli 2024 Kunden.", "de", "Juli"),
        ("Reply Y to confirm.\nMon 09:20 — Y. Its the blue door", "en", "Its"),
        ("Die Kamera OttoCam 360 verliert die Verbindung.", "de", "Otto"),
        ("Ik heb een Bosch boormachine gekocht en hij doet het niet.", "nl", "Bosch"),
        ("Meine Bosch WAN28281 pumpt nicht ab.", "de", "Bosch"),
    ],
)
def test_look_alikes_are_no_name(redactor: PIIRedactor, text: str, lang: str, value: str) -> None:
    assert not covered(redactor, text, lang, value, ("PERSON",))


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Mr Ford called about the lease.", "en", "Ford"),
        ("Anna Braun schrieb uns gestern.", "de", "Anna Braun"),
        ("Ik sprak met Jan de Vries van de administratie.", "nl", "Jan de Vries"),
    ],
)
def test_people_with_those_names_stay(
    redactor: PIIRedactor, text: str, lang: str, value: str
) -> None:
    assert covered(redactor, text, lang, value, ("PERSON",))


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Notiz: Kunde Hans-Jürgen Pohlmann hat zweimal angerufen.", "de", "Hans-Jürgen Pohlmann"),
        (
            "Gesprek gehad, klant Annelies Kuipers wil een terugbelverzoek.",
            "nl",
            "Annelies Kuipers",
        ),
        ("Ik kom vrijdag langs. Houdoe, Toon van Gils", "nl", "Toon van Gils"),
        ("Thanks for sorting it.\nTake care, Bronwen Pryce", "en", "Bronwen Pryce"),
        ("Guten Tag, ich bin Nguyễn Thị Lan vom Blumenladen am Markt.", "de", "Nguyễn Thị Lan"),
        ("Parcel to reception, ask for yusuf at the desk.", "en", "yusuf"),
    ],
)
def test_names_after_more_cues(redactor: PIIRedactor, text: str, lang: str, value: str) -> None:
    assert whole(redactor, text, lang, value, "PERSON")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kunde Hotline Anruf: Rückruf erwünscht.", "de"),
        ("Klant Tevredenheid Onderzoek 2024 is verstuurd.", "nl"),
        ("Houdoe! Nieuw adres volgt later.", "nl"),
        ("Moin! Bin der Nachbar von gegenüber.", "de"),
        ("POST /hooks HTTP/1.1\nX-Signature: t=1716200000\nX-Request-ID: 7f3a", "en"),
        ("Taken care of, no fee this time.", "en"),
        ("Ich bin Senior Engineer im Plattform-Team.", "de"),
        ("Please ask for help at the desk, or speak to an agent.", "en"),
    ],
)
def test_no_name_after_those_cues_without_one(redactor: PIIRedactor, text: str, lang: str) -> None:
    assert not any(s.type == "PERSON" for s in redactor.find(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "value", "kind"),
    [
        ("Hallo, hjir is Gerben van Leeuwarderstrjitte 14, de ketel is stuk.", "nl",
         "Leeuwarderstrjitte 14", "ADDRESS"),
        ("Melding van de bewoner van Prinsengracht 263-III, lekkage.", "nl",
         "Prinsengracht 263-III", "ADDRESS"),
        ("Nieuw adres: Overtoom 4-hs, graag aanpassen.", "nl", "Overtoom 4-hs", "ADDRESS"),
        ("Rua Oscar Freire, 900, apto 12, São Paulo – SP, 01426-001.", "en", "01426-001",
         "POSTCODE"),
        ("Vendor W-9: EIN 52-1847365, Austin TX.", "en", "52-1847365", "TAX_ID"),
        ("USt-IdNr.: DE 811 569 869", "de", "DE 811 569 869", "TAX_ID"),
    ],
)  # fmt: skip
def test_addresses_and_tax_ids_of_these_shapes(
    redactor: PIIRedactor, text: str, lang: str, value: str, kind: str
) -> None:
    assert covered(
        redactor, text, lang, value, (kind, "POSTCODE") if kind == "ADDRESS" else (kind,)
    )


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Versie 4-III van de app crasht bij het opstarten.", "nl", "Versie 4-III"),
        ("Fase 2-III van het project start in mei.", "nl", "Fase 2-III"),
        ("Renewal is on 3 Nov. Aged 71, wants the letter by post.", "en", "3 Nov. Aged 71"),
        ("Order 12-3456789 arrived broken.", "en", "12-3456789"),
    ],
)
def test_look_alikes_are_no_address_or_tax_id(
    redactor: PIIRedactor, text: str, lang: str, value: str
) -> None:
    assert not covered(redactor, text, lang, value, ("ADDRESS", "POSTCODE", "TAX_ID", "PHONE"))


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        (
            "HALLO IK BEN PIETER DE GROOT EN IK WIL MIJN ABONNEMENT OPZEGGEN",
            "nl",
            "PIETER DE GROOT",
        ),
        ("GUTEN TAG, ICH BIN KARL-HEINZ MÜLLER UND HABE EIN PROBLEM", "de", "KARL-HEINZ MÜLLER"),
        ("MY NAME IS JOHN O'REILLY AND I WANT A REFUND", "en", "JOHN O'REILLY"),
        ("my name is WIDODO, I only have one name", "en", "WIDODO"),
    ],
)
def test_names_in_capitals_after_an_introduction(
    redactor: PIIRedactor, text: str, lang: str, value: str
) -> None:
    start = text.index(value)
    spans = [s for s in redactor.find(text, lang) if s.type == "PERSON"]
    assert any(s.start == start and s.end == start + len(value) for s in spans), spans


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("First name: NONE\nLast name: UNKNOWN", "en"),
        ("Surname: NOT PROVIDED", "en"),
        ("Vorname: KEINE ANGABE\nNachname: unbekannt", "de"),
        ("Achternaam: ONBEKEND\nVoornaam: n.v.t.", "nl"),
        ("ICH BIN SEHR SAUER ÜBER DIE LIEFERUNG", "de"),
        ("I AM VERY ANGRY WITH YOUR SERVICE", "en"),
    ],
)
def test_placeholders_and_shouting_are_no_name(redactor: PIIRedactor, text: str, lang: str) -> None:
    assert not any(s.type == "PERSON" for s in redactor.find(text, lang))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mijn 06 is 12345678, bel gerust na vijven.", True),
        ("Bereikbaar op m'n 06: 61 23 45 78.", True),
        ("Mijn 06 is kapot gevallen, kan ik een nieuwe krijgen?", False),
        ("Bestelling 06 is 12345678 euro waard?", False),
    ],
)
def test_a_dutch_mobile_named_by_its_prefix(redactor: PIIRedactor, text: str, found: bool) -> None:
    assert any(s.type == "PHONE" for s in redactor.find(text, "nl")) is found


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("kunt u me terug... nul zes een twee drie vier vijf zes zeven acht, dank", "nl", True),
        ("Also, null eins sieben sechs, zwei drei vier fünf sechs sieben acht.", "de", True),
        ("it's oh seven seven double oh nine double oh one two three", "en", True),
        ("oh no, one two three four times it failed", "en", False),
        ("count: zero, one, two, three, four, five, six, seven", "en", False),
        ("the field is null and one two three were skipped", "en", False),
    ],
)
def test_a_number_read_out_from_its_trunk_zero(
    redactor: PIIRedactor, text: str, lang: str, found: bool
) -> None:
    assert any(s.type == "PHONE" for s in redactor.find(text, lang)) is found
