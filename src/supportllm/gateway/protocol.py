"""Limits that hold before a request reaches the application (and so before authentication):
header size and count (431), a deadline for a request's headers (slow or idle clients), and a
cap on open connections per process (503). uvicorn's httptools protocol with these checks added;
the request path itself is unchanged.
"""

from __future__ import annotations

import asyncio
import resource
from dataclasses import dataclass
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from supportllm import http1


@dataclass(frozen=True)
class ConnectionLimits:
    max_header_bytes: int = 32_768
    max_headers: int = 100
    header_timeout_s: float = 10.0
    max_connections: int = 1024


def default_max_connections() -> int:
    """Raise this process's open-file limit to its hard limit, then allow as many client
    connections as leave one file for each one's engine connection plus some to spare."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = 65_536 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return max(16, (soft - 128) // 2)


def limited_protocol(limits: ConnectionLimits) -> type[HttpToolsProtocol]:
    """The protocol class to hand to ``uvicorn.Config(http=...)``."""

    class LimitedHttpToolsProtocol(_Limited):
        pass

    LimitedHttpToolsProtocol.limits = limits
    return LimitedHttpToolsProtocol


class _Limited(HttpToolsProtocol):
    limits = ConnectionLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._awaiting_headers = True
        self._header_bytes = 0  # raw bytes received while a request's headers are incomplete
        self._header_count = 0
        self._header_size = 0
        self._rejected = False
        self._header_deadline: asyncio.TimerHandle | None = None

    # Connection ----------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.limits.max_connections:
            self._reject(503, "too many open connections to this gateway process; retry shortly")
            return
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._rejected:
            return
        if self._awaiting_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        if (
            self._awaiting_headers
            and self._header_bytes > self.limits.max_header_bytes
            and not self._rejected
        ):
            self._reject(431, "request headers too large")

    # Parser callbacks ----------------------------------------------------------------------

    def on_message_begin(self) -> None:
        # Each request (pipelined or after keep-alive) gets its own header budget and deadline;
        # an idle keep-alive connection is closed by uvicorn's keep-alive timeout instead.
        super().on_message_begin()
        if not self._awaiting_headers:
            self._awaiting_headers = True
            self._header_bytes = 0
            self._arm_header_deadline()
        self._header_count = self._header_size = 0

    def on_url(self, url: bytes) -> None:
        self._header_size += len(url)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        self._header_size += len(name) + len(value) + 4
        if (
            self._header_count > self.limits.max_headers
            or self._header_size > self.limits.max_header_bytes
        ):
            return  # rejected once the headers are complete; stored no further
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._awaiting_headers = False
        self._disarm_header_deadline()
        if self._header_count > self.limits.max_headers:
            self._reject(431, f"more than {self.limits.max_headers} request headers")
            return
        if self._header_size > self.limits.max_header_bytes:
            self._reject(431, "request headers too large")
            return
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._rejected:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if not self._rejected:
            super().on_message_complete()

    # Helpers -------------------------------------------------------------------------------

    def _arm_header_deadline(self) -> None:
        self._disarm_header_deadline()
        self._header_deadline = self.loop.call_later(
            self.limits.header_timeout_s, self._headers_too_slow
        )

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if self._awaiting_headers and not self.transport.is_closing():
            if self._header_bytes:
                self._reject(408, "request headers not received in time")
            else:
                self.transport.close()  # an idle connection: nothing to answer

    def _reject(self, status: int, message: str) -> None:
        """Answer with a small JSON error and close: before any application code runs."""
        self._rejected = True
        self._disarm_header_deadline()
        body = (
            b'{"error":{"message":"' + message.encode() + b'","type":"invalid_request_error",'
            b'"param":null,"code":"' + str(status).encode() + b'"}}'
        )
        headers = {"retry-after": "1"} if status == 503 else {}
        self.transport.write(
            http1.response(status, body, headers={**headers, "connection": "close"})
        )
        self.transport.close()
