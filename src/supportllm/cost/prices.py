"""Dated default prices. Every one is overridable; every report shows ``PRICES_DATE``.

API prices are the providers' published list prices per million tokens (USD) as known on
``PRICES_DATE``; GPU prices are typical cloud rates (the seeds quote $1.50–2.50/h on-demand and
$0.80–1.20/h reserved for an A100 80GB) and list purchase prices. Check them before deciding.
"""

from __future__ import annotations

from dataclasses import dataclass

from supportllm.errors import InvalidInputError

PRICES_DATE = "2025-06-01"


@dataclass(frozen=True)
class ApiPrice:
    key: str
    name: str
    input_per_m: float
    output_per_m: float
    cached_input_per_m: float | None = None  # prompt-caching price, where the provider has one


@dataclass(frozen=True)
class GpuPrice:
    key: str  # matches engines.catalog.GPUS
    on_demand_per_hour: float
    reserved_per_hour: float
    purchase: float
    watts: float


API_PRICES: tuple[ApiPrice, ...] = (
    ApiPrice("gpt-4o", "OpenAI GPT-4o", 2.50, 10.00, 1.25),
    ApiPrice("gpt-4o-mini", "OpenAI GPT-4o mini", 0.15, 0.60, 0.075),
    ApiPrice("claude-sonnet", "Anthropic Claude Sonnet", 3.00, 15.00, 0.30),
    ApiPrice("claude-haiku", "Anthropic Claude Haiku", 0.80, 4.00, 0.08),
)

GPU_PRICES: tuple[GpuPrice, ...] = (
    GpuPrice("a100-40gb", 1.40, 0.80, 9_000, 400),
    GpuPrice("a100-80gb", 2.00, 1.00, 15_000, 400),
    GpuPrice("h100-80gb", 2.99, 2.10, 30_000, 700),
    GpuPrice("h200-141gb", 3.80, 2.80, 35_000, 700),
    GpuPrice("l40s", 1.10, 0.80, 9_000, 350),
    GpuPrice("l4", 0.80, 0.55, 3_000, 72),
    GpuPrice("a10g", 1.00, 0.70, 3_500, 150),
    GpuPrice("rtx4090", 0.70, 0.45, 2_000, 450),
    GpuPrice("rtx3090", 0.40, 0.30, 1_000, 350),
    GpuPrice("t4", 0.35, 0.25, 1_000, 70),
)


def find_api(key: str) -> ApiPrice:
    for price in API_PRICES:
        if price.key == key:
            return price
    known = ", ".join(p.key for p in API_PRICES)
    raise InvalidInputError(f"unknown API '{key}'; known: {known} (or give --api-price IN/OUT)")


def find_gpu_price(key: str) -> GpuPrice:
    for price in GPU_PRICES:
        if price.key == key:
            return price
    known = ", ".join(p.key for p in GPU_PRICES)
    raise InvalidInputError(f"no price for GPU '{key}'; known: {known} (or give --gpu-price)")
