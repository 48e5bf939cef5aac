"""Tables from run documents: the seeds' columns for the console, CSV and Markdown reports."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from supportllm.bench.document import Capacity, LevelDocument, RunDocument

COLUMNS = (
    "Model",
    "Load",
    "TTFT p50 / p95 (ms)",
    "ITL p50 (ms)",
    "TPOT p50 (ms)",
    "Output tok/s per stream",
    "Aggregate tok/s",
    "req/s",
    "goodput",
    "errors",
)


def fmt(value: float | None, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if digits == 0:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return fmt(value, 1) if value < 100 else fmt(value)


def table_row(run: RunDocument, level: LevelDocument) -> list[str]:
    s = level["summary"]
    goodput = s["goodput_share"]
    good = "–" if goodput is None else f"{goodput:.0%} ({fmt(s['goodput_requests_per_s'], 2)}/s)"
    errors = f"{s['failed']} of {s['requests']}" if s["failed"] else "0"
    label = level["label"] + (" (partial)" if level.get("partial") else "")
    return [
        run["name"],
        label,
        f"{_ms(s['ttft_ms']['p50'])} / {_ms(s['ttft_ms']['p95'])}",
        _ms(s["itl_ms"]["p50"]),
        _ms(s["tpot_ms"]["p50"]),
        fmt(s["per_stream_tokens_per_s"]["p50"], 1),
        fmt(s["output_tokens_per_s"]),
        fmt(s["requests_per_s"], 2),
        good,
        errors,
    ]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    align = ["---" if i < 2 else "---:" for i in range(len(header))]
    return "\n".join([line(header), line(align), *(line(r) for r in rows)])


def _level_at(run: RunDocument, concurrency: int) -> LevelDocument | None:
    return next(
        (
            level
            for level in run["levels"]
            if level["spec"]["mode"] == "concurrency"
            and level["spec"]["concurrency"] == concurrency
        ),
        None,
    )


def seeds_tables(runs: Sequence[RunDocument]) -> str:
    """The seeds' two latency tables: batch 1 (concurrency 1) and 32 concurrent streams."""
    parts: list[str] = []
    batch1 = [(run, _level_at(run, 1)) for run in runs]
    rows = [
        [
            run["name"],
            _ms(lv["summary"]["ttft_ms"]["p50"]),
            fmt(lv["summary"]["per_stream_tokens_per_s"]["p50"], 1),
        ]
        for run, lv in batch1
        if lv is not None
    ]
    if rows:
        parts += [
            "### Batch 1 (one stream)",
            "",
            markdown_table(["Model", "TTFT (ms)", "Output tok/s"], rows),
            "",
        ]
    under_load = [(run, _level_at(run, 32)) for run in runs]
    rows = [
        [
            run["name"],
            fmt(lv["summary"]["output_tokens_per_s"]),
            _ms(lv["summary"]["ttft_ms"]["p95"]),
        ]
        for run, lv in under_load
        if lv is not None
    ]
    if rows:
        parts += [
            "### Under load (32 concurrent streams)",
            "",
            markdown_table(["Model", "Aggregate tok/s", "p95 TTFT (ms)"], rows),
            "",
        ]
    return "\n".join(parts)


def where_of(cap: Capacity) -> str:
    """The level a capacity figure was measured at, in words."""
    if cap.get("concurrency") and not cap.get("rate"):
        streams = cap["concurrency"]
        return f"{streams} concurrent stream{'s' if streams != 1 else ''}"
    return f"{cap.get('rate') or 0:g} requests/s"


def capacity_line(run: RunDocument) -> str:
    cap = run["capacity"]
    slo = ", ".join(f"{k} ≤ {v:g} ms" for k, v in cap["slo"].items())
    if not cap["met"]:
        best = (
            f" Best measured: {fmt(cap['output_tokens_per_s'])} output tok/s at "
            f"{where_of(cap)} (p{cap['percentile']} TTFT {fmt(cap['ttft_ms_at_percentile'])} ms)."
            if cap.get("output_tokens_per_s") is not None
            else ""
        )
        return (
            f"**{run['name']}**: no level met the SLOs ({slo} at p{cap['percentile']}) — "
            f"{cap.get('reason', '')}.{best}"
        )
    where = where_of(cap)
    return (
        f"**{run['name']}** sustains **{fmt(cap['output_tokens_per_s'])} output tok/s** "
        f"({fmt(cap['requests_per_s'], 2)} requests/s, "
        f"{fmt(cap['total_tokens_per_s'])} total tok/s) "
        f"at {where} within {slo} at p{cap['percentile']}"
        + (
            "; the highest level tested still met them, so the true capacity may be higher."
            if cap.get("highest_level_meets")
            else "."
        )
    )


def _gauge(server: dict[str, Any], key: str, percent: bool = False) -> str:
    value = server.get(key)
    if not value:
        return "–"
    if percent:
        return f"{value['mean']:.0%} / {value['max']:.0%}"
    return f"{value['mean']:.1f} / {value['max']:.0f}"


def _server_rows(run: RunDocument) -> list[list[str]]:
    rows = []
    for level in run["levels"]:
        server = level.get("server")
        if not server:
            continue

        hit = server.get("prefix_cache_hit_rate")
        rows.append(
            [
                run["name"],
                level["label"],
                _gauge(server, "running"),
                _gauge(server, "waiting"),
                _gauge(server, "kv_cache_usage", percent=True),
                "–" if hit is None else f"{hit:.0%}",
                fmt(server.get("preemptions")),
            ]
        )
    return rows


def _length_rows(run: RunDocument) -> list[list[str]]:
    rows = []
    for level in run["levels"]:
        s = level["summary"]
        reached = s["reached_requested_length"]
        counts = s["token_counts"]
        rows.append(
            [
                run["name"],
                level["label"],
                fmt(s["input_tokens"]["mean"]),
                f"{fmt(s['input_tokens']['min'])}–{fmt(s['input_tokens']['max'])}",
                fmt(s["requested_output_tokens_mean"]),
                fmt(s["output_tokens"]["mean"]),
                "–" if reached is None else f"{reached:.0%}",
                f"{counts['from_usage']} usage / {counts['from_events']} events"
                + (
                    f" ({counts['usage_differs_from_events']} differ)"
                    if counts["usage_differs_from_events"]
                    else ""
                ),
            ]
        )
    return rows


SHORT_REPLIES = 0.9  # below this share of replies reaching their target length, say so


def length_warning(run: RunDocument) -> str | None:
    """One sentence when replies fell short of the lengths asked (report.md and the terminal):
    the throughput and TPOT figures then describe shorter replies than the workload planned."""
    levels = [
        lv["summary"]
        for lv in run["levels"]
        if lv["summary"]["reached_requested_length"] is not None and lv["summary"]["completed"]
    ]
    if not levels:
        return None
    weight = sum(s["completed"] for s in levels)
    reached = sum((s["reached_requested_length"] or 0.0) * s["completed"] for s in levels) / weight
    if reached >= SHORT_REPLIES:
        return None
    got = sum((s["output_tokens"]["mean"] or 0.0) * s["completed"] for s in levels) / weight
    asked = (
        sum((s["requested_output_tokens_mean"] or 0.0) * s["completed"] for s in levels) / weight
    )
    controlled = run["config"].get("request", {}).get("length_fields")
    cause = (
        "the server does not hold replies to min_tokens/ignore_eos"
        if controlled
        else "--no-length-control: replies end where the model stops"
    )
    return (
        f"{run['name']}: replies were shorter than asked — {fmt(got)} of {fmt(asked)} output "
        f"tokens on average, {reached:.0%} reached their target ({cause}); tokens/s and TPOT "
        "describe these shorter replies."
    )


def _client_rows(run: RunDocument) -> list[list[str]]:
    rows = []
    for level in run["levels"]:
        client = level["client"]
        lag = client["event_loop_lag_ms"]
        rows.append(
            [
                run["name"],
                level["label"],
                f"{fmt(lag['p50'], 2)} / {fmt(lag['p99'], 2)} / {fmt(lag['max'], 1)}",
                f"{client.get('cpu_share_of_one_core', 0):.1%}",
                fmt(client["cpu_ms_per_request"], 3),
                str(client["workers"]),
            ]
        )
    return rows


def _error_lines(run: RunDocument) -> list[str]:
    lines = []
    for level in run["levels"]:
        s = level["summary"]
        for kind, count in s["errors"].items():
            example = s["error_examples"].get(kind)
            lines.append(
                f"- {run['name']}, {level['label']}: {count} × {kind}"
                + (f" — “{example}”" if example else "")
            )
    return lines


def markdown_report(runs: Sequence[RunDocument], *, title: str, plots: Sequence[str] = ()) -> str:
    """A report a person can paste into a decision document."""
    first = runs[0]
    workload = first["config"]["workload"]
    out = [f"# {title}", ""]
    for run in runs:
        cfg = run["config"]
        out.append(
            f"- **{run['name']}**: `{cfg['model']}` at {cfg['url']}, {run['created']}, "
            f"supportllm {run['supportllm']}"
            + (f" — stopped early: {run['stopped']}" if run["stopped"] else "")
        )
    out += [
        f"- Workload: {workload['kind']}, input {workload['input_tokens']} tokens, output "
        f"{workload['output_tokens']} tokens"
        + (
            f", common prefix {workload['prefix_share']:.0%}"
            if workload.get("prefix_share")
            else ""
        )
        + f", seed {workload['seed']}",
        "- SLOs: "
        + ", ".join(f"{k} ≤ {v:g} ms" for k, v in first["config"]["slo_ms"].items())
        + " (goodput counts requests meeting all of them; capacity holds them at "
        + f"p{first['config']['slo_percentile']})",
        "",
        "## Results",
        "",
        markdown_table(COLUMNS, [table_row(run, lv) for run in runs for lv in run["levels"]]),
        "",
        "TTFT: request sent → first token; ITL: gaps between streamed chunks; TPOT: "
        "(E2EL − TTFT)/(output tokens − 1); per-stream tok/s: p50 of each request's decode rate; "
        "aggregate tok/s: all output tokens / wall time of the level.",
        "",
    ]
    seeds = seeds_tables(runs)
    if seeds:
        out += [seeds, ""]
    out += ["## Capacity at the SLOs (read by `supportllm cost`)", ""]
    out += [f"- {capacity_line(run)}" for run in runs]
    out.append("")
    server = [row for run in runs for row in _server_rows(run)]
    if server:
        out += [
            "## Server metrics (scraped from /metrics; mean / max)",
            "",
            markdown_table(
                [
                    "Model",
                    "Load",
                    "running",
                    "waiting (queue)",
                    "KV cache",
                    "prefix-cache hits",
                    "preemptions",
                ],
                server,
            ),
            "",
        ]
    out += [
        "## Lengths achieved",
        "",
        markdown_table(
            [
                "Model",
                "Load",
                "input tok (mean)",
                "input range",
                "output asked",
                "output got",
                "reached target",
                "counted from",
            ],
            [row for run in runs for row in _length_rows(run)],
        ),
        "",
        *(f"**Warning:** {w}\n" for run in runs if (w := length_warning(run))),
    ]
    errors = [line for run in runs for line in _error_lines(run)]
    out += ["## Errors", "", *(errors or ["None."]), ""]
    out += [
        "## The load generator's own overhead",
        "",
        markdown_table(
            [
                "Model",
                "Load",
                "event-loop lag p50 / p99 / max (ms)",
                "client CPU (share of a core)",
                "client CPU per request (ms)",
                "processes",
            ],
            [row for run in runs for row in _client_rows(run)],
        ),
        "",
    ]
    notes = [f"- {run['name']}: {note}" for run in runs for note in run["endpoint"]["notes"]]
    if notes:
        out += ["## Notes", "", *notes, ""]
    if plots:
        out += ["## Plots", "", *(f"![{name}]({name})" for name in plots), ""]
    return "\n".join(out)
