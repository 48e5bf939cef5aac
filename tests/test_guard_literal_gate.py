"""A pattern behind its literals (guard/literal_gate.py): skipped only where it cannot match."""

from __future__ import annotations

import re
import string

from supportllm.guard.literal_gate import FOLD, Gated, folded


def test_fold_covers_every_ignorecase_match_of_an_ascii_character() -> None:
    # every code point that re.IGNORECASE matches to a printable ASCII character, folded, is
    # that character lower-cased
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for ch in string.printable:
        for hit in re.findall(re.escape(ch), everything, re.IGNORECASE):
            assert folded(hit) == ch.lower(), (ch, hit)
    assert set(FOLD) == {0x130, 0x131, 0x212A, 0x17F}


def test_gated_patterns_skip_texts_without_their_literals() -> None:
    street = Gated(re.compile(r"(?<![\w-])(?:Am|An der|Zum)[ \t]+[A-Z]\w+ \d+"))
    assert street.search("I live at 14 Elm Street") is None
    assert [m.group() for m in street.finditer("Wir wohnen Am Markt 5.")] == ["Am Markt 5"]
    url = Gated(re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE))
    assert not url.may_match("see the help centre")
    assert [m.group() for m in url.finditer("Open HTTPS://example.org now")] == [
        "HTTPS://example.org"
    ]
    assert url.may_match("HTTP\u017f://x")  # a long s, which IGNORECASE reads as "s"
    assert url.search("HTTP\u017f://x") is not None
