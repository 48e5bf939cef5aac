"""Round 16's value comparisons, behind one entry point for the checker: a call whose result
names another object than its arguments (claims_answered.py), spans of time — billing period,
duration, months, clock and day ranges, weekdays (claims_periods.py) — and a thing coordinated
beside a listed one that the call's list lacks (claims_listed.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from supportllm.guard.claims_answered import answered_otherwise
from supportllm.guard.claims_listed import unlisted_thing
from supportllm.guard.claims_periods import period_conflict, with_coordinated_months

__all__ = ["value_conflict"]


def value_conflict(
    text: str,
    messages: list[dict[str, Any]],
    done: Sequence[tuple[str, Sequence[tuple[str, str]]]],
    sentence: str = "",
) -> str | None:
    """Why a claim's own text names other values than the successful calls did, or None
    (``sentence``: the claim's whole sentence, for months coordinated after its clause)."""
    spans = with_coordinated_months(text, sentence) if sentence else text
    return (
        answered_otherwise(text, messages)
        or period_conflict(spans, done)
        or unlisted_thing(sentence or text, messages)
    )
