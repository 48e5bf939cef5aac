"""Action claims vs the tool-call ledger, and tool-call schema validation (issue 16, 3 and 4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from supportllm.config_sections import ClaimsGuardSettings
from supportllm.guard.claims import (
    DEFAULT_TOOL_ACTIONS,
    HANDOFF,
    ClaimChecker,
    complete_sentences,
    find_claims,
    ledger,
    split_sentences,
    tool_result_ok,
    violations,
)
from supportllm.guard.claims_detect import ClaimDetector
from supportllm.guard.eval_claims import abcd_messages, evaluate_claims, parse_claims_line
from supportllm.guard.tools import (
    ToolSchemaError,
    ToolValidator,
    repair_message,
    validate_tool_calls,
)

DATA = Path(__file__).parent / "data" / "guard" / "claims"
ABCD = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "abcd"
ABCD_SAMPLE = ABCD / "abcd_sample.json"
if not ABCD_SAMPLE.exists():
    ABCD_SAMPLE = Path("/work/shared/data/abcd/abcd_sample.json")


def convo(*calls: tuple[str, dict[str, Any], Any]) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = [{"role": "user", "content": "Please help with A-1001."}]
    for n, (name, args, result) in enumerate(calls):
        messages.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": f"c{n}",
                        "type": "function",
                        "function": {"name": name, "arguments": json.dumps(args)},
                    }
                ],
            }
        )
        messages.append({"role": "tool", "tool_call_id": f"c{n}", "content": result})
    return messages


CLAIMS = [
    ("I've refunded your order.", "refund"),
    ("Your subscription has been cancelled.", "cancel_subscription"),
    ("Ich habe Ihre Bestellung storniert.", "cancel_order"),
    ("Ihr Passwort wurde zurückgesetzt.", "reset_password"),
    ("ik heb uw bestelling geannuleerd.", "cancel_order"),
    ("Uw adres is gewijzigd.", "update_address"),
    ("I went ahead and cancelled order #4455 for you.", "cancel_order"),
    ("Ich bestätige, dass wir Ihre Bestellung storniert haben.", "cancel_order"),
]

NOT_CLAIMS = [
    # The packaged demo model's own words (found by the end-to-end test): a noun, not a deed.
    "I have a password reset request.",
    "I have a password reset link for you.",
    "I can refund it.",
    "I will cancel it once you confirm.",
    "Would you like me to cancel your order?",
    "To reset your password, click 'Forgot password'.",
    "I have not refunded your order.",
    "You can cancel under Settings.",
    "Wir werden Ihnen den Betrag erstatten.",
    "Kan ik uw bestelling annuleren?",
    "Refunds are processed within 5 business days.",
    "Ihre Bestellung kann leider nicht storniert werden.",
    "Uw bestelling is nog niet geannuleerd.",
]


@pytest.mark.parametrize(("reply", "action"), CLAIMS)
def test_claims_in_three_languages_are_found(reply: str, action: str) -> None:
    assert [c.action for c in find_claims(reply)] == [action]


@pytest.mark.parametrize("reply", NOT_CLAIMS)
def test_offers_questions_instructions_and_negations_are_not_claims(reply: str) -> None:
    assert find_claims(reply) == []


def test_a_claim_without_a_tool_call_is_a_violation_and_a_backed_one_is_not() -> None:
    reply = "I've gone ahead and issued a refund of €25 for order A-1001."
    assert violations(reply, convo())
    backed = convo(("refund_order", {"order_id": "A-1001", "amount": 25.00}, '{"status": "ok"}'))
    assert violations(reply, backed) == []


def test_the_reply_must_name_the_same_order_and_amount_as_the_call() -> None:
    call = convo(("refund_order", {"order_id": "A-1001", "amount": 25}, '{"status": "ok"}'))
    wrong_order = violations("I've refunded order A-2002.", call)
    assert wrong_order and "A2002" in wrong_order[0].reason
    assert violations("I've refunded €30.", call)
    assert violations("Ich habe Ihnen 25,00 € erstattet.", call, lang="de") == []
    assert violations("We hebben € 25,- teruggestort.", call, lang="nl") == []


def test_a_failed_or_unanswered_tool_call_backs_nothing() -> None:
    reply = "Your subscription has been cancelled."
    for result in ('{"status": "error"}', '{"error": "not found"}', "Error: timeout", "", None):
        found = violations(reply, convo(("cancel_subscription", {}, result)))
        assert found and "did not succeed" in found[0].reason
    unanswered = convo(("cancel_subscription", {}, "ok"))[:-1]
    assert violations(reply, unanswered)


def test_what_counts_as_a_successful_tool_result() -> None:
    assert tool_result_ok('{"status": "ok"}')
    assert tool_result_ok('{"status": "pending", "refund_id": "R-1"}')
    assert tool_result_ok("Refund issued.")  # plain text without failure words
    assert tool_result_ok([{"type": "text", "text": "done"}])  # content parts
    assert not tool_result_ok('{"success": false}')
    assert not tool_result_ok("Fehler: Bestellung nicht gefunden")
    assert not tool_result_ok("mislukt")
    assert not tool_result_ok("   ")


def test_a_status_under_a_german_or_dutch_key_is_read_like_status() -> None:
    # round 19: {"zustand": "fehlgeschlagen"} from backup_wiederherstellen read as a success
    for key, failed, done in (
        ("zustand", "fehlgeschlagen", "abgeschlossen"),
        ("ergebnis", "abgelehnt", "erfolgreich"),
        ("resultaat", "mislukt", "gelukt"),
        ("uitkomst", "geweigerd", "verwerkt"),
    ):
        assert not tool_result_ok(json.dumps({"job": "J-1", key: failed}), "herstellen"), key
        assert tool_result_ok(json.dumps({"job": "J-1", key: done}), "herstellen"), key
    restored = convo(
        ("backup_wiederherstellen", {"backup": "bk-1"}, '{"zustand": "fehlgeschlagen"}')
    )
    found = violations("Ihre Datenbank wurde wiederhergestellt.", restored, lang="de")
    assert found and "did not succeed" in found[0].reason


def test_a_waiting_list_under_a_german_key_does_not_back_a_booking() -> None:
    # round 20: the keys that hold a call's state (STATE_KEY) read German and Dutch too, so a
    # booking answered {"ergebnis": "warteliste"} backs no "eingetragen" (heldout_v34)
    reply = "Du bist für Spinning am Donnerstag um 18 Uhr eingetragen – bis dann!"
    args = {"kurs": "Spinning", "termin": "2025-06-12T18:00"}
    for key in ("ergebnis", "zustand", "uitkomst", "toestand", "status"):
        waiting = convo(("kurs_buchen", args, json.dumps({key: "warteliste", "position": 4})))
        assert violations(reply, waiting, lang="de"), key
    booked = convo(("kurs_buchen", args, json.dumps({"ergebnis": "gebucht"})))
    assert not violations(reply, booked, lang="de")


@pytest.mark.parametrize(
    ("result", "tool", "ok"),
    [
        ('{"erfolg": false, "fehler": "Tarif nicht verfügbar"}', "tarif_wechseln", False),
        ('{"succes": false, "fout": "Wijziging niet toegestaan"}', "tarief_wijzigen", False),
        ('{"gelukt": true}', "tarief_wijzigen", True),
        # the tool's own deed flagged as not done
        ('{"result": {"migrated": false, "reason": "PHP 7.2"}}', "site_migreren", False),
        ('{"result": {"transfer": "rejected", "grund": "AuthCode"}}', "domain_transfer", False),
        ('{"updated": false}', "update_email", False),
        # another deed not done, or a state of the object, is not the call's failure
        ('{"cancelled": true, "refunded": false}', "cancel_order", True),
        ('{"status": "success", "card_state": "blocked"}', "block_card", True),
    ],
)
def test_german_and_dutch_flags_and_the_tools_own_deed(result: str, tool: str, ok: bool) -> None:
    assert tool_result_ok(result, tool) is ok


@pytest.mark.parametrize(
    ("reply", "tool", "args", "lang"),
    [
        (
            "Die Bestellung 48812 ist storniert.",
            "bestellung_stornieren",
            {"bestellnummer": "48821"},
            "de",
        ),
        (
            "Bestelling 48812 is geannuleerd.",
            "bestelling_annuleren",
            {"bestelnummer": "48821"},
            "nl",
        ),
        (
            "Ihre Karte mit der Endung 3912 ist gesperrt.",
            "karte_sperren",
            {"kartenendung": "3921"},
            "de",
        ),
        (
            "Je pinpas eindigend op 5520 is geblokkeerd.",
            "kaart_blokkeren",
            {"laatste4": "5502"},
            "nl",
        ),
    ],
)
def test_german_and_dutch_argument_keys_name_the_object(
    reply: str, tool: str, args: dict[str, str], lang: str
) -> None:
    found = violations(reply, convo((tool, args, '{"ok": true}')), lang=lang)
    # the id check, or the near-miss number check that names the call's own number
    reason = found[0].reason if found else ""
    assert "but the tool call" in reason or str(next(iter(args.values()))) in reason, found
    right = {k: next(w for w in reply.replace(".", " ").split() if w.isdigit()) for k in args}
    assert violations(reply, convo((tool, right, '{"ok": true}')), lang=lang) == []


def test_failures_hidden_in_nested_results_messages_and_http_codes_back_nothing() -> None:
    assert not tool_result_ok('{"data": {"status": "failed"}}')
    assert not tool_result_ok('{"refund": {"error": "card declined"}}')
    assert not tool_result_ok('{"message": "Refund failed: card expired"}')
    assert not tool_result_ok('{"status": 404}')
    assert not tool_result_ok('{"result": {"state": "insufficient_funds"}}')
    assert tool_result_ok('{"status": "ok", "message": "no errors"}')
    assert tool_result_ok("No errors. Refund complete.")
    assert tool_result_ok('{"status_code": 200, "refund_id": "R-1"}')


def test_ledger_maps_tools_to_actions_with_overrides() -> None:
    messages = convo(
        ("offer-refund", {"amount": 40}, "Refund offered."),
        ("lookup_order", {"order_id": "A-1"}, '{"status": "ok"}'),
        ("zap_widget", {}, "ok"),
    )
    done = ledger(messages, DEFAULT_TOOL_ACTIONS)
    assert [(d.action, d.tool) for d in done] == [("refund", "offer-refund")]
    assert "amount:40.00" in done[0].objects
    custom = ClaimChecker({"zap_widget": "cancel_order"})
    assert custom.violations("I've cancelled your order.", messages) == []


def test_abcd_broad_actions_grant_their_specific_claims() -> None:
    messages = convo(("update-account", {"values": ["change address"]}, "Account updated."))
    assert violations("Your address has been updated.", messages) == []
    assert violations("Everything has been updated in the system.", messages) == []
    assert violations("I've refunded you.", messages)


@pytest.mark.skipif(not ABCD_SAMPLE.exists(), reason="shared ABCD data absent")
def test_real_abcd_agent_turns_pass_and_lose_their_backing_without_the_action() -> None:
    conversations = json.loads(ABCD_SAMPLE.read_text())
    turns = [t for c in conversations for t in abcd_messages(c)]
    assert len(turns) > 30
    flagged = [reply for reply, messages in turns if violations(reply, messages, lang="en")]
    assert flagged == []
    escalation = [(r, m) for r, m in turns if "let my manager know" in r]
    assert escalation
    reply, messages = escalation[0]
    without_actions = [m for m in messages if m["role"] in ("user", "assistant") and m["content"]]
    assert violations(reply, without_actions)


def test_handoff_replies_claim_nothing() -> None:
    for lang, text in HANDOFF.items():
        assert find_claims(text, lang) == []
        assert ClaimChecker().handoff("Ihre Bestellung wurde storniert.") == HANDOFF["de"]


def test_streaming_sentences_are_released_only_when_complete() -> None:
    done, rest = complete_sentences("I've refunded €25.")
    assert done == [] and rest == "I've refunded €25."  # may still become €25.00
    done, rest = complete_sentences("I've refunded €25.00 to you. Anything")
    assert done == ["I've refunded €25.00 to you."] and rest == "Anything"
    done, rest = complete_sentences("Bestellung Nr. 5 vom 3. März wurde storniert. Danke")
    assert done == ["Bestellung Nr. 5 vom 3. März wurde storniert."]
    assert [c.action for c in find_claims(done[0])] == ["cancel_order"]
    # a cancellation dated in the past is a look-up reported, not a claim (round 9)
    assert find_claims("Bestellung Nr. 5 wurde am 3. März storniert.") == []


def test_bad_input_is_handled() -> None:
    assert find_claims("") == []
    assert split_sentences("   ") == []
    huge = "Thank you for waiting. " * 5000 + "Your order has been cancelled."
    assert [c.action for c in find_claims(huge)] == ["cancel_order"]
    odd = [{"role": "tool", "tool_call_id": "nope", "content": 5}, "junk", {"role": "assistant"}]
    assert violations("Your order has been cancelled.", odd)  # type: ignore[list-item]


def test_labelled_sets_meet_the_targets_per_language() -> None:
    items = [json.loads(line) for line in (DATA / "dev.jsonl").read_text().splitlines()]
    report = evaluate_claims(items)
    for lang, scores in report["per_lang"].items():
        assert scores["precision"] >= 0.95, (lang, scores)
        assert scores["recall"] >= 0.90, (lang, scores)
    dev2 = [json.loads(line) for line in (DATA / "dev_v2.jsonl").read_text().splitlines()]
    report = evaluate_claims(dev2)
    for lang, scores in report["per_lang"].items():
        assert scores["recall"] >= 0.95 and scores["fpr"] <= 0.02, (lang, scores)
    held = [json.loads(line) for line in (DATA / "heldout.jsonl").read_text().splitlines()]
    # Held-out replies were never used to tune; floors sit just under what was measured.
    overall = evaluate_claims(held)["overall"]
    assert overall["precision"] >= 0.95 and overall["recall"] >= 0.95, overall


REAL_AGENT_CLAIMS = [
    ("I've processed a refund of $45 to your original payment method.", "refund"),
    ("All set, your address is updated.", "update_address"),
    ("Okay, the refund's been processed, you should see it in 3-5 days.", "refund"),
    ("I was able to cancel the order before it shipped.", "cancel_order"),
    ("I managed to get the refund approved.", "refund"),
    ("I got your order cancelled before it shipped.", "cancel_order"),
    ("Refund processed.", "refund"),
    ("Just refunded it, sorry for the trouble!", "refund"),
    ("Done. Your account is now on the Gold plan.", "change_plan"),
    ("Good news - your refund is complete.", "refund"),
    ("Ich konnte Ihre Bestellung noch rechtzeitig stornieren.", "cancel_order"),
    ("Het is gelukt om uw abonnement op te zeggen.", "cancel_subscription"),
    ("Die Rückerstattung ist erfolgt.", "refund"),
]

# Category examples of the rules on which the learned scorer disagrees (docs/guardrails.md,
# "Limits"): the rules alone are tested on them.
SCORER_DISAGREES = {"The customer believes an extra charge has been added to their order."}

REAL_AGENT_NON_CLAIMS = [
    "I could not cancel your subscription, as it's managed through the App Store.",
    "I wasn't able to cancel the order, it had already left our warehouse.",
    "It is currently in progress and the refund is being processed to your credit card.",
    "There's no record that the order was cancelled.",
    "The customer believes an extra charge has been added to their order.",
    "Let the customer know that you will write up a report.",
    "Reset your password from the login page.",
    "Het is helaas niet gelukt om uw bestelling te annuleren.",
    "Leider konnte ich Ihre Bestellung nicht stornieren.",
]


@pytest.mark.parametrize(("reply", "action"), REAL_AGENT_CLAIMS)
def test_able_causative_and_telegraphic_claims_are_found(reply: str, action: str) -> None:
    assert action in {c.action for c in find_claims(reply)}


@pytest.mark.parametrize("reply", REAL_AGENT_NON_CLAIMS)
def test_failures_in_progress_and_reported_beliefs_are_not_claims(reply: str) -> None:
    if reply in SCORER_DISAGREES:  # the rules know it; the default's scorer adds it (limits)
        assert ClaimDetector().find(reply) == []
    else:
        assert find_claims(reply) == []


def test_a_bare_done_claims_what_the_customer_asked_for() -> None:
    asked = [{"role": "user", "content": "Can you cancel my order A-1001 please?"}]
    found = violations("Done!", asked)
    assert [v.claim.action for v in found] == ["cancel_order"]
    backed = [*asked, *convo(("cancel_order", {"order_id": "A-1001"}, '{"status": "ok"}'))[1:]]
    assert violations("Done!", backed) == []
    thanks = [{"role": "user", "content": "Thanks, that's all I needed."}]
    assert violations("Done! Have a great day.", thanks) == []


def test_the_eval_format_is_recognised_from_one_line() -> None:
    line = (DATA / "dev.jsonl").read_text().splitlines()[0]
    assert parse_claims_line(line) is not None
    assert parse_claims_line('{"text": "hi", "label": 1}') is None
    assert parse_claims_line("not json") is None


TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "refund_order",
            "parameters": {
                "type": "object",
                "properties": {
                    "order_id": {"type": "string", "pattern": "^[A-Z]-\\d+$"},
                    "amount": {"type": "number", "exclusiveMinimum": 0},
                },
                "required": ["order_id", "amount"],
                "additionalProperties": False,
            },
        },
    }
]


def call(name: str, arguments: str) -> dict[str, Any]:
    return {"id": "c1", "type": "function", "function": {"name": name, "arguments": arguments}}


def test_valid_tool_calls_pass() -> None:
    assert (
        validate_tool_calls([call("refund_order", '{"order_id": "A-1", "amount": 5}')], TOOLS) == []
    )


def test_invalid_tool_calls_each_get_a_clear_message() -> None:
    unknown = validate_tool_calls([call("delete_everything", "{}")], TOOLS)
    assert "unknown tool 'delete_everything'" in unknown[0].message
    assert "refund_order" in unknown[0].message
    broken = validate_tool_calls([call("refund_order", '{"order_id": ')], TOOLS)
    assert "not valid JSON" in broken[0].message
    wrong = validate_tool_calls([call("refund_order", '{"order_id": "1001", "amount": -3}')], TOOLS)
    messages = " | ".join(e.message for e in wrong)
    assert "arguments.order_id" in messages and "'pattern'" in messages
    assert "arguments.amount" in messages and "'exclusiveMinimum'" in messages
    missing = validate_tool_calls([call("refund_order", '{"order_id": "A-1"}')], TOOLS)
    assert "'amount' is a required property" in missing[0].message
    text = repair_message(wrong)
    assert "call 0 (refund_order)" in text and "arguments.amount" in text


def test_malformed_tool_schema_names_the_tool() -> None:
    bad = [{"type": "function", "function": {"name": "x", "parameters": {"type": "objekt"}}}]
    with pytest.raises(ToolSchemaError, match="tool 'x'"):
        validate_tool_calls([call("x", "{}")], bad)


def test_validators_are_compiled_once_per_schema() -> None:
    validator = ToolValidator()
    first = validator.schemas(TOOLS)["refund_order"]
    again = validator.schemas(json.loads(json.dumps(TOOLS)))["refund_order"]
    assert first is again


def test_settings_defaults() -> None:
    settings = ClaimsGuardSettings()
    assert (
        settings.mode == "replace" and settings.validate_tool_calls and settings.repair_tool_calls
    )
    assert ClaimsGuardSettings(mode="flag", tool_actions={"zap": "refund"}).tool_actions == {
        "zap": "refund"
    }
