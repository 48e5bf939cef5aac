"""One level spread over worker processes, for loads one Python process cannot offer.

Each worker runs the same closed or open loop on its share of the streams (or of the arrival
rate) and of the requests, starting at one shared instant (``perf_counter`` is the system's
monotonic clock, the same in every process), and sends its records back when the level ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import queue
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from typing import Any

from supportllm.bench.client import RequestRecord
from supportllm.bench.load import LevelRun, LevelSpec, Target, run_level
from supportllm.loops import new_event_loop

Progress = Callable[[int, int], None]  # (finished, errors) so far
_SPAWN_TIMEOUT_S = 60.0


def _worker(
    spec: LevelSpec,
    target: Target,
    offset: int,
    stride: int,
    ready: Any,
    go: Event,
    start_at: Synchronized[float],
    stop_all: Event,
    progress: Any,
    pipe: Connection,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for everyone
    ready.put(offset)
    go.wait()
    counts = [0, 0]

    def done(record: RequestRecord) -> None:
        counts[0] += 1
        counts[1] += record.error is not None

    async def main() -> LevelRun:
        stop = asyncio.Event()

        async def relay() -> None:
            while True:
                if stop_all.is_set():
                    stop.set()
                progress.put((offset, counts[0], counts[1]))
                await asyncio.sleep(0.1)

        relay_task = asyncio.create_task(relay())
        try:
            run = await run_level(
                spec,
                target,
                on_done=done,
                stop=stop,
                offset=offset,
                stride=stride,
                start_at=start_at.value,
            )
        finally:
            relay_task.cancel()
        progress.put((offset, counts[0], counts[1]))
        if run.stopped and run.stopped != "interrupted":
            stop_all.set()  # one worker over the error limit stops them all
        return run

    loop = new_event_loop()
    try:
        pipe.send(loop.run_until_complete(main()))
    finally:
        loop.close()
        pipe.close()


def merge(runs: list[LevelRun], spec: LevelSpec) -> LevelRun:
    merged = LevelRun(spec, workers=len(runs))
    for run in runs:
        merged.records.extend(run.records)
        merged.lag_ms.extend(run.lag_ms)
        merged.cpu_s += run.cpu_s
        merged.cancelled += run.cancelled
        merged.stopped = merged.stopped or run.stopped
    merged.records.sort(key=lambda r: r.start)
    merged.started = min(run.started for run in runs)
    merged.ended = max(run.ended for run in runs)
    return merged


async def run_level_parallel(
    spec: LevelSpec,
    target: Target,
    workers: int,
    *,
    progress: Progress | None = None,
    stop: asyncio.Event | None = None,
) -> LevelRun:
    """Run ``spec`` over ``workers`` processes; ``stop`` ends all of them (results kept)."""
    stop = stop or asyncio.Event()
    context = multiprocessing.get_context("spawn")
    ready, updates = context.Queue(), context.Queue()
    go, stop_all = context.Event(), context.Event()
    start_at = context.Value("d", 0.0)
    pipes: list[Connection] = []
    processes = []
    for worker in range(workers):
        receive, send = context.Pipe(duplex=False)
        share = spec.share(worker, workers)
        process = context.Process(
            target=_worker,
            args=(share, target, worker, workers, ready, go, start_at, stop_all, updates, send),
            daemon=True,
        )
        process.start()
        send.close()
        pipes.append(receive)
        processes.append(process)
    loop = asyncio.get_running_loop()
    try:
        deadline = time.monotonic() + _SPAWN_TIMEOUT_S
        for _ in range(workers):
            remaining = max(0.1, deadline - time.monotonic())
            await loop.run_in_executor(None, lambda r=remaining: ready.get(timeout=r))  # type: ignore[misc]
        start_at.value = time.perf_counter() + 0.2
        go.set()
        latest: dict[int, tuple[int, int]] = {}
        while any(p.is_alive() for p in processes) and not all(pipe.poll() for pipe in pipes):
            if stop.is_set():
                stop_all.set()
            with contextlib.suppress(queue.Empty):
                while True:
                    worker, finished, errors = updates.get_nowait()
                    latest[worker] = (finished, errors)
            if progress is not None and latest:
                progress(sum(v[0] for v in latest.values()), sum(v[1] for v in latest.values()))
            await asyncio.sleep(0.1)
        runs = [await loop.run_in_executor(None, pipe.recv) for pipe in pipes if pipe.poll(10)]
    finally:
        stop_all.set()
        go.set()
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
    if len(runs) < workers:
        missing = workers - len(runs)
        if not runs:
            raise RuntimeError("the benchmark's worker processes ended without results")
        merged = merge(runs, spec)
        merged.stopped = merged.stopped or f"{missing} worker process(es) ended without results"
        return merged
    return merge(runs, spec)
