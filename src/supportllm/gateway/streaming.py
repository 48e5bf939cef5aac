"""Relaying an engine's streamed reply to the client.

Chat-style engines: each SSE event is passed on as bytes; only a cheap byte search looks for the
first token and the usage event. Completion-style engines (base models): each text-completion event
is turned into a chat-completion chunk, so the client sees the same protocol either way.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson

from supportllm.engines.base import EngineStream, JSONObject
from supportllm.errors import UpstreamError

_CONTENT = b'"content":"'


@dataclass
class StreamStats:
    """What the request log needs from a stream, filled in as it passes."""

    first_token_at: float | None = None
    last_token_at: float | None = None
    content_chunks: int = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    prompt_estimated: bool = False  # counted without the model's tokenizer (4 bytes a token)

    def mean_itl_ms(self) -> float | None:
        """Mean time between content chunks after the first (None with fewer than two)."""
        if self.first_token_at is None or self.last_token_at is None or self.content_chunks < 2:
            return None
        return round(
            (self.last_token_at - self.first_token_at) * 1000 / (self.content_chunks - 1), 3
        )

    def take_usage(self, usage: Any) -> None:
        if isinstance(usage, dict):
            self.prompt_tokens = usage.get("prompt_tokens", self.prompt_tokens)
            self.completion_tokens = usage.get("completion_tokens", self.completion_tokens)


_EMPTY_CONTENT = b'"content":""'
_USAGE = b'"usage":{'


def _event_json(event: bytes) -> JSONObject:
    try:
        data = orjson.loads(event[5:])
    except orjson.JSONDecodeError:
        raise UpstreamError("the engine sent a stream event that is not JSON") from None
    if not isinstance(data, dict):
        raise UpstreamError("the engine sent a stream event that is not a JSON object")
    return data


def _events(batch: bytes) -> list[bytes]:
    return [event + b"\n\n" for event in batch.split(b"\n\n") if event.strip()]


async def relay_chat(
    upstream: EngineStream,
    stats: StreamStats,
    *,
    upstream_model: bytes,
    alias: bytes,
    client_wants_usage: bool,
) -> AsyncIterator[bytes]:
    """Pass chat-completion chunks through as they arrived, renaming the model and keeping the
    usage event to ourselves when the client did not ask for it. Only byte searches run per
    batch; JSON is parsed once per request (the usage event)."""
    rename = upstream_model != alias
    async for batch in upstream:
        tokens = batch.count(_CONTENT) - batch.count(_EMPTY_CONTENT)
        if tokens > 0:
            stats.content_chunks += tokens
            stats.last_token_at = time.perf_counter()
            if stats.first_token_at is None:
                stats.first_token_at = stats.last_token_at
        if _USAGE in batch:
            kept = []
            for event in _events(batch):
                if _USAGE in event:
                    stats.take_usage(_event_json(event).get("usage"))
                    if not client_wants_usage and b'"choices":[]' in event:
                        continue
                kept.append(event)
            batch = b"".join(kept)
        if rename:
            batch = batch.replace(upstream_model, alias)
        if batch:
            yield batch


def _chat_chunk(base: JSONObject, delta: JSONObject, finish: Any) -> bytes:
    chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return b"data: " + orjson.dumps(chunk) + b"\n\n"


async def relay_completion_as_chat(
    upstream: EngineStream,
    stats: StreamStats,
    *,
    alias: str,
    client_wants_usage: bool,
    count_prompt: Callable[[], Awaitable[tuple[int, bool]]] | None = None,
) -> AsyncIterator[bytes]:
    """Turn a text-completion stream into chat-completion chunks (one token per event).

    Engines that stream no usage (llama-cpp-python) get their prompt counted by
    ``count_prompt`` once the reply is done: (tokens, estimated)."""
    base: JSONObject | None = None
    async for batch in upstream:
        out: list[bytes] = []
        for event in _events(batch):
            data = _event_json(event) if event.startswith(b"data:") else None
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
                out += _completion_choice(choice, stats, base)
        if out:
            yield b"".join(out)
    if stats.prompt_tokens is None and count_prompt is not None:
        stats.prompt_tokens, stats.prompt_estimated = await count_prompt()
    if client_wants_usage and base is not None:
        completion = stats.completion_tokens
        usage: dict[str, Any] = {
            "prompt_tokens": stats.prompt_tokens or 0,
            "completion_tokens": completion if completion is not None else stats.content_chunks,
        }
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        if stats.prompt_estimated:
            usage["prompt_tokens_estimated"] = True
        yield b"data: " + orjson.dumps({**base, "choices": [], "usage": usage}) + b"\n\n"


def _completion_choice(choice: JSONObject, stats: StreamStats, base: JSONObject) -> list[bytes]:
    text = choice.get("text") or ""
    if stats.first_token_at is None:
        text = text.lstrip()  # the transcript ends in "Agent:"; drop the space after it
    finish = choice.get("finish_reason")
    delta: JSONObject = {}
    if text:
        stats.last_token_at = time.perf_counter()
        if stats.first_token_at is None:
            stats.first_token_at = stats.last_token_at
            delta["role"] = "assistant"
        stats.content_chunks += 1
        delta["content"] = text
    return [_chat_chunk(base, delta, finish)] if delta or finish else []


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
