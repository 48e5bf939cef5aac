"""What a ticket costs, for the metrics: the cost model's dated list prices (cost/prices.py) and
its per-ticket formula (cost/model.py), applied to each answered request's own token counts.

- ``baseline(prompt, completion)``: what the request would have cost on the baseline API
  (``metrics.api_baseline``, or ``metrics.api_baseline_price``), with
  ``metrics.cached_input_share`` of its input at the cached-input price.
- ``external(upstream, prompt, completion)``: what a request answered by an external API cost
  (``metrics.external_prices[upstream]``, else the baseline price).
- ``self_hosted_monthly``: the fixed monthly cost of self-hosted serving
  (``metrics.self_hosted_monthly_usd``, else ``self_hosted_gpu`` × ``self_hosted_gpus`` priced
  by ``cost.model.gpu_plan``), accrued over the gateway's uptime at scrape time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from supportllm.config_operate import MetricsSettings
from supportllm.cost.model import HOURS_PER_MONTH, TicketShape, api_cost_per_ticket, gpu_plan
from supportllm.cost.prices import PRICES_DATE, ApiPrice, find_api

SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600.0


@dataclass(frozen=True)
class TicketPricing:
    baseline_price: ApiPrice
    cached_input_share: float = 0.0
    external_prices: dict[str, ApiPrice] = field(default_factory=dict)
    self_hosted_monthly: float | None = None
    prices_date: str = PRICES_DATE

    @classmethod
    def from_settings(cls, settings: MetricsSettings) -> TicketPricing:
        if settings.api_baseline_price is not None:
            given_in, given_out = settings.api_baseline_price
            baseline = ApiPrice("custom", "metrics.api_baseline_price", given_in, given_out)
        else:
            baseline = find_api(settings.api_baseline)
        monthly = settings.self_hosted_monthly_usd
        if monthly is None and settings.self_hosted_gpu is not None:
            plan = gpu_plan(settings.self_hosted_gpu, settings.self_hosted_gpus)
            monthly = plan.monthly_per_replica()
        return cls(
            baseline,
            settings.cached_input_share,
            {name: find_api(key) for name, key in settings.external_prices.items()},
            monthly,
        )

    def _cost(self, price: ApiPrice, prompt: int, completion: int) -> float:
        shape = TicketShape(prompt, completion, self.cached_input_share)
        return api_cost_per_ticket(price, shape)

    def baseline(self, prompt: int, completion: int) -> float:
        """USD the baseline API would have billed for these tokens (completion > 0)."""
        return self._cost(self.baseline_price, prompt, completion)

    def external(self, upstream: str, prompt: int, completion: int) -> float:
        """USD the external upstream billed for these tokens (completion > 0)."""
        price = self.external_prices.get(upstream, self.baseline_price)
        return self._cost(price, prompt, completion)

    def self_hosted_accrued(self, uptime_s: float) -> float | None:
        """USD of self-hosted serving accrued over ``uptime_s`` (None when not configured)."""
        if self.self_hosted_monthly is None:
            return None
        return self.self_hosted_monthly * uptime_s / SECONDS_PER_MONTH
