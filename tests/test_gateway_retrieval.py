"""Grounding through the gateway: passages in the prompt, their ids in `sources` and the log."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import openai
import orjson
import pytest

from supportllm.config import RetrievalSettings
from supportllm.demo import DEMO_SOURCE, demo_kb_path
from supportllm.engines.fake import FakeEngineHandle
from supportllm.retrieval.kb import KnowledgeBase
from supportllm.retrieval.loaders import load_path
from tests.conftest import Gateway, free_port, read_log

QUESTION = [{"role": "user", "content": "How do I reset my password? The link never arrives."}]


def _post(gateway: Gateway, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(
        f"{gateway.url}/chat/completions", json=body, headers=gateway.headers(), timeout=30
    )


@pytest.fixture
def grounded(
    gateway_factory: Callable[..., Gateway],
    fake_engine: FakeEngineHandle,
    demo_data_dir: Path,
    embedder: Any,
) -> Gateway:
    """A gateway in front of the fake engine, answering from (a copy of) the demo KB."""
    return gateway_factory(fake_engine.url, embedder=embedder, data_dir=demo_data_dir)


def test_reply_carries_sources_and_the_prompt_the_passages(
    grounded: Gateway, fake_engine: FakeEngineHandle
) -> None:
    gateway = grounded
    reply = _post(gateway, {"model": "support", "messages": QUESTION, "max_tokens": 5})
    assert reply.status_code == 200, reply.text
    sources = reply.json()["sources"]
    assert len(sources) == 5  # top-k, k = 5 by default
    assert sources[0]["doc_id"] == "reset-password.en" and sources[0]["id"].startswith(
        "reset-password.en#"
    )
    assert sources[0]["url"] == "https://help.acmecloud.example/en/reset-password"

    system = fake_engine.requests()[-1]["messages"][0]["content"]
    static = system.split("\n\nAnswer from these knowledge-base articles.")[0]
    assert static.startswith("You are the customer support assistant")  # static part first
    for source in sources:
        assert f"[{source['id']}]" in system
    assert "never arrives" not in system  # the ticket stays in the user turn

    (record,) = read_log(gateway.settings)
    assert record["sources"] == [s["id"] for s in sources]
    assert record["retrieval"] == "ok" and record["retrieval_ms"] > 0


def test_streamed_reply_starts_with_a_sources_chunk(
    grounded: Gateway, fake_engine: FakeEngineHandle
) -> None:
    gateway = grounded
    body = {"model": "support", "messages": QUESTION, "stream": True, "max_tokens": 4}
    with httpx.stream(
        "POST", f"{gateway.url}/chat/completions", json=body, headers=gateway.headers()
    ) as response:
        events = [line[6:] for line in response.iter_lines() if line.startswith("data: ")]
    first = orjson.loads(events[0])
    assert first["choices"] == [] and first["sources"][0]["doc_id"] == "reset-password.en"
    assert events[-1] == "[DONE]"
    # An OpenAI client reads the same stream without tripping over the extra chunk.
    client = openai.OpenAI(base_url=gateway.url, api_key=gateway.key, max_retries=0)
    chunks = list(
        client.chat.completions.create(model="support", messages=QUESTION, stream=True)  # type: ignore[arg-type]
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.startswith("Thanks for reaching out.")


def test_retrieval_can_be_switched_off_or_narrowed_per_request(
    grounded: Gateway, fake_engine: FakeEngineHandle
) -> None:
    gateway = grounded
    off = _post(gateway, {"model": "support", "messages": QUESTION, "retrieval": False})
    assert off.status_code == 200 and "sources" not in off.json()
    upstream = fake_engine.requests()[-1]
    assert "knowledge-base" not in upstream["messages"][0]["content"]
    assert "retrieval" not in upstream  # supportllm's own field is not sent to the engine

    narrowed = _post(
        gateway,
        {"model": "support", "messages": QUESTION, "retrieval": {"k": 2, "lang": "nl"}},
    )
    assert [s["doc_id"][-3:] for s in narrowed.json()["sources"]] == [".nl", ".nl"]

    bad = _post(gateway, {"model": "support", "messages": QUESTION, "retrieval": {"k": 0}})
    assert bad.status_code == 422
    assert bad.json()["error"]["param"].startswith("retrieval")
    log = read_log(gateway.settings, count=2)
    assert log[0]["retrieval"] == "off" and "sources" not in log[0]


def test_completion_style_prompt_includes_the_passages(
    gateway_factory: Callable[..., Gateway],
    fake_engine: FakeEngineHandle,
    demo_data_dir: Path,
    embedder: Any,
) -> None:
    gateway = gateway_factory(
        fake_engine.url, embedder=embedder, data_dir=demo_data_dir, prompt_style="completion"
    )
    reply = _post(gateway, {"model": "support", "messages": QUESTION, "max_tokens": 3})
    assert reply.status_code == 200 and reply.json()["sources"]
    prompt = fake_engine.requests()[-1]["prompt"]
    assert prompt.index("[reset-password.en#") < prompt.index("Customer: How do I reset")


def test_qdrant_down_answers_503_or_degrades_as_configured(
    gateway_factory: Callable[..., Gateway],
    fake_engine: FakeEngineHandle,
    embedder: Any,
    tmp_path: Path,
) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"
    strict = gateway_factory(fake_engine.url, embedder=embedder, retrieval={"qdrant_url": nowhere})
    refused = _post(strict, {"model": "support", "messages": QUESTION})
    assert refused.status_code == 503
    error = refused.json()["error"]
    assert error["code"] == "knowledge_base_unavailable" and nowhere in error["message"]

    lenient = gateway_factory(
        fake_engine.url,
        embedder=embedder,
        retrieval={"qdrant_url": nowhere, "on_unavailable": "degrade"},
        data_dir=tmp_path / "lenient",
    )
    answered = _post(lenient, {"model": "support", "messages": QUESTION})
    assert answered.status_code == 200 and "sources" not in answered.json()
    assert read_log(lenient.settings)[-1]["retrieval"] == "unavailable"


def test_a_running_gateway_picks_up_a_new_ingest(
    gateway_factory: Callable[..., Gateway],
    fake_engine: FakeEngineHandle,
    tmp_path: Path,
    embedder: Any,
) -> None:
    data_dir = tmp_path / "fresh"
    gateway = gateway_factory(fake_engine.url, embedder=embedder, data_dir=data_dir)
    before = _post(gateway, {"model": "support", "messages": QUESTION})
    assert before.status_code == 200 and "sources" not in before.json()

    # `kb ingest` in another process does exactly this: write to Qdrant, then the change stamp.
    kb = KnowledgeBase(RetrievalSettings(), data_dir / "qdrant", embedder=embedder)
    try:
        kb.ingestor().ingest(list(load_path(demo_kb_path())), source=DEMO_SOURCE)
        kb.mark_changed()
    finally:
        kb.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        after = _post(gateway, {"model": "support", "messages": QUESTION})
        if "sources" in after.json():
            break
        time.sleep(0.3)
    assert after.json()["sources"][0]["doc_id"] == "reset-password.en"


def test_a_short_follow_up_is_searched_with_the_question_before_it(
    grounded: Gateway, fake_engine: FakeEngineHandle
) -> None:
    gateway = grounded
    conversation = [
        {"role": "user", "content": "How do I turn on two-factor authentication?"},
        {"role": "assistant", "content": "Open Settings, then Security."},
        {"role": "user", "content": "It still does not work."},
    ]
    reply = _post(gateway, {"model": "support", "messages": conversation})
    assert reply.json()["sources"][0]["doc_id"] == "two-factor.en"
    alone = _post(gateway, {"model": "support", "messages": conversation[-1:]})
    assert alone.json()["sources"][0]["doc_id"] != "two-factor.en"  # the context made the match
