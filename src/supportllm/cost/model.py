"""API bill against self-hosting, per month, as pure functions.

- The API side: tokens per ticket × price per million (input, output, cached input).
- The self-hosted side: GPUs (rented by the hour, reserved, or bought and amortised, with power
  at the wall × PUE), sized from *measured* capacity — the benchmark's sustainable output tokens
  per second at the SLOs — for the peak hour (peak-to-average ratio), at a planned utilisation,
  plus redundancy (N+1), engineering and on-call hours, and the hidden lines (monitoring, load
  balancer, storage, backup).
- Break-even volume, cost per ticket, payback months for bought hardware.

Money is in USD here; the command line converts for display.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from supportllm.cost.prices import ApiPrice, find_gpu_price
from supportllm.errors import InvalidInputError

HOURS_PER_MONTH = 730.0  # 24 × 365 / 12
DAYS_PER_MONTH = 30.0  # as the seeds count a month of daily traffic

Pricing = Literal["on-demand", "reserved", "purchase"]
REDUNDANCY = {"n": 0, "n+1": 1, "n+2": 2}  # extra replicas

# The seeds' hidden costs, midpoints of their ranges (USD per month), each editable.
DEFAULT_HIDDEN: dict[str, float] = {
    "monitoring and observability": 200.0,
    "load balancer and networking": 125.0,
    "model storage and versioning": 75.0,
    "backup and disaster recovery": 200.0,
}


# Beyond this many replicas a plan is no plan (and the arithmetic leaves the integers).
MAX_REPLICAS = 1e9


@dataclass(frozen=True)
class TicketShape:
    """Tokens per ticket (replayed or assumed) and the share of input a provider caches."""

    input_tokens: float
    output_tokens: float
    cached_input_share: float = 0.0

    def __post_init__(self) -> None:
        if self.input_tokens < 0 or self.output_tokens <= 0:
            raise ValueError("tokens per ticket must be positive (output > 0)")
        if not 0.0 <= self.cached_input_share <= 1.0:
            raise ValueError("the cached share of input must be between 0 and 1")


def api_cost_per_ticket(price: ApiPrice, shape: TicketShape) -> float:
    cached = shape.cached_input_share if price.cached_input_per_m is not None else 0.0
    input_cost = shape.input_tokens * (
        (1 - cached) * price.input_per_m + cached * (price.cached_input_per_m or 0.0)
    )
    return (input_cost + shape.output_tokens * price.output_per_m) / 1e6


def api_monthly(price: ApiPrice, shape: TicketShape, tickets_per_month: float) -> float:
    return api_cost_per_ticket(price, shape) * tickets_per_month


def daily_token_bill(
    tokens_per_day: float, input_share: float, price: ApiPrice
) -> tuple[float, float]:
    """(per day, per 30-day month) for a daily token volume split into input and output."""
    daily = (
        tokens_per_day
        * (input_share * price.input_per_m + (1 - input_share) * price.output_per_m)
        / 1e6
    )
    return daily, daily * DAYS_PER_MONTH


@dataclass(frozen=True)
class GpuPlan:
    """One replica's GPUs and how they are paid for."""

    gpu: str
    gpus_per_replica: int
    pricing: Pricing
    hourly: float = 0.0  # on-demand / reserved price per GPU-hour
    purchase: float = 0.0  # per GPU
    amortisation_months: float = 36.0
    watts: float = 400.0  # per GPU under load
    kwh_price: float = 0.15
    pue: float = 1.4

    def __post_init__(self) -> None:
        if self.gpus_per_replica < 1:
            raise ValueError("a replica needs at least one GPU")
        if self.pricing == "purchase":
            if self.purchase <= 0 or self.amortisation_months <= 0:
                raise ValueError("a purchase needs a price and amortisation months > 0")
        elif self.hourly <= 0:
            raise ValueError("an hourly GPU price must be > 0")
        if self.watts < 0 or self.kwh_price < 0 or self.pue < 1:
            raise ValueError("power must be >= 0 W, price >= 0 per kWh and PUE >= 1")

    def monthly_per_replica(self) -> float:
        if self.pricing != "purchase":
            return self.hourly * HOURS_PER_MONTH * self.gpus_per_replica
        return self.gpus_per_replica * (
            self.purchase / self.amortisation_months + self.power_monthly_per_gpu()
        )

    def power_monthly_per_gpu(self) -> float:
        return self.watts / 1000 * HOURS_PER_MONTH * self.kwh_price * self.pue

    def upfront_per_replica(self) -> float:
        return self.purchase * self.gpus_per_replica if self.pricing == "purchase" else 0.0


@dataclass(frozen=True)
class Capacity:
    """What one replica sustains at the SLOs, from `supportllm bench` (or given by hand)."""

    output_tokens_per_s: float
    source: str = "given"

    def tickets_per_hour(self, shape: TicketShape, utilisation: float) -> float:
        return self.output_tokens_per_s * 3600 * utilisation / shape.output_tokens


@dataclass(frozen=True)
class SelfHosted:
    plan: GpuPlan
    capacity: Capacity
    peak_to_average: float = 2.0
    utilisation: float = 0.7
    redundancy: int = 1  # extra replicas (N+1 -> 1)
    engineering_hours: float = 40.0
    hourly_rate: float = 100.0
    on_call: float = 0.0
    hidden: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_HIDDEN))

    def __post_init__(self) -> None:
        if self.peak_to_average < 1:
            raise ValueError("the peak-to-average ratio must be >= 1")
        if not 0 < self.utilisation <= 1:
            raise ValueError("utilisation must be in (0, 1]")
        if self.capacity.output_tokens_per_s <= 0:
            raise ValueError("capacity must be > 0 output tokens/s")
        if min(self.engineering_hours, self.hourly_rate, self.on_call, self.redundancy) < 0:
            raise ValueError("hours, rates, on-call and redundancy must be >= 0")
        if any(v < 0 for v in self.hidden.values()):
            raise ValueError("hidden cost lines must be >= 0")

    def replicas(self, shape: TicketShape, tickets_per_month: float) -> int:
        """Replicas for the peak hour at the planned utilisation, plus the redundancy."""
        peak_hour = tickets_per_month / HOURS_PER_MONTH * self.peak_to_average
        per_replica = self.capacity.tickets_per_hour(shape, self.utilisation)
        needed = peak_hour / per_replica if per_replica > 0 else math.inf
        if not needed <= MAX_REPLICAS:
            raise ValueError(
                f"the capacity ({self.capacity.output_tokens_per_s:g} output tokens/s) is too "
                f"small for {tickets_per_month:,.4g} tickets/month: it would take more than "
                f"{MAX_REPLICAS:,.0f} replicas; check the capacity and the volume"
            )
        serving = max(1, math.ceil(needed - 1e-9))
        return serving + self.redundancy

    def monthly(self, shape: TicketShape, tickets_per_month: float) -> dict[str, float]:
        replicas = self.replicas(shape, tickets_per_month)
        lines = {
            "replicas": float(replicas),
            "gpus": float(replicas * self.plan.gpus_per_replica),
            "gpu": replicas * self.plan.monthly_per_replica(),
            "engineering": self.engineering_hours * self.hourly_rate,
            "on-call": self.on_call,
            **self.hidden,
        }
        lines["total"] = sum(v for k, v in lines.items() if k not in ("replicas", "gpus"))
        return lines


def break_even(
    price: ApiPrice, shape: TicketShape, hosted: SelfHosted, *, up_to: float = 1e8
) -> float | None:
    """The smallest monthly ticket volume from which self-hosting costs no more than the API
    (the self-hosted cost steps with each replica), or None below ``up_to``."""
    per_ticket = api_cost_per_ticket(price, shape)
    if per_ticket <= 0:
        return None
    per_replica = hosted.capacity.tickets_per_hour(shape, hosted.utilisation)
    month_per_replica = per_replica * HOURS_PER_MONTH / hosted.peak_to_average
    if not (math.isfinite(month_per_replica) and month_per_replica > 0):
        return None
    most = math.ceil(up_to / month_per_replica) + 1  # serving replicas worth looking at

    def crossing_at(serving: int) -> float | None:
        low = 0.0 if serving == 1 else (serving - 1) * month_per_replica
        high = serving * month_per_replica
        cost = hosted.monthly(shape, (low + high) / 2)["total"]  # constant on (low, high]
        crossing = cost / per_ticket
        return max(crossing, low) if crossing <= high else None

    # Replica by replica while that is cheap; past it, bisect: the average cost per replica
    # only falls as replicas are added (fixed costs spread), so once self-hosting is as cheap
    # as the API at some size it stays so. Bounded work whatever the capacity.
    for serving in range(1, min(most, 1000) + 1):
        found = crossing_at(serving)
        if found is not None:
            return found if found <= up_to else None
    if most <= 1000 or crossing_at(most) is None:
        return None
    low_n, high_n = 1000, most  # no crossing at low_n, one at high_n
    while high_n - low_n > 1:
        middle = (low_n + high_n) // 2
        if crossing_at(middle) is None:
            low_n = middle
        else:
            high_n = middle
    found = crossing_at(high_n)
    return found if found is not None and found <= up_to else None


def payback_months(upfront: float, api_month: float, hosted_opex_month: float) -> float | None:
    """Months until bought hardware has paid for itself (None if it never does)."""
    saving = api_month - hosted_opex_month
    if upfront <= 0:
        return 0.0 if saving >= 0 else None
    return upfront / saving if saving > 0 else None


def gpu_plan(
    spec: str,
    gpus: int,
    *,
    price: float | None = None,
    amortisation_months: float = 36.0,
    watts: float | None = None,
    kwh_price: float = 0.15,
    pue: float = 1.4,
) -> GpuPlan:
    """``a100-80gb:reserved`` -> a plan priced from the dated table (``price`` overrides the
    per-GPU-hour rate, or the per-GPU purchase price)."""
    key, _, pricing = spec.partition(":")
    pricing = pricing or "reserved"
    if pricing not in ("on-demand", "reserved", "purchase"):
        raise InvalidInputError(
            f"'{spec}': pricing must be on-demand, reserved or purchase, e.g. a100-80gb:reserved"
        )
    row = find_gpu_price(key)
    hourly = row.on_demand_per_hour if pricing == "on-demand" else row.reserved_per_hour
    return GpuPlan(
        key,
        gpus,
        pricing,  # type: ignore[arg-type]
        hourly=price if price is not None and pricing != "purchase" else hourly,
        purchase=price if price is not None and pricing == "purchase" else row.purchase,
        amortisation_months=amortisation_months,
        watts=row.watts if watts is None else watts,
        kwh_price=kwh_price,
        pue=pue,
    )


@dataclass(frozen=True)
class Comparison:
    """The API against self-hosting at one volume."""

    api_monthly: float
    self_hosted: dict[str, float]  # the lines of SelfHosted.monthly, with replicas and total
    break_even: float | None
    payback_months: float | None  # bought hardware only


def compare(
    price: ApiPrice, shape: TicketShape, hosted: SelfHosted, tickets_per_month: float
) -> Comparison:
    api_month = api_monthly(price, shape, tickets_per_month)
    lines = hosted.monthly(shape, tickets_per_month)
    payback = None
    plan = hosted.plan
    if plan.pricing == "purchase":
        replicas = lines["replicas"]
        amortised = replicas * plan.gpus_per_replica * plan.purchase / plan.amortisation_months
        payback = payback_months(
            replicas * plan.upfront_per_replica(), api_month, lines["total"] - amortised
        )
    return Comparison(api_month, lines, break_even(price, shape, hosted), payback)
