"""What a claim is about (issue 16, item 4, round 9): days and data volumes as objects (a
rebooking claimed for another day than the call made is a violation, "3 GB" after a call for
"1GB" too), a day state ("now on Friday 14 March") is a change backed by the call for that day,
a tool like ``upgrade_shipping`` backs the claim that names its object, a claim's details and
object words are read in its own clause, a note on the record backs no other change, and a
first-person action is a claim from a lower score.

The German and Dutch sentences were written for this project (not taken from real tickets).
"""

from __future__ import annotations

import pytest

from supportllm.guard.claims import find_claims, violations
from supportllm.guard.claims_dates import dates_in
from tests.claims_convo import convo

REBOOK = ("rebook_flight", {"booking": "NZ1421"}, '{"status": "confirmed", "date": "2025-04-17"}')


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("omgeboekt naar vrijdag 18 april", {(4, 18)}),
        ("am Freitag, 14.03., umgebucht", {(3, 14)}),
        ("moved to 2025-03-14 10:30 (Friday)", {(3, 14)}),
        ("on the 28th of May", {(5, 28)}),
        ("March 5th or 12/03/2025", {(3, 5), (3, 12)}),
        ("may 5 people come? €12.50 at 14.30", set()),
    ],
)
def test_days_are_read_in_three_languages(text: str, days: set[tuple[int, int]]) -> None:
    assert dates_in(text) == days


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("Uw vlucht is omgeboekt naar vrijdag 18 april, NZ1421 om 07:15.", "nl"),
        ("I've rebooked you onto NZ1421 on Friday 18 April.", "en"),
        ("Ihr Flug NZ1421 ist auf Freitag, den 18.04., umgebucht.", "de"),
    ],
)
def test_a_rebooking_for_another_day_than_the_call_is_a_violation(reply: str, lang: str) -> None:
    found = violations(reply, convo(REBOOK), lang=lang)
    assert found and "18.04." in found[0].reason and "17.04." in found[0].reason
    assert violations(reply.replace("18", "17"), convo(REBOOK), lang=lang) == []


def test_a_day_state_is_a_change_backed_by_the_call_for_that_day() -> None:
    moved = ("reschedule_appointment", {"id": "APT-5512"},
             "Appointment APT-5512 moved to 2025-03-14 10:30 (Friday)")  # fmt: skip
    reply = "Your eye test is now on Friday 14 March at 10:30. Please bring your glasses."
    assert violations(reply, convo(moved), lang="en") == []
    assert violations(reply, [{"role": "user", "content": "Move it please."}], lang="en")
    assert violations(reply.replace("14 March", "15 March"), convo(moved), lang="en")


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("I've upgraded it to express shipping free of charge.", "en"),
        ("Ich habe Ihre Bestellung auf Expresszustellung umgestellt.", "de"),
    ],
)
def test_a_keyword_mapped_tool_backs_the_claim_that_names_its_object(reply: str, lang: str) -> None:
    result = '{"success": true, "new_service": "express"}'
    upgrade = ("upgrade_shipping", {"order": "88120"}, result)
    assert violations(reply, convo(upgrade), lang=lang) == []
    failed = (upgrade[0], upgrade[1], '{"success": false}')
    assert violations(reply, convo(failed), lang=lang)


def test_a_keyword_mapped_tool_for_another_object_backs_nothing() -> None:
    membership = ("cancel_membership", {"member": "M-88"}, '{"success": true}')
    assert violations("I've cancelled your order #A-1001.", convo(membership), lang="en")


def test_a_data_volume_is_an_object() -> None:
    bundle = ("add_data_bundle", {"line": "FF-L-33019", "bundle": "1GB"}, '{"success": true}')
    reply = "Ich habe dir 3 GB Extra-Datenvolumen gebucht, die sind sofort nutzbar."
    found = violations(reply, convo(bundle), lang="de")
    assert found and "3gb" in found[0].reason
    assert violations(reply.replace("3 GB", "1 GB"), convo(bundle), lang="de") == []


def test_details_and_object_words_are_read_in_the_claims_own_clause() -> None:
    address = ("update_address", {"street": "31 Orchard Way"}, '{"updated": true}')
    card = ("order_replacement_card", {"card": "debit"}, '{"success": true, "eta_days": 5}')
    reply = "I've updated your address to 31 Orchard Way and ordered a new card to be sent there."
    assert violations(reply, convo(address, card), lang="en") == []
    label = ("create_return_label", {"order": "88213"}, '{"status": "created"}')
    both = "I've refunded the £65 for the boots, and here's your return label as well."
    assert [v.claim.action for v in violations(both, convo(label), lang="en")] == ["refund"]


def test_a_note_on_the_record_backs_only_a_note() -> None:
    note = ("add_note", {"booking": "HD-9102", "note": "guest asks for late check-out"},
            '{"ok": true}')  # fmt: skip
    assert violations("Late check-out tot 13.00 uur is voor u geregeld.", convo(note), lang="nl")
    assert violations("I've noted your request for a late checkout.", convo(note), lang="en") == []


def test_a_result_key_that_says_it_happened_backs_that_action() -> None:
    opened = '{"dispute_id": "DSP-10092", "status": "opened", "provisional_credit": 23.99}'
    dispute = ("open_dispute", {"txn": "TX-55410", "amount": 23.99}, opened)
    reply = (
        "I've opened a dispute (DSP-10092) for the £23.99 payment, and a provisional credit of "
        "£23.99 has been added to your account."
    )
    assert violations(reply, convo(dispute), lang="en") == []
    result = '{"status": "cancelled", "refund_eligible": true, "refund_status": null}'
    eligible = ("cancel_enrolment", {"course": "ES-A2"}, result)
    refunded = "I've cancelled your enrolment and the course fee of €425 has been refunded."
    assert [v.claim.action for v in violations(refunded, convo(eligible), lang="en")] == ["refund"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I've revoked the leaked key, so it can no longer be used.", "en"),
        ("I've emailed you a prepaid return label — just print it and drop it off.", "en"),
    ],
)
def test_a_first_person_action_is_a_claim_from_a_lower_score(text: str, lang: str) -> None:
    assert find_claims(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I've checked your account and the charge is for the add-on you activated.", "en"),
        ("Alles klar, ich habe nichts gekündigt – Ihr Vertrag läuft unverändert weiter.", "de"),
        ("Ik heb het hotel gemaild, maar nog geen antwoord gekregen.", "nl"),
    ],
)
def test_a_look_up_negation_or_attempt_in_the_first_person_is_no_claim(
    text: str, lang: str
) -> None:
    assert find_claims(text, lang) == []


def test_a_new_day_said_in_the_future_is_a_change_for_that_day() -> None:
    moved = ("reschedule_delivery", {"order": "88120", "date": "2025-03-22"}, '{"ok": true}')
    reply = "Your sofa will now be delivered on Saturday 22 March."
    assert violations(reply, convo(moved), lang="en") == []
    assert violations(reply.replace("22", "21"), convo(moved), lang="en")
    assert violations(reply, [{"role": "user", "content": "Can you move it?"}], lang="en")
    assert find_claims("If you confirm, it will now be delivered on 3 May.", "en") == []


def test_a_confirmation_sent_about_a_change_needs_no_call_of_its_own() -> None:
    email = ("update_email", {"email": "d.nguyen@proton.me"}, '{"success": true}')
    reply = "All set — your login email is now d.nguyen@proton.me. We've sent a confirmation there."
    assert violations(reply, convo(email), lang="en") == []
    label = "All set — your login email is now d.nguyen@proton.me. We've sent you a return label."
    assert violations(label, convo(email), lang="en")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Alles klar, ich habe nichts gekündigt – Ihr Vertrag läuft unverändert weiter.", "de"),
        ("I've not changed the plan.", "en"),
        ("Ik heb nog niets aangepast aan je abonnement.", "nl"),
    ],
)
def test_the_support_side_saying_it_did_not_act_is_no_claim(text: str, lang: str) -> None:
    assert find_claims(text, lang) == []


@pytest.mark.parametrize(
    ("reply", "lang", "tool"),
    [
        ("Lovely, your billing address is now 41 Cranbourne Road, Bristol.", "en",
         "update_shipping_address"),
        ("Je factuuradres is nu Vondellaan 3, 2011 KL Haarlem.", "nl", "update_shipping_address"),
        ("Ihre Lieferadresse lautet jetzt Lindenweg 7, 50667 Köln.", "de",
         "update_billing_address"),
    ],
)  # fmt: skip
def test_a_billing_address_is_not_the_shipping_address(reply: str, lang: str, tool: str) -> None:
    assert violations(reply, convo((tool, {"street": "x"}, '{"success": true}')), lang=lang)
    same = tool.replace("shipping", "x").replace("billing", "shipping").replace("x", "billing")
    assert violations(reply, convo((same, {"street": "x"}, '{"success": true}')), lang=lang) == []


def test_an_id_given_by_its_last_characters_is_the_calls_id() -> None:
    frozen = ("freeze_card", {"card": "card_8812"}, '{"card_id": "card_8812", "status": "frozen"}')
    reply = "Your card ending 8812 is now frozen."
    assert violations(reply, convo(frozen), lang="en") == []
    assert violations(reply.replace("8812", "4471"), convo(frozen), lang="en")


def test_both_needs_two_things_done() -> None:
    one = ("cancel_order", {"order_id": "7781"}, '{"success": true, "order_id": "7781"}')
    two = ("cancel_order", {"order_id": "7790"}, '{"success": true, "order_id": "7790"}')
    reply = "Both orders have been cancelled. You won't be charged for either."
    assert violations(reply, convo(one), lang="en")
    assert violations(reply, convo(one, two), lang="en") == []
    unnamed = ("cancel_order", {}, "Done.")  # a call that names nothing may have done both
    assert violations(reply, convo(unnamed), lang="en") == []


@pytest.mark.parametrize(
    "result", ["Service unavailable (503). Please try again later.", "Zugriff verweigert"]
)
def test_plain_text_failures_back_nothing(result: str) -> None:
    call = ("submit_delay_repay", {"ticket": "TKT-88120"}, result)
    reply = "I've submitted your Delay Repay claim for ticket TKT-88120."
    assert violations(reply, convo(call), lang="en")


def test_a_second_deed_in_a_claimed_sentence_needs_its_own_call() -> None:
    bundle = ("add_data_bundle", {"bundle": "5GB"}, '{"success": true, "bundle": "5GB"}')
    reply = "I've added a 5GB bundle to your line and waived the £5 overage fee."
    assert violations(reply, convo(bundle), lang="en")
    fee = ("waive_fee", {"fee": "overage", "amount": 5}, '{"success": true}')
    assert violations(reply, convo(bundle, fee), lang="en") == []


SEAT_22A = ("change_seat", {"booking_ref": "M2Z9LT", "seat": "22A"}, '{"success": true}')
BAG = ("add_baggage", {"booking_ref": "M2Z9LT", "kg": 23}, '{"success": true}')


@pytest.mark.parametrize(
    ("reply", "calls", "backed"),
    [
        # round 10: a call named for the sentence's other clause backs that clause, not this one
        (
            "You're in window seat 22A now, and a 23kg checked bag has been added to M2Z9LT.",
            (SEAT_22A,),
            False,
        ),
        (
            "You're in window seat 22A now, and a 23kg checked bag has been added to M2Z9LT.",
            (SEAT_22A, BAG),
            True,
        ),
        (
            "Late checkout until 2pm is confirmed, and I've also extended your stay to include "
            "Saturday night.",
            (("add_late_checkout", {"booking": "AF-99231"}, '{"success": true}'),),
            False,
        ),
        # a result sent is sent whatever made it
        (
            "Your new password has been generated and sent to you.",
            (("reset_password", {}, "Done."),),
            True,
        ),
        # "9 en 13" is a time range, not two clauses
        (
            "Je pakket wordt nu op zaterdag 8 juni tussen 9 en 13 uur bezorgd.",
            (("reschedule_delivery", {"datum": "2024-06-08"}, '{"status": "verplaatst"}'),),
            True,
        ),
    ],
)
def test_a_call_named_for_another_clause_backs_that_clause(
    reply: str, calls: tuple[tuple[str, dict[str, object], str], ...], backed: bool
) -> None:
    assert (violations(reply, convo(*calls)) == []) is backed
