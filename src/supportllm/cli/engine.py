"""``supportllm engine``: start, stop and inspect engine processes; run the fake engine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from supportllm.audit.setup import event_sink
from supportllm.cli.common import (
    DEMO_MODEL_WARNING,
    console,
    require_finite,
    settings_from,
    styled,
)
from supportllm.config import EngineKind
from supportllm.engines.commands import describe, launch_spec
from supportllm.engines.fake import FakeEngineConfig, run_fake_engine
from supportllm.engines.launch import is_healthy, list_engines, pid_alive, start_engine, stop_engine
from supportllm.engines.modelfile import PACKAGED_MODEL

app = typer.Typer(
    help="Start, stop and inspect engines (llama.cpp, vLLM, the fake engine).", no_args_is_help=True
)

EngineOption = Annotated[
    EngineKind | None, typer.Option(help="Which engine (default: the 'engine' setting, llamacpp).")
]
ModelOption = Annotated[
    str | None,
    typer.Option(help="llamacpp: GGUF path or 'org/repo:file.gguf'; vllm: Hugging Face model id."),
]


@app.command("start")
def start(ctx: typer.Context, engine: EngineOption = None, model: ModelOption = None) -> None:
    """Start an engine in the background, wait until it answers, and print its URL.

    The model file's SHA-256 is verified before loading. The engine keeps running after this
    command ends; `supportllm serve` and `trial` use an engine started this way instead of starting
    their own (the engines they start themselves stop with them).
    """
    nested = {engine or "llamacpp": {"model": model}} if model else {}
    settings = settings_from(ctx, engine=engine, **nested)
    out = console()
    with out.status("Checking the model files…"):  # a full SHA-256 of a big model takes a while
        spec = launch_spec(settings, on_pin_event=event_sink(settings))
    with out.status(f"Starting {spec.name} ({spec.served_model})…"):
        state, started = start_engine(
            spec, settings.data_dir, timeout_s=settings.engine_start_timeout_s, detached=True
        )
    verb = "started" if started else "already running"
    out.print(
        styled(
            "{} {}: [cyan]{}[/] (pid {}, model {})",
            spec.name,
            verb,
            state.base_url,
            state.pid,
            state.served_model,
        )
    )
    if state.model_sha256:
        out.print(f"model file {state.model_path}\nsha256 {state.model_sha256} (verified)")
    out.print(f"log: {state.log_path}; stop it with `supportllm engine stop {spec.name}`")
    if settings.engine == "llamacpp" and settings.llamacpp.model == PACKAGED_MODEL:
        out.print(styled("[yellow]{}[/]", DEMO_MODEL_WARNING), soft_wrap=True)


@app.command("stop")
def stop(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help="Engine to stop (llamacpp, vllm, fake); default: all.")
    ] = None,
) -> None:
    """Stop engines started with `supportllm engine start` (SIGTERM, then SIGKILL)."""
    settings = settings_from(ctx)
    names = [name] if name else [state.name for state in list_engines(settings.data_dir)]
    out = console()
    if not names:
        out.print("no engines are running")
        return
    for each in names:
        stopped = stop_engine(settings.data_dir, each)
        out.print(f"stopped {each} (pid {stopped.pid})" if stopped else f"{each} is not running")


@app.command("status")
def status(ctx: typer.Context) -> None:
    """List the engines started from this data folder, with their health."""
    settings = settings_from(ctx)
    states = list_engines(settings.data_dir)
    out = console()
    if not states:
        out.print(
            f"no engines recorded in {settings.data_dir}; start one with `supportllm engine start`"
        )
        return
    table = Table()
    for column in ("engine", "pid", "url", "model", "sha256", "state", "log"):
        table.add_column(column)
    for state in states:
        alive = pid_alive(state.pid)
        health = (
            ("healthy" if is_healthy(state.health_url) else "not answering") if alive else "exited"
        )
        table.add_row(
            state.name,
            str(state.pid),
            state.base_url,
            state.served_model,
            (state.model_sha256 or "")[:12],
            health,
            state.log_path,
        )
    out.print(table)


@app.command("command")
def command(ctx: typer.Context, engine: EngineOption = None, model: ModelOption = None) -> None:
    """Print the command line that `engine start` would run (nothing is started).

    Useful to check a vLLM launch (prefix caching, AWQ, tensor parallelism, speculative decoding,
    LoRA) on a machine without a GPU.
    """
    nested = {engine or "llamacpp": {"model": model}} if model else {}
    settings = settings_from(ctx, engine=engine, **nested)
    spec = launch_spec(settings, vllm_executable="vllm", check_pins=False)
    console().print(describe(spec), soft_wrap=True)


@app.command("fake")
def fake(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 9000,
    ttft_ms: Annotated[float, typer.Option(help="Time to first token.")] = 0.0,
    itl_ms: Annotated[float, typer.Option(help="Delay between tokens.")] = 0.0,
    tokens: Annotated[int, typer.Option(help="Reply length when max_tokens allows it.")] = 20,
    model: Annotated[str, typer.Option(help="Model name the engine reports.")] = "fake-model",
    reply: Annotated[
        list[str] | None,
        typer.Option(
            help="Scripted reply (repeat for several; cycled). Default: a generated support reply."
        ),
    ] = None,
    replies_file: Annotated[
        Path | None,
        typer.Option(help="File with one scripted reply per line.", exists=True, dir_okay=False),
    ] = None,
    error_rate: Annotated[float, typer.Option(help="Share of requests answered HTTP 500.")] = 0.0,
    drop_rate: Annotated[float, typer.Option(help="Share of streams cut mid-way.")] = 0.0,
    hang_rate: Annotated[float, typer.Option(help="Share of requests never answered.")] = 0.0,
    workers: Annotated[int, typer.Option(help="Worker processes sharing the port.")] = 1,
    seed: Annotated[int | None, typer.Option(help="Seed for the injected failures.")] = None,
) -> None:
    """Run a fake OpenAI-compatible engine with scripted timing and failures (tests, benchmarks).

    A request can override the behaviour with a "fake" object in its body, e.g.
    {"fake": {"behaviour": "drop", "ttft_ms": 5, "tokens": 50}}; GET /fake/stats shows counters.
    """
    require_finite(locals())
    replies = tuple(reply or ())
    if replies_file is not None:
        replies += tuple(line for line in replies_file.read_text().splitlines() if line.strip())
    try:
        config = FakeEngineConfig(
            host=host,
            port=port,
            model=model,
            ttft_ms=ttft_ms,
            itl_ms=itl_ms,
            output_tokens=tokens,
            replies=replies,
            error_rate=error_rate,
            drop_rate=drop_rate,
            hang_rate=hang_rate,
            workers=workers,
            seed=seed,
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    console().print(
        f"fake engine on http://{host}:{port}/v1 (ttft {ttft_ms} ms, itl {itl_ms} ms, "
        f"{tokens} tokens, {workers} worker(s)); Ctrl-C stops"
    )
    try:
        run_fake_engine(config)
    except OSError as error:
        raise typer.BadParameter(f"cannot listen on {host}:{port}: {error.strerror}") from None
