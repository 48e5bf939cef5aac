"""OpenAI wire models. They validate what the gateway relies on and keep every unknown field."""

from __future__ import annotations

from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from supportllm.errors import InvalidRequestError, UnprocessableRequestError


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[dict[str, Any]] | None = None


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")

    include_usage: bool = False


class RetrievalOptions(BaseModel):
    """supportllm: per-request control of knowledge-base grounding (``"retrieval": false`` too)."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    k: int | None = Field(default=None, ge=1, le=50)
    product: str | None = Field(default=None, min_length=1)
    lang: str | None = Field(default=None, min_length=2, max_length=8)
    include_text: bool = Field(
        default=False, description="each source also carries the passage text the model saw"
    )


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: str = Field(min_length=1)
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    stream_options: StreamOptions | None = None
    max_tokens: int | None = Field(default=None, ge=1)
    max_completion_tokens: int | None = Field(default=None, ge=1)
    n: int = Field(default=1, ge=1, le=1)
    channel: str | None = Field(default=None, min_length=1, description="supportllm: template")
    retrieval: bool | RetrievalOptions | None = Field(
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
        param = ".".join(str(part) for part in first["loc"])
        message = first["msg"]
        if first["type"] == "too_short" and param == "messages":
            message = "messages must contain at least one message"
        raise UnprocessableRequestError(f"invalid '{param}': {message}", param=param) from None
    return request, data
