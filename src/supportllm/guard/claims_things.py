"""Which things the successful calls were for, against what a claim names (issue 16, item 4):
other customer details, an unlocked account after a reset link (round 11), another kind of
address, another day, another value (claims_values.py). Split from claims.py in round 11."""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.claims_bridge import GROUPS, action_groups
from supportllm.guard.claims_clauses import own_text as _own_text
from supportllm.guard.claims_dates import dates_in
from supportllm.guard.claims_detect import Claim
from supportllm.guard.claims_generic import CHANGED, details
from supportllm.guard.claims_slots import day_conflict
from supportllm.guard.claims_values import value_conflict
from supportllm.guard.ledger import ToolCall

__all__ = ["other_things"]

_DETAIL_ACTIONS: Final = frozenset({"update_account", "update_address", CHANGED})


def other_things(claim: Claim, done: list[ToolCall], what: str) -> str | None:
    """Why the successful calls were about other things than the claim names, or None."""
    return (
        _missing_detail(claim, done)
        or _not_unlocked(claim, done)
        or _other_kind(claim, done)
        or _other_date(claim, done)
        or _other_value(claim, done, what)
        or _mailing_only(claim, done)
    )


_MAILING: Final = re.compile(r"marketing|newsletter|mailing|e?mails?|promo", re.IGNORECASE)
_SUBSCRIPTION: Final = re.compile(
    r"\b(?:subscription|membership|abo(?:nnement)?|mitgliedschaft|lidmaatschap|contract|"
    r"vertrag|plan)\b",
    re.IGNORECASE,
)


def _mailing_only(claim: Claim, done: list[ToolCall]) -> str | None:
    """A subscription claimed cancelled after calls that only took the customer off a mailing
    list (round 13: "Your subscription has been cancelled" after ``unsubscribe_marketing``)."""
    if claim.action != "cancel_subscription" or not _SUBSCRIPTION.search(_own_text(claim)):
        return None
    if _MAILING.search(_own_text(claim)) or not done:
        return None
    if all(_MAILING.search(c.tool) for c in done):
        tools = ", ".join(sorted({c.tool for c in done}))
        return f"claims the subscription cancelled, but {tools} only left a mailing list"
    return None


_UNLOCK: Final = re.compile(
    r"unlock|entsperr|freigeschalt|freischalt|ontgrendel|gedeblokkeerd|deblokk|unblock",
    re.IGNORECASE,
)


def _not_unlocked(claim: Claim, done: list[ToolCall]) -> str | None:
    """An account claimed unlocked after calls that only sent a reset link ("I've unlocked your
    account" after ``send_password_reset``): a link does not lift a lock."""
    if not _UNLOCK.search(claim.verb) or any(_UNLOCK.search(c.words) for c in done):
        return None
    if any(_UNLOCK.search(" ".join(c.said)) for c in done):
        return None
    tools = ", ".join(sorted({c.tool for c in done}))
    return f"claims the account unlocked, but {tools} did not unlock it"


def _other_value(claim: Claim, done: list[ToolCall], what: str) -> str | None:
    """Another person, seat, house number, plan, code, colour or count than the calls were for
    (claims_values.py)."""
    why = value_conflict(_own_text(claim), [(c.tool, c.values) for c in done])
    return f"claims {what} but {why}" if why else None


_BILLING: Final = re.compile(r"billing|invoice|rechnung|factuur|faktura", re.IGNORECASE)
_SHIPPING: Final = re.compile(
    r"shipping|deliver|liefer|versand|bezorg|verzend|afleveradres", re.IGNORECASE
)


def _address_kinds(text: str) -> set[str]:
    kinds = (("billing", _BILLING), ("shipping", _SHIPPING))
    return {kind for kind, rx in kinds if rx.search(text)}


def _other_kind(claim: Claim, done: list[ToolCall]) -> str | None:
    """A billing address claimed after calls that changed the shipping address only, or the
    other way round ("your billing address is now …" after update_shipping_address)."""
    said = _address_kinds(_own_text(claim))
    if len(said) != 1:
        return None
    kinds = [_address_kinds(c.tool) for c in done]
    if all(k and not k & said for k in kinds):
        tools = ", ".join(sorted({c.tool for c in done}))
        return f"claims a change of the {said.pop()} address, but {tools} changed another"
    return None


# An address a thing was sent or ordered to, not one that was changed.
_DESTINATION: Final = re.compile(
    r"\b(?:to|an|naar|nach|at|op)\s+(?:your|ihre|deine|je|uw|the|die|het)\s+(?:[\w-]+\s+){0,2}"
    r"(?:address|adresse|adres|home|wohnadresse|woonadres|thuisadres)\b",
    re.IGNORECASE,
)


def _missing_detail(claim: Claim, done: list[ToolCall]) -> str | None:
    """A change of customer details ("your e-mail address and your phone number") after calls
    that each name the detail they changed (update_email) must cover every detail it names."""
    if claim.action not in _DETAIL_ACTIONS:
        return None
    named = details(_own_text(claim))
    if _DESTINATION.search(_own_text(claim)):
        named -= {"address"}  # round 13: "a replacement to your home address" goes there
    changed = [details(c.words, nouns_only=False) for c in done]
    if not named or not all(changed):
        return None  # a call that names no detail (update_account) may have changed any
    missing = named - frozenset().union(*changed)
    if missing:
        tools = ", ".join(sorted({c.tool for c in done}))
        return f"claims a change of the {', '.join(sorted(missing))}, but {tools} changed another"
    return None


_SCHEDULING: Final = frozenset(
    i for i, group in enumerate(GROUPS) if group[0] in ("reschedul", "book")
)


def _other_date(claim: Claim, done: list[ToolCall]) -> str | None:
    """A rebooking or appointment claimed for another day than the calls name ("omgeboekt naar
    vrijdag 18 april" after a call for 2025-04-17). Only for a scheduling verb, or a state with
    no verb ("your eye test is now on Friday 14 March"), and only when both sides name a day."""
    claimed = dates_in(_own_text(claim))
    have = frozenset().union(*(c.dates for c in done))
    if not claimed:
        # a day of the month alone ("on the 14th") is the day the thing is for, whatever the
        # verb ("two guests are added …, on the tour on the 14th"), round 12
        why = day_conflict(_own_text(claim), have) or (
            day_conflict(claim.text, have) if not dates_in(claim.text) else None
        )
        return f"claims {claim.action!r} but {why}" if why else None
    groups = action_groups(claim.verb)
    if groups and not groups & _SCHEDULING:
        return None
    if not have or claimed & have:
        return None
    tools = ", ".join(sorted({c.tool for c in done}))
    return (
        f"claims {claim.action!r} for {_day_list(claimed)}, but the {tools} call was for "
        f"{_day_list(have)}"
    )


def _day_list(days: frozenset[tuple[int, int]]) -> str:
    return ", ".join(f"{d:02d}.{m:02d}." for m, d in sorted(days))
