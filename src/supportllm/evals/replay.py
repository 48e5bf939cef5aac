"""Replay tickets through the production pipeline for each candidate model, and store the replies.

Each candidate (an OpenAI-compatible endpoint: vLLM, llama.cpp, an external API) is put behind
its own in-process gateway — the same retrieval, channel templates and pipeline as `serve` —
on a local port, and every sampled ticket is sent to it as a customer message on the ticket's
channel. Replies, their sources, tokens, latency and errors go into the database as they arrive,
so an interrupted replay continues where it stopped: finished (ticket, candidate) pairs are
not sent again; failed ones are retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, cast

import httpx
from pydantic import SecretStr
from sqlalchemy import Engine, Table, select

from supportllm.config import Settings
from supportllm.errors import InvalidInputError
from supportllm.evals.tickets_db import StoredTicket
from supportllm.store.db import upsert
from supportllm.store.models import ReplayRun, ReplyRow

_RUNS = cast(Table, ReplayRun.__table__)
_REPLIES = cast(Table, ReplyRow.__table__)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_TRANSIENT = {408, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Candidate:
    """``NAME=URL`` or ``NAME=URL@MODEL`` (the model name sent upstream)."""

    name: str
    url: str
    model: str | None = None
    prompt_style: Literal["chat", "completion"] | None = None

    @classmethod
    def parse(cls, text: str) -> Candidate:
        name, sep, rest = text.partition("=")
        if not sep or not _NAME.match(name.strip()):
            raise InvalidInputError(
                f"'{text}' is not NAME=URL[@MODEL], e.g. qwen7b=http://gpu:8000/v1 or "
                "gpt4o=https://api.openai.com/v1@gpt-4o (names: letters, digits, . _ -)"
            )
        url, _, model = rest.strip().partition("@")
        if not url.startswith(("http://", "https://")):
            raise InvalidInputError(f"candidate '{name}': '{url}' is not an http(s) URL")
        return cls(name.strip(), url.rstrip("/"), model or None)


def resolve_candidate(text: str, settings: Settings) -> Candidate:
    """``NAME=URL[@MODEL]``, or a model alias of this project (``support``): the engine that
    `serve` would use — ``engine_url`` when set, else the engine started by `engine start`."""
    if "=" in text:
        return Candidate.parse(text)
    alias = text.strip()
    if alias not in settings.model_aliases:
        raise InvalidInputError(
            f"'{text}' is neither NAME=URL[@MODEL] nor one of this project's model aliases "
            f"({', '.join(settings.model_aliases)})"
        )
    style = settings.resolved_prompt_style()
    if settings.engine_url:
        return Candidate(alias, settings.engine_url, settings.engine_model, style)
    from supportllm.engines.launch import list_engines, pid_alive

    running = [
        state
        for state in list_engines(settings.data_dir)
        if state.name == settings.engine and pid_alive(state.pid)
    ]
    if not running:
        raise InvalidInputError(
            f"alias '{alias}' routes to the {settings.engine} engine, which is not running: "
            "start it with `supportllm engine start` (or set engine_url)"
        )
    return Candidate(alias, running[0].base_url, running[0].served_model, style)


@dataclass(frozen=True)
class ReplyResult:
    status: str
    text: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_ms: float | None = None
    error: str | None = None
    attempts: int = 1


class ReplayStore:
    """Runs and replies in the database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def open_run(self, run_id: str, ticket_set: str, config: dict[str, Any]) -> None:
        """Create the run, or check that an existing one was started with the same tickets."""
        with self.engine.begin() as conn:
            row = conn.execute(select(_RUNS).where(_RUNS.c.id == run_id)).first()
            if row is None:
                conn.execute(
                    _RUNS.insert().values(
                        id=run_id,
                        ticket_set=ticket_set,
                        config=json.dumps(config),
                        created_at=datetime.now(UTC),
                    )
                )
                return
        stored = json.loads(row.config)
        if row.ticket_set != ticket_set or stored.get("tickets") != config.get("tickets"):
            raise InvalidInputError(
                f"replay run '{run_id}' exists with other tickets (set '{row.ticket_set}', "
                f"{len(stored.get('tickets', []))} sampled): resume it with the same options or "
                "choose another --out"
            )

    def finished(self, run_id: str) -> set[tuple[int, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_REPLIES.c.ticket_id, _REPLIES.c.candidate).where(
                    _REPLIES.c.run_id == run_id, _REPLIES.c.status == "done"
                )
            ).all()
        return {(r.ticket_id, r.candidate) for r in rows}

    def save(self, run_id: str, ticket_id: int, candidate: str, result: ReplyResult) -> None:
        values = {
            "status": result.status,
            "text": result.text,
            "sources": json.dumps(result.sources),
            "prompt_tokens": result.prompt_tokens,
            "completion_tokens": result.completion_tokens,
            "latency_ms": result.latency_ms,
            "error": result.error,
            "attempts": result.attempts,
            "finished_at": datetime.now(UTC),
        }
        with self.engine.begin() as conn:
            key = {"run_id": run_id, "ticket_id": ticket_id, "candidate": candidate}
            upsert(conn, _REPLIES, key, values)

    def replies(self, run_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_REPLIES).where(_REPLIES.c.run_id == run_id).order_by(_REPLIES.c.id)
            ).all()
        return [dict(row._mapping) for row in rows]


def replayed_tokens(folder: Path, candidate: str | None = None) -> tuple[float, float, int] | None:
    """Mean prompt and completion tokens of a replay's finished replies (one candidate's, or
    all), and how many; None when no reply has token counts."""
    path = folder / "replies.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()] if path.is_file() else []
    done = [
        r
        for r in rows
        if r["status"] == "done"
        and r["prompt_tokens"]
        and r["completion_tokens"]
        and candidate in (None, r["candidate"])
    ]
    if not done:
        return None
    prompt = sum(r["prompt_tokens"] for r in done) / len(done)
    return prompt, sum(r["completion_tokens"] for r in done) / len(done), len(done)


@contextlib.contextmanager
def candidate_gateway(
    settings: Settings,
    candidate: Candidate,
    *,
    api_key: str | None = None,
    retrieval: bool = True,
) -> Iterator[tuple[str, str]]:
    """The production pipeline in front of ``candidate`` on a local port: (base URL, key).

    ``api_key``: the key the gateway sends to the candidate (an external API's); ``retrieval``
    False for traffic that is never grounded (the judge), so no knowledge base is loaded."""
    import uvicorn

    from supportllm.gateway.app import build_app
    from supportllm.gateway.setup import build_parts, open_keystore

    keys = open_keystore(settings)
    update: dict[str, Any] = {
        "engine_url": candidate.url,
        "engine_model": candidate.model,
        "prompt_style": candidate.prompt_style or settings.prompt_style,
        # The candidate alone answers: no pools, fallbacks, roll-outs, live sampling or
        # traces of serve's configuration in a replay's pipeline.
        "upstreams": {},
        "pools": {},
        "rollout": settings.rollout.model_copy(update={"judge_upstream": None}),
        "sampling": settings.sampling.model_copy(update={"enabled": False}),
        "tracing": settings.tracing.model_copy(update={"enabled": False}),
        "metrics": settings.metrics.model_copy(update={"enabled": False, "port": None}),
    }
    if api_key is not None:
        update["engine_api_key"] = SecretStr(api_key)
    if not retrieval:
        update["retrieval"] = settings.retrieval.model_copy(update={"enabled": False})
    scoped = settings.model_copy(update=update)
    parts = build_parts(
        scoped, engine_url=candidate.url, engine_name=candidate.name, served_model=None, keys=keys
    )
    if parts.retrieval is not None:
        parts.retrieval.prepare()
    issued = keys.create(
        f"replay-{candidate.name}",
        frozenset({"chat"}),
        name="replay",
        default_channel=None if retrieval else "judge",  # the judge's key: its own channel
    )
    config = uvicorn.Config(
        build_app(parts), host="127.0.0.1", port=0, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"replay-{candidate.name}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise InvalidInputError(f"the pipeline for candidate '{candidate.name}' did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/v1", issued.key
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        keys.revoke(issued.record.key_id)


async def _ask(
    http: httpx.AsyncClient,
    url: str,
    key: str,
    body: dict[str, Any],
    retries: int,
) -> ReplyResult:
    attempt = 0
    while True:
        attempt += 1
        started = time.perf_counter()
        error: str
        try:
            response = await http.post(
                url + "/chat/completions", json=body, headers={"authorization": f"Bearer {key}"}
            )
            latency = (time.perf_counter() - started) * 1000
            if response.status_code == 200:
                data = response.json()
                text = data["choices"][0]["message"].get("content") or ""
                usage = data.get("usage") or {}
                sources = [
                    {k: s.get(k) for k in ("id", "title", "url", "text", "score")}
                    for s in data.get("sources") or []
                    if isinstance(s, dict)
                ]
                if text.strip():
                    return ReplyResult(
                        "done",
                        text,
                        sources,
                        usage.get("prompt_tokens"),
                        usage.get("completion_tokens"),
                        latency,
                        attempts=attempt,
                    )
                error = "empty reply"
            else:
                try:
                    message = response.json()["error"]["message"]
                except (ValueError, KeyError, TypeError):
                    message = response.text[:200]
                error = f"HTTP {response.status_code}: {message}"
                if response.status_code not in _TRANSIENT:
                    return ReplyResult("failed", error=error, latency_ms=latency, attempts=attempt)
        except httpx.HTTPError as failure:
            error = f"{type(failure).__name__}: {failure}"[:300]
        if attempt > retries:
            return ReplyResult("failed", error=error, attempts=attempt)
        await asyncio.sleep(min(8.0, 0.5 * 2 ** (attempt - 1)))


@dataclass
class ReplayPlan:
    run_id: str
    ticket_set: str
    tickets: Sequence[StoredTicket]
    candidates: Sequence[Candidate]
    concurrency: int = 8
    retries: int = 2
    max_tokens: int = 300
    timeout_s: float = 300.0
    alias: str = "support"


async def replay(
    plan: ReplayPlan,
    endpoints: dict[str, tuple[str, str]],
    store: ReplayStore,
    *,
    progress: Callable[[str, ReplyResult], None] | None = None,
    default_channel: str = "chat",
) -> dict[str, dict[str, int]]:
    """Send every (ticket, candidate) pair not finished yet; returns counts per candidate."""
    done = store.finished(plan.run_id)
    counts = {c.name: {"done": 0, "failed": 0, "skipped": 0} for c in plan.candidates}
    gate = asyncio.Semaphore(plan.concurrency)
    timeout = httpx.Timeout(plan.timeout_s, connect=10.0)
    limits = httpx.Limits(max_connections=plan.concurrency * 2)
    async with httpx.AsyncClient(timeout=timeout, limits=limits, trust_env=False) as http:

        async def one(item: StoredTicket, candidate: Candidate) -> None:
            url, key = endpoints[candidate.name]
            body = {
                "model": plan.alias,
                "messages": [{"role": "user", "content": item.ticket.text}],
                "channel": item.ticket.channel or default_channel,
                "max_tokens": plan.max_tokens,
                "retrieval": {"include_text": True},  # the graders see what the model saw
            }
            async with gate:
                result = await _ask(http, url, key, body, plan.retries)
            await asyncio.to_thread(store.save, plan.run_id, item.id, candidate.name, result)
            counts[candidate.name][result.status] += 1
            if progress is not None:
                progress(candidate.name, result)

        jobs = []
        for item in plan.tickets:
            for candidate in plan.candidates:
                if (item.id, candidate.name) in done:
                    counts[candidate.name]["skipped"] += 1
                else:
                    jobs.append(one(item, candidate))
        await asyncio.gather(*jobs)
    return counts
