"""What the claims judge reads of a reply's values (claims_judge_features.py,
claims_judge_values.py, round 19): the numbers of a sentence in the forms a call writes them,
and values that clash with the successful changes in sentences the rules do not read."""

from __future__ import annotations

import json
from typing import Any

import pytest

from supportllm.guard.claims_judge_features import (
    FEATURES,
    JudgeInput,
    reply_features,
    sentence_scores,
    sentences_of,
)
from supportllm.guard.claims_judge_values import VALUE_FEATURES
from supportllm.guard.claims_learned import default_learned_detector


def _conversation(
    user: str, tool: str, args: dict[str, Any], result: dict[str, Any]
) -> list[dict[str, Any]]:
    return [
        {"role": "user", "content": user},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "c1",
                    "type": "function",
                    "function": {"name": tool, "arguments": json.dumps(args)},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "c1", "content": json.dumps(result)},
    ]


def _features(reply: str, messages: list[dict[str, Any]], lang: str) -> dict[str, float]:
    detector = default_learned_detector()
    sentences = sentences_of(reply)
    claims, vetoed = detector.find_with_vetoed(reply, lang, messages[0]["content"])
    item = JudgeInput(
        reply,
        messages,
        lang,
        sentences,
        sentence_scores(detector, sentences),
        claims,
        vetoed,
        messages[0]["content"],
        {},
    )
    return dict(zip(FEATURES, reply_features(item), strict=True))


def _values(reply: str, messages: list[dict[str, Any]]) -> dict[str, float]:
    features = _features(reply, messages, "de")
    return {name: features[name] for name in VALUE_FEATURES}


# (customer, tool, arguments, result, the call's value said the reply's way, another value, lang)
NUMBER_FORMS = [
    (  # "3,20 €" is the call's 3.2
        "Das Schloss ging nicht auf, Fahrt F-22917, hab trotzdem 3,20 bezahlt",
        "gutschrift_erstellen",
        {"fahrt": "F-22917", "betrag": 3.2},
        {"success": True, "betrag": 3.2},
        "Die Gutschrift über 3,20 € ist durch.",
        "Die Gutschrift über 3,80 € ist durch.",
        "de",
    ),
    (  # "2 pm" is its 14:00, on a day that is not the 14th
        "Can I move my eye test A-2291 to Tuesday the 18th, ideally 2pm?",
        "reschedule_appointment",
        {"appointment_id": "A-2291", "new_time": "2024-06-18T14:00"},
        {"status": "confirmed", "time": "2024-06-18T14:00"},
        "Your eye test is now on Tuesday 18 June at 2 pm.",
        "Your eye test is now on Tuesday 18 June at 3 pm.",
        "en",
    ),
    (  # "om 14.30 uur" is its 14:30, not 14.3
        "Kan de afspraak naar 14:30?",
        "afspraak_verzetten",
        {"afspraak": "AF-31", "tijd": "14:30"},
        {"status": "ok", "tijd": "14:30"},
        "Je afspraak staat nu om 14.30 uur.",
        "Je afspraak staat nu om 15.30 uur.",
        "nl",
    ),
]


@pytest.mark.parametrize("case", NUMBER_FORMS, ids=["decimal", "pm", "dotted-time"])
def test_a_decimal_an_afternoon_hour_and_a_dotted_time_match_the_calls_own_forms(
    case: tuple[str, str, dict[str, Any], dict[str, Any], str, str, str],
) -> None:
    user, tool, args, result, same, other, lang = case
    messages = _conversation(user, tool, args, result)
    said = _features(same, messages, lang)
    assert said["t1_num_ok"] >= 1 and said["t1_num_notok"] == 0
    assert _features(other, messages, lang)["t1_num_notok"] >= 1


def test_umlauts_match_the_spelled_out_tool_name() -> None:
    changed = _conversation(
        "Kann ich in Kassel-Nord statt Baunatal prüfen? PA-3310",
        "pruefort_aendern",
        {"antrag": "PA-3310", "ort": "Kassel-Nord"},
        {"status": "ok"},
    )
    said = _features("Prüfort ist auf Kassel-Nord umgestellt.", changed, "de")
    plain = _features("Testort ist auf Kassel-Nord umgestellt.", changed, "de")
    assert said["t1_st_ok"] == plain["t1_st_ok"] + 1  # "prüfort" is the tool's "pruefort"


def test_a_state_that_names_another_weekday_or_amount_than_the_change_is_a_clash() -> None:
    booked = _conversation(
        "Könnt ihr meinen Platten am Dienstag machen? Kundin 10442.",
        "werkstatt_termin_anlegen",
        {"kunden_nr": "10442", "datum": "2025-05-14"},  # a Wednesday
        {"termin_id": "WT-3382", "datum": "2025-05-14", "uhrzeit": "09:30", "status": "ok"},
    )
    wrong_day = _values("Klar! Dein Termin steht: Dienstag um 9:30 Uhr.", booked)
    right_day = _values("Klar! Dein Termin steht: Mittwoch um 9:30 Uhr.", booked)
    assert wrong_day["v_any"] == 1 and right_day["v_any"] == 0
    lowered = _conversation(
        "Könnt ihr meinen Abschlag auf 78 Euro senken?",
        "abschlag_aendern",
        {"vertragskonto": "400118203", "betrag_eur": 87},
        {"status": "ok", "neuer_abschlag": 87, "ab": "2025-04-01"},
    )
    asked = _values("Erledigt – dein Abschlag beträgt ab 1. April nur noch 78 € im Monat.", lowered)
    done = _values("Erledigt – dein Abschlag beträgt ab 1. April nur noch 87 € im Monat.", lowered)
    assert asked["v_any"] == 1 and done["v_any"] == 0


def test_no_successful_change_no_clash() -> None:
    # only a look-up, or a change that failed: nothing to clash with (other features say so)
    looked = _conversation(
        "Wann ist mein Termin?", "get_termin", {"kunde": "10442"}, {"datum": "2025-05-14"}
    )
    failed = _conversation(
        "Bitte auf Dienstag legen.",
        "termin_verlegen",
        {"datum": "2025-05-13"},
        {"status": "error", "message": "kein Platz"},
    )
    for messages in (looked, failed):
        found = _values("Dein Termin steht jetzt am Montag.", messages)
        assert found == dict.fromkeys(VALUE_FEATURES, 0.0)
