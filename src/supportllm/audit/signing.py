"""The checkpoint signing key: Ed25519, created on first use in ``data_dir/audit/`` (private key
mode 0600), its public key printed for the auditor, who verifies checkpoints without it."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from supportllm.errors import ConfigError

PRIVATE_NAME = "signing-key.pem"
PUBLIC_NAME = "signing-key.pub"


def public_text(key: Ed25519PublicKey) -> str:
    """The public key as one line: ``ed25519:<base64 of the 32 raw bytes>``."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "ed25519:" + base64.b64encode(raw).decode()


def parse_public(text: str) -> Ed25519PublicKey:
    kind, _, data = text.strip().partition(":")
    try:
        if kind != "ed25519":
            raise ValueError("not ed25519:")
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(data, validate=True))
    except ValueError:
        raise ConfigError(
            f"'{text.strip()[:60]}' is not an audit public key; expected ed25519:<base64>, as "
            "`supportllm audit public-key` prints it"
        ) from None


@dataclass(frozen=True)
class Signer:
    private: Ed25519PrivateKey
    created: bool  # True when this call created the key pair

    @property
    def public(self) -> str:
        return public_text(self.private.public_key())

    def sign(self, data: bytes) -> str:
        return base64.b64encode(self.private.sign(data)).decode()


def verify_signature(key: Ed25519PublicKey, data: bytes, signature: str) -> bool:
    try:
        key.verify(base64.b64decode(signature), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def load_signer(folder: Path, *, create: bool = True) -> Signer:
    """The signing key in ``folder``, created (0600) when missing and ``create``."""
    path = folder / PRIVATE_NAME
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except OSError as error:
            raise ConfigError(f"cannot read the audit signing key {path}: {error}") from None
        except (ValueError, TypeError):
            raise ConfigError(
                f"{path} is not an Ed25519 private key in PEM; restore it from your backup "
                "(checkpoints signed with it cannot be verified otherwise)"
            ) from None
        if not isinstance(key, Ed25519PrivateKey):
            raise ConfigError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
        if path.stat().st_mode & 0o077:
            raise ConfigError(
                f"{path} is readable by other users (mode {path.stat().st_mode & 0o777:o}); "
                f"run chmod 600 {path}"
            )
        return Signer(key, created=False)
    if not create:
        raise ConfigError(f"no audit signing key at {path}: the gateway creates it on first start")
    folder.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    (folder / PUBLIC_NAME).write_text(public_text(key.public_key()) + "\n")
    return Signer(key, created=True)
