"""Appending to the chain: one transaction that locks the head, links the new records (and a
signed checkpoint when asked) and moves the head. The gateway's writer and the CLI's admin
events both append through here, so there is one chain however many processes write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, insert, select, update

from supportllm.audit.chain import canonical, content_digest, link
from supportllm.audit.signing import Signer
from supportllm.store.models import AuditContent, AuditHead, AuditRecord

RECORDS = cast(Table, AuditRecord.__table__)
CONTENT = cast(Table, AuditContent.__table__)
HEAD = cast(Table, AuditHead.__table__)

KINDS = ("request", "admin", "checkpoint", "purge")


@dataclass
class Entry:
    """A record to append: ``kind`` and its fields (a request-log record, an admin event's
    details); ``content`` (prompt and reply, JSON) goes to the content table."""

    kind: str
    fields: dict[str, Any]
    content: bytes | None = None


@dataclass(frozen=True)
class Appended:
    first_seq: int
    last_seq: int
    head_hash: str
    checkpoint_seq: int | None


def _head(conn: Connection) -> tuple[int, str]:
    # The UPDATE takes the lock first (a row lock on PostgreSQL, the write lock on SQLite), so
    # no other writer reads the same head.
    conn.execute(update(HEAD).where(HEAD.c.id == 1).values(seq=HEAD.c.seq))
    row = conn.execute(select(HEAD.c.seq, HEAD.c.hash).where(HEAD.c.id == 1)).one()
    return int(row.seq), str(row.hash)


def append(
    engine: Engine, entries: list[Entry], signer: Signer | None = None, *, checkpoint: bool = False
) -> Appended:
    """Link ``entries`` (and then, with ``checkpoint``, a signed checkpoint) in one transaction."""
    now = time.time()
    with engine.begin() as conn:
        seq, previous = _head(conn)
        first = seq + 1
        rows: list[dict[str, Any]] = []
        contents: list[dict[str, Any]] = []
        for entry in entries:
            seq += 1
            fields = dict(entry.fields)
            ts = float(fields.get("ts") or now)
            record: dict[str, Any] = {**fields, "seq": seq, "kind": entry.kind, "ts": ts}
            if entry.content is not None:
                record["content_sha256"] = content_digest(entry.content)
                contents.append({"seq": seq, "ts": ts, "content": entry.content})
            body = canonical(record)
            previous = link(previous, body)
            rows.append(_row(record, body, previous))
        checkpoint_seq = None
        if checkpoint and signer is not None:
            seq += 1
            record = {
                "seq": seq, "kind": "checkpoint", "ts": now, "covers_seq": seq - 1,
                "covers_hash": previous, "public_key": signer.public,
            }  # fmt: skip
            body = canonical(record)
            previous = link(previous, body)
            rows.append(
                {**_row(record, body, previous), "signature": signer.sign(previous.encode())}
            )
            checkpoint_seq = seq
        if rows:
            conn.execute(insert(RECORDS), rows)
        if contents:
            conn.execute(insert(CONTENT), contents)
        conn.execute(update(HEAD).where(HEAD.c.id == 1).values(seq=seq, hash=previous))
    return Appended(first, seq, previous, checkpoint_seq)


def _row(record: dict[str, Any], body: bytes, digest: str) -> dict[str, Any]:
    status = record.get("status")
    return {
        "seq": record["seq"],
        "ts": record["ts"],
        "kind": record["kind"],
        "request_id": record.get("request_id"),
        "team": record.get("team"),
        "status": status if isinstance(status, int) else None,
        "body": body,
        "hash": digest,
        "signature": None,
    }


def admin_event(
    engine: Engine, action: str, detail: dict[str, Any], actor: str | None = None
) -> Appended:
    """An administrative action (key created, model pinned, settings at start-up, purge…),
    chained like a request. ``actor``: who did it (the OS user for CLI commands)."""
    import getpass

    fields: dict[str, Any] = {"action": action, **detail}
    try:
        fields["actor"] = actor or getpass.getuser()
    except (KeyError, OSError):
        fields["actor"] = actor or "unknown"
    return append(engine, [Entry("admin", fields)])
