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
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httptools
import httpx

READ_SIZE = 65_536
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


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.idle_since = 0.0

    def usable(self) -> bool:
        return not self.writer.is_closing() and not self.reader.at_eof()

    def close(self) -> None:
        self.writer.close()


async def _read(connection: _Connection, limit_s: float | None) -> bytes:
    try:
        async with asyncio.timeout(limit_s):
            return await connection.reader.read(READ_SIZE)
    except TimeoutError:
        connection.close()
        raise httpx.ReadTimeout("timed out waiting for the engine") from None
    except OSError as error:
        connection.close()
        raise httpx.ReadError(str(error)) from None


def _feed(parser: httptools.HttpResponseParser, data: bytes) -> None:
    try:
        parser.feed_data(data)
    except httptools.HttpParserError as error:
        raise httpx.RemoteProtocolError(f"invalid HTTP response: {error}") from None


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
        self._read_s = read_s

    async def aiter_raw(self) -> AsyncIterator[bytes]:
        parsed = self._parsed
        assert parsed.parser is not None
        while True:
            if parsed.body:
                pending, parsed.body = b"".join(parsed.body), []
                yield pending
            if parsed.complete or self._connection is None:
                return
            data = await _read(self._connection, self._read_s)
            if not data:
                raise httpx.RemoteProtocolError("the server closed the connection mid-response")
            _feed(parsed.parser, data)

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
    """HTTP/1.1 over asyncio streams with keep-alive; ``https`` goes to httpx's own transport."""

    def __init__(self, *, max_idle_per_host: int = 512) -> None:
        self._idle: dict[Address, list[_Connection]] = {}
        self._max_idle = max_idle_per_host
        self._tls = httpx.AsyncHTTPTransport()

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
        try:
            async with asyncio.timeout(limit_s):
                reader, writer = await asyncio.open_connection(*address)
        except TimeoutError:
            raise httpx.ConnectTimeout(
                f"connecting to {address[0]}:{address[1]} timed out"
            ) from None
        except OSError as error:
            raise httpx.ConnectError(str(error)) from None
        return _Connection(reader, writer), False

    async def send(
        self, address: Address, payload: bytes, *, connect_s: float | None, read_s: float | None
    ) -> LeanResponse:
        """Send a complete HTTP/1.1 request (``payload``) and wait for the response headers."""
        for attempt in range(2):
            connection, reused = await self._connect(address, connect_s)
            parsed = _Parsed()
            parsed.parser = httptools.HttpResponseParser(parsed)
            try:
                connection.writer.write(payload)
                while not parsed.headers_done:
                    data = await _read(connection, read_s)
                    if not data:
                        raise httpx.RemoteProtocolError(
                            "the server closed the connection without answering"
                        )
                    _feed(parsed.parser, data)
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
