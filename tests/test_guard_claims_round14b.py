"""Round 14b of the action-claims guard (issue 16, item 4): a reply that claims two or more
deeds where fewer successful calls back them ("I've moved the delivery and added gift wrap"
after the delivery call alone), in English, German and Dutch, each with its twin where every deed
has a call, and the look-alikes that stay ok: a deed the call's result tells of, the first
deed's thing again in an elided clause, a confirmation sent about it, a state it brings back.

The sentences were written for this project (not taken from the evaluation sets).
"""

from __future__ import annotations

from typing import Any

import pytest

from supportllm.guard.claims import violations
from supportllm.guard.claims_deeds import deed_clauses
from tests.claims_convo import convo

_OK = '{"status": "ok"}'

_MOVE = ("reschedule_delivery", {"order": "HW-5120", "date": "2025-06-12"}, _OK)
_WRAP = ("add_gift_wrap", {"order": "HW-5120"}, _OK)
_REFUND = ("refund_payment", {"payment": "PY-3371", "amount": 18.0}, '{"refunded": 18.0}')
_VOUCHER = ("issue_voucher", {"customer": "C-2210", "value": 5}, '{"code": "SORRY5"}')
_STORNO = ("auftrag_stornieren", {"auftrag": "AU-7781"}, '{"status": "ok"}')
_NEU = ("auftrag_anlegen", {"artikel": "Regal Eiche"}, '{"auftrag": "AU-7790"}')
_TERMIN = ("termin_buchen", {"kunde": "K-118", "datum": "2025-10-02"}, '{"status": "gebucht"}')
_ERINNERUNG = ("erinnerung_aktivieren", {"kanal": "sms"}, '{"status": "aktiv"}')
_BEFUND = ("befund_senden", {"an": "Dr. Albers"}, '{"gesendet": true}')
_ADRES = ("adres_wijzigen", {"klant": "KL-331", "adres": "Lindelaan 4"}, _OK)
_KAART = ("kaart_bestellen", {"klant": "KL-331"}, _OK)


def _flagged(reply: str, messages: list[dict[str, Any]], lang: str) -> bool:
    return bool(violations(reply, messages, lang=lang))


@pytest.mark.parametrize(
    ("calls", "reply", "lang", "violation"),
    [
        # a second deed in the same sentence, after "and"
        (
            (_MOVE,),
            "I've moved the delivery of HW-5120 to 12 June and added gift wrap to the parcel.",
            "en",
            True,
        ),
        (
            (_MOVE, _WRAP),
            "I've moved the delivery of HW-5120 to 12 June and added gift wrap to the parcel.",
            "en",
            False,
        ),
        (
            (_REFUND,),
            "I've refunded the £18 to your card and issued a £5 voucher for the trouble.",
            "en",
            True,
        ),
        (
            (_REFUND, _VOUCHER),
            "I've refunded the £18 to your card and issued a £5 voucher for the trouble.",
            "en",
            False,
        ),
        # German: one auxiliary for two participles
        (
            (_STORNO,),
            "Ich habe den Auftrag AU-7781 storniert und einen neuen für das Regal Eiche angelegt.",
            "de",
            True,
        ),
        (
            (_STORNO, _NEU),
            "Ich habe den Auftrag AU-7781 storniert und einen neuen für das Regal Eiche angelegt.",
            "de",
            False,
        ),
        # a checklist: three items, two calls
        (
            (_TERMIN, _ERINNERUNG),
            "Erledigt:\n✔ Termin am 2. Oktober gebucht\n✔ SMS-Erinnerung aktiviert\n"
            "✔ Befund an Dr. Albers geschickt",
            "de",
            True,
        ),
        (
            (_TERMIN, _ERINNERUNG, _BEFUND),
            "Erledigt:\n✔ Termin am 2. Oktober gebucht\n✔ SMS-Erinnerung aktiviert\n"
            "✔ Befund an Dr. Albers geschickt",
            "de",
            False,
        ),
        # Dutch: a passive clause of its own
        (
            (_ADRES,),
            "Uw adres is gewijzigd naar Lindelaan 4 en er is een nieuwe pas besteld.",
            "nl",
            True,
        ),
        (
            (_ADRES, _KAART),
            "Uw adres is gewijzigd naar Lindelaan 4 en er is een nieuwe pas besteld.",
            "nl",
            False,
        ),
    ],
)
def test_each_deed_needs_a_call(
    calls: tuple[tuple[str, dict[str, Any], str], ...], reply: str, lang: str, violation: bool
) -> None:
    assert _flagged(reply, convo(*calls), lang) is violation


@pytest.mark.parametrize(
    ("call", "reply", "lang"),
    [
        # the call's result tells of the second deed
        (
            ("cancel_order", {"order": "AB-1001"}, '{"cancelled": true, "refund": "issued"}'),
            "I've cancelled order AB-1001 and refunded the full amount to your card.",
            "en",
        ),
        # the first deed's thing again: no thing of its own
        (
            ("revoke_session", {"device": "d_81"}, '{"revoked": true}'),
            "The old laptop has been signed out and removed from your account.",
            "en",
        ),
        (
            ("fall_eskalieren", {"fall": "SF-2025-118"}, '{"eskaliert": true}'),
            "Ich habe Ihren Fall SF-2025-118 eskaliert und als dringend markiert.",
            "de",
        ),
        # a confirmation sent about the deed is no deed of its own
        (
            ("abo_kuendigen", {"abo": "AB-551"}, _OK),
            "Ihr Abo AB-551 ist gekündigt und die Bestätigung habe ich Ihnen per Mail geschickt.",
            "de",
        ),
        # a pronoun for the first deed's thing
        (
            ("kortingscode_toepassen", {"code": "ZOMER10"}, _OK),
            "Je kortingscode ZOMER10 is toegevoegd en dat is meteen toegepast.",
            "nl",
        ),
        # a state the call's result says is back
        (
            ("les_annuleren", {"les": "LS-20"}, '{"geannuleerd": true, "tegoed_terug": 1}'),
            "Je les LS-20 is geannuleerd en de les staat weer op je tegoed.",
            "nl",
        ),
    ],
)
def test_a_deed_the_call_explains_is_no_second_deed(
    call: tuple[str, dict[str, Any], str], reply: str, lang: str
) -> None:
    assert not _flagged(reply, convo(call), lang)


@pytest.mark.parametrize(
    ("sentence", "lang", "count"),
    [
        ("I've moved the delivery to Friday and added gift wrap to the parcel.", "en", 2),
        ("The old laptop has been signed out and removed from your account.", "en", 1),
        ("Your membership is paused, so you won't be charged in July.", "en", 1),
        ("Ich habe die Rechnung storniert und eine neue ausgestellt.", "de", 2),
        ("Ihr Abo ist verlängert und jetzt bis zum 3. Mai gültig.", "de", 1),
        ("Je abonnement is gepauzeerd en je betaalt in juli niks.", "nl", 1),
    ],
)
def test_deed_clauses(sentence: str, lang: str, count: int) -> None:
    assert len(deed_clauses(sentence, lang)) == count
