"""Whether an id a claim names is one a call was for (round 16).

The reply may write an id with the prefix the business shows customers ("ORD-30417", "BK-318")
while the call took the bare number (``"order_id": "30417"``), or the other way round: the
same digits with a letter prefix on one side only are one id. Two different digit strings
("48812" and "48821") and two different prefixes ("ORD-30417", "INV-30417") stay apart.
"""

from __future__ import annotations

import re
from typing import Final

# A letter prefix and the digits after it ("ORD30417" after normalising "ORD-30417").
_PREFIXED: Final = re.compile(r"([A-Z]{1,4})(\d{3,})")


def _bare(value: str) -> str | None:
    """The digits of a letter-prefixed id, or None when ``value`` has no such form."""
    m = _PREFIXED.fullmatch(value)
    return m.group(2) if m else None


def among(named: str, have: set[str]) -> bool:
    """Whether an object the claim names is one a call was for; an id may be the end of the
    call's ("card ending 8812" for "card_8812", "key ending a91f" for "key_live_a91f"), or the
    call's bare digits with a letter prefix ("ORD-30417" for "30417")."""
    if named in have:
        return True
    kind, _, value = named.partition(":")
    if kind != "id":
        return False
    if len(value) >= 4 and any(h.endswith(value) for h in have):
        return True
    digits = _bare(value)
    return digits is not None and f"id:{digits}" in have
