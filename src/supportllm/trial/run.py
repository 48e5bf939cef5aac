"""The one-day experiment, per candidate: start or attach the engine → bench sweep (its warm-up
requests first) → replay of the tickets → LLM judge → cost; then the report.

Each step runs the same command a person would type (`supportllm bench`, `replay`, `grade
judge`) in its own process and leaves its files under ``out``. ``state.json`` records the
finished steps: a trial run again skips them. Engines the trial started are stopped at the end,
also after a failure; a candidate that fails is reported with why, and the others go on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supportllm.config import Settings
from supportllm.trial.config import CandidateConfig, TrialConfig

CLI = [sys.executable, "-m", "supportllm"]


@dataclass
class Endpoint:
    url: str
    model: str | None
    started: str | None  # engine name the trial started (to stop), or None when attached


class TrialState:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, dict[str, Any]] = (
            json.loads(path.read_text()) if path.is_file() else {}
        )

    def done(self, candidate: str, step: str) -> bool:
        return self.data.get(candidate, {}).get(step) == "done"

    def mark(self, candidate: str, step: str, value: str) -> None:
        self.data.setdefault(candidate, {})[step] = value
        self.path.write_text(json.dumps(self.data, indent=2) + "\n")


def run_command(args: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        [*CLI, *args], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise RuntimeError(lines[-1] if lines else f"exit {result.returncode}")


def _engine(candidate: CandidateConfig, settings: Settings) -> Endpoint:
    if candidate.url is not None:
        return Endpoint(candidate.url, candidate.upstream_model, None)
    from supportllm.engines.commands import launch_spec
    from supportllm.engines.launch import start_engine

    assert candidate.engine is not None and candidate.model is not None
    nested: dict[str, Any] = {"model": candidate.model}
    if candidate.engine == "vllm":
        if candidate.quantization:
            nested["quantization"] = candidate.quantization
        nested["tensor_parallel_size"] = candidate.gpus
    scoped = settings.model_copy(
        update={
            "engine": candidate.engine,
            candidate.engine: getattr(settings, candidate.engine).model_copy(update=nested),
        }
    )
    spec = launch_spec(scoped)
    state, started = start_engine(
        spec, settings.data_dir, timeout_s=settings.engine_start_timeout_s
    )
    return Endpoint(state.base_url, state.served_model, spec.name if started else None)


def run_trial(
    config: TrialConfig,
    settings: Settings,
    *,
    say: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Run every step not done yet; returns {candidate: {"error": str | None}}."""
    from supportllm.engines.launch import stop_engine

    out = config.out
    out.mkdir(parents=True, exist_ok=True)
    state = TrialState(out / "state.json")
    outcome: dict[str, Any] = {}
    slo = f"ttft={config.slo.ttft_ms:g},tpot={config.slo.tpot_ms:g}"
    tickets = ["--demo"] if config.tickets.demo else ["--tickets", str(config.tickets.file)]
    if config.kb is not None and not state.done("_kb", "ingest"):
        say(f"ingesting the knowledge base from {config.kb}")
        run_command(["kb", "ingest", str(config.kb)])
        state.mark("_kb", "ingest", "done")
    sample = ["--sample", str(config.tickets.sample)] if config.tickets.sample else []
    for candidate in config.candidates:
        name = candidate.name
        steps = ("bench", "replay") + (("judge",) if config.judge == "self" else ())
        if all(state.done(name, step) for step in steps):
            say(f"{name}: all steps done already")
            outcome[name] = {"error": None}
            continue
        endpoint: Endpoint | None = None
        try:
            say(f"{name}: starting or attaching the engine")
            endpoint = _engine(candidate, settings)
            target = f"{name}={endpoint.url}" + (f"@{endpoint.model}" if endpoint.model else "")
            if not state.done(name, "bench"):
                say(f"{name}: load benchmark at concurrency {config.bench.concurrency}")
                run_command(
                    ["bench", "--url", endpoint.url, "--name", name, "--no-progress",
                     "--concurrency", ",".join(map(str, config.bench.concurrency)),
                     "--requests", str(config.bench.requests), "--slo", slo,
                     "--input-tokens", config.bench.input_tokens,
                     "--output-tokens", config.bench.output_tokens,
                     "--out", str(out / name / "bench")]
                    + (["--model", endpoint.model] if endpoint.model else [])
                )  # fmt: skip
                state.mark(name, "bench", "done")
            if not state.done(name, "replay"):
                say(f"{name}: replaying the tickets through the pipeline")
                run_command(
                    ["replay", *tickets, *sample, "--candidate", target,
                     "--max-tokens", str(config.replay_max_tokens), "--out", str(out / "replay")]
                )  # fmt: skip
                state.mark(name, "replay", "done")
            if config.judge == "self" and not state.done(name, "judge"):
                say(f"{name}: LLM judge (the candidate judges the replies)")
                run_command(["grade", "judge", str(out / "replay"), "--judge-model", target])
                state.mark(name, "judge", "done")
            outcome[name] = {"error": None}
        except Exception as error:  # noqa: BLE001 - one candidate's failure must not stop the trial
            message = str(error) or type(error).__name__
            say(f"{name}: failed: {message}")
            state.mark(name, "error", message)
            outcome[name] = {"error": message}
        finally:
            if endpoint is not None and endpoint.started:
                stop_engine(settings.data_dir, endpoint.started)
    if (out / "replay" / "replay.json").is_file():
        say(
            f"human grading: `supportllm grade serve {out / 'replay'} --graders NAME,NAME` prints "
            "one link per grader; run the trial again afterwards to merge the grades"
        )
    if config.judge and config.judge != "self" and not state.done("_judge", "judge"):
        say("LLM judge over every candidate's replies")
        try:
            run_command(["grade", "judge", str(out / "replay"), "--judge-model", config.judge])
            state.mark("_judge", "judge", "done")
        except RuntimeError as error:
            say(f"judge failed: {error}")
    return outcome
