"""What the cost model reads from the other jobs' results: the capacity a benchmark measured and
the tokens per ticket a replay measured, each with a sentence saying where it comes from."""

from __future__ import annotations

from pathlib import Path

from supportllm.bench.document import RunDocument
from supportllm.errors import InvalidInputError


def capacity_from_bench(folder: Path) -> tuple[float, str, RunDocument]:
    from supportllm.bench.results import load_run

    run = load_run(folder)
    cap = run["capacity"]
    if cap.get("output_tokens_per_s") is None:
        # Runs written before the busiest level was kept for unmet SLOs, or nothing completed.
        raise InvalidInputError(
            f"the benchmark in {folder} found no level that meets its SLOs "
            f"({cap.get('reason', 'no reason recorded')}) and recorded no level to size with; "
            "run `supportllm bench` again"
        )
    where = f"concurrency {cap['concurrency']}" if cap.get("concurrency") else f"rate {cap['rate']}"
    slo = ", ".join(f"{k} ≤ {v:g} ms" for k, v in cap["slo"].items())
    source = (
        f"{run['name']} ({folder}): {cap['output_tokens_per_s']:,.0f} output tok/s at {where}, "
        + (
            f"{slo} at p{cap['percentile']}"
            if cap["met"]
            else f"SLO not met at any level tested ({'; '.join(cap.get('misses', []))})"
        )
    )
    return float(cap["output_tokens_per_s"]), source, run


def tokens_from_replay(folder: Path) -> tuple[float, float, str]:
    from supportllm.evals.replay import replayed_tokens

    found = replayed_tokens(folder)
    if found is None:
        raise InvalidInputError(f"{folder} has no replies with token counts (replies.jsonl)")
    prompt, completion, count = found
    return prompt, completion, f"measured over {count} replayed replies in {folder}"
