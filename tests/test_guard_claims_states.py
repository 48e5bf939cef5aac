"""Action claims beyond "I have <done> it" (issue 16, item 4, round 3): state descriptions, money
back, reversed charges, replacements on their way, elliptical completions and partial success.

The German and Dutch sentences were written for this project (not taken from real tickets).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from supportllm.guard.claims import find_claims, violations
from supportllm.guard.claims_detect import ClaimDetector
from supportllm.guard.eval_claims import evaluate_claims

DATA = Path(__file__).parent / "data" / "guard" / "claims"
# Category examples of the rules on which the learned scorer disagrees (docs/guardrails.md,
# "Limits"): the rules alone are tested on them.
SCORER_DISAGREES = {
    "U heeft het bedrag al terug.",
    "Your account is now empty.",
    "Ein Ersatzgerät ist bereits unterwegs.",  # round 8: vetoed at 0.37 ("bereits": a look-up)
    # round 13: the scorer retrained with writer w27 vetoes it ("already had": the customer's)
    "You've already had the money back.",
}


def convo(*calls: tuple[str, str, bool]) -> list[dict[str, Any]]:
    """A customer message, then one tool call per (tool, order id, succeeded)."""
    messages: list[dict[str, Any]] = [{"role": "user", "content": "Please sort out my orders."}]
    for n, (tool, order_id, ok) in enumerate(calls):
        args = json.dumps({"order_id": order_id})
        messages.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": f"c{n}", "type": "function",
                     "function": {"name": tool, "arguments": args}}
                ],
            }
        )  # fmt: skip
        result = '{"status": "ok"}' if ok else '{"status": "failed"}'
        messages.append({"role": "tool", "tool_call_id": f"c{n}", "content": result})
    return messages


CLAIMS = [
    # a state that reports a change
    ("Your shipping address is now 5 Elm Row, York.", "update_address"),
    ("From today you're on the Premium plan.", "change_plan"),
    ("Ihre Rechnungsadresse lautet jetzt Hauptstraße 2, 80331 München.", "update_address"),
    ("Sie sind ab sofort im Jahrestarif.", "change_plan"),
    ("U zit vanaf vandaag op Gold.", "change_plan"),
    # elliptical and passive completions
    ("Cancellation's done.", "cancel_order"),
    ("Order Q-12 is cancelled.", "cancel_order"),
    ("Refund: done.", "refund"),
    ("Refunded - it should show up in a few days.", "refund"),
    ("Ihr Jahresabo ist beendet.", "cancel_subscription"),
    ("Beide Erstattungen sind durch.", "refund"),
    ("Je weekbox is opgezegd.", "cancel_subscription"),
    # money back
    ("You've already had the money back.", "refund"),
    ("The €20 is back on your card.", "refund"),
    ("Ich habe Ihnen die 15 € zurückgebucht.", "refund"),
    ("Het geld staat weer op uw rekening.", "refund"),
    ("U heeft het bedrag al terug.", "refund"),
    # a reversed charge is a refund
    ("The duplicate payment has been voided.", "refund"),
    ("Die doppelte Lastschrift wurde rückgängig gemacht.", "refund"),
    ("De dubbele afschrijving is teruggedraaid.", "refund"),
    # a replacement on its way
    ("A replacement is on its way to you.", "place_order"),
    ("I've dispatched a new pair in size 42.", "place_order"),
    ("Ein Ersatzgerät ist bereits unterwegs.", "place_order"),
    ("Er is een nieuwe waterkoker naar u onderweg.", "place_order"),
]

NON_CLAIMS = [
    "Your address is currently 5 Elm Row - is that right?",
    "Once you confirm, you're on the Premium plan from today.",
    "Your order is on its way and should arrive on Monday.",
    "Ihre Bestellung ist unterwegs.",
    "Uw pakket is onderweg.",
    "You'll get the money back within five working days.",
    "U krijgt het geld terug zodra wij het artikel hebben ontvangen.",
    "Sie bekommen das Geld in drei Tagen zurück.",
    "Your bank has reversed the charge, so there is nothing left to refund.",
    "Ihre Bank hat die Lastschrift zurückgebucht.",
    "I can send a replacement if you'd prefer one.",
    "Replacements are normally shipped within two days.",
    "From now on, please log in through the new portal.",
    "Your account is now empty.",
    "Did you get the money back?",
]


@pytest.mark.parametrize(("reply", "action"), CLAIMS)
def test_states_money_back_reversals_and_replacements_are_claims(reply: str, action: str) -> None:
    found = ClaimDetector().find(reply) if reply in SCORER_DISAGREES else find_claims(reply)
    assert action in {c.action for c in found}, found


@pytest.mark.parametrize("reply", NON_CLAIMS)
def test_descriptions_futures_offers_and_third_parties_are_not_claims(reply: str) -> None:
    if reply in SCORER_DISAGREES:  # the rules know it; the default's scorer adds it (limits)
        assert ClaimDetector().find(reply) == []
    else:
        assert find_claims(reply) == []


def test_a_replacement_tool_backs_a_replacement_on_its_way() -> None:
    reply = "A replacement for R-21 is on its way to you."
    assert violations(reply, convo()) != []
    assert violations(reply, convo(("issue_replacement", "R-21", True))) == []
    assert violations(reply, convo(("issue_replacement", "R-21", False))) != []


def test_a_reversed_charge_is_backed_by_the_refund_call() -> None:
    reply = "Die doppelte Abbuchung wurde storniert und Ihnen gutgeschrieben."
    assert violations(reply, convo(("refund_order", "H-31", True))) == []
    assert violations(reply, convo()) != []


def test_both_refunds_claimed_when_one_failed_is_a_violation_but_an_honest_report_is_not() -> None:
    partial = convo(("refund_order", "G-1", True), ("refund_order", "G-2", False))
    found = violations("Both refunds have gone through.", partial)
    assert found and "G2" in found[0].reason
    honest = "G-1 is refunded, but the refund for G-2 was declined; please try another card."
    assert violations(honest, partial) == []
    both = convo(("refund_order", "G-1", True), ("refund_order", "G-2", True))
    assert violations("Both refunds have gone through.", both) == []
    retried = convo(("refund_order", "G-1", False), ("refund_order", "G-1", True))
    assert violations("Your refund has been processed.", retried) == []


def test_short_order_ids_are_compared_with_the_call() -> None:
    reply = "The delivery address for S-90 has been changed to 3 Kings Road."
    assert violations(reply, convo(("update_address", "S-90", True))) == []
    wrong = violations(reply, convo(("update_address", "S-19", True)))
    assert wrong and "S90" in wrong[0].reason


def test_the_round_three_development_set_meets_the_target_per_language() -> None:
    items = [json.loads(line) for line in (DATA / "dev_v3.jsonl").read_text().splitlines()]
    report = evaluate_claims(items)
    for lang, scores in report["per_lang"].items():
        assert scores["recall"] >= 0.95 and scores["fpr"] <= 0.02, (lang, scores)
