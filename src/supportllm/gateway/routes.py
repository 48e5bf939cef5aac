"""HTTP routes besides chat completions: the model list and the health probes."""

from __future__ import annotations

import asyncio

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
        # Every upstream a pool uses is asked now (its /v1/models, concurrently); an alias is
        # ready when one of its upstreams answers. Upstreams that are down are named either way.
        used = {id(u): u for pool in router.pools() for u in pool.upstreams()}
        answers = await asyncio.gather(*(u.engine.health() for u in used.values()))
        alive = {key for key, ok in zip(used, answers, strict=True) if ok}
        down = [u.engine.base_url for key, u in used.items() if key not in alive]
        stranded = [
            pool.alias
            for pool in router.pools()
            if not any(id(u) in alive for u in pool.upstreams())
        ]
        problems = []
        if stranded:
            problems.append(
                f"engine(s) not answering: {', '.join(down)} (no upstream left for "
                f"{', '.join(stranded)})"
            )
        if (log_problem := log.problem()) is not None:
            problems.append(log_problem)
        if problems:
            error = EngineUnavailableError("; ".join(problems), code="not_ready")
            return json_response(error.body(), status=503)
        return json_response(
            {
                "status": "ready",
                "engines": [u.engine.base_url for u in used.values()],
                "down": down,
                "pools": {
                    pool.alias: {u.name: u.breaker.state for u in pool.upstreams()}
                    for pool in router.pools()
                },
                "request_log": {"pending": log.pending, "dropped": log.dropped},
            }
        )

    return api
