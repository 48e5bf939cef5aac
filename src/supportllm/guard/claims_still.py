"""A state said to hold still is no new deed (round 16).

"Ihre Buchung HD-88402 ist noch bestätigt", "your booking is still confirmed", "uw afspraak
staat nog steeds ingepland", "the order remains active": the copula with *still / noch / nog
(steeds)* right before the claim's participle or state word says nothing was done; it reports
what a look-up found (or what stayed in place). Not a deed with a first-person doer ("ich habe
Ihnen noch 10 € gutgeschrieben", "I've still refunded the fee"), and not German *noch* before a
time ("ist noch heute storniert worden"): the copula must come first, and no "worden / been /
werd" may follow.
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.claims_detect import Claim

__all__ = ["still_holds"]

_COPULA: Final = (
    r"(?:is|are|remains?|stays?|ist|sind|bleibt|bleiben|steht|stehen|zijn|blijft|blijven|"
    r"staat|staan|['’]s|['’]re)"
)
_STILL: Final = (
    r"(?:still|(?:immer\s+)?noch|weiterhin|nach\s+wie\s+vor|nog(?:\s+(?:steeds|altijd|gewoon))?|"
    r"steeds|gewoon\s+nog)"
)
# "heute", "am Freitag", "vandaag": a time after "noch / nog" makes it a deadline, not a state.
_TIME_AFTER: Final = re.compile(
    r"^(?:heute|morgen|am|im|in|vor|bis|vandaag|morgen|deze|voor|op|vóór|today|tonight|on|by|in)\b",
    re.IGNORECASE,
)
_BY_US: Final = re.compile(r"\b(?:I|we|ich|wir|ik|wij)\b(?:\s*['’](?:ve|ll|d))?", re.IGNORECASE)
_PASSIVE_AFTER: Final = re.compile(r"^\W*(?:worden|been|geworden|werd|wurde)\b", re.IGNORECASE)


def still_holds(claim: Claim) -> bool:
    """Whether the claim's verb is a state said to hold still ("ist noch bestätigt")."""
    if not claim.verb or _BY_US.search(claim.text):
        return False
    verb = re.escape(claim.verb)
    pattern = rf"\b{_COPULA}\s+(?:\S+\s+){{0,3}}?{_STILL}\s+((?:\S+\s+)?){verb}\b"
    for m in re.finditer(pattern, claim.text, re.IGNORECASE):
        if _TIME_AFTER.match(m.group(1)):
            continue
        if _PASSIVE_AFTER.match(claim.text[m.end() :]):
            continue
        return True
    return False
