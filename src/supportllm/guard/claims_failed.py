"""A claim that states what a failed call asked for (round 12).

"Gern erledigt: Ab nächster Woche bekommen Sie 120 Bademäntel, und die Lieferung kommt künftig
dienstags" after ``liefermenge_aendern`` succeeded and ``liefertag_aendern`` with ``"tag":
"dienstag"`` failed: the claim is backed by the first call, but its other half names the value
only the failed call was for. A value counts when no successful call has it too (the contract
both calls name is no evidence either way) and it is distinctive: a word of three letters or more
("mat", "dienstag", "Familie") or a number of two digits or more. A word matches a reply word that
starts with it and is at most three letters longer ("dienstag" / "dienstags"); umlauts are read
both ways ("Öko" / "oeko").
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.claims_bridge import UMLAUTS
from supportllm.guard.ledger import ToolCall

__all__ = ["failed_value", "failed_value_in_parts", "names_asked_value"]

_WORD: Final = re.compile(r"[^\W\d_]{3,}|\d+(?:[.,]\d+)?")
# Argument keys that name who or what the call was about rather than what it asked for: a
# customer number or an order is shared by every call for that customer.
_WHO: Final = re.compile(
    r"(?:^|_)(?:id|ids|nr|no|number|nummer|customer|kunde|kunden\w*|klant\w*|account|konto|user|"
    r"gebruiker|member|mitglied|lid|contract|vertrag|order|bestellung|bestelling|booking|buchung|"
    r"boeking|ticket|ref|reference|referenz|email|e_mail|phone|telefon|date|datum|time|zeit|"
    r"tijd|reason|grund|reden|note|notiz|notitie|comment|kommentar|opmerking)(?:_|$)",
    re.IGNORECASE,
)
# Words of arguments that say nothing about the customer's request ("true", "new", "all").
_EMPTY: Final = frozenset((
    "true", "false", "none", "null", "new", "all", "yes", "the", "and", "for", "per", "von",
    "und", "der", "die", "das", "een", "het", "van",
))  # fmt: skip


def _norm(word: str) -> str:
    return word.lower().translate(UMLAUTS).replace(",", ".")


def _words(value: str) -> set[str]:
    return {w for w in (_norm(m) for m in _WORD.findall(value)) if w not in _EMPTY}


def _asked(call: ToolCall) -> set[str]:
    """The distinctive words and numbers a call's arguments asked for."""
    out: set[str] = set()
    for key, value in call.values:
        if _WHO.search(key):
            continue
        for word in _words(value):
            if not word[0].isdigit():
                out.add(word)
            elif len(_number(word).replace(".", "")) >= 2:
                out.add(_number(word))
    return out


def _number(word: str) -> str:
    """A number as the two sides are compared: "24.0" and "24" alike, "40.50" as "40.5"."""
    return word.rstrip("0").rstrip(".") if "." in word else word


def _named(word: str, text_words: set[str]) -> bool:
    if word[0].isdigit():
        return word in text_words
    return any(
        t == word
        or (t.startswith(word) and (len(t) - len(word) <= 3 or len(word) >= 6))
        or (len(word) >= 5 and t.endswith(word))  # "Kinderturnen" names "turnen"
        for t in text_words
    )


def failed_value(text: str, calls: list[ToolCall]) -> str | None:
    """The failed call and value that the claim's ``text`` states as done, or None: a value
    of a call that did not succeed (not retried with success) that no successful call had."""
    failed = [c for c in calls if not c.ok]
    if not failed:
        return None
    done: set[str] = set()
    for c in calls:
        if c.ok:
            done |= _words(" ".join(v for _, v in c.values))
    text_words = {_number(w) if w[0].isdigit() else w for w in _words(text)}
    for call in failed:
        if any(c.ok and c.tool == call.tool and set(call.values) <= set(c.values) for c in calls):
            continue  # retried with the same arguments, and it worked
        for word in sorted(_asked(call) - done):
            if _named(word, text_words):
                return f"names {word!r}, which only the failed {call.tool} call asked for"
    return None


def names_asked_value(text: str, call: ToolCall) -> bool:
    """Whether ``text`` names a distinctive word (five letters or more) or number that the
    call's arguments asked for: "je contributie wordt voortaan maandelijks afgeschreven" names
    ``betaaltermijn_wijzigen``'s ``"termijn": "maandelijks"``."""
    text_words = {_number(w) if w[0].isdigit() else w for w in _words(text)}
    # round 13: a number written in groups ("06-12093345" for "0612093345")
    text_words |= {_number(n) for n in re.findall(r"\d{6,}", _JOINED_DIGITS.sub("", text))}
    return any(
        _named(word, text_words) for word in _asked(call) if word[0].isdigit() or len(word) >= 5
    )


_PARTS: Final = re.compile(r"[,;:–—]\s*|\s+(?:and|und|en)\s+", re.IGNORECASE)
_JOINED_DIGITS: Final = re.compile(r"(?<=\d)[ ./-](?=\d)")
# A clause that does not state the value as done: a negation, a contrast, a wish, a modal.
_NOT_STATED: Final = re.compile(
    r"\b(?:not|no|never|but|unfortunately|if|could|would|can|will|may|might|nicht|kein\w*|nie|"
    r"aber|leider|wenn|falls|kann|könnte|würde|wird|niet|geen|nooit|maar|helaas|als|kan|kon|"
    r"zou|zal|full|voll|vol|waitlist|warteliste|wachtlijst)\b|n['’]t\b",
    re.IGNORECASE,
)


def failed_value_in_parts(text: str, calls: list[ToolCall]) -> str | None:
    """``failed_value`` of the sentence's plain clauses ("… abgemeldet und ab Freitag beim
    Anfängerpilates dabei"): the claim's verb may sit in another clause than the value."""
    for part in _PARTS.split(text):
        if part.strip() and not _NOT_STATED.search(part):
            why = failed_value(part, calls)
            if why:
                return why
    return None
