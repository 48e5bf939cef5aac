"""What the gateway's pools look like right now: read by /metrics, /readyz and `status`.

Plain frozen records, built on demand by ``Router.snapshot()``; nothing here holds state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

UpstreamKind = Literal["self_hosted", "external"]
BreakerState = Literal["closed", "open", "half_open"]


@dataclass(frozen=True)
class UpstreamSnapshot:
    """One upstream of one pool: a self-hosted replica or an external API."""

    alias: str
    upstream: str  # the upstream's name in the settings (or "engine" for serve's own)
    url: str
    kind: UpstreamKind
    role: Literal["replica", "fallback", "canary"]
    state: BreakerState  # closed: in rotation; open: ejected; half_open: being probed
    in_flight: int
    max_in_flight: int
    consecutive_failures: int


@dataclass(frozen=True)
class PoolSnapshot:
    """One model alias: its upstreams and its queue of requests waiting for a free replica."""

    alias: str
    queue_depth: int
    max_queue: int
    upstreams: tuple[UpstreamSnapshot, ...]
