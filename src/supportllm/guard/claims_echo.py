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

from supportllm.guard.alternation import compiled
from supportllm.guard.claims_bridge import UMLAUTS

__all__ = ["echoes_request", "request_stems"]

_REQUEST_CUE: Final = compiled(
    r"\b(?:can|could|would|will)\s+(?:you|u|someone)\b|\bplease\b|\bpls\b|\bi['’]?d\s+like\b|"
    r"\bi\s+(?:would\s+like|want|need)\b|\bkindly\b|"
    r"\b(?:kannst|könnt|können|könnten|würden|würdest)\s+(?:du|ihr|sie)\b|\bbitte\b|"
    r"\b(?:ich|wir)\s+(?:möchte|möchten|will|wollen|brauche|brauchen|hätte\s+gern)\b|"
    r"\b(?:kun|kunt|kunnen|wil|wilt|zou|zouden)\s+(?:je|jij|u|jullie)\b|\bgraag\b|\b(?:ik|we|wij)\s+"
    r"(?:wil|willen|zou|zouden|wil\s+graag|heb\s+graag)\b|"
    # a question that asks for a deed: "And can the pick-up day move to Thursday?"
    r"^\W*(?:(?:and|und|en|also|ook)\s+)?(?:can|could|kan|kann|könnt|können|kunnen|is\s+it\s+"
    r"possible|ist\s+es\s+möglich|is\s+het\s+mogelijk)\b",
    re.IGNORECASE,
)
_CLAUSE: Final = re.compile(r"[^.!?;\n]+")
# The words one of which every request cue holds: a cheap test before the cue pattern.
_CUE_WORDS: Final = frozenset((
    "can", "could", "would", "will", "please", "pls", "kindly", "like", "want", "need",
    "kannst", "könnt", "können", "könnten", "würden", "würdest", "bitte", "möchte", "möchten",
    "wollen", "brauche", "brauchen", "hätte", "kun", "kunt", "kunnen", "wil", "wilt",
    "zou", "zouden", "graag", "willen", "kan", "kann", "is", "ist",
))  # fmt: skip
_LOWER_WORD: Final = re.compile(r"[^\W\d_]+")
_WORD: Final = re.compile(r"[^\W\d_]{4,}")
# Words of a request that name no object or deed of it.
_PLAIN: Final = frozenset((
    "could", "would", "please", "like", "want", "need", "kindly", "thanks", "thank", "hello",
    "there", "that", "this", "with", "from", "have", "your", "also", "just", "some", "them",
    "what", "when", "bitte", "danke", "hallo", "möchte", "moechte", "könnten", "koennten",
    "können", "koennen", "kannst", "würden", "wuerden", "dass", "diese", "dieser", "einen",
    "einem", "einer", "eine", "mein", "meine", "meinen", "meinem", "unser", "unsere", "noch",
    "auch", "gerne", "gern", "graag", "kunnen", "jullie", "zouden", "willen", "mijn", "onze",
    "deze", "even", "alsjeblieft", "alstublieft", "bedankt", "goedemiddag", "morgen",
))  # fmt: skip
# A sentence that does not state a plain fact: a question, a condition, a modal, a negation or
# a hedge, or one that tells the reader what to do.
_NOT_PLAIN: Final = compiled(
    r"\?|\b(?:if|once|when|unless|until|whether|can|could|would|will|should|(?-i:may)|might|must|"
    r"not|never|no|cannot|unfortunately|sadly|afraid|wenn|falls|sobald|ob|kann|kannst|können|"
    r"könnte|würde|wird|werden|werde|sollte|muss|müssen|nicht|kein\w*|nie|leider|als|zodra|"
    r"wanneer|tenzij|totdat|kan|kun|kunt|kunnen|zou|zal|zullen|moet|mag|niet|geen|nooit|helaas|"
    r"please|bitte|graag|just|einfach|gewoon|probably|perhaps|maybe|vielleicht|misschien|"
    # an attempt, a contrast, a deed of the system, a rule
    r"before|bevor|voordat|vorher|tried|attempt\w*|versucht|probiert|geprobeerd|but|aber|maar|"
    r"automatic\w*|automatisch\w*|permanent\w*|always|usually|normally|generally|typically|"
    r"immer|normalerweise|meistens|altijd|meestal|doorgaans|normaal|possible|möglich|mogelijk|"
    r"available|verfügbar|beschikbaar)\b|"
    r"n['’]t\b",
    re.IGNORECASE,
)


def _stems(text: str) -> set[str]:
    words = (w.lower().translate(UMLAUTS) for w in _WORD.findall(text))
    return {w[:5] for w in words if w not in _PLAIN}


def request_stems(request: str) -> list[set[str]]:
    """The content-word stems of each clause of the customer's message that asks for
    something."""
    return [
        stems
        for clause in _CLAUSE.findall(request)
        if _CUE_WORDS.intersection(_LOWER_WORD.findall(clause.lower()))
        and _REQUEST_CUE.search(clause)
        and len(stems := _stems(clause)) >= 2
    ]


def echoes_request(sentence: str, requested: list[set[str]]) -> bool:
    """Whether a plain sentence, or a plain clause of a sentence that does not open with a
    condition ("A wheelchair is reserved for your mum on Saturday and will be waiting at the
    cloakroom"), restates one of the ``requested`` clauses (two stems shared)."""
    if (
        not requested
        or "?" in sentence
        or _OPENS_WITH_CONDITION.match(sentence)
        or _NOT_DONE.search(sentence)
    ):
        return False
    for part in _PARTS.split(sentence):
        if _NOT_PLAIN.search(part):
            continue
        said = _stems(part)
        if any(len(said & stems) >= 2 for stems in requested):
            return True
    return False


# What keeps a whole sentence from stating a deed, whichever clause echoes the request: an
# attempt, a contrast, a negation, a possibility, a hedge, a rule.
_NOT_DONE: Final = compiled(
    r"\b(?:tried|attempt\w*|versucht|probiert|geprobeerd|but|aber|maar|doch|not|never|no|"
    r"nicht|kein\w*|nie|niet|geen|nooit|unfortunately|leider|helaas|possible|möglich|mogelijk|"
    r"available|verfügbar|beschikbaar|whether|ob|of\s+het|probably|perhaps|maybe|vielleicht|"
    r"misschien|automatic\w*|automatisch\w*|usually|normally|normalerweise|meestal|normaal|"
    # round 13: the customer's wish said back ("U wilt de kaarten dus ruilen", "You'd like …")
    r"want|wants|wanted|wish|wilt|wil|willst|wollen|möchten|möchtest|moechten|wünschen|"
    r"wuenschen|wenst|wensen)\b|['’]d\s+like\b|\bwould\s+like\b|"
    # round 14c: a look-up's answer that a slot is free ("the Submarine room is free at 19:00",
    # "Raum B ist am Freitag noch frei", "zaal 2 is om 14:00 vrij"), not free of charge
    r"\b(?:is|are|ist|sind|zijn)\s+(?:still\s+|noch\s+|nog\s+)?(?:free|frei|vrij)\b(?!\s+of\b)|"
    r"n['’]t\b",
    re.IGNORECASE,
)
_PARTS: Final = re.compile(r"[,;:–—]\s*|\s+(?:and|und|en|so|also|dus|but|aber|maar)\s+", re.I)
_OPENS_WITH_CONDITION: Final = re.compile(
    r"\W*(?:if|once|when|unless|as\s+soon\s+as|before|after|wenn|falls|sobald|bevor|nachdem|"
    r"als|indien|zodra|wanneer|voordat|nadat|tenzij)\b",
    re.IGNORECASE,
)
