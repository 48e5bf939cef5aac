"""HTTPS for the gateway: the server's SSL context (TLS 1.3 only), the checks a certificate
passes before it is served, and its reload when the files change (rotation without a restart).

Both files are read once per (re)load and every check runs on those bytes: the certificate
parses, is valid now, and the key is its key. The context is loaded from the same bytes, so a
pair half-written by a renewal never reaches a handshake: an invalid new pair is logged and the
previous one stays in use. Reloading updates the one ``ssl.SSLContext`` the listening socket
uses: new handshakes get the new certificate, open connections keep theirs.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import ssl
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization

from supportllm.errors import ConfigError

# TLS 1.3 only: every client the gateway serves (OpenAI SDKs, curl, browsers, load balancers)
# speaks it; 1.2's CBC suites, renegotiation and RSA key exchange are not offered at all.
MINIMUM_VERSION = ssl.TLSVersion.TLSv1_3
_LOG = logging.getLogger("supportllm.tls")


@dataclass(frozen=True)
class CertificateInfo:
    """The certificate the gateway serves (the first one in the certificate file)."""

    cert_file: Path
    key_file: Path
    sha256: str  # of the DER certificate, lowercase hex without separators
    subject: str  # RFC 4514, e.g. "CN=gateway.example.com"
    not_before: datetime
    not_after: datetime

    def fingerprint(self) -> str:
        """``AB:CD:…``, as ``openssl x509 -fingerprint -sha256`` and browsers show it."""
        return ":".join(self.sha256[i : i + 2] for i in range(0, len(self.sha256), 2)).upper()

    def as_event(self) -> dict[str, object]:
        """The fields an audit record of this certificate carries (JSON-ready)."""
        return {
            "sha256": self.sha256,
            "subject": self.subject,
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "cert_file": str(self.cert_file),
        }

    def describe(self) -> str:
        expires = self.not_after.strftime("%Y-%m-%d %H:%M UTC")
        return f"sha256 {self.fingerprint()}, subject {self.subject}, expires {expires}"


# Called with each certificate the gateway starts serving: at start and after each rotation.
CertificateCallback = Callable[[CertificateInfo], None]


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read the TLS {what} {path}: {error.strerror or error}") from None


def _leaf_certificate(cert_file: Path, pem: bytes) -> x509.Certificate:
    try:
        chain = x509.load_pem_x509_certificates(pem)
    except ValueError:
        raise ConfigError(
            f"the TLS certificate {cert_file} is not a PEM certificate "
            "(expected '-----BEGIN CERTIFICATE-----')"
        ) from None
    return chain[0]


def _check_key(cert_file: Path, key_file: Path, pem: bytes, leaf: x509.Certificate) -> None:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except TypeError:
        raise ConfigError(
            f"the TLS key {key_file} is encrypted; give the gateway an unencrypted key file "
            "readable only by its user"
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise ConfigError(
            f"the TLS key {key_file} is not a PEM private key "
            "(expected '-----BEGIN PRIVATE KEY-----' or similar)"
        ) from None
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    pem_format = serialization.Encoding.PEM
    if key.public_key().public_bytes(pem_format, spki) != leaf.public_key().public_bytes(
        pem_format, spki
    ):
        raise ConfigError(f"the TLS key {key_file} is not the key of the certificate {cert_file}")


def certificate_info(
    cert_file: Path, key_file: Path, cert_pem: bytes, key_pem: bytes, now: datetime | None = None
) -> CertificateInfo:
    """Check a certificate/key pair read from these files; raise ConfigError naming the file."""
    leaf = _leaf_certificate(cert_file, cert_pem)
    now = now or datetime.now(UTC)
    not_before, not_after = leaf.not_valid_before_utc, leaf.not_valid_after_utc
    if now > not_after:
        raise ConfigError(
            f"the TLS certificate {cert_file} expired on {not_after:%Y-%m-%d %H:%M} UTC; "
            "renew it and point tls_cert at the new file"
        )
    if now < not_before:
        raise ConfigError(
            f"the TLS certificate {cert_file} is not valid before "
            f"{not_before:%Y-%m-%d %H:%M} UTC (check this machine's clock)"
        )
    _check_key(cert_file, key_file, key_pem, leaf)
    der = leaf.public_bytes(serialization.Encoding.DER)
    return CertificateInfo(
        cert_file=cert_file,
        key_file=key_file,
        sha256=hashlib.sha256(der).hexdigest(),
        subject=leaf.subject.rfc4514_string() or "(empty)",
        not_before=not_before,
        not_after=not_after,
    )


def new_server_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = MINIMUM_VERSION
    context.set_alpn_protocols(["http/1.1"])
    return context


@contextlib.contextmanager
def _unlinked_files(*contents: bytes) -> Iterator[list[str]]:
    """Paths OpenSSL can open holding ``contents``: anonymous memory files on Linux (the key
    never touches a disk), else files in a private temporary folder removed at once."""
    if hasattr(os, "memfd_create"):
        fds = [os.memfd_create("supportllm-tls", os.MFD_CLOEXEC) for _ in contents]
        try:
            for fd, data in zip(fds, contents, strict=True):
                os.write(fd, data)
            yield [f"/proc/self/fd/{fd}" for fd in fds]
        finally:
            for fd in fds:
                os.close(fd)
        return
    with tempfile.TemporaryDirectory(prefix="supportllm-tls-") as folder:
        paths = []
        for index, data in enumerate(contents):
            path = Path(folder) / str(index)
            path.touch(mode=0o600)
            path.write_bytes(data)
            paths.append(str(path))
        yield paths


def _load_chain(context: ssl.SSLContext, cert_pem: bytes, key_pem: bytes) -> None:
    with _unlinked_files(cert_pem, key_pem) as (cert_path, key_path):
        context.load_cert_chain(cert_path, key_path, password=lambda: b"")


def _signature(paths: tuple[Path, ...]) -> tuple[tuple[int, int, int], ...]:
    """What changes when a file is rewritten or a symlink (certbot's live/) is swapped."""
    signature = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            signature.append((-1, -1, -1))
            continue
        signature.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
    return tuple(signature)


class ServerTLS:
    """The gateway's SSL context and the certificate files it serves.

    Construct once at start-up (bad files raise ConfigError naming the file); ``check()`` then
    reloads the pair when either file changes, keeping the same context object.
    ``on_certificate`` is called with each certificate loaded (the first one during
    construction); it may be replaced later, e.g. once the audit trail is open, and
    ``certificate`` is the one being served now."""

    def __init__(
        self,
        cert_file: Path,
        key_file: Path,
        *,
        on_certificate: CertificateCallback | None = None,
    ) -> None:
        self.cert_file = cert_file
        self.key_file = key_file
        self.context = new_server_context()
        self.on_certificate = on_certificate
        self._seen = _signature((cert_file, key_file))
        self._loaded_digest = b""
        certificate = self._load()
        assert certificate is not None
        self.certificate = certificate
        if on_certificate is not None:
            on_certificate(certificate)

    def _load(self) -> CertificateInfo | None:
        """Read, check and load the pair; None when it is the pair already loaded."""
        cert_pem = _read(self.cert_file, "certificate")
        key_pem = _read(self.key_file, "key")
        digest = hashlib.sha256(cert_pem + b"\0" + key_pem).digest()
        if digest == self._loaded_digest:
            return None
        info = certificate_info(self.cert_file, self.key_file, cert_pem, key_pem)
        try:
            _load_chain(new_server_context(), cert_pem, key_pem)  # a trial run: never half-load
        except ssl.SSLError as error:
            raise ConfigError(
                f"OpenSSL refused the TLS certificate {self.cert_file} with the key "
                f"{self.key_file}: {error.reason or error}"
            ) from None
        _load_chain(self.context, cert_pem, key_pem)
        self._loaded_digest = digest
        return info

    def check(self) -> CertificateInfo | None:
        """Reload when the files changed since the last look; the new certificate, else None.
        An unusable new pair is logged as an error and the previous one stays in use."""
        signature = _signature((self.cert_file, self.key_file))
        if signature == self._seen:
            return None
        self._seen = signature
        try:
            loaded = self._load()
        except ConfigError as error:
            _LOG.error(
                "TLS certificate not reloaded, still serving %s: %s",
                self.certificate.fingerprint(),
                error.message,
            )
            return None
        except (OSError, ssl.SSLError) as error:  # memory files, or OpenSSL on the live context
            _LOG.error(
                "TLS certificate not reloaded, still serving %s: %s",
                self.certificate.fingerprint(),
                error,
            )
            return None
        if loaded is None:
            return None
        self.certificate = loaded
        if self.on_certificate is not None:
            try:
                self.on_certificate(loaded)
            except Exception:  # noqa: BLE001 - the caller's hook (audit) must not stop the server
                _LOG.exception(
                    "TLS certificate %s loaded; its on_certificate hook failed",
                    loaded.fingerprint(),
                )
        return loaded

    async def poll(self) -> None:
        """For uvicorn's periodic ``callback_notify`` (runs on the server's event loop)."""
        self.check()
