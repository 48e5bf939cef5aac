"""Literal prefilter for the injection patterns: skip a pattern that cannot match.

``required_literals(pattern)`` reads a regular expression's parse tree and returns literal sets
such that *every* match holds a member of each: ``{"ignore", "disregard"}`` and ``{"rules"}`` for
``\\b(?:ignore|disregard)\\s+(?:all\\s+)?rules``. A text that lacks every member of one set cannot
match, so a few ``str.__contains__`` scans (fast, in C) decide for most patterns of an ordinary
ticket, and the regular expression runs only where its literals occur. The verdicts are the same
as without the prefilter: a pattern is skipped only when no match is possible (tested on every
labelled text against the unfiltered scan).

``LiteralIndex`` answers "which of these literals does the text hold?" for all of a rule set's
literals (about 1,300) in one regular-expression scan: the literals are compiled into one trie-
shaped alternation inside a look-ahead, so ``findall`` reports the longest literal that starts at
each position, and every literal that is a prefix of it is present too. ``PatternGroup`` keeps
a kind's patterns with their literal sets and a gate (the union of each pattern's first set):
one ``isdisjoint`` skips a kind whose patterns all lack a literal, instead of one check per
pattern (round 12: about 280 ``may_match`` calls per message before).

The analysis is conservative: zero-width items (``\\b``, ``^``, look-arounds) keep a literal run
going (they consume nothing), anything else ends it; an alternation needs literals in every
branch; a repeat counts only when it must occur at least once; literals of one character are
ignored (they filter nothing).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from typing import Any

from supportllm.guard.alternation import top_level_alternatives

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


def required_literals(
    pattern: str, flags: int = 0, folded: bool = False
) -> tuple[frozenset[str], ...]:
    """Literal sets that every match of ``pattern`` holds a member of (empty: the pattern cannot
    be filtered, always try it): the MAX_SETS with the longest literals, the smallest set first
    (cheapest to rule a text out).

    Patterns compiled with IGNORECASE (or inline case flags) get none: their literals are not
    exact. With ``folded`` they get the sets of ASCII literals, lower-cased, that every match
    holds in the text as ``literal_gate.folded`` writes it (ASCII letters are the only ones
    whose IGNORECASE matches that folding maps to one letter, tested on every code point)."""
    parsed = _p.parse(pattern, flags)
    ignorecase = bool(parsed.state.flags & _c.SRE_FLAG_IGNORECASE)
    if ignorecase and not folded:
        return ()
    found = {_minimal(c) for c in _candidates(parsed.data) if c and min(map(len, c)) >= MIN_LITERAL}
    if folded:
        found = {frozenset(x.lower() for x in c) for c in found if all(x.isascii() for x in c)}
    kept = sorted(found, key=lambda c: (-min(map(len, c)), len(c), sorted(c)))[:MAX_SETS]
    return tuple(sorted(kept, key=lambda c: (len(c), -min(map(len, c)), sorted(c))))


MAX_FIRST_CHARS = 40  # a guard on more first characters than this filters little


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with (None: unknown, or any).

    Zero-width items at the start (``\\b``, ``^``, look-arounds) are skipped: they consume
    nothing. Conservative like ``required_literals``: an optional first item, a category
    (``\\w``, ``\\s``), a negated class or case-folding gives None."""
    parsed = _p.parse(pattern, flags)
    if parsed.state.flags & _c.SRE_FLAG_IGNORECASE:
        return None
    found = _first(parsed.data)
    return found if found and len(found) <= MAX_FIRST_CHARS else None


def _first(items: Any) -> frozenset[str] | None:
    for op, av in items:
        if _zero_width(op, av):
            continue
        return _first_item(op, av)
    return None  # the pattern (or this part) can match the empty string


def _zero_width(op: Any, av: Any) -> bool:
    """An assertion, or a group or alternation of assertions only (``(?:^|(?<=, ))``)."""
    if op in _ZERO_WIDTH:
        return True
    if op is _c.SUBPATTERN:
        return not av[1] and all(_zero_width(o, a) for o, a in av[3])
    if op is _c.BRANCH:
        return all(all(_zero_width(o, a) for o, a in branch) for branch in av[1])
    return False


def _first_item(op: Any, av: Any) -> frozenset[str] | None:
    if op is _c.LITERAL:
        return frozenset(chr(av))
    if op is _c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                chars.add(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] < MAX_FIRST_CHARS:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY, a wide range
                return None
        return frozenset(chars)
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _first(branch)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags else _first(sub)
    if op in _REPEATS and av[0] >= 1:
        return _first(av[2])
    return None


def guarded(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind a look-ahead for its first characters, when they are known.

    The same matches (every match starts with one of them), found faster: the regular-expression
    engine skips to those characters instead of trying every position, which a leading ``\\b``
    otherwise prevents (``\\bich\\s+bin`` on a 1,000-character German ticket: 14 -> 7 µs)."""
    literal = _LEADING_WORD.match(pattern)
    if literal and len(top_level_alternatives(pattern)) == 1:
        # "\\bich\\s+bin" -> "ich(?<=\\bich)\\s+bin": a literal start is found by a fast
        # substring search (14 -> 0.7 µs); the look-behind restores the word boundary.
        word = literal.group(1)
        if pattern[literal.end() : literal.end() + 1] in {"?", "*", "+", "{"}:
            word = word[:-1]  # the quantifier binds the last letter
        if len(word) >= MIN_LITERAL:
            return f"{word}(?<=\\b{word}){pattern[2 + len(word) :]}"
    chars = first_chars(pattern, flags)
    if chars is None:
        return pattern
    return f"(?=[{''.join(re.escape(c) for c in sorted(chars))}])(?:{pattern})"


_LEADING_WORD = re.compile(r"\\b([a-zäöüß]+)")


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


_Required = tuple[frozenset[str], ...]


def holds_all(required: _Required, present: Set[str]) -> bool:
    """``may_match`` over a precomputed set of the literals a text holds."""
    for literals in required:  # noqa: SIM110 - a plain loop: ~250 calls per message, 4x faster
        if literals.isdisjoint(present):
            return False
    return True


def _trie(literals: Iterable[str]) -> str:
    """A regular expression that matches the longest of ``literals`` starting at a position."""
    root: dict[str, Any] = {}
    for literal in literals:
        node = root
        for ch in literal:
            node = node.setdefault(ch, {})
        node[""] = {}  # a literal ends here

    def emit(node: dict[str, Any], top: bool = False) -> str:
        # The first characters most often met first: ``re`` tries the branches in turn at each
        # position, and they start with different characters, so their order changes nothing
        # but the time (round 14 speed pass: with the class below, 0.29 -> 0.24 ms on the
        # 200-word ticket).
        order = sorted(node, key=_by_frequency) if top else sorted(node)
        branches = [re.escape(ch) + emit(node[ch]) for ch in order if ch]
        if not branches:
            return ""
        body = "|".join(branches)
        # Longer literals first: the optional tail is greedy, the end marker is the fallback.
        if "" in node:
            return f"(?:{body})?"
        return body if len(branches) == 1 else f"(?:{body})"

    return emit(root, top=True)


# Letters by how often they occur in the labelled EN/DE/NL texts of tests/data/guard (others after).
_FREQUENT_FIRST = "entairosdhlugcmbpkwfvyjzüxäöqßéë"


def _by_frequency(ch: str) -> tuple[int, str]:
    rank = _FREQUENT_FIRST.find(ch)
    return (rank if rank >= 0 else len(_FREQUENT_FIRST), ch)


class LiteralIndex:
    """Which of many literals a text holds, found with one regular-expression scan.

    ``present(text)`` equals ``{x for x in literals if x in text}`` (tested on every labelled
    text): at each position the look-ahead reports the longest literal starting there, and the
    literals that start at that position are exactly that literal's prefixes in the set.
    """

    def __init__(self, literals: Iterable[str]) -> None:
        known = sorted(set(literals))
        # a position whose character starts no literal (a space, most digits) is passed over by
        # the class before the look-ahead's alternation is tried
        starts = "".join(re.escape(ch) for ch in sorted({x[0] for x in known}))
        self._scan = re.compile(f"(?=[{starts}])(?=({_trie(known)}))") if known else None
        # the prefixes of each literal that are literals too (each literal's own prefixes
        # looked up, not every pair of literals compared: 0.18 s -> 2 ms at start-up)
        known_set = set(known)
        self._prefixes = {
            x: frozenset(x[:i] for i in range(1, len(x) + 1) if x[:i] in known_set) for x in known
        }

    def present(self, text: str) -> set[str]:
        found: set[str] = set()
        if self._scan is None:
            return found
        for longest in set(self._scan.findall(text)):
            found |= self._prefixes[longest]
        return found


@dataclass(frozen=True)
class PatternGroup:
    """One kind's patterns: the joined alternation, each pattern with its literal sets, and a
    gate (None when some pattern has no literal sets and must always be tried)."""

    kind: str
    combined: re.Pattern[str]
    singles: tuple[tuple[_Required, re.Pattern[str]], ...]
    gate: frozenset[str] | None

    @classmethod
    def build(cls, kind: str, patterns: Sequence[str], flags: int = 0) -> PatternGroup:
        combined = re.compile(guarded("|".join(f"(?:{p})" for p in patterns), flags), flags)
        singles = tuple(
            (required_literals(p, flags), re.compile(guarded(p, flags), flags)) for p in patterns
        )
        firsts = [required[0] for required, _ in singles if required]
        gate = frozenset().union(*firsts) if len(firsts) == len(singles) else None
        return cls(kind, combined, singles, gate)

    def literals(self) -> set[str]:
        return {x for required, _ in self.singles for literals in required for x in literals}

    def search(self, text: str, present: Set[str]) -> bool:
        """Whether a pattern matches, trying only those whose literals the text holds."""
        if self.gate is not None and self.gate.isdisjoint(present):
            return False
        left = [p for required, p in self.singles if holds_all(required, present)]
        if len(left) == len(self.singles):
            return self.combined.search(text) is not None
        return any(p.search(text) is not None for p in left)
