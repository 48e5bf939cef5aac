"""OpenTelemetry traces (gateway/tracing.py): the span tree a request leaves, its GenAI
attribute names, a collector that is down, and tracing off."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from typing import Any

import pytest

from supportllm.config_operate import TracingSettings
from supportllm.errors import ConfigError
from supportllm.gateway.tracing import Tracing
from tests.conftest import free_port

pytest.importorskip("opentelemetry.sdk", reason="the otel extra: pip install 'supportllm[otel]'")
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (
    InMemorySpanExporter,
)
from opentelemetry.trace import SpanKind, StatusCode


def _record(**extra: Any) -> dict[str, Any]:
    """A finished request as the pipeline logs it: auto-routed to the API fallback during a
    roll-out, streamed, with retrieval."""
    return {
        "request_id": "req_1234abcd00000001",
        "ts": time.time(),
        "path": "/v1/chat/completions",
        "team": "support-team",
        "model": "support",
        "engine": "vllm",
        "upstream_model": "Qwen/Qwen2.5-7B-Instruct",
        "channel": "chat",
        "stream": True,
        "retrieval": "ok",
        "sources": ["billing/invoices.md#2", "billing/refunds.md#1"],
        "guard": {"injection": "pass", "pii": 2},
        "upstream": "gpu-a",
        "upstream_kind": "self_hosted",
        "route": "self",
        "route_score": 0.31,
        "route_reason": "short, KB covers it",
        "fallback": False,
        "arm": "canary",
        "rollout_id": 7,
        "ttft_ms": 180.0,
        "prompt_tokens": 812,
        "completion_tokens": 143,
        "status": 200,
        "total_ms": 950.0,
        **extra,
    }


def _steps(started: float) -> list[tuple[str, float, float]]:
    s = started
    return [
        ("auth", s + 0.000, s + 0.001),
        ("guard", s + 0.001, s + 0.004),
        ("retrieval", s + 0.004, s + 0.030),
        ("routing", s + 0.030, s + 0.031),
        ("engine", s + 0.032, s + 0.949),
    ]


def _traced(**settings: Any) -> tuple[Tracing, InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    return Tracing(TracingSettings(enabled=True, **settings), exporter=exporter), exporter


def test_a_request_leaves_one_span_tree_with_genai_attributes_and_a_ttft_event() -> None:
    tracing, exporter = _traced()
    started = time.perf_counter()
    tracing.emit(_record(), started, _steps(started))
    tracing.flush()
    spans = {span.name: span for span in exporter.get_finished_spans()}
    tracing.close()

    root = spans["chat support"]
    engine = spans["chat Qwen/Qwen2.5-7B-Instruct"]
    assert set(spans) == {"chat support", "auth", "guard", "retrieval", "routing", engine.name}
    assert root.parent is None and root.kind is SpanKind.SERVER
    for span in spans.values():
        assert span.context.trace_id == root.context.trace_id
        if span is not root:
            assert span.parent is not None and span.parent.span_id == root.context.span_id
    assert engine.kind is SpanKind.CLIENT
    # Times: the root lasts total_ms; children sit where the pipeline marked them.
    assert root.end_time - root.start_time == pytest.approx(950e6, abs=2e3)
    assert engine.start_time - root.start_time == pytest.approx(32e6, abs=2e3)
    assert spans["retrieval"].end_time - spans["retrieval"].start_time == pytest.approx(
        26e6, abs=2e3
    )
    (event,) = engine.events
    assert event.name == "first_token"
    assert event.timestamp - root.start_time == pytest.approx(180e6, abs=2e3)
    assert engine.attributes["gen_ai.response.time_to_first_chunk"] == pytest.approx(0.148)

    assert root.attributes["gen_ai.operation.name"] == "chat"
    assert root.attributes["gen_ai.request.model"] == "support"
    assert root.attributes["gen_ai.response.model"] == "Qwen/Qwen2.5-7B-Instruct"
    assert root.attributes["http.response.status_code"] == 200
    assert root.attributes["supportllm.route"] == "self"
    assert root.attributes["supportllm.upstream"] == "gpu-a"
    assert root.attributes["supportllm.fallback"] is False
    assert root.attributes["supportllm.arm"] == "canary"
    assert engine.attributes["gen_ai.provider.name"] == "vllm"
    assert engine.attributes["gen_ai.request.model"] == "Qwen/Qwen2.5-7B-Instruct"
    assert engine.attributes["gen_ai.usage.input_tokens"] == 812
    assert engine.attributes["gen_ai.usage.output_tokens"] == 143
    assert spans["retrieval"].attributes["supportllm.passages"] == 2
    assert spans["routing"].attributes["supportllm.route_reason"] == "short, KB covers it"
    assert spans["guard"].attributes["supportllm.guard.pii"] == 2
    assert root.resource.attributes["service.name"] == "supportllm-gateway"


def test_a_failed_request_is_an_error_span_and_missing_steps_are_simply_absent() -> None:
    tracing, exporter = _traced()
    started = time.perf_counter()
    record = {
        "request_id": "r2", "model": "support", "status": 503, "total_ms": 12.0,
        "error": "every upstream of 'support' is down", "fallback": True,
    }  # fmt: skip
    tracing.emit(record, started, [("auth", started, started + 0.001)])
    tracing.flush()
    spans = {span.name: span for span in exporter.get_finished_spans()}
    tracing.close()
    assert set(spans) == {"chat support", "auth"}
    root = spans["chat support"]
    assert root.status.status_code is StatusCode.ERROR
    assert root.attributes["error.type"] == "503"
    assert "gen_ai.usage.input_tokens" not in root.attributes  # None is never an attribute


def test_sample_ratio_keeps_that_share_of_traces() -> None:
    tracing, exporter = _traced(sample_ratio=0.25)
    started = time.perf_counter()
    for number in range(400):
        tracing.emit(_record(request_id=f"r{number}"), started, _steps(started))
    tracing.flush()
    roots = [s for s in exporter.get_finished_spans() if s.parent is None]
    tracing.close()
    assert 60 <= len(roots) <= 140  # 100 expected


def test_a_collector_that_is_down_costs_one_warning_and_no_exception(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """tracing.otlp_endpoint pointing at a closed port: 50 requests' spans, each batch
    exported on its own, and the log says so once."""
    settings = TracingSettings(
        enabled=True,
        otlp_endpoint=f"http://127.0.0.1:{free_port()}/v1/traces",
        export_timeout_s=0.2,
    )
    tracing = Tracing.open(settings)
    assert tracing is not None
    caplog.set_level(logging.INFO)
    for number in range(50):
        started = time.perf_counter()
        tracing.emit(_record(request_id=f"r{number}"), started, _steps(started))
        tracing.flush(timeout_s=5)
    tracing.close()
    assert tracing.exporter.lost == 50 * 6  # type: ignore[attr-defined]  # every span tried
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "cannot be exported" in warnings[0].getMessage()
    assert "tracing.otlp_endpoint" in warnings[0].getMessage()


def test_tracing_off_is_none_and_imports_no_opentelemetry() -> None:
    code = (
        "import sys\n"
        "from supportllm.config_operate import TracingSettings\n"
        "from supportllm.gateway.tracing import Tracing\n"
        "assert Tracing.open(TracingSettings()) is None\n"
        "assert not [m for m in sys.modules if m.startswith('opentelemetry')], 'imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_without_the_extra_enabling_tracing_names_the_pip_command() -> None:
    """A Python where `import opentelemetry` fails (the extra is absent): a start-up error."""
    code = (
        "import sys\n"
        "sys.modules['opentelemetry'] = None\n"  # what an absent package looks like to import
        "from supportllm.config_operate import TracingSettings\n"
        "from supportllm.errors import ConfigError\n"
        "from supportllm.gateway.tracing import Tracing\n"
        "try:\n"
        "    Tracing.open(TracingSettings(enabled=True))\n"
        "except ConfigError as error:\n"
        "    print(error.message)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "pip install 'supportllm[otel]'" in result.stdout, result.stderr


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"sample_ratio": 1.5}, "tracing.sample_ratio must be between 0 and 1, got 1.5"),
        ({"otlp_endpoint": "collector:4318"}, "tracing.otlp_endpoint must be an http(s) URL"),
    ],
)
def test_bad_tracing_settings_name_the_setting(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        TracingSettings(**settings)
    assert ConfigError  # the gateway's start-up turns these into one-line ConfigErrors
