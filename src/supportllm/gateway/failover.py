"""Trying upstreams in turn, with an explicit commit point.

Before a stream's first content token reaches the client, any failure of the upstream
(refused connection, 5xx, 429, time-out, an in-band ``{"error": …}`` event, no first token
within ``first_token_timeout_s``, the upstream ejected while we wait) moves the request to the
next upstream the pool offers: another replica, then the fallback. The client never sees it.

The first content token is the commit point. After it, a failure ends the stream with an
error event that says the reply is incomplete (``"x-supportllm-incomplete": true``, code
``stream_incomplete``) — never ``[DONE]``, never a made-up ``finish_reason`` — and the request's
record says ``"incomplete": true``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from supportllm.engines.base import EngineResponse, EngineStream, JSONObject
from supportllm.errors import (
    EngineTimeoutError,
    EngineUnavailableError,
    SupportLLMError,
    UpstreamError,
)
from supportllm.gateway.health import Failure
from supportllm.gateway.pool import Pool, Upstream
from supportllm.gateway.requestlog import LogRecord
from supportllm.guard.pii import Placeholders

T = TypeVar("T")
_RETRYABLE = frozenset({"connect", "timeout", "stall", "error", "busy"})
_CONTENT = b'"content":"'
_EMPTY_CONTENT = b'"content":""'
_TEXT = b'"text":"'
_EMPTY_TEXT = b'"text":""'
_IN_BAND = (b'{"error"', b'"object":"error"')


@dataclass(frozen=True)
class Prepared:
    """A request as one upstream gets it (bodies differ: chat vs completion style, PII
    placeholders for external APIs)."""

    upstream: Upstream
    body: JSONObject
    completion_style: bool
    placeholders: Placeholders | None = None


Build = Callable[[Upstream], Awaitable[Prepared]]


class StreamIncompleteError(UpstreamError):
    """An upstream failed after the stream's first content token: the reply is cut."""

    default_code = "stream_incomplete"

    def body(self) -> dict[str, Any]:
        return {**super().body(), "x-supportllm-incomplete": True}


class _Ejected(Exception):
    """The upstream went out of rotation while this request waited on it."""


def commits(batch: bytes) -> bool:
    """Does this batch carry reply content (the commit point)? Byte checks only."""
    if batch.count(_CONTENT) > batch.count(_EMPTY_CONTENT):
        return True
    if batch.count(_TEXT) > batch.count(_EMPTY_TEXT):
        return True
    return b'"tool_calls"' in batch or b'"finish_reason":"' in batch


def in_band_error(batch: bytes) -> UpstreamError | None:
    if any(marker in batch for marker in _IN_BAND):
        return UpstreamError(
            "the engine reported an error in its stream",
            detail=batch[:300].decode("utf-8", "replace"),
        )
    return None


class PrimedStream:
    """An upstream stream whose first content has arrived: the batches read so far, then the
    rest. A failure from here on is an incomplete reply (and counts against the upstream)."""

    def __init__(
        self,
        stream: EngineStream,
        events: AsyncIterator[bytes],
        head: list[bytes],
        prepared: Prepared,
        record: LogRecord,
    ) -> None:
        self._stream = stream
        self._events = events
        self._head = head
        self.prepared = prepared
        self._record = record
        self._released = False

    async def _relay(self) -> AsyncIterator[bytes]:
        for batch in self._head:
            yield batch
        self._head = []
        breaker = self.prepared.upstream.breaker
        try:
            async for batch in self._events:
                if (error := in_band_error(batch)) is not None:
                    raise error.failed_as("error")
                yield batch
        except SupportLLMError as failure:
            if failure.failure is None:
                raise
            breaker.failed(failure.failure, failure.message)  # type: ignore[arg-type]
            self._record["incomplete"] = True
            raise StreamIncompleteError(
                f"the reply was cut: {failure.message}", detail=failure.detail
            ) from None

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._relay()

    def set_read_timeout(self, seconds: float) -> None:
        self._stream.set_read_timeout(seconds)

    async def aclose(self) -> None:
        """Close the upstream request and give its slot back (once)."""
        try:
            await self._stream.aclose()
        finally:
            if not self._released:
                self._released = True
                self.prepared.upstream.release()


@dataclass
class Failover:
    first_token_timeout_s: float = 20.0
    stall_timeout_s: float = 15.0
    # The engine's read time-out: a stream's first token never waits longer than this either.
    request_timeout_s: float = 120.0

    @property
    def _first_token_limit(self) -> tuple[float, str]:
        if self.request_timeout_s < self.first_token_timeout_s:
            return self.request_timeout_s, "request_timeout_s"
        return self.first_token_timeout_s, "first_token_timeout_s"

    async def stream(
        self, pool: Pool, key: str | None, build: Build, record: LogRecord, *, api_first: bool
    ) -> PrimedStream:
        """The first upstream whose stream reaches its first content token (its slot is held:
        ``prepared.upstream.release()`` when the stream is done)."""

        async def attempt(upstream: Upstream) -> PrimedStream:
            prepared = await build(upstream)
            return await self._race(pool, upstream, self._prime(prepared, record),
                                    self._first_token_limit[0])  # fmt: skip

        return await self._each(pool, key, record, attempt, api_first=api_first)

    async def whole(
        self, pool: Pool, key: str | None, build: Build, record: LogRecord, *, api_first: bool
    ) -> tuple[Prepared, EngineResponse]:
        """The first upstream's whole reply (slot held, as with ``stream``)."""

        async def attempt(upstream: Upstream) -> tuple[Prepared, EngineResponse]:
            prepared = await build(upstream)
            engine = upstream.engine
            call = engine.complete if prepared.completion_style else engine.chat
            reply = await self._race(pool, upstream, call(prepared.body), None)
            return prepared, reply

        return await self._each(pool, key, record, attempt, api_first=api_first)

    async def _each(
        self,
        pool: Pool,
        key: str | None,
        record: LogRecord,
        attempt: Callable[[Upstream], Awaitable[T]],
        *,
        api_first: bool,
    ) -> T:
        tried: set[str] = set()
        last: SupportLLMError | None = None
        waited = time.perf_counter()
        while True:
            try:
                upstream = await pool.take(key, tried, api_first=api_first)
            except EngineUnavailableError:
                if last is not None:
                    raise last from None  # nothing left: the client sees the last failure
                raise
            if not tried and (queued := time.perf_counter() - waited) > 0.001:
                record["queue_ms"] = round(queued * 1000, 2)
            record["upstream"], record["upstream_kind"] = upstream.name, upstream.kind
            if upstream in pool.fallback and not api_first:
                record["fallback"] = True
            try:
                result = await attempt(upstream)
            except _Ejected as ejected:
                upstream.release()
                tried.add(upstream.name)
                record.setdefault("attempts", []).append(
                    {"upstream": upstream.name, "error": f"out of rotation: {ejected}"}
                )
                last = EngineUnavailableError(
                    f"the upstream {upstream.name} went out of rotation ({ejected})"
                )
                continue
            except SupportLLMError as failure:
                upstream.release()
                if failure.failure not in _RETRYABLE:
                    raise
                kind: Failure = failure.failure  # type: ignore[assignment]
                upstream.breaker.failed(kind, failure.message)
                tried.add(upstream.name)
                record.setdefault("attempts", []).append(
                    {"upstream": upstream.name, "error": failure.message}
                )
                last = failure
                continue
            except BaseException:
                upstream.release()
                raise
            upstream.breaker.succeeded()
            return result

    async def _race(
        self, pool: Pool, upstream: Upstream, work: Awaitable[T], limit: float | None
    ) -> T:
        """``work``, unless the upstream is ejected first (-> _Ejected: only when another
        upstream could take the request) or ``limit`` passes (-> a time-out failure)."""
        if not pool.has_alternative(upstream):
            try:
                async with asyncio.timeout(limit):
                    return await work
            except TimeoutError:
                raise self._no_first_token(upstream, limit) from None
        task = asyncio.ensure_future(work)
        dead = upstream.breaker.dead()
        done, _ = await asyncio.wait(
            (task, dead), timeout=limit, return_when=asyncio.FIRST_COMPLETED
        )
        if task in done:
            return task.result()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        if dead.done():
            raise _Ejected(upstream.breaker.reason or "ejected")
        raise self._no_first_token(upstream, limit)

    def _no_first_token(self, upstream: Upstream, limit: float | None) -> SupportLLMError:
        return EngineTimeoutError(
            f"the engine at {upstream.engine.base_url} sent no first token within {limit or 0:g} s "
            f"(the {self._first_token_limit[1]} setting)"
        ).failed_as("timeout")

    async def _prime(self, prepared: Prepared, record: LogRecord) -> PrimedStream:
        engine = prepared.upstream.engine
        opener = engine.stream_complete if prepared.completion_style else engine.stream_chat
        stream = await opener(prepared.body, read_s=self._first_token_limit[0] + 1.0)
        events = aiter(stream)
        head: list[bytes] = []
        try:
            async for batch in events:
                if (error := in_band_error(batch)) is not None:
                    raise error.failed_as("error")
                head.append(batch)
                if commits(batch):
                    break
        except BaseException:
            await stream.aclose()
            raise
        stream.set_read_timeout(min(self.stall_timeout_s, self.request_timeout_s))
        return PrimedStream(stream, events, head, prepared, record)
