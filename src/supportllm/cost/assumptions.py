"""The cost model's assumptions in words, written once for `supportllm cost` and the trial
report: what an auditor of the figures needs to see next to them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from supportllm.cost.prices import PRICES_DATE, ApiPrice


@dataclass(frozen=True)
class Assumed:
    """The inputs both callers share."""

    price: ApiPrice
    peak_to_average: float
    utilisation: float
    redundancy: str
    engineering_hours: float
    hourly_rate: float
    currency: str
    eur_per_usd: float
    on_call: float | None = None  # None: not asked for (the trial uses the default)
    gpu_terms: str | None = None
    cached_share: float = 0.0


def cost_assumptions(assumed: Assumed, money: Callable[[float], str]) -> list[str]:
    """One line per assumption; ``money`` formats US dollars in the report's currency."""
    a = assumed
    lines = [
        f"peak hour {a.peak_to_average:g}× the average, planned utilisation {a.utilisation:.0%}, "
        f"redundancy {a.redundancy}",
    ]
    if a.gpu_terms is not None:
        lines.append(f"GPU: {a.gpu_terms}")
    engineering = f"engineering {a.engineering_hours:g} h/month × {money(a.hourly_rate)}"
    if a.on_call is not None:
        engineering += f"; on-call {money(a.on_call)}/month"
    lines.append(engineering)
    cached = (
        f", cached input {money(a.price.cached_input_per_m)} for {a.cached_share:.0%}"
        if a.cached_share and a.price.cached_input_per_m
        else ""
    )
    lines.append(
        f"API prices: {money(a.price.input_per_m)} / {money(a.price.output_per_m)} per million "
        f"input/output tokens{cached} (as of {PRICES_DATE})"
    )
    lines.append(
        f"a month is 730 hours; currency {a.currency.upper()}"
        + (f" at {a.eur_per_usd} EUR per USD" if a.currency == "eur" else "")
    )
    return lines
