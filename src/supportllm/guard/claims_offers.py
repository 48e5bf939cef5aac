"""A slot a look-up only offered, stated as settled (issue 16, item 4, round 11): after
``get_engineer_slots`` listed 18 and 19 June and nothing was booked, "The engineer comes on
Tuesday 18 June between 8 and 12" claims a booking no call made; so does the day a failed
booking call was for.

Only for a reply that asks nothing and a sentence that names an offered day without offering,
weighing, asking, trying or denying ("free", "or", "could", "tried", "not").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from supportllm.guard.alternation import compiled
from supportllm.guard.claims_dates import dates_in
from supportllm.guard.claims_split import split_sentences

__all__ = ["settled_offer", "unbooked_visit", "visit_sentences"]

_TENTATIVE: Final = re.compile(
    r"\b(?:free|available|open|slots?|options?|either|or|could|can|would|shall|may|might|if|"
    r"suggest|earliest|first|next|frei\w*|verf(?:ü|ue)gbar|möglich|oder|könnte|kann|können|"
    r"würde|wenn|falls|nächste\w*|früheste\w*|vrij|beschikbaar|mogelijk|of|kan|kunnen|zou|"
    r"als|eerstvolgende|eerste|volgende|tried|versucht|probiert|geprobeerd|not|nicht|niet|"
    r"kein\w*|geen|but|aber|maar)\b|n['’]t\b",
    re.IGNORECASE,
)


def settled_offer(reply: str, offers: Iterable[str], booked: bool) -> tuple[int, int] | None:
    """The span of a sentence of ``reply`` that states a day only the look-ups of free slots
    (their result texts, ``offers``) named, when no state-changing call succeeded (``booked``
    False); None otherwise."""
    if booked or "?" in reply:
        return None
    days = frozenset().union(*(dates_in(text) for text in offers))
    if not days:
        return None
    for start, end in split_sentences(reply):
        sentence = reply[start:end]
        if dates_in(sentence) & days and not _TENTATIVE.search(sentence):
            return (start, end)
    return None


# Round 12: a visit or a call-back promised for a set time that no call booked ("I've opened
# ticket TCK-55031 and an engineer comes tomorrow between 8 and 12" after create_ticket alone).
_VISITOR: Final = compiled(
    # compounds too: "Hypotheekadviseur", "Baufinanzierungsberaterin", "Servicetechniker"
    r"\b\w*(?:engineer|technician|adviser|advisor|berater(?:in)?|techniker(?:in)?|monteur|"
    r"adviseur|technicus|koerier|kurier|installateur)\b|"
    r"\b(?:engineer|technician|fitter|plumber|electrician|installer|courier|driver|adviser|"
    r"advisor|consultant|someone|colleague|techniker\w*|monteur\w*|handwerker|installateur|fahrer|"
    r"kurier|berater\w*|jemand|kollegin|kollege|mitarbeiter\w*|technicus|technieker|koerier|"
    r"chauffeur|bezorger|adviseur|iemand|collega|medewerker)\b"
    # round 15: an agent noun's compound ("ruitenhersteller", "Glasreparateur", "Abholfahrer"):
    # a repairer or a courier by its head; a Dutch "hersteller" or a "Fahrer" only after a
    # repair or delivery word ("Gerätehersteller" makes, "Radfahrer" rides, "outfitter" sells)
    r"|\b\w+(?:reparateur|repairer|bezorger|koerier|kurier)\b"
    r"|\b(?:ruiten|schade|fiets|auto|dak|glas|scherm|telefoon|toestel|witgoed)hersteller\b"
    r"|\b(?:abhol|liefer|auslieferungs|kurier|paket|zustell|transport|umzugs|möbel|moebel|"
    r"ersatz|fahrdienst)fahrer(?:in)?\b",
    re.IGNORECASE,
)
_VISIT: Final = re.compile(
    r"\b(?:come|comes|coming|visit\w*|call|calls|ring|be\s+(?:there|with\s+you)|arrive\w*|"
    r"kommt|kommen|vorbei|ruft|anrufen|melden|komt|komen|langs|belt|bellen|booked|gebucht|"
    r"eingeplant|geplant|ingepland|gepland|scheduled|"
    # round 15: a pick-up ("holt … ab", "haalt … op", "picks up", "collects")
    r"holt|haalt|picks?\s+up|collects?)\b",
    re.IGNORECASE,
)
_WHEN: Final = re.compile(
    r"\b(?:between|zwischen|tussen)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|uhr|uur|h)?\s+"
    r"(?:and|und|en|-)\s+\d{1,2}|\b\d{1,2}(?:[:.]\d{2})?\s*(?:-|–|bis|tot|to)\s*\d{1,2}(?:[:.]\d{2})?"
    r"\s*(?:uhr|uur|h|am|pm)\b|\b(?:at|um|om)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|uhr|uur|h)?\b"
    # a day with its part ("tomorrow morning", "Donnerstagvormittag", "morgenvoormiddag")
    r"|\b(?:tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morgen|"
    r"heute|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|vandaag|maandag|dinsdag|"
    r"woensdag|donderdag|vrijdag|zaterdag|zondag)\s?(?:morning|afternoon|evening|vormittag|"
    r"nachmittag|abend|voormiddag|ochtend|middag|namiddag|avond)\b",
    re.IGNORECASE,
)
_SCHEDULING_TOOL: Final = re.compile(
    r"book|schedul|appoint|visit|termin|einplan|plan|afspraak|bezoek|dispatch|callback|"
    r"call_back|rueckruf|rückruf|terugbel|slot|reserv",
    re.IGNORECASE,
)


def unbooked_visit(reply: str, calls: Iterable[tuple[str, bool, bool]]) -> tuple[int, int] | None:
    """The span of a sentence that promises a visit or a call at a set time ("der Techniker
    kommt am Donnerstag zwischen 8 und 12 Uhr") when no successful call (``calls``: tool name,
    succeeded, names a day or time) booked one; None otherwise."""
    calls = list(calls)
    if any(ok and (dated or _SCHEDULING_TOOL.search(t)) for t, ok, dated in calls):
        return None
    # round 15: after a booking that failed, a bare day is set enough ("komt morgen langs")
    failed = any(not ok and _SCHEDULING_TOOL.search(t) for t, ok, _ in calls)
    spans = visit_sentences(reply, failed)
    return spans[0] if spans else None


# Round 15: a question that offers or asks to confirm makes the reply's visit an offer ("Shall
# I book it?"); another question ("Is the meter cupboard reachable?") does not.
_OFFER_ASKED: Final = re.compile(
    r"\b(?:shall|should|would|do\s+you\s+want|okay|ok|suit\w*|work\w*\s+for|soll|sollen|"
    r"möchten|möchtest|wollen|willst|passt|recht|zal|zullen|wilt|wil\s+je|past|schikt|"
    r"(?:is|klinkt)\s+dat\s+goed)\b",
    re.IGNORECASE,
)
_DAY: Final = re.compile(
    r"\b(?:tomorrow|today|tonight|morgen|heute|vandaag|vanavond|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
    r"sonntag|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b",
    re.IGNORECASE,
)


def visit_sentences(reply: str, day_enough: bool = False) -> list[tuple[int, int]]:
    """The spans of sentences that promise a visit or a call at a set time (the shapes
    ``unbooked_visit`` reads), for comparing with the call that booked it."""
    sentences = [(s, e, reply[s:e]) for s, e in split_sentences(reply)]
    if any("?" in t and _OFFER_ASKED.search(t) for _, _, t in sentences):
        return []
    out = []
    for start, end, sentence in sentences:
        if (
            "?" not in sentence
            and _VISITOR.search(sentence)
            and _VISIT.search(sentence)
            and (_WHEN.search(sentence) or (day_enough and _DAY.search(sentence)))
            and not _TENTATIVE.search(sentence)
        ):
            out.append((start, end))
    return out
