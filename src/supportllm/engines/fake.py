"""A real HTTP server that speaks OpenAI's chat and completions API with scripted timing.

Used by the tests and by the benchmark as an engine whose behaviour is known exactly:
configurable time to first token, inter-token delay, reply length, and injected failures
(HTTP 500, a connection dropped mid-stream, a hang). It is a plain asyncio protocol (no
framework) and can fork worker processes sharing one listening socket, so that it is never
the bottleneck of a measurement.

Per request, a ``"fake"`` object in the body overrides the server's settings, e.g.
``{"fake": {"behaviour": "drop", "ttft_ms": 5, "itl_ms": 1, "tokens": 50}}``.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import multiprocessing
import os
import random
import signal
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.sharedctypes import SynchronizedArray
from typing import Any, Literal, cast

import orjson

from supportllm import http1
from supportllm.engines.fake_replies import (
    LEGACY_COMPLETION_MAX_TOKENS,
    ChunkFormatter,
    output_length,
    prompt_token_count,
    reply_tokens,
    scripted_judge,
    scripted_reader,
)
from supportllm.loops import new_event_loop

# ok; error: HTTP 500; busy: HTTP 429; drop: the connection cut halfway through a stream;
# hang: no byte at all; stall: half the stream, then silence (the connection stays open);
# error_event: a stream whose first event is an in-band {"error": …} (as vLLM sends), then
# [DONE]; late_error: half the stream, then that in-band error event and [DONE].
Behaviour = Literal["ok", "error", "busy", "drop", "hang", "stall", "error_event", "late_error"]
_BEHAVIOURS = ("ok", "error", "busy", "drop", "hang", "stall", "error_event", "late_error")
_STAT_NAMES = ("requests", "active", "completed", "disconnected", "injected_failures")
_MAX_HEADER_BYTES = 65_536


@dataclass(frozen=True)
class FakeEngineConfig:
    host: str = "127.0.0.1"
    port: int = 9000
    model: str = "fake-model"
    ttft_ms: float = 0.0
    itl_ms: float = 0.0
    output_tokens: int = 20
    replies: tuple[str, ...] = ()
    error_rate: float = 0.0
    drop_rate: float = 0.0
    hang_rate: float = 0.0
    # Every request behaves so unless it names its own (a replica that is broken one way).
    behaviour: str | None = None
    workers: int = 1
    seed: int | None = None
    # The /v1/models owned_by it reports (gateway/structured.py reads it: "me" is
    # llama-cpp-python) and request fields it refuses with a 400, as an API that does not
    # know them would.
    owned_by: str = "supportllm-fake"
    refuse_fields: tuple[str, ...] = ()
    # Whole chat replies to requests that declare tools carry these tool calls (a JSON array
    # of OpenAI tool calls per reply, taken in turn): the guard's schema checks meet real calls.
    tool_calls: tuple[str, ...] = ()
    # HTTPS (an engine behind TLS): PEM certificate and key; with tls_client_ca, clients must
    # present a certificate issued by that CA (mutual TLS).
    tls_cert: str | None = None
    tls_key: str | None = None
    tls_client_ca: str | None = None
    # A scripted pairwise judge: chat requests quoting <reply_a>…</reply_a> and <reply_b>…
    # </reply_b> are answered {"better": "A"|"B"|"tie"}, naming the reply without this marker.
    judge_marker: str | None = None
    # A scripted claims reader: requests ending in the reader's <reply>…</reply> are answered
    # {"verdict": "violation"} when the reply holds this marker, else {"verdict": "ok"}; and a
    # scripted injection reader: requests ending in <message>…</message> are answered
    # {"verdict": "injection"} when the message holds it, else {"verdict": "ok"}.
    reader_marker: str | None = None

    @property
    def scheme(self) -> str:
        return "https" if self.tls_cert else "http"

    def ssl_context(self) -> ssl.SSLContext | None:
        if not self.tls_cert:
            return None
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.tls_cert, self.tls_key)
        if self.tls_client_ca:
            context.load_verify_locations(self.tls_client_ca)
            context.verify_mode = ssl.CERT_REQUIRED
        return context

    def __post_init__(self) -> None:
        for name in ("error_rate", "drop_rate", "hang_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        if self.error_rate + self.drop_rate + self.hang_rate > 1.0:
            raise ValueError("error_rate + drop_rate + hang_rate must not exceed 1")
        if self.ttft_ms < 0 or self.itl_ms < 0:
            raise ValueError("ttft_ms and itl_ms must be >= 0")
        if self.output_tokens < 1:
            raise ValueError("output_tokens must be >= 1")
        if self.workers < 1:
            raise ValueError("workers must be >= 1")


@dataclass
class _Stats:
    """Counters for one worker, kept in a shared array so /fake/stats can sum all workers."""

    array: SynchronizedArray[int] | list[int]
    slot: int

    def add(self, name: str, amount: int = 1) -> None:
        self.array[self.slot * len(_STAT_NAMES) + _STAT_NAMES.index(name)] += amount

    def totals(self) -> dict[str, int]:
        width = len(_STAT_NAMES)
        workers = len(self.array) // width
        return {
            name: sum(self.array[w * width + i] for w in range(workers))
            for i, name in enumerate(_STAT_NAMES)
        }


@dataclass
class _Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


def _http_response(status: int, body: bytes, content_type: str = "application/json") -> bytes:
    return http1.response(status, body, content_type)


def _error_body(message: str, kind: str = "server_error") -> bytes:
    return orjson.dumps({"error": {"message": message, "type": kind, "param": None, "code": None}})


_STREAM_HEAD = http1.stream_head(headers={"cache-control": "no-cache"})
_chunk = http1.chunk


@dataclass
class _Engine:
    """The behaviour shared by all connections of one worker."""

    config: FakeEngineConfig
    stats: _Stats
    rng: random.Random = field(default_factory=random.Random)
    counter: int = 0
    tool_turn: int = 0
    connections: set[_Connection] = field(default_factory=set)
    recent: collections.deque[dict[str, Any]] = field(
        default_factory=lambda: collections.deque(maxlen=100)
    )

    def pick_behaviour(self, override: Any) -> Behaviour:
        if override in _BEHAVIOURS:
            return override  # type: ignore[no-any-return]
        if self.config.behaviour in _BEHAVIOURS:
            return self.config.behaviour  # type: ignore[return-value]
        roll = self.rng.random()
        config = self.config
        if roll < config.error_rate:
            return "error"
        if roll < config.error_rate + config.drop_rate:
            return "drop"
        if roll < config.error_rate + config.drop_rate + config.hang_rate:
            return "hang"
        return "ok"


class _Connection(asyncio.Protocol):
    def __init__(self, engine: _Engine) -> None:
        self._engine = engine
        self._buffer = bytearray()
        self._busy = False
        self._closed = asyncio.Event()
        self._transport: asyncio.Transport | None = None

    # asyncio.Protocol -----------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass
        self._engine.connections.add(self)
        sock = transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        if not self._busy:
            self._next_request()

    def connection_lost(self, exc: Exception | None) -> None:
        self._closed.set()
        self._engine.connections.discard(self)

    def abort(self) -> None:
        if self._transport is not None:
            self._transport.abort()

    def close(self) -> None:
        self._close()

    # HTTP -----------------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def _next_request(self) -> None:
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self._buffer) > _MAX_HEADER_BYTES:
                self._write(_http_response(400, _error_body("headers too large")))
                self._close()
            return
        try:
            head = http1.parse_head(bytes(self._buffer[:end]))
        except ValueError:
            self._write(_http_response(400, _error_body("malformed request line")))
            self._close()
            return
        (method, path, _version), headers = head.first, head.headers
        if "chunked" in headers.get("transfer-encoding", ""):
            self._write(_http_response(411, _error_body("send a content-length")))
            self._close()
            return
        length = int(headers.get("content-length", "0") or 0)
        if len(self._buffer) < end + 4 + length:
            return
        body = bytes(self._buffer[end + 4 : end + 4 + length])
        del self._buffer[: end + 4 + length]
        self._busy = True
        task = asyncio.get_running_loop().create_task(
            self._serve(_Request(method, path.split("?", 1)[0], headers, body))
        )
        task.add_done_callback(self._request_done)

    def _request_done(self, task: asyncio.Task[bool]) -> None:
        self._busy = False
        keep_alive = not task.cancelled() and task.exception() is None and task.result()
        if not keep_alive:
            self._close()
        elif self._buffer:
            self._next_request()

    def _write(self, data: bytes) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write(data)

    def _close(self) -> None:
        if self._transport is not None:
            self._transport.close()

    async def _serve(self, request: _Request) -> bool:
        """Answer one request; return whether the connection may be reused."""
        keep_alive = request.headers.get("connection", "").lower() != "close"
        route = (request.method, request.path)
        engine = self._engine
        if route in (("GET", "/health"), ("GET", "/v1/health")):
            self._write(_http_response(200, b"{}"))
        elif route == ("GET", "/v1/models"):
            models = {
                "object": "list",
                "data": [
                    {
                        "id": engine.config.model,
                        "object": "model",
                        "owned_by": engine.config.owned_by,
                    }
                ],
            }
            self._write(_http_response(200, orjson.dumps(models)))
        elif route == ("GET", "/fake/stats"):
            self._write(_http_response(200, orjson.dumps(engine.stats.totals())))
        elif route == ("GET", "/fake/requests"):
            self._write(_http_response(200, orjson.dumps(list(engine.recent))))
        elif route == ("GET", "/metrics"):
            totals = engine.stats.totals()
            text = (
                "# TYPE vllm:num_requests_running gauge\n"
                f"vllm:num_requests_running {totals['active']}\n"
                "# TYPE vllm:num_requests_waiting gauge\nvllm:num_requests_waiting 0\n"
            )
            self._write(_http_response(200, text.encode(), "text/plain; version=0.0.4"))
        elif route in (("POST", "/v1/chat/completions"), ("POST", "/v1/completions")):
            return await self._generate(
                request, chat=request.path.endswith("chat/completions"), keep_alive=keep_alive
            )
        else:
            message = f"no route {request.method} {request.path}"
            self._write(_http_response(404, _error_body(message, "invalid_request_error")))
        return keep_alive

    async def _generate(self, request: _Request, *, chat: bool, keep_alive: bool) -> bool:
        engine = self._engine
        try:
            body = orjson.loads(request.body)
            if not isinstance(body, dict):
                raise ValueError("body must be a JSON object")
        except ValueError as error:
            self._write(
                _http_response(400, _error_body(f"invalid JSON: {error}", "invalid_request_error"))
            )
            return keep_alive
        engine.stats.add("requests")
        engine.recent.append(body)
        if refused := [name for name in engine.config.refuse_fields if name in body]:
            message = f"unsupported parameter: {refused[0]}"
            self._write(_http_response(400, _error_body(message, "invalid_request_error")))
            return keep_alive
        fake = body.get("fake")
        override: dict[str, Any] = fake if isinstance(fake, dict) else {}
        behaviour = engine.pick_behaviour(override.get("behaviour"))
        if behaviour != "ok":
            engine.stats.add("injected_failures")
        if behaviour == "error":
            self._write(_http_response(500, _error_body("injected failure (fake engine)")))
            return keep_alive
        if behaviour == "busy":
            self._write(_http_response(429, _error_body("injected rate limit (fake engine)")))
            return keep_alive
        if behaviour == "hang":
            await self._closed.wait()
            return False

        config = engine.config
        ttft = float(override.get("ttft_ms", config.ttft_ms)) / 1000.0
        itl = float(override.get("itl_ms", config.itl_ms)) / 1000.0
        count, reason = output_length(
            body,
            int(override.get("tokens", config.output_tokens)),
            # /v1/completions without max_tokens stops at 16, as OpenAI's and llama-cpp-python's
            default_limit=None if chat else LEGACY_COMPLETION_MAX_TOKENS,
        )
        engine.counter += 1
        tokens = (
            scripted_judge(body, config.judge_marker)
            or scripted_reader(body, config.reader_marker)
            or reply_tokens(config.replies, engine.counter - 1, count)
        )
        formatter = ChunkFormatter(f"fake-{os.getpid()}-{engine.counter}", config.model, chat)
        prompt_tokens = prompt_token_count(body)
        loop = asyncio.get_running_loop()
        start = loop.time()
        engine.stats.add("active")
        try:
            if not body.get("stream"):
                await asyncio.sleep(ttft + itl * max(0, count - 1))
                if self.closed:
                    engine.stats.add("disconnected")
                    return False
                calls = None
                if config.tool_calls and body.get("tools"):
                    engine.tool_turn += 1
                    calls = orjson.loads(
                        config.tool_calls[(engine.tool_turn - 1) % len(config.tool_calls)]
                    )
                reply = formatter.whole("".join(tokens), reason, prompt_tokens, count, calls)
                self._write(_http_response(200, reply))
                engine.stats.add("completed")
                return keep_alive
            return await self._stream(
                formatter,
                tokens,
                reason,
                prompt_tokens,
                start,
                ttft,
                itl,
                include_usage=bool((body.get("stream_options") or {}).get("include_usage")),
                behaviour=behaviour,
                keep_alive=keep_alive,
            )
        finally:
            engine.stats.add("active", -1)

    async def _stream(
        self,
        formatter: ChunkFormatter,
        tokens: list[str],
        reason: str,
        prompt_tokens: int,
        start: float,
        ttft: float,
        itl: float,
        *,
        include_usage: bool,
        behaviour: Behaviour,
        keep_alive: bool,
    ) -> bool:
        engine = self._engine
        loop = asyncio.get_running_loop()
        self._write(_STREAM_HEAD)
        cut_at = max(1, len(tokens) // 2) if behaviour in ("drop", "stall", "late_error") else -1
        if behaviour == "error_event":
            cut_at = 0
        for index, token in enumerate(tokens):
            delay = start + ttft + itl * index - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            if self.closed:
                engine.stats.add("disconnected")
                return False
            if index == cut_at:
                if behaviour == "drop":
                    assert self._transport is not None
                    self._transport.abort()
                    return False
                if behaviour == "stall":
                    await self._closed.wait()
                    return False
                event = b"data: " + _error_body("injected stream error (fake engine)") + b"\n\n"
                self._write(_chunk(event + b"data: [DONE]\n\n") + http1.LAST_CHUNK)
                return keep_alive
            self._write(_chunk(formatter.token(token, first=index == 0)))
        tail = formatter.finish(reason)
        if include_usage:
            tail += formatter.usage(prompt_tokens, len(tokens))
        self._write(_chunk(tail + b"data: [DONE]\n\n") + http1.LAST_CHUNK)
        engine.stats.add("completed")
        return keep_alive


# Running the server -----------------------------------------------------------------------------


def bind_socket(
    host: str, port: int, *, reuse_port: bool = False, listen: bool = True
) -> socket.socket:
    """A socket bound to host:port (port 0 picks a free port), listening unless told not to.

    With ``reuse_port`` several processes bind the same port and the kernel spreads incoming
    connections over them evenly (SO_REUSEPORT), with no thundering herd on one socket.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    if listen:
        sock.listen(4096)
    sock.setblocking(False)
    return sock


async def _serve_forever(sock: socket.socket, engine: _Engine, stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: _Connection(engine), sock=sock, backlog=4096, ssl=engine.config.ssl_context()
    )
    await stop.wait()
    server.close()
    for connection in list(engine.connections):
        connection.abort()


def _worker_main(
    sock: socket.socket | int, config: FakeEngineConfig, array: SynchronizedArray[int], slot: int
) -> None:
    if isinstance(sock, int):  # a port: this worker binds its own SO_REUSEPORT socket
        sock = bind_socket(config.host, sock, reuse_port=True)
    loop = new_event_loop()
    asyncio.set_event_loop(loop)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    seed = None if config.seed is None else config.seed + slot
    engine = _Engine(config, _Stats(array, slot), random.Random(seed))
    loop.run_until_complete(_serve_forever(sock, engine, stop))
    loop.close()


def run_fake_engine(config: FakeEngineConfig) -> None:
    """Serve until SIGINT/SIGTERM, with ``config.workers`` processes on one port."""
    context = multiprocessing.get_context("fork")
    array = context.Array("q", config.workers * len(_STAT_NAMES), lock=False)
    if config.workers == 1:
        _worker_main(bind_socket(config.host, config.port), config, array, 0)
        return
    # Reserve the port (bound, not listening: it takes no connections), then let each worker
    # listen on it with SO_REUSEPORT.
    reserved = bind_socket(config.host, config.port, reuse_port=True, listen=False)
    port = reserved.getsockname()[1]
    processes = [
        context.Process(target=_worker_main, args=(port, config, array, slot), daemon=True)
        for slot in range(config.workers)
    ]
    for process in processes:
        process.start()
    stop = threading.Event()
    previous = {
        sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        while not stop.is_set() and all(process.is_alive() for process in processes):
            stop.wait(0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for process in processes:
            if process.is_alive() and process.pid is not None:
                os.kill(process.pid, signal.SIGTERM)
        for process in processes:
            process.join(timeout=5)
        reserved.close()


@dataclass
class FakeEngineHandle:
    """A fake engine running on a thread of this process (tests): ``url`` ends in /v1."""

    url: str
    port: int
    _loop: asyncio.AbstractEventLoop
    _stop: asyncio.Event
    _thread: threading.Thread
    _stats: _Stats
    _engine: _Engine

    def stats(self) -> dict[str, int]:
        return self._stats.totals()

    def close_connections(self) -> None:
        """Close every open connection, as a server does with idle keep-alive ones."""

        def _close() -> None:
            for connection in list(self._engine.connections):
                connection.close()

        self._loop.call_soon_threadsafe(_close)

    def requests(self) -> list[dict[str, Any]]:
        """The bodies of the most recent generation requests (up to 100), oldest first."""
        return list(self._engine.recent)

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=10)


@contextlib.contextmanager
def fake_engine_in_thread(config: FakeEngineConfig | None = None) -> Iterator[FakeEngineHandle]:
    """Start a one-worker fake engine on a free port in a background thread."""
    config = config or FakeEngineConfig(port=0)
    sock = bind_socket(config.host, config.port)
    port = sock.getsockname()[1]
    loop = asyncio.new_event_loop()
    stats = _Stats([0] * len(_STAT_NAMES), 0)
    engine = _Engine(config, stats, random.Random(config.seed))
    stop = asyncio.Event()
    ready = threading.Event()

    def _run() -> None:
        asyncio.set_event_loop(loop)
        loop.call_soon(ready.set)
        loop.run_until_complete(_serve_forever(sock, engine, stop))
        loop.close()

    thread = threading.Thread(target=_run, name="fake-engine", daemon=True)
    thread.start()
    ready.wait(10)
    handle = FakeEngineHandle(
        f"{config.scheme}://{config.host}:{port}/v1", port, loop, stop, thread, stats, engine
    )
    try:
        yield handle
    finally:
        handle.stop()
