"""Observability through a running gateway: /metrics counts what the pools did (routes,
fallbacks, upstream state) behind the admin scope; live samples are stored redacted; a request
leaves one span tree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from supportllm.engines.fake import FakeEngineHandle
from supportllm.gateway.app import build_app
from supportllm.sampling.store import SampleFilter, SampleStore
from supportllm.store.db import open_database
from tests.conftest import InProcessGateway, _gateway_parts, free_port

QUESTION = [{"role": "user", "content": "Where is my invoice?"}]


def _fallback_pool(api_url: str) -> dict[str, Any]:
    dead = f"http://127.0.0.1:{free_port()}/v1"
    return {
        "upstreams": {"gpu": {"url": dead}, "api": {"url": api_url, "kind": "external"}},
        "pools": {"support": {"upstreams": ["gpu"], "fallback": ["api"]}},
        "resilience": {"health_interval_s": 0.0},
    }


def _value(text: str, name: str, **labels: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name} {labels} not in the scrape")


def test_metrics_need_the_admin_scope_and_count_fallbacks_and_upstream_state(
    fake_engine: FakeEngineHandle, asgi_gateway_factory: Callable[..., InProcessGateway]
) -> None:
    gw = asgi_gateway_factory(fake_engine.url, **_fallback_pool(fake_engine.url))
    for stream in (False, True, True):
        assert gw.chat(messages=QUESTION, max_tokens=3, stream=stream).status_code == 200
    assert gw.get("/metrics").status_code == 401
    assert gw.get("/metrics", key=gw.key).status_code == 403  # a chat key
    admin = gw.keys.create("monitoring", frozenset({"admin"})).key
    scrape = gw.get("/metrics", key=admin)
    assert scrape.status_code == 200 and scrape.headers["content-type"].startswith("text/plain")
    text = scrape.text
    assert _value(text, "supportllm_requests_total", alias="support", upstream="api") == 3
    assert _value(text, "supportllm_fallback_total", alias="support") == 3
    assert _value(text, "supportllm_upstream_up", alias="support", upstream="gpu") == 0
    assert _value(text, "supportllm_upstream_up", alias="support", upstream="api") == 1
    assert _value(text, "supportllm_queue_depth", alias="support") == 0
    assert "gen_ai_server_time_to_first_token_seconds_bucket" in text


def test_live_samples_are_stored_with_pii_redacted(
    fake_engine: FakeEngineHandle, asgi_gateway_factory: Callable[..., InProcessGateway]
) -> None:
    gw = asgi_gateway_factory(fake_engine.url, sampling={"enabled": True, "rate": 1.0})
    text = "Hi, Jan de Vries here (jan.devries@example.com). Where is my invoice?"
    for stream in (False, True):
        message = [{"role": "user", "content": text}]
        assert gw.chat(messages=message, max_tokens=4, stream=stream).status_code == 200
    gw.close()  # the sampler's writer stores what is queued
    store = SampleStore(open_database(gw.settings.resolved_database_url()))
    rows = store.find(SampleFilter())
    assert len(rows) == 2
    stored = repr(rows)
    assert "jan.devries@example.com" not in stored and "Where is my invoice?" in stored
    assert all(row["redacted"] for row in rows)


def test_a_request_leaves_one_span_tree(fake_engine: FakeEngineHandle, tmp_path: Path) -> None:
    pytest.importorskip("opentelemetry.sdk", reason="the otel extra")
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from supportllm.config_operate import TracingSettings
    from supportllm.gateway.tracing import Tracing

    settings, keys, parts = _gateway_parts(tmp_path, fake_engine.url, {})
    exporter = InMemorySpanExporter()
    parts.after.tracing = Tracing(TracingSettings(enabled=True), exporter=exporter)
    issued = keys.create("support-team", frozenset({"chat"}))
    gw = InProcessGateway(build_app(parts), issued.key, keys, settings)
    try:
        assert gw.chat(messages=QUESTION, max_tokens=4, stream=True).status_code == 200
    finally:
        gw.close()  # flushes the trace builder
    spans = exporter.get_finished_spans()
    names = [span.name for span in spans]
    root = [s for s in spans if s.parent is None]
    assert len(root) == 1
    children = {s.name for s in spans if s.parent is not None}
    assert {"auth", "retrieval"} <= {n.split(" ")[0] for n in children}, names
    engine = [s for s in spans if s.attributes and "gen_ai.request.model" in s.attributes]
    assert engine and any(e.name == "first_token" for s in engine for e in s.events), names
