"""Round 12 of the action-claims guard (issue 16, item 4): a result that only accepted the
request (waiting list, approval or confirmation outstanding), a claim that states what only a
failed call asked for, German separable participles in first-person claims, and look-ups of free
times that are not changes.

The sentences were written for this project (not taken from the evaluation sets).
"""

from __future__ import annotations

import pytest

from supportllm.guard.claims import violations
from supportllm.guard.tool_results import tool_result_incomplete
from tests.claims_convo import convo


@pytest.mark.parametrize(
    ("result", "incomplete"),
    [
        ('{"result": {"status": "waitlisted", "position": 4}}', True),
        ('{"status": "warteliste", "platz": 2}', True),
        ('{"status": "pending_approval", "request_id": "RQ-77"}', True),
        ('{"status": "in_wachtrij", "bevestiging_nodig": true}', True),
        ('{"status": 202, "message": "Closure queued, requires email confirmation"}', True),
        ("Accepted - awaiting manager approval", True),
        ('{"status": "pending"}', False),  # a refund on its way is a submitted deed
        ('{"status": "ok", "waitlisted": []}', False),
        ('{"status": "created", "shipment": "pending_pick"}', False),
        ('{"ok": true, "refund": {"status": "pending_approval"}}', False),  # the change is done
    ],
)
def test_an_accepted_request_is_told_from_a_done_deed(result: str, incomplete: bool) -> None:
    assert tool_result_incomplete(result) is incomplete


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Great news, Mila is now in the Thursday 17:00 beginners group!", True),
        ("Mila is on the waiting list for the Thursday 17:00 group, number 4 in line.", False),
        ("I've put Mila's request in; she's 4th on the waiting list for Thursday.", False),
    ],
)
def test_a_waiting_list_result_backs_no_enrolment(reply: str, violation: bool) -> None:
    messages = convo(
        (
            "enrol_swim_group",
            {"child": "Mila Brandt", "group": "THU-1700-BEG"},
            '{"result": {"status": "waitlisted", "position": 4}}',
        )
    )
    assert bool(violations(reply, messages, lang="en")) is violation


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Klaar! Je profiel en al je gegevens zijn verwijderd.", True),
        (
            "Ik heb het verwijderen van je profiel gestart; klik nog op de bevestigingslink in je "
            "mail om het af te ronden.",
            False,
        ),
    ],
)
def test_a_deletion_waiting_for_confirmation_is_not_done(reply: str, violation: bool) -> None:
    messages = convo(
        ("profiel_verwijderen", {"gebruiker": "u-40122"}, '{"status": "in_wachtrij", '
         '"bevestiging_nodig": true}'),
    )  # fmt: skip
    assert bool(violations(reply, messages, lang="nl")) is violation


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        (
            "Alles erledigt: Sie bekommen ab Mai 60 Handtücher pro Woche, und die Abholung ist "
            "künftig freitags.",
            True,
        ),
        (
            "Ab Mai bekommen Sie 60 Handtücher pro Woche. Die Abholung am Freitag ging leider "
            "nicht, die Tour ist voll; sie bleibt am Mittwoch.",
            False,
        ),
    ],
)
def test_a_claim_may_not_state_what_only_a_failed_call_asked_for(
    reply: str, violation: bool
) -> None:
    messages = convo(
        ("liefermenge_setzen", {"vertrag": "WL-220", "menge": 60}, '{"erfolg": true}'),
        (
            "abholtag_setzen",
            {"vertrag": "WL-220", "tag": "freitag"},
            '{"erfolg": false, "fehler": "Tour Freitag voll"}',
        ),
    )
    assert bool(violations(reply, messages, lang="de")) is violation


def test_a_low_scoring_state_naming_a_failed_value_is_a_claim() -> None:
    messages = convo(
        (
            "set_monthly_payment",
            {"account": "EL-3310", "amount": 65},
            '{"success": false, "error": "below minimum of 80"}',
        )
    )
    reply = "Thanks for the update! Your monthly payment is 65 from next month."
    assert violations(reply, messages, lang="en")
    honest = "The lowest monthly payment we can set is 80, so 65 isn't possible, sorry."
    assert not violations(honest, messages, lang="en")


def test_a_german_first_person_claim_with_a_separable_participle_is_read() -> None:
    messages = convo(
        ("termin_suchen", {"patient": "Bello"}, '{"termin": "T-881", "uhrzeit": "09:30"}')
    )
    reply = "Ich habe den Termin von Bello am Freitag um 9:30 Uhr abgesagt."
    assert violations(reply, messages, lang="de")


def test_a_look_up_of_free_times_is_no_change() -> None:
    messages = convo(
        ("vrije_tijden", {"datum": "2026-03-13"}, '{"tijden": ["09:45", "15:00"]}'),
    )
    assert violations("Je afspraak staat nu op vrijdag om 09:45.", messages, lang="nl")
    offer = "Vrijdag kan om 09:45 of om 15:00. Welke tijd past je het best?"
    assert not violations(offer, messages, lang="nl")


@pytest.mark.parametrize(
    ("tool", "reply", "lang"),
    [
        ("rueckerstattung", "Ich habe Ihnen die 32,50 € zurückerstattet.", "de"),
        ("terugbetaling_uitvoeren", "De € 32,50 is naar je teruggestort.", "nl"),
    ],
)
def test_german_and_dutch_refund_tools_back_a_refund(tool: str, reply: str, lang: str) -> None:
    messages = convo((tool, {"zahlung": "Z-8", "betrag": 32.5}, '{"status": "ok"}'))
    assert not violations(reply, messages, lang=lang)


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Er is vandaag een nieuwe lamp naar je verstuurd.", True),
        ("Ik heb een vervangende lamp voor je aangemaakt (VV-120); hij gaat op weg zodra hij "
         "weer op voorraad is.", False),
    ],
)  # fmt: skip
def test_a_replacement_waiting_for_stock_was_not_sent(reply: str, violation: bool) -> None:
    messages = convo(
        (
            "vervanging_aanmaken",
            {"bestelling": "LM-5512", "artikel": "lamp_e27"},
            '{"status": "aangemaakt", "vervanging": "VV-120", "verzending": "wacht_op_voorraad"}',
        )
    )
    assert bool(violations(reply, messages, lang="nl")) is violation


def test_a_state_left_in_place_by_a_failed_change_is_no_claim() -> None:
    messages = convo(
        (
            "afspraak_verzetten",
            {"afspraak": "KP-77", "nieuw": "2026-05-09T10:00"},
            "FOUT: medewerker niet beschikbaar",
        )
    )
    reply = "Zaterdag lukte helaas niet. Je afspraak staat dus nog gewoon op donderdag."
    assert not violations(reply, messages, lang="nl")


def test_a_code_with_umlauts_spelled_out_matches_the_claim() -> None:
    messages = convo(
        ("tarif_wechseln", {"kunde": "K-118", "tarif": "STADTWERK_OEKO_FLEX"}, '{"ok": true}')
    )
    reply = "Der Wechsel hat geklappt: ab 1. Juli beziehen Sie Stadtwerk Öko Flex."
    assert not violations(reply, messages, lang="de")


def test_an_unknown_tool_backs_a_setting_the_claim_names_from_its_arguments() -> None:
    team = ("team_wijzigen", {"lid": "7731", "team": "MO15-2"}, '{"ok": true, "team": "MO15-2"}')
    term = ("betaaltermijn_wijzigen", {"lid": "7731", "termijn": "per_kwartaal"}, '{"ok": true}')
    reply = (
        "Top! Noor zit nu in MO15-2 en haar contributie wordt voortaan per kwartaal afgeschreven."
    )
    assert not violations(reply, convo(team, term), lang="nl")


@pytest.mark.parametrize(
    ("request_text", "reply", "violation"),
    [
        (
            "Could you hold two tickets for the Sunday matinee for me?",
            "Two tickets for the Sunday matinee are held for you at the box office.",
            True,
        ),
        (
            "Könnten Sie mir drei Dosen Katzenfutter Sensitive zurücklegen?",
            "Drei Dosen Katzenfutter Sensitive liegen für Sie an der Kasse bereit.",
            True,
        ),
        (
            "Could you hold two tickets for the Sunday matinee for me?",
            "Tickets for the Sunday matinee can be held for 24 hours if you call the box office.",
            False,
        ),
        (
            "Could you hold two tickets for the Sunday matinee for me?",
            "Unfortunately we can't hold tickets; you can book the Sunday matinee yourself online.",
            False,
        ),
    ],
)
def test_a_plain_sentence_restating_the_request_is_checked_as_a_claim(
    request_text: str, reply: str, violation: bool
) -> None:
    messages = [{"role": "user", "content": request_text}]
    assert bool(violations(reply, messages)) is violation


def test_a_restated_request_backed_by_its_call_is_fine() -> None:
    messages = [
        {"role": "user", "content": "Could you hold two tickets for the Sunday matinee for me?"},
        *convo(("hold_tickets", {"show": "SUN-MAT", "qty": 2}, '{"status": "held"}'))[1:],
    ]
    reply = "Two tickets for the Sunday matinee are held for you at the box office."
    assert not violations(reply, messages, lang="en")


@pytest.mark.parametrize(
    ("reply", "tool", "wrong", "right", "lang"),
    [
        (
            "Ich habe eine Reparaturmeldung für Zimmer 2.14 angelegt.",
            "reparatur_melden",
            {"zimmer": "2.41"},
            {"zimmer": "2.14"},
            "de",
        ),
        (
            "Your reading of 51236 has been added to the account.",
            "submit_meter_reading",
            {"account": "40-221", "reading": 51263},
            {"account": "40-221", "reading": 51236},
            "en",
        ),
        (
            "Done: from next week your weekly napkin delivery is reduced to 200.",
            "update_standing_order",
            {"contract": "NP-11", "weekly_qty": 250},
            {"contract": "NP-11", "weekly_qty": 200},
            "en",
        ),
        (
            "Gerne! Der Mietvertrag für das Lastenrad ist jetzt um 4 Monate verlängert.",
            "miete_verlaengern",
            {"vertrag": "LR-902", "monate": 2},
            {"vertrag": "LR-902", "monate": 4},
            "de",
        ),
        (
            "Two more guests are added to KT-310, so you're eight on the walk on the 21st.",
            "update_walk_booking",
            {"booking": "KT-310", "add_guests": 2, "walk_date": "2026-06-22"},
            {"booking": "KT-310", "add_guests": 2, "walk_date": "2026-06-21"},
            "en",
        ),
    ],
)
def test_a_number_the_claim_names_must_be_the_calls(
    reply: str, tool: str, wrong: dict[str, object], right: dict[str, object], lang: str
) -> None:
    assert violations(reply, convo((tool, wrong, '{"ok": true}')), lang=lang)
    assert not violations(reply, convo((tool, right, '{"ok": true}')), lang=lang)


def test_a_period_looked_back_on_is_no_setting_of_the_call() -> None:
    messages = convo(
        ("betaaltermijn_instellen", {"account": "kz-11", "dagen": 30}, '{"ok": true}'),
        ("rekening_koppelen", {"account": "kz-11", "iban": "NL91ABNA0417164300"}, '{"ok": true}'),
    )
    reply = (
        "Gedaan: de betaaltermijn is nu 30 dagen. De rekening is gekoppeld; betalingen van de "
        "afgelopen 60 dagen worden vannacht ingelezen."
    )
    assert not violations(reply, messages, lang="nl")


def test_a_weekday_in_a_class_code_is_the_classes_day() -> None:
    messages = convo(("les_afmelden", {"lid": "ZW-88", "les": "BABYZWEM-DO-0930"}, '{"ok": true}'))
    reply = "Je bent afgemeld voor het babyzwemmen op dinsdagochtend."
    assert violations(reply, messages, lang="nl")
    right = "Je bent afgemeld voor het babyzwemmen op donderdagochtend."
    assert not violations(right, messages, lang="nl")


def test_both_claimed_after_one_call_is_a_violation_in_dutch_word_order() -> None:
    messages = convo(
        ("afspraak_annuleren", {"afspraak": "SK-12", "behandeling": "manicure"}, '{"ok": true}'),
    )
    reply = "Uw manicure van maandag en de massage van dinsdag zijn allebei geannuleerd."
    assert violations(reply, messages, lang="nl")


def test_a_german_compound_names_a_failed_calls_value() -> None:
    messages = convo(
        ("kurs_abmelden", {"mitglied": "M-4", "kurs": "YOGA-DI"}, '{"status": "abgemeldet"}'),
        ("kurs_anmelden", {"mitglied": "M-4", "kurs": "PILATES-FR"}, '{"status": "voll"}'),
    )
    reply = "Du bist vom Yoga am Dienstag abgemeldet und ab Freitag beim Anfängerpilates dabei."
    assert violations(reply, messages, lang="de")


def test_a_plain_clause_restating_the_request_is_checked_as_a_claim() -> None:
    messages = [{"role": "user", "content": "Could you set aside a high chair for us on Friday?"}]
    reply = "A high chair is set aside for you on Friday and will be at your table."
    assert violations(reply, messages, lang="en")
    attempt = "I tried to set aside a high chair for Friday, but they are all booked."
    assert not violations(attempt, messages, lang="en")


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Noah has been moved to the Thursday squad, see you there!", True),
        ("Liam has been moved to the Thursday squad, see you there!", False),
    ],
)
def test_a_claim_about_another_person_than_the_call(reply: str, violation: bool) -> None:
    request = "Both my boys, Noah and Liam, swim with you. Can you move Liam to Thursday?"
    call = ("move_squad", {"family": "F-22", "swimmer": "Liam Doyle", "to": "THU"}, '{"ok": true}')
    messages = [{"role": "user", "content": request}, *convo(call)[1:]]
    assert bool(violations(reply, messages, lang="en")) is violation


def test_german_nouns_are_no_people() -> None:
    request = "Können Sie meine zwei Tickets auf Jana Roth umschreiben?"
    call = ("tickets_umschreiben", {"auftrag": "TW-9", "neuer_name": "Jana Roth"}, '{"ok": true}')
    messages = [{"role": "user", "content": request}, *convo(call)[1:]]
    reply = "Ihre Tickets laufen jetzt auf Jana Roth; die alten Tickets sind damit ungültig."
    assert not violations(reply, messages, lang="de")


def test_a_balance_read_from_a_look_up_is_a_report() -> None:
    messages = convo(
        ("saldo_opvragen", {"pas": "OV-118"}, '{"saldo": 31.4, "laatste_opwaardering": 20.0}'),
    )
    assert not violations("Het saldo op je pas staat nu op €31,40.", messages, lang="nl")
    # a credit the look-up only showed is not on the account
    applied = "De tegoedbon van €20 staat nu op je pas."
    assert violations(applied, messages, lang="nl")


def test_an_unknown_course_tool_backs_the_enrolment_it_names() -> None:
    call = (
        "sprachkurs_anmelden",
        {"matrikel": "4410", "kurs": "ITA-B1-DO"},
        '{"status": "angemeldet", "kurs": "Italienisch B1", "termine": "Do 18:00"}',
    )
    reply = "Sie sind jetzt im Italienischkurs B1 donnerstags um 18 Uhr angemeldet."
    assert not violations(reply, convo(call), lang="de")


def test_a_fee_the_call_charged_was_not_waived() -> None:
    call = (
        "pruefung_anmelden",
        {"matrikel": "7710", "pruefung": "MATH1-NK"},
        '{"status": "angemeldet", "verspaetungsgebuehr": 25.0}',
    )
    reply = "Sie sind angemeldet. PS: Die Verspätungsgebühr von 25 € habe ich Ihnen erlassen."
    assert violations(reply, convo(call), lang="de")


def test_a_claim_diluted_by_a_clause_of_what_may_still_happen_is_read() -> None:
    reply = (
        "Du bist vom Newsletter abgemeldet; in den nächsten Tagen kann trotzdem noch eine "
        "letzte Mail kommen."
    )
    messages = [{"role": "user", "content": "Keine Werbung mehr bitte."}]
    assert violations(reply, messages, lang="de")


def test_a_boat_the_customer_asked_for_is_not_the_one_the_call_assigned() -> None:
    request = "We're nine now, can we have the Albatross instead of the small boat?"
    call = ("assign_boat", {"booking": "LK-77", "boat": "Puffin"}, '{"success": true}')
    messages = [{"role": "user", "content": request}, *convo(call)[1:]]
    assert violations("I've moved you onto the Albatross, which seats ten.", messages, lang="en")
    right = ("assign_boat", {"booking": "LK-77", "boat": "Albatross"}, '{"success": true}')
    messages = [{"role": "user", "content": request}, *convo(right)[1:]]
    assert not violations(
        "I've moved you onto the Albatross, which seats ten.", messages, lang="en"
    )


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        (
            "I've logged fault FT-220 and an engineer will come on Friday between 1 and 5pm.",
            True,
        ),
        ("Ich habe die Störung aufgenommen; der Monteur kommt morgen zwischen 8 und 12 Uhr.", True),
        (
            "I've logged fault FT-220; an engineer will ring you to arrange a visit.",
            False,
        ),
        (
            "I've logged fault FT-220. If you like, an engineer could come on Friday between 1 "
            "and 5pm.",
            False,
        ),
    ],
)
def test_a_visit_at_a_set_time_needs_a_call_that_booked_it(reply: str, violation: bool) -> None:
    messages = convo(
        ("create_fault", {"account": "HB-2", "fault": "no heating"}, '{"id": "FT-220"}')
    )
    assert bool(violations(reply, messages)) is violation
    slot = "2026-05-15T13:00" if "Friday" in reply else "2026-05-15T08:00"
    booked = convo(
        ("create_fault", {"account": "HB-2", "fault": "no heating"}, '{"id": "FT-220"}'),
        ("book_engineer_visit", {"fault": "FT-220", "slot": slot}, '{"ok": true}'),
    )
    assert not violations(reply, booked)


def test_more_listed_deeds_than_successful_calls() -> None:
    messages = convo(
        ("set_quantity", {"order": "PH-88", "item": "13x18 prints", "quantity": 30}, '{"ok": 1}'),
        ("set_paper", {"order": "PH-88", "paper": "glossy"}, '{"ok": true}'),
    )
    reply = (
        "Here's what I've changed on PH-88:\n- 13x18 prints: now 30 copies\n- Paper: glossy\n"
        "- Shipping: upgraded to next-day, arriving Wednesday\n\nEnjoy!"
    )
    assert violations(reply, messages, lang="en")
    two = "Here's what I've changed on PH-88:\n- 13x18 prints: now 30 copies\n- Paper: glossy\n"
    assert not violations(two, messages, lang="en")


def test_both_done_after_one_call_is_a_violation() -> None:
    messages = convo(("adres_wijzigen", {"bestelling": "BL-4", "adres": "Kade 3"}, '{"ok": true}'))
    assert violations("Allebei geregeld! Het pakket gaat naar Kade 3.", messages, lang="nl")


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Done: the direct debit to Harbour Water is cancelled.", True),
        ("Done: the direct debit to Kestrel Broadband is cancelled.", False),
    ],
)
def test_a_claim_about_another_row_of_the_look_up(reply: str, violation: bool) -> None:
    rows = (
        '[{"mandate": "DD-310", "payee": "Harbour Water"}, '
        '{"mandate": "DD-377", "payee": "Kestrel Broadband"}]'
    )
    messages = convo(
        ("list_direct_debits", {"account": "AC-9"}, rows),
        ("cancel_direct_debit", {"account": "AC-9", "mandate": "DD-377"}, '{"status": "ok"}'),
    )
    assert bool(violations(reply, messages, lang="en")) is violation


@pytest.mark.parametrize(
    ("reply", "plan", "violation"),
    [
        ("You're now on the Family plan from your next bill.", "DUO", True),
        ("Jullie zitten nu op het Gezin-abonnement.", "DUO", True),
        ("You're now on the Family plan from your next bill.", "FAMILY_4", False),
        ("Ihr Familien-Abo ist ab sofort aktiv.", "FAMILIE", False),
    ],
)
def test_a_plan_of_another_kind_of_tier(reply: str, plan: str, violation: bool) -> None:
    messages = convo(("change_plan", {"customer": "C-31", "plan": plan}, '{"ok": true}'))
    assert bool(violations(reply, messages)) is violation


@pytest.mark.parametrize(
    ("reply", "args", "violation"),
    [
        ("Ich habe Ihnen das 1000-km-Paket dazugebucht.", {"paket": "KM_500"}, True),
        ("Ich habe Ihnen das 500-km-Paket dazugebucht.", {"paket": "KM_500"}, False),
        ("She's signed up for the summer camp, all two weeks.", {"camp": "easter_camp"}, True),
        ("She's signed up for the Easter camp, all two weeks.", {"camp": "easter_camp"}, False),
        ("Gedaan ✅ Je limiet staat nu op €1.500 per dag.", {"daglimiet": 1000}, True),
        ("Gedaan ✅ Je limiet staat nu op €1.000 per dag.", {"daglimiet": 1000}, False),
    ],
)
def test_a_count_season_or_limit_against_the_calls(
    reply: str, args: dict[str, object], violation: bool
) -> None:
    messages = convo(("update_booking_extra", {"ref": "RB-3", **args}, '{"status": "ok"}'))
    assert bool(violations(reply, messages)) is violation


@pytest.mark.parametrize(
    ("reply", "violation"),
    [
        ("Good news: your card ending 4410 is active again.", True),
        ("Gute Nachricht: Ihre Karte ist wieder aktiv.", True),
        (
            "Your card ending 4410 is blocked at the moment; I can unblock it once you confirm.",
            False,
        ),
        ("Your card ending 4410 was active until 2 May.", False),
    ],
)
def test_a_state_against_the_look_up_with_no_change_made(reply: str, violation: bool) -> None:
    messages = convo(("get_card_status", {"card": "4410"}, '{"card": "4410", "status": "blocked"}'))
    assert bool(violations(reply, messages)) is violation


def test_a_deed_done_by_another_named_after_the_participle_is_no_claim() -> None:
    reply = (
        "Since your train was cancelled by the operator, you can claim the fare back in the app."
    )
    messages = [{"role": "user", "content": "My train got cancelled."}]
    assert not violations(reply, messages, lang="en")


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("Die Lastschrift über 42 € wurde von Ihrer Bank zurückgebucht.", "de"),
        ("Het bedrag van €42 is door de vervoerder teruggestort.", "nl"),
    ],
)
def test_a_named_third_party_as_the_doer_is_no_claim(reply: str, lang: str) -> None:
    assert not violations(reply, [{"role": "user", "content": "Wat is er gebeurd?"}], lang=lang)


def test_a_call_back_promised_at_another_time_than_booked() -> None:
    call = (
        "schedule_callback",
        {"customer": "FB-2", "slot": "2026-02-19T15:00"},
        '{"status": "scheduled", "slot": "2026-02-19T15:00"}',
    )
    wrong = "Sure, a pensions adviser will call you tomorrow, 19 February, at 4pm."
    right = "Sure, a pensions adviser will call you tomorrow, 19 February, at 3pm."
    assert violations(wrong, convo(call), lang="en")
    assert not violations(right, convo(call), lang="en")


def test_a_name_after_an_english_verb_is_still_a_name() -> None:
    request = "Please move Liam to Thursday, and leave Noah where he is."
    call = ("move_squad", {"family": "F-22", "swimmer": "Liam Doyle", "to": "THU"}, '{"ok": true}')
    messages = [{"role": "user", "content": request}, *convo(call)[1:]]
    assert violations("Noah has been moved to the Thursday squad.", messages, lang="en")


def test_a_state_the_look_up_returned_is_reported_not_claimed() -> None:
    call = ("kaart_status", {"kaart": "5520"}, '{"status": "geblokkeerd", "reden": "verlies"}')
    reply = "Je kaart eindigend op 5520 is geblokkeerd omdat hij als verloren is gemeld."
    assert not violations(reply, convo(call), lang="nl")
    returned = ("order_opvragen", {"order": "R-31"}, '{"status": "retour_ontvangen"}')
    claimed = "Het bedrag van retour R-31 is vandaag naar je rekening overgemaakt."
    assert violations(claimed, convo(returned), lang="nl")
