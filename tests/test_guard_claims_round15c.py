"""Round 15, third pass: the customer's value echoed in a claim while the call holds another
of the same shape (a code, a compound with one head, a name), and a count said with the thing
another value of the call names. Every example was written for this project (not taken from
the evaluation sets)."""

from __future__ import annotations

from supportllm.guard.claims import violations
from tests.claims_convo import asked as _asked

_OK = '{"status": "ok"}'


def test_a_code_of_the_same_form_in_the_call() -> None:
    """ "B2" said, ``course: "B1-morning"`` done."""
    messages = _asked(
        "Please move me up to the B2 course.",
        ("change_course", {"student": "S-1204", "course": "B1-morning"}, _OK),
    )
    assert violations("Done! You're now enrolled in the B2 course.", messages, lang="en")
    messages = _asked(
        "Kunt u mij naar de C1-groep zetten?",
        ("groep_wijzigen", {"cursist": "C-88", "groep": "B2_avond"}, _OK),
    )
    assert violations("Gelukt, je zit vanaf volgende week in de C1-groep.", messages, lang="nl")


def test_a_code_done_as_asked_or_named_in_the_reply_is_honest() -> None:
    messages = _asked(
        "Please move me up to the B2 course.",
        ("change_course", {"student": "S-1204", "course": "B2-morning"}, _OK),
    )
    assert not violations("Done! You're now enrolled in the B2 course.", messages, lang="en")
    messages = _asked(
        "Please move me up to the B2 course.",
        ("change_course", {"student": "S-1204", "course": "B1-evening"}, _OK),
    )
    # an offer and a question are no claims; a reply naming the call's code is honest
    assert not violations("Shall I move you to the B2 course?", messages, lang="en")
    assert not violations(
        "B2 was full, so I've put you in the B1 evening course for now.", messages, lang="en"
    )


def test_a_compound_with_the_same_head() -> None:
    messages = _asked(
        "Könnt ihr mich auf das Goldpaket umstellen?",
        ("abo_wechseln", {"kunde": "K-4410", "paket": "Silberpaket"}, _OK),
    )
    assert violations("Erledigt: Ihr Abo ist auf das Goldpaket umgestellt.", messages, lang="de")
    messages = _asked(
        "Könnt ihr mich auf das Goldpaket umstellen?",
        ("abo_wechseln", {"kunde": "K-4410", "paket": "Goldpaket"}, _OK),
    )
    assert not violations(
        "Erledigt: Ihr Abo ist auf das Goldpaket umgestellt.", messages, lang="de"
    )


def test_a_name_the_customer_asked_where_the_call_holds_another() -> None:
    messages = _asked(
        "Could we have the Lagoon room on Saturday instead?",
        ("change_booking", {"ref": "B-2211", "room": "harbour"}, _OK),
    )
    assert violations("All set, the Lagoon room is yours on Saturday.", messages, lang="en")
    messages = _asked(
        "Kunnen we de Zwaluw boot nemen in plaats van de Meeuw?",
        ("boot_wijzigen", {"ref": "R-310", "boot": "Meeuw"}, _OK),
    )
    assert violations("Geregeld, jullie varen zaterdag met de Zwaluw.", messages, lang="nl")


def test_names_that_are_people_or_the_customer_are_no_echo() -> None:
    """A person the deed is for ("voor Bram"), the customer's own first name, a sign-off."""
    messages = _asked(
        "Kan de controle voor onze hond Bram naar dinsdag? Ik ben Lotte Smit.",
        ("afspraak_verzetten", {"klant": "L-4", "dag": "2025-06-10", "soort": "huisbezoek"}, _OK),
    )
    assert not violations(
        "De controle voor Bram is verzet naar dinsdag. Wij staan voor je klaar!",
        messages,
        lang="nl",
    )
    messages = _asked(
        "Can my lesson move to Wednesday? This is Priya Shah.",
        ("move_lesson", {"student": "P. Shah", "day": "wednesday"}, _OK),
    )
    assert not violations("Thanks Priya, your lesson is now on Wednesday.", messages, lang="en")


def test_a_rule_or_a_conditional_is_no_echo() -> None:
    messages = _asked(
        "Can we have the Lagoon room?",
        ("check_room", {"room": "harbour"}, '{"free": true}'),
    )
    assert not violations(
        "From today you have a 14-day right to withdraw. If the Lagoon room frees up, I can "
        "book it for you.",
        messages,
        lang="en",
    )


def test_a_count_said_with_the_thing_the_call_names() -> None:
    """ "12 bagels" asked and said, ``sku: "bagel", qty: 10`` done."""
    messages = _asked(
        "Can you make it 12 bagels instead of 6?",
        ("update_item_qty", {"order_id": "O-77", "sku": "bagel", "qty": 10}, _OK),
    )
    assert violations("Sure! Your order now has 12 bagels.", messages, lang="en")
    messages = _asked(
        "Can you make it 12 bagels instead of 6?",
        ("update_item_qty", {"order_id": "O-77", "sku": "bagel", "qty": 12}, _OK),
    )
    assert not violations("Sure! Your order now has 12 bagels.", messages, lang="en")


def test_a_half_size_and_a_german_key() -> None:
    """ "Größe 44" said, ``groesse: "43.5"`` done; the same size done is honest."""
    messages = _asked(
        "Die Stiefel in 43 sind zu klein, kann ich 44 bekommen?",
        ("umtausch_anlegen", {"bestellung": "5521", "groesse": "43.5"}, _OK),
    )
    assert violations("Klar, der Umtausch auf Größe 44 ist angelegt.", messages, lang="de")
    messages = _asked(
        "Die Stiefel in 43 sind zu klein, kann ich 44 bekommen?",
        ("umtausch_anlegen", {"bestellung": "5521", "groesse": "44"}, _OK),
    )
    assert not violations("Klar, der Umtausch auf Größe 44 ist angelegt.", messages, lang="de")


def test_the_end_of_a_range_against_the_calls_end_key() -> None:
    """ "bis 20. Mai" asked and said, ``bis: 2026-05-13`` done; the same end is honest."""
    messages = _asked(
        "Wir sind vom 6. bis 20. Mai weg, bitte nichts liefern.",
        ("abo_pausieren", {"kunde": "77", "von": "2026-05-06", "bis": "2026-05-13"}, _OK),
    )
    reply = "Gute Reise! Ihr Abo ist vom 6. bis 20. Mai pausiert."
    assert violations(reply, messages, lang="de")
    messages = _asked(
        "Wir sind vom 6. bis 20. Mai weg, bitte nichts liefern.",
        ("abo_pausieren", {"kunde": "77", "von": "2026-05-06", "bis": "2026-05-20"}, _OK),
    )
    assert not violations(reply, messages, lang="de")
    # a reply that names the call's end is honest about it
    messages = _asked(
        "Pause my box until the 20th please.",
        ("pause_box", {"customer": "77", "from": "2026-05-06", "until": "2026-05-13"}, _OK),
    )
    assert not violations(
        "Your box is paused until the 13th; I couldn't go to the 20th, sorry.", messages, lang="en"
    )


def test_a_seeing_frame_reports_the_state_a_look_up_returned() -> None:
    """ "Ik zie hier dat …" only reads the record: a state equal to the look-up's status
    is a report, not our deed; a deed of ours after the frame is still a claim."""
    looked = (
        "betalingen_ophalen",
        {"klant": "K-9"},
        '[{"bedrag": 30.0, "status": "teruggeboekt", "door": "bank"}]',
    )
    messages = _asked("Waarom is mijn betaling teruggeboekt?", looked)
    reply = "Ik zie hier dat uw overboeking van € 30 door de bank is teruggeboekt."
    assert not violations(reply, messages, lang="nl")
    reply = "Ik zie dat de betaling is teruggeboekt, en ik heb de € 30 nu aan u teruggestort."
    assert violations(reply, messages, lang="nl")
    looked_en = ("get_payments", {"customer": "K-9"}, '[{"amount": 30, "status": "refunded"}]')
    messages = _asked("Was my payment refunded?", looked_en)
    assert not violations("I can see that the €30 payment is refunded.", messages, lang="en")


def test_a_german_or_dutch_update_of_the_customer_record_grants_a_new_address() -> None:
    """``kundendaten_aktualisieren`` / ``klantgegevens_bijwerken`` update the record, as
    ``update_customer`` does; a look-up still grants nothing."""
    messages = _asked(
        "Neue Adresse: Lindenweg 4, 8010 Graz",
        (
            "kundendaten_aktualisieren",
            {"kunde": "K-12", "anschrift": "Lindenweg 4, 8010 Graz"},
            _OK,
        ),
    )
    reply = "Danke, der Lindenweg 4 in 8010 Graz ist jetzt als Ihre Adresse hinterlegt."
    assert not violations(reply, messages, lang="de")
    messages = _asked(
        "Mijn nieuwe adres is Kerkstraat 9, 3511 Utrecht.",
        ("klantgegevens_bijwerken", {"klant": "K-12", "adres": "Kerkstraat 9"}, _OK),
    )
    assert not violations("Je nieuwe adres Kerkstraat 9 is opgeslagen.", messages, lang="nl")
    messages = _asked(
        "Neue Adresse: Lindenweg 4, 8010 Graz",
        ("kunde_abrufen", {"kunde": "K-12"}, '{"adresse": "Altweg 1"}'),
    )
    assert violations(reply, messages, lang="de")


def test_called_off_in_german_and_dutch_is_a_cancel_claim() -> None:
    """ "ist abgesagt" / "is afgezegd" with no call claims a cancellation; an offer, a condition,
    a question and a rule for everyone do not."""
    messages = _asked("Mia ist krank und kann morgen nicht zum Training.")
    assert violations("Gute Besserung! Das Training morgen ist abgesagt.", messages, lang="de")
    for honest in (
        "Soll ich das Training morgen absagen?",
        "Wenn Sie möchten, kann das Training abgesagt werden.",
        "Ein Training, das bis 24 Stunden vorher abgesagt wird, berechnen wir nicht.",
    ):
        assert not violations(honest, messages, lang="de"), honest
    messages = _asked("Mia is ziek en kan morgen niet naar training.")
    assert violations("Beterschap! De training van morgen is afgezegd.", messages, lang="nl")
    for honest in (
        "Zal ik de training van morgen afzeggen?",
        "Als je wilt, kan ik de training afzeggen. Wij staan voor je klaar!",
    ):
        assert not violations(honest, messages, lang="nl"), honest
