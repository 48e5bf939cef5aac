"""The load benchmark as a typed call: one run from a ``BenchConfig`` to a results folder. The
CLI (`supportllm bench`) and the trial both call ``run_to_folder``."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from supportllm.bench.document import LevelDocument, RunDocument
from supportllm.bench.load import LevelSpec
from supportllm.bench.runner import BenchConfig, Hooks, run_bench
from supportllm.errors import BenchmarkError
from supportllm.loops import new_event_loop


class QuietHooks:
    """No progress display (the trial): notes are kept for its log."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def note(self, message: str) -> None:
        self.notes.append(message)

    def level_started(self, number: int, spec: LevelSpec, workers: int) -> None:
        pass

    def level_progress(self, finished: int, errors: int) -> None:
        pass

    def level_finished(self, level: LevelDocument) -> None:
        pass


def closed_loop_levels(
    concurrency: list[int],
    requests: int | None,
    *,
    duration: float | None = None,
    warmup: int | None = None,
    ramp_up: float = 1.0,
    seed: int = 0,
) -> list[LevelSpec]:
    """A concurrency sweep as `bench --concurrency` builds it: warm-up = the streams unless
    given, streams ramped up over ``ramp_up`` seconds (none for a single stream)."""
    count = None if duration is not None else requests
    return [
        LevelSpec(
            "concurrency", n, None, count, duration, warmup if warmup is not None else n, seed,
            ramp_up if n > 1 else 0.0,
        )
        for n in concurrency
    ]  # fmt: skip


@dataclass
class BenchOutcome:
    run: RunDocument  # run.json
    folder: Path
    files: list[Path]

    def failure(self) -> str | None:
        """Why the run cannot be used (every request failed, or it stopped early), or None."""
        levels = self.run["levels"]
        if sum(level["summary"]["completed"] for level in levels) == 0:
            first = next(
                (
                    f"{kind}: {example}"
                    for level in levels
                    for kind, example in level["summary"]["error_examples"].items()
                ),
                "unknown error",
            )
            return f"every request failed ({first}); results written to {self.folder}"
        if self.run["stopped"]:
            return f"stopped: {self.run['stopped']}; partial results written to {self.folder}"
        return None


async def _run(config: BenchConfig, hooks: Hooks, interruptible: bool) -> RunDocument:
    stop = asyncio.Event()
    if not interruptible:
        return await run_bench(config, hooks, stop)
    loop = asyncio.get_running_loop()

    def on_interrupt() -> None:
        hooks.note(
            "stopping: in-flight requests are cancelled, the results so far are written "
            "(Ctrl-C again aborts)"
        )
        stop.set()
        loop.remove_signal_handler(signal.SIGINT)

    loop.add_signal_handler(signal.SIGINT, on_interrupt)
    try:
        return await run_bench(config, hooks, stop)
    finally:
        loop.remove_signal_handler(signal.SIGINT)


def run_to_folder(
    config: BenchConfig,
    out: Path | None,
    hooks: Hooks | None = None,
    *,
    interruptible: bool = False,
    default_out: Callable[[str], Path] | None = None,
) -> BenchOutcome:
    """Run the benchmark and write run.json, the CSVs, the report and the plots to ``out``
    (or ``default_out(name)``). Raises BenchmarkError when nothing was measured; otherwise the
    results are written and ``failure()`` says whether they can be used."""
    from supportllm.bench.results import write_run

    loop = new_event_loop()
    try:
        result = loop.run_until_complete(_run(config, hooks or QuietHooks(), interruptible))
    finally:
        loop.close()
    measured = sum(level["summary"]["requests"] for level in result["levels"])
    if measured == 0:
        raise BenchmarkError("the run was stopped before any request was measured: nothing written")
    if out is not None:
        folder = out
    elif default_out is not None:
        folder = default_out(result["name"])
    else:
        raise ValueError("give out or default_out")
    files = write_run(result, folder)
    return BenchOutcome(result, folder, files)
