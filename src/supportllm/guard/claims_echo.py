"""A reply sentence that says the customer's request is fulfilled (round 12).

"Could you reserve one of your wheelchairs for my mum on Saturday?" answered by "A wheelchair is
reserved for your mum on Saturday and will be waiting at the cloakroom": the sentence restates
the request as a fact. The sentence scorer reads such states weakly (they have no first-person
deed), so a sentence that shares two content words of a request clause (words of four letters or
more, compared by their first five letters: "reserve" / "reserved", "Rollstuhl" /
"Rollstühle") and states them plainly — no question, condition, modal, negation or hedge — is a
claim to be checked against the calls. Only request clauses count: ones that ask ("can you",
"please", "I'd like", "könnten Sie", "bitte", "ich möchte", "kunnen jullie", "graag", "ik wil").
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["echoes_request", "request_stems"]

_REQUEST_CUE: Final = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u|someone)\b|\bplease\b|\bpls\b|\bi['’]?d\s+like\b|"
    r"\bi\s+(?:would\s+like|want|need)\b|\bkindly\b|"
    r"\b(?:kannst|könnt|können|könnten|würden|würdest)\s+(?:du|ihr|sie)\b|\bbitte\b|"
    r"\b(?:ich|wir)\s+(?:möchte|möchten|will|wollen|brauche|brauchen|hätte\s+gern)\b|"
    r"\b(?:kun|kunt|kunnen|wil|wilt|zou|zouden)\s+(?:je|jij|u|jullie)\b|\bgraag\b|\b(?:ik|we|wij)\s+"
    r"(?:wil|willen|zou|zouden|wil\s+graag|heb\s+graag)\b",
    re.IGNORECASE,
)
_CLAUSE: Final = re.compile(r"[^.!?;\n]+")
_WORD: Final = re.compile(r"[^\W\d_]{4,}")
_UMLAUTS: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Words of a request that name no object or deed of it.
_PLAIN: Final = frozenset((
    "could", "would", "please", "like", "want", "need", "kindly", "thanks", "thank", "hello",
    "there", "that", "this", "with", "from", "have", "your", "also", "just", "some", "them",
    "what", "when", "bitte", "danke", "hallo", "möchte", "moechte", "könnten", "koennten",
    "können", "koennen", "kannst", "würden", "wuerden", "dass", "diese", "dieser", "einen",
    "einem", "einer", "eine", "mein", "meine", "meinen", "meinem", "unser", "unsere", "noch",
    "auch", "gerne", "gern", "graag", "kunnen", "jullie", "zouden", "willen", "mijn", "onze",
    "deze", "even", "alsjeblieft", "alstublieft", "bedankt", "hallo", "goedemiddag", "morgen",
))  # fmt: skip
# A sentence that does not state a plain fact: a question, a condition, a modal, a negation or
# a hedge, or one that tells the reader what to do.
_NOT_PLAIN: Final = re.compile(
    r"\?|\b(?:if|once|when|unless|until|whether|can|could|would|will|should|may|might|must|"
    r"not|never|no|cannot|unfortunately|sadly|afraid|wenn|falls|sobald|ob|kann|kannst|können|"
    r"könnte|würde|wird|werden|werde|sollte|muss|müssen|nicht|kein\w*|nie|leider|als|zodra|"
    r"wanneer|tenzij|totdat|kan|kun|kunt|kunnen|zou|zal|zullen|moet|mag|niet|geen|nooit|helaas|"
    r"please|bitte|graag|just|einfach|gewoon|probably|perhaps|maybe|vielleicht|misschien|"
    # an attempt, a contrast, a deed of the system, a rule
    r"before|bevor|voordat|vorher|tried|attempt\w*|versucht|probiert|geprobeerd|but|aber|maar|"
    r"automatic\w*|automatisch\w*|permanent\w*|always|usually|normally|generally|typically|"
    r"immer|normalerweise|meistens|altijd|meestal|doorgaans|normaal)\b|"
    r"n['’]t\b",
    re.IGNORECASE,
)


def _stems(text: str) -> set[str]:
    words = (w.lower().translate(_UMLAUTS) for w in _WORD.findall(text))
    return {w[:5] for w in words if w not in _PLAIN}


def request_stems(request: str) -> list[set[str]]:
    """The content-word stems of each clause of the customer's message that asks for
    something."""
    return [
        stems
        for clause in _CLAUSE.findall(request)
        if _REQUEST_CUE.search(clause) and len(stems := _stems(clause)) >= 2
    ]


def echoes_request(sentence: str, requested: list[set[str]]) -> bool:
    """Whether a plain sentence restates one of the ``requested`` clauses (two stems shared)."""
    if not requested or _NOT_PLAIN.search(sentence):
        return False
    said = _stems(sentence)
    return any(len(said & stems) >= 2 for stems in requested)
