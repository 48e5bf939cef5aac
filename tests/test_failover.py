"""Pools, health and fail-over against real servers (the fake engine's failure modes): what the
client sees when a replica fails before or after the first token, when every replica is down,
when the fallback is down too, when a replica comes back, and when the pool is overloaded."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import orjson
import pytest

from supportllm.engines.fake import FakeEngineConfig, FakeEngineHandle, fake_engine_in_thread
from supportllm.gateway.health import Breaker, Checked, check_once
from supportllm.gateway.pool import Ring
from tests.conftest import InProcessGateway, free_port, read_log

QUESTION = [{"role": "user", "content": "Where is my invoice?"}]


def pools(
    replicas: dict[str, str], fallback: dict[str, str] | None = None, **resilience: Any
) -> dict[str, Any]:
    """Settings overrides: one pool 'support' over named replicas (+ external fallbacks)."""
    upstreams: dict[str, Any] = {name: {"url": url} for name, url in replicas.items()}
    upstreams |= {name: {"url": url, "kind": "external"} for name, url in (fallback or {}).items()}
    return {
        "upstreams": upstreams,
        "pools": {"support": {"upstreams": list(replicas), "fallback": list(fallback or {})}},
        "resilience": {"health_interval_s": 0.0, **resilience},
    }


def logged(gw: InProcessGateway, count: int = 1) -> list[dict[str, Any]]:
    """The request log's lines (the gateway's loop runs a moment so the log is flushed)."""
    gw.idle(0.3)
    return read_log(gw.settings, count)


def states(gw: InProcessGateway) -> dict[str, str]:
    pool = gw.app.pipeline.router.snapshot()[0]
    return {u.upstream: u.state for u in pool.upstreams}


def events(text: str) -> list[str]:
    return [e.removeprefix("data: ") for e in text.split("\n\n") if e.strip()]


def closed_url() -> str:
    return f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there


@pytest.mark.parametrize(
    ("behaviour", "ejected"), [("error", True), ("error_event", True), ("busy", False)]
)
def test_a_replica_failing_before_its_first_token_is_invisible_to_the_client(
    behaviour: str,
    ejected: bool,
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    bad = fake_engine_factory(behaviour=behaviour)
    good = fake_engine_factory()
    gw = asgi_gateway_factory(good.url, **pools({"a": bad.url, "b": good.url}))
    # An in-band error event is a streaming failure; the others fail whole requests too.
    every = behaviour == "error_event"
    replies = [
        gw.chat(messages=QUESTION, max_tokens=5, stream=every or i % 2 == 0) for i in range(8)
    ]
    assert [r.status_code for r in replies] == [200] * 8
    for streamed in replies if every else replies[::2]:
        assert events(streamed.text)[-1] == "[DONE]" and '"error"' not in streamed.text
    records = logged(gw, 8)
    assert {r["upstream"] for r in records} == {"b"}
    tried = [a for r in records for a in r.get("attempts", [])]
    assert tried and {a["upstream"] for a in tried} == {"a"}
    # 500s and in-band errors take "a" out after eject_after_errors (3); the engine's own 429
    # says "busy", not "broken": it stays in rotation and every request tries it first.
    assert len(tried) == (3 if ejected else 8)
    assert states(gw)["a"] == ("open" if ejected else "closed")


def test_a_hung_replica_is_ejected_and_the_requests_waiting_on_it_move_on(
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    hung = fake_engine_factory(behaviour="hang")
    good = fake_engine_factory()
    gw = asgi_gateway_factory(
        good.url, **pools({"a": hung.url, "b": good.url}, first_token_timeout_s=0.5)
    )
    started = time.monotonic()
    replies = gw.chats([{"messages": QUESTION, "max_tokens": 5, "stream": True}] * 6)
    took = time.monotonic() - started
    assert [r.status_code for r in replies] == [200] * 6
    assert all(events(r.text)[-1] == "[DONE]" for r in replies)
    assert took < 3.0  # the first-token limit once, not once per request
    assert states(gw)["a"] == "open"
    before = hung.stats()["requests"]
    assert gw.chat(messages=QUESTION, max_tokens=3).status_code == 200
    assert hung.stats()["requests"] == before  # nothing waits on a replica known to be dead


def test_a_slow_first_token_moves_the_request_to_another_replica(
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    slow = fake_engine_factory(ttft_ms=3000)
    fast = fake_engine_factory()
    gw = asgi_gateway_factory(
        fast.url, **pools({"a": slow.url, "b": fast.url}, first_token_timeout_s=0.4)
    )
    reply = gw.chat(messages=QUESTION, max_tokens=5, stream=True)
    assert reply.status_code == 200 and events(reply.text)[-1] == "[DONE]"
    record = logged(gw)[-1]
    assert record["upstream"] == "b" and record["attempts"][0]["upstream"] == "a"
    assert "first_token_timeout_s" in record["attempts"][0]["error"]
    assert record["total_ms"] < 2500


@pytest.mark.parametrize("behaviour", ["drop", "stall", "late_error"])
def test_a_stream_cut_after_its_first_token_ends_with_an_incomplete_error_never_done(
    behaviour: str,
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    cut = fake_engine_factory(behaviour=behaviour, output_tokens=20)
    spare = fake_engine_factory()
    gw = asgi_gateway_factory(
        spare.url, **pools({"a": cut.url, "b": spare.url}, stall_timeout_s=0.5)
    )
    reply = gw.chat(messages=QUESTION, max_tokens=20, stream=True)
    assert reply.status_code == 200  # the first token had gone out: no retry, no new status
    got = events(reply.text)
    assert '"content"' in got[0]  # the customer saw the start of the reply …
    last = orjson.loads(got[-1])  # … and then an error that says the reply is incomplete
    assert last["x-supportllm-incomplete"] is True
    assert last["error"]["code"] == "stream_incomplete"
    assert "[DONE]" not in got and '"finish_reason":"stop"' not in reply.text
    record = logged(gw)[-1]
    assert record["incomplete"] is True and record["upstream"] == "a"
    assert record["status"] >= 500


def test_every_replica_down_falls_back_to_the_api_with_pii_replaced_by_placeholders(
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    api = fake_engine_factory()
    gw = asgi_gateway_factory(
        api.url, **pools({"a": closed_url(), "b": closed_url()}, fallback={"api": api.url})
    )
    text = "Hi, this is Jan de Vries (jan.devries@example.com). Where is my invoice?"
    for stream in (False, True):
        reply = gw.chat(messages=[{"role": "user", "content": text}], max_tokens=5, stream=stream)
        assert reply.status_code == 200
    sent = orjson.dumps(api.requests()[-1]).decode()
    assert "jan.devries@example.com" not in sent and "<EMAIL_1>" in sent
    record = logged(gw, 2)[-1]
    assert record["fallback"] is True and record["upstream_kind"] == "external"
    assert record["pii_to_external"] == "placeholders"
    assert {a["upstream"] for a in record.get("attempts", [])} <= {"a", "b"}
    assert states(gw) == {"a": "open", "b": "open", "api": "closed"}


def test_the_fallback_down_too_is_a_clear_503(
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    gw = asgi_gateway_factory(
        closed_url(), **pools({"a": closed_url()}, fallback={"api": closed_url()})
    )
    reply = gw.chat(messages=QUESTION, max_tokens=5, stream=True)
    assert reply.status_code == 503
    assert "not reachable" in reply.json()["error"]["message"]
    record = logged(gw)[-1]
    assert [a["upstream"] for a in record["attempts"]] == ["a", "api"]


def test_an_ejected_replica_is_probed_and_comes_back_into_rotation(
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    good = fake_engine_factory()
    port = free_port()
    gw = asgi_gateway_factory(
        good.url,
        **pools({"a": f"http://127.0.0.1:{port}/v1", "b": good.url}, eject_s=0.3),
    )
    assert gw.chat(messages=QUESTION, max_tokens=3).status_code == 200  # "a" refused: ejected
    assert states(gw)["a"] == "open"
    with fake_engine_in_thread(FakeEngineConfig(port=port)) as back:
        gw.idle(1.6)  # back-off, then the half-open probe (GET /v1/models)
        assert states(gw)["a"] == "closed"
        replies = gw.chats([{"messages": QUESTION, "max_tokens": 3}] * 6)
        assert all(r.status_code == 200 for r in replies)
        assert back.stats()["requests"] > 0  # in rotation again: it takes its share


def test_a_conversation_keeps_its_replica_and_a_new_replica_moves_few(
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    engines = [fake_engine_factory() for _ in range(3)]
    gw = asgi_gateway_factory(
        engines[0].url, **pools({f"r{i}": e.url for i, e in enumerate(engines)})
    )
    for _turn in range(2):
        for c in range(12):
            header = {"x-supportllm-conversation": f"ticket-{c}"}
            body = {"model": "support", "messages": QUESTION, "max_tokens": 2}
            assert gw.post("/v1/chat/completions", body, headers=header).status_code == 200
    records = logged(gw, 24)
    first, second = records[:12], records[12:]
    assert [r["upstream"] for r in first] == [r["upstream"] for r in second]
    assert len({r["upstream"] for r in first}) > 1  # spread, not all on one
    keys = [f"conversation-{i}" for i in range(2000)]
    three, four = Ring(["a", "b", "c"]), Ring(["a", "b", "c", "d"])
    moved = sum(three.order(k)[0] != four.order(k)[0] for k in keys) / len(keys)
    assert 0.15 < moved < 0.35  # about 1/4 move to the new replica, the rest stay


def test_overload_is_a_429_with_retry_after_or_spills_to_the_fallback(
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    slow = fake_engine_factory(ttft_ms=600)
    settings = pools({"a": slow.url})
    settings["upstreams"]["a"]["max_in_flight"] = 2
    settings["pools"]["support"] |= {"max_queue": 3, "queue_timeout_s": 0.2}
    gw = asgi_gateway_factory(slow.url, **settings)
    replies = gw.chats([{"messages": QUESTION, "max_tokens": 2}] * 12)
    codes = sorted(r.status_code for r in replies)
    assert codes == [200, 200] + [429] * 10
    refused = [r for r in replies if r.status_code == 429]
    assert all(r.headers["retry-after"] == "1" for r in refused)
    assert {r.json()["error"]["code"] for r in refused} == {"upstream_overloaded"}
    assert gw.app.pipeline.router.snapshot()[0].queue_depth == 0  # nothing left waiting


def test_overload_spills_to_the_fallback_when_one_is_configured(
    fake_engine_factory: Callable[..., FakeEngineHandle],
    asgi_gateway_factory: Callable[..., InProcessGateway],
) -> None:
    slow = fake_engine_factory(ttft_ms=400)
    api = fake_engine_factory()
    settings = pools({"a": slow.url}, fallback={"api": api.url})
    settings["upstreams"]["a"]["max_in_flight"] = 2
    settings["pools"]["support"] |= {"max_queue": 0}
    gw = asgi_gateway_factory(slow.url, **settings)
    replies = gw.chats([{"messages": QUESTION, "max_tokens": 2}] * 6)
    assert [r.status_code for r in replies] == [200] * 6
    records = logged(gw, 6)
    assert sorted(r["upstream"] for r in records) == ["a", "a", "api", "api", "api", "api"]
    assert all(r.get("fallback") for r in records if r["upstream"] == "api")


def test_sigkill_of_a_replica_under_load_fails_no_request_before_its_first_token(
    gateway_factory: Callable[..., Any],
) -> None:
    """Three replica processes, steady streaming traffic, one killed with SIGKILL: every
    request either completes, or (had its first token) ends with an incomplete-marked error."""
    import asyncio
    import os
    import signal
    import subprocess

    import httpx

    from supportllm.engines.commands import fake_command

    ports = [free_port() for _ in range(3)]
    extra = ["--tokens", "30", "--itl-ms", "15"]
    engines = [subprocess.Popen(fake_command(p, extra=extra)) for p in ports]
    try:
        for port in ports:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=1)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "fake engine did not start"
                    time.sleep(0.1)
        urls = {f"r{i}": f"http://127.0.0.1:{p}/v1" for i, p in enumerate(ports)}
        gw = gateway_factory(urls["r0"], **pools(urls, health_interval_s=0.5))
        body = {"model": "support", "stream": True, "max_tokens": 30, "messages": QUESTION}

        async def one(client: httpx.AsyncClient, delay: float) -> str:
            await asyncio.sleep(delay)
            async with client.stream(
                "POST", f"{gw.url}/chat/completions", json=body, headers=gw.headers()
            ) as response:
                if response.status_code != 200:
                    return "failed_before_first_token"
                text = (await response.aread()).decode()
            got = events(text)
            if got and got[-1] == "[DONE]":
                return "complete"
            if got and '"x-supportllm-incomplete":true' in got[-1] and '"content"' in text:
                return "cut_after_first_token"
            return "silent_truncation"

        async def run() -> list[str]:
            async with httpx.AsyncClient(timeout=30) as client:
                tasks = [asyncio.create_task(one(client, i * 0.04)) for i in range(75)]
                await asyncio.sleep(1.2)
                os.kill(engines[1].pid, signal.SIGKILL)
                return list(await asyncio.gather(*tasks))

        outcomes = asyncio.run(run())
        assert outcomes.count("failed_before_first_token") == 0
        assert outcomes.count("silent_truncation") == 0
        assert outcomes.count("complete") >= 60
    finally:
        for engine in engines:
            if engine.poll() is None:
                engine.send_signal(signal.SIGTERM)
            engine.wait(10)


def test_a_busy_engine_answering_its_health_check_late_stays_in_rotation() -> None:
    """One late answer to GET /v1/models is no proof of death (the demo trial's engine, busy
    generating on two shared cores, was taken out and put back every few seconds): it takes
    eject_after_checks failed checks in a row, and an answered request resets the count."""

    async def late(timeout_s: float) -> bool:
        await asyncio.sleep(timeout_s * 4)
        return True

    async def scenario() -> list[bool]:
        breaker = Breaker("engine", eject_after_checks=3)
        item = Checked(breaker, late)
        seen = []
        for answered_between in (False, True, False, False, False):
            await check_once([item], 0.02)
            if answered_between:
                breaker.succeeded()
            seen.append(breaker.available)
        return seen

    # checks: fail, fail (a request answered: count back to 0), fail, fail, fail -> out
    assert asyncio.run(scenario()) == [True, True, True, True, False]

    async def serving() -> bool:
        """With requests in flight, their own time limits judge the upstream: late answers
        to the check are not counted at all."""
        breaker = Breaker("engine", eject_after_checks=1)
        item = Checked(breaker, late, busy=lambda: True)
        for _ in range(5):
            await check_once([item], 0.02)
        return breaker.available

    assert asyncio.run(serving()) is True
