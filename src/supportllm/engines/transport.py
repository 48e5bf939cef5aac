"""A lean HTTP/1.1 transport for httpx, for plain-HTTP engines on the local network.

The gateway's engine client is an ``httpx.AsyncClient``; this transport replaces httpcore under it
for ``http://`` URLs (``https://`` external APIs keep httpx's own transport). It keeps idle
keep-alive connections per host, writes each request in one call, and parses responses with
httptools (the C parser uvicorn uses), so relaying a streamed reply costs a few system calls,
not a stack of Python layers. A response body that is not read to its end closes its connection:
that is how a cancelled stream cancels the request upstream.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httptools
import httpx

READ_SIZE = 65_536


@dataclass
class _Parsed:
    """httptools callbacks land here."""

    status: int = 0
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: list[bytes] = field(default_factory=list)
    headers_done: bool = False
    complete: bool = False
    keep_alive: bool = False
    parser: httptools.HttpResponseParser | None = None

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

    def usable(self) -> bool:
        return not self.writer.is_closing() and not self.reader.at_eof()

    def close(self) -> None:
        self.writer.close()


class _Body(httpx.AsyncByteStream):
    def __init__(self, transport: LeanTransport, key: tuple[str, int], connection: _Connection,
                 parser: httptools.HttpResponseParser, parsed: _Parsed, request: httpx.Request,
                 read_timeout: float | None) -> None:
        self._transport = transport
        self._key = key
        self._connection: _Connection | None = connection
        self._parser = parser
        self._parsed = parsed
        self._request = request
        self._read_timeout = read_timeout

    async def __aiter__(self) -> AsyncIterator[bytes]:
        parsed = self._parsed
        while True:
            if parsed.body:
                pending, parsed.body = b"".join(parsed.body), []
                yield pending
            if parsed.complete or self._connection is None:
                return
            data = await _read(self._connection, self._read_timeout, self._request)
            if not data:
                raise httpx.RemoteProtocolError("the server closed the connection mid-response",
                                                request=self._request)
            _feed(self._parser, data, self._request)

    async def aclose(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if self._parsed.complete and self._parsed.keep_alive and connection.usable():
            self._transport.release(self._key, connection)
        else:
            connection.close()


def _feed(parser: httptools.HttpResponseParser, data: bytes, request: httpx.Request) -> None:
    try:
        parser.feed_data(data)
    except httptools.HttpParserError as error:
        raise httpx.RemoteProtocolError(f"invalid HTTP response: {error}",
                                        request=request) from None


async def _read(connection: _Connection, timeout: float | None, request: httpx.Request) -> bytes:
    try:
        async with asyncio.timeout(timeout):
            return await connection.reader.read(READ_SIZE)
    except TimeoutError:
        connection.close()
        raise httpx.ReadTimeout("timed out waiting for the engine", request=request) from None
    except OSError as error:
        connection.close()
        raise httpx.ReadError(str(error), request=request) from None


class LeanTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 over asyncio streams with keep-alive; ``https`` goes to httpx's own transport."""

    def __init__(self, *, max_idle_per_host: int = 512) -> None:
        self._idle: dict[tuple[str, int], list[_Connection]] = {}
        self._max_idle = max_idle_per_host
        self._tls = httpx.AsyncHTTPTransport()

    def release(self, key: tuple[str, int], connection: _Connection) -> None:
        idle = self._idle.setdefault(key, [])
        if len(idle) < self._max_idle:
            idle.append(connection)
        else:
            connection.close()

    async def _connect(self, key: tuple[str, int], timeout: float | None,
                       request: httpx.Request) -> tuple[_Connection, bool]:
        idle = self._idle.get(key)
        while idle:
            connection = idle.pop()
            if connection.usable():
                return connection, True
            connection.close()
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(*key)
        except TimeoutError:
            raise httpx.ConnectTimeout(f"connecting to {key[0]}:{key[1]} timed out",
                                       request=request) from None
        except OSError as error:
            raise httpx.ConnectError(str(error), request=request) from None
        return _Connection(reader, writer), False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme != "http":
            return await self._tls.handle_async_request(request)
        timeouts = request.extensions.get("timeout", {})
        key = (request.url.host, request.url.port or 80)
        body = await request.aread()
        head = [request.method.encode(), b" ", request.url.raw_path, b" HTTP/1.1\r\n"]
        for name, value in request.headers.raw:
            head += [name, b": ", value, b"\r\n"]
        payload = b"".join(head) + b"\r\n" + body
        for attempt in range(2):
            connection, reused = await self._connect(key, timeouts.get("connect"), request)
            parsed = _Parsed()
            parser = httptools.HttpResponseParser(parsed)
            parsed.parser = parser
            try:
                connection.writer.write(payload)
                while not parsed.headers_done:
                    data = await _read(connection, timeouts.get("read"), request)
                    if not data:
                        raise httpx.RemoteProtocolError("the server closed the connection "
                                                        "without answering", request=request)
                    _feed(parser, data, request)
            except (httpx.RemoteProtocolError, httpx.ReadError):
                connection.close()
                if reused and attempt == 0:
                    continue  # a keep-alive connection the server had closed: retry once, fresh
                raise
            except BaseException:
                connection.close()
                raise
            parsed.status = parser.get_status_code()
            stream = _Body(self, key, connection, parser, parsed, request, timeouts.get("read"))
            return httpx.Response(parsed.status, headers=parsed.headers, stream=stream,
                                  extensions={"http_version": b"HTTP/1.1"})
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        for idle in self._idle.values():
            for connection in idle:
                with contextlib.suppress(OSError):
                    connection.close()
        self._idle.clear()
        await self._tls.aclose()
