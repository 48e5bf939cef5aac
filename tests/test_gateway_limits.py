"""Limits before authentication: what an unauthenticated client can hold (header size and count,
slow and idle connections, open connections) is bounded, with a clear status (raw sockets, the
gateway under uvicorn exactly as `serve` runs it)."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest

from supportllm.engines.fake import FakeEngineHandle
from tests.conftest import Gateway

BODY = b'{"model":"support","messages":[{"role":"user","content":"hi"}]}'


def address(gateway: Gateway) -> tuple[str, int]:
    parts = urlsplit(gateway.url)
    assert parts.hostname is not None and parts.port is not None
    return parts.hostname, parts.port


@contextlib.contextmanager
def connection(gateway: Gateway) -> Iterator[socket.socket]:
    sock = socket.create_connection(address(gateway), timeout=10)
    try:
        yield sock
    finally:
        sock.close()


def read_all(sock: socket.socket) -> bytes:
    data = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := sock.recv(65536):
            data += chunk
    return data


def request(headers: list[bytes]) -> bytes:
    return (
        b"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
        + b"".join(h + b"\r\n" for h in headers)
        + b"content-length: %d\r\n\r\n" % len(BODY)
        + BODY
    )


@pytest.fixture
def limited(gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle) -> Gateway:
    return gateway_factory(fake_engine.url, header_timeout_s=1.0, max_connections=6, max_headers=50)


def test_a_huge_header_is_431(limited: Gateway) -> None:
    with connection(limited) as sock:
        sock.sendall(request([b"x-big: " + b"a" * 1_000_000]))
        reply = read_all(sock)
    assert reply.startswith(b"HTTP/1.1 431 "), reply[:200]
    assert b"request headers too large" in reply


def test_an_unfinished_huge_header_is_cut_off_before_it_is_all_received(limited: Gateway) -> None:
    with connection(limited) as sock:
        sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nx-big: ")
        sent = 0
        with contextlib.suppress(OSError):  # the gateway closes while we are still sending
            for _ in range(64):
                sock.sendall(b"a" * 65536)
                sent += 65536
        reply = read_all(sock)
    assert reply.startswith(b"HTTP/1.1 431 "), reply[:200]
    assert sent < 4 * 1024 * 1024


def test_too_many_headers_is_431_and_a_normal_request_still_passes(limited: Gateway) -> None:
    with connection(limited) as sock:
        sock.sendall(request([b"x-h%d: v" % i for i in range(5000)]))
        reply = read_all(sock)
    assert reply.startswith(b"HTTP/1.1 431 "), reply[:200]
    with connection(limited) as sock:
        key = b"authorization: Bearer " + limited.key.encode()
        sock.sendall(request([key, b"connection: close"] + [b"x-h%d: v" % i for i in range(30)]))
        assert read_all(sock).startswith(b"HTTP/1.1 200 ")


def test_idle_and_slow_clients_are_timed_out(limited: Gateway) -> None:
    started = time.monotonic()
    with connection(limited) as idle:
        assert read_all(idle) == b""  # closed by the gateway, nothing sent
    assert time.monotonic() - started < 5
    with connection(limited) as slow:
        reply = b""
        with contextlib.suppress(OSError):
            for byte in request([]):  # one byte every 0.1 s: the headers never finish in time
                slow.sendall(bytes([byte]))
                time.sleep(0.1)
        reply = read_all(slow)
    assert reply.startswith(b"HTTP/1.1 408 "), reply[:200]
    assert time.monotonic() - started < 10


def test_connections_beyond_the_cap_get_503(limited: Gateway) -> None:
    held = [socket.create_connection(address(limited), timeout=10) for _ in range(6)]
    try:
        time.sleep(0.2)
        with connection(limited) as extra:
            reply = read_all(extra)
        assert reply.startswith(b"HTTP/1.1 503 "), reply[:200]
        assert b"retry-after: 1" in reply
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.2)
    with connection(limited) as sock:  # the cap is on open connections, not forever
        sock.sendall(request([b"authorization: Bearer " + limited.key.encode()]))
        assert sock.recv(12) == b"HTTP/1.1 200"
