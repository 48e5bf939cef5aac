"""A real Prometheus (Debian's ``prometheus`` package) scrapes a gateway's metrics under load;
the shipped rules, scrape config and Grafana dashboard pass promtool and name real metrics."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from supportllm.config_operate import MetricsSettings
from supportllm.engines.fake import FakeEngineHandle
from supportllm.gateway.metrics import GatewayMetrics
from supportllm.gateway.metrics_gauges import AuditLag
from supportllm.gateway.requestlog import RequestLog
from supportllm.gateway.snapshot import PoolSnapshot, UpstreamSnapshot
from tests.conftest import IN_CI, Gateway, free_port

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
RULES = DEPLOY / "prometheus" / "rules.yml"
SCRAPE_CONFIG = DEPLOY / "prometheus" / "prometheus.yml"
DASHBOARD = DEPLOY / "grafana" / "supportllm-dashboard.json"
# Names the engines' and the GPU exporter's /metrics carry (vLLM V1 and V0; DCGM's defaults).
VLLM_METRICS = {
    "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
    "vllm:gpu_cache_usage_perc", "vllm:prompt_tokens_total", "vllm:generation_tokens_total",
    "vllm:time_to_first_token_seconds_bucket", "vllm:inter_token_latency_seconds_bucket",
    "vllm:time_per_output_token_seconds_bucket", "vllm:e2e_request_latency_seconds_bucket",
    "vllm:prefix_cache_queries_total", "vllm:prefix_cache_hits_total",
}  # fmt: skip
DCGM_METRICS = {
    "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE",
    "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_GPU_TEMP",
}  # fmt: skip
_NAME = re.compile(r"(?<![\w:])(supportllm_\w+|gen_ai_\w+|vllm:[\w:]+|DCGM_\w+)")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"'{name}' not found (Debian package 'prometheus')"
        if IN_CI:
            pytest.fail(message + "; .ci/run installs it, so this is a set-up bug")
        pytest.skip(message + "; run `make test`, which installs it")
    return found


@pytest.fixture
def prometheus(tmp_path: Path) -> Iterator[Callable[[dict[str, Any]], str]]:
    """Start a real Prometheus with a scrape config; yields its base URL."""
    binary = _tool("prometheus")
    processes: list[subprocess.Popen[bytes]] = []

    def start(config: dict[str, Any]) -> str:
        folder = tmp_path / "prometheus"
        folder.mkdir()
        (folder / "prometheus.yml").write_text(yaml.safe_dump(config))
        port = free_port()
        log = (folder / "log.txt").open("wb")
        process = subprocess.Popen(
            [
                binary, f"--config.file={folder / 'prometheus.yml'}",
                f"--storage.tsdb.path={folder / 'data'}",
                f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
            ],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError((folder / "log.txt").read_text()[-2000:])
            try:
                if httpx.get(f"{url}/-/ready", timeout=1).status_code == 200:
                    return url
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError("prometheus did not become ready in 30 s")

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def query(url: str, expr: str) -> list[dict[str, Any]]:
    reply = httpx.get(f"{url}/api/v1/query", params={"query": expr}, timeout=5).json()
    assert reply["status"] == "success", reply
    return list(reply["data"]["result"])


def wait_for(url: str, expr: str, check: Callable[[float], bool], wait_s: float = 40) -> float:
    deadline, seen = time.monotonic() + wait_s, None
    while time.monotonic() < deadline:
        result = query(url, expr)
        if result:
            seen = float(result[0]["value"][1])
            if check(seen):
                return seen
        time.sleep(0.25)
    raise AssertionError(f"{expr} never passed its check (last value {seen})")


def test_prometheus_scrapes_the_gateway_under_load(
    gateway_factory: Callable[..., Gateway],
    fake_engine: FakeEngineHandle,
    prometheus: Callable[[dict[str, Any]], str],
    tmp_path: Path,
) -> None:
    gateway = gateway_factory(fake_engine.url)  # its own GET /metrics, admin scope
    admin_key = tmp_path / "admin-key"
    admin_key.write_text(gateway.keys.create("monitoring", frozenset({"admin"})).key)
    chat_key = tmp_path / "chat-key"
    chat_key.write_text(gateway.key)
    target = gateway.url.removeprefix("http://").removesuffix("/v1")

    def job(name: str, key: Path) -> dict[str, Any]:
        return {
            "job_name": name, "scrape_interval": "1s", "scrape_timeout": "1s",
            "authorization": {"type": "Bearer", "credentials_file": str(key)},
            "static_configs": [{"targets": [target]}],
        }  # fmt: skip

    url = prometheus(
        {"global": {"scrape_interval": "1s"},
         "scrape_configs": [job("supportllm-gateway", admin_key), job("no-admin", chat_key)]}
    )  # fmt: skip
    sent = 0
    with ThreadPoolExecutor(4) as pool:  # a short bounded load: 3 waves of 8 streams
        question = [{"role": "user", "content": "Where is my parcel?"}]
        body = {"model": "support", "stream": True, "messages": question}
        for _ in range(3):

            def chat(_: int) -> int:
                reply = httpx.post(
                    f"{gateway.url}/chat/completions", json=body,
                    headers=gateway.headers(), timeout=30,
                )  # fmt: skip
                return reply.status_code

            assert list(pool.map(chat, range(8))) == [200] * 8
            sent += 8
            time.sleep(1.2)  # a scrape between waves
    assert sent == 24  # the gateway counted them itself: no feeding from the log
    total = 'sum(supportllm_requests_total{job="supportllm-gateway",status="200"})'
    assert wait_for(url, total, lambda v: v == 24) == 24
    ttft = (
        "histogram_quantile(0.95, sum by (le) (gen_ai_server_time_to_first_token_seconds_bucket))"
    )
    assert wait_for(url, ttft, lambda v: v > 0) < 5
    tokens = 'sum(supportllm_tokens_total{type="output"})'
    assert wait_for(url, tokens, lambda v: v > 0) > 0
    # A scrape with a key lacking the admin scope is refused (and shows as down).
    assert wait_for(url, 'up{job="no-admin"}', lambda v: v == 0) == 0
    targets = httpx.get(f"{url}/api/v1/targets", timeout=5).json()["data"]["activeTargets"]
    refused = [t for t in targets if t["labels"]["job"] == "no-admin"]
    assert "403" in refused[0]["lastError"]


def test_shipped_rules_and_scrape_config_pass_promtool(tmp_path: Path) -> None:
    promtool = _tool("promtool")
    rules = subprocess.run([promtool, "check", "rules", str(RULES)], capture_output=True, text=True)
    assert rules.returncode == 0, rules.stdout + rules.stderr
    assert "SUCCESS" in rules.stdout
    syntax = subprocess.run(
        [promtool, "check", "config", "--syntax-only", str(SCRAPE_CONFIG)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert syntax.returncode == 0, syntax.stdout + syntax.stderr
    # The full check also reads the rule file and the admin key file the config names.
    shutil.copy(SCRAPE_CONFIG, tmp_path / "prometheus.yml")
    shutil.copy(RULES, tmp_path / "rules.yml")
    (tmp_path / "supportllm-admin-key").write_text("sk-sllm-placeholder\n")
    full = subprocess.run(
        [promtool, "check", "config", str(tmp_path / "prometheus.yml")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert full.returncode == 0, full.stdout + full.stderr


def every_gateway_metric() -> set[str]:
    """The names a fully fed GatewayMetrics exposes (every family has a sample)."""
    upstream = UpstreamSnapshot(
        "support", "gpu-1", "http://gpu-1:8000/v1", "self_hosted", "replica", "closed", 1, 8, 0
    )
    metrics = GatewayMetrics(
        MetricsSettings(self_hosted_monthly_usd=1000.0),
        pools=lambda: [PoolSnapshot("support", 0, 64, (upstream,))],
        audit=lambda: AuditLag(0),
        request_log=RequestLog(None, to_stdout=False),
    )
    metrics.request_done(
        {  # type: ignore[typeddict-unknown-key]
            "model": "support", "status": 200, "team": "t", "channel": "chat",
            "upstream": "api", "upstream_kind": "external", "route": "api", "fallback": True,
            "attempts": [{"upstream": "gpu-1", "error": "connect"}], "incomplete": True,
            "arm": "canary", "rollout_id": 1, "ttft_ms": 100.0, "itl_ms": 20.0,
            "total_ms": 900.0, "queue_ms": 1.0, "prompt_tokens": 10, "completion_tokens": 5,
            "retrieval": "empty", "retrieval_ms": 3.0, "sources": [],
            "guard": {"injection": {"action": "passed"}},
        }
    )  # fmt: skip
    metrics.request_done({"model": "support", "status": 200, "retrieval": "ok", "retrieval_ms": 2})
    return set(metrics.names())


def expressions() -> list[tuple[str, str]]:
    """(where, PromQL) for every dashboard target and every rule."""
    found = []
    dashboard = json.loads(DASHBOARD.read_text())
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            found.append((f"panel '{panel['title']}'", target["expr"]))
    for group in yaml.safe_load(RULES.read_text())["groups"]:
        for rule in group["rules"]:
            found.append((f"rule {rule.get('alert') or rule.get('record')}", rule["expr"]))
    return found


def test_dashboard_and_rules_name_only_metrics_that_exist(tmp_path: Path) -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    assert isinstance(dashboard["schemaVersion"], int)
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    graphs = [p for p in dashboard["panels"] if p["type"] != "row"]
    assert len(graphs) >= 20
    for panel in graphs:
        assert panel["datasource"]["uid"] == "${datasource}", panel["title"]
        assert panel["targets"], panel["title"]
    known = every_gateway_metric() | VLLM_METRICS | DCGM_METRICS
    unknown = {
        (where, name) for where, expr in expressions() for name in _NAME.findall(expr)
        if name not in known
    }  # fmt: skip
    assert not unknown
    referenced = {name for _, expr in expressions() for name in _NAME.findall(expr)}
    assert {"DCGM_FI_DEV_GPU_UTIL", "vllm:num_requests_waiting"} <= referenced
    assert "supportllm_api_baseline_cost_usd_total" in referenced
    # Every dashboard query parses: promtool checks them as recording rules.
    promtool = _tool("promtool")
    queries = [
        {"record": f"dashboard:q{i}", "expr": expr.replace("$__rate_interval", "5m")}
        for i, (where, expr) in enumerate(expressions())
        if where.startswith("panel")
    ]
    path = tmp_path / "dashboard-queries.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": queries}]}))
    checked = subprocess.run(
        [promtool, "check", "rules", str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
