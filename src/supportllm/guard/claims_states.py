"""A state the reply asserts against what a look-up returned (round 12): "Your card is active
again" after ``get_card_status`` returned ``{"status": "blocked"}`` and no call changed it.

The look-up's state words (in status-like keys or flags) and the reply's are read into two
kinds, on and off (active, unblocked, open, valid … / blocked, suspended, cancelled, expired …);
a present-tense sentence that puts the thing in the other kind than every look-up says, with no
question, negation, modal, condition or past tense in it, is a claim that something changed —
a violation when no state-changing call succeeded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, Final

from supportllm.guard.claims_bridge import UMLAUTS
from supportllm.guard.claims_split import split_sentences

__all__ = ["reports_state", "state_contradiction", "state_values"]

_ON: Final = (
    "active", "activated", "aktiv", "aktiviert", "actief", "geactiveerd", "enabled", "unblocked",
    "entsperrt", "gedeblokkeerd", "reactivated", "reaktiviert", "open", "opened", "valid",
    "gültig", "gueltig", "geldig", "running", "live", "online", "connected", "verbunden",
    "verbonden", "aangesloten", "freigeschaltet", "restored", "wiederhergestellt", "hersteld",
)  # fmt: skip
_OFF: Final = (
    "blocked", "gesperrt", "geblokkeerd", "suspended", "gesperrd", "frozen", "eingefroren",
    "bevroren", "inactive", "inaktiv", "inactief", "disabled", "deaktiviert", "gedeactiveerd",
    "closed", "geschlossen", "gesloten", "cancelled", "canceled", "gekündigt", "gekuendigt",
    "opgezegd", "expired", "abgelaufen", "verlopen", "terminated", "beendet", "beëindigd",
    "disconnected", "getrennt", "afgesloten", "offline", "locked", "gesperrt", "vergrendeld",
    "deactivated", "paused", "pausiert", "gepauzeerd",
)  # fmt: skip
_STATE_KEY: Final = re.compile(
    r"status|state|zustand|staat|toestand|active|aktiv|actief|blocked|gesperrt|geblokkeerd|"
    r"enabled|locked|frozen",
    re.IGNORECASE,
)
# A sentence that asserts a present state plainly.
_PRESENT: Final = re.compile(
    r"\b(?:is|are|ist|sind|staat|staan|zijn|läuft|loopt|works|funktioniert|werkt)\b", re.I
)
_NOT_PLAIN: Final = re.compile(
    r"\?|\b(?:not|no|never|if|once|when|until|will|would|can|could|should|may|might|must|was|"
    r"were|had|been|still|nicht|kein\w*|nie|wenn|falls|sobald|bis|wird|würde|kann|könnte|"
    r"sollte|muss|war|waren|wurde|noch|niet|geen|nooit|als|zodra|tot|zal|zou|kan|moet|was|"
    r"waren|werd|nog|unfortunately|leider|helaas|sorry)\b|n['’]t\b",
    re.IGNORECASE,
)
_WORD: Final = re.compile(r"[^\W\d_]+")
_FLIPPED: Final = {"on": "off", "off": "on"}


def _kind(word: str) -> str | None:
    w = word.lower()
    if w in _ON:
        return "on"
    if w in _OFF:
        return "off"
    return None


def _looked_up_kinds(results: Iterable[str]) -> set[str]:
    kinds: set[str] = set()
    for text in results:
        try:
            data = json.loads(text)
        except ValueError:
            continue
        _collect(data, kinds, 0)
    return kinds


def _collect(data: Any, kinds: set[str], depth: int) -> None:
    if depth > 3:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            k = str(key)
            if isinstance(value, str) and _STATE_KEY.search(k):
                for word in _WORD.findall(value.replace("_", " ")):
                    kind = _kind(word)
                    if kind:
                        kinds.add(kind)
            elif isinstance(value, bool) and (kind := _kind(k.split("_")[-1])):
                kinds.add(kind if value else _FLIPPED[kind])  # {"blocked": false}: on
            elif isinstance(value, dict | list):
                _collect(value, kinds, depth + 1)
    elif isinstance(data, list):
        for item in data[:16]:
            _collect(item, kinds, depth + 1)


def state_contradiction(
    reply: str, looked: Iterable[str], changed: bool
) -> tuple[tuple[int, int], str] | None:
    """The span of a sentence that asserts the other state than the look-ups' results
    (``looked``) report, and why, when no state-changing call succeeded (``changed`` False)."""
    if changed:
        return None
    have = _looked_up_kinds(looked)
    if len(have) != 1:
        return None  # none, or both (a list of cards in either state)
    (state,) = have
    for start, end in split_sentences(reply):
        # round 13: read up to the end of the clause that states it ("Your connection is active
        # again, so a quick router restart should …": the "should" is the next clause's)
        sentence = _up_to_state_clause(reply[start:end])
        if _NOT_PLAIN.search(sentence) or not _PRESENT.search(sentence):
            continue
        said = {k for w in _WORD.findall(sentence) if (k := _kind(w))}
        if _WORKS_AGAIN.search(sentence):
            said.add("on")  # "Your key card works again"
        if said and state not in said:
            return (start, end), f"states it is {said.pop()} where the look-up says {state}"
    return None


# "works again", "funktioniert wieder", "werkt weer", "doet het weer": on again.
_WORKS_AGAIN: Final = re.compile(
    r"\b(?:works?|working|funktionier\w*|geht|läuft|werkt|doet\s+het|loopt)\s+(?:\w+\s+)?"
    r"(?:again|wieder|weer)\b",
    re.IGNORECASE,
)
# Where a clause after a state ends the statement: ", so …", " — …", "; …".
_NEXT_CLAUSE: Final = re.compile(
    r",\s*(?:so|and|but|sodass|also|und|aber|dus|en|maar|zodat)\s|\s[—–]\s|;\s", re.IGNORECASE
)


def _up_to_state_clause(sentence: str) -> str:
    """The sentence up to the end of the first clause that names a state."""
    start = 0
    for m in _NEXT_CLAUSE.finditer(sentence):
        part = sentence[start : m.start()]
        if any(_kind(w) for w in _WORD.findall(part)) or _WORKS_AGAIN.search(part):
            return sentence[: m.start()]
        start = m.end()
    return sentence


# A state word of participle shape ("geblokkeerd", "storniert", "cancelled", "ontvangen"), not
# a noun that a status value holds too ("retour" of "retour_ontvangen").
_PARTICIPLE: Final = re.compile(r"\w{3,}(?:ed|d|t|en)", re.IGNORECASE)
_FIRST_PERSON: Final = re.compile(r"\b(?:I|I['’]ve|we|we['’]ve|ich|wir|ik|wij)\b", re.IGNORECASE)


def state_values(results: Iterable[str]) -> frozenset[str]:
    """The words (five letters or more) of the look-ups' status values, read once per reply."""
    return frozenset(_status_value_words(results))


def _status_value_words(results: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for text in results:
        try:
            data = json.loads(text)
        except ValueError:
            continue
        _status_words(data, out, 0)
    return out


def _status_words(data: Any, out: set[str], depth: int) -> None:
    if depth > 3:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and _STATE_KEY.search(str(key)):
                out |= {w.lower() for w in _WORD.findall(value.replace("_", " ")) if len(w) >= 5}
            elif isinstance(value, dict | list):
                _status_words(value, out, depth + 1)
    elif isinstance(data, list):
        for item in data[:16]:
            _status_words(item, out, depth + 1)


# A first person who only reads what the record shows: "I can see that", "ik zie hier
# dat", "Ich sehe, dass" (as `claims_view._SEEN`, with a hedge word allowed before "that").
_SEEN: Final = re.compile(
    r"\b(?:I|ich|ik|we|wir)\s+(?:can\s+|kann\s+|kan\s+)?(?:see|sehe|zie|zien|sehen|notice|"
    r"merk|bemerke)\b(?:\s+(?:here|hier|indeed|inderdaad|tats(?:ä|ae)chlich|in\s+\w+\s+\w+))?,?"
    r"\s*(?:that|dass|dat)\b",
    re.IGNORECASE,
)


def reports_state(text: str, states: frozenset[str], whole: str = "") -> bool:
    """Whether a sentence reports the state a look-up returned ("Je kaart … is geblokkeerd
    omdat hij als verloren is gemeld" after ``{"status": "geblokkeerd"}``; ``states`` from
    ``state_values``): a state word equal to a look-up's status value, in the present, with
    nobody of ours acting (round 12)."""
    # round 15, third pass: "I can see that …", "ik zie dat …" only reads the record, when no
    # deed of ours follows in the rest of the sentence (``whole``)
    text = _SEEN.sub(" ", text)
    if _FIRST_PERSON.search(_SEEN.sub(" ", whole)):
        return False
    if not states or _FIRST_PERSON.search(text) or not _PRESENT.search(text):
        return False
    return any(
        w.lower().translate(UMLAUTS) in states and (_kind(w) or _PARTICIPLE.fullmatch(w))
        for w in _WORD.findall(text)
    )
