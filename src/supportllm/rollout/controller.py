"""The gateway's side of roll-outs: which arm a conversation goes to, counters, and the gates.

``arm``, ``observe``, ``wants_shadow`` and ``add_judgement`` run on the request path: memory
only, O(1), no database. ``refresh`` and ``tick`` touch the database; the gateway calls them
every ``tick_interval_s`` from a worker thread. Everything a decision needs is in the database,
so a restarted gateway carries on where it stopped.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from supportllm.config_operate import RolloutSettings
from supportllm.rollout import store
from supportllm.rollout.evaluate import Decision, decide
from supportllm.rollout.gates import BUCKETS, bucket
from supportllm.rollout.store import Rollout, RolloutEvent, StepStats

Verdict = Literal["canary", "incumbent", "tie"]
_SCALE = 10_000  # hash buckets: shares are resolved to 0.01 %


@dataclass(frozen=True)
class ArmChoice:
    rollout_id: int
    arm: Literal["incumbent", "canary"]
    upstream: str


@dataclass
class _Counters:
    """One running roll-out's counters since the last flush (plain ints and lists)."""

    step: int
    requests: list[int] = field(default_factory=lambda: [0, 0])  # incumbent, canary
    errors: list[int] = field(default_factory=lambda: [0, 0])
    ttft: list[list[int]] = field(default_factory=lambda: [[0] * BUCKETS, [0] * BUCKETS])
    verdicts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # canary, inc, tie, none
    shadows: int = 0
    judge_tokens: int = 0

    def stats(self) -> StepStats:
        def sparse(counts: list[int]) -> dict[int, int]:
            return {index: count for index, count in enumerate(counts) if count}

        return StepStats(
            incumbent_requests=self.requests[0],
            incumbent_errors=self.errors[0],
            incumbent_ttft=sparse(self.ttft[0]),
            canary_requests=self.requests[1],
            canary_errors=self.errors[1],
            canary_ttft=sparse(self.ttft[1]),
            canary_wins=self.verdicts[0],
            incumbent_wins=self.verdicts[1],
            ties=self.verdicts[2],
            unjudged=self.verdicts[3],
            shadows=self.shadows,
            judge_tokens=self.judge_tokens,
        )


@dataclass(frozen=True)
class _Live:
    """What the request path needs of one alias's roll-out, precomputed at refresh."""

    rollout: Rollout
    running: bool
    threshold: int  # hash buckets below it go to the canary
    salt: int
    incumbent: ArmChoice
    canary: ArmChoice
    sampling: bool  # the quality gate still wants judged pairs
    shadows_left: int  # in this step, before this refresh's counters
    tokens_left: int  # today


class RolloutController:
    """Arms, counters and gates of every alias's roll-out (see the module docstring)."""

    def __init__(
        self, engine: Engine, settings: RolloutSettings, clock: Callable[[], float] = time.time
    ) -> None:
        self._engine = engine
        self._settings = settings
        self.settings = settings
        self._clock = clock
        self._live: dict[str, _Live] = {}
        self._by_id: dict[int, _Live] = {}
        self._counters: dict[int, _Counters] = {}
        self._unflushed: list[tuple[int, _Counters]] = []
        self._lock = threading.Lock()
        self._shadow_threshold = round(settings.shadow_rate * _SCALE)
        self._waiting_reported: dict[int, float] = {}

    # The request path ---------------------------------------------------------------------

    def arm(self, alias: str, conversation_key: str) -> ArmChoice | None:
        """The arm of this conversation, or None when ``alias`` has no running or promoted
        roll-out. A conversation's hash bucket is fixed, so a customer on the canary stays
        on it as the share grows."""
        live = self._live.get(alias)
        if live is None:
            return None
        if not live.running:
            return live.canary  # promoted
        if zlib.crc32(conversation_key.encode(), live.salt) % _SCALE < live.threshold:
            return live.canary
        return live.incumbent

    def canary_of(self, rollout_id: int) -> str | None:
        """The canary upstream of a roll-out the gateway knows (for its shadow requests)."""
        live = self._by_id.get(rollout_id)
        return live.canary.upstream if live is not None else None

    def observe(self, rollout_id: int, arm: str, status: int, ttft_ms: float | None) -> None:
        """Count one finished request of an arm (status >= 500 is an error; ``ttft_ms`` None
        when no token came)."""
        side = 1 if arm == "canary" else 0
        with self._lock:  # flush swaps the counters under it: no count falls between
            counters = self._counters.get(rollout_id)
            if counters is None:
                return
            counters.requests[side] += 1
            if status >= 500:
                counters.errors[side] += 1
            if ttft_ms is not None:
                counters.ttft[side][bucket(ttft_ms)] += 1

    def wants_shadow(self, rollout_id: int, request_id: str) -> bool:
        """Whether to send this request to the other arm too and judge the pair: a fixed
        sample of request ids (``shadow_rate``), while the quality gate still needs pairs and
        the step's and the day's judge budget last."""
        live = self._by_id.get(rollout_id)
        if live is None or not live.sampling:
            return False
        if zlib.crc32(request_id.encode(), 0x5EED) % _SCALE >= self._shadow_threshold:
            return False
        with self._lock:
            counters = self._counters.get(rollout_id)
            if counters is None:
                return False
            if counters.shadows >= live.shadows_left or counters.judge_tokens >= live.tokens_left:
                return False
            counters.shadows += 1
        return True

    def add_judgement(self, rollout_id: int, verdict: Verdict | None, judge_tokens: int) -> None:
        """Count a judged pair (None: the judge's answer could not be used; its tokens still
        count against the budget)."""
        index = {"canary": 0, "incumbent": 1, "tie": 2}.get(verdict or "", 3)
        with self._lock:
            counters = self._counters.get(rollout_id)
            if counters is None:
                return
            counters.verdicts[index] += 1
            counters.judge_tokens += max(0, judge_tokens)

    # Background: database -----------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the roll-outs that decide traffic (the CLI changes them from elsewhere)."""
        now = self._clock()
        day = store.day_of(now)
        live: dict[str, _Live] = {}
        for alias, rollout in store.active(self._engine).items():
            running = rollout.status == "running"
            sampling, shadows_left, tokens_left = False, 0, 0
            if running:
                stats = store.step_stats(self._engine, rollout.id, rollout.step_index)
                spent = store.judge_tokens_on(self._engine, rollout.id, day)
                shadows_left = max(0, self._settings.judge_max_per_step - stats.shadows)
                tokens_left = max(0, self._settings.judge_tokens_per_day - spent)
                sampling = self._settings.quality_gate and rollout.quality is None
            live[alias] = _Live(
                rollout=rollout,
                running=running,
                threshold=round(rollout.share * _SCALE / 100),
                salt=rollout.id,
                incumbent=ArmChoice(rollout.id, "incumbent", rollout.incumbent),
                canary=ArmChoice(rollout.id, "canary", rollout.canary),
                sampling=sampling,
                shadows_left=shadows_left,
                tokens_left=tokens_left,
            )
        with self._lock:
            counters: dict[int, _Counters] = {}
            for item in live.values():
                if not item.running:
                    continue
                old = self._counters.get(item.rollout.id)
                if old is not None and old.step == item.rollout.step_index:
                    counters[item.rollout.id] = old
                else:
                    if old is not None:  # counted at the step before: flushed there
                        self._unflushed.append((item.rollout.id, old))
                    counters[item.rollout.id] = _Counters(item.rollout.step_index)
            for rollout_id, old in self._counters.items():
                if rollout_id not in counters:  # rolled back, aborted or promoted meanwhile
                    self._unflushed.append((rollout_id, old))
            self._counters = counters
            self._live = live
            self._by_id = {item.rollout.id: item for item in live.values()}

    def flush(self) -> None:
        """Write the counters gathered since the last flush to their steps' rows (also on
        shutdown). A database error is raised, and the counters kept for the next flush."""
        with self._lock:
            batch = self._unflushed
            self._unflushed = []
            for rollout_id, old in list(self._counters.items()):
                batch.append((rollout_id, old))
                self._counters[rollout_id] = _Counters(old.step)
        day = store.day_of(self._clock())
        for position, (rollout_id, counters) in enumerate(batch):
            stats = counters.stats()
            if not any(getattr(stats, name) for name in store.COUNTERS):
                continue
            try:
                store.add_counts(self._engine, rollout_id, counters.step, stats, day)
            except SQLAlchemyError:  # the database is away: keep them for the next tick
                with self._lock:
                    self._unflushed[:0] = batch[position:]
                raise

    def tick(self) -> list[RolloutEvent]:
        """Flush, reload, evaluate every running roll-out's gates and act: advance, promote,
        roll back, or report that it waits. Returns the events it recorded."""
        self.flush()
        self.refresh()
        happened: list[RolloutEvent] = []
        now = self._clock()
        for item in list(self._live.values()):
            if not item.running:
                continue
            rollout = item.rollout
            stats = store.step_stats(self._engine, rollout.id, rollout.step_index)
            wins = store.judgements(self._engine, rollout.id)
            decision = decide(rollout, stats, wins, self._settings, now)
            happened.extend(self._act(rollout, decision, now))
        if happened:
            self.refresh()
        return happened

    def _act(self, rollout: Rollout, decision: Decision, now: float) -> list[RolloutEvent]:
        happened: list[RolloutEvent] = []
        if decision.quality is not None and rollout.quality is None:
            latched = store.event(
                rollout,
                "quality",
                "controller",
                decision.quality.message,
                now,
                gates=[decision.quality.as_dict()],
            )
            changes = {"quality": decision.quality.state}
            if store.transition(self._engine, rollout, latched, changes=changes):
                happened.append(latched)
        if decision.event is None:
            return happened
        if decision.event["kind"] == "waiting":
            last = self._waiting_reported.get(rollout.id)
            if last is not None and now - last < rollout.interval_s:
                return happened
            self._waiting_reported[rollout.id] = now
            store.add_event(self._engine, decision.event)
            return [*happened, decision.event]
        if store.transition(
            self._engine,
            rollout,
            decision.event,
            changes=decision.changes,
            outcome=decision.outcome,
            next_step=decision.next_step,
        ):
            self._waiting_reported.pop(rollout.id, None)
            happened.append(decision.event)
        return happened
