"""The HTTP server settings the gateway runs with: uvicorn with the connection limits that hold
before a request reaches the application (``gateway/protocol.py``)."""

from __future__ import annotations

from typing import Any

import uvicorn

from supportllm.config import Settings
from supportllm.gateway.protocol import ConnectionLimits, default_max_connections, limited_protocol


def connection_limits(settings: Settings) -> ConnectionLimits:
    return ConnectionLimits(
        max_header_bytes=settings.max_header_bytes,
        max_headers=settings.max_headers,
        header_timeout_s=settings.header_timeout_s,
        max_connections=settings.max_connections or default_max_connections(),
    )


def server_config(
    app: Any, settings: Settings, *, host: str, port: int, **extra: Any
) -> uvicorn.Config:
    """uvicorn's configuration for the gateway (``extra``: uvicorn options, e.g. the loop)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=limited_protocol(connection_limits(settings)),
        log_level="warning",
        access_log=False,
        **extra,
    )
