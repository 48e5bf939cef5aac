"""Tickets in the project's database: import (idempotent per set), list, and stratified samples.

Ticket text can hold personal data; it is kept here, in the local database, and nowhere else:
replay outputs refer to tickets by id.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Engine, Table, func, select

from supportllm.store.models import TicketRow
from supportllm.tickets import Ticket

_TABLE = cast(Table, TicketRow.__table__)


@dataclass(frozen=True)
class StoredTicket:
    id: int
    ticket_set: str
    ticket: Ticket


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int


class TicketStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def import_tickets(self, ticket_set: str, tickets: Sequence[Ticket]) -> ImportResult:
        """Add new tickets, update changed ones (same set and id); nothing is deleted."""
        now = datetime.now(UTC)
        added = updated = unchanged = 0
        fields = ("subject", "body", "lang", "channel", "reference_reply")
        with self.engine.begin() as conn:
            existing = {
                row.ext_id: {name: getattr(row, name) for name in fields}
                for row in conn.execute(select(_TABLE).where(_TABLE.c.ticket_set == ticket_set))
            }
            for ticket in tickets:
                values = {name: getattr(ticket, name) for name in fields}
                stored = existing.get(ticket.id)
                if stored is None:
                    conn.execute(
                        _TABLE.insert().values(
                            ticket_set=ticket_set, ext_id=ticket.id, imported_at=now, **values
                        )
                    )
                    existing[ticket.id] = values  # a duplicate id later in the file updates it
                    added += 1
                elif stored == values:
                    unchanged += 1
                else:
                    conn.execute(
                        _TABLE.update()
                        .where(_TABLE.c.ticket_set == ticket_set, _TABLE.c.ext_id == ticket.id)
                        .values(imported_at=now, **values)
                    )
                    existing[ticket.id] = values
                    updated += 1
        return ImportResult(added, updated, unchanged)

    def tickets(self, ticket_set: str) -> list[StoredTicket]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_TABLE).where(_TABLE.c.ticket_set == ticket_set).order_by(_TABLE.c.id)
            ).all()
        return [
            StoredTicket(
                row.id,
                row.ticket_set,
                Ticket(
                    id=row.ext_id,
                    body=row.body,
                    subject=row.subject,
                    lang=row.lang,
                    channel=row.channel,
                    reference_reply=row.reference_reply,
                ),
            )
            for row in rows
        ]

    def sets(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_TABLE.c.ticket_set, func.count()).group_by(_TABLE.c.ticket_set)
            ).all()
        return {name: count for name, count in rows}


def stratified_sample(
    tickets: Sequence[StoredTicket], size: int | None, seed: int
) -> list[StoredTicket]:
    """``size`` tickets with each (language, channel) group in its share of the whole
    (largest remainders), drawn at random within groups; all of them when size is None."""
    if size is None or size >= len(tickets):
        return list(tickets)
    groups: dict[tuple[str, str], list[StoredTicket]] = defaultdict(list)
    for item in tickets:
        groups[(item.ticket.lang or "", item.ticket.channel or "")].append(item)
    exact = {key: size * len(items) / len(tickets) for key, items in groups.items()}
    counts = {key: int(value) for key, value in exact.items()}
    leftover = size - sum(counts.values())
    for key in sorted(exact, key=lambda k: (counts[k] - exact[k], k))[:leftover]:
        counts[key] += 1
    rng = random.Random(seed)
    chosen: list[StoredTicket] = []
    for key in sorted(groups):
        chosen += rng.sample(groups[key], counts[key])
    return sorted(chosen, key=lambda item: item.id)
