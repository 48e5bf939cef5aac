"""``audit verify``: re-walk the chain and say whether it is intact, or where it first breaks.

Detected: an edited record (its hash no longer links), a deleted, inserted or reordered record
(a gap or a repeat in ``seq``, and the link), a searchable column changed behind the body's
back, a checkpoint whose signature does not verify, content that was changed, content missing
without a purge event covering it, and a cut tail — against the chain's head row and, stronger,
against the newest checkpoint exported off the host (``--against``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Engine, select

from supportllm.audit.append import CONTENT, HEAD, RECORDS
from supportllm.audit.chain import GENESIS, content_digest, link
from supportllm.audit.signing import parse_public, verify_signature
from supportllm.errors import InvalidInputError

BATCH = 20_000


@dataclass
class Verdict:
    records: int = 0
    checkpoints: int = 0
    contents: int = 0
    purged_contents: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS
    last_ts: float | None = None
    last_checkpoint_ts: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ExportedCheckpoint:
    seq: int
    hash: str


def newest_exported_checkpoint(path: Path) -> ExportedCheckpoint:
    """The newest checkpoint in an export file (`audit export`'s JSON lines)."""
    newest: ExportedCheckpoint | None = None
    try:
        with path.open("rb") as handle:
            for line in handle:
                if b'"checkpoint"' not in line:
                    continue
                try:
                    item = orjson.loads(line)
                except orjson.JSONDecodeError:
                    continue
                record = item.get("record") or {}
                if record.get("kind") == "checkpoint" and (
                    newest is None or int(record["seq"]) > newest.seq
                ):
                    newest = ExportedCheckpoint(int(record["seq"]), str(item["hash"]))
    except OSError as error:
        raise InvalidInputError(f"cannot read {path}: {error.strerror or error}") from None
    if newest is None:
        raise InvalidInputError(f"{path} holds no exported checkpoint (audit export writes them)")
    return newest


def _rows(engine: Engine) -> Iterator[Any]:
    last = 0
    while True:
        with engine.connect() as conn:
            batch = conn.execute(
                select(
                    RECORDS.c.seq, RECORDS.c.ts, RECORDS.c.kind, RECORDS.c.request_id,
                    RECORDS.c.team, RECORDS.c.status, RECORDS.c.body, RECORDS.c.hash,
                    RECORDS.c.signature,
                )
                .where(RECORDS.c.seq > last)
                .order_by(RECORDS.c.seq)
                .limit(BATCH)
            ).all()  # fmt: skip
        if not batch:
            return
        yield from batch
        last = batch[-1].seq


def _contents(engine: Engine, first: int, last: int) -> dict[int, bytes]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(CONTENT.c.seq, CONTENT.c.content).where(
                CONTENT.c.seq >= first, CONTENT.c.seq <= last
            )
        ).all()
    return {int(r.seq): bytes(r.content) for r in rows}


def _purge_cutoff(engine: Engine) -> float:
    with engine.connect() as conn:
        bodies = conn.execute(select(RECORDS.c.body).where(RECORDS.c.kind == "purge")).scalars()
        cutoffs = []
        for body in bodies:
            try:
                cutoffs.append(float(orjson.loads(bytes(body)).get("cutoff_ts") or 0))
            except (orjson.JSONDecodeError, ValueError, TypeError, AttributeError):
                continue
    return max(cutoffs, default=0.0)


def verify(
    engine: Engine,
    public_key: str | Ed25519PublicKey | None,
    *,
    against: ExportedCheckpoint | None = None,
    progress: Callable[[int], None] | None = None,
    max_problems: int = 20,
) -> Verdict:
    key = parse_public(public_key) if isinstance(public_key, str) else public_key
    verdict = Verdict()
    previous, expected = GENESIS, 1
    # Content older than the newest purge's cut-off may be missing: purge events come later in
    # the chain than what they delete, so they are read first. (A forged purge record breaks
    # the chain like any other edit.)
    purge_cutoff = _purge_cutoff(engine)
    pending: list[tuple[int, float, str]] = []  # (seq, ts, content digest) awaiting a look

    def problem(text: str) -> bool:
        verdict.problems.append(text)
        return len(verdict.problems) >= max_problems

    def check_contents() -> bool:
        if not pending:
            return False
        found = _contents(engine, pending[0][0], pending[-1][0])
        for seq, ts, digest in pending:
            content = found.get(seq)
            if content is None:
                if ts < purge_cutoff:
                    verdict.purged_contents += 1
                    continue
                if problem(f"record {seq}: its content is missing and no purge event covers it"):
                    return True
            elif content_digest(content) != digest:
                if problem(f"record {seq}: its content was changed (SHA-256 differs)"):
                    return True
            else:
                verdict.contents += 1
        pending.clear()
        return False

    for row in _rows(engine):
        body = bytes(row.body)
        if row.seq != expected:
            what = "missing (deleted)" if row.seq > expected else "repeated or out of order"
            if problem(f"record {expected}: {what}; the next record found is {row.seq}"):
                break
            expected = row.seq
        try:
            record = orjson.loads(body)
        except orjson.JSONDecodeError:
            record = {}
        digest = link(previous, body)
        broken = digest != row.hash or record.get("seq") != row.seq
        if broken and problem(
            f"record {row.seq}: edited — it does not link to record {row.seq - 1} (this record "
            f"was changed, or record {row.seq - 1} was changed and its hash recomputed)"
        ):
            break
        status = record.get("status")
        columns = (
            ("kind", row.kind),
            ("request_id", row.request_id),
            ("team", row.team),
            ("ts", float(row.ts)),
            ("status", row.status),
        )
        expected_values = {
            "ts": float(record.get("ts") or 0),
            "status": status if isinstance(status, int) else None,
        }
        changed = [
            f"column '{name}' was changed ({value!r} in the table, "
            f"{expected_values.get(name, record.get(name))!r} in the chained record)"
            for name, value in columns
            if expected_values.get(name, record.get(name)) != value
        ]  # fmt: skip
        if changed and problem(f"record {row.seq}: " + "; ".join(changed)):
            break
        if row.kind == "checkpoint":
            verdict.checkpoints += 1
            verdict.last_checkpoint_ts = float(row.ts)
            if record.get("covers_hash") != previous:
                problem(f"checkpoint {row.seq}: does not cover the record before it")
            if key is not None and not verify_signature(
                key, row.hash.encode(), row.signature or ""
            ):
                problem(
                    f"checkpoint {row.seq}: the signature does not verify with the public key "
                    "(a forged checkpoint, or the wrong key)"
                )
        if record.get("content_sha256"):
            ts = float(record.get("ts") or 0)  # the chained time, not the column's
            pending.append((row.seq, ts, str(record["content_sha256"])))
            if len(pending) >= 5000 and check_contents():
                break
        previous, expected = row.hash, row.seq + 1
        verdict.records += 1
        verdict.last_seq, verdict.last_hash, verdict.last_ts = row.seq, row.hash, float(row.ts)
        if progress is not None and verdict.records % BATCH == 0:
            progress(verdict.records)
    check_contents()
    with engine.connect() as conn:
        head = conn.execute(select(HEAD.c.seq, HEAD.c.hash).where(HEAD.c.id == 1)).first()
    if head is not None and (head.seq, head.hash) != (verdict.last_seq, verdict.last_hash):
        verdict.problems.append(
            f"the chain ends at record {verdict.last_seq} but its head says {head.seq}: records "
            "after it were deleted (a cut tail)"
        )
    if against is not None:
        if verdict.last_seq < against.seq:
            verdict.problems.append(
                f"the exported checkpoint {against.seq} is past the end of the chain "
                f"({verdict.last_seq}): records were cut from the tail"
            )
        else:
            with engine.connect() as conn:
                kept = conn.execute(
                    select(RECORDS.c.hash).where(RECORDS.c.seq == against.seq)
                ).scalar()
            if kept != against.hash:
                verdict.problems.append(
                    f"checkpoint {against.seq} differs from the exported one: the chain was "
                    "rewritten since it was exported"
                )
    return verdict


def age(ts: float | None) -> str:
    if ts is None:
        return "never"
    seconds = max(0.0, time.time() - ts)
    if seconds < 120:
        return f"{seconds:.0f} s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min ago"
    return f"{seconds / 3600:.1f} h ago"
