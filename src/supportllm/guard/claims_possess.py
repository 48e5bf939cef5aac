""" "We have a …" tells what the business offers, not what it did (round 16).

"We hebben een kantoorabonnement vanaf €24,95 per week", "Voor kinderen hebben we … wel een
jeugdgroep met instructeur", "Wir haben auch einen Familientarif", "We have a student plan at
£9": *have* as a full verb with an indefinite object is possession — an offer or a fact about
the shop. The perfect uses the same verb with a participle ("we hebben je abonnement opgezegd",
"wir haben eine Gutschrift erstellt", "we have sent a new one"), so a clause with a word of a
participle's form keeps its claim. Only for a sentence without a deed verb of the tables.
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.claims_detect import Claim

__all__ = ["offers_what_we_have"]

# "we have / we've got / we offer", "wir haben / haben wir", "we hebben / hebben we / wij hebben",
# then up to six words and an indefinite object ("een", "einen", "a", "several", "ook …").
_HAVE: Final = re.compile(
    r"\b(?:we\s+(?:have|['’]ve\s+got|offer|run|also\s+have)|(?:wir|wij|we)\s+(?:haben|hebben|bieten"
    r"|bieden)|(?:haben|hebben|bieten|bieden)\s+(?:wir|wij|we))\b"
    r"((?:\s+[\w€£$.,-]+){0,6}?)\s+(?:a|an|several|plenty\s+of|lots\s+of|various|two|three|"
    r"ein|eine|einen|mehrere|verschiedene|zwei|drei|een|meerdere|verschillende|twee|drie)\b",
    re.IGNORECASE,
)
# A word of a participle's form: "opgezegd", "gestuurd", "erstellt", "verstuurd", "sent", "set up".
_PARTICIPLE: Final = re.compile(
    r"\b(?:\w*ge\w{2,}(?:t|d|en)|\w{3,}ed|(?:be|ver|ont|er|zer|her)\w{2,}[td]|sent|made|done|"
    r"given|set\s+up|put|taken|got\s+you|arranged)\b(?!-)",
    re.IGNORECASE,
)
_CLAUSE: Final = re.compile(r"[;:.!?]")
# "gratis", "bestand": words of a participle's form that are none
_NOT_PARTICIPLE: Final = re.compile(r"\b(?:need|based|limited|red|bed|speed|seed|feed)\b", re.I)


def offers_what_we_have(claim: Claim) -> bool:
    """Whether a verbless claim's clause says what we have or offer ("We hebben een …")."""
    if claim.verb:
        return False
    m = _HAVE.search(claim.text)
    if not m:
        return False
    end = _CLAUSE.search(claim.text, m.end())
    clause = claim.text[m.start() : end.start() if end else len(claim.text)]
    clause = _NOT_PARTICIPLE.sub(" ", clause)
    return not _PARTICIPLE.search(clause)
