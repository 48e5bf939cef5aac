"""Upstream pools: the upstreams that answer one model alias, and which one takes a request.

Replicas are balanced by least outstanding requests; with conversation affinity, a
conversation's replica is found on a consistent-hash ring (adding a replica moves about 1/n of
the conversations), and the next replica on the ring takes over while it is out of rotation or
full. Each upstream has a bound on requests in flight; when every replica in rotation is full, a
request waits in the pool's bounded queue, spills to the fallback, or gets a 429.
"""

from __future__ import annotations

import asyncio
import bisect
import collections
import hashlib
import time
from dataclasses import dataclass, field

from supportllm.config_pools import PromptStyle
from supportllm.engines.base import Engine
from supportllm.engines.tokenizer import PromptCounter
from supportllm.errors import EngineUnavailableError, RateLimitError
from supportllm.gateway.health import Breaker
from supportllm.gateway.snapshot import PoolSnapshot, UpstreamKind, UpstreamSnapshot
from supportllm.gateway.structured import Dialect, dialect_of

_VNODES = 64  # points per replica on the ring: an even spread for a handful of replicas


@dataclass(eq=False)
class Upstream:
    """One OpenAI-compatible endpoint and what the gateway knows about it."""

    name: str
    engine: Engine
    prompt_style: PromptStyle = "chat"
    kind: UpstreamKind = "self_hosted"
    configured_model: str | None = None
    max_in_flight: int = 64
    breaker: Breaker = field(default_factory=lambda: Breaker("upstream"))
    # The model's tokenizer when the gateway knows the model file (the engines it starts):
    # counts prompts for engines whose streams carry no usage.
    prompt_counter: PromptCounter | None = None
    in_flight: int = 0
    _pools: list[Pool] = field(default_factory=list, repr=False)
    _discovered: str | None = field(default=None, repr=False)
    _dialect: Dialect | None = field(default=None, repr=False)

    @property
    def full(self) -> bool:
        return self.in_flight >= self.max_in_flight

    def release(self) -> None:
        """A request is done with this upstream: its slot goes to a queued request, if any."""
        self.in_flight -= 1
        for pool in self._pools:
            if pool.wake_one():
                return

    async def upstream_model(self) -> str:
        """The model name the engine expects: configured, or the engine's first listed model."""
        if self.configured_model is not None:
            return self.configured_model
        if self._discovered is None:
            names = await self.engine.models()
            if not names:
                raise EngineUnavailableError(
                    f"the engine at {self.engine.base_url} lists no models; set its model setting"
                )
            self._discovered = names[0]
        return self._discovered

    async def dialect(self) -> Dialect:
        """Which server the engine is, for structured output (asked once, on first need)."""
        if self._dialect is None:
            self._dialect = dialect_of(await self.engine.owner())
        return self._dialect


def _point(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


class Ring:
    """Consistent hashing over replica names: a key's replicas in ring order."""

    def __init__(self, names: list[str]) -> None:
        points = sorted((_point(f"{name}#{i}"), index) for index, name in enumerate(names)
                        for i in range(_VNODES))  # fmt: skip
        self._hashes = [h for h, _ in points]
        self._owners = [index for _, index in points]
        self._count = len(names)

    def order(self, key: str) -> list[int]:
        """Replica indices, the key's owner first, then clockwise (each once)."""
        start = bisect.bisect(self._hashes, _point(key)) % len(self._hashes)
        seen: list[int] = []
        for offset in range(len(self._owners)):
            owner = self._owners[(start + offset) % len(self._owners)]
            if owner not in seen:
                seen.append(owner)
                if len(seen) == self._count:
                    break
        return seen


@dataclass
class Pool:
    """One model alias: replicas, fallbacks, and the queue in front of them."""

    alias: str
    replicas: list[Upstream]
    fallback: list[Upstream] = field(default_factory=list)
    route: str = "fixed"
    affinity: bool = True
    max_queue: int = 256
    queue_timeout_s: float = 10.0
    spill_to_fallback: bool = True
    max_attempts: int = 2
    _waiters: collections.deque[asyncio.Future[None]] = field(
        default_factory=collections.deque, repr=False
    )

    def __post_init__(self) -> None:
        self._ring = Ring([r.name for r in self.replicas]) if len(self.replicas) > 1 else None
        for upstream in (*self.replicas, *self.fallback):
            if self not in upstream._pools:
                upstream._pools.append(self)

    @property
    def queue_depth(self) -> int:
        return len(self._waiters)

    def upstreams(self) -> list[Upstream]:
        return [*self.replicas, *self.fallback]

    def has_alternative(self, upstream: Upstream) -> bool:
        """Could another upstream of this pool take a request now?"""
        return any(u is not upstream and u.breaker.available for u in self.replicas) or any(
            u is not upstream and u.breaker.available for u in self.fallback
        )

    def wake_one(self) -> bool:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return True
        return False

    def _replica_order(self, key: str | None) -> list[Upstream]:
        """Replicas in the order this request should try them (in rotation or not)."""
        if key is not None and self.affinity and self._ring is not None:
            return [self.replicas[i] for i in self._ring.order(key)]
        return sorted(self.replicas, key=lambda r: r.in_flight)

    def _free_replica(self, key: str | None, tried: set[str]) -> tuple[Upstream | None, bool]:
        """(a replica in rotation with a free slot, whether any untried one is in rotation)."""
        alive = False
        for replica in self._replica_order(key):
            if replica.name in tried or not replica.breaker.available:
                continue
            alive = True
            if not replica.full:
                return replica, True
        return None, alive

    def _free_fallback(self, tried: set[str]) -> Upstream | None:
        for upstream in self.fallback:
            if upstream.name not in tried and upstream.breaker.available and not upstream.full:
                return upstream
        return None

    async def take(self, key: str | None, tried: set[str], *, api_first: bool = False) -> Upstream:
        """The next upstream for a request (its slot taken: call ``release`` when done).

        Replicas first (at most ``max_attempts`` of them), then each fallback; ``api_first``
        (auto routing chose the API) puts the fallbacks first. A request finding every replica
        in rotation full waits in the queue; a full queue or the queue's time limit spills to a
        fallback or answers 429. Raises EngineUnavailableError when nothing is left to try."""
        replicas_tried = sum(1 for r in self.replicas if r.name in tried)
        if api_first and (upstream := self._free_fallback(tried)) is not None:
            upstream.in_flight += 1
            return upstream
        deadline = time.monotonic() + self.queue_timeout_s
        while replicas_tried < self.max_attempts:
            replica, alive = self._free_replica(key, tried)
            if replica is not None:
                replica.in_flight += 1
                return replica
            if not alive:
                break
            # Every replica in rotation is full: wait for a slot, or spill, or refuse.
            if len(self._waiters) >= self.max_queue or not await self._wait(deadline):
                if self.spill_to_fallback and (spill := self._free_fallback(tried)) is not None:
                    spill.in_flight += 1
                    return spill
                raise RateLimitError(
                    f"every replica of '{self.alias}' is busy and its queue "
                    f"({self.max_queue}, max_queue) is full or waited "
                    f"{self.queue_timeout_s:g} s; retry shortly",
                    retry_after_s=1.0,
                    code="upstream_overloaded",
                )
        if (upstream := self._free_fallback(tried)) is not None:
            upstream.in_flight += 1
            return upstream
        if replicas_tried == 0 and not any(u.name in tried for u in self.fallback):
            # Panic mode (as Envoy's): nothing in rotation and no fallback — refusing every
            # request is no better than trying a replica that was ejected; a success puts it
            # back in rotation at once.
            for replica in self._replica_order(key):
                if not replica.full:
                    replica.in_flight += 1
                    return replica
        raise EngineUnavailableError(self._nothing_left(tried), code="no_upstream_available")

    async def _wait(self, deadline: float) -> bool:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(left):
                await waiter
        except TimeoutError:
            return False
        finally:
            if not waiter.done():
                waiter.cancel()
        return True

    def _nothing_left(self, tried: set[str]) -> str:
        out = [
            f"{u.name} ({u.breaker.reason or 'out of rotation'})"
            for u in self.upstreams()
            if u.name not in tried and not u.breaker.available
        ]
        tail = f"; out of rotation: {', '.join(out)}" if out else ""
        return f"no upstream of '{self.alias}' can take the request{tail}; retry shortly"

    def snapshot(self) -> PoolSnapshot:
        def one(upstream: Upstream, role: str) -> UpstreamSnapshot:
            return UpstreamSnapshot(
                alias=self.alias,
                upstream=upstream.name,
                url=upstream.engine.base_url,
                kind=upstream.kind,
                role=role,  # type: ignore[arg-type]
                state=upstream.breaker.state,
                in_flight=upstream.in_flight,
                max_in_flight=upstream.max_in_flight,
                consecutive_failures=upstream.breaker.consecutive_failures,
            )

        return PoolSnapshot(
            alias=self.alias,
            queue_depth=self.queue_depth,
            max_queue=self.max_queue,
            upstreams=tuple(
                [one(r, "replica") for r in self.replicas]
                + [one(f, "fallback") for f in self.fallback]
            ),
        )
