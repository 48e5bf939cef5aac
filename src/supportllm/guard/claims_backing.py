"""Which successful calls back a claim besides those the action tables name (issue 16, item 4):
a tool the tables do not know whose name shares the claim's verb or object, a result that says
it did the claimed deed too or reports the amount the claim names, and the calls that did another
deed than a change claims (a note, a message passed on).
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.claims_bridge import bridged, other_action, same_deed, tool_words
from supportllm.guard.claims_clauses import own_text
from supportllm.guard.claims_detect import Claim
from supportllm.guard.claims_generic import claim_keys, shares_key
from supportllm.guard.claims_keyed import only_filed
from supportllm.guard.claims_values import alnum_upper
from supportllm.guard.ledger import OTHER, ToolCall, extract_objects

__all__ = [
    "bare_state", "confirms", "filed_only", "keyed_amount", "named_other", "not_the_deed",
    "only_messages", "only_priced", "other_deed", "reported", "said_by_result",
]  # fmt: skip


def named_other(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """Successful calls of tools the tables do not know whose name shares the claim's verb
    or object ("block_member" for "I've blocked marcus_b88"), or whose result says it did the
    claimed action too (claims_bridge groups)."""
    own = own_text(claim)
    keys = claim_keys(own, claim.verb)
    asked = bool(_ASKED.search(own))  # "I've sent the seller a refund request"
    named = [
        c
        for c in calls
        if c.ok
        and (c.action == OTHER or (c.guessed and _names_object(keys, c.tool)))
        and shares_key(keys, c.tool)
        and (not other_action(claim.verb, c.tool) or (asked and _asks(c.tool)))
        and not filed_only(claim, c)
    ]
    return named or said_by_result(claim, calls)


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


def said_by_result(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
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
        and not only_messages(claim, c)
    ]


_CONFIRMATION: Final = re.compile(
    r"confirm|bestätig|bevestig|notification|benachrichtig|melding|receipt|quittung|"
    r"ontvangstbewijs",
    re.IGNORECASE,
)


def confirms(claim: Claim) -> bool:
    """A confirmation sent about another change ("We've sent a confirmation message there")."""
    return same_deed(claim.verb, "sent") and bool(_CONFIRMATION.search(own_text(claim)))


def other_deed(claim: Claim, call: ToolCall) -> bool:
    """Whether the call did another action than the change claims (not for "sent": a result is
    sent whatever made it, "a new password has been generated and sent to you"). A note on the
    record (add_note, post_comment) changes nothing for the customer: it backs only a claim
    that names a note ("I've noted your request"), never "late check-out is confirmed"."""
    words = tool_words(call.tool)
    if any(same_deed(w, "note") for w in words):
        return True
    if only_messages(claim, call) or sends_notice(claim, call):
        return True  # notify_restaurant backs "I've let the restaurant know", not "… sent out"
    if only_priced(claim, call) or filed_only(claim, call):
        return True
    return (
        not same_deed(claim.verb, "sent")
        and other_action(claim.verb, call.tool)
        and not _names_tool_deed(claim, words)
    )


# A tool that only prices a change (a quote, an offer, an estimate) and the words that name one.
_QUOTE_TOOL: Final = frozenset(
    ("quote", "offer", "offers", "estimate", "angebot", "kostenvoranschlag", "offerte",
     "prijsopgave")
)  # fmt: skip
_QUOTE_NAMED: Final = re.compile(
    r"quote|offer|estimate|angebot|kostenvoranschlag|offerte|prijsopgave",
    re.IGNORECASE,
)


# A state said with no verb of a deed: "is now", "staat nu", "ist jetzt".
_BARE_STATE: Final = re.compile(
    r"(?:is|are|['’]s|['’]re|staat|staan|ist|sind|bist)\s+(?:now|nu|jetzt|nun)", re.IGNORECASE
)


def bare_state(claim: Claim) -> bool:
    """Whether the claim says a state with no verb of a deed (round 14e): the tables route
    "The quantity on PR-40012 is now 500 cards" and "Uw woningpolis staat nu op de Vaartstraat
    48" to a plan change, which ``update_order`` and ``adres_wijzigen`` do not grant; the state
    is backed by a successful call whose arguments it names, of whatever action."""
    return bool(claim.verb) and bool(_BARE_STATE.fullmatch(claim.verb))


_PERFECT: Final = re.compile(
    r"\b(?:wurden?|ist|sind|habe|haben|hat|is|zijn|heb|hebben|heeft|werd|werden|have|has|"
    r"been|was|were|['’]ve)\b",
    re.IGNORECASE,
)


def not_the_deed(claim: Claim, call: ToolCall) -> bool:
    """Whether a tool whose name shares a word with the claim did not do its deed (round 15): it
    filed a request for it, or it sent a message the claim names beside a state it claims."""
    first = _first_clause(claim)
    beside = first != own_text(claim) and bool(_MESSAGE_NAMED.search(claim.text))
    return filed_only(claim, call) or (beside and only_messages(claim, call))


def _first_clause(claim: Claim) -> str:
    """A verbless claim's first clause, when it holds a state of its own ("Die Anprobe ist auf
    Freitag gelegt, Sie haben … per SMS bekommen"); else the claim's own text."""
    own = own_text(claim)
    if claim.verb:
        return own
    first = re.split(r",\s|;\s|\s[—–]\s", own, maxsplit=1)[0]
    return first if len(first.split()) >= 4 else own


def filed_only(claim: Claim, call: ToolCall) -> bool:
    """Whether the call only filed a request for the deed (round 15): "loeschantrag_anlegen"
    backs "Ihr Löschantrag ist eingegangen", not "Ihre Daten wurden gelöscht"."""
    if not claim.verb or " " in claim.verb.strip() or not _PERFECT.search(claim.text):
        # a sentence the scorer read ("Die Löschung … erfolgt innerhalb von 30 Tagen"), a deed
        # in the present ("Das Datenschutzteam löscht dein Konto … bis zum 15. August")
        return False
    return only_filed(tool_words(call.tool), claim.text)


def only_priced(claim: Claim, call: ToolCall) -> bool:
    """Whether the call only priced a change (round 14e): ``send_quote`` with the asked 55
    guests backs "I've sent you a quote", not "your order has been updated to 55 guests"."""
    return bool(_QUOTE_TOOL.intersection(tool_words(call.tool))) and not _QUOTE_NAMED.search(
        claim.text
    )


def _names_tool_deed(claim: Claim, words: tuple[str, ...]) -> bool:
    """Whether the claim's sentence names the tool's deed in another word than its verb (round
    14c: "You're enrolled — I've just added you" after ``enrol_student``): the verb restates it."""
    head = words[0] if words else ""
    return len(head) >= 4 and any(
        same_deed(w, head) for w in re.findall(r"[^\W\d_]{5,}", claim.text.lower())
    )


# Round 14c: a tool that sends the customer a notice about a deed (a receipt, a reminder, a
# confirmation) did not do the deed: it backs "emailed you the receipt", not "I've extended your
# permit" (``send_receipt``) or "Ik heb Max ingeschreven" (``herinnering_sturen``).
_NOTICE: Final = frozenset(
    ("receipt", "reminder", "confirmation", "quittung", "erinnerung", "bestaetigung",
     "bestätigung", "beleg", "herinnering", "bevestiging", "ontvangstbewijs")
)  # fmt: skip


_SEND_WORDS: Final = frozenset(("send", "senden", "schicken", "sturen", "versturen", "email"))


def sends_notice(claim: Claim, call: ToolCall) -> bool:
    """Whether the call only sent a notice and the claim's verb is no sending."""
    words = tool_words(call.tool)
    return (
        bool(_NOTICE.intersection(words))
        and any(same_deed(w, "sent") or w in _SEND_WORDS for w in words)
        and not (
            claim.verb and (same_deed(claim.verb, "sent") or _MESSAGE_NAMED.search(claim.verb))
        )
    )


def only_messages(claim: Claim, call: ToolCall) -> bool:
    """Whether the call only passed a message on and the claim names no message."""
    words = tool_words(call.tool)
    if _SETTINGS_WORDS.intersection(words):
        return False  # round 13: update_notification_prefs sets what the customer is sent
    # round 15: a state and then the message about it: the state's clause is the claim's
    return bool(_MESSAGING.intersection(words)) and not _MESSAGE_NAMED.search(_first_clause(claim))


_SETTINGS_WORDS: Final = frozenset(
    ("prefs", "preferences", "preference", "settings", "setting", "optout", "opt", "consent",
     "einstellungen", "praeferenzen", "präferenzen", "voorkeuren", "instellingen", "toestemming")
)  # fmt: skip


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


def reported(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """Successful calls whose result reports an amount the claim names ("anteilig 3,12 €
    verrechnet" after an upgrade that returned ``"anteilig": 3.12``): the call did that too."""
    own = extract_objects(own_text(claim))  # the amount of this clause, not a sibling's
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


def keyed_amount(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """Successful calls with a value under a key that names the claim's deed and holds the
    amount the claim names (round 14e): ``waive_fee`` that returned ``"refunded_amount": "15.00"``
    backs "I've waived it and refunded the £15"; ``gebuehr_erlassen`` with ``"storniert":
    "10.00"`` backs "Ich habe die 10 € storniert"."""
    amounts = {o.split(":", 1)[1] for o in claim.objects if o.startswith("amount:")}
    if not amounts or not claim.verb:
        return []
    deeds = [claim.verb, *(w for w in claim.action.split("_") if w not in _OBJECT_WORDS)]
    out = []
    for c in calls:
        if c.ok and any(
            _amount(value) in amounts
            and not _CHARGED_KEY.search(key)  # "redelivery_fee": 35 was charged, not waived
            and any(bridged(d, w) for d in deeds for w in tool_words(key))
            for key, value in c.values
        ):
            out.append(c)
    return out


def _amount(value: str) -> str:
    try:
        return f"{float(value):.2f}"
    except ValueError:
        return ""


# Claims of a record made: an escalation, a ticket, a case, a note.
_RECORD_ACTIONS: Final = frozenset(("escalate",))
_ID_TEXT: Final = re.compile(r"\b[A-Z]{1,5}-?\d{3,}(?:-\d+)*\b")


def created_by(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """Successful calls whose result holds an id the claim names and their arguments do not
    (round 13): the call made the thing the claim names ("I've raised this with our access team
    under reference CS-88213" after ``crm.create_ticket`` returned ``{"id": "CS-88213"}``)."""
    if claim.action not in _RECORD_ACTIONS:
        return []  # a ticket's number backs raising the ticket, not a refund told beside it
    named = {alnum_upper(m.group(0)) for m in _ID_TEXT.finditer(own_text(claim))}
    if not named:
        return []
    out = []
    for call in calls:
        if not call.ok:
            continue
        asked = alnum_upper(call.words)  # the name, argument keys and short values
        held = {alnum_upper(v) for _, v in call.values}
        if any(n in held and n not in asked for n in named):
            out.append(call)
    return out
