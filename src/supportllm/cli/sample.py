"""``supportllm sample``: the live requests the gateway kept as quality samples, and their
export as a run that `grade serve`, `grade judge` and `grade results` read."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from supportllm.cli.common import console, settings_from
from supportllm.errors import InvalidInputError

app = typer.Typer(
    help="Live-traffic quality samples: list them, export them for grading.",
    no_args_is_help=True,
)

DateOption = Annotated[
    str | None, typer.Option(help="UTC day YYYY-MM-DD (inclusive).", show_default=False)
]
StratumOption = Annotated[str | None, typer.Option(show_default=False)]


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(f"{option} '{text}' is not a date like 2025-06-01") from None


def _store(ctx: typer.Context) -> Any:
    from supportllm.sampling.store import SampleStore
    from supportllm.store.db import migrate, open_database

    engine = open_database(settings_from(ctx).resolved_database_url())
    migrate(engine)
    return SampleStore(engine)


@app.command("list")
def list_command(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="How many (newest first).", min=1)] = 20,
    since: DateOption = None,
    until: DateOption = None,
    alias: Annotated[str | None, typer.Option(help="Only this model alias.")] = None,
    route: Annotated[str | None, typer.Option(help="Only this route (self, api, fixed).")] = None,
    arm: Annotated[str | None, typer.Option(help="Only this roll-out arm.")] = None,
) -> None:
    """The newest samples: when, alias, route, arm, channel, lengths, redacted or not."""
    import json

    from supportllm.sampling.store import SampleFilter

    where = SampleFilter(_day(since, "--since"), _day(until, "--until"), alias, route, arm, limit)
    rows = _store(ctx).find(where, newest_first=True)
    if not rows:
        console().print("no live samples yet (sampling.enabled turns sampling on)")
        return
    table = Table(
        "when (UTC)", "alias", "route", "upstream", "arm", "channel", "lang", "turns",
        "ticket chars", "reply chars", "redacted", title=f"{len(rows)} newest live samples",
    )  # fmt: skip
    for row in rows:
        turns = json.loads(row["messages"]) if row["messages"] is not None else None
        table.add_row(
            datetime.fromtimestamp(row["ts"], UTC).strftime("%Y-%m-%d %H:%M:%S"),
            row["alias"], row["route"], row["upstream"] or "–", row["arm"] or "–",
            row["channel"] or "–", row["lang"] or "–",
            "–" if turns is None else str(len(turns)),
            "–" if turns is None else str(sum(len(t["content"]) for t in turns)),
            "–" if row["reply"] is None else str(len(row["reply"])),
            "yes" if row["redacted"] else "no",
        )  # fmt: skip
    console().print(table)


@app.command("export")
def export_command(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(help="Run folder (default: runs/live-YYYY-MM-DD, the last day exported)."),
    ] = None,
    since: DateOption = None,
    until: DateOption = None,
    alias: Annotated[str | None, typer.Option(help="Only this model alias.")] = None,
    route: Annotated[str | None, typer.Option(help="Only this route (self, api, fixed).")] = None,
    arm: Annotated[str | None, typer.Option(help="Only this roll-out arm.")] = None,
    limit: Annotated[
        int | None, typer.Option(help="At most N samples (oldest first).", min=1)
    ] = None,
) -> None:
    """Write the samples as a replay run: then `grade serve RUN`, `grade judge RUN`,
    `grade results RUN` work on them exactly as on a replay."""
    from supportllm.sampling.export import SampleExport, export_samples

    first, last = _day(since, "--since"), _day(until, "--until")
    folder = out or Path("runs") / f"live-{(last or datetime.now(UTC).date()).isoformat()}"
    plan = SampleExport(folder, first, last, alias, route, arm, limit)
    written = export_samples(plan, settings_from(ctx))
    import json

    manifest = json.loads((written / "replay.json").read_text())
    names = ", ".join(c["name"] for c in manifest["candidates"])
    console().print(
        f"exported {manifest['tickets']} live samples to {written} (candidates: {names}); next: "
        f"`supportllm grade serve {written} --graders NAMES` or `supportllm grade judge "
        f"{written} --judge-model NAME=URL@MODEL`",
        soft_wrap=True,
    )
