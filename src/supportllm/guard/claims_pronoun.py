""" "That's processed." after a failed call; "hiermit vorgemerkt" after none (round 16).

A sentence that is only a pronoun and a completion ("That's processed.", "It's gone through!",
"Das ist erledigt.", "Dat is verwerkt.") claims the deed the conversation is about. When a
state-changing call of the conversation failed, and no call of the same tool succeeded after it,
and the reply does not say so, that sentence claims what failed.

A participle with *hereby / hiermit / hierbij / bij deze* ("Die Kündigung ist hiermit
vorgemerkt", "Your cancellation is hereby confirmed", "Uw opzegging is hierbij geregistreerd")
performs the deed in the saying: when no state-changing call succeeded, nothing backs it —
whatever the participle (the tables need not know "vorgemerkt").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from supportllm.guard.claims_detect import Claim
from supportllm.guard.claims_generic import CHANGED
from supportllm.guard.claims_split import split_sentences
from supportllm.guard.claims_view import OWNED_UP
from supportllm.guard.ledger import ToolCall

__all__ = ["hereby_done", "pronoun_done"]

_PRONOUN_DONE: Final = re.compile(
    r"\W*(?:(?:ok(?:ay)?|great|alright|perfect|right|prima|gut|super|top|oké|goed)\W+)?"
    r"(?:that|this|it|das|dies|es|dat|dit|het)\s*(?:['’]s|\s+is|\s+has\s+been|\s+ist|\s+wurde|"
    r"\s+werd|\s+was)\s+(?:now\s+|all\s+|jetzt\s+|nun\s+|nu\s+|alles\s+|already\s+|schon\s+|al\s+)?"
    r"(?:processed|done|sorted|complete[d]?|gone\s+through|taken\s+care\s+of|erledigt|bearbeitet|"
    r"verarbeitet|durch|abgeschlossen|geregeld|verwerkt|gedaan|afgehandeld|rond|gelukt)"
    r"(?:\s+(?:for\s+you|für\s+Sie|für\s+dich|voor\s+u|voor\s+je))?\s*[.!✅👍✔️]*\s*",
    re.IGNORECASE,
)


def pronoun_done(reply: str, calls: Sequence[ToolCall]) -> tuple[Claim, str] | None:
    """The first pronoun completion of a reply after a failed, unretried call, with why."""
    failed = [c for c in calls if not c.ok and not any(d.ok and d.tool == c.tool for d in calls)]
    if not failed or OWNED_UP.search(reply):
        return None
    for start, end in split_sentences(reply):
        sentence = reply[start:end]
        if _PRONOUN_DONE.fullmatch(sentence):
            claim = Claim(CHANGED, (start, end), sentence, (), sentence.strip())
            return claim, f"claims it is done, but the {failed[0].tool} call did not succeed"
    return None


_HEREBY: Final = re.compile(r"\b(?:hereby|hiermit|hierbij|bij\s+deze)\b", re.IGNORECASE)
_PARTICIPLE: Final = re.compile(
    r"\b(?:\w*ge\w{2,}(?:t|d|en)|\w{3,}ed|(?:be|ver|ont|er|zer|her|vor)\w{2,}[td])\b",
    re.IGNORECASE,
)
_NOT_DEED: Final = re.compile(
    r"\?|\b(?:if|wenn|falls|als|indien|can|kann|kan|could|könnte|would|würde|zou|please|bitte|"
    r"graag|not|nicht|niet|kein\w*|geen)\b",
    re.IGNORECASE,
)


def hereby_done(reply: str, calls: Sequence[ToolCall]) -> tuple[Claim, str] | None:
    """The first "hereby" deed of a reply when no state-changing call succeeded, with why."""
    if any(c.ok for c in calls):
        return None
    for start, end in split_sentences(reply):
        sentence = reply[start:end]
        here = _HEREBY.search(sentence)
        if not here or _NOT_DEED.search(sentence):
            continue
        verb = _PARTICIPLE.search(sentence, here.end())
        if verb and verb.start() - here.end() < 40:
            claim = Claim(CHANGED, (start, end), sentence, (), verb.group())
            return claim, f"claims a change ({verb.group()!r}) without any successful call"
    return None
