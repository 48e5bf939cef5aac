"""The conversation's tool-call ledger: which actions successful tool calls granted, for which
objects (order ids, amounts). guard/claims.py checks a reply's claims against it; what counts as
a successful tool result is written there, in the module's docstring.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from supportllm.guard import claims_lexicon as lex
from supportllm.guard.call_pairs import answered_calls, parsed_arguments
from supportllm.guard.claims_dates import dates_in
from supportllm.guard.claims_values import call_values
from supportllm.guard.tool_results import STATE_KEY as _STATE_KEY
from supportllm.guard.tool_results import (
    result_incomplete,
    result_partial,
    result_unsent,
    tool_result_ok,
)

DEFAULT_TOOL_ACTIONS: Final[dict[str, str]] = {
    # common tool names
    "refund_order": "refund",
    "refund": "refund",
    "issue_refund": "refund",
    "create_refund": "refund",
    "refund_payment": "refund",
    "process_refund": "refund",
    "cancel_order": "cancel_order",
    "cancel_subscription": "cancel_subscription",
    "end_subscription": "cancel_subscription",
    "cancel_membership": "cancel_subscription",
    "update_address": "update_address",
    "change_address": "update_address",
    "update_shipping_address": "update_address",
    "reset_password": "reset_password",
    "send_password_reset": "reset_password",
    "change_plan": "change_plan",
    "update_plan": "change_plan",
    "upgrade_plan": "change_plan",
    "downgrade_plan": "change_plan",
    "change_subscription": "change_plan",
    "update_account": "update_account",
    "update_customer": "update_account",
    "update_profile": "update_account",
    "update_order": "update_order",
    "modify_order": "update_order",
    "create_order": "place_order",
    "place_order": "place_order",
    "reship_order": "place_order",
    "issue_replacement": "place_order",
    "send_replacement": "place_order",
    "create_replacement": "place_order",
    "issue_credit": "issue_credit",
    "apply_credit": "issue_credit",
    "apply_coupon": "issue_credit",
    "create_promo_code": "issue_credit",
    "escalate": "escalate",
    "escalate_ticket": "escalate",
    "notify_team": "escalate",
    "transfer_to_human": "escalate",
    "delete_account": "delete_account",
    "close_account": "delete_account",
    "send_link": "send_link",
    "send_email": "send_link",
    # ABCD actions (../shared/data/abcd/ontology.json, kb.json, guidelines.json); names are
    # normalised ("offer-refund" -> "offer_refund"). kb_query actions (pull-up-account,
    # verify-identity, validate-purchase, ask-the-oracle, subscription-status) and FAQ searches
    # grant nothing: they look things up. update-order, update-account, send-link and
    # notify-team are covered by the entries above.
    "offer_refund": "refund",
    "make_password": "reset_password",
    "make_purchase": "place_order",
    "promo_code": "issue_credit",
}


@dataclass(frozen=True)
class Done:
    """An action granted by a successful tool call."""

    action: str
    tool: str
    objects: tuple[str, ...]


@dataclass(frozen=True)
class ToolCall:
    tool: str
    action: str
    objects: tuple[str, ...]
    ok: bool
    words: str = ""  # the tool's name, argument keys and short string values, lower-cased
    said: tuple[str, ...] = ()  # the words of the result's text ("restitutie aangemaakt")
    dates: frozenset[tuple[int, int]] = frozenset()  # (month, day) in its arguments or result
    guessed: bool = False  # its action read from a keyword of its name (upgrade_shipping)
    values: tuple[tuple[str, str], ...] = ()  # (key, value) of its arguments and result
    # round 12: accepted but not carried out yet (waiting list, approval, confirmation)
    incomplete: bool = False
    unsent: bool = False  # round 12: made, but its shipment still waits
    siblings: tuple[tuple[str, str], ...] = ()  # look-up rows beside the one it acted on
    partial: bool = False  # round 13: its result lists things it did not do ("failed": […])


# ---------------------------------------------------------------------------- sentences


# ---------------------------------------------------------------------------- objects

_ID_CUE = (
    r"(?:order|order\s+(?:number|no\.?|id)|reference|ref\.?|ticket|invoice|booking|account|"
    r"subscription|bestellung|bestellnummer|auftrag(?:snummer)?|rechnung|nummer|nr\.?|"
    r"bestelling|bestelnummer|ordernummer|factuur|abonnement|no\.|ending(?:\s+in)?|endend\s+auf|"
    r"Endung|eindigend\s+op|eindigt\s+op)"
)
_ID = re.compile(
    rf"(?:(?i:\b{_ID_CUE})\s*(?:[:#]|number|nummer)?\s*#?\s*(?P<a>[A-Za-z0-9][A-Za-z0-9-]{{2,}}))"
    r"|(?:#\s?(?P<b>[A-Za-z0-9-]*\d[A-Za-z0-9-]*))"
    r"|\b(?P<c>[A-Z]{1,5}(?:-\d+|\d{3,})(?:-[A-Z0-9]+)*)\b"
    r"|\b(?P<d>\d{6,})\b"
    r"|\b(?P<e>[a-z]{2,5}_\d{3,})\b"  # "sub_4470", "cus_9921"
)
# Phone numbers are no ids: "+44 7911 123456", "06-12345678", "030 1234567".
_PHONE = re.compile(r"\+\d[\d\s()./-]{6,}\d|\b0\d{1,4}[\s/-]\d{3,}(?:[\s-]\d+)*\b")
_CUR = r"[€$£]|EUR|USD|GBP|CHF"
_NUM = r"\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?(?:,-)?|\d+(?:[.,]\d{1,2})?"
_AMOUNT = re.compile(
    rf"(?:(?:{_CUR})\s?(?P<a>{_NUM}))|(?:(?P<b>{_NUM})\s?(?:{_CUR}|(?i:euros?|dollars?|pounds?)\b))"
)


def _norm_id(value: str) -> str:
    return "id:" + re.sub(r"[#\s_/-]", "", value).upper()


def _norm_amount(raw: str) -> str | None:
    s = raw.strip().replace(",-", "").replace(" ", "")
    m = re.search(r"[.,](\d{1,2})$", s)
    if m:
        whole, dec = re.sub(r"[.,]", "", s[: m.start()]), m.group(1)
    else:
        whole, dec = re.sub(r"[.,]", "", s), "0"
    if not whole.isdigit():
        return None
    return f"amount:{int(whole) + int(dec.ljust(2, '0')) / 100:.2f}"


def extract_objects(text: str) -> tuple[str, ...]:
    """Order ids, amounts and data volumes named in a text, normalised ("id:A1001",
    "amount:25.00", "qty:5gb")."""
    found: list[str] = []
    taken: list[tuple[int, int]] = [m.span() for m in _PHONE.finditer(text)]
    for m in _VOLUME.finditer(text):
        found.append(_volume(m.group(1), m.group(2)))
        taken.append(m.span())
    for m in _AMOUNT.finditer(text):
        value = _norm_amount(m.group("a") or m.group("b"))
        if value and _UNIT_PRICE.search(text, max(0, m.start() - 3), m.start() + 1):
            taken.append(m.span())  # round 15: "drei Raten à 160 €" is no deed's amount
        elif value:
            found.append(value)
            taken.append(m.span())
    for m in _ID.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        raw = m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e")
        if raw and any(ch.isdigit() for ch in raw):
            found.append(_norm_id(raw))
    return tuple(dict.fromkeys(found))


_UNIT_PRICE = re.compile(r"(?<!\w)à\s*\S")
_VOLUME = re.compile(r"\b(\d+(?:[.,]\d+)?)\s?([GMT]B)\b", re.IGNORECASE)
_VOLUME_KEY = re.compile(r"(?:^|_)([gmt]b)$", re.IGNORECASE)


def _volume(number: str, unit: str) -> str:
    """ "3 GB", "1,5GB", "500 MB" -> "qty:3gb", "qty:1.5gb", "qty:500mb"."""
    value = float(number.replace(",", "."))
    return f"qty:{value:g}{unit.lower()}"


_ID_KEY = re.compile(
    r"id$|_id|order|number|^nr|ref|account|subscription|ticket|invoice|booking|last_?4|last_?four|"
    # German and Dutch keys: bestellnummer, kartenendung, laatste4, buchung, bestelling, klantnr
    r"nummer|nr$|endung|laatste|buchung|bestell|boeking|reservier|reserver|auftrag|vertrag|"
    r"contract|rechnung|factuur|konto|kundennr|klantnr|pnr|billett|kenteken|kennzeichen|vrm"
)
_PHONE_KEY = re.compile(r"phone|mobile|msisdn|telefoon|telefon|handy|gsm", re.IGNORECASE)
_AMOUNT_KEY = re.compile(
    r"amount|total|refund|value|sum|price|credit|betrag|bedrag|compensat|entschädig|vergoed|payout|"
    r"erstattung|terugbetal|gutschrift|tegoed|preis|prijs|(?:^|_)(?:chf|eur|gbp|usd)(?:$|_)"
)


def _json_objects(value: Any, key: str = "") -> Iterable[str]:
    k = key.lower()
    if _PHONE_KEY.search(k):
        return  # a phone number is no order id
    if isinstance(value, dict):
        for sub_key, sub in value.items():
            yield from _json_objects(sub, str(sub_key))
    elif isinstance(value, list):
        for sub in value:
            yield from _json_objects(sub, key)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int | float):
        volume = _VOLUME_KEY.search(k)
        if volume:
            yield _volume(str(value), volume.group(1))
        elif _AMOUNT_KEY.search(k):
            amount = value / 100 if "cent" in k or "pence" in k or "penny" in k else value
            yield f"amount:{float(amount):.2f}"
        elif _ID_KEY.search(k):
            yield _norm_id(str(value))
    elif isinstance(value, str):
        if _AMOUNT_KEY.search(k) and re.fullmatch(
            rf"\s*(?:{_CUR})?\s*(?:{_NUM})\s*(?:{_CUR})?\s*", value
        ):
            number = re.search(_NUM, value)
            norm = _norm_amount(number.group()) if number else None
            if norm:
                yield norm
        elif _ID_KEY.search(k) and re.fullmatch(r"[#\w-]{2,}", value.strip()):
            yield _norm_id(value.strip())
        elif re.fullmatch(r"[*xX•.]{2,}\s?\d{4}", value.strip()):
            yield _norm_id(value.strip()[-4:])  # a masked card: "****2219"
        else:
            yield from extract_objects(value)


# A look-up's result that states an action was done ("status": "cancelled", "refund":
# {"status": "completed"}, "refunded": true) backs a *report* of it ("our records show the refund
# was completed on 2 May", "order 7702 was cancelled automatically"): the action is on record.
_STATE_ACTIONS: Final = (
    (re.compile(r"^(?:refunded|erstattet|zurückerstattet|terugbetaald|gerestitueerd)$", re.I),
     ("refund",)),
    (re.compile(r"^(?:cancell?ed|canceled|storniert|annulliert|geannuleerd|voided)$", re.I),
     ("cancel_order", "cancel_subscription")),
    (re.compile(r"^(?:ended|terminated|expired_by_request|unsubscribed|gekündigt|beendet|"
                r"opgezegd|beëindigd|stopgezet)$", re.I), ("cancel_subscription",)),
    (re.compile(r"^(?:deleted|closed|erased|gelöscht|geschlossen|verwijderd|gesloten)$", re.I),
     ("delete_account",)),
)  # fmt: skip
_DONE_WORDS = re.compile(
    r"^(?:completed?|done|processed|succeeded|success|issued|paid|ok|settled|finished|"
    r"initiated|started|eingeleitet|gestartet|gestart|"
    r"abgeschlossen|erledigt|voltooid|afgerond|verwerkt)$",
    re.IGNORECASE,
)
# A key naming the action with a done value: {"replacement": "sent"}, {"terugbetaling": "voltooid"}.
_DONE_VALUE = re.compile(
    r"^(?:completed?|done|processed|succeeded|issued|paid|settled|finished|sent|shipped|"
    r"dispatched|cancell?ed|refunded|abgeschlossen|erledigt|versendet|verschickt|voltooid|"
    r"afgerond|verwerkt|verzonden|verstuurd)$",
    re.IGNORECASE,
)
_NOUN_ACTION: Final = (
    (re.compile(r"refund|erstattung|terugbetaling", re.I), ("refund",)),
    (re.compile(r"cancel|storn|annul", re.I), ("cancel_order", "cancel_subscription")),
    (re.compile(r"replacement|reship|ersatz|vervang", re.I), ("place_order",)),
)
_DONE_KEY = re.compile(
    r"^(?:is_)?(refunded|cancell?ed|canceled|deleted)(?:_(?:by|at|on|date))?$", re.IGNORECASE
)


def call_objects(args: Any, result: Any = None) -> tuple[str, ...]:
    """The ids and amounts of a call's parsed arguments and result ("id:A1001",
    "amount:25.00"), each once."""
    return tuple(dict.fromkeys([*_json_objects(args), *_json_objects(result)]))


def reported_actions(result: Any, depth: int = 0) -> set[str]:
    """Actions a (look-up) tool result states as done, from its JSON fields."""
    found: set[str] = set()
    if not isinstance(result, dict) or depth > 2:
        return found
    for key, value in result.items():
        k = str(key)
        if _STATE_KEY.search(k) and isinstance(value, str):
            for pattern, actions in _STATE_ACTIONS:
                if pattern.match(value.strip()):
                    found.update(actions)
        done = _DONE_KEY.match(k)
        if done and value not in (False, None, "", 0, "false", "no"):
            word = done.group(1).lower()
            for pattern, actions in _STATE_ACTIONS:
                if pattern.match(word):
                    found.update(actions)
        if isinstance(value, str) and _DONE_VALUE.match(value.strip()):
            for pattern, actions in _NOUN_ACTION:
                if pattern.search(k):
                    found.update(actions)
        if isinstance(value, dict):
            status = next((v for sk, v in value.items() if _STATE_KEY.search(str(sk))), None)
            if isinstance(status, str) and _DONE_WORDS.match(status.strip()):
                for pattern, actions in _NOUN_ACTION:
                    if pattern.search(k):
                        found.update(actions)
            found |= reported_actions(value, depth + 1)
    return found


# A tool named like a look-up changes nothing ("get_order", "lookup_subscription", "check_status").
_LOOKUP = re.compile(
    # (not "list_ticket_for_resale": a listing for sale is a deed, round 12)
    r"^(?!list_\w*(?:resale|for_sale|sale|market|verkauf|verkoop))"
    r"(?:get|lookup|look_up|search|find|check|list|fetch|read|verify|validate|pull|show|view|"
    r"query|describe|retrieve|track|inspect|load|count|calculate|estimate|quote|preview|kb)"
    r"(?:_|$)|lookup|search|faq|oracle"
    # German and Dutch names put the verb last: kursbuchungen_abrufen, inschrijvingen_opvragen
    r"|(?:^|_)(?:abrufen|abfragen|anzeigen|suchen|prüfen|pruefen|auflisten|lesen|opvragen|ophalen|"
    r"bekijken|zoeken|controleren|raadplegen|tonen|lezen)$"
    # round 11: a look-up of free slots ("get_engineer_slots", "monteur_beschikbaarheid")
    r"|(?:^|_)(?:slots|availability|available|beschikbaarheid|verf(?:ue|ü)gbarkeit|freie_termine)"
    r"(?:_|$)"
    # round 12: free times and options by adjective and noun ("vrije_tijden", "free_times",
    # "freie_zeiten", "open_plekken"), and verb-last German/Dutch look-ups ("termin_suchen")
    r"|^(?:vrije|free|freie|open|offene)_(?:tijden|times|zeiten|termine|plekken|plaetze|places|"
    r"spots|slots|dates|data|datums|momenten)$"
    r"|(?:^|_)(?:berechnen|berekenen|ermitteln|bepalen|simuleren|simulieren|ansehen|nachsehen|"
    r"weergeven|bekijken|vergleichen|vergelijken)$"
    r"|^(?!.*(?:update|change|set|edit|modify|cancel|refund|create|add|remove|delete)).*"
    r"(?:status|_info|details?|history|historie|verlauf|geschiedenis|overzicht|(?:ü|ue)bersicht)$"
    # round 13: a diagnosis or a line test reads a device's state ("geraet_diagnose",
    # "modem_diagnose", "run_line_test")
    r"|(?:^|_)(?:diagnose|diagnosis|diagnostics?|troubleshoot|line_test|linetest|leitungstest|"
    r"lijntest|messung|meting|analyse|analyze)(?:_|$)"
    # round 15: a check named last ("voorraad_check", "address_lookup") or a stock level; not a
    # cheque sent or issued ("send_check", "issue_refund_check")
    r"|^(?!.*(?:^|_)(?:send|issue|reissue|mail|post|write|print|cut|pay|void|cancel|stop|deposit|"
    r"cash|create|add|order)_).*_(?:check|checken)$"
    r"|_(?:lookup|opzoeken)$|^(?:voorraad|stock|inventory|lagerbestand|vorrat)$",
)
OTHER: Final = "other"  # a tool that changes something the action tables do not name
# A tool named for asking someone else to act: its name's action is not done by it.
_REQUEST = re.compile(r"^(?:request|ask|propose|suggest|simulate|notify|inform)(?:_|$)")


def _normal(name: str) -> str:
    """A tool's name as the tables spell it ("functions.Refund-Order" -> "refund_order")."""
    norm = name.strip().lower().replace("-", "_").replace(".", "_").replace(" ", "_")
    return norm[len("functions_") :] if norm.startswith("functions_") else norm


def _normal_table(tool_actions: dict[str, str]) -> dict[str, str]:
    return {k.strip().lower().replace("-", "_"): v for k, v in tool_actions.items()}


def _tool_action(norm: str, table: dict[str, str]) -> str | None:
    """The action a tool (its ``_normal`` name) grants: by the table, else by a keyword of its
    name; None for a look-up, OTHER for a tool neither names."""
    if norm in table:
        return table[norm] or None
    if _LOOKUP.search(norm):
        return None
    if _REQUEST.search(norm):
        return OTHER  # request_refund_from_seller asks for a refund, it does not refund
    for keywords, action in lex.TOOL_KEYWORDS:
        if all(word in norm for word in keywords):
            return action
    return OTHER if norm else None


def tool_calls(messages: list[dict[str, Any]], tool_actions: dict[str, str]) -> list[ToolCall]:
    """Every action-granting tool call in the conversation, with its outcome."""
    calls: list[ToolCall] = []
    if not any(isinstance(m, dict) and m.get("role") in ("tool", "function") for m in messages):
        return calls  # no result to read: the table is not normalised for nothing (round 17)
    table = _normal_table(tool_actions)
    for answered in answered_calls(messages):
        name, args = answered.name, answered.arguments
        norm = _normal(name)
        action = _tool_action(norm, table)
        content, text = answered.content, answered.text
        result = parsed_arguments(text)
        off = isinstance(args, dict) and any(v is False for v in args.values())
        ok = tool_result_ok(content, name, switched_off=off)
        # a look-up (a tool that grants nothing itself) reports what is on record; a
        # change's result may report a second deed it did ({"refund": {"status":
        # "initiated"}} from cancel_print_order, round 11)
        lookup = action is None or action == OTHER
        reported = sorted(reported_actions(result)) if ok else []
        if not lookup:  # a second deed only, not the call's own again
            reported = [r for r in reported if r != action and action not in _granted_by(r)]
        if action is None and not reported:
            continue
        objects = call_objects(args, result)
        if action is not None:
            said = _result_words(result) if ok else ()
            dates = dates_in(f"{json.dumps(args, ensure_ascii=False)} {text}")
            guessed = action != OTHER and norm not in table
            values = call_values(args, result) if ok else call_values(args)
            # the result as parsed above: not read again
            incomplete = ok and result_incomplete(result)
            words = _words(name, args)
            calls.append(
                ToolCall(
                    name,
                    action,
                    objects,
                    ok,
                    words,
                    said,
                    dates,
                    guessed,
                    values,
                    incomplete,
                    ok and result_unsent(result),
                    partial=ok and result_partial(result),
                )
            )
        calls.extend(ToolCall(name, done, objects, True) for done in reported)
    return calls


_RESULT_WORD: Final = re.compile(r"[^\W\d_]{4,}")
_NEGATION: Final = re.compile(r"\b(?:not?|nicht|kein\w*|niet|geen|nog)\b", re.IGNORECASE)


def _granted_by(action: str) -> tuple[str, ...]:
    """The actions a reported action stands for (cancel_order and cancel_subscription are one
    cancellation)."""
    return ("cancel_order", "cancel_subscription") if action.startswith("cancel") else (action,)


def _result_words(result: Any) -> tuple[str, ...]:
    """The words a successful result (as parsed by ``_arguments``) says — its string values,
    none with a negation: {"status": "geannuleerd", "refund_status": "not_initiated"} says
    "geannuleerd", not "refund"."""
    values = [v for v in _string_values(result, 0) if not _negated(v)]
    values += _done_keys(result)
    words = (w.lower() for v in values for w in _RESULT_WORD.findall(v))
    return tuple(dict.fromkeys(words))[:64]


def _negated(text: str) -> bool:
    """A negation word in a value or key, also between underscores ("not_initiated")."""
    return _NEGATION.search(text.replace("_", " ")) is not None


# A day or a time as a key's value: {"monteur_ingepland": "2024-06-06 08:00-12:00"} says when.
_WHEN: Final = re.compile(r"\d{4}-\d\d-\d\d|\b\d{1,2}:\d\d\b")


def _done_keys(result: Any) -> list[str]:
    """The top-level keys of a result whose value says it happened: {"paused": true,
    "credit_chf": 29.0, "provisional_credit": 23.99} says "credit" too, a key with a day or a
    time says when it happens (not "refund_status": null, "refunded": false or "credit": 0)."""
    if not isinstance(result, dict):
        return []
    return [
        str(k).replace("_", " ")
        for k, v in result.items()
        if (not isinstance(v, (dict, list, str)) or (isinstance(v, str) and _WHEN.search(v)))
        and v
        and not _negated(str(k))
        and not _STATE_KEY_WORD.search(str(k))
    ]


# Keys that hold a state, not a deed: "refund_eligible", "credits_remaining", "credit_limit".
_STATE_KEY_WORD: Final = re.compile(
    r"eligib|remain|availab|balance|left|possib|allow|pending|request|limit|max|min|total|"
    r"count|status|state|_id|^id|date|_at$|until|days|percent|rate|price|cost|fee",
    re.IGNORECASE,
)


def _string_values(data: Any, depth: int) -> list[str]:
    if isinstance(data, str):
        return [data]
    if depth > 3:
        return []
    if isinstance(data, dict):
        return [s for v in data.values() for s in _string_values(v, depth + 1)]
    if isinstance(data, list):
        return [s for v in data[:20] for s in _string_values(v, depth + 1)]
    return []


def _words(name: str, args: Any) -> str:
    """What a call names: "update_email email u_2291" (for the detail a change was made to)."""
    parts = [name]
    if isinstance(args, dict):
        for key, value in args.items():
            parts.append(str(key))
            if isinstance(value, str) and len(value) <= 40:
                parts.append(value)
    return " ".join(parts).lower().replace("_", " ").replace("-", " ")


def ledger(messages: list[dict[str, Any]], tool_actions: dict[str, str]) -> list[Done]:
    """The actions granted by successful tool calls in the conversation."""
    return [
        Done(c.action, c.tool, c.objects)
        for c in tool_calls(messages, tool_actions)
        if c.ok and c.action != OTHER
    ]


def lookups(
    messages: list[dict[str, Any]], tool_actions: dict[str, str]
) -> list[tuple[str, str, str]]:
    """(tool name, result text, arguments text) of every successful look-up call."""
    answered = answered_calls(messages)
    if not answered:
        return []
    table = _normal_table(tool_actions)
    return [
        (c.name, c.text, c.raw_arguments)
        for c in answered
        if c.name and _tool_action(_normal(c.name), table) is None and tool_result_ok(c.content)
    ]


# A look-up of free slots or options offers days; it records nothing that happened.
_OFFER: Final = re.compile(
    r"(?<![^\W_])(?:slots?|avail\w*|verf(?:ue|ü)gbar\w*|beschikbaar\w*|frei|vrij|termine|options|"
    r"optionen|opties|angebot|aanbod|quote|"
    # round 12: "vrije_tijden", "freie_termine", "free_times", "openings", "alternatives"
    r"vrije|freie[nrs]?|free|openings?|suggest\w*|vorschl(?:ae|ä)ge|voorstel\w*|"
    r"alternativ\w*|alternatie\w*|mogelijkheden|m(?:oe|ö)glichkeiten)(?![^\W_])",
    re.IGNORECASE,
)


def offered(name: str, text: str) -> bool:
    """Whether a look-up lists free slots or options ("get_engineer_slots", {"beschikbaar": …})."""
    return bool(_OFFER.search(name) or _OFFER.search(text[:200]))


def lookup_days(
    messages: list[dict[str, Any]], tool_actions: dict[str, str]
) -> frozenset[tuple[int, int]]:
    """The days (month, day) the results of look-up tools name ("get_bill_adjustments" with
    {"date": "2024-03-12"}): a reply that names one of them in a report of the past ("was
    applied to your account on 12 March") reads the record, it claims no deed of its own.
    Not the days a look-up of free slots offers (round 11)."""
    return record_days(lookups(messages, tool_actions))


def record_days(looked: list[tuple[str, str, str]]) -> frozenset[tuple[int, int]]:
    """``lookup_days`` of look-ups already read (``lookups``)."""
    days: set[tuple[int, int]] = set()
    for name, text, _ in looked:
        if not offered(name, text):
            days |= dates_in(text)
    return frozenset(days)
