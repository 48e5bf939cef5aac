"""Key storage on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, text

from supportllm.errors import AuthenticationError, NotFoundError, UnprocessableRequestError
from supportllm.store.db import migrate, open_database
from supportllm.store.keys import SENTINEL_KEY_ID, KeyStore, parse_scopes


def store(url: str) -> KeyStore:
    engine = open_database(url)
    migrate(engine)
    return KeyStore(engine)


def test_a_created_key_verifies_and_only_its_hash_is_stored(database_url: str) -> None:
    keys = store(database_url)
    issued = keys.create("billing", frozenset({"chat"}), name="helpdesk widget")
    record = keys.verify(issued.key)
    assert record.team == "billing" and record.scopes == {"chat"}
    engine = open_database(database_url)
    with engine.connect() as connection:
        row = (
            connection.execute(text("SELECT * FROM api_keys WHERE team = 'billing'"))
            .mappings()
            .one()
        )
    secret = issued.key.split("-", 3)[-1]
    assert secret not in " ".join(str(value) for value in row.values())
    assert len(row["secret_hash"]) == 64 and row["salt"]


def test_two_keys_with_the_same_secret_get_different_hashes(database_url: str) -> None:
    keys = store(database_url)
    a, b = keys.create("a", frozenset({"chat"})), keys.create("b", frozenset({"chat"}))
    engine = open_database(database_url)
    with engine.connect() as connection:
        salts = (
            connection.execute(text("SELECT salt FROM api_keys WHERE team IN ('a', 'b')"))
            .scalars()
            .all()
        )
    assert len(set(salts)) == 2 and a.key != b.key


def test_revoked_and_expired_keys_are_refused(database_url: str) -> None:
    keys = store(database_url)
    revoked = keys.create("t", frozenset({"chat"}))
    keys.revoke(revoked.record.key_id)
    with pytest.raises(AuthenticationError, match="revoked"):
        keys.verify(revoked.key)
    short = keys.create("t", frozenset({"chat"}), expires_in=timedelta(hours=1))
    keys.verify(short.key)
    with pytest.raises(AuthenticationError, match="expired"):
        keys.verify(short.key, now=datetime.now(UTC) + timedelta(hours=2))


def test_rotation_keeps_the_old_key_for_the_grace_period(database_url: str) -> None:
    keys = store(database_url)
    old = keys.create("support", frozenset({"chat", "admin"}), default_channel="email")
    now = datetime.now(UTC)
    new = keys.rotate(old.record.key_id, timedelta(hours=24), now=now)
    assert new.record.team == "support" and new.record.scopes == {"chat", "admin"}
    assert new.record.default_channel == "email"
    keys.verify(old.key, now=now + timedelta(hours=23))
    with pytest.raises(AuthenticationError, match="expired"):
        keys.verify(old.key, now=now + timedelta(hours=25))
    keys.verify(new.key, now=now + timedelta(days=30))
    assert keys.get(old.record.key_id).replaced_by == new.record.key_id


def test_rotating_a_revoked_key_is_refused(database_url: str) -> None:
    keys = store(database_url)
    issued = keys.create("t", frozenset({"chat"}))
    keys.revoke(issued.record.key_id)
    with pytest.raises(UnprocessableRequestError, match="only an active key"):
        keys.rotate(issued.record.key_id, timedelta(hours=1))


def test_list_hides_inactive_keys_unless_asked(database_url: str) -> None:
    keys = store(database_url)
    live = keys.create("a", frozenset({"chat"}))
    dead = keys.create("b", frozenset({"chat"}))
    keys.revoke(dead.record.key_id)
    assert [r.key_id for r in keys.list()] == [live.record.key_id]
    assert len(keys.list(include_inactive=True)) == 2
    assert keys.count_active() == 1


def test_unknown_key_id_names_the_command_to_list_keys(database_url: str) -> None:
    with pytest.raises(NotFoundError, match="keys list"):
        store(database_url).revoke("nope")


def test_migrations_are_idempotent(database_url: str) -> None:
    engine = open_database(database_url)
    migrate(engine)
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"api_keys", "alembic_version"} <= tables


def test_scopes_are_checked() -> None:
    assert parse_scopes("chat, admin") == {"chat", "admin"}
    with pytest.raises(UnprocessableRequestError, match="choose from: chat, admin"):
        parse_scopes("chat,root")


def test_a_revocation_elsewhere_is_seen_by_the_next_verification(database_url: str) -> None:
    """The gateway caches verified keys (SQLite); another process revoking must still win."""
    gateway_store, admin_store = store(database_url), store(database_url)
    issued = gateway_store.create("t", frozenset({"chat"}))
    for _ in range(3):
        gateway_store.verify(issued.key)  # now cached
    admin_store.revoke(issued.record.key_id)
    with pytest.raises(AuthenticationError, match="revoked"):
        gateway_store.verify(issued.key)


def test_unknown_ids_and_wrong_secrets_take_the_same_path(database_url: str) -> None:
    """Both read one row (the key's or the never-valid sentinel's) and hash once: the response
    time does not tell which key ids exist (benchmarks/key_timing.py measures it)."""
    keys = store(database_url)
    issued = keys.create("billing", frozenset({"chat"}))
    for token in (
        f"sk-sllm-{SENTINEL_KEY_ID}-anything",
        f"sk-sllm-{issued.record.key_id}-wrong-secret",
        "sk-sllm-abcdefabcdef-unknown",
    ):
        with pytest.raises(AuthenticationError, match="invalid API key"):
            keys.verify(token)
    assert [r.key_id for r in keys.list(include_inactive=True)] == [issued.record.key_id]
    with pytest.raises(NotFoundError):
        keys.revoke(SENTINEL_KEY_ID)
    assert keys.count_active() == 1
