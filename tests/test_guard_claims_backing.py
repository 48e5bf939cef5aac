"""Which successful tool call backs which claim (issue 16, item 4, round 8): one call cannot back
two different changes, a tool named for another action is no fallback, a status in the tool
verb's own action group is success, and a state-changing call's result can name a second action
it did.

The German and Dutch sentences were written for this project (not taken from real tickets).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from supportllm.guard.claims import find_claims, violations
from tests.claims_convo import convo

BAG = ("add_baggage", {"booking": "QX7RT2"}, '{"success": true, "price": 35.0}')
SEAT = ("assign_seat", {"booking": "QX7RT2", "seat": "14C"}, '{"success": true}')


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("I've added one checked bag to QX7RT2, and I've reserved seat 14C for you.", "en"),
        ("Ich habe ein Gepäckstück hinzugefügt und Ihnen den Gangplatz 14C reserviert.", "de"),
    ],
)
def test_one_call_does_not_back_two_different_changes(reply: str, lang: str) -> None:
    found = violations(reply, convo(BAG), lang=lang)
    assert found, "the seat was never assigned"
    assert "backs another claim" in found[0].reason
    assert violations(reply, convo(BAG, SEAT), lang=lang) == []


@pytest.mark.parametrize(
    "reply",
    [
        "Done! Your address is now 9 Mill Lane, York.",
        "Erledigt! Ihre Adresse wurde auf Gartenweg 5 geändert.",
        "Your subscription has been cancelled and you won't be billed again.",
    ],
)
def test_a_completion_or_a_restatement_shares_the_one_call(reply: str) -> None:
    calls = convo(
        ("update_address", {"street": "9 Mill Lane"}, '{"status": "ok"}'),
        ("cancel_subscription", {"plan": "basic"}, '{"status": "ok"}'),
    )
    assert violations(reply, calls) == []


def test_a_tool_named_for_another_action_is_no_fallback() -> None:
    reply = "Perfect, you're now rebooked on tomorrow's 13:15 flight, SB1402."
    held = convo(("hold_seat", {"flight": "SB1402"}, '{"held": true, "expires_in_minutes": 20}'))
    assert violations(reply, held, lang="en")
    moved = convo(("rebook_flight", {"flight": "SB1402"}, '{"success": true}'))
    assert violations(reply, moved, lang="en") == []


@pytest.mark.parametrize(
    ("status", "backed"), [("blocked", True), ("gesperrt", True), ("failed", False)]
)
def test_a_status_of_the_tool_verbs_own_action_is_success(status: str, backed: bool) -> None:
    reply = "Ihre Girokarte ist jetzt dauerhaft gesperrt."
    calls = convo(("freeze_card", {"card": "GK-7712"}, json.dumps({"status": status})))
    assert (violations(reply, calls, lang="de") == []) is backed


def test_a_result_that_names_a_second_action_backs_it() -> None:
    reply = "Ik heb je uitgeschreven voor Frans B1 en de € 180 teruggestort."
    said = "OK - uitgeschreven, € 180 teruggestort op je rekening"
    assert violations(reply, convo(("unenroll_course", {"course": "FR-B1"}, said)), lang="nl") == []
    silent = convo(("unenroll_course", {"course": "FR-B1"}, "OK - uitgeschreven"))
    assert violations(reply, silent, lang="nl")


def test_a_result_that_only_mentions_the_action_does_not_back_it() -> None:
    # a key ("refund_status") or a negated text is no statement that it was done
    reply = "Ik heb je inschrijving geannuleerd en het cursusgeld van €425 is teruggestort."
    result = '{"status": "geannuleerd", "refund_status": "not_initiated"}'
    assert violations(reply, convo(("cancel_enrolment", {"id": "SP-A2"}, result)), lang="nl")
    text = "Inschrijving geannuleerd, restitutie nog niet teruggestort"
    assert violations(reply, convo(("cancel_enrolment", {"id": "SP-A2"}, text)), lang="nl")


@pytest.mark.parametrize(
    "result",
    [
        '{"cancelled": true, "refund_not_initiated": true}',
        '{"cancelled": true, "refund": "not_issued"}',
    ],
)
def test_a_negation_between_underscores_says_it_did_not_happen(result: str) -> None:
    reply = "I've cancelled your enrolment and refunded the £425 course fee."
    assert violations(reply, convo(("cancel_enrolment", {"id": "SP-A2"}, result)), lang="en")
    done = '{"cancelled": true, "refund_issued": true}'
    assert violations(reply, convo(("cancel_enrolment", {"id": "SP-A2"}, done)), lang="en") == []


def test_a_done_emoji_closes_a_bare_completion() -> None:
    messages: list[dict[str, Any]] = [
        {"role": "user", "content": "cancel the 2nd box pls, order HF-33091"}
    ]
    reply = "Done ✅ That box won't be delivered."
    found = violations(reply, messages, lang="en")  # only the request says what was done
    assert [v.claim.action.split("_")[0] for v in found] == ["cancel"], found
    backed = convo(
        (f"{found[0].claim.action}", {"order_id": "HF-33091"}, '{"status": "cancelled"}')
    )
    backed[0] = messages[0]
    assert violations(reply, backed, lang="en") == []


def test_a_change_for_another_amount_than_the_call_is_a_violation() -> None:
    reply = "I've put £15 of credit on your account to make up for it."
    five = convo(("issue_credit", {"amount": 5, "currency": "GBP"}, '{"status": "issued"}'))
    assert "other objects" in violations(reply, five, lang="en")[0].reason
    fifteen = convo(("issue_credit", {"amount": 15, "currency": "GBP"}, '{"status": "issued"}'))
    assert violations(reply, fifteen, lang="en") == []


@pytest.mark.parametrize(
    ("reply", "tool", "lang"),
    [
        ("Top, je abonnement staat nu op pauze tot 1 mei.", "freeze_membership", "nl"),
        ("Ik heb uw vraag doorgestuurd naar onze facturatiedienst.", "forward_to_department", "nl"),
        ("Ich habe die zweite Buchung über 64,90 € storniert.", "reverse_transaction", "de"),
    ],
)
def test_tools_named_in_other_words_for_the_same_action_back_it(
    reply: str, tool: str, lang: str
) -> None:
    assert violations(reply, convo((tool, {"id": "X-1"}, '{"success": true}')), lang=lang) == []
    assert violations(reply, convo(("get_account", {"id": "X-1"}, '{"id": "X-1"}')), lang=lang)


def test_a_german_or_dutch_failure_status_is_a_failure() -> None:
    reply = "Kein Problem, Ihre Küchenlieferung ist auf Samstag, 22. März, verschoben."
    for status in ("abgelehnt", "fehlgeschlagen", "mislukt"):
        result = json.dumps({"status": status, "grund": "Tour bereits disponiert"})
        assert violations(reply, convo(("reschedule_delivery", {}, result)), lang="de")


def test_a_failed_call_of_the_granting_tool_is_not_rescued_by_another_tools_name() -> None:
    reply = "Erledigt: Das Profil „Tobi“ ist gelöscht und dein Passwort wurde zurückgesetzt."
    calls = convo(
        ("remove_profile", {"profile": "Tobi"}, '{"success": true}'),
        ("reset_password", {"user": "anna"}, '{"success": false, "error": "rate_limited"}'),
    )
    assert any("reset_password" in v.reason for v in violations(reply, calls, lang="de"))


def test_a_change_whose_named_tool_failed_is_a_violation() -> None:
    reply = "I've removed the seat for j.miller and applied the code SPRING20 to your invoice."
    calls = convo(
        ("remove_seat", {"user": "j.miller"}, '{"success": true}'),
        ("apply_voucher", {"code": "SPRING20"}, '{"success": false, "error": "EXPIRED"}'),
    )
    assert violations(reply, calls, lang="en")


def test_a_tool_that_orders_something_does_not_back_a_block() -> None:
    reply = "Your old card is now permanently blocked, and a new one will arrive in 3-5 days."
    ordered = convo(("order_replacement_card", {"card": "4471"}, '{"success": true}'))
    assert violations(reply, ordered, lang="en")


def test_items_under_a_done_header_are_claims_each() -> None:
    reply = (
        "All three done:\n1. International calls are now barred on your line.\n"
        "2. Your 2GB add-on is active (£3).\n3. Your bill date has moved to the 15th of each month."
    )

    assert len(find_claims(reply, "en")) == 3
    two = convo(
        ("bar_service", {"service": "international"}, '{"success": true}'),
        ("add_data_bundle", {"bundle": "2GB"}, '{"success": true}'),
    )
    assert violations(reply, two, lang="en"), "the bill date was never moved"
    options = "Here are your options:\n- I can refund the order.\n- Your plan is Basic."
    assert find_claims(options, "en") == []


@pytest.mark.parametrize(
    ("reply", "call", "lang"),
    [
        # a rebooking books
        (
            "Sie sind jetzt auf XY1240 morgen um 07:15 Uhr gebucht.",
            (
                "rebook_flight",
                {"booking": "RK-6630"},
                '{"status": "confirmed", "new_flight": "XY1240"}',
            ),
            "de",
        ),
        # a ban lifted ("aufgehoben" is no cancelled order)
        (
            "Die Sperre war ein Fehlalarm, sorry! Sie ist aufgehoben, du kannst wieder spielen.",
            ("lift_ban", {"player_id": "PA-88121"}, '{"ok": true, "ban_status": "lifted"}'),
            "de",
        ),
        # an order placed for a swap, named by the id in its result
        (
            "Der Router-Tausch ist beauftragt (Auftrag HW-55120), das Gerät geht bald raus.",
            ("order_hardware_swap", {"device": "ROUTER"}, '{"order": "HW-55120", "status": "ok"}'),
            "de",
        ),
        # a second thing the result says it reset
        (
            "You're unlocked — give it another go. I've reset the attempts counter too.",
            (
                "unlock_account",
                {"customer_id": "MB-11092"},
                '{"status": "unlocked", "failed_attempts_reset": true}',
            ),
            "en",
        ),
        # the amount the result paid out, not the ticket price in the arguments
        (
            "Claim DR-118820 is approved — £4.90 compensation is on its way back to your card.",
            (
                "submit_delay_repay",
                {"ticket_price": 9.8},
                '{"claim_ref": "DR-118820", "status": "approved", "compensation": 4.9}',
            ),
            "en",
        ),
    ],
)
def test_round_ten_tools_that_back_the_claim(
    reply: str, call: tuple[str, dict[str, Any], str], lang: str
) -> None:
    assert violations(reply, convo(call), lang=lang) == []
    # and with the call failed, the same reply is a violation
    failed = (call[0], call[1], '{"success": false, "error": "timeout"}')
    assert violations(reply, convo(failed), lang=lang)


def test_no_more_charges_is_what_stops_not_a_refund() -> None:
    reply = "That's sorted — no more charges from us, and you'll keep access until 30 June."
    cancelled = convo(
        (
            "cancel_subscription",
            {"account_id": "V-40317"},
            '{"success": true, "status": "cancelled"}',
        )
    )
    assert violations(reply, cancelled, lang="en") == []
    asked = [{"role": "user", "content": "cancel my sub please"}]
    assert violations(reply, asked, lang="en"), "nothing was cancelled"


def test_a_result_key_with_a_day_says_when_it_happens() -> None:
    reply = (
        "Ik heb een spoedmelding aangemaakt (ST-44102) en er is een monteur ingepland voor "
        "morgen tussen 8 en 12 uur."
    )
    planned = '{"ticket": "ST-44102", "monteur_ingepland": "2024-06-06 08:00-12:00"}'
    call = ("create_ticket", {"klant": "GO-88102", "prioriteit": "spoed"}, planned)
    assert violations(reply, convo(call), lang="nl") == []
    ticket_only = (
        "create_ticket",
        {"klant": "GO-88102", "prioriteit": "spoed"},
        '{"ticket": "ST-44102"}',
    )
    assert violations(reply, convo(ticket_only), lang="nl")


@pytest.mark.parametrize(
    ("reply", "calls", "lang"),
    [
        # the id of the clause after the claim is that clause's, not this claim's
        (
            "Done: Pro is cancelled from today, and €7.60 has been refunded (refund re_7731).",
            (
                (
                    "billing.cancel_subscription",
                    {"account_id": "acc_40c1de"},
                    '{"status": "cancelled"}',
                ),
                (
                    "billing.refund_prorated",
                    {"amount": 7.6},
                    '{"success": true, "refund_id": "re_7731"}',
                ),
            ),
            "en",
        ),
        # a balance the result reports
        (
            "£5 printing credit added; your balance is £7.35.",
            (("print_credit.add", {"amount": 5.0}, '{"status": "ok", "new_balance": 7.35}'),),
            "en",
        ),
        # an order's delivery address changed updates the order; an add-on cancelled too
        (
            "Order FB-77310 will now go to 21 Elm Road — I've updated it before it was packed.",
            (
                (
                    "orders.change_shipping_address",
                    {"order_id": "FB-77310"},
                    '{"result": {"ok": true}}',
                ),
            ),
            "en",
        ),
        (
            "The extended warranty has been taken off order VC-402215.",
            (("cancel_addon", {"order": "VC-402215"}, '{"status": "ok"}'),),
            "en",
        ),
        # a class booking cancelled is an unenrolment
        (
            "Je bent uitgeschreven voor de vinyasa van dinsdag om 19:00.",
            (("les_annuleren", {"inschrijving": "IN-3310"}, '{"geannuleerd": true}'),),
            "nl",
        ),
    ],
)
def test_round_ten_claims_their_calls_back(
    reply: str, calls: tuple[tuple[str, dict[str, Any], str], ...], lang: str
) -> None:
    assert violations(reply, convo(*calls), lang=lang) == []


def test_a_request_tool_backs_the_request_not_the_deed() -> None:
    call = (
        "request_refund_from_seller",
        {"order": "BZ-7710293", "amount": 32.0},
        '{"status": "ok", "request_id": "RR-1129"}',
    )
    assert violations("I've refunded the £32 to your PayPal account.", convo(call), lang="en")
    asked = "I've sent the seller a formal refund request for £32 (reference RR-1129)."
    assert violations(asked, convo(call), lang="en") == []


def test_german_and_dutch_look_up_tools_grant_nothing() -> None:
    reply = "Ich habe Ihren Pilateskurs am Dienstag storniert."
    lookup = convo(("kursbuchungen_abrufen", {"mitglied": "BS-2210"}, '{"kurs": "Pilates"}'))
    assert violations(reply, lookup, lang="de")
    nl = convo(("inschrijvingen_opvragen", {"lid": "SA-2204"}, '{"les": "Vinyasa"}'))
    assert violations("Ik heb je les van dinsdag geannuleerd.", nl, lang="nl")


@pytest.mark.parametrize(
    ("reply", "result", "lang", "report"),
    [
        (
            "Yes — a leak allowance of £86.40 was applied to your account on 12 March.",
            '{"adjustments": [{"date": "2024-03-12", "amount": -86.4}]}',
            "en",
            True,
        ),
        (
            "De incasso van €138 op 1 juni is teruggeboekt via uw bank.",
            '[{"datum": "2024-06-01", "bedrag": 138.0, "status": "gestorneerd"}]',
            "nl",
            True,
        ),
        # a day it takes effect is no report of the past, and neither is our own deed
        (
            "Alles klar: Dein Vertrag ist zum 30.11.2024 gekündigt.",
            '{"min_term_end": "2024-11-30"}',
            "de",
            False,
        ),
        (
            "I've credited £86.40 to your account on 12 March.",
            '{"adjustments": [{"date": "2024-03-12"}]}',
            "en",
            False,
        ),
    ],
)
def test_a_past_report_of_what_a_look_up_read_is_no_claim(
    reply: str, result: str, lang: str, report: bool
) -> None:
    found = violations(
        reply, convo(("get_account_history", {"account": "RW-1"}, result)), lang=lang
    )
    assert (found == []) is report


@pytest.mark.parametrize(
    ("reply", "backed"),
    [
        ("I've let the restaurant know about the missing chips.", True),
        ("I've let the restaurant know, and a fresh portion of chips has been sent out.", False),
    ],
)
def test_a_message_passed_on_backs_only_the_message(reply: str, backed: bool) -> None:
    call = (
        "notify_restaurant",
        {"order": "FK-88120", "message": "missing chips"},
        '{"status": "sent"}',
    )
    assert (violations(reply, convo(call), lang="en") == []) is backed


def test_a_tickets_subject_does_not_make_it_the_deed() -> None:
    reply = (
        "I've waived the £100 excess on your windscreen claim and logged the background under "
        "ticket T-40311."
    )
    call = (
        "crm.create_ticket",
        {"customer": "P-88213", "subject": "Windscreen claim – excess query"},
        '{"ticket": {"id": "T-40311", "status": "open"}}',
    )
    assert violations(reply, convo(call), lang="en"), "nothing was waived"


def test_both_claimed_after_one_of_two_calls_failed_is_a_violation() -> None:
    reply = "Both the Family plan and the Sports add-on are now cancelled."
    family = ("cancel_subscription", {"product": "family_plan"}, '{"status": "ok"}')
    failed = ("cancel_subscription", {"product": "sports_addon"}, '{"status": "error"}')
    found = violations(reply, convo(family, failed), lang="en")
    assert found and "for both" in found[0].reason
    retried = ("cancel_subscription", {"product": "sports_addon"}, '{"status": "ok"}')
    assert violations(reply, convo(family, failed, retried), lang="en") == []
