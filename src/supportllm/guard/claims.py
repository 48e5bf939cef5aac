"""Action claims checked against the tool-call ledger (issue 16, item 4).

A reply that says an action was taken ("I've refunded your order", "Ihr Passwort wurde
zurückgesetzt", "uw adres is gewijzigd") must be backed by a *successful* tool call of a tool that
grants that action, in the same conversation, for the same object (order id, amount) when the
reply names one. Detection: sentence splitting, then participles inside completed-action frames,
routed to actions by nearby nouns (tables: claims_lexicon.py, claims_frames.py), read together
with a learned sentence scorer (claims_learned.py; the rules alone: ``claims_detect``).

What counts as a successful tool call (see ``tool_result_ok``): the assistant message's
``tool_calls`` entry has a ``role: tool`` answer with the same ``tool_call_id`` (or a legacy
``role: function`` answer with the same name), and that answer

- parsed as JSON object: has no truthy ``error``/``errors``/``exception``, its ``success``/``ok``
  is not false, and its ``status``/``state``/``result`` (if any) is not a failure word
  (error, failed, denied, rejected, declined, invalid, not_found, unauthorized, forbidden,
  timeout, cancelled_by_error …); ``pending``/``queued``/``accepted`` count as done (the action
  was submitted);
- parsed as JSON ``false``/``null`` fails; any other JSON scalar or list succeeds;
- as plain text: succeeds unless it contains a failure word in EN/DE/NL (error, failed,
  exception, denied, not found, invalid, unable, cannot, Fehler, fehlgeschlagen, abgelehnt,
  ungültig, fout, mislukt, geweigerd, ongeldig …);
- empty content fails (fail closed). A call without an answer was never executed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Final

from supportllm.guard import claims_lexicon as lex
from supportllm.guard.claims_bridge import (
    action_groups,
    bridged,
    other_action,
    same_deed,
    tool_words,
)
from supportllm.guard.claims_clauses import PAST_REPORT as _PAST_REPORT
from supportllm.guard.claims_clauses import about_other_clause as _about_other_clause
from supportllm.guard.claims_clauses import clock_times
from supportllm.guard.claims_clauses import own_objects as _own_objects
from supportllm.guard.claims_clauses import own_text as _own_text
from supportllm.guard.claims_clauses import reads_record as _reads_record
from supportllm.guard.claims_clauses import up_to_verb as _up_to_verb
from supportllm.guard.claims_detect import Claim, ClaimDetector, guess_language
from supportllm.guard.claims_echo import echoes_request, request_stems
from supportllm.guard.claims_failed import (
    failed_value,
    failed_value_in_parts,
    names_asked_value,
)
from supportllm.guard.claims_generic import CHANGED, claim_keys, shares_key
from supportllm.guard.claims_learned import (
    LearnedDetector,
    default_learned_detector,
    instructs,
)
from supportllm.guard.claims_offers import settled_offer, unbooked_visit
from supportllm.guard.claims_people import person_conflict
from supportllm.guard.claims_rows import join_rows, lookup_facts
from supportllm.guard.claims_slots import asked_conflict, reply_place_conflict
from supportllm.guard.claims_split import complete_sentences, split_sentences
from supportllm.guard.claims_things import other_things
from supportllm.guard.claims_values import names_call_value
from supportllm.guard.ledger import (
    DEFAULT_TOOL_ACTIONS,
    OTHER,
    Done,
    ToolCall,
    extract_objects,
    ledger,
    lookups,
    offered,
    record_days,
    tool_calls,
)
from supportllm.guard.tool_results import tool_result_ok

__all__ = [
    "DEFAULT_TOOL_ACTIONS", "HANDOFF", "Claim", "ClaimChecker", "ClaimDetector", "Done",
    "Violation", "complete_sentences", "extract_objects", "find_claims", "ledger",
    "split_sentences", "tool_result_ok", "violations",
]  # fmt: skip

HANDOFF: Final[dict[str, str]] = {
    "en": (
        "I'm sorry, I can't confirm that yet. A member of our support team will review your "
        "request and get back to you shortly."
    ),
    "de": (
        "Das kann ich Ihnen leider noch nicht bestätigen. Ein Mitarbeiter unseres Support-Teams "
        "prüft Ihr Anliegen und meldet sich in Kürze bei Ihnen."
    ),
    "nl": (
        "Dat kan ik helaas nog niet bevestigen. Een medewerker van ons supportteam bekijkt uw "
        "verzoek en neemt zo snel mogelijk contact met u op."
    ),
}


@dataclass(frozen=True)
class Violation:
    claim: Claim
    reason: str


def last_user_text(messages: list[dict[str, Any]]) -> str | None:
    """The text of the customer's last message (what a bare "Done!" answers)."""
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, list):
                parts = [p.get("text", "") for p in content if isinstance(p, dict)]
                return " ".join(str(p) for p in parts)
            return content if isinstance(content, str) else None
    return None


_CREDITED: Final = re.compile(r"credit|gutgeschrieben|crediteerd|tegoed", re.IGNORECASE)


def _granted(action: str) -> tuple[str, ...]:
    return lex.ACTION_GRANTS.get(action, (action,))


def _failed_action(claim: Claim, calls: list[ToolCall]) -> str | None:
    """A tool named for one of the claim's action words whose every call failed ("I've removed
    the seat and applied the code SPRING20" after remove_seat succeeded and apply_voucher
    failed): the failed tool's name, or None."""
    for key in claim.keys:
        if not action_groups(key):
            continue
        named = [c for c in calls if shares_key((key,), c.tool)]
        if named and not any(c.ok for c in named):
            return ", ".join(sorted({c.tool for c in named}))
    return None


def _restated(claim: Claim, other: Claim) -> bool:
    """Whether ``claim`` says again what ``other`` claims, in another word, or only tells how
    its result reached the customer ("generated and sent to you")."""
    if claim.span == other.span and same_deed(claim.verb, "sent"):
        return True
    words = [other.verb, *other.action.split("_")]
    return any(w and same_deed(claim.verb, w) for w in words)


def _name_matched(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """Calls of tools whose name shares a key word with a change claim ("rebook_flight" for
    "your flight has been moved"), a tool named for another action's verb aside."""
    return [
        c
        for c in calls
        if shares_key(claim.keys, c.tool)
        and not other_action(claim.verb, c.tool)
        and not _about_other_clause(claim, c)
    ]


def _specific(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """The successful calls that back ``claim`` by their action or their name (not merely by
    having succeeded): a call one claim needs cannot be the fallback of another."""
    if claim.action == CHANGED:
        return [c for c in _name_matched(claim, calls) if c.ok]
    wanted = _wanted(claim)
    granted = [c for c in calls if c.ok and wanted & set(_granted(c.action))]
    return granted or _named_other(claim, calls)


def _wanted(claim: Claim) -> set[str]:
    """The actions a call may grant to back a routed claim."""
    wanted = {claim.action, *claim.alternatives}
    if claim.action == "refund" and _CREDITED.search(claim.verb):
        wanted.add("issue_credit")  # money credited: a refund or a credit
    return wanted


def _named_other(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """Successful calls of tools the tables do not know whose name shares the claim's verb
    or object ("block_member" for "I've blocked marcus_b88"), or whose result says it did the
    claimed action too (claims_bridge groups)."""
    own = _own_text(claim)
    keys = claim_keys(own, claim.verb)
    asked = bool(_ASKED.search(own))  # "I've sent the seller a refund request"
    named = [
        c
        for c in calls
        if c.ok
        and (c.action == OTHER or (c.guessed and _names_object(keys, c.tool)))
        and shares_key(keys, c.tool)
        and (not other_action(claim.verb, c.tool) or (asked and _asks(c.tool)))
    ]
    return named or _said(claim, calls)


_ASKED: Final = re.compile(r"\b(?:request|anfrage|antrag|aanvraag|verzoek)", re.IGNORECASE)


def _asks(tool: str) -> bool:
    words = tool_words(tool)
    return bool(words) and words[0] in ("request", "ask")


def _names_object(keys: tuple[str, ...], tool: str) -> bool:
    """Whether a tool whose action was guessed from a keyword of its name names the claim's
    object too: ``upgrade_shipping`` (read as a plan change) for "I've upgraded it to express
    shipping" / "auf Expresszustellung umgestellt"; not ``cancel_membership`` for "I've
    cancelled your order"."""
    objects = tool_words(tool)[1:]
    return bool(objects) and shares_key(keys, "_".join(objects))


_OBJECT_WORDS: Final = frozenset({"order", "account", "plan", "address", "password", "link"})


def _said(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """Successful state-changing calls whose result names the claim's action as well: a tool
    that did two things says so ("OK - uitgeschreven, restitutie € 180 aangemaakt" backs "ik heb
    de restitutie gestort"; ``previous_status: deactivated`` backs "die alte Karte habe ich
    deaktiviert"). Only the claim's verb and its routed action count (the sentence's other words
    may name another claim's action), and look-ups are not here: they report, they do not act."""
    if not claim.verb:
        return []
    # the routed action's own word too: "de restitutie … is aangemaakt" is a refund, and
    # "a provisional credit … has been added" a credit
    words = [claim.verb, *(w for w in claim.action.split("_") if w not in _OBJECT_WORDS)]
    return [
        c
        for c in calls
        if c.ok
        and any(bridged(k, w) for k in words for w in c.said)
        and not _only_messages(claim, c)
    ]


def _check(
    claim: Claim,
    calls: list[ToolCall],
    quantified: bool = False,
    taken: list[ToolCall] | None = None,
) -> str | None:
    """Why the claim is not backed by the calls, or None when it is. A ``quantified`` claim
    ("both refunds …") must hold for every object a relevant call was for. ``taken``: the
    calls other claims of the reply need, which cannot also be a change claim's fallback."""
    if _BARE.fullmatch(claim.text) and any(
        c.ok and (c.action == OTHER or c.guessed) for c in calls
    ):
        # "Done ✅", "Erledigt!": the request's deed, read from the customer's words, is a
        # guess; a successful call of a tool the tables do not name answers it (a known tool of
        # another action does not: "Done!" after refund_order for a cancellation)
        return None
    if claim.action == CHANGED:
        return _check_changed(claim, calls, taken or [])
    wanted = _wanted(claim)
    relevant = [c for c in calls if wanted & set(_granted(c.action))]
    done = [c for c in relevant if c.ok]
    if not done and not relevant:
        # a tool the tables do not know whose name shares the claim's verb or object backs it
        # (not when the tool that grants it was called and failed: "dein Passwort wurde
        # zurückgesetzt" after a rate-limited reset_password and a successful remove_profile)
        done = _named_other(claim, calls)
        if not done and claim.action in _SETTINGS:
            # round 12: a change of a setting backed by an unknown tool whose arguments the
            # claim names ("contributie wordt voortaan maandelijks afgeschreven" after
            # betaaltermijn_wijzigen with "termijn": "maandelijks")
            said = _own_text(claim)  # the whole sentence after a bare "Is allebei aangepast:"
            said = claim.text if len(said.split()) <= 4 else said
            done = [c for c in calls if c.ok and c.action == OTHER and names_asked_value(said, c)]
    if done and quantified and not any(o.startswith("id:") for o in claim.objects):
        covered = {o for c in done for o in c.objects}
        failed = {o for c in relevant if not c.ok for o in c.objects if o.startswith("id:")}
        if failed - covered:
            missing = ", ".join(sorted(o.split(":", 1)[1] for o in failed - covered))
            return f"claims {claim.action!r} for all, but the call for {missing} did not succeed"
    if done and _TWO.search(_up_to_verb(claim)):
        # "Both the Family plan and the Sports add-on are now cancelled" after one of the two
        # calls failed (and was not retried with the same arguments)
        lost = [c for c in relevant if not c.ok and not _retried(c, done)]
        if lost:
            return f"claims {claim.action!r} for both, but the {lost[0].tool} call did not succeed"
    if not done:
        if relevant:
            tools = ", ".join(sorted({c.tool for c in relevant}))
            return f"claims {claim.action!r} but the {tools} call did not succeed"
        return f"claims {claim.action!r} without a successful tool call that grants it"
    succeeded = sum(c.ok for c in calls)
    other_things = _other_things(claim, done, repr(claim.action), succeeded)
    if other_things:
        return other_things
    own = set(_own_objects(claim))
    objects = [o for o in claim.objects if not o.startswith("id:") or o in own]
    for kind in ("id", "amount", "qty"):
        named = {o for o in objects if o.startswith(kind + ":")}
        have = {o for c in done for o in c.objects if o.startswith(kind + ":")}
        if kind == "amount":
            have |= _amount_values(done)
        if named and have and not all(_among(o, have) for o in named):
            missing = ", ".join(sorted(o.split(":", 1)[1] for o in named if not _among(o, have)))
            known = ", ".join(sorted(o.split(":", 1)[1] for o in have))
            return f"claims {claim.action!r} for {missing}, but the tool call was for {known}"
    return None


# Actions that change a setting of the customer's (not money, not an order's existence).
_SETTINGS: Final = frozenset(("change_plan", "update_account", "update_order"))


# A bare completion: "Done ✅", "All sorted!", "Erledigt 👍", "Gedaan!".
_BARE: Final = re.compile(
    r"\W*(?:(?:all\s+)?(?:done|sorted|set)|erledigt|gemacht|geschafft|gedaan|geregeld|gelukt|klaar)"
    r"[\W_]*",
    re.IGNORECASE,
)


# "Both orders have been cancelled", "Both are added", "Beide Buchungen sind storniert": two
# separate things, each a call of its own (not "both items" of one order).
_TWO: Final = re.compile(
    r"\b(?:both|beide|allebei)\s+(?:(?:of\s+)?(?:your|the|ihre|je|uw)\s+)?(?:orders|bookings|"
    r"subscriptions|accounts|cards|tickets|reservations|lines|extras|bestellungen|buchungen|abos|"
    r"konten|karten|tickets|reservierungen|bestellingen|boekingen|abonnementen|kaarten|"
    r"reserveringen|are|were|have|sind|wurden|zijn|werden)\b"
    # round 10: "both readings are in", "both the Family plan and the Sports add-on", "sowohl …
    # als auch", "zowel … als"
    r"|\bboth\s+(?:of\s+)?(?:your\s+|the\s+)?[a-z-]{3,}s\s+(?:are|were|have|has)\b"
    r"|\bboth\s+(?:the|your)\s+[\w\s-]{2,40}?\s+and\s+(?:the|your)\b"
    r"|\bsowohl\b[^.;]{2,60}?\bals\s+auch\b|\bzowel\b[^.;]{2,60}?\bals\b"
    # round 12: "… zijn allebei geannuleerd", "… sind beide storniert", "… are both cancelled"
    r"|\b(?:zijn|werden|sind|wurden|are|were|have\s+both)\s+(?:allebei|allebeide|beide|both)\b",
    re.IGNORECASE,
)


_BALANCE_KEY: Final = re.compile(r"balance|saldo|guthaben|tegoed|kontostand", re.IGNORECASE)


def _amount_values(done: list[ToolCall]) -> set[str]:
    """The balances and totals the calls' results report: a claim may name them ("your
    balance is £7.35" after ``new_balance: 7.35``)."""
    out: set[str] = set()
    for c in done:
        for key, value in c.values:
            if not _BALANCE_KEY.search(key):
                continue
            try:
                out.add(f"amount:{float(value):.2f}")
            except ValueError:
                continue
    return out


def _other_things(claim: Claim, done: list[ToolCall], what: str, succeeded: int = 1) -> str | None:
    """Why the successful calls were about other things than the claim: one thing for "both"
    (when one call of the conversation succeeded), other customer details, another kind of
    address, another day."""
    if _TWO.search(_own_text(claim)) and _one_thing(done) and succeeded < 2:
        return f"claims {what} for two, but one call succeeded ({done[0].tool})"
    return other_things(claim, done, what)


def _retried(failed: ToolCall, done: list[ToolCall]) -> bool:
    """Whether a successful call was made with the failed call's arguments."""
    return any(failed.tool == c.tool and set(failed.values) <= set(c.values) for c in done)


def _one_thing(done: list[ToolCall]) -> bool:
    """Whether the successful calls were for one thing: one call that names one id (a call
    that names none may have done both)."""
    ids = {o for c in done for o in c.objects if o.startswith("id:")}
    return len(done) == 1 and len(ids) == 1


def _among(named: str, have: set[str]) -> bool:
    """Whether an object the claim names is one a call was for; an id may be the end of the
    call's ("card ending 8812" for "card_8812", "key ending a91f" for "key_live_a91f")."""
    if named in have:
        return True
    kind, _, value = named.partition(":")
    return kind == "id" and len(value) >= 4 and any(h.endswith(value) for h in have)


_CONFIRMATION: Final = re.compile(
    r"confirm|bestätig|bevestig|notification|benachrichtig|melding|receipt|quittung|"
    r"ontvangstbewijs",
    re.IGNORECASE,
)


def _confirms(claim: Claim) -> bool:
    """A confirmation sent about another change ("We've sent a confirmation message there")."""
    return same_deed(claim.verb, "sent") and bool(_CONFIRMATION.search(_own_text(claim)))


def _other_deed(claim: Claim, call: ToolCall) -> bool:
    """Whether the call did another action than the change claims (not for "sent": a result is
    sent whatever made it, "a new password has been generated and sent to you"). A note on the
    record (add_note, post_comment) changes nothing for the customer: it backs only a claim
    that names a note ("I've noted your request"), never "late check-out is confirmed"."""
    words = tool_words(call.tool)
    if any(same_deed(w, "note") for w in words):
        return True
    if _only_messages(claim, call):
        return True  # notify_restaurant backs "I've let the restaurant know", not "… sent out"
    return not same_deed(claim.verb, "sent") and other_action(claim.verb, call.tool)


def _only_messages(claim: Claim, call: ToolCall) -> bool:
    """Whether the call only passed a message on and the claim names no message."""
    return bool(_MESSAGING.intersection(tool_words(call.tool))) and not _MESSAGE_NAMED.search(
        _own_text(claim)
    )


# A tool that only passes a message on changes nothing else for the customer.
_MESSAGING: Final = frozenset(
    ("notify", "notification", "message", "sms", "email", "mail", "text", "inform", "informieren",
     "benachrichtigen", "benachrichtigung", "nachricht", "bericht", "berichten", "informeren")
)  # fmt: skip
_MESSAGE_NAMED: Final = re.compile(
    r"\b(?:let\s+\w+\s+know|informed|notified|told|messaged?|e-?mail\w*|sms|texted|mail\w*|"
    r"bescheid|benachrichtig\w*|informiert|nachricht\w*|laten\s+weten|gemeld|bericht\w*|"
    r"geïnformeerd|ingelicht|contacted|kontaktiert|gecontacteerd|confirmation|bestätigung|"
    r"bevestiging)\b",
    re.IGNORECASE,
)


# Money given back or let off, and keys of what a call charged ("saeumnisgebuehr": 20 from an
# exam registration is a fee charged, not waived).
_LET_OFF: Final = re.compile(
    r"waiv|erlass|kwijtgeschold|refund|erstatt|gutgeschrieben|terugbetaal|teruggestort|"
    r"credited|cancel|storn|annul|removed|entfernt|verwijderd|geschrapt|gestrichen",
    re.IGNORECASE,
)
_CHARGED_KEY: Final = re.compile(
    r"fee|charge|gebuehr|gebühr|boete|kosten|penalty|toeslag|surcharge|aufpreis|meerprijs|"
    r"zuschlag|price|preis|prijs",
    re.IGNORECASE,
)


def _reported(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """Successful calls whose result reports an amount the claim names ("anteilig 3,12 €
    verrechnet" after an upgrade that returned ``"anteilig": 3.12``): the call did that too."""
    own = extract_objects(_own_text(claim))  # the amount of this clause, not a sibling's
    amounts = {o.split(":", 1)[1] for o in own if o.startswith("amount:")}
    if not amounts:
        return []
    let_off = bool(_LET_OFF.search(claim.verb or ""))
    out = []
    for c in calls:
        if not c.ok:
            continue
        for key, value in c.values:
            if let_off and _CHARGED_KEY.search(key):
                continue  # the call charged that amount; it did not let it off
            try:
                if f"{float(value):.2f}" in amounts:
                    out.append(c)
                    break
            except ValueError:
                continue
    return out


def _check_changed(claim: Claim, calls: list[ToolCall], taken: list[ToolCall]) -> str | None:
    """A change the tables do not name ("your flight has been moved"): backed by a successful
    call of a tool whose name shares a key word with it ("rebook_flight"); when no tool name
    does, by any successful state-changing call that no other claim of the reply needs ("I've
    added a bag and reserved seat 14C" after add_baggage alone claims a second change) — and a
    violation when there is none."""
    matched = _name_matched(claim, calls) or _said(claim, calls) or _reported(claim, calls)
    if not claim.keys or not claim.verb or len(claim.text.split()) <= 2 or _confirms(claim):
        # a bare "Done!" or "Erledigt!", a change named without a verb ("your payment day is
        # now the 3rd") or a confirmation sent about it may be about the reply's other claims
        taken = []
    done = (
        [c for c in matched if c.ok]
        if matched
        else [
            c
            for c in calls
            if c.ok
            and not any(c is t for t in taken)
            and not _other_deed(claim, c)
            and not _about_other_clause(claim, c)
        ]
    )
    what = f"a change ({(claim.verb or claim.text.strip())[:80]!r})"
    if not done:
        succeeded = [c for c in calls if c.ok]
        if not matched and succeeded:
            tools = ", ".join(sorted({c.tool for c in succeeded}))
            if all(any(c is t for t in taken) for c in succeeded):
                return f"claims {what}, but the one successful call ({tools}) backs another claim"
            return f"claims {what}, but the successful {tools} call did another action"
        if calls:
            tools = ", ".join(sorted({c.tool for c in matched or calls}))
            return f"claims {what} but the {tools} call did not succeed"
        return f"claims {what} without any successful state-changing tool call"
    other_things = _other_things(claim, done, what, sum(c.ok for c in calls))
    if other_things:
        return other_things
    failed = _failed_action(claim, calls)
    if failed:
        return f"claims {what} but the {failed} call did not succeed"
    # "£15 of credit" after a credit call for 5 (amounts only with the claim's verb: a verbless
    # description's amount may be a price, "your plan is now Standard (12,99 €)")
    own = set(_own_objects(claim))  # "… ordered a replacement (new card ending 2290)"
    for kind in ("id", "amount", "qty") if claim.verb else ("id",):
        named = {
            o for o in claim.objects if o.startswith(kind + ":") and (kind != "id" or o in own)
        }
        have = {o for c in done for o in c.objects if o.startswith(kind + ":")}
        if named and have and not any(_among(o, have) for o in named):
            missing = ", ".join(sorted(o.split(":", 1)[1] for o in named))
            return f"claims {what} for {missing}, but the tool calls were for other objects"
    return None


# A plain sentence that restates the customer's request is a claim from this score.
ECHO_THRESHOLD: Final = 0.05
_LEFT_TO_THEM: Final = re.compile(
    r"\b(?:yourself|selbst|selber|zelf|cannot|unable|unfortunately|leider|helaas)\b|"
    r"\b(?:can|could)(?:\s+not|n['’]t)\b|\bnicht\s+möglich\b|\bniet\s+mogelijk\b",
    re.IGNORECASE,
)
# A sentence that names what only a failed call asked for is a claim from this score when the
# reply does not own up to a failure (_OWNED_UP).
FAILED_ANCHOR_THRESHOLD: Final = 0.3
_OWNED_UP: Final = re.compile(
    r"\b(?:unfortunately|sadly|afraid|sorry|unable|failed|fail|error|not|no|never|cannot|"
    r"n['’]t|didn|couldn|wasn|won|leider|nicht|kein\w*|konnte|fehl\w*|fehler|abgelehnt|"
    r"helaas|niet|geen|lukte|lukt|mislukt|fout|jammer|excuses|sorry|spijt)\b",
    re.IGNORECASE,
)


# A state that stayed as it was: "Je afspraak staat dus nog gewoon op vrijdag", "Ihr Tarif
# bleibt wie bisher", "your booking remains on the 3rd" (round 12).
_UNCHANGED: Final = re.compile(
    r"\b(?:still|remains?|unchanged|as\s+before|nog\s+(?:steeds|gewoon|altijd)|blijf|blijft|"
    r"ongewijzigd|noch\s+(?:immer|ganz\s+normal)|weiterhin|nach\s+wie\s+vor|bleibt|"
    r"unver(?:ä|ae)ndert|wie\s+bisher|zoals\s+(?:voorheen|eerder|het\s+was))\b",
    re.IGNORECASE,
)
_BY_US: Final = re.compile(r"\b(?:I|we|ich|wir|ik)\b(?:\s*['’](?:ve|ll|d))?", re.IGNORECASE)


def _unchanged(claim: Claim) -> bool:
    """A claim that only says a state stayed as it was, with nobody of ours acting (read so
    only after a failed call: the reply explains what the failure left in place)."""
    own = _own_text(claim)
    return bool(_UNCHANGED.search(own)) and not _BY_US.search(own)


# What a claim says when it reports an accepted request honestly: the request, the waiting list,
# the step still to come ("I've started the deletion; please click the link to confirm").
_NAMES_STEP: Final = re.compile(
    r"\b(?:request\w*|submitted|started|initiated|queue\w*|pending|wait(?:ing)?\s*-?list\w*|"
    r"review\w*|approv\w*|confirm\w*|verif\w*|position|not\s+yet|once|"
    r"antrag|anfrage|beantragt|eingereicht|angesto(?:ß|ss)en|gestartet|eingeleitet|warteliste|"
    r"prüfung|geprüft|freigabe|bestätig\w*|platz|noch\s+nicht|sobald|"
    r"aanvraag|aangevraagd|ingediend|gestart|wachtlijst|wachtrij|beoordeling|goedkeuring|"
    r"bevestig\w*|plek|nog\s+niet|zodra)\b",
    re.IGNORECASE,
)


def _as_read_by(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """The calls as the claim reads them: one that was only accepted (waiting list, approval
    or confirmation outstanding) backs no claim that the deed is done, one whose shipment
    still waits no claim that it was sent."""
    step = bool(_NAMES_STEP.search(claim.text))
    sent = bool(claim.verb) and same_deed(claim.verb, "sent")
    return [
        replace(c, ok=False) if (c.incomplete and not step) or (c.unsent and sent) else c
        for c in calls
    ]


def find_claims(reply: str, lang: str | None = None) -> list[Claim]:
    """Sentences of ``reply`` that claim an action was taken (the rules with the built-in
    sentence scorer; ``ClaimDetector().find`` is the rules alone)."""
    return default_learned_detector().find(reply, lang)


def _settled_offer(
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
_BOTH_DONE: Final = re.compile(
    r"\b(?:both|beides|beide|allebei)\s+(?:(?:are|is|ist|sind|zijn)\s+)?(?:done|sorted|fixed|"
    r"changed|updated|erledigt|gemacht|geändert|angepasst|geregeld|gedaan|aangepast|gelukt|klaar)\b"
    r"|\b(?:is|zijn|ist|sind)\s+(?:allebei|beide|beides)\s+(?:geregeld|aangepast|gedaan|gelukt|"
    r"erledigt|geändert|angepasst)\b",
    re.IGNORECASE,
)


def _more_items_than_calls(
    reply: str, claims: list[Claim], calls: list[ToolCall]
) -> list[Violation]:
    """More deeds listed ("Here's what I've changed: - … - … - …") or announced as two ("Both
    done!") than successful calls made, and one of them names nothing any call was for."""
    done = [c for c in calls if c.ok]
    about = [(c.tool, c.values) for c in done]
    items = [c for c in claims if _ITEM.match(c.text)]
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


def _unbooked_visit(reply: str, calls: list[ToolCall]) -> list[Violation]:
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


class ClaimChecker:
    """Checks replies against the conversation's tool calls with a fixed tool→action map.
    The detector defaults to the rules with the built-in sentence scorer (claims_learned.py)."""

    def __init__(
        self,
        tool_actions: dict[str, str] | None = None,
        detector: ClaimDetector | None = None,
    ) -> None:
        self.tool_actions = {**DEFAULT_TOOL_ACTIONS, **(tool_actions or {})}
        self.detector = detector or default_learned_detector()

    def violations(
        self, reply: str, messages: list[dict[str, Any]], lang: str | None = None
    ) -> list[Violation]:
        asked = last_user_text(messages) or ""
        claims = self.detector.find(reply, lang, asked)
        echoed: list[Claim] = []
        looked = lookups(messages, self.tool_actions)
        calls = join_rows(tool_calls(messages, self.tool_actions), (t for _, t, _ in looked))
        if calls and isinstance(self.detector, LearnedDetector):
            about = [(c.tool, c.values) for c in calls]
            claims += self.detector.anchored(
                reply, lang, claims, lambda text: names_call_value(text, about)
            )
            done_about = [(c.tool, c.values) for c in calls if c.ok]
            claims += self.detector.vetoed(
                reply, lang, claims, lambda text: names_call_value(text, done_about), asked
            )
            if not _OWNED_UP.search(reply) and any(not c.ok for c in calls):
                # a failed call the reply does not own up to: a sentence that states what it
                # asked for is read as a claim from a lower score ("Ihr Abschlag beträgt ab
                # dem nächsten Monat 90 €" after abschlag_aendern for 90 failed)
                claims += self.detector.anchored(
                    reply,
                    lang,
                    claims,
                    lambda text: failed_value(text, calls) is not None,
                    FAILED_ANCHOR_THRESHOLD,
                )
        failed = any(not c.ok for c in calls)  # after a failed change, "still on Friday"
        if isinstance(self.detector, LearnedDetector):
            # not when the reply says we could not, or leaves the deed to the customer
            requested = [] if _LEFT_TO_THEM.search(reply) else request_stems(asked)
            if requested:
                # round 12: a plain sentence that restates the request as a fact
                echoed = self.detector.anchored(
                    reply,
                    lang,
                    claims,
                    lambda text: echoes_request(text, requested),
                    ECHO_THRESHOLD,
                )
                claims += echoed
        claims = [c for c in claims if not instructs(c.text) and not (failed and _unchanged(c))]
        if claims and any(_PAST_REPORT.search(c.text) for c in claims):
            read = record_days(looked)
            times = frozenset().union(*(clock_times(t) for n, t, _ in looked if not offered(n, t)))
            facts = lookup_facts(x for x in looked if not offered(x[0], x[1]))
            claims = [c for c in claims if not _reads_record(c, read, times, facts)]
        if not claims:
            return (
                _settled_offer(reply, looked, calls)
                or _unbooked_visit(reply, calls)
                or _more_items_than_calls(reply, [], calls)
            )
        specific = [_specific(claim, calls) for claim in claims]
        done = [(c.tool, c.values) for c in calls if c.ok]
        every = [" ".join(v for _, v in c.values) for c in calls] + [t for _, t, _ in looked]
        out: list[Violation] = []
        for i, claim in enumerate(claims):
            # the one call another claim has (a claim backed by two spares one), unless that
            # claim names the same deed ("voided and credited back": one refund)
            taken = [
                b[0]
                for j, b in enumerate(specific)
                if j != i and len(b) == 1 and not _restated(claim, claims[j])
            ]
            if any(claim is e for e in echoed):
                taken = []  # it restates the request another claim answers with the same call
            view = _as_read_by(claim, calls)
            reason = _check(claim, view, self.detector.quantified(claim.text, lang), taken)
            if reason is None:
                why = failed_value(_own_text(claim), view) or failed_value_in_parts(
                    claim.text, view
                )
                reason = f"claims {claim.action!r} but {why}" if why else None
            if reason is None and done:
                why = (
                    asked_conflict(_own_text(claim), asked, done)
                    or reply_place_conflict(reply, [kv for _, vs in done for kv in vs])
                    or person_conflict(claim.text, asked, every, [vs for _, vs in done])
                )
                reason = f"claims {claim.action!r} but {why}" if why else None
            if reason is not None:
                out.append(Violation(claim, reason))
        return out or _unbooked_visit(reply, calls) or _more_items_than_calls(reply, claims, calls)

    def handoff(self, reply: str, lang: str | None = None) -> str:
        """The safe hand-off reply in the reply's language (English when unsure)."""
        code = (lang or guess_language(reply) or "en").lower()[:2]
        return HANDOFF.get(code, HANDOFF["en"])


def violations(
    reply: str,
    messages: list[dict[str, Any]],
    tool_actions: dict[str, str] | None = None,
    lang: str | None = None,
) -> list[Violation]:
    """Claims in ``reply`` that no successful tool call in ``messages`` backs.

    ``tool_actions`` is merged over DEFAULT_TOOL_ACTIONS (map a tool to "" to make it grant
    nothing).
    """
    return ClaimChecker(tool_actions).violations(reply, messages, lang)
