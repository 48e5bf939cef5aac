"""A small, fast HTTP/1.1 streaming client for the benchmarks (keep-alive, chunked, SSE).

It records, per request, the monotonic times of the first content-bearing chunk and of the end,
so that TTFT and end-to-end latency can be computed. It stays cheap enough that one Python
process can offer several hundred streaming requests per second on this 2-core machine.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

_CONTENT = b'"content":"'
_TEXT = b'"text":"'


@dataclass
class Result:
    started: float
    status: int = 0
    first_token: float | None = None
    last_token: float | None = None
    finished: float | None = None
    chunks: int = 0
    error: str | None = None
    done: bool = False  # the stream's last event was [DONE]
    incomplete: bool = False  # it ended with an error event marked x-supportllm-incomplete

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200 and self.finished is not None


@dataclass
class _Conn:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    idle_since: float = 0.0


# Servers close idle keep-alive connections (uvicorn after 5 s): do not reuse older ones.
MAX_IDLE_S = 3.0


@dataclass
class Client:
    host: str
    port: int
    idle: list[_Conn] = field(default_factory=list)

    async def _connect(self) -> _Conn:
        while self.idle:
            conn = self.idle.pop()
            if time.monotonic() - conn.idle_since < MAX_IDLE_S and not conn.reader.at_eof():
                return conn
            conn.writer.close()
        reader, writer = await asyncio.open_connection(self.host, self.port)
        return _Conn(reader, writer)

    async def post_stream(self, path: str, body: bytes, headers: dict[str, str]) -> Result:
        result = Result(started=time.perf_counter())
        head = f"POST {path} HTTP/1.1\r\nhost: {self.host}\r\ncontent-type: application/json\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        head += f"content-length: {len(body)}\r\n\r\n"
        conn: _Conn | None = None
        try:
            conn = await self._connect()
            conn.writer.write(head.encode() + body)
            status_line = await conn.reader.readuntil(b"\r\n")
            result.status = int(status_line.split(b" ", 2)[1])
            raw_headers = await conn.reader.readuntil(b"\r\n\r\n")
            lowered = raw_headers.lower()
            if b"transfer-encoding: chunked" in lowered:
                await self._read_chunked(conn.reader, result)
            else:
                length = 0
                for line in lowered.split(b"\r\n"):
                    if line.startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await conn.reader.readexactly(length)
            result.finished = time.perf_counter()
            if result.status != 200:
                result.error = f"http {result.status}"
            conn.idle_since = time.monotonic()
            self.idle.append(conn)
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            result.error = type(error).__name__
            if conn is not None:
                conn.writer.close()
        return result

    async def _read_chunked(self, reader: asyncio.StreamReader, result: Result) -> None:
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";", 1)[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                return
            data = await reader.readexactly(size + 2)
            if b'"error"' in data and b'data: {"error"' in data:
                result.error = "error event"
                result.incomplete = result.incomplete or b'"x-supportllm-incomplete":true' in data
            if b"data: [DONE]" in data:
                result.done = True
            hits = _token_events(data)
            if hits > 0:
                result.chunks += hits
                result.last_token = time.perf_counter()
                if result.first_token is None:
                    result.first_token = result.last_token

    def close(self) -> None:
        for conn in self.idle:
            conn.writer.close()
        self.idle.clear()


def _token_events(data: bytes) -> int:
    """Events carrying a non-empty token, with or without a space after the colon (json vs
    orjson), in chat (content) or text-completion (text) form."""
    compact = data.replace(b'": "', b'":"')
    return (
        compact.count(_CONTENT)
        + compact.count(_TEXT)
        - compact.count(b'"content":""')
        - compact.count(b'"text":""')
    )


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
