"""HTTP/1.1 framing written once: request and response heads, content-length and chunked bodies,
and the parsing of a head. The lean engine transport, the bench's measuring client, the fake
engine and the gateway's connection limits frame their bytes with these (the transport parses
responses with httptools, the C parser uvicorn uses)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

REASONS = {
    200: b"OK",
    400: b"Bad Request",
    404: b"Not Found",
    405: b"Method Not Allowed",
    408: b"Request Timeout",
    411: b"Length Required",
    429: b"Too Many Requests",
    431: b"Request Header Fields Too Large",
    500: b"Internal Server Error",
    502: b"Bad Gateway",
    503: b"Service Unavailable",
}
CRLF = b"\r\n"
LAST_CHUNK = b"0\r\n\r\n"


def _fields(headers: Mapping[str, str]) -> bytes:
    return b"".join(f"{name}: {value}\r\n".encode("latin-1") for name, value in headers.items())


def request_head(method: str, target: bytes, headers: Mapping[str, str]) -> bytes:
    """The request line and headers, up to (not including) content-length and the blank line."""
    return method.encode() + b" " + target + b" HTTP/1.1\r\n" + _fields(headers)


def with_body(head: bytes, body: bytes) -> bytes:
    """``head`` (from ``request_head``) completed with content-length and the body."""
    return head + b"content-length: " + str(len(body)).encode() + b"\r\n\r\n" + body


def response(
    status: int,
    body: bytes,
    content_type: str = "application/json",
    headers: Mapping[str, str] | None = None,
) -> bytes:
    """A whole response framed by content-length."""
    return (
        b"HTTP/1.1 %d %s\r\n" % (status, REASONS.get(status, b"Error"))
        + _fields({"content-type": content_type, **(headers or {})})
        + b"content-length: %d\r\n\r\n" % len(body)
        + body
    )


def stream_head(
    content_type: str = "text/event-stream", headers: Mapping[str, str] | None = None
) -> bytes:
    """The head of a 200 response whose body follows in chunks (``chunk``, then LAST_CHUNK)."""
    fields = {"content-type": content_type, **(headers or {}), "transfer-encoding": "chunked"}
    return b"HTTP/1.1 200 OK\r\n" + _fields(fields) + CRLF


def chunk(data: bytes) -> bytes:
    return b"%x\r\n" % len(data) + data + CRLF


@dataclass(frozen=True)
class Head:
    """A parsed request or response head: the three parts of its first line, and its headers
    (names lower-cased; the last value wins)."""

    first: tuple[str, str, str]
    headers: dict[str, str]


def parse_head(raw: bytes) -> Head:
    """``raw`` up to (not including) the blank line; ValueError when its first line is not a
    request line or a status line."""
    lines = raw.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise ValueError(f"malformed first line: {lines[0][:100]!r}")
    if len(parts) == 2:  # a status line without a reason phrase
        parts.append("")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Head((parts[0], parts[1], parts[2]), headers)
