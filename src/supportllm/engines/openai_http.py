"""The one HTTP client for every OpenAI-compatible engine: llama.cpp, vLLM, TGI, SGLang, APIs.

One ``httpx.AsyncClient`` per upstream, created once and shared (connection pool, keep-alive).
Streamed responses are split into whole SSE events and handed on as bytes; nothing is re-parsed.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson

from supportllm import http1
from supportllm.engines.base import EngineResponse, JSONObject
from supportllm.engines.tls import VERIFY_FAILED_HINT
from supportllm.engines.transport import LeanResponse, LeanTransport
from supportllm.errors import (
    EngineTimeoutError,
    EngineUnavailableError,
    InvalidRequestError,
    RateLimitError,
    SupportLLMError,
    UpstreamError,
    UpstreamRequestError,
)


def _upstream_message(raw: bytes) -> str:
    """The human part of an engine's error body, whatever shape the engine uses."""
    try:
        data: Any = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return raw[:300].decode("utf-8", "replace").strip() or "(empty body)"
    if isinstance(data, dict):
        error = data.get("error", data)
        if isinstance(error, dict):
            return str(error.get("message") or error.get("detail") or error)
        if "detail" in data:
            return str(data["detail"])
        return str(error)
    return str(data)


def _verify_failure(error: BaseException) -> str | None:
    """OpenSSL's reason when the engine's certificate did not verify, else None."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return str(seen.verify_message or seen.reason or "certificate verify failed")
        seen = seen.__cause__ or seen.__context__
    text = str(error)
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return text.rsplit("certificate verify failed:", 1)[-1].split("(_ssl", 1)[0].strip()
    return None


def transport_error(error: httpx.HTTPError, base_url: str, *, answered: bool) -> SupportLLMError:
    """Map a failure to reach or to read from the engine: before it answered (503/504) or
    after its headers arrived (504/502). The one place httpx's exceptions become ours."""
    if isinstance(error, httpx.TimeoutException) and not isinstance(
        error, httpx.ConnectTimeout | httpx.PoolTimeout
    ):
        if answered:
            return EngineTimeoutError(
                f"the engine at {base_url} stopped sending for longer than the "
                "request_timeout_s setting allows"
            ).failed_as("stall")
        return EngineTimeoutError(
            f"the engine at {base_url} did not answer within the request_timeout_s setting"
        ).failed_as("timeout")
    if answered:
        return UpstreamError(
            f"the engine at {base_url} dropped the connection mid-stream ({type(error).__name__})"
        ).failed_as("connect")
    verify = _verify_failure(error)
    if verify is not None:
        return EngineUnavailableError(
            f"the engine at {base_url} is not trusted: certificate verify failed ({verify}); "
            + VERIFY_FAILED_HINT
        )
    return EngineUnavailableError(
        f"the engine at {base_url} is not reachable ({type(error).__name__}); "
        "start it with `supportllm engine start` or check the engine_url setting"
    ).failed_as("connect")


def error_for_status(status: int, raw: bytes, base_url: str) -> SupportLLMError:
    """Map an engine's HTTP error to ours: its 4xx pass through, its 5xx become 502/503.

    The engine's own text reaches the client only for a 4xx about the request (what to change);
    a refused credential or an engine failure gets a generic message, and the engine's text
    goes to ``detail`` (request log and process log) for the operator."""
    message = _upstream_message(raw)
    detail = f"engine {base_url} answered HTTP {status}: {message[:500]}"
    if status in (401, 403):
        return UpstreamError(
            "the engine refused the gateway's credentials; the operator should check the "
            "engine_api_key setting",
            detail=detail,
        )
    if status == 429:
        return RateLimitError(
            "the engine is rate limiting; retry shortly", detail=detail
        ).failed_as("busy")
    if 400 <= status < 500:
        return UpstreamRequestError(
            f"the engine rejected the request: {message[:300]}",
            upstream_status=status,
            detail=detail,
        )
    if status == 503:
        return EngineUnavailableError(
            "the engine is not ready; retry shortly", detail=detail
        ).failed_as("error")
    return UpstreamError(f"the engine failed (HTTP {status})", detail=detail).failed_as("error")


_SSE_FIELDS = (b":", b"event:", b"id:", b"retry:")


def malformed_line(events: bytes) -> bytes | None:
    """The first line of ``events`` that is not an SSE field carrying a JSON object, or None.
    Byte checks only (no JSON parsing per chunk): a ``data:`` payload must look like an object."""
    for line in events.split(b"\n"):
        if not line or line.startswith(_SSE_FIELDS):
            continue
        if line.startswith(b"data:"):
            payload = line[5:].strip()
            if payload.startswith(b"{") and payload.endswith(b"}"):
                continue
        return line
    return None


class SSEStream:
    """An open upstream stream. Each item is every whole SSE event that one read from the engine
    completed (one or more ``data: ...\\n\\n``), so what arrives together is passed on together
    and nothing waits for more."""

    def __init__(self, response: LeanResponse | httpx.Response, base_url: str) -> None:
        self._response = response
        self._base_url = base_url

    async def _events(self) -> AsyncIterator[bytes]:
        buffer = b""
        saw_done = False
        try:
            async for piece in self._response.aiter_raw():
                buffer += piece
                if b"\r" in buffer:
                    # sse-starlette (llama.cpp's server) ends lines with CRLF; keep a trailing CR
                    # until its LF arrives so the normalisation never splits a pair.
                    keep = b"\r" if buffer.endswith(b"\r") else b""
                    buffer = buffer[: len(buffer) - len(keep)].replace(b"\r\n", b"\n") + keep
                end = buffer.rfind(b"\n\n")
                if end < 0:
                    continue
                events, buffer = buffer[: end + 2], buffer[end + 2 :]
                done = events.find(b"data: [DONE]")
                if done >= 0:
                    saw_done = True
                    events = events[:done]
                if events:
                    bad = malformed_line(events)
                    if bad is not None:
                        raise UpstreamError(
                            "the engine sent a malformed stream event",
                            detail=f"engine {self._base_url} sent {bad[:200]!r}",
                        ).failed_as("error")
                    yield events
        except httpx.HTTPError as error:
            raise transport_error(error, self._base_url, answered=True) from None
        finally:
            await self._response.aclose()
        if not saw_done:
            raise UpstreamError(
                f"the engine at {self._base_url} ended the stream without [DONE]"
            ).failed_as("connect")

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._events()

    def set_read_timeout(self, seconds: float) -> None:
        if isinstance(self._response, LeanResponse):
            self._response.read_s = seconds

    async def aclose(self) -> None:
        await self._response.aclose()


class OpenAIHTTPEngine:
    """An engine reached over OpenAI's HTTP API. ``base_url`` ends in ``/v1``.

    Generation requests to a plain-HTTP engine go straight through the lean transport (the hot
    path); everything else, and every ``https://`` engine, goes through ``httpx.AsyncClient``.
    """

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 120.0,
        max_connections: int = 1024,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        """``tls``: how ``https://`` engines are verified (``engines/tls.py``; default: httpx's
        own, Mozilla's CAs)."""
        self._base_url = base_url.rstrip("/")
        self._connect_s = connect_timeout_s
        self._read_s = read_timeout_s
        headers = {"content-type": "application/json", "accept-encoding": "identity"}
        if api_key:
            headers["authorization"] = f"Bearer {api_key}"
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        self._lean = LeanTransport(tls=tls, tls_limits=limits)
        self._client = httpx.AsyncClient(
            base_url=self._base_url,
            headers=headers,
            timeout=httpx.Timeout(
                read_timeout_s, connect=connect_timeout_s, pool=connect_timeout_s
            ),
            limits=limits,
            transport=self._lean,
        )
        url = httpx.URL(self._base_url)
        self._address = (url.host, url.port or 80) if url.scheme == "http" else None
        self._path = url.raw_path.rstrip(b"/")
        self._fields = {"host": url.netloc.decode(), **headers}

    @property
    def base_url(self) -> str:
        return self._base_url

    async def _post(
        self, path: str, content: bytes, read_s: float | None
    ) -> LeanResponse | httpx.Response:
        if self._address is None:
            request = self._client.build_request("POST", path, content=content)
            if read_s is not None:
                timeout = httpx.Timeout(read_s, connect=self._connect_s, pool=self._connect_s)
                request.extensions["timeout"] = timeout.as_dict()
            return await self._client.send(request, stream=True)
        payload = http1.with_body(
            http1.request_head("POST", self._path + path.encode(), self._fields), content
        )
        return await self._lean.send(
            self._address, payload, connect_s=self._connect_s, read_s=read_s or self._read_s
        )

    async def _send(
        self, path: str, body: JSONObject, read_s: float | None = None
    ) -> LeanResponse | httpx.Response:
        """POST ``body``; the response's headers have arrived and its status is 200."""
        try:
            payload = orjson.dumps(body)
        except orjson.JSONEncodeError as error:  # e.g. nested deeper than orjson's 254 levels
            raise InvalidRequestError(f"the request cannot be forwarded: {error}") from None
        try:
            response = await self._post(path, payload, read_s)
        except httpx.HTTPError as error:
            raise transport_error(error, self._base_url, answered=False) from None
        if response.status_code != 200:
            raw = await response.aread()
            await response.aclose()
            raise error_for_status(response.status_code, raw, self._base_url)
        return response

    async def _complete_json(self, path: str, body: JSONObject) -> EngineResponse:
        response = await self._send(path, body)
        try:
            raw = await response.aread()
        except httpx.HTTPError as error:
            raise transport_error(error, self._base_url, answered=True) from None
        finally:
            await response.aclose()
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            raise UpstreamError(f"the engine at {self._base_url} returned invalid JSON").failed_as(
                "error"
            ) from None
        if not isinstance(data, dict):
            raise UpstreamError(f"the engine at {self._base_url} returned a non-object JSON body")
        return EngineResponse(raw=raw, data=data)

    async def _open_stream(self, path: str, body: JSONObject, read_s: float | None) -> SSEStream:
        return SSEStream(await self._send(path, body, read_s), self._base_url)

    async def chat(self, body: JSONObject) -> EngineResponse:
        return await self._complete_json("/chat/completions", body)

    async def stream_chat(self, body: JSONObject, *, read_s: float | None = None) -> SSEStream:
        return await self._open_stream("/chat/completions", body, read_s)

    async def complete(self, body: JSONObject) -> EngineResponse:
        return await self._complete_json("/completions", body)

    async def stream_complete(self, body: JSONObject, *, read_s: float | None = None) -> SSEStream:
        return await self._open_stream("/completions", body, read_s)

    async def _model_list(self) -> list[dict[str, Any]]:
        try:
            response = await self._client.get("/models")
        except httpx.HTTPError as error:
            raise transport_error(error, self._base_url, answered=False) from None
        if response.status_code != 200:
            raise error_for_status(response.status_code, response.content, self._base_url)
        data = orjson.loads(response.content)
        return [item for item in data.get("data", []) if isinstance(item, dict)]

    async def models(self) -> list[str]:
        return [str(item["id"]) for item in await self._model_list() if "id" in item]

    async def owner(self) -> str | None:
        listed = await self._model_list()
        owner = listed[0].get("owned_by") if listed else None
        return str(owner) if owner is not None else None

    async def health(self) -> bool:
        """True when the engine answers its model list (every OpenAI-compatible server has one)."""
        try:
            response = await self._client.get("/models", timeout=5.0)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def aclose(self) -> None:
        await self._client.aclose()
