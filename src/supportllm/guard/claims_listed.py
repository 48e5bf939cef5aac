"""A thing coordinated beside a listed one that the call's list lacks (round 16).

``bestellung_ergaenzen {"artikel": ["Faltschloss Pro"]}`` and the reply "Ich hab dir das
Faltschloss Pro und den Frontkorb an die Bestellung drangehängt": the call names its things in
a list; a noun phrase coordinated with one of them (*and / und / sowie / en* and a determiner)
that no value of any successful call names was not done. Only when the call has a list of
strings and the first conjunct shares a word with one of its items.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

from supportllm.guard.tool_results import successful_calls

__all__ = ["unlisted_thing"]

_PAIR: Final = re.compile(
    r"((?:[\w-]+\s+){0,3}[\w-]+)\s+(?:and|und|sowie|en|plus|&)\s+(?:also\s+|auch\s+|ook\s+)?"
    r"(?:the|a|an|your|den|die|das|dem|der|einen|eine|ein|deinen|deine|dein|ihren|ihre|ihr|de|"
    r"het|een|je|uw)\s+([\w-]+(?:\s+(?-i:[A-Z])[\w-]*)?)\b"
    # not a clause of its own ("… and the total is now £12", "und der Rest kommt morgen")
    r"(?!\s+(?:is|are|was|were|has|have|will|ist|sind|wird|werden|hat|kommt|kommen|bleibt|"
    r"zijn|wordt|komt|heeft|gaat|blijft|geht|goes|comes|arrives|stays)\b)",
    re.IGNORECASE,
)
_WORD: Final = re.compile(r"[^\W\d_]{4,}")


def _lists(messages: list[dict[str, Any]]) -> Iterator[tuple[list[str], str]]:
    """(string items of a list argument, every value text of the call) of each successful call."""
    for written, content in successful_calls(messages):
        if "[" not in written:
            continue  # no list in the arguments: not parsed
        try:
            args = json.loads(written)
        except (ValueError, TypeError):
            continue
        if not isinstance(args, dict):
            continue
        said = json.dumps(args, ensure_ascii=False) + " " + str(content or "")
        for value in args.values():
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                yield [str(v) for v in value], said


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def unlisted_thing(text: str, messages: list[dict[str, Any]]) -> str | None:
    """Why the claim names a thing beside a listed one that no successful call names."""
    if not _PAIR.search(text):
        return None  # no coordinated thing: the calls are not read
    lists = list(_lists(messages))
    if not lists:
        return None
    every = _words(" ".join(said for _, said in lists).replace("_", " "))
    for m in _PAIR.finditer(text):
        first, second = _words(m.group(1)), _words(m.group(2))
        if not second:
            continue
        for items, _ in lists:
            if not any(first & _words(item) for item in items):
                continue
            # a compound holds a call's word ("Eichentisch" / esstisch_eiche) or the reverse
            if not any(w in t or t in w for w in second for t in every):
                return f"names {m.group(2)!r} beside a listed item, but the call's list lacks it"
    return None
