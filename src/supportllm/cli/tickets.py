"""``supportllm tickets``: import help-desk tickets into the local database, and list them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from supportllm.cli.common import console, err_console, settings_from, styled
from supportllm.errors import InvalidInputError

if TYPE_CHECKING:
    from supportllm.evals.tickets_db import TicketStore

app = typer.Typer(help="Import and list support tickets (kept in the local database).")


def open_tickets(ctx: typer.Context) -> TicketStore:
    from supportllm.evals.tickets_db import TicketStore
    from supportllm.store.db import migrate, open_database

    engine = open_database(settings_from(ctx).resolved_database_url())
    migrate(engine)
    return TicketStore(engine)


@app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(help="A .jsonl or .csv export.", dir_okay=False, show_default=False),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--map",
            help="Which column holds each field: body=description,subject=title,lang=language "
            "(fields: id, subject, body, lang, channel, reference_reply).",
        ),
    ] = None,
    ticket_set: Annotated[
        str | None, typer.Option("--set", help="Name of the ticket set (default: file name).")
    ] = None,
    demo: Annotated[
        bool, typer.Option(help="Import the 30 demo tickets (en/de/nl) as set 'demo'.")
    ] = False,
) -> None:
    """Import tickets; re-importing updates changed tickets and adds new ones.

    Zendesk, Freshdesk and similar exports are recognised by their column names (description,
    title, language, via …); --map names any other column. Ticket text stays in the database.
    """
    from supportllm.demo import demo_tickets_path
    from supportllm.tickets import parse_mapping, read_tickets

    if demo == (path is not None):
        raise typer.BadParameter("give a tickets file or --demo (one of them)")
    source = demo_tickets_path() if demo else path
    assert source is not None
    name = "demo" if demo else (ticket_set or source.stem)
    read = read_tickets(source, parse_mapping(mapping))
    store = open_tickets(ctx)
    result = store.import_tickets(name, read.tickets)
    for problem in read.problems[:10]:
        err_console().print(styled("[yellow]skipped[/] {}", problem), soft_wrap=True)
    if len(read.problems) > 10:
        err_console().print(f"… and {len(read.problems) - 10} more skipped rows")
    console().print(
        f"set '{name}': {result.added} added, {result.updated} updated, "
        f"{result.unchanged} unchanged, {len(read.problems)} skipped"
    )


@app.command("list")
def list_command(ctx: typer.Context) -> None:
    """The ticket sets in the database, with counts by language and channel."""

    store = open_tickets(ctx)
    sets = store.sets()
    if not sets:
        raise InvalidInputError("no tickets yet: `supportllm tickets import FILE` or --demo")
    table = Table("set", "tickets", "languages", "channels")
    for name, count in sorted(sets.items()):
        items = store.tickets(name)
        langs: dict[str, int] = {}
        channels: dict[str, int] = {}
        for item in items:
            langs[item.ticket.lang or "?"] = langs.get(item.ticket.lang or "?", 0) + 1
            key = item.ticket.channel or "?"
            channels[key] = channels.get(key, 0) + 1
        table.add_row(
            name,
            str(count),
            ", ".join(f"{k} {v}" for k, v in sorted(langs.items())),
            ", ".join(f"{k} {v}" for k, v in sorted(channels.items())),
        )
    console().print(table)
