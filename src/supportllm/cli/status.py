"""``supportllm status``: a live view of one or several gateways, read from their /metrics.

Register with ``app.command("status")(status_command)``. With ``--once`` it prints one table
(figures since each gateway started) and exits: 0 when at least one gateway answered, 1 (one
line) when none did."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated, Any

import httpx
import typer
from rich.console import Group
from rich.live import Live
from rich.table import Table
from rich.text import Text

from supportllm.cli.common import console, parse_duration, settings_from
from supportllm.config_operate import MetricsSettings
from supportllm.errors import InvalidInputError
from supportllm.gateway.metrics_read import GatewayView, Scrape, parse_scrape, view


@dataclass
class Target:
    url: str  # the gateway as given
    metrics_url: str
    last: Scrape | None = None
    error: str | None = None
    shown: GatewayView | None = None
    since_start: bool = True  # the figures shown are since the gateway started (one scrape)


def metrics_url(url: str) -> str:
    """``http://gw:8081``, ``…/v1`` or ``…/metrics`` -> the gateway's /metrics URL."""
    base = url.rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise typer.BadParameter(f"'{url}' is not an http(s) URL", param_hint="--gateway")
    if base.endswith("/metrics"):
        return base
    return base.removesuffix("/v1") + "/metrics"


def scrape(client: httpx.Client, target: Target, key: str | None) -> None:
    """Read ``target`` once: its view against the previous scrape, or why it is down."""
    headers = {"authorization": f"Bearer {key}"} if key else {}
    try:
        reply = client.get(target.metrics_url, headers=headers)
    except httpx.HTTPError as error:
        target.error = f"unreachable ({type(error).__name__})"
        return
    if reply.status_code in (401, 403):
        target.error = f"refused ({reply.status_code}): /metrics needs a key with the admin scope"
        return
    if reply.status_code != 200:
        target.error = f"HTTP {reply.status_code} from {target.metrics_url}"
        return
    try:
        current = parse_scrape(reply.text, time.time())
    except ValueError:
        target.error = "answered, but not with Prometheus metrics"
        return
    target.since_start = target.last is None
    target.shown = view(target.last, current)
    target.last, target.error = current, None


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f} %"


def _s(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _usd(value: float | None) -> str:
    return "–" if value is None else f"${value:.4f}"


def render(targets: list[Target]) -> Group:
    traffic = Table(title="Traffic", title_justify="left")
    for column in ("gateway", "window", "req/s", "5xx", "429", "out tok/s", "fallback",
                   "to API", "tickets", "cost/ticket", "API baseline"):  # fmt: skip
        traffic.add_column(column, justify="left" if column == "gateway" else "right")
    latency = Table(title="Latency (gateway-measured)", title_justify="left")
    for column in ("gateway", "TTFT p50", "p95", "p99", "e2e p50", "p95", "p99"):
        latency.add_column(column, justify="left" if column == "gateway" else "right")
    pools = Table(title="Upstreams and queues", title_justify="left")
    for column in ("gateway", "alias", "upstream", "kind", "state", "in flight", "queue"):
        pools.add_column(column)
    for t in targets:
        v = t.shown
        if t.error is not None or v is None:
            traffic.add_row(t.url, Text("DOWN: " + (t.error or "no data"), style="bold red"))
            continue
        window = f"{v.window_s:.0f} s" if v.window_s else "–"
        window += " since start" if t.since_start else ""
        rate = "–" if v.requests_per_s is None else f"{v.requests_per_s:.2f}"
        tokens = "–" if v.tokens_out_per_s is None else f"{v.tokens_out_per_s:.0f}"
        traffic.add_row(
            t.url, window, rate, _pct(v.error_share), _pct(v.refused_share), tokens,
            _pct(v.fallback_share), _pct(v.api_route_share), f"{v.tickets:.0f}",
            _usd(v.cost_per_ticket), _usd(v.baseline_per_ticket),
        )  # fmt: skip
        latency.add_row(t.url, *(_s(v.ttft[q]) for q in v.ttft), *(_s(v.e2e[q]) for q in v.e2e))
        for row in v.upstreams:
            style = "green" if row.state == "closed" else "bold red"
            depth, limit = v.queue.get(row.alias, (0.0, 0.0))
            pools.add_row(
                t.url, row.alias, row.upstream, row.kind, Text(row.state, style=style),
                f"{row.in_flight:.0f}/{row.max_in_flight:.0f}", f"{depth:.0f}/{limit:.0f}",
            )  # fmt: skip
    return Group(traffic, latency, pools) if pools.row_count else Group(traffic, latency)


def status_command(
    ctx: typer.Context,
    gateway: Annotated[
        list[str] | None,
        typer.Option(
            help="Gateway base URL (repeat for several); default: metrics.status_gateways."
        ),
    ] = None,
    key: Annotated[
        str | None,
        typer.Option(help="Key with the admin scope (default: metrics.status_key)."),
    ] = None,
    interval: Annotated[str, typer.Option(help="Refresh every (e.g. 2s, 10s).")] = "2s",
    once: Annotated[bool, typer.Option("--once", help="Print one snapshot and exit.")] = False,
) -> None:
    """Live view of gateways from their /metrics: traffic, latency percentiles, upstream
    health, queues, fallback share, cost per ticket against the API baseline."""
    every = parse_duration(interval, "--interval").total_seconds()
    if every < 0.5:
        raise typer.BadParameter("use at least 0.5s", param_hint="--interval")
    settings = settings_from(ctx)
    # The main session nests MetricsSettings in Settings as ``metrics``.
    metrics: Any = getattr(settings, "metrics", None) or MetricsSettings()
    urls = gateway or list(metrics.status_gateways)
    if not key and metrics.status_key is not None:
        key = metrics.status_key.get_secret_value()
    targets = [Target(url, metrics_url(url)) for url in urls]
    with httpx.Client(timeout=min(every, 5.0)) as client:
        if once:
            for target in targets:
                scrape(client, target, key)
            console().print(render(targets))
            if all(t.error is not None for t in targets):
                raise InvalidInputError(
                    "no gateway answered: " + "; ".join(f"{t.url}: {t.error}" for t in targets)
                )
            return
        with Live(render(targets), console=console(), refresh_per_second=4) as live:
            try:
                while True:
                    for target in targets:
                        scrape(client, target, key)
                    live.update(render(targets))
                    time.sleep(every)
            except KeyboardInterrupt:
                return
