"""OpenAI wire models. They validate what the gateway relies on and keep every unknown field."""

from __future__ import annotations

from typing import Any, Literal

import orjson
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

from supportllm.errors import InvalidRequestError, UnprocessableRequestError


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[dict[str, Any]] | None = None


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")

    include_usage: StrictBool = False


class RetrievalOptions(BaseModel):
    """supportllm: per-request control of knowledge-base grounding (``"retrieval": false`` too)."""

    model_config = ConfigDict(extra="forbid")

    enabled: StrictBool = True
    k: StrictInt | None = Field(default=None, ge=1, le=50)
    product: str | None = Field(default=None, min_length=1)
    lang: str | None = Field(default=None, min_length=2, max_length=8)
    include_text: StrictBool = Field(
        default=False, description="each source also carries the passage text the model saw"
    )


# OpenAI's chat-completion request fields: these (and the settings' forward_fields) reach the
# engine; any other field a client sends is dropped (and named in the request log).
OPENAI_FIELDS = frozenset(
    {
        "model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens",
        "n", "temperature", "top_p", "presence_penalty", "frequency_penalty", "logit_bias",
        "logprobs", "top_logprobs", "seed", "stop", "user", "response_format", "tools",
        "tool_choice", "parallel_tool_calls", "functions", "function_call", "metadata", "store",
        "service_tier", "modalities", "prediction", "reasoning_effort", "audio",
        "prompt_cache_key", "safety_identifier", "verbosity", "web_search_options",
    }
)  # fmt: skip

Number = StrictFloat | StrictInt
MAX_TOKENS_LIMIT = 1_000_000  # past any model's context; larger values are mistakes


class ChatRequest(BaseModel):
    """Typed as OpenAI types them: a string where a number belongs (``"temperature": "hot"``) or
    a boolean (``"stream": "yes"``) is refused, not coerced."""

    model_config = ConfigDict(extra="allow")

    model: StrictStr = Field(min_length=1)
    messages: list[ChatMessage] = Field(min_length=1)
    stream: StrictBool = False
    stream_options: StreamOptions | None = None
    max_tokens: StrictInt | None = Field(default=None, ge=1, le=MAX_TOKENS_LIMIT)
    max_completion_tokens: StrictInt | None = Field(default=None, ge=1, le=MAX_TOKENS_LIMIT)
    n: StrictInt = Field(default=1, ge=1, le=1)
    temperature: Number | None = Field(default=None, ge=0, le=2)
    top_p: Number | None = Field(default=None, ge=0, le=1)
    presence_penalty: Number | None = Field(default=None, ge=-2, le=2)
    frequency_penalty: Number | None = Field(default=None, ge=-2, le=2)
    logit_bias: dict[str, Number] | None = None
    logprobs: StrictBool | None = None
    top_logprobs: StrictInt | None = Field(default=None, ge=0, le=20)
    seed: StrictInt | None = Field(default=None, ge=-(2**63), lt=2**63)
    stop: StrictStr | list[StrictStr] | None = Field(default=None)
    user: StrictStr | None = Field(default=None, max_length=256)
    response_format: dict[str, Any] | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: StrictStr | dict[str, Any] | None = None
    parallel_tool_calls: StrictBool | None = None
    metadata: dict[str, Any] | None = None
    channel: str | None = Field(default=None, min_length=1, description="supportllm: template")
    retrieval: StrictBool | RetrievalOptions | None = Field(
        default=None, description="supportllm: false turns KB grounding off for this request"
    )

    @property
    def retrieval_options(self) -> RetrievalOptions:
        if isinstance(self.retrieval, RetrievalOptions):
            return self.retrieval
        return RetrievalOptions(enabled=self.retrieval is not False)

    @property
    def include_usage(self) -> bool:
        return self.stream_options is not None and self.stream_options.include_usage


def parse_chat_request(raw: bytes) -> tuple[ChatRequest, dict[str, Any]]:
    """The validated request and the original JSON object (forwarded with unknown fields intact)."""
    if not raw.strip():
        raise InvalidRequestError("the request body is empty; send a JSON object")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise InvalidRequestError(f"the request body is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise InvalidRequestError("the request body must be a JSON object")
    try:
        request = ChatRequest.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        # Union members add their type to the location ('temperature.float'): name the field.
        param = ".".join(str(part) for part in first["loc"] if not _is_type_tag(part))
        message = first["msg"]
        if first["type"] == "too_short" and param == "messages":
            message = "messages must contain at least one message"
        raise UnprocessableRequestError(f"invalid '{param}': {message}", param=param) from None
    return request, data


_TYPE_TAGS = frozenset({"str", "int", "float", "bool", "list", "dict", "none"})


def _is_type_tag(part: int | str) -> bool:
    return isinstance(part, str) and (part in _TYPE_TAGS or "[" in part)
