"""Model aliases -> pools. One place decides which pool answers a model name, and keeps the
pools' upstreams checked (gateway/health.py)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from supportllm.config_pools import ENGINE_UPSTREAM
from supportllm.engines.base import Engine
from supportllm.errors import ModelNotFoundError
from supportllm.gateway.health import Checked, run_checks
from supportllm.gateway.pool import Pool, Upstream
from supportllm.gateway.snapshot import PoolSnapshot

_log = logging.getLogger("supportllm.gateway")


def _checker(upstream: Upstream) -> Checked:
    async def check(timeout_s: float) -> bool:
        return await upstream.engine.health()

    url = upstream.engine.base_url
    hint = (
        "; start it with `supportllm engine start` or check the engine_url setting"
        if upstream.name == ENGINE_UPSTREAM
        else ""
    )
    return Checked(upstream.breaker, check, f"the engine at {url} is not reachable "
                   f"(no answer to GET /v1/models){hint}",
                   busy=lambda: upstream.in_flight > 0)  # fmt: skip


class Router:
    def __init__(
        self,
        pools: list[Pool],
        *,
        health_interval_s: float = 0.0,
        health_timeout_s: float = 1.0,
        named: dict[str, Upstream] | None = None,
    ) -> None:
        """``named``: every configured upstream by name, also those no pool lists yet (a
        roll-out's canary)."""
        self._pools = {pool.alias: pool for pool in pools}
        self._named = dict(named or {})
        for pool in pools:
            for upstream in pool.upstreams():
                self._named.setdefault(upstream.name, upstream)
        self._canaries: dict[tuple[str, str], Pool] = {}
        self._interval = health_interval_s
        self._timeout = health_timeout_s
        self._task: asyncio.Task[None] | None = None

    @property
    def aliases(self) -> list[str]:
        return list(self._pools)

    def pools(self) -> list[Pool]:
        return list(self._pools.values())

    def upstreams(self) -> list[Upstream]:
        return list(self._named.values())

    def upstream(self, name: str) -> Upstream | None:
        return self._named.get(name)

    def canary_pool(self, alias: str, name: str) -> Pool:
        """The alias's pool with the canary upstream as its one replica (same fallbacks). An
        upstream this gateway does not know leaves the alias's own pool (and a warning)."""
        key = (alias, name)
        pool = self._canaries.get(key)
        if pool is None:
            base = self.resolve(alias)
            upstream = self._named.get(name)
            if upstream is None:
                _log.warning(
                    "roll-out canary '%s' of '%s' is not a configured upstream", name, alias
                )
                return base
            pool = Pool(
                alias,
                [upstream],
                base.fallback,
                route=base.route,
                affinity=False,
                max_queue=base.max_queue,
                queue_timeout_s=base.queue_timeout_s,
                spill_to_fallback=base.spill_to_fallback,
                max_attempts=base.max_attempts,
            )
            self._canaries[key] = pool
        return pool

    def engines(self) -> list[Engine]:
        unique: dict[int, Engine] = {}
        for upstream in self.upstreams():
            unique.setdefault(id(upstream.engine), upstream.engine)
        return list(unique.values())

    def resolve(self, model: str) -> Pool:
        try:
            return self._pools[model]
        except KeyError:
            raise ModelNotFoundError(
                f"the model '{model}' does not exist; available: {', '.join(self._pools)}",
                param="model",
            ) from None

    def snapshot(self) -> list[PoolSnapshot]:
        return [pool.snapshot() for pool in self._pools.values()]

    def start(self) -> None:
        """The active checker (every health_interval_s; with 0, only the half-open probes of
        ejected upstreams run, once a second)."""
        if self._task is None:
            checked = [_checker(u) for u in self.upstreams()]
            active = self._interval > 0
            self._task = asyncio.create_task(
                run_checks(
                    lambda: checked if active else [c for c in checked if not c.breaker.available],
                    self._interval if active else 1.0,
                    self._timeout,
                )
            )

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for engine in self.engines():
            await engine.aclose()
