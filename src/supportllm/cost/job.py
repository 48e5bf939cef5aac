"""`supportllm cost` as a typed call: the API bill against self-hosting at one volume, with the
GPUs sized from a measured capacity, and every assumption in words. The CLI parses its options
into a ``CostPlan``, calls ``price_it`` and prints the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field

from supportllm.cost.assumptions import Assumed, cost_assumptions
from supportllm.cost.model import (
    REDUNDANCY,
    Capacity,
    Comparison,
    GpuPlan,
    SelfHosted,
    TicketShape,
    compare,
    gpu_plan,
)
from supportllm.cost.prices import ApiPrice
from supportllm.errors import InvalidInputError


@dataclass(frozen=True)
class CostPlan:
    tickets_per_month: float
    price: ApiPrice
    tokens_in: float
    tokens_out: float
    token_source: str  # where tokens per ticket come from (a replay, or assumed)
    capacity_tok_s: float  # output tokens/s one replica sustains at the SLOs
    capacity_source: str
    gpu: str = "a100-80gb:reserved"
    gpus_per_replica: int = 1
    gpu_price: float | None = None
    amortisation_months: float = 36.0
    watts: float | None = None
    kwh_price: float = 0.15
    pue: float = 1.4
    cached_share: float = 0.0
    peak_to_average: float = 2.0
    utilisation: float = 0.7
    redundancy: str = "n+1"
    engineering_hours: float = 40.0
    hourly_rate: float = 100.0
    on_call: float = 0.0
    hidden: dict[str, float] | None = None  # None: the seeds' four hidden lines
    currency: str = "usd"
    eur_per_usd: float = 0.92


@dataclass
class CostOutcome:
    plan: CostPlan
    shape: TicketShape
    gpus: GpuPlan
    hosted: SelfHosted
    result: Comparison
    assumptions: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.plan.eur_per_usd if self.plan.currency == "eur" else 1.0

    @property
    def symbol(self) -> str:
        return "€" if self.plan.currency == "eur" else "$"

    def money(self, usd: float) -> str:
        value = usd * self.rate
        if abs(value) >= 100:
            return f"{self.symbol}{value:,.0f}"
        if abs(value) >= 1:
            return f"{self.symbol}{value:,.2f}"
        return f"{self.symbol}{value:.4f}".rstrip("0").rstrip(".")  # per-ticket, per-token


def price_it(plan: CostPlan) -> CostOutcome:
    """Size the replicas from the capacity, compare with the API; InvalidInputError naming the
    value that cannot be used."""
    if plan.currency not in ("usd", "eur"):
        raise InvalidInputError(f"currency '{plan.currency}': use usd or eur")
    if plan.redundancy not in REDUNDANCY:
        raise InvalidInputError(f"redundancy '{plan.redundancy}': use n, n+1 or n+2")
    try:
        shape = TicketShape(plan.tokens_in, plan.tokens_out, plan.cached_share)
        gpus = gpu_plan(
            plan.gpu, plan.gpus_per_replica, price=plan.gpu_price,
            amortisation_months=plan.amortisation_months, watts=plan.watts,
            kwh_price=plan.kwh_price, pue=plan.pue,
        )  # fmt: skip
        hosted = SelfHosted(
            gpus, Capacity(plan.capacity_tok_s, plan.capacity_source), plan.peak_to_average,
            plan.utilisation, REDUNDANCY[plan.redundancy], plan.engineering_hours,
            plan.hourly_rate, plan.on_call,
            **({"hidden": plan.hidden} if plan.hidden is not None else {}),
        )  # fmt: skip
    except ValueError as error:
        raise InvalidInputError(f"{error}") from None
    try:
        result = compare(plan.price, shape, hosted, plan.tickets_per_month)
    except ValueError as error:
        raise InvalidInputError(f"{error}") from None
    outcome = CostOutcome(plan, shape, gpus, hosted, result)
    money = outcome.money
    gpu_terms = (
        f"{money(gpus.hourly)}/GPU-hour"
        if gpus.pricing != "purchase"
        else f"{money(gpus.purchase)}/GPU over {plan.amortisation_months:g} months + power "
        f"{gpus.watts:g} W × {money(plan.kwh_price)}/kWh × PUE {plan.pue:g}"
    )
    outcome.assumptions = [
        f"tokens per ticket {plan.tokens_in:,.0f} in / {plan.tokens_out:,.0f} out — "
        f"{plan.token_source}",
        f"capacity per replica: {plan.capacity_source}",
        *cost_assumptions(
            Assumed(
                plan.price, plan.peak_to_average, plan.utilisation, plan.redundancy,
                plan.engineering_hours, plan.hourly_rate, plan.currency, plan.eur_per_usd,
                on_call=plan.on_call, gpu_terms=gpu_terms, cached_share=plan.cached_share,
            ),
            money,
        ),
    ]  # fmt: skip
    return outcome
