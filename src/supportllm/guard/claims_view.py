"""How a claim reads the conversation (round 12 of issue 16, item 4): the calls as the claim
reads them (a request only accepted backs no deed done, a shipment still waiting no "sent"), a
state left in place by a failed change or said to be untouched, and the reply-wide signals that
set the lower score bars for sentences that name a failed call's value or restate the
customer's request.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from supportllm.guard.claims_bridge import same_deed
from supportllm.guard.claims_clauses import own_text
from supportllm.guard.claims_detect import Claim
from supportllm.guard.ledger import ToolCall

__all__ = [
    "ECHO_THRESHOLD", "FAILED_ANCHOR_THRESHOLD", "LEFT_TO_THEM", "OWNED_UP", "as_read_by",
    "by_another", "explains_rule", "left_as_it_was", "owns_failure", "unchanged",
]  # fmt: skip

# A plain sentence that restates the customer's request is a claim from this score.
ECHO_THRESHOLD: Final = 0.05
LEFT_TO_THEM: Final = re.compile(
    r"\b(?:yourself|selbst|selber|zelf|cannot|unable|unfortunately|leider|helaas)\b|"
    r"\b(?:can|could)(?:\s+not|n['’]t)\b|\bnicht\s+möglich\b|\bniet\s+mogelijk\b",
    re.IGNORECASE,
)
# A sentence that names what only a failed call asked for is a claim from this score when the
# reply does not own up to a failure (OWNED_UP).
FAILED_ANCHOR_THRESHOLD: Final = 0.3
OWNED_UP: Final = re.compile(
    r"\b(?:unfortunately|sadly|afraid|sorry|unable|failed|fail|error|not|no|never|cannot|"
    r"n['’]t|didn|couldn|wasn|won|leider|nicht|kein\w*|konnte|fehl\w*|fehler|abgelehnt|"
    r"helaas|niet|geen|lukte|lukt|mislukt|fout|jammer|excuses|sorry|spijt)\b",
    re.IGNORECASE,
)


# A state that stayed as it was: "Je afspraak staat dus nog gewoon op vrijdag", "Ihr Tarif
# bleibt wie bisher", "your booking remains on the 3rd" (round 12).
_UNCHANGED: Final = re.compile(
    r"\b(?:still|remains?|stays?|unchanged|as\s+before|nog\s+(?:steeds|gewoon|altijd|open)|"
    r"(?:staat|staan|steht|stehen)\s+(?:dus\s+|also\s+)?(?:nog|noch)\b|blijf|"
    r"blijft|"
    r"ongewijzigd|noch\s+(?:immer|ganz\s+normal)|weiterhin|nach\s+wie\s+vor|bleibt|"
    r"unver(?:ä|ae)ndert|wie\s+bisher|zoals\s+(?:voorheen|eerder|het\s+was))\b",
    re.IGNORECASE,
)
_BY_US: Final = re.compile(r"\b(?:I|we|ich|wir|ik)\b(?:\s*['’](?:ve|ll|d))?", re.IGNORECASE)


# Round 14c: a rule said, in a relative clause, to hold for everyone ("die voor alle abonnementen
# geldt", "which applies to all plans", "die für alle Kunden gilt"): the sentence explains a
# policy. Not "das gilt für alle offenen Rechnungen", which tells the reach of a deed.
_FOR_ALL: Final = re.compile(
    r"\b(?:that|which)\s+appl(?:y|ies)\s+to\s+(?:all|every)\b"
    r"|\b(?:die|der|welche)\s+(?:voor|f(?:ü|ue)r)\s+(?:alle|jede[nmr]?|iedere?)\s+\w+(?:\s+\w+)?\s+"
    r"(?:geldt|gelden|gilt|gelten)\b",
    re.IGNORECASE,
)


def explains_rule(claim: Claim) -> bool:
    """A sentence the scorer alone read as a claim, with no deed verb of the tables, that says a
    rule holds for everyone: a policy explained, not a deed done for this customer."""
    return claim.by == "scorer" and not claim.verb and bool(_FOR_ALL.search(claim.text))


def unchanged(claim: Claim) -> bool:
    """A claim that only says a state stayed as it was, with nobody of ours acting (read so
    only after a failed call: the reply explains what the failure left in place)."""
    own = own_text(claim)
    return bool(_UNCHANGED.search(own)) and not _BY_US.search(own)


# Round 13: a state that stays as usual is no change whatever the calls did ("His other lessons
# stay on Wednesdays as usual").
_STAYS_AS_USUAL: Final = re.compile(
    r"\b(?:stays?|remains?|bleib\w*|blijf\w*|blijven)\b.*\b(?:as\s+usual|as\s+before|as\s+always|"
    r"wie\s+gewohnt|wie\s+bisher|wie\s+immer|zoals\s+(?:gewoonlijk|altijd|voorheen|gewoon))\b",
    re.IGNORECASE,
)


# Round 22: a state said outright to be untouched ("MF-77120 is unchanged", "PP-3310 blijft
# ongewijzigd", "Ihr eigenes Ticket SK-1120 bleibt, wie es ist"): no change, whatever the calls
# did, when the claim's own clause says only that (its verb, if any, is that word).
_SAID_UNCHANGED: Final = re.compile(
    r"\b(?:unchanged|ongewijzigd|unver(?:ä|ae)ndert)\b"
    r"|\b(?:stays?|remains?|bleib\w*|blijf\w*|blijven)\b[^.;]*\b(?:as\s+(?:it|they)\s+(?:is|are|was|were)|"
    r"wie\s+(?:es|er|sie)\s+(?:ist|sind|war|waren)|zoals\s+(?:het|die|dat|hij|ze)\s+(?:is|zijn|was|waren))\b",
    re.IGNORECASE,
)


# A sentence's clauses, for "a state said to be untouched": split at semicolons, at commas not
# followed by "as it is" ("bleibt, wie es ist"), and at "and"/"but" in the three languages.
_UNTOUCHED_CLAUSES: Final = re.compile(
    r";|,(?!\s*(?:wie|as|zoals)\b)|\b(?:and|und|en|but|aber|maar|while|whereas|während|terwijl)\b",
    re.IGNORECASE,
)


def _said_unchanged(claim: Claim) -> bool:
    """Every clause of the claim's sentence says a state is untouched, with nobody of ours
    acting: "MF-77120 is unchanged" — not "Your plan is Basic from today; the price is
    unchanged", whose first clause is the claim."""
    own = own_text(claim)
    if not _SAID_UNCHANGED.search(own) or (claim.verb and not _SAID_UNCHANGED.search(claim.verb)):
        return False
    # the whole sentence, not the verb's clause: "Seat 14B is Priya's as of today; your own seat
    # is unchanged" claims the first
    clauses = [c for c in _UNTOUCHED_CLAUSES.split(claim.text) if len(c.split()) >= 2]
    return bool(clauses) and all(_SAID_UNCHANGED.search(c) for c in clauses) and unchanged(claim)


def left_as_it_was(claim: Claim, failed: bool) -> bool:
    """A claim that only says a state stayed as it was: after a failed call or "as usual"
    (round 13), or said outright to be untouched in every clause (round 22)."""
    return ((failed or bool(_STAYS_AS_USUAL.search(claim.text))) and unchanged(claim)) or (
        _said_unchanged(claim)
    )


# A deed with another doer named after the participle: "was cancelled by the operator", "was
# reversed by your bank", "has been refunded by the airline" (not "by the end of May").
_OTHER_DOER: Final = re.compile(
    r"\b(?:\w{2,}ed|done|made|sent|taken|given|paid|withdrawn|drawn|written)\s+by\s+"
    r"(?:the|your|their|an?)\s+(?!(?:end|time|date|next|deadline|"
    r"weekend|morning|afternoon|evening|day|week|month|us|our|team|support)\b)[a-z]+",
    re.IGNORECASE,
)


# A named third party as the doer, in any of the three languages: "teruggeboekt via uw bank",
# "door de vervoerder geannuleerd", "von Ihrer Bank zurückgebucht", "by your bank".
_THIRD_PARTY: Final = re.compile(
    r"\b(?:via|door|by|von|vom|durch)\s+(?:uw|je|jouw|de|het|your|the|their|ihre[mnr]?|ihren|die|"
    r"der|dem|den)\s+(?:bank|operator|airline|carrier|courier|koerier|vervoerder|bezorger|"
    r"provider|anbieter|aanbieder|vermieter|verhuurder|landlord|insurer|versicherung|"
    r"verzekeraar|arbeitgeber|werkgever|employer|seller|verkäufer|verkoper|hersteller|"
    r"fabrikant|manufacturer|fluggesellschaft|luchtvaartmaatschappij|paketdienst|zusteller)\b",
    re.IGNORECASE,
)


# Round 15: a sentence that says the deed could not be done ("ich konnte den Umzug leider nicht
# eintragen", "I couldn't book it", "het lukte niet").
_COULD_NOT: Final = re.compile(
    r"\b(?:konnte|konnten|could|kon|konden)\b[^.;!?]{0,60}?\b(?:nicht|not|niet)\b|"
    r"\b(?:couldn['’]t|unable|lukte\s+niet|niet\s+gelukt|nicht\s+geklappt|nicht\s+möglich)\b",
    re.IGNORECASE,
)
# A clause of its own: "I couldn't reach the courier, so I've rebooked the delivery" says a deed
# in its second clause.
_CLAUSES: Final = re.compile(
    r"[,;:]|\s[-–—]\s|\s(?:so|and|but|then|instead|und|also|aber|dann|stattdessen|en|dus|maar|"
    r"daarom|toen|wel)\s",
    re.IGNORECASE,
)
# A perfect of our own (an auxiliary, then a participle) or a passive: the clause says a deed
# is done ("so I've rebooked it"; not "wir haben keinen Fahrer frei").
_PERFECT: Final = re.compile(
    r"\b(?:I['’]ve|I\s+have|we['’]ve|we\s+have|ich\s+habe|habe\s+ich|wir\s+haben|haben\s+wir|"
    r"ik\s+heb|heb\s+ik|wij\s+hebben|we\s+hebben|hebben\s+we)\s+(?:\S+\s+){0,5}?"
    r"(?:ge\w{3,}|\w{3,}(?:ed|iert|ert)|sent|made|done|put|set|given|paid|written|taken)\b"
    r"|\b(?:has\s+been|have\s+been|wurde|wurden)\b",
    re.IGNORECASE,
)


def owns_failure(claim: Claim) -> bool:
    """A sentence the scorer read, with no rule's verb, that says the deed could not be done;
    not when a clause without the failure says a deed with a perfect of its own."""
    if claim.by != "scorer" or not _COULD_NOT.search(claim.text):
        return False
    return not any(
        _PERFECT.search(c) and not _COULD_NOT.search(c) for c in _CLAUSES.split(claim.text)
    )


def by_another(claim: Claim) -> bool:
    """A claim whose own clause names another doer after its participle, with nobody of ours
    in it (round 12)."""
    own = own_text(claim)
    doer = (
        _OTHER_DOER.search(own)
        or _THIRD_PARTY.search(own)
        or _THIRD_SUBJECT.match(own)
        or _THIRD_SUBJECT.match(claim.text)  # "the manufacturer finished … and sent it back"
    )
    # round 14c: "Ik zie dat … door jouw bank is teruggeboekt": the first person who reads the
    # record is no doer of what the record shows
    return bool(doer) and not _BY_US.search(_SEEN.sub(" ", own))


# A first person who only reads what happened: "I can see that", "Ich sehe, dass", "ik zie dat".
_SEEN: Final = re.compile(
    r"\b(?:I|ich|ik|we|wir)\s+(?:can\s+|kann\s+|kan\s+)?(?:see|sehe|zie|zien|sehen|notice|"
    r"merk|bemerke)\b(?:\s+(?:here|hier|in\s+\w+\s+\w+))?,?\s*(?:that|dass|dat)?",
    re.IGNORECASE,
)


# Round 13: a third party as the clause's subject, with a deed in the past ("the manufacturer
# finished the repair and sent …", "De monteur heeft …", "Der Kurier hat …"); not "he"/"she",
# which may be the customer's child ("She's signed up for the camp").
_THIRD_SUBJECT: Final = re.compile(
    r"\W*(?:(?:good\s+news|yes|so|ja|gute\s+nachricht(?:en)?|goed\s+nieuws)\W+)?"
    r"(?:(?:the|your|der|die|das|ihr|ihre|de|het|uw|je)\s+)?"
    r"(?:manufacturer|courier|bank|airline|owner|landlord|carrier|technician|engineer|driver|"
    r"seller|restaurant|hotel|insurer|hersteller|kurier|vermieter|techniker|fahrer|verk(?:ä|ae)ufer|"
    r"fabrikant|koerier|verhuurder|eigenaar|monteur|chauffeur|verkoper)"
    r"\b(?=.*\b(?:has|had|hat|hatte|heeft|had|\w{3,}ed|ge\w{3,}[dt]|reset|sent|put|"
    r"paid|made|done)\b)",
    re.IGNORECASE,
)


# What a claim says when it reports an accepted request honestly: the request, the waiting list,
# the step still to come ("I've started the deletion; please click the link to confirm").
_NAMES_STEP: Final = re.compile(
    r"\b(?:request\w*|submitted|started|initiated|queue\w*|pending|wait(?:ing)?\s*-?list\w*|"
    r"review\w*|approv\w*|confirm\w*|verif\w*|position|not\s+yet|once|"
    r"antrag|anfrage|beantragt|eingereicht|angesto(?:ß|ss)en|gestartet|eingeleitet|warteliste|"
    r"prüfung|geprüft|freigabe|bestätig\w*|platz|noch\s+nicht|sobald|"
    r"aanvraag|aangevraagd|ingediend|gestart|wachtlijst|wachtrij|beoordeling|goedkeuring|"
    r"bevestig\w*|plek|nog\s+niet|zodra|"
    # round 14: a wish passed on to a third party ("an das Hotel weitergegeben", "forwarded your
    # request to the hotel", "bij het hotel aangevraagd")
    r"passed\s+on|forwarded|asked|wunsch|weitergegeben|weitergeleitet|angefragt|nachgefragt|"
    r"doorgegeven|doorgestuurd|gevraagd|wens)\b",
    re.IGNORECASE,
)


def as_read_by(claim: Claim, calls: list[ToolCall]) -> list[ToolCall]:
    """The calls as the claim reads them: one that was only accepted (waiting list, approval
    or confirmation outstanding) backs no claim that the deed is done, one whose shipment
    still waits no claim that it was sent."""
    step = bool(_NAMES_STEP.search(claim.text))
    sent = bool(claim.verb) and same_deed(claim.verb, "sent")
    return [
        replace(c, ok=False)
        if (c.incomplete and not step and not _says_done(claim, c)) or (c.unsent and sent)
        else c
        for c in calls
    ]


def _says_done(claim: Claim, call: ToolCall) -> bool:
    """Whether the result of a call still in progress says the claim's own participle of the
    deed itself (round 14c: ``{"status": "in_behandeling", "melding": "Toegevoegd, planner
    bevestigt extra man"}`` backs "De piano is toegevoegd"): what is pending is another step.
    Only the very participle counts, not a noun of the deed ("cancellation pending")."""
    verb = claim.verb.strip().lower()
    if len(verb) < 5 or " " in verb:
        return False
    return any(verb in re.findall(r"[^\W\d_]+", v.lower()) for _, v in call.values)
