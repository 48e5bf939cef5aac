"""The claims reader as the gateway runs it (guard.claims.reader_*): the upstream whose model
reads a reply, the band of judge probabilities in which it is asked, its time-out, and what a
failure means. The prompt and the reading are guard/claims_reader.py's; the asking in bounds
(slots, rest, log, PII for an external reader) is gateway/reader.py's.

For an external reader the conversation is sent with guard.pii's placeholders: one mapping per
reply, applied to each text whole before any cut, so the same value reads the same in the call
and in the reply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Literal

from supportllm.config import Settings
from supportllm.gateway.pool import Upstream
from supportllm.gateway.reader import REST_S, UpstreamReader, read_many, reader_pii
from supportllm.guard.claims_reader import MAX_PART_CHARS, read_reply, render_conversation
from supportllm.guard.pii import PIIRedactor, Placeholders
from supportllm.guard.reading import ReaderAnswer
from supportllm.structured_ask import ChatEngine

SETTING = "guard.claims.reader_upstream"
CUT_WINDOW = 256  # characters past a cut searched for a personal value crossing it


@dataclass
class ClaimReader(UpstreamReader):
    band: tuple[float, float] = (0.0, 1.0)
    on_error: Literal["builtin", "handoff"] = "builtin"

    what: ClassVar[str] = "claims reader"
    logger: ClassVar[str] = "supportllm.gateway.claims_read"

    @classmethod
    def from_settings(
        cls, settings: Settings, upstream: Upstream, pii: PIIRedactor | None, rest_s: float
    ) -> ClaimReader:
        """guard.claims.reader_*'s reader on ``upstream``; ``pii``: what hides PII from it
        (``reader_pii``)."""
        c = settings.guard.claims
        return cls(
            upstream, model=c.reader_model, timeout_s=c.reader_timeout_s, pii=pii,
            rest_s=rest_s, band=c.reader_band, on_error=c.reader_on_error,
        )  # fmt: skip

    @property
    def reads_all(self) -> bool:
        """Every reply is read, whatever the judge says (the band covers 0 to 1)."""
        return self.band == (0.0, 1.0)

    def wanted(self, p: float | None) -> bool:
        """Whether a reply the judge gives probability ``p`` is read (no judge: always)."""
        return p is None or self.band[0] <= p <= self.band[1]

    async def read(
        self, messages: list[dict[str, Any]], reply: str, key: str | None = None
    ) -> ReaderAnswer:
        """The reader's answer on ``reply`` to the API key ``key``'s request; a failure is an
        answer without a verdict, logged, never raised (UpstreamReader.ask)."""
        size = len(reply) + sum(
            len(str(m.get("content") or "")) for m in messages if isinstance(m, dict)
        )

        def render(pii: PIIRedactor | None) -> tuple[str, Placeholders]:
            return _render(pii, messages, reply)

        async def ask(engine: ChatEngine, model: str, shown: str, structured: bool) -> ReaderAnswer:
            return await read_reply(
                engine, model, messages, reply, conversation=shown, structured=structured
            )

        answer, placeholders = await self.ask(size, render, ask, key)
        if answer.claim and self.pii is not None:  # the sentence as the reply has it
            answer = replace(answer, claim=placeholders.restore(answer.claim))
        return answer


def _render(
    pii: PIIRedactor | None, messages: list[dict[str, Any]], reply: str
) -> tuple[str, Placeholders]:
    placeholders = Placeholders()
    if pii is None:
        return render_conversation(messages, reply), placeholders

    def hide(text: str) -> str:
        return pii.pseudonymize(text, placeholders)

    def cut(text: str) -> str:
        """At MAX_PART_CHARS, or before a personal value that crosses it: only a window past
        the cut is searched, and the cut text is what gets placeholders."""
        if len(text) <= MAX_PART_CHARS:
            return text
        at = MAX_PART_CHARS
        for span in pii.find(text[: MAX_PART_CHARS + CUT_WINDOW]):
            if span.start < at < span.end:
                at = span.start
        return text[:at] + " […]"

    return render_conversation(messages, reply, hide, cut), placeholders


def open_claims_reader(
    settings: Settings, upstream: Upstream, pii: PIIRedactor | None
) -> ClaimReader:
    """The reader guard.claims.reader_upstream names; an external one needs guard.pii (or
    resilience.allow_unredacted_external, said in the log)."""
    hide = reader_pii(settings, upstream.name, upstream.kind == "external", pii, SETTING)
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

    async def one(index: int) -> ReaderAnswer:
        return await reader.read(*conversations[index])

    return await read_many(reader, len(conversations), wanted, one, advance=advance)
