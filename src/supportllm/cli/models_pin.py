"""``supportllm models pin|pins|unpin|verify``: SHA-256 manifests that engine starts are checked
against (CC8.1 change management; docs/serve.md#model-pinning)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from supportllm.audit.setup import event_sink
from supportllm.cli.common import console, err_console, settings_from, styled
from supportllm.engines.commands import pin_policy
from supportllm.engines.pinning import (
    Manifest,
    PinPolicy,
    check,
    list_pins,
    manifest_path,
    model_bytes,
    pin,
    pins_dir,
    unpin,
)
from supportllm.engines.pinning import Progress as OnBytes
from supportllm.errors import ModelFileError

PROGRESS_FROM_BYTES = 64 * 1024**2  # smaller models hash in well under a second
SHOWN_FILES = 20


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


@contextmanager
def _hashing(total: int, what: str) -> Iterator[OnBytes | None]:
    """A progress bar on standard error while ``total`` bytes are hashed (big models only)."""
    if total < PROGRESS_FROM_BYTES:
        yield None
        return
    columns = (BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console(), transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield lambda n: bar.advance(task, n)


def _print_manifest(manifest: Manifest, path: Path) -> None:
    out = console()
    out.print(f"  model    {manifest.model}")
    out.print(f"  source   {manifest.source}")
    out.print(f"  files    {len(manifest.files)} ({_size(manifest.total_bytes)})")
    table = Table("file", "size", "sha256", box=None, padding=(0, 2, 0, 4))
    for each in manifest.files[:SHOWN_FILES]:
        table.add_row(each.path, _size(each.size), each.sha256)
    out.print(table)
    if len(manifest.files) > SHOWN_FILES:
        out.print(f"    … and {len(manifest.files) - SHOWN_FILES} more (see the manifest)")
    out.print(f"  manifest {path}")
    out.print(
        styled(
            "  digest   [bold]sha256:{}[/] (record it in your CMDB / change ticket)",
            manifest.digest,
        )
    )


def pin_command(
    ctx: typer.Context,
    model: Annotated[
        str,
        typer.Argument(
            help="A .gguf file, a model or LoRA adapter folder, 'gemma3-270m', or a Hugging Face "
            "id ('org/repo' or 'org/repo:file.gguf') already in the local cache.",
            show_default=False,
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option(help="Name of the pin (default: the file or folder name, or the id)."),
    ] = None,
) -> None:
    """Hash every file of MODEL into a SHA-256 manifest that engine starts are checked against.

    An engine (engine start, serve, trial) then refuses to start on a model that differs from
    its pin, naming the file and both hashes. Run it again to re-pin after an intended change.
    """
    settings = settings_from(ctx)
    models_dir = settings.data_dir / "models"
    directory = pins_dir(settings.data_dir)
    with _hashing(model_bytes(model, models_dir), f"hashing {model}") as progress:
        manifest, event = pin(model, directory, models_dir=models_dir, name=name, progress=progress)
    event_sink(settings)(event)
    out = console()
    if event.action == "pin":
        out.print(styled("[green]pinned[/] {}", manifest.name))
    elif event.files:
        out.print(
            styled("[yellow]re-pinned[/] {} (changed: {})", manifest.name, ", ".join(event.files))
        )
    else:
        out.print(styled("[green]re-pinned[/] {} (no file changed)", manifest.name))
    _print_manifest(manifest, manifest_path(directory, manifest.name))


def pins_command(ctx: typer.Context) -> None:
    """List the pinned models."""
    settings = settings_from(ctx)
    directory = pins_dir(settings.data_dir)
    pins = list_pins(directory)
    out = console()
    if not pins:
        out.print(f"no pinned models in {directory}; pin one with `supportllm models pin PATH`")
        return
    table = Table("name", "model", "files", "size", "digest", "pinned at")
    for _, manifest in pins:
        table.add_row(
            manifest.name,
            manifest.model,
            str(len(manifest.files)),
            _size(manifest.total_bytes),
            manifest.digest[:16] + "…",
            manifest.created_at,
        )
    out.print(table)


def unpin_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Pin name or model (see `models pins`).")],
) -> None:
    """Remove a pin: engine starts no longer check that model (unless pins are required)."""
    settings = settings_from(ctx)
    event = unpin(pins_dir(settings.data_dir), name)
    event_sink(settings)(event)
    console().print(f"unpinned {event.name} ({event.model}, digest {event.digest})")


def verify_command(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help="Pin name or model; default: every pin.")
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Re-hash every file (default: the pin_check setting).")
    ] = False,
) -> None:
    """Check pinned models against their files now, as an engine start would."""
    settings = settings_from(ctx)
    policy = pin_policy(settings)
    if full:
        policy = PinPolicy(policy.pins_dir, "full", False)
    pins = [m for _, m in list_pins(policy.pins_dir) if name in (None, m.name, m.model)]
    if not pins:
        raise ModelFileError(f"no pin named '{name}'" if name else "no pinned models")
    out = console()
    failed = 0
    for manifest in pins:
        total = manifest.total_bytes if policy.mode == "full" else 0
        try:
            with _hashing(total, f"checking {manifest.name}") as progress:
                check(manifest.model, None, policy, progress=progress)
        except ModelFileError as error:
            failed += 1
            out.print(
                styled("[red]changed[/] {}: {}", manifest.name, error.message), soft_wrap=True
            )
            continue
        out.print(styled("[green]ok[/] {} (sha256:{})", manifest.name, manifest.digest))
    if failed:
        raise ModelFileError(f"{failed} of {len(pins)} pinned model(s) changed")


def register(app: typer.Typer) -> None:
    app.command("pin")(pin_command)
    app.command("pins")(pins_command)
    app.command("unpin")(unpin_command)
    app.command("verify")(verify_command)
