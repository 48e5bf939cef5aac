"""The gateway's Prometheus metrics: what one finished request counts, the scrape-time gauges,
cost per ticket, /metrics access (admin scope or a separate listener)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families
from pydantic import ValidationError

from supportllm.config_operate import MetricsSettings
from supportllm.gateway.auth import Authenticator
from supportllm.gateway.metrics import GatewayMetrics
from supportllm.gateway.metrics_gauges import AuditLag, audit_lag
from supportllm.gateway.metrics_http import MetricsServer, build_metrics_routes
from supportllm.gateway.requestlog import LogRecord, RequestLog
from supportllm.gateway.snapshot import PoolSnapshot, UpstreamSnapshot
from supportllm.store.keys import KeyStore


def record(**changes: Any) -> LogRecord:
    """A finished streamed request as the pipeline logs it (with the routing issue's keys)."""
    base: dict[str, Any] = {
        "request_id": "r1", "path": "/v1/chat/completions", "team": "support", "key_id": "k1",
        "model": "support", "engine": "attached", "channel": "chat", "stream": True,
        "upstream": "gpu-1", "upstream_kind": "self_hosted", "route": "self", "status": 200,
        "ttft_ms": 180.0, "itl_ms": 22.0, "total_ms": 2400.0, "queue_ms": 3.0,
        "prompt_tokens": 700, "completion_tokens": 150, "retrieval": "ok",
        "retrieval_ms": 9.0, "sources": ["kb-1"],
        "guard": {"injection": {"score": 0.02, "action": "passed"}},
    }  # fmt: skip
    base.update(changes)
    return base  # type: ignore[return-value]


def samples(metrics: GatewayMetrics) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    body, content_type = metrics.render()
    assert content_type.startswith("text/plain")
    found = {}
    for family in text_string_to_metric_families(body.decode()):
        for s in family.samples:
            found[(s.name, frozenset(s.labels.items()))] = s.value
    return found


def value(found: dict[Any, float], name: str, **labels: str) -> float:
    """The sum of ``name``'s samples whose labels include ``labels``."""
    wanted = set(labels.items())
    return sum(v for (n, ls), v in found.items() if n == name and wanted <= ls)


def test_one_request_counts_everywhere_a_dashboard_looks() -> None:
    metrics = GatewayMetrics()
    metrics.request_done(record())
    metrics.request_done(record(status=502, ttft_ms=None, completion_tokens=0))
    found = samples(metrics)
    labels = {"alias": "support", "route": "self", "upstream": "gpu-1", "channel": "chat"}
    assert value(found, "supportllm_requests_total", status="200", team="support", **labels) == 1
    assert value(found, "supportllm_requests_total", status="502", **labels) == 1
    # Latency histograms count successful replies only, in seconds.
    ttft = "gen_ai_server_time_to_first_token_seconds"
    assert value(found, f"{ttft}_count", alias="support", upstream="gpu-1") == 1
    assert value(found, f"{ttft}_sum") == pytest.approx(0.18)
    assert value(found, f"{ttft}_bucket", le="0.25") == 1
    assert value(found, f"{ttft}_bucket", le="0.1") == 0
    assert value(found, "gen_ai_server_time_per_output_token_seconds_sum") == pytest.approx(0.022)
    assert value(found, "gen_ai_server_request_duration_seconds_count") == 1
    assert value(found, "supportllm_tokens_total", type="input") == 1400
    assert value(found, "supportllm_tokens_total", type="output") == 150
    assert value(found, "supportllm_retrieval_total", status="ok") == 2
    assert value(found, "supportllm_retrieval_no_passage_total") == 0
    assert value(found, "supportllm_guard_decisions_total", guard="injection", action="passed") == 2
    assert value(found, "supportllm_queue_wait_seconds_count") == 2


def test_routing_fallback_rollout_and_guard_outcomes() -> None:
    metrics = GatewayMetrics()
    tries = [{"upstream": "gpu-1", "error": "connect"}, {"upstream": "gpu-2", "error": "500"}]
    metrics.request_done(
        record(
            upstream="openai", upstream_kind="external", route="self", fallback=True,
            attempts=tries,
        )
    )  # fmt: skip
    metrics.request_done(record(route="api", upstream="openai", upstream_kind="external"))
    metrics.request_done(record(arm="canary", rollout_id=7, incomplete=True))
    metrics.request_done(record(arm="incumbent", rollout_id=7, status=500))
    metrics.request_done(
        record(
            status=400, retrieval="empty_kb", sources=[],
            guard={"injection": {"score": 0.97, "action": "blocked", "rule": "ignore"}},
        )
    )  # fmt: skip
    metrics.request_done(record(guard={"claims": {"action": "replaced", "violations": []}}))
    found = samples(metrics)
    assert value(found, "supportllm_fallback_total", alias="support", upstream="openai") == 1
    assert value(found, "supportllm_upstream_failed_attempts_total", upstream="gpu-1") == 1
    assert value(found, "supportllm_upstream_failed_attempts_total", upstream="gpu-2") == 1
    assert value(found, "supportllm_requests_total", route="api") == 1
    assert value(found, "supportllm_incomplete_streams_total", upstream="gpu-1") == 1
    arm = "supportllm_rollout_requests_total"
    assert value(found, arm, arm="canary", rollout_id="7", status_class="2xx") == 1
    assert value(found, arm, arm="incumbent", rollout_id="7", status_class="5xx") == 1
    assert value(found, "supportllm_rollout_time_to_first_token_seconds_count", arm="canary") == 1
    assert value(found, "supportllm_retrieval_no_passage_total") == 1
    guard = "supportllm_guard_decisions_total"
    assert value(found, guard, guard="injection", action="blocked") == 1
    assert value(found, guard, guard="claims", action="replaced") == 1


def test_cost_per_ticket_against_the_api_baseline() -> None:
    settings = MetricsSettings(
        api_baseline="gpt-4o", external_prices={"cheap-api": "gpt-4o-mini"},
        self_hosted_monthly_usd=1460.0,
    )  # fmt: skip
    now = [1000.0]
    metrics = GatewayMetrics(settings, clock=lambda: now[0])
    metrics.request_done(record())  # self-hosted
    metrics.request_done(record(upstream="cheap-api", upstream_kind="external", fallback=True))
    metrics.request_done(record(status=429, completion_tokens=None))  # not a ticket
    now[0] += 3600.0
    found = samples(metrics)
    gpt4o = (700 * 2.50 + 150 * 10.00) / 1e6  # the dated list price, per ticket
    mini = (700 * 0.15 + 150 * 0.60) / 1e6
    assert value(found, "supportllm_tickets_total", kind="self_hosted") == 1
    assert value(found, "supportllm_tickets_total", kind="external") == 1
    assert value(found, "supportllm_api_baseline_cost_usd_total") == pytest.approx(2 * gpt4o)
    assert value(found, "supportllm_external_cost_usd_total", upstream="cheap-api") == (
        pytest.approx(mini)
    )
    # 1460 USD a month (730 h) accrues 2 USD an hour.
    assert value(found, "supportllm_self_hosted_cost_usd_total") == pytest.approx(2.0)
    assert value(found, "supportllm_self_hosted_monthly_cost_usd") == 1460.0


def test_self_hosted_cost_from_a_gpu_plan_and_a_cached_share() -> None:
    plan = GatewayMetrics(MetricsSettings(self_hosted_gpu="a100-80gb:reserved", self_hosted_gpus=2))
    assert plan.pricing.self_hosted_monthly == pytest.approx(2 * 1.00 * 730)
    cached = GatewayMetrics(MetricsSettings(cached_input_share=1.0, api_baseline="gpt-4o"))
    cached.request_done(record(prompt_tokens=1_000_000, completion_tokens=1))
    found = samples(cached)
    assert value(found, "supportllm_api_baseline_cost_usd_total") == pytest.approx(1.25 + 1e-5)


def test_pools_audit_and_request_log_are_read_at_scrape_time(tmp_path: Path) -> None:
    state = {"gpu-2": "open"}

    def pools() -> list[PoolSnapshot]:
        ups = tuple(
            UpstreamSnapshot(
                "support", name, f"http://{name}:8000/v1", "self_hosted", "replica",
                state.get(name, "closed"), 3, 8, 0 if name == "gpu-1" else 5,  # type: ignore[arg-type]
            )
            for name in ("gpu-1", "gpu-2")
        )  # fmt: skip
        return [PoolSnapshot("support", queue_depth=4, max_queue=64, upstreams=ups)]

    log = RequestLog(tmp_path / "requests.jsonl", to_stdout=False)
    log.write(record())
    metrics = GatewayMetrics(
        pools=pools, audit=lambda: AuditLag(12, 3.5, 0, True, 7, 1), request_log=log
    )
    found = samples(metrics)
    assert value(found, "supportllm_upstream_up", upstream="gpu-1") == 1
    assert value(found, "supportllm_upstream_up", upstream="gpu-2") == 0
    assert value(found, "supportllm_upstream_state", upstream="gpu-2", state="open") == 1
    assert value(found, "supportllm_upstream_state", upstream="gpu-2", state="closed") == 0
    assert value(found, "supportllm_upstream_in_flight", alias="support") == 6
    assert value(found, "supportllm_upstream_consecutive_failures", upstream="gpu-2") == 5
    assert value(found, "supportllm_queue_depth", alias="support") == 4
    assert value(found, "supportllm_audit_pending_records") == 12
    assert value(found, "supportllm_audit_failing_seconds") == 3.5
    assert value(found, "supportllm_audit_content_helper") == 1
    assert value(found, "supportllm_audit_content_helper_batches_total") == 7
    assert value(found, "supportllm_audit_content_helper_failures_total") == 1
    assert value(found, "supportllm_request_log_pending_lines") == 1
    state["gpu-2"] = "closed"  # read again at the next scrape
    log.flush()
    found = samples(metrics)
    assert value(found, "supportllm_upstream_up", upstream="gpu-2") == 1
    assert value(found, "supportllm_request_log_pending_lines") == 0


def test_a_source_that_raises_costs_its_gauges_not_the_scrape() -> None:
    def broken() -> list[PoolSnapshot]:
        raise RuntimeError("router is gone")

    metrics = GatewayMetrics(pools=broken)
    metrics.request_done(record())
    found = samples(metrics)
    assert value(found, "supportllm_requests_total") == 1
    assert value(found, "supportllm_metrics_collect_errors_total") == 1


def test_random_label_values_cannot_grow_memory_without_bound() -> None:
    metrics = GatewayMetrics(MetricsSettings(max_series=100))
    for i in range(250):
        metrics.request_done(record(channel=f"junk-{i}", status=400))
    found = samples(metrics)
    series = [k for k in found if k[0] == "supportllm_requests_total"]
    assert len(series) == 101
    assert value(found, "supportllm_requests_total", channel="_overflow_") == 150
    assert value(found, "supportllm_metrics_series_overflow_total") == 150


def test_audit_lag_reads_a_real_writer(tmp_path: Path) -> None:
    from supportllm.audit.signing import load_signer
    from supportllm.audit.writer import AuditWriter
    from supportllm.store.db import migrate, open_database

    engine = open_database(f"sqlite:///{tmp_path / 'a.db'}")
    migrate(engine)
    writer = AuditWriter(engine, load_signer(tmp_path / "keys"), flush_interval_s=0.01)
    writer.submit("request", {"request_id": "r1"})
    writer.submit("request", {"request_id": "r2"})
    assert audit_lag(writer) == AuditLag(2, 0.0, 0)  # handed over, writer not started
    writer.start()
    writer.close()
    assert audit_lag(writer).pending_records == 0


@pytest.fixture
def keys(tmp_path: Path) -> KeyStore:
    from supportllm.store.db import migrate, open_database

    engine = open_database(f"sqlite:///{tmp_path / 'keys.db'}")
    migrate(engine)
    return KeyStore(engine)


def test_metrics_route_needs_the_admin_scope(keys: KeyStore) -> None:
    metrics = GatewayMetrics()
    metrics.request_done(record())
    app = FastAPI()
    app.include_router(build_metrics_routes(metrics, Authenticator(keys)))
    chat = keys.create("support", frozenset({"chat"})).key
    admin = keys.create("monitoring", frozenset({"admin"})).key

    async def scrape(key: str | None) -> httpx.Response:
        headers = {"authorization": f"Bearer {key}"} if key else {}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
            return await client.get("/metrics", headers=headers)

    missing = asyncio.run(scrape(None))
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "missing_api_key"
    assert asyncio.run(scrape("sk-sllm-not-a-key")).status_code == 401
    denied = asyncio.run(scrape(chat))
    assert denied.status_code == 403
    assert "lacks the 'admin' scope" in denied.json()["error"]["message"]
    allowed = asyncio.run(scrape(admin))
    assert allowed.status_code == 200
    assert 'supportllm_requests_total{alias="support"' in allowed.text


def test_separate_listener_serves_metrics_without_auth() -> None:
    metrics = GatewayMetrics()
    metrics.request_done(record())

    async def run() -> tuple[httpx.Response, httpx.Response, httpx.Response]:
        server = MetricsServer(metrics, "127.0.0.1", 0)
        await server.start()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}") as client:
                return (
                    await client.get("/metrics"),
                    await client.get("/v1/models"),
                    await client.post("/metrics"),
                )
        finally:
            await server.close()

    ok, elsewhere, wrong_method = asyncio.run(run())
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert "gen_ai_server_time_to_first_token_seconds_bucket" in ok.text
    assert elsewhere.status_code == 404
    assert wrong_method.status_code == 405


@pytest.mark.parametrize(
    ("field", "bad", "says"),
    [
        ("api_baseline", "gpt-9", "unknown API price 'gpt-9'"),
        ("external_prices", {"x": "nope"}, "unknown API price 'nope'"),
        ("self_hosted_gpu", "tpu-v9", "is not GPU"),
        ("ttft_buckets", [1.0, 0.5], "ascending"),
        ("cached_input_share", 1.5, "less than or equal to 1"),
        ("port", 70000, "less than or equal to 65535"),
    ],
)
def test_bad_metrics_settings_name_the_setting(field: str, bad: Any, says: str) -> None:
    with pytest.raises(ValidationError) as caught:
        MetricsSettings(**{field: bad})
    assert caught.value.errors()[0]["loc"][0] == field
    assert says in str(caught.value)


def test_bucket_bounds_are_inclusive_like_prometheus_le() -> None:
    metrics = GatewayMetrics()
    metrics.request_done(record(ttft_ms=250.0))  # exactly on the 0.25 s bound
    metrics.request_done(record(ttft_ms=900_000.0))  # past every bound: only +Inf
    found = samples(metrics)
    ttft = "gen_ai_server_time_to_first_token_seconds_bucket"
    assert value(found, ttft, le="0.1") == 0
    assert value(found, ttft, le="0.25") == 1
    assert value(found, ttft, le="80.0") == 1
    assert value(found, ttft, le="+Inf") == 2
