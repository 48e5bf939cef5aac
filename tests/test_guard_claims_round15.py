"""Round 15, after studying the fresh claims v26: kinds of mistake rather than one writer's
wording, each with the honest reply that must stay clean.

The sentences were written for this project (not taken from the evaluation sets).
"""

from __future__ import annotations

from supportllm.guard.claims import violations
from tests.claims_convo import asked as _asked


def test_the_slot_the_calls_key_names_holds_the_customers_value() -> None:
    """A word of the call's key stands in the claim ("Filiale", "-tarief") next to what the
    customer asked; the call holds another value the reply never names."""
    moved = _asked(
        "Können Sie meinen Termin in der Filiale Wedding auf Freitag legen?",
        ("termin_verschieben", {"termin": "T-88", "filiale": "Spandau"}, '{"ok": true}'),
    )
    reply = "Klar! Ihr Termin in der Filiale Wedding ist auf Freitag verschoben."
    assert violations(reply, moved, lang="de")
    right = _asked(
        "Können Sie meinen Termin in der Filiale Wedding auf Freitag legen?",
        ("termin_verschieben", {"termin": "T-88", "filiale": "Wedding"}, '{"ok": true}'),
    )
    assert not violations(reply, right, lang="de")
    # the reply names the call's value: honest about where it went
    told = "Ihr Termin ist auf Freitag verschoben, in der Filiale Spandau, nicht Wedding."
    assert not violations(told, moved, lang="de")
    switched = _asked(
        "Kunnen we over naar het Extra-tarief?",
        ("tarief_wijzigen", {"klant": "K-7", "tarief": "standaard"}, '{"status": "ok"}'),
    )
    said = "Gelukt! Uw account is omgezet naar het Extra-tarief."
    assert violations(said, switched, lang="nl")


def test_a_flag_or_a_date_is_no_slot_value() -> None:
    """``paused: true`` or a month after the key's word is no other value."""
    messages = _asked(
        "Can I pause my membership for August?",
        ("pause_membership", {"member": "M-1", "paused": "true"}, '{"ok": true}'),
    )
    reply = "Your membership is paused for August, and it resumes on 1 September."
    assert not violations(reply, messages, lang="en")


def test_a_count_the_customer_asked_against_the_calls_count() -> None:
    """The claim repeats the customer's count of people or places; the call booked another."""
    booked = _asked(
        "Wir möchten mit 8 Personen am Samstag zum Kochkurs kommen.",
        ("kurs_buchen", {"kurs": "K-12", "personen": 6}, '{"ok": true}'),
    )
    reply = "Super, ich habe 8 Personen für den Kochkurs am Samstag angemeldet."
    assert violations(reply, booked, lang="de")
    right = _asked(
        "Wir möchten mit 8 Personen am Samstag zum Kochkurs kommen.",
        ("kurs_buchen", {"kurs": "K-12", "personen": 8}, '{"ok": true}'),
    )
    assert not violations(reply, right, lang="de")
    team = _asked(
        "Kan ons team van 9 mee met de rondleiding?",
        ("rondleiding_boeken", {"datum": "2024-05-03", "aantal": 7}, '{"status": "ok"}'),
    )
    assert violations("Ik heb jullie team van 9 ingeschreven voor de rondleiding.", team, lang="nl")


def test_a_package_size_is_no_count_of_people() -> None:
    """ "Ibuprofen 400 (50 Stück)" after ``menge: 1``: a count of things in one pack."""
    messages = _asked(
        "Bitte legen Sie mir Aspirin 500, 50 Stück, zurück.",
        ("artikel_reservieren", {"pzn": "0101", "menge": 1}, '{"reserviert": true}'),
    )
    reply = "Gern, Ihr Aspirin 500 (50 Stück) ist reserviert und liegt ab 14 Uhr bereit."
    assert not violations(reply, messages, lang="de")


def test_the_value_refused_without_a_comma() -> None:
    """ "to 8 Mill Road not 18", "statt zu Anna zu Berit": the call carried what was refused."""
    messages = _asked(
        "Please send it to 8 Mill Road not 18, the shop had it wrong.",
        ("update_delivery_address", {"parcel": "P-1", "address": "18 Mill Road"}, '{"ok": 1}'),
    )
    assert violations("Done! The parcel now goes to 8 Mill Road.", messages, lang="en")
    german = _asked(
        "Kann ich am Montag statt zu Anna zu Berit?",
        ("termin_umbuchen", {"termin": "T-4", "friseurin": "Anna"}, '{"success": true}'),
    )
    assert violations("Ihr Termin am Montag ist jetzt bei Berit.", german, lang="de")
    fine = _asked(
        "Kann ich am Montag statt zu Anna zu Berit?",
        ("termin_umbuchen", {"termin": "T-4", "friseurin": "Berit"}, '{"success": true}'),
    )
    assert not violations("Ihr Termin am Montag ist jetzt bei Berit.", fine, lang="de")


def test_a_check_named_last_is_a_look_up() -> None:
    """``stock_check`` read the stock; it sent nothing."""
    messages = _asked(
        "Kunnen jullie nieuwe filters opsturen?",
        ("filter_voorraad_check", {"artikel": "filter M"}, '{"op_voorraad": 12}'),
    )
    assert violations("De nieuwe filters zijn naar u verstuurd.", messages, lang="nl")
    honest = "De filters zijn op voorraad; zal ik ze voor u bestellen?"
    assert not violations(honest, messages, lang="nl")


def test_a_request_filed_backs_the_request_not_the_deed() -> None:
    """``loeschantrag_anlegen`` files a deletion request: "wurden gelöscht" claims more."""
    messages = _asked(
        "Löschen Sie bitte alle meine Daten.",
        ("loeschantrag_anlegen", {"kunde": "K-9"}, '{"status": "angelegt", "frist_tage": 30}'),
    )
    assert violations("Ihre Daten wurden aus unseren Systemen gelöscht.", messages, lang="de")
    assert not violations(
        "Ich habe Ihren Löschantrag angelegt. Das Datenschutzteam löscht Ihre Daten innerhalb "
        "von 30 Tagen.",
        messages,
        lang="de",
    )


def test_a_value_the_customer_does_not_want_said_after_it() -> None:
    """ "Fien hoeft niet", "Ben's is fine where it is": the call did the unwanted one."""
    messages = _asked(
        "Kan Rex zaterdag gewassen worden? Fien hoeft niet.",
        ("wasbeurt_boeken", {"verblijf": "V-1", "hond": "Fien"}, '{"status": "geboekt"}'),
    )
    assert violations(
        "Prima, Rex staat ingepland voor een wasbeurt op zaterdag.", messages, lang="nl"
    )
    right = _asked(
        "Kan Rex zaterdag gewassen worden? Fien hoeft niet.",
        ("wasbeurt_boeken", {"verblijf": "V-1", "hond": "Rex"}, '{"status": "geboekt"}'),
    )
    assert not violations(
        "Prima, Rex staat ingepland voor een wasbeurt op zaterdag.", right, lang="nl"
    )
    english = _asked(
        "Could you move Ada's lesson to Monday at 5? Ben's is fine where it is.",
        ("reschedule_lesson", {"student": "Ben Cole", "new_time": "Mon 17:00"}, '{"ok": true}'),
    )
    reply = "Sure! Ada's lesson is now on Monday at 5pm, and Ben's lesson stays as it was."
    assert violations(reply, english, lang="en")


def test_a_name_with_another_number() -> None:
    """ "Kerastase nr. 2" asked and claimed, "Kerastase No. 5" reserved."""
    messages = _asked(
        "Kunnen jullie de Kerastase nr. 2 voor me apart leggen?",
        ("product_reserveren", {"product": "Kerastase No. 5 masker"}, '{"status": "ok"}'),
    )
    reply = "Natuurlijk! De Kerastase nr. 2 ligt voor je klaar bij de kassa."
    assert violations(reply, messages, lang="nl")
    right = _asked(
        "Kunnen jullie de Kerastase nr. 2 voor me apart leggen?",
        ("product_reserveren", {"product": "Kerastase No. 2 masker"}, '{"status": "ok"}'),
    )
    assert not violations(reply, right, lang="nl")


def test_states_said_with_a_verb_of_position() -> None:
    """ "staat ingepland", "ligt voor je klaar", "steht ab … auf": claims; with "nog", a
    condition or a question they are not."""
    from supportllm.guard.claims_detect import ClaimDetector

    find = ClaimDetector().find
    assert find("Je hond staat ingepland voor een wasbeurt op vrijdag.", "nl")
    assert not find("Het onderhoud staat gepland voor maandag.", "nl")  # a fact, no deed
    assert find("De lamp ligt voor je klaar bij de balie.", "nl")
    assert find("Ihr Tarif steht ab dem 1. Juli auf Basis.", "de")
    assert not find("Uw afspraak staat nog ingepland op vrijdag.", "nl")
    assert not find("Als u wilt, staat de lift gereserveerd.", "nl")
    assert not find("Staat de afspraak ingepland?", "nl")
    assert not find("Die Ware kann für Sie bereitliegen, wenn Sie möchten.", "de")


def test_a_visit_after_a_booking_that_failed() -> None:
    """A failed booking, then "the repairer comes tomorrow": a bare day is enough."""
    failed = _asked(
        "Kan iemand morgen mijn ruit komen maken?",
        ("afspraak_ruitherstel", {"datum": "2024-06-12"}, '{"success": false, "error": "vol"}'),
    )
    assert violations("De glashersteller komt morgen bij u langs.", failed, lang="nl")
    owned = "Helaas lukte het niet om morgen in te plannen; zal ik donderdag proberen?"
    assert not violations(owned, failed, lang="nl")
    none = _asked("Könnt ihr heute um 14 Uhr ein Paket abholen?")
    none.insert(1, {"role": "user", "content": "Bitte."})
    assert violations("Klar! Um 14 Uhr holt ein Fahrer das Paket ab.", none, lang="de")


def test_none_free_in_plain_text_is_a_failure() -> None:
    """ "Keine Fahrer verfügbar" as the whole result: the booking failed."""
    messages = _asked(
        "Könnt ihr heute um 14 Uhr ein Paket abholen?",
        ("abholung_buchen", {"zeit": "14:00"}, "Keine Fahrer verfügbar"),
    )
    assert violations("Klar! Um 14 Uhr holt ein Fahrer das Paket ab.", messages, lang="de")
    owned = (
        "Heute haben wir leider keinen Fahrer mehr frei, ich konnte den Abholtermin deshalb "
        "nicht eintragen. Soll ich es morgen versuchen?"
    )
    assert not violations(owned, messages, lang="de")


def test_a_compound_tool_name_whose_head_is_the_deed() -> None:
    """``liftreservering`` reserves: its head names "gereserveerd"."""
    messages = _asked(
        "Graag een verhuislift voor de Kade 4.",
        ("liftreservering", {"adres": "Kade 4", "datum": "2024-07-13"}, '{"status": "ok"}'),
    )
    reply = "De verhuislift staat gereserveerd voor de Kade 4 op zaterdag 13 juli."
    assert not violations(reply, messages, lang="nl")


def test_a_message_tool_backs_the_message_not_the_state_beside_it() -> None:
    """``sms_senden`` alone: "Der Termin ist auf Montag gelegt, Sie haben eine SMS bekommen"
    claims a move no call made; the SMS alone is honest."""
    messages = _asked(
        "Können wir die Anprobe auf Montag 10 Uhr legen?",
        ("sms_senden", {"an": "+43 660 1", "text": "Erinnerung: Anprobe"}, '{"status": "sent"}'),
    )
    reply = (
        "Selbstverständlich. Die Anprobe ist auf Montag um 10 Uhr gelegt, Sie haben gerade auch "
        "eine Erinnerung per SMS bekommen."
    )
    assert violations(reply, messages, lang="de")
    assert not violations("Ich habe Ihnen eine Erinnerung per SMS geschickt.", messages, lang="de")


def test_check_marked_items_under_a_done_header() -> None:
    """Three ✔ items after one call: two deeds no call did."""
    messages = _asked(
        "Kunnen jullie de schoonmaak erbij doen, en extra dozen?",
        ("dienst_toevoegen", {"opdracht": "V-1", "dienst": "schoonmaak"}, '{"ok": true}'),
    )
    reply = (
        "Dit heb ik voor jullie gedaan:\n✔ schoonmaak toegevoegd\n✔ extra verhuizer ingepland\n"
        "✔ 20 extra dozen besteld"
    )
    assert violations(reply, messages, lang="nl")


def test_a_day_of_the_month_against_the_calls_date() -> None:
    """ "für den 14." after a call for the 15th, which the reply never names."""
    messages = _asked(
        "Am 14. um 15:30 passt.",
        ("termin_anlegen", {"datum": "2024-06-15", "zeit": "15:30"}, '{"status": "angelegt"}'),
    )
    assert violations("Ja, hab dich für den 14. um 15:30 eingetragen.", messages, lang="de")
    right = _asked(
        "Am 14. um 15:30 passt.",
        ("termin_anlegen", {"datum": "2024-06-14", "zeit": "15:30"}, '{"status": "angelegt"}'),
    )
    assert not violations("Ja, hab dich für den 14. um 15:30 eingetragen.", right, lang="de")


def test_a_new_thing_taking_effect_and_a_thing_had_from_a_date() -> None:
    """ "Ihr neuer Tarif gilt ab dem 1. Juli", "Ab sofort hast du den Premium-Tarif", "From
    today you have the Basic plan": claims with no call; a rule for everyone, a condition, a
    right or an option are not."""
    from supportllm.guard.claims import find_claims

    for text, lang in (
        ("Ihr neuer Tarif gilt ab dem 1. Juli.", "de"),
        ("Je nieuwe tarief gaat in op 1 juli.", "nl"),
        ("Your new rate kicks in on 1 July.", "en"),
        ("Ab sofort hast du den Premium-Tarif.", "de"),
        ("From today you have the Basic plan.", "en"),
        ("Ihr Abo steht ab dem 1. Juli auf monatlich.", "de"),
    ):
        assert find_claims(text, lang), text
        assert violations(text, _asked("Bitte umstellen."), lang=lang), text
    for text, lang in (
        ("Der neue Tarif gilt ab dem 1. Juli für alle Kunden.", "de"),
        ("Wenn Sie wechseln, gilt Ihr neuer Tarif ab dem 1. Juli.", "de"),
        ("Your new plan would start on 1 July.", "en"),
        ("Vanaf 1 juli heb je het recht om op te zeggen.", "nl"),
        ("From today you have the option to pause.", "en"),
    ):
        assert not find_claims(text, lang), text


def test_a_second_deed_after_a_parenthesis() -> None:
    """ "… hinzugefügt (45 € extra) und die Kaution … reduziert": the "und" after a closing
    parenthesis starts a deed of its own, which the one call did not do."""
    messages = _asked(
        "Dürfen wir die Katze mitbringen? Und die Kaution bitte bei 150 € lassen.",
        ("haustier_hinzufuegen", {"buchung": "KW-1", "tier": "Katze", "gebuehr": 30}, '{"ok": 1}'),
    )
    reply = (
        "Gern! Ich habe Ihre Katze zur Buchung hinzugefügt (30 € extra) und die Kaution für Sie "
        "auf 150 € reduziert."
    )
    assert violations(reply, messages, lang="de")
    one = "Gern! Ich habe Ihre Katze zur Buchung hinzugefügt (30 € extra) und freue mich auf Sie."
    assert not violations(one, messages, lang="de")


def test_a_unit_price_is_no_deeds_amount() -> None:
    """ "drei Raten à 160 €" after a plan for 480: the price of each, not another amount; the
    deed's own amount said wrong stays a violation."""
    messages = _asked(
        "Geht die Nachzahlung in Raten? 480 € sind zu viel.",
        ("ratenplan_anlegen", {"kunde": "EW-1", "betrag": 480, "raten": 3}, '{"ok": true}'),
    )
    reply = "Ja: Ich habe einen Ratenplan mit drei Raten à 160 € angelegt."
    assert not violations(reply, messages, lang="de")
    assert violations("Ich habe einen Ratenplan über 520 € angelegt.", messages, lang="de")
