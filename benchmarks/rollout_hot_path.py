"""What a roll-out costs a request: ``arm()`` + ``observe()`` (+ ``wants_shadow()``) per call.

A running roll-out in a fresh SQLite file, a controller refreshed once, then N requests with
distinct conversation keys (built beforehand: the key's creation is the gateway's cost, not
ours). Best of ``--repeat`` runs. Writes benchmarks/results/rollout_hot_path.{json,md}.

    python benchmarks/rollout_hot_path.py --requests 200000
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

from supportllm.config_operate import RolloutSettings
from supportllm.rollout.controller import RolloutController
from supportllm.rollout.manage import RolloutPlan, start_rollout
from supportllm.store.db import migrate, open_database

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(f"sqlite:///{folder}/bench.db")
        migrate(engine)
        start_rollout(engine, RolloutPlan("support", "new", (25, 50, 100), 1800, "old"))
        controller = RolloutController(engine, RolloutSettings(shadow_rate=0.05))
        controller.refresh()
        keys = [f"conversation-{i:08d}" for i in range(args.requests)]
        ids = [f"req_{i:016x}" for i in range(args.requests)]
        arm, observe, shadow = controller.arm, controller.observe, controller.wants_shadow

        def arm_observe() -> float:
            start = time.perf_counter()
            for key in keys:
                choice = arm("support", key)
                assert choice is not None
                observe(choice.rollout_id, choice.arm, 200, 180.0)
            return time.perf_counter() - start

        def with_shadow() -> float:
            start = time.perf_counter()
            for key, request_id in zip(keys, ids, strict=True):
                choice = arm("support", key)
                assert choice is not None
                observe(choice.rollout_id, choice.arm, 200, 180.0)
                shadow(choice.rollout_id, request_id)
            return time.perf_counter() - start

        def no_rollout() -> float:
            start = time.perf_counter()
            for key in keys:
                arm("other-alias", key)
            return time.perf_counter() - start

        figures = {
            name: min(run() for _ in range(args.repeat)) / args.requests * 1e6
            for name, run in (
                ("arm_observe_us", arm_observe),
                ("arm_observe_wants_shadow_us", with_shadow),
                ("arm_without_rollout_us", no_rollout),
            )
        }
        flush_start = time.perf_counter()
        controller.tick()
        figures["tick_ms"] = (time.perf_counter() - flush_start) * 1000
    result = {
        "requests": args.requests,
        "repeat": args.repeat,
        "python": platform.python_version(),
        "machine": platform.processor() or platform.machine(),
        **{name: round(value, 3) for name, value in figures.items()},
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "rollout_hot_path.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "rollout_hot_path.md").write_text(
        "# Roll-out controller on the request path\n\n"
        f"`python benchmarks/rollout_hot_path.py --requests {args.requests}` "
        f"(best of {args.repeat}, Python {result['python']})\n\n"
        "| call | µs per request |\n|---|---|\n"
        f"| arm() + observe() | {result['arm_observe_us']} |\n"
        f"| arm() + observe() + wants_shadow() | {result['arm_observe_wants_shadow_us']} |\n"
        f"| arm() for an alias without a roll-out | {result['arm_without_rollout_us']} |\n\n"
        f"tick() after {args.requests * args.repeat * 2} observations (flush to SQLite, "
        f"reload, gates): {result['tick_ms']} ms, in the gateway's worker thread.\n"
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
