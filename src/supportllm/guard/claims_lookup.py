"""A sentence that reads back a look-up's record is no deed (round 16).

After only a read-only call the reply often restates what the record holds, in the present:
"Ihr Jahresabo läuft bis zum 30. April 2027 mit drei Monaten Kündigungsfrist" (``laufzeit_bis:
2027-04-30``), "U huurt nu de eiken eettafel van 160 cm voor €29 per maand" (``maandprijs: 29``),
"Your plan renews on 4 May at £12" . Such a sentence shares words with the customer's request
("Jahresabo kündigen") and so was read as an echo of it — but it names numbers the look-up
returned, and the customer did not say: it tells what was found, not what was done. Only for a
sentence without a deed verb (a participle makes it a claim whatever it names), and only when
no state-changing call succeeded (then the sentence may tell what that call did).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from supportllm.guard.claims_detect import Claim
from supportllm.guard.ledger import ToolCall

__all__ = ["restates_lookup"]

_NUMBER: Final = re.compile(r"\d+")
# A deed's participle the tables may lack ("ausgetragen", "verzet", "moved"): not a state read.
_PARTICIPLE: Final = re.compile(
    r"\b(?:\w*ge\w{2,}(?:t|d|en)|\w{3,}ed|(?:be|ver|ont|er|zer|her)\w{2,}[td])\b(?!-)",
    re.IGNORECASE,
)


def _numbers(text: str) -> set[str]:
    return {n.lstrip("0") or "0" for n in _NUMBER.findall(text) if len(n) >= 2 or n != "0"}


def restates_lookup(
    claim: Claim, looked: Sequence[tuple[str, str, str]], asked: str, calls: Sequence[ToolCall]
) -> bool:
    """Whether a verbless claim, after look-ups alone (no state-changing call succeeded), names
    numbers a look-up's result holds and the request did not (``looked``: (tool, result text,
    arguments text) of each successful look-up)."""
    if claim.verb or not looked or any(c.ok for c in calls) or _PARTICIPLE.search(claim.text):
        return False
    said = _numbers(claim.text) - _numbers(asked)
    said -= {n for _, _, args in looked for n in _numbers(args)}  # the id looked up
    if not said:
        return False
    found = {n for _, result, _ in looked for n in _numbers(result)}
    return bool(said & found)
