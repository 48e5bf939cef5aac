"""One benchmark run: probe the endpoint, build the workload, run each level, collect the figures.

The result is one JSON-ready document (``FORMAT``): the configuration, what the probe found, per
level the summary, the client's own overhead, the server's metrics and every request with its
per-event timestamps, and the capacity at the SLOs that the cost model reads.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from supportllm import __version__
from supportllm.bench.body import LENGTH_FIELDS, Api, BodyShape
from supportllm.bench.client import Endpoint, RequestRecord, request_head
from supportllm.bench.document import LevelDocument, RunDocument
from supportllm.bench.load import LevelRun, LevelSpec, Target, run_level
from supportllm.bench.metrics import SLO, capacity, stats, summarize
from supportllm.bench.parallel import run_level_parallel
from supportllm.bench.probe import ProbeResult, probe
from supportllm.bench.results import FORMAT
from supportllm.bench.scrape import Scraper, summarize_server
from supportllm.bench.workload import Corpus, Prompt, WorkloadSpec, build_prompts, load_corpus

DEFAULT_SLO = "ttft=1000,tpot=100"
# One process keeps 2,000 streams and 2,000 short requests/s exact on 2 cores (docs/bench.md);
# beyond these, "auto" spreads a level over worker processes.
STREAMS_PER_PROCESS = 2000
RATE_PER_PROCESS = 2000.0
_DURATION_PROMPTS = 4096


@dataclass
class BenchConfig:
    url: str
    levels: list[LevelSpec]
    model: str | None = None
    name: str | None = None
    api: Api = "chat"
    headers: dict[str, str] = field(default_factory=dict)
    extra_body: dict[str, Any] = field(default_factory=dict)
    workload: WorkloadSpec = field(default_factory=WorkloadSpec)
    corpus: list[Path] = field(default_factory=list)
    tickets: Path | None = None
    slo: SLO = field(default_factory=lambda: SLO.parse(DEFAULT_SLO))
    slo_percentile: int = 95
    max_error_rate: float | None = None
    timeout: float = 600.0
    length_control: bool = True
    scrape: bool = True
    metrics_url: str | None = None
    scrape_interval: float = 1.0
    workers: int | None = None  # None: automatic


class Hooks(Protocol):
    """What the command line shows while a run goes on."""

    def note(self, message: str) -> None: ...
    def level_started(self, number: int, spec: LevelSpec, workers: int) -> None: ...
    def level_progress(self, finished: int, errors: int) -> None: ...
    def level_finished(self, level: LevelDocument) -> None: ...


def auto_workers(spec: LevelSpec, endpoint: Endpoint) -> int:
    """Processes for a level: one up to 2,000 streams or 2,000 requests/s, more beyond — but
    never more than the cores left over when the server runs on this machine too."""
    need = max(
        (spec.concurrency or 0) / STREAMS_PER_PROCESS if spec.mode == "concurrency" else 0.0,
        (spec.rate or 0.0) / RATE_PER_PROCESS,
    )
    cores = os.cpu_count() or 1
    if endpoint.host in ("127.0.0.1", "localhost", "::1", "0.0.0.0"):
        cores = max(1, cores // 2)
    return max(1, min(cores, math.ceil(need)))


def _calibration(spec: WorkloadSpec, corpus: Corpus) -> tuple[Prompt, Prompt] | None:
    """Two prompts of different lengths from the workload itself, to fit tokens per word."""
    if spec.kind == "replay":
        return None
    long = build_prompts(spec, corpus, 1)[0]
    if long.system:
        short_system = " ".join(long.system.split()[:40])
        short = replace(long, system=short_system)
    else:
        short = replace(long, user=" ".join(long.user.split()[: max(5, long.words // 4)]))
    return long, short


def _record_json(record: RequestRecord, origin: float) -> dict[str, Any]:
    start = record.start
    out: dict[str, Any] = {
        "i": record.index,
        "warmup": record.warmup,
        "start_s": round(start - origin, 6),
        "status": record.status,
        "error": record.error,
        "message": record.message,
        "prompt_tokens": record.prompt_tokens,
        "completion_tokens": record.completion_tokens,
        "events": len(record.chunk_times),
        "requested_output": record.requested_output,
        "e2el_ms": round((record.end - start) * 1000, 3) if record.end is not None else None,
        "chunk_ms": [round((t - start) * 1000, 3) for t in record.chunk_times],
    }
    if record.scheduled is not None:
        out["queued_ms"] = round((start - record.scheduled) * 1000, 3)
    return out


def level_document(
    run: LevelRun, slo: SLO, origin: float, samples: Sequence[tuple[float, dict[str, float]]]
) -> LevelDocument:
    summary = summarize(run.records, slo, started=run.started, ended=run.ended)
    measured = max(1, sum(1 for r in run.records if not r.warmup))
    return {
        "label": run.spec.label,
        "spec": run.spec.describe(),
        "summary": summary,
        "client": {
            "workers": run.workers,
            "event_loop_lag_ms": stats(run.lag_ms),
            "cpu_ms_per_request": run.cpu_s * 1000 / max(1, len(run.records)),
            "cpu_s": run.cpu_s,
            "cpu_share_of_one_core": run.cpu_s / max(1e-9, run.ended - run.started),
            "cancelled": run.cancelled,
            "measured_requests": measured,
        },
        "server": summarize_server(samples, run.started, run.ended),
        "stopped": run.stopped,
        "partial": run.stopped is not None,
        "records": [_record_json(r, origin) for r in run.records],
    }


async def run_bench(config: BenchConfig, hooks: Hooks, stop: asyncio.Event) -> RunDocument:
    """Run every level of ``config``; a set ``stop`` ends the run with what was measured."""
    endpoint = Endpoint.parse(config.url)
    created = dt.datetime.now(dt.UTC)
    corpus = load_corpus(config.corpus, config.tickets)
    for problem in corpus.problems[:5]:
        hooks.note(f"skipped {problem}")
    shape = BodyShape(
        config.model or "",
        config.api,
        LENGTH_FIELDS if config.length_control else (),
        extra=config.extra_body,
    )
    found: ProbeResult = await probe(
        endpoint,
        config.model,
        shape,
        config.headers,
        _calibration(config.workload, corpus),
        timeout_s=min(config.timeout, 300.0),
        metrics_url=config.metrics_url,
        scrape=config.scrape,
    )
    for note in found.notes:
        hooks.note(note)
    totals = [spec.total for spec in config.levels]
    count = max(t for t in totals if t is not None) if all(totals) else _DURATION_PROMPTS
    prompts = build_prompts(config.workload, corpus, count, found.estimate)
    target = Target(
        endpoint,
        request_head(endpoint, found.shape.path, config.headers),
        found.shape.encode(prompts),
        [p.output_tokens for p in prompts],
        [found.estimate.tokens(p.words) for p in prompts],
        config.timeout,
        config.max_error_rate,
    )
    scraper = Scraper(found.metrics_url, config.scrape_interval) if found.metrics_url else None
    if scraper is not None:
        scraper.start()
    runs: list[LevelRun] = []
    origin = time.perf_counter()
    try:
        for number, spec in enumerate(config.levels, start=1):
            workers = config.workers or auto_workers(spec, endpoint)
            hooks.level_started(number, spec, workers)
            if workers > 1:
                run = await run_level_parallel(
                    spec, target, workers, progress=hooks.level_progress, stop=stop
                )
            else:
                run = await _in_process(spec, target, hooks, stop)
            runs.append(run)
            hooks.level_finished(level_document(run, config.slo, origin, []))
            if run.stopped is not None:
                break
    finally:
        samples = scraper.stop() if scraper is not None else []
    levels = [level_document(run, config.slo, origin, samples) for run in runs]
    complete = [level for level in levels if not level["partial"]]
    stopped = next((run.stopped for run in runs if run.stopped), None)
    return {
        "format": FORMAT,
        "name": config.name or found.model,
        "created": created.isoformat(timespec="seconds"),
        "supportllm": __version__,
        "config": {
            "url": endpoint.base_url,
            "model": found.model,
            "workload": config.workload.describe(),
            "corpus": corpus.sources,
            "levels": [spec.describe() for spec in config.levels],
            "slo_ms": config.slo.limits,
            "slo_percentile": config.slo_percentile,
            "max_error_rate": config.max_error_rate,
            "timeout_s": config.timeout,
            "request": found.shape.describe(),
            "metrics_url": found.metrics_url,
        },
        "endpoint": found.describe(),
        "levels": levels,
        "capacity": capacity(
            complete,
            config.slo,
            percentile_q=config.slo_percentile,
            max_error_rate=config.max_error_rate if config.max_error_rate is not None else 0.01,
        ),
        "stopped": stopped,
    }


async def _in_process(
    spec: LevelSpec, target: Target, hooks: Hooks, stop: asyncio.Event
) -> LevelRun:
    counts = [0, 0]

    def done(record: RequestRecord) -> None:
        counts[0] += 1
        counts[1] += record.error is not None

    async def report() -> None:
        while True:
            hooks.level_progress(counts[0], counts[1])
            await asyncio.sleep(0.25)

    reporter = asyncio.create_task(report())
    try:
        return await run_level(spec, target, on_done=done, stop=stop)
    finally:
        reporter.cancel()
        hooks.level_progress(counts[0], counts[1])
