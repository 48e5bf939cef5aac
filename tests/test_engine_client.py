"""The one engine client (httpx + the lean transport) against a real server."""

from __future__ import annotations

import asyncio
import time

import pytest

from supportllm.engines.fake import FakeEngineHandle
from supportllm.engines.openai_http import OpenAIHTTPEngine
from supportllm.errors import EngineUnavailableError, UpstreamRequestError
from tests.conftest import free_port

BODY = {"model": "fake-model", "messages": [{"role": "user", "content": "hi"}]}


def test_streams_whole_events_and_reuses_connections(fake_engine: FakeEngineHandle) -> None:
    async def run() -> list[bytes]:
        engine = OpenAIHTTPEngine(fake_engine.url)
        try:
            batches: list[bytes] = []
            for _ in range(3):
                stream = await engine.stream_chat({**BODY, "stream": True})
                batches += [batch async for batch in stream]
            return batches
        finally:
            await engine.aclose()

    batches = asyncio.run(run())
    events = b"".join(batches).split(b"\n\n")
    assert sum(1 for e in events if b'"content"' in e) == 60
    assert all(batch.endswith(b"\n\n") for batch in batches)  # never half an event
    assert b"[DONE]" not in b"".join(batches)


def test_a_server_that_closed_an_idle_connection_is_retried_on_a_fresh_one(
    fake_engine: FakeEngineHandle,
) -> None:
    async def run() -> str:
        engine = OpenAIHTTPEngine(fake_engine.url)
        try:
            await engine.chat(BODY)
            fake_engine.close_connections()  # the server drops its idle keep-alive connection
            await asyncio.sleep(0.1)
            reply = await engine.chat(BODY)
            return str(reply.data["choices"][0]["message"]["content"])
        finally:
            await engine.aclose()

    assert asyncio.run(run()).startswith("Thanks")


def test_engine_errors_are_mapped(fake_engine: FakeEngineHandle) -> None:
    async def run() -> None:
        engine = OpenAIHTTPEngine(fake_engine.url.replace("/v1", "/nope"))
        try:
            await engine.chat(BODY)
        finally:
            await engine.aclose()

    with pytest.raises(UpstreamRequestError, match="no route POST /nope/chat/completions"):
        asyncio.run(run())


def test_models_and_health(fake_engine: FakeEngineHandle) -> None:
    async def run() -> tuple[list[str], bool, bool]:
        engine = OpenAIHTTPEngine(fake_engine.url)
        down = OpenAIHTTPEngine(f"http://127.0.0.1:{free_port()}/v1", connect_timeout_s=1)
        try:
            return await engine.models(), await engine.health(), await down.health()
        finally:
            await engine.aclose()
            await down.aclose()

    assert asyncio.run(run()) == (["fake-model"], True, False)


def test_unreachable_engine_fails_fast() -> None:
    async def run() -> None:
        engine = OpenAIHTTPEngine(f"http://127.0.0.1:{free_port()}/v1")
        try:
            await engine.stream_chat({**BODY, "stream": True})
        finally:
            await engine.aclose()

    started = time.monotonic()
    with pytest.raises(EngineUnavailableError, match="not reachable"):
        asyncio.run(run())
    assert time.monotonic() - started < 3
