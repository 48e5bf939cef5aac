"""PII guard: what a user of the gateway notices - personal data gone from what is written,
placeholders mapped back, ordinary ticket text left alone. The German/Dutch/English tickets in
tests/data/guard/pii/ were written by hand (see the README there)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.eval_pii import evaluate_pii, load_pii_file, looks_like_pii_line
from supportllm.guard.pii import PIIRedactor, Placeholders, redact_json

DATA = Path(__file__).parent / "data/guard/pii"
PRESIDIO = Path(__file__).resolve().parents[2] / "shared/data/pii-synthetic"


@pytest.fixture(scope="module")
def redactor() -> PIIRedactor:
    return PIIRedactor(PIIGuardSettings())


GERMAN = (
    "Guten Tag, mein Name ist Thorsten Kniebühler, geboren am 14.02.1979. IBAN "
    "DE60 1396 2459 5711 7777 41, Steuer-ID 47 769 382 156. Rückruf unter 0171 2345678. "
    "Neue Anschrift: Lindenstraße 14a, 10115 Berlin.\nMit freundlichen Grüßen\nThorsten Kniebühler"
)


def test_german_ticket_is_redacted_by_type(redactor: PIIRedactor) -> None:
    out = redactor.redact(GERMAN, "de")
    for secret in ("Kniebühler", "14.02.1979", "DE60", "47 769", "0171", "Lindenstraße", "10115"):
        assert secret not in out
    for label in ("<PERSON>", "<DATE_OF_BIRTH>", "<IBAN>", "<DE_TAX_ID>", "<PHONE>", "<ADDRESS>"):
        assert label in out
    assert "Guten Tag" in out and "Rückruf unter" in out


def test_dutch_bsn_and_postcode(redactor: PIIRedactor) -> None:
    text = "Mijn BSN is 504000883 en ik woon op Keizersgracht 123-2, 1015 CJ Amsterdam."
    spans = {s.type: s.text for s in redactor.find(text, "nl")}
    assert spans["BSN"] == "504000883"
    # The address block is one span: street, number, postcode and town.
    assert spans["ADDRESS"] == "Keizersgracht 123-2, 1015 CJ Amsterdam"
    assert redactor.find("Postcode: 1015 CJ", "nl")[0].type == "POSTCODE"


def test_check_digits_decide(redactor: PIIRedactor) -> None:
    """A number that fails its checksum is no IBAN/card/BSN: an order id stays readable."""
    ok = redactor.find("IBAN NL47 INGB 0018 2633 04, card 4526 0181 5908 3012")
    assert [s.type for s in ok] == ["IBAN", "CARD"]
    bad = redactor.find("IBAN NL48 INGB 0018 2633 04, card 4526 0181 5908 3013, bsn 504000884")
    assert [s.type for s in bad if s.type in ("IBAN", "CARD", "BSN")] == []


def test_hard_negatives_stay(redactor: PIIRedactor) -> None:
    text = (
        "Bestellung 2024-113377 vom 03.05.2024, Version 3.14.2 (build 1.2.3.4), 1.199,00 €, "
        "Ticket #88412 um 14:30. Der Router Speedport Smart 4 und die Rechnung RE-77812."
    )
    assert redactor.find(text, "de") == []


def test_an_ip_after_a_word_ending_in_ver_is_still_an_ip(redactor: PIIRedactor) -> None:
    """'version 1.2.3.4' is a version number, but 'server 192.0.2.155' is an address (the
    version cue once matched the end of 'server')."""
    for text in ("Our server 192.0.2.155 is down", "Onze server 198.51.100.240 krijgt fouten"):
        assert [s.type for s in redactor.find(text)] == ["IP"], text
    assert redactor.find("firmware version 10.2.3.4 crashes") == []


def test_pseudonymize_round_trip(redactor: PIIRedactor) -> None:
    ph = Placeholders()
    text = "Hi, I'm Margaret Oyelaran, call me on (415) 555-2671.\nThanks,\nMargaret Oyelaran"
    masked = redactor.pseudonymize(text, ph, "en")
    assert "Oyelaran" not in masked and masked.count("<PERSON_1>") == 2
    assert "<PHONE_1>" in masked
    reply = "Dear <PERSON_1>, we will call <PHONE_1> today. <UNKNOWN_9> stays."
    assert ph.restore(reply) == (
        "Dear Margaret Oyelaran, we will call (415) 555-2671 today. <UNKNOWN_9> stays."
    )
    assert ph.restore(masked) == text


def test_redact_json_audit_content(redactor: PIIRedactor) -> None:
    content = {
        "messages": [{"role": "user", "content": "My email is anna.k@example.org"}],
        "reply": "Thanks Anna Kowalski, we wrote to anna.k@example.org.",
        "tokens": 12,
    }
    out = redact_json(content, redactor)
    dumped = json.dumps(out)
    assert "example.org" not in dumped and "Kowalski" not in dumped
    assert out["tokens"] == 12 and out["messages"][0]["role"] == "user"


def test_settings_select_types_and_disable() -> None:
    only_mail = PIIRedactor(PIIGuardSettings(types=["EMAIL"]))
    out = only_mail.redact("Anna Schmidt, anna@example.org, 0171 2345678")
    assert out == "Anna Schmidt, <EMAIL>, 0171 2345678"
    off = PIIRedactor(PIIGuardSettings(enabled=False))
    assert off.redact("anna@example.org") == "anna@example.org"


def test_ner_setting_names_the_missing_model() -> None:
    redactor = PIIRedactor(PIIGuardSettings(use_ner=True, ner_model="no_such_pipeline_xyz"))
    with pytest.raises(RuntimeError, match=r"no_such_pipeline_xyz|spaCy"):
        redactor.find("Anna Schmidt", "en")


def test_empty_and_huge_messages(redactor: PIIRedactor) -> None:
    assert redactor.redact("") == ""
    huge = ("Bitte prüfen Sie Bestellung 4711. " * 3000) + "Kontakt: anna@example.org"
    t0 = time.perf_counter()
    out = redactor.redact(huge, "de")
    assert time.perf_counter() - t0 < 5
    assert out.endswith("Kontakt: <EMAIL>")
    digits = "1234567890 " * 5000  # many digit runs: no quadratic blow-up
    t0 = time.perf_counter()
    redactor.find(digits)
    assert time.perf_counter() - t0 < 5


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_targets_on_hand_written_tickets(redactor: PIIRedactor, split: str) -> None:
    result = evaluate_pii(load_pii_file(DATA / f"{split}.jsonl"), redactor)
    assert result["overall"]["precision"] >= 0.95
    assert result["overall"]["false_positive_rate"] == 0.0
    for lang in ("en", "de", "nl"):
        row = result["by_language"][lang]["overall"]
        assert row["recall"] >= 0.85, (lang, row)
        for kind in ("EMAIL", "PHONE", "IBAN", "CARD", "BSN", "IP", "DE_TAX_ID"):
            if kind in result["by_language"][lang]["types"]:
                assert result["by_language"][lang]["types"][kind]["recall"] == 1.0, (lang, kind)


def test_presidio_synthetic_structured_types(redactor: PIIRedactor) -> None:
    path = PRESIDIO / "synth_dataset_v2.first1000.json"
    if not path.exists():
        pytest.skip("../shared/data/pii-synthetic is not here")
    assert looks_like_pii_line(path.read_text(encoding="utf-8")[:200].splitlines()[0])
    result = evaluate_pii(load_pii_file(path), redactor)
    types = result["by_type"]
    for kind in ("EMAIL", "IBAN", "CARD", "IP"):
        assert types[kind]["recall"] >= 0.98, kind
    assert types["PHONE"]["recall"] >= 0.95
    assert types["PERSON"]["recall"] >= 0.75 and types["PERSON"]["precision"] >= 0.9
    assert result["overall"]["precision"] >= 0.9


def test_format_recognised_from_one_line() -> None:
    first = (DATA / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert looks_like_pii_line(first)
    assert not looks_like_pii_line('{"text": "hi", "label": 1}')
    assert not looks_like_pii_line("not json")


@pytest.mark.parametrize(
    ("text", "lang", "kind", "value"),
    [
        ("Ik heb mijn BSN al doorgegeven (120938479), maar", "nl", "BSN", "120938479"),
        ("I paid with my mum's card (5423 1099 8877 6651) by accident", "en", "CARD",
         "5423 1099 8877 6651"),
        ("Bel mijn buurman (06 1234 5678) als ik er niet ben", "nl", "PHONE", "06 1234 5678"),
        ("Call the office on (020) 555 1234 please", "en", "PHONE", "(020) 555 1234"),
    ],
)  # fmt: skip
def test_numbers_in_parentheses_are_found_without_the_parenthesis(
    redactor: PIIRedactor, text: str, lang: str, kind: str, value: str
) -> None:
    assert (kind, value) in [(s.type, s.text) for s in redactor.find(text, lang)]


def test_common_type_spellings_in_a_labelled_file_are_scored_as_ours(
    redactor: PIIRedactor, tmp_path: Path
) -> None:
    text = "Meine Steuer-ID ist 86095742719, geboren am 14.03.1985."
    start, dob = text.index("86095742719"), text.index("14.03.1985")
    spans = [{"start": start, "end": start + 11, "type": "TAX_ID"},
             {"start": dob, "end": dob + 10, "type": "DOB"}]  # fmt: skip
    path = tmp_path / "aliases.jsonl"
    path.write_text(json.dumps({"text": text, "spans": spans, "lang": "de"}) + "\n")
    by_type = evaluate_pii(load_pii_file(path), redactor)["by_type"]
    # a gold TAX_ID is any tax number: our DE_TAX_ID (the checked Steuer-ID) counts for it
    assert by_type["TAX_ID"]["recall"] == 1.0, by_type
    assert by_type["DATE_OF_BIRTH"]["recall"] == 1.0 and "DOB" not in by_type, by_type


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Producer Liviana Palerma explained the delay to us.", "Liviana Palerma"),
        ("I spent a year as the assistant to Asya Godina at the Berlin office.", "Asya Godina"),
        ("Weronika Martinsen will be talking to your team tomorrow.", "Weronika Martinsen"),
        ("The company was founded by Kónya, Becker and Vasquez in 2004.", "Vasquez"),
        ("What's your last name? Magnusson", "Magnusson"),
        ("Der Techniker Jens Oberdörfer kommt am Montag.", "Jens Oberdörfer"),
        ("De monteur Willemijn ten Pas belde gisteren.", "Willemijn ten Pas"),
    ],
)
def test_names_without_a_greeting_are_found(redactor: PIIRedactor, text: str, name: str) -> None:
    assert name in [s.text for s in redactor.find(text, None)], redactor.find(text, None)


@pytest.mark.parametrize(
    "text",
    [
        "Der Router Speedport Smart 4 zeigt seit dem Update einen Fehler.",
        "You can host a site on GitHub Pages or try StackEdit in Chrome.",
        "Our office is at Johnson Street, next to the Becker Hotel.",
        "Microsoft Teams and Google Drive stopped syncing after the update.",
    ],
)
def test_product_street_and_company_names_stay(redactor: PIIRedactor, text: str) -> None:
    assert [s for s in redactor.find(text, None) if s.type == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi, this is Adaeze Nwosu. My parcel never arrived.", "Adaeze Nwosu"),
        ("I'm Tomasz Wiśniewski, customer since 2018, and my card was charged twice.",
         "Tomasz Wiśniewski"),
        ("Please call me back. Thanks, Siobhan MacAllister", "Siobhan MacAllister"),
        ("Kind regards, Declan O'Donnell", "Declan O'Donnell"),
        ("Hier ist Mehmet Yılmaz, meine Rechnung stimmt nicht.", "Mehmet Yılmaz"),
        ("Ik ben Priya Raghunathan en mijn pas is geblokkeerd.", "Priya Raghunathan"),
        ("Contact: Wei Zhang, w.zhang@example.com", "Wei Zhang"),
    ],
)  # fmt: skip
def test_a_self_introduced_full_name_is_found_without_the_gazetteer(
    redactor: PIIRedactor, text: str, name: str
) -> None:
    """Names of every origin: after "this is", "I'm", a sign-off or "Contact:", a first name
    and a surname are a name even when neither is in the lists; MacLeod and O'Donnell are
    one word each."""
    assert name in [s.text for s in redactor.find(text, None)], redactor.find(text, None)


@pytest.mark.parametrize(
    "text",
    [
        "I'm Happy With The Service, thank you.",
        "This is Microsoft Teams.",
        "Thanks Team Support!",
        "Hier ist Kundenservice Berlin.",
    ],
)
def test_an_introduction_without_a_name_stays(redactor: PIIRedactor, text: str) -> None:
    assert [s for s in redactor.find(text, None) if s.type == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Please update my National Insurance number to JT 48 29 17 C.", "JT 48 29 17 C"),
        ("NI: PW123456B", "PW123456B"),
        ("Our company VAT ID is GB219447182.", "GB219447182"),
        ("Ich bin ZZP'er, mijn btw-identificatienummer is NL001234567B47", "NL001234567B47"),
        ("Unsere USt-IdNr. lautet DE 123456789, bitte auf die Rechnung.", "DE 123456789"),
        ("Meine Steuernummer für die Rechnung lautet 143/215/50336.", "143/215/50336"),
        ("My Unique Taxpayer Reference is 84172 39156.", "84172 39156"),
    ],
)
def test_other_tax_numbers_are_tax_ids(redactor: PIIRedactor, text: str, number: str) -> None:
    assert [(s.type, s.text) for s in redactor.find(text)] == [("TAX_ID", number)]


@pytest.mark.parametrize(
    "text",
    [
        "Order AB 12 34 56 C has not arrived.",  # an order code shaped like an NI number
        "The product code GB219447182 is printed on the box.",  # no VAT word before it
        "Invoice 143/215/50336 is attached.",  # no tax-number word before it
        "My NI number is QQ 12 34 56 C",  # HMRC's example prefix is never issued
    ],
)
def test_tax_number_shapes_without_their_cue_stay(redactor: PIIRedactor, text: str) -> None:
    assert [s.type for s in redactor.find(text) if s.type == "TAX_ID"] == []


def test_an_iban_of_the_wrong_length_that_passes_mod_97_is_redacted(
    redactor: PIIRedactor,
) -> None:
    # German IBANs have 22 characters; this one has 24 (a typo or a made-up example) but its
    # mod-97 check holds, so it is an account number to redact; the word after it is not part
    text = "Bitte auf IBAN DE29 3704 0044 0532 0130 0078 bitte überweisen."
    assert [(s.type, s.text) for s in redactor.find(text)] == [
        ("IBAN", "DE29 3704 0044 0532 0130 0078")
    ]
    broken = "Bitte auf IBAN DE29 3704 0044 0532 0130 0079 überweisen."  # mod-97 fails
    assert [s for s in redactor.find(broken) if s.type == "IBAN"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("eyy kannst du die lieferung an meinen kumpel jonas schicken?", "jonas"),
        ("my bf ciaran bought the tickets on my card", "ciaran"),
        ("De huur staat op naam van Jerrel Pinas, geb. 17-09-1990.", "Jerrel Pinas"),
        ("Naam op kaart: D. Ramcharan. Graag de borg terug.", "D. Ramcharan"),
        ("nieuwe is 06-41238890.\ngroetjes, fenna", "fenna"),
        ("Ik ben zijn dochter, Jantsje.", "Jantsje"),
    ],
)
def test_names_after_relations_name_cues_and_casual_sign_offs(
    redactor: PIIRedactor, text: str, name: str
) -> None:
    assert name in [s.text for s in redactor.find(text) if s.type == "PERSON"]


def test_a_name_that_is_also_a_word_is_not_taken_in_lower_case(redactor: PIIRedactor) -> None:
    text = "it suggests myself, my gf, my sister and my closest friends first"
    assert [s for s in redactor.find(text, "en") if s.type == "PERSON"] == []


def test_the_round_15_fresh_set_holds_its_scores(redactor: PIIRedactor) -> None:
    """heldout_v23: written blind in round 15, scored once after the last PII change (P 0.981,
    R 0.971; every structured type found in all three languages). Floors a little under."""
    result = evaluate_pii(load_pii_file(DATA / "heldout_v23.jsonl"), redactor)
    assert result["overall"]["precision"] >= 0.96
    assert result["overall"]["recall"] >= 0.95
    for lang in ("en", "de", "nl"):
        types = result["by_language"][lang]["types"]
        for kind in ("EMAIL", "PHONE", "IBAN", "CARD", "BSN", "IP"):
            if kind in types:
                assert types[kind]["recall"] == 1.0, (lang, kind)
        assert types["PERSON"]["recall"] >= 0.85, lang


def test_the_round_16_fresh_set_meets_the_targets(redactor: PIIRedactor) -> None:
    """heldout_v24: written blind in round 16, scored once (P 0.993, R 0.985; names R >= 0.98 and
    P >= 0.98 in every language; every structured type found). Floors at the issue's targets."""
    result = evaluate_pii(load_pii_file(DATA / "heldout_v24.jsonl"), redactor)
    assert result["overall"]["precision"] >= 0.97
    assert result["overall"]["recall"] >= 0.97
    for lang in ("en", "de", "nl"):
        types = result["by_language"][lang]["types"]
        for kind in ("EMAIL", "PHONE", "IBAN", "CARD", "BSN", "IP"):
            if kind in types:
                assert types[kind]["recall"] >= 0.98, (lang, kind)
        assert types["PERSON"]["recall"] >= 0.85, lang
        assert types["PERSON"]["precision"] >= 0.90, lang
        assert types["ADDRESS"]["recall"] >= 0.85, lang
