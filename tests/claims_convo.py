"""A conversation with tool calls, for the action-claim tests."""

from __future__ import annotations

import json
from typing import Any


def convo(*calls: tuple[str, dict[str, Any], str]) -> list[dict[str, Any]]:
    """A customer message, then one tool call per (tool, arguments, result)."""
    messages: list[dict[str, Any]] = [{"role": "user", "content": "Please help me."}]
    for n, (tool, args, result) in enumerate(calls):
        call = {"id": f"c{n}", "type": "function",
                "function": {"name": tool, "arguments": json.dumps(args)}}  # fmt: skip
        messages.append({"role": "assistant", "content": None, "tool_calls": [call]})
        messages.append({"role": "tool", "tool_call_id": f"c{n}", "content": result})
    return messages


def asked(text: str, *calls: tuple[str, dict[str, Any], str]) -> list[dict[str, Any]]:
    """``convo`` with the customer's message ``text``."""
    messages = convo(*calls)
    messages[0]["content"] = text
    return messages
