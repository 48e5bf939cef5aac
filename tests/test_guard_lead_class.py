"""Leading look-behinds moved after the first character (guard/lead_class.py): the same
matches, span for span and group for group."""

from __future__ import annotations

import importlib
import json
import random
import re
from pathlib import Path

import pytest

from supportllm.guard.lead_class import class_first, class_first_compiled

DATA = Path(__file__).parent / "data" / "guard"
_SITES = ("pii_card_parts", "pii_name_forms", "pii_names", "pii_rules", "pii_streets", "pii_taxids")


def test_the_look_behind_moves_after_the_first_character() -> None:
    assert class_first(r"(?<![\w-])[1-9]\d{3}") == r"[1-9](?<!(?:[\w-])[1-9])\d{3}"
    assert class_first(r"(?<![\w-])\d{1,5}x") == r"\d(?<!(?:[\w-])\d)\d{0,4}x"
    assert class_first(r"(?<!a)(?<=b|c)\d+?x") == r"\d(?<!(?:a)\d)(?<=(?:b|c)\d)\d*?x"
    assert class_first(r"(?<!\w)N{2,}") == r"N(?<!(?:\w)N)N{1,}"


def test_what_is_left_as_written() -> None:
    for pattern, flags in (
        (r"(?<!\w)\d?x", 0),  # the first character may be absent
        (r"(?<!\w)\d*x", 0),
        (r"(?<!\w)\d{0,3}x", 0),
        (r"(?<!\w)\d++x", 0),  # possessive
        (r"(?<!\w)(?:a|b)c", 0),  # a group first
        (r"(?<!\w)ab|c", 0),  # an alternation at the top
        (r"(?<!\w)ab", re.IGNORECASE),
        (r"\d(?<!\w)", 0),
        (r"(?<!\w)\bab", 0),
    ):
        assert class_first(pattern, flags) == pattern, pattern


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted(DATA.glob("pii/*.jsonl")) + sorted(DATA.glob("injection/*.jsonl"))[:6]:
        for line in path.read_text("utf-8").splitlines()[:60]:
            row = json.loads(line)
            text = row.get("text") or row.get("full_text")
            if isinstance(text, str):
                out.append(text)
    rng = random.Random(17)
    alphabet = "aZ19 -.,/_\nNIPL(é"
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    return out


def test_the_sites_find_what_the_patterns_as_written_find(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[tuple[str, int], None] = {}

    def record(pattern: str, flags: int = 0) -> re.Pattern[str]:
        seen[(pattern, flags)] = None
        return class_first_compiled(pattern, flags)

    for name in _SITES:
        module = importlib.import_module(f"supportllm.guard.{name}")
        monkeypatch.setattr(module, "class_first_compiled", record)
    from supportllm.config_sections import PIIGuardSettings
    from supportllm.guard.pii import PIIRedactor

    PIIRedactor(PIIGuardSettings())._load()
    # the two compiled at import (pii_card_parts._PIECE, pii_rules._TOWN_BRACKET), as written
    seen[(r"(?<![\w.,/+-])(?<!\d[ .-])\d{4}(?:[ .-]?\d{4}){0,2}(?![\w]|[ .,/-]?\d)", 0)] = None
    seen[(r"(?<![\w-])[A-Z][a-z]{2,}[ \t]+\($", 0)] = None
    texts = _texts()
    moved = 0
    for pattern, flags in seen:
        reference = re.compile(pattern, flags)
        fast = class_first_compiled(pattern, flags)
        moved += fast.pattern != pattern
        for text in texts:
            want = [(m.span(), m.groups()) for m in reference.finditer(text)]
            assert [(m.span(), m.groups()) for m in fast.finditer(text)] == want, (pattern, text)
            for start in range(0, len(text), 7):
                a, b = reference.match(text, start), fast.match(text, start)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))
    assert moved >= 10


def test_the_initials_pattern_finds_what_it_found_with_its_repeat_as_written() -> None:
    """pii_name_forms writes its first initial out of the repeat ((?:X){1,3} as X(?:X){0,2})
    so the pattern can begin with it; NAME_TOKEN writes its capital once before its forms."""
    from supportllm.guard.pii_name_cues import _LO as lo
    from supportllm.guard.pii_name_cues import _UP as up
    from supportllm.guard.pii_name_cues import NAME_TOKEN
    from supportllm.guard.pii_name_forms import NameForms

    written = re.compile(
        r"(?<![\w.-])((?:[A-ZÄÖÜÀ-Þ]\.[ \t]?){1,3}[ \t]*"
        r"(?:(?:van|de|der|den|von|zu|ten|ter|'t|Ó|O'|Mac|Mc|al-|el-)[ \t]+)*"
        r"[A-ZÄÖÜÀ-ÞŁŚŻ][\w'’]*(?:-[\w'’]+)*)"
    )
    token = re.compile(
        rf"(?:[{up}][{lo}]*['’][{up}][{lo}]+|[{up}][{lo}]{{1,2}}[{up}][{lo}]{{2,}}|"
        rf"[{up}][{lo}][{lo}'’]*(?:-[{up}][{lo}]+)?|[{up}]\.)"
    )
    texts = [*_texts(), "A. B. C. van Dijk", "J.W. ten Brink", "O'Neill McDonald DiCaprio A."]
    initials, name_token = NameForms().initials, re.compile(NAME_TOKEN)
    for text in texts:
        got = [(m.span(), m.groups()) for m in initials.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in written.finditer(text)], text
        assert [m.span() for m in name_token.finditer(text)] == [
            m.span() for m in token.finditer(text)
        ], text
