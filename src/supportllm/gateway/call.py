"""One chat request on its way through the pipeline (``Call``), and the small pieces of a
reply both paths share: error headers, the reply checks, the sources chunk, the guards' pass
over a whole reply (tool calls repaired once, placeholders mapped back, action claims)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import orjson

from supportllm.engines.base import JSONObject
from supportllm.engines.tokenizer import estimate_tokens
from supportllm.errors import RateLimitError, SupportLLMError, UpstreamError
from supportllm.gateway.failover import Prepared
from supportllm.gateway.guard import GuardStep, replace_reply, restore_tool_calls
from supportllm.gateway.pool import Pool, Upstream
from supportllm.gateway.requestlog import LogRecord
from supportllm.gateway.templates import PromptPassage
from supportllm.gateway.tracing import Step
from supportllm.gateway.wire import ChatRequest
from supportllm.guard.pii import Placeholders
from supportllm.guard.tools import ToolCallError


@dataclass
class Call:
    """One chat request on its way: where it goes, what is sent, what the log will say."""

    pool: Pool
    chat: ChatRequest
    data: dict[str, Any]  # the request as forwarded (PII placeholders when before_engine)
    channel: str
    passages: list[PromptPassage]
    record: LogRecord
    started: float
    sources: list[dict[str, Any]]
    messages: Any = None  # the client's messages, for the audit record's content
    placeholders: Placeholders | None = None  # guard.pii.before_engine: mapped back in the reply
    guard: GuardStep | None = None  # None on channels the guards do not apply to
    conversation: str | None = None  # affinity: the replica a conversation keeps
    api_first: bool = False  # auto routing sent it to the API (the pool's fallback) first
    marks: list[Step] | None = None  # (step, start, end) for the trace, when tracing is on
    shadow: bool = False  # judged against the other arm of a roll-out (its quality gate)
    keep_reply: bool = False  # a streamed reply's text is needed at its end (sampling, shadow)


def error_headers(error: SupportLLMError, request_id: str) -> dict[str, str]:
    headers = {"x-request-id": request_id}
    if isinstance(error, RateLimitError):
        headers["retry-after"] = str(max(1, round(error.retry_after_s)))
    return headers


def check_reply(data: JSONObject, raw: bytes, kind: str) -> None:
    """An engine's 200 that is not a completion (no choices) is the engine's fault: 502."""
    choices = data.get("choices")
    if not isinstance(choices, list) or not all(isinstance(c, dict) for c in choices):
        raise UpstreamError(
            f"the engine's reply is not a {kind}", detail=f"engine replied {raw[:300]!r}"
        )


async def with_sources(events: AsyncIterator[bytes], call: Call) -> AsyncIterator[bytes]:
    """A first chunk with no choices that carries the passages' ids (clients ignore it)."""
    first = {
        "id": call.record["request_id"],
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": call.chat.model,
        "choices": [],
        "sources": call.sources,
    }
    yield b"data: " + orjson.dumps(first) + b"\n\n"
    async for event in events:
        yield event


def reply_text(data: dict[str, Any]) -> str | None:
    """The reply's text in a whole chat completion (for the audit record's content)."""
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        return None
    return content if isinstance(content, str) else None


async def count_prompt(upstream: Upstream, prompt: str) -> tuple[int, bool]:
    """(prompt tokens, estimated): the model's tokenizer off the event loop, else an estimate."""
    if upstream.prompt_counter is not None:
        try:
            return await asyncio.to_thread(upstream.prompt_counter.count, prompt), False
        except Exception as error:  # noqa: BLE001 - a count must never break a finished reply
            logging.getLogger("supportllm.gateway").warning("prompt count failed: %s", error)
    return estimate_tokens(prompt), True


async def guard_whole(call: Call, prepared: Prepared, data: dict[str, Any]) -> dict[str, Any]:
    """Tool calls (repaired once), placeholders mapped back, action claims."""
    guard = call.guard
    placeholders = prepared.placeholders
    if guard is not None:
        tools = prepared.body.get("tools")
        errors = guard.tool_errors(data, tools)
        if errors:
            retry = guard.repair_messages(prepared.body["messages"], data, errors)
            if retry is None:
                guard.invalid_tool_call(errors, call.record)
            repair = {**prepared.body, "messages": retry}
            constrained = constrain_repair(repair, errors)
            try:
                again = await prepared.upstream.engine.chat(repair)
                check_reply(again.data, again.raw, "chat completion")
            except SupportLLMError:  # the repair itself failed: the call is still invalid
                guard.invalid_tool_call(errors, call.record)
            data = again.data
            errors = guard.tool_errors(data, tools)
            if errors:
                guard.invalid_tool_call(errors, call.record)
            call.record.setdefault("guard", {})["tool_calls"] = {
                "action": "repaired", "constrained": constrained
            }  # fmt: skip
    text = reply_text(data)
    if placeholders is not None:
        data = restore_tool_calls(data, placeholders.restore)
        if text:
            data = replace_reply(data, placeholders.restore(text), keep_calls=True)
            text = reply_text(data)
    if guard is not None:
        handoff = await guard.review_claims(text or "", call.messages or [], call.record)
        if handoff is not None:
            data = replace_reply(data, handoff)
    return data


def constrain_repair(body: JSONObject, errors: list[ToolCallError]) -> bool:
    """The repair of one tool's invalid call names that tool in ``tool_choice``: vLLM then
    generates its arguments under guided decoding against the tool's schema, OpenAI under its
    schema, llama-cpp-python under a grammar — the arguments come back valid by construction
    where the engine supports it. Not when the client said ``tool_choice: "none"`` or the
    invalid calls name several tools."""
    names = {error.name for error in errors}
    if len(names) != 1 or "?" in names or body.get("tool_choice") == "none":
        return False
    body["tool_choice"] = {"type": "function", "function": {"name": names.pop()}}
    return True
