"""Round 16: claims that read as a report, an offer or a side effect, not as a deed.

One entry point for the checker (``not_a_deed``), so that claims.py stays small:

- a state said to hold *still* (claims_still.py);
- *we have* + an indefinite object: an offer (claims_possess.py);
- work a look-up's record shows done, after look-ups alone (claims_worklog.py);
- a re-issued document sent after the change that made it: "Het nieuwe e-ticket is naar je
  mail gestuurd" after ``naam_wijzigen {"ticket": …}`` succeeded, "the updated invoice has been
  emailed to you" after ``change_booking {"booking": …}`` — *new / updated / neue / nieuwe* and a
  noun a successful call's name or argument keys name (ticket, booking, invoice …). A new
  document of a thing no call touched ("your new card has been sent") keeps its claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from supportllm.guard.claims_bridge import same_deed, tool_words
from supportllm.guard.claims_clauses import own_text
from supportllm.guard.claims_detect import Claim
from supportllm.guard.claims_possess import offers_what_we_have
from supportllm.guard.claims_still import still_holds
from supportllm.guard.claims_worklog import done_per_record
from supportllm.guard.ledger import ToolCall

__all__ = ["not_a_deed"]

# "the new e-ticket", "die aktualisierte Rechnung", "de aangepaste factuur": a re-issued thing.
_REISSUED: Final = re.compile(
    r"\b(?:new|updated|revised|amended|corrected|neue[nmrs]?|aktualisierte[nmrs]?|"
    r"geänderte[nmrs]?|korrigierte[nmrs]?|nieuwe|aangepaste|bijgewerkte|gewijzigde|"
    r"gecorrigeerde)\s+(?:e-?)?([a-zäöüß]{4,})",
    re.IGNORECASE,
)


def _reissued(claim: Claim, calls: Sequence[ToolCall]) -> bool:
    if not claim.verb or not same_deed(claim.verb, "sent"):
        return False
    nouns = [m.group(1).lower() for m in _REISSUED.finditer(own_text(claim))]
    if not nouns:
        return False
    for call in calls:
        if not call.ok:
            continue
        words = set(tool_words(call.tool)) | {k.lower() for k, _ in call.values}
        if any(n.startswith(w) or w.startswith(n) for n in nouns for w in words if len(w) >= 4):
            return True
    return False


def not_a_deed(
    claim: Claim, looked: Sequence[tuple[str, str, str]], calls: Sequence[ToolCall]
) -> bool:
    """Whether the claim reads as a report, an offer or a side effect of a done change."""
    return (
        still_holds(claim)
        or offers_what_we_have(claim)
        or done_per_record(claim, looked, calls)
        or _reissued(claim, calls)
    )
