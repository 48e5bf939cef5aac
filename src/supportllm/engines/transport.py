"""A lean HTTP/1.1 transport for plain-HTTP engines on the local network.

The engine client (``openai_http.py``) sends its hot-path requests (chat and completions, to
``http://`` engines) through ``LeanTransport.send`` directly, and mounts the same transport under
its ``httpx.AsyncClient`` for everything else; ``https://`` (external APIs) goes to httpx's own
transport. It keeps idle keep-alive connections per host, writes each request in one call and
parses responses with httptools (the C parser uvicorn uses), so relaying a streamed reply costs a
few system calls rather than a stack of Python layers (see benchmarks/gateway_overhead.py).
A response that is closed before its end closes its connection: that is how a cancelled stream
cancels the request upstream. Errors are httpx's exception types, whichever path is used.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import cast

import httptools
import httpx

# Body pieces buffered for a reader that has not caught up before the socket stops being read.
MAX_BUFFERED_PIECES = 256
# uvicorn (vLLM's server, llama.cpp's server) closes idle keep-alive connections after 5 s; never
# reuse one that old, so a request is not written into a connection the server is closing.
MAX_IDLE_S = 4.0
Address = tuple[str, int]


@dataclass
class _Parsed:
    """httptools callbacks land here."""

    parser: httptools.HttpResponseParser | None = None
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: list[bytes] = field(default_factory=list)
    headers_done: bool = False
    complete: bool = False
    keep_alive: bool = False

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))

    def on_headers_complete(self) -> None:
        self.headers_done = True
        # Only meaningful here: llhttp resets its state once the message is complete.
        self.keep_alive = self.parser is not None and self.parser.should_keep_alive()

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        self.complete = True


class _Connection(asyncio.Protocol):
    """One keep-alive connection. Bytes are fed to the current response's parser as they
    arrive; the task reading the response waits on ``wait`` for the next event."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.parsed: _Parsed | None = None
        self.idle_since = 0.0
        self._closed = False
        self._paused = False
        self._error: Exception | None = None
        self._waiter: asyncio.Future[None] | None = None

    # asyncio.Protocol -----------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        parsed = self.parsed
        if parsed is None or parsed.parser is None:
            self.close()  # bytes nobody asked for: the connection cannot be trusted any more
            return
        try:
            parsed.parser.feed_data(data)
        except httptools.HttpParserError as error:
            self._error = httpx.RemoteProtocolError(f"invalid HTTP response: {error}")
            self.close()
        if len(parsed.body) > MAX_BUFFERED_PIECES and self.transport is not None:
            self.transport.pause_reading()  # the reader is slower than the engine: push back
            self._paused = True
        self._wake()

    def eof_received(self) -> bool:
        self._closed = True
        self._wake()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._closed = True
        if exc is not None and self._error is None:
            self._error = httpx.ReadError(str(exc))
        self._wake()

    # used by the transport ------------------------------------------------------------------

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    def usable(self) -> bool:
        return not self._closed and self.transport is not None and not self.transport.is_closing()

    def resume(self) -> None:
        if self._paused and self.transport is not None:
            self._paused = False
            self.transport.resume_reading()

    async def wait(self, limit_s: float | None) -> None:
        """Until the next bytes, the end of the connection, or ``limit_s`` (httpx.ReadTimeout)."""
        if self._error is not None:
            raise self._error
        if self._closed:
            raise httpx.RemoteProtocolError("the server closed the connection mid-response")
        self._waiter = asyncio.get_running_loop().create_future()
        try:
            async with asyncio.timeout(limit_s):
                await self._waiter
        except TimeoutError:
            self.close()
            raise httpx.ReadTimeout("timed out waiting for the engine") from None
        finally:
            self._waiter = None

    def close(self) -> None:
        self._closed = True
        if self.transport is not None:
            self.transport.close()


class LeanResponse:
    """Status and headers have arrived; the body is read with ``aiter_raw`` or ``aread``."""

    def __init__(
        self,
        transport: LeanTransport,
        address: Address,
        connection: _Connection,
        parsed: _Parsed,
        read_s: float | None,
    ) -> None:
        assert parsed.parser is not None
        self.status_code = parsed.parser.get_status_code()
        self.headers = parsed.headers
        self._transport = transport
        self._address = address
        self._connection: _Connection | None = connection
        self._parsed = parsed
        self.read_s = read_s  # the gateway shortens it once a stream's first token is in

    async def aiter_raw(self) -> AsyncIterator[bytes]:
        parsed = self._parsed
        assert parsed.parser is not None
        while True:
            if parsed.body:
                pending, parsed.body = b"".join(parsed.body), []
                yield pending
                # More may have arrived (and the message completed) while the reader was away:
                # look again before deciding the body is over.
                continue
            if parsed.complete or self._connection is None:
                return
            self._connection.resume()
            await self._connection.wait(self.read_s)

    async def aread(self) -> bytes:
        try:
            return b"".join([piece async for piece in self.aiter_raw()])
        finally:
            await self.aclose()

    async def aclose(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if self._parsed.complete and self._parsed.keep_alive and connection.usable():
            self._transport.release(self._address, connection)
        else:
            connection.close()


class _HttpxBody(httpx.AsyncByteStream):
    def __init__(self, response: LeanResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for piece in self._response.aiter_raw():
            yield piece

    async def aclose(self) -> None:
        await self._response.aclose()


class LeanTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 over asyncio protocols with keep-alive; ``https`` goes to httpx's own, which
    verifies the engine's certificate with ``tls`` (engines/tls.py; default: httpx's)."""

    def __init__(
        self,
        *,
        max_idle_per_host: int = 512,
        tls: ssl.SSLContext | None = None,
        tls_limits: httpx.Limits | None = None,
    ) -> None:
        self._idle: dict[Address, list[_Connection]] = {}
        self._max_idle = max_idle_per_host
        self._tls = httpx.AsyncHTTPTransport(
            verify=tls if tls is not None else True,
            limits=tls_limits or httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )

    def release(self, address: Address, connection: _Connection) -> None:
        idle = self._idle.setdefault(address, [])
        if len(idle) < self._max_idle:
            connection.idle_since = time.monotonic()
            idle.append(connection)
        else:
            connection.close()

    async def _connect(self, address: Address, limit_s: float | None) -> tuple[_Connection, bool]:
        idle = self._idle.get(address)
        if idle:
            fresh_after = time.monotonic() - MAX_IDLE_S
            while idle:
                connection = idle.pop()
                if connection.idle_since > fresh_after and connection.usable():
                    return connection, True
                connection.close()
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(limit_s):
                _, connection = await loop.create_connection(_Connection, *address)
        except TimeoutError:
            raise httpx.ConnectTimeout(
                f"connecting to {address[0]}:{address[1]} timed out"
            ) from None
        except OSError as error:
            raise httpx.ConnectError(str(error)) from None
        return connection, False

    async def send(
        self, address: Address, payload: bytes, *, connect_s: float | None, read_s: float | None
    ) -> LeanResponse:
        """Send a complete HTTP/1.1 request (``payload``) and wait for the response headers."""
        for attempt in range(2):
            connection, reused = await self._connect(address, connect_s)
            parsed = _Parsed()
            parsed.parser = httptools.HttpResponseParser(parsed)
            connection.parsed = parsed
            try:
                assert connection.transport is not None
                connection.transport.write(payload)
                while not parsed.headers_done:
                    await connection.wait(read_s)
            except (httpx.RemoteProtocolError, httpx.ReadError):
                connection.close()
                if reused and attempt == 0:
                    continue  # a keep-alive connection the server had closed: retry once, fresh
                raise
            except BaseException:
                connection.close()
                raise
            return LeanResponse(self, address, connection, parsed, read_s)
        raise AssertionError("unreachable")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme != "http":
            return await self._tls.handle_async_request(request)
        timeouts = request.extensions.get("timeout", {})
        body = await request.aread()
        head = [request.method.encode(), b" ", request.url.raw_path, b" HTTP/1.1\r\n"]
        for name, value in request.headers.raw:
            head += [name, b": ", value, b"\r\n"]
        response = await self.send(
            (request.url.host, request.url.port or 80),
            b"".join(head) + b"\r\n" + body,
            connect_s=timeouts.get("connect"),
            read_s=timeouts.get("read"),
        )
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_HttpxBody(response),
            extensions={"http_version": b"HTTP/1.1"},
        )

    async def aclose(self) -> None:
        for idle in self._idle.values():
            for connection in idle:
                with contextlib.suppress(OSError):
                    connection.close()
        self._idle.clear()
        await self._tls.aclose()
