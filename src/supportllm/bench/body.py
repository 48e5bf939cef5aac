"""Turn prompts into the exact request bodies sent (serialised once, before the clock starts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

from supportllm.bench.workload import Prompt

Api = Literal["chat", "completions"]

# How a reply's length is held to its target: "max_tokens" caps it; "min_tokens" and "ignore_eos"
# (vLLM, llama.cpp) stop it ending early. A server that rejects a field gets a body without it.
LENGTH_FIELDS = ("min_tokens", "ignore_eos")


@dataclass(frozen=True)
class BodyShape:
    model: str
    api: Api = "chat"
    length_fields: tuple[str, ...] = LENGTH_FIELDS
    max_tokens_field: str = "max_tokens"
    usage: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return "/chat/completions" if self.api == "chat" else "/completions"

    def body(self, prompt: Prompt, *, output_tokens: int | None = None) -> dict[str, Any]:
        out = prompt.output_tokens if output_tokens is None else output_tokens
        body: dict[str, Any] = {"model": self.model}
        if self.api == "chat":
            messages = [{"role": "system", "content": prompt.system}] if prompt.system else []
            body["messages"] = [*messages, {"role": "user", "content": prompt.user}]
        else:
            body["prompt"] = (
                f"{prompt.system}\n\nCustomer: {prompt.user}\n\nAgent:"
                if prompt.system
                else prompt.user
            )
        body[self.max_tokens_field] = out
        if "min_tokens" in self.length_fields:
            body["min_tokens"] = out
        if "ignore_eos" in self.length_fields:
            body["ignore_eos"] = True
        body["stream"] = True
        if self.usage:
            body["stream_options"] = {"include_usage": True}
        body.update(self.extra)
        return body

    def encode(self, prompts: Sequence[Prompt]) -> list[bytes]:
        return [orjson.dumps(self.body(p)) for p in prompts]

    def describe(self) -> dict[str, Any]:
        return {
            "api": self.api,
            "length_fields": list(self.length_fields),
            "max_tokens_field": self.max_tokens_field,
            "usage_requested": self.usage,
            "extra_body": self.extra,
        }
