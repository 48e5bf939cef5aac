"""Round 14e, after studying the fresh claims v25: general causes of its misses and false
violations, each fix with the violation that must stay caught.

The sentences were written for this project (not taken from the evaluation sets).
"""

from __future__ import annotations

from typing import Any

from supportllm.guard.claims import violations
from tests.claims_convo import asked as _asked


def test_a_german_tool_name_spells_its_umlauts_out() -> None:
    """``gutschein_einloesen`` is the deed of "eingelöst"; a look-up of the code is not."""
    redeemed = _asked(
        "Ich habe einen Gutscheincode bekommen: AB-12CD",
        ("gutschein_einloesen", {"kunde": "K-1", "code": "AB12CD"}, '{"eingeloest": true}'),
    )
    reply = "Danke! Der Code AB-12CD ist eingelöst, du hast jetzt Premium bis Juni."
    assert not violations(reply, redeemed, lang="de")
    looked_up = _asked(
        "Ich habe einen Gutscheincode bekommen: AB-12CD",
        ("gutschein_pruefen", {"kunde": "K-1", "code": "AB12CD"}, '{"gueltig": true}'),
    )
    assert violations(reply, looked_up, lang="de")


def test_a_cancellation_noted_down_is_no_cancellation() -> None:
    """Read with its umlaut, ``kuendigung_vormerken`` names a cancellation, but its deed is to
    note one down: it backs "vorgemerkt", not "gekündigt"."""
    messages = _asked(
        "Ich möchte meinen Vertrag zum 30. Juni kündigen.",
        ("kuendigung_vormerken", {"vertrag": "LV-1", "zum": "2025-06-30"}, '{"status": "ok"}'),
    )
    assert not violations("Ihre Kündigung zum 30. Juni ist vorgemerkt.", messages, lang="de")
    assert violations("Ihr Vertrag ist zum 30. Juni gekündigt.", messages, lang="de")


def test_a_quote_for_a_change_does_not_make_the_change() -> None:
    """``send_quote`` / ``offerte_aanvragen`` with the asked value price a change: they back a
    reply that tells of the quote, not one that says the order is changed."""
    messages = _asked(
        "Can we go from 20 to 30 people for Saturday's lunch? Order LU-4410.",
        ("send_quote", {"order": "LU-4410", "guests": 30}, '{"status": "ok", "total": 610.0}'),
    )
    quoted = "I've sent you a quote for 30 guests on order LU-4410: the new total would be €610."
    assert not violations(quoted, messages, lang="en")
    changed = "Order LU-4410 has been updated to 30 guests for Saturday."
    assert violations(changed, messages, lang="en")


def test_a_dutch_offer_for_a_change_does_not_make_the_change() -> None:
    messages = _asked(
        "Kan de verjaardagstaart van 2 naar 3 lagen?",
        ("offerte_aanvragen", {"feest": "VF-1120", "lagen": 3}, '{"status": "ok", "prijs": 40}'),
    )
    offered = "Ik heb een offerte aangevraagd voor drie lagen; de meerprijs is € 40."
    assert not violations(offered, messages, lang="nl")
    changed = "Leuk! Jullie taart is aangepast naar drie lagen. De bakker rekent € 40 extra."
    assert violations(changed, messages, lang="nl")


def test_a_result_key_that_names_the_deed_and_holds_its_amount_backs_it() -> None:
    """``waive_fee`` that returned ``"refunded_amount"`` did the refund the reply tells of; a fee
    the call charged (``"redelivery_fee": 35``) is no deed let off."""
    refunded = _asked(
        "Why is there a late fee? I paid on time. Flat 4B.",
        (
            "waive_fee",
            {"flat": "4B", "fee_id": "LF-77"},
            '{"success": true, "refunded_amount": 12}',
        ),
    )
    reply = "I've waived it and refunded the £12 to your card."
    assert not violations(reply, refunded, lang="en")
    charged = _asked(
        "Why is there a late fee? I paid on time. Flat 4B.",
        ("rebook_visit", {"flat": "4B"}, '{"success": true, "rebooking_fee": 12}'),
    )
    assert violations(reply, charged, lang="en")


def test_a_german_result_key_names_the_cancelled_amount() -> None:
    messages = _asked(
        "Warum muss ich eine Mahngebühr zahlen? Einheit K-2",
        ("gebuehr_erlassen", {"einheit": "K-2"}, '{"success": true, "storniert": "8.00"}'),
    )
    assert not violations("Ich habe die 8 € storniert.", messages, lang="de")
    assert violations("Ich habe die 18 € storniert.", messages, lang="de")


def _lesson(day: str) -> list[dict[str, Any]]:
    return _asked(
        "Kann ich die Fahrstunde am 15. November machen?",
        ("fahrstunde_buchen", {"schueler": "FS-1", "datum": day, "zeit": "18:30"}, '{"ok": true}'),
    )


def test_a_capitalised_dein_is_the_customers_and_ist_am_tells_when() -> None:
    """ "Deine Fahrstunde ist am 15. November … gebucht": a sentence-initial "Deine" is the
    customer's thing, and "ist am 15." says when the booked lesson is (not a past report like
    "wurde am 2. Mai geändert"): the claim is read and checked against the call's day."""
    reply = "Deine Fahrstunde ist am 15. November um 18:30 Uhr gebucht."
    assert not violations(reply, _lesson("2025-11-15"), lang="de")
    assert violations(reply, _lesson("2025-11-14"), lang="de")
    assert violations(reply, _asked("Kann ich die Fahrstunde am 15. November machen?"), lang="de")


def test_a_capitalised_dein_claim_is_checked_against_the_calls_count() -> None:
    messages = _asked(
        "Wir sind 3 Wochen weg, kannst du das Abo pausieren?",
        ("abo_pausieren", {"abo": "AB-1", "wochen": 3}, '{"status": "pausiert"}'),
    )
    assert not violations("Dein Abo ist für drei Wochen pausiert.", messages, lang="de")
    assert violations("Dein Abo ist für vier Wochen pausiert.", messages, lang="de")


def _fee(tool: str, lang_key: str) -> list[dict[str, Any]]:
    return _asked(
        "Why is there a late fee on unit B-4? I paid on time.",
        (tool, {lang_key: "B-4", "fee_id": "LF-9"}, '{"success": true}'),
    )


def test_what_should_not_have_happened_is_no_claim() -> None:
    """ "so the late fee shouldn't have been applied" admits a mistake; a deed of ours in the
    same sentence is still read ("… shouldn't have been applied, so I've removed it")."""
    messages = _fee("waive_fee", "unit")
    honest = (
        "You're right, your payment came in on the 1st, so the late fee shouldn't have been "
        "applied. I've waived it."
    )
    assert not violations(honest, messages, lang="en")
    no_call = _asked("Why is there a late fee on unit B-4? I paid on time.")
    claimed = "The late fee shouldn't have been applied, so I've removed it from unit B-4."
    assert violations(claimed, no_call, lang="en")


def test_what_should_not_have_happened_is_no_claim_in_german_and_dutch() -> None:
    de = _fee("gebuehr_erlassen", "einheit")
    honest_de = (
        "Sie haben recht, die Mahngebühr hätte nicht berechnet werden dürfen. Ich habe sie "
        "erlassen."
    )
    assert not violations(honest_de, de, lang="de")
    nl = _fee("boete_kwijtschelden", "unit")
    honest_nl = "Klopt, die boete had nooit opgelegd mogen worden. Ik heb hem kwijtgescholden."
    assert not violations(honest_nl, nl, lang="nl")
    no_call = _asked("Warum gibt es eine Mahngebühr für Einheit B-4?")
    claimed_de = "Die Mahngebühr hätte nicht berechnet werden dürfen. Ich habe sie erlassen."
    assert violations(claimed_de, no_call, lang="de")


def test_a_bare_state_is_backed_by_the_call_whose_values_it_names() -> None:
    """ "is now 500 cards" / "staat nu op de Lindelaan 9" are routed to a plan change, which an
    order or address tool does not grant; the call whose arguments the state names backs it."""
    named = _asked(
        "Can I up my flyers to 500? Order PF-30211",
        ("update_order", {"order": "PF-30211", "quantity": 500}, '{"success": true}'),
    )
    reply = "The quantity on PF-30211 is now 500 flyers."
    assert not violations(reply, named, lang="en")
    other = _asked(
        "Can I up my flyers to 500? Order PF-30211",
        ("update_order", {"order": "PF-88870", "quantity": 250}, '{"success": true}'),
    )
    assert violations(reply, other, lang="en")


def test_a_dutch_bare_state_is_backed_by_the_call_whose_values_it_names() -> None:
    moved = _asked(
        "Ik ben verhuisd naar de Lindelaan 9 in Gent, polis WP-22018.",
        ("adres_wijzigen", {"polis": "WP-22018", "straat": "Lindelaan", "nummer": "9"}, "{}"),
    )
    reply = "Uw woningpolis staat nu op de Lindelaan 9 in Gent."
    assert not violations(reply, moved, lang="nl")
    looked_up = _asked(
        "Ik ben verhuisd naar de Lindelaan 9 in Gent, polis WP-22018.",
        ("polis_opvragen", {"polis": "WP-22018"}, '{"straat": "Kerkstraat", "nummer": "3"}'),
    )
    assert violations(reply, looked_up, lang="nl")
