"""Round 15, after a review of the action-claims changes: ordinary support text that the new
readings took for a claim, or a claim they let through. Each example was written for this
project (not taken from the evaluation sets)."""

from __future__ import annotations

from supportllm.guard.claims import violations
from supportllm.guard.claims_stative import stative
from tests.claims_convo import asked as _asked

_RESET = ("reset_password", {"email": "a@example.com"}, '{"ok": true}')


def test_a_sign_off_with_a_person_as_subject_is_no_state_of_a_deed() -> None:
    """ "We are always here for you" said with a verb of position."""
    messages = _asked("Ik kan niet inloggen.", _RESET)
    reply = "Je wachtwoord is gereset. Wij staan altijd voor je klaar!"
    assert not violations(reply, messages, lang="nl")
    messages = _asked("Ich komme nicht in mein Konto.", _RESET)
    reply = (
        "Ihr Passwort wurde zurückgesetzt. Bei Fragen steht unser Team jederzeit für Sie bereit."
    )
    assert not violations(reply, messages, lang="de")
    assert stative("Wir stehen jederzeit für Sie bereit.", "de") is None
    assert stative("Ons team staat altijd voor u klaar.", "nl") is None
    # a thing as the subject still reads as the state of a deed
    assert stative("Je bestelling ligt voor je klaar bij de balie.", "nl")
    assert stative("Ihr Paket liegt für Sie in der Filiale bereit.", "de")


def test_a_rule_or_a_fact_is_no_deed() -> None:
    """A rule for everyone, a price on a page, planned upkeep: nothing done for this customer."""
    messages = _asked("Wat heb ik nodig om een account te openen?")
    assert not violations("Vanaf 18 jaar heb je een ID-bewijs nodig.", messages, lang="nl")
    messages = _asked("Can I still send the order back?")
    assert not violations("From today you have a 14-day right to withdraw.", messages, lang="en")
    messages = _asked("Wo finde ich den neuen Preis?")
    assert not violations(
        "Der neue Preis steht ab dem 1. Juli auf der Website.", messages, lang="de"
    )
    messages = _asked("Waarom valt mijn internet uit?")
    reply = "Het onderhoud aan het netwerk staat gepland voor 3 juni."
    assert not violations(reply, messages, lang="nl")
    messages = _asked("Wanneer kan ik mijn pakket ophalen?")
    reply = "Het pakket ligt voor je klaar zodra we het binnen hebben."
    assert not violations(reply, messages, lang="nl")
    # the customer's own thing, placed: still a claim
    assert stative("Je afspraak staat ingepland voor dinsdag.", "nl")
    assert stative("Vanaf vandaag heb je het Plus-abonnement.", "nl")


def test_fine_by_the_customer_is_no_refusal() -> None:
    """ "Tuesday is fine for me" agrees to Tuesday; "not 100 percent sure" refuses no 100."""
    messages = _asked(
        "Can I book a check-up? Tuesday is fine for me.",
        ("book_appointment", {"day": "Tuesday"}, '{"ok": true}'),
    )
    assert not violations("Done, I've booked the appointment.", messages, lang="en")
    messages = _asked(
        "I'm not 100 percent sure it's right, but please change my address to 100 Park Road.",
        ("update_address", {"address": "100 Park Road"}, '{"ok": true}'),
    )
    reply = "Done, I've updated your address to 100 Park Road."
    assert not violations(reply, messages, lang="en")


def test_the_value_the_customer_moves_away_from_is_no_conflict() -> None:
    """ "out of Room 12" with ``from_room: "Room 12"`` names the old value, not a wrong one."""
    messages = _asked(
        "Please move me out of Room 12.",
        ("move_room", {"from_room": "Room 12", "to_room": "Room 14"}, '{"ok": true}'),
    )
    assert not violations("I've moved you out of Room 12.", messages, lang="en")
    messages = _asked(
        "Please move my booking away from the 14th.",
        ("move_booking", {"from_date": "2026-07-14", "date": "2026-07-16"}, '{"ok": true}'),
    )
    assert not violations("I've moved your booking away from the 14th.", messages, lang="en")
    messages = _asked(
        "Please take us off the list for 4 people.",
        ("change_booking", {"old_people": 4, "people": 2}, '{"ok": true}'),
    )
    assert not violations("I've changed the booking from 4 people.", messages, lang="en")


def test_a_failure_clause_does_not_cover_a_deed_said_beside_it() -> None:
    """ "I couldn't reach X, so I've rebooked Y" claims Y, with no call for it."""
    messages = _asked("Where is my parcel?")
    reply = "I couldn't reach the courier, so I've rebooked the delivery."
    assert violations(reply, messages, lang="en")


def test_a_tool_that_sends_a_cheque_is_no_look_up() -> None:
    """ "send_check" sends; "voorraad_check" looks."""
    from supportllm.guard.ledger import _LOOKUP

    assert not _LOOKUP.search("send_check")
    assert not _LOOKUP.search("issue_check")
    assert _LOOKUP.search("voorraad_check")


def test_a_compound_is_a_visitor_only_by_a_repair_or_delivery_word() -> None:
    """ "Gerätehersteller" makes, "Radfahrer" rides, an "outfitter" sells: no visit promised."""
    from supportllm.guard.claims_offers import _VISITOR

    for word in ("Gerätehersteller", "Radfahrer", "outfitter"):
        assert not _VISITOR.search(word), word
    for word in ("ruitenhersteller", "Glasreparateur", "Abholfahrer", "Paketkurier"):
        assert _VISITOR.search(word), word


def test_a_refused_number_needs_a_street_or_a_room() -> None:
    """ "to 9 Oak Road not 19" refuses 19; the call that holds 19 did what was refused."""
    messages = _asked(
        "Please change my address to 9 Oak Road not 19.",
        ("update_address", {"address": "19 Oak Road"}, '{"ok": true}'),
    )
    assert violations("Done, I've updated your address.", messages, lang="en")


def test_a_range_start_under_a_from_key_still_backs_the_day() -> None:
    """``von: 2025-07-01`` starts a range: "ab dem 1. Juli" names it, no other day."""
    messages = _asked(
        "Können Sie mein Abo ab dem 1. Juli pausieren?",
        ("abo_pausieren", {"von": "2025-07-01", "bis": "2025-07-21"}, '{"ok": true}'),
    )
    assert not violations("Erledigt, Ihr Abo ist ab dem 1. Juli pausiert.", messages, lang="de")
