"""A reader as the gateway runs it: a language model on one of the gateway's upstreams, asked
for one JSON verdict where a built-in guard is unsure — the claims reader on replies
(claims_read.py), the injection reader on customers' messages (injection_read.py). What the
reader is shown and how its answer is read are the guard package's; this module keeps the
asking in bounds.

A reader keeps to itself: at most the upstream's ``max_in_flight`` readings at once (its own
count: a reader on the serving engine competes with the replies), a rest of ``REST_S`` after a
reading that could not connect or timed out (every request meanwhile gets at once what the
reader's failure rule, ``reader_on_error``, gives instead of waiting out the time-out), and one
log line per ``LOG_EVERY_S`` for its failures. It never touches the upstream's circuit breaker:
a slow reader must not take the serving engine out of rotation. One API key holds at most half
of the slots at once (``key_slots``; round 25): a client that floods the gateway with messages
the screen is unsure of gets "busy" for the readings past its share, and the reader's failure
rule decides those, while other keys' readings still find a free slot.

An external reader (an upstream of kind ``external``) never sees PII: its text is sent with
guard.pii's placeholders, or refused at start-up when guard.pii is off (``reader_pii``), as the
pools refuse it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from supportllm.config import Settings
from supportllm.engines.base import EngineResponse
from supportllm.errors import (
    ConfigError,
    EngineTimeoutError,
    EngineUnavailableError,
    SupportLLMError,
)
from supportllm.gateway.pool import Upstream
from supportllm.gateway.structured import translate
from supportllm.guard.pii import PIIRedactor, Placeholders
from supportllm.guard.reading import ErrorKind, ReaderAnswer, failed
from supportllm.structured_ask import ChatEngine

REST_S = 5.0  # after a reading that could not connect or timed out
MAX_SLOTS = 16  # readings at once, at most (the upstream's max_in_flight if lower)
LOG_EVERY_S = 60.0  # at most one warning per minute about failed readings
INLINE_CHARS = 4000  # a text longer than this is rendered in a worker thread

# What the reader is shown (with the placeholders used), made from the reader's PII redactor.
Render = Callable[[PIIRedactor | None], tuple[str, Placeholders]]
# One reading: the engine, the model and the rendered text to the reader's answer.
Ask = Callable[[ChatEngine, str, str, bool], Awaitable[ReaderAnswer]]


@dataclass
class UpstreamReader:
    upstream: Upstream
    model: str | None = None
    timeout_s: float = 10.0
    pii: PIIRedactor | None = None  # set for an external reader: placeholders first
    structured: bool = True  # turned off once the engine refuses response_format
    rest_s: float = REST_S  # 0: no rest (guard eval measures every reading)
    _rest_until: float = 0.0
    _logged_at: float = -LOG_EVERY_S
    _unlogged: int = 0
    _slots: asyncio.Semaphore | None = field(default=None, repr=False)
    _by_key: dict[str, int] = field(default_factory=dict, repr=False)  # readings in flight

    what: ClassVar[str] = "reader"  # how the log names it
    logger: ClassVar[str] = "supportllm.gateway.reader"  # the logger its warnings go to

    async def ask(
        self, size: int, render: Render, ask: Ask, key: str | None = None
    ) -> tuple[ReaderAnswer, Placeholders]:
        """The reader's answer on the text ``render`` makes (``size``: its length before
        rendering) for the API key ``key``; a failure (transport, time-out, the engine's error,
        an answer off the protocol, the key's share of the slots taken) is an answer without a
        verdict, logged, never raised."""
        started = time.perf_counter()
        if time.monotonic() < self._rest_until:
            return failed("resting after a failed reading", 0.0, "resting"), Placeholders()
        if key is None:
            return await self._ask(size, render, ask, started)
        held = self._by_key.get(key, 0)
        if held >= key_slots(self.upstream):
            share = f"key {key} already has {held} reading(s) in flight, its share of the slots"
            return self._failed(share, "busy", started), Placeholders()
        self._by_key[key] = held + 1
        try:
            return await self._ask(size, render, ask, started)
        finally:
            left = self._by_key[key] - 1
            if left:
                self._by_key[key] = left
            else:
                del self._by_key[key]

    async def _ask(
        self, size: int, render: Render, ask: Ask, started: float
    ) -> tuple[ReaderAnswer, Placeholders]:
        placeholders = Placeholders()
        if self._slots is None:
            self._slots = asyncio.Semaphore(reader_slots(self.upstream))
        slotted = False
        try:
            # the time-out covers rendering and the wait for a slot too: a reader that cannot
            # keep up sheds readings instead of holding requests back
            async with asyncio.timeout(self.timeout_s):
                if size <= INLINE_CHARS:
                    shown, placeholders = render(self.pii)
                else:  # rendering and PII placeholders of a long text: off the loop
                    shown, placeholders = await asyncio.to_thread(render, self.pii)
                async with self._slots:
                    slotted = True
                    model = self.model or await self.upstream.upstream_model()
                    answer = await ask(_Translated(self.upstream), model, shown, self.structured)
        except TimeoutError:
            # a reading that never got a slot found the reader busy, not down: no rest
            kind: ErrorKind = "timeout" if slotted else "busy"
            return self._failed(f"no verdict within {self.timeout_s:g} s", kind, started), (
                placeholders
            )
        except EngineTimeoutError as exc:
            return self._failed(exc.message, "timeout", started), placeholders
        except EngineUnavailableError as exc:
            return self._failed(exc.message, "unreachable", started), placeholders
        except SupportLLMError as exc:
            return self._failed(exc.message, "upstream", started), placeholders
        except Exception as exc:  # noqa: BLE001 - an engine off the protocol must not fail the request
            return self._failed(f"{type(exc).__name__}: {exc}", "protocol", started), placeholders
        self.structured = answer.structured
        return answer, placeholders

    def _failed(self, error: str, kind: ErrorKind, started: float) -> ReaderAnswer:
        now = time.monotonic()
        if kind in ("timeout", "unreachable"):
            self._rest_until = now + self.rest_s
        self._unlogged += 1
        if now - self._logged_at >= LOG_EVERY_S:
            logging.getLogger(self.logger).warning(
                "%s %s failed (%d since the last warning): %s",
                self.what,
                self.upstream.name,
                self._unlogged,
                error,
            )
            self._logged_at, self._unlogged = now, 0
        return failed(error, time.perf_counter() - started, kind)

    async def aclose(self) -> None:
        await self.upstream.engine.aclose()


def reader_slots(upstream: Upstream) -> int:
    """How many readings go to ``upstream`` at once."""
    return max(1, min(MAX_SLOTS, upstream.max_in_flight))


def key_slots(upstream: Upstream) -> int:
    """How many of them one API key may hold: half (one where there are one or two)."""
    return max(1, reader_slots(upstream) // 2)


class _Translated:
    """The upstream's engine, with ``response_format`` put in the server's dialect
    (gateway/structured.py: a grammar for llama.cpp)."""

    def __init__(self, upstream: Upstream) -> None:
        self._upstream = upstream

    async def chat(self, body: dict[str, Any]) -> EngineResponse:
        if "response_format" in body:
            translate(body, await self._upstream.dialect(), completion_style=False)
        return await self._upstream.engine.chat(body)


def reader_pii(
    settings: Settings,
    name: str,
    external: bool,
    pii: PIIRedactor | None,
    setting: str,
) -> PIIRedactor | None:
    """What hides PII from the reader ``setting`` names: guard.pii's redactor for an external
    one (None for a self-hosted one); ConfigError when an external reader would read
    unredacted text and resilience.allow_unredacted_external does not accept it."""
    if not external:
        return None
    if pii is not None:
        return pii
    if not settings.resilience.allow_unredacted_external:
        raise ConfigError(
            f"{setting} '{name}' is external: the texts it reads would leave your boundary "
            "unredacted; turn guard.pii.enabled on, or accept it with "
            "resilience.allow_unredacted_external = true"
        )
    logging.getLogger("supportllm.gateway.reader").warning(
        "%s: reader %s is external and reads texts UNREDACTED", setting, name
    )
    return None


async def read_many(
    reader: UpstreamReader,
    count: int,
    wanted: list[bool],
    read: Callable[[int], Awaitable[ReaderAnswer]],
    *,
    advance: Callable[[], None] = lambda: None,
) -> list[ReaderAnswer | None]:
    """``read(i)`` for each of ``count`` items that is ``wanted`` (else None), at most the
    upstream's ``max_in_flight`` at once; ``advance`` after each. The reader's client is closed
    at the end (``supportllm guard eval`` and the one-text commands)."""

    # queued here, outside the reading's time-out (which, in the gateway, covers the wait
    # for a slot): a measurement waits its turn instead of timing out in the queue
    turns = asyncio.Semaphore(reader_slots(reader.upstream))

    async def one(index: int) -> ReaderAnswer | None:
        if not wanted[index]:
            return None
        async with turns:
            answer = await read(index)
        advance()
        return answer

    try:
        return list(await asyncio.gather(*(one(i) for i in range(count))))
    finally:
        await reader.aclose()
