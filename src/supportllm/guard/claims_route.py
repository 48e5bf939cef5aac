"""Which action a claimed participle or state stands for: the nouns nearest to it, through the
routes of claims_lexicon.py ("refunded … the charge" is a refund, "cancelled … subscription" a
cancelled subscription). Used by claims_detect.py and claims_learned.py.
"""

from __future__ import annotations

import re

from supportllm.guard import claims_lexicon as lex
from supportllm.guard.claims_compile import Lang

__all__ = ["STATE_CLASS", "noun_route", "route"]

STATE_CLASS = "generic"

_AFTER_PREPOSITION = re.compile(
    r"\b(?:for|of|on|from|in|with|für|von|vom|zu|zur|zum|bei|voor|van|bij|uit|aan)\s+"
    r"(?:(?:the|your|this|that|die|der|den|dem|das|Ihre[mnrs]?|de|het|uw|je)\s+)?$",
    re.IGNORECASE,
)
# "no more charges", "keine weiteren Kosten", "geen kosten meer": a thing that stops, not the
# object of the action ("That's sorted — no more charges from us" after a cancellation).
_NO_MORE = re.compile(
    r"\b(?:no\s+(?:more|further)|keine\s+(?:weiteren|neuen)|geen\s+(?:verdere|nieuwe)?)\s*$",
    re.IGNORECASE,
)


def route(
    sentence: str,
    verb: str,
    s: int,
    e: int,
    clause_start: int,
    clause_end: int,
    tab: Lang,
    classes: tuple[tuple[str, re.Pattern[str]], ...],
    whole: bool = True,
) -> tuple[str | None, tuple[str, ...]]:
    verb_classes = [cls for cls, pat in classes if pat.fullmatch(verb)] or [STATE_CLASS]
    spans = ((clause_start, clause_end), (0, len(sentence)))
    for lo, hi in spans if whole else spans[:1]:
        positions: dict[str, int] = {}
        for cls, pat in tab.nouns:
            for nm in pat.finditer(sentence, lo, hi):
                distance = min(abs(nm.start() - e), abs(s - nm.end()))
                if _AFTER_PREPOSITION.search(sentence, max(0, nm.start() - 24), nm.start()):
                    distance += 1000  # "the address for order 5120": a modifier
                elif _NO_MORE.search(sentence, max(0, nm.start() - 24), nm.start()):
                    continue
                positions[cls] = min(positions.get(cls, distance), distance)
        best: tuple[int, int, str, tuple[str, ...]] | None = None
        for order, (cls, needs, action) in enumerate(lex.ROUTES):
            if cls not in verb_classes or not needs:
                continue
            if all(n in positions for n in needs):
                rank = (positions[needs[0]], order, action, (cls, *needs))
                if best is None or rank < best:
                    best = rank
        if best is not None:
            cls_, *needs_ = best[3]
            if "credit" in positions and cls_ != "refund":  # "promo code applied": a credit
                return best[2], ()
            return best[2], lex.ROUTE_ALTERNATIVES.get((cls_, tuple(needs_)), ())
    for cls, needs, action in lex.ROUTES:
        if cls in verb_classes and not needs:
            return action, lex.UNSPECIFIC.get(action, ())
    return None, ()


def noun_route(verb_classes: list[str], noun: str) -> str | None:
    """The action a verb of these classes takes on this noun alone."""
    for cls, needs, action in lex.ROUTES:
        if cls in verb_classes and needs == (noun,):
            return action
    return None
