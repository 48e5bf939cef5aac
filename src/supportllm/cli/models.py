"""``supportllm models``: the catalog of candidate models and "does it fit on this GPU?"."""

from __future__ import annotations

from typing import Annotated, get_args

import typer
from rich.table import Table
from rich.text import Text

from supportllm.cli import models_pin
from supportllm.cli.common import console, styled
from supportllm.engines.catalog import (
    GPUS,
    MODELS,
    FitEstimate,
    Precision,
    alternatives,
    estimate_fit,
    find_gpu,
    find_model,
)

app = typer.Typer(
    help="Candidate models, their licences and sizes, and whether they fit a GPU; "
    "model pins (SHA-256 manifests checked before an engine starts).",
    invoke_without_command=True,
)

PRECISIONS: tuple[str, ...] = get_args(Precision)
GpuOption = Annotated[str, typer.Option("--gpu", help="GPU (see `supportllm models gpus`).")]
ContextOption = Annotated[int, typer.Option(help="Tokens per sequence (prompt + reply).", min=1)]
ConcurrencyOption = Annotated[int, typer.Option(help="Concurrent sequences.", min=1)]


def _best_precision(model_key: str, gpu: str, context: int, concurrency: int) -> Text:
    model = find_model(model_key)
    for precision in ("bf16", "fp8", "awq-4bit"):
        if precision == "fp8" and not find_gpu(gpu).fp8:
            continue
        fit = estimate_fit(
            model,
            find_gpu(gpu),
            precision=precision,
            context=min(context, model.context),
            concurrency=concurrency,
        )
        if fit.fits:
            return styled("[green]{}[/]", precision)
    return styled("[red]no[/]")


@app.callback()
def catalog(
    ctx: typer.Context,
    gpu: GpuOption = "a100-80gb",
    context: ContextOption = 4096,
    concurrency: ConcurrencyOption = 32,
) -> None:
    """List the catalog; the last column says at which precision each model fits the GPU."""
    if ctx.invoked_subcommand is not None:
        return
    gpu_spec = find_gpu(gpu)
    table = Table(
        title=f"Models (fit: {gpu_spec.name}, {concurrency} × {context} tokens)",
        title_justify="left",
    )
    for column in ("key", "model", "params", "licence", "context", "BF16 GiB", "AWQ GiB", "fits"):
        table.add_column(column)
    for model in MODELS:
        params = f"{model.params_b:g}B" + (
            f" ({model.active_params_b:g}B active)"
            if model.active_params_b != model.params_b
            else ""
        )
        table.add_row(
            model.key,
            model.name,
            params,
            model.licence,
            f"{model.context // 1024}k",
            f"{model.weight_bytes('bf16') / 1024**3:.1f}",
            f"{model.weight_bytes('awq-4bit') / 1024**3:.1f}",
            _best_precision(model.key, gpu, context, concurrency),
        )
    console().print(table)
    console().print("Details: supportllm models fit MODEL --gpu GPU --precision awq-4bit")


def _print_fit(fit: FitEstimate) -> None:
    out = console()
    out.print(styled("[bold]{}[/] at {} on {}", fit.model.name, fit.precision, _gpus(fit)))
    out.print(f"  weights          {fit.weights_gib:7.1f} GiB")
    out.print(
        f"  KV cache         {fit.kv_cache_gib:7.1f} GiB  ({fit.concurrency} × {fit.context}"
        f" tokens, {fit.model.kv_bytes_per_token() / 1024:.0f} KiB/token)"
    )
    out.print(f"  runtime overhead {fit.overhead_gib:7.1f} GiB")
    out.print(
        f"  needed           {fit.needed_gib:7.1f} GiB of {fit.usable_gib:.1f} GiB usable "
        f"(gpu_memory_utilization {fit.gpu_memory_utilization:g})"
    )
    colour = "green" if fit.fits else "red"
    room = f"; room for {fit.max_concurrency} full-length sequences" if fit.max_concurrency else ""
    out.print(styled(f"  [{colour}]{{}}[/]{{}}", fit.verdict, room))


@app.command("fit")
def fit(
    model: Annotated[str, typer.Argument(help="Catalog key or Hugging Face id.")],
    gpu: GpuOption = "a100-80gb",
    precision: Annotated[str, typer.Option(help=f"One of: {', '.join(PRECISIONS)}.")] = "bf16",
    context: ContextOption = 4096,
    concurrency: ConcurrencyOption = 32,
    gpus: Annotated[int, typer.Option(help="GPUs (tensor parallel).", min=1)] = 1,
) -> None:
    """Estimate memory (weights + KV cache + overhead) and say whether MODEL fits."""
    if precision not in PRECISIONS:
        raise typer.BadParameter(
            f"'{precision}' is not one of: {', '.join(PRECISIONS)}", param_hint="--precision"
        )
    spec = find_model(model)
    if context > spec.context:
        raise typer.BadParameter(
            f"{spec.name} supports at most {spec.context} tokens", param_hint="--context"
        )
    estimate = estimate_fit(
        spec,
        find_gpu(gpu),
        precision=precision,  # type: ignore[arg-type]
        context=context,
        concurrency=concurrency,
        gpu_count=gpus,
    )
    _print_fit(estimate)
    if not estimate.fits:
        _print_alternatives(estimate)


def _gpus(fit: FitEstimate) -> str:
    return f"{fit.gpu_count} × {fit.gpu.name}" if fit.gpu_count > 1 else fit.gpu.name


def _print_alternatives(fit: FitEstimate) -> None:
    """Every way that would fit, from the same estimate: fewer streams, tensor parallel, a
    shorter context, another precision, a bigger GPU."""
    options = alternatives(fit)
    lines: list[str] = []
    if options.max_streams:
        lines.append(
            f"at most {options.max_streams} streams of {fit.context} tokens "
            f"(--concurrency {options.max_streams})"
        )
    if (more := options.more_gpus) is not None:
        lines.append(
            f"{_gpus(more)} with tensor parallelism (--gpus {more.gpu_count}): "
            f"{more.needed_gib:.1f} of {more.usable_gib:.1f} GiB"
        )
    if (shorter := options.shorter_context) is not None:
        lines.append(
            f"a context of at most {shorter.context} tokens at {fit.concurrency} streams "
            f"(--context {shorter.context})"
        )
    for other in options.other_precisions:
        lines.append(f"{other.precision} on {_gpus(other)} (--precision {other.precision})")
    if options.bigger_gpus:
        lines.append(
            "a bigger GPU: "
            + "; ".join(f"{o.precision} on {o.gpu.name}" for o in options.bigger_gpus[:3])
        )
    out = console()
    if not lines:
        out.print("  nothing in the catalog fits at these settings; try a smaller model")
        return
    out.print("  would fit:")
    for line in lines:
        out.print(f"    · {line}", soft_wrap=True)


@app.command("gpus")
def gpus_list() -> None:
    """List the GPUs the fit estimate knows."""
    table = Table()
    for column in ("key", "GPU", "memory GiB", "FP8"):
        table.add_column(column)
    for gpu in GPUS:
        table.add_row(gpu.key, gpu.name, f"{gpu.memory_gib:g}", "yes" if gpu.fp8 else "no")
    console().print(table)


models_pin.register(app)
