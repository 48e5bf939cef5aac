"""Server-side figures during a run: the engine's Prometheus ``/metrics``, polled in a separate
process (so parsing never delays the measuring event loop) and summarised per level.

Known names: vLLM (``vllm:num_requests_running``, ``…_waiting``, ``vllm:kv_cache_usage_perc`` or
the older ``vllm:gpu_cache_usage_perc``, prefix-cache hits/queries, preemptions) and llama.cpp's
server (``llamacpp:requests_processing``, ``…_deferred``, ``llamacpp:kv_cache_usage_ratio``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from typing import Any

Sample = tuple[float, dict[str, float]]

GAUGES: dict[str, tuple[str, ...]] = {
    "running": ("vllm:num_requests_running", "llamacpp:requests_processing"),
    "waiting": ("vllm:num_requests_waiting", "llamacpp:requests_deferred"),
    "kv_cache_usage": (
        "vllm:kv_cache_usage_perc",
        "vllm:gpu_cache_usage_perc",
        "llamacpp:kv_cache_usage_ratio",
    ),
}
COUNTERS: dict[str, tuple[str, ...]] = {
    "prefix_cache_hits": ("vllm:prefix_cache_hits", "vllm:gpu_prefix_cache_hits"),
    "prefix_cache_queries": ("vllm:prefix_cache_queries", "vllm:gpu_prefix_cache_queries"),
    "preemptions": ("vllm:num_preemptions",),
}
_WANTED = {name: key for key, names in {**GAUGES, **COUNTERS}.items() for name in names}


def parse_metrics(text: str) -> dict[str, float]:
    """The known figures in a Prometheus text page, summed over label sets."""
    from prometheus_client.parser import text_string_to_metric_families

    lines = [
        line
        for line in text.splitlines()
        if line
        and not line.startswith("#")
        and line.split("{", 1)[0].split(" ", 1)[0].removesuffix("_total") in _WANTED
    ]
    values: dict[str, float] = {}
    seen: dict[str, str] = {}
    for family in text_string_to_metric_families("\n".join(lines) + "\n"):
        for sample in family.samples:
            name = sample.name.removesuffix("_total")
            key = _WANTED.get(name)
            if key is None or seen.setdefault(key, name) != name:
                continue  # the first known name of a figure wins (new vLLM over old)
            values[key] = values.get(key, 0.0) + float(sample.value)
    return values


def _scrape_loop(url: str, interval: float, pipe: Connection, stop: Event) -> None:
    import httpx

    samples: list[Sample] = []
    failures = 0
    with httpx.Client(timeout=max(1.0, interval * 2), trust_env=False) as http:

        def scrape() -> None:
            nonlocal failures
            at = time.perf_counter()
            try:
                response = http.get(url)
                if response.status_code == 200:
                    samples.append((at, parse_metrics(response.text)))
                    return
            except (httpx.HTTPError, ValueError):
                pass
            failures += 1

        while True:
            at = time.perf_counter()
            scrape()
            if stop.wait(max(0.0, interval - (time.perf_counter() - at))):
                scrape()  # one after the end, so the last level's counters close
                break
    pipe.send((samples, failures))
    pipe.close()


@dataclass
class Scraper:
    """Polls ``url`` every ``interval`` seconds in a child process until ``stop()``."""

    url: str
    interval: float = 1.0
    _process: Any = None
    _pipe: Connection | None = None
    _stop: Event | None = None
    failures: int = 0
    samples: list[Sample] = field(default_factory=list)

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        receive, send = context.Pipe(duplex=False)
        self._stop = context.Event()
        self._process = context.Process(
            target=_scrape_loop, args=(self.url, self.interval, send, self._stop), daemon=True
        )
        self._process.start()
        send.close()
        self._pipe = receive

    def stop(self) -> list[Sample]:
        if self._process is None or self._stop is None or self._pipe is None:
            return self.samples
        self._stop.set()
        with contextlib.suppress(EOFError, OSError):
            if self._pipe.poll(15):
                self.samples, self.failures = self._pipe.recv()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
        self._process = None
        return self.samples


def summarize_server(
    samples: Sequence[Sample], started: float, ended: float
) -> dict[str, Any] | None:
    """Mean and max of the gauges during [started, ended]; counter increases over it."""
    inside = [values for at, values in samples if started <= at <= ended]
    if not inside:
        return None
    out: dict[str, Any] = {"samples": len(inside)}
    for key in GAUGES:
        series = [values[key] for values in inside if key in values]
        if series:
            out[key] = {"mean": statistics.fmean(series), "max": max(series)}
    before = [values for at, values in samples if at <= started] or inside[:1]
    after = [values for at, values in samples if at >= ended] or inside[-1:]
    for key in COUNTERS:
        if key in before[-1] and key in after[0]:
            out[key] = after[0][key] - before[-1][key]
    queries = out.get("prefix_cache_queries")
    if queries:
        out["prefix_cache_hit_rate"] = out.get("prefix_cache_hits", 0.0) / queries
    return out
