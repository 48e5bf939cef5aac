"""Look-up rows joined to the calls that name them (issue 16, item 4, round 11): after
``list_bookings`` returned {"id": "BK-7712", "day": "Thursday"} and ``cancel_class_booking`` was
called for BK-7712, "your Tuesday class is cancelled" names another day than the call's. The
row's values join the call's (claims_values.py compares them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from supportllm.guard.claims_values import call_values
from supportllm.guard.ledger import ToolCall

__all__ = ["join_rows", "lookup_facts", "sibling_conflict"]


def _rows(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    """The objects of a look-up result: the result itself and the objects of its lists."""
    if depth > 3:
        return []
    if isinstance(data, list):
        return [r for item in data[:64] for r in _rows(item, depth + 1)]
    if isinstance(data, dict):
        out = [data]
        for value in data.values():
            if isinstance(value, list | dict):
                out += _rows(value, depth + 1)
        return out
    return []


def _ids(values: Iterable[tuple[str, str]]) -> set[str]:
    """The values that name one thing: four or more characters with a digit ("BK-7712")."""
    return {v for _, v in values if len(v) >= 4 and any(ch.isdigit() for ch in v)}


def join_rows(calls: list[ToolCall], results: Iterable[str]) -> list[ToolCall]:
    """The calls, each with the values of the look-up rows (from the results' texts) that name
    one of its ids."""
    rows: list[tuple[tuple[str, str], ...]] = []
    for text in results:
        try:
            data = json.loads(text)
        except ValueError:
            continue
        rows += [call_values({k: v for k, v in r.items() if not isinstance(v, list | dict)})
                 for r in _rows(data)]  # fmt: skip
    if not rows:
        return calls
    out: list[ToolCall] = []
    for call in calls:
        ids = _ids(call.values)
        joined = [row for row in rows if ids & _ids(row)]
        extra = [kv for row in joined for kv in row if kv not in call.values]
        # round 12: the same keys' values of the rows the call did not name ("Fluvia Energie"
        # beside the joined row's "Proxitel"), for telling a claim about another row
        keys = {k for row in joined for k, _ in row}
        siblings = [
            kv
            for row in rows
            if row not in joined and ids and joined
            for kv in row
            if kv[0] in keys
        ]
        if extra or siblings:
            call = replace(
                call,
                values=call.values + tuple(dict.fromkeys(extra)),
                siblings=tuple(dict.fromkeys(siblings)),
            )
        out.append(call)
    return out


_WORD = re.compile(r"[^\W_]{4,}")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def sibling_conflict(text: str, done: Iterable[ToolCall]) -> str | None:
    """A claim that names another row of a look-up than the one the call acted on ("the direct
    debit to Fluvia Energie is stopped" after a stop of DOM-415, the Proxitel row): a word of a
    sibling row's value that the joined row's values do not have, while the claim names none
    of the joined row's own words for that key."""
    said = _words(text)
    for call in done:
        if not call.siblings:
            continue
        mine = {k: _words(v) for k, v in call.values}
        own = set().union(*mine.values()) if mine else set()
        for key, value in call.siblings:
            other = _words(value) - own
            if other & said and not (mine.get(key, set()) & said):
                return f"names {value!r}, another row than the {call.tool} call acted on"
    return None


def _leaves(data: Any, out: list[Any], depth: int = 0) -> None:
    if depth > 4:
        return
    if isinstance(data, dict):
        for value in data.values():
            _leaves(value, out, depth + 1)
    elif isinstance(data, list):
        for value in data[:64]:
            _leaves(value, out, depth + 1)
    elif not isinstance(data, bool):
        out.append(data)


def lookup_facts(
    looked: Iterable[tuple[str, str, str]],
) -> tuple[frozenset[str], frozenset[float]]:
    """What the look-ups' results say that their arguments did not ask: text values of two words
    or more with a number ("14 Elm Road, Leeds LS6 2AB") and amounts (2.5 of a
    ``-2.5`` toll), for telling a report of the record from a claim (claims_clauses.py)."""
    texts: set[str] = set()
    amounts: set[float] = set()
    for _, result, args in looked:
        try:
            data = json.loads(result)
        except ValueError:
            continue
        asked = {d for d in re.findall(r"\d{3,}", args)}
        leaves: list[Any] = []
        _leaves(data, leaves)
        for leaf in leaves:
            if isinstance(leaf, int | float):
                amounts.add(round(abs(float(leaf)), 2))
            elif isinstance(leaf, str) and 6 <= len(leaf) <= 80:
                digits = set(re.findall(r"\d{3,}", leaf))
                if digits & asked or not (re.search(r"\d", leaf) and " " in leaf.strip()):
                    continue  # an address or a slot with its number, not a name or an id
                if re.fullmatch(r"[\d\-:T .Z+]+", leaf):
                    continue  # a bare date or time: claims_dates.py reads those
                for part in re.split(r",\s*", leaf):  # "5 Millbrook Close, Exeter EX2 4PL"
                    if re.search(r"\d", part) and " " in part.strip() and len(part) >= 6:
                        texts.add(" ".join(part.lower().split()))
    return frozenset(texts), frozenset(amounts)
