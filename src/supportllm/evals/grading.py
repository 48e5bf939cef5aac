"""Blind grading sessions: graders with personal links, their randomised item lists, and grades.

Every finished reply of a replay run is an item (``single`` mode), or every pair of replies to
the same ticket from two candidates (``pair`` mode). Each item goes to ``per_item`` graders.

The session's seed shuffles the items once; every grader's list follows that order, shuffled only
within blocks of ``ORDER_BLOCK`` items with the grader's own recorded seed. So graders who share
items meet them at about the same point of their lists, and agreement can be measured as soon as
each has graded a block, not only once everybody has finished (with a shuffle of each whole
list, two graders who had each graded 10 of 60 replies shared about two). In pair mode which
reply is on the left is drawn per grader too. What a grader sees never names a candidate; the
page addresses items by their position in the grader's own list.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, and_, case, func, not_, or_, select

from supportllm.errors import InvalidInputError, PermissionDeniedError, UnprocessableRequestError
from supportllm.store.db import upsert
from supportllm.store.models import Assignment, Grade, Grader, GradingSession, ReplyRow, TicketRow

_SESSIONS = cast(Table, GradingSession.__table__)
_GRADERS = cast(Table, Grader.__table__)
_ASSIGN = cast(Table, Assignment.__table__)
_GRADES = cast(Table, Grade.__table__)
_REPLIES = cast(Table, ReplyRow.__table__)
_TICKETS = cast(Table, TicketRow.__table__)
ORDER_BLOCK = 10  # a grader's list is shuffled within blocks of this many items, in session order


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class GraderInfo:
    id: int
    run_id: str
    name: str


@dataclass(frozen=True)
class ReplyView:
    """What a grader may see of a reply: its text and the passages it used. No candidate."""

    reply_id: int
    text: str
    sources: list[dict[str, Any]]


@dataclass(frozen=True)
class ItemView:
    position: int
    total: int
    subject: str | None
    body: str
    lang: str | None
    channel: str | None
    replies: list[ReplyView]
    grades: dict[int, dict[str, Any]]


@dataclass(frozen=True)
class Score:
    tone: int | None
    accuracy: int | None
    would_send: bool | None
    skipped: bool
    comment: str | None

    @classmethod
    def checked(
        cls, tone: Any, accuracy: Any, would_send: Any, skipped: bool, comment: str | None
    ) -> Score:
        if skipped:
            return cls(None, None, None, True, comment or None)
        values = {}
        for name, value in (("tone", tone), ("accuracy", accuracy)):
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise UnprocessableRequestError(
                    f"{name} must be a whole number from 1 to 5", param=name
                ) from None
            if not 1 <= number <= 5:
                raise UnprocessableRequestError(
                    f"{name} must be from 1 to 5, got {number}", param=name
                )
            values[name] = number
        if would_send not in ("yes", "no", True, False):
            raise UnprocessableRequestError("would_send must be yes or no", param="would_send")
        send = would_send in ("yes", True)
        return cls(values["tone"], values["accuracy"], send, False, (comment or "").strip() or None)


def _blockwise_shuffled(
    items: list[tuple[int, int, int | None]], rng: random.Random
) -> list[tuple[int, int, int | None]]:
    """``items`` (in the session's order) shuffled within consecutive blocks of ORDER_BLOCK."""
    out: list[tuple[int, int, int | None]] = []
    for start in range(0, len(items), ORDER_BLOCK):
        block = items[start : start + ORDER_BLOCK]
        rng.shuffle(block)
        out.extend(block)
    return out


def _assignment(conn: Connection, grader_id: int, position: int) -> tuple[Any, list[int]]:
    """A grader's item at ``position`` and the ids of its reply (or two)."""
    row = conn.execute(
        select(_ASSIGN).where(_ASSIGN.c.grader_id == grader_id, _ASSIGN.c.position == position)
    ).first()
    if row is None:
        raise InvalidInputError(f"there is no item {position} in this list")
    return row, [row.reply_a] + ([row.reply_b] if row.reply_b is not None else [])


class GradingStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # setting up -------------------------------------------------------------------------------

    def session(self, run_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(_SESSIONS).where(_SESSIONS.c.run_id == run_id)).first()
        return dict(row._mapping) if row else None

    def create_session(
        self, run_id: str, graders: list[str], *, per_item: int, mode: str, seed: int
    ) -> dict[str, str]:
        """Create the session, its graders and their item lists; returns name -> token."""
        if self.session(run_id) is not None:
            raise InvalidInputError(
                f"grading of '{run_id}' exists already: `supportllm grade link {run_id} NAME` "
                "issues a new link for a grader"
            )
        if len(set(graders)) != len(graders) or not graders:
            raise InvalidInputError("give distinct grader names, e.g. --graders anna,ben")
        if not 1 <= per_item <= len(graders):
            raise InvalidInputError(
                f"--per-item {per_item} needs at least that many graders (got {len(graders)})"
            )
        items = self._items(run_id, mode)
        if not items:
            raise InvalidInputError(f"replay run '{run_id}' has no finished replies to grade")
        rng = random.Random(seed)
        rng.shuffle(items)
        lists: dict[str, list[tuple[int, int, int | None]]] = defaultdict(list)
        for number, item in enumerate(items):
            for j in range(per_item):
                lists[graders[(number + j) % len(graders)]].append(item)
        tokens: dict[str, str] = {}
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(
                _SESSIONS.insert().values(
                    run_id=run_id, mode=mode, per_item=per_item, seed=seed, created_at=now
                )
            )
            for name in graders:
                token = secrets.token_urlsafe(24)
                grader_seed = rng.randrange(2**31)
                inserted = conn.execute(
                    _GRADERS.insert().values(
                        run_id=run_id, name=name, token_hash=_hash(token), seed=grader_seed
                    )
                )
                grader_id = cast(Any, inserted).inserted_primary_key[0]
                own = random.Random(grader_seed)
                mine = _blockwise_shuffled(lists[name], own)
                rows = []
                for position, (ticket, a, b) in enumerate(mine, start=1):
                    if b is not None and own.random() < 0.5:
                        a, b = b, a
                    rows.append(
                        {"grader_id": grader_id, "position": position, "ticket_id": ticket,
                         "reply_a": a, "reply_b": b}
                    )  # fmt: skip
                if rows:
                    conn.execute(_ASSIGN.insert(), rows)
                tokens[name] = token
        return tokens

    def _items(self, run_id: str, mode: str) -> list[tuple[int, int, int | None]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_REPLIES.c.id, _REPLIES.c.ticket_id, _REPLIES.c.candidate)
                .where(_REPLIES.c.run_id == run_id, _REPLIES.c.status == "done")
                .order_by(_REPLIES.c.id)
            ).all()
        if mode == "single":
            return [(r.ticket_id, r.id, None) for r in rows]
        by_ticket: dict[int, list[Any]] = defaultdict(list)
        for row in rows:
            by_ticket[row.ticket_id].append(row)
        return [
            (ticket, a.id, b.id)
            for ticket, replies in sorted(by_ticket.items())
            for a, b in itertools.combinations(replies, 2)
        ]

    def new_link(self, run_id: str, name: str) -> str:
        """A new token for a grader; the old link stops working."""
        token = secrets.token_urlsafe(24)
        with self.engine.begin() as conn:
            updated = conn.execute(
                _GRADERS.update()
                .where(_GRADERS.c.run_id == run_id, _GRADERS.c.name == name)
                .values(token_hash=_hash(token), revoked_at=None)
            ).rowcount
        if not updated:
            raise InvalidInputError(f"no grader '{name}' in the grading of '{run_id}'")
        return token

    def revoke(self, run_id: str, name: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                _GRADERS.update()
                .where(_GRADERS.c.run_id == run_id, _GRADERS.c.name == name)
                .values(revoked_at=datetime.now(UTC))
            )

    def close(self, run_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                _SESSIONS.update()
                .where(_SESSIONS.c.run_id == run_id)
                .values(closed_at=datetime.now(UTC))
            )

    # grading ----------------------------------------------------------------------------------

    def grader(self, token: str) -> GraderInfo:
        """The grader a link belongs to; 403 for an unknown or revoked link."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(_GRADERS, _SESSIONS.c.closed_at)
                .join(_SESSIONS, _SESSIONS.c.run_id == _GRADERS.c.run_id)
                .where(_GRADERS.c.token_hash == _hash(token))
            ).first()
        if row is None or row.revoked_at is not None:
            raise PermissionDeniedError("this grading link is not valid (unknown or revoked)")
        if row.closed_at is not None:
            raise PermissionDeniedError("grading of this run is closed")
        return GraderInfo(row.id, row.run_id, row.name)

    def progress(self, grader_id: int) -> tuple[int, int, int | None]:
        """(graded items, total items, first position not graded yet), counted in SQL."""
        ga, gb = _GRADES.alias("ga"), _GRADES.alias("gb")
        graded = and_(ga.c.id.is_not(None), or_(_ASSIGN.c.reply_b.is_(None), gb.c.id.is_not(None)))
        joined = _ASSIGN.outerjoin(
            ga, and_(ga.c.grader_id == _ASSIGN.c.grader_id, ga.c.reply_id == _ASSIGN.c.reply_a)
        ).outerjoin(
            gb, and_(gb.c.grader_id == _ASSIGN.c.grader_id, gb.c.reply_id == _ASSIGN.c.reply_b)
        )
        mine = _ASSIGN.c.grader_id == grader_id
        with self.engine.connect() as conn:
            total, done = conn.execute(
                select(func.count(), func.count(case((graded, 1)))).select_from(joined).where(mine)
            ).one()
            first = conn.execute(
                select(func.min(_ASSIGN.c.position)).select_from(joined).where(mine, not_(graded))
            ).scalar_one_or_none()
        return int(done), int(total), first

    def item(self, grader_id: int, position: int) -> ItemView:
        with self.engine.connect() as conn:
            row, ids = _assignment(conn, grader_id, position)
            total = conn.execute(
                select(func.count()).select_from(_ASSIGN).where(_ASSIGN.c.grader_id == grader_id)
            ).scalar_one()
            ticket = conn.execute(select(_TICKETS).where(_TICKETS.c.id == row.ticket_id)).one()
            replies = {
                r.id: r
                for r in conn.execute(
                    select(_REPLIES.c.id, _REPLIES.c.text, _REPLIES.c.sources).where(
                        _REPLIES.c.id.in_(ids)
                    )
                )
            }
            grades = {
                g.reply_id: dict(g._mapping)
                for g in conn.execute(
                    select(_GRADES).where(
                        _GRADES.c.grader_id == grader_id, _GRADES.c.reply_id.in_(ids)
                    )
                )
            }
        views = [
            ReplyView(i, replies[i].text or "", json.loads(replies[i].sources or "[]")) for i in ids
        ]
        return ItemView(
            position, total, ticket.subject, ticket.body, ticket.lang, ticket.channel, views, grades
        )

    def grade(self, grader_id: int, position: int, scores: list[Score]) -> None:
        """Store the grades of an item at once; the same submission twice changes nothing."""
        with self.engine.begin() as conn:
            _row, ids = _assignment(conn, grader_id, position)
            if len(scores) != len(ids):
                raise UnprocessableRequestError(f"this item needs {len(ids)} grade(s)")
            now = datetime.now(UTC)
            for reply_id, score in zip(ids, scores, strict=True):
                values = {
                    "tone": score.tone,
                    "accuracy": score.accuracy,
                    "would_send": score.would_send,
                    "skipped": score.skipped,
                    "comment": score.comment,
                    "graded_at": now,
                }
                upsert(conn, _GRADES, {"grader_id": grader_id, "reply_id": reply_id}, values)

    # results ----------------------------------------------------------------------------------

    def overview(self, run_id: str) -> list[dict[str, Any]]:
        """Per grader: name, graded, total, revoked."""
        out = []
        with self.engine.connect() as conn:
            graders = conn.execute(select(_GRADERS).where(_GRADERS.c.run_id == run_id)).all()
        for grader in graders:
            done, total, _ = self.progress(grader.id)
            out.append(
                {"name": grader.name, "graded": done, "total": total,
                 "revoked": grader.revoked_at is not None}
            )  # fmt: skip
        return out

    def grades(self, run_id: str) -> list[dict[str, Any]]:
        """Every grade with its grader, candidate, ticket language and channel (unblinded)."""
        query = (
            select(
                _GRADERS.c.name.label("grader"),
                _REPLIES.c.candidate,
                _REPLIES.c.ticket_id,
                _REPLIES.c.id.label("reply_id"),
                _TICKETS.c.lang,
                _TICKETS.c.channel,
                _GRADES.c.tone,
                _GRADES.c.accuracy,
                _GRADES.c.would_send,
                _GRADES.c.skipped,
                _GRADES.c.comment,
            )
            .join(_GRADERS, _GRADERS.c.id == _GRADES.c.grader_id)
            .join(_REPLIES, _REPLIES.c.id == _GRADES.c.reply_id)
            .join(_TICKETS, _TICKETS.c.id == _REPLIES.c.ticket_id)
            .where(_GRADERS.c.run_id == run_id)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]
