"""``build_app``: the gateway as a FastAPI application, from explicit parts (no module globals)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import orjson
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from supportllm.errors import (
    InvalidRequestError,
    NotFoundError,
    SupportLLMError,
    http_status,
)
from supportllm.gateway.auth import Authenticator
from supportllm.gateway.pipeline import Pipeline
from supportllm.gateway.requestlog import RequestLog
from supportllm.gateway.router import Router
from supportllm.gateway.routes import build_routes
from supportllm.gateway.templates import Templates
from supportllm.store.keys import KeyStore


@dataclass
class GatewayParts:
    router: Router
    keys: KeyStore
    templates: Templates
    log: RequestLog
    default_channel: str = "chat"
    max_body_bytes: int = 1_048_576


def _error(error: SupportLLMError) -> Response:
    return Response(
        orjson.dumps(error.body()), status_code=http_status(error), media_type="application/json"
    )


def build_app(parts: GatewayParts) -> FastAPI:
    auth = Authenticator(parts.keys)
    pipeline = Pipeline(
        auth=auth,
        router=parts.router,
        templates=parts.templates,
        log=parts.log,
        default_channel=parts.default_channel,
        max_body_bytes=parts.max_body_bytes,
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        flusher = asyncio.create_task(parts.log.run())
        try:
            yield
        finally:
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
            await parts.router.aclose()

    app = FastAPI(
        title="supportllm gateway",
        version="0.1.0",
        lifespan=lifespan,
        description="OpenAI-compatible gateway in front of self-hosted engines.",
    )
    app.include_router(build_routes(pipeline, auth, parts.router))

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return _error(
                NotFoundError("no such endpoint; see /docs for the API", code="not_found")
            )
        error = InvalidRequestError(str(exc.detail))
        return Response(
            orjson.dumps(error.body()), status_code=exc.status_code, media_type="application/json"
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> Response:
        return _error(InvalidRequestError(str(exc.errors()[:1])))

    @app.exception_handler(SupportLLMError)
    async def supportllm_error(_request: Request, exc: SupportLLMError) -> Response:
        return _error(exc)

    return app
