"""Roll-outs through a running gateway: conversations split between the arms, the canary's
errors and its judged answers gating each step, automatic rollback, the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from supportllm.engines.fake import FakeEngineHandle
from supportllm.rollout.manage import RolloutPlan, start_rollout
from supportllm.rollout.store import events, rollouts
from supportllm.store.db import open_database
from tests.conftest import InProcessGateway, invoke, read_log

QUESTION = [{"role": "user", "content": "Where can I download my invoice?"}]


def _settings(urls: dict[str, str], **rollout: Any) -> dict[str, Any]:
    return {
        "upstreams": {name: {"url": url} for name, url in urls.items()},
        "pools": {"support": {"upstreams": ["old"]}},
        "resilience": {"health_interval_s": 0.0},
        "rollout": {"tick_interval_s": 0.2, **rollout},
    }


def _start(gw: InProcessGateway, steps: tuple[float, ...] = (50.0, 100.0)) -> Any:
    db = open_database(gw.settings.resolved_database_url())
    started = start_rollout(
        db,
        RolloutPlan("support", "new", steps, 3600.0),
        aliases=gw.settings.alias_names(),
        upstreams=["engine", *gw.settings.upstreams],
        current_upstream=lambda alias: "old",
    )
    gw.idle(0.5)  # the gateway's next tick picks it up
    return db, started


def _traffic(gw: InProcessGateway, start: int, count: int, turn: int = 0) -> list[int]:
    """One request from each of ``count`` customers (request ids say customer and turn)."""
    customers = range(start, start + count)
    bodies = [{"messages": QUESTION, "max_tokens": 3, "user": f"customer-{n}"} for n in customers]
    ids = [{"x-request-id": f"customer-{n}.turn-{turn}"} for n in customers]
    codes = [r.status_code for r in gw.chats(bodies, ids)]
    gw.idle(0.5)  # counters flushed, gates evaluated; shadow pairs judged
    return codes


def test_conversations_keep_their_arm_and_a_canary_with_more_errors_is_rolled_back(
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    old = fake_engine_factory()
    new = fake_engine_factory(error_rate=0.6, seed=7)
    gw = asgi_gateway_factory(
        old.url,
        **_settings({"old": old.url, "new": new.url}, min_requests=20, quality_gate=False),
        audit={"flush_interval_ms": 10},
    )
    db, started = _start(gw)
    assert _traffic(gw, 0, 40).count(200) < 40  # some canary requests failed …
    gw.idle(0.3)
    first = {r["request_id"].split(".")[0]: r.get("arm") for r in read_log(gw.settings, 40)}
    assert set(first.values()) == {"incumbent", "canary"}
    for turn in range(1, 5):
        if rollouts(db, "support")[0].status != "running":
            break
        _traffic(gw, 0, 40, turn)  # the same customers again: each on the arm it had
        again = [r for r in read_log(gw.settings) if r["request_id"].endswith(f"turn-{turn}")]
        assert {r["request_id"].split(".")[0]: r.get("arm") for r in again} == first
    done = rollouts(db, "support")[0]
    assert done.status == "rolled_back"  # … and the error gate rolled it back by itself
    happened = [e["kind"] for e in events(db, started.id)]
    assert happened[0] == "started" and "rolled_back" in happened
    # After the rollback every conversation is back on the incumbent, without an arm.
    before = new.stats()["requests"]
    assert _traffic(gw, 0, 10) == [200] * 10
    assert new.stats()["requests"] == before
    trail = invoke(
        "audit", "search", "--json", env={"SUPPORTLLM_DATA_DIR": str(gw.settings.data_dir)}
    )
    assert "rollout.rolled_back" in trail.stdout


def test_a_canary_with_worse_answers_is_rolled_back_on_the_quality_gate(
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    old = fake_engine_factory(replies=("Your invoice is under Billing > Invoices.",))
    new = fake_engine_factory(replies=("BAD answer: I do not know.",))
    judge = fake_engine_factory(judge_marker="BAD")
    gw = asgi_gateway_factory(
        old.url,
        **_settings(
            {"old": old.url, "new": new.url, "judge": judge.url},
            min_requests=10_000,  # the error and latency gates stay undecided: quality decides
            judge_upstream="judge",
            shadow_rate=1.0,
        ),
    )
    db, started = _start(gw)
    customer = 0
    while rollouts(db, "support")[0].status == "running" and customer < 400:
        assert _traffic(gw, customer, 20) == [200] * 20  # shadows never touch the client
        customer += 20
    done = rollouts(db, "support")[0]
    assert done.status == "rolled_back", done
    assert "quality" in done.reason.lower()
    assert judge.stats()["requests"] >= 8  # the sequential test needed a handful of pairs
    assert any(e["kind"] == "quality" for e in events(db, started.id))
