r"""Patterns that begin with a look-behind rewritten to begin with their first character.

Python's ``re`` skips ahead to the next possible start of a match in C when a pattern begins with
a literal or a character class (a case-sensitive one): ``[1-9]\d{3}`` is only tried where a digit
stands. A pattern that begins with a look-behind, ``(?<![\w-])[1-9]\d{3}``, gets no such skip:
the whole matcher is entered at every position of the text, only to fail on the look-behind
(round 17 speed pass: 24 -> 7 µs for the Dutch postcode pattern on a 1,200-character ticket).

``class_first`` moves the leading look-behinds after the first character: ``(?<!B)A…`` becomes
``A(?<!(?:B)A)…``, where ``A`` is one character (a literal, an escape such as ``\d``, or a class),
also inside leading groups that are entered once and hold no other branch (``(?<!B)((?:A…`` ->
``((?:A(?<!(?:B)A)…``);
a quantifier ``{m,n}`` (m ≥ 1) or ``+`` on it stays behind as ``A{m-1,n-1}`` or ``A*``. The
matches are the same, span for span and group for group: where ``A`` took the character at
``i``, "the text before ``i`` does not end with B" is "the text before ``i + 1`` does not end
with B followed by A" (and at the text's start both hold: there is no room for B, nor for B A).
Positive look-behinds (``(?<=B)``) move the same way. Returned as written: a pattern that does
not begin with a look-behind and one such character, an alternation at the top level, an
optional or possessive first character, ``re.IGNORECASE`` or ``re.VERBOSE`` patterns (``re``
gives the former no skip).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from supportllm.guard.alternation import class_end

__all__ = ["class_first", "class_first_compiled"]

_BEHIND: Final = ("(?<!", "(?<=")
_QUANTIFIED: Final = re.compile(r"\{(\d+)(?:,(\d*))?\}(\??)")


def class_first_compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` of ``class_first(pattern, flags)``: the same matches, found faster."""
    return re.compile(class_first(pattern, flags), flags)


def class_first(pattern: str, flags: int = 0) -> str:
    """``pattern`` with its leading look-behinds moved after its first character."""
    if flags & (re.IGNORECASE | re.VERBOSE) or not pattern.startswith(_BEHIND):
        return pattern
    behinds: list[tuple[str, str]] = []
    i = 0
    while pattern.startswith(_BEHIND, i):
        end = _closing(pattern, i)
        if end < 0:
            return pattern
        behinds.append((pattern[i : i + 4], pattern[i + 4 : end]))
        i = end + 1
    opened = i
    while pattern.startswith("(", i):
        # a group the first character stands in: entered once, with no other branch to begin
        # the match (no top-level bar in it, no quantifier after it)
        size = _opening(pattern, i)
        end = _closing(pattern, i)
        if (
            size < 0
            or end < 0
            or _top_level_bar(pattern[i + size : end])
            or pattern[end + 1 : end + 2] in ("?", "*", "+", "{")
        ):
            return pattern
        i += size
    atom_end = _atom_end(pattern, i)
    if atom_end < 0 or _top_level_bar(pattern):
        return pattern
    atom = pattern[i:atom_end]
    rest = _after_first(atom, pattern[atom_end:])
    if rest is None:
        return pattern
    moved = "".join(f"{kind}(?:{body}){atom})" for kind, body in behinds)
    return pattern[opened:i] + atom + moved + rest


def _opening(pattern: str, i: int) -> int:
    """The length of the group opening at ``i`` when it is a plain, non-capturing or named
    group; -1 for look-arounds, flags and the like."""
    if pattern.startswith("(?:", i):
        return 3
    if pattern.startswith("(?P<", i):
        close = pattern.find(">", i)
        return close - i + 1 if close > 0 else -1
    return 1 if pattern[i + 1 : i + 2] != "?" else -1


def _after_first(atom: str, tail: str) -> str | None:
    """What follows the first character once it is taken out of its quantifier (``\\d{1,5}x``:
    ``\\d{0,4}x``); None when the first character may be absent (``?``, ``*``, ``{0,n}``), the
    quantifier is possessive or not one ``re`` reads as such."""
    if tail.startswith(("?", "*", "++")):
        return None
    if tail.startswith("+?"):
        return atom + "*?" + tail[2:]
    if tail.startswith("+"):
        return atom + "*" + tail[1:]
    if not tail.startswith("{"):
        return tail
    m = _QUANTIFIED.match(tail)
    if m is None or tail[m.end() : m.end() + 1] == "+" or int(m.group(1)) < 1:
        return None
    low, high, lazy = int(m.group(1)), m.group(2), m.group(3)
    if high is None:
        quant = f"{{{low - 1}}}"
    elif high == "":
        quant = f"{{{low - 1},}}"
    elif int(high) < low:
        return None
    else:
        quant = f"{{{low - 1},{int(high) - 1}}}"
    return atom + quant + lazy + tail[m.end() :]


def _atom_end(pattern: str, i: int) -> int:
    """The end of the one-character item at ``i`` (a literal, ``\\d``-like escape, an escaped
    punctuation mark, or a class); -1 for anything else."""
    if i >= len(pattern):
        return -1
    ch = pattern[i]
    if ch == "\\":
        nxt = pattern[i + 1 : i + 2]
        if nxt in ("d", "D", "w", "W", "s", "S") or (nxt and not nxt.isalnum()):
            return i + 2
        return -1
    if ch == "[":
        return class_end(pattern, i)
    if ch in "()|?*+{}^$.":
        return -1
    return i + 1


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth) of each parenthesis and bar from ``start``, escapes and
    character classes passed over; depth counts the groups open before the character (a ')'
    is reported at the depth it closes to). Ends with (-1, '', 0) at an unterminated class."""
    depth, i = 0, start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _atom_end(pattern, i)
            if i < 0:
                yield -1, "", 0
                return
            continue
        if ch == ")":
            depth -= 1
        if ch in "()|":
            yield i, ch, depth
        if ch == "(":
            depth += 1
        i += 1


def _closing(pattern: str, start: int) -> int:
    """The index of the ')' that closes the '(' at ``start``; -1 when there is none."""
    for i, ch, depth in _structure(pattern, start):
        if i < 0 or (ch == ")" and depth == 0):
            return i
    return -1


def _top_level_bar(pattern: str) -> bool:
    """Whether an alternation bar stands outside every group (or the pattern cannot be read)."""
    return any(i < 0 or (ch == "|" and depth == 0) for i, ch, depth in _structure(pattern))
