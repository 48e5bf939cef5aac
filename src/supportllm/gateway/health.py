"""Is an upstream in rotation? A circuit breaker per upstream, fed by requests (passive) and
by the active checker (GET /v1/models every ``health_interval_s``).

closed (in rotation) -> open (ejected: a refused connection, a time-out or a stall at once;
``eject_after_errors`` consecutive errors otherwise) -> after ``eject_s`` (doubling on every
failed probe, up to ``eject_max_s``) half_open: one probe -> closed, or open again.

While a breaker is open, ``dead`` is a resolved future: requests still waiting on that
upstream's first token wake and move on (no request waits on an upstream known to be dead).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from supportllm.gateway.snapshot import BreakerState

Failure = Literal["connect", "timeout", "stall", "error", "busy"]
_AT_ONCE: frozenset[Failure] = frozenset({"connect", "timeout", "stall"})
_log = logging.getLogger("supportllm.gateway.health")


@dataclass
class Breaker:
    name: str
    eject_after_errors: int = 3
    eject_s: float = 2.0
    eject_max_s: float = 60.0
    eject_after_checks: int = 3
    state: BreakerState = "closed"
    consecutive_failures: int = 0
    failed_checks: int = 0
    reason: str | None = None
    _opened_at: float = 0.0
    _closed_at: float = -1e9
    _backoff_s: float = 0.0
    _dead: asyncio.Future[None] | None = field(default=None, repr=False)

    @property
    def available(self) -> bool:
        """In rotation: closed. (Half-open upstreams take only the probe.)"""
        return self.state == "closed"

    def dead(self) -> asyncio.Future[None]:
        """A future resolved when this upstream is ejected (created lazily, per ejection)."""
        if self._dead is None:
            self._dead = asyncio.get_running_loop().create_future()
            if self.state != "closed":
                self._dead.set_result(None)
        return self._dead

    def succeeded(self) -> None:
        """A request got its answer: counts reset; an ejected upstream (tried in panic mode,
        every replica being out) is back in rotation."""
        if self.state != "closed":
            self.probed(True)
        else:
            self.consecutive_failures = self.failed_checks = 0

    def failed(self, kind: Failure, reason: str) -> None:
        """A request's failure. ``busy`` (the upstream's own 429) never ejects."""
        if kind == "busy":
            return
        self.consecutive_failures += 1
        if self.state == "closed" and (
            kind in _AT_ONCE or self.consecutive_failures >= self.eject_after_errors
        ):
            self._open(reason, backoff=self._next_backoff())

    def _next_backoff(self) -> float:
        """eject_s; doubled when the upstream fails again soon after it came back (its health
        check passes but its requests fail: no flapping in and out every eject_s)."""
        if self._backoff_s and time.monotonic() - self._closed_at < 4 * self._backoff_s + 10:
            return self._backoff_s * 2
        return self.eject_s

    def _open(self, reason: str, *, backoff: float) -> None:
        was = self.state
        self.state, self.reason = "open", reason
        self._opened_at = time.monotonic()
        self._backoff_s = min(backoff, self.eject_max_s)
        if self._dead is not None and not self._dead.done():
            self._dead.set_result(None)
        if was == "closed":
            _log.warning("upstream %s out of rotation: %s", self.name, reason)

    def probe_due(self, now: float) -> bool:
        return self.state == "open" and now - self._opened_at >= self._backoff_s

    def probed(self, ok: bool, reason: str = "health check failed") -> None:
        """The outcome of an active check (closed) or of the half-open probe."""
        if ok:
            self.failed_checks = 0
            if self.state != "closed":
                self.state, self.reason = "closed", None
                self.consecutive_failures = 0
                self._closed_at = time.monotonic()
                self._dead = None  # the next waiter gets a fresh, unresolved future
                _log.warning("upstream %s back in rotation", self.name)
            return
        if self.state == "half_open":
            self._open(reason, backoff=self._backoff_s * 2)
        elif self.state == "closed":
            # One late answer is no proof of death: an engine busy generating on shared cores
            # can miss the check's time limit (the demo trial flapped in and out every few
            # seconds). A request that fails to connect still ejects at once (``failed``).
            self.failed_checks += 1
            if self.failed_checks >= self.eject_after_checks:
                self.failed_checks = 0
                self._open(reason, backoff=self._next_backoff())

    def half_open(self) -> None:
        self.state = "half_open"


@dataclass
class Checked:
    """What the checker needs of an upstream: its breaker and a cheap liveness call."""

    breaker: Breaker
    check: Callable[[float], Awaitable[bool]]
    failed_reason: str = "health check failed"
    # Requests in flight on the upstream: while it has some, their own limits (connect,
    # first token, stall) judge it, and a late answer to the check is not counted.
    busy: Callable[[], bool] = lambda: False


async def check_once(items: Iterable[Checked], timeout_s: float) -> None:
    """One round: every closed upstream is checked; every open one whose back-off has passed
    gets its half-open probe. Checks run concurrently; a slow one never delays the rest."""
    now = time.monotonic()
    due = [item for item in items if item.breaker.state == "closed" or item.breaker.probe_due(now)]

    async def one(item: Checked) -> None:
        if item.breaker.state == "open":
            item.breaker.half_open()
        try:
            async with asyncio.timeout(timeout_s):
                ok = await item.check(timeout_s)
        except (TimeoutError, OSError):
            ok = False
        if not ok and item.breaker.state == "closed" and item.busy():
            return  # serving requests: they time out on their own if it is really stuck
        item.breaker.probed(ok, item.failed_reason)

    if due:
        await asyncio.gather(*(one(item) for item in due))


async def run_checks(
    items: Callable[[], Iterable[Checked]], interval_s: float, timeout_s: float
) -> None:
    """The active checker: a round every ``interval_s`` until cancelled."""
    while True:
        try:
            await check_once(list(items()), timeout_s)
        except Exception:  # noqa: BLE001 - a check's bug must not stop the checker
            _log.exception("health check round failed")
        await asyncio.sleep(interval_s)
