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
from typing import Any, Final

from supportllm.guard import claims_lexicon as lex
from supportllm.guard.claims_against import against_call, one_thing
from supportllm.guard.claims_backing import (
    bare_state,
    confirms,
    created_by,
    keyed_amount,
    named_other,
    not_the_deed,
    only_priced,
    other_deed,
    reported,
    said_by_result,
)
from supportllm.guard.claims_bridge import (
    action_groups,
    other_action,
    same_deed,
)
from supportllm.guard.claims_clauses import PAST_REPORT as _PAST_REPORT
from supportllm.guard.claims_clauses import about_other_clause as _about_other_clause
from supportllm.guard.claims_clauses import clock_times
from supportllm.guard.claims_clauses import own_objects as _own_objects
from supportllm.guard.claims_clauses import own_text as _own_text
from supportllm.guard.claims_clauses import reads_record as _reads_record
from supportllm.guard.claims_clauses import up_to_verb as _up_to_verb
from supportllm.guard.claims_deeds import unbacked_deed
from supportllm.guard.claims_detect import Claim, ClaimDetector, guess_language
from supportllm.guard.claims_echo import echoes_request, request_stems
from supportllm.guard.claims_failed import (
    failed_value,
    failed_value_in_parts,
    names_asked_value,
)
from supportllm.guard.claims_generic import CHANGED, shares_key
from supportllm.guard.claims_ids import among
from supportllm.guard.claims_instead import without_old_values
from supportllm.guard.claims_learned import (
    LearnedDetector,
    default_learned_detector,
    instructs,
)
from supportllm.guard.claims_lookup import restates_lookup
from supportllm.guard.claims_names import asked_name_conflict, customer_text
from supportllm.guard.claims_numbers import asked_number_conflict, masked_tails
from supportllm.guard.claims_people import person_conflict
from supportllm.guard.claims_reply import (
    Violation,
    reply_wide_violations,
    settled_offer_violations,
)
from supportllm.guard.claims_report import not_a_deed
from supportllm.guard.claims_rows import join_rows, lookup_facts, sibling_conflict
from supportllm.guard.claims_second import second_thing
from supportllm.guard.claims_slots import asked_conflict, reply_place_conflict
from supportllm.guard.claims_spans import value_conflict
from supportllm.guard.claims_split import complete_sentences, split_sentences
from supportllm.guard.claims_spots import spot_conflict
from supportllm.guard.claims_states import reports_state, state_values
from supportllm.guard.claims_things import other_things
from supportllm.guard.claims_values import names_call_value
from supportllm.guard.claims_view import (
    ECHO_THRESHOLD,
    FAILED_ANCHOR_THRESHOLD,
    LEFT_TO_THEM,
    OWNED_UP,
    as_read_by,
    by_another,
    explains_rule,
    left_as_it_was,
    owns_failure,
)
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


# A verbless state that tells a deed's result: "is now", "ist jetzt", "staat nu".
_STATE_NOW: Final = re.compile(
    r"(?:is|are|ist|sind|staat|staan|zijn)\s+(?:now|jetzt|nun|nu)", re.IGNORECASE
)


# A negation in a scored claim's own clause ("Storniert hab ich noch nichts"), not "no more"
# of a deed's effect ("Sie zahlen nichts mehr").
_NEGATED: Final = re.compile(
    r"^\W*[^\W\d_]+\s+(?:hab|habe|haben|hat|heb|hebben|heeft|have|has)\s+(?:ich|wir|ik|we|er)\s+"
    r"(?:(?:noch|nog|bisher|bislang|tot\s+nu\s+toe)\s+)?(?:nichts|nicht|niets|niet|nothing)\b"
    r"|\b(?:noch\s+nichts|nog\s+niets|nothing\s+yet|noch\s+nicht|nog\s+niet|not\s+yet)\b",
    re.IGNORECASE,
)


# An attempt told as such: "I tried to refund order …, but", "Ich habe versucht, …".
_TRIED: Final = re.compile(
    r"\b(?:tried|attempted|versucht|probiert|geprobeerd|geprobeerd)\b", re.IGNORECASE
)


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
    if claim.span == other.span and _STATE_NOW.fullmatch(claim.verb):
        return True  # round 13: "You're rebooked: BT-348 is now on 12 August" is one deed
    words = [other.verb, *other.action.split("_")]
    return any(w and same_deed(claim.verb, w) for w in words)


def _name_matched(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """Calls of tools whose name shares a key word with a change claim ("rebook_flight" for
    "your flight has been moved"), a tool named for another action's verb aside."""
    return [
        c
        for c in calls
        if shares_key(claim.keys, c.tool)
        and not (other_action(claim.verb, c.tool) or not_the_deed(claim, c))
        and not _about_other_clause(claim, c)
    ]


def _specific(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """The successful calls that back ``claim`` by their action or their name (not merely by
    having succeeded): a call one claim needs cannot be the fallback of another."""
    if claim.action == CHANGED:
        return [c for c in _name_matched(claim, calls) if c.ok]
    wanted = _wanted(claim)
    granted = [c for c in calls if c.ok and wanted & set(_granted(c.action))]
    return granted or named_other(claim, calls)


def _wanted(claim: Claim) -> set[str]:
    """The actions a call may grant to back a routed claim."""
    wanted = {claim.action, *claim.alternatives}
    if claim.action == "refund" and _CREDITED.search(claim.verb):
        wanted.add("issue_credit")  # money credited: a refund or a credit
    return wanted


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
        # zurückgesetzt" after a rate-limited reset_password and a successful remove_profile),
        # or one whose result holds the id the claim names (round 13: a ticket it created)
        done = named_other(claim, calls) or created_by(claim, calls) or keyed_amount(claim, calls)
        if not done and claim.action in _SETTINGS:
            # round 12: a change of a setting backed by an unknown tool whose arguments the
            # claim names ("contributie wordt voortaan maandelijks afgeschreven" after
            # betaaltermijn_wijzigen with "termijn": "maandelijks")
            said = _own_text(claim)  # the whole sentence after a bare "Is allebei aangepast:"
            said = claim.text if len(said.split()) <= 4 else said
            any_kind = bare_state(claim)  # "is now 500 cards": not only the unknown tools
            done = [c for c in calls if c.ok and (any_kind or c.action == OTHER)]
            done = [c for c in done if names_asked_value(said, c) and not only_priced(claim, c)]
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
        if kind == "id":  # round 14: "the account ending 4512" after a masked "NL** … 4512"
            have |= masked_tails([kv for c in done for kv in c.values])
        if named and have and not all(among(o, have) for o in named):
            missing = ", ".join(sorted(o.split(":", 1)[1] for o in named if not among(o, have)))
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
    r"|\bboth\s+(?:the|your)\s+[\w\s-]{2,40}?\s+and\s+(?:(?:the|your)\b|(?-i:[A-Z]))"
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
    own = _own_text(claim)  # round 14c: "both the February and March fees" cut at "and"
    two = _TWO.search(claim.text, max(claim.text.find(own), 0))
    if two and two.start() < claim.text.find(own) + len(own) and _one_thing(done) and succeeded < 2:
        return f"claims {what} for two, but one call succeeded ({done[0].tool})"
    return other_things(claim, done, what)


def _retried(failed: ToolCall, done: list[ToolCall]) -> bool:
    """Whether a successful call was made with the failed call's arguments."""
    return any(failed.tool == c.tool and set(failed.values) <= set(c.values) for c in done)


def _one_thing(done: list[ToolCall]) -> bool:
    """Whether the successful calls were for one thing: one call that names one id (a call
    that names none may have done both)."""
    return one_thing(done)  # round 14c: an account and the fee it waived are one thing


def _check_changed(claim: Claim, calls: list[ToolCall], taken: list[ToolCall]) -> str | None:
    """A change the tables do not name ("your flight has been moved"): backed by a successful
    call of a tool whose name shares a key word with it ("rebook_flight"); when no tool name
    does, by any successful state-changing call that no other claim of the reply needs ("I've
    added a bag and reserved seat 14C" after add_baggage alone claims a second change) — and a
    violation when there is none."""
    matched = _name_matched(claim, calls) or said_by_result(claim, calls) or reported(claim, calls)
    if not claim.keys or not claim.verb or len(claim.text.split()) <= 2 or confirms(claim):
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
            and not other_deed(claim, c)
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
        if named and have and not any(among(o, have) for o in named):
            missing = ", ".join(sorted(o.split(":", 1)[1] for o in named))
            return f"claims {what} for {missing}, but the tool calls were for other objects"
    return None


def find_claims(reply: str, lang: str | None = None) -> list[Claim]:
    """Sentences of ``reply`` that claim an action was taken (the rules with the built-in
    sentence scorer; ``ClaimDetector().find`` is the rules alone)."""
    return default_learned_detector().find(reply, lang)


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
        if isinstance(self.detector, LearnedDetector):
            with self.detector.one_reply():
                return self._violations(reply, messages, lang)
        return self._violations(reply, messages, lang)

    def _violations(
        self, reply: str, messages: list[dict[str, Any]], lang: str | None = None
    ) -> list[Violation]:
        asked = last_user_text(messages) or ""
        if isinstance(self.detector, LearnedDetector):
            claims, skipped = self.detector.find_with_vetoed(reply, lang, asked)
        else:
            claims, skipped = self.detector.find(reply, lang, asked), []
        echoed: list[Claim] = []
        looked = lookups(messages, self.tool_actions)
        results = [t for _, t, _ in looked]
        calls = join_rows(tool_calls(messages, self.tool_actions), results)
        done = [(c.tool, c.values) for c in calls if c.ok]
        failed = any(not c.ok for c in calls)
        if calls and isinstance(self.detector, LearnedDetector):
            about = [(c.tool, c.values) for c in calls]
            claims += self.detector.anchored(
                reply, lang, claims, lambda text: names_call_value(text, about)
            )
            claims += self.detector.vetoed(
                skipped, claims, lambda text: names_call_value(text, done)
            )
            if failed and not OWNED_UP.search(reply):
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
        if isinstance(self.detector, LearnedDetector):
            # not when the reply says we could not, or leaves the deed to the customer
            requested = [] if LEFT_TO_THEM.search(reply) else request_stems(asked)
            if requested:
                # round 12: a plain sentence that restates the request as a fact
                echoed = self.detector.anchored(
                    reply,
                    lang,
                    claims,
                    lambda text: echoes_request(text, requested),
                    ECHO_THRESHOLD,
                )
                echoed = [c for c in echoed if not restates_lookup(c, looked, asked, calls)]
                claims += echoed
        claims = [without_old_values(c) for c in claims]  # round 16: "72 € statt 90 €"
        states = state_values(results)
        claims = [
            c
            for c in claims
            if not instructs(c.text)
            and not left_as_it_was(c, failed)  # "still on Friday", "MF-77120 is unchanged"
            and not (by_another(c) or owns_failure(c) or not_a_deed(c, looked, calls))
            and not explains_rule(c)
            and not reports_state(_own_text(c), states, c.text)
            and not (c.by == "scorer" and _NEGATED.search(_own_text(c)))
            and not _TRIED.search(_own_text(c))
        ]
        if claims and any(_PAST_REPORT.search(c.text) for c in claims):
            read = record_days(looked)
            times = frozenset().union(*(clock_times(t) for n, t, _ in looked if not offered(n, t)))
            facts = lookup_facts(x for x in looked if not offered(x[0], x[1]))
            seen = " ".join(results).lower()
            claims = [c for c in claims if not _reads_record(c, read, times, facts, seen)]
        if not claims:
            return settled_offer_violations(reply, looked, calls) or reply_wide_violations(
                reply, [], looked, calls
            )
        specific = [_specific(claim, calls) for claim in claims]
        every = [" ".join(v for _, v in c.values) for c in calls] + results
        told = customer_text(messages)
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
            view = as_read_by(claim, calls)
            reason = _check(claim, view, self.detector.quantified(claim.text, lang), taken)
            if reason is None:
                why = failed_value(_own_text(claim), view) or failed_value_in_parts(
                    claim.text, view
                )
                reason = f"claims {claim.action!r} but {why}" if why else None
            if reason is None and done:
                why = (
                    asked_conflict(_own_text(claim), asked, done)
                    or spot_conflict(_own_text(claim), asked, done)
                    or reply_place_conflict(reply, [kv for _, vs in done for kv in vs])
                    or person_conflict(claim.text, asked, every, [vs for _, vs in done])
                    or sibling_conflict(_own_text(claim), [c for c in view if c.ok])
                    or asked_number_conflict(_own_text(claim), asked, reply, done)
                    or asked_name_conflict(_own_text(claim), asked, reply, told, done)
                    or against_call(_own_text(claim), claim.objects, asked, reply, done)
                    or value_conflict(_own_text(claim), messages, done, claim.text)
                )
                reason = f"claims {claim.action!r} but {why}" if why else None
            if reason is not None:
                out.append(Violation(claim, reason))
        if not out and (second := second_thing(reply, asked, claims, calls, lang)):
            out.append(Violation(*second))  # round 13: "… und der für Mia ebenfalls"
        if not out and (deed := unbacked_deed(reply, claims, calls, lang)):
            out.append(Violation(*deed))  # round 14b: a deed of its own that no call did
        return out or reply_wide_violations(reply, claims, looked, calls)

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
