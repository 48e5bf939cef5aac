"""Checks of a whole reply that find a violation without a claim sentence to hang it on
(issue 16, item 4): a slot a look-up only offered stated as settled, a visit promised for a set
time that no call booked, more listed deeds than successful calls, "Both done!" after one call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from supportllm.guard.alternation import compiled
from supportllm.guard.claims_clauses import clock_times
from supportllm.guard.claims_dates import dates_in
from supportllm.guard.claims_detect import Claim
from supportllm.guard.claims_generic import CHANGED
from supportllm.guard.claims_offers import settled_offer, unbooked_visit, visit_sentences
from supportllm.guard.claims_pronoun import hereby_done, pronoun_done
from supportllm.guard.claims_slots import time_conflict
from supportllm.guard.claims_states import state_contradiction
from supportllm.guard.claims_values import names_call_value
from supportllm.guard.ledger import ToolCall, extract_objects, offered

__all__ = [
    "Violation", "more_items_violations", "reply_wide_violations", "settled_offer_violations",
    "state_violations", "unbooked_visit_violations", "visit_slot_violations",
]  # fmt: skip


@dataclass(frozen=True)
class Violation:
    claim: Claim
    reason: str


def settled_offer_violations(
    reply: str, looked: list[tuple[str, str, str]], calls: list[ToolCall]
) -> list[Violation]:
    """A slot a look-up only offered, stated as settled (claims_offers.py)."""
    offers = [text for name, text, _ in looked if offered(name, text)]
    # the day a failed booking was for is no more settled than an offered one
    offers += [" ".join(v for _, v in c.values) for c in calls if not c.ok]
    span = settled_offer(reply, offers, any(c.ok for c in calls)) if offers else None
    if span is None:
        return []
    text = reply[span[0] : span[1]]
    claim = Claim(CHANGED, span, text, extract_objects(text))
    why = "states a slot as settled that only a look-up offered or a failed call asked for"
    return [Violation(claim, why)]


_ITEM: Final = re.compile(r"\s*(?:[-*•–]|\d{1,2}[.)])\s")
# "Both done!", "Allebei geregeld!", "Beides erledigt", "Is allebei aangepast": two deeds.
_BOTH_DONE: Final = compiled(
    r"\b(?:both|beides|beide|allebei)\s+(?:(?:are|is|ist|sind|zijn)\s+)?(?:done|sorted|fixed|"
    r"changed|updated|erledigt|gemacht|geändert|angepasst|geregeld|gedaan|aangepast|gelukt|klaar)\b"
    r"|\b(?:is|zijn|ist|sind)\s+(?:allebei|beide|beides)\s+(?:geregeld|aangepast|gedaan|gelukt|"
    r"erledigt|geändert|angepasst)\b",
    re.IGNORECASE,
)


def more_items_violations(
    reply: str, claims: list[Claim], calls: list[ToolCall]
) -> list[Violation]:
    """More deeds listed ("Here's what I've changed: - … - … - …") or announced as two ("Both
    done!") than successful calls made, and one of them names nothing any call was for."""
    done = [c for c in calls if c.ok]
    about = [(c.tool, c.values) for c in done]
    items = [c for c in claims if _ITEM.match(c.text)]
    listed = _listed_deeds(reply)
    if len(listed) > len(items):
        # round 13: every item under "Here's what I've done:" is a deed, whether or not the
        # sentence scorer reads a bare "- Removed the EU Roam add-on" as one
        items = [Claim(CHANGED, span, reply[span[0] : span[1]], ()) for span in listed]
    if len(items) > len(done) >= 1:
        for item in items:
            if not names_call_value(item.text, about):
                why = f"lists {len(items)} deeds, but {len(done)} calls succeeded"
                return [Violation(item, why)]
    both = _BOTH_DONE.search(reply)
    if both is not None and len(done) < 2:
        start, end = both.span()
        claim = Claim(CHANGED, (start, end), reply[start:end], ())
        return [Violation(claim, "claims two deeds done, but one call or none succeeded")]
    return []


# A list announced as deeds done: "Here's what I've done for you:", "Folgendes habe ich
# erledigt:", "Dit heb ik voor je geregeld:".
_DONE_HEADER: Final = compiled(
    r"(?:here['’]s|here\s+is|this\s+is)\s+what\s+(?:i['’]ve|i\s+have|we['’]ve|we\s+have)\s+"
    r"(?:done|changed|sorted|updated|arranged|fixed)|i['’]ve\s+(?:done|made)\s+the\s+following|"
    r"folgendes\s+habe\s+ich\s+\w+|das\s+habe\s+ich\s+(?:für\s+\w+\s+)?(?:erledigt|gemacht|"
    r"geändert)|ich\s+habe\s*:|dit\s+heb\s+ik\s+(?:voor\s+\w+\s+)?(?:gedaan|geregeld|aangepast)|"
    r"ik\s+heb\s*:",
    re.IGNORECASE,
)
# round 15: check marks too ("✔ inpakservice toegevoegd")
_LINE_ITEM: Final = re.compile(r"^[ \t]*(?:[-*•–✔✓✅☑]|\d{1,2}[.)])[ \t]+(\S[^\n]*)$", re.MULTILINE)


def _listed_deeds(reply: str) -> list[tuple[int, int]]:
    """The spans of the list items right after a header that announces them as done."""
    head = _DONE_HEADER.search(reply)
    if head is None:
        return []
    start = reply.find("\n", head.end())  # the list starts on the next line
    if start < 0:
        return []
    out: list[tuple[int, int]] = []
    for m in _LINE_ITEM.finditer(reply, start):
        between = reply[out[-1][1] if out else start : m.start()]
        if between.strip(" \t:\n"):
            break  # the list ended
        out.append(m.span(1))
    return out


def unbooked_visit_violations(reply: str, calls: list[ToolCall]) -> list[Violation]:
    """A visit or call-back promised for a set time that no call booked (claims_offers.py)."""
    dated = [
        (c.tool, c.ok, bool(c.dates) or bool(clock_times(" ".join(v for _, v in c.values))))
        for c in calls
    ]
    span = unbooked_visit(reply, dated)
    if span is None:
        return []
    text = reply[span[0] : span[1]]
    claim = Claim(CHANGED, span, text, extract_objects(text))
    return [Violation(claim, "promises a visit or call at a set time that no call booked")]


def state_violations(
    reply: str, looked: list[tuple[str, str, str]], calls: list[ToolCall]
) -> list[Violation]:
    """A state asserted against what a look-up returned, with no change made
    (claims_states.py)."""
    found = state_contradiction(reply, (t for _, t, _ in looked), any(c.ok for c in calls))
    if found is None:
        return []
    (start, end), why = found
    text = reply[start:end]
    return [Violation(Claim(CHANGED, (start, end), text, extract_objects(text)), why)]


def visit_slot_violations(reply: str, calls: list[ToolCall]) -> list[Violation]:
    """A visit or call-back promised at another time or day than the successful call booked
    ("an adviser will call you tomorrow at 4pm" after ``schedule_callback`` for 15:00)."""
    booked = [
        c for c in calls if c.ok and (c.dates or clock_times(" ".join(v for _, v in c.values)))
    ]
    if not booked:
        return []
    values = [kv for c in booked for kv in c.values]
    days = frozenset().union(*(c.dates for c in booked))
    for start, end in visit_sentences(reply):
        text = reply[start:end]
        said = dates_in(text)
        why = time_conflict(text, values)
        if why is None and said and days and not said & days:
            why = "names another day than the call booked"
        if why:
            claim = Claim(CHANGED, (start, end), text, extract_objects(text))
            return [Violation(claim, f"promises a visit or call but {why}")]
    return []


def reply_wide_violations(
    reply: str, claims: list[Claim], looked: list[tuple[str, str, str]], calls: list[ToolCall]
) -> list[Violation]:
    """The first of the reply-wide checks that finds something (a visit nobody booked, more
    listed deeds than calls, a state against a look-up, a visit at another time), for a reply
    whose claims are all backed or that has none."""
    return (
        unbooked_visit_violations(reply, calls)
        or more_items_violations(reply, claims, calls)
        or state_violations(reply, looked, calls)
        or visit_slot_violations(reply, calls)
        or [Violation(*d) for d in [pronoun_done(reply, calls) or hereby_done(reply, calls)] if d]
    )
