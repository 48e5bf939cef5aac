"""What the command line prints is what was meant: every help text whole (no Rich markup eaten or
leaked), user data with brackets printed as it is, arguments checked before any model loads."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke


def _commands() -> Iterator[tuple[list[str], Any]]:
    import typer

    from supportllm.cli.main import build_app

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        yield path, command
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, [*path, name])

    yield from walk(typer.main.get_command(build_app()), [])


COMMANDS = list(_commands())


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "supportllm" for p, _ in COMMANDS]
)
def test_every_help_text_is_shown_whole(path: list[str], command: Any) -> None:
    shown = invoke(*path, "--help")
    assert shown.code == 0, shown.output
    flat = _flat(shown.output)
    # Each option's and argument's help, as written (a '\[' in the source is a literal '['):
    # Rich markup mode would eat '[default: x]' or '[doc ids]' and leave 'on .' behind.
    if command.help:
        assert _flat(command.help.replace("\\[", "[")) in flat, shown.output
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            assert _flat(text.replace("\\[", "[")) in flat, (param.name, shown.output)
    assert "[/" not in shown.output and "[yellow" not in shown.output
    assert not re.search(r"\w \.(\s|$)", flat), shown.output  # a word, a space, a full stop


def test_kb_eval_help_shows_the_query_format() -> None:
    shown = _flat(invoke("kb", "eval", "--help").output)
    assert '{"query", "relevant": [doc ids], "lang"?}' in shown
    assert "Address to listen on (default: 127.0.0.1)." in _flat(invoke("serve", "--help").output)


def test_user_data_with_brackets_is_printed_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "help [centre]"
    folder.mkdir()
    (folder / "[draft].docx").write_text("not a supported format")
    (folder / "notes [red]x.pdf").write_bytes(b"")
    env = {"SUPPORTLLM_DATA_DIR": str(tmp_path / "data")}
    result = invoke("kb", "ingest", str(folder), env=env)
    assert result.code == 1
    assert "skipped " + str(folder / "[draft].docx") + ": unsupported format '.docx'" in (
        result.text
    )
    assert str(folder / "notes [red]x.pdf") + ": the file is empty" in result.text
    assert "[yellow]" not in result.output
    assert f"nothing was ingested from {folder}" in result.text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["kb", "ingest", "{tmp}/help-center/"], "help-center does not exist"),
        (["kb", "ingest", "{tmp}/manual.docx"], "unsupported format '.docx'"),
        (["kb", "ingest", "{tmp}/empty"], "the folder has no files"),
        (["kb", "eval", "{tmp}/queries.jsonl"], "cannot read queries file"),
    ],
)
def test_bad_paths_fail_fast_before_any_model_loads(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "manual.docx").write_text("x")
    (tmp_path / "empty").mkdir()
    env = {"SUPPORTLLM_DATA_DIR": str(tmp_path / "data")}
    started = time.perf_counter()
    result = invoke(*[a.format(tmp=tmp_path) for a in args], env=env)
    elapsed = time.perf_counter() - started
    assert result.code == 1, result.output
    assert message in result.text
    assert "Traceback" not in result.output
    assert elapsed < 3, f"{elapsed:.1f} s: a model was loaded before the arguments were checked"
    assert not (tmp_path / "data" / "qdrant").exists()  # the knowledge base was never opened
