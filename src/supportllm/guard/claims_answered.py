"""A call whose result names another object than its arguments did (round 16).

``ticket_transfer {"ticket": "MF-55893"}`` answered ``{"ticket": "MF-55839", …}``; ``refund
{"amount": 54}`` answered ``{"amount": 40}``: the same key with another value in the result
says what the system actually acted on. A claim that names the argument's value and not the
result's repeats the request, not what was done. A prefix on one side only ("30417" and
"ORD-30417") and formatting are no difference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

from supportllm.guard.claims_ids import among
from supportllm.guard.ledger import extract_objects
from supportllm.guard.tool_results import successful_calls

__all__ = ["answered_otherwise"]

_AMOUNT_KEY: Final = re.compile(r"amount|betrag|bedrag|total", re.IGNORECASE)

_DIGIT: Final = re.compile(r"\d")
# Keys whose values are no object of the deed (times, counts of things left, versions).
_SKIP_KEY: Final = re.compile(r"date|datum|time|zeit|tijd|at$|_on$|count|version|remaining", re.I)


def _flat(data: Any, key: str = "", depth: int = 0) -> Iterator[tuple[str, Any]]:
    if depth > 3:
        return
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _flat(v, str(k).lower(), depth + 1)
    elif isinstance(data, list):
        for v in data:
            yield from _flat(v, key, depth + 1)
    elif not isinstance(data, bool) and data is not None:
        yield key, data


def _object(key: str, value: Any) -> str | None:
    """The normalised object a (key, value) names: "id:MF55893", "amount:54.00", or None."""
    if _SKIP_KEY.search(key):
        return None
    if isinstance(value, int | float):
        return f"amount:{float(value):.2f}" if _AMOUNT_KEY.search(key) else None
    text = str(value)
    if not _DIGIT.search(text) or len(text) > 40:
        return None
    found = [o for o in extract_objects(text) if o.startswith("id:")]
    return found[0] if len(found) == 1 else None


def _same(a: str, b: str) -> bool:
    """One object written two ways: a prefix on one side ("30417", "ORD-30417"), or an amount
    in cents (Stripe's ``"amount": 2140`` for 21.40)."""
    if a == b or among(a, {b}) or among(b, {a}):
        return True
    if a.startswith("amount:") and b.startswith("amount:"):
        x, y = float(a[7:]), float(b[7:])
        return abs(x * 100 - y) < 0.5 or abs(y * 100 - x) < 0.5
    return False


def _pairs(messages: list[dict[str, Any]]) -> Iterator[tuple[str, str]]:
    """(argument's object, result's object) for each key a successful call's arguments and
    result both name, with different objects."""
    for written, content in successful_calls(messages):
        try:
            args = json.loads(written)
            result = json.loads(str(content or ""))
        except (ValueError, TypeError):
            continue
        if not isinstance(args, dict) or not isinstance(result, dict):
            continue
        given = {k: _object(k, v) for k, v in _flat(args)}
        for key, value in _flat(result):
            old, new = given.get(key), _object(key, value)
            if old and new and not _same(old, new):
                yield old, new


def answered_otherwise(text: str, messages: list[dict[str, Any]]) -> str | None:
    """Why a claim's text names what a call was asked for while its result names another
    object, or None."""
    named = set(extract_objects(text))
    if not named:
        return None  # most claims name no id or amount: the calls are not read
    for old, new in _pairs(messages):
        if old in named and new not in named:
            what, was = old.split(":", 1)[1], new.split(":", 1)[1]
            return f"names {what}, but the call's result is for {was}"
    return None
