"""The pairwise judge of a roll-out's quality gate: the canary's and the incumbent's replies to
the same ticket, shown in a random order (judges favour a position), compared on a short
rubric. The answer is read with the salvaging parser the replay judge uses."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Literal

from supportllm.engines.base import Engine
from supportllm.jsonsalvage import json_dicts
from supportllm.structured_ask import ask_structured, json_schema_format

Position = Literal["A", "B"]
PairChoice = Literal["canary", "incumbent", "tie"]

RUBRIC = """\
You are a senior customer-support agent. Two replies were drafted for the same customer ticket.
Decide which one is better, weighing:
- accuracy: correct and complete, nothing invented;
- grounding: consistent with the company's knowledge base and policies, no promise of an
  action nobody took;
- tone: friendly, calm, professional, in the customer's language;
- would you send it to the customer as it is?
The order of the replies means nothing. Say "tie" only when neither is better.
Answer with one JSON object and nothing else: {"better": "A", "B" or "tie", "reason": one short
sentence}."""

RETRY = (
    'Your answer could not be read. Answer again with only {"better": "A"|"B"|"tie", '
    '"reason": "..."}.'
)

PAIR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "better": {"type": "string", "enum": ["A", "B", "tie"]},
        "reason": {"type": "string"},
    },
    "required": ["better", "reason"],
    "additionalProperties": False,
}
RESPONSE_FORMAT = json_schema_format("pair_verdict", PAIR_SCHEMA)


@dataclass(frozen=True)
class PairVerdict:
    verdict: PairChoice | None  # None: no usable answer after every attempt
    reason: str | None
    judge_tokens: int  # prompt + completion tokens of every attempt (the engine's usage)
    canary_position: Position
    answers: tuple[str, ...]  # the judge's raw answers, one per attempt


def _quote(reply: str) -> str:
    """A reply cannot close its own section and open another."""
    return reply.replace("<reply_", "‹reply_").replace("</reply_", "‹/reply_")


def pair_prompt(ticket: str, reply_a: str, reply_b: str) -> str:
    return (
        f"{RUBRIC}\n\nTicket:\n{ticket}\n\n<reply_a>\n{_quote(reply_a)}\n</reply_a>\n\n"
        f"<reply_b>\n{_quote(reply_b)}\n</reply_b>"
    )


def parse_pair(text: str) -> tuple[Literal["A", "B", "tie"], str | None] | None:
    """The first JSON object in ``text`` whose ``better`` is A, B or tie (any case)."""
    for value in json_dicts(text):
        better = value.get("better")
        if not isinstance(better, str):
            continue
        choice = {"a": "A", "b": "B", "tie": "tie"}.get(better.strip().lower())
        if choice is not None:
            reason = value.get("reason")
            return choice, str(reason)[:500] if reason else None  # type: ignore[return-value]
    return None


async def judge_pair(
    engine: Engine,
    model: str,
    ticket: str,
    incumbent: str,
    canary: str,
    *,
    seed: int,
    attempts: int = 2,
    max_tokens: int = 200,
) -> PairVerdict:
    """Which reply to ``ticket`` is better. ``seed`` decides the order (the canary is reply A
    or B with equal chance). Structured output is asked for; an engine that refuses
    ``response_format`` is asked again without it. Transport errors propagate."""
    canary_position: Position = "A" if random.Random(seed).random() < 0.5 else "B"
    a, b = (canary, incumbent) if canary_position == "A" else (incumbent, canary)
    prompt = pair_prompt(ticket, a, b)
    asked = await ask_structured(
        engine,
        model,
        [{"role": "user", "content": prompt}],
        response_format=RESPONSE_FORMAT,
        parse=parse_pair,
        retry=RETRY,
        attempts=attempts,
        max_tokens=max_tokens,
    )
    if asked.parsed is None:
        return PairVerdict(None, None, asked.tokens, canary_position, asked.answers)
    better, reason = asked.parsed
    verdict: PairChoice = (
        "tie" if better == "tie" else ("canary" if better == canary_position else "incumbent")
    )
    return PairVerdict(verdict, reason, asked.tokens, canary_position, asked.answers)
