"""Round 16: general mechanisms after the v28 set (false violations first). An id with a letter
prefix is the call's bare number; a value said as the old one ("statt 90 €") is not compared; a
state that holds *still* is no deed; *we have* + an indefinite object is an offer; a sentence
that reads back a look-up's numbers after look-ups alone is a report. The v28 example of each is
paired with examples written for this project in EN/DE/NL, and with hard negatives."""

from __future__ import annotations

from typing import Any

from supportllm.guard.claims import violations
from tests.claims_convo import asked as _asked

_OK = '{"status": "ok"}'


# --- an id with a letter prefix vs the call's bare digits -------------------------------------


def test_a_prefixed_id_is_the_calls_bare_number() -> None:
    done = '{"status": "ok", "refund_id": "RF-88121", "amount": 54.0}'
    refund = ("refund_order", {"order_id": "30417", "amount": 54.0}, done)
    messages = _asked("Order 30417 arrived wilted, I'd like my money back.", refund)
    assert not violations(
        "The €54.00 refund for ORD-30417 has gone through (reference RF-88121).",
        messages,
        lang="en",
    )
    cancel = ("buchung_stornieren", {"buchung": "88213"}, _OK)
    messages = _asked("Bitte Buchung 88213 stornieren.", cancel)
    assert not violations("Ihre Buchung BK-88213 wurde storniert.", messages, lang="de")
    cancel = ("bestelling_annuleren", {"bestelling": "55102"}, _OK)
    messages = _asked("Annuleer bestelling 55102 aub.", cancel)
    assert not violations("Bestelling NR-55102 is geannuleerd.", messages, lang="nl")


def test_other_digits_or_another_prefix_still_differ() -> None:
    refund = ("refund_order", {"order_id": "48812", "amount": 20.0}, _OK)
    messages = _asked("Refund order 48812 please.", refund)
    assert violations("I've refunded order ORD-48821.", messages, lang="en")
    refund = ("refund_order", {"order_id": "INV-30417", "amount": 20.0}, _OK)
    messages = _asked("Refund my order please.", refund)
    assert violations("I've refunded order ORD-30417.", messages, lang="en")


# --- the old value after "instead of / statt / in plaats van" ---------------------------------


def test_the_old_value_after_instead_is_not_compared() -> None:
    messages = _asked(
        "Können Sie den Besuch am Sonntag streichen?",
        ("besuch_loeschen", {"buchung": "SH-3319", "datum": "2026-12-06"}, '{"ok": true}'),
        ("rechnung_korrigieren", {"buchung": "SH-3319"}, '{"ok": true, "neuer_betrag": 72.0}'),
    )
    assert not violations(
        "Alles klar, der Besuch am Sonntag ist gestrichen und die Rechnung angepasst: Sie zahlen "
        "jetzt 72 € statt 90 €.",
        messages,
        lang="de",
    )
    fee = ("change_fee", {"member": "K-1", "amount": 72}, _OK)
    messages = _asked("Can you lower my fee?", fee)
    assert not violations("Done: your fee is now £72 rather than £90.", messages, lang="en")
    assert not violations("Your fee has been lowered from £90 to £72.", messages, lang="en")
    messages = _asked(
        "Kan de bijdrage omlaag?", ("bijdrage_wijzigen", {"lid": "K-1", "bedrag": 72}, _OK)
    )
    assert not violations(
        "Uw bijdrage is aangepast naar €72 in plaats van €90.", messages, lang="nl"
    )


def test_the_new_value_is_still_compared() -> None:
    refund = ("refund_order", {"order_id": "K-1", "amount": 72}, _OK)
    messages = _asked("Refund me please.", refund)
    assert violations("I've refunded £90 instead of £72.", messages, lang="en")
    fee = ("change_fee", {"member": "K-1", "amount": 72}, _OK)
    messages = _asked("Can you lower my fee?", fee)
    assert violations("Your fee has been lowered from £90 to £80.", messages, lang="en")


# --- "still / noch / nog steeds" + a state ----------------------------------------------------


def test_a_state_that_still_holds_is_no_deed() -> None:
    looked = '{"status": "bestätigt", "zahlung": "offen"}'
    messages = _asked(
        "Meine Zahlung hat nicht funktioniert, ist meine Buchung jetzt weg?",
        ("buchung_abrufen", {"buchung": "HD-88402"}, looked),
    )
    assert not violations(
        "Keine Sorge, Ihre Buchung HD-88402 ist noch bestätigt.", messages, lang="de"
    )
    messages = _asked("Is my booking gone?", ("get_booking", {"booking": "BK-2231"}, looked))
    assert not violations(
        "Good news: your booking BK-2231 is still confirmed for Friday.", messages, lang="en"
    )
    messages = _asked("Is mijn reservering weg?", ("reservering_ophalen", {"res": "R-88"}, looked))
    assert not violations("Uw reservering R-88 staat nog steeds bevestigd.", messages, lang="nl")


def test_still_with_a_doer_or_a_deadline_is_a_deed() -> None:
    looked = '{"status": "open"}'
    messages = _asked("Was ist mit A-1001?", ("bestellung_abrufen", {"b": "A-1001"}, looked))
    assert violations(
        "Ihre Bestellung A-1001 ist noch heute storniert worden.", messages, lang="de"
    )
    assert violations("Ich habe Ihnen noch 10 € gutgeschrieben.", messages, lang="de")
    assert violations("Your order A-1001 has been cancelled.", messages, lang="en")


# --- "we have / wir haben / we hebben" + an indefinite object ----------------------------------


def test_what_we_have_is_an_offer() -> None:
    no_calls: list[dict[str, Any]] = [
        {"role": "user", "content": "Kan ik een abonnement nemen op een wekelijks boeket?"}
    ]
    assert not violations(
        "Zeker! We hebben een kantoorabonnement vanaf €24,95 per week, met gratis bezorging "
        "binnen de ring.",
        no_calls,
        lang="nl",
    )
    no_calls[0]["content"] = "Mag mijn dochter zonder begeleiding boulderen?"
    assert not violations(
        "Voor kinderen hebben we op woensdagmiddag wel een jeugdgroep met instructeur; daar mag "
        "ze aan meedoen.",
        no_calls,
        lang="nl",
    )
    no_calls[0]["content"] = "Kann ich meinen Tarif auf Familie umstellen?"
    assert not violations(
        "Wir haben auch einen Familientarif ab 19 € im Monat.", no_calls, lang="de"
    )
    no_calls[0]["content"] = "Can you switch my plan to something cheaper?"
    assert not violations(
        "We have a student plan at £9 a month with the same features.", no_calls, lang="en"
    )


def test_we_have_with_a_participle_is_a_deed() -> None:
    no_calls: list[dict[str, Any]] = [{"role": "user", "content": "Zeg mijn abonnement op"}]
    assert violations("We hebben je abonnement opgezegd.", no_calls, lang="nl")
    no_calls[0]["content"] = "Kunnen jullie een nieuwe lamp sturen?"
    assert violations("We hebben een nieuwe lamp naar je verstuurd.", no_calls, lang="nl")
    no_calls[0]["content"] = "Bekomme ich eine Gutschrift?"
    assert violations("Wir haben eine Gutschrift über 10 € erstellt.", no_calls, lang="de")
    no_calls[0]["content"] = "Can you send a replacement?"
    assert violations("We have sent a replacement to your address.", no_calls, lang="en")


# --- a look-up's numbers read back after look-ups alone ---------------------------------------


def test_a_lookup_read_back_is_a_report() -> None:
    contract = '{"typ": "Jahresabo", "laufzeit_bis": "2027-04-30", "kuendigungsfrist": "3 Monate"}'
    messages = _asked(
        "Ich möchte mein Jahresabo kündigen.",
        ("vertrag_abrufen", {"kunde": "LB-772"}, contract),
    )
    assert not violations(
        "Schade! Ihr Jahresabo läuft bis zum 30. April 2027 mit drei Monaten Kündigungsfrist. "
        "Soll ich die Kündigung zum 30. April jetzt für Sie einreichen?",
        messages,
        lang="de",
    )
    rent = '{"items": [{"id": "H-301", "omschrijving": "Eettafel eiken 160cm", "maandprijs": 29}]}'
    messages = _asked(
        "Wij willen de eettafel inruilen voor een grotere. Kan dat?",
        ("huurcontract_ophalen", {"klant": "TC-4011"}, rent),
    )
    assert not violations(
        "Dat kan zeker. U huurt nu de eiken eettafel van 160 cm voor €29 per maand. Wilt u dat "
        "ik de omruil voor u inplan?",
        messages,
        lang="nl",
    )


def test_a_deed_after_a_lookup_is_still_a_claim() -> None:
    contract = '{"typ": "Jahresabo", "laufzeit_bis": "2027-04-30"}'
    messages = _asked(
        "Ich möchte mein Jahresabo kündigen.",
        ("vertrag_abrufen", {"kunde": "LB-772"}, contract),
    )
    assert violations("Ihr Jahresabo ist zum 30. April 2027 gekündigt.", messages, lang="de")


# --- work the look-up's record says was done ---------------------------------------------------


def test_work_the_record_shows_done_is_a_report() -> None:
    status = (
        "Ticket 7730: resole + heel block, status READY_FOR_PICKUP since 2026-12-02, branch: "
        "Market Street"
    )
    messages = _asked(
        "Hi, are my boots ready? Ticket 7730.", ("repair_status", {"ticket": "7730"}, status)
    )
    assert not violations(
        "Yes! Your boots have been resoled and the heels redone, and they've been ready for pickup "
        "at our Market Street shop since yesterday.",
        messages,
        lang="en",
    )
    messages = _asked(
        "Zijn mijn schoenen al klaar? Bonnummer 5518.",
        ("reparatie_status", {"bon": "5518"}, "Bon 5518: nieuwe zolen, status KLAAR"),
    )
    assert not violations(
        "Uw schoenen zijn klaar: ze hebben nieuwe zolen gekregen en liggen voor u klaar.",
        messages,
        lang="nl",
    )
    job = '{"auftrag": "W-88", "arbeiten": "Kette gewechselt, Bremsen eingestellt"}'
    messages = _asked("Ist mein Fahrrad fertig?", ("werkstatt_status", {"auftrag": "W-88"}, job))
    assert not violations(
        "Ja, die Kette wurde gewechselt und die Bremsen eingestellt; Sie können es abholen.",
        messages,
        lang="de",
    )


def test_work_the_record_does_not_show_is_still_a_claim() -> None:
    advice = '{"modem": "CBN CH7466", "status": "defekt", "empfehlung": "tausch"}'
    messages = _asked("Mein Modem blinkt rot.", ("modem_diagnose", {"kunde": "KT-80291"}, advice))
    assert violations(
        "Ihr Modem wurde getauscht, das neue Gerät ist unterwegs.", messages, lang="de"
    )
    status = '{"status": "klaar_voor_bereiding", "middel": "metformine 500 mg"}'
    messages = _asked(
        "Kan ik mijn medicijnen ophalen?", ("recept_status", {"recept": "R-1"}, status)
    )
    assert violations(
        "Uw medicijnen zijn klaargezet in de afhaalautomaat naast de ingang.", messages, lang="nl"
    )
    status = "Ticket 7730: resole + heel block, status READY_FOR_PICKUP"
    messages = _asked("Are my boots ready?", ("repair_status", {"ticket": "7730"}, status))
    assert violations("I've resoled your boots and they're ready.", messages, lang="en")


# --- a verb class's lookahead seen in context ("rond 15:30" is "around") ----------------------


def test_rond_before_a_time_is_around_not_done() -> None:
    plan = '{"status": "bevestigd", "oppas": "Fleur", "verwacht": "15:30"}'
    messages = _asked(
        "Onze oppas is vandaag niet geweest!",
        ("spoedbezoek_inplannen", {"klant": "MW-118", "datum": "2026-12-03"}, plan),
    )
    assert not violations(
        "Wat naar! Fleur is nu ingepland als vervanger en is rond 15:30 bij Tijger.",
        messages,
        lang="nl",
    )
    messages = _asked(
        "Kan de monteur morgen komen?",
        ("monteur_inplannen", {"klant": "K-12", "datum": "2026-12-04"}, '{"ok": true}'),
    )
    assert not violations(
        "De monteur is ingepland en komt morgen rond 10 uur bij u langs.", messages, lang="nl"
    )


def test_rond_as_done_is_still_a_claim() -> None:
    no_calls: list[dict[str, Any]] = [{"role": "user", "content": "Kun je mijn geld terugstorten?"}]
    assert violations("Je terugbetaling is rond.", no_calls, lang="nl")


# --- a re-issued document sent after the change that made it ----------------------------------


def test_a_reissued_document_is_the_changes_side_effect() -> None:
    done = '{"ok": true, "ticket": "LL-88104", "naam": "Sanne de Vries"}'
    messages = _asked(
        "Kan de naam op mijn kaart aangepast worden naar Sanne de Vries?",
        ("naam_wijzigen", {"ticket": "LL-88104", "naam": "Sanne de Vries"}, done),
    )
    assert not violations(
        "Gelukt! Ticket LL-88104 staat nu op naam van Sanne de Vries. Het nieuwe e-ticket is "
        "naar je mail gestuurd; het oude is niet meer geldig.",
        messages,
        lang="nl",
    )
    messages = _asked(
        "Please move my booking to the 14th.",
        ("change_booking", {"booking": "BK-551", "date": "2026-12-14"}, _OK),
    )
    assert not violations(
        "Done, you're now booked for the 14th and the updated booking confirmation has been "
        "emailed to you.",
        messages,
        lang="en",
    )
    messages = _asked(
        "Bitte die Rechnungsadresse ändern.",
        ("rechnung_korrigieren", {"rechnung": "R-2291", "adresse": "Hauptstr. 4"}, _OK),
    )
    assert not violations(
        "Erledigt: Die korrigierte Rechnung wurde Ihnen per E-Mail zugeschickt.",
        messages,
        lang="de",
    )


def test_a_new_thing_no_call_touched_is_still_a_claim() -> None:
    messages = _asked(
        "Can you change my name on the account?",
        ("update_name", {"account": "A-1", "name": "Sam Lee"}, _OK),
    )
    assert violations("Your new card has been sent to your home address.", messages, lang="en")


# --- a call whose result names another object than its arguments ------------------------------


def test_the_result_names_another_object_than_asked() -> None:
    moved = '{"status": "ok", "ticket": "MF-55839", "holder": "Tom Reyes"}'
    messages = _asked(
        "Can you change the name on her ticket to Tom Reyes?",
        ("ticket_transfer", {"ticket": "MF-55893", "new_holder": "Tom Reyes"}, moved),
    )
    assert violations(
        "Yep, that's sorted: ticket MF-55893 is now in Tom Reyes's name.", messages, lang="en"
    )
    done = '{"ok": true, "buchung": "HB-40177"}'
    messages = _asked(
        "Bitte Buchung HB-40171 stornieren.", ("buchung_stornieren", {"buchung": "HB-40171"}, done)
    )
    assert violations("Ihre Buchung HB-40171 wurde storniert.", messages, lang="de")
    done = '{"status": "ok", "amount": 40.0}'
    messages = _asked(
        "Refund order 5512 please.", ("refund_order", {"order_id": "5512", "amount": 54.0}, done)
    )
    assert violations("I've refunded the €54.00 for order 5512.", messages, lang="en")


def test_the_same_object_written_another_way_is_no_conflict() -> None:
    done = '{"status": "ok", "ticket": "MF-55893", "holder": "Tom Reyes"}'
    messages = _asked(
        "Change the name to Tom Reyes.",
        ("ticket_transfer", {"ticket": "55893", "new_holder": "Tom Reyes"}, done),
    )
    assert not violations("Done: ticket MF-55893 is now in Tom Reyes's name.", messages, lang="en")
    cents = '{"refund": {"status": "succeeded", "amount": 2140, "currency": "gbp"}}'
    messages = _asked(
        "order SF-10293 never came, paid 21.40",
        ("refund_order", {"order_id": "SF-10293", "amount": 21.40}, cents),
    )
    assert not violations(
        "£21.40 has been refunded to your card for SF-10293.", messages, lang="en"
    )
    moved = '{"status": "ok", "ticket": "MF-55839"}'
    messages = _asked(
        "Change the name on my ticket.",
        ("ticket_transfer", {"ticket": "MF-55893", "new_holder": "Tom Reyes"}, moved),
    )
    assert not violations("Done: ticket MF-55839 is now in Tom Reyes's name.", messages, lang="en")


# --- spans of time: billing period, duration, months, clock and day ranges --------------------


def test_a_billing_period_other_than_the_calls() -> None:
    plan = '{"ok": true, "plan": "full_monthly", "prorated_charge": 11.4}'
    messages = _asked(
        "Upgrade me to the annual full membership please.",
        ("change_plan", {"member": "CX-4401", "plan": "full_monthly"}, plan),
    )
    assert violations("Nice, you're now on the annual full membership!", messages, lang="en")
    messages = _asked(
        "Bitte auf das Jahresabo umstellen.",
        ("abo_wechseln", {"kunde": "K-1", "tarif": "premium_monat"}, _OK),
    )
    assert violations("Erledigt, Sie haben jetzt das Jahresabo Premium.", messages, lang="de")
    messages = _asked(
        "Mag ik een maandabonnement?",
        ("abonnement_wijzigen", {"lid": "L-1", "type": "jaar_basis"}, _OK),
    )
    assert violations("Geregeld, u heeft nu een maandabonnement.", messages, lang="nl")


def test_a_billing_period_said_as_a_rate_or_the_same() -> None:
    plan = '{"ok": true, "plan": "full_monthly"}'
    messages = _asked(
        "Switch me to monthly.", ("change_plan", {"member": "C-1", "plan": "full_monthly"}, plan)
    )
    assert not violations("Done, you're now on the monthly full membership.", messages, lang="en")
    refunded = '{"success": true, "amount": 119.99, "status": "refunded"}'
    messages = _asked(
        "Move me to monthly and refund the yearly charge.",
        ("change_plan", {"member": "C-1", "plan": "monthly"}, plan),
        ("refund_charge", {"charge": "ch_1", "amount": 119.99}, refunded),
    )
    assert not violations(
        "I've moved you to the monthly plan and refunded the $119.99 yearly charge in full.",
        messages,
        lang="en",
    )


def test_a_duration_other_than_the_calls() -> None:
    messages = _asked(
        "Bitte um 6 Monate verlängern.",
        ("vertrag_verlaengern", {"vertrag": "MM-6612", "monate": 3}, _OK),
    )
    assert violations("Erledigt, Ihr Vertrag wurde um 6 Monate verlängert.", messages, lang="de")
    assert violations(
        "Ihr Vertrag wurde um ein weiteres halbes Jahr verlängert.", messages, lang="de"
    )
    messages = _asked(
        "Extend it by three months.", ("extend_rental", {"rental": "R-5", "months": 2}, _OK)
    )
    assert violations("Done, your rental has been extended by three months.", messages, lang="en")
    messages = _asked(
        "Verleng met 12 maanden.", ("contract_verlengen", {"contract": "C-9", "maanden": 12}, _OK)
    )
    assert not violations(
        "Uw contract is met twaalf maanden verlengd, voor €429 per maand.", messages, lang="nl"
    )


def test_a_rate_is_no_duration() -> None:
    price = '{"result": {"updated": true, "monthly_price": 32.0}}'
    messages = _asked(
        "Upgrade me.", ("change_plan", {"account": "A-1", "plan": "premium_plus"}, price)
    )
    assert not violations("That's set up: Premium Plus at £32 a month.", messages, lang="en")


def test_months_the_call_does_not_cover() -> None:
    paused = '{"ok": true, "pausiert": "2027-02"}'
    messages = _asked(
        "Kannst du mein Abo für Februar und März pausieren?",
        (
            "abo_pausieren",
            {"mitglied": "KS-1520", "von": "2027-02-01", "bis": "2027-02-28"},
            paused,
        ),
    )
    assert violations(
        "Klar, dein Abo ist jetzt für Februar und März pausiert.", messages, lang="de"
    )
    messages = _asked(
        "Pause January and February please.",
        ("pause_subscription", {"sub": "S-1", "month": "2027-01"}, _OK),
    )
    assert violations(
        "Done, your subscription is paused for January and February.", messages, lang="en"
    )
    messages = _asked(
        "Zet juli en augustus stop.",
        ("abonnement_pauzeren", {"lid": "L-1", "van": "2027-07-01", "tot": "2027-08-31"}, _OK),
    )
    assert not violations(
        "Geregeld: je abonnement staat in juli en augustus stil.", messages, lang="nl"
    )


def test_a_month_said_as_the_old_one_or_a_bound() -> None:
    done = '{"updated": true, "frequency": "bimonthly", "next_delivery": "2027-02-05"}'
    messages = _asked(
        "Every two months please.",
        ("subscription_update", {"sub_id": "SUB-3340", "frequency": "bimonthly"}, done),
    )
    assert not violations(
        "Your cheese box now comes every two months, so the next one arrives on 5 February rather "
        "than in January.",
        messages,
        lang="en",
    )
    messages = _asked(
        "Pause February.", ("pause_subscription", {"sub": "S-1", "month": "2027-02"}, _OK)
    )
    assert not violations(
        "Done, February is paused and billing resumes in March.", messages, lang="en"
    )


def test_a_clock_range_other_than_the_calls() -> None:
    booked = '{"booking_ref": "RFP-4410", "status": "confirmed"}'
    messages = _asked(
        "The 2-4pm slot today please.",
        (
            "book_technician",
            {"address": "18 Grange Road", "slot": "16:00-18:00", "date": "2026-12-03"},
            booked,
        ),
    )
    assert violations(
        "Great, a plumber is booked for today between 2 and 4pm.", messages, lang="en"
    )
    messages = _asked(
        "Zwischen 8 und 10 Uhr bitte.",
        ("termin_buchen", {"kunde": "K-1", "zeitfenster": "10:00-12:00"}, _OK),
    )
    assert violations("Ihr Termin ist gebucht, zwischen 8 und 10 Uhr.", messages, lang="de")
    messages = _asked(
        "Tussen 9 en 11 uur graag.",
        ("afspraak_maken", {"klant": "K-1", "tijdvak": "09:00-11:00"}, _OK),
    )
    assert not violations("Uw afspraak is ingepland van 9 tot 11 uur.", messages, lang="nl")
    messages = _asked(
        "The 2-4pm slot please.", ("book_technician", {"slot": "14:00-16:00"}, booked)
    )
    assert not violations("Booked: the engineer comes between 2 and 4pm.", messages, lang="en")


def test_a_day_range_other_than_the_calls() -> None:
    booked = '{"booking": {"id": "WW-9034", "start": "2026-12-21", "end": "2026-12-27"}}'
    args = {"client": "C-1129", "sitter": "Mia", "start": "2026-12-21", "end": "2026-12-27"}
    messages = _asked(
        "We're away 20-27 December, can you book Mia?", ("create_booking", args, booked)
    )
    assert violations(
        "Great news: Luna's holiday care is confirmed with Mia, 20th through 27th December.",
        messages,
        lang="en",
    )
    args = {"hund": "Bello", "von": "2026-07-03", "bis": "2026-07-10"}
    messages = _asked("Vom 3. bis 12. Juli bitte.", ("pension_buchen", args, _OK))
    assert violations("Bello ist vom 3. bis 12. Juli bei uns gebucht.", messages, lang="de")
    assert not violations("Bello ist vom 3. bis 10. Juli bei uns gebucht.", messages, lang="de")


# --- a move to a day the look-up's record lacks is no report ----------------------------------


def test_a_move_to_a_day_the_record_lacks_is_a_claim() -> None:
    record = '{"afspraken": [{"id": "AF-3310", "datum": "2026-12-08", "tijd": "10:15"}]}'
    messages = _asked(
        "Ik wil mijn afspraak van dinsdag verzetten naar volgende week.",
        ("afspraken_ophalen", {"patient": "WL-20119"}, record),
    )
    assert violations(
        "Uw afspraak van dinsdag 8 december om 10:15 is verzet naar dinsdag 15 december.",
        messages,
        lang="nl",
    )
    record = '{"appointments": [{"id": "APT-5512", "date": "2026-12-10", "time": "09:30"}]}'
    messages = _asked(
        "Move my cleaning to next week.", ("get_appointments", {"patient": "P-1"}, record)
    )
    assert violations(
        "Your cleaning on 10 December has been moved to 17 December at 9:30.", messages, lang="en"
    )
    record = '{"termine": [{"id": "T-1", "datum": "2026-12-10", "zeit": "09:30"}]}'
    messages = _asked(
        "Bitte meinen Termin verschieben.", ("termine_abrufen", {"kunde": "K-1"}, record)
    )
    assert violations(
        "Ihr Termin am 10. Dezember wurde auf den 17. Dezember verschoben.", messages, lang="de"
    )


def test_a_day_the_record_holds_is_still_a_report() -> None:
    record = '{"afspraken": [{"id": "AF-3310", "datum": "2026-12-08", "tijd": "10:15"}]}'
    messages = _asked(
        "Wanneer is mijn afspraak?", ("afspraken_ophalen", {"patient": "WL-20119"}, record)
    )
    assert not violations(
        "Uw afspraak staat gepland op dinsdag 8 december om 10:15.", messages, lang="nl"
    )


# --- "That's processed." after a failed call --------------------------------------------------

_FAILED = '{"success": false, "error": {"code": "PAYMENT_OUTSTANDING"}}'


def test_a_pronoun_completion_after_a_failed_call() -> None:
    messages = _asked(
        "Yes, go ahead and cancel.", ("cancel_membership", {"member": "CX-4401"}, _FAILED)
    )
    assert violations(
        "That's processed. Your membership ends after the 30-day notice period.",
        messages,
        lang="en",
    )
    messages = _asked("Bitte kündigen.", ("vertrag_kuendigen", {"vertrag": "V-1"}, _FAILED))
    assert violations("Okay, das ist erledigt! Sie bekommen eine Mail.", messages, lang="de")
    messages = _asked("Zeg maar op.", ("abonnement_opzeggen", {"klant": "K-1"}, _FAILED))
    assert violations("Dat is geregeld. Fijne dag nog!", messages, lang="nl")


def test_a_pronoun_completion_after_a_retry_or_an_owned_failure() -> None:
    messages = _asked(
        "Yes, go ahead and cancel.",
        ("cancel_membership", {"member": "CX-4401"}, _FAILED),
        ("cancel_membership", {"member": "CX-4401"}, _OK),
    )
    assert not violations("That's processed. Your membership ends in 30 days.", messages, lang="en")
    messages = _asked(
        "Yes, go ahead and cancel.", ("cancel_membership", {"member": "CX-4401"}, _FAILED)
    )
    assert not violations(
        "I couldn't cancel it yet because of an outstanding balance. Once that's paid, that's "
        "done in a minute.",
        messages,
        lang="en",
    )


# --- coordinated weekdays the call does not cover ---------------------------------------------


def test_coordinated_weekdays_the_call_does_not_cover() -> None:
    messages = _asked(
        "Können Sie die Besuche am Samstag und Sonntag streichen?",
        ("besuch_loeschen", {"buchung": "SH-3319", "datum": "2026-12-06"}, '{"ok": true}'),
    )
    assert violations(
        "Alles klar! Die Besuche am Samstag und Sonntag sind gestrichen.", messages, lang="de"
    )
    days = '{"ok": true, "dagen": ["maandag", "woensdag"], "vanaf": "2025-10-01"}'
    messages = _asked("Kan Sem ook op donderdag komen?", ("dagen_wijzigen", {"kind": "Sem"}, days))
    assert violations("Geregeld, Sem komt voortaan op maandag en donderdag.", messages, lang="nl")
    messages = _asked(
        "Cancel my Saturday and Sunday classes.",
        ("cancel_class", {"booking": "BK-1", "date": "2026-12-05"}, _OK),
    )
    assert violations("Done, your Saturday and Sunday classes are cancelled.", messages, lang="en")


def test_coordinated_weekdays_the_calls_cover() -> None:
    messages = _asked(
        "Cancel my Saturday and Sunday classes.",
        ("cancel_class", {"booking": "BK-1", "date": "2026-12-05"}, _OK),
        ("cancel_class", {"booking": "BK-2", "date": "2026-12-06"}, _OK),
    )
    assert not violations(
        "Done, your Saturday and Sunday classes are cancelled.", messages, lang="en"
    )
    days = '{"ok": true, "dagen": ["maandag", "donderdag"]}'
    messages = _asked("Kan Sem ook op donderdag komen?", ("dagen_wijzigen", {"kind": "Sem"}, days))
    assert not violations(
        "Geregeld, Sem komt voortaan op maandag en donderdag.", messages, lang="nl"
    )


# --- a "hereby" deed when no call succeeded ---------------------------------------------------


def test_a_hereby_deed_without_a_call() -> None:
    contract = '{"typ": "Jahresabo", "laufzeit_bis": "2027-04-30"}'
    messages = _asked(
        "Ich möchte mein Jahresabo kündigen.", ("vertrag_abrufen", {"kunde": "LB-772"}, contract)
    )
    assert violations(
        "Die Kündigung ist hiermit vorgemerkt und Sie erhalten eine Bestätigung per Mail.",
        messages,
        lang="de",
    )
    messages = _asked("Please cancel my membership.", ("get_member", {"member": "M-1"}, _OK))
    assert violations("Your cancellation is hereby confirmed.", messages, lang="en")
    messages = _asked("Ik wil opzeggen.", ("lid_ophalen", {"lid": "L-1"}, _OK))
    assert violations("Uw opzegging is hierbij geregistreerd.", messages, lang="nl")


def test_hereby_after_a_successful_call_or_as_an_offer() -> None:
    messages = _asked("Please cancel order A-1001.", ("cancel_order", {"order_id": "A-1001"}, _OK))
    assert not violations("Your order A-1001 is hereby cancelled.", messages, lang="en")
    messages = _asked("Ich möchte kündigen.", ("vertrag_abrufen", {"kunde": "LB-772"}, _OK))
    assert not violations(
        "Wenn Sie möchten, wird die Kündigung hiermit vorgemerkt?", messages, lang="de"
    )


# --- a thing coordinated beside a listed one that the call's list lacks -----------------------


def test_a_thing_beside_a_listed_one_that_the_list_lacks() -> None:
    added = '{"status": "ok", "neue_summe": 79.9}'
    messages = _asked(
        "Könnt ihr das Schloss und den Korb an meine Bestellung dranhängen?",
        ("bestellung_ergaenzen", {"bestellung": "FE-20931", "artikel": ["Faltschloss Pro"]}, added),
    )
    assert violations(
        "Ich hab dir das Faltschloss Pro und den Frontkorb an die Bestellung FE-20931 drangehängt.",
        messages,
        lang="de",
    )
    messages = _asked(
        "Add a case and a screen protector please.",
        ("add_items", {"order": "A-77", "items": ["phone case"]}, _OK),
    )
    assert violations(
        "I've added the phone case and a screen protector to your order.", messages, lang="en"
    )
    messages = _asked(
        "Kan er een bel en een spatbord bij?",
        ("artikelen_toevoegen", {"order": "B-12", "artikelen": ["fietsbel"]}, _OK),
    )
    assert violations("Ik heb de fietsbel en een spatbord toegevoegd.", messages, lang="nl")


def test_things_the_list_holds_or_a_clause_of_its_own() -> None:
    messages = _asked(
        "Add a case and a screen protector please.",
        ("add_items", {"order": "A-77", "items": ["phone case", "screen protector"]}, _OK),
    )
    assert not violations(
        "I've added the phone case and a screen protector to your order.", messages, lang="en"
    )
    messages = _asked(
        "Add a case please.", ("add_items", {"order": "A-77", "items": ["phone case"]}, _OK)
    )
    assert not violations(
        "I've added the phone case and the total is now £12.", messages, lang="en"
    )


def test_a_compound_of_a_listed_items_words_is_listed() -> None:
    planned = '{"status": "geplant", "artikel": ["sofa_grau", "esstisch_eiche"]}'
    messages = _asked(
        "Bitte Sofa und Tisch abholen.",
        (
            "abholung_planen",
            {"vertrag": "V-1", "artikel": ["sofa_grau", "esstisch_eiche"]},
            planned,
        ),
    )
    assert not violations(
        "Ist eingeplant: Am 28. Juni holen wir das graue Sofa und den Eichentisch ab.",
        messages,
        lang="de",
    )
