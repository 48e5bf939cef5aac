"""A deed claimed for a second thing when one call did it for the first (round 13).

"Both boxes are activated now — the living room one (STB-88410) and the bedroom one
(STB-88417)" after ``activate_device`` for STB-88410 alone; "Ihr Termin ist verschoben, und der
für Mia ebenfalls" after one ``termin_verschieben`` for the customer's number; "P.S. I've also
set up a day pass for Jonas" after ``book_meeting_room`` alone. Two readings, each with one
successful state-changing call in the conversation:

- **siblings**: the reply says "both" or "also" (beide, ebenfalls, auch, allebei, ook …) and the
  customer's message and the reply name two or more ids of one shape ("RP-4410 und RP-4417",
  "44902, Mias 44903") of which the call named one;
- **an added deed**: a claim sentence, after another claim, adds a deed with "also" ("I've also
  …", "… die in de schuur is ook gereset", "Den Sektempfang hab ich auch gleich mit
  eingetragen") — the one call backs the first, nothing backs the second.

A call whose arguments hold a list (``{"ids": [...]}``) names every id of it, so no sibling is left;
confirmations and e-mails sent about a deed are no second deed ("I've also sent you a
confirmation").
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.claims_detect import Claim, guess_language
from supportllm.guard.claims_values import alnum_upper
from supportllm.guard.claims_view import OWNED_UP
from supportllm.guard.ledger import ToolCall

__all__ = ["second_thing"]

# "also", "as well", "too" (at a clause's end), "ebenfalls", "auch", "ook", …; German "also"
# means "so", so the German set leaves it out.
_ALSO_WORDS: Final = r"likewise|as\s+well|ebenfalls|gleichfalls|auch|ook|eveneens|evenzo"
_TOO: Final = r"|\btoo\b(?=\s*(?:[.,;!—–)]|$))"
_ALSO: Final = re.compile(rf"\b(?:also|{_ALSO_WORDS})\b{_TOO}", re.IGNORECASE)
_ALSO_DE: Final = re.compile(rf"\b(?:{_ALSO_WORDS})\b{_TOO}", re.IGNORECASE)
# A deed claimed for all of several things: "all three", "alle drei", "de drie", "both".
_ALL: Final = re.compile(
    r"\b(?:all|alle|allebei|both|beide|every|each|jede[nrs]?|elke|three|four|five|drei|vier|"
    r"f(?:ü|ue)nf|drie|vijf)\b",
    re.IGNORECASE,
)
_BOTH: Final = re.compile(
    r"\b(?:both|beide|beiden|beides|allebei|allebeide|alle\s+(?:zwei|twee|beide))\b"
    r"|\bsowohl\b|\bzowel\b",
    re.IGNORECASE,
)
# An id: letters and digits with a dash or a long number ("STB-88410", "RB-1402", "44903").
_ID: Final = re.compile(r"\b([A-Z]{1,5})[- ]?(\d{3,8})\b|(?<![\d.,])(\d{5,8})(?!\d|[.,]\d)")
# Not a second deed: a confirmation, an e-mail or a message about the first one.
_NOTICE: Final = re.compile(
    r"\b(?:confirmation|receipt|e-?mail|sms|text\s+message|bestätigung|bestaetigung|"
    r"bevestiging|mail|nachricht|bericht|quittung|kwitantie)\b",
    re.IGNORECASE,
)
# A deed said in the added clause: a participle or a first person with a verb.
_DEED: Final = re.compile(
    r"\b(?:i['’]ve|i\s+have|we['’]ve|we\s+have|hab(?:e)?\s+ich|ich\s+hab\w*|haben\s+wir|"
    r"heb\s+ik|ik\s+heb|hebben\s+we)\b"
    r"|\b(?:ge\w{3,}(?:d|t)|\w{3,}(?:ed|iert))\b"
    # an auxiliary and an irregular participle: "is reset too", "wurde auch gesetzt"
    r"|\b(?:is|are|was|were|been|ist|sind|wurde|wurden|zijn|werd|werden)\s+(?:\w+\s+)?"
    r"(?:reset|set|put|sent|paid|made|done|cut|shut|fixed|back\s+on|on|off|aan|uit|an|aus)\b",
    re.IGNORECASE,
)


def _shape(prefix: str, digits: str) -> tuple[str, int]:
    return (prefix.upper(), len(digits))


def _ids(text: str) -> dict[str, tuple[str, int]]:
    """The ids a text names, each with its shape (letters, number of digits)."""
    out: dict[str, tuple[str, int]] = {}
    for m in _ID.finditer(text):
        if m.group(3):
            out[m.group(3)] = _shape("", m.group(3))
        else:
            out[m.group(1).upper() + m.group(2)] = _shape(m.group(1), m.group(2))
    return out


def _sibling_left(reply: str, asked: str, call: ToolCall) -> str | None:
    """An id of the same shape as one the call named, named by the customer or the reply, that
    the call did not name (the second thing), or None."""
    named = {alnum_upper(v) for _, v in call.values}
    said = {**_ids(asked), **_ids(reply)}
    done = {shape for key, shape in said.items() if any(key in n for n in named)}
    left = [
        key for key, shape in said.items() if shape in done and not any(key in n for n in named)
    ]
    return left[0] if left else None


# Two names or numbers joined: "Luna and Pepper", "Paul und Greta", "KW 28 und KW 29".
_PAIR: Final = re.compile(
    r"\b([A-ZÄÖÜ][\w'’-]+|\d{1,4})\s+(?:and|und|en|&)\s+(?:(?:KW|week|Woche|wk)\s+)?"
    r"([A-ZÄÖÜ][\w'’-]+|\d{1,4})\b"
)
_TOKEN: Final = re.compile(r"[^\W_]+")


def _pair_left(text: str, asked: str, call: ToolCall) -> str | None:
    """The second of two names or numbers the claim joins ("Luna and Pepper are both booked")
    that the customer asked for and the call's values do not name, when they name the first."""
    told = {t.lower() for _, v in call.values for t in _TOKEN.findall(v)}
    wanted = {t.lower() for t in _TOKEN.findall(asked)}
    for m in _PAIR.finditer(text):
        a, b = m.group(1).lower(), m.group(2).lower()
        if a == b or a.isdigit() != b.isdigit():
            continue
        for have, other in ((a, b), (b, a)):
            if have in told and other not in told and other in wanted:
                return m.group(2) if other == b else m.group(1)
    return None


def _added_deed(claims: list[Claim], call: ToolCall, also: re.Pattern[str]) -> Claim | None:
    """A claim that adds a deed with "also" after another claim's deed: a later sentence, or a
    clause after the first one's in the same sentence."""
    first = min((c.span[0] for c in claims), default=0)
    for claim in claims:
        for m in also.finditer(claim.text):
            before = claim.text[: m.start()]
            later = claim.span[0] > first or re.search(r"[,;—–]|\b(?:and|und|en)\b", before)
            if not later:
                continue
            clause = _clause_at(claim.text, m.start())
            if _NOTICE.search(clause) or _RELATIVE.search(clause):
                continue
            earlier = " ".join(c.text for c in claims if c.span[0] < claim.span[0])
            if _said_by(clause, call, earlier + " " + claim.text[: claim.text.find(clause)]):
                continue
            if not _DEED.search(clause) and claim.span[0] == first:
                continue
            return claim
    return None


# A clause that describes the first deed's effect ("waarmee uw fiets ook … gedekt is").
_RELATIVE: Final = re.compile(
    r"\b(?:which|where(?:by)?|so\s+that|waarmee|waardoor|waarbij|womit|wodurch|wobei|damit|"
    r"sodass|zodat)\b",
    re.IGNORECASE,
)
_STEM: Final = re.compile(r"[^\W\d_]{4,}")
_HAVE_DONE: Final = re.compile(
    r"\b(?:i['’]ve|we['’]ve|have|has|hab(?:e)?\s+ich|heb\s+ik|hebben\s+we)\s+(?:also\s+|auch\s+|"
    r"ook\s+)?([^\W\d_]{4,})",
    re.IGNORECASE,
)


def _said_by(clause: str, call: ToolCall, before: str) -> bool:
    """Whether the call's arguments or result name the clause's deed ("I've reset the attempts
    counter too" after a result with ``failed_attempts_reset: true``) and the text before did
    not claim the same deed already ("… is gereset, en die in de schuur is ook gereset": the
    result tells of one)."""
    told = " ".join(f"{k} {v}" for k, v in call.values).lower() + " " + " ".join(call.said)
    verbs = [w.lower() for w in _STEM.findall(clause) if _DEED.fullmatch(w)]
    verbs += [m.group(1).lower() for m in _HAVE_DONE.finditer(clause)]
    first = before.lower()
    return any(w[:5] in told and w[:5] not in first for w in verbs)


_CLAUSE_END: Final = re.compile(r"[,;—–]|\b(?:and|but|und|aber|en|maar)\b", re.IGNORECASE)


def _clause_at(text: str, at: int) -> str:
    """The clause of ``text`` around the character ``at``."""
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, at)]
    start = starts[-1] if starts else 0
    end_m = _CLAUSE_END.search(text, at)
    return text[start : end_m.start() if end_m else len(text)]


def second_thing(
    reply: str, asked: str, claims: list[Claim], calls: list[ToolCall], lang: str | None = None
) -> tuple[Claim, str] | None:
    """The claim that states a deed for a second thing no call did, and why; or None. In German
    "also" means "so" and is no "also" (``lang``, else guessed from the reply)."""
    also = _ALSO_DE if (lang or guess_language(reply) or "").startswith("de") else _ALSO
    done = [c for c in calls if c.ok]
    partial = [c for c in done if c.partial]
    if partial and not OWNED_UP.search(reply):  # not when it says what failed
        for claim in claims:
            if _ALL.search(claim.text):
                why = f"claims it for all, but {partial[0].tool} did not do some of them"
                return claim, why
    if len(done) != 1 or not claims:
        return None
    call = done[0]
    marked = [c for c in claims if _BOTH.search(c.text) or also.search(c.text)]
    if marked:
        left = _sibling_left(" ".join(c.text for c in marked), asked, call)
        if left:
            why = f"claims it for {left} too, but the one successful call ({call.tool}) was not"
            return marked[0], why
    for claim in claims:
        left = _pair_left(claim.text, asked, call)
        if left:
            why = f"claims it for {left} too, but the one successful call ({call.tool}) was not"
            return claim, why
    added = _added_deed(claims, call, also)
    if added is not None:
        return added, f"claims a second deed, but one call succeeded ({call.tool})"
    return None
