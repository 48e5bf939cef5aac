"""Roll-out state in the database: roll-outs, per-step counters, the judge's daily spend and
events. Every change is a conditional update (``WHERE status = 'running' AND step_index = …``),
so the CLI and several gateways can act on the same roll-out without overwriting each other."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, TypedDict, cast

from sqlalchemy import Connection, Engine, Table, func, select
from sqlalchemy.exc import IntegrityError

from supportllm.errors import InvalidInputError
from supportllm.store.models import RolloutEventRow, RolloutJudgeDay, RolloutRow, RolloutStepRow

ROLLOUTS = cast(Table, RolloutRow.__table__)
STEPS = cast(Table, RolloutStepRow.__table__)
DAYS = cast(Table, RolloutJudgeDay.__table__)
EVENTS = cast(Table, RolloutEventRow.__table__)

Status = Literal["running", "promoted", "rolled_back", "aborted"]
Arm = Literal["incumbent", "canary"]


class RolloutEvent(TypedDict):
    """One change or gate decision, as stored and as the audit trail gets it."""

    rollout_id: int
    alias: str
    ts: float
    kind: str  # started | waiting | quality | advanced | promoted | rolled_back | aborted
    actor: str  # controller | operator
    step: int
    share: float
    message: str
    gates: list[dict[str, Any]]


@dataclass(frozen=True)
class Rollout:
    id: int
    alias: str
    incumbent: str
    canary: str
    steps: tuple[float, ...]
    interval_s: float
    step_index: int
    share: float
    status: Status
    reason: str | None
    quality: str | None  # the quality gate's latched decision: pass | fail | None
    created_at: float
    updated_at: float
    step_started_at: float


@dataclass
class StepStats:
    """One step's counters (from the database, or not yet flushed from a controller)."""

    incumbent_requests: int = 0
    incumbent_errors: int = 0
    incumbent_ttft: dict[int, int] = field(default_factory=dict)
    canary_requests: int = 0
    canary_errors: int = 0
    canary_ttft: dict[int, int] = field(default_factory=dict)
    canary_wins: int = 0
    incumbent_wins: int = 0
    ties: int = 0
    unjudged: int = 0
    shadows: int = 0
    judge_tokens: int = 0


COUNTERS = tuple(
    name for name in StepStats.__dataclass_fields__ if name not in ("incumbent_ttft", "canary_ttft")
)


def _rollout(row: Any) -> Rollout:
    return Rollout(
        id=row.id,
        alias=row.alias,
        incumbent=row.incumbent,
        canary=row.canary,
        steps=tuple(json.loads(row.steps)),
        interval_s=row.interval_s,
        step_index=row.step_index,
        share=row.share,
        status=row.status,
        reason=row.reason,
        quality=row.quality,
        created_at=row.created_at,
        updated_at=row.updated_at,
        step_started_at=row.step_started_at,
    )


def _histogram(text: str) -> dict[int, int]:
    return {int(key): int(value) for key, value in json.loads(text or "{}").items()}


def day_of(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")


# Reading --------------------------------------------------------------------------------------


def rollouts(engine: Engine, alias: str | None = None) -> list[Rollout]:
    """Every roll-out (of ``alias``), newest first."""
    query = select(ROLLOUTS).order_by(ROLLOUTS.c.id.desc())
    if alias is not None:
        query = query.where(ROLLOUTS.c.alias == alias)
    with engine.connect() as conn:
        return [_rollout(row) for row in conn.execute(query)]


def active(engine: Engine) -> dict[str, Rollout]:
    """Per alias, the roll-out that decides its traffic: the running one, else the newest
    promoted one. Aliases whose newest roll-out was rolled back or aborted fall back to their
    promoted predecessor (what the alias served before), or have none."""
    query = (
        select(ROLLOUTS)
        .where(ROLLOUTS.c.status.in_(("running", "promoted")))
        .order_by(ROLLOUTS.c.id.desc())
    )
    chosen: dict[str, Rollout] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            current = chosen.get(row.alias)
            if current is None or (current.status == "promoted" and row.status == "running"):
                chosen[row.alias] = _rollout(row)
    return chosen


def step_stats(engine: Engine, rollout_id: int, step_index: int) -> StepStats:
    with engine.connect() as conn:
        row = conn.execute(
            select(STEPS).where(STEPS.c.rollout_id == rollout_id, STEPS.c.step_index == step_index)
        ).first()
    if row is None:
        return StepStats()
    values = {name: getattr(row, name) for name in COUNTERS}
    return StepStats(
        **values,
        incumbent_ttft=_histogram(row.incumbent_ttft),
        canary_ttft=_histogram(row.canary_ttft),
    )


def judgements(engine: Engine, rollout_id: int) -> tuple[int, int, int]:
    """(canary wins, incumbent wins, ties) over every step: the quality test is cumulative."""
    with engine.connect() as conn:
        row = conn.execute(
            select(
                func.coalesce(func.sum(STEPS.c.canary_wins), 0),
                func.coalesce(func.sum(STEPS.c.incumbent_wins), 0),
                func.coalesce(func.sum(STEPS.c.ties), 0),
            ).where(STEPS.c.rollout_id == rollout_id)
        ).one()
    return int(row[0]), int(row[1]), int(row[2])


def judge_tokens_on(engine: Engine, rollout_id: int, day: str) -> int:
    with engine.connect() as conn:
        value = conn.execute(
            select(DAYS.c.tokens).where(DAYS.c.rollout_id == rollout_id, DAYS.c.day == day)
        ).scalar()
    return int(value or 0)


def events(engine: Engine, rollout_id: int, limit: int = 1000) -> list[RolloutEvent]:
    """The roll-out's events, oldest first (the newest ``limit``)."""
    with engine.connect() as conn:
        alias = conn.execute(
            select(ROLLOUTS.c.alias).where(ROLLOUTS.c.id == rollout_id)
        ).scalar_one()
        rows = conn.execute(
            select(EVENTS)
            .where(EVENTS.c.rollout_id == rollout_id)
            .order_by(EVENTS.c.id.desc())
            .limit(limit)
        ).all()
    return [
        RolloutEvent(
            rollout_id=rollout_id,
            alias=alias,
            ts=r.ts,
            kind=r.kind,
            actor=r.actor,
            step=r.step_index,
            share=r.share,
            message=r.message,
            gates=json.loads(r.gates),
        )
        for r in reversed(rows)
    ]


# Writing --------------------------------------------------------------------------------------


def record(conn: Connection, event: RolloutEvent) -> RolloutEvent:
    conn.execute(
        EVENTS.insert().values(
            rollout_id=event["rollout_id"],
            ts=event["ts"],
            kind=event["kind"],
            actor=event["actor"],
            step_index=event["step"],
            share=event["share"],
            message=event["message"],
            gates=json.dumps(event["gates"]),
        )
    )
    return event


def event(
    rollout: Rollout, kind: str, actor: str, message: str, ts: float, **changes: Any
) -> RolloutEvent:
    """An event of ``rollout`` after ``changes`` (step, share, gates)."""
    return RolloutEvent(
        rollout_id=rollout.id,
        alias=rollout.alias,
        ts=ts,
        kind=kind,
        actor=actor,
        step=changes.get("step", rollout.step_index),
        share=changes.get("share", rollout.share),
        message=message,
        gates=changes.get("gates", []),
    )


def create(
    engine: Engine,
    alias: str,
    incumbent: str,
    canary: str,
    steps: tuple[float, ...],
    interval_s: float,
    now: float,
) -> tuple[Rollout, RolloutEvent]:
    """A running roll-out at its first step, its step row and its ``started`` event; one
    running roll-out per alias (the unique ``running_alias`` enforces it across processes)."""
    values = {
        "alias": alias,
        "running_alias": alias,
        "incumbent": incumbent,
        "canary": canary,
        "steps": json.dumps(list(steps)),
        "interval_s": interval_s,
        "step_index": 0,
        "share": steps[0],
        "status": "running",
        "created_at": now,
        "updated_at": now,
        "step_started_at": now,
    }
    try:
        with engine.begin() as conn:
            inserted = conn.execute(ROLLOUTS.insert().values(**values)).inserted_primary_key
            assert inserted is not None
            rollout_id = inserted[0]
            conn.execute(
                STEPS.insert().values(
                    rollout_id=rollout_id, step_index=0, share=steps[0], started_at=now
                )
            )
            rollout = _rollout(
                conn.execute(select(ROLLOUTS).where(ROLLOUTS.c.id == rollout_id)).one()
            )
            shares = " → ".join(f"{share:g} %" for share in steps)
            message = f"canary {canary} vs {incumbent}: {shares}, each step >= {interval_s:g} s"
            started = record(conn, event(rollout, "started", "operator", message, now))
    except IntegrityError:
        raise InvalidInputError(
            f"alias '{alias}' already has a running roll-out: see `supportllm rollout status "
            f"{alias}`; promote or abort it first"
        ) from None
    return rollout, started


def add_counts(
    engine: Engine, rollout_id: int, step_index: int, stats: StepStats, day: str
) -> None:
    """Add a controller's counters to the step's row (increments, so several gateways add up)
    and its judge tokens to the day's spend."""
    where = (STEPS.c.rollout_id == rollout_id, STEPS.c.step_index == step_index)
    with engine.begin() as conn:
        row = conn.execute(
            select(STEPS.c.incumbent_ttft, STEPS.c.canary_ttft).where(*where).with_for_update()
        ).first()
        if row is None:
            return  # the step row is gone only if the roll-out is: nothing to add to
        values: dict[str, Any] = {
            name: STEPS.c[name] + getattr(stats, name) for name in COUNTERS if getattr(stats, name)
        }
        for arm, text in (("incumbent", row.incumbent_ttft), ("canary", row.canary_ttft)):
            new: dict[int, int] = getattr(stats, f"{arm}_ttft")
            if new:
                merged = _histogram(text)
                for index, count in new.items():
                    merged[index] = merged.get(index, 0) + count
                values[f"{arm}_ttft"] = json.dumps(merged, sort_keys=True)
        if values:
            conn.execute(STEPS.update().where(*where).values(**values))
        if stats.judge_tokens:
            spent = {"rollout_id": rollout_id, "day": day}
            if (
                conn.execute(
                    DAYS.update()
                    .where(DAYS.c.rollout_id == rollout_id, DAYS.c.day == day)
                    .values(tokens=DAYS.c.tokens + stats.judge_tokens)
                ).rowcount
                == 0
            ):
                conn.execute(DAYS.insert().values(**spent, tokens=stats.judge_tokens))


def transition(
    engine: Engine,
    rollout: Rollout,
    happened: RolloutEvent,
    *,
    changes: Mapping[str, Any],
    outcome: str | None = None,
    next_step: tuple[int, float] | None = None,
) -> bool:
    """Apply ``changes`` to the roll-out if it is still running at the step ``rollout`` saw,
    close the step with ``outcome``, open ``next_step`` (index, share), record the event.
    False (and nothing written) when another process changed it first."""
    now = happened["ts"]
    with engine.begin() as conn:
        done = conn.execute(
            ROLLOUTS.update()
            .where(
                ROLLOUTS.c.id == rollout.id,
                ROLLOUTS.c.status == "running",
                ROLLOUTS.c.step_index == rollout.step_index,
            )
            .values(**changes, updated_at=now)
        ).rowcount
        if not done:
            return False
        if outcome is not None:
            conn.execute(
                STEPS.update()
                .where(STEPS.c.rollout_id == rollout.id, STEPS.c.step_index == rollout.step_index)
                .values(outcome=outcome, ended_at=now)
            )
        if next_step is not None:
            index, share = next_step
            conn.execute(
                STEPS.insert().values(
                    rollout_id=rollout.id, step_index=index, share=share, started_at=now
                )
            )
        record(conn, happened)
    return True


def add_event(engine: Engine, happened: RolloutEvent) -> None:
    with engine.begin() as conn:
        record(conn, happened)
