"""`supportllm guard eval`: one labelled file in detail, or several (of any kinds) one row each."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import invoke

DATA = Path(__file__).parent / "data" / "guard"


def test_one_file_prints_per_language_rows_and_writes_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "v25.json"
    result = invoke(
        "guard", "eval", str(DATA / "injection" / "heldout_v25.jsonl"), "--json", str(out)
    )
    assert result.code == 0, result.output
    assert "300 injection items" in result.stdout and "lang de" in result.stdout
    figures = json.loads(out.read_text())
    assert figures["overall"]["n"] == 300 and 0 < figures["overall"]["f1"] <= 1


def test_several_files_of_different_kinds_give_one_row_each(tmp_path: Path) -> None:
    files = [
        DATA / "injection" / "dev_r4.jsonl",
        DATA / "claims" / "heldout_v27.jsonl",
        DATA / "pii" / "heldout_v23.jsonl",
    ]
    out = tmp_path / "all.json"
    result = invoke("guard", "eval", *map(str, files), "--json", str(out))
    assert result.code == 0, result.output
    for file, kind in zip(files, ("injection", "claims", "pii"), strict=True):
        row = next(line for line in result.stdout.splitlines() if file.name in line)
        assert kind in row
    figures = json.loads(out.read_text())["files"]
    assert set(figures) == {str(f) for f in files}
    single = invoke("guard", "eval", str(files[1]), "--json", str(tmp_path / "one.json"))
    assert single.code == 0
    # the same figures as the file alone
    assert (
        json.loads((tmp_path / "one.json").read_text())["overall"]
        == figures[str(files[1])]["overall"]
    )


def test_a_bad_file_among_several_is_a_one_line_error_before_any_scoring(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "hi", "label": 1}\nnot json\n')
    result = invoke("guard", "eval", str(DATA / "injection" / "dev_r4.jsonl"), str(bad))
    assert result.code != 0
    assert "bad.jsonl:2: not valid JSON" in result.output
    assert "Traceback" not in result.output
