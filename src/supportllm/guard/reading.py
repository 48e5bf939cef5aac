"""What a reader answers: a language model asked for one JSON verdict where a built-in guard is
unsure (the claims reader, guard/claims_reader.py; the injection reader,
guard/injection_reader.py), and the text helpers both use to show it data it cannot mistake for
its instructions."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from supportllm.jsonsalvage import json_dicts
from supportllm.structured_ask import ChatEngine, ask_structured, json_schema_format

ErrorKind = Literal["timeout", "busy", "unreachable", "upstream", "protocol", "resting"]

# The engine's 4xx names the structured-output field it refused: only then is the reader asked
# again without it (a 4xx for a prompt too long is not that).
REFUSED_FORMAT = re.compile(r"response_format|json_schema|guided_json|grammar", re.IGNORECASE)
INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")


@dataclass(frozen=True)
class ReaderAnswer:
    verdict: str | None  # the reader's verdict; None: no usable answer after every attempt
    claim: str | None  # what the reader names (the claims reader: the unbacked sentence)
    tokens: int  # prompt + completion tokens of every attempt (the engine's usage)
    answers: tuple[str, ...]  # the raw answers, one per attempt
    seconds: float
    error: str | None = None  # why the reader could not be asked (for the process log)
    error_kind: ErrorKind | None = None  # what the audit record says (never the message)
    structured: bool = True  # the last attempt carried response_format


def failed(error: str, seconds: float, kind: ErrorKind) -> ReaderAnswer:
    """The answer of a reader that could not be asked."""
    return ReaderAnswer(None, None, 0, (), seconds, error, kind)


def tag_guard(*names: str) -> re.Pattern[str]:
    """A pattern for anything that would open or close one of the reader's tags ``names`` (any
    case, with blanks, a full-width bracket or slash); see ``unclosable``."""
    return re.compile(
        r"[<＜﹤]\s*([/／]?)\s*(" + "|".join(map(re.escape, names)) + ")", re.IGNORECASE
    )


def unclosable(text: str, tags: re.Pattern[str]) -> str:
    """``text`` as data inside the reader's tags: it cannot close or open one of them (zero-width
    characters between the letters are dropped first)."""
    return tags.sub(lambda m: f"‹{m.group(1)}{m.group(2)}", INVISIBLE.sub("", text))


def reader_summary(readings: Sequence[ReaderAnswer | None], positive: str) -> dict[str, Any]:
    """How often a reader was asked, what it said (``positive``: its verdict that flags),
    how often it failed, and what it cost."""
    asked = [r for r in readings if r is not None]
    seconds = sorted(r.seconds for r in asked)
    return {
        "asked": len(asked),
        "not_asked": len(readings) - len(asked),
        positive: sum(r.verdict == positive for r in asked),
        "ok": sum(r.verdict == "ok" for r in asked),
        "failed": sum(r.verdict is None and r.error_kind is not None for r in asked),
        "unreadable": sum(r.verdict is None and r.error_kind is None for r in asked),
        "tokens": sum(r.tokens for r in asked),
        "seconds_p50": round(statistics.median(seconds), 3) if seconds else None,
        "seconds_max": round(seconds[-1], 3) if seconds else None,
    }


@dataclass(frozen=True)
class VerdictForm:
    """The one JSON object a reader answers: ``{"verdict": <flag>|"ok", <field>: "…"}``."""

    name: str  # the response_format's name
    flag: str  # the verdict that flags (violation, injection)
    field: str  # what the reader names with it (claim, reason)
    field_chars: int  # kept of it, at most

    @property
    def response_format(self) -> dict[str, Any]:
        schema = {
            "type": "object",
            "properties": {
                "verdict": {"type": "string", "enum": [self.flag, "ok"]},
                self.field: {"type": "string"},
            },
            "required": ["verdict", self.field],
            "additionalProperties": False,
        }
        return json_schema_format(self.name, schema)

    @property
    def retry(self) -> str:
        return (
            f'Your answer could not be read. Answer again with only {{"verdict": '
            f'"{self.flag}"|"ok", "{self.field}": "..."}}.'
        )

    def parse(self, text: str) -> tuple[str, str | None] | None:
        """The first JSON object in ``text`` whose ``verdict`` is the flag or ok (any case),
        with what it names (None when empty)."""
        for value in json_dicts(text):
            verdict = value.get("verdict")
            if not isinstance(verdict, str):
                continue
            said = verdict.strip().lower()
            if said in (self.flag, "ok"):
                named = value.get(self.field)
                kept = str(named).strip()[: self.field_chars] if named else None
                return said, kept or None
        return None


async def ask_reader(
    engine: ChatEngine,
    model: str,
    instructions: str,
    shown: str,
    form: VerdictForm,
    *,
    attempts: int = 2,
    max_tokens: int = 160,
    structured: bool = True,
) -> ReaderAnswer:
    """Ask ``model`` on ``engine`` for ``form``'s verdict on the rendered text ``shown`` under
    ``instructions`` (the system message, first and unchanged, so a prefix cache keeps it).
    ``structured``: send ``response_format`` (an engine whose 4xx names it is asked again
    without it, and the answer says so). An answer of the wrong shape counts as unreadable and
    is asked once more. Transport errors propagate."""
    started = time.perf_counter()
    asked = await ask_structured(
        engine,
        model,
        [{"role": "system", "content": instructions}, {"role": "user", "content": shown}],
        response_format=form.response_format,
        parse=form.parse,
        retry=form.retry,
        attempts=attempts,
        max_tokens=max_tokens,
        structured=structured,
        refuses_format=lambda exc: bool(REFUSED_FORMAT.search(exc.message)),
    )
    verdict, named = asked.parsed or (None, None)
    elapsed = time.perf_counter() - started
    return ReaderAnswer(
        verdict, named, asked.tokens, asked.answers, elapsed, structured=asked.structured
    )
