"""The order of a chat request, in one place.

auth -> body limits + parse -> channel template -> route (alias -> engine) -> engine (streamed or
not) -> request log. Each step lives in its own module; this one only calls them in order.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from typing import Any

import anyio
import orjson
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Send

from supportllm.engines.base import EngineStream, JSONObject
from supportllm.errors import (
    InvalidRequestError,
    PayloadTooLargeError,
    RateLimitError,
    SupportLLMError,
    http_status,
)
from supportllm.gateway.auth import Authenticator
from supportllm.gateway.requestlog import RequestLog
from supportllm.gateway.router import Route, Router
from supportllm.gateway.streaming import (
    StreamStats,
    completion_to_chat,
    relay_chat,
    relay_completion_as_chat,
)
from supportllm.gateway.templates import COMPLETION_STOP, Templates
from supportllm.gateway.wire import ChatRequest, parse_chat_request

DONE = b"data: [DONE]\n\n"
CLIENT_CLOSED = 499  # nginx's convention for "the client went away"


class RelayResponse(StreamingResponse):
    """A streamed reply whose body generator is always closed, however the stream ends: a client
    that goes away mid-stream must cancel the upstream request, not leave it running."""

    def __init__(
        self, body: AsyncGenerator[bytes, None], upstream: EngineStream, headers: dict[str, str]
    ) -> None:
        super().__init__(body, media_type="text/event-stream", headers=headers)
        self._body = body
        self._upstream = upstream

    async def stream_response(self, send: Send) -> None:
        try:
            await super().stream_response(send)
        finally:
            with anyio.CancelScope(shield=True):
                await self._body.aclose()
                await self._upstream.aclose()


def error_response(error: SupportLLMError, request_id: str) -> Response:
    headers = {"x-request-id": request_id}
    if isinstance(error, RateLimitError):
        headers["retry-after"] = str(max(1, round(error.retry_after_s)))
    return Response(
        orjson.dumps(error.body()),
        status_code=http_status(error),
        media_type="application/json",
        headers=headers,
    )


def error_event(error: SupportLLMError) -> bytes:
    return b"data: " + orjson.dumps(error.body()) + b"\n\n"


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    too_large = PayloadTooLargeError(
        f"request body exceeds the limit of {limit} bytes (setting max_body_bytes)"
    )
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
    except ClientDisconnect:
        raise InvalidRequestError("the client closed the connection while sending") from None
    return b"".join(chunks)


@dataclass
class Pipeline:
    auth: Authenticator
    router: Router
    templates: Templates
    log: RequestLog
    default_channel: str
    max_body_bytes: int

    async def chat_completions(self, request: Request) -> Response:
        started = time.perf_counter()
        request_id = request.headers.get("x-request-id") or f"req_{uuid.uuid4().hex[:20]}"
        record: dict[str, Any] = {
            "request_id": request_id,
            "ts": round(time.time(), 3),
            "path": "/v1/chat/completions",
        }
        try:
            key = await self.auth.authenticate(request.headers, "chat")
            record.update(team=key.team, key_id=key.key_id)
            chat, data = parse_chat_request(await read_body(request, self.max_body_bytes))
            route = self.router.resolve(chat.model)
            channel = chat.channel or key.default_channel or self.default_channel
            record.update(
                model=chat.model, engine=route.engine_name, channel=channel, stream=chat.stream
            )
            body, completion_style = await self._upstream_body(route, chat, data, channel)
            if chat.stream:
                return await self._stream(
                    route, body, completion_style, chat, record, started, request_id
                )
            return await self._whole(
                route, body, completion_style, chat, record, started, request_id
            )
        except SupportLLMError as error:
            self._finish(record, started, http_status(error), error=error.message)
            return error_response(error, request_id)

    async def _upstream_body(
        self, route: Route, chat: ChatRequest, data: dict[str, Any], channel: str
    ) -> tuple[JSONObject, bool]:
        body = {k: v for k, v in data.items() if k != "channel"}
        messages = [message.model_dump(exclude_none=True) for message in chat.messages]
        body["model"] = await route.upstream_model()
        if route.prompt_style == "completion":
            body.pop("messages")
            body.pop("stream_options", None)
            body["prompt"] = self.templates.completion_prompt(channel, messages)
            if chat.max_completion_tokens is not None and "max_tokens" not in body:
                body["max_tokens"] = body.pop("max_completion_tokens")
            stop = body.get("stop")
            extra_stop = [stop] if isinstance(stop, str) else list(stop or [])
            body["stop"] = COMPLETION_STOP + extra_stop
            return body, True
        body["messages"] = self.templates.chat_messages(channel, messages)
        if chat.stream:
            # Always ask for usage (the log needs it); relay_chat drops it if the client did not.
            body["stream_options"] = {**(data.get("stream_options") or {}), "include_usage": True}
        return body, False

    async def _whole(
        self,
        route: Route,
        body: JSONObject,
        completion_style: bool,
        chat: ChatRequest,
        record: dict[str, Any],
        started: float,
        request_id: str,
    ) -> Response:
        if completion_style:
            reply = await route.engine.complete(body)
            data = completion_to_chat(reply.data, chat.model)
            raw = orjson.dumps(data)
        else:
            reply = await route.engine.chat(body)
            data = reply.data
            raw = reply.raw
            if data.get("model") != chat.model:
                raw = orjson.dumps({**data, "model": chat.model})
        usage = data.get("usage") or {}
        record.update(
            prompt_tokens=usage.get("prompt_tokens"),
            completion_tokens=usage.get("completion_tokens"),
        )
        self._finish(record, started, 200)
        return Response(raw, media_type="application/json", headers={"x-request-id": request_id})

    async def _stream(
        self,
        route: Route,
        body: JSONObject,
        completion_style: bool,
        chat: ChatRequest,
        record: dict[str, Any],
        started: float,
        request_id: str,
    ) -> Response:
        stats = StreamStats()
        upstream: EngineStream
        events: AsyncIterator[bytes]
        if completion_style:
            upstream = await route.engine.stream_complete(body)
            events = relay_completion_as_chat(
                upstream, stats, alias=chat.model, client_wants_usage=chat.include_usage
            )
        else:
            upstream = await route.engine.stream_chat(body)
            events = relay_chat(
                upstream,
                stats,
                upstream_model=b'"model":' + orjson.dumps(body["model"]),
                alias=b'"model":' + orjson.dumps(chat.model),
                client_wants_usage=chat.include_usage,
            )
        return RelayResponse(
            self._stream_body(upstream, events, stats, record, started),
            upstream,
            headers={"x-request-id": request_id, "cache-control": "no-cache"},
        )

    async def _stream_body(
        self,
        upstream: EngineStream,
        events: AsyncIterator[bytes],
        stats: StreamStats,
        record: dict[str, Any],
        started: float,
    ) -> AsyncGenerator[bytes, None]:
        status = CLIENT_CLOSED
        error: str | None = "client disconnected"
        try:
            async for event in events:
                yield event
            yield DONE
            status, error = 200, None
        except SupportLLMError as failure:
            # Headers (200) are gone already: end the stream with an error event, never [DONE].
            status, error = http_status(failure), failure.message
            yield error_event(failure)
        finally:
            with anyio.CancelScope(shield=True):
                await upstream.aclose()
            if stats.first_token_at is not None:
                record["ttft_ms"] = round((stats.first_token_at - started) * 1000, 2)
            completion = stats.completion_tokens
            record.update(
                prompt_tokens=stats.prompt_tokens,
                completion_tokens=completion if completion is not None else stats.content_chunks,
            )
            self._finish(record, started, status, error=error)

    def _finish(
        self, record: dict[str, Any], started: float, status: int, error: str | None = None
    ) -> None:
        record["status"] = status
        record["total_ms"] = round((time.perf_counter() - started) * 1000, 2)
        if error is not None:
            record["error"] = error
        self.log.write(record)
