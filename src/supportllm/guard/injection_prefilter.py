"""Literal prefilter for the injection patterns: skip a pattern that cannot match.

``required_literals(pattern)`` reads a regular expression's parse tree and returns literal sets
such that *every* match holds a member of each: ``{"ignore", "disregard"}`` and ``{"rules"}`` for
``\\b(?:ignore|disregard)\\s+(?:all\\s+)?rules``. A text that lacks every member of one set cannot
match, so a few ``str.__contains__`` scans (fast, in C) decide for most patterns of an ordinary
ticket, and the regular expression runs only where its literals occur. The verdicts are the same
as without the prefilter: a pattern is skipped only when no match is possible (tested on every
labelled text against the unfiltered scan).

The analysis is conservative: zero-width items (``\\b``, ``^``, look-arounds) keep a literal run
going (they consume nothing), anything else ends it; an alternation needs literals in every
branch; a repeat counts only when it must occur at least once; literals of one character are
ignored (they filter nothing).
"""

from __future__ import annotations

import importlib
from typing import Any

# The regular-expression parser CPython's ``re`` itself uses (Python 3.11+; not in typeshed).
_c: Any = importlib.import_module("re._constants")
_p: Any = importlib.import_module("re._parser")

MAX_SETS = 4  # checks beyond the few most selective sets cost more than they save
MIN_LITERAL = 2  # single characters occur in nearly every text: no use as a filter
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_Factors = frozenset[str] | None


def _best(candidates: list[frozenset[str]]) -> _Factors:
    """The candidate whose shortest literal is longest (then the one with fewest literals)."""
    good = [c for c in candidates if c and min(map(len, c)) >= MIN_LITERAL]
    if not good:
        return None
    return max(good, key=lambda c: (min(map(len, c)), -len(c)))


def _factors(items: Any) -> _Factors:
    return _best(_candidates(items))


def _candidates(items: Any) -> list[frozenset[str]]:
    """Literal sets of a sequence, each of which every match contains one member of."""
    candidates: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if op in _ZERO_WIDTH:
            continue
        if op in _REPEATS and av[0] >= 1 and _is_literal(av[2]):
            # "={3,}": its first copies are a literal run of their own ("===").
            if run:
                candidates.append(frozenset([run]))
            run = ""
            candidates.append(frozenset([chr(av[2][0][1]) * min(av[0], MIN_LITERAL)]))
            continue
        if run:
            candidates.append(frozenset([run]))
        run = ""
        sub = _item_factors(op, av)
        if sub is not None:
            candidates.append(sub)
    if run:
        candidates.append(frozenset([run]))
    return candidates


def _is_literal(items: Any) -> bool:
    return len(items) == 1 and items[0][0] is _c.LITERAL


def _item_factors(op: Any, av: Any) -> _Factors:
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags else _factors(sub)
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _factors(branch)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in _REPEATS:
        low, _high, sub = av
        return _factors(sub) if low >= 1 else None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _factors(av)
    return None


def required_literals(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Literal sets that every match of ``pattern`` holds a member of (empty: the pattern cannot
    be filtered, always try it): the MAX_SETS with the longest literals, the smallest set first
    (cheapest to rule a text out).

    Patterns compiled with IGNORECASE (or inline case flags) get none: their literals are not
    exact."""
    parsed = _p.parse(pattern, flags)
    if parsed.state.flags & _c.SRE_FLAG_IGNORECASE:
        return ()
    found = {_minimal(c) for c in _candidates(parsed.data) if c and min(map(len, c)) >= MIN_LITERAL}
    kept = sorted(found, key=lambda c: (-min(map(len, c)), len(c), sorted(c)))[:MAX_SETS]
    return tuple(sorted(kept, key=lambda c: (len(c), -min(map(len, c)), sorted(c))))


def _minimal(literals: frozenset[str]) -> frozenset[str]:
    """A literal that contains another of the set adds nothing ("systemprompt" holds "prompt")."""
    return frozenset(x for x in literals if not any(o != x and o in x for o in literals))


def may_match(required: tuple[frozenset[str], ...], text: str, seen: dict[str, bool]) -> bool:
    """False only when the text lacks every literal of one required set (no match possible).
    ``seen`` remembers which literals the text holds, for the other patterns on the same text."""
    for literals in required:
        for literal in literals:
            found = seen.get(literal)
            if found is None:
                found = seen[literal] = literal in text
            if found:
                break
        else:
            return False
    return True
