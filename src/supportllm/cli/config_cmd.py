"""``supportllm config``: the effective configuration, secrets masked."""

from __future__ import annotations

from typing import Any

import typer
from pydantic import BaseModel, SecretStr
from rich.table import Table
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from supportllm.cli.common import CLIState, console, mask, settings_from
from supportllm.config import ENV_PREFIX, config_file_path, environment_overrides

app = typer.Typer(help="Show the effective configuration.", no_args_is_help=True)


def _rows(model: BaseModel, prefix: str = "") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for name in type(model).model_fields:
        value: Any = getattr(model, name)
        dotted = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            rows += _rows(value, dotted + ".")
        elif isinstance(value, SecretStr):
            rows.append((dotted, mask(value.get_secret_value())))
        else:
            rows.append((dotted, "(unset)" if value is None else str(value)))
    return rows


@app.command("show")
def show(ctx: typer.Context) -> None:
    """Print every setting with its effective value and where it can be changed.

    Order of precedence: environment (SUPPORTLLM_*; nested with __, e.g.
    SUPPORTLLM_VLLM__TENSOR_PARALLEL_SIZE=2) > the TOML file > defaults. Secrets are masked.
    """
    settings = settings_from(ctx)
    state = ctx.find_object(CLIState) or CLIState()
    path = config_file_path(state.config_file)
    env = environment_overrides()
    table = Table(title="supportllm configuration", title_justify="left")
    table.add_column("setting")
    table.add_column("value")
    table.add_column("from environment")
    for dotted, value in _rows(settings):
        variable = ENV_PREFIX + dotted.replace(".", "__").upper()
        table.add_row(dotted, value, variable if variable in env else "")
    out = console()
    out.print(table)
    out.print(f"config file: {path} ({'read' if path.is_file() else 'not present'})")
    out.print(f"database: {_masked_url(settings.resolved_database_url())}")


def _masked_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:  # an unparsable URL is shown masked entirely
        return mask(url)
