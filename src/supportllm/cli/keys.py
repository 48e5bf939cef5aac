"""``supportllm keys``: API keys per team. A key is shown once; only a salted hash is stored."""

from __future__ import annotations

import enum
import re
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.table import Table

from supportllm.audit.setup import record_admin
from supportllm.cli.common import console, parse_duration, settings_from, styled
from supportllm.gateway.setup import open_keystore
from supportllm.store.keys import SCOPES, IssuedKey, parse_scopes

app = typer.Typer(help="Create, list, revoke and rotate API keys.", no_args_is_help=True)


def _show_issued(issued: IssuedKey, what: str) -> None:
    out = console()
    record = issued.record
    expiry = record.expires_at.isoformat(timespec="minutes") if record.expires_at else "never"
    out.print(
        styled(
            "{} key [bold]{}[/] for team '{}' (scopes: {}; expires: {})",
            what,
            record.key_id,
            record.team,
            ", ".join(sorted(record.scopes)),
            expiry,
        )
    )
    out.print("The key is shown once and cannot be recovered; store it now:")
    # Plain print so the key can be piped or copied without markup.
    typer.echo(issued.key)


class InjectionMode(enum.StrEnum):
    block = "block"
    flag = "flag"
    off = "off"


_TEAM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@app.command("create")
def create(
    ctx: typer.Context,
    team: Annotated[str, typer.Option(help="Team the key belongs to (shown in logs).")],
    scopes: Annotated[
        str, typer.Option(help=f"Comma-separated scopes: {', '.join(SCOPES)}.")
    ] = "chat",
    expires: Annotated[
        str | None, typer.Option(help="Lifetime, e.g. 90d, 24h, 2w (default: never).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="A label for people.")] = None,
    channel: Annotated[
        str | None, typer.Option(help="Default prompt channel for this key (e.g. chat, email).")
    ] = None,
    rate_limit: Annotated[
        int | None, typer.Option(help="Requests per minute allowed for this key.", min=1)
    ] = None,
    injection_mode: Annotated[
        InjectionMode | None,
        typer.Option(
            help="The prompt-injection screen for this key's requests: block (HTTP 400), flag "
            "(served, recorded) or off (default: the channel's mode, guard.injection_by_channel, "
            "else guard.injection.mode).",
        ),
    ] = None,
) -> None:
    """Create a key for a team and print it once."""
    scope_set = parse_scopes(scopes)
    lifetime = parse_duration(expires, "--expires") if expires else None
    if not _TEAM.fullmatch(team):
        raise typer.BadParameter(
            "use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
            param_hint="--team",
        )
    if name is not None and len(name) > 200:
        raise typer.BadParameter("at most 200 characters", param_hint="--name")
    settings = settings_from(ctx)
    if channel is not None:
        from supportllm.gateway.templates import Templates

        known = Templates(settings.company_name, settings.templates_dir).channels
        if channel not in known:
            raise typer.BadParameter(
                f"no template for channel '{channel}'; available: {', '.join(known)} "
                "(add <channel>.j2 to templates_dir for another)",
                param_hint="--channel",
            )
    keys = open_keystore(settings)
    issued = keys.create(
        team,
        scope_set,
        expires_in=lifetime,
        name=name,
        default_channel=channel,
        rate_limit_rpm=rate_limit,
        injection_mode=injection_mode.value if injection_mode is not None else None,
    )
    record_admin(
        settings, "key.create",
        {"key_id": issued.record.key_id, "team": team, "scopes": sorted(scope_set),
         "expires_at": issued.record.expires_at.isoformat() if issued.record.expires_at else None,
         "injection_mode": issued.record.injection_mode},
    )  # fmt: skip
    _show_issued(issued, "created")


@app.command("list")
def list_keys(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include revoked and expired keys.")
    ] = False,
) -> None:
    """List keys (ids, teams, scopes, expiry); never the keys themselves."""
    keys = open_keystore(settings_from(ctx))
    now = datetime.now(UTC)
    records = keys.list(include_inactive=show_all, now=now)
    out = console()
    if not records:
        out.print("no keys; create one with `supportllm keys create --team TEAM`")
        return
    table = Table()
    for column in (
        "id",
        "team",
        "scopes",
        "name",
        "channel",
        "injection",
        "rpm",
        "created",
        "expires",
        "status",
    ):
        table.add_column(column)
    for record in records:
        table.add_row(
            record.key_id,
            record.team,
            ",".join(sorted(record.scopes)),
            record.name or "",
            record.default_channel or "",
            record.injection_mode or "",
            str(record.rate_limit_rpm or ""),
            record.created_at.isoformat(timespec="minutes"),
            record.expires_at.isoformat(timespec="minutes") if record.expires_at else "never",
            record.status(now),
        )
    out.print(table)


@app.command("revoke")
def revoke(
    ctx: typer.Context, key_id: Annotated[str, typer.Argument(help="Key id from `keys list`.")]
) -> None:
    """Revoke a key: the gateway refuses it from the next request on."""
    settings = settings_from(ctx)
    record = open_keystore(settings).revoke(key_id)
    record_admin(settings, "key.revoke", {"key_id": record.key_id, "team": record.team})
    console().print(f"revoked key {record.key_id} (team '{record.team}')")


@app.command("rotate")
def rotate(
    ctx: typer.Context,
    key_id: Annotated[str, typer.Argument(help="Key id from `keys list`.")],
    grace: Annotated[
        str, typer.Option(help="How long the old key keeps working, e.g. 24h, 7d, 0s.")
    ] = "24h",
) -> None:
    """Issue a replacement key with the same team and scopes; the old one expires after --grace."""
    period = parse_duration(grace, "--grace")
    settings = settings_from(ctx)
    issued = open_keystore(settings).rotate(key_id, period)
    record_admin(
        settings, "key.rotate",
        {"key_id": key_id, "new_key_id": issued.record.key_id, "team": issued.record.team,
         "grace_s": period.total_seconds()},
    )  # fmt: skip
    _show_issued(issued, "rotated: new")
    console().print(f"the old key {key_id} stops working after {grace}")
