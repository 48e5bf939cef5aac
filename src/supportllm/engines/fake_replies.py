"""What the fake engine says: reply tokens, OpenAI chunk bytes, and how long a reply is."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import orjson

# A support-flavoured vocabulary so that generated replies look like what the benchmark measures.
_GENERATED_REPLY = (
    "Thanks for reaching out. I understand how frustrating this must be. To reset your password, "
    "open Settings, choose Security and select Reset password. You will receive an email with a "
    "link that is valid for 24 hours. If the email does not arrive, check your spam folder or let "
    "me know and I will send it again. Is there anything else I can help you with today?"
)


def split_tokens(text: str) -> list[str]:
    """Word-level 'tokens' with their leading space, so joined chunks reproduce the text."""
    words = text.split()
    return [words[0], *(" " + word for word in words[1:])] if words else []


def reply_tokens(replies: tuple[str, ...], index: int, count: int) -> list[str]:
    """``count`` tokens of the scripted reply number ``index`` (cycled), or of the generated one."""
    source = split_tokens(replies[index % len(replies)] if replies else _GENERATED_REPLY)
    if not source:
        source = ["ok"]
    size = len(source)
    # When the reply repeats, its first word needs the space that separates it from the last.
    return [source[i % size] if i < size or i % size else " " + source[0] for i in range(count)]


LEGACY_COMPLETION_MAX_TOKENS = 16  # /v1/completions' default max_tokens (OpenAI, llama.cpp)


def output_length(
    body: dict[str, Any], default_tokens: int, default_limit: int | None = None
) -> tuple[int, str]:
    """How many tokens to send and the finish reason, honouring max_tokens/min_tokens/ignore_eos
    (``default_limit``: the engine's own max_tokens when the request gives none)."""
    limit = body.get("max_completion_tokens") or body.get("max_tokens") or default_limit
    natural = default_tokens
    if isinstance(limit, int) and limit > 0:
        if body.get("ignore_eos") is True:
            return limit, "length"
        minimum = body.get("min_tokens")
        if isinstance(minimum, int) and minimum > natural:
            natural = min(minimum, limit)
        return (limit, "length") if natural >= limit else (natural, "stop")
    minimum = body.get("min_tokens")
    if isinstance(minimum, int) and minimum > natural:
        natural = minimum
    return natural, "stop"


def prompt_token_count(body: dict[str, Any]) -> int:
    """A word count of the prompt: the fake's stand-in for a tokenizer."""
    if isinstance(body.get("prompt"), str):
        return len(body["prompt"].split())
    total = 0
    for message in body.get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            total += len(content.split())
        elif isinstance(content, list):
            total += sum(
                len(str(part.get("text", "")).split()) for part in content if isinstance(part, dict)
            )
    return total


@dataclass
class ChunkFormatter:
    """Builds the bytes of one reply's SSE events (chat or text completion) cheaply."""

    request_id: str
    model: str
    chat: bool

    def __post_init__(self) -> None:
        created = int(time.time())
        kind = "chat.completion.chunk" if self.chat else "text_completion"
        self._head = (
            b'data: {"id":"'
            + self.request_id.encode()
            + b'","object":"'
            + kind.encode()
            + b'","created":'
            + str(created).encode()
            + b',"model":'
            + orjson.dumps(self.model)
            + b',"choices":[{"index":0,'
        )
        self._created = created

    def token(self, text: str, first: bool) -> bytes:
        if self.chat:
            role = b'"role":"assistant",' if first else b""
            payload = b'"delta":{' + role + b'"content":' + orjson.dumps(text) + b"}"
        else:
            payload = b'"text":' + orjson.dumps(text)
        return self._head + payload + b',"finish_reason":null}]}\n\n'

    def finish(self, reason: str) -> bytes:
        payload = b'"delta":{}' if self.chat else b'"text":""'
        return self._head + payload + b',"finish_reason":"' + reason.encode() + b'"}]}\n\n'

    def usage(self, prompt_tokens: int, completion_tokens: int) -> bytes:
        kind = "chat.completion.chunk" if self.chat else "text_completion"
        event = {
            "id": self.request_id,
            "object": kind,
            "created": self._created,
            "model": self.model,
            "choices": [],
            "usage": _usage(prompt_tokens, completion_tokens),
        }
        return b"data: " + orjson.dumps(event) + b"\n\n"

    def whole(
        self,
        text: str,
        reason: str,
        prompt_tokens: int,
        completion_tokens: int,
        tool_calls: list[Any] | None = None,
    ) -> bytes:
        choice: dict[str, Any] = {"index": 0, "finish_reason": reason, "logprobs": None}
        if self.chat:
            choice["message"] = {"role": "assistant", "content": text}
            if tool_calls:
                choice["message"]["tool_calls"] = tool_calls
                choice["finish_reason"] = "tool_calls"
        else:
            choice["text"] = text
        return orjson.dumps(
            {
                "id": self.request_id,
                "object": "chat.completion" if self.chat else "text_completion",
                "created": self._created,
                "model": self.model,
                "choices": [choice],
                "usage": _usage(prompt_tokens, completion_tokens),
            }
        )


def _usage(prompt_tokens: int, completion_tokens: int) -> dict[str, int]:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def _between(text: str, start: str, end: str) -> str | None:
    head = text.find(start)
    tail = text.find(end, head + len(start)) if head >= 0 else -1
    return text[head + len(start) : tail] if tail >= 0 else None


def _last_text(body: dict[str, Any]) -> str | None:
    """The text of a chat request's last message (None: no messages, or not text)."""
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages or not isinstance(messages[-1], dict):
        return None
    content = messages[-1].get("content")
    return content if isinstance(content, str) else None


def scripted_judge(body: dict[str, Any], marker: str | None) -> list[str] | None:
    """The scripted pairwise judge (``FakeEngineConfig.judge_marker``): for a chat request
    whose last message holds ``<reply_a>…</reply_a>`` and ``<reply_b>…</reply_b>``, the tokens
    of ``{"better": …}`` naming the reply WITHOUT ``marker`` ("tie" when both or neither have
    it); None for every other request (answered as usual)."""
    content = _last_text(body)
    if not marker or content is None:
        return None
    a = _between(content, "<reply_a>", "</reply_a>")
    b = _between(content, "<reply_b>", "</reply_b>")
    if a is None or b is None:
        return None
    bad_a, bad_b = marker in a, marker in b
    better = "tie" if bad_a == bad_b else ("B" if bad_a else "A")
    reason = "both or neither carry the marker" if better == "tie" else "the other has the marker"
    return split_tokens(orjson.dumps({"better": better, "reason": reason}).decode())


def scripted_reader(body: dict[str, Any], marker: str | None) -> list[str] | None:
    """The scripted claims reader (``FakeEngineConfig.reader_marker``): for a chat request
    whose last message ends in the reader's ``<reply>…</reply>`` (guard/claims_reader.py), the
    tokens of ``{"verdict": …}``: "violation" naming the sentence when the reply holds
    ``marker``, else "ok". A request ending in the injection reader's ``<message>…</message>``
    (guard/injection_reader.py) is answered "injection" when the message holds ``marker``, else
    "ok". None for every other request (answered as usual)."""
    content = _last_text(body)
    if marker and content is not None and content.endswith("</message>"):
        return _scripted_injection_reader(content, marker)
    if not marker or content is None or not content.endswith("</reply>"):
        return None
    reply = _between(content, "<reply>", "</reply>")
    if reply is None:
        return None
    claim = next((part for part in reply.strip().split(". ") if marker in part), "")
    verdict = "violation" if claim else "ok"
    return split_tokens(orjson.dumps({"verdict": verdict, "claim": claim}).decode())


def _scripted_injection_reader(content: str, marker: str) -> list[str] | None:
    message = _between(content, "<message>", "</message>")
    if message is None:
        return None
    verdict = "injection" if marker in message else "ok"
    reason = "carries the marker" if verdict == "injection" else ""
    return split_tokens(orjson.dumps({"verdict": verdict, "reason": reason}).decode())
