"""The claims reader as the gateway runs it (guard.claims.reader_*): the upstream whose model
reads a reply, the band of judge probabilities in which it is asked, its time-out, and what a
failure means. The prompt and the reading are guard/claims_reader.py's.

An external reader (an upstream of kind ``external``) never sees PII: the conversation is sent
with guard.pii's placeholders (one mapping per reply, applied to each text whole before any
cut, so the same value reads the same in the call and in the reply), or refused at start-up
when guard.pii is off, as the pools refuse it.

The reader keeps to itself: at most the upstream's ``max_in_flight`` readings at once (its own
count: a reader on the serving engine competes with the replies), a rest of ``REST_S`` after a
reading that could not connect or timed out (every reply meanwhile gets the built-in verdict at
once instead of waiting out the time-out), and one log line per ``LOG_EVERY_S`` for its
failures. It never touches the upstream's circuit breaker: a slow reader must not take the
serving engine out of rotation.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

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
from supportllm.guard.claims_reader import (
    MAX_PART_CHARS,
    ErrorKind,
    ReaderAnswer,
    failed,
    read_reply,
    render_conversation,
)
from supportllm.guard.pii import PIIRedactor, Placeholders

_log = logging.getLogger("supportllm.gateway.claims_read")

REST_S = 5.0  # after a reading that could not connect or timed out
MAX_SLOTS = 16  # readings at once, at most (the upstream's max_in_flight if lower)
CUT_WINDOW = 256  # characters past a cut searched for a personal value crossing it
LOG_EVERY_S = 60.0  # at most one warning per minute about failed readings
INLINE_CHARS = 4000  # a conversation longer than this is rendered in a worker thread


@dataclass
class ClaimReader:
    upstream: Upstream
    model: str | None = None
    band: tuple[float, float] = (0.0, 1.0)
    timeout_s: float = 10.0
    on_error: Literal["builtin", "handoff"] = "builtin"
    pii: PIIRedactor | None = None  # set for an external reader: placeholders first
    structured: bool = True  # turned off once the engine refuses response_format
    rest_s: float = REST_S  # 0: no rest (guard eval measures every reading)
    _rest_until: float = 0.0
    _logged_at: float = -LOG_EVERY_S
    _unlogged: int = 0
    _slots: asyncio.Semaphore | None = field(default=None, repr=False)

    @classmethod
    def from_settings(
        cls, settings: Settings, upstream: Upstream, pii: PIIRedactor | None, rest_s: float
    ) -> ClaimReader:
        """guard.claims.reader_*'s reader on ``upstream``; ``pii``: what hides PII from it
        (``reader_pii``)."""
        c = settings.guard.claims
        return cls(
            upstream, c.reader_model, c.reader_band, c.reader_timeout_s, c.reader_on_error, pii,
            rest_s=rest_s,
        )  # fmt: skip

    @property
    def reads_all(self) -> bool:
        """Every reply is read, whatever the judge says (the band covers 0 to 1)."""
        return self.band == (0.0, 1.0)

    def wanted(self, p: float | None) -> bool:
        """Whether a reply the judge gives probability ``p`` is read (no judge: always)."""
        return p is None or self.band[0] <= p <= self.band[1]

    def _render(self, messages: list[dict[str, Any]], reply: str) -> tuple[str, Placeholders]:
        placeholders = Placeholders()
        pii = self.pii
        if pii is None:
            return render_conversation(messages, reply), placeholders

        def hide(text: str) -> str:
            return pii.pseudonymize(text, placeholders)

        def cut(text: str) -> str:
            """At MAX_PART_CHARS, or before a personal value that crosses it: only a window
            past the cut is searched, and the cut text is what gets placeholders."""
            if len(text) <= MAX_PART_CHARS:
                return text
            at = MAX_PART_CHARS
            for span in pii.find(text[: MAX_PART_CHARS + CUT_WINDOW]):
                if span.start < at < span.end:
                    at = span.start
            return text[:at] + " […]"

        return render_conversation(messages, reply, hide, cut), placeholders

    async def read(self, messages: list[dict[str, Any]], reply: str) -> ReaderAnswer:
        """The reader's answer; a failure (transport, time-out, the engine's error, an answer
        off the protocol) is an answer without a verdict, logged, never raised."""
        started = time.perf_counter()
        if time.monotonic() < self._rest_until:
            return failed("resting after a failed reading", 0.0, "resting")
        if self._slots is None:
            self._slots = asyncio.Semaphore(reader_slots(self.upstream))
        size = len(reply) + sum(
            len(str(m.get("content") or "")) for m in messages if isinstance(m, dict)
        )
        slotted = False
        try:
            # the time-out covers rendering and the wait for a slot too: a reader that cannot
            # keep up sheds readings instead of holding replies back
            async with asyncio.timeout(self.timeout_s):
                if size <= INLINE_CHARS:
                    shown, placeholders = self._render(messages, reply)
                else:  # rendering and PII placeholders of a long conversation: off the loop
                    shown, placeholders = await asyncio.to_thread(self._render, messages, reply)
                async with self._slots:
                    slotted = True
                    model = self.model or await self.upstream.upstream_model()
                    answer = await read_reply(
                        _Translated(self.upstream),
                        model,
                        messages,
                        reply,
                        conversation=shown,
                        structured=self.structured,
                    )
        except TimeoutError:
            # a reading that never got a slot found the reader busy, not down: no rest
            kind: ErrorKind = "timeout" if slotted else "busy"
            return self._failed(f"no verdict within {self.timeout_s:g} s", kind, started)
        except EngineTimeoutError as exc:
            return self._failed(exc.message, "timeout", started)
        except EngineUnavailableError as exc:
            return self._failed(exc.message, "unreachable", started)
        except SupportLLMError as exc:
            return self._failed(exc.message, "upstream", started)
        except Exception as exc:  # noqa: BLE001 - an engine off the protocol must not fail the reply
            return self._failed(f"{type(exc).__name__}: {exc}", "protocol", started)
        self.structured = answer.structured
        if answer.claim and self.pii is not None:  # the sentence as the reply has it
            answer = replace(answer, claim=placeholders.restore(answer.claim))
        return answer

    def _failed(self, error: str, kind: ErrorKind, started: float) -> ReaderAnswer:
        now = time.monotonic()
        if kind in ("timeout", "unreachable"):
            self._rest_until = now + self.rest_s
        self._unlogged += 1
        if now - self._logged_at >= LOG_EVERY_S:
            _log.warning(
                "claims reader %s failed (%d since the last warning): %s",
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
    settings: Settings, name: str, external: bool, pii: PIIRedactor | None
) -> PIIRedactor | None:
    """What hides PII from the reader: guard.pii's redactor for an external one (None for a
    self-hosted one); ConfigError when an external reader would read unredacted text and
    resilience.allow_unredacted_external does not accept it."""
    if not external:
        return None
    if pii is not None:
        return pii
    if not settings.resilience.allow_unredacted_external:
        raise ConfigError(
            f"guard.claims.reader_upstream '{name}' is external: the conversations it reads "
            "would leave your boundary unredacted; turn guard.pii.enabled on, or accept it "
            "with resilience.allow_unredacted_external = true"
        )
    _log.warning("claims reader %s is external and reads conversations UNREDACTED", name)
    return None


def open_claims_reader(
    settings: Settings, upstream: Upstream, pii: PIIRedactor | None
) -> ClaimReader:
    """The reader guard.claims.reader_upstream names; an external one needs guard.pii (or
    resilience.allow_unredacted_external, said in the log)."""
    hide = reader_pii(settings, upstream.name, upstream.kind == "external", pii)
    return ClaimReader.from_settings(settings, upstream, hide, REST_S)


async def read_all(
    reader: ClaimReader,
    conversations: list[tuple[list[dict[str, Any]], str]],
    wanted: list[bool],
    *,
    advance: Callable[[], None] = lambda: None,
) -> list[ReaderAnswer | None]:
    """The reader's answer for each (messages, reply) that is ``wanted`` (else None), at most
    the upstream's ``max_in_flight`` at once; ``advance`` after each. The reader's client is
    closed at the end (``supportllm guard eval``, ``guard claims``)."""

    # queued here, outside the reading's time-out (which, in the gateway, covers the wait
    # for a slot): a measurement waits its turn instead of timing out in the queue
    turns = asyncio.Semaphore(reader_slots(reader.upstream))

    async def one(index: int) -> ReaderAnswer | None:
        if not wanted[index]:
            return None
        async with turns:
            answer = await reader.read(*conversations[index])
        advance()
        return answer

    try:
        return list(await asyncio.gather(*(one(i) for i in range(len(conversations)))))
    finally:
        await reader.aclose()
