"""The measuring HTTP client: streaming OpenAI requests over keep-alive HTTP/1.1, timed exactly.

Built on ``asyncio.Protocol`` rather than an HTTP library so that the time of every token-bearing
event is taken in ``data_received`` — the moment the bytes reach the process — with no framework
between the socket and the clock, and so that one process stays cheap per request. Clocks are
``time.perf_counter`` (monotonic, shared by all processes on Linux).

A request's record keeps the times of all token-bearing events, the server's ``usage`` and what
went wrong, by kind: ``http 500``, ``connection dropped``, ``timeout``, ``error event`` …
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from typing import cast
from urllib.parse import urlsplit

import orjson

from supportllm import http1
from supportllm.errors import InvalidInputError


@dataclass(slots=True)
class RequestRecord:
    """One request as the client saw it. Times are perf_counter seconds."""

    index: int
    start: float = 0.0
    scheduled: float | None = None
    end: float | None = None
    status: int = 0
    chunk_times: list[float] = field(default_factory=list)
    chars: int = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    error: str | None = None
    message: str | None = None
    warmup: bool = False
    requested_output: int = 0
    estimated_prompt_tokens: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.end is not None


@dataclass(frozen=True)
class Endpoint:
    """Where requests go: scheme, host, port and the path prefix (``/v1``)."""

    scheme: str
    host: str
    port: int
    base_path: str

    @classmethod
    def parse(cls, url: str) -> Endpoint:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InvalidInputError(
                f"'{url}' is not an http(s) URL; give the API base, e.g. http://127.0.0.1:8080/v1"
            )
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return cls(parts.scheme, parts.hostname, port, parts.path.rstrip("/"))

    @property
    def origin(self) -> str:
        default = (self.scheme, self.port) in (("http", 80), ("https", 443))
        return f"{self.scheme}://{self.host}" + ("" if default else f":{self.port}")

    @property
    def base_url(self) -> str:
        return self.origin + self.base_path


def request_head(endpoint: Endpoint, path: str, headers: dict[str, str]) -> bytes:
    """The request line and headers, up to (not including) content-length."""
    host = endpoint.host if endpoint.port in (80, 443) else f"{endpoint.host}:{endpoint.port}"
    fields = {
        "host": host,
        "content-type": "application/json",
        "accept": "text/event-stream",
        **headers,
    }
    return http1.request_head("POST", f"{endpoint.base_path}{path}".encode(), fields)


_HEAD, _CHUNK_SIZE, _CHUNK_DATA, _CHUNK_END, _LENGTH, _UNTIL_CLOSE, _TRAILER = range(7)


class _Connection(asyncio.Protocol):
    """One keep-alive connection; one request at a time."""

    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool
        self.transport: asyncio.Transport | None = None
        self.record: RequestRecord | None = None
        self.done: asyncio.Future[bool] | None = None
        self.used = 0
        self.reusable = True
        self.received_any = False
        self._reset()

    def _reset(self) -> None:
        self.buffer = bytearray()
        self.state = _HEAD
        self.remaining = 0
        self.sse = bytearray()
        self.body = bytearray()
        self.event_stream = False
        self.finished_stream = False

    # asyncio.Protocol -----------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def connection_lost(self, exc: Exception | None) -> None:
        self.reusable = False
        self.pool.forget(self)
        if self.record is not None:
            if self.state == _UNTIL_CLOSE:
                self._complete(time.perf_counter())
            else:
                self._fail("connection dropped", str(exc) if exc else "closed by the server")

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        if self.record is None:
            return  # bytes after a finished response: ignore (the server misbehaves)
        self.received_any = True
        self.buffer += data
        try:
            self._parse(now)
        except (ValueError, IndexError) as error:
            self._fail("bad response", f"unparseable HTTP: {error}")
            self.close()

    # requests -------------------------------------------------------------------------------

    def send(self, payload: bytes, record: RequestRecord, done: asyncio.Future[bool]) -> None:
        self._reset()
        self.record, self.done = record, done
        self.used += 1
        self.received_any = False
        assert self.transport is not None
        self.transport.write(payload)

    def close(self) -> None:
        self.reusable = False
        if self.transport is not None:
            self.transport.abort()

    def _finish(self) -> None:
        done, self.record, self.done = self.done, None, None
        if done is not None and not done.done():
            done.set_result(self.reusable)

    def _fail(self, kind: str, message: str) -> None:
        record = self.record
        if record is not None and record.error is None:
            record.error, record.message = kind, message[:300]
            record.end = time.perf_counter()
        self.reusable = False
        self._finish()

    def _complete(self, now: float) -> None:
        record = self.record
        assert record is not None
        record.end = now
        if record.status != 200 and record.error is None:
            record.error = f"http {record.status}"
            record.message = _error_message(bytes(self.body))
        elif record.error is None and not self.event_stream:
            record.error = "not a stream"
            record.message = "the server did not answer with text/event-stream"
        elif record.error is None and not record.chunk_times:
            record.error = "no tokens"
            record.message = "the stream ended without any content"
        self._finish()

    # parsing --------------------------------------------------------------------------------

    def _parse(self, now: float) -> None:
        while self.record is not None:
            if self.state == _HEAD:
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    return
                self._head(bytes(self.buffer[:end]))
                del self.buffer[: end + 4]
            elif self.state == _CHUNK_SIZE:
                end = self.buffer.find(b"\r\n")
                if end < 0:
                    return
                self.remaining = int(bytes(self.buffer[:end]).split(b";", 1)[0], 16)
                del self.buffer[: end + 2]
                self.state = _CHUNK_DATA if self.remaining else _TRAILER
            elif self.state == _CHUNK_DATA:
                if not self.buffer:
                    return
                take = bytes(self.buffer[: self.remaining])
                del self.buffer[: len(take)]
                self.remaining -= len(take)
                self._payload(take, now)
                if self.remaining == 0:
                    self.state = _CHUNK_END
            elif self.state == _CHUNK_END:
                if len(self.buffer) < 2:
                    return
                del self.buffer[:2]
                self.state = _CHUNK_SIZE
            elif self.state == _TRAILER:
                end = self.buffer.find(b"\r\n")
                if end < 0:
                    return
                del self.buffer[: end + 2]
                if end == 0:
                    self._complete(now)
            elif self.state == _LENGTH:
                take = bytes(self.buffer[: self.remaining])
                del self.buffer[: len(take)]
                self.remaining -= len(take)
                if take:
                    self._payload(take, now)
                if self.remaining == 0:
                    self._complete(now)
                return
            else:  # _UNTIL_CLOSE
                if self.buffer:
                    self._payload(bytes(self.buffer), now)
                    self.buffer.clear()
                return

    def _head(self, raw: bytes) -> None:
        assert self.record is not None
        head = http1.parse_head(raw)
        self.record.status = int(head.first[1])
        fields = {name: value.lower() for name, value in head.headers.items()}
        chunked = "chunked" in fields.get("transfer-encoding", "")
        length = int(fields["content-length"]) if "content-length" in fields else None
        self.event_stream = fields.get("content-type", "").startswith("text/event-stream")
        if fields.get("connection") == "close":
            self.reusable = False
        if chunked:
            self.state = _CHUNK_SIZE
        elif length is not None:
            self.state, self.remaining = _LENGTH, length
            if length == 0:
                self._complete(time.perf_counter())
        else:
            self.state, self.reusable = _UNTIL_CLOSE, False

    def _payload(self, data: bytes, now: float) -> None:
        assert self.record is not None
        if not (self.event_stream and self.record.status == 200):
            if len(self.body) < 65_536:
                self.body += data
            return
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n")
        self.sse += data
        end = self.sse.rfind(b"\n\n")
        if end < 0:
            return
        events = bytes(self.sse[:end])
        del self.sse[: end + 2]
        for event in events.split(b"\n\n"):
            for line in event.split(b"\n"):
                if line.startswith(b"data:"):
                    self._event(line[5:].strip(), now)

    def _event(self, data: bytes, now: float) -> None:
        record = self.record
        assert record is not None
        if data == b"[DONE]":
            self.finished_stream = True
            return
        try:
            value = orjson.loads(data)
        except orjson.JSONDecodeError:
            return
        if not isinstance(value, dict):
            return
        if "error" in value:
            record.error = "error event"
            error = value["error"]
            message = error.get("message") if isinstance(error, dict) else error
            record.message = str(message)[:300]
            return
        for choice in value.get("choices") or ():
            delta = choice.get("delta") or {}
            text = (
                delta.get("content") or delta.get("reasoning_content") or choice.get("text") or ""
            )
            if text:
                record.chunk_times.append(now)
                record.chars += len(text)
        usage = value.get("usage")
        if isinstance(usage, dict):
            record.prompt_tokens = usage.get("prompt_tokens")
            record.completion_tokens = usage.get("completion_tokens")


def _error_message(body: bytes) -> str:
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError:
        text = body[:4096].decode("utf-8", "replace")
        title = re.search(r"<title>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", title.group(1) if title else text)
        return " ".join(text.split())[:200] or "(empty body)"
    if isinstance(value, dict):
        error = value.get("error", value.get("detail", value))
        if isinstance(error, dict):
            return str(error.get("message", error))[:300]
        return str(error)[:300]
    return str(value)[:300]


class ConnectionPool:
    """Keep-alive connections to one endpoint, opened on demand and reused."""

    def __init__(self, endpoint: Endpoint, *, connect_timeout: float = 10.0) -> None:
        self.endpoint = endpoint
        self.connect_timeout = connect_timeout
        self._idle: list[_Connection] = []
        self._all: set[_Connection] = set()
        self._ssl: ssl.SSLContext | None = (
            ssl.create_default_context() if endpoint.scheme == "https" else None
        )

    def forget(self, conn: _Connection) -> None:
        self._all.discard(conn)
        if conn in self._idle:
            self._idle.remove(conn)

    async def acquire(self) -> _Connection:
        while self._idle:
            conn = self._idle.pop()
            if conn.reusable and conn.transport is not None and not conn.transport.is_closing():
                return conn
            self._all.discard(conn)
        loop = asyncio.get_running_loop()
        _transport, conn = await asyncio.wait_for(
            loop.create_connection(
                lambda: _Connection(self),
                self.endpoint.host,
                self.endpoint.port,
                ssl=self._ssl,
                server_hostname=self.endpoint.host if self._ssl else None,
            ),
            self.connect_timeout,
        )
        self._all.add(conn)
        return conn

    def release(self, conn: _Connection, reusable: bool) -> None:
        if reusable and conn.reusable:
            self._idle.append(conn)
        else:
            self._all.discard(conn)
            conn.close()

    def close(self) -> None:
        for conn in list(self._all):
            conn.close()
        self._all.clear()
        self._idle.clear()


@dataclass
class StreamingClient:
    """Sends prepared request bodies and fills in their records."""

    pool: ConnectionPool
    head: bytes
    timeout: float = 600.0

    async def send(self, body: bytes, record: RequestRecord) -> RequestRecord:
        payload = http1.with_body(self.head, body)
        for attempt in (1, 2):
            record.start = time.perf_counter()
            try:
                conn = await self.pool.acquire()
            except (OSError, TimeoutError) as error:
                record.error, record.message = "connect failed", _describe(error)
                record.end = time.perf_counter()
                return record
            reused = conn.used > 0
            done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
            conn.send(payload, record, done)
            try:
                reusable = await asyncio.wait_for(done, self.timeout)
            except TimeoutError:
                conn.record = None
                conn.close()
                record.error, record.message = "timeout", f"no complete reply in {self.timeout:g} s"
                record.end = time.perf_counter()
                return record
            except asyncio.CancelledError:
                conn.record = None
                conn.close()
                raise
            if (
                attempt == 1
                and reused
                and record.error == "connection dropped"
                and not conn.received_any
            ):
                # The server closed an idle keep-alive connection as we reused it: not its fault.
                record.error = record.message = None
                record.end = None
                continue
            self.pool.release(conn, reusable)
            return record
        return record


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "connection timed out"
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
