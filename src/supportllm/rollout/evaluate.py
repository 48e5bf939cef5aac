"""What a roll-out's step should do now, from its counters: the gates' results and the
decision (wait, advance, promote, roll back). Pure: the controller applies it, ``rollout
status`` shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from supportllm.config_operate import RolloutSettings
from supportllm.rollout.gates import (
    GateResult,
    combine,
    error_rate_gate,
    quality_gate,
    tally,
    ttft_gate,
)
from supportllm.rollout.store import Rollout, RolloutEvent, StepStats, event

EARLY_ALPHA_FACTOR = 0.1  # before the interval ends, an error-rate failure must be 10x surer


def gate_results(
    rollout: Rollout,
    stats: StepStats,
    wins: tuple[int, int, int],
    settings: RolloutSettings,
    *,
    alpha: float | None = None,
) -> list[GateResult]:
    """The three gates for the step's counters and the roll-out's judgements so far."""
    errors = error_rate_gate(
        (stats.canary_requests, stats.canary_errors),
        (stats.incumbent_requests, stats.incumbent_errors),
        min_requests=settings.min_requests,
        margin=settings.error_rate_margin,
        alpha=settings.alpha if alpha is None else alpha,
    )
    ttft = ttft_gate(
        stats.canary_ttft,
        stats.incumbent_ttft,
        min_requests=settings.min_requests,
        tolerance=settings.ttft_tolerance,
        slack_ms=settings.ttft_slack_ms,
    )
    return [errors, ttft, _quality(rollout, wins, settings)]


def _quality(rollout: Rollout, wins: tuple[int, int, int], settings: RolloutSettings) -> GateResult:
    if not settings.quality_gate:
        return GateResult("quality", "pass", "off: quality_gate is disabled in the settings")
    result = quality_gate(
        *wins,
        delta=settings.quality_delta,
        alpha=settings.alpha,
        beta=settings.beta,
        min_judgements=settings.min_judgements,
    )
    if rollout.quality == "pass":  # the sequential test stopped: its decision stands
        return GateResult("quality", "pass", f"pass: decided earlier ({tally(*wins)})")
    if rollout.quality == "fail":
        return GateResult("quality", "fail", f"fail: decided earlier ({tally(*wins)})")
    return result


@dataclass(frozen=True)
class Decision:
    gates: list[GateResult]
    quality: GateResult | None = None  # the quality test decided just now: latch it
    event: RolloutEvent | None = None  # None: nothing to do yet
    changes: dict[str, Any] = field(default_factory=dict)
    outcome: str | None = None  # how the current step ends
    next_step: tuple[int, float] | None = None


def decide(
    rollout: Rollout,
    stats: StepStats,
    wins: tuple[int, int, int],
    settings: RolloutSettings,
    now: float,
) -> Decision:
    """Any gate failing rolls back at once (the quality test is sequential, so it may stop at
    any time; the error gate before the interval ends only at a tenth of alpha); every gate
    passing after the interval advances or promotes; otherwise the step waits."""
    gates = gate_results(rollout, stats, wins, settings)
    quality = gates[2]
    latch = (
        quality
        if settings.quality_gate and rollout.quality is None and quality.state != "inconclusive"
        else None
    )
    report = [gate.as_dict() for gate in gates]
    elapsed = now - rollout.step_started_at >= rollout.interval_s
    if not elapsed:
        early = gate_results(
            rollout, stats, wins, settings, alpha=settings.alpha * EARLY_ALPHA_FACTOR
        )
        gates = [early[0], quality]
    failed = [gate for gate in gates if gate.state == "fail"]
    if failed:
        reason = "; ".join(f"{gate.name} {gate.message}" for gate in failed)
        return Decision(
            gates,
            latch,
            event(
                rollout,
                "rolled_back",
                "controller",
                f"rolled back at {rollout.share:g} %: {reason}",
                now,
                share=0.0,
                gates=report,
            ),
            {"status": "rolled_back", "share": 0.0, "running_alias": None, "reason": reason},
            "rolled_back",
        )
    if not elapsed:
        return Decision(gates, latch)
    if combine(gates) == "inconclusive":
        waiting = "; ".join(f"{g.name} {g.message}" for g in gates if g.state == "inconclusive")
        message = f"waiting at {rollout.share:g} %: {waiting}"
        return Decision(
            gates, latch, event(rollout, "waiting", "controller", message, now, gates=report)
        )
    index = rollout.step_index + 1
    if index >= len(rollout.steps) or rollout.steps[index] >= 100:
        reason = f"every gate passed at {rollout.share:g} %"
        return Decision(
            gates,
            latch,
            event(
                rollout,
                "promoted",
                "controller",
                f"promoted: {reason}",
                now,
                share=100.0,
                gates=report,
            ),
            {"status": "promoted", "share": 100.0, "running_alias": None, "reason": reason},
            "promoted",
        )
    share = rollout.steps[index]
    return Decision(
        gates,
        latch,
        event(
            rollout,
            "advanced",
            "controller",
            f"advanced {rollout.share:g} % → {share:g} %: every gate passed",
            now,
            step=index,
            share=share,
            gates=report,
        ),
        {"step_index": index, "share": share, "step_started_at": now},
        "advanced",
        (index, share),
    )
