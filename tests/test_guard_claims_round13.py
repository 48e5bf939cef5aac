"""Round 13 of the action-claims guard (issue 16, item 4): a deed claimed for a second thing
after one call, a record read that the record does not hold, diagnoses as look-ups, a state said
against a look-up by its own clause, a named place or numbered spot other than the call's, and
the look-alikes that stay ok.

The sentences were written for this project (not taken from the evaluation sets).
"""

from __future__ import annotations

import pytest

from supportllm.guard.claims import violations
from tests.claims_convo import asked as _asked

# ------------------------------------------------------------ a second thing after one call


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Both scanners are registered now: SC-3301 and SC-3309.", True),
        ("Beide Scanner sind jetzt registriert.", True),
        ("Scanner SC-3301 is registered. For SC-3309 I need the code on its label.", False),
        ("SC-3301 is registered now; SC-3309 still needs the code on its label.", False),
    ],
)
def test_both_after_one_call_for_one_of_two_ids(reply: str, violation: bool) -> None:
    messages = _asked(
        "I bought two scanners, please register both: SC-3301 and SC-3309.",
        ("register_device", {"account": "AC-55120", "serial": "SC-3301"}, '{"status": "ok"}'),
    )
    assert bool(violations(reply, messages, lang="en")) is violation


def test_both_backed_by_a_call_with_a_list() -> None:
    messages = _asked(
        "Please register SC-3301 and SC-3309.",
        ("register_devices", {"serials": ["SC-3301", "SC-3309"]}, '{"status": "ok"}'),
    )
    assert violations("Both scanners are registered now.", messages, lang="en") == []


@pytest.mark.parametrize(
    ("reply", "lang", "violation"),
    [
        ("Deine Stunde ist auf Mittwoch verlegt, und die von Jonas ebenfalls.", "de", True),
        ("Jouw les staat nu op woensdag, en ook de les van Jonas is verzet.", "nl", True),
        ("Deine Stunde ist auf Mittwoch verlegt. Für Jonas brauche ich noch sein OK.", "de", False),
    ],
)
def test_also_for_a_sibling_the_customer_named(reply: str, lang: str, violation: bool) -> None:
    messages = _asked(
        "Können meine Stunde (KS-2201) und die von Jonas (KS-2202) auf Mittwoch?",
        ("stunde_verlegen", {"schueler": "KS-2201", "tag": "mittwoch"}, '{"status": "ok"}'),
    )
    assert bool(violations(reply, messages, lang=lang)) is violation


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("The garden table is booked for Saturday. P.S. I've also added a high chair.", True),
        ("The garden table is booked for Saturday. I've also sent you a confirmation.", False),
        (
            "The garden table is booked for Saturday, which also gives you the terrace heater.",
            False,
        ),
    ],
)
def test_an_added_deed_with_also_after_one_call(reply: str, violation: bool) -> None:
    messages = _asked(
        "A table in the garden on Saturday please, and a high chair.",
        ("book_table", {"area": "garden", "date": "2025-06-14"}, '{"ok": true, "ref": "T-88"}'),
    )
    assert bool(violations(reply, messages, lang="en")) is violation


def test_an_added_deed_that_the_result_reports_is_backed() -> None:
    messages = _asked(
        "Locked out again.",
        ("unlock_account", {"user": "MB-1"}, '{"status": "unlocked", "attempts_reset": true}'),
    )
    reply = "You're unlocked again. I've reset the attempts counter too."
    assert violations(reply, messages, lang="en") == []


def test_the_same_deed_twice_in_one_sentence_needs_two_calls() -> None:
    messages = _asked(
        "Both heat pumps show an error, please reset them.",
        ("pump_reset", {"unit": "HP-1", "site": "house"}, '{"result": "reset", "online": true}'),
    )
    reply = "Done: the pump at the house is reset and online, and the one in the barn is reset too."
    assert violations(reply, messages, lang="en")


# ------------------------------------------------------------ reading the record


def test_a_deed_the_record_does_not_hold_is_no_record_read() -> None:
    messages = _asked(
        "I was promised the booking fee would be dropped. Invoice 2025-114.",
        (
            "get_invoice",
            {"invoice": "2025-114"},
            '{"lines": [{"item": "Yoga block", "amount": 90}, '
            '{"item": "Booking fee", "amount": 15}], "status": "open"}',
        ),
    )
    reply = "Your booking fee of €15 has been waived, so the Yoga block comes to €90."
    assert violations(reply, messages, lang="en")


@pytest.mark.parametrize(
    ("status", "violation"),
    [("paused", False), ("active", True)],
)
def test_a_state_named_with_the_record_s_plan_needs_the_record_to_hold_it(
    status: str, violation: bool
) -> None:
    messages = _asked(
        "I'm away in September, please pause my membership. Member GY-20.",
        (
            "get_membership",
            {"member": "GY-20"},
            f'{{"plan": "Flex 10", "status": "{status}", "next_billing": "2025-09-01"}}',
        ),
    )
    reply = "Your Flex 10 membership is paused for September, so nothing is billed on the 1st."
    assert bool(violations(reply, messages, lang="en")) is violation


def test_a_move_to_another_day_is_no_record_read_by_its_clock_time() -> None:
    messages = _asked(
        "Can my check-up move from Tuesday to Wednesday, same time?",
        ("get_appointments", {"patient": "P-7"}, '{"date": "2025-05-13", "time": "10:15"}'),
    )
    reply = "Your check-up has been moved to Wednesday the 14th at 10:15."
    assert violations(reply, messages, lang="en")


def test_a_diagnosis_is_a_look_up_and_backs_no_swap() -> None:
    messages = _asked(
        "My router only blinks red.",
        ("router_diagnose", {"customer": "K-20"}, '{"status": "faulty", "advice": "swap"}'),
    )
    assert violations("Your router has been swapped; the new one ships today.", messages, lang="en")
    ok = "The check shows your router is faulty. I can send a replacement if you like."
    assert violations(ok, messages, lang="en") == []


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Your badge works again — just hold it to the reader.", True),
        ("Your line is active again, so a quick restart should bring you online.", True),
        ("Your badge was deactivated when the membership ended; I can renew it for you.", False),
    ],
)
def test_a_state_against_the_look_up_read_by_its_clause(reply: str, violation: bool) -> None:
    messages = _asked(
        "My badge stopped working.",
        ("get_badge", {"badge": "B-12"}, '{"status": "deactivated", "reason": "expired"}'),
    )
    assert bool(violations(reply, messages, lang="en")) is violation


# ------------------------------------------------------------ places, spots and names


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Desk 22 by the window is yours from Monday.", True),
        ("Desk 27 is yours from Monday — 22 was taken, sorry.", False),
    ],
)
def test_a_numbered_spot_other_than_the_call_s(reply: str, violation: bool) -> None:
    messages = _asked(
        "Can I have desk 22 by the window from Monday?",
        ("assign_desk", {"member": "CW-19", "desk": "27"}, '{"status": "ok"}'),
    )
    assert bool(violations(reply, messages, lang="en")) is violation


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Your prescription is now at our Eastgate branch, ready after 2 pm.", True),
        ("Your prescription is now at our Northfield branch, ready after 2 pm.", False),
    ],
)
def test_a_named_branch_other_than_the_call_s(reply: str, violation: bool) -> None:
    messages = _asked(
        "Could my prescription go to the Eastgate branch instead?",
        ("transfer_prescription", {"rx": "RX-1", "to_branch": "Northfield"}, '{"status": "ok"}'),
    )
    assert bool(violations(reply, messages, lang="en")) is violation


# ------------------------------------------------------------ look-alikes that stay ok


def test_an_is_now_state_in_the_deed_s_sentence_is_the_same_deed() -> None:
    messages = _asked(
        "Move KT-51 to the 20th please.",
        ("rebook_trip", {"booking": "KT-51", "date": "2025-07-20"}, '{"status": "success"}'),
    )
    assert violations("You're rebooked: KT-51 is now on 20 July.", messages, lang="en") == []


def test_a_replacement_sent_to_the_home_address_changes_no_address() -> None:
    messages = _asked(
        "Card lost, please block it and send a new one home.",
        ("block_card", {"card": "7788"}, '{"success": true}'),
        ("order_replacement_card", {"customer": "C-1", "ship_to": "home"}, '{"success": true}'),
    )
    reply = "Your card is blocked, and I've ordered a replacement to your home address."
    assert violations(reply, messages, lang="en") == []


def test_a_settings_tool_backs_switching_reminders_off() -> None:
    messages = _asked(
        "No more reminders please.",
        ("update_notification_prefs", {"sms": False, "email": False}, '{"status": "ok"}'),
    )
    reply = "All reminders are switched off — no more emails or texts."
    assert violations(reply, messages, lang="en") == []


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("Storniert hab ich noch nichts – welcher der beiden Termine soll es sein?", "de"),
        ("Geannuleerd heb ik nog niets: welke van de twee afspraken bedoelt u?", "nl"),
    ],
)
def test_a_fronted_deed_that_is_negated_is_no_claim(reply: str, lang: str) -> None:
    messages = _asked(
        "Bitte den Termin absagen.",
        ("get_appointments", {"customer": "K-3"}, '{"appointments": ["T-1", "T-2"]}'),
    )
    assert violations(reply, messages, lang=lang) == []


# ------------------------------------------------------------ round 13, v20 families


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Mochi and Biscuit are both booked for their jabs on Friday at 9:00.", True),
        (
            "Mochi is booked for Friday at 9:00; Biscuit's booking needs his chip number.",
            False,
        ),
    ],
)
def test_two_names_joined_after_a_call_for_one(reply: str, violation: bool) -> None:
    messages = _asked(
        "Can you book both cats, Mochi and Biscuit, for their jabs on Friday?",
        ("book_visit", {"pet": "Mochi", "date": "2025-06-13", "time": "09:00"}, '{"ok": true}'),
    )
    assert bool(violations(reply, messages, lang="en")) is violation


def test_two_weeks_joined_after_a_call_for_one() -> None:
    messages = _asked(
        "Bitte KW 31 und 32 pausieren.",
        ("lieferung_pausieren", {"abo": "AB-1", "kw": 31}, '{"status": "ok"}'),
    )
    assert violations(
        "Erledigt, die Lieferungen in KW 31 und KW 32 sind pausiert.", messages, lang="de"
    )


@pytest.mark.parametrize(
    "result",
    [
        '{"status": "request_received", "note": "Subject to manager confirmation"}',
        '{"status": "anfrage_gesendet"}',
        '{"status": "in wachtrij", "verwerking": "binnen 2 uur"}',
        '{"status": "aangevraagd", "goedkeuring": "filiaalmanager"}',
        '{"status": "vorgemerkt", "hinweis": "nach Freigabe durch den Veranstalter"}',
    ],
)
def test_a_request_only_received_backs_no_deed(result: str) -> None:
    messages = _asked("Two more nights please.", ("extend_stay", {"booking": "B-7"}, result))
    assert violations("Your stay is extended by two nights.", messages, lang="en")


def test_a_request_received_backs_a_reply_that_says_so() -> None:
    messages = _asked(
        "Two more nights please.",
        ("extend_stay", {"booking": "B-7"}, '{"status": "request_received"}'),
    )
    reply = "I've sent your request for two more nights; reception will confirm it today."
    assert violations(reply, messages, lang="en") == []


@pytest.mark.parametrize("result", ["Geen toegang", "Kein Zugriff", "Access denied"])
def test_no_access_is_a_failure(result: str) -> None:
    messages = _asked("Refund please.", ("tickets_refund", {"order": "PP-1"}, result))
    assert violations("I've refunded your €27.95.", messages, lang="en")


def test_a_row_other_than_the_call_s() -> None:
    messages = _asked(
        "Kan ik dichter bij het podium zitten?",
        ("stoel_wijzigen", {"reservering": "LB-1", "rij": 12, "stoel": 8}, '{"status": "ok"}'),
    )
    assert violations("U zit nu op rij 21, stoel 8.", messages, lang="nl")
    assert violations("U zit nu op rij 12, stoel 8.", messages, lang="nl") == []


def test_a_ticket_the_call_created_backs_raising_it_not_a_refund() -> None:
    messages = _asked(
        "My wheelchair space is missing on booking EL-1.",
        ("crm.create_ticket", {"team": "access", "priority": "high"}, '{"id": "CS-4410"}'),
    )
    ok = "I've raised this with our access team under reference CS-4410."
    assert violations(ok, messages, lang="en") == []
    bad = "I've refunded your £12 for the missing space, see case CS-4410 for details."
    assert violations(bad, messages, lang="en")


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("U wilt de kaarten voor 14 juni dus ruilen voor een latere voorstelling.", "nl"),
        ("You'd like the March delivery moved to April — I can do that once you confirm.", "en"),
    ],
)
def test_the_customer_s_wish_said_back_is_no_claim(reply: str, lang: str) -> None:
    messages = _asked("Kan ik mijn kaarten voor 14 juni ruilen voor een latere voorstelling?")
    assert violations(reply, messages, lang=lang) == []


def test_a_separable_participle_matches_its_tool() -> None:
    messages = _asked(
        "Kunnen mijn kaarten naar 8 november?",
        ("ticket_omzetten", {"bestelnummer": "PP-3", "datum": "2025-11-08"}, '{"status": "ok"}'),
    )
    reply = "Uw twee kaarten zijn omgezet naar 8 november. De nieuwe e-tickets staan in uw account."
    assert violations(reply, messages, lang="nl") == []


def test_every_item_under_a_done_header_is_a_deed() -> None:
    messages = _asked(
        "Upgrade me, drop the roaming add-on and send an eSIM.",
        ("change_plan", {"account": "VX-1", "plan": "UNLTD"}, '{"status": "ok"}'),
    )
    reply = (
        "Here's what I've done for you:\n- Upgraded you to Unlimited\n"
        "- Removed the roaming add-on\n- Ordered your eSIM\n\nAnything else?"
    )
    assert violations(reply, messages, lang="en")
    one = "Here's what I've done for you:\n- Upgraded you to Unlimited\n\nAnything else?"
    assert violations(one, messages, lang="en") == []


def test_leaving_a_mailing_list_cancels_no_subscription() -> None:
    messages = _asked(
        "Cancel my subscription and stop the emails.",
        ("unsubscribe_marketing", {"email": "a@example.com"}, '{"status": "ok"}'),
    )
    assert violations("Your subscription has been cancelled.", messages, lang="en")
    ok = "You've been removed from our newsletter and marketing emails."
    assert violations(ok, messages, lang="en") == []


# ------------------------------------------------------------ round 13, v21 families


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("All three of Noor's lessons have moved to Thursday at 5pm.", True),
        (
            "Noor's lesson on the 7th has moved to Thursday; the other two could not be moved.",
            False,
        ),
    ],
)
def test_a_result_that_lists_what_it_did_not_do(reply: str, violation: bool) -> None:
    result = (
        '{"moved": [{"lesson_id": "L-1"}], "failed": [{"lesson_id": "L-2"}, {"lesson_id": "L-3"}]}'
    )
    messages = _asked(
        "Can all three lessons move to Thursday?",
        ("reschedule_lesson", {"lesson_ids": ["L-1", "L-2", "L-3"]}, result),
    )
    assert bool(violations(reply, messages, lang="en")) is violation


@pytest.mark.parametrize(
    "reply",
    [
        "Good news: the manufacturer finished the repair and sent your hearing aid back.",
        "The owner came by this morning and reset the breaker, so the heating is back on.",
    ],
)
def test_a_third_party_as_the_subject_is_no_claim_of_ours(reply: str) -> None:
    messages = _asked(
        "Any news on my repair?",
        ("get_repair_status", {"customer": "SW-1"}, '{"status": "in_transit"}'),
    )
    assert violations(reply, messages, lang="en") == []


def test_our_team_as_they_is_still_a_claim() -> None:
    messages = _asked(
        "My line keeps dropping.",
        ("get_line", {"line": "L-1"}, '{"status": "active"}'),
    )
    reply = "I've asked our network team, and they've already reset your connection profile."
    assert violations(reply, messages, lang="en")


def test_the_rest_staying_as_usual_is_no_claim() -> None:
    messages = _asked(
        "Can Tom's lesson this Wednesday move to Friday?",
        ("reschedule_lesson", {"student": "Tom", "new_slot": "2024-04-12 17:30"}, '{"ok": true}'),
    )
    reply = (
        "Tom's lesson has moved to Friday at 17:30. His other lessons stay on Wednesdays as usual."
    )
    assert violations(reply, messages, lang="en") == []


def test_german_also_is_no_second_deed() -> None:
    messages = _asked(
        "Ab Juni bitte an Lindenweg 8, 79100 Freiburg liefern.",
        ("lieferadresse_aendern", {"adresse": "Lindenweg 8, 79100 Freiburg"}, '{"status": "ok"}'),
    )
    reply = (
        "Ihre neue Lieferadresse ist ab dem 1. Juni hinterlegt. Die nächste Lieferung kommt "
        "also schon dorthin."
    )
    assert violations(reply, messages, lang="de") == []


def test_a_counted_noun_is_no_person() -> None:
    messages = _asked(
        "Leonie ist auf Klassenfahrt, bitte vom Essen abmelden.",
        ("essen_abmelden", {"kind": "Leonie"}, '{"result": {"abgemeldet_tage": 5}}'),
    )
    reply = "Leonie ist abgemeldet. Die fünf Essen werden Ihrem Guthaben gutgeschrieben."
    assert not any("names essen" in v.reason for v in violations(reply, messages, lang="de"))


def test_a_refund_queued_for_approval_backs_no_refund() -> None:
    messages = _asked(
        "Charged for a ride that cut out.",
        ("refund_ride", {"ride_id": "W-1", "amount": 2.5}, "refund queued for manual approval"),
    )
    assert violations("Refunded 👍 €2.50 is on its way back.", messages, lang="en")


def test_a_seat_row_by_its_letter() -> None:
    messages = _asked(
        "Two seats near the front please.",
        (
            "reserve_seats",
            {"qty": 2},
            '{"seats": [{"row": "E", "seat": 7}, {"row": "E", "seat": 8}]}',
        ),
    )
    assert violations("Two seats are reserved: row F, seats 7 and 8.", messages, lang="en")
    assert violations("Two seats are reserved: row E, seats 7 and 8.", messages, lang="en") == []


def test_a_booking_for_the_customer_is_no_booking_for_her_husband() -> None:
    messages = _asked(
        "Ich möchte für meinen Mann Herbert einen Hörtest am Mittwoch.",
        (
            "termin_buchen",
            {"kunde": "Brandt, Erika", "datum": "2024-04-17"},
            '{"status": "gebucht"}',
        ),
    )
    reply = "Ich habe für Ihren Mann Herbert einen Hörtest am Mittwoch gebucht."
    assert violations(reply, messages, lang="de")


# ------------------------------------------------------------ round 13, v22 families


def test_a_verb_last_tool_s_own_state_is_its_success() -> None:
    messages = _asked(
        "collegekaart kwijt",
        ("collegekaart_blokkeren", {"studentnummer": "22"}, '{"status": "blocked"}'),
    )
    assert violations("Ik heb je collegekaart geblokkeerd.", messages, lang="nl") == []


def test_a_fine_still_open_after_a_failed_waiver_is_no_claim() -> None:
    messages = _asked(
        "Kan de boete eraf?",
        ("boete_kwijtschelden", {"pas": "BR-1", "bedrag": 6.2}, "Geen toegang"),
    )
    reply = "Dat lukte helaas niet vanuit de chat. De boete staat dus nog open."
    assert violations(reply, messages, lang="nl") == []


def test_a_history_look_up_is_read_as_the_record() -> None:
    messages = _asked(
        "Is mijn geld al teruggestort?",
        (
            "retour_historie",
            {"klant": "KH-1"},
            '{"retouren": [{"bedrag": 34.95, "terugbetaald_op": "2025-05-02"}]}',
        ),
    )
    reply = "Ja, de €34,95 is op 2 mei naar je rekening teruggestort."
    assert violations(reply, messages, lang="nl") == []


def test_a_status_with_an_umlaut_is_reported_as_read() -> None:
    messages = _asked(
        "Ist meine Buchung durch?",
        ("get_buchung", {"email": "a@b.de"}, '{"buchung": {"status": "bestaetigt"}}'),
    )
    assert violations("Ja, Ihre Buchung ist bestätigt.", messages, lang="de") == []


def test_pence_are_hundredths() -> None:
    messages = _asked(
        "The projector broke!",
        ("apply_goodwill_credit", {"account": "RX-1", "amount_pence": 2000}, '{"ok": true}'),
    )
    assert (
        violations("A £20.00 credit has been applied to your account.", messages, lang="en") == []
    )
    assert violations("A £25.00 credit has been applied to your account.", messages, lang="en")


def test_a_number_written_in_groups_names_the_call_s_value() -> None:
    messages = _asked(
        "nieuw nummer: 06-12093345",
        ("contactgegevens_wijzigen", {"patient": "L-7", "telefoon": "0612093345"}, '{"ok": true}'),
    )
    reply = "Je mobiele nummer heb ik bijgewerkt naar 06-12093345."
    assert violations(reply, messages, lang="nl") == []


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("I've shared your results with Dr Patel at Riverbank Surgery.", True),
        ("I've shared your results with Dr Patil at Riverbank Surgery.", False),
    ],
)
def test_a_name_one_letter_apart_from_the_call_s(reply: str, violation: bool) -> None:
    messages = _asked(
        "Please send my results to Dr Patel at Riverbank Surgery.",
        (
            "share_results",
            {"patient": "C-1", "recipient": "Dr A. Patil, Riverbank"},
            '{"ok": true}',
        ),
    )
    assert bool(violations(reply, messages, lang="en")) is violation


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Your 23 kg suitcase is added to your booking.", True),
        ("Your 15 kg suitcase is added to your booking.", False),
    ],
)
def test_a_weight_against_the_call_s(reply: str, violation: bool) -> None:
    messages = _asked(
        "A 23 kg bag please.", ("add_bag", {"pnr": "NZ2", "weight_kg": 15}, '{"status": "ok"}')
    )
    assert bool(violations(reply, messages, lang="en")) is violation


def test_a_count_of_children_against_the_call_s() -> None:
    messages = _asked(
        "2 adults and 2 kids for Saturday, 11am please.",
        (
            "book_tickets",
            {"adults": 2, "children": 1, "timeslot": "11:00"},
            '{"order": {"ref": "TK-55712", "total": 27.0}}',
        ),
    )
    reply = "Lovely! Two adults and two children are booked for Saturday at 11am, ref TK-55712."
    assert violations(reply, messages, lang="en")
