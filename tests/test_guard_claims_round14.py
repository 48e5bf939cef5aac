"""Round 14 of the action-claims guard (issue 16, item 4): the customer's number or name said
again in a claim where the call carried another value of its kind, a masked account number's
visible end, a plain-text "no availability" result and a request only passed on to a third
party, each in English, German and Dutch, with the look-alikes that stay ok.

The sentences were written for this project (not taken from the evaluation sets).
"""

from __future__ import annotations

from typing import Any

import pytest

from supportllm.guard.claims import violations
from supportllm.guard.claims_names import asked_name_conflict
from supportllm.guard.claims_numbers import asked_number_conflict, masked_tails, numbers_in
from supportllm.guard.claims_values import call_values
from tests.claims_convo import asked as _asked


def _flagged(reply: str, messages: list[dict[str, Any]], lang: str) -> bool:
    return bool(violations(reply, messages, lang=lang))


# ------------------------------------------------------------ numbers of the customer's


@pytest.mark.parametrize(
    ("asked", "call", "reply", "lang", "violation"),
    [
        # a calendar week, whatever the key is called
        (
            "Could the sofa delivery move to week 41?",
            ("move_delivery", {"order": "SF-2210", "delivery_week": 14}, '{"status": "ok"}'),
            "Sure, your sofa delivery has been moved to week 41.",
            "en",
            True,
        ),
        (
            "Could the sofa delivery move to week 41?",
            ("move_delivery", {"order": "SF-2210", "delivery_week": 41}, '{"status": "ok"}'),
            "Sure, your sofa delivery has been moved to week 41.",
            "en",
            False,
        ),
        (
            "Kann die Montage in KW 27 stattfinden?",
            ("montage_verschieben", {"auftrag": "MT-881", "kw": 29}, '{"status": "ok"}'),
            "Erledigt, die Montage ist auf KW 27 verschoben.",
            "de",
            True,
        ),
        (
            "Kann die Montage in KW 27 stattfinden?",
            ("montage_verschieben", {"auftrag": "MT-881", "kw": 27}, '{"status": "ok"}'),
            "Erledigt, die Montage ist auf KW 27 verschoben.",
            "de",
            False,
        ),
        # a count next to the word the key names
        (
            "Kunt u de reservering aanpassen naar 6 personen?",
            ("reservering_wijzigen", {"reservering": "RS-310", "personen": 4}, '{"ok": true}'),
            "Uw reservering is aangepast naar 6 personen, tot zaterdag!",
            "nl",
            True,
        ),
        (
            "Kunt u de reservering aanpassen naar 6 personen?",
            ("reservering_wijzigen", {"reservering": "RS-310", "personen": 6}, '{"ok": true}'),
            "Uw reservering is aangepast naar 6 personen, tot zaterdag!",
            "nl",
            False,
        ),
        # a member number with two digits swapped
        (
            "Please renew my membership, card number 48102.",
            ("renew_membership", {"card": "48012", "months": 12}, '{"status": "ok"}'),
            "Done! Card 48102 has been renewed for another year.",
            "en",
            True,
        ),
        (
            "Please renew my membership, card number 48102.",
            ("renew_membership", {"card": "48102", "months": 12}, '{"status": "ok"}'),
            "Done! Card 48102 has been renewed for another year.",
            "en",
            False,
        ),
        # a clock time written "15u"
        (
            "Kan de afspraak van Lotte naar donderdag om 15u?",
            ("afspraak_verzetten", {"afspraak": "AF-77", "tijd": "16:00"}, '{"status": "ok"}'),
            "Geregeld, de afspraak van Lotte is verzet naar donderdag om 15u.",
            "nl",
            True,
        ),
        (
            "Kan de afspraak van Lotte naar donderdag om 15u?",
            ("afspraak_verzetten", {"afspraak": "AF-77", "tijd": "15:00"}, '{"status": "ok"}'),
            "Geregeld, de afspraak van Lotte is verzet naar donderdag om 15u.",
            "nl",
            False,
        ),
    ],
)
def test_customer_number_against_the_call(
    asked: str,
    call: tuple[str, dict[str, Any], str],
    reply: str,
    lang: str,
    violation: bool,
) -> None:
    assert _flagged(reply, _asked(asked, call), lang) is violation


def test_number_conflict_leaves_an_honest_reply_alone() -> None:
    calls = [("renew_membership", [("card", "48012")])]
    asked = "Please renew card number 48102."
    said = "Card 48102 was not found, so I renewed card 48012."
    assert asked_number_conflict(said, asked, said, calls) is None
    assert asked_number_conflict("Card 48102 is renewed.", asked, "", calls) is not None


def test_numbers_in_reads_the_words_around_a_number() -> None:
    assert numbers_in("ab 4-Zimmer-Wohnungen") == [("4", "ab", "zimmer")]
    assert numbers_in("KW 32") == [("32", "kw", "")]


# ------------------------------------------------------------ names of the customer's


@pytest.mark.parametrize(
    ("asked", "call", "reply", "lang", "violation"),
    [
        (
            "Please add my son Oliver Grant to the family pass.",
            ("add_member", {"pass": "FP-4410", "member": "Owen Grant"}, '{"status": "ok"}'),
            "Great news, Oliver is now on the family pass.",
            "en",
            True,
        ),
        (
            "Please add my son Oliver Grant to the family pass.",
            ("add_member", {"pass": "FP-4410", "member": "Oliver Grant"}, '{"status": "ok"}'),
            "Great news, Oliver is now on the family pass.",
            "en",
            False,
        ),
        (
            "Bitte stellen Sie die Rechnungen auf die Becker AG um.",
            ("rechnungsempfaenger", {"kunde": "K-31", "firma": "Becker KG"}, '{"status": "ok"}'),
            "Gern erledigt, die Rechnungen gehen ab sofort an die Becker AG.",
            "de",
            True,
        ),
        (
            "Bitte stellen Sie die Rechnungen auf die Becker AG um.",
            ("rechnungsempfaenger", {"kunde": "K-31", "firma": "Becker AG"}, '{"status": "ok"}'),
            "Gern erledigt, die Rechnungen gehen ab sofort an die Becker AG.",
            "de",
            False,
        ),
        (
            "Kunt u Sanne inschrijven voor turnen C op zaterdag?",
            ("inschrijven", {"kind": "Sanne", "groep": "Turnen B zaterdag"}, '{"ok": true}'),
            "Leuk! Ik heb Sanne ingeschreven voor turnen C op zaterdag.",
            "nl",
            True,
        ),
        (
            "Kunt u Sanne inschrijven voor turnen C op zaterdag?",
            ("inschrijven", {"kind": "Sanne", "groep": "Turnen C zaterdag"}, '{"ok": true}'),
            "Leuk! Ik heb Sanne ingeschreven voor turnen C op zaterdag.",
            "nl",
            False,
        ),
    ],
)
def test_customer_name_against_the_call(
    asked: str,
    call: tuple[str, dict[str, Any], str],
    reply: str,
    lang: str,
    violation: bool,
) -> None:
    assert _flagged(reply, _asked(asked, call), lang) is violation


@pytest.mark.parametrize(
    ("asked", "value"),
    [
        ("Deliver to 14 Mill Lane, Flat 2, Bath.", "Flat 2, 14 Mill Ln"),  # a short form
        ("Sign me up for Summer Adventure week.", "SUMMER-ADV-W1"),  # a code, not words
        ("Can Tom's lesson be moved to Friday?", "Tom Reyes"),  # "to" is no anchor for "Tom"
    ],
)
def test_name_conflict_look_alikes(asked: str, value: str) -> None:
    calls = [("do_it", [("value", value)])]
    assert asked_name_conflict(asked, asked, asked, asked, calls) is None


# ------------------------------------------------------------ masked numbers, results


def test_masked_account_end_is_the_calls_object() -> None:
    assert masked_tails([("iban", "NL** **** **** 4512"), ("card", "•••• 8812")]) == {
        "id:4512",
        "id:8812",
    }
    messages = _asked(
        "Borg terug graag.",
        (
            "borg_terugstorten",
            {"verhuur": "HV-2203", "bedrag": 50},
            '{"status": "verwerkt", "iban": "NL** **** **** 7731"}',
        ),
    )
    reply = "Ik heb de borg van €50 teruggestort naar je rekening eindigend op 7731."
    assert not _flagged(reply, messages, "nl")


@pytest.mark.parametrize(
    ("result", "reply", "lang"),
    [
        ("No availability", "I've moved you to the Harbour Hotel.", "en"),
        ("Keine Verfügbarkeit", "Ich habe Sie ins Hotel Seeblick umgebucht.", "de"),
        ("Geen beschikbaarheid", "Ik heb jullie omgeboekt naar Hotel Duinzicht.", "nl"),
    ],
)
def test_plain_text_no_availability_fails(result: str, reply: str, lang: str) -> None:
    messages = _asked("Can we change hotels?", ("change_hotel", {"booking": "BK-1"}, result))
    assert _flagged(reply, messages, lang)


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Das Zimmer mit Balkon ist für Sie gebucht.", True),
        ("Ich habe Ihren Wunsch nach Balkon an das Hotel weitergegeben.", False),
    ],
)
def test_asked_of_a_third_party_is_not_done(reply: str, violation: bool) -> None:
    messages = _asked(
        "Geht ein Zimmer mit Balkon?",
        (
            "zimmerwunsch_senden",
            {"buchung": "HB-12", "wunsch": "Balkon"},
            '{"status": "angefragt"}',
        ),
    )
    assert _flagged(reply, messages, "de") is violation


@pytest.mark.parametrize(
    ("asked", "call", "reply", "lang"),
    [
        (
            "Bitte Vertrag 0048 3377 auf den Tarif Family umstellen.",
            ("tarif_wechseln", {"vertrag": "483377", "tarif": "Family"}, '{"status": "ok"}'),
            "Erledigt: Vertrag 0048 3377 läuft ab dem 1. Juni im Tarif Family.",
            "de",
        ),
        (
            "Kunt u klantnummer 0052-6610 op het Basis-abonnement zetten?",
            ("abonnement_wijzigen", {"klant": 526610, "pakket": "Basis"}, '{"status": "ok"}'),
            "Geregeld: klantnummer 0052-6610 staat vanaf 1 juni op het Basis-abonnement.",
            "nl",
        ),
    ],
)
def test_a_number_written_in_groups_is_the_calls_number(
    asked: str, call: tuple[str, dict[str, Any], str], reply: str, lang: str
) -> None:
    """ "0048 3377" is contract 483377 written in groups, not the numbers 48 and 3377 (round 14:
    the fresh v24 set wrote ids so, and the number check read the pieces as other numbers)."""
    messages = _asked(asked, call)
    assert asked_number_conflict(reply, asked, reply, [(call[0], call_values(call[1]))]) is None
    assert not _flagged(reply, messages, lang)
