"""The values a claim names against the values of its tool call (issue 16, item 4, round 10):
another person, seat, house number, plan number, plate, colour or count than the call was made
with is a violation; the same value written another way is not.

The German and Dutch sentences were written for this project (not taken from real tickets).
"""

from __future__ import annotations

from typing import Any

import pytest

from supportllm.guard.claims import violations
from supportllm.guard.claims_values import call_values, value_conflict
from tests.claims_convo import convo

OK = '{"status": "ok"}'


@pytest.mark.parametrize(
    ("reply", "tool", "args", "right", "lang"),
    [
        (
            "Tom Hale is now an authorised driver on contract CW-L-40912.",
            "add_authorised_driver",
            {"contract": "CW-L-40912", "name": "Tim Hale"},
            {"contract": "CW-L-40912", "name": "Tom Hale"},
            "en",
        ),
        (
            "Lea Vogt ist jetzt als Fahrerin eingetragen.",
            "fahrer_hinzufuegen",
            {"name": "Lena Vogt"},
            {"name": "Lea Vogt"},
            "de",
        ),
        (
            "Joris Peeters staat nu als extra bestuurder op uw huurcontract.",
            "bestuurder_toevoegen",
            {"naam": "Joris Pieters"},
            {"naam": "Joris Peeters"},
            "nl",
        ),
        (
            "You're all set, Ruth — you're now in window seat 14A on your flight to Lisbon.",
            "change_seat",
            {"pnr": "MM82QD", "seat": "14C"},
            {"pnr": "MM82QD", "seat": "14A"},
            "en",
        ),
        (
            "Ik heb je stoel omgezet naar 12D aan het gangpad.",
            "stoel_wijzigen",
            {"pnr": "KP2W7R", "stoel": "12F"},
            {"pnr": "KP2W7R", "stoel": "12D"},
            "nl",
        ),
        (
            "The delivery address for LM-22041 is now 21 Elm Road, Bristol BS6 5AJ.",
            "update_delivery_address",
            {"order": "LM-22041", "address": "12 Elm Road, Bristol BS6 5AJ"},
            {"order": "LM-22041", "address": "21 Elm Road, Bristol BS6 5AJ"},
            "en",
        ),
        (
            "Die Lieferadresse ist jetzt Kastanienweg 7a, 04229 Leipzig.",
            "lieferadresse_aendern",
            {"strasse": "Kastanienweg 7", "plz": "04229"},
            {"strasse": "Kastanienweg 7a", "plz": "04229"},
            "de",
        ),
        (
            "Nice one — your broadband is upgraded to Ultra 900 from 13 June.",
            "upgradePackage",
            {"accountNo": "KF-9031177", "package": "ULTRA_500"},
            {"accountNo": "KF-9031177", "package": "ULTRA_900"},
            "en",
        ),
        (
            "Ik heb een bezoekersvergunning aangemaakt voor kenteken 12-ABC-3.",
            "bezoekersvergunning_aanmaken",
            {"kenteken": "12-ACB-3", "zone": "W2"},
            {"kenteken": "12-ABC-3", "zone": "W2"},
            "nl",
        ),
        (
            "A replacement pair of black X2 earbuds is on its way.",
            "send_replacement",
            {"order": "VC-331208", "sku": "EARBUDS-X2-WHT"},
            {"order": "VC-331208", "sku": "EARBUDS-X2-BLK"},
            "en",
        ),
        (
            "I've added three seats to northwind-ops.",
            "subscription.add_seats",
            {"workspace": "northwind-ops", "quantity": 2},
            {"workspace": "northwind-ops", "quantity": 3},
            "en",
        ),
    ],
)
def test_another_value_than_the_call_is_a_violation(
    reply: str, tool: str, args: dict[str, Any], right: dict[str, Any], lang: str
) -> None:
    found = violations(reply, convo((tool, args, OK)), lang=lang)
    assert found, "the call was for another value"
    assert violations(reply, convo((tool, right, OK)), lang=lang) == []


@pytest.mark.parametrize(
    ("reply", "tool", "args", "result"),
    [
        # the same value in another form
        (
            "Order FB-77310 will now go to Flat 3, 21 Elm Road, Bristol BS6 5AJ.",
            "change_shipping_address",
            {"order_id": "FB-77310", "line1": "Flat 3", "line2": "21 Elm Rd"},
            OK,
        ),
        (
            "I've raised ticket NF-40912 with our Tier 2 network team at high priority.",
            "create_ticket",
            {"category": "network_fault"},
            '{"ticket_id": "NF-40912", "queue": "Tier2-Network"}',
        ),
        # a new reference from the result, not a typo of the order
        (
            "I've set up a replacement copy under order BB-33410.",
            "create_replacement_order",
            {"order_id": "BB-33019"},
            '{"success": true, "replacement_order": "BB-33410"}',
        ),
        # a time in another format is no other value
        (
            "Your Tuesday class is now booked at 6pm.",
            "book_class",
            {"slot": "Tuesday 18:00"},
            OK,
        ),
        # the claim names the old and the new value
        (
            "Your address has been changed from 12 Elm Road to 21 Elm Road.",
            "update_address",
            {"address": "21 Elm Road"},
            OK,
        ),
    ],
)
def test_the_same_value_written_otherwise_is_no_conflict(
    reply: str, tool: str, args: dict[str, Any], result: str
) -> None:
    assert violations(reply, convo((tool, args, result)), lang="en") == []


def test_call_values_leave_free_text_out() -> None:
    values = call_values(
        {"name": "Tim Hale", "reason": "customer says Tom", "seats": 2},
        {"result": {"note": "Tom asked", "driver_id": "D-2291"}},
    )
    assert ("name", "Tim Hale") in values and ("seats", "2") in values
    assert not any("Tom" in v for _, v in values)
    assert value_conflict("Tom Hale is added.", [("add_driver", values)]) is not None


@pytest.mark.parametrize(
    ("reply", "tool", "args", "right"),
    [
        # round 10: short states no rule reads as a claim, about what the call was for
        (
            "Haha, begrijpelijk! Je zit nu op 12D aan het gangpad.",
            "stoel_wijzigen",
            {"pnr": "KP2W7R", "stoel": "12F"},
            {"pnr": "KP2W7R", "stoel": "12D"},
        ),
        (
            "Natuurlijk! Joris Peeters staat nu als extra bestuurder op uw huurcontract AVK-40219, "
            "dus hij is verzekerd zodra u vertrekt.",
            "bestuurder_toevoegen",
            {"contract": "AVK-40219", "naam": "Joris Pieters"},
            {"contract": "AVK-40219", "naam": "Joris Peeters"},
        ),
    ],
)
def test_a_sentence_about_the_calls_object_is_checked_as_a_claim(
    reply: str, tool: str, args: dict[str, Any], right: dict[str, Any]
) -> None:
    assert violations(reply, convo((tool, args, OK)), lang="nl")
    assert violations(reply, convo((tool, right, OK)), lang="nl") == []
    failed = convo((tool, right, '{"success": false, "error": "seat taken"}'))
    assert violations(reply, failed, lang="nl"), "a state the failed call never made"


@pytest.mark.parametrize(
    "reply",
    [
        "I tried to move you to 12D, but that seat has just been taken by someone else.",
        "Is 12D the seat you meant, or would you rather sit further forward?",
    ],
)
def test_a_sentence_about_the_object_that_claims_nothing_stays_no_claim(reply: str) -> None:
    failed = convo(("change_seat", {"seat": "12D"}, '{"success": false, "error": "taken"}'))
    assert violations(reply, failed, lang="en") == []


def test_a_suspended_line_is_one_on_hold() -> None:
    reply = "Your second line is on a vacation hold until August 10, so no charges for it."
    calls = convo(("suspend_line", {"line_id": "L2"}, '{"success": true, "status": "suspended"}'))
    assert violations(reply, calls, lang="en") == []


def test_a_compound_word_names_the_calls_object() -> None:
    reply = "Dat is snel gebeurd, geen probleem! Uw bankkaart is terug actief."
    failed = convo(("kaart_deblokkeren", {"kaart": "BCT-4471"}, "timeout na 30 seconden"))
    assert violations(reply, failed, lang="nl"), "the card was never unblocked"
    done = convo(("kaart_deblokkeren", {"kaart": "BCT-4471"}, '{"ok": true}'))
    assert violations(reply, done, lang="nl") == []
