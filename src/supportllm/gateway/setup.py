"""Turn settings into the gateway's parts: engines, router, key store, templates, request log."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from supportllm.config import Settings
from supportllm.config_pools import ENGINE_UPSTREAM, PoolSettings
from supportllm.engines.openai_http import OpenAIHTTPEngine
from supportllm.engines.tls import engine_client_context
from supportllm.engines.tokenizer import GGUFTokenizer
from supportllm.gateway.after import AfterRequest
from supportllm.gateway.app import GatewayParts
from supportllm.gateway.audit import AuditStep
from supportllm.gateway.claims_read import SETTING as CLAIMS_SETTING
from supportllm.gateway.claims_read import ClaimReader, open_claims_reader
from supportllm.gateway.decide import RouteStep
from supportllm.gateway.failover import Failover
from supportllm.gateway.failures import FailedAuthLimiter
from supportllm.gateway.guard import GuardStep
from supportllm.gateway.health import Breaker
from supportllm.gateway.injection_read import SETTING as INJECTION_SETTING
from supportllm.gateway.injection_read import InjectionReader, open_injection_reader
from supportllm.gateway.metrics import GatewayMetrics
from supportllm.gateway.metrics_gauges import audit_lag
from supportllm.gateway.metrics_http import MetricsServer
from supportllm.gateway.pool import Pool, Upstream
from supportllm.gateway.reader import reader_pii
from supportllm.gateway.requestlog import RequestLog
from supportllm.gateway.retrieve import GatewayRetrieval
from supportllm.gateway.router import Router
from supportllm.gateway.shadow import ShadowJudge
from supportllm.gateway.templates import Templates
from supportllm.gateway.tracing import Tracing
from supportllm.gateway.wire import OPENAI_FIELDS

if TYPE_CHECKING:
    from supportllm.retrieval.embed import Embedder
from supportllm.errors import ConfigError
from supportllm.guard.pii import PIIRedactor
from supportllm.rollout.controller import RolloutController
from supportllm.routing.complexity import ComplexityRouter
from supportllm.sampling.sampler import LiveSampler
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
    """The gateway's parts from the settings. ``engine_url``: the engine serve runs or attaches
    to (the ``engine`` upstream); the pools name it and any other upstreams.

    ``model_path``: the GGUF file of an engine this process started; its tokenizer counts prompts
    when the engine's streams carry no usage."""
    # One redactor for every part that hides PII (its name lists load once, it is thread-safe).
    pii = PIIRedactor(settings.guard.pii) if settings.guard.pii.enabled else None
    guard = open_guard_step(settings, pii)
    router, external = open_router(
        settings, engine_url=engine_url, served_model=served_model, model_path=model_path
    )
    external_pii, notes = _external_pii(settings, external, pii)
    if settings.guard.claims.reader_upstream is not None and (
        guard is None or guard.claims is None
    ):
        notes.append(
            "guard.claims.reader_upstream is set but guard.claims.mode is off: no reply is "
            "checked, so the claims reader is not used"
        )
    if guard is not None and guard.claims is not None:
        guard.reader = _claims_reader(settings, router, pii)
        if guard.reader is not None:
            notes.append(
                f"claims reader: {guard.reader.upstream.name} reads replies whose judge "
                f"probability lies in [{guard.reader.band[0]:g}, {guard.reader.band[1]:g}] "
                "(one extra model call per reply read)"
            )
    if settings.guard.injection.reader_upstream is not None and guard is None:
        notes.append(
            "guard.injection.reader_upstream is set but no message is screened (every guard "
            "is off), so the injection reader is not used"
        )
    if guard is not None and guard.injection is not None:
        guard.injection_reader = _injection_reader(settings, router, pii)
        if guard.injection_reader is not None:
            low, high = guard.injection_reader.band
            notes.append(
                f"injection reader: {guard.injection_reader.upstream.name} reads customers' "
                f"messages the screen scores in [{low:g}, {high:g}) with no pattern matched "
                "(one extra model call per message read, before the engine)"
            )
    notes = [*_pool_notes(router), *notes]
    r = settings.resilience
    failover = Failover(r.first_token_timeout_s, r.stall_timeout_s, settings.request_timeout_s)
    complexity = None
    if any(pool.route == "auto" for pool in router.pools()):
        a = settings.routing
        complexity = ComplexityRouter.configured(a.router_file, a.threshold, a.covered_languages)
    # A roll-out's canary is a named upstream: without [upstreams] there is nothing to roll
    # out to, and no controller (nor its database ticks) runs.
    rollouts = (
        RolloutController(open_database(settings.resolved_database_url()), settings.rollout)
        if settings.upstreams
        else None
    )
    shadow = None
    if rollouts is not None and (judge := settings.rollout.judge_upstream) is not None:
        upstream = router.upstream(judge)
        if upstream is None:
            raise ConfigError(
                f"rollout.judge_upstream names '{judge}', which is not in [upstreams]"
            )
        shadow = ShadowJudge(rollouts, failover, upstream, settings.rollout.judge_model)
    audit = open_audit_step(settings, pii)
    metrics = None
    if settings.metrics.enabled:
        metrics = GatewayMetrics(
            settings.metrics,
            pools=router.snapshot,
            audit=(lambda: audit_lag(audit.writer)) if audit is not None else None,
        )
    return GatewayParts(
        router=router,
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
        audit=audit,
        strict_audit=settings.audit.durability == "strict",
        guard=guard,
        failed_auth=(
            FailedAuthLimiter(settings.failed_auth_per_minute)
            if settings.failed_auth_per_minute
            else None
        ),
        failover=failover,
        external_pii=external_pii,
        notes=notes,
        routing=(
            RouteStep(router, complexity, rollouts)
            if complexity is not None or rollouts is not None
            else None
        ),
        after=AfterRequest(
            metrics=metrics,
            rollouts=rollouts,
            sampler=LiveSampler.open(
                settings.sampling, settings.resolved_database_url(), _json_redaction(pii)
            ),
            tracing=Tracing.open(settings.tracing),
        ),
        shadow=shadow,
        log_redactor=pii,
        metrics_server=(
            MetricsServer(metrics, settings.metrics.host, settings.metrics.port)
            if metrics is not None and settings.metrics.port is not None
            else None
        ),
    )


def open_router(
    settings: Settings, *, engine_url: str, served_model: str | None, model_path: str | None
) -> tuple[Router, list[str]]:
    """(the router: every alias's pool, one Upstream per name shared by the pools that use it;
    the names of the external upstreams in use)."""
    r = settings.resilience
    made: dict[str, Upstream] = {}

    def breaker(name: str) -> Breaker:
        return Breaker(name, r.eject_after_errors, r.eject_s, r.eject_max_s, r.eject_after_checks)

    def upstream(name: str) -> Upstream:
        if name in made:
            return made[name]
        if name == ENGINE_UPSTREAM:
            api_key = settings.engine_api_key
            counter = (
                GGUFTokenizer(model_path) if model_path and model_path.endswith(".gguf") else None
            )
            made[name] = Upstream(
                name,
                _engine(settings, engine_url, api_key.get_secret_value() if api_key else None),
                settings.resolved_prompt_style(),
                "self_hosted",
                settings.engine_model or served_model,
                r.engine_max_in_flight,
                breaker(name),
                counter,
            )
        else:
            made[name] = _named_upstream(settings, name, breaker(name))
        return made[name]

    pools = []
    for alias in settings.alias_names():
        p = settings.pools.get(alias) or PoolSettings()
        pools.append(
            Pool(
                alias,
                [upstream(n) for n in p.upstreams],
                [upstream(n) for n in p.fallback],
                route=p.route,
                affinity=p.affinity == "conversation",
                max_queue=p.max_queue,
                queue_timeout_s=p.queue_timeout_s,
                spill_to_fallback=p.spill_to_fallback,
                max_attempts=r.max_attempts,
            )
        )
    for name in settings.upstreams:
        upstream(name)  # roll-out canaries and judges need not be in a pool
    router = Router(
        pools,
        health_interval_s=r.health_interval_s,
        health_timeout_s=r.health_timeout_s,
        named=made,
    )
    in_pools = {u.name for pool in pools for u in pool.upstreams()}
    return router, [n for n, u in made.items() if u.kind == "external" and n in in_pools]


def _reader_upstream(router: Router, setting: str, name: str) -> Upstream:
    upstream = router.upstream(name)
    if upstream is None:  # the settings check names; this is the engine serve did not start
        raise ConfigError(f"{setting} names '{name}', which is not running")
    return upstream


def _claims_reader(
    settings: Settings, router: Router, pii: PIIRedactor | None
) -> ClaimReader | None:
    """guard.claims.reader_upstream's reader, or None when unset."""
    name = settings.guard.claims.reader_upstream
    if name is None:
        return None
    upstream = _reader_upstream(router, CLAIMS_SETTING, name)
    return open_claims_reader(settings, upstream, pii)


def _injection_reader(
    settings: Settings, router: Router, pii: PIIRedactor | None
) -> InjectionReader | None:
    """guard.injection.reader_upstream's reader, or None when unset."""
    name = settings.guard.injection.reader_upstream
    if name is None:
        return None
    upstream = _reader_upstream(router, INJECTION_SETTING, name)
    return open_injection_reader(settings, upstream, pii)


def cli_claims_reader(settings: Settings) -> ClaimReader | None:
    """guard.claims.reader_upstream's reader with a client of its own, outside serve
    (``supportllm guard eval``, ``guard claims``); None when unset. Every reading is measured:
    no rest after a failure."""
    name = settings.guard.claims.reader_upstream
    if name is None:
        return None
    upstream, hide = _cli_reader_upstream(settings, CLAIMS_SETTING, name)
    return ClaimReader.from_settings(settings, upstream, hide, rest_s=0.0)


def cli_injection_reader(settings: Settings) -> InjectionReader | None:
    """guard.injection.reader_upstream's reader with a client of its own, outside serve
    (``supportllm guard eval``, ``guard injection``); None when unset. Every reading is
    measured: no rest after a failure."""
    name = settings.guard.injection.reader_upstream
    if name is None:
        return None
    upstream, hide = _cli_reader_upstream(settings, INJECTION_SETTING, name)
    return InjectionReader.from_settings(settings, upstream, hide, rest_s=0.0)


def _cli_reader_upstream(
    settings: Settings, setting: str, name: str
) -> tuple[Upstream, PIIRedactor | None]:
    """The upstream ``setting`` names, with a client of its own (the engine upstream is
    ``engine_url``), and what hides PII from it (an external one: ``reader_pii``)."""
    if name == ENGINE_UPSTREAM:
        url = settings.engine_url
        if url is None:
            raise ConfigError(
                f"{setting} = 'engine': outside serve, set engine_url to the engine's /v1 URL "
                "(or name an upstream from [upstreams])"
            )
        key = settings.engine_api_key
        engine = _engine(settings, url, key.get_secret_value() if key else None)
        upstream = Upstream(
            name, engine, "chat", "self_hosted", settings.engine_model,
            settings.resilience.engine_max_in_flight,
        )  # fmt: skip
        return upstream, None
    hide = None
    if settings.upstreams[name].kind == "external":  # refused before any client is made
        pii = PIIRedactor(settings.guard.pii) if settings.guard.pii.enabled else None
        hide = reader_pii(settings, name, True, pii, setting)
    return _named_upstream(settings, name, Breaker(name)), hide


def _named_upstream(settings: Settings, name: str, breaker: Breaker) -> Upstream:
    """The upstream ``[upstreams.<name>]`` describes, with a client of its own."""
    u = settings.upstreams[name]
    engine = _engine(settings, u.url, settings.upstream_api_key(name))
    return Upstream(name, engine, u.prompt_style, u.kind, u.model, u.max_in_flight, breaker)


def _pool_notes(router: Router) -> list[str]:
    """One line per pool that is more than the one engine: what serves the alias."""
    lines = []
    for pool in router.pools():
        if [u.name for u in pool.upstreams()] == [ENGINE_UPSTREAM]:
            continue
        line = f"pool {pool.alias}: replicas {', '.join(u.name for u in pool.replicas)}"
        if pool.fallback:
            line += "; fallback " + ", ".join(f"{u.name} ({u.kind})" for u in pool.fallback)
        if pool.route == "auto":
            line += "; route auto (complexity router)"
        lines.append(line)
    return lines


def _engine(settings: Settings, url: str, api_key: str | None) -> OpenAIHTTPEngine:
    return OpenAIHTTPEngine(
        url,
        api_key=api_key,
        connect_timeout_s=settings.connect_timeout_s,
        read_timeout_s=settings.request_timeout_s,
        tls=engine_tls(settings, url),
    )


def _external_pii(
    settings: Settings, external: list[str], pii: PIIRedactor | None
) -> tuple[PIIRedactor | None, list[str]]:
    """What protects requests bound for an external API: PII placeholders (guard.pii), or —
    only with resilience.allow_unredacted_external — nothing, said at start-up."""
    if not external:
        return None, []
    names = ", ".join(external)
    if pii is not None:
        return pii, [
            f"external upstream(s) {names}: customer messages go there with PII replaced by "
            "placeholders (guard.pii); the knowledge-base passages and the rest of the text "
            "leave your boundary"
        ]
    if not settings.resilience.allow_unredacted_external:
        raise ConfigError(
            f"external upstream(s) {names} would receive customer messages unredacted: turn "
            "guard.pii.enabled on, or accept it with resilience.allow_unredacted_external = true"
        )
    return None, [
        f"WARNING: external upstream(s) {names} receive customer messages UNREDACTED "
        "(guard.pii is off, resilience.allow_unredacted_external = true): names, e-mail "
        "addresses, phone numbers, IBANs and order details leave your boundary"
    ]


def _json_redaction(redactor: PIIRedactor | None) -> Callable[[Any], Any] | None:
    """guard.pii's redaction of JSON content (None when guard.pii is off)."""
    if redactor is None:
        return None
    from supportllm.guard.pii import redact_json

    def redact(content: Any) -> Any:
        return redact_json(content, redactor)

    return redact


def open_audit_step(settings: Settings, pii: PIIRedactor | None) -> AuditStep | None:
    """The audit step, or None when ``audit.enabled`` is off."""
    a = settings.audit
    if not a.enabled:
        return None
    from supportllm.audit.export import FileSink
    from supportllm.audit.setup import open_writer

    writer = open_writer(settings)
    redact = _json_redaction(pii)
    if pii is not None and a.log_content:
        from supportllm.audit.encoding import ContentEncoder

        # the same redaction, in the writer thread or in a helper process (audit.redact_in)
        writer.encoder = ContentEncoder(a.redact_in, settings.guard.pii)
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


def open_guard_step(settings: Settings, pii: PIIRedactor | None) -> GuardStep | None:
    """The guardrails the settings switch on (None when all are off). Models load here, at
    start-up, so a missing or corrupt model file stops the gateway with its name. ``pii``:
    guard.pii's redactor, shared with the audit trail and sampling (None when it is off)."""
    from supportllm.guard.claims_judged import claim_checker
    from supportllm.guard.injection import InjectionScreen
    from supportllm.guard.tools import ToolValidator

    g = settings.guard
    # Built always (a key may ask for a mode its channel does not use: keys create
    # --injection-mode); loaded now when the settings' modes use it, else on first need.
    screen = InjectionScreen(g.injection)
    screened = g.injection.mode != "off" or any(m != "off" for m in g.injection_by_channel.values())
    if screened:
        screen.load()
    claims_on = g.claims.mode != "off"
    step = GuardStep(
        injection=screen,
        injection_mode=g.injection.mode,
        injection_by_channel=dict(g.injection_by_channel),
        screen_tool_results=g.injection.screen_tool_results,
        claims=claim_checker(g.claims) if claims_on else None,
        claims_mode=g.claims.mode,
        tools=ToolValidator() if g.claims.validate_tool_calls else None,
        repair_tool_calls=g.claims.repair_tool_calls,
        pii=pii if g.pii.before_engine else None,
        exempt_channels=frozenset(g.exempt_channels),
    )
    if not screened and step.claims is None and step.tools is None and step.pii is None:
        return None
    return step
