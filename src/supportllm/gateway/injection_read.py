"""The injection reader as the gateway runs it (guard.injection.reader_*): the upstream whose
model reads a customer's message, the band of screen scores in which it is asked, its
time-out, and what a failure means. The prompt and the reading are
guard/injection_reader.py's; the asking in bounds (slots, rest, log, PII for an external
reader) is gateway/reader.py's.

The reader is asked only where the screen is unsure: a customer's message (not a tool result,
not an article at ingest) that no pattern matched, whose classifier score lies in the band and
that is short enough to be shown whole. Its verdict then decides, either way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from supportllm.config import Settings
from supportllm.gateway.pool import Upstream
from supportllm.gateway.reader import REST_S, UpstreamReader, read_many, reader_pii
from supportllm.guard.injection import InjectionVerdict
from supportllm.guard.injection_reader import (
    MAX_MESSAGE_CHARS,
    OnError,
    read_message,
    render_message,
)
from supportllm.guard.pii import PIIRedactor, Placeholders
from supportllm.guard.reading import ReaderAnswer
from supportllm.structured_ask import ChatEngine

SETTING = "guard.injection.reader_upstream"


@dataclass
class InjectionReader(UpstreamReader):
    band: tuple[float, float] = (0.2, 0.95)
    on_error: OnError = "builtin"

    what: ClassVar[str] = "injection reader"
    logger: ClassVar[str] = "supportllm.gateway.injection_read"

    @classmethod
    def from_settings(
        cls, settings: Settings, upstream: Upstream, pii: PIIRedactor | None, rest_s: float
    ) -> InjectionReader:
        """guard.injection.reader_*'s reader on ``upstream``; ``pii``: what hides PII from it
        (``reader_pii``)."""
        c = settings.guard.injection
        return cls(
            upstream, model=c.reader_model, timeout_s=c.reader_timeout_s, pii=pii,
            rest_s=rest_s, band=c.reader_band, on_error=c.reader_on_error,
        )  # fmt: skip

    def wanted(self, verdict: InjectionVerdict, text: str) -> bool:
        """Whether the reader is asked about a customer's message the screen gave ``verdict``:
        no pattern matched, the classifier did not fail, the score lies in [low, high) and the
        message can be shown whole."""
        low, high = self.band
        return (
            verdict.rule is None
            and verdict.error is None
            and low <= verdict.score < high
            and len(text) <= MAX_MESSAGE_CHARS
        )

    async def read(self, text: str, key: str | None = None) -> ReaderAnswer:
        """The reader's answer on one message of the API key ``key``'s request; a failure is
        an answer without a verdict, logged, never raised (UpstreamReader.ask)."""

        def render(pii: PIIRedactor | None) -> tuple[str, Placeholders]:
            placeholders = Placeholders()
            if pii is None:
                return render_message(text), placeholders

            def hide(shown: str) -> str:  # after as_data: no value hides behind a joiner
                return pii.pseudonymize(shown, placeholders)

            return render_message(text, hide), placeholders

        async def ask(engine: ChatEngine, model: str, shown: str, structured: bool) -> ReaderAnswer:
            return await read_message(engine, model, shown, structured=structured)

        answer, _ = await self.ask(len(text), render, ask, key)
        return answer


def open_injection_reader(
    settings: Settings, upstream: Upstream, pii: PIIRedactor | None
) -> InjectionReader:
    """The reader guard.injection.reader_upstream names; an external one needs guard.pii (or
    resilience.allow_unredacted_external, said in the log)."""
    hide = reader_pii(settings, upstream.name, upstream.kind == "external", pii, SETTING)
    return InjectionReader.from_settings(settings, upstream, hide, REST_S)


async def read_texts(
    reader: InjectionReader,
    texts: list[str],
    wanted: list[bool],
    *,
    advance: Callable[[], None] = lambda: None,
) -> list[ReaderAnswer | None]:
    """The reader's answer for each text that is ``wanted`` (else None), at most the
    upstream's ``max_in_flight`` at once; ``advance`` after each. The reader's client is closed
    at the end (``supportllm guard eval``, ``guard injection``)."""

    async def one(index: int) -> ReaderAnswer:
        return await reader.read(texts[index])

    return await read_many(reader, len(texts), wanted, one, advance=advance)
