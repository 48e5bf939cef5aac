"""A run on disk: ``run.json`` (everything), ``summary.csv``, ``requests.csv``, ``report.md`` and
the PNG plots, in one folder. ``load_run`` reads it back and refuses other format versions."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from supportllm.bench.document import LevelDocument, RunDocument, stats_of
from supportllm.bench.plots import plot_runs
from supportllm.bench.report import COLUMNS, markdown_report, table_row
from supportllm.errors import InvalidInputError

FORMAT = "supportllm.bench/1"
RUN_FILE = "run.json"

_SUMMARY_FIELDS = (
    "name", "label", "mode", "concurrency", "rate", "requests", "completed", "failed",
    "error_rate", "duration_s", "ttft_mean_ms", "ttft_p50_ms", "ttft_p90_ms", "ttft_p95_ms",
    "ttft_p99_ms", "itl_mean_ms", "itl_p50_ms", "itl_p95_ms", "itl_p99_ms", "tpot_mean_ms",
    "tpot_p50_ms", "tpot_p95_ms", "tpot_p99_ms", "e2el_mean_ms", "e2el_p50_ms", "e2el_p95_ms",
    "e2el_p99_ms", "output_tokens_per_s", "total_tokens_per_s", "requests_per_s",
    "per_stream_tokens_per_s_p50", "goodput_requests_per_s", "goodput_share",
    "input_tokens_mean", "output_tokens_mean", "requested_output_tokens_mean",
    "server_running_mean", "server_waiting_mean", "server_waiting_max",
    "server_kv_cache_usage_mean", "server_kv_cache_usage_max", "server_prefix_cache_hit_rate",
    "client_lag_p99_ms", "client_cpu_ms_per_request", "partial",
)  # fmt: skip


def summary_row(run: RunDocument, level: LevelDocument) -> dict[str, Any]:
    s, spec, server = level["summary"], level["spec"], level.get("server") or {}
    row: dict[str, Any] = {
        "name": run["name"],
        "label": level["label"],
        "mode": spec["mode"],
        "concurrency": spec["concurrency"],
        "rate": spec["rate"],
        "partial": level["partial"],
        "client_lag_p99_ms": level["client"]["event_loop_lag_ms"]["p99"],
        "client_cpu_ms_per_request": level["client"]["cpu_ms_per_request"],
        "per_stream_tokens_per_s_p50": s["per_stream_tokens_per_s"]["p50"],
        "input_tokens_mean": s["input_tokens"]["mean"],
        "output_tokens_mean": s["output_tokens"]["mean"],
        "server_running_mean": (server.get("running") or {}).get("mean"),
        "server_waiting_mean": (server.get("waiting") or {}).get("mean"),
        "server_waiting_max": (server.get("waiting") or {}).get("max"),
        "server_kv_cache_usage_mean": (server.get("kv_cache_usage") or {}).get("mean"),
        "server_kv_cache_usage_max": (server.get("kv_cache_usage") or {}).get("max"),
        "server_prefix_cache_hit_rate": server.get("prefix_cache_hit_rate"),
    }
    for key in (
        "requests", "completed", "failed", "error_rate", "duration_s", "output_tokens_per_s",
        "total_tokens_per_s", "requests_per_s", "goodput_requests_per_s", "goodput_share",
        "requested_output_tokens_mean",
    ):  # fmt: skip
        row[key] = s[key]
    for metric in ("ttft", "itl", "tpot", "e2el"):
        for stat in ("mean", "p50", "p90", "p95", "p99"):
            name = f"{metric}_{stat}_ms"
            if name in _SUMMARY_FIELDS:
                row[name] = stats_of(s, f"{metric}_ms")[stat]
    return row


def write_summary_csv(runs: Sequence[RunDocument], path: Path) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=_SUMMARY_FIELDS)
        writer.writeheader()
        for run in runs:
            for level in run["levels"]:
                writer.writerow(summary_row(run, level))


def _write_requests_csv(run: RunDocument, path: Path) -> None:
    fields = (
        "level", "i", "warmup", "start_s", "status", "error", "ttft_ms", "e2el_ms", "tpot_ms",
        "prompt_tokens", "completion_tokens", "events", "requested_output", "queued_ms",
    )  # fmt: skip
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for level in run["levels"]:
            for record in level["records"]:
                chunks = record["chunk_ms"]
                tokens = record["completion_tokens"] or len(chunks)
                tpot = None
                if chunks and record["e2el_ms"] is not None and tokens > 1:
                    tpot = round((record["e2el_ms"] - chunks[0]) / (tokens - 1), 3)
                writer.writerow(
                    {
                        **record,
                        "level": level["label"],
                        "ttft_ms": chunks[0] if chunks else None,
                        "tpot_ms": tpot,
                    }
                )


def write_run(run: RunDocument, out_dir: Path) -> list[Path]:
    """Write every output of one run into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / RUN_FILE).write_bytes(orjson.dumps(run, option=orjson.OPT_SERIALIZE_NUMPY))
    write_summary_csv([run], out_dir / "summary.csv")
    _write_requests_csv(run, out_dir / "requests.csv")
    plots = (
        plot_runs([run], out_dir) if any(lv["summary"]["completed"] for lv in run["levels"]) else []
    )
    title = f"Load benchmark: {run['name']}"
    (out_dir / "report.md").write_text(markdown_report([run], title=title, plots=plots) + "\n")
    names = [RUN_FILE, "summary.csv", "requests.csv", "report.md", *plots]
    return [out_dir / name for name in names]


def load_run(path: Path) -> RunDocument:
    """A run written by ``write_run`` (its folder or its run.json)."""
    file = path / RUN_FILE if path.is_dir() else path
    if not file.is_file():
        raise InvalidInputError(f"{path} is not a benchmark run (no {RUN_FILE} in it)")
    try:
        run = orjson.loads(file.read_bytes())
    except orjson.JSONDecodeError as error:
        raise InvalidInputError(f"{file} is not valid JSON ({error})") from None
    found = run.get("format") if isinstance(run, dict) else None
    if found != FORMAT:
        raise InvalidInputError(
            f"{file} is a {found or 'unknown'} file, not {FORMAT}: re-run `supportllm bench` "
            "with this version to compare it"
        )
    return run  # type: ignore[no-any-return]


def console_rows(runs: Sequence[RunDocument]) -> tuple[tuple[str, ...], list[list[str]]]:
    return COLUMNS, [table_row(run, level) for run in runs for level in run["levels"]]
