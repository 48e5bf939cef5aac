"""``bench compare``: several runs merged into one table, one report and one set of plots."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from supportllm.bench.document import RunDocument
from supportllm.bench.plots import plot_runs
from supportllm.bench.report import markdown_report
from supportllm.bench.results import load_run, write_summary_csv
from supportllm.errors import InvalidInputError


def load_runs(paths: Sequence[Path]) -> list[RunDocument]:
    """The runs, each named after its model — or its folder when two share a name."""
    if not paths:
        raise InvalidInputError("give at least one run folder to compare")
    runs = [load_run(path) for path in paths]
    names = [run["name"] for run in runs]
    for run, path in zip(runs, paths, strict=True):
        if names.count(run["name"]) > 1:
            run["name"] = f"{run['name']} ({path.name if path.is_dir() else path.parent.name})"
    return runs


def compare(paths: Sequence[Path], out_dir: Path) -> tuple[list[RunDocument], list[Path]]:
    runs = load_runs(paths)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_summary_csv(runs, out_dir / "summary.csv")
    plots = plot_runs(runs, out_dir)
    title = "Load benchmark comparison: " + ", ".join(run["name"] for run in runs)
    (out_dir / "report.md").write_text(markdown_report(runs, title=title, plots=plots) + "\n")
    return runs, [out_dir / "summary.csv", out_dir / "report.md", *(out_dir / p for p in plots)]
