"""HTTPS: the gateway serves TLS 1.3 only, checks its certificate at start, reloads a rotated
one without a restart; the engine client verifies https engines (CA bundle, mutual TLS)."""

from __future__ import annotations

import hashlib
import ipaddress
import os
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from supportllm.engines.fake import FakeEngineHandle
from supportllm.errors import ConfigError
from supportllm.gateway.tls import CertificateInfo, ServerTLS
from tests.conftest import Gateway, free_port, invoke

Key = ec.EllipticCurvePrivateKey


def _pem_key(key: Key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@dataclass
class Pki:
    """A throwaway CA in ``folder`` that issues certificates for 127.0.0.1 / localhost."""

    folder: Path
    key: Key
    cert: x509.Certificate

    @property
    def ca_file(self) -> Path:
        return self.folder / "ca.pem"

    def issue(
        self,
        name: str,
        *,
        valid_from: datetime | None = None,
        valid_for: timedelta = timedelta(days=30),
        client: bool = False,
    ) -> tuple[Path, Path]:
        """``name``.pem and ``name``.key: a leaf certificate signed by this CA and its key."""
        key = ec.generate_private_key(ec.SECP256R1())
        start = valid_from or datetime.now(UTC) - timedelta(minutes=5)
        usage = (
            x509.ExtendedKeyUsageOID.CLIENT_AUTH
            if client
            else (x509.ExtendedKeyUsageOID.SERVER_AUTH)
        )
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + valid_for)
            .add_extension(
                x509.SubjectAlternativeName(
                    [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
                ),
                critical=False,
            )
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        cert_file, key_file = self.folder / f"{name}.pem", self.folder / f"{name}.key"
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(_pem_key(key))
        return cert_file, key_file

    def client_context(self, **versions: ssl.TLSVersion) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=str(self.ca_file))
        for name, version in versions.items():
            setattr(context, name, version)
        return context


def make_pki(folder: Path, name: str = "Test CA") -> Pki:
    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    pki = Pki(folder, key, cert)
    pki.ca_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return pki


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return make_pki(tmp_path / "pki")


def served_certificate(url: str, context: ssl.SSLContext) -> tuple[str, str]:
    """(SHA-256 of the certificate the server presents, negotiated TLS version)."""
    parsed = httpx.URL(url)
    with (
        socket.create_connection((parsed.host, parsed.port), timeout=5) as raw,
        context.wrap_socket(raw, server_hostname=parsed.host) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
        assert der is not None
        return hashlib.sha256(der).hexdigest(), str(tls.version())


def replace_file(target: Path, source: Path) -> None:
    """As renewal tools do: write beside, then rename over (atomic)."""
    staging = target.with_suffix(".new")
    staging.write_bytes(source.read_bytes())
    os.replace(staging, target)


# The gateway over HTTPS -------------------------------------------------------------------------


def test_openai_client_streams_over_https_with_tls13(
    gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle, pki: Pki
) -> None:
    from openai import OpenAI

    cert, key = pki.issue("gateway")
    gateway = gateway_factory(fake_engine.url, tls_cert=cert, tls_key=key)
    assert gateway.url.startswith("https://")
    with httpx.Client(verify=pki.client_context()) as http:
        client = OpenAI(base_url=gateway.url, api_key=gateway.key, http_client=http)
        stream = client.chat.completions.create(
            model="support",
            messages=[{"role": "user", "content": "How do I reset my password?"}],
            stream=True,
        )
        text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert text.strip()
    _, version = served_certificate(gateway.url, pki.client_context())
    assert version == "TLSv1.3"


def test_a_tls12_only_client_is_refused(
    gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle, pki: Pki
) -> None:
    cert, key = pki.issue("gateway")
    gateway = gateway_factory(fake_engine.url, tls_cert=cert, tls_key=key)
    old_client = pki.client_context(maximum_version=ssl.TLSVersion.TLSv1_2)
    with pytest.raises(ssl.SSLError):  # the server ends the handshake: no certificate, no request
        served_certificate(gateway.url, old_client)
    assert served_certificate(gateway.url, pki.client_context())[1] == "TLSv1.3"
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{gateway.url}/models", verify=old_client, headers=gateway.headers())
    # ... and a client that does not trust the CA never gets as far as a request.
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.get(f"{gateway.url}/models", headers=gateway.headers())


def test_a_rotated_certificate_is_served_without_a_restart(
    gateway_factory: Callable[..., Gateway],
    fake_engine: FakeEngineHandle,
    pki: Pki,
    caplog: pytest.LogCaptureFixture,
) -> None:
    cert, key = pki.issue("gateway")
    seen: list[CertificateInfo] = []
    gateway = gateway_factory(
        fake_engine.url,
        tls_cert=cert,
        tls_key=key,
        tls_reload_interval_s=1,
        on_certificate=seen.append,
    )
    client = pki.client_context()
    first, _ = served_certificate(gateway.url, client)
    assert [info.sha256 for info in seen] == [first]

    new_cert, new_key = pki.issue("gateway-renewed", valid_for=timedelta(days=90))
    replace_file(key, new_key)
    replace_file(cert, new_cert)
    deadline = time.monotonic() + 10
    while (current := served_certificate(gateway.url, client)[0]) == first:
        assert time.monotonic() < deadline, "the renewed certificate was not served"
        time.sleep(0.2)
    expected = hashlib.sha256(
        x509.load_pem_x509_certificate(new_cert.read_bytes()).public_bytes(
            serialization.Encoding.DER
        )
    ).hexdigest()
    assert current == expected
    assert seen[-1].sha256 == expected and seen[-1].subject == "CN=gateway-renewed"
    assert seen[-1].not_after - seen[-1].not_before == timedelta(days=90)
    response = httpx.get(f"{gateway.url}/models", verify=client, headers=gateway.headers())
    assert response.status_code == 200

    # An expired replacement is refused: logged, and the renewed certificate stays in use.
    expired_cert, expired_key = pki.issue(
        "gateway-expired",
        valid_from=datetime.now(UTC) - timedelta(days=10),
        valid_for=timedelta(days=1),
    )
    replace_file(key, expired_key)
    replace_file(cert, expired_cert)
    deadline = time.monotonic() + 10
    while "not reloaded" not in caplog.text:
        assert time.monotonic() < deadline, "the expired certificate was not reported"
        time.sleep(0.2)
    assert "expired on" in caplog.text and str(cert) in caplog.text
    assert served_certificate(gateway.url, client)[0] == expected
    assert len(seen) == 2


# Start-up checks --------------------------------------------------------------------------------


def test_serve_refuses_an_expired_certificate_naming_the_file(pki: Pki) -> None:
    cert, key = pki.issue(
        "old", valid_from=datetime.now(UTC) - timedelta(days=100), valid_for=timedelta(days=90)
    )
    result = invoke(
        "serve",
        "--engine-url",
        f"http://127.0.0.1:{free_port()}/v1",
        "--port",
        str(free_port()),
        "--tls-cert",
        str(cert),
        "--tls-key",
        str(key),
    )
    assert result.code == 1
    assert f"error: the TLS certificate {cert} expired on" in result.output
    assert "Traceback" not in result.output


def test_serve_refuses_an_unreadable_key_naming_the_file(pki: Pki, tmp_path: Path) -> None:
    cert, _ = pki.issue("gateway")
    missing = tmp_path / "nowhere" / "gateway.key"
    result = invoke(
        "serve",
        "--engine-url",
        f"http://127.0.0.1:{free_port()}/v1",
        "--port",
        str(free_port()),
        "--tls-cert",
        str(cert),
        "--tls-key",
        str(missing),
    )
    assert result.code == 1
    assert f"error: cannot read the TLS key {missing}: No such file or directory" in result.output


def test_serve_needs_both_certificate_and_key(pki: Pki) -> None:
    cert, _ = pki.issue("gateway")
    result = invoke("serve", "--tls-cert", str(cert), "--port", str(free_port()))
    assert result.code == 1
    assert "tls_cert and tls_key go together" in result.output


def test_certificate_checks_name_the_file(pki: Pki, tmp_path: Path) -> None:
    cert, key = pki.issue("gateway")
    _, other_key = pki.issue("other")
    with pytest.raises(
        ConfigError, match=f"the TLS key {other_key} is not the key of the certificate {cert}"
    ):
        ServerTLS(cert, other_key)
    later, later_key = pki.issue("later", valid_from=datetime.now(UTC) + timedelta(days=2))
    with pytest.raises(ConfigError, match=f"the TLS certificate {later} is not valid before"):
        ServerTLS(later, later_key)
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a certificate\n")
    with pytest.raises(
        ConfigError, match=f"the TLS certificate {garbage} is not a PEM certificate"
    ):
        ServerTLS(garbage, key)
    with pytest.raises(ConfigError, match=f"the TLS key {garbage} is not a PEM private key"):
        ServerTLS(cert, garbage)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(ConfigError, match=f"cannot read the TLS certificate {folder}"):
        ServerTLS(folder, key)
    encrypted = tmp_path / "encrypted.key"
    encrypted.write_bytes(
        serialization.load_pem_private_key(key.read_bytes(), None).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"secret"),
        )
    )
    with pytest.raises(ConfigError, match=f"the TLS key {encrypted} is encrypted"):
        ServerTLS(cert, encrypted)
    loaded = ServerTLS(cert, key)
    assert loaded.context.minimum_version == ssl.TLSVersion.TLSv1_3
    assert loaded.certificate.subject == "CN=gateway"


# The engine client ------------------------------------------------------------------------------


def _chat(gateway: Gateway) -> httpx.Response:
    return httpx.post(
        f"{gateway.url}/chat/completions",
        json={"model": "support", "messages": [{"role": "user", "content": "Hi"}]},
        headers=gateway.headers(),
        timeout=10,
    )


def test_an_https_engine_is_verified_against_engine_ca_bundle(
    gateway_factory: Callable[..., Gateway],
    fake_engine_factory: Callable[..., FakeEngineHandle],
    pki: Pki,
) -> None:
    cert, key = pki.issue("engine")
    engine = fake_engine_factory(tls_cert=str(cert), tls_key=str(key))
    assert engine.url.startswith("https://")

    untrusted = _chat(gateway_factory(engine.url))
    assert untrusted.status_code == 503
    message = untrusted.json()["error"]["message"]
    assert "certificate verify failed" in message and "engine_ca_bundle" in message

    trusted = _chat(gateway_factory(engine.url, engine_ca_bundle=pki.ca_file))
    assert trusted.status_code == 200, trusted.text
    assert trusted.json()["choices"][0]["message"]["content"]


def test_mutual_tls_with_an_engine(
    gateway_factory: Callable[..., Gateway],
    fake_engine_factory: Callable[..., FakeEngineHandle],
    pki: Pki,
) -> None:
    cert, key = pki.issue("engine")
    engine = fake_engine_factory(
        tls_cert=str(cert), tls_key=str(key), tls_client_ca=str(pki.ca_file)
    )
    client_cert, client_key = pki.issue("gateway-client", client=True)

    anonymous = _chat(gateway_factory(engine.url, engine_ca_bundle=pki.ca_file))
    assert anonymous.status_code in (502, 503)

    gateway = gateway_factory(
        engine.url,
        engine_ca_bundle=pki.ca_file,
        engine_client_cert=client_cert,
        engine_client_key=client_key,
    )
    response = _chat(gateway)
    assert response.status_code == 200, response.text


def test_a_bad_engine_ca_bundle_stops_the_start(
    gateway_factory: Callable[..., Gateway], pki: Pki, tmp_path: Path
) -> None:
    missing = tmp_path / "missing-ca.pem"
    with pytest.raises(ConfigError, match=f"cannot use engine_ca_bundle {missing}"):
        gateway_factory("https://127.0.0.1:1/v1", engine_ca_bundle=missing)
