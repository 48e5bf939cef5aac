"""A claim's own clause (issue 16, item 4): the part of its sentence that holds its verb, where
its objects, details and days are read ("I've cancelled order 4410 and your subscription"); which
clause a tool call is about; and whether the clause only reports what a look-up read ("was
applied to your account on 12 March").
"""

from __future__ import annotations

import functools
import re
from typing import Final

from supportllm.guard.claims_bridge import same_deed, tool_words
from supportllm.guard.claims_dates import dates_in
from supportllm.guard.claims_detect import Claim
from supportllm.guard.claims_generic import claim_keys, name_tokens, shares_key
from supportllm.guard.ledger import ToolCall, extract_objects

__all__ = [
    "PAST_REPORT", "about_other_clause", "clock_times", "own_objects", "own_text", "reads_record",
    "thingless", "up_to_verb",
]  # fmt: skip

# Where one claim's clause ends and another's begins: "I've updated your address and ordered a
# new card", "…has been reset, so you can enrol your new phone, and your card is now blocked".
_JOINED: Final = re.compile(
    r"\s*;\s|\s[—–]\s|(?<!\d),?\s(?:and|but|so|while|und|aber|sodass|während|en|maar|zodat|dus)\s"
    # not between two numbers: "tussen 9 en 13 uur"
    r"|(?<=\d),?\s(?:and|but|so|while|und|aber|sodass|während|en|maar|zodat|dus)\s(?!\d)",
    re.IGNORECASE,
)


_COMPLETION: Final = re.compile(
    r"done|sorted|all\s+set|completed?|finished|gelukt|geregeld|klaar|gedaan|afgerond|"
    r"erledigt|fertig|geschafft|gemacht",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1024)
def own_text(claim: Claim) -> str:
    """The part of the claim's sentence that holds its verb: its object words, details and days
    are read there, not in a clause that claims or says something else."""
    if not claim.verb or _COMPLETION.fullmatch(claim.verb.strip()):
        return claim.text  # "Gelukt: u vliegt nu op dinsdag …, en de extra koffer …"
    own = next((p for p in _JOINED.split(claim.text) if claim.verb in p), claim.text)
    return own if len(own.split()) >= 3 else claim.text  # "Done — your direct debit is …"


# A report of the past in the passive, or with a third party as the doer: "was applied to your
# account on 12 March", "is op 1 juni teruggeboekt via uw bank", "Sie hat ihn zum 1. Juni …
# angehoben" — not with a first-person doer ("I", "we", "ich", "wir", "ik", "we").
PAST_REPORT: Final = re.compile(
    r"\b(?:was|were|has\s+been|wurde|wurden|ist|is|werd|werden|zijn|hat|heeft|"
    r"staat|staan|steht|stehen|bent|bist|sind|are|shows?|zeigt|toont|lautet|luidt)\b",
    re.IGNORECASE,
)
_CLOCK: Final = re.compile(r"(?<!\d)([01]?\d|2[0-3])[:.]([0-5]\d)\b")  # "T11:05" too


def clock_times(text: str) -> frozenset[tuple[int, int]]:
    """The clock times a text names ("07:30", "20.00")."""
    return frozenset((int(h), int(m)) for h, m in _CLOCK.findall(text))


_FIRST_PERSON: Final = re.compile(
    r"\b(?:I|I['’]ve|I['’]ll|we|we['’]ve|ich|wir|ik|wij|mijn\s+collega|my\s+colleague|"
    r"mein(?:e)?\s+kolleg\w*)\b",
    re.IGNORECASE,
)


def reads_record(
    claim: Claim,
    read: frozenset[tuple[int, int]],
    times: frozenset[tuple[int, int]] = frozenset(),
    facts: tuple[frozenset[str], frozenset[float]] = (frozenset(), frozenset()),
    seen: str | None = None,
) -> bool:
    """Whether the claim reports what a look-up read: it names a day (or, round 11, a clock
    time: "je staat voor Hatha om 07:30 ingeschreven") of a look-up's result, in the past, the
    passive or a state, and nobody of ours did it; or its sentence names an address or another
    numbered value only a look-up's result holds ("the address on your account is 5 Millbrook
    Close") in such a report. ``seen``: the look-ups' results in lower case (None: not
    compared)."""
    own = own_text(claim)
    days = dates_in(own)
    if _states_looked_up_amounts(claim, facts[1]):
        return True  # "Het tegoed van Julia staat nu op €27,80" after a balance look-up
    if _names_fact(claim.text, facts) and not _FIRST_PERSON.search(claim.text):
        # "Yes, it went through — the address you changed shows as 14 Elm Road, …"; not when
        # the record holds nothing of the claim's deed (round 13: "Your €40 enrolment fee has
        # been waived" after an invoice look-up that still lists it)
        return bool(PAST_REPORT.search(claim.text)) and deed_seen(claim.verb, seen)
    if clock_times(own) & times and not days & read and _other_day(own, read):
        return False  # round 13: "moved to Friday the 13th at 9:30" after a look-up of the 12th
    if days & read and days - read:
        return False  # round 16: "van dinsdag 8 december … is verzet naar dinsdag 15 december"
    return (
        bool(days & read or clock_times(own) & times)
        and bool(PAST_REPORT.search(own))
        and not _FIRST_PERSON.search(own)
        and not _EFFECTIVE.search(own)
    )


# A balance or total stated as an amount: "Het tegoed van Julia staat nu op €27,80", "your
# balance is now £12.40", "der Kontostand beträgt 31,20 €" (the balance word before the verb,
# the amount right after it).
_BALANCE_STATED: Final = re.compile(
    r"\b(?:balance|saldo|tegoed|guthaben|kontostand|total|totaal|gesamtbetrag|remaining|"
    r"restant|outstanding|openstaand)\b[^.;:!?]{0,40}?\b(?:is|staat|bedraagt|beträgt|liegt|"
    r"steht|stands|comes\s+to|shows)\s+(?:(?:now|nu|jetzt|still|nog|noch|currently|"
    r"momenteel|derzeit|op|at|auf|bei|on)\s+){0,3}(?:[€$£]|EUR|CHF)?\s?\d",
    re.IGNORECASE,
)


def _states_looked_up_amounts(claim: Claim, amounts: frozenset[float]) -> bool:
    """A balance or total stated as an amount, every amount a look-up's, with nobody of ours
    acting (round 12): a report of the record, not a deed."""
    if not amounts or _FIRST_PERSON.search(claim.text) or not _BALANCE_STATED.search(claim.text):
        return False
    named = [o for o in claim.objects if o.startswith("amount:")]
    return bool(named) and all(round(float(o.split(":", 1)[1]), 2) in amounts for o in named)


def _names_fact(text: str, facts: tuple[frozenset[str], frozenset[float]]) -> bool:
    texts, _ = facts  # amounts: a refund of the order's looked-up price is a claim
    flat = " ".join(text.lower().split())
    return any(t in flat for t in texts)


# A day a change takes effect, not the day a deed was done: "zum 30.11.2024 gekündigt",
# "cancelled from 1 July", "opgezegd per 1 juni".
_EFFECTIVE: Final = re.compile(
    r"\b(?:zum|zur|per|ab|bis|until|till|from|by|as\s+of|effective|vanaf|tot|met\s+ingang\s+van)"
    r"\s+(?:dem\s+|the\s+|den\s+)?\d",
    re.IGNORECASE,
)


def own_objects(claim: Claim) -> tuple[str, ...]:
    """The ids and amounts the claim's own clause names ("Pro is cancelled from today" names
    none of the "refund re_7731" of the clause after it); only its ids are checked by clause
    ("refunded €12.50 for the item and €4.99 for the shipping" claims both amounts)."""
    own = own_text(claim)
    return claim.objects if own == claim.text else extract_objects(own)


def up_to_verb(claim: Claim) -> str:
    """The claim's sentence up to its verb: "Both the Family plan and the Sports add-on are now
    cancelled" (its own clause would start after "and")."""
    at = claim.text.find(claim.verb) if claim.verb else -1
    return claim.text[: at + len(claim.verb)] if at >= 0 else own_text(claim)


_VALUE_WORD: Final = re.compile(r"[^\W_]+")


def _shared_tokens(text: str, call: ToolCall) -> int:
    """How many words of the call's name and values (not ids, not free text such as a ticket's
    subject) the text shares."""
    keys = claim_keys(text, "")
    words = {
        *name_tokens(call.tool),
        *(w.lower() for kv in call.values for w in _VALUE_WORD.findall(" ".join(kv))),
    }
    return sum(
        shares_key(keys, w) for w in words if len(w) >= 3 and not any(ch.isdigit() for ch in w)
    )


def about_other_clause(claim: Claim, call: ToolCall) -> bool:
    """Whether the call's name and arguments are about another clause of the claim's sentence
    and not about the claim's own ("You're in seat 22A now, and a checked bag has been added" after
    change_seat alone: the seat is backed, the bag is not)."""
    own = own_text(claim)
    if own == claim.text or same_deed(claim.verb, "sent"):
        return False  # a result is sent whatever made it: "generated and sent to you"
    if claim.verb and any(same_deed(claim.verb, w) for w in tool_words(call.tool)):
        return False  # the call did what this clause says: "uitgeschreven" after les_annuleren
    rest = claim.text.replace(own, " ")
    if thingless(own, claim.verb):
        return False  # round 14c: "You're enrolled — I've just added you": the same deed
    if _NO_MORE.match(rest):
        return False  # round 13: "switched off — no more emails or texts" restates the deed
    return _shared_tokens(own, call) == 0 and _shared_tokens(rest, call) > 0


# Words of a clause that name no thing of its own: pronouns, auxiliaries, time adverbs.
_NO_THING: Final = frozenset((
    "i", "ive", "i've", "we", "we've", "have", "has", "just", "also", "now", "already", "you",
    "him", "her", "them", "it", "ich", "wir", "habe", "haben", "hab", "sie", "dich", "ihn", "es",
    "gerade", "eben", "schon", "auch", "jetzt", "ik", "heb", "hebben", "je", "jou", "u", "hem",
    "haar", "ze", "het", "net", "zojuist", "ook", "nu", "al",
))  # fmt: skip


def thingless(own: str, verb: str) -> bool:
    """Whether a clause is only a doer, its verb and a pronoun ("I've just added you")."""
    words = re.findall(r"[^\W\d_]+(?:['’][a-z]+)?", own.lower().replace(verb.lower(), " "))
    return bool(verb) and all(w.replace("’", "'") in _NO_THING for w in words)


# A verbless apposition that restates a deed's effect: "— no more emails", "— keine Mails mehr".
_NO_MORE: Final = re.compile(
    r"\W*(?:no\s+(?:more|further)|not\s+any\s+more|keine?\s+\w+\s+mehr|geen\s+\w+\s+meer)\b",
    re.IGNORECASE,
)


# A day of the month named without its month: "Friday the 13th", "op de 13e", "am 13.".
_ORDINAL_DAY: Final = re.compile(
    r"\b(?:the\s+)?([0-3]?\d)(?:st|nd|rd|th)\b|\b([0-3]?\d)e\b|\b(?:am|den|dem)\s+([0-3]?\d)\.",
    re.IGNORECASE,
)


def _other_day(text: str, read: frozenset[tuple[int, int]]) -> bool:
    """Whether the text names a day of the month that no look-up's day has."""
    named = {int(next(g for g in m.groups() if g)) for m in _ORDINAL_DAY.finditer(text)}
    return bool(named) and not named & {d for _, d in read}


_GENERIC_DONE: Final = re.compile(
    r"\b(?:went|gone|go(?:es)?)\s+through|process|complet|done|finish|erledigt|durch|"
    r"bearbeitet|abgeschlossen|gelukt|verwerkt|afgerond|klaar",
    re.IGNORECASE,
)


def deed_seen(verb: str, seen: str | None) -> bool:
    """Whether the look-ups' results (``seen``, lower case) hold the stem of the claim's verb
    ("waived" in ``{"status": "waived"}``), or nothing is compared (no verb, no results)."""
    if seen is None or not verb or _GENERIC_DONE.search(verb):
        return True  # "it went through": no deed of its own to look for
    stem = verb.lower()
    if stem.startswith("ge") and len(stem) > 6:
        stem = stem[2:]
    return stem[:5] in seen
