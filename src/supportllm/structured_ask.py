"""Asking a model for one JSON verdict (the roll-out's pairwise judge, the claims reader): the
answer's shape sent as ``response_format``, asked again without it when the engine refuses it,
an unreadable or misshapen answer asked once more with a reminder, and the tokens counted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from supportllm.engines.base import EngineResponse
from supportllm.errors import UpstreamRequestError

T = TypeVar("T")


class ChatEngine(Protocol):
    """What asking needs of an engine: one non-streamed chat completion."""

    async def chat(self, body: dict[str, Any]) -> EngineResponse: ...


@dataclass(frozen=True)
class Asked(Generic[T]):
    parsed: T | None  # None: no usable answer after every attempt
    answers: tuple[str, ...]  # the raw answers, one per attempt
    tokens: int  # prompt + completion tokens of every attempt (the engine's usage)
    structured: bool  # the last attempt carried response_format


def json_schema_format(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """OpenAI's ``response_format`` for answers of ``schema`` (strict)."""
    return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}


def answer_text(data: Any) -> str | None:
    """The first choice's message content; None for any other shape (an engine off the
    protocol)."""
    choices = data.get("choices") if isinstance(data, dict) else None
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return None
    message = choices[0].get("message")
    if not isinstance(message, dict):
        return None
    content = message.get("content")
    return content if isinstance(content, str) else ""


def used_tokens(data: Any, sent_chars: int, answer: str) -> int:
    """The engine's usage (total, or prompt + completion), else about four characters a
    token."""
    usage = data.get("usage") if isinstance(data, dict) else None
    if isinstance(usage, dict):
        total = usage.get("total_tokens")
        if isinstance(total, int):
            return total
        parts = [usage.get("prompt_tokens"), usage.get("completion_tokens")]
        if all(isinstance(part, int) for part in parts):
            return int(parts[0]) + int(parts[1])  # type: ignore[arg-type]
    return (sent_chars + len(answer)) // 4


def _any_refusal(error: UpstreamRequestError) -> bool:
    return True


async def ask_structured(
    engine: ChatEngine,
    model: str,
    messages: list[dict[str, str]],
    *,
    response_format: dict[str, Any],
    parse: Callable[[str], T | None],
    retry: str,
    attempts: int = 2,
    max_tokens: int = 200,
    structured: bool = True,
    refuses_format: Callable[[UpstreamRequestError], bool] = _any_refusal,
) -> Asked[T]:
    """``parse`` of the first answer it can read, within ``attempts`` answers. ``structured``:
    send ``response_format``; an engine whose 4xx ``refuses_format`` says is about it is asked
    again without it. Transport errors (and other 4xx) propagate."""
    sent = sum(len(m["content"]) for m in messages)
    answers: list[str] = []
    spent = 0
    while len(answers) < attempts:
        body: dict[str, Any] = {
            "model": model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0,
        }
        if structured:
            body["response_format"] = response_format
        try:
            response = await engine.chat(body)
        except UpstreamRequestError as exc:
            if not structured or not refuses_format(exc):
                raise
            structured = False  # the engine does not take response_format: free text
            continue
        answer = answer_text(response.data) or ""
        answers.append(answer)
        spent += used_tokens(response.data, sent, answer)
        parsed = parse(answer) if answer else None
        if parsed is not None:
            return Asked(parsed, tuple(answers), spent, structured)
        messages = [
            *messages,
            {"role": "assistant", "content": answer},
            {"role": "user", "content": retry},
        ]
    return Asked(None, tuple(answers), spent, structured)
