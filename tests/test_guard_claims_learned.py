"""The action-claim rules together with the learned sentence scorer (claims_learned.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from supportllm.config_sections import ClaimsGuardSettings
from supportllm.errors import ConfigError
from supportllm.guard.claims import ClaimChecker, violations
from supportllm.guard.claims_detect import ClaimDetector
from supportllm.guard.claims_learned import LearnedDetector, claim_detector
from supportllm.guard.claims_model import ClaimModel, Thresholds, normalize
from tests.conftest import invoke

# Completed actions in phrasings the rule tables do not cover; the scorer reads them as claims.
LEARNED_CLAIMS = [
    ("Your second seat is gone from the workspace now.", "en"),
    ("Ich habe die Mahnung aus dem System genommen.", "de"),
    ("Ihr Termin liegt jetzt auf Donnerstag um 10 Uhr.", "de"),
    ("Je afspraak staat nu op donderdag om 10 uur.", "nl"),
]
# Offers, questions, instructions, a courier's event and the customer's own action.
NON_CLAIMS = [
    ("I can freeze the card for you if you like.", "en"),
    ("Would you like me to remove the second seat?", "en"),
    ("To freeze your card, open the app and tap Security.", "en"),
    ("The courier delivered the parcel to your neighbour at 11:42.", "en"),
    ("Soll ich die Mahngebühr für Sie erlassen?", "de"),
    ("U kunt uw pas zelf blokkeren in de app.", "nl"),
]
NO_TOOLS = [{"role": "user", "content": "Can you help me?"}]


def test_placeholders_make_ids_and_amounts_one_phrase() -> None:
    assert normalize("Refunded €12,50 for A-10023") == normalize("Refunded $7.99 for #77812")
    assert "qid" in normalize("order BK-4QX9") and "qamt" in normalize("£500")


@pytest.mark.parametrize(("reply", "lang"), LEARNED_CLAIMS)
def test_the_scorer_finds_claims_the_rules_miss(reply: str, lang: str) -> None:
    assert ClaimDetector().find(reply, lang) == []
    assert ClaimChecker().violations(reply, NO_TOOLS, lang), reply


@pytest.mark.parametrize(("reply", "lang"), NON_CLAIMS)
def test_offers_questions_and_others_events_stay_non_claims(reply: str, lang: str) -> None:
    assert ClaimChecker().violations(reply, NO_TOOLS, lang) == [], reply


def test_a_learned_claim_is_backed_by_a_tool_sharing_its_words() -> None:
    reply = "Your second seat is gone from the workspace now."
    call = {"id": "c1", "type": "function",
            "function": {"name": "remove_seat", "arguments": '{"seat": 2}'}}  # fmt: skip
    ok = [*NO_TOOLS, {"role": "assistant", "content": None, "tool_calls": [call]},
          {"role": "tool", "tool_call_id": "c1", "content": '{"status": "removed"}'}]  # fmt: skip
    failed = [*ok[:-1], {"role": "tool", "tool_call_id": "c1", "content": '{"error": "denied"}'}]
    assert ClaimChecker().violations(reply, ok, "en") == []
    found = ClaimChecker().violations(reply, failed, "en")
    assert found and found[0].claim.by == "scorer"


def test_model_setting_chooses_rules_alone_or_thresholds() -> None:
    assert type(claim_detector(ClaimsGuardSettings(model=""))) is ClaimDetector
    learned = claim_detector(ClaimsGuardSettings())
    assert isinstance(learned, LearnedDetector)
    # add at 1.0 and veto at 0.0: the scorer can neither add nor drop, so the rules decide
    inert = claim_detector(ClaimsGuardSettings(add_threshold=1.0, veto_threshold=0.0))
    reply, lang = LEARNED_CLAIMS[0]
    assert inert.find(reply, lang) == [] and learned.find(reply, lang)


def test_missing_or_corrupt_model_file_is_a_startup_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"guard\.claims\.model.*nope\.npz"):
        claim_detector(ClaimsGuardSettings(model=str(tmp_path / "nope.npz")))
    corrupt = tmp_path / "corrupt.npz"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ConfigError, match=r"corrupt\.npz"):
        claim_detector(ClaimsGuardSettings(model=str(corrupt)))
    array = tmp_path / "array.npy"
    np.save(array, np.zeros(3))
    with pytest.raises(ConfigError, match=r"array\.npy"):
        claim_detector(ClaimsGuardSettings(model=str(array)))
    result = invoke(
        "guard", "claims", "Refund done.", env={"SUPPORTLLM_GUARD__CLAIMS__MODEL": str(corrupt)}
    )
    assert result.code != 0 and "corrupt.npz" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_shipped_model_loads_without_pickle_and_says_how_it_was_made() -> None:
    model = ClaimModel()
    assert "scripts/train_claims.py" in model.meta
    assert 0.5 <= model.thresholds.add <= 0.99 and 0.0 < model.thresholds.veto <= 0.5


@pytest.mark.parametrize(
    ("reply", "lang", "tool"),
    [
        ("Ihr Abo ist jetzt bis Ende August pausiert.", "de", "pause_subscription"),
        ("Je pas is nu geblokkeerd, niemand kan er nog mee betalen.", "nl", "freeze_card"),
        ("De monteur is ingepland voor dinsdagochtend.", "nl", "schedule_technician"),
    ],
)
def test_a_claim_in_german_or_dutch_is_backed_by_an_english_tool_of_that_action(
    reply: str, lang: str, tool: str
) -> None:
    call = {"id": "c1", "type": "function", "function": {"name": tool, "arguments": "{}"}}
    done = [*NO_TOOLS, {"role": "assistant", "content": None, "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "c1", "content": '{"success": true}'}]  # fmt: skip
    failed = [*done[:-1], {"role": "tool", "tool_call_id": "c1", "content": '{"success": false}'}]
    assert ClaimChecker().violations(reply, done, lang) == []
    assert ClaimChecker().violations(reply, failed, lang)


def test_a_second_claim_in_another_clause_is_found_too() -> None:
    # The rules read the refund in the whole sentence; the first clause's change is read as a
    # claim of its own (by the rules on that clause alone, or by the scorer).
    reply = "Your payment day is now the 3rd, and I've refunded the March invoice."
    assert [c.action for c in ClaimDetector().find(reply, "en")] == ["refund"]
    found = ClaimChecker().violations(reply, NO_TOOLS, "en")
    assert len(found) == 2 and "refund" in {v.claim.action for v in found}, found


def test_the_veto_drops_rule_claims_but_never_a_bare_completion() -> None:
    vetoing = LearnedDetector(ClaimModel(), Thresholds(add=1.0, veto=1.0))
    assert ClaimDetector().find("I've refunded your order.", "en")
    assert vetoing.find("I've refunded your order.", "en") == []
    for bare, request in (("Done!", "Please cancel order A-1001."),
                          ("Refund (A-1001): done.", None)):  # fmt: skip
        assert vetoing.find(bare, "en", request), bare


def test_a_claim_with_an_id_in_brackets_is_reported_once() -> None:
    found = ClaimChecker().violations("Password reset (ACC-77): done.", NO_TOOLS, "en")
    assert [v.claim.action for v in found] == ["reset_password"]
    assert "('')" not in found[0].reason


def test_threshold_settings_need_a_model_and_a_sane_order() -> None:
    with pytest.raises(ValueError, match="need a model"):
        ClaimsGuardSettings(model="", add_threshold=0.9)
    with pytest.raises(ValueError, match="veto_threshold"):
        ClaimsGuardSettings(add_threshold=0.3, veto_threshold=0.6)


def test_a_tool_of_another_action_on_the_same_object_backs_nothing() -> None:
    # pause_subscription shares "subscription" with the claim, but pausing is not cancelling
    reply = "Your Reelhouse subscription has been cancelled and you won't be billed again."
    for tool, backed in (("pause_subscription", False), ("end_subscription", True)):
        call = {"id": "c1", "type": "function", "function": {"name": tool, "arguments": "{}"}}
        done = [*NO_TOOLS, {"role": "assistant", "content": None, "tool_calls": [call]},
                {"role": "tool", "tool_call_id": "c1", "content": '{"ok": true}'}]  # fmt: skip
        assert (ClaimChecker().violations(reply, done, "en") == []) is backed, tool


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        (
            "Your Studio Plus membership is on hold for March, so there's nothing to pay on "
            "1 March, and it restarts on 1 April.",
            "en",
        ),
        ("Jullie staan nu op veld 22, vlak bij het sanitair.", "nl"),
    ],
)
def test_a_clause_that_claims_a_change_is_read_when_the_rest_dilutes_it(
    reply: str, lang: str
) -> None:
    """Round 11: the scorer reads a sentence's clauses one by one when the whole sentence
    scores low; with no call at all, the state is a violation."""
    assert violations(reply, [{"role": "user", "content": "Can you sort it?"}], lang=lang)


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("If you like, your permit can be cancelled today, so you won't be charged again.", "en"),
        ("I tried to cancel your permit, but the system is down, so nothing has changed.", "en"),
        (
            "Wenn du möchtest, pausiere ich dein Abo ab heute, dann wird im Mai nichts abgebucht.",
            "de",
        ),
    ],
)
def test_a_clause_after_a_condition_or_in_an_attempt_is_no_claim(reply: str, lang: str) -> None:
    assert violations(reply, [{"role": "user", "content": "Can you sort it?"}], lang=lang) == []


@pytest.mark.parametrize(
    ("reply", "lang"),
    [
        ("No, no fee has been added for the scratched helmet.", "en"),
        ("Gutgeschrieben habe ich noch nichts, erst muss die Prüfung abgeschlossen sein.", "de"),
        ("Storniert habe ich aber noch nichts, dafür brauche ich Ihre Bestätigung.", "de"),
        ("Opgezegd heb ik nog niets, want dan verlies je je korting.", "nl"),
        ("Je lidmaatschap is noch opgezegd noch bevroren.", "nl"),
    ],
)
def test_a_denied_deed_is_no_claim(reply: str, lang: str) -> None:
    """Round 11: "no <thing> has been …", "noch … noch" and a negation after a
    participle put first deny the deed. (German "weder X noch Y" blocks X only: left alone.)"""
    assert violations(reply, [{"role": "user", "content": "Did you do it?"}], lang=lang) == []


def test_a_month_named_may_is_no_modal() -> None:
    """Round 11: "your May invoice has been cancelled" claims a cancellation ("may" as a modal
    is written in lower case)."""
    reply = "Your May invoice has been cancelled."
    assert violations(reply, [{"role": "user", "content": "Cancel it"}], lang="en")
    assert violations("It may have been cancelled.", [{"role": "user", "content": "?"}]) == []
