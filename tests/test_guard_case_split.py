"""Case-insensitive alternations with their first letters split (guard/case_split.py): the same
matches, span for span and group for group."""

from __future__ import annotations

import importlib
import json
import pkgutil
import random
import re
import string
from pathlib import Path

import pytest

import supportllm.guard as guard_package
from supportllm.guard.alternation import compiled
from supportllm.guard.case_split import IGNORECASE_EXTRA, case_split, distributed, split_compiled

DATA = Path(__file__).parent / "data" / "guard"


def test_an_ascii_letter_under_ignorecase_matches_its_two_cases_and_the_documented_four() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in string.ascii_lowercase:
        found = set(re.findall(letter, everything, re.IGNORECASE))
        assert found == {letter, letter.upper(), *IGNORECASE_EXTRA.get(letter, "")}, letter


def test_the_first_letters_are_split_and_the_rest_stays_case_insensitive() -> None:
    assert case_split("ab|cd", re.IGNORECASE) == ("(?:a(?i:b)|A(?i:b)|c(?i:d)|C(?i:d))", 0)
    assert case_split(r"(?<!x)(?:ab|c)d|e", re.IGNORECASE) == (r"(?:(?i:(?<!x)(?:ab|c)d)|e|E)", 0)
    pattern, flags = case_split(r"(?<![\w])(?:is|x|\d)\s*:", re.IGNORECASE | re.MULTILINE)
    assert flags == re.MULTILINE
    assert pattern == (r"(?i:(?<![\w]))(?:i(?i:s)|I(?i:s)|İ(?i:s)|ı(?i:s)|x|X|(?i:\d))(?i:\s*:)")


def test_what_is_left_as_written() -> None:
    i = re.IGNORECASE
    for pattern, flags in (
        ("ab|cd", 0),  # case-sensitive already
        ("ab|cd", i | re.ASCII),
        ("ab|cd", i | re.VERBOSE),
        ("(?i)ab|cd", 0),
        ("(a)b|cd", i),  # a capturing group would be repeated
        ("(?:ab|cd)+x", i),  # a quantified alternation
        ("abc", i),  # no alternation
        (r"\bab|\d", i),  # no branch that begins with a letter
        (r"\b(?:is|are)\b|['’]s\b", i),  # the group is one branch of the alternation
        ("x(?:ab|cd)", i),
    ):
        assert case_split(pattern, flags) == (pattern, flags), pattern


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted(DATA.glob("*/*.jsonl")):
        for line in path.read_text("utf-8").splitlines()[:25]:
            row = json.loads(line)
            out += [row[k] for k in ("text", "reply") if isinstance(row.get(k), str)]
    rng = random.Random(17)
    rng.shuffle(out)
    out = out[:400]
    # the same texts in other cases and with the characters IGNORECASE adds to i, k and s
    extra = "".join(IGNORECASE_EXTRA.values())
    out += [t.upper() for t in out[:80]] + [t.swapcase() for t in out[80:160]]
    out += [
        "".join(rng.choice(extra) if ch in "iksIKS" and rng.random() < 0.5 else ch for ch in t)
        for t in out[160:240]
    ]
    return out


_SITES = (
    "claims_compile",
    "pii_dates",
    "pii_name_roles",
    "pii_name_says",
    "pii_not_persons",
    "pii_names",
    "pii_rules",
    "pii_taxids",
)


def _sources(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """What the PII sites hand to ``split_compiled`` (recorded while a redactor loads), and every
    case-insensitive pattern of the guard modules (the transform on other shapes too)."""
    seen: dict[tuple[str, int], None] = {}

    def record(pattern: str, flags: int = 0) -> re.Pattern[str]:
        seen[(pattern, flags)] = None
        return split_compiled(pattern, flags)

    for name in _SITES:
        monkeypatch.setattr(
            importlib.import_module(f"supportllm.guard.{name}"), "split_compiled", record
        )
    from supportllm.config_sections import PIIGuardSettings
    from supportllm.guard.pii import PIIRedactor

    names = PIIRedactor(PIIGuardSettings())._load()[2]
    for lang in (None, "en", "de", "nl"):
        names._cues(lang)
    from supportllm.guard import claims_lexicon
    from supportllm.guard.claims_compile import compile_lang

    for code in claims_lexicon.LANGS:
        compile_lang(code)
    assert len(seen) >= 15
    for info in pkgutil.iter_modules(guard_package.__path__):
        module = importlib.import_module(f"supportllm.guard.{info.name}")
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and value.flags & re.IGNORECASE:
                seen[(value.pattern, value.flags & ~re.UNICODE)] = None
    return list(seen)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def test_the_sites_use_split_patterns() -> None:
    from supportllm.config_sections import PIIGuardSettings
    from supportllm.guard.pii import PIIRedactor

    rules, _, names, _ = PIIRedactor(PIIGuardSettings())._load()
    assert not rules.address_ctx.flags & re.IGNORECASE
    assert not names._cues(None)[0].flags & re.IGNORECASE


def test_split_patterns_find_what_the_case_insensitive_ones_find(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = 0
    for pattern, flags in _sources(monkeypatch):
        split = split_compiled(pattern, flags)
        if split.flags & re.IGNORECASE:
            continue  # left as written
        reference = compiled(pattern, flags)
        checked += 1
        for text in texts:
            want = [(m.span(), m.groups()) for m in reference.finditer(text)]
            got = [(m.span(), m.groups()) for m in split.finditer(text)]
            assert got == want, (pattern[:60], text[:80])
            for m in reference.finditer(text):
                assert bool(split.fullmatch(m.group())) == bool(reference.fullmatch(m.group()))
    assert checked >= 15


def test_branches_that_begin_with_a_group_are_written_out() -> None:
    assert distributed(r"(?<!\w)(?:x|(?:first|last)[ _]?name|y)\b") == (
        r"(?<!\w)(?:x|first[ _]?name|last[ _]?name|y)\b"
    )
    assert distributed("a|(?:b|(?:c|d)e)f") == "a|bf|cef|def"
    for pattern in ("(?:a|b)?c|d", "(?:(a)|b)c|d", "x(?:a|b)", r"(?:a|b)+|c"):
        assert distributed(pattern) == pattern
    assert distributed("(?:(a)|b)c|d") == "(?:(a)|b)c|d"
