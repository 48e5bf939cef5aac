"""A slot a look-up only offered, stated as settled (issue 16, item 4, round 11): after
``get_engineer_slots`` listed 18 and 19 June and nothing was booked, "The engineer comes on
Tuesday 18 June between 8 and 12" claims a booking no call made; so does the day a failed
booking call was for.

Only for a reply that asks nothing and a sentence that names an offered day without offering,
weighing, asking, trying or denying ("free", "or", "could", "tried", "not").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from supportllm.guard.claims_dates import dates_in
from supportllm.guard.claims_split import split_sentences

__all__ = ["settled_offer"]

_TENTATIVE: Final = re.compile(
    r"\b(?:free|available|open|slots?|options?|either|or|could|can|would|shall|may|might|if|"
    r"suggest|earliest|first|next|frei\w*|verf(?:ü|ue)gbar|möglich|oder|könnte|kann|können|"
    r"würde|wenn|falls|nächste\w*|früheste\w*|vrij|beschikbaar|mogelijk|of|kan|kunnen|zou|"
    r"als|eerstvolgende|eerste|volgende|tried|versucht|probiert|geprobeerd|not|nicht|niet|"
    r"kein\w*|geen|but|aber|maar)\b|n['’]t\b",
    re.IGNORECASE,
)


def settled_offer(reply: str, offers: Iterable[str], booked: bool) -> tuple[int, int] | None:
    """The span of a sentence of ``reply`` that states a day only the look-ups of free slots
    (their result texts, ``offers``) named, when no state-changing call succeeded (``booked``
    False); None otherwise."""
    if booked or "?" in reply:
        return None
    days = frozenset().union(*(dates_in(text) for text in offers))
    if not days:
        return None
    for start, end in split_sentences(reply):
        sentence = reply[start:end]
        if dates_in(sentence) & days and not _TENTATIVE.search(sentence):
            return (start, end)
    return None
