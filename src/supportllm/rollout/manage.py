"""The operator's entry points (``supportllm rollout``): start, promote, abort and report.
Each change records one event and returns it (the CLI also hands it to the audit trail)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass

from sqlalchemy import Engine

from supportllm.config_operate import RolloutSettings
from supportllm.errors import InvalidInputError
from supportllm.rollout import store
from supportllm.rollout.evaluate import gate_results
from supportllm.rollout.gates import GateResult
from supportllm.rollout.store import Rollout, RolloutEvent, StepStats

DEFAULT_STEPS: tuple[float, ...] = (5.0, 25.0, 50.0, 100.0)


@dataclass(frozen=True)
class RolloutPlan:
    """Shift ``alias`` from ``incumbent`` (default: what the alias serves now) to ``canary``
    through ``steps`` (% of conversations), each held at least ``interval_s``."""

    alias: str
    canary: str
    steps: tuple[float, ...] = DEFAULT_STEPS
    interval_s: float = 1800.0
    incumbent: str | None = None


def parse_steps(text: str) -> tuple[float, ...]:
    """'5,25,50,100' -> (5.0, 25.0, 50.0, 100.0); one-line errors for anything else."""
    parts = [part.strip().rstrip("%") for part in text.split(",")]
    try:
        steps = tuple(float(part) for part in parts)
    except ValueError:
        raise InvalidInputError(
            f"--steps {text!r} is not a list of percentages; use e.g. 5,25,50,100"
        ) from None
    check_steps(steps)
    return steps


def check_steps(steps: tuple[float, ...]) -> None:
    if not steps:
        raise InvalidInputError("--steps is empty; use e.g. 5,25,50,100")
    for share in steps:
        if not 0 < share <= 100:  # also refuses nan
            raise InvalidInputError(f"--steps: {share:g} is not a share between 0 and 100 %")
    if any(later <= earlier for earlier, later in itertools.pairwise(steps)):
        shares = ",".join(f"{share:g}" for share in steps)
        raise InvalidInputError(f"--steps {shares} must increase from step to step")


def start_rollout(
    engine: Engine,
    plan: RolloutPlan,
    *,
    aliases: Collection[str] | None = None,
    upstreams: Collection[str] | None = None,
    current_upstream: Callable[[str], str | None] | None = None,
    clock: Callable[[], float] = time.time,
) -> Rollout:
    """Start ``plan`` (its ``started`` event: ``store.events(engine, rollout.id)[0]``).
    ``aliases``/``upstreams``: the names the settings know, checked when given;
    ``current_upstream``: what an alias serves without a roll-out, the default incumbent when
    the alias has no promoted roll-out."""
    check_steps(plan.steps)
    if not 0 < plan.interval_s < float("inf"):
        raise InvalidInputError("--interval must be a positive duration, e.g. 30m")
    if aliases is not None and plan.alias not in aliases:
        raise InvalidInputError(
            f"unknown alias '{plan.alias}'; the settings' model_aliases are: "
            f"{', '.join(sorted(aliases))}"
        )
    incumbent = plan.incumbent or _serving(engine, plan.alias, current_upstream)
    for option, name in (("--to", plan.canary), ("--from", incumbent)):
        if upstreams is not None and name not in upstreams:
            known = ", ".join(sorted(upstreams)) or "(none)"
            raise InvalidInputError(f"{option}: unknown upstream '{name}'; known: {known}")
    if incumbent == plan.canary:
        raise InvalidInputError(f"--to {plan.canary} is already what '{plan.alias}' serves")
    rollout, _started = store.create(
        engine, plan.alias, incumbent, plan.canary, plan.steps, plan.interval_s, clock()
    )
    return rollout


def _serving(engine: Engine, alias: str, current: Callable[[str], str | None] | None) -> str:
    """What the alias serves now: the newest promoted roll-out's canary, else the settings'."""
    decided = store.active(engine).get(alias)
    if decided is not None and decided.status == "promoted":
        return decided.canary
    name = current(alias) if current is not None else None
    if name is None:
        raise InvalidInputError(
            f"give --from UPSTREAM: the upstream alias '{alias}' serves now (the incumbent)"
        )
    return name


def _running(engine: Engine, alias: str) -> Rollout:
    decided = store.active(engine).get(alias)
    if decided is None or decided.status != "running":
        raise InvalidInputError(
            f"alias '{alias}' has no running roll-out; see `supportllm rollout status`"
        )
    return decided


def promote_rollout(
    engine: Engine, alias: str, *, clock: Callable[[], float] = time.time
) -> RolloutEvent:
    """The operator's override: every conversation to the canary now, whatever the gates."""
    for _ in range(3):  # the gateway may move the roll-out at the same moment: look again
        rollout = _running(engine, alias)
        reason = f"promoted by the operator at {rollout.share:g} % (gates overridden)"
        happened = store.event(rollout, "promoted", "operator", reason, clock(), share=100.0)
        changes = {"status": "promoted", "share": 100.0, "running_alias": None, "reason": reason}
        if store.transition(engine, rollout, happened, changes=changes, outcome="promoted"):
            return happened
    raise InvalidInputError(f"the roll-out of '{alias}' keeps changing; try again")


def abort_rollout(
    engine: Engine,
    alias: str,
    reason: str | None = None,
    *,
    clock: Callable[[], float] = time.time,
) -> RolloutEvent:
    """Every conversation back to the incumbent now."""
    for _ in range(3):
        rollout = _running(engine, alias)
        why = f"aborted by the operator at {rollout.share:g} %" + (f": {reason}" if reason else "")
        happened = store.event(rollout, "aborted", "operator", why, clock(), share=0.0)
        changes = {"status": "aborted", "share": 0.0, "running_alias": None, "reason": why}
        if store.transition(engine, rollout, happened, changes=changes, outcome="aborted"):
            return happened
    raise InvalidInputError(f"the roll-out of '{alias}' keeps changing; try again")


@dataclass(frozen=True)
class RolloutReport:
    """A roll-out as ``rollout status`` shows it: its current (or last) step's counters, the
    gates on them, and its events."""

    rollout: Rollout
    stats: StepStats
    judgements: tuple[int, int, int]
    gates: list[GateResult]
    events: list[RolloutEvent]


def rollout_reports(
    engine: Engine, settings: RolloutSettings, alias: str | None = None, *, limit: int = 5
) -> list[RolloutReport]:
    """The newest ``limit`` roll-outs (of ``alias``), newest first."""
    reports = []
    for rollout in store.rollouts(engine, alias)[:limit]:
        stats = store.step_stats(engine, rollout.id, rollout.step_index)
        wins = store.judgements(engine, rollout.id)
        reports.append(
            RolloutReport(
                rollout,
                stats,
                wins,
                gate_results(rollout, stats, wins, settings),
                store.events(engine, rollout.id, limit=20),
            )
        )
    return reports
