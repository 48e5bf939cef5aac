"""States that say a deed is done, in German and Dutch, with a verb of position (round 15).

Dutch and German say a booking, a reservation or a hold is in place with "staat", "ligt",
"steht", "liegt" rather than with a perfect: "Max staat ingepland voor een trimbeurt", "De
verhuislift staat gereserveerd", "De Olaplex ligt voor je klaar bij de kassa", "Ihr Paket liegt
für Sie in der Filiale bereit", "Ihr Tarif steht ab dem 1. Juli auf Basis". The tables read
"ist … gebucht" and "is … geboekt"; these read the position verb with a lexicon of the states a
deed leaves (scheduled, reserved, noted, ready *for you*) — not with one writer's phrases.

Blocked like the tables' frames: a question, a negation, "nog"/"noch" (a state that still
holds is a report), a condition, a modal or future verb anywhere before the state's end.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["stative"]

# "staat (nu/al/alvast/inmiddels) ingepland", "staan gereserveerd"
_NL_PLACED: Final = re.compile(
    r"\b(?:staat|staan)\s+(?:(?:nu|al|alvast|inmiddels|vanaf\s+nu)\s+)*"
    r"(ingepland|gepland|gereserveerd|geboekt|genoteerd|vastgelegd|ingeroosterd|"
    r"vastgezet|klaargezet|aangemeld|ingeschreven)\b",
    re.IGNORECASE,
)
# "ligt voor je klaar", "staan voor u klaar bij de kassa": ready *for you*
_NL_READY: Final = re.compile(
    r"\b(?:ligt|liggen|staat|staan)\s+(?:\S+\s+){0,3}?voor\s+(?:je|jou|u|jullie)\s+"
    r"(?:\S+\s+){0,3}?(klaar)\b",
    re.IGNORECASE,
)
# "liegt für Sie in der Filiale bereit", "steht für dich zur Abholung bereit"
_DE_READY: Final = re.compile(
    r"\b(?:liegt|liegen|steht|stehen)\s+(?:\S+\s+){0,4}?f(?:ü|ue)r\s+(?:Sie|dich|euch)\s+"
    r"(?:\S+\s+){0,4}?(bereit)\b",
)
# "steht ab dem 1. Juli auf Basis", "steht ab sofort auf monatlich"
_DE_FROM: Final = re.compile(
    r"\b(?:steht|stehen)\s+ab\s+(?:dem\s+|sofort\b|heute\b|morgen\b|nächste\w*\b|\d)"
    r"(?:[^,.;:!?]|(?<=\d)\.){0,30}?\b(auf)\s+(?-i:[A-Z0-9])",
    re.IGNORECASE,
)
_PATTERNS: Final = {"nl": (_NL_PLACED, _NL_READY), "de": (_DE_READY, _DE_FROM)}
_BLOCK: Final = re.compile(
    r"\?|\b(?:niet|geen|nooit|nog|als|indien|zodra|wanneer|zou|zouden|kan|kunnen|moet|moeten|"
    r"zal|zullen|wil|wilt|willen|mag|graag|nicht|kein\w*|nie|noch|wenn|falls|sobald|ob|würde|"
    r"würden|kann|können|muss|müssen|wird|werden|soll|sollen|möchten|möchtest|wollen|willst|"
    r"bitte|dürfen|darf)\b",
    re.IGNORECASE,
)


def stative(sentence: str, lang: str) -> tuple[int, int] | None:
    """The span of the state word ("ingepland", "klaar", "bereit", "auf") when ``sentence``
    says a deed is done with a verb of position; None otherwise."""
    for pattern in _PATTERNS.get(lang, ()):
        m = pattern.search(sentence)
        if m and not _BLOCK.search(sentence, 0, m.end()):
            return m.start(1), m.end(1)
    return None
