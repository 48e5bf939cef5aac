"""Who may see which passages; light on purpose (the gateway imports it on its hot path)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    """``team``/``product`` also admit passages without one (shared articles); ``lang`` and
    ``source`` match exactly."""

    team: str | None = None
    product: str | None = None
    lang: str | None = None
    source: str | None = None
