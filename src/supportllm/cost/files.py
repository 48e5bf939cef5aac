"""`supportllm cost --out`: cost.json, cost.md and cost.png."""

from __future__ import annotations

import json
from pathlib import Path

from supportllm.cost.job import CostOutcome


def write_cost(outcome: CostOutcome, out: Path) -> None:
    """cost.json, cost.md and cost.png of one `supportllm cost` outcome."""
    plan, result = outcome.plan, outcome.result
    tickets, price, shape, hosted = (
        plan.tickets_per_month,
        plan.price,
        outcome.shape,
        outcome.hosted,
    )
    api_month, lines = result.api_monthly, result.self_hosted
    crossing, payback = result.break_even, result.payback_months
    assumptions, rate, symbol = outcome.assumptions, outcome.rate, outcome.symbol
    from supportllm.cost.plot import plot_cost

    out.mkdir(parents=True, exist_ok=True)
    document = {
        "format": "supportllm.cost/1",
        "tickets_per_month": tickets,
        "api_monthly_usd": api_month,
        "self_hosted_monthly_usd": lines,
        "break_even_tickets_per_month": crossing,
        "payback_months": payback,
        "assumptions": assumptions,
    }
    (out / "cost.json").write_text(json.dumps(document, indent=2) + "\n")
    rows = [
        f"| {k} | {symbol}{v * rate:,.0f} |"
        for k, v in lines.items()
        if k not in ("replicas", "gpus")
    ]
    md = [
        f"# Cost at {tickets:,.0f} tickets/month",
        "",
        "| line | per month |",
        "|---|---:|",
        f"| API ({price.name}) | {symbol}{api_month * rate:,.0f} |",
        *rows,
        "",
        f"Break-even: {'never' if crossing is None else f'{crossing:,.0f} tickets/month'}.",
        "",
        "Assumptions:",
        *(f"- {a}" for a in assumptions),
        "",
        "![cost](cost.png)",
    ]
    (out / "cost.md").write_text("\n".join(md) + "\n")
    plot_cost(out / "cost.png", price, shape, hosted, tickets, crossing, rate, symbol)
