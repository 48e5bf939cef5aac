"""API keys: issue, list, revoke, rotate, verify. Only a salted hash of each secret is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Engine, Table, func, select, update

from supportllm.errors import AuthenticationError, NotFoundError, UnprocessableRequestError
from supportllm.store.models import ApiKey

KEY_PREFIX = "sk-sllm-"
KEY_ID_LENGTH = 12
SCOPES = ("chat", "admin")
_TABLE = cast(Table, ApiKey.__table__)
_DUMMY_SALT = bytes(16)
_DUMMY_HASH = hashlib.sha256(_DUMMY_SALT).hexdigest()
# A revoked row whose hash no secret can match (migration 0005): a key check always reads one
# row and hashes once, for an unknown key id as for a known one with a wrong secret.
SENTINEL_KEY_ID = "000000000000"


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything here is stored in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _hash(salt: bytes, secret: str) -> str:
    return hashlib.sha256(salt + secret.encode()).hexdigest()


@dataclass(frozen=True)
class KeyRecord:
    key_id: str
    team: str
    scopes: frozenset[str]
    name: str | None
    default_channel: str | None
    rate_limit_rpm: int | None
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    replaced_by: str | None
    injection_mode: str | None = None  # the prompt-injection screen's mode for this key

    @classmethod
    def from_row(cls, row: Any) -> KeyRecord:
        return cls(
            key_id=row.key_id,
            team=row.team,
            scopes=frozenset(scope for scope in row.scopes.split(",") if scope),
            name=row.name,
            default_channel=row.default_channel,
            injection_mode=row.injection_mode,
            rate_limit_rpm=row.rate_limit_rpm,
            created_at=_utc(row.created_at) or row.created_at,
            expires_at=_utc(row.expires_at),
            revoked_at=_utc(row.revoked_at),
            replaced_by=row.replaced_by,
        )

    def status(self, now: datetime) -> str:
        if self.revoked_at is not None and self.revoked_at <= now:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


@dataclass(frozen=True)
class _Known:
    record: KeyRecord
    salt: bytes
    secret_hash: str


@dataclass(frozen=True)
class IssuedKey:
    """A freshly created key: ``key`` is shown once and never stored."""

    key: str
    record: KeyRecord


def parse_scopes(text: str) -> frozenset[str]:
    scopes = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = scopes - set(SCOPES)
    if not scopes or unknown:
        raise UnprocessableRequestError(
            f"unknown scope(s) {', '.join(sorted(unknown)) or '(none given)'}; "
            f"choose from: {', '.join(SCOPES)}",
            param="scopes",
        )
    return scopes


class KeyStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._changes = ChangeWatch.for_engine(engine)
        # key_id -> verified key, valid only while the database is unchanged (see ChangeWatch)
        self._verified: dict[str, _Known] = {}

    @property
    def local(self) -> bool:
        """True for SQLite: verifying is a local, cached read, cheaper on the event loop than
        handed to a thread; a server database (PostgreSQL) is queried from a thread."""
        return self._changes is not None

    def create(
        self,
        team: str,
        scopes: frozenset[str],
        *,
        expires_in: timedelta | None = None,
        name: str | None = None,
        default_channel: str | None = None,
        rate_limit_rpm: int | None = None,
        injection_mode: str | None = None,
        now: datetime | None = None,
    ) -> IssuedKey:
        if not team.strip():
            raise UnprocessableRequestError("a key needs a team name", param="team")
        now = now or datetime.now(UTC)
        key_id = secrets.token_hex(KEY_ID_LENGTH // 2)
        while key_id == SENTINEL_KEY_ID:  # 1 in 2**48
            key_id = secrets.token_hex(KEY_ID_LENGTH // 2)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_bytes(16)
        values = {
            "key_id": key_id,
            "team": team.strip(),
            "scopes": ",".join(sorted(scopes)),
            "name": name,
            "default_channel": default_channel,
            "injection_mode": injection_mode,
            "rate_limit_rpm": rate_limit_rpm,
            "salt": salt.hex(),
            "secret_hash": _hash(salt, secret),
            "created_at": now,
            "expires_at": now + expires_in if expires_in is not None else None,
            "revoked_at": None,
            "replaced_by": None,
        }
        with self._engine.begin() as connection:
            connection.execute(_TABLE.insert().values(**values))
        return IssuedKey(f"{KEY_PREFIX}{key_id}-{secret}", self.get(key_id))

    def _cached(self, key_id: str) -> _Known | None:
        if self._changes is None:
            return None
        if self._changes.changed():
            self._verified.clear()
        return self._verified.get(key_id)

    def get(self, key_id: str) -> KeyRecord:
        with self._engine.connect() as connection:
            row = connection.execute(select(_TABLE).where(_TABLE.c.key_id == key_id)).first()
        if row is None or key_id == SENTINEL_KEY_ID:
            raise NotFoundError(f"no key with id '{key_id}'; see `supportllm keys list`")
        return KeyRecord.from_row(row)

    def list(
        self, *, include_inactive: bool = False, now: datetime | None = None
    ) -> list[KeyRecord]:
        now = now or datetime.now(UTC)
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(_TABLE)
                .where(_TABLE.c.key_id != SENTINEL_KEY_ID)
                .order_by(_TABLE.c.created_at)
            ).all()
        records = [KeyRecord.from_row(row) for row in rows]
        return [r for r in records if include_inactive or r.status(now) == "active"]

    def count_active(self, now: datetime | None = None) -> int:
        now = now or datetime.now(UTC)
        query = (
            select(func.count())
            .select_from(_TABLE)
            .where(
                _TABLE.c.revoked_at.is_(None),
                (_TABLE.c.expires_at.is_(None)) | (_TABLE.c.expires_at > now),
            )
        )
        with self._engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def revoke(self, key_id: str, now: datetime | None = None) -> KeyRecord:
        record = self.get(key_id)
        if record.revoked_at is None:
            with self._engine.begin() as connection:
                connection.execute(
                    update(_TABLE)
                    .where(_TABLE.c.key_id == key_id)
                    .values(revoked_at=now or datetime.now(UTC))
                )
        return self.get(key_id)

    def rotate(self, key_id: str, grace: timedelta, now: datetime | None = None) -> IssuedKey:
        """A new key with the same team and rights; the old one keeps working for ``grace``."""
        now = now or datetime.now(UTC)
        old = self.get(key_id)
        if old.status(now) != "active":
            raise UnprocessableRequestError(
                f"key '{key_id}' is {old.status(now)}; only an active key can be rotated; "
                "create a new one with `supportllm keys create`"
            )
        remaining = None if old.expires_at is None else old.expires_at - now
        issued = self.create(
            old.team,
            old.scopes,
            expires_in=remaining,
            name=old.name,
            default_channel=old.default_channel,
            rate_limit_rpm=old.rate_limit_rpm,
            injection_mode=old.injection_mode,
            now=now,
        )
        old_expiry = now + grace
        if old.expires_at is not None:
            old_expiry = min(old_expiry, old.expires_at)
        with self._engine.begin() as connection:
            connection.execute(
                update(_TABLE)
                .where(_TABLE.c.key_id == key_id)
                .values(expires_at=old_expiry, replaced_by=issued.record.key_id)
            )
        return issued

    def verify(self, token: str, now: datetime | None = None) -> KeyRecord:
        """The key's record if ``token`` is a valid, active key; AuthenticationError otherwise."""
        key_id, secret = _split(token)
        known = self._cached(key_id)
        if known is None:
            # The key's row, else the sentinel's: the same query, one row, the same work.
            query = (
                select(_TABLE)
                .where(_TABLE.c.key_id.in_((key_id, SENTINEL_KEY_ID)))
                .order_by((_TABLE.c.key_id == SENTINEL_KEY_ID).asc())
                .limit(1)
            )
            with self._engine.connect() as connection:
                row = connection.execute(query).first()
            if row is not None:
                known = _Known(KeyRecord.from_row(row), bytes.fromhex(row.salt), row.secret_hash)
        salt, expected = (known.salt, known.secret_hash) if known else (_DUMMY_SALT, _DUMMY_HASH)
        matches = hmac.compare_digest(_hash(salt, secret), expected)
        if known is None or not matches or known.record.key_id == SENTINEL_KEY_ID:
            raise AuthenticationError("invalid API key")
        if self._changes is not None:
            self._verified[key_id] = known
        status = known.record.status(now or datetime.now(UTC))
        if status != "active":
            raise AuthenticationError(
                f"this API key is {status}; ask an admin for a new one", code=f"key_{status}"
            )
        return known.record


class ChangeWatch:
    """Tells whether any connection, in any process, committed to an SQLite database since the
    last look (``PRAGMA data_version``, a few microseconds). Verified keys are cached only until
    then, so a revocation or rotation made elsewhere (`supportllm keys revoke`) is seen by the
    very next request: the cache never delays it."""

    def __init__(self, path: str) -> None:
        self._connection = sqlite3.connect(path, check_same_thread=False)
        self._version: int | None = None

    @classmethod
    def for_engine(cls, engine: Engine) -> ChangeWatch | None:
        database = engine.url.database
        if engine.dialect.name != "sqlite" or not database or database == ":memory:":
            return None
        return cls(database)

    def changed(self) -> bool:
        version: int = self._connection.execute("PRAGMA data_version").fetchone()[0]
        changed = version != self._version
        self._version = version
        return changed


def _split(token: str) -> tuple[str, str]:
    if not token.startswith(KEY_PREFIX):
        raise AuthenticationError(f"invalid API key (supportllm keys start with '{KEY_PREFIX}')")
    rest = token[len(KEY_PREFIX) :]
    key_id, dash, secret = (
        rest[:KEY_ID_LENGTH],
        rest[KEY_ID_LENGTH : KEY_ID_LENGTH + 1],
        rest[KEY_ID_LENGTH + 1 :],
    )
    if dash != "-" or not secret:
        raise AuthenticationError("invalid API key (malformed)")
    return key_id, secret
