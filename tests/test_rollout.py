"""Canary roll-outs: the gates' statistics, the controller stepping a real SQLite database with
a fake clock, restarts, stickiness, the CLI's errors, and the pairwise judge against the fake
engine's scripted judge (a real HTTP server)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine
from typer.testing import CliRunner

from supportllm.cli import rollout as rollout_cli
from supportllm.cli.common import CLIState
from supportllm.config_operate import RolloutSettings
from supportllm.engines.fake import FakeEngineHandle
from supportllm.engines.openai_http import OpenAIHTTPEngine
from supportllm.errors import SupportLLMError
from supportllm.rollout import store
from supportllm.rollout.controller import RolloutController
from supportllm.rollout.gates import Sprt, error_rate_gate, quality_gate, ttft_gate
from supportllm.rollout.judge import judge_pair, parse_pair
from supportllm.rollout.manage import RolloutPlan, abort_rollout, promote_rollout, start_rollout
from supportllm.store.db import migrate, open_database

QUALITY = {"delta": 0.2, "alpha": 0.05, "beta": 0.05, "min_judgements": 20}


class Clock:
    def __init__(self) -> None:
        self.now = 1_780_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Engine:
    engine = open_database(f"sqlite:///{tmp_path / 'rollouts.db'}")
    migrate(engine)
    return engine


# Gates ----------------------------------------------------------------------------------------


def _run_sequential_test(rng: random.Random, win: float, tie: float) -> tuple[str, int]:
    """Feed judgements drawn with these probabilities until the quality gate decides."""
    counts = [0, 0, 0]
    for n in range(1, 2000):
        roll = rng.random()
        counts[0 if roll < win else 2 if roll < win + tie else 1] += 1
        result = quality_gate(*counts, **QUALITY)
        if result.state != "inconclusive":
            return result.state, n
    return "inconclusive", 2000


def test_a_clearly_worse_canary_fails_the_quality_gate_after_about_the_expected_judgements() -> (
    None
):
    rng = random.Random(7)
    runs = [_run_sequential_test(rng, win=0.3, tie=0.0) for _ in range(400)]
    failed = sum(state == "fail" for state, _ in runs) / len(runs)
    mean_n = sum(n for _, n in runs) / len(runs)
    expected = Sprt(0.2, 0.05, 0.05).expected_judgements(worse=True)
    assert failed >= 0.92  # beta = 0.05: a canary at 0.5 - delta passes 5 % of the time at most
    assert 0.7 * expected <= mean_n <= 1.4 * expected, (mean_n, expected)
    # A much worse canary (wins 10 %) is caught after a handful of judgements.
    much_worse = [_run_sequential_test(rng, win=0.1, tie=0.0) for _ in range(200)]
    assert all(state == "fail" for state, _ in much_worse)
    assert sum(n for _, n in much_worse) / len(much_worse) < 15


def test_an_equal_canary_passes_the_quality_gate() -> None:
    rng = random.Random(11)
    runs = [_run_sequential_test(rng, win=0.4, tie=0.2) for _ in range(400)]
    passed = sum(state == "pass" for state, _ in runs) / len(runs)
    assert passed >= 0.92  # alpha = 0.05
    assert min(n for state, n in runs if state == "pass") >= QUALITY["min_judgements"]


def test_a_small_sample_is_inconclusive_and_says_how_many_more_judgements_the_test_needs() -> None:
    result = quality_gate(3, 2, 1, **QUALITY)
    assert result.state == "inconclusive"
    assert f"inconclusive: {result.needed} more judged tickets needed" in result.message
    assert result.needed > QUALITY["min_judgements"] - 6  # from the test, not the minimum
    # That many more pairs judged as ties (as good) is exactly what the test needed.
    assert quality_gate(3, 2, 1 + result.needed, **QUALITY).state == "pass"
    assert quality_gate(3, 2, result.needed, **QUALITY).state == "inconclusive"


def test_error_and_latency_gates() -> None:
    gate = {"min_requests": 200, "margin": 0.01, "alpha": 0.05}
    assert error_rate_gate((300, 12), (3000, 3), **gate).state == "fail"
    assert error_rate_gate((300, 2), (3000, 10), **gate).state == "pass"
    # 1 % vs 0 %: within the margin, and not significant anyway
    assert error_rate_gate((300, 3), (3000, 0), **gate).state == "pass"
    waiting = error_rate_gate((50, 0), (900, 0), **gate)
    assert waiting.state == "inconclusive"
    assert waiting.message == "inconclusive: 150 more canary requests needed"

    slow, fast = {100: 300}, {60: 300}  # buckets: ~131 ms vs ~18 ms
    latency = {"min_requests": 200, "tolerance": 0.2, "slack_ms": 25}
    assert ttft_gate(slow, fast, **latency).state == "fail"
    assert ttft_gate(fast, slow, **latency).state == "pass"
    assert "more timed canary requests needed" in ttft_gate({60: 10}, fast, **latency).message


# Controller -----------------------------------------------------------------------------------


def _settings(**changes: object) -> RolloutSettings:
    base: dict[str, object] = {
        "min_requests": 50,
        "min_judgements": 10,
        "shadow_rate": 0.5,
        "ttft_slack_ms": 5,
    }
    return RolloutSettings.model_validate({**base, **changes})


def _start(db: Engine, clock: Clock, steps: tuple[float, ...] = (5, 25, 50, 100)) -> int:
    plan = RolloutPlan("support", "new-model", steps, 60.0, "old-model")
    return start_rollout(db, plan, upstreams=["old-model", "new-model"], clock=clock).id


def _traffic(
    controller: RolloutController,
    requests: int,
    *,
    canary_error_every: int = 0,
    verdict: Callable[[int], str] = lambda i: "tie",
    offset: int = 0,
) -> dict[str, int]:
    """Requests from ``requests`` customers: arm, a status, a TTFT, and a judged pair for the
    shadow sample."""
    seen = {"incumbent": 0, "canary": 0}
    for i in range(offset, offset + requests):
        choice = controller.arm("support", f"customer-{i}")
        assert choice is not None
        seen[choice.arm] += 1
        failed = canary_error_every and choice.arm == "canary" and i % canary_error_every == 0
        controller.observe(choice.rollout_id, choice.arm, 500 if failed else 200, 40.0)
        if controller.wants_shadow(choice.rollout_id, f"req-{i}"):
            controller.add_judgement(choice.rollout_id, verdict(i), 300)  # type: ignore[arg-type]
    return seen


def test_the_controller_steps_5_25_50_100_only_when_the_gates_pass(db: Engine) -> None:
    clock = Clock()
    rollout_id = _start(db, clock)
    controller = RolloutController(db, _settings(), clock)
    controller.refresh()
    assert controller.arm("other-alias", "x") is None
    shares = []
    for expected in (5, 25, 50):
        seen = _traffic(controller, 4000, offset=expected * 10_000)
        shares.append(seen["canary"] / 4000)
        early = controller.tick()  # before the interval: nothing moves (the test may decide)
        assert all(e["kind"] == "quality" for e in early), early
        clock.now += 61
        kinds = [e["kind"] for e in controller.tick()]
        assert kinds[-1] == ("promoted" if expected == 50 else "advanced"), kinds
    assert [round(s * 100) for s in shares] == pytest.approx([5, 25, 50], abs=3)
    [current] = store.rollouts(db, "support")
    assert current.status == "promoted" and current.share == 100
    choice = controller.arm("support", "anyone")
    assert choice is not None and choice.arm == "canary" and choice.upstream == "new-model"
    history = [e["kind"] for e in store.events(db, rollout_id)]
    assert history[0] == "started" and "quality" in history
    assert history.count("advanced") == 2 and history[-1] == "promoted"


def test_at_low_volume_the_rollout_waits_and_says_what_it_needs(db: Engine) -> None:
    clock = Clock()
    _start(db, clock)
    controller = RolloutController(db, _settings(min_requests=500), clock)
    controller.refresh()
    _traffic(controller, 300)
    clock.now += 600  # ten intervals: time alone never advances it
    waiting = controller.tick()[-1]
    assert waiting["kind"] == "waiting" and waiting["share"] == 5
    assert "more canary requests needed" in waiting["message"]
    assert controller.tick() == []  # reported once per interval, not every tick
    assert store.rollouts(db, "support")[0].status == "running"


def test_a_canary_with_more_errors_is_rolled_back(db: Engine) -> None:
    clock = Clock()
    _start(db, clock, steps=(25, 50, 100))
    controller = RolloutController(db, _settings(), clock)
    controller.refresh()
    _traffic(controller, 2000, canary_error_every=10)  # ~10 % of the canary's requests fail
    clock.now += 61
    events = controller.tick()
    assert events[-1]["kind"] == "rolled_back"
    assert "errors fail: error rate canary" in events[-1]["message"]
    assert controller.arm("support", "customer-1") is None  # the alias serves its incumbent
    [rolled] = store.rollouts(db, "support")
    assert rolled.status == "rolled_back" and rolled.share == 0


def test_a_canary_with_worse_answers_is_rolled_back_without_waiting_for_the_interval(
    db: Engine,
) -> None:
    clock = Clock()
    _start(db, clock, steps=(25, 50, 100))
    controller = RolloutController(db, _settings(), clock)
    controller.refresh()
    _traffic(controller, 200, verdict=lambda i: "incumbent" if i % 5 else "tie")
    events = controller.tick()
    assert [e["kind"] for e in events] == ["quality", "rolled_back"]
    assert "quality fail: the canary's answers are worse" in events[-1]["message"]


def test_state_survives_a_restart(db: Engine, tmp_path: Path) -> None:
    clock = Clock()
    _start(db, clock)
    first = RolloutController(db, _settings(), clock)
    first.refresh()
    _traffic(first, 4000)
    clock.now += 61
    assert first.tick()[-1]["kind"] == "advanced"
    _traffic(first, 1000, offset=100_000)
    first.flush()  # a gateway shutting down
    before = {f"c{i}": first.arm("support", f"c{i}") for i in range(200)}

    # A new process opens the same SQLite file.
    again = open_database(f"sqlite:///{tmp_path / 'rollouts.db'}")
    second = RolloutController(again, _settings(), clock)
    second.refresh()
    assert {key: second.arm("support", key) for key in before} == before
    [current] = store.rollouts(again, "support")
    assert (current.step_index, current.share) == (1, 25)
    stats = store.step_stats(again, current.id, 1)
    assert stats.incumbent_requests + stats.canary_requests == 1000
    assert current.quality == "pass"  # the decided quality test is not run again
    assert not second.wants_shadow(current.id, "req-anything")


def test_a_customer_on_the_canary_stays_there_as_the_share_grows(db: Engine) -> None:
    clock = Clock()
    _start(db, clock, steps=(5, 25, 50, 100))
    controller = RolloutController(db, _settings(), clock)
    controller.refresh()
    keys = [f"ticket-{i}" for i in range(5000)]
    on_canary = []
    for _ in range(3):
        on_canary.append({k for k in keys if controller.arm("support", k).arm == "canary"})  # type: ignore[union-attr]
        _traffic(controller, 4000)
        clock.now += 61
        controller.tick()
    assert on_canary[0] <= on_canary[1] <= on_canary[2]
    assert [len(s) / len(keys) for s in on_canary] == pytest.approx([0.05, 0.25, 0.5], abs=0.02)
    # and the same key always gets the same arm
    assert all(controller.arm("support", k).arm == "canary" for k in on_canary[2])  # type: ignore[union-attr]


def test_operator_promote_and_abort_are_recorded_and_applied(db: Engine) -> None:
    clock = Clock()
    rollout_id = _start(db, clock)
    controller = RolloutController(db, _settings(), clock)
    controller.refresh()
    promoted = promote_rollout(db, "support", clock=clock)
    assert promoted["actor"] == "operator" and promoted["share"] == 100
    controller.refresh()
    assert controller.arm("support", "x").arm == "canary"  # type: ignore[union-attr]
    # The next roll-out starts from what the alias serves now: the promoted canary.
    second = start_rollout(db, RolloutPlan("support", "newer-model", (10, 100), 60.0), clock=clock)
    assert second.incumbent == "new-model"
    aborted = abort_rollout(db, "support", "customers complained", clock=clock)
    assert "customers complained" in aborted["message"]
    controller.refresh()
    choice = controller.arm("support", "x")
    assert choice is not None and (choice.rollout_id, choice.upstream) == (rollout_id, "new-model")


# CLI ------------------------------------------------------------------------------------------


ROLLOUT_CONFIG = """
[upstreams.old]
url = "http://127.0.0.1:9/v1"
[upstreams.new]
url = "http://127.0.0.1:9/v1"
[upstreams.newer]
url = "http://127.0.0.1:9/v1"
[upstreams.judge]
url = "http://127.0.0.1:9/v1"
[rollout]
judge_upstream = "judge"
"""


def _cli(tmp_path: Path, *args: str) -> tuple[int, str]:
    app = typer.Typer()
    config = tmp_path / "supportllm.toml"
    if not config.exists():
        config.write_text(ROLLOUT_CONFIG)

    @app.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = CLIState(config_file=config)

    app.add_typer(rollout_cli.app, name="rollout")
    result = CliRunner().invoke(
        app,
        ["rollout", *args],
        env={"SUPPORTLLM_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "250"},
    )
    if isinstance(result.exception, SupportLLMError):  # as the entry point prints it
        return 1, result.output + f"error: {result.exception.message}\n"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--steps", "25,5"], "must increase from step to step"),
        (["--steps", "5,150"], "150 is not a share between 0 and 100 %"),
        (["--steps", ""], "is not a list of percentages"),
        (["--steps", "5,,100"], "is not a list of percentages"),
        (["--steps", "0,50"], "0 is not a share"),
    ],
)
def test_cli_refuses_bad_steps_in_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    code, output = _cli(tmp_path, "start", "support", "--to", "new", "--from", "old", *args)
    assert code == 1 and message in output
    assert "Traceback" not in output and output.count("error:") == 1


def test_cli_errors_and_a_whole_rollout(tmp_path: Path) -> None:
    code, output = _cli(tmp_path, "start", "nope", "--to", "new", "--from", "old")
    assert code == 1 and "unknown alias 'nope'" in output
    code, output = _cli(tmp_path, "start", "support", "--to", "gpu9", "--from", "old")
    assert code == 1 and "gpu9" in output
    code, output = _cli(tmp_path, "start", "support", "--to", "new", "--interval", "30x")
    assert code == 2 and "is not a duration" in output
    code, output = _cli(tmp_path, "promote", "support")
    assert code == 1 and "has no running roll-out" in output

    code, output = _cli(tmp_path, "start", "support", "--to", "new", "--from", "old")
    assert code == 0 and "5 % → 25 % → 50 % → 100 %" in output
    code, output = _cli(tmp_path, "start", "support", "--to", "newer", "--from", "old")
    assert code == 1 and "already has a running roll-out" in output
    code, output = _cli(tmp_path, "status")
    text = " ".join(output.replace("│", " ").split())
    assert code == 0 and "running at 5 %" in text
    # Wald's expected sample size from a standing start, if the canary is as good (34 > 20)
    assert "inconclusive: 34 more judged tickets needed" in text
    assert "more canary requests needed" in text
    code, output = _cli(tmp_path, "abort", "support", "--reason", "wrong model")
    assert code == 0 and "aborted by the operator at 5 %: wrong model" in output
    code, output = _cli(tmp_path, "status", "support")
    assert "aborted at 0 %" in output and "aborted" in output
    # Without --from, the incumbent is what the alias serves now (its pool's first replica).
    code, output = _cli(tmp_path, "start", "support", "--to", "new")
    assert code == 0 and "against engine" in output


# The pairwise judge (a real server with a scripted judge) ---------------------------------------


TICKET = "My parcel never arrived, order 1182. Can I get a refund?"
GOOD = "I'm sorry your parcel is late. I have opened a trace for order 1182."
BAD = "BAD: please wait, parcels are never late."


def test_judge_pair_picks_the_better_reply_whatever_the_order(
    fake_engine_factory: Callable[..., FakeEngineHandle],
) -> None:
    judge = fake_engine_factory(judge_marker="BAD")

    async def run() -> list[tuple[str | None, str, int]]:
        engine = OpenAIHTTPEngine(judge.url)
        try:
            out = []
            for seed in range(8):
                good_canary = await judge_pair(engine, "judge", TICKET, BAD, GOOD, seed=seed)
                bad_canary = await judge_pair(engine, "judge", TICKET, GOOD, BAD, seed=seed)
                out.append(
                    (good_canary.verdict, good_canary.canary_position, good_canary.judge_tokens)
                )
                out.append(
                    (bad_canary.verdict, bad_canary.canary_position, bad_canary.judge_tokens)
                )
            tie = await judge_pair(engine, "judge", TICKET, BAD, BAD + "!", seed=1)
            out.append((tie.verdict, tie.canary_position, tie.judge_tokens))
            return out
        finally:
            await engine.aclose()

    results = asyncio.run(run())
    assert [verdict for verdict, _, _ in results[:-1]] == ["canary", "incumbent"] * 8
    assert {position for _, position, _ in results} == {"A", "B"}  # both orders were used
    assert results[-1][0] == "tie"
    assert all(tokens > 0 for _, _, tokens in results)
    sent = judge.requests()[-1]
    assert sent["response_format"]["type"] == "json_schema"


def test_judge_pair_without_structured_output_and_salvaged_answers(
    fake_engine_factory: Callable[..., FakeEngineHandle],
) -> None:
    judge = fake_engine_factory(judge_marker="BAD", refuse_fields=("response_format",))

    async def run() -> str | None:
        engine = OpenAIHTTPEngine(judge.url)
        try:
            return (await judge_pair(engine, "judge", TICKET, BAD, GOOD, seed=3)).verdict
        finally:
            await engine.aclose()

    assert asyncio.run(run()) == "canary"
    assert parse_pair('Sure. {"better": "b", "reason": "more accurate') == ("B", "more accurate")
    assert parse_pair('{"better": "C"} then {"better": "tie"}') == ("tie", None)
    assert parse_pair("A is better") is None


def test_a_canary_with_scripted_bad_replies_is_rolled_back_on_the_quality_gate(
    db: Engine, fake_engine_factory: Callable[..., FakeEngineHandle]
) -> None:
    """The issue's fault test: two real engines (the canary's replies are bad), a scripted
    judge, shadow requests for the sampled tickets -> rollback on the quality gate."""
    old = fake_engine_factory(replies=(GOOD,), output_tokens=12)
    new = fake_engine_factory(replies=(BAD,), output_tokens=8)
    judge = fake_engine_factory(judge_marker="BAD")
    clock = Clock()
    _start(db, clock, steps=(50, 100))
    controller = RolloutController(db, _settings(), clock)
    controller.refresh()

    async def serve(count: int) -> None:
        engines = {"old-model": OpenAIHTTPEngine(old.url), "new-model": OpenAIHTTPEngine(new.url)}
        judging = OpenAIHTTPEngine(judge.url)
        try:
            for i in range(count):
                choice = controller.arm("support", f"customer-{i}")
                assert choice is not None
                body = {"model": "m", "messages": [{"role": "user", "content": TICKET}]}
                reply = await engines[choice.upstream].chat(body)
                controller.observe(choice.rollout_id, choice.arm, 200, 5.0)
                if not controller.wants_shadow(choice.rollout_id, f"req-{i}"):
                    continue
                other = "old-model" if choice.arm == "canary" else "new-model"
                shadow = await engines[other].chat(body)
                texts = {choice.upstream: reply, other: shadow}
                incumbent, canary = (
                    texts[name].data["choices"][0]["message"]["content"]
                    for name in ("old-model", "new-model")
                )
                verdict = await judge_pair(judging, "judge", TICKET, incumbent, canary, seed=i)
                controller.add_judgement(choice.rollout_id, verdict.verdict, verdict.judge_tokens)
        finally:
            for engine in (*engines.values(), judging):
                await engine.aclose()

    asyncio.run(serve(60))
    events = controller.tick()
    assert events[-1]["kind"] == "rolled_back"
    assert "quality fail" in events[-1]["message"]
    assert controller.arm("support", "customer-1") is None
    [rolled] = store.rollouts(db, "support")
    assert store.step_stats(db, rolled.id, 0).judge_tokens > 0


def test_two_gateways_on_postgresql_add_their_counts_and_advance_once(postgres_url: str) -> None:
    """Several gateways share the database: counters add up, a step is applied once."""
    db = open_database(postgres_url)
    migrate(db)
    clock = Clock()
    rollout_id = _start(db, clock)
    with pytest.raises(SupportLLMError, match="already has a running roll-out"):
        _start(db, clock)
    gateways = [RolloutController(db, _settings(), clock) for _ in range(2)]
    for number, gateway in enumerate(gateways):
        gateway.refresh()
        _traffic(gateway, 3000, offset=number * 3000)
    clock.now += 61
    events = [e["kind"] for gateway in gateways for e in gateway.tick()]
    assert events.count("advanced") == 1 and events.count("quality") == 1
    stats = store.step_stats(db, rollout_id, 0)
    assert stats.incumbent_requests + stats.canary_requests == 6000
    assert [e["kind"] for e in store.events(db, rollout_id)].count("advanced") == 1
    assert all(g.arm("support", "x") == gateways[0].arm("support", "x") for g in gateways)
