"""The one-day experiment, per candidate: start or attach the engine → bench sweep (its warm-up
requests first) → replay of the tickets → LLM judge; then cost and the report.

Each step is the same typed call the command line makes (``bench.job.run_to_folder``,
``evals.replay_job.run_replay``, ``evals.judge.judge``, ``retrieval.jobs.ingest``) and leaves its
files under ``out``; a failing step reaches the report with its own message. Engines the trial
starts run in their own processes. ``state.json`` records the finished steps: a trial run again
skips them. Engines the trial started are stopped at the end, also after a failure; a candidate
that fails is reported with why, and the others go on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supportllm.config import Settings
from supportllm.errors import BenchmarkError
from supportllm.evals.replay import Candidate
from supportllm.trial.config import CandidateConfig, TrialConfig


@dataclass
class Endpoint:
    url: str
    model: str | None
    started: str | None  # engine name the trial started (to stop), or None when attached

    def candidate(self, name: str) -> Candidate:
        return Candidate(name, self.url, self.model)


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


def _engine(candidate: CandidateConfig, settings: Settings) -> Endpoint:
    if candidate.url is not None:
        return Endpoint(candidate.url, candidate.upstream_model, None)
    from supportllm.audit.setup import event_sink
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
    spec = launch_spec(scoped, on_pin_event=event_sink(settings))
    state, started = start_engine(
        spec, settings.data_dir, timeout_s=settings.engine_start_timeout_s
    )
    return Endpoint(state.base_url, state.served_model, spec.name if started else None)


def ingest_kb(path: Path, settings: Settings, *, demo: bool = False) -> None:
    """The trial's knowledge base: ``path`` (or the demo help centre, only into an empty KB)."""
    from supportllm.demo import DEMO_SOURCE
    from supportllm.retrieval.jobs import IngestPlan, ingest

    source = DEMO_SOURCE if demo else path.resolve().name
    ingest(IngestPlan(path, source, if_empty=demo), settings)


def bench_step(config: TrialConfig, name: str, endpoint: Endpoint, settings: Settings) -> None:
    from supportllm.bench.job import closed_loop_levels, run_to_folder
    from supportllm.bench.lengths import LengthDist
    from supportllm.bench.metrics import SLO
    from supportllm.bench.runner import BenchConfig
    from supportllm.bench.workload import WorkloadSpec

    key = settings.bench_api_key.get_secret_value() if settings.bench_api_key else None
    levels = closed_loop_levels(config.bench.concurrency, config.bench.requests)
    workload = WorkloadSpec(
        "support",
        LengthDist.parse(config.bench.input_tokens),
        LengthDist.parse(config.bench.output_tokens),
    )
    bench = BenchConfig(
        url=endpoint.url,
        levels=levels,
        model=endpoint.model,
        name=name,
        headers={"authorization": f"Bearer {key}"} if key else {},
        workload=workload,
        slo=SLO.parse(f"ttft={config.slo.ttft_ms:g},tpot={config.slo.tpot_ms:g}"),
    )
    outcome = run_to_folder(bench, config.out / name / "bench")
    if (failure := outcome.failure()) is not None:
        raise BenchmarkError(failure)


def replay_step(config: TrialConfig, candidate: Candidate, settings: Settings) -> None:
    from supportllm.evals.replay_job import ReplayJob, run_replay

    tickets = config.tickets
    run_replay(
        ReplayJob(
            [candidate],
            config.out / "replay",
            tickets=tickets.file,
            demo=tickets.demo,
            sample=tickets.sample,
            max_tokens=config.replay_max_tokens,
        ),
        settings,
    )


def judge_step(config: TrialConfig, judge: Candidate, settings: Settings) -> dict[str, int]:
    from supportllm.evals.judge import JudgePlan
    from supportllm.evals.judge import judge as run_judge

    key = settings.judge_api_key.get_secret_value() if settings.judge_api_key else None
    plan = JudgePlan(config.out / "replay", judge, api_key=key)
    return run_judge(plan, settings)


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
    if config.kb is not None and not state.done("_kb", "ingest"):
        say(f"ingesting the knowledge base from {config.kb}")
        ingest_kb(config.kb, settings)
        state.mark("_kb", "ingest", "done")
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
            if not state.done(name, "bench"):
                say(f"{name}: load benchmark at concurrency {config.bench.concurrency}")
                bench_step(config, name, endpoint, settings)
                state.mark(name, "bench", "done")
            if not state.done(name, "replay"):
                say(f"{name}: replaying the tickets through the pipeline")
                replay_step(config, endpoint.candidate(name), settings)
                state.mark(name, "replay", "done")
            if config.judge == "self" and not state.done(name, "judge"):
                say(f"{name}: LLM judge (the candidate judges the replies)")
                from supportllm.evals.judge import judged_line

                counts = judge_step(config, endpoint.candidate(name), settings)
                say(f"{name}: judge: {judged_line(counts)}")
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
            judge_step(config, Candidate.parse(config.judge), settings)
            state.mark("_judge", "judge", "done")
        except Exception as error:  # noqa: BLE001 - the report still shows the rest
            say(f"judge failed: {error}")
    return outcome
