"""``supportllm trial``: the whole one-day experiment, then the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supportllm.cli.common import DEMO_MODEL_WARNING, console, err_console, settings_from, styled
from supportllm.engines.lifetime import sigterm_raises


def register(app: typer.Typer) -> None:
    app.command("trial")(trial_command)


def trial_command(
    ctx: typer.Context,
    config_file: Annotated[
        Path | None,
        typer.Argument(help="trial.toml (see docs/trial.md).", dir_okay=False, show_default=False),
    ] = None,
    demo: Annotated[
        bool, typer.Option(help="The whole trial on the embedded engine, offline, in minutes.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(help="Output folder (default: trial.toml's out).", file_okay=False),
    ] = None,
) -> None:
    """For each candidate: start or attach the engine, benchmark, replay the tickets, judge,
    cost — then one report (HTML with the plots inside, Markdown, JSON) with a verdict per
    candidate. Run it again to resume: finished steps are not redone."""
    from supportllm.trial.config import demo_config, load_trial
    from supportllm.trial.report import build_report, write_report
    from supportllm.trial.run import run_trial

    if demo == (config_file is not None):
        raise typer.BadParameter("give a trial.toml or --demo (one of them)")
    config = demo_config(out or Path("runs/trial-demo")) if demo else load_trial(config_file)  # type: ignore[arg-type]
    if out is not None:
        config.out = out
    settings = settings_from(ctx, log_requests_to_stdout=False)
    if demo:
        err_console().print(styled("[yellow]note:[/] {}", DEMO_MODEL_WARNING), soft_wrap=True)
        from supportllm.demo import demo_kb_path
        from supportllm.trial.run import ingest_kb

        console().print("loading the demo knowledge base (if the knowledge base is empty)")
        ingest_kb(demo_kb_path(), settings, demo=True)
    with sigterm_raises():  # a CI time-out or `kill`: the engines the trial started stop too
        outcome = run_trial(
            config, settings, say=lambda text: console().print(text, soft_wrap=True)
        )
    report = build_report(config, settings, outcome)
    files = write_report(report, config.out)
    console().print()
    console().print(styled("[bold]Is self-hosting worth it for you?[/]"))
    console().print(f"  {report['answer']}", soft_wrap=True)
    console().print(styled("[bold]Per candidate[/]"))
    for row in report["candidates"]:
        console().print(f"  {row['verdict']}", soft_wrap=True)
    console().print(f"report: {files[0]} (and {files[1].name}, {files[2].name})")
