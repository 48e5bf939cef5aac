"""Turn settings into the gateway's parts: engines, router, key store, templates, request log."""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING, Any

from supportllm.config import Settings
from supportllm.engines.openai_http import OpenAIHTTPEngine
from supportllm.engines.tls import engine_client_context
from supportllm.engines.tokenizer import GGUFTokenizer
from supportllm.gateway.app import GatewayParts
from supportllm.gateway.audit import AuditStep
from supportllm.gateway.failures import FailedAuthLimiter
from supportllm.gateway.guard import GuardStep
from supportllm.gateway.requestlog import RequestLog
from supportllm.gateway.retrieve import GatewayRetrieval
from supportllm.gateway.router import Route, Router
from supportllm.gateway.templates import Templates
from supportllm.gateway.wire import OPENAI_FIELDS

if TYPE_CHECKING:
    from supportllm.retrieval.embed import Embedder
from supportllm.store.db import migrate, open_database
from supportllm.store.keys import KeyStore


def open_keystore(settings: Settings) -> KeyStore:
    engine = open_database(settings.resolved_database_url())
    migrate(engine)
    return KeyStore(engine)


def engine_tls(settings: Settings, engine_url: str) -> ssl.SSLContext | None:
    """How an ``https://`` engine is verified (engine_ca_bundle, engine_client_cert/key);
    None for plain HTTP. Raises ConfigError naming a file that cannot be used."""
    if not engine_url.startswith("https://"):
        return None
    return engine_client_context(
        settings.engine_ca_bundle, settings.engine_client_cert, settings.engine_client_key
    )


def build_parts(
    settings: Settings,
    *,
    engine_url: str,
    engine_name: str,
    served_model: str | None,
    keys: KeyStore | None = None,
    embedder: Embedder | None = None,
    model_path: str | None = None,
) -> GatewayParts:
    """Every alias routes to the one engine at ``engine_url`` (more routes arrive with canaries).

    ``model_path``: the GGUF file of an engine this process started; its tokenizer counts prompts
    when the engine's streams carry no usage."""
    api_key = settings.engine_api_key.get_secret_value() if settings.engine_api_key else None
    engine = OpenAIHTTPEngine(
        engine_url,
        api_key=api_key,
        connect_timeout_s=settings.connect_timeout_s,
        read_timeout_s=settings.request_timeout_s,
        tls=engine_tls(settings, engine_url),
    )
    style = settings.resolved_prompt_style()
    counter = GGUFTokenizer(model_path) if model_path and model_path.endswith(".gguf") else None
    routes = [
        Route(
            alias=alias,
            engine=engine,
            engine_name=engine_name,
            prompt_style=style,
            configured_model=settings.engine_model or served_model,
            prompt_counter=counter,
        )
        for alias in settings.model_aliases
    ]
    return GatewayParts(
        router=Router(routes),
        keys=keys or open_keystore(settings),
        templates=Templates(settings.company_name, settings.templates_dir),
        log=RequestLog(
            settings.resolved_request_log(),
            to_stdout=settings.log_requests_to_stdout,
            max_pending=settings.request_log_max_pending,
        ),
        default_channel=settings.default_channel,
        max_body_bytes=settings.max_body_bytes,
        retrieval=open_retrieval(settings, embedder),
        reply_tokens=settings.reply_token_limits(),
        max_in_flight=settings.max_in_flight,
        forward_fields=OPENAI_FIELDS | frozenset(settings.forward_fields),
        audit=open_audit_step(settings),
        strict_audit=settings.audit.durability == "strict",
        guard=open_guard_step(settings),
        failed_auth=(
            FailedAuthLimiter(settings.failed_auth_per_minute)
            if settings.failed_auth_per_minute
            else None
        ),
    )


def open_audit_step(settings: Settings) -> AuditStep | None:
    """The audit step, or None when ``audit.enabled`` is off."""
    a = settings.audit
    if not a.enabled:
        return None
    from supportllm.audit.export import FileSink
    from supportllm.audit.setup import open_writer

    writer = open_writer(settings)
    redact = None
    if settings.guard.pii.enabled:
        from supportllm.guard.pii import PIIRedactor, redact_json

        redactor = PIIRedactor(settings.guard.pii)

        def redact(content: Any) -> Any:
            return redact_json(content, redactor)

    return AuditStep(
        writer,
        log_content=a.log_content,
        fail_open=a.fail_open,
        strict_timeout_s=a.strict_timeout_s,
        retention_days=a.retention_days,
        purge_interval_s=a.purge_interval_s,
        sink=(
            FileSink(writer.engine, a.export_path, a.export_format)
            if a.export_path is not None
            else None
        ),
        redact=redact,
    )


def open_retrieval(settings: Settings, embedder: Embedder | None = None) -> GatewayRetrieval | None:
    """The retrieval step, or None when ``retrieval.enabled`` is off. Call ``prepare()`` next."""
    r = settings.retrieval
    if not r.enabled:
        return None
    from supportllm.retrieval.kb import KnowledgeBase  # heavy: Qdrant client, torch

    return GatewayRetrieval(
        KnowledgeBase(r, settings.qdrant_path(), embedder=embedder),
        top_k=r.top_k,
        on_unavailable=r.on_unavailable,
    )


def append_admin(step: AuditStep, action: str, detail: dict[str, object]) -> None:
    """An admin event through the gateway's own audit database (serve's start-up record)."""
    from supportllm.audit.append import admin_event

    admin_event(step.writer.engine, action, dict(detail))


def open_guard_step(settings: Settings) -> GuardStep | None:
    """The guardrails the settings switch on (None when all are off). Models load here, at
    start-up, so a missing or corrupt model file stops the gateway with its name."""
    from supportllm.guard.claims import ClaimChecker
    from supportllm.guard.injection import InjectionScreen
    from supportllm.guard.pii import PIIRedactor
    from supportllm.guard.tools import ToolValidator

    g = settings.guard
    screen = None
    if g.injection.mode != "off" or any(m != "off" for m in g.injection_by_channel.values()):
        screen = InjectionScreen(g.injection)
        screen.load()
    claims_on = g.claims.mode != "off"
    step = GuardStep(
        injection=screen,
        injection_mode=g.injection.mode,
        injection_by_channel=dict(g.injection_by_channel),
        screen_tool_results=g.injection.screen_tool_results,
        claims=ClaimChecker(g.claims.tool_actions) if claims_on else None,
        claims_mode=g.claims.mode,
        tools=ToolValidator() if g.claims.validate_tool_calls else None,
        repair_tool_calls=g.claims.repair_tool_calls,
        pii=PIIRedactor(g.pii) if g.pii.enabled and g.pii.before_engine else None,
        exempt_channels=frozenset(g.exempt_channels),
    )
    if screen is None and step.claims is None and step.tools is None and step.pii is None:
        return None
    return step
