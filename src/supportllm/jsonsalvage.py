"""JSON objects in a model's free-text answer (LLM judges): each ``{...}`` in turn, and an
answer cut off inside its last string closed again."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

_OBJECT = re.compile(r"\{.*?\}", re.DOTALL)


def json_objects(text: str) -> Iterator[str]:
    """Candidate JSON objects in ``text``: each ``{...}``, then an answer cut off inside its
    last string (a reply that hit max_tokens while writing its reason) closed again."""
    for match in _OBJECT.finditer(text):
        yield match.group(0)
    start = text.find("{")
    if start >= 0 and "}" not in text[start:]:
        cut = text[start:].rstrip()
        yield cut + '"}'
        yield cut + "}"


def json_dicts(text: str) -> Iterator[dict[str, Any]]:
    """The candidates of ``json_objects`` that parse as JSON objects, in order (raw newlines
    inside strings are accepted)."""
    for candidate in json_objects(text or ""):
        try:
            value = json.loads(candidate, strict=False)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            yield value
