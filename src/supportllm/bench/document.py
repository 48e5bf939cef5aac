"""The run document (``run.json``, format ``supportllm.bench/1``) as types: what the reports, the
plots, `bench compare`, the cost model and the trial read. The on-disk format is unchanged; files
written by earlier versions of format 1 read the same."""

from __future__ import annotations

from typing import Any, Required, TypedDict, cast

# Percentile blocks ({"mean", "std", "min", "p50", "p90", "p95", "p99", "max"}), values None when
# nothing was measured. Kept as a mapping: their keys are read by name from settings ("p95").
Stats = dict[str, Any]


class Summary(TypedDict):
    """One level's figures (bench/metrics.py: summarize)."""

    requests: int
    completed: int
    failed: int
    error_rate: float
    errors: dict[str, int]
    error_examples: dict[str, str | None]
    duration_s: float
    ttft_ms: Stats
    itl_ms: Stats
    tpot_ms: Stats
    e2el_ms: Stats
    output_tokens_per_s: float
    total_tokens_per_s: float
    requests_per_s: float
    goodput_requests_per_s: float | None
    throughput_window: dict[str, Any]
    per_stream_tokens_per_s: Stats
    goodput_share: float | None
    input_tokens: Stats
    output_tokens: Stats
    requested_output_tokens_mean: float | None
    reached_requested_length: float | None
    token_counts: dict[str, int]
    client_queue_ms: Stats | None


class LevelDocument(TypedDict):
    label: str
    spec: dict[str, Any]  # LevelSpec.describe(): mode, concurrency, rate, requests, …
    summary: Summary
    client: dict[str, Any]
    server: dict[str, Any] | None
    stopped: str | None
    partial: bool
    records: list[dict[str, Any]]


class Capacity(TypedDict, total=False):
    """The busiest level that met the SLOs (bench/metrics.py: capacity), or why none did; then
    (``met`` false, ``misses``) the busiest level measured, which the cost model may size with,
    flagged as not meeting the SLOs."""

    met: Required[bool]
    slo: dict[str, float]
    percentile: int
    max_error_rate: float
    levels_tested: int
    levels_meeting: int
    reason: str
    level: dict[str, Any]
    concurrency: int | None
    rate: float | None
    output_tokens_per_s: float
    total_tokens_per_s: float
    requests_per_s: float
    mean_input_tokens: float | None
    mean_output_tokens: float | None
    ttft_ms_at_percentile: float | None
    tpot_ms_at_percentile: float | None
    highest_level_meets: bool
    misses: list[str]
    note: str


class RunDocument(TypedDict):
    format: str
    name: str
    created: str
    supportllm: str
    config: dict[str, Any]
    endpoint: dict[str, Any]
    levels: list[LevelDocument]
    capacity: Capacity
    stopped: str | None


def stats_of(summary: Summary, metric: str) -> Stats:
    """A percentile block by its name chosen at run time (``"ttft_ms"``, ``f"{name}_ms"``)."""
    block = cast(dict[str, Any], summary)[metric]
    if not isinstance(block, dict):
        raise KeyError(f"{metric} is not a percentile block of a level summary")
    return block
