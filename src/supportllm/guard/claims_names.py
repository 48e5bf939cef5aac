"""A name the customer asked for, said again in a claim, where the call filled the same slot
with another word (issue 16, item 4, round 14).

A call value and the customer's words often share one word and differ in the word next to it:
"Emily Hollis" asked, ``driver_name: "Emma Hollis"`` done; "Müller GmbH" asked, ``firma:
"Müller & Co. KG"`` done; "zwemles B" asked, ``groep: "Zwemles A woensdag 15:30"`` done. The
shared word anchors the slot, whatever the key is called, so no table of keys is needed. A
reply that repeats the customer's word ("Emily is now a named driver") while the call's word
is named nowhere in the reply or by the customer claims a deed that was not done.

Both neighbours must look alike (two names or codes written with a capital, or two single
letters), so "12 Elm Row instead" asked against "12 Elm Row, Edinburgh" done is no conflict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

__all__ = ["asked_name_conflict", "customer_text"]

_TOKEN: Final = re.compile(r"[^\W_]+")
# A word with its hyphenated parts: the "A" of "A-diploma" is not a lone letter "A".
_COMPOUND: Final = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Keys whose values are the system's bookkeeping, not the deed's object.
_BOOKKEEPING_KEY: Final = re.compile(
    r"status|state|result|message|msg|note|reason|comment|grund|reden|opmerking|error|code",
    re.IGNORECASE,
)
# Words next to an anchor that name no thing of their own.
_GLUE: Final = frozenset((
    "and", "und", "en", "or", "oder", "of", "the", "der", "die", "das", "de", "het", "een",
    "ein", "eine", "to", "for", "für", "voor", "naar", "nach", "on", "op", "auf", "in", "im",
    "at", "as", "als", "is", "ist", "please", "bitte", "graag", "mit", "met", "with", "van",
    "von", "a", "an", "i", "ik", "ich", "u", "je", "sie", "you", "we", "wir", "wij",
    "mr", "mrs", "ms", "dr", "herr", "frau", "mevrouw", "meneer", "mw", "dhr",
))  # fmt: skip


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _glue(word: str) -> bool:
    """A word of ``_GLUE``; a capital letter alone is a name or a class ("zwemles A")."""
    return (len(word) > 1 or word.islower()) and word.lower() in _GLUE


def _shape(word: str) -> str:
    """Single letter, capitalized name or code, or a plain lower-case word."""
    if word.isdigit():
        return "digit"
    if len(word) == 1:
        return "letter"
    return "name" if word[0].isupper() else "word"


def _same(a: str, b: str) -> bool:
    """One word, inflected or not ("Hausrat" / "Hausrats"); a compound is another word."""
    a, b = a.lower(), b.lower()
    return a == b or (min(len(a), len(b)) >= 5 and a[:5] == b[:5] and abs(len(a) - len(b)) <= 2)


def _same_or_short(a: str, b: str) -> bool:
    """One word, or one shortened to the other ("Ln" for "Lane", "St" for "Street")."""
    if _same(a, b):
        return True
    short, long = sorted((a.lower(), b.lower()), key=len)
    return 2 <= len(short) < len(long) and short[0] == long[0] and _within(short, long)


def _within(short: str, long: str) -> bool:
    """Whether the letters of ``short`` occur in ``long`` in order."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def _named(word: str, words: set[str]) -> bool:
    return any(_same(word, w) for w in words)


def _plain_value(value: str) -> bool:
    # a code ("EU-5GB", "SUMMER-ADV-W1", "LINDENSTROM_OEKO_PLUS") abbreviates what it
    # stands for: only a value written as words is compared word by word
    words = _tokens(value)
    return (
        1 < len(words) <= 6
        and " " in value.strip()
        and value.lower() not in ("true", "false", "null", "none")
        and "@" not in value
        and sum(ch.isalpha() for ch in value) > sum(ch.isdigit() for ch in value)
    )


# A claim that opens with a pronoun for a person named elsewhere in the reply ("She's now
# added", "Sie ist jetzt eingetragen"); a pronoun later in the claim is too often the thing
# ("…, sie geht morgen raus").
_PERSON_PRONOUN: Final = re.compile(r"^\W*(?:she|he|they|sie|er|zij|ze|hij)\b", re.IGNORECASE)


def asked_name_conflict(
    text: str,
    asked: str,
    reply: str,
    told: str,
    calls: Sequence[tuple[str, Sequence[tuple[str, str]]]],
) -> str | None:
    """The customer's word next to an anchor, said again in the claim ``text``, where a
    successful call's value has another word next to the same anchor (see the module's doc).
    ``told``: everything the customer wrote (a value they gave earlier is theirs too)."""
    request = _tokens(asked)
    # the claim may name the customer's word through a pronoun ("Congratulations to Emily!
    # She's now added as a named driver"): then a word the reply says is said; otherwise only
    # the claim's own words are (fresh claims v25, round 14: "Das tut mir leid mit der
    # aufgeplatzten Tüte! Ich habe eine Ersatzlieferung angelegt" names no other "Tüte" than
    # the call's "Trockenfutter Lamm 4kg")
    said = {w.lower() for w in _tokens(f"{text} {reply}" if _PERSON_PRONOUN.search(text) else text)}
    heard = {
        p.lower()
        for w in _COMPOUND.findall(f"{reply} {told}")
        for p in {w, *(p for p in w.split("-") if len(p) > 1)}
    }
    called = {w.lower() for _, vs in calls for _, v in vs for w in _tokens(v)}
    for _, values in calls:
        for key, value in values:
            if _BOOKKEEPING_KEY.search(key) or not _plain_value(value):
                continue
            own = _tokens(value)
            for i, anchor in enumerate(own):
                if len(anchor) < 3 or anchor.isdigit():
                    continue
                for j, word in enumerate(request):
                    if not _same(word, anchor):
                        continue
                    for step in (1, -1):
                        if not (0 <= i + step < len(own) and 0 <= j + step < len(request)):
                            continue
                        theirs, ours = request[j + step], own[i + step]
                        if (
                            _glue(theirs)
                            or _glue(ours)
                            or _shape(theirs) != _shape(ours)
                            or _shape(ours) in ("digit", "word")
                            or _same_or_short(theirs, ours)
                            or theirs.lower() not in said
                            or _named(theirs, called)
                            or _named(ours, heard)
                        ):
                            continue
                        return f"names {theirs} where the call has {key} {value!r}"
    return None


def customer_text(messages: Sequence[object]) -> str:
    """Everything the customer wrote in the conversation, as one text."""
    out: list[str] = []
    for message in messages:
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, list):
                out.extend(str(p.get("text", "")) for p in content if isinstance(p, dict))
            elif isinstance(content, str):
                out.append(content)
    return " ".join(out)
