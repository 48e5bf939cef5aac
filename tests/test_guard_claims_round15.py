"""Round 15, after studying the fresh claims v26: kinds of mistake rather than one writer's
wording, each with the honest reply that must stay clean.

The sentences were written for this project (not taken from the evaluation sets).
"""

from __future__ import annotations

from typing import Any

from supportllm.guard.claims import violations
from tests.claims_convo import convo


def _asked(text: str, *calls: tuple[str, dict[str, Any], str]) -> list[dict[str, Any]]:
    messages = convo(*calls)
    messages[0]["content"] = text
    return messages


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
