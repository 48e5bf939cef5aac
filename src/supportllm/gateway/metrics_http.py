"""Serving the metrics: GET /metrics on the gateway's port with the ``admin`` scope
(``build_metrics_routes``), and optionally a listener of its own without auth
(``MetricsServer``, ``metrics.port``) for a private network. Both render on the event loop,
where the pools' state lives."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from supportllm import http1
from supportllm.errors import SupportLLMError, http_status
from supportllm.gateway.auth import Authenticator
from supportllm.gateway.metrics import GatewayMetrics

_LOG = logging.getLogger("supportllm.metrics")


def build_metrics_routes(metrics: GatewayMetrics, auth: Authenticator) -> APIRouter:
    """GET /metrics for keys with the admin scope: 401 without a valid key, 403 without the
    scope, each with an OpenAI-style error body."""
    api = APIRouter()

    @api.get("/metrics", summary="Prometheus metrics (needs a key with the admin scope)")
    async def scrape(request: Request) -> Response:
        try:
            await auth.authenticate(request.headers, "admin")
        except SupportLLMError as error:
            return Response(
                orjson.dumps(error.body()),
                status_code=http_status(error),
                media_type="application/json",
            )
        body, content_type = metrics.render()
        return Response(body, media_type=content_type, headers={"cache-control": "no-store"})

    return api


class MetricsServer:
    """GET /metrics without auth on ``host:port`` (``port`` 0: a free one, see ``.port``), on
    the running event loop. HTTP/1.1, one request per connection."""

    def __init__(self, metrics: GatewayMetrics, host: str, port: int) -> None:
        self.metrics, self.host, self.port = metrics, host, port
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        _LOG.info("metrics on http://%s:%d/metrics (no auth)", self.host, self.port)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=10)
            method, target, _ = http1.parse_head(raw[:-4]).first
            if target.split("?", 1)[0] != "/metrics":
                reply = http1.response(404, b'{"error":{"message":"only /metrics is here"}}')
            elif method != "GET":
                reply = http1.response(405, b'{"error":{"message":"use GET"}}')
            else:
                body, content_type = self.metrics.render()
                reply = http1.response(200, body, content_type)
            writer.write(reply)
            await writer.drain()
        except (
            TimeoutError,
            ValueError,
            ConnectionError,
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
        ):
            pass  # a client that sends no head or nonsense gets the connection closed
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
