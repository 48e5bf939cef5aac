"""The HTTP server settings the gateway runs with: uvicorn with the connection limits that hold
before a request reaches the application (``gateway/protocol.py``), and HTTPS when a
certificate is configured (``gateway/tls.py``)."""

from __future__ import annotations

import ssl
from typing import Any

import uvicorn

from supportllm.config import Settings
from supportllm.gateway.protocol import ConnectionLimits, default_max_connections, limited_protocol
from supportllm.gateway.tls import CertificateCallback, ServerTLS


def connection_limits(settings: Settings) -> ConnectionLimits:
    return ConnectionLimits(
        max_header_bytes=settings.max_header_bytes,
        max_headers=settings.max_headers,
        header_timeout_s=settings.header_timeout_s,
        max_connections=settings.max_connections or default_max_connections(),
    )


def server_tls(
    settings: Settings, on_certificate: CertificateCallback | None = None
) -> ServerTLS | None:
    """The gateway's TLS set-up from ``tls_cert``/``tls_key``; None when it serves plain HTTP.
    Raises ConfigError naming the file when the pair cannot be served."""
    if settings.tls_cert is None or settings.tls_key is None:
        return None
    return ServerTLS(settings.tls_cert, settings.tls_key, on_certificate=on_certificate)


def server_config(
    app: Any,
    settings: Settings,
    *,
    host: str,
    port: int,
    tls: ServerTLS | None = None,
    **extra: Any,
) -> uvicorn.Config:
    """uvicorn's configuration for the gateway (``extra``: uvicorn options, e.g. the loop).

    With ``tls_cert``/``tls_key`` set it serves HTTPS (TLS 1.3 only) and looks at the files
    every ``tls_reload_interval_s`` on the server's own loop (uvicorn's periodic
    ``callback_notify``), loading a renewed pair without a restart. ``tls``: that set-up built
    beforehand with ``server_tls`` (to check the files before anything else starts, and to be
    told of each certificate served); default: built here from the settings."""
    tls = tls or server_tls(settings)
    if tls is not None:
        context = tls.context

        def use_our_context(config: uvicorn.Config, default: Any) -> ssl.SSLContext:
            return context

        extra.update(
            ssl_context_factory=use_our_context,
            callback_notify=tls.poll,
            timeout_notify=settings.tls_reload_interval_s,
        )
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=limited_protocol(connection_limits(settings)),
        log_level="warning",
        access_log=False,
        **extra,
    )
