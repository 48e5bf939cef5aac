"""The order of a chat request, in one place.

auth -> body limits + parse -> route (alias -> engine) -> retrieve (KB top-k passages) ->
channel template -> engine (streamed or not) -> request log. Each step lives in its own module;
this one only calls them in order.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import re
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson
from starlette.types import Receive, Scope, Send

from supportllm.audit.writer import reply_from_events
from supportllm.engines.base import EngineResponse
from supportllm.errors import (
    ActionClaimError,
    AuthenticationError,
    RateLimitError,
    SupportLLMError,
    http_status,
)
from supportllm.gateway.after import AfterRequest
from supportllm.gateway.asgi import header_map, read_body, send_json, send_stream
from supportllm.gateway.audit import AuditStep
from supportllm.gateway.auth import Authenticator
from supportllm.gateway.body import BodyBuilder
from supportllm.gateway.call import (
    Call,
    check_reply,
    count_prompt,
    error_headers,
    guard_whole,
    reply_text,
    with_sources,
)
from supportllm.gateway.decide import RouteStep
from supportllm.gateway.failover import Failover, Prepared, PrimedStream
from supportllm.gateway.failures import FailedAuthLimiter
from supportllm.gateway.guard import (
    GuardStep,
    hide_messages,
    restore_stream,
)
from supportllm.gateway.log_redaction import redact_error
from supportllm.gateway.pool import Upstream
from supportllm.gateway.relay import (
    StreamRelay,
    client_body,
    internal_error,
    logged,
)
from supportllm.gateway.requestlog import LogRecord, RequestLog
from supportllm.gateway.retrieve import GatewayRetrieval, RetrievalOutcome
from supportllm.gateway.router import Router
from supportllm.gateway.shadow import ShadowJudge
from supportllm.gateway.streaming import (
    StreamStats,
    completion_to_chat,
    relay_chat,
    relay_completion_as_chat,
)
from supportllm.gateway.templates import PromptPassage, Templates, message_text
from supportllm.gateway.tracing import Step
from supportllm.gateway.wire import OPENAI_FIELDS, ChatRequest, parse_chat_request
from supportllm.guard.pii import PIIRedactor
from supportllm.retrieval.filters import Filters

_OURS = ("channel", "retrieval")
CONVERSATION_HEADER = (
    "x-supportllm-conversation"  # supportllm's own request fields, read here, never forwarded
)
# A client's own request id is echoed and logged only when it is short and inert.
_CLIENT_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")


FOLLOW_UP_WORDS = 12


def retrieval_query(user_turns: list[str]) -> str:
    """What the KB is searched for: the customer's latest message; a short follow-up ("it still
    doesn't arrive") is searched together with the message before it."""
    if not user_turns:
        return ""
    latest = user_turns[-1]
    if len(user_turns) > 1 and len(latest.split()) < FOLLOW_UP_WORDS:
        return f"{user_turns[-2]}\n{latest}"
    return latest


@dataclass
class Pipeline:
    auth: Authenticator
    router: Router
    templates: Templates
    log: RequestLog
    default_channel: str
    max_body_bytes: int
    retrieval: GatewayRetrieval | None = None
    # max_tokens sent when the client gives none: per channel, "" for the rest (an engine's own
    # default may be 16 tokens, llama.cpp's completions, or the whole context, vLLM's).
    reply_tokens: dict[str, int] = field(default_factory=lambda: {"": 512})
    _ids: Iterator[int] = field(default_factory=itertools.count, repr=False)
    # Requests this process works on at once (streams included); beyond it: 429 + Retry-After.
    max_in_flight: int = 1024
    # What reaches the engine: OpenAI's fields plus the settings' forward_fields; the rest of a
    # client's body (e.g. another engine's or a test double's controls) is dropped.
    forward_fields: frozenset[str] = OPENAI_FIELDS
    # The audit trail (gateway/audit.py): every record chained, requests refused while it
    # cannot be written (unless fail-open); None when audit.enabled is off.
    audit: AuditStep | None = None
    strict_audit: bool = False
    # Failed authentications per client address: beyond the limit, 429 before any key lookup.
    failed_auth: FailedAuthLimiter | None = None
    # The guardrails (gateway/guard.py): injection screen in, tool calls and claims out.
    guard: GuardStep | None = None
    # Upstreams tried in turn before the first token (gateway/failover.py).
    failover: Failover = field(default_factory=Failover)
    # PII placeholders for what goes to an external upstream (None: guard.pii is off).
    external_pii: PIIRedactor | None = None
    # Roll-out arms and auto routing (gateway/decide.py); None: every alias uses its pool.
    routing: RouteStep | None = None
    # After each request: metrics, arm counters, live sampling, traces (gateway/after.py).
    after: AfterRequest = field(default_factory=AfterRequest)
    # A roll-out's quality gate: sampled requests also go to the other arm, judged in pairs.
    shadow: ShadowJudge | None = None
    # guard.pii for the request log's error field (an engine's error may quote the customer)
    log_redactor: PIIRedactor | None = None
    _in_flight: int = field(default=0, repr=False)
    _id_prefix: str = field(default_factory=lambda: f"req_{uuid.uuid4().hex[:8]}", repr=False)

    def __post_init__(self) -> None:
        self._bodies = BodyBuilder(self.templates, self.forward_fields, self.reply_tokens)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI endpoint for POST /v1/chat/completions."""
        if self._in_flight >= self.max_in_flight:
            await self._overloaded(scope, send)
            return
        self._in_flight += 1
        try:
            await self._handle(scope, receive, send)
        finally:
            self._in_flight -= 1

    @property
    def in_flight(self) -> int:
        return self._in_flight

    async def _overloaded(self, scope: Scope, send: Send) -> None:
        """Refused before any work (no body read, no key check): bounded memory under load."""
        request_id = f"{self._id_prefix}{next(self._ids):08x}"
        error = RateLimitError(
            f"the gateway is at its limit of {self.max_in_flight} requests in flight "
            "(max_in_flight); retry shortly",
            code="gateway_overloaded",
        )
        record: LogRecord = {
            "request_id": request_id,
            "ts": round(time.time(), 3),
            "path": "/v1/chat/completions",
            "status": 429,
            "error": error.message,
        }
        self.log.write(record)
        if self.after.metrics is not None:
            self.after.metrics.request_done(record)
        await send_json(send, 429, orjson.dumps(error.body()), error_headers(error, request_id))

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        headers = header_map(scope)
        given = headers.get("x-request-id")
        request_id = (
            given
            if given is not None and _CLIENT_REQUEST_ID.fullmatch(given)
            else f"{self._id_prefix}{next(self._ids):08x}"
        )
        record: LogRecord = {
            "request_id": request_id,
            "ts": round(time.time(), 3),
            "path": "/v1/chat/completions",
        }
        client = scope.get("client")
        address = client[0] if client else None
        if address is not None:
            record["client"] = address
        marks: list[Step] | None = [] if self.after.traces else None
        try:
            if self.audit is not None and (refused := self.audit.refusal()) is not None:
                raise refused
            key = await self._authenticate(headers, address)
            record["team"], record["key_id"] = key.team, key.key_id
            if marks is not None:
                marks.append(("auth", started, time.perf_counter()))
            chat, data = parse_chat_request(await read_body(receive, headers, self.max_body_bytes))
            messages = data["messages"]  # as the client sent them (the audit content)
            if dropped := [k for k in data if k not in self.forward_fields and k not in _OURS]:
                record["dropped_fields"] = dropped[:20]
            pool = self.router.resolve(chat.model)
            channel = chat.channel or key.default_channel or self.default_channel
            record["model"] = chat.model
            record["channel"], record["stream"] = channel, chat.stream
            placeholders = None
            guard = (
                self.guard
                if self.guard is not None and self.guard.applies(channel, key.default_channel)
                else None
            )
            if guard is not None:
                guarded = time.perf_counter()
                await guard.screen(data["messages"], channel, record, key.injection_mode)
                guard.check_tool_schemas(data.get("tools"))
                if guard.pii is not None:
                    hidden, placeholders = guard.hide_pii(data["messages"])
                    data = {**data, "messages": hidden}
                if marks is not None:
                    marks.append(("guard", guarded, time.perf_counter()))
            retrieving = time.perf_counter()
            found = await self._retrieve(chat, key.team, record)
            if marks is not None:
                marks.append(("retrieval", retrieving, time.perf_counter()))
            passages = [
                PromptPassage(p.id, p.title, p.text[: self._passage_chars()], p.url)
                for p in found.passages
            ]
            sources = [p.source() for p in found.passages]
            if chat.retrieval_options.include_text:
                for source, shown in zip(sources, passages, strict=True):
                    source["text"] = shown.text
            record["route"] = "fixed"
            user = data.get("user")
            conversation = headers.get(CONVERSATION_HEADER) or (
                user if isinstance(user, str) and user else None
            )
            api_first = False
            if self.routing is not None:
                routing = time.perf_counter()
                pool, api_first = self.routing.choose(
                    pool, conversation or request_id, messages, found.top_score(), record
                )
                if marks is not None:
                    marks.append(("routing", routing, time.perf_counter()))
            call = Call(
                pool, chat, data, channel, passages, record, started, sources, messages,
                placeholders, guard, conversation, api_first, marks,
            )  # fmt: skip
            if self.shadow is not None and "rollout_id" in record:
                rollouts = self.shadow.rollouts
                call.shadow = rollouts.wants_shadow(record["rollout_id"], request_id)
            call.keep_reply = call.shadow or self.after.keeps_reply(record)
            if chat.stream:
                events = await self._open_stream(call)
            else:
                raw = await self._whole(call)
        except Exception as caught:  # noqa: BLE001 - every failure gets an OpenAI-style answer
            error = caught if isinstance(caught, SupportLLMError) else internal_error(caught)
            if "status" not in record:  # not finished yet (a strict commit time-out has been)
                self._finish(record, started, http_status(error), error=logged(error), marks=marks)
            await send_json(
                send,
                http_status(error),
                client_body(error, request_id),
                error_headers(error, request_id),
            )
            return
        if chat.stream:
            await send_stream(receive, send, events, {"x-request-id": request_id})
        else:
            await send_json(send, 200, raw, {"x-request-id": request_id})

    async def _authenticate(self, headers: dict[str, str], address: str | None) -> Any:
        limiter = self.failed_auth
        if limiter is None:
            return await self.auth.authenticate(headers, "chat")
        wait = limiter.retry_after(address)
        if wait is not None:
            raise RateLimitError(
                f"too many failed authentications from this address; retry in {wait:.0f} s",
                retry_after_s=wait,
                code="too_many_failed_authentications",
            )
        try:
            return await self.auth.authenticate(headers, "chat")
        except AuthenticationError:
            limiter.failed(address)
            raise

    def _passage_chars(self) -> int:
        return self.retrieval.kb.settings.max_passage_chars if self.retrieval else 0

    async def _retrieve(self, chat: ChatRequest, team: str, record: LogRecord) -> RetrievalOutcome:
        """The top-k passages for the customer's latest message (none when switched off)."""
        options = chat.retrieval_options
        if self.retrieval is None or not options.enabled:
            record["retrieval"] = "off"
            return RetrievalOutcome([], "off")
        query = retrieval_query(
            [message_text(m.content) for m in chat.messages if m.role == "user"]
        )
        filters = Filters(team=team, product=options.product, lang=options.lang)
        outcome = await self.retrieval.retrieve(query, options.k, filters)
        record["retrieval"] = outcome.status
        record["retrieval_ms"] = round(outcome.ms, 2)
        record["sources"] = [p.id for p in outcome.passages]
        return outcome

    async def _prepare(self, call: Call, upstream: Upstream) -> Prepared:
        """The request as ``upstream`` gets it; PII placeholders first for an external API."""
        data, placeholders = call.data, call.placeholders
        if upstream.kind == "external" and placeholders is None and self.external_pii is not None:
            hidden, placeholders = hide_messages(self.external_pii, data["messages"])
            data = {**data, "messages": hidden}
            call.record["pii_to_external"] = "placeholders"
        body, completion_style = await self._bodies.build(
            upstream, call.chat, data, call.channel, call.passages
        )
        call.record["upstream_model"] = body["model"]
        return Prepared(upstream, body, completion_style, placeholders)

    async def _whole(self, call: Call) -> bytes:
        prepared, reply = await self.failover.whole(
            call.pool,
            call.conversation,
            lambda upstream: self._prepare(call, upstream),
            call.record,
            api_first=call.api_first,
        )
        try:
            return await self._whole_reply(call, prepared, reply)
        finally:
            prepared.upstream.release()

    async def _whole_reply(self, call: Call, prepared: Prepared, reply: EngineResponse) -> bytes:
        chat = call.chat
        if prepared.completion_style:
            check_reply(reply.data, reply.raw, "text completion")
            data = completion_to_chat(reply.data, chat.model)
            changed = True
        else:
            check_reply(reply.data, reply.raw, "chat completion")
            data = reply.data
            changed = data.get("model") != chat.model
        if call.guard is not None or prepared.placeholders is not None:
            guarded = await guard_whole(call, prepared, data)
            changed = changed or guarded is not data
            data = guarded
        if changed or call.sources:
            if call.sources:
                data["sources"] = call.sources
            raw = orjson.dumps({**data, "model": chat.model})
        else:
            raw = reply.raw
        usage = data.get("usage") or {}
        call.record["prompt_tokens"] = usage.get("prompt_tokens")
        call.record["completion_tokens"] = usage.get("completion_tokens")
        done = self._finish(
            call.record,
            call.started,
            200,
            messages=call.messages,
            reply=reply_text(data),
            sources=call.sources,
            marks=call.marks,
            call=call,
        )
        if self.strict_audit and self.audit is not None:
            await self.audit.committed(done)
        return raw

    async def _open_stream(self, call: Call) -> StreamRelay:
        """The first upstream whose stream reached its first token (failures before it are
        retried elsewhere; errors here still get a proper HTTP status)."""
        chat = call.chat
        upstream = await self.failover.stream(
            call.pool,
            call.conversation,
            lambda up: self._prepare(call, up),
            call.record,
            api_first=call.api_first,
        )
        prepared = upstream.prepared
        body = prepared.body
        stats = StreamStats()
        events: AsyncIterator[bytes]
        if prepared.completion_style:
            events = relay_completion_as_chat(
                upstream,
                stats,
                alias=chat.model,
                client_wants_usage=chat.include_usage,
                count_prompt=lambda: count_prompt(prepared.upstream, body["prompt"]),
            )
        else:
            events = relay_chat(
                upstream,
                stats,
                upstream_model=b'"model":' + orjson.dumps(body["model"]),
                alias=b'"model":' + orjson.dumps(chat.model),
                client_wants_usage=chat.include_usage,
            )
        if prepared.placeholders is not None:
            events = restore_stream(events, prepared.placeholders.restore)
        if call.sources:
            events = with_sources(events, call)
        return self._relay(call, upstream, events, stats)

    def _relay(
        self, call: Call, upstream: PrimedStream, events: AsyncIterator[bytes], stats: StreamStats
    ) -> StreamRelay:
        audit = self.audit
        guard = call.guard
        final = None
        if guard is not None and guard.claims is not None and guard.claims_mode != "off":

            async def final(kept: list[bytes], inline: bool) -> SupportLLMError | None:
                assert guard is not None
                handoff = await guard.review_claims(
                    reply_from_events(kept), call.messages, call.record, inline=inline
                )
                if handoff is None:
                    return None
                return ActionClaimError(handoff)

        return StreamRelay(
            upstream,
            events,
            lambda status, error, kept: self._finish(
                call.record,
                call.started,
                status,
                error=error,
                ttft_at=stats.first_token_at,
                usage=(stats.prompt_tokens, stats.completion_tokens, stats.content_chunks),
                prompt_estimated=stats.prompt_estimated,
                messages=call.messages,
                events=kept,
                itl=stats.mean_itl_ms(),
                sources=call.sources,
                marks=call.marks,
                call=call,
            ),
            call.record["request_id"],
            keep_events=(audit is not None and audit.keeps_events)
            or final is not None
            or call.keep_reply,
            committed=audit.committed if audit is not None and self.strict_audit else None,
            final=final,
        )

    def _finish(
        self,
        record: LogRecord,
        started: float,
        status: int,
        *,
        error: str | None = None,
        ttft_at: float | None = None,
        usage: tuple[int | None, int | None, int] | None = None,
        prompt_estimated: bool = False,
        messages: Any = None,
        reply: str | None = None,
        events: list[bytes] | None = None,
        itl: float | None = None,
        sources: list[dict[str, Any]] | None = None,
        marks: list[Step] | None = None,
        call: Call | None = None,
    ) -> concurrent.futures.Future[int] | None:
        """The request's record, built once: to the request log and into the audit trail."""
        if ttft_at is not None:
            record["ttft_ms"] = round((ttft_at - started) * 1000, 2)
        if usage is not None:
            prompt, completion, chunks = usage
            record["prompt_tokens"] = prompt
            record["completion_tokens"] = completion if completion is not None else chunks
            if prompt_estimated:
                record["prompt_tokens_estimated"] = True
        if itl is not None:
            record["itl_ms"] = itl
        record["status"] = status
        record["total_ms"] = round((time.perf_counter() - started) * 1000, 2)
        if error is not None:
            redactor = self.log_redactor
            record["error"] = error if redactor is None else redact_error(redactor, error)
        self.log.write(record)
        if marks is not None and "ttft_ms" in record and marks:
            marks.append(("engine", marks[-1][2], started + record["total_ms"] / 1000))
        text = reply
        if text is None and events and status == 200 and (call is not None and call.keep_reply):
            text = reply_from_events(events)
        self.after.done(
            record, started, messages=messages, reply=text, sources=sources, steps=marks
        )
        if call is not None and call.shadow and status == 200 and text and self.shadow is not None:
            self._shadow(call, text)
        if self.audit is None:
            return None
        return self.audit.record(dict(record), messages, reply, events)

    def _shadow(self, call: Call, reply: str) -> None:
        """The other arm's reply to the same request, judged against this one (background)."""
        record, shadow, routing = call.record, self.shadow, self.routing
        assert shadow is not None and routing is not None and routing.rollouts is not None
        alias = call.chat.model
        if record["arm"] == "canary":
            other = self.router.resolve(alias)
        else:
            canary = routing.rollouts.canary_of(record["rollout_id"])
            if canary is None:
                return
            other = self.router.canary_pool(alias, canary)
        turns = [m for m in call.data["messages"] if m.get("role") == "user"]
        ticket = message_text(turns[-1].get("content")) if turns else ""
        shadow.submit(record, other, ticket, reply, lambda up: self._prepare(call, up))
