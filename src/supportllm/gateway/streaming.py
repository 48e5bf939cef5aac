"""Relaying an engine's streamed reply to the client.

Chat-style engines: each SSE event is passed on as bytes; only a cheap byte search looks for the
first token and the usage event. Completion-style engines (base models): each text-completion event
is turned into a chat-completion chunk, so the client sees the same protocol either way.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import orjson

from supportllm.engines.base import EngineStream, JSONObject

_CONTENT = b'"content":"'


@dataclass
class StreamStats:
    """What the request log needs from a stream, filled in as it passes."""

    first_token_at: float | None = None
    content_chunks: int = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None

    def take_usage(self, usage: Any) -> None:
        if isinstance(usage, dict):
            self.prompt_tokens = usage.get("prompt_tokens", self.prompt_tokens)
            self.completion_tokens = usage.get("completion_tokens", self.completion_tokens)


def _has_token(event: bytes) -> bool:
    at = event.find(_CONTENT)
    return at >= 0 and event[at + len(_CONTENT) : at + len(_CONTENT) + 1] != b'"'


async def relay_chat(
    upstream: EngineStream,
    stats: StreamStats,
    *,
    upstream_model: bytes,
    alias: bytes,
    client_wants_usage: bool,
) -> AsyncIterator[bytes]:
    """Pass chat-completion chunks through, renaming the model and keeping usage to ourselves
    when the client did not ask for it."""
    rename = upstream_model != alias
    async for event in upstream:
        if _has_token(event):
            stats.content_chunks += 1
            if stats.first_token_at is None:
                stats.first_token_at = time.perf_counter()
        elif b'"usage":{' in event:
            stats.take_usage(orjson.loads(event[5:]).get("usage"))
            if not client_wants_usage and b'"choices":[]' in event:
                continue
        if rename:
            event = event.replace(upstream_model, alias, 1)
        yield event


def _chat_chunk(base: JSONObject, delta: JSONObject, finish: Any) -> bytes:
    chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return b"data: " + orjson.dumps(chunk) + b"\n\n"


async def relay_completion_as_chat(
    upstream: EngineStream,
    stats: StreamStats,
    *,
    alias: str,
    client_wants_usage: bool,
) -> AsyncIterator[bytes]:
    """Turn a text-completion stream into chat-completion chunks (one token per event)."""
    base: JSONObject | None = None
    for_usage: JSONObject = {}
    async for event in upstream:
        data = orjson.loads(event[5:]) if event.startswith(b"data:") else None
        if not isinstance(data, dict):
            continue
        if base is None:
            base = {
                "id": "chatcmpl-" + str(data.get("id", "")).removeprefix("cmpl-"),
                "object": "chat.completion.chunk",
                "created": data.get("created", 0),
                "model": alias,
            }
        stats.take_usage(data.get("usage"))
        for choice in data.get("choices") or []:
            text = choice.get("text") or ""
            if stats.first_token_at is None:
                text = text.lstrip()  # the transcript ends in "Agent:"; drop the space after it
            finish = choice.get("finish_reason")
            delta: JSONObject = {}
            if text:
                if stats.first_token_at is None:
                    stats.first_token_at = time.perf_counter()
                    delta["role"] = "assistant"
                stats.content_chunks += 1
                delta["content"] = text
            if delta or finish:
                yield _chat_chunk(base, delta, finish)
        for_usage = base
    if client_wants_usage and for_usage:
        completion = stats.completion_tokens
        usage = {
            "prompt_tokens": stats.prompt_tokens or 0,
            "completion_tokens": completion if completion is not None else stats.content_chunks,
        }
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        yield b"data: " + orjson.dumps({**for_usage, "choices": [], "usage": usage}) + b"\n\n"


def completion_to_chat(data: JSONObject, alias: str) -> JSONObject:
    """A whole text-completion response as a chat completion."""
    choices = [
        {
            "index": choice.get("index", 0),
            "message": {"role": "assistant", "content": (choice.get("text") or "").strip()},
            "finish_reason": choice.get("finish_reason"),
            "logprobs": None,
        }
        for choice in data.get("choices") or []
    ]
    return {
        "id": "chatcmpl-" + str(data.get("id", "")).removeprefix("cmpl-"),
        "object": "chat.completion",
        "created": data.get("created", 0),
        "model": alias,
        "choices": choices,
        "usage": data.get("usage"),
    }
