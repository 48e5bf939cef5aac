"""What every command group shares: consoles, settings from the context, durations."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from supportllm.config import Settings, load_settings

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800}

DEMO_MODEL_WARNING = (
    "The embedded model is Gemma 3 270M, a 270-million-parameter BASE model shipped for smoke "
    "tests: its answers are poor and it is not for customers. Point supportllm at a real model:\n"
    "  GPU:      SUPPORTLLM_ENGINE=vllm SUPPORTLLM_VLLM__MODEL=Qwen/Qwen2.5-7B-Instruct "
    "supportllm serve\n"
    "  existing: supportllm serve --engine-url http://gpu-host:8000/v1\n"
    "  CPU GGUF: SUPPORTLLM_LLAMACPP__MODEL=/models/qwen2.5-7b-instruct-q4_k_m.gguf "
    "supportllm serve"
)


@dataclass
class CLIState:
    config_file: Path | None = None


def console() -> Console:
    """Standard output. Strings print as they are (no Rich markup, no :emoji: codes), table cells
    too: file names, queries, titles and messages with '[' in them stay intact. Styles come only
    through ``styled``."""
    out = Console(highlight=False, markup=False, emoji=False)
    if not out.is_terminal:  # piped or captured: wide enough that tables stay readable
        out.width = max(out.width, 160)
    return out


def err_console() -> Console:
    """Standard error, printing strings as they are (see ``console``)."""
    return Console(stderr=True, highlight=False, markup=False, emoji=False)


def styled(template: str, *values: object) -> Text:
    """Our Rich markup with values (paths, names, user text, messages) put in as plain text:
    ``styled("[yellow]skipped[/] {}", problem)``. ``{}`` marks each value; a literal brace in the
    template is doubled."""
    return Text.from_markup(template.format(*(escape(str(value)) for value in values)), emoji=False)


def require_finite(options: Mapping[str, Any]) -> None:
    """inf and nan pass Typer's range checks: refuse them, naming the option (give ``locals()``
    at the top of a command)."""
    for name, value in options.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise typer.BadParameter(
                f"{value!r} is not a finite number", param_hint=f"--{name.replace('_', '-')}"
            )


def settings_from(ctx: typer.Context, **overrides: Any) -> Settings:
    state = ctx.find_object(CLIState) or CLIState()
    return load_settings(state.config_file, **overrides)


MAX_DURATION = timedelta(days=36_525)


def parse_duration(text: str, what: str) -> timedelta:
    """'90d', '24h', '30m', '2w', '45s' -> timedelta; BadParameter naming the option otherwise
    (also beyond 100 years, which no date arithmetic downstream could hold)."""
    match = _DURATION.match(text)
    if match is None:
        raise typer.BadParameter(
            f"'{text}' is not a duration; use a number and a unit: 30m, 24h, 90d, 2w",
            param_hint=what,
        )
    seconds = float(match.group(1)) * _SECONDS[match.group(2)]
    if seconds > MAX_DURATION.total_seconds():
        raise typer.BadParameter(
            f"'{text}' is longer than 100 years; give a shorter duration (e.g. 365d)",
            param_hint=what,
        )
    return timedelta(seconds=seconds)


def mask(secret: str) -> str:
    return secret[:4] + "…" if len(secret) > 8 else "****"
