"""HTTP routes: the OpenAI wire (``/v1/...``) and the health probes."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from supportllm.errors import EngineUnavailableError, SupportLLMError
from supportllm.gateway.auth import Authenticator
from supportllm.gateway.pipeline import Pipeline, error_response
from supportllm.gateway.router import Router


def _json(data: object, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def build_routes(pipeline: Pipeline, auth: Authenticator, router: Router) -> APIRouter:
    api = APIRouter()

    @api.post("/v1/chat/completions", summary="Chat completion (OpenAI-compatible, streaming)")
    async def chat_completions(request: Request) -> Response:
        return await pipeline.chat_completions(request)

    @api.get("/v1/models", summary="The model names (aliases) this gateway answers to")
    async def models(request: Request) -> Response:
        try:
            key = await auth.authenticate(request.headers, "chat")
        except SupportLLMError as error:
            return error_response(error, request.headers.get("x-request-id", ""))
        data = [
            {"id": alias, "object": "model", "created": 0, "owned_by": f"supportllm:{key.team}"}
            for alias in router.aliases
        ]
        return _json({"object": "list", "data": data})

    @api.get("/healthz", summary="Liveness: the gateway process answers")
    async def healthz() -> Response:
        return _json({"status": "ok"})

    @api.get("/readyz", summary="Readiness: every engine behind the gateway answers")
    async def readyz() -> Response:
        down = [engine.base_url for engine in router.engines() if not await engine.health()]
        if down:
            error = EngineUnavailableError(f"engine(s) not answering: {', '.join(down)}")
            return _json(error.body(), status=503)
        return _json({"status": "ready", "engines": [e.base_url for e in router.engines()]})

    return api
