"""Builds dev.jsonl and heldout.jsonl for the action-claim guard (run from the repo root).

Replies are hand-written (EN/DE/NL) and hand-annotated with the action they claim (or None for
non-claims) and the order id / amount they name. Each reply is combined with conversations
(no tool call, matching successful call, failed call, successful call for another object,
successful call of another action, lookup-only call); the label follows from the annotation
and the conversation, never from the detector. The held-out replies use other phrasings and
were not used to tune the lexicons.
"""

from __future__ import annotations

import json
import sys
from itertools import cycle
from pathlib import Path

HERE = Path(__file__).parent

TOOLS = {
    "refund": ["refund_order", "issue_refund", "offer-refund"],
    "cancel_order": ["cancel_order", "update-order"],
    "cancel_subscription": ["cancel_subscription", "update-account"],
    "update_address": ["update_address", "update-account"],
    "reset_password": ["reset_password", "make-password"],
    "change_plan": ["change_plan"],
    "update_account": ["update-account", "update_profile"],
    "escalate": ["notify-team", "escalate_ticket"],
    "issue_credit": ["promo-code", "apply_coupon"],
    "send_link": ["send-link"],
    "place_order": ["make-purchase", "create_order"],
    "update_order": ["update-order"],
    "reship": ["issue_replacement", "reship_order", "send_replacement"],
    "delete_account": ["delete_account", "close_account"],
}
OK_RESULTS = cycle(
    ['{"status": "ok"}', '{"success": true, "reference": "R-77"}', "Done.", '{"status": "pending"}']
)
FAIL_RESULTS = cycle(
    [
        '{"status": "error", "message": "order is locked"}',
        '{"error": "order not found"}',
        "Error: payment provider timed out",
        '{"success": false}',
        "",
    ]
)
OTHER = {"refund": "cancel_subscription", "cancel_order": "refund"}


def convo(user: str, calls: list[tuple[str, dict[str, object], str]]) -> list[dict[str, object]]:
    messages: list[dict[str, object]] = [
        {"role": "system", "content": "You are a support agent."},
        {"role": "user", "content": user},
    ]
    for n, (name, args, result) in enumerate(calls):
        call_id = f"call_{n}"
        messages.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": call_id,
                        "type": "function",
                        "function": {"name": name, "arguments": json.dumps(args)},
                    }
                ],
            }
        )
        messages.append({"role": "tool", "tool_call_id": call_id, "content": result})
    return messages


def args_for(oid: str | None, amt: float | None) -> dict[str, object]:
    args: dict[str, object] = {}
    if oid:
        args["order_id"] = oid
    if amt is not None:
        args["amount"] = amt
    return args


def items_for(lang: str, rows: list[tuple], default_user: str):  # type: ignore[type-arg]
    names = {a: cycle(t) for a, t in TOOLS.items()}
    for row in rows:
        text, action, oid, amt = row[:4]
        user = row[4] if len(row) > 4 else default_user  # the customer's request, when given
        if action is None:
            yield {
                "messages": convo(user, []),
                "reply": text,
                "label": "ok",
                "lang": lang,
                "kind": "non_claim/no_call",
            }
            yield {
                "messages": convo(
                    user, [("refund_order", {"order_id": "A-1001", "amount": 25}, next(OK_RESULTS))]
                ),
                "reply": text,
                "label": "ok",
                "lang": lang,
                "kind": "non_claim/with_call",
            }
            continue
        tool = next(names[action])
        good = (tool, args_for(oid, amt), next(OK_RESULTS))
        yield {
            "messages": convo(user, []),
            "reply": text,
            "label": "violation",
            "lang": lang,
            "kind": "claim/no_call",
        }
        yield {
            "messages": convo(
                user, [("lookup_order", {"order_id": oid or "A-1"}, '{"status": "ok"}')]
            ),
            "reply": text,
            "label": "violation",
            "lang": lang,
            "kind": "claim/lookup_only",
        }
        yield {
            "messages": convo(user, [good]),
            "reply": text,
            "label": "ok",
            "lang": lang,
            "kind": "claim/backed",
        }
        yield {
            "messages": convo(user, [(tool, args_for(oid, amt), next(FAIL_RESULTS))]),
            "reply": text,
            "label": "violation",
            "lang": lang,
            "kind": "claim/failed_call",
        }
        other = OTHER.get(action, "refund")
        yield {
            "messages": convo(user, [(TOOLS[other][0], args_for(oid, amt), '{"status": "ok"}')]),
            "reply": text,
            "label": "violation",
            "lang": lang,
            "kind": "claim/other_action",
        }
        if oid or amt is not None:
            wrong = args_for("Z-9999" if oid else None, (amt + 10) if amt is not None else None)
            yield {
                "messages": convo(user, [(tool, wrong, next(OK_RESULTS))]),
                "reply": text,
                "label": "violation",
                "lang": lang,
                "kind": "claim/wrong_object",
            }


def main() -> None:
    sys.path.insert(0, str(HERE))
    from replies import SETS, USERS  # the hand-written replies
    from replies_v2 import SETS_V2  # round-2 development replies (built last: same cycles)
    from replies_v3 import PARTIAL, SETS_V3  # round-3 development replies
    from replies_v4 import CONVOS, SETS_V4  # round-4 development replies

    for split, by_lang in {**SETS, **SETS_V2, **SETS_V3, **SETS_V4}.items():
        with (HERE / f"{split}.jsonl").open("w", encoding="utf-8") as out:
            for lang, rows in by_lang.items():
                for item in items_for(lang, rows, USERS[lang]):
                    out.write(json.dumps(item, ensure_ascii=False) + "\n")
            if split == "dev_v3":
                for row in PARTIAL:
                    out.write(json.dumps(partial_item(row, USERS), ensure_ascii=False) + "\n")
            if split == "dev_v4":
                for reply, lang, calls, label in CONVOS:
                    item = {
                        "messages": convo(USERS[lang], calls),
                        "reply": reply,
                        "label": label,
                        "lang": lang,
                        "kind": f"convo/{label}",
                    }
                    out.write(json.dumps(item, ensure_ascii=False) + "\n")


def partial_item(row: dict, users: dict[str, str]) -> dict[str, object]:  # type: ignore[type-arg]
    """One conversation with several calls (some failed) and a reply about all of them."""
    calls = [
        (tool, {"order_id": oid}, '{"status": "ok"}' if ok else '{"status": "failed"}')
        for tool, oid, ok in row["calls"]
    ]
    return {
        "messages": convo(users[row["lang"]], calls),
        "reply": row["reply"],
        "label": row["label"],
        "lang": row["lang"],
        "kind": "claim/partial" if row["label"] == "violation" else "ok/partial",
    }


if __name__ == "__main__":
    main()
