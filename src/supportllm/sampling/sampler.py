"""Which live requests are kept as quality samples, decided in a microsecond.

The decision is a pure function of the request id and the request's stratum: the id's
BLAKE2b hash, read as a number in [0, 1), is compared with the rate of the most specific
stratum that has one — ``arm:NAME`` (a roll-out arm), then ``route:NAME`` (self / api / fixed),
then ``alias:NAME``, then the default ``rate``. The same id gets the same answer in every
gateway process, so several workers or replicas sample the same share without talking to each
other. A daily cap (per UTC day, counted in memory, restored from the database at start)
bounds what one day can store.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from typing import Any

from supportllm.config_operate import SamplingSettings
from supportllm.sampling.store import Offered, SampleStore, SampleWriter

_SPAN = 1 << 64  # hash values are 64-bit: a rate r keeps ids whose hash is below r * 2**64
_DAY_S = 86_400
_MAX_CACHED = 4096


def hash_fraction(request_id: str) -> float:
    """Where a request id falls in [0, 1): the same in every process and on every machine."""
    digest = hashlib.blake2b(request_id.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / _SPAN


class LiveSampler:
    """The gateway's sampling step: ``offer`` after a 200 reply; ``start``/``close`` around
    serving. ``redact`` (guard.pii's ``redact_json``) runs in the writer thread."""

    def __init__(
        self,
        settings: SamplingSettings,
        store: SampleStore | None = None,
        *,
        redact: Callable[[Any], Any] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.store = store
        self._clock = clock
        self._default = _threshold(settings.rate)
        self._by = {
            kind: {
                key.partition(":")[2]: _threshold(rate)
                for key, rate in settings.rates.items()
                if key.startswith(kind + ":")
            }
            for kind in ("alias", "route", "arm")
        }
        self._cache: dict[tuple[str, str, str | None], int] = {}
        self._cap = settings.daily_cap
        self._day = int(clock() // _DAY_S)
        self.today = 0  # samples taken on the current UTC day
        self.capped = 0  # chosen by the hash but over the day's cap
        self.writer = (
            SampleWriter(
                store,
                store_content=settings.store_content,
                redact=redact,
                max_pending=settings.max_pending,
            )
            if store is not None
            else None
        )

    @classmethod
    def open(
        cls,
        settings: SamplingSettings,
        database_url: str,
        redact: Callable[[Any], Any] | None = None,
    ) -> LiveSampler | None:
        """The step built from settings (the database migrated), or None when sampling is off."""
        if not settings.enabled:
            return None
        from supportllm.store.db import migrate, open_database

        engine = open_database(database_url)
        migrate(engine)
        return cls(settings, SampleStore(engine), redact=redact)

    # The decision ------------------------------------------------------------------------

    def rate(self, alias: str, route: str, arm: str | None) -> float:
        """The rate that applies to this stratum (arm, then route, then alias, then default)."""
        return self._threshold_for(alias, route, arm) / _SPAN

    def selected(self, request_id: str, alias: str, route: str, arm: str | None) -> bool:
        """The deterministic part: does the id's hash fall under the stratum's rate?"""
        threshold = self._threshold_for(alias, route, arm)
        if threshold <= 0:
            return False
        if threshold >= _SPAN:
            return True
        digest = hashlib.blake2b(request_id.encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big") < threshold

    def wants(self, request_id: str, alias: str, route: str, arm: str | None) -> bool:
        """Keep this request? The hash decides; a chosen request counts against the day's cap."""
        if not self.selected(request_id, alias, route, arm):
            return False
        day = int(self._clock() // _DAY_S)
        if day != self._day:
            self._day, self.today = day, 0
        if self._cap and self.today >= self._cap:
            self.capped += 1
            return False
        self.today += 1
        return True

    def _threshold_for(self, alias: str, route: str, arm: str | None) -> int:
        key = (alias, route, arm)
        found = self._cache.get(key)
        if found is not None:
            return found
        value = self._default
        for kind, name in (("alias", alias), ("route", route), ("arm", arm)):
            if name is not None and name in self._by[kind]:
                value = self._by[kind][name]  # later kinds are more specific and win
        if len(self._cache) >= _MAX_CACHED:
            self._cache.clear()
        self._cache[key] = value
        return value

    # The gateway's calls -----------------------------------------------------------------

    def offer(
        self,
        record: Mapping[str, Any],
        messages: Any,
        reply: str | None,
        passages: list[dict[str, Any]],
    ) -> None:
        """After a reply: decide, and queue the sample for the writer (never blocks)."""
        if record.get("status", 200) != 200 or self.writer is None:
            return
        if self.wants(
            str(record.get("request_id", "")),
            str(record.get("model", "")),
            str(record.get("route") or "fixed"),
            record.get("arm"),
        ):
            self.writer.submit(Offered(dict(record), messages, reply, passages))

    def start(self) -> None:
        """Restore today's count from the database, then start the writer thread."""
        if self.store is not None:
            now = self._clock()
            self._day = int(now // _DAY_S)
            self.today = self.store.count_since(self._day * _DAY_S)
        if self.writer is not None:
            self.writer.start()

    def close(self) -> None:
        """Store what is queued and stop the writer."""
        if self.writer is not None:
            self.writer.close()

    def stats(self) -> dict[str, int]:
        """For /metrics and /readyz: today's samples, over-cap, queued, written, dropped."""
        writer = self.writer
        return {
            "today": self.today,
            "capped": self.capped,
            "pending": writer.pending if writer else 0,
            "written": writer.written if writer else 0,
            "dropped": writer.dropped if writer else 0,
            "failed": writer.failed if writer else 0,
        }


def _threshold(rate: float) -> int:
    return _SPAN if rate >= 1.0 else max(0, int(rate * _SPAN))
