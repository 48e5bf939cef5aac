"""The claims reader as the gateway runs it (guard.claims.reader_*): the upstream whose model
reads a reply, the band of judge probabilities in which it is asked, its time-out, and what a
failure means. The prompt and the reading are guard/claims_reader.py's.

An external reader (an upstream of kind ``external``) never sees PII: the conversation is sent
with guard.pii's placeholders (one mapping per reply, so the same value reads the same in the
call and in the reply), or refused at start-up when guard.pii is off, as the pools refuse it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from supportllm.config import Settings
from supportllm.engines.base import EngineResponse
from supportllm.errors import ConfigError, SupportLLMError
from supportllm.gateway.pool import Upstream
from supportllm.gateway.structured import translate
from supportllm.guard.claims_reader import ReaderAnswer, failed, read_reply, render_conversation
from supportllm.guard.pii import PIIRedactor, Placeholders

_log = logging.getLogger("supportllm.gateway.claims_read")


@dataclass
class ClaimReader:
    upstream: Upstream
    model: str | None = None
    band: tuple[float, float] = (0.0, 1.0)
    timeout_s: float = 10.0
    on_error: Literal["builtin", "handoff"] = "builtin"
    pii: PIIRedactor | None = None  # set for an external reader: placeholders first

    def wanted(self, p: float | None) -> bool:
        """Whether a reply the judge gives probability ``p`` is read (no judge: always)."""
        return p is None or self.band[0] <= p <= self.band[1]

    async def read(self, messages: list[dict[str, Any]], reply: str) -> ReaderAnswer:
        """The reader's answer; a failure (transport, time-out, the engine's error) is an
        answer without a verdict, logged, never raised."""
        started = time.perf_counter()
        shown = render_conversation(messages, reply)
        if self.pii is not None:
            shown = self.pii.pseudonymize(shown, Placeholders())
        try:
            async with asyncio.timeout(self.timeout_s):
                model = self.model or await self.upstream.upstream_model()
                return await read_reply(
                    _Translated(self.upstream), model, messages, reply, conversation=shown
                )
        except TimeoutError:
            error = f"no verdict within {self.timeout_s:g} s"
        except SupportLLMError as exc:
            error = exc.message
        _log.warning("claims reader %s failed: %s", self.upstream.name, error)
        return failed(error, time.perf_counter() - started)


class _Translated:
    """The upstream's engine, with ``response_format`` put in the server's dialect
    (gateway/structured.py: a grammar for llama.cpp)."""

    def __init__(self, upstream: Upstream) -> None:
        self._upstream = upstream

    async def chat(self, body: dict[str, Any]) -> EngineResponse:
        if "response_format" in body:
            translate(body, await self._upstream.dialect(), completion_style=False)
        return await self._upstream.engine.chat(body)


def open_claims_reader(
    settings: Settings, upstream: Upstream, pii: PIIRedactor | None
) -> ClaimReader:
    """The reader guard.claims.reader_upstream names; an external one needs guard.pii (or
    resilience.allow_unredacted_external, said in the log)."""
    c = settings.guard.claims
    hide = None
    if upstream.kind == "external":
        if pii is not None:
            hide = pii
        elif not settings.resilience.allow_unredacted_external:
            raise ConfigError(
                f"guard.claims.reader_upstream '{upstream.name}' is external: the conversations "
                "it reads would leave your boundary unredacted; turn guard.pii.enabled on, or "
                "accept it with resilience.allow_unredacted_external = true"
            )
        else:
            _log.warning(
                "claims reader %s is external and reads conversations UNREDACTED", upstream.name
            )
    return ClaimReader(
        upstream,
        c.reader_model,
        c.reader_band,
        c.reader_timeout_s,
        c.reader_on_error,
        hide,
    )


async def read_all(
    reader: ClaimReader,
    conversations: list[tuple[list[dict[str, Any]], str]],
    wanted: list[bool],
    *,
    advance: Callable[[], None] = lambda: None,
) -> list[ReaderAnswer | None]:
    """The reader's answer for each (messages, reply) that is ``wanted`` (else None), at most
    the upstream's ``max_in_flight`` (16 at most) at once; ``advance`` after each. The
    upstream's client is closed at the end (``supportllm guard eval``)."""
    limit = asyncio.Semaphore(min(16, reader.upstream.max_in_flight))

    async def one(index: int) -> ReaderAnswer | None:
        if not wanted[index]:
            return None
        async with limit:
            answer = await reader.read(*conversations[index])
        advance()
        return answer

    try:
        return list(await asyncio.gather(*(one(i) for i in range(len(conversations)))))
    finally:
        await reader.upstream.engine.aclose()
