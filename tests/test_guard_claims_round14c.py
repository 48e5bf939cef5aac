"""Round 14c of the action-claims guard (issue 16, item 4): readings that keep honest replies
ok (a record read by "I see that", a slot said to be free, a policy for everyone, a declined
title, a name the customer gave written short, a pending result that says the deed, a deed said
twice), and checks of what the customer said against the call (a refused value, another
weekday, another amount, more things than the call did, a notice tool that did no deed) — each
in English, German or Dutch with its twin that stays a violation or stays ok.

The sentences were written for this project (not taken from the evaluation sets).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from supportllm.guard.claims import violations
from tests.claims_convo import asked as _asked


def _flagged(reply: str, messages: list[dict[str, Any]], lang: str) -> bool:
    return bool(violations(reply, messages, lang=lang))


# ------------------------------------------------------------ honest replies stay ok


@pytest.mark.parametrize(
    ("asked", "call", "reply", "lang", "violation"),
    [
        # the first person only reads the record; the bank did the deed
        (
            "Waarom staat er nog € 21,50 open?",
            (
                "betalingen_opvragen",
                {"lid": "KL-301"},
                json.dumps({"incasso": [{"bedrag": 21.5, "status": "gestorneerd"}]}),
            ),
            "Ik zie dat de incasso van 3 april door jouw bank is teruggeboekt.",
            "nl",
            False,
        ),
        (
            "Warum ist noch etwas offen?",
            ("zahlungen_abfragen", {"kunde": "KL-301"}, json.dumps({"lastschrift": "retour"})),
            "Ich sehe, dass die Lastschrift vom 3. April von Ihrer Bank zurückgebucht wurde.",
            "de",
            False,
        ),
        # twin: we are the doer, no call refunded anything
        (
            "Warum ist noch etwas offen?",
            ("zahlungen_abfragen", {"kunde": "KL-301"}, json.dumps({"lastschrift": "retour"})),
            "Ich habe die Lastschrift vom 3. April zurückgebucht.",
            "de",
            True,
        ),
        # a name the customer gave, written short by the call
        (
            "Kan mijn rijles naar vrijdag 10:00? Ik ben Sanne Bakker.",
            (
                "les_verzetten",
                {"leerling": "S. Bakker", "naar": "2025-05-16T10:00"},
                json.dumps({"status": "ok"}),
            ),
            "Top Sanne, je les staat nu op vrijdag 16 mei om 10:00.",
            "nl",
            False,
        ),
        # a result still in progress that says the very deed
        (
            "Kan de kast ook mee in de verhuizing?",
            (
                "opdracht_uitbreiden",
                {"opdracht": "VD-77", "item": "kast"},
                json.dumps({"status": "in_behandeling", "melding": "Toegevoegd, planner belt"}),
            ),
            "De kast is toegevoegd aan uw verhuisopdracht.",
            "nl",
            False,
        ),
        # twin: a pending result that does not say it
        (
            "Kan de kast ook mee in de verhuizing?",
            (
                "opdracht_uitbreiden",
                {"opdracht": "VD-77", "item": "kast"},
                json.dumps({"status": "in_behandeling"}),
            ),
            "De kast is toegevoegd aan uw verhuisopdracht.",
            "nl",
            True,
        ),
        # the deed said twice, once as a state and once with a pronoun
        (
            "Can you sign me up for the pottery class on Tuesdays?",
            (
                "enrol_student",
                {"student_id": "ST-42", "course": "POT-TUE"},
                json.dumps({"success": True}),
            ),
            "You're enrolled in the pottery class — I've just added you, so you'll get the "
            "welcome pack soon.",
            "en",
            False,
        ),
    ],
)
def test_honest_readings(
    asked: str, call: tuple[str, dict[str, Any], str], reply: str, lang: str, violation: bool
) -> None:
    assert _flagged(reply, _asked(asked, call), lang) is violation


def test_free_slot_is_a_lookup_answer() -> None:
    messages = _asked(
        "Can you move our booking to the Garden room? Same time.",
        ("check_availability", {"room": "Garden", "time": "18:00"}, json.dumps({"free": True})),
    )
    reply = "Good news, the Garden room is free at 18:00 that evening. I'll confirm the move once "
    reply += "my colleague has checked your voucher."
    assert not _flagged(reply, messages, "en")
    # twin: the move said as done
    assert _flagged("Your booking is now moved to the Garden room.", messages, "en")


def test_policy_for_everyone_is_no_deed() -> None:
    messages = _asked(
        "Waarom is mijn rekening hoger?",
        ("abonnement_info", {"nummer": "0611"}, json.dumps({"indexatie": "2025-07-01"})),
    )
    reply = (
        "De € 2 extra komt door de jaarlijkse indexatie per 1 juli, die voor alle abonnementen "
        "geldt en die we in april per mail hebben aangekondigd."
    )
    assert not _flagged(reply, messages, "nl")


def test_declined_title_is_the_same_person() -> None:
    messages = _asked(
        "Ich habe mich ausgesperrt, Ringstraße 5.",
        ("einsatz_beauftragen", {"adresse": "Ringstraße 5"},
         json.dumps({"auftrag": "E-91", "monteur": "Herr Brandt", "eta_min": 30})),
    )  # fmt: skip
    assert not _flagged("Ich habe Herrn Brandt zu Ihnen geschickt.", messages, "de")
    # twin: another title than the call's, not a declined one
    assert _flagged("Ich habe Frau Brandt zu Ihnen geschickt.", messages, "de")


# ------------------------------------------------------------ the customer against the call


@pytest.mark.parametrize(
    ("asked", "call", "reply", "lang", "violation"),
    [
        # the value the customer refused is the one the call carries
        (
            "I'll collect the van at the York branch instead of Hull. Booking VB-12.",
            (
                "transfer_booking_branch",
                {"booking": "VB-12", "branch": "Hull"},
                json.dumps({"ok": True}),
            ),
            "That's sorted — your pickup is now at our York branch, same time.",
            "en",
            True,
        ),
        # twin: the refused value is the call's old value
        (
            "I'll collect the van at the York branch instead of Hull. Booking VB-12.",
            (
                "transfer_booking_branch",
                {"booking": "VB-12", "from_branch": "Hull", "to_branch": "York"},
                json.dumps({"ok": True}),
            ),
            "That's sorted — your pickup is now at our York branch, same time.",
            "en",
            False,
        ),
        (
            "Die neue Adresse ist Lindenallee 4 in Kiel, nicht Lindenweg.",
            (
                "auftrag_aktualisieren",
                {"auftrag": "U-8", "zieladresse": "Lindenweg 4, Kiel"},
                json.dumps({"updated": True}),
            ),
            "Die Zieladresse ist jetzt Lindenallee 4 in Kiel.",
            "de",
            True,
        ),
        # another weekday than the customer asked for
        (
            "Kan Jens vanaf oktober een extra dag komen, op maandag?",
            ("opvangdag_toevoegen", {"kind": "Jens", "dag": "dinsdag"}, json.dumps({"ok": True})),
            "De maandag is vanaf oktober toegevoegd aan het contract van Jens.",
            "nl",
            True,
        ),
        # twin: the call's weekday is the one asked for
        (
            "Kan Jens vanaf oktober een extra dag komen, op maandag?",
            ("opvangdag_toevoegen", {"kind": "Jens", "dag": "maandag"}, json.dumps({"ok": True})),
            "De maandag is vanaf oktober toegevoegd aan het contract van Jens.",
            "nl",
            False,
        ),
        # another amount than the call set
        (
            "Mein Abschlag ist zu hoch. Können Sie ihn auf 80 € setzen?",
            ("abschlag_aendern", {"kunde": "E-4", "betrag": 90}, json.dumps({"status": "ok"})),
            "Ihr Abschlag beträgt ab August 80 € statt 110 €.",
            "de",
            True,
        ),
        # twin: the call's amount
        (
            "The cinema projector broke, can I get something back?",
            (
                "apply_goodwill_credit",
                {"account": "C-9", "amount": 15},
                json.dumps({"ok": True}),
            ),
            "A £15.00 credit has been applied to your account.",
            "en",
            False,
        ),
        # more things than the call did
        (
            "Kann ich meine drei Bücher verlängern?",
            (
                "ausleihe_verlaengern",
                {"leser": "L-1", "medien": ["M-1", "M-2"]},
                json.dumps({"verlaengert": ["M-1", "M-2"]}),
            ),
            "Die Leihfrist für alle drei Bücher ist bis zum 3. Juli verlängert.",
            "de",
            True,
        ),
        (
            "Kann ich meine drei Bücher verlängern?",
            (
                "ausleihe_verlaengern",
                {"leser": "L-1", "medien": ["M-1", "M-2", "M-3"]},
                json.dumps({"verlaengert": ["M-1", "M-2", "M-3"]}),
            ),
            "Die Leihfrist für alle drei Bücher ist bis zum 3. Juli verlängert.",
            "de",
            False,
        ),
        (
            "I was charged late fees in May and June by mistake.",
            ("waive_fee", {"account": "AC-7", "fee_id": "LF-05"}, json.dumps({"status": "ok"})),
            "I've waived both the May and June late fees, so your balance is clear.",
            "en",
            True,
        ),
        # a notice tool did no deed
        (
            "Can you extend my parking permit for September?",
            ("send_receipt", {"permit_id": "P-4"}, json.dumps({"status": "sent"})),
            "I've extended your permit until 30 September and emailed you the receipt.",
            "en",
            True,
        ),
        (
            "Can you send me the receipt for my permit again?",
            ("send_receipt", {"permit_id": "P-4"}, json.dumps({"status": "sent"})),
            "I've emailed you the receipt again.",
            "en",
            False,
        ),
    ],
)
def test_customer_against_call(
    asked: str, call: tuple[str, dict[str, Any], str], reply: str, lang: str, violation: bool
) -> None:
    assert _flagged(reply, _asked(asked, call), lang) is violation


@pytest.mark.parametrize(
    ("asked", "call", "reply", "lang", "violation"),
    [
        # another colour than the customer asked for
        (
            "You sent me the white mug but I ordered the blue one.",
            (
                "send_replacement",
                {"order_id": "55120", "product": "Mug 350 ml white"},
                json.dumps({"shipment": "SH-9", "status": "created"}),
            ),
            "Sorry! A blue mug is on its way to you (shipment SH-9).",
            "en",
            True,
        ),
        (
            "You sent me the white mug but I ordered the blue one.",
            (
                "send_replacement",
                {"order_id": "55120", "product": "Mug 350 ml blue"},
                json.dumps({"shipment": "SH-9", "status": "created"}),
            ),
            "Sorry! A blue mug is on its way to you (shipment SH-9).",
            "en",
            False,
        ),
        # the customer's number next to another spelling of the call's key
        (
            "Wij moeten de reservatie voor staanplaats 27 annuleren.",
            ("reservatie_annuleren", {"standplaats": "72"}, json.dumps({"status": "geannuleerd"})),
            "De reservatie van staanplaats 27 werd geannuleerd.",
            "nl",
            True,
        ),
        (
            "Wij moeten de reservatie voor staanplaats 27 annuleren.",
            ("reservatie_annuleren", {"standplaats": "27"}, json.dumps({"status": "geannuleerd"})),
            "De reservatie van staanplaats 27 werd geannuleerd.",
            "nl",
            False,
        ),
    ],
)
def test_variants_and_spellings(
    asked: str, call: tuple[str, dict[str, Any], str], reply: str, lang: str, violation: bool
) -> None:
    assert _flagged(reply, _asked(asked, call), lang) is violation
