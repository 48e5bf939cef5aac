"""Slots a claim names against the call that backs it (issue 16, item 4, round 11): the time,
the day of the month, the branch, another person's name, a seat written letter first, and the
kind of thing the customer asked for when the call was made for another kind.

The sentences were written for this project (not taken from the evaluation sets).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from supportllm.guard.claims import violations
from supportllm.guard.claims_slots import asked_conflict, day_conflict, time_conflict
from tests.claims_convo import convo

OK = '{"status": "ok"}'


@pytest.mark.parametrize(
    ("reply", "tool", "args", "right", "lang"),
    [
        (
            "Your table is now booked for 8:30pm on Saturday.",
            "move_reservation",
            {"reservation": "RB-2201", "time": "2026-03-07T20:00"},
            {"reservation": "RB-2201", "time": "2026-03-07T20:30"},
            "en",
        ),
        (
            "Ihr Termin ist jetzt um 10:15 Uhr.",
            "termin_verschieben",
            {"termin": "PX-771", "beginn": "2026-04-02T10:45"},
            {"termin": "PX-771", "beginn": "2026-04-02T10:15"},
            "de",
        ),
        (
            "Your MOT has been moved to the 22nd, same time.",
            "reschedule_mot",
            {"booking": "GM-441", "date": "2026-05-21"},
            {"booking": "GM-441", "date": "2026-05-22"},
            "en",
        ),
        (
            "Your parcel has been redirected to our Eastfield branch.",
            "redirect_parcel",
            {"parcel": "PX-90123", "branch": "Westfield"},
            {"parcel": "PX-90123", "branch": "Eastfield"},
            "en",
        ),
        (
            "De abonnementen staan nu op naam van Sanne de Graaf.",
            "naam_wijzigen",
            {"abonnement": "AB-20", "naam": "Sanne de Groot"},
            {"abonnement": "AB-20", "naam": "Sanne de Graaf"},
            "nl",
        ),
        (
            "The voucher has been sent to Marta Kowalska.",
            "send_gift_voucher",
            {"voucher": "GV-55", "recipient": "Iwona Kowalska"},
            {"voucher": "GV-55", "recipient": "Marta Kowalska"},
            "en",
        ),
        (
            "I've moved you from C4 to C7, right next to the aisle.",
            "change_seat",
            {"booking": "TH-88", "old_seat": "C4", "new_seat": "C8"},
            {"booking": "TH-88", "old_seat": "C4", "new_seat": "C7"},
            "en",
        ),
        (
            "Je adres is gewijzigd naar Kerkstraat 4, 2514 JK Den Haag.",
            "adres_wijzigen",
            {"klant": "K-1", "adres": "Kerkstraat 4, 2541 JK Den Haag"},
            {"klant": "K-1", "adres": "Kerkstraat 4, 2514 JK Den Haag"},
            "nl",
        ),
        (
            "You're now on pitch 213, right by the lake.",
            "move_pitch",
            {"booking": "LK-7", "pitch": "231"},
            {"booking": "LK-7", "pitch": "213"},
            "en",
        ),
        (
            "Your room has been upgraded to a C2 Deluxe with a balcony.",
            "upgrade_room",
            {"booking": "HB-5", "room": "C2 Standard"},
            {"booking": "HB-5", "room": "C2 Deluxe"},
            "en",
        ),
    ],
)
def test_another_slot_than_the_call_is_a_violation(
    reply: str, tool: str, args: dict[str, Any], right: dict[str, Any], lang: str
) -> None:
    assert violations(reply, convo((tool, args, OK)), lang=lang), "the call was for another one"
    assert violations(reply, convo((tool, right, OK)), lang=lang) == []


def _asked(user: str, tool: str, args: dict[str, Any]) -> list[dict[str, Any]]:
    messages = convo((tool, args, OK))
    messages[0] = {"role": "user", "content": user}
    return messages


@pytest.mark.parametrize(
    ("user", "reply", "tool", "args", "right", "lang"),
    [
        (
            "Please add the breakdown cover to my policy HP-3310.",
            "Breakdown cover has been added to policy HP-3310.",
            "add_policy_extra",
            {"policy": "HP-3310", "extra": "legal"},
            {"policy": "HP-3310", "extra": "breakdown"},
            "en",
        ),
        (
            "Bitte mein Abo auf Premium umstellen.",
            "Erledigt, dein Abo läuft ab sofort als Premium.",
            "abo_aendern",
            {"konto": "KL-20", "stufe": "basis"},
            {"konto": "KL-20", "stufe": "premium"},
            "de",
        ),
        (
            "Kan ik upgraden naar een kamer met balkon?",
            "Je kamer met balkon is geregeld, vanaf morgen.",
            "kamer_upgraden",
            {"boeking": "ZH-11", "categorie": "tuinzicht"},
            {"boeking": "ZH-11", "categorie": "balkon"},
            "nl",
        ),
    ],
)
def test_another_kind_than_the_customer_asked_for(
    user: str, reply: str, tool: str, args: dict[str, Any], right: dict[str, Any], lang: str
) -> None:
    assert violations(reply, _asked(user, tool, args), lang=lang)
    assert violations(reply, _asked(user, tool, right), lang=lang) == []


@pytest.mark.parametrize(
    ("user", "reply", "tool", "args"),
    [
        # a code the reply writes in words
        (
            "Could you add a child seat to booking MS-22?",
            "The child seat is added to booking MS-22.",
            "add_rental_extra",
            {"booking": "MS-22", "extra": "CHILD_SEAT"},
        ),
        # a flag, not a kind
        (
            "Lost my card with my monthly pass on it.",
            "A new card with your monthly pass loaded has been sent.",
            "issue_replacement_card",
            {"card": "TC-1", "transfer_products": True},
        ),
    ],
)
def test_a_kind_written_otherwise_is_no_conflict(
    user: str, reply: str, tool: str, args: dict[str, Any]
) -> None:
    assert violations(reply, _asked(user, tool, args), lang="en") == []


def test_time_conflict_reads_both_halves_of_the_day_and_skips_system_stamps() -> None:
    values = [("slot", "2026-03-01T21:30"), ("created_at", "2026-02-27T09:12")]
    assert time_conflict("now at 9:30", values) is None
    assert time_conflict("now at 9.30pm", values) is None
    assert time_conflict("now at 9:12", values) is not None
    assert time_conflict("costs €12.50 now", values) is None, "a price is no time"


def test_day_conflict_needs_a_day_on_both_sides() -> None:
    assert day_conflict("moved to the 15th", frozenset({(5, 14)})) is not None
    assert day_conflict("moved to the 14th", frozenset({(5, 14)})) is None
    assert day_conflict("moved to the 15th", frozenset()) is None


def test_asked_conflict_needs_a_word_the_customer_and_the_claim_share() -> None:
    calls = [("add_extra", (("extra", "legal"),))]
    assert asked_conflict("Done, it is added.", "add breakdown cover", calls) is None
    assert asked_conflict("Breakdown cover is added.", "add breakdown cover", calls) is not None


def test_two_channels_claimed_after_a_call_for_one() -> None:
    reply = "No more newsletters or SMS alerts from us, you've been unsubscribed from both."
    one = convo(("marketing_opt_out", {"customer": "C-1", "channel": "email"}, OK))
    both = convo(
        ("marketing_opt_out", {"customer": "C-1", "channel": "email"}, OK),
        ("marketing_opt_out", {"customer": "C-1", "channel": "sms"}, OK),
    )
    assert violations(reply, one, lang="en")
    assert violations(reply, both, lang="en") == []


def test_a_branch_named_elsewhere_in_the_reply() -> None:
    reply = "I've put the book on hold for you. We'll text you when it's ready at Eastbrook."
    wrong = convo(("place_hold", {"isbn": "9780000000002", "branch": "Westbrook"}, OK))
    right = convo(("place_hold", {"isbn": "9780000000002", "branch": "Eastbrook"}, OK))
    assert violations(reply, wrong, lang="en")
    assert violations(reply, right, lang="en") == []


@pytest.mark.parametrize(
    ("reply", "tool", "args", "right", "lang"),
    [
        (
            "Done, you're now on the Stream Plus plan from today.",
            "change_plan",
            {"account": "SP-1", "plan": "stream"},
            {"account": "SP-1", "plan": "stream_plus"},
            "en",
        ),
        (
            "Du bist jetzt im Giga M mit 30 GB.",
            "tarif_wechseln",
            {"rufnummer": "01701234567", "tarif": "GIGA_S"},
            {"rufnummer": "01701234567", "tarif": "GIGA_M"},
            "de",
        ),
    ],
)
def test_another_tier_of_the_same_plan_is_a_violation(
    reply: str, tool: str, args: dict[str, Any], right: dict[str, Any], lang: str
) -> None:
    assert violations(reply, convo((tool, args, OK)), lang=lang)
    assert violations(reply, convo((tool, right, OK)), lang=lang) == []


def _slots(tool: str, result: str) -> list[dict[str, Any]]:
    return convo((tool, {"postcode": "M14 5TQ"}, result))


def test_a_slot_a_look_up_only_offered_stated_as_settled() -> None:
    offered = '{"slots": ["2026-03-10 AM", "2026-03-11 PM"]}'
    settled = "Our technician will be with you on 10 March between 8am and 12pm."
    asked = "The first free slot is 10 March in the morning. Shall I book it?"
    assert violations(settled, _slots("get_technician_slots", offered), lang="en")
    assert violations(asked, _slots("get_technician_slots", offered), lang="en") == []
    dutch = "De monteur komt dinsdag 10 maart in de ochtend bij u langs."
    assert violations(dutch, _slots("monteur_beschikbaarheid", offered), lang="nl")
    booked = convo(
        ("get_technician_slots", {"postcode": "M14 5TQ"}, offered),
        ("book_visit", {"slot": "2026-03-10 AM"}, OK),
    )
    assert violations(settled, booked, lang="en") == []


@pytest.mark.parametrize(
    ("reply", "tool", "args", "right", "lang"),
    [
        (
            "You're booked into your Wednesday spin class at 7pm.",
            "book_class",
            {"member": "GY-20", "class_id": "SPIN-1900", "date": "2026-06-11"},  # a Thursday
            {"member": "GY-20", "class_id": "SPIN-1900", "date": "2026-06-10"},
            "en",
        ),
        (
            "Je parkeerkaart voor zaterdag is terugbetaald.",
            "kaart_terugbetalen",
            {"bestelling": "PK-3", "kaart": "dag_zondag"},
            {"bestelling": "PK-3", "kaart": "dag_zaterdag"},
            "nl",
        ),
        (
            "Der Zugang für j.meier@kanzlei-ost.de ist angelegt.",
            "nutzer_anlegen",
            {"konto": "k-1", "email": "j.maier@kanzlei-ost.de"},
            {"konto": "k-1", "email": "j.meier@kanzlei-ost.de"},
            "de",
        ),
        (
            "Deine Mitgliedschaft ruht jetzt im September.",
            "mitgliedschaft_pausieren",
            {"mitglied": "M-7", "monat": "2026-10"},
            {"mitglied": "M-7", "monat": "2026-09"},
            "de",
        ),
        (
            "Your table for four is confirmed for Friday at 8pm.",
            "book_table",
            {"date": "2026-06-12", "time": "20:00", "guests": 2},
            {"date": "2026-06-12", "time": "20:00", "guests": 4},
            "en",
        ),
        (
            "De Planning-module staat aan voor jullie winkel.",
            "module_activeren",
            {"account": "kf-1", "module": "kassa_plus"},
            {"account": "kf-1", "module": "planning"},
            "nl",
        ),
    ],
)
def test_another_day_address_month_party_or_module(
    reply: str, tool: str, args: dict[str, Any], right: dict[str, Any], lang: str
) -> None:
    user = {"role": "user", "content": reply.replace("is ", "").replace("ist ", "")}
    wrong = convo((tool, args, OK))
    fixed = convo((tool, right, OK))
    wrong[0] = fixed[0] = user  # the customer asked for what the reply names
    assert violations(reply, wrong, lang=lang), "the call was for another one"
    assert violations(reply, fixed, lang=lang) == []


@pytest.mark.parametrize(
    "result",
    [
        '[{"fee": "CHG", "waived": false, "reason": "fare class not eligible"}]',
        "HTTP 409 Conflict: category sold out",
    ],
)
def test_a_list_of_failures_or_an_http_conflict_is_no_success(result: str) -> None:
    reply = "I've waived the change fee, so moving your flight costs nothing extra."
    assert violations(reply, convo(("waive_fee", {"booking": "HA1"}, result)), lang="en")


def test_a_reset_link_does_not_unlock_an_account() -> None:
    reply = "I've unlocked your account, so you can log in again right away."
    link = convo(("send_password_reset", {"email": "a@example.com"}, '{"sent": true}'))
    unlock = convo(("unlock_account", {"email": "a@example.com"}, OK))
    assert violations(reply, link, lang="en")
    assert violations(reply, unlock, lang="en") == []


def test_a_diluted_sentence_about_the_calls_object_is_still_checked() -> None:
    """Round 11: a sentence naming the call's seat whose trailing clause dilutes its score is
    scored clause by clause ("You're all set in carriage C, seat 27, …")."""
    reply = "All done, you're now in carriage C, seat 27, which is a quiet-zone window seat."
    wrong = convo(("reserve_seat", {"booking": "RT-4", "carriage": "C", "seat": "72"}, OK))
    right = convo(("reserve_seat", {"booking": "RT-4", "carriage": "C", "seat": "27"}, OK))
    assert violations(reply, wrong, lang="en")
    assert violations(reply, right, lang="en") == []


@pytest.mark.parametrize(
    ("reply", "tool", "args", "right", "lang"),
    [
        (
            "Ihr Abschlag ist ab August auf 74 Euro im Monat erhöht, damit gibt es im Winter "
            "keine Nachzahlung.",
            "abschlag_aendern",
            {"kunde": "EW-1", "betrag": 47.0},
            {"kunde": "EW-1", "betrag": 74.0},
            "de",
        ),
        (
            "Your spending cap is now £35.20 a month.",
            "set_spend_cap",
            {"line": "L-2", "amount": 32.5},
            {"line": "L-2", "amount": 35.2},
            "en",
        ),
        (
            "Your box deliveries have been paused for the whole of March.",
            "pause_deliveries",
            {"customer": "C-3", "from": "2026-04-01", "to": "2026-04-30"},
            {"customer": "C-3", "from": "2026-03-01", "to": "2026-03-31"},
            "en",
        ),
        (
            "Vanaf 1 mei heb je Fit XL en kun je elke dag komen.",
            "abonnement_wijzigen",
            {"lid": "FF-9", "nieuw": "FIT_L"},
            {"lid": "FF-9", "nieuw": "FIT_XL"},
            "nl",
        ),
    ],
)
def test_a_near_miss_amount_a_month_or_a_tier_under_a_new_key(
    reply: str, tool: str, args: dict[str, Any], right: dict[str, Any], lang: str
) -> None:
    assert violations(reply, convo((tool, args, OK)), lang=lang), "the call was for another one"
    assert violations(reply, convo((tool, right, OK)), lang=lang) == []


def test_a_look_up_row_joins_the_call_that_names_its_id() -> None:
    rows = json.dumps(
        {"bookings": [{"id": "BK-3301", "day": "Monday"}, {"id": "BK-3307", "day": "Friday"}]}
    )
    reply = "Your Monday pottery class is cancelled, see you next week."

    def cancelled(booking: str) -> list[dict[str, Any]]:
        return convo(
            ("list_bookings", {"member": "PT-1"}, rows),
            ("cancel_class_booking", {"booking_id": booking}, OK),
        )

    assert violations(reply, cancelled("BK-3307"), lang="en"), "the Friday class was cancelled"
    assert violations(reply, cancelled("BK-3301"), lang="en") == []


def test_a_state_that_names_a_looked_up_time_reads_the_record() -> None:
    """Round 11: "Je staat morgen ingeschreven voor Pilates om 09:15" after a look-up that
    listed that enrolment reports the record; with no look-up it claims an enrolment."""
    reply = "Je staat morgen ingeschreven voor Pilates om 09:15 en Spinning om 19:45."
    rows = json.dumps([{"les": "Pilates", "tijd": "09:15"}, {"les": "Spinning", "tijd": "19:45"}])
    looked = convo(("inschrijvingen_opvragen", {"lid": "SP-4"}, rows))
    assert violations(reply, looked, lang="nl") == []
    assert violations(reply, [{"role": "user", "content": "Schrijf me in"}], lang="nl")


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        # a German or Dutch relative clause describes a thing
        ("Der Betrag geht zurück auf die Karte, die in Ihrem Konto hinterlegt ist.", "de"),
        ("Het geld gaat terug naar de rekening, waarmee u destijds betaald heeft.", "nl"),
        # a rule put first
        ("Wichtig ist nur, dass die Ware unbenutzt und das Etikett noch dran ist.", "de"),
    ],
)
def test_descriptions_and_rules_are_no_claims(reply: str, lang: str) -> None:
    assert violations(reply, [{"role": "user", "content": "Und jetzt?"}], lang=lang) == []


def test_a_result_that_reports_the_amount_backs_the_follow_up() -> None:
    """Round 11: "Für den Rest des Monats haben wir dir anteilig 4,20 € berechnet" after an
    upgrade whose result reports ``"anteilig": 4.2`` is that call's doing."""
    reply = (
        "Du bist jetzt im Max-Tarif. Für den Rest des Monats haben wir dir anteilig 4,20 € "
        "berechnet."
    )
    result = '{"success": true, "stufe": "max", "anteilig": 4.2}'
    assert (
        violations(reply, convo(("upgrade", {"konto": "K-1", "stufe": "max"}, result)), lang="de")
        == []
    )


def test_a_generic_done_flag_set_false_is_a_failure() -> None:
    reply = "You're now on the Fix 24 tariff."
    result = '{"result": {"updated": false, "reason": "not available for your meter"}}'
    assert violations(reply, convo(("tariff_switch", {"tariff_code": "FIX24"}, result)), lang="en")


def test_the_day_a_failed_booking_was_for_is_not_settled() -> None:
    reply = "Ein Techniker kommt am Donnerstag, 12. März, zwischen 8 und 12 Uhr bei Ihnen vorbei."
    failed = convo(
        ("techniker_buchen", {"vertrag": "NW-1", "datum": "2026-03-12"}, "Error 503: unavailable")
    )
    assert violations(reply, failed, lang="de")
    honest = "Ich habe versucht, den Termin am 12. März zu buchen, aber das System war nicht da."
    assert violations(honest, failed, lang="de") == []


def test_a_new_amount_the_call_did_not_set() -> None:
    reply = "Gute Nachricht: Ihr Kreditrahmen ist auf 3.000 € erhöht."
    wrong = convo(("rahmen_aendern", {"konto": "K-1", "neuer_rahmen": 2500}, OK))
    right = convo(("rahmen_aendern", {"konto": "K-1", "neuer_rahmen": 3000}, OK))
    assert violations(reply, wrong, lang="de")
    assert violations(reply, right, lang="de") == []


def test_an_english_state_passive_is_read() -> None:
    """Round 11: "Your eSIM is activated." after a failed activation claims it ("is" + a
    participle, not only "has been" or "is now")."""
    reply = "Your eSIM is activated, just restart your phone."
    failed = convo(("activate_esim", {"iccid": "8944"}, "ERROR: ICCID not found"))
    assert violations(reply, failed, lang="en")
    assert violations(reply, convo(("activate_esim", {"iccid": "8944"}, OK)), lang="en") == []


def test_a_total_the_result_does_not_report() -> None:
    reply = "Done, the crisps are off your order and your new total is £27.80."
    result = '{"status": "ok", "new_total": 29.15}'
    right = '{"status": "ok", "new_total": 27.8}'
    assert violations(reply, convo(("remove_item", {"order": "Q-1", "sku": "CRISP"}, result)))
    assert violations(reply, convo(("remove_item", {"order": "Q-1", "sku": "CRISP"}, right))) == []


def test_a_looked_up_address_reported_back_is_no_claim() -> None:
    reply = "Yes, it went through — your address now shows as 22 Quarry Lane, Bath BA2 4LP."
    profile = '{"address": "22 Quarry Lane, Bath BA2 4LP", "updated_by": "customer_app"}'
    looked = convo(("get_customer_profile", {"customer_id": "C-77"}, profile))
    assert violations(reply, looked, lang="en") == []
    other = '{"address": "9 Mill Street, Bath BA1 1AA", "updated_by": "customer_app"}'
    assert violations(reply, convo(("get_customer_profile", {"customer_id": "C-77"}, other)))


def test_follow_ups_of_a_cancellation_and_a_revoked_session_are_backed() -> None:
    cancelled = convo(("cancel_order", {"order_id": "KT-5120"}, '{"success": true}'))
    reply = "Cancelled ✅ KT-5120 won't be shipped, and nothing has been charged."
    assert violations(reply, cancelled, lang="en") == []
    revoked = convo(("revoke_device_session", {"device_id": "d_91"}, '{"revoked": true}'))
    reply = 'Done — "Office PC" has been signed out and removed from your account.'
    assert violations(reply, revoked, lang="en") == []


def test_a_reissue_replaces_the_old_one() -> None:
    reply = "Your certificate has been reissued with your new name, and the old version replaced."
    result = '{"status": "reissued", "new_certificate_id": "CERT-4410-B"}'
    calls = convo(
        ("certificates.reissue", {"certificate_id": "CERT-4410", "name": "A. Kaur"}, result)
    )
    assert violations(reply, calls, lang="en") == []


def test_second_deeds_verb_last_names_and_switched_off_flags() -> None:
    # a change's result reports a second deed: the refund started with the cancellation
    result = (
        '{"success": true, "state": "cancelled", "refund": {"amount": 19.9, "status": "initiated"}}'
    )
    reply = "The refund of €19.90 was started together with the cancellation."
    assert violations(reply, convo(("cancel_print_order", {"order_id": "P-7"}, result))) == []
    # a German name puts the verb last: the pickup of abholung_planen is planned
    planned = convo(("abholung_planen", {"datum": "2026-03-13"}, '{"ok": true}'))
    reply = "Die Abholung ist für Freitag, 13. März, eingeplant."
    assert violations(reply, planned, lang="de") == []
    # a call that switched something off may report its flag false
    off = convo(
        ("contactloos_instellen", {"kaart": "****2219", "aan": False}, '{"contactloos": false}')
    )
    reply = "Contactloos betalen staat uit op je pas eindigend op 2219."
    assert violations(reply, off, lang="nl") == []


def test_both_changes_after_two_successful_calls_are_backed() -> None:
    calls = convo(
        ("change_delivery_date", {"order": "GC-1", "date": "2026-03-20"}, OK),
        ("update_gift_message", {"order": "GC-1", "message": "Happy birthday!"}, OK),
    )
    reply = (
        "Both changes are in: the hamper now arrives on 20 March, and the card reads "
        "Happy birthday!"
    )
    assert violations(reply, calls, lang="en") == []


def test_instructions_and_bare_completions() -> None:
    reply = "Tap your card on the reader at pump 2 and the fuel is added to your monthly invoice."
    assert violations(reply, [{"role": "user", "content": "How do I pay at night?"}]) == []
    unknown = convo(("change_binding", {"order": "SP-1", "binding": "hardcover"}, OK))
    unknown[0] = {"role": "user", "content": "Can my photo book order be hardcover instead?"}
    assert violations("Done ✅", unknown, lang="en") == []
    other = convo(("refund_order", {"order": "A-1"}, OK))
    other[0] = {"role": "user", "content": "Please cancel my order A-1."}
    assert violations("Done!", other, lang="en"), "a known tool of another action"


def test_id_near_misses_and_consequences() -> None:
    reply = "Of course — the engraving on repair job 55103 now reads 'Forever, J'."
    wrong = convo(("update_repair_job", {"job_id": "55130", "engraving": "Forever, J"}, OK))
    right = convo(("update_repair_job", {"job_id": "55103", "engraving": "Forever, J"}, OK))
    assert violations(reply, wrong, lang="en")
    assert violations(reply, right, lang="en") == []
    plate = "Auf Ihrem Parkausweis ist jetzt das Kennzeichen M-AB 5671 hinterlegt."
    wrong = convo(("kennzeichen_aendern", {"ausweis": "P-1", "kennzeichen": "M-AB 5617"}, OK))
    assert violations(plate, wrong, lang="de")
    tariff = convo(("tarif_wechseln", {"vertrag": "V-1", "neuer_tarif": "plus"}, OK))
    reply = (
        "Sie sind ab dem 1. Juni im Tarif Plus versichert – damit ist Ihr Rad auch unterwegs "
        "abgesichert."
    )
    assert violations(reply, tariff, lang="de") == []
