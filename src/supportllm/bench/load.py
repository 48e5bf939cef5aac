"""Load modes: fixed concurrency (closed loop) and Poisson arrivals (open loop), one level at once.

A level issues ``warmup + requests`` requests (or issues for ``duration_s``); the first ``warmup``
issued are marked and left out of the figures. The loop measures its own overhead while it runs:
event-loop lag (how late a 10 ms timer fires) and the process's CPU time per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from supportllm.bench.client import ConnectionPool, Endpoint, RequestRecord, StreamingClient

LoadMode = Literal["concurrency", "rate"]
_LAG_INTERVAL = 0.010
MIN_REQUESTS_FOR_ERROR_RATE = 20


@dataclass(frozen=True)
class LevelSpec:
    """One point of a sweep."""

    mode: LoadMode
    concurrency: int | None = None  # closed loop: streams; open loop: optional cap
    rate: float | None = None  # requests per second (open loop)
    requests: int | None = 100
    duration_s: float | None = None
    warmup: int = 0
    seed: int = 0
    ramp_up_s: float = 0.0  # closed loop: streams start spread over this time

    @property
    def label(self) -> str:
        if self.mode == "concurrency":
            return f"concurrency {self.concurrency}"
        cap = f", cap {self.concurrency}" if self.concurrency else ""
        return f"rate {self.rate:g}/s{cap}"

    @property
    def total(self) -> int | None:
        return None if self.requests is None else self.requests + self.warmup

    def describe(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "concurrency": self.concurrency,
            "rate": self.rate,
            "requests": self.requests,
            "duration_s": self.duration_s,
            "warmup": self.warmup,
        }

    def share(self, worker: int, workers: int) -> LevelSpec:
        """This worker's part of the level when it is spread over processes."""

        def split(value: int | None) -> int | None:
            if value is None:
                return None
            return value // workers + (1 if worker < value % workers else 0)

        return LevelSpec(
            self.mode,
            split(self.concurrency),
            None if self.rate is None else self.rate / workers,
            split(self.requests),
            self.duration_s,
            split(self.warmup) or 0,
            self.seed * 1000 + worker,
        )


@dataclass
class Target:
    """What the load goes to: the endpoint, the prepared request head, the bodies."""

    endpoint: Endpoint
    head: bytes
    bodies: Sequence[bytes]
    requested_output: Sequence[int]
    estimated_input: Sequence[int]
    timeout: float = 600.0
    max_error_rate: float | None = None


@dataclass
class LevelRun:
    spec: LevelSpec
    records: list[RequestRecord] = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0
    lag_ms: list[float] = field(default_factory=list)
    cpu_s: float = 0.0
    stopped: str | None = None  # why it ended early: "interrupted", "error rate …"
    cancelled: int = 0
    workers: int = 1


async def _lag_monitor(samples: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(_LAG_INTERVAL)
        samples.append(max(0.0, (time.perf_counter() - before - _LAG_INTERVAL) * 1000))


class _Level:
    """The state of one running level in one process."""

    def __init__(
        self,
        spec: LevelSpec,
        target: Target,
        on_done: Callable[[RequestRecord], None] | None,
        stop: asyncio.Event,
        offset: int = 0,
        stride: int = 1,
    ) -> None:
        self.spec, self.target, self.on_done, self.stop = spec, target, on_done, stop
        self.run = LevelRun(spec)
        self.issued = 0
        self.offset, self.stride = offset, stride
        self.errors = 0
        self.finished = 0
        self.deadline: float | None = None

    def next_record(self) -> RequestRecord | None:
        spec = self.spec
        if self.stop.is_set():
            return None
        if spec.total is not None and self.issued >= spec.total:
            return None
        if self.deadline is not None and time.perf_counter() >= self.deadline:
            return None
        number = self.issued
        self.issued += 1
        index = (self.offset + number * self.stride) % len(self.target.bodies)
        record = RequestRecord(
            index=index,
            warmup=number < spec.warmup,
            requested_output=self.target.requested_output[index],
            estimated_prompt_tokens=self.target.estimated_input[index],
        )
        self.run.records.append(record)
        return record

    def done(self, record: RequestRecord) -> None:
        self.finished += 1
        if record.error is not None:
            self.errors += 1
        limit = self.target.max_error_rate
        if (
            limit is not None
            and self.finished >= MIN_REQUESTS_FOR_ERROR_RATE
            and self.errors / self.finished > limit
            and not self.stop.is_set()
        ):
            self.run.stopped = (
                f"error rate {self.errors / self.finished:.0%} exceeded --max-error-rate "
                f"{limit:.0%} after {self.finished} requests"
            )
            self.stop.set()
        if self.on_done is not None:
            self.on_done(record)


async def run_level(
    spec: LevelSpec,
    target: Target,
    *,
    on_done: Callable[[RequestRecord], None] | None = None,
    stop: asyncio.Event | None = None,
    offset: int = 0,
    stride: int = 1,
    start_at: float | None = None,
) -> LevelRun:
    """Run one level in this process's event loop; ``stop`` ends it early (results kept)."""
    stop = stop or asyncio.Event()
    level = _Level(spec, target, on_done, stop, offset, stride)
    pool = ConnectionPool(target.endpoint)
    client = StreamingClient(pool, target.head, target.timeout)
    lag_stop = asyncio.Event()
    monitor = asyncio.create_task(_lag_monitor(level.run.lag_ms, lag_stop))
    if start_at is not None:
        await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    # The cyclic garbage collector's full passes over tens of thousands of records would stall
    # the loop for tens of ms; nothing here makes cycles worth chasing mid-level.
    collecting = gc.isenabled()
    gc.disable()
    cpu_before = time.process_time()
    level.run.started = time.perf_counter()
    if spec.duration_s is not None:
        level.deadline = level.run.started + spec.duration_s
    tasks: set[asyncio.Task[Any]] = set()
    try:
        if spec.mode == "concurrency":
            streams = spec.concurrency or 1
            workers = [
                asyncio.create_task(_closed_worker(level, client, i * spec.ramp_up_s / streams))
                for i in range(streams)
            ]
            tasks.update(workers)
            await _until_done_or_stopped(workers, stop)
        else:
            await _open_loop(level, client, tasks)
    finally:
        pending = [t for t in tasks if not t.done()]
        for task in pending:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*pending, return_exceptions=True)
        level.run.ended = time.perf_counter()
        level.run.cpu_s = time.process_time() - cpu_before
        if collecting:
            gc.enable()
        lag_stop.set()
        await monitor
        pool.close()
    unfinished = [r for r in level.run.records if r.end is None]
    level.run.cancelled = len(unfinished)
    level.run.records = [r for r in level.run.records if r.end is not None]
    if stop.is_set() and level.run.stopped is None:
        level.run.stopped = "interrupted"
    return level.run


async def _until_done_or_stopped(tasks: list[asyncio.Task[Any]], stop: asyncio.Event) -> None:
    stopper = asyncio.create_task(stop.wait())
    try:
        pending: set[asyncio.Task[Any]] = set(tasks)
        while pending and not stop.is_set():
            _done, pending = await asyncio.wait(
                pending | {stopper}, return_when=asyncio.FIRST_COMPLETED
            )
            pending.discard(stopper)
            for task in _done:
                if task is not stopper and task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
    finally:
        stopper.cancel()


async def _closed_worker(level: _Level, client: StreamingClient, delay: float) -> None:
    if delay > 0:
        await asyncio.sleep(delay)
    while (record := level.next_record()) is not None:
        await client.send(level.target.bodies[record.index], record)
        level.done(record)


async def _open_loop(level: _Level, client: StreamingClient, tasks: set[asyncio.Task[Any]]) -> None:
    spec = level.spec
    assert spec.rate is not None and spec.rate > 0
    rng = random.Random(spec.seed)
    cap = asyncio.Semaphore(spec.concurrency) if spec.concurrency else None
    start = level.run.started
    due = start

    async def one(record: RequestRecord) -> None:
        if cap is None:
            await client.send(level.target.bodies[record.index], record)
        else:
            async with cap:
                await client.send(level.target.bodies[record.index], record)
        level.done(record)

    while not level.stop.is_set():
        due += rng.expovariate(spec.rate)
        delay = due - time.perf_counter()
        if delay > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(level.stop.wait(), delay)
            if level.stop.is_set():
                break
        record = level.next_record()
        if record is None:
            break
        record.scheduled = due
        task = asyncio.create_task(one(record))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    remaining = [t for t in tasks if not t.done()]
    if remaining and not level.stop.is_set():
        await _until_done_or_stopped(remaining, level.stop)
