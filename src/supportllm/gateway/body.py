"""What one upstream is sent: the client's request in that upstream's shape — chat messages
through the channel's template, or a completion-style transcript for a base model — with the
model name it expects, a max_tokens default and structured output in its dialect."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from supportllm.engines.base import JSONObject
from supportllm.gateway import structured
from supportllm.gateway.pool import Upstream
from supportllm.gateway.templates import COMPLETION_STOP, PromptPassage, Templates
from supportllm.gateway.wire import OPENAI_FIELDS, ChatRequest


@dataclass(frozen=True)
class BodyBuilder:
    templates: Templates
    # What reaches the engine: OpenAI's fields plus the settings' forward_fields.
    forward_fields: frozenset[str] = OPENAI_FIELDS
    # max_tokens sent when the client gives none: per channel, "" for the rest.
    reply_tokens: dict[str, int] = field(default_factory=lambda: {"": 512})

    async def build(
        self,
        upstream: Upstream,
        chat: ChatRequest,
        data: dict[str, Any],
        channel: str,
        passages: list[PromptPassage],
    ) -> tuple[JSONObject, bool]:
        """(the body, whether it is completion style)."""
        body = {k: v for k, v in data.items() if k in self.forward_fields}
        messages: list[dict[str, Any]] = data["messages"]  # validated by parse_chat_request
        body["model"] = await upstream.upstream_model()
        if chat.max_tokens is None and chat.max_completion_tokens is None:
            body["max_tokens"] = self.reply_tokens.get(channel, self.reply_tokens[""])
        if upstream.prompt_style == "completion":
            body.pop("messages")
            body.pop("stream_options", None)
            body["prompt"] = self.templates.completion_prompt(channel, messages, passages)
            if chat.max_completion_tokens is not None:
                # /v1/completions knows only max_tokens; the smaller limit wins when both came.
                limit = body.pop("max_completion_tokens")
                body["max_tokens"] = min(limit, chat.max_tokens or limit)
            stop = body.get("stop")
            extra_stop = [stop] if isinstance(stop, str) else list(stop or [])
            body["stop"] = COMPLETION_STOP + extra_stop
            if "response_format" in body:
                structured.translate(body, await upstream.dialect(), completion_style=True)
            return body, True
        body["messages"] = self.templates.chat_messages(channel, messages, passages)
        if "response_format" in body:
            structured.translate(body, await upstream.dialect(), completion_style=False)
        if chat.stream:
            # Always ask for usage (the log needs it); relay_chat drops it if the client did not.
            body["stream_options"] = {**(data.get("stream_options") or {}), "include_usage": True}
        return body, False
