"""`supportllm status`: gateways' /metrics read back into the numbers an operator watches."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from fastapi import FastAPI
from typer.testing import CliRunner

from supportllm.cli.status import status_command
from supportllm.config_operate import MetricsSettings
from supportllm.errors import SupportLLMError
from supportllm.gateway.auth import Authenticator
from supportllm.gateway.metrics import GatewayMetrics
from supportllm.gateway.metrics_http import build_metrics_routes
from supportllm.gateway.metrics_read import parse_scrape, quantile, view
from supportllm.gateway.snapshot import PoolSnapshot, UpstreamSnapshot
from supportllm.store.db import migrate, open_database
from supportllm.store.keys import KeyStore
from tests.conftest import free_port, serve_in_thread
from tests.test_metrics import record


def test_histogram_quantile_interpolates_like_prometheus() -> None:
    buckets = {0.1: 10.0, 0.5: 30.0, 1.0: 40.0, float("inf"): 40.0}
    assert quantile(0.25, buckets) == pytest.approx(0.1)  # 10th of 40: the first bound
    assert quantile(0.5, buckets) == pytest.approx(0.1 + 0.4 * 10 / 20)
    assert quantile(0.99, buckets) == pytest.approx(0.5 + 0.5 * (39.6 - 30) / 10)
    assert quantile(0.5, {0.1: 0.0, float("inf"): 0.0}) is None
    assert quantile(0.99, {1.0: 0.0, float("inf"): 5.0}) == 1.0  # past the last bound


def test_two_scrapes_give_rates_percentiles_shares_and_cost() -> None:
    now = [0.0]
    metrics = GatewayMetrics(
        MetricsSettings(self_hosted_monthly_usd=730.0 * 36),  # 36 USD an hour
        clock=lambda: now[0],
    )
    for _ in range(10):
        metrics.request_done(record())  # before the first scrape: not in the window
    started = time.time()
    first = parse_scrape(metrics.render()[0].decode(), at=started)
    for _ in range(16):
        metrics.request_done(record(ttft_ms=200.0, total_ms=1000.0))
    for _ in range(2):
        metrics.request_done(record(route="api", upstream="api", upstream_kind="external"))
    metrics.request_done(record(fallback=True, upstream="api", upstream_kind="external"))
    metrics.request_done(record(status=503, completion_tokens=0))
    now[0] += 10.0  # 36 USD/h over 10 s = 0.1 USD of self-hosted serving
    second = parse_scrape(metrics.render()[0].decode(), at=started + 10.0)
    shown = view(first, second)
    assert shown.window_s == pytest.approx(10.0)
    assert shown.requests == 20
    assert shown.requests_per_s == pytest.approx(2.0)
    assert shown.error_share == pytest.approx(1 / 20)
    assert shown.fallback_share == pytest.approx(1 / 20)
    assert shown.api_route_share == pytest.approx(2 / 20)
    assert shown.ttft[0.5] is not None and 0.1 < shown.ttft[0.5] <= 0.25
    assert shown.e2e[0.5] is not None and 0.64 < shown.e2e[0.5] <= 1.28
    assert shown.tickets == 19
    gpt4o = (700 * 2.50 + 150 * 10.00) / 1e6
    assert shown.baseline_per_ticket == pytest.approx(gpt4o)
    assert shown.cost_per_ticket == pytest.approx((0.1 + 3 * gpt4o) / 19)
    since_start = view(None, first)
    assert since_start.requests == 10
    assert since_start.window_s is not None and since_start.window_s > 0  # process uptime


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """A gateway's /metrics (admin scope) under uvicorn: (url, admin key, chat key)."""
    engine = open_database(f"sqlite:///{tmp_path / 'keys.db'}")
    migrate(engine)
    keys = KeyStore(engine)
    upstreams = (
        UpstreamSnapshot("support", "gpu-1", "http://g1/v1", "self_hosted", "replica", "closed",
                         2, 8, 0),
        UpstreamSnapshot("support", "gpu-2", "http://g2/v1", "self_hosted", "replica", "open",
                         0, 8, 7),
    )  # fmt: skip
    metrics = GatewayMetrics(pools=lambda: [PoolSnapshot("support", 3, 64, upstreams)])
    for _ in range(5):
        metrics.request_done(record())
    app = FastAPI()
    app.include_router(build_metrics_routes(metrics, Authenticator(keys)))
    admin = keys.create("monitoring", frozenset({"admin"})).key
    chat = keys.create("support", frozenset({"chat"})).key
    with serve_in_thread(app) as url:
        yield url, admin, chat


def run_status(*args: str) -> tuple[int, str]:
    app = typer.Typer()
    app.command("status")(status_command)
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "250"})
    if isinstance(result.exception, SupportLLMError):
        return 1, result.output + f"error: {result.exception.message}\n"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_once_prints_a_snapshot_of_each_gateway(served: Any) -> None:
    url, admin, _ = served
    down = f"http://127.0.0.1:{free_port()}"
    code, out = run_status("--gateway", f"{url}/v1", "--gateway", down, "--key", admin, "--once")
    assert code == 0, out
    text = " ".join(out.replace("│", " ").split())
    assert "since start" in text
    assert "gpu-2 self_hosted open 0/8 3/64" in text  # ejected replica, queue depth
    assert "gpu-1 self_hosted closed 2/8 3/64" in text
    assert f"{down} DOWN: unreachable" in text
    assert "$0.0033" in text  # the API baseline per ticket: 700 in + 150 out at gpt-4o


def test_once_with_no_gateway_answering_is_a_one_line_error(served: Any) -> None:
    url, _, chat = served
    code, out = run_status("--gateway", url, "--key", chat, "--once")
    assert code == 1
    assert out.splitlines()[-1].startswith(f"error: no gateway answered: {url}: refused (403)")
    code, out = run_status("--gateway", url, "--once")
    assert code == 1 and "refused (401)" in out.splitlines()[-1]


def test_bad_options_are_usage_errors() -> None:
    code, out = run_status("--gateway", "gw:8081", "--once")
    assert code == 2 and "not an http(s) URL" in out
    code, out = run_status("--interval", "fast", "--once")
    assert code == 2 and "not a duration" in out
