"""Alternations regrouped by first letter (guard/alternation.py): the same matches."""

from __future__ import annotations

import importlib
import json
import pkgutil
import random
import re
from pathlib import Path

import pytest

import supportllm.guard as guard_package
from supportllm.guard.alternation import by_first_letter, compiled

DATA = Path(__file__).parent / "data" / "guard"


def test_branches_are_grouped_by_their_first_letter() -> None:
    assert by_first_letter("my name is|mein name ist|name:") == "m(?:y name is|ein name ist)|name:"
    assert by_first_letter(r"\b(?:ab|ac|b)\b") == r"\b(?:a(?:b|c)|b)\b"


def test_order_is_kept_where_it_can_matter() -> None:
    # a branch that is not a plain letter stays in place and splits the runs around it
    assert by_first_letter(r"ab|\w+|ac") == r"ab|\w+|ac"
    # both cases of one letter: under IGNORECASE both branches could match, left as written
    assert by_first_letter("Mr|ms|mx", re.IGNORECASE) == "Mr|ms|mx"
    # a letter with a quantifier is no plain first letter
    assert by_first_letter("a?b|ac") == "a?b|ac"


def test_what_is_left_as_written() -> None:
    assert by_first_letter("(a)b|(a)c") == "(a)b|(a)c"  # capturing groups would be renumbered
    assert by_first_letter("(?<=ab|ac)x") == "(?<=ab|ac)x"  # inside a look-behind
    assert by_first_letter("[|a]b|[]|]c") == "[|a]b|[]|]c"  # bars inside classes
    assert by_first_letter("ab|ac", re.VERBOSE) == "ab|ac"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = []
    for path in sorted(DATA.glob("*/*.jsonl")):
        for line in path.read_text("utf-8").splitlines()[:40]:
            row = json.loads(line)
            out += [row[k] for k in ("text", "reply") if isinstance(row.get(k), str)]
    random.Random(14).shuffle(out)
    return out[:600]


def _guard_patterns() -> list[re.Pattern[str]]:
    found: dict[tuple[str, int], re.Pattern[str]] = {}
    for info in pkgutil.iter_modules(guard_package.__path__):
        module = importlib.import_module(f"supportllm.guard.{info.name}")
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[(value.pattern, value.flags)] = value
    return [p for p in found.values() if by_first_letter(p.pattern, p.flags) != p.pattern]


@pytest.mark.parametrize("pattern", _guard_patterns(), ids=lambda p: p.pattern[:40])
def test_regrouped_guard_patterns_find_the_same_matches(
    pattern: re.Pattern[str], texts: list[str]
) -> None:
    regrouped = compiled(pattern.pattern, pattern.flags)
    for text in texts:
        want = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in regrouped.finditer(text)] == want, text
