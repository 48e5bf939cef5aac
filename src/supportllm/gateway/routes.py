"""HTTP routes besides chat completions: the model list and the health probes."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from supportllm.errors import EngineUnavailableError, SupportLLMError, http_status
from supportllm.gateway.auth import Authenticator
from supportllm.gateway.requestlog import RequestLog
from supportllm.gateway.router import Router


def json_response(data: object, status: int = 200) -> Response:
    """A JSON response, serialised with orjson."""
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def build_routes(auth: Authenticator, router: Router, log: RequestLog) -> APIRouter:
    """Everything but POST /v1/chat/completions, which the pipeline serves as plain ASGI."""
    api = APIRouter()

    @api.get("/v1/models", summary="The model names (aliases) this gateway answers to")
    async def models(request: Request) -> Response:
        try:
            key = await auth.authenticate(request.headers, "chat")
        except SupportLLMError as error:
            return json_response(error.body(), status=http_status(error))
        data = [
            {"id": alias, "object": "model", "created": 0, "owned_by": f"supportllm:{key.team}"}
            for alias in router.aliases
        ]
        return json_response({"object": "list", "data": data})

    @api.get("/healthz", summary="Liveness: the gateway process answers")
    async def healthz() -> Response:
        return json_response({"status": "ok"})

    @api.get(
        "/readyz",
        summary="Readiness: every engine behind the gateway answers and the request log is written",
    )
    async def readyz() -> Response:
        down = [engine.base_url for engine in router.engines() if not await engine.health()]
        problems = [f"engine(s) not answering: {', '.join(down)}"] if down else []
        if (log_problem := log.problem()) is not None:
            problems.append(log_problem)
        if problems:
            error = EngineUnavailableError("; ".join(problems), code="not_ready")
            return json_response(error.body(), status=503)
        return json_response(
            {
                "status": "ready",
                "engines": [e.base_url for e in router.engines()],
                "request_log": {"pending": log.pending, "dropped": log.dropped},
            }
        )

    return api
