"""The customer's value echoed in a claim while the call holds another of the same shape
(round 15, third pass, issue 16).

Round 15's slot check (``claims_keyed``) needs a word of the call's key in the claim ("filiaal in
Zwolle" / ``filiaal``). On the next fresh set most of the misses were the same mistake without
that word: the reply repeats what the customer asked, no call carries it, and the successful call
holds another value the reply never names. What ties the two values together here is their
*shape*, not a key table or a phrase:

- *codes* (``code_echo``): a level, size or variant written as letters and digits ("B1", "A2",
  "XL2"): the claim names the customer's code, a call value holds another code with the same
  letters-then-digits form ("course B2" said, ``course: "B1-evening"`` done);
- *compounds with one head* (``head_echo``): the claim names the customer's "Goldpaket" and a
  call value holds "Silberpaket" (a shared head of five letters or more, another modifier);
- *the end of a range* (``until_echo``): "bis 17. August" said where the call's end key holds
  another day (``bis: 2026-08-10``);
- *names* (``name_echo``): in English and Dutch, a capitalised word inside the clause (not its
  first word) that the customer wrote and no call carries, while a call value of one or two
  plain words (no digits beyond a year, no flag) is named neither in the reply nor anywhere in
  the clause ("the Lagoon room is booked" / ``room: "harbour"``). German capitalises every
  noun, so German names are left to the key-word check.

Each check is silent when the call's value is under an old/from key, or when the reply names
the call's value anywhere (an honest "not A2 but B1" reply names both).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from supportllm.guard.claims_keyed import OLD_KEY

__all__ = ["echo_conflict"]

Done = Sequence[tuple[str, Sequence[tuple[str, str]]]]

_WORD: Final = re.compile(r"[^\W\d_]+|\d+")
_CODE: Final = re.compile(r"(?<![A-Za-z0-9-])([A-Za-z]{1,2})(\d{1,2})(?!\d|[.,:]\d)", re.ASCII)
_TOKEN: Final = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FLAG: Final = re.compile(r"true|false|yes|no|ja|nein|nee|ok|none|null", re.IGNORECASE)
# Keys of the system's bookkeeping or of a note, not a deed's object.
_NOTE_KEY: Final = re.compile(
    r"reason|grund|reden|note|notiz|notitie|comment|kommentar|opmerking|message|nachricht|"
    r"bericht|text|tekst|status|channel|kanal|kanaal|lang|sprache|taal|email|mail|phone|tel|"
    r"name|naam|kunde|klant|customer|client|user|address|adres|result|outcome|ergebnis|resultaat",
    re.IGNORECASE,
)


# A plain value: one or two words of letters, perhaps with a year ("Riesling 2022").
_PLAIN: Final = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)?(?: (?:19|20)\d{2})?")
# Months and weekdays: a day is compared elsewhere (claims_against, claims_keyed).
_DAY: Final = re.compile(
    r"(?:jan|feb|m[aä]r|apr|ma[iy]|mei|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zä]*|"
    r"[a-z]+(?:day|tag|dag)",
)
# A word right before a name that makes it a person the deed is for or by ("voor Sjors", "for
# Sam", "with Anna"), not the thing done: things take an article ("for the Riesling").
_PERSON_BEFORE: Final = frozenset(
    ("for", "voor", "van", "of", "with", "met", "bij", "to", "aan", "by", "door", "from")
)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _codes(text: str) -> set[tuple[str, str]]:
    return {(m.group(1).upper(), m.group(2)) for m in _CODE.finditer(text)}


def _values(done: Done) -> list[tuple[str, str]]:
    return [(k, v) for _, vs in done for k, v in vs if not OLD_KEY.search(k)]


def code_echo(text: str, asked: str, reply: str, done: Done) -> str | None:
    """The claim names the customer's code ("B1") where a call holds another code of the same
    form that the reply never names."""
    carried = {c for _, vs in done for _, v in vs for c in _codes(v)}
    claimed = (_codes(text) & _codes(asked)) - carried
    if not claimed:
        return None
    said = _codes(reply)
    for key, value in _values(done):
        if _NOTE_KEY.search(key):
            continue
        for letters, digits in _codes(value):
            if (letters, digits) in said:
                continue
            for c_letters, c_digits in claimed:
                if len(c_letters) == len(letters) and len(c_digits) == len(digits):
                    return (
                        f"the call has {key} {value!r} where the reply says {c_letters}{c_digits}"
                    )
    return None


def _head(a: str, b: str) -> bool:
    """Whether two different words share a head of five letters or more with other modifiers."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n >= 5 and len(a) - n >= 3 and len(b) - n >= 3


def head_echo(text: str, asked: str, reply: str, done: Done) -> str | None:
    """The claim names the customer's "Goldpaket" where a call holds "Silberpaket"."""
    carried = {w for _, vs in done for _, v in vs for w in _words(v)}
    told = _words(asked)
    said = _words(reply)
    claimed = [w for w in _words(text) if w in told and w not in carried and len(w) >= 8]
    if not claimed:
        return None
    for key, value in _values(done):
        if not key or _NOTE_KEY.search(key):
            continue
        for word in _words(value):
            if word in said or len(word) < 8:
                continue
            for other in claimed:
                if _head(other, word):
                    return f"the call has {key} {value!r} where the reply says {other!r}"
    return None


def name_echo(text: str, asked: str, reply: str, done: Done, german: bool) -> str | None:
    """In English or Dutch: the claim names the customer's capitalised word, the call holds a
    plain value of one or two words that neither the reply nor the claim names."""
    if german:
        return None
    tokens = _TOKEN.findall(text)
    carried = {w for _, vs in done for _, v in vs for w in _words(v)}
    told = set(_TOKEN.findall(asked))
    claimed = [
        t
        for i, t in enumerate(tokens[1:])
        if t[:1].isupper()
        and t[1:].isalpha()
        and t[1:].islower()
        and len(t) >= 4
        and t in told
        and t.lower() not in carried
        and not _DAY.fullmatch(t.lower())
        and tokens[i].lower() not in _PERSON_BEFORE
    ]
    if not claimed:
        return None
    said = _words(reply)
    for key, value in _values(done):
        if not key or _NOTE_KEY.search(key) or _FLAG.fullmatch(value.strip()):
            continue
        if not _PLAIN.fullmatch(value.strip()):
            continue
        plain = re.sub(r"\b(?:19|20)\d{2}\b", " ", value)
        own = [w for w in _WORD.findall(plain) if len(w) >= 4]
        if not own:
            continue
        if any(w.lower() in said for w in _WORD.findall(plain) if len(w) >= 3):
            continue
        if any(_beside(asked, name, own) for name in claimed):
            continue  # one name of the customer's, split ("Sam" of "Sam Berg")
        return f"the call has {key} {value!r} where the reply says {claimed[0]!r}"
    return None


def _beside(asked: str, name: str, words: Sequence[str]) -> bool:
    """Whether the customer wrote ``name`` right next to one of ``words``."""
    tokens = [t.lower() for t in _TOKEN.findall(asked)]
    low = {w.lower() for w in words}
    for i, token in enumerate(tokens):
        if token == name.lower() and low & set(tokens[max(0, i - 1) : i + 2]):
            return True
    return False


# The end of a range said in a claim: "bis 17. August", "until the 17th", "tot en met 17 mei",
# "t/m de 17e", "to 17 August".
_UNTIL: Final = re.compile(
    r"\b(?:bis(?:\s+(?:zum|einschlie(?:ß|ss)lich))?|until|till|through|to|tot(?:\s+en\s+met)?|t/m)"
    r"\s+(?:the\s+|de\s+|den\s+|dem\s+)?(\d{1,2})(?:\.|e\b|ste\b|de\b|th\b|st\b|nd\b|rd\b|"
    r"(?=\s+[A-Za-zä]{3,}))",
    re.IGNORECASE,
)
# Keys that hold the end of a range.
_END_KEY: Final = re.compile(r"(?:^|_)(?:bis|to|until|end|ende|einde|tot|tm|till)(?:_|$)", re.I)
_ISO_DAY: Final = re.compile(r"\b\d{4}-\d{2}-(\d{2})\b")


def until_echo(text: str, asked: str, reply: str, done: Done) -> str | None:
    """The claim ends a range on the day the customer asked ("bis 17. August") where the call's
    end key holds another day (``bis: 2026-08-10``) that the reply never names."""
    claimed = {int(d) for d in _UNTIL.findall(text)}
    told = {int(d) for d in re.findall(r"\b(\d{1,2})(?!\d)", asked)}
    claimed &= told
    if not claimed:
        return None
    said = {int(n) for n in re.findall(r"\b(\d{1,2})(?!\d)", reply)}
    for _, values in done:
        for key, value in values:
            if not _END_KEY.search(key):
                continue
            for day in (int(d) for d in _ISO_DAY.findall(value)):
                if day in claimed or day in said:
                    continue
                return f"the call has {key} {value!r} where the reply ends on the {min(claimed)}."
    return None


def echo_conflict(text: str, asked: str, reply: str, done: Done, german: bool) -> str | None:
    """Why the claim's clause ``text`` names the customer's value where a successful call
    (``done``) holds another of the same shape; None when it does not."""
    return (
        code_echo(text, asked, reply, done)
        or until_echo(text, asked, reply, done)
        or head_echo(text, asked, reply, done)
        or name_echo(text, asked, reply, done, german)
    )
