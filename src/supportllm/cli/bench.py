"""``supportllm bench``: the load benchmark, and ``bench compare`` for several runs."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from supportllm.bench.document import LevelDocument, RunDocument
from supportllm.cli.common import console, err_console, require_finite, settings_from, styled
from supportllm.errors import BenchmarkError

if TYPE_CHECKING:  # the benchmark's modules load when a run starts: `--help` stays fast
    from supportllm.bench.load import LevelSpec

app = typer.Typer(
    help="Load-test any OpenAI-compatible endpoint with support-shaped traffic, and compare runs.",
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode="rich",
)

BENCH_HELP = """\
Load-test an OpenAI-compatible endpoint (the gateway, vLLM, llama.cpp, an external API).

Runs one level per --concurrency value (closed loop; 1 = "batch 1") or per --rate value
(Poisson arrivals, open loop), then prints the seeds' table and writes run.json (config, every
request with per-chunk timestamps, summary, capacity at the SLOs), summary.csv, requests.csv,
report.md and PNG plots into --out. Metrics follow vLLM's definitions (TTFT, ITL, TPOT, E2EL).

  supportllm bench --url http://127.0.0.1:8080/v1 --model support --concurrency 1,8,32,64
  supportllm bench --url http://gpu:8000/v1 --rate 2,4,8 --duration 60 --slo ttft=500,tpot=50
  supportllm bench compare runs/qwen7b runs/mistral7b

Ctrl-C stops the run and still writes what was measured.
"""

_HEADER = re.compile(r"^\s*([A-Za-z0-9-]+)\s*:\s*(.+?)\s*$")


def _int_list(text: str, what: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise typer.BadParameter(
            f"'{text}' is not a list of whole numbers, e.g. 1,8,32", param_hint=what
        ) from None
    if not values or min(values) < 1:
        raise typer.BadParameter(f"'{text}': give numbers >= 1, e.g. 1,8,32", param_hint=what)
    return values


def _float_list(text: str, what: str) -> list[float]:
    try:
        values = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise typer.BadParameter(
            f"'{text}' is not a list of numbers, e.g. 1,2.5,5", param_hint=what
        ) from None
    if not values or min(values) <= 0 or not all(math.isfinite(v) for v in values):
        raise typer.BadParameter(f"'{text}': give request rates > 0, e.g. 1,2.5,5", param_hint=what)
    return values


def _headers(values: list[str], api_key: str | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if api_key:
        headers["authorization"] = f"Bearer {api_key}"
    for value in values:
        match = _HEADER.match(value)
        if match is None:
            raise typer.BadParameter(f"'{value}' is not 'Name: value'", param_hint="--header")
        headers[match.group(1).lower()] = match.group(2)
    return headers


def _extra_body(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise typer.BadParameter(f"not JSON ({error})", param_hint="--extra-body") from None
    if not isinstance(value, dict):
        raise typer.BadParameter(
            "must be a JSON object, e.g. '{\"temperature\": 0}'", param_hint="--extra-body"
        )
    return value


def _levels(
    concurrency: str | None,
    rate: str | None,
    max_concurrency: int | None,
    requests: int | None,
    duration: float | None,
    warmup: int | None,
    ramp_up: float,
    seed: int,
) -> list[LevelSpec]:
    from supportllm.bench.load import LevelSpec

    if concurrency and rate:
        raise typer.BadParameter("give --concurrency (closed loop) or --rate (open loop), not both")
    count = None if duration is not None else requests
    if rate:
        return [
            LevelSpec(
                "rate",
                max_concurrency,
                value,
                count,
                duration,
                warmup if warmup is not None else max(1, min(50, math.ceil(value))),
                seed,
            )
            for value in _float_list(rate, "--rate")
        ]
    from supportllm.bench.job import closed_loop_levels

    return closed_loop_levels(
        _int_list(concurrency or "1,8,32", "--concurrency"),
        requests,
        duration=duration,
        warmup=warmup,
        ramp_up=ramp_up,
        seed=seed,
    )


class _Live:
    """Progress bars and one line per finished level."""

    def __init__(self, enabled: bool) -> None:
        self.progress = Progress(
            TextColumn("{task.description:<22}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[errors]}"),
            TimeElapsedColumn(),
            console=err_console(),
            disable=not enabled,
            refresh_per_second=4,
        )
        self.task: TaskID | None = None

    def note(self, message: str) -> None:
        self.progress.console.print(styled("[yellow]note:[/] {}", message), soft_wrap=True)

    def level_started(self, number: int, spec: LevelSpec, workers: int) -> None:
        label = spec.label + (f" ×{workers} proc" if workers > 1 else "")
        self.task = self.progress.add_task(label, total=spec.total, errors="")

    def level_progress(self, finished: int, errors: int) -> None:
        if self.task is not None:
            text = f"[red]{errors} errors[/]" if errors else ""
            self.progress.update(self.task, completed=finished, errors=text)

    def level_finished(self, level: LevelDocument) -> None:
        from supportllm.bench.report import fmt

        s = level["summary"]
        parts: list[str | Text] = [
            f"TTFT p50 {fmt(s['ttft_ms']['p50'], 1)} ms",
            f"ITL p50 {fmt(s['itl_ms']['p50'], 1)} ms",
            f"{fmt(s['output_tokens_per_s'])} tok/s",
            f"{fmt(s['requests_per_s'], 2)} req/s",
        ]
        if s["failed"]:
            parts.append(styled("[red]{} failed[/] ({})", s["failed"], ", ".join(s["errors"])))
        line = Text(f"  {level['label']}: ") + Text(", ").join(
            Text(p) if isinstance(p, str) else p for p in parts
        )
        self.progress.console.print(line, soft_wrap=True)
        if level.get("stopped"):
            self.progress.console.print(styled("  [yellow]stopped:[/] {}", level["stopped"]))


def _print_table(runs: list[RunDocument]) -> None:
    from supportllm.bench.results import console_rows

    columns, rows = console_rows(runs)
    table = Table(*columns, show_lines=False)
    for column in table.columns[2:]:
        column.justify = "right"
    for row in rows:
        table.add_row(*row)
    console().print(table)


def _print_warnings(runs: list[RunDocument]) -> None:
    """What report.md warns about, on the terminal too."""
    from supportllm.bench.report import length_warning

    for run in runs:
        if (warning := length_warning(run)) is not None:
            console().print(styled("[yellow]warning:[/] {}", warning), soft_wrap=True)


def _default_out(name: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "run"
    return Path("runs") / f"bench-{safe}-{stamp}"


@app.callback(help=BENCH_HELP)
def bench(
    ctx: typer.Context,
    url: Annotated[
        str | None, typer.Option(help="API base of the endpoint, e.g. http://127.0.0.1:8080/v1.")
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(help="Model name to request (default: the only one the endpoint serves)."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(help="Label for this run in tables and plots (default: the model)."),
    ] = None,
    api: Annotated[
        str, typer.Option(help="'chat' (/chat/completions) or 'completions' (/completions).")
    ] = "chat",
    api_key: Annotated[
        str | None,
        typer.Option(help="Bearer key (default: SUPPORTLLM_BENCH_API_KEY).", show_default=False),
    ] = None,
    header: Annotated[
        list[str] | None, typer.Option(help="Extra request header 'Name: value' (repeat).")
    ] = None,
    extra_body: Annotated[
        str | None,
        typer.Option(help="JSON merged into every request body, e.g. '{\"temperature\": 0}'."),
    ] = None,
    workload: Annotated[
        str,
        typer.Option(
            help="support (system prompt + KB passages + ticket), replay (tickets file), random."
        ),
    ] = "support",
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            help="KB documents (anything `kb ingest` reads) or a StackFAQ JSON; repeat. "
            "Default: the demo help centre."
        ),
    ] = None,
    tickets: Annotated[
        Path | None,
        typer.Option(
            help="Tickets (.jsonl/.csv with 'body', optional 'subject', 'lang'…): what replay "
            "sends, or the ticket texts of support prompts.",
            dir_okay=False,
        ),
    ] = None,
    input_tokens: Annotated[
        str,
        typer.Option(
            help="Prompt length in the server's tokens: 300, 200:800, normal:500,100, "
            "lognormal:400,0.5."
        ),
    ] = "200:800",
    output_tokens: Annotated[
        str,
        typer.Option(
            help="Reply length (max_tokens; min_tokens/ignore_eos hold it where the engine allows)."
        ),
    ] = "80:300",
    prefix_share: Annotated[
        float,
        typer.Option(
            help="Share of the mean prompt common to all requests (system prompt + guidance), "
            "0–0.9."
        ),
    ] = 0.25,
    passages: Annotated[int, typer.Option(help="KB passages per support prompt.")] = 4,
    seed: Annotated[int, typer.Option(help="Seed for prompts, lengths and arrivals.")] = 0,
    concurrency: Annotated[
        str | None,
        typer.Option(
            help="Closed loop: concurrent streams per level, e.g. 1,8,32,64 (default: 1,8,32).",
            show_default=False,
        ),
    ] = None,
    rate: Annotated[
        str | None,
        typer.Option(help="Open loop: Poisson arrival rates (requests/s) per level, e.g. 1,2,4."),
    ] = None,
    max_concurrency: Annotated[
        int | None, typer.Option(help="With --rate: at most this many requests in flight.", min=1)
    ] = None,
    requests: Annotated[int, typer.Option(help="Measured requests per level.", min=1)] = 100,
    duration: Annotated[
        float | None, typer.Option(help="Seconds per level instead of a request count.", min=1)
    ] = None,
    warmup: Annotated[
        int | None,
        typer.Option(
            help="Warm-up requests per level, left out of the figures "
            "(default: one per stream; 1 s of arrivals).",
            min=0,
            show_default=False,
        ),
    ] = None,
    ramp_up: Annotated[
        float, typer.Option(help="Closed loop: streams start spread over this many seconds.", min=0)
    ] = 1.0,
    slo: Annotated[
        str,
        typer.Option(help="Service levels in ms for goodput and capacity: ttft, tpot, itl, e2el."),
    ] = "ttft=1000,tpot=100",
    slo_percentile: Annotated[
        int, typer.Option(help="Percentile the capacity figure holds the SLOs at.", min=50, max=100)
    ] = 95,
    max_error_rate: Annotated[
        float | None,
        typer.Option(
            help="Stop the run when more than this share of requests fail (e.g. 0.1).", min=0, max=1
        ),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds one request may take.", min=1)] = 600.0,
    length_control: Annotated[
        bool,
        typer.Option(help="Send min_tokens and ignore_eos so replies reach their target length."),
    ] = True,
    metrics: Annotated[
        bool, typer.Option(help="Scrape the server's Prometheus /metrics during the run.")
    ] = True,
    metrics_url: Annotated[
        str | None,
        typer.Option(help="Where the metrics are (default: /metrics at the URL's origin)."),
    ] = None,
    scrape_interval: Annotated[
        float, typer.Option(help="Seconds between metric scrapes.", min=0.1)
    ] = 1.0,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Client processes per level (default: auto, 1 up to 2,000 streams).",
            min=1,
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Folder for the results (default: runs/bench-<name>-<time>).",
            show_default=False,
            file_okay=False,
        ),
    ] = None,
    progress: Annotated[bool, typer.Option(help="Show progress bars.")] = True,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    if url is None:
        typer.echo(ctx.get_help())
        raise typer.BadParameter(
            "give the endpoint to test, e.g. --url http://127.0.0.1:8080/v1", param_hint="--url"
        )
    from supportllm.bench.client import Endpoint
    from supportllm.bench.lengths import LengthDist
    from supportllm.bench.metrics import SLO
    from supportllm.bench.runner import BenchConfig
    from supportllm.bench.workload import WorkloadSpec

    if api not in ("chat", "completions"):
        raise typer.BadParameter("use 'chat' or 'completions'", param_hint="--api")
    require_finite(locals())
    if workload not in ("support", "replay", "random"):
        raise typer.BadParameter("use support, replay or random", param_hint="--workload")
    if workload == "replay" and tickets is None:
        raise typer.BadParameter("the replay workload needs --tickets FILE", param_hint="--tickets")
    settings = settings_from(ctx)
    key = api_key or (settings.bench_api_key.get_secret_value() if settings.bench_api_key else None)
    lengths = {}
    for option, text in (("--input-tokens", input_tokens), ("--output-tokens", output_tokens)):
        try:
            lengths[option] = LengthDist.parse(text)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint=option) from None
    lengths_in, lengths_out = lengths["--input-tokens"], lengths["--output-tokens"]
    try:
        spec = WorkloadSpec(workload, lengths_in, lengths_out, prefix_share, passages, seed)  # type: ignore[arg-type]
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    try:
        slos = SLO.parse(slo)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--slo") from None
    endpoint = Endpoint.parse(url)
    config = BenchConfig(
        url=endpoint.base_url,
        levels=_levels(
            concurrency, rate, max_concurrency, requests, duration, warmup, ramp_up, seed
        ),
        model=model,
        name=name,
        api=api,  # type: ignore[arg-type]
        headers=_headers(header or [], key),
        extra_body=_extra_body(extra_body),
        workload=spec,
        corpus=list(corpus or []),
        tickets=tickets,
        slo=slos,
        slo_percentile=slo_percentile,
        max_error_rate=max_error_rate,
        timeout=timeout,
        length_control=length_control,
        scrape=metrics,
        metrics_url=metrics_url,
        scrape_interval=scrape_interval,
        workers=workers,
    )
    err_console().print(
        f"bench → {endpoint.base_url}  workload {workload}, "
        f"{', '.join(level.label for level in config.levels)}, "
        + (f"{duration:g} s per level" if duration else f"{requests} requests per level"),
        soft_wrap=True,
    )
    from supportllm.bench.job import run_to_folder

    live = _Live(progress)
    with live.progress:
        outcome = run_to_folder(config, out, live, interruptible=True, default_out=_default_out)
    result, folder, files = outcome.run, outcome.folder, outcome.files
    _print_table([result])
    from supportllm.bench.report import capacity_line

    console().print(capacity_line(result).replace("**", ""), soft_wrap=True)
    _print_warnings([result])
    console().print(f"results: {folder}/ ({', '.join(f.name for f in files)})", soft_wrap=True)
    completed = sum(level["summary"]["completed"] for level in result["levels"])
    if completed and result["stopped"] == "interrupted":
        err_console().print("interrupted: partial results written")
        raise typer.Exit(130)
    if (failure := outcome.failure()) is not None:
        raise BenchmarkError(failure)


@app.command("compare")
def compare_command(
    runs: Annotated[
        list[Path],
        typer.Argument(help="Run folders written by `supportllm bench` (or their run.json)."),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            help="Folder for the merged table, report and plots (default: runs/compare-<time>).",
            show_default=False,
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Merge several runs into one table, one Markdown report and one set of plots."""
    from supportllm.bench.compare import compare

    folder = out or Path("runs") / f"compare-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}"
    loaded, files = compare(runs, folder)
    _print_table(loaded)
    from supportllm.bench.report import capacity_line

    for run in loaded:
        console().print(capacity_line(run).replace("**", ""), soft_wrap=True)
    _print_warnings(loaded)
    console().print(f"comparison: {folder}/ ({', '.join(f.name for f in files)})", soft_wrap=True)
