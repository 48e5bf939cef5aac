"""Work the record says was done, told back after a look-up (round 16).

"Your boots have been resoled and the heels redone" after ``repair_status`` answered "resole +
heel block, status READY_FOR_PICKUP"; "ze hebben nieuwe zolen gekregen … liggen klaar" after
``reparatie_status`` answered "nieuwe zolen, status KLAAR": a change the tables do not name,
said without a doer of ours, whose verb's stem the look-up's result holds, tells what the
record shows was done before this conversation — not a deed taken in it. Only when no
state-changing call succeeded (then the sentence may be about that call) and only for unrouted
changes: a refund or a cancellation keeps its own checks. The stem is looked for in the result's
values, not its keys ("orders", "daily_limit" name fields), and a change said with "now / jetzt /
nu" is a new state, not a report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, Final

from supportllm.guard.claims_detect import Claim
from supportllm.guard.claims_generic import CHANGED
from supportllm.guard.ledger import ToolCall

__all__ = ["done_per_record"]

# A doer of ours as the subject ("I've resoled", "wir haben", "ik heb"); "our shop" is a place.
_BY_US: Final = re.compile(r"\b(?:I|we|ich|wir|ik|wij|uns)\b", re.IGNORECASE)


_NOW: Final = re.compile(r"\b(?:now|jetzt|nun|nu|ab\s+sofort|vanaf\s+nu|from\s+now)\b", re.I)


def _stem(word: str) -> str:
    stem = word.lower()
    if stem.startswith("ge") and len(stem) > 6:
        stem = stem[2:]
    return stem[:5]


def done_per_record(
    claim: Claim, looked: Sequence[tuple[str, str, str]], calls: Sequence[ToolCall]
) -> bool:
    """Whether an unrouted change claim, after look-ups alone, tells work the look-up's result
    names ((tool, result text, arguments text) of each successful look-up)."""
    if claim.action != CHANGED or not claim.verb or not looked or any(c.ok for c in calls):
        return False
    if len(claim.verb) < 5 or " " in claim.verb.strip():
        return False
    if _BY_US.search(claim.text):
        return False
    if _NOW.search(claim.text):
        return False  # "your limit is now £3,000": a change said as the new state
    seen = " ".join(" ".join(_values(result)) for _, result, _ in looked).lower()
    return _stem(claim.verb) in seen


# Keys whose value tells work done ("work": "resole + heel block") or a state ("status": "klaar").
_WORK_KEY: Final = re.compile(
    r"work|job|arbeit|werk|repair|reparat|service|done|performed|uitgevoerd|durchgef", re.I
)
_STATE_KEY: Final = re.compile(r"^(?:status|state|zustand|toestand|stand)$", re.I)


def _tells_work(key: str, value: str) -> bool:
    one_word = re.fullmatch(r"[^\W_]+", value) is not None
    return bool(_WORK_KEY.search(key) or (_STATE_KEY.match(key) and one_word))


def _values(result: str) -> list[str]:
    """What a result says was done: the whole text of a plain result; of a JSON one, the values
    of work keys, and a state key's value when it is one word ("klaar", not
    "klaar_voor_bereiding"). Other keys name fields ("orders", "daily_limit") or advice
    ("empfehlung": "tausch"), not work done."""
    try:
        data = json.loads(result)
    except ValueError:
        return [result]
    out: list[str] = []
    todo: list[tuple[str, Any]] = [("", data)]
    while todo:
        key, item = todo.pop()
        if isinstance(item, dict):
            todo.extend((str(k), v) for k, v in item.items())
        elif isinstance(item, list):
            todo.extend((key, v) for v in item)
        elif isinstance(item, str) and _tells_work(key, item):
            out.append(item)
    return out
