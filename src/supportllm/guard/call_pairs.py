"""The conversation's tool calls paired with their results: an assistant's ``tool_calls`` entry
with the ``tool`` message that answers its id, and a legacy ``function_call`` with the next
``function`` message of that name. A call nobody answered is left out: it did nothing the
conversation can show. The ledger (ledger.py) and the claims judge's features
(claims_judge_features.py) both read calls through here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from supportllm.guard.tool_results import content_text

__all__ = ["AnsweredCall", "answered_calls", "parsed_arguments"]


@dataclass(frozen=True)
class AnsweredCall:
    name: str  # the function's name as the model wrote it
    arguments: Any  # parsed JSON where it parses, else as given
    raw_arguments: str  # str() of them as given (a JSON string in the OpenAI format)
    content: Any  # the answering message's content
    text: str  # that content as text (content parts joined)


def parsed_arguments(raw: Any) -> Any:
    """A call's arguments parsed from their JSON string; anything else as it is."""
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def answered_calls(messages: list[dict[str, Any]]) -> list[AnsweredCall]:
    """Every answered tool call in the order its answer comes."""
    pending: dict[str, tuple[str, Any]] = {}
    legacy: dict[str, list[Any]] = {}
    out: list[AnsweredCall] = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        role = message.get("role")
        if role == "assistant":
            for call in message.get("tool_calls") or []:
                if not isinstance(call, dict):
                    continue
                fn = call.get("function") or {}
                pending[str(call.get("id", ""))] = (str(fn.get("name", "")), fn.get("arguments"))
            fc = message.get("function_call")
            if isinstance(fc, dict):
                legacy.setdefault(str(fc.get("name", "")), []).append(fc.get("arguments"))
        elif role in ("tool", "function"):
            if role == "tool":
                entry = pending.pop(str(message.get("tool_call_id", "")), None)
            else:
                name = str(message.get("name", ""))
                queue = legacy.get(name) or []
                entry = (name, queue.pop(0)) if queue else None
            if entry is None:
                continue
            name, raw = entry
            content = message.get("content")
            out.append(
                AnsweredCall(
                    name, parsed_arguments(raw), str(raw), content,
                    content_text(content),
                )
            )  # fmt: skip
    return out
