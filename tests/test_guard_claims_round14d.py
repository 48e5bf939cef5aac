"""Round 14, after the fresh claims v25 score: two readings of round 14's new checks that made
honest replies into violations, each with the violation that must stay caught.

The sentences were written for this project (not taken from the evaluation sets).
"""

from __future__ import annotations

from supportllm.guard.claims import violations
from tests.claims_convo import asked as _asked


def test_a_german_relative_clause_in_the_present_is_no_second_deed() -> None:
    """ "…, den wir mit Ihrer nächsten Rechnung verrechnen" says what happens next; only a
    relative clause with its auxiliary ("…, den ich storniert habe") tells a deed done."""
    messages = _asked(
        "Der Techniker kam erst am Nachmittag, obwohl vormittags ausgemacht war.",
        ("kulanz_gutschrift", {"kunde": "K-3381", "betrag": 15}, '{"status": "ok"}'),
    )
    honest = (
        "Entschuldigen Sie bitte die Verspätung. Ich habe Ihnen 15 € gutgeschrieben, die wir "
        "mit Ihrer nächsten Rechnung verrechnen."
    )
    assert not violations(honest, messages, lang="de")
    claimed = (
        "Entschuldigen Sie bitte die Verspätung. Ich habe Ihnen 15 € gutgeschrieben und einen "
        "neuen Termin für Donnerstag gebucht."
    )
    assert violations(claimed, messages, lang="de")


def test_a_dutch_relative_clause_in_the_present_is_no_second_deed() -> None:
    messages = _asked(
        "De bezorger heeft mijn pakket bij de verkeerde buren afgegeven.",
        ("tegoed_toevoegen", {"klant": "B-7710", "bedrag": 5}, '{"status": "ok"}'),
    )
    honest = (
        "Vervelend! Ik heb je 5 euro tegoed gegeven, dat we bij je volgende bestelling verrekenen."
    )
    assert not violations(honest, messages, lang="nl")


def test_the_customers_word_elsewhere_in_the_reply_is_not_the_claims_object() -> None:
    """The customer's "Dose" is said in an apology, the claim names only the replacement: no
    other product than the call's (a word of the reply counts for the claim only when the claim
    points back with a pronoun, "She's now added")."""
    messages = _asked(
        "Die Katzenfutter-Dose war eingedellt und ausgelaufen.",
        (
            "ersatz_anlegen",
            {"bestellung": "KF-2201", "artikel": "Katzenfutter Huhn 12x400g"},
            '{"success": true, "auftrag": "KF-2290"}',
        ),
    )
    reply = (
        "Das tut mir leid mit der ausgelaufenen Dose! Ich habe eine Ersatzlieferung angelegt "
        "(KF-2290), sie geht morgen raus."
    )
    assert not violations(reply, messages, lang="de")
