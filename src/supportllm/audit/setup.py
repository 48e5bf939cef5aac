"""Opening the audit trail from the settings: its database (migrated) and signing key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from sqlalchemy import Engine

from supportllm.audit.signing import Signer, load_signer
from supportllm.audit.writer import AuditWriter
from supportllm.config import Settings


def open_audit_database(settings: Settings) -> Engine:
    from supportllm.store.db import migrate, open_database

    engine = open_database(settings.resolved_audit_database_url())
    migrate(engine)
    return engine


def open_writer(settings: Settings, engine: Engine | None = None) -> AuditWriter:
    """The gateway's writer (not started): the trail's database and the signing key (created,
    0600, on first use)."""
    a = settings.audit
    signer: Signer = load_signer(settings.audit_dir())
    return AuditWriter(
        engine or open_audit_database(settings),
        signer,
        strict=a.durability == "strict",
        flush_interval_s=a.flush_interval_ms / 1000,
        checkpoint_every=a.checkpoint_every,
        checkpoint_interval_s=a.checkpoint_interval_s,
        max_pending=a.max_pending,
    )


def record_admin(settings: Settings, action: str, detail: dict[str, object]) -> None:
    """An administrative action into the chain (no-op when ``audit.enabled`` is off): keys
    created, rotated or revoked, settings at start-up, models pinned, certificates loaded."""
    if not settings.audit.enabled:
        return
    from supportllm.audit.append import admin_event

    admin_event(open_audit_database(settings), action, dict(detail))


def settings_digest(settings: Settings) -> dict[str, object]:
    """The effective settings at start-up, secrets masked, and their SHA-256 (a config change
    between two starts shows as a different digest in the chain)."""
    import hashlib

    import orjson

    shown = settings.model_dump(mode="json")  # SecretStr fields dump as "**********"
    body = orjson.dumps(shown, option=orjson.OPT_SORT_KEYS)
    return {"settings_sha256": hashlib.sha256(body).hexdigest(), "settings": orjson.loads(body)}


class Recordable(Protocol):
    def record(self) -> dict[str, object]: ...


def event_sink(settings: Settings) -> Callable[[Recordable], None]:
    """Where events of other parts go (model pins, certificate loads): the chain, as admin
    events named by their ``event`` field."""

    def sink(event: Recordable) -> None:
        detail = event.record()
        record_admin(settings, str(detail.pop("event", "event")), detail)

    return sink
