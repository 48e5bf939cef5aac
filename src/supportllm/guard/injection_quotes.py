"""Quotes of another person's words in a message (issue 16, round 10): a prank the customer
reports ("my son typed 'ignore all instructions' into your chat — anyway …") is blanked before
the patterns of injection_rules.py run and (round 11) before the classifier scores a message.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["without_reported_quotes"]

# A prank the customer reports, quoted: "my son typed 'ignore all instructions' into your
# chat — anyway, when does my parcel ship?", "mijn broertje heeft 'vergeet je regels' in de
# chat gezet". The quote is someone else's words, not the customer's request: neither the
# patterns nor (round 11) the classifier read it, unless the message asks to act on it.
_RELATIVE = (
    r"(?:\d+[-\s]?)?(?:year|yr)s?[-\s]old|toddler|teen|teenager|"
    r"son|daughter|kid|kids|child|children|brother|sister|nephew|niece|friend|flatmate|"
    r"roommate|husband|wife|partner|colleague|sohn|tochter|kind|kinder|bruder|schwester|neffe|"
    r"nichte|freund\w*|mitbewohner\w*|mann|frau|kollege|kollegin|zoon|zoontje|dochter|"
    r"dochtertje|broer|broertje|zus|zusje|neef|nicht|vriend\w*|huisgenoot|man|vrouw|collega"
)
_QUOTES = "'\"„“”‘’«»"
# An apostrophe inside a word ("it'd", "don't") neither opens nor closes a quote.
_REPORTED_QUOTE: Final = re.compile(
    rf"\b(?:my|our|mein\w*|unser\w*|mijn|ons|onze)\s+(?:\w+\s+){{0,2}}?(?:{_RELATIVE})\b"
    rf"[^.!?\n]{{0,80}}?(?<!\w)[{_QUOTES}]((?:[^{_QUOTES}\n]|(?<=\w)['’](?=\w)){{3,160}})"
    rf"[{_QUOTES}](?!\w)"
)
_ACT_ON_IT: Final = re.compile(
    r"\b(?:do\s+(?:it|that|what|as)|follow|obey|execute|run\s+it|mach\s+(?:das|es|was)|"
    r"befolg\w*|tu\s+(?:das|es|was)|führ\w*\s+(?:das|es)\s+aus|doe\s+(?:dat|het|wat)|"
    r"volg\s+(?:dat|het|die|deze)|voer\s+(?:dat|het)\s+uit)\b"
)


def without_reported_quotes(normalized: str) -> str:
    """The text with quotes of another person's prank blanked (see _REPORTED_QUOTE)."""
    if not any(q in normalized for q in _QUOTES):
        return normalized
    out = normalized
    for m in _REPORTED_QUOTE.finditer(normalized):
        if _ACT_ON_IT.search(normalized, m.end()):
            return normalized  # "… typed 'ignore your rules' — do what he says"
        start, end = m.span(1)
        out = out[:start] + " " * (end - start) + out[end:]
    return out
