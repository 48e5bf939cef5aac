"""Values a claim names as the old ones (round 16).

"Sie zahlen jetzt 72 € statt 90 €", "you now pay £72 instead of £90", "u betaalt €72 in plaats
van €90", "£72, not £90", "von 90 € auf 72 € gesenkt": the value after *instead of* (or before
*to* in a *from … to* change) is what the thing was, not what the call did, and is not compared
with the call's values. A value the claim also names outside such a phrase still counts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from supportllm.guard.claims_detect import Claim
from supportllm.guard.ledger import extract_objects

__all__ = ["without_old", "without_old_values"]

# The old value's phrase: the marker and what follows it up to the next clause mark.
_OLD: Final = re.compile(
    r"(?:\binstead\s+of|\brather\s+than|,\s*not|\b(?:an)?statt|\banstelle\s+von|"
    r"\bin\s+plaats\s+van|\bi\.p\.v\.|\bniet\s+meer|\bnicht\s+mehr|\bno\s+longer|"
    r"\b(?:previously|formerly|vorher|bisher|voorheen)\b)"
    r"[^,;:.!?()\n]{0,30}",
    re.IGNORECASE,
)
# "from £90 to £72", "von 90 € auf 72 €", "van €90 naar €72": the first value is the old one.
_FROM_TO: Final = re.compile(
    r"\b(?:from|von|van)\s+([^,;:.!?()\n]{1,20}?)\s+(?:to|auf|naar|in)\s+\S",
    re.IGNORECASE,
)


def _old_objects(text: str) -> set[str]:
    old: set[str] = set()
    for m in _OLD.finditer(text):
        old.update(extract_objects(m.group()))
    for m in _FROM_TO.finditer(text):
        old.update(extract_objects(m.group(1)))
    return old


def without_old(text: str) -> str:
    """The text without its old-value phrases ("instead of …", "from £90 to")."""
    text = _OLD.sub(" ", text)
    return _FROM_TO.sub(lambda m: m.group().replace(m.group(1), " "), text)


def without_old_values(claim: Claim) -> Claim:
    """``claim`` without the amounts and ids it names only as the old ones."""
    old = {o for o in _old_objects(claim.text) if not o.startswith("id:")}
    if not old:
        return claim
    kept = set(extract_objects(without_old(claim.text)))
    objects = tuple(o for o in claim.objects if o not in old or o in kept)
    return claim if objects == claim.objects else replace(claim, objects=objects)
