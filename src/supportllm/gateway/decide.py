"""The routing step: which pool and which side of it a request starts on.

A running roll-out puts the conversation on an arm (the canary arm is the canary upstream, with
the alias's fallbacks behind it); an alias with ``route = "auto"`` asks the complexity router
whether the ticket starts on the self-hosted replicas or on the API (the pool's fallback).
Every decision goes into the request's record (and so into the audit trail)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from supportllm.gateway.pool import Pool
from supportllm.gateway.requestlog import LogRecord
from supportllm.gateway.router import Router
from supportllm.rollout.controller import RolloutController
from supportllm.routing.complexity import ComplexityRouter
from supportllm.routing.features import ticket_features


@dataclass
class RouteStep:
    router: Router
    complexity: ComplexityRouter | None = None
    rollouts: RolloutController | None = None

    def choose(
        self,
        pool: Pool,
        conversation: str,
        messages: list[dict[str, Any]],
        top_score: float | None,
        record: LogRecord,
    ) -> tuple[Pool, bool]:
        """(the pool to use, whether the API side goes first)."""
        if self.rollouts is not None:
            arm = self.rollouts.arm(pool.alias, conversation)
            if arm is not None:
                record["arm"], record["rollout_id"] = arm.arm, arm.rollout_id
                if arm.arm == "canary":
                    pool = self.router.canary_pool(pool.alias, arm.upstream)
        if pool.route != "auto" or self.complexity is None:
            return pool, False
        decision = self.complexity.decide(ticket_features(messages, top_score=top_score, lang=None))
        record["route"] = decision.target
        record["route_score"] = round(decision.score, 4)
        record["route_reason"] = decision.reason
        return pool, decision.target == "api"
