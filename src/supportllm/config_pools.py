"""Settings for upstream pools (docs/operate.md): named upstreams (self-hosted replicas and
external APIs), one pool per model alias, and the health / fail-over / overload knobs.
Plain models: only config.py reads the environment (``api_key_env``) and nests them in
``Settings`` as ``upstreams``, ``pools`` and ``resilience``."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator

PromptStyle = Literal["chat", "completion"]
ENGINE_UPSTREAM = "engine"  # the engine `serve` starts or attaches to (engine_url)


class UpstreamSettings(BaseModel):
    """One OpenAI-compatible endpoint: a self-hosted replica or an external API."""

    url: str = Field(description="base URL ending in /v1, e.g. http://gpu1:8000/v1")
    kind: Literal["self_hosted", "external"] = Field(
        default="self_hosted",
        description="external: a third-party API; what is sent there leaves your boundary "
        "(PII is replaced by placeholders first, see guard.pii)",
    )
    model: str | None = Field(
        default=None, description="model name sent upstream (default: the first one it lists)"
    )
    api_key: SecretStr | None = Field(
        default=None,
        description="bearer key (better: api_key_env, or the env "
        "SUPPORTLLM_UPSTREAMS__<NAME>__API_KEY); never logged",
    )
    api_key_env: str | None = Field(
        default=None, description="name of an environment variable holding the bearer key"
    )
    prompt_style: PromptStyle = Field(
        default="chat",
        description="chat: /v1/chat/completions; completion: a base model behind "
        "/v1/completions with the channel's transcript template",
    )
    max_in_flight: int = Field(
        default=64, ge=1, description="requests sent to this upstream at once; beyond: queued"
    )

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https:// and end in /v1")
        return value.rstrip("/")


class PoolSettings(BaseModel):
    """One model alias: which upstreams answer it, in which order, and how."""

    upstreams: list[str] = Field(
        default_factory=lambda: [ENGINE_UPSTREAM],
        description="replicas (names from [upstreams]; 'engine' is the one serve runs); "
        "balanced by least outstanding requests",
    )
    fallback: list[str] = Field(
        default_factory=list,
        description="tried in order when every replica failed, is out of rotation or full",
    )
    route: Literal["fixed", "auto"] = Field(
        default="fixed",
        description="auto: each ticket goes to the replicas or to the fallback API by the "
        "complexity router (routing.router_file); fixed: always the replicas first",
    )
    affinity: Literal["conversation", "none"] = Field(
        default="conversation",
        description="conversation: a conversation (the request's 'user' field or "
        "x-supportllm-conversation header) keeps its replica (prefix cache), by consistent hash",
    )
    max_queue: int = Field(
        default=256, ge=0, description="requests waiting for a free replica; beyond: 429"
    )
    queue_timeout_s: float = Field(
        default=10.0, gt=0, description="longest wait in the queue before a 429"
    )
    spill_to_fallback: bool = Field(
        default=True,
        description="when replicas and queue are full, send to the fallback instead of a 429",
    )

    @field_validator("upstreams")
    @classmethod
    def _check_upstreams(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("a pool needs at least one replica (use 'engine' for serve's own)")
        if len(set(value)) != len(value):
            raise ValueError("an upstream is named twice")
        return value


class ResilienceSettings(BaseModel):
    """Health checks, ejection, fail-over and retry limits for every pool."""

    health_interval_s: float = Field(
        default=2.0, ge=0, description="active check of every upstream (GET /v1/models); 0: off"
    )
    health_timeout_s: float = Field(default=1.0, gt=0, description="an active check's limit")
    eject_after_errors: int = Field(
        default=3,
        ge=1,
        description="consecutive 5xx / in-band errors that take a replica out of rotation "
        "(a refused connection, a time-out or a stall does at once)",
    )
    eject_after_checks: int = Field(
        default=3,
        ge=1,
        description="consecutive failed active checks that take a replica out of rotation; a "
        "request answered in between resets the count (a busy engine answers /v1/models late "
        "but is alive)",
    )
    eject_s: float = Field(
        default=2.0, gt=0, description="first time out of rotation; doubles up to eject_max_s"
    )
    eject_max_s: float = Field(default=60.0, gt=0)
    first_token_timeout_s: float = Field(
        default=20.0,
        gt=0,
        description="longest wait for a stream's first token; beyond it the request moves on",
    )
    stall_timeout_s: float = Field(
        default=15.0, gt=0, description="longest gap between a stream's bytes once it started"
    )
    max_attempts: int = Field(
        default=2, ge=1, description="replicas tried per request (then each fallback once)"
    )
    engine_max_in_flight: int = Field(
        default=1024,
        ge=1,
        description="requests sent at once to the engine serve runs ('engine' upstream)",
    )
    allow_unredacted_external: bool = Field(
        default=False,
        description="let requests reach an external upstream without PII placeholders when "
        "guard.pii is off (a start-up warning says what leaves the boundary)",
    )
