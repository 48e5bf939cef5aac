"""Plain ASGI for the hot path: read a bounded body, answer JSON, relay a stream.

The chat endpoint is served here directly, not through a framework's request/response objects
and middleware stack: the gateway's own cost must stay far below the GPU's (see benchmarks/).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from typing import Protocol

from starlette.types import Receive, Scope, Send

from supportllm.errors import InvalidRequestError, PayloadTooLargeError


def header_map(scope: Scope) -> dict[str, str]:
    """Request headers by lower-case name (ASGI already lower-cases them)."""
    return {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}


async def read_body(receive: Receive, headers: Mapping[str, str], limit: int) -> bytes:
    def too_large() -> PayloadTooLargeError:
        return PayloadTooLargeError(
            f"request body exceeds the limit of {limit} bytes (setting max_body_bytes)"
        )

    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large()
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise InvalidRequestError("the client closed the connection while sending")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise too_large()
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _raw_headers(content_type: bytes, headers: Mapping[str, str]) -> list[tuple[bytes, bytes]]:
    raw = [(b"content-type", content_type)]
    raw += [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
    return raw


async def send_json(send: Send, status: int, body: bytes, headers: Mapping[str, str]) -> None:
    raw = _raw_headers(b"application/json", headers)
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class ClosingStream(Protocol):
    def __aiter__(self) -> AsyncIterator[bytes]: ...

    async def aclose(self) -> None: ...


async def send_stream(
    receive: Receive, send: Send, body: ClosingStream, headers: Mapping[str, str]
) -> bool:
    """Relay ``body`` as server-sent events; return False if the client went away first.

    Two tasks cancel each other (Starlette's StreamingResponse pattern): the relay, and a
    watcher that waits for the client's disconnect — so a client that leaves stops the upstream
    request at once, even while the engine is silent (long prefill). ``body`` is always closed,
    whatever happens, so its clean-up (upstream, log) runs.
    """
    gone = False
    raw = _raw_headers(b"text/event-stream", headers)
    raw.append((b"cache-control", b"no-cache"))

    async def relay() -> None:
        nonlocal gone
        try:
            await send({"type": "http.response.start", "status": 200, "headers": raw})
            async for chunk in body:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except OSError:  # uvicorn's ClientDisconnected: the client went away while we sent
            gone = True

    async def watch() -> None:
        nonlocal gone
        while (await receive())["type"] != "http.disconnect":
            pass
        gone = True

    # The relay and the watcher cancel each other when either ends (done callbacks: no waiter
    # future per request, measured cheaper than asyncio.wait).
    loop = asyncio.get_running_loop()
    sent, watcher = loop.create_task(relay()), loop.create_task(watch())
    sent.add_done_callback(lambda _: watcher.cancel())
    watcher.add_done_callback(lambda _: sent.cancel())
    try:
        await sent  # a CancelledError here is the watcher's doing, or our own cancellation
    except asyncio.CancelledError:
        if not gone:
            raise  # our own cancellation (server shutdown): clean up, then propagate
    finally:
        sent.cancel()
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        await asyncio.shield(body.aclose())
    return not gone
