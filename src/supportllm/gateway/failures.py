"""Failed authentications per client address (CC6.1): after ``limit`` failures within a minute
an address is refused with 429 before its key is even looked at, until the minute has passed.
Bounded memory: the addresses seen least recently are forgotten first."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field


@dataclass
class FailedAuthLimiter:
    limit: int = 20
    window_s: float = 60.0
    max_addresses: int = 10_000
    _seen: OrderedDict[str, deque[float]] = field(default_factory=OrderedDict)

    def retry_after(self, address: str | None, now: float | None = None) -> float | None:
        """Seconds until ``address`` may try again, or None when it may now."""
        if address is None:
            return None
        failures = self._seen.get(address)
        if failures is None or len(failures) < self.limit:
            return None
        now = time.monotonic() if now is None else now
        while failures and now - failures[0] >= self.window_s:
            failures.popleft()
        if len(failures) < self.limit:
            return None
        return self.window_s - (now - failures[0])

    def failed(self, address: str | None, now: float | None = None) -> None:
        if address is None:
            return
        now = time.monotonic() if now is None else now
        failures = self._seen.pop(address, None) or deque(maxlen=self.limit)
        failures.append(now)
        self._seen[address] = failures  # most recent last
        while len(self._seen) > self.max_addresses:
            self._seen.popitem(last=False)
