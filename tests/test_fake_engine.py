"""The fake engine is a real OpenAI-compatible server with scripted timing and failures."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

import httpx
import openai
import pytest

from supportllm.engines.fake import FakeEngineConfig, FakeEngineHandle
from tests.conftest import free_port

Factory = Callable[..., FakeEngineHandle]
HI = [{"role": "user", "content": "hi"}]


def test_openai_client_streams_from_it(fake_engine: FakeEngineHandle) -> None:
    client = openai.OpenAI(base_url=fake_engine.url, api_key="x", max_retries=0)
    chunks = list(
        client.chat.completions.create(
            model="fake-model", messages=HI, stream=True, stream_options={"include_usage": True}
        )
    )
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 20
    assert chunks[0].choices[0].delta.role == "assistant"


def test_scripted_replies_cycle(fake_engine_factory: Factory) -> None:
    engine = fake_engine_factory(replies=("Yes.", "No way."))
    client = openai.OpenAI(base_url=engine.url, api_key="x", max_retries=0)
    texts = [
        client.chat.completions.create(model="m", messages=HI, max_tokens=2)
        .choices[0]
        .message.content
        for _ in range(3)
    ]
    assert texts == ["Yes. Yes.", "No way.", "Yes. Yes."]


@pytest.mark.parametrize(
    ("extra", "tokens", "reason"),
    [
        ({"max_tokens": 5}, 5, "length"),
        ({"max_tokens": 50}, 20, "stop"),
        ({"max_tokens": 50, "ignore_eos": True}, 50, "length"),
        ({"max_tokens": 50, "min_tokens": 30}, 30, "stop"),
    ],
)
def test_output_length_honours_limits(
    fake_engine: FakeEngineHandle, extra: dict[str, object], tokens: int, reason: str
) -> None:
    reply = httpx.post(
        f"{fake_engine.url}/chat/completions", json={"model": "m", "messages": HI, **extra}
    ).json()
    assert reply["usage"]["completion_tokens"] == tokens
    assert reply["choices"][0]["finish_reason"] == reason


def test_time_to_first_token_and_inter_token_delay(fake_engine_factory: Factory) -> None:
    engine = fake_engine_factory(ttft_ms=60, itl_ms=15, output_tokens=6)
    arrivals: list[float] = []
    started = time.perf_counter()
    with httpx.stream(
        "POST",
        f"{engine.url}/chat/completions",
        json={"model": "m", "messages": HI, "stream": True},
    ) as response:
        for line in response.iter_lines():
            if '"content"' in line:
                arrivals.append(time.perf_counter() - started)
    assert len(arrivals) == 6
    assert arrivals[0] >= 0.06  # never early
    assert arrivals[-1] >= 0.06 + 5 * 0.015  # tokens follow the schedule, never ahead of it


def test_injected_failures_by_rate_are_reproducible(fake_engine_factory: Factory) -> None:
    engine = fake_engine_factory(error_rate=0.5, seed=1)
    statuses = [
        httpx.post(
            f"{engine.url}/chat/completions", json={"model": "m", "messages": HI}
        ).status_code
        for _ in range(40)
    ]
    assert 8 < statuses.count(500) < 32 and statuses.count(200) + statuses.count(500) == 40
    assert engine.stats()["injected_failures"] == statuses.count(500)


def test_completions_endpoint_metrics_and_unknown_routes(fake_engine: FakeEngineHandle) -> None:
    reply = httpx.post(
        f"{fake_engine.url}/completions",
        json={"model": "m", "prompt": "Customer: hi\nAgent:", "max_tokens": 3},
    )
    assert reply.json()["choices"][0]["text"] == "Thanks for reaching"
    base = fake_engine.url.removesuffix("/v1")
    assert "vllm:num_requests_running 0" in httpx.get(f"{base}/metrics").text
    assert httpx.get(f"{base}/v1/nothing").status_code == 404
    bad = httpx.post(f"{fake_engine.url}/chat/completions", content=b"{nope")
    assert bad.status_code == 400


def test_bad_configuration_is_refused() -> None:
    with pytest.raises(ValueError, match="error_rate"):
        FakeEngineConfig(error_rate=1.5)
    with pytest.raises(ValueError, match="must not exceed 1"):
        FakeEngineConfig(error_rate=0.6, drop_rate=0.6)


def test_worker_processes_share_one_port() -> None:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "supportllm",
            "engine",
            "fake",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/health")
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        ids = set()
        for _ in range(30):
            with httpx.Client() as client:  # a new connection each time, spread over workers
                reply = client.post(
                    f"http://127.0.0.1:{port}/v1/chat/completions",
                    json={"model": "m", "messages": HI, "max_tokens": 1},
                )
                ids.add(reply.json()["id"].split("-")[1])  # fake-<pid>-<n>
        stats = httpx.get(f"http://127.0.0.1:{port}/fake/stats").json()
        assert stats["requests"] == 30 and stats["completed"] == 30
        assert len(ids) == 2
    finally:
        process.terminate()
        process.wait(timeout=10)
