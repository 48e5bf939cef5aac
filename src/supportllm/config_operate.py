"""Settings sections for operating the gateway (docs/operate.md, docs/observability.md):
auto routing, canary roll-outs, metrics, live sampling, traces. Plain models: only config.py
reads the environment and nests them in ``Settings``."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr, field_validator


class RolloutSettings(BaseModel):
    """Canary roll-outs (docs/operate-rollouts.md): the gates every step must pass (errors,
    p95 TTFT, judged answer quality) and what the quality judge may spend."""

    tick_interval_s: float = Field(
        default=5.0, gt=0, le=3600, description="how often serve flushes counters and checks gates"
    )
    min_requests: int = Field(
        default=200,
        ge=1,
        description="requests each arm needs in a step before the error and latency gates decide",
    )
    error_rate_margin: float = Field(
        default=0.01,
        ge=0,
        lt=1,
        description="the canary fails when its error rate exceeds the incumbent's by more than "
        "this (0.01 = one point) and the excess is significant at level alpha",
    )
    ttft_tolerance: float = Field(
        default=0.2,
        ge=0,
        description="the canary's p95 TTFT may exceed the incumbent's by this fraction "
        "(0.2 = 20 %)",
    )
    ttft_slack_ms: float = Field(
        default=25.0,
        ge=0,
        description="… plus this many milliseconds (p95s of a few ms differ by noise alone)",
    )
    quality_gate: bool = Field(
        default=True,
        description="judge canary replies against the incumbent's (needs judge_upstream); off: "
        "steps advance on errors and latency alone",
    )
    quality_delta: float = Field(
        default=0.2,
        gt=0,
        lt=0.5,
        description="the canary is 'worse' when it wins only 0.5 - quality_delta of the judged "
        "pairs (ties count half): the sequential test tells 0.5 from 0.5 - quality_delta",
    )
    alpha: float = Field(
        default=0.05,
        gt=0,
        lt=0.5,
        description="chance of rolling back a canary as good as the incumbent (quality and "
        "error gates)",
    )
    beta: float = Field(
        default=0.05,
        gt=0,
        lt=0.5,
        description="chance of passing a canary that wins only 0.5 - quality_delta of the pairs",
    )
    min_judgements: int = Field(
        default=20,
        ge=1,
        description="judged pairs needed before the quality gate may pass (it may fail sooner)",
    )
    shadow_rate: float = Field(
        default=0.2,
        gt=0,
        le=1,
        description="share of a running roll-out's requests also sent to the other arm and "
        "judged (while the quality gate still needs judgements and the budget lasts)",
    )
    judge_max_per_step: int = Field(
        default=400, ge=1, description="shadow requests (judged pairs) at most per step"
    )
    judge_tokens_per_day: int = Field(
        default=2_000_000,
        ge=1000,
        description="judge tokens (prompt + completion) one roll-out may spend per UTC day",
    )
    judge_upstream: str | None = Field(
        default=None,
        description="the upstream that judges the pairs (a strong model; not an arm of the "
        "roll-out)",
    )
    judge_model: str | None = Field(
        default=None,
        description="model name sent to the judge upstream (default: the upstream's own)",
    )


# Observability (issue 18): quality sampling of live traffic and OpenTelemetry traces -----------


def _rate_error(name: str, value: float) -> str:
    return f"{name} must be between 0 and 1, got {value}"


class SamplingSettings(BaseModel):
    """Quality sampling of live traffic (docs/observability-sampling.md): a deterministic share
    of the replies the gateway serves, stored (PII redacted) as a grading set."""

    enabled: bool = Field(default=False, description="store a sample of live replies")
    rate: float = Field(
        default=0.02,
        description="share of requests sampled (0..1) where no override in 'rates' applies",
    )
    rates: dict[str, float] = Field(
        default_factory=dict,
        description="overrides by stratum, e.g. {'alias:support' = 0.05, 'route:api' = 0.02, "
        "'arm:canary' = 0.2}; the most specific wins: arm, then route, then alias, then 'rate'",
    )
    daily_cap: int = Field(
        default=2000,
        ge=0,
        description="at most this many samples per UTC day (0: no cap); the day's count is "
        "restored from the database when the gateway starts",
    )
    store_content: bool = Field(
        default=True,
        description="store the customer's messages and the reply (PII redacted when "
        "guard.pii.enabled); off: only the metadata, which cannot be graded",
    )
    max_pending: int = Field(
        default=10_000,
        ge=10,
        description="samples waiting for the writer; beyond it new ones are dropped and counted",
    )

    @field_validator("rate")
    @classmethod
    def _check_rate(cls, value: float) -> float:
        if not 0.0 <= value <= 1.0:
            raise ValueError(_rate_error("sampling.rate", value))
        return value

    @field_validator("rates")
    @classmethod
    def _check_rates(cls, value: dict[str, float]) -> dict[str, float]:
        for key, rate in value.items():
            kind, sep, name = key.partition(":")
            if not sep or kind not in ("alias", "route", "arm") or not name:
                raise ValueError(
                    f"sampling.rates key {key!r} is not 'alias:NAME', 'route:NAME' or 'arm:NAME'"
                )
            if not 0.0 <= rate <= 1.0:
                raise ValueError(_rate_error(f"sampling.rates[{key!r}]", rate))
        return value


class TracingSettings(BaseModel):
    """OpenTelemetry traces (docs/observability-traces.md): one span per chat request with
    children for auth, guard, retrieval, routing and the engine. Needs the ``otel`` extra."""

    enabled: bool = Field(default=False, description="export a trace per request (OTLP/HTTP)")
    otlp_endpoint: str = Field(
        default="http://127.0.0.1:4318/v1/traces",
        description="the collector's OTLP/HTTP traces URL (Jaeger, Tempo, the OTel Collector)",
    )
    service_name: str = Field(default="supportllm-gateway", description="service.name")
    sample_ratio: float = Field(
        default=1.0, description="share of requests traced (0..1), by trace id"
    )
    export_timeout_s: float = Field(
        default=5.0, gt=0, le=60, description="how long one export may try before giving up"
    )
    max_queue: int = Field(
        default=2048, ge=64, description="spans waiting for export; beyond it they are dropped"
    )

    @field_validator("sample_ratio")
    @classmethod
    def _check_ratio(cls, value: float) -> float:
        if not 0.0 <= value <= 1.0:
            raise ValueError(_rate_error("tracing.sample_ratio", value))
        return value

    @field_validator("otlp_endpoint")
    @classmethod
    def _check_endpoint(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(
                f"tracing.otlp_endpoint must be an http(s) URL such as "
                f"http://collector:4318/v1/traces, got {value!r}"
            )
        return value


# Metrics (docs/observability.md) -----------------------------------------------------------

# OpenTelemetry GenAI semantic conventions' advisory bucket boundaries (seconds), extended at the
# top to the gateway's time-outs; vLLM's histograms use the same lower boundaries.
TTFT_BUCKETS = (0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0,
                7.5, 10.0, 20.0, 40.0, 80.0)  # fmt: skip
TPOT_BUCKETS = (0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5)
DURATION_BUCKETS = (0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
                    40.96, 81.92)  # fmt: skip


class MetricsSettings(BaseModel):
    """Prometheus metrics on the gateway (docs/observability.md): ``/metrics`` with the admin
    scope, or on a separate address without auth; the cost of a ticket against an API."""

    enabled: bool = Field(default=True, description="count requests and serve /metrics")
    host: str = Field(
        default="127.0.0.1",
        description="address of the separate metrics listener (only with metrics.port)",
    )
    port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="serve /metrics WITHOUT auth on this port as well (for a private network "
        "or a sidecar; keep it off the internet); default: only /metrics on the gateway's "
        "port, with the admin scope",
    )
    api_baseline: str = Field(
        default="gpt-4o",
        description="the API whose list price (cost/prices.py) prices what each answered "
        "ticket would have cost there: gpt-4o, gpt-4o-mini, claude-sonnet, claude-haiku",
    )
    api_baseline_price: tuple[float, float] | None = Field(
        default=None,
        description="[input, output] USD per million tokens, overriding api_baseline's list price",
    )
    cached_input_share: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="share of input tokens the API would bill at its cached-input price (the "
        "static system prompt); 0 prices every input token at the full rate",
    )
    external_prices: dict[str, str] = Field(
        default_factory=dict,
        description="external upstream name -> API price key (cost/prices.py) it bills at; an "
        "external upstream not listed is priced at the baseline",
    )
    self_hosted_monthly_usd: float | None = Field(
        default=None,
        ge=0.0,
        description="what self-hosted serving costs per month (GPUs, power, people: "
        "`supportllm cost`'s total); default: from self_hosted_gpu, else not exported",
    )
    self_hosted_gpu: str | None = Field(
        default=None,
        description="GPU plan priced from the dated table, e.g. a100-80gb:reserved (used when "
        "self_hosted_monthly_usd is not set)",
    )
    self_hosted_gpus: int = Field(default=1, ge=1, description="GPUs in the self_hosted_gpu plan")
    max_series: int = Field(
        default=5000,
        ge=100,
        description="label combinations kept per metric; more (e.g. clients sending random "
        "channel names) are counted under the label value '_overflow_'",
    )
    ttft_buckets: list[float] = Field(
        default_factory=lambda: list(TTFT_BUCKETS),
        description="seconds: gen_ai_server_time_to_first_token_seconds' buckets",
    )
    tpot_buckets: list[float] = Field(
        default_factory=lambda: list(TPOT_BUCKETS),
        description="seconds: gen_ai_server_time_per_output_token_seconds' buckets",
    )
    duration_buckets: list[float] = Field(
        default_factory=lambda: list(DURATION_BUCKETS),
        description="seconds: gen_ai_server_request_duration_seconds' buckets",
    )
    status_gateways: list[str] = Field(
        default_factory=lambda: ["http://127.0.0.1:8081"],
        description="gateways `supportllm status` reads when no --gateway is given",
    )
    status_key: SecretStr | None = Field(
        default=None,
        description="admin-scope key `supportllm status` sends (or --key)",
    )

    @field_validator("api_baseline")
    @classmethod
    def _known_api(cls, value: str) -> str:
        return _known_price(value)

    @field_validator("external_prices")
    @classmethod
    def _known_apis(cls, value: dict[str, str]) -> dict[str, str]:
        return {upstream: _known_price(key) for upstream, key in value.items()}

    @field_validator("api_baseline_price")
    @classmethod
    def _positive_price(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and (min(value) < 0 or not all(v < 1e6 for v in value)):
            raise ValueError("prices must be >= 0 and < 1e6 USD per million tokens")
        return value

    @field_validator("self_hosted_gpu")
    @classmethod
    def _known_gpu(cls, value: str | None) -> str | None:
        from supportllm.cost.prices import GPU_PRICES

        if value is None:
            return None
        key, _, pricing = value.partition(":")
        known = [p.key for p in GPU_PRICES]
        if key not in known or pricing not in ("", "on-demand", "reserved", "purchase"):
            raise ValueError(
                f"'{value}' is not GPU[:on-demand|reserved|purchase]; GPUs: {', '.join(known)}"
            )
        return value

    @field_validator("ttft_buckets", "tpot_buckets", "duration_buckets")
    @classmethod
    def _ascending(cls, value: list[float]) -> list[float]:
        if not value or any(b <= 0 for b in value) or sorted(set(value)) != value:
            raise ValueError("buckets must be positive, ascending and distinct")
        return value


def _known_price(key: str) -> str:
    from supportllm.cost.prices import API_PRICES

    known = [p.key for p in API_PRICES]
    if key not in known:
        raise ValueError(f"unknown API price '{key}'; known: {', '.join(known)}")
    return key


# Complexity routing (issue 17) ---------------------------------------------------------------


class AutoRouteSettings(BaseModel):
    """``route = "auto"``: each ticket goes to the self-hosted model or to the API by the
    complexity router's score (docs/operate-routing.md)."""

    router_file: Path | None = Field(
        default=None,
        description="router file written by `supportllm route calibrate` (default: the "
        "hand-set weights, fitted on nobody's data)",
    )
    threshold: float | None = Field(
        default=None,
        description="score at or above which a ticket goes to the API, overriding the router "
        "file's (default: the file's, or 0.5 with the hand-set weights)",
    )
    covered_languages: list[str] | None = Field(
        default=None,
        description="languages the self-hosted model serves, ISO 639-1; others count as harder "
        "(default: the router file's, or en, de, nl)",
    )

    @field_validator("threshold")
    @classmethod
    def _check_threshold(cls, value: float | None) -> float | None:
        if value is not None and not 0.0 < value < 1.0:
            raise ValueError(
                f"setting 'threshold' must be between 0 and 1 (exclusive), got {value}"
            )
        return value

    @field_validator("covered_languages")
    @classmethod
    def _check_languages(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        codes = [code.strip().lower() for code in value]
        bad = [code for code in codes if len(code) != 2 or not code.isalpha()]
        if bad or not codes:
            raise ValueError(
                f"setting 'covered_languages' needs ISO 639-1 codes such as en, de, nl; got {value}"
            )
        return codes
