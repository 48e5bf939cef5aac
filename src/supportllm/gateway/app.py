"""``build_app``: the gateway as one ASGI application, from explicit parts (no module globals)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import orjson
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from supportllm.errors import (
    InvalidRequestError,
    MethodNotAllowedError,
    NotFoundError,
    SupportLLMError,
    http_status,
)
from supportllm.gateway.after import AfterRequest
from supportllm.gateway.asgi import send_json
from supportllm.gateway.audit import AuditStep
from supportllm.gateway.auth import Authenticator
from supportllm.gateway.decide import RouteStep
from supportllm.gateway.failover import Failover
from supportllm.gateway.failures import FailedAuthLimiter
from supportllm.gateway.guard import GuardStep
from supportllm.gateway.log_redaction import LogRedaction
from supportllm.gateway.metrics_http import MetricsServer, build_metrics_routes
from supportllm.gateway.pipeline import Pipeline
from supportllm.gateway.requestlog import RequestLog
from supportllm.gateway.retrieve import GatewayRetrieval
from supportllm.gateway.rollouts import rollout_ticks
from supportllm.gateway.router import Router
from supportllm.gateway.routes import build_routes, json_response
from supportllm.gateway.shadow import ShadowJudge
from supportllm.gateway.templates import Templates
from supportllm.gateway.wire import OPENAI_FIELDS
from supportllm.guard.pii import PIIRedactor
from supportllm.store.keys import KeyStore


@dataclass
class GatewayParts:
    router: Router
    keys: KeyStore
    templates: Templates
    log: RequestLog
    default_channel: str = "chat"
    max_body_bytes: int = 1_048_576
    retrieval: GatewayRetrieval | None = None
    reply_tokens: dict[str, int] = field(default_factory=lambda: {"": 512})
    max_in_flight: int = 1024
    forward_fields: frozenset[str] = OPENAI_FIELDS
    audit: AuditStep | None = None
    strict_audit: bool = False
    failed_auth: FailedAuthLimiter | None = None
    guard: GuardStep | None = None
    failover: Failover = field(default_factory=Failover)
    external_pii: PIIRedactor | None = None
    # Start-up notes for the operator (what leaves the boundary to external upstreams).
    notes: list[str] = field(default_factory=list)
    routing: RouteStep | None = None
    after: AfterRequest = field(default_factory=AfterRequest)
    shadow: ShadowJudge | None = None
    metrics_server: MetricsServer | None = None
    # guard.pii's redactor for the process log while the gateway runs (gateway/log_redaction.py)
    log_redactor: PIIRedactor | None = None


def _error(error: SupportLLMError, status: int | None = None) -> Response:
    return json_response(error.body(), status=status or http_status(error))


CHAT_PATH = "/v1/chat/completions"


class Gateway:
    """The ASGI application: POST /v1/chat/completions goes straight to the pipeline (the hot
    path, no framework layers); everything else (models, health, docs, lifespan) to FastAPI."""

    def __init__(self, api: FastAPI, pipeline: Pipeline) -> None:
        self.api = api
        self.pipeline = pipeline

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == CHAT_PATH:
            if scope["method"] == "POST":
                await self.pipeline(scope, receive, send)
                return
            error = MethodNotAllowedError(
                f"{scope['method']} is not allowed on {CHAT_PATH}; send a POST with a JSON body"
            )
            await send_json(send, 405, orjson.dumps(error.body()), {"allow": "POST"})
            return
        await self.api(scope, receive, send)


def build_app(parts: GatewayParts) -> Gateway:
    auth = Authenticator(parts.keys)
    pipeline = Pipeline(
        auth=auth,
        router=parts.router,
        templates=parts.templates,
        log=parts.log,
        default_channel=parts.default_channel,
        max_body_bytes=parts.max_body_bytes,
        retrieval=parts.retrieval,
        reply_tokens=parts.reply_tokens,
        max_in_flight=parts.max_in_flight,
        forward_fields=parts.forward_fields,
        audit=parts.audit,
        strict_audit=parts.strict_audit,
        failed_auth=parts.failed_auth,
        guard=parts.guard,
        failover=parts.failover,
        external_pii=parts.external_pii,
        routing=parts.routing,
        after=parts.after,
        shadow=parts.shadow,
        log_redactor=parts.log_redactor,
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        redaction = (
            LogRedaction.install(parts.log_redactor) if parts.log_redactor is not None else None
        )
        flusher = asyncio.create_task(parts.log.run())
        parts.router.start()
        after = parts.after
        if parts.audit is not None:
            parts.audit.start()
        if after.sampler is not None:
            after.sampler.start()
        if parts.metrics_server is not None:
            await parts.metrics_server.start()
        ticker = None
        if after.rollouts is not None:
            ticker = asyncio.create_task(rollout_ticks(after.rollouts, parts.audit))
        try:
            yield
        finally:
            if ticker is not None:
                ticker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ticker
            if parts.shadow is not None:
                await parts.shadow.aclose()
            if parts.metrics_server is not None:
                await parts.metrics_server.close()
            if after.rollouts is not None:
                with contextlib.suppress(Exception):  # counters of a database that is down
                    await asyncio.to_thread(after.rollouts.flush)
            if after.sampler is not None:
                await asyncio.to_thread(after.sampler.close)
            if after.tracing is not None:
                await asyncio.to_thread(after.tracing.close)
            if parts.audit is not None:
                await asyncio.to_thread(parts.audit.close)
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
            await parts.router.aclose()
            if parts.retrieval is not None:
                parts.retrieval.close()
            if redaction is not None:
                redaction.remove()

    app = FastAPI(
        title="supportllm gateway",
        version="0.1.0",
        lifespan=lifespan,
        description="OpenAI-compatible gateway in front of self-hosted engines.",
    )
    app.include_router(build_routes(auth, parts.router, parts.log))
    if parts.after.metrics is not None:
        app.include_router(build_metrics_routes(parts.after.metrics, auth))

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return _error(
                NotFoundError("no such endpoint; see /docs for the API", code="not_found")
            )
        return _error(InvalidRequestError(str(exc.detail)), exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> Response:
        return _error(InvalidRequestError(str(exc.errors()[:1])))

    @app.exception_handler(SupportLLMError)
    async def supportllm_error(_request: Request, exc: SupportLLMError) -> Response:
        return _error(exc)

    return Gateway(app, pipeline)
