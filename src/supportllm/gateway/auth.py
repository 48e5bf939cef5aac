"""API-key authentication, scopes and per-key rate limits."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import anyio.to_thread

from supportllm.errors import AuthenticationError, PermissionDeniedError, RateLimitError
from supportllm.store.keys import KeyRecord, KeyStore


def bearer_token(headers: Mapping[str, str]) -> str:
    authorization = headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    api_key = headers.get("x-api-key", "").strip()
    if api_key:
        return api_key
    raise AuthenticationError(
        "missing API key: send the header 'Authorization: Bearer sk-sllm-…' "
        "(create a key with `supportllm keys create --team TEAM`)",
        code="missing_api_key",
    )


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token bucket per key: ``rate_limit_rpm`` requests per minute, bursts up to the same."""

    def __init__(self) -> None:
        self._buckets: dict[str, _Bucket] = {}

    def check(self, key: KeyRecord) -> None:
        if key.rate_limit_rpm is None:
            return
        now = time.monotonic()
        capacity = float(key.rate_limit_rpm)
        bucket = self._buckets.setdefault(key.key_id, _Bucket(capacity, now))
        bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * capacity / 60.0)
        bucket.updated = now
        if bucket.tokens < 1.0:
            wait = (1.0 - bucket.tokens) * 60.0 / capacity
            raise RateLimitError(
                f"rate limit of {key.rate_limit_rpm} requests per minute reached for this key; "
                f"retry in {wait:.1f} s",
                retry_after_s=wait,
            )
        bucket.tokens -= 1.0


class Authenticator:
    def __init__(self, keys: KeyStore) -> None:
        self._keys = keys
        self._limiter = RateLimiter()

    async def authenticate(self, headers: Mapping[str, str], scope: str) -> KeyRecord:
        """The caller's key, checked against the database on every request (so a revocation
        takes effect at once), its scopes and its rate limit."""
        token = bearer_token(headers)
        if self._keys.local:
            key = self._keys.verify(token)
        else:
            key = await anyio.to_thread.run_sync(self._keys.verify, token)
        if scope not in key.scopes:
            raise PermissionDeniedError(
                f"this key (team '{key.team}') lacks the '{scope}' scope; it has: "
                f"{', '.join(sorted(key.scopes))}"
            )
        self._limiter.check(key)
        return key
