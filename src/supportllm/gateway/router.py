"""Model aliases -> pools. One place decides which pool answers a model name, and keeps the
pools' upstreams checked (gateway/health.py)."""

from __future__ import annotations

import asyncio
import contextlib

from supportllm.config_pools import ENGINE_UPSTREAM
from supportllm.engines.base import Engine
from supportllm.errors import ModelNotFoundError
from supportllm.gateway.health import Checked, run_checks
from supportllm.gateway.pool import Pool, Upstream
from supportllm.gateway.snapshot import PoolSnapshot


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
                   f"(no answer to GET /v1/models){hint}")  # fmt: skip


class Router:
    def __init__(
        self, pools: list[Pool], *, health_interval_s: float = 0.0, health_timeout_s: float = 1.0
    ) -> None:
        self._pools = {pool.alias: pool for pool in pools}
        self._interval = health_interval_s
        self._timeout = health_timeout_s
        self._task: asyncio.Task[None] | None = None

    @property
    def aliases(self) -> list[str]:
        return list(self._pools)

    def pools(self) -> list[Pool]:
        return list(self._pools.values())

    def upstreams(self) -> list[Upstream]:
        unique: dict[int, Upstream] = {}
        for pool in self._pools.values():
            for upstream in pool.upstreams():
                unique.setdefault(id(upstream), upstream)
        return list(unique.values())

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
