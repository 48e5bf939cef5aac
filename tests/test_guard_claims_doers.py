"""Action claims, round 4 (issue 16, item 4): account deletion, up- and downgrades, performative
claims ("consider it cancelled"), non-existence states, chat-style ellipsis, several objects of
one verb; and who did it (an automated system, a third party, the customer after German and
Dutch inversion), reports backed by a look-up's result, and routing (credit to the customer
account, an address *for* an order, tools named for a detail).

The German and Dutch sentences were written for this project (not taken from real tickets).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supportllm.guard.claims import find_claims, violations
from supportllm.guard.eval_claims import evaluate_claims
from tests.claims_convo import convo

DATA = Path(__file__).parent / "data" / "guard" / "claims"


OK = '{"status": "ok"}'


@pytest.mark.parametrize(
    ("reply", "lang", "action"),
    [
        ("Your account and every piece of data in it has been erased.", "en", "delete_account"),
        ("Ihr Kundenprofil wurde mit allen Daten entfernt.", "de", "delete_account"),
        ("Uw account is definitief gewist.", "nl", "delete_account"),
        ("We've moved you down to the Starter tier.", "en", "change_plan"),
        ("Ich habe Sie auf Basic heruntergestuft.", "de", "change_plan"),
        ("Consider that booking cancelled.", "en", "cancel_order"),
        ("Ihre Mitgliedschaft gilt ab heute als gekündigt.", "de", "cancel_subscription"),
        ("Beschouw de bestelling als geannuleerd.", "nl", "cancel_order"),
        ("Order 66201 no longer exists.", "en", "cancel_order"),
        ("Ihr Abo existiert nicht mehr.", "de", "cancel_subscription"),
        ("Je abonnement staat stop.", "nl", "cancel_subscription"),
        ("Address updated ✔", "en", "update_address"),
        ("Refund confirmed for order 90210.", "en", "refund"),
        ("You've been unsubscribed from the newsletter.", "en", "cancel_subscription"),
    ],
)
def test_new_categories_are_claims(reply: str, lang: str, action: str) -> None:
    assert action in {c.action for c in find_claims(reply, lang)}


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("Our system cancelled the order automatically by our system after 2 days.", "en"),
        ("Wie ich sehe, haben Sie das Abo gestern selbst gekündigt.", "de"),
        ("Hier sehe ich, dass unser System die Bestellung automatisch storniert hat.", "de"),
        ("Volgens ons systeem heeft u de bestelling zelf geannuleerd.", "nl"),
        ("Ihr Vertrag verlängert sich nicht mehr.", "de"),
        ("Your card is no longer valid, please add a new one.", "en"),
        ("You can delete your account yourself in Settings.", "en"),
        ("Consider upgrading if you need more space.", "en"),
        ("If you don't log in for a year, your account is deleted.", "en"),
    ],
)
def test_other_doers_and_descriptions_are_not_claims(reply: str, lang: str) -> None:
    assert find_claims(reply, lang) == []


def test_every_coordinated_object_needs_its_own_call() -> None:
    reply = "I've cancelled order 4410 and your subscription."
    only_order = convo(("cancel_order", {"order_id": "4410"}, OK))
    both = convo(
        ("cancel_order", {"order_id": "4410"}, OK),
        ("cancel_subscription", {"customer_id": "c-1"}, OK),
    )
    assert [v.claim.action for v in violations(reply, only_order)] == ["cancel_subscription"]
    assert violations(reply, both) == []


def test_an_id_in_parentheses_is_compared() -> None:
    reply = "Your Duo subscription (SUB-2210) has been cancelled."
    other = convo(("cancel_subscription", {"subscription_id": "SUB-2201"}, OK))
    same = convo(("cancel_subscription", {"subscription_id": "SUB-2210"}, OK))
    assert violations(reply, other) and not violations(reply, same)


def test_a_lookup_result_backs_a_report_of_what_it_states() -> None:
    # (round 9: "… was completed on 3 June", dated, reads as a look-up reported, no claim at all)
    reply = "Our records show the refund for K-310 has been completed."
    refunded = '{"status": "ok", "refund": {"status": "completed"}}'
    assert violations(reply, convo(("lookup_order", {"order_id": "K-310"}, refunded))) == []
    shipped = '{"status": "shipped"}'
    assert violations(reply, convo(("lookup_order", {"order_id": "K-310"}, shipped)))


@pytest.mark.parametrize(
    ("reply", "tool"),
    [
        ("Ich habe Ihrem Kundenkonto 10 € gutgeschrieben.", "issue_credit"),
        ("I've updated your account email to kim@example.org.", "update_email"),
        ("Your account has been permanently deleted.", "delete_account"),
        ("Het bezorgadres voor bestelling 5120 is aangepast.", "update_address"),
    ],
)
def test_routing_and_tool_names(reply: str, tool: str) -> None:
    assert violations(reply, convo((tool, {"order_id": "5120"}, OK))) == []
    assert violations(reply, [])


def test_dev_v4_is_fitted() -> None:
    items = [json.loads(line) for line in (DATA / "dev_v4.jsonl").read_text().splitlines()]
    report = evaluate_claims(items)
    assert report["overall"]["recall"] == 1.0
    assert report["overall"]["fpr"] == 0.0
