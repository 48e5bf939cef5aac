"""States that say a deed is done, in German and Dutch, with a verb of position (round 15).

Dutch and German say a booking, a reservation or a hold is in place with "staat", "ligt",
"steht", "liegt" rather than with a perfect: "Je wasbeurt staat ingepland voor vrijdag", "De
aanhanger staat voor u gereserveerd", "De lamp ligt voor je klaar bij de balie", "Ihr Paket liegt
für Sie in der Filiale bereit", "Ihr Tarif steht ab dem 1. Juli auf Basis". The tables read
"ist … gebucht" and "is … geboekt"; these read the position verb with a lexicon of the states a
deed leaves (scheduled, reserved, noted, ready *for you*) — not with one writer's phrases.

Blocked like the tables' frames: a question, a negation, "nog"/"noch" (a state that still
holds is a report), a condition, a modal or future verb anywhere in the state's clause; a need
or a right ("heb je een ID-bewijs nodig", "you have a 14-day right to") is a rule. A person as
the subject of a ready state ("Wij staan voor je klaar", "unser Team steht für Sie bereit") is a
sign-off, not a deed.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["LANGS", "sign_off", "stative"]

# "je afspraak staat (nu/al/alvast/inmiddels) ingepland", "staat voor u gereserveerd": the
# customer's own thing, or a thing placed *for you* ("het onderhoud staat gepland" is a fact)
_PLACED: Final = (
    r"(?:staat|staan)\s+(?:(?:nu|al|alvast|inmiddels|vanaf\s+nu)\s+)*"
    r"(ingepland|gepland|gereserveerd|geboekt|genoteerd|vastgelegd|ingeroosterd|"
    r"vastgezet|klaargezet|aangemeld|ingeschreven)\b"
)
_NL_PLACED: Final = re.compile(
    r"\b(?:je|jouw|uw|jullie)\s+(?:[\w-]+\s+){1,3}?"
    + _PLACED
    + r"|\b(?:staat|staan)\s+(?:je|jouw|uw|jullie)\s+(?:[\w-]+\s+){1,3}?(?:(?:nu|al|alvast|"
    r"inmiddels)\s+)*(ingepland|gepland|gereserveerd|geboekt|genoteerd|vastgelegd|ingeroosterd)\b"
    r"|\b(?:staat|staan)\s+(?:\S+\s+){0,2}?voor\s+(?:je|jou|u|jullie)\s+"
    r"(ingepland|gepland|gereserveerd|geboekt|genoteerd|vastgelegd|klaargezet)\b",
    re.IGNORECASE,
)
# "ligt voor je klaar", "staan voor u klaar bij de kassa": ready *for you*
_NL_READY: Final = re.compile(
    r"\b(?:ligt|liggen|staat|staan)\s+(?:\S+\s+){0,3}?voor\s+(?:je|jou|u|jullie)\s+"
    r"(?:\S+\s+){0,3}?(klaar)\b",
    re.IGNORECASE,
)
# "liegt für Sie in der Filiale bereit", "steht für dich zur Abholung bereit"
_DE_READY: Final = re.compile(
    r"\b(?:liegt|liegen|steht|stehen)\s+(?:\S+\s+){0,4}?f(?:ü|ue)r\s+(?:Sie|dich|euch)\s+"
    r"(?:\S+\s+){0,4}?(bereit)\b",
)
# "steht ab dem 1. Juli auf Basis", "steht ab sofort auf monatlich"
_DE_FROM: Final = re.compile(
    r"\b(?:steht|stehen)\s+ab\s+(?:dem\s+|sofort\b|heute\b|morgen\b|nächste\w*\b|\d)"
    r"(?:[^,.;:!?]|(?<=\d)\.){0,30}?\b(auf)\s+"
    # "steht ab Juli auf der Website" is where a thing is shown, not what it is set to
    r"(?!(?:der|dem|den|die|das|ein\w*|unsere[mnr]?|Ihre[mnr]?|deine[mnr]?)\b)\w",
    re.IGNORECASE,
)
# The customer's *new* thing taking effect: "Ihr neuer Tarif gilt ab dem 1. Juli", "Je nieuwe
# tarief gaat in op 1 juli", "Your new rate kicks in on 1 July" (a possessive: "the new tariff
# applies from July" may be a rule for everyone).
_NEW: Final = r"(?:neue[rsnm]?|nieuwe?|new)\s+(?:[\w-]+\s+)?"
_WHEN: Final = (
    r"(?:(?:dem|den|de|het|the)\s+)?(?:\d|sofort|heute|morgen|nächste|nu|vandaag|volgende|now|today|"
    r"tomorrow|next|jan|feb|m[aä]r|apr|ma[iy]|mei|jun|jul|aug|sep|o[ck]t|nov|de[cz])"
)
# what a deed gives the customer: a plan noun, alone, in a compound ("Plus-abonnement") or after
# one word ("the Basic plan"); not any capital or compound ("een ID-bewijs", "a 14-day right")
_THING: Final = (
    r"(?:[\w-]+\s+)?[\w-]*(?:tarif|tarief|abo|abonnement|plan|pakket|paket|membership|"
    r"lidmaatschap|mitgliedschaft|bundle|bundel|upgrade)\b"
)
_DE_NEW: Final = re.compile(
    rf"\b(?:Ihr|Ihre|dein|deine|euer|eure)\s+{_NEW}[\w-]+\s+(gilt|greift|läuft|startet|beginnt)\s+"
    r"(?:\w+\s+)?(?:ab|zum|am)\s+" + _WHEN,
    re.IGNORECASE,
)
_NL_NEW: Final = re.compile(
    rf"\b(?:je|jouw|uw|jullie)\s+{_NEW}[\w-]+\s+(?:(geldt|gaat|loopt|start|begint)\s+(?:\w+\s+)?"
    r"(?:vanaf|per|in\s+op|op)\s+" + _WHEN + ")",
    re.IGNORECASE,
)
_EN_NEW: Final = re.compile(
    rf"\byour\s+{_NEW}[\w-]+\s+(applies|starts|kicks\s+in|takes\s+effect|begins|runs)\s+"
    r"(?:\w+\s+)?(?:from|on|as\s+of)\s+" + _WHEN,
    re.IGNORECASE,
)
# The customer has a thing from a date: "Ab sofort hast du den Premium-Tarif", "Vanaf 1 juli
# heb je het Plus-abonnement", "From today you have the Basic plan".
_DE_HAS: Final = re.compile(
    r"\bab\s+(?:sofort|heute|morgen|dem\s+\d|\d)[^,;:!?]{0,20}?\b(hast\s+du|haben\s+Sie|habt\s+ihr)\s+"
    r"(?:jetzt\s+)?(?:den|die|das|einen|eine|ein)\s+" + _THING,
    re.IGNORECASE,
)
_NL_HAS: Final = re.compile(
    r"\bvanaf\s+(?:nu|vandaag|morgen|\d)[^,;:!?]{0,20}?\b(heb\s+je|heeft\s+u|hebben\s+jullie)\s+"
    r"(?:nu\s+)?(?:de|het|een)\s+" + _THING,
    re.IGNORECASE,
)
_EN_HAS: Final = re.compile(
    r"\b(?:from|as\s+of)\s+(?:now|today|tomorrow|\d)[^,;:!?]{0,20}?\b(you\s+have|you['’]ve\s+got)\s+"
    r"(?:the|a|an)\s+" + _THING,
    re.IGNORECASE,
)
_PATTERNS: Final = {
    "nl": (_NL_PLACED, _NL_READY, _NL_NEW, _NL_HAS),
    "de": (_DE_READY, _DE_FROM, _DE_NEW, _DE_HAS),
    "en": (_EN_NEW, _EN_HAS),
}
LANGS: Final = ("de", "nl", "en")
_BLOCK: Final = re.compile(
    r"\?|\b(?:not|no|never|if|once|when|will|would|could|can|should|may|might|must|still|"
    r"niet|geen|nooit|nog|als|indien|zodra|wanneer|zou|zouden|kan|kunnen|moet|moeten|"
    r"zal|zullen|wil|wilt|willen|mag|graag|nicht|kein\w*|nie|noch|wenn|falls|sobald|ob|würde|"
    r"würden|kann|können|muss|müssen|wird|werden|soll|sollen|möchten|möchtest|wollen|willst|"
    r"bitte|dürfen|darf|"
    # a need or a right is a rule: "heb je een ID-bewijs nodig", "a 14-day right to withdraw"
    r"nodig|nötig|benötigt|brauchst|brauchen|need|needs|needed|right|rights|recht|anspruch)\b",
    re.IGNORECASE,
)
# The end of the state's clause: a condition after the state still blocks it ("ligt voor je
# klaar zodra we het binnen hebben").
_CLAUSE_END: Final = re.compile(r"[.;!?]|,\s*(?:and|but|en|maar|und|aber|want|denn)\b", re.I)
# A person as the subject of a ready state: a sign-off ("Wij staan altijd voor je klaar",
# "Bei Fragen steht unser Team jederzeit für Sie bereit", "our team is ready for you").
_PERSON: Final = re.compile(
    r"\b(?:wij|we|ik|wir|ich|i|(?:ons|onze|unser|unsere|our|the|het|de|das|der)\s+"
    r"(?:\w+[- ])?(?:team|teams|service|kundenservice|klantenservice|kundendienst|support|staff|"
    r"mitarbeiter\w*|medewerkers|collega['’]s|kollegen|experten|experts|helpdesk))\b",
    re.IGNORECASE,
)


# Round 15, third pass: the same sign-off scored alone ("Wij staan voor je klaar!", "Wir sind
# jederzeit für Sie da", "We're always here for you") is no deed, for the scorer either.
_READY: Final = re.compile(
    r"\b(?:(?:staan|sta|staat|stehen|stehe|steht|sind|bin|ist|zijn|ben|is|are|am|['’]re|['’]m)\s+"
    r"(?:\w+\s+){0,3}?(?:voor\s+(?:je|jou|u|jullie)\s+klaar|klaar\s+voor\s+(?:je|jou|u|jullie)|"
    r"f(?:ü|ue)r\s+(?:Sie|dich|euch)\s+(?:bereit|da)|(?:gerne?\s+)?bereit|here\s+(?:for|to\s+help)|"
    r"happy\s+to\s+help|available|beschikbaar|bereikbaar|erreichbar))\b",
    re.IGNORECASE,
)


def sign_off(sentence: str) -> bool:
    """Whether ``sentence`` is a sign-off: a person of ours as the subject of a ready state."""
    m = _READY.search(sentence)
    if m is None or len(sentence) >= 90:
        return False
    return bool(_PERSON.search(sentence, 0, m.start()))


def stative(sentence: str, lang: str) -> tuple[int, int] | None:
    """The span of the state word ("ingepland", "klaar", "bereit", "auf") when ``sentence``
    says a deed is done with a verb of position; None otherwise."""
    for pattern in _PATTERNS.get(lang, ()):
        m = pattern.search(sentence)
        if not m:
            continue
        end = _CLAUSE_END.search(sentence, m.end())
        if _BLOCK.search(sentence, 0, end.start() if end else len(sentence)):
            continue
        if pattern in (_NL_READY, _DE_READY):
            start = max(sentence.rfind(c, 0, m.start()) for c in ",;:") + 1
            if _PERSON.search(sentence, start, m.start(1)):
                continue
        group = next(g for g in range(1, len(m.groups()) + 1) if m.group(g) is not None)
        return m.start(group), m.end(group)
    return None
