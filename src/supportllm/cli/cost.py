"""``supportllm cost``: the API bill against self-hosting, from the measured capacity."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from supportllm.cli.common import console, err_console, require_finite, styled
from supportllm.cost.files import write_cost
from supportllm.cost.inputs import capacity_from_bench, tokens_from_replay


def register(app: typer.Typer) -> None:
    app.command("cost")(cost_command)


def _pair(text: str, what: str) -> tuple[float, float]:
    try:
        first, second = (float(x) for x in text.split("/"))
    except ValueError:
        raise typer.BadParameter(f"'{text}' is not A/B, e.g. 800/250", param_hint=what) from None
    if first < 0 or second <= 0:
        raise typer.BadParameter(f"'{text}': give numbers > 0", param_hint=what)
    return first, second


def _hidden(text: str | None) -> dict[str, float] | None:
    if text is None:
        return None
    lines: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        try:
            lines[name.strip()] = float(value)
        except ValueError:
            raise typer.BadParameter(
                f"'{part}' is not NAME=AMOUNT", param_hint="--hidden"
            ) from None
    return lines


def cost_command(
    tickets_per_month: Annotated[
        float | None, typer.Option(help="Tickets (or queries) per month.", min=1)
    ] = None,
    tickets_per_day: Annotated[
        float | None, typer.Option(help="Or: tickets (or queries) per day (× 30).", min=1)
    ] = None,
    api: Annotated[
        str,
        typer.Option(
            help="The API being replaced: gpt-4o, gpt-4o-mini, claude-sonnet, claude-haiku."
        ),
    ] = "gpt-4o",
    api_price: Annotated[
        str | None, typer.Option(help="Override: USD per million input/output tokens, e.g. 3/15.")
    ] = None,
    cached_share: Annotated[
        float,
        typer.Option(
            help="Share of input tokens billed at the provider's prompt-cache price.", min=0, max=1
        ),
    ] = 0.0,
    tokens_per_ticket: Annotated[
        str, typer.Option(help="Input/output tokens per ticket.")
    ] = "800/250",
    replay: Annotated[
        Path | None,
        typer.Option(help="A replay run: tokens per ticket measured there.", file_okay=False),
    ] = None,
    gpu: Annotated[
        str, typer.Option(help="GPU[:on-demand|reserved|purchase], e.g. a100-80gb:reserved.")
    ] = "a100-80gb:reserved",
    gpus_per_replica: Annotated[int, typer.Option(help="GPUs one model replica uses.", min=1)] = 1,
    gpu_price: Annotated[
        float | None,
        typer.Option(help="Override: USD per GPU-hour (rented) or per GPU (purchase).", min=0),
    ] = None,
    amortisation_months: Annotated[
        float, typer.Option(help="Months bought hardware is written off over.", min=1)
    ] = 36,
    watts: Annotated[
        float | None, typer.Option(help="Power per GPU under load (default: the GPU's).", min=0)
    ] = None,
    kwh_price: Annotated[float, typer.Option(help="USD per kWh.", min=0)] = 0.15,
    pue: Annotated[float, typer.Option(help="Power usage effectiveness of the room.", min=1)] = 1.4,
    bench: Annotated[
        Path | None,
        typer.Option(help="A `supportllm bench` run: its capacity at the SLOs sizes the GPUs."),
    ] = None,
    capacity: Annotated[
        float | None,
        typer.Option(help="Or: output tokens/s one replica sustains at your SLOs.", min=0),
    ] = None,
    peak_to_average: Annotated[
        float, typer.Option(help="Busiest hour against the average hour.", min=1)
    ] = 2.0,
    utilisation: Annotated[
        float, typer.Option(help="Planned share of the capacity in use at peak.", min=0.05, max=1)
    ] = 0.7,
    redundancy: Annotated[str, typer.Option(help="n (none), n+1 (synchronous chat), n+2.")] = "n+1",
    engineering_hours: Annotated[
        float, typer.Option(help="Engineering hours per month.", min=0)
    ] = 40,
    hourly_rate: Annotated[float, typer.Option(help="USD per engineering hour.", min=0)] = 100,
    on_call: Annotated[
        float, typer.Option(help="USD per month for the on-call rotation.", min=0)
    ] = 0,
    hidden: Annotated[
        str | None,
        typer.Option(
            help="Hidden cost lines, USD/month: 'monitoring=200,backup=150' "
            "(default: the seeds' four)."
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="Catalog model (see `supportllm models`): warns when it does not fit the GPU."
        ),
    ] = None,
    precision: Annotated[str, typer.Option(help="Precision for the fit check.")] = "bf16",
    currency: Annotated[str, typer.Option(help="usd or eur.")] = "usd",
    eur_per_usd: Annotated[
        float, typer.Option(help="Exchange rate for --currency eur.", min=0.01)
    ] = 0.92,
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for cost.json, cost.md and cost.png.", file_okay=False),
    ] = None,
) -> None:
    """Monthly cost of the API against self-hosting, cost per ticket, break-even volume and
    payback — with GPUs sized from the benchmark's measured capacity, not a guess.

      supportllm cost --tickets-per-month 40000 --api gpt-4o --gpu a100-80gb:reserved \\
          --bench runs/qwen7b --engineering-hours 40 --redundancy n+1
    """
    from supportllm.cost.job import CostPlan, price_it
    from supportllm.cost.model import api_cost_per_ticket
    from supportllm.cost.prices import PRICES_DATE, ApiPrice, find_api

    require_finite(locals())
    if (tickets_per_month is None) == (tickets_per_day is None):
        raise typer.BadParameter("give --tickets-per-month or --tickets-per-day")
    if tickets_per_month is None:
        assert tickets_per_day is not None
        tickets_per_month = tickets_per_day * 30
    if currency not in ("usd", "eur"):
        raise typer.BadParameter("use usd or eur", param_hint="--currency")
    if redundancy not in ("n", "n+1", "n+2"):
        raise typer.BadParameter("use n, n+1 or n+2", param_hint="--redundancy")
    if (bench is None) == (capacity is None):
        raise typer.BadParameter(
            "give the measured capacity: --bench RUN (or --capacity TOK_PER_S)"
        )
    price = find_api(api)
    if api_price is not None:
        inp, outp = _pair(api_price, "--api-price")
        price = ApiPrice(api, f"{api} (given price)", inp, outp, price.cached_input_per_m)
    if replay is not None:
        tin, tout, token_source = tokens_from_replay(replay)
    else:
        tin, tout = _pair(tokens_per_ticket, "--tokens-per-ticket")
        token_source = "assumed (--tokens-per-ticket)"
    if bench is not None:
        tps, cap_source, run = capacity_from_bench(bench)
        if not run["capacity"]["met"]:
            err_console().print(
                "warning: the benchmark met its SLOs at no level tested; sized with the busiest "
                "level measured, so the self-hosted figures hold only if that latency is "
                "acceptable: " + run["capacity"].get("reason", ""),
                soft_wrap=True,
            )
    else:
        assert capacity is not None
        tps, cap_source = capacity, "given (--capacity)"
    outcome = price_it(
        CostPlan(
            tickets_per_month, price, tin, tout, token_source, tps, cap_source, gpu,
            gpus_per_replica, gpu_price, amortisation_months, watts, kwh_price, pue,
            cached_share, peak_to_average, utilisation, redundancy, engineering_hours,
            hourly_rate, on_call, _hidden(hidden), currency, eur_per_usd,
        )
    )  # fmt: skip
    money, shape, plan = outcome.money, outcome.shape, outcome.gpus
    result = outcome.result
    api_month, lines = result.api_monthly, result.self_hosted
    crossing, payback = result.break_even, result.payback_months
    gpu_key, pricing = plan.gpu, plan.pricing
    if model is not None:
        _fit_warning(model, gpu_key, gpus_per_replica, precision)
    table = Table(
        "",
        "per month",
        "per ticket",
        title=f"{tickets_per_month:,.0f} tickets/month (prices of {PRICES_DATE})",
    )
    table.add_row(f"API: {price.name}", money(api_month), money(api_cost_per_ticket(price, shape)))
    table.add_row(
        f"self-hosted: {int(lines['replicas'])} × {gpus_per_replica} {gpu_key} ({pricing})",
        money(lines["total"]), money(lines["total"] / tickets_per_month),
    )  # fmt: skip
    for name, value in lines.items():
        if name not in ("replicas", "gpus", "total"):
            table.add_row(f"  {name}", money(value), "")
    console().print(table)
    verdict = "cheaper" if lines["total"] < api_month else "more expensive"
    console().print(
        f"Self-hosting is {verdict} at this volume "
        f"({money(lines['total'])} vs {money(api_month)} a month)."
    )
    console().print(
        "Break-even: "
        + (
            f"{crossing:,.0f} tickets/month"
            if crossing is not None
            else "never below 100 M tickets/month"
        )
    )
    if pricing == "purchase":
        console().print(
            "Payback of the hardware: "
            + (f"{payback:.1f} months" if payback is not None else "never at this volume")
        )
    assumptions = outcome.assumptions
    for line in assumptions:
        console().print(f"  · {line}", soft_wrap=True)
    if out is not None:
        write_cost(outcome, out)
        console().print(f"written: {out}/cost.json, cost.md, cost.png")


def _fit_warning(model: str, gpu_key: str, gpus: int, precision: str) -> None:
    from supportllm.engines.catalog import estimate_fit, find_gpu, find_model, suggest

    spec, gpu_spec = find_model(model), find_gpu(gpu_key)
    fit = estimate_fit(spec, gpu_spec, precision=precision, gpu_count=gpus)  # type: ignore[arg-type]
    if fit.fits:
        return
    options = [f"{o.gpu.key} at {o.precision}" for o in suggest(spec, 4096, 32)[:3]]
    err_console().print(
        styled(
            "[yellow]warning:[/] {}",
            f"{spec.key} at {precision} on {gpus} × {gpu_key}: {fit.verdict} "
            f"(needs {fit.needed_gib:.0f} GiB of {fit.usable_gib:.0f})"
            + (
                f"; it would fit on {', '.join(options)}"
                if options
                else "; more GPUs per replica are needed"
            ),
        ),
        soft_wrap=True,
    )
