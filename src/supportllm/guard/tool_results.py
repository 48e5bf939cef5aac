"""Whether a tool call succeeded, read from its result message (guard/claims.py's docstring has
the rules): JSON flags and statuses in English, German and Dutch ({"success": false},
{"erfolg": false}, {"status": "mislukt"}), error keys, HTTP error codes, failure words in plain
text or a message, and the tool's own deed flagged as not done ({"migrated": false} from
site_migreren).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

from supportllm.guard.claims_bridge import bridged, tool_words

__all__ = [
    "STATE_KEY",
    "content_text",
    "result_incomplete",
    "result_unsent",
    "successful_calls",
    "tool_result_incomplete",
    "tool_result_ok",
    "tool_result_unsent",
]

# A key that holds a call's state, in English, German and Dutch ("resultat", "resultaat" hold
# "result"); round 20: the German and Dutch keys _STATUS_KEYS reads were added here too, so a
# look-up's {"zustand": "erstattet"} reports a deed as {"status": "refunded"} does.
STATE_KEY: Final = re.compile(
    r"status|state|result|outcome|zustand|ergebnis|uitkomst|toestand", re.IGNORECASE
)


_FAIL_WORDS = re.compile(
    r"\b(?:error|errors|failed|failure|fail|exception|denied|not\s+found|invalid|unable|"
    r"cannot|can['’]t|could\s+not|rejected|declined|unauthori[sz]ed|forbidden|timed?\s*out|"
    r"not\s+allowed|not\s+permitted|fehler|fehlgeschlagen|abgelehnt|nicht\s+gefunden|"
    r"ungültig|nicht\s+möglich|fout|mislukt|geweigerd|niet\s+gevonden|ongeldig|niet\s+mogelijk|"
    r"unavailable|try\s+again\s+later|verweigert|nicht\s+verfügbar|niet\s+beschikbaar|"
    r"(?:service|server)\s+(?:unavailable|error)|5\d\d|http\s*[45]\d\d|conflict|sold\s+out|"
    r"out\s+of\s+stock|ausverkauft|uitverkocht|"
    # round 13: no access ("Geen toegang", "Kein Zugriff", "access denied", "no permission")
    r"geen\s+toegang|toegang\s+geweigerd|geen\s+rechten|kein\s+zugriff|keine\s+berechtigung|"
    r"zugriff\s+verweigert|no\s+access|access\s+denied|no\s+permission|permission\s+denied|"
    # round 14: nothing free for the request ("Geen beschikbaarheid", "Keine Verfügbarkeit",
    # "No availability for the dates", "fully booked", "ausgebucht")
    r"geen\s+beschikbaarheid|keine\s+verf(?:ü|ue)gbarkeit|no\s+availability|not\s+available|"
    r"fully\s+booked|ausgebucht|volgeboekt|"
    # round 15: none of a thing free ("Keine Fahrer verfügbar", "Geen monteurs beschikbaar")
    r"keine?\s+(?:\w+\s+){1,2}?verf(?:ü|ue)gbar|geen\s+(?:\w+\s+){1,2}?beschikbaar|"
    r"no\s+(?:\w+\s+){1,2}?available)\b",
    re.IGNORECASE,
)
_FAIL_STATUS = re.compile(
    r"^(?:error|errored|fail|failed|failure|denied|rejected|declined|invalid|not_?found|"
    r"unauthori[sz]ed|forbidden|timeout|timed_?out|aborted|refused|blocked|ko|nok|false|"
    r"unsuccessful|not_?allowed|not_?permitted|unavailable|conflict|expired|insufficient\w*|"
    # German and Dutch statuses
    r"fehler|fehlgeschlagen|abgelehnt|verweigert|ungültig|abgebrochen|nicht_?gefunden|"
    r"fout|mislukt|geweigerd|afgewezen|ongeldig|afgebroken|niet_?gevonden|"
    # round 12: no room left
    r"full|fully_?booked|booked_?out|sold_?out|no_?capacity|no_?space|ausgebucht|voll|"
    r"volgeboekt|vol|uitverkocht|ausverkauft)$",
    re.IGNORECASE,
)


def content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content
        )
    return "" if content is None else json.dumps(content)


# "no errors", "0 errors", "without error": not a failure
_NO_FAILURE = re.compile(
    r"\b(?:no|0|zero|without(?:\s+any)?|keine?|geen|zonder)\s+(?:errors?|failures?|fehler|fouten?)\b",
    re.IGNORECASE,
)
_OK_STATUS = re.compile(
    r"^(?:ok|success|succeeded|successful|done|completed?|processed|refunded|cancell?ed|"
    r"updated|sent|created|applied|approved|pending|queued|accepted|submitted)$",
    re.IGNORECASE,
)
_MESSAGE_KEYS = (
    "message", "detail", "details", "reason", "description", "msg", "grund", "reden",
    "meldung", "melding", "nachricht", "bericht",
)  # fmt: skip
_NOTE_KEYS = ("note", "notes", "hinweis", "notiz", "opmerking", "toelichting", "info")
_SUCCESS_KEYS = (
    "success",
    "ok",
    "succeeded",
    "erfolg",
    "erfolgreich",
    "succes",
    "gelukt",
    "geslaagd",
    # round 11: a generic done-flag of the change ({"updated": false})
    "updated",
    "changed",
    "applied",
    "processed",
    "completed",
    "geaendert",
    "geändert",
    "gewijzigd",
    "aangepast",
    "uitgevoerd",
    "durchgefuehrt",
    "durchgeführt",
)
# The key of a result's status word, in the three languages (round 19: {"zustand":
# "fehlgeschlagen"} and {"resultaat": "mislukt"} were read as successes).
_STATUS_KEYS: Final = (
    "status", "state", "result", "outcome", "zustand", "ergebnis", "resultat", "resultaat",
    "uitkomst", "toestand",
)  # fmt: skip
_ERROR_KEYS = (
    "error", "errors", "exception", "error_message", "fehler", "fehlermeldung", "fout",
    "foutmelding", "fouten",
)  # fmt: skip


def _names_own_deed(key: str, own: tuple[str, ...]) -> bool:
    """Whether a result key names the deed of the tool's own name ("migrated" for
    site_migreren, "transfer" for domain_transfer): 4 letters in common at the start."""
    k = key[2:] if key.startswith("ge") and len(key) > 6 else key
    return any(len(w) >= 4 and len(k) >= 4 and k[:4] == w[:4] for w in own)


def tool_result_ok(content: Any, tool: str = "", switched_off: bool = False) -> bool:
    """Whether a tool message's content reports success (rules in the module docstring).
    A status that is the tool's own verb ("blocked" from ``block_card``) is its success. A call
    that ``switched_off`` something (an argument set to false: ``contactloos_instellen`` with
    ``"aan": false``) may report its flag false ({"contactloos": false}) and have succeeded."""
    text = content_text(content).strip()
    if not text:
        return False
    try:
        data = json.loads(text)
    except ValueError:
        return _FAIL_WORDS.search(_NO_FAILURE.sub(" ", text)) is None
    # the verb the tool's name starts with ("block" of block_card), not its other words: a
    # "failed" status of retry_failed_payment is a failure
    words = tool_words(tool)
    return _json_ok(
        data,
        depth=0,
        own=_own_verbs(words),
        name=() if switched_off else words,
    )


def _own_verbs(words: tuple[str, ...]) -> tuple[str, ...]:
    """The verbs of a tool's name: its first word, and (round 13) a German or Dutch infinitive at
    its end ("blokkeren" of ``collegekaart_blokkeren``, whose {"status": "blocked"} is success)."""
    own = words[:1] if words and len(words[0]) >= 4 else ()
    if len(words) > 1 and len(words[-1]) >= 6 and words[-1].endswith("en"):
        own = (*own, words[-1])
    return own


def _json_ok(data: Any, depth: int, own: tuple[str, ...] = (), name: tuple[str, ...] = ()) -> bool:
    if data is False or data is None:
        return False
    if isinstance(data, list) and data and all(isinstance(d, dict) for d in data):
        # [{"fee": "CHG", "waived": false}]: failed when every item failed
        return any(_json_ok(d, depth + 1, own, name) for d in data[:16])
    if not isinstance(data, dict):
        return True
    lowered = {str(k).lower(): v for k, v in data.items()}
    if not _flat_ok(lowered, own, name):
        return False
    explicit = any(lowered.get(k) in (True, "true", "yes") for k in _SUCCESS_KEYS) or any(
        isinstance(lowered.get(k), str) and _OK_STATUS.match(str(lowered[k]).strip())
        for k in _STATUS_KEYS
    )
    if not explicit:
        # {"message": "Refund failed: card expired"} with no success flag
        for key in _MESSAGE_KEYS:
            value = lowered.get(key)
            if isinstance(value, str) and _FAIL_WORDS.search(_NO_FAILURE.sub(" ", value)):
                return False
    if depth < 2:
        # {"data": {"status": "failed"}}, {"refund": {"error": "…"}}
        for value in lowered.values():
            if isinstance(value, dict) and not _json_ok(value, depth + 1, own, name):
                return False
    return True


def _flat_ok(
    lowered: dict[str, Any], own: tuple[str, ...] = (), name: tuple[str, ...] = ()
) -> bool:
    """The failure keys of one JSON object level."""
    for key in _ERROR_KEYS:
        if lowered.get(key):
            return False
    for key in _SUCCESS_KEYS:
        if key in lowered and lowered[key] in (False, "false", 0, "no", "nein", "nee"):
            return False
    for key, value in lowered.items():
        # the tool's own deed flagged as not done: {"migrated": false} from site_migreren,
        # {"transfer": "rejected"} from domain_transfer
        if (
            not STATE_KEY.search(key)
            and _names_own_deed(key, name)
            and (value is False or (isinstance(value, str) and _FAIL_STATUS.match(value.strip())))
        ):
            return False
    for key in _STATUS_KEYS:
        status = lowered.get(key)
        own_verb = isinstance(status, str) and any(
            status.lower().startswith(v) or bridged(status, v) for v in own
        )  # "blocked" from block_card, and from freeze_card: the same action
        if isinstance(status, str) and _FAIL_STATUS.match(status.strip()) and not own_verb:
            return False
        if status is False:
            return False
    for key in ("status", "status_code", "code", "http_status"):
        code = lowered.get(key)
        if isinstance(code, int) and not isinstance(code, bool) and code >= 400:
            return False  # an HTTP error status
    return True


# Round 12: a result that accepted the request without carrying it out yet — on a waiting
# list, waiting for an approval, a payment or the customer's confirmation: {"status":
# "waitlisted"}, {"status": "pending_payment_update"}, {"status": "in_wachtrij",
# "bevestiging_nodig": true}, "Deletion request queued, requires email confirmation". A bare
# "pending" or "queued" stays a submitted deed (a refund on its way).
_INCOMPLETE_STATUS: Final = re.compile(
    r"^(?:wait_?list(?:ed)?|on_?(?:the_?)?wait_?list|warteliste|auf_?warteliste|wachtlijst|"
    r"op_?(?:de_?)?wachtlijst|on_?hold|in_?wachtrij|in_?warteschlange|(?:pending|awaiting|"
    r"waiting|queued|wartet|wacht|requires?|needs?)_\w+|in_?pr(?:ue|ü)fung|in_?behandeling|"
    r"zur_?pr(?:ue|ü)fung|ter_?beoordeling|not_?(?:yet_?)?(?:active|confirmed|completed)|"
    # round 13: a request only received or passed on ("request_received", "anfrage_gesendet",
    # "eingegangen", "vorgemerkt", "aanvraag_ontvangen")
    r"request_?(?:received|sent|submitted|logged)|(?:anfrage|antrag|aanvraag|verzoek)_?\w*|"
    r"eingegangen|aangevraagd|beantragt|requested|"
    # round 14: asked of a third party, not yet granted ({"status": "angefragt"} from a hotel)
    r"angefragt|nachgefragt|opgevraagd)$",
    re.IGNORECASE,
)
_INCOMPLETE_FLAG: Final = re.compile(
    r"^(?:(?:requires?|needs?|awaiting|pending)_\w*(?:confirm|approv|verif|review|payment)\w*|"
    r"\w*(?:confirmation|approval|verification|bestaetigung|bestätigung|freigabe|bevestiging|"
    r"goedkeuring|verificatie)_?(?:required|needed|pending|erforderlich|noetig|nötig|nodig|"
    r"vereist)|(?:bevestiging|goedkeuring)_?nodig|waitlisted|on_waitlist|warteliste)$",
    re.IGNORECASE,
)
_INCOMPLETE_TEXT: Final = re.compile(
    r"\b(?:requires?|needs?|awaiting|pending|waiting\s+for)\s+(?:\w+\s+){0,2}?(?:confirmation|"
    r"approval|verification|review|payment)|\b(?:wait(?:ing)?\s*-?list(?:ed)?)\b|"
    r"\b(?:bestätigung|freigabe|prüfung)\s+(?:\w+\s+){0,2}?(?:erforderlich|ausstehend|nötig)\b|"
    r"\bwarteliste\b|\bwachtlijst\b|\b(?:bevestiging|goedkeuring)\s+(?:\w+\s+){0,2}?(?:nodig|"
    r"vereist)\b"
    # round 13: "Subject to warden confirmation", "nach Freigabe durch den Veranstalter",
    # "onder voorbehoud van goedkeuring"
    r"|\bsubject\s+to\s+(?:\w+\s+){0,2}?(?:confirmation|approval)|\bnach\s+freigabe\b|"
    r"\bqueued\s+for\s+(?:\w+\s+){0,2}?(?:approval|review)|"
    r"\bvorbehaltlich\b|\bonder\s+voorbehoud\b",
    re.IGNORECASE,
)


def tool_result_incomplete(content: Any) -> bool:
    """Whether a result that reads as a success only accepted the request: waiting list,
    approval, payment or confirmation still outstanding (the patterns above). A claim that the
    deed is done is not backed by it; one that names the request, the waiting list or the step
    still to come is."""
    text = content_text(content).strip()
    if not text:
        return False
    try:
        data = json.loads(text)
    except ValueError:
        return bool(_INCOMPLETE_TEXT.search(text))
    return result_incomplete(data)


def result_incomplete(data: Any) -> bool:
    """``tool_result_incomplete`` of a result already parsed (a JSON value, or the text that
    did not parse)."""
    return _json_incomplete(data, 0)


def _json_incomplete(data: Any, depth: int) -> bool:
    if isinstance(data, str):
        return bool(_INCOMPLETE_TEXT.search(data))
    if not isinstance(data, dict) or depth > 2:
        return False
    for key, value in data.items():
        k = str(key).lower()
        if value is True and _INCOMPLETE_FLAG.match(k):
            return True
        if isinstance(value, str):
            state = re.sub(r"[\s-]+", "_", value.strip())  # "in wachtrij", "aanvraag ontvangen"
            if STATE_KEY.fullmatch(k) and _INCOMPLETE_STATUS.match(state):
                return True
            if (k in _MESSAGE_KEYS or k in _NOTE_KEYS) and _INCOMPLETE_TEXT.search(value):
                return True
        elif (
            isinstance(value, dict)
            and (STATE_KEY.fullmatch(k) or k in ("data", "response"))
            and _json_incomplete(value, depth + 1)
        ):
            return True
    return False


# A result whose shipment still waits: {"verzending": "wacht_op_voorraad"}, {"shipment":
# "pending_pick"}, {"versand": "nachbestellt"} — the replacement exists, it was not sent.
_SHIP_KEY: Final = re.compile(
    r"ship|dispatch|versand|verschick|verzend|verzonden|delivery|lieferung|levering|bezorg",
    re.IGNORECASE,
)
_WAITING: Final = re.compile(
    r"pending|wait|wacht|wartet|await|backorder|back_order|nachbestell|not_|nicht_|niet_|geen_|"
    r"kein|hold|queued|voorraad|lager|stock|scheduled|geplant|gepland|ingepland",
    re.IGNORECASE,
)


def tool_result_unsent(content: Any) -> bool:
    """Whether a result says that what the call made has not been sent yet (the patterns
    above, on the first two levels of a JSON object): a claim that it was sent is not backed."""
    try:
        data = json.loads(content_text(content))
    except ValueError:
        return False
    return result_unsent(data)


def result_unsent(data: Any) -> bool:
    """``tool_result_unsent`` of a result already parsed."""
    if not isinstance(data, dict):
        return False
    levels = [data, *(v for v in data.values() if isinstance(v, dict))]
    return any(
        isinstance(value, str) and _SHIP_KEY.search(str(key)) and _WAITING.search(value)
        for level in levels
        for key, value in level.items()
    )


# A list of the things a call did not do beside those it did: {"moved": […], "failed": […]},
# {"geaendert": […], "nicht_geaendert": […]}, {"verplaatst": […], "niet_verplaatst": […]}.
_NOT_DONE_KEY: Final = re.compile(
    r"^(?:failed|failures?|errors?|rejected|skipped|not_\w+|nicht_\w+|niet_\w+|fehlgeschlagen|"
    r"abgelehnt|mislukt|geweigerd|unchanged)$",
    re.IGNORECASE,
)


def result_partial(data: Any) -> bool:
    """Whether a parsed result lists things the call did not do (round 13): a claim for all of
    them is not backed by it."""
    if not isinstance(data, dict):
        return False
    return any(
        isinstance(value, list) and value and _NOT_DONE_KEY.match(str(key))
        for key, value in data.items()
    )


def successful_calls(messages: list[dict[str, Any]]) -> Iterator[tuple[str, Any]]:
    """(arguments as written, result content) of each tool call whose result reads as a
    success, in the conversation's order (round 16: shared by the result and list checks)."""
    arguments: dict[str, str] = {}
    for m in messages:
        if not isinstance(m, dict):
            continue
        if m.get("role") == "assistant":
            for call in m.get("tool_calls") or []:
                fn = (call.get("function") or {}) if isinstance(call, dict) else {}
                arguments[str(call.get("id", ""))] = str(fn.get("arguments") or "{}")
        elif m.get("role") == "tool" and tool_result_ok(m.get("content")):
            written = arguments.get(str(m.get("tool_call_id", "")))
            if written is not None:
                yield written, m.get("content")
