"""The ``supportllm`` entry point: command groups and plain, one-line errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from supportllm import __version__
from supportllm.cli import (
    audit,
    bench,
    config_cmd,
    cost,
    engine,
    grade,
    guard,
    kb,
    keys,
    models,
    replay,
    rollout,
    route,
    sample,
    serve,
    status,
    tickets,
    trial,
)
from supportllm.cli.common import CLIState, err_console, styled
from supportllm.errors import SupportLLMError
from supportllm.runtime import bound_openmp_spin

HELP = """\
supportllm: find out, with measurements, whether to self-host your support assistant on
open-weight models, then run it behind an OpenAI-compatible gateway.

Quick start (offline, CPU, embedded demo model):  supportllm serve
Then call http://127.0.0.1:8080/v1 with any OpenAI client and the key it prints.

Settings come from SUPPORTLLM_* environment variables, then supportllm.toml, then defaults:
see `supportllm config show`.
"""


def build_app() -> typer.Typer:
    app = typer.Typer(
        help=HELP,
        no_args_is_help=True,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
        add_completion=False,
    )

    @app.callback()
    def main(
        ctx: typer.Context,
        config: Annotated[
            Path | None,
            typer.Option(
                "--config",
                "-c",
                help="TOML settings file (default: $SUPPORTLLM_CONFIG or "
                "./supportllm.toml if present)",
                dir_okay=False,
            ),
        ] = None,
        version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
    ) -> None:
        if version:
            typer.echo(f"supportllm {__version__}")
            raise typer.Exit()
        ctx.obj = CLIState(config_file=config)

    serve.register(app)
    replay.register(app)
    cost.register(app)
    trial.register(app)
    app.add_typer(bench.app, name="bench")
    app.add_typer(engine.app, name="engine")
    app.add_typer(kb.app, name="kb")
    app.add_typer(keys.app, name="keys")
    app.add_typer(tickets.app, name="tickets")
    app.add_typer(grade.app, name="grade")
    app.add_typer(models.app, name="models")
    app.add_typer(config_cmd.app, name="config")
    app.add_typer(audit.app, name="audit")
    app.add_typer(guard.app, name="guard")
    app.add_typer(route.app, name="route")
    app.add_typer(rollout.app, name="rollout")
    app.add_typer(sample.app, name="sample")
    app.command("status")(status.status_command)
    return app


def run(argv: list[str] | None = None) -> None:
    """Run the CLI; errors print a short message (no traceback) and exit non-zero.

    Usage errors are reported by Typer itself (exit 2); supportllm's own errors exit 1.
    """
    bound_openmp_spin(os.environ)  # before torch or any OpenMP runtime loads
    try:
        build_app()(args=argv, prog_name="supportllm")
    except SupportLLMError as error:
        err_console().print(styled("[bold red]error:[/] {}", error.message), soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err_console().print("interrupted")
        sys.exit(130)
