"""Action claims, round 5 (issue 16, item 4): the recall net for changes made with verbs the
action tables do not name (claims_generic.py), tools the tables do not know, customer details
(e-mail, phone, address) and objects that are not order ids (phone numbers, card endings).

The German and Dutch sentences were written for this project (not taken from real tickets).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supportllm.guard.claims import find_claims, ledger, violations
from supportllm.guard.eval_claims import evaluate_claims
from tests.claims_convo import convo

DATA = Path(__file__).parent / "data" / "guard" / "claims"
OK = '{"status": "ok"}'
FAILED = '{"status": "error", "error": "not permitted"}'


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("Your train ticket has been exchanged for the 9:15 service.", "en"),
        ("I've reassigned your device to the family plan.", "en"),
        ("Swapped your SIM to the new eSIM profile.", "en"),
        ("You've been removed from the waiting list.", "en"),
        ("Ihre Reservierung wurde auf Samstag, 19:00 Uhr, umgelegt.", "de"),
        ("Wir haben Ihre Rufnummer zu uns portiert.", "de"),
        ("Je reservering is omgezet naar zaterdag.", "nl"),
        ("Ik heb je toestel losgekoppeld van je account.", "nl"),
    ],
)
def test_a_change_with_an_unlisted_verb_and_no_call_is_a_violation(reply: str, lang: str) -> None:
    found = violations(reply, convo(), lang=lang)
    assert found, reply
    assert "state-changing" in found[0].reason or found[0].claim.action != "changed"


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("I've looked at your account and everything is in order.", "en"),
        ("I see you've swapped your SIM yourself - great!", "en"),
        ("Your ticket was exchanged by the station on 3 May.", "en"),
        ("Would you like me to reassign your device?", "en"),
        ("Once you've confirmed, I'll swap your SIM.", "en"),
        ("Ich habe mir Ihr Kundenkonto angesehen.", "de"),
        ("Soll ich Ihre Reservierung auf Samstag umlegen?", "de"),
        ("Ik heb je account bekeken en alles klopt.", "nl"),
        ("Your plan includes unlimited calls.", "en"),
    ],
)
def test_looking_asking_and_reports_are_no_change(reply: str, lang: str) -> None:
    assert violations(reply, convo(), lang=lang) == []


def test_a_tool_the_tables_do_not_know_backs_a_change_sharing_its_words() -> None:
    reply = "Your train ticket has been exchanged for the 9:15 service."
    assert violations(reply, convo(("rebook_ticket", {"ticket": "T-1"}, OK))) == []
    failed = violations(reply, convo(("rebook_ticket", {"ticket": "T-1"}, FAILED)))
    assert failed and "rebook_ticket" in failed[0].reason


def test_with_no_tool_name_matching_any_successful_change_backs_it_but_a_lookup_does_not() -> None:
    reply = "Ihre Reservierung wurde auf Samstag umgelegt."
    assert violations(reply, convo(("move_booking", {"id": "B-1"}, OK)), lang="de") == []
    assert violations(reply, convo(("get_booking", {"id": "B-1"}, OK)), lang="de")


def test_unknown_tools_are_not_in_the_ledger() -> None:
    assert ledger(convo(("rebook_ticket", {}, OK)), {}) == []


def test_a_change_of_two_details_needs_a_call_for_each() -> None:
    reply = "Ich habe Ihre E-Mail-Adresse und Ihre Telefonnummer aktualisiert."
    one = convo(("update_email", {"email": "a@b.de"}, OK))
    assert violations(reply, one, lang="de")
    both = convo(("update_email", {"email": "a@b.de"}, OK), ("update_phone", {"phone": "0301"}, OK))
    assert violations(reply, both, lang="de") == []
    assert violations(reply, convo(("update_account", {}, OK)), lang="de") == []


def test_a_new_detail_value_is_an_account_update() -> None:
    reply = "Your login email is now sam@example.org."
    assert violations(reply, convo(("update_email", {"email": "x"}, FAILED)))
    assert violations(reply, convo(("update_email", {"email": "sam@example.org"}, OK))) == []


def test_phone_numbers_are_no_order_ids_and_card_endings_are_compared() -> None:
    phone = "The contact number on your account is now +44 7911 123456."
    assert violations(phone, convo(("update_phone", {"phone": "+447911123456"}, OK))) == []
    card = "The card ending 4471 has been removed from your wallet."
    assert violations(card, convo(("remove_card", {"card_last4": "4471"}, OK))) == []
    assert violations(card, convo(("remove_card", {"card_last4": "4417"}, OK)))


def test_amounts_coordinated_after_the_verb_are_compared() -> None:
    reply = "I've refunded €10.00 for the item and €3.50 for the postage."
    assert violations(reply, convo(("refund_order", {"order_id": "A-1", "amount": 10.0}, OK)))


def test_a_german_date_does_not_end_the_sentence() -> None:
    claims = find_claims("Ihr Vertrag wurde zum 31.08. gekündigt.", "de")
    assert [c.action for c in claims] == ["cancel_subscription"]


def test_dev_v5_probe() -> None:
    rows = [json.loads(x) for x in (DATA / "dev_v5.jsonl").read_text().splitlines() if x]
    report = evaluate_claims(rows)["overall"]
    assert report["recall"] >= 0.9
    assert report["fpr"] == 0.0
