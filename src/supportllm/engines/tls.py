"""How the engine client verifies ``https://`` engines: which CAs their certificates must chain
to, and the client certificate it presents when the engine asks for one (mutual TLS)."""

from __future__ import annotations

import ssl
from pathlib import Path

import certifi

from supportllm.errors import ConfigError

VERIFY_FAILED_HINT = "set engine_ca_bundle to the CA certificate(s) that issued it"


def _reason(error: Exception) -> str:
    if isinstance(error, ssl.SSLError):
        return str(error.reason or error)
    if isinstance(error, OSError):
        return str(error.strerror or error)
    return str(error)


def engine_client_context(
    ca_bundle: Path | None = None,
    client_cert: Path | None = None,
    client_key: Path | None = None,
) -> ssl.SSLContext:
    """Certificates verified and host names checked, TLS 1.2 or newer (external APIs included).

    ``ca_bundle``: the only CAs trusted (a private PKI); default: the system's CAs plus Mozilla's
    bundle (certifi, what httpx trusts by default). Raises ConfigError naming a bad file."""
    if ca_bundle is None:
        context = ssl.create_default_context()
        context.load_verify_locations(cafile=certifi.where())
    else:
        try:
            context = ssl.create_default_context(cafile=str(ca_bundle))
        except (OSError, ssl.SSLError) as error:
            raise ConfigError(
                f"cannot use engine_ca_bundle {ca_bundle}: {_reason(error)} "
                "(expected PEM CA certificates)"
            ) from None
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if client_cert is not None:
        for path, what in ((client_cert, "engine_client_cert"), (client_key, "engine_client_key")):
            if path is not None and not path.is_file():
                raise ConfigError(f"cannot read {what} {path}: no such file")
        try:
            context.load_cert_chain(
                str(client_cert), str(client_key) if client_key else None, password=lambda: b""
            )
        except (OSError, ssl.SSLError) as error:
            raise ConfigError(
                f"cannot use the client certificate engine_client_cert {client_cert} with "
                f"engine_client_key {client_key}: {_reason(error)}"
            ) from None
    return context
