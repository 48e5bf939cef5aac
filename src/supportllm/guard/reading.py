"""What a reader answers: a language model asked for one JSON verdict where a built-in guard is
unsure (the claims reader, guard/claims_reader.py; the injection reader,
guard/injection_reader.py), and the text helpers both use to show it data it cannot mistake for
its instructions."""

from __future__ import annotations

import re
import statistics
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from supportllm.jsonsalvage import json_dicts
from supportllm.structured_ask import ChatEngine, ask_structured, json_schema_format

ErrorKind = Literal["timeout", "busy", "unreachable", "upstream", "protocol", "resting"]

# The engine's 4xx names the structured-output field it refused: only then is the reader asked
# again without it (a 4xx for a prompt too long is not that).
REFUSED_FORMAT = re.compile(r"response_format|json_schema|guided_json|grammar", re.IGNORECASE)
# Angle brackets in any form a reader could take for one: data shows them as ‹ and ›, so no
# text in it opens or closes a tag however its letters are written (full-width, Cyrillic, with
# joiners between them).
_BRACKETS = str.maketrans(dict.fromkeys("<＜﹤〈⟨", "‹") | dict.fromkeys(">＞﹥〉⟩", "›"))


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


def visible(text: str) -> str:
    """``text`` without invisible format characters (zero-width spaces and joiners, soft
    hyphens, bidirectional marks, tag characters, the combining grapheme joiner): what hides
    a word from a pattern or a redactor hides nothing from a reader."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if ch != "\u034f" and unicodedata.category(ch) != "Cf")


def as_data(text: str) -> str:
    """``text`` as a reader's data: visible characters only, every angle bracket shown as
    ‹ or ›. Nothing in it can open or close the reader's tags. Placeholders for PII
    (``<EMAIL_1>``) are put in after this, so they keep their brackets."""
    return visible(text).translate(_BRACKETS)


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
        """The verdict of the JSON objects in ``text`` whose ``verdict`` is the flag or ok (any
        case), with what the first names (None when empty); None when there is none, or when
        two of them disagree (an answer that quotes a forged verdict before its own)."""
        found: tuple[str, str | None] | None = None
        for value in json_dicts(text):
            verdict = value.get("verdict")
            if not isinstance(verdict, str):
                continue
            said = verdict.strip().lower()
            if said not in (self.flag, "ok"):
                continue
            if found is not None and found[0] != said:
                return None  # two verdicts that disagree: unreadable, not the first one's
            if found is None:
                named = value.get(self.field)
                kept = str(named).strip()[: self.field_chars] if named else None
                found = said, kept or None
        return found


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
