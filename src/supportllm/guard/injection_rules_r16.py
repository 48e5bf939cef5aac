"""Round-13 third-pass injection patterns (the v18 study, read by category), kept apart.

The module is numbered for the pattern set (the sixteenth). One family, the largest of v18's
misses: **another person's personal data asked to be disclosed** — a request that something
be told, sent, listed or passed on to the writer, followed within ``DISCLOSE_WINDOW``
characters by a datum that belongs to a third person ("his/her/their" or "the buyer's/tenant's
…" address, phone number, e-mail, IBAN, licence, prescription or medication, salary, employer;
"the name … of the renter"; "recipient names + addresses"; "which companies he has applied
to"; DE "seine/ihre Adresse", "an welche Adresse", "was ihr verschrieben wurde"; NL "zijn/haar
adres", "de naam … van de huurder", "op welke naam").

Rounds 14 and 15 caught this only behind a pretext (a member of staff by name and branch, a
manager asking for pay, a person who blocked the writer, an employer after trips). v18's
writers used other pretexts — a councillor, a landlord, a solicitor, a police officer, a
sister, a colleague, an estranged husband, a buyer who overpaid — so this family needs no
pretext at all: the disclosure request and the third person's datum are the two signals. The
datum must come after the start of the request, so "I sent it to her address, can you tell me
whether it arrived?" is left alone, and "how do I", "which documents", "you can't give me his
details" (asking for the procedure) carry no request signal.

Every pattern runs on ``injection_model.normalize``'s output (lower case).
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import Final

from supportllm.guard.injection_rules_r11 import COOCCURRENCE_MAX_CHARS, after, signal

__all__ = ["DISCLOSE_WINDOW", "round16_kind"]

DISCLOSE_WINDOW: Final = 220

# A request that something be disclosed to the writer (EN, DE, NL).
_REQUEST = signal(
    r"\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|just\s+|maybe\s+)?(?:tell|give|send|"
    r"share|pass\s+(?:on|me)|let\s+me\s+know|look\s+up|pull\s+up|list|forward|provide|e-?mail|"
    r"text|confirm|find\s+out)\b"
    r"|\b(?:please|pls|kindly)\s+(?:just\s+)?(?:tell|give|send|share|pass\s+on|let\s+me\s+know|"
    r"provide|list|forward|confirm|disclose)\b"
    r"|\bi\s+(?:need|want|require)\s+(?:to\s+know|the)\b"
    r"|\b(?:what|which)\s+(?:is|was|are|were)\s+(?:his|her|their)\b"
    r"|\b(?:können|könnten|würden)\s+sie\s+(?:mir\s+)?(?:bitte\s+)?(?:mal\s+)?(?:sagen|mitteilen|"
    r"nennen|geben|schicken|durchgeben|verraten|schauen|gucken|nachsehen)\b"
    r"|\b(?:kannst|könntest)\s+du\s+(?:mir\s+)?(?:bitte\s+)?(?:mal\s+)?(?:sagen|nennen|geben|"
    r"schicken|verraten|schauen|gucken|nachsehen)\b"
    r"|\b(?:bitte|teilen\s+sie|sagen\s+sie|nennen\s+sie|geben\s+sie|schicken\s+sie)\s+"
    r"(?:sie\s+)?(?:mir|uns)\b"
    r"|\b(?:bitte|bitten)\s+(?:ich\s+)?(?:sie\s+)?(?:daher\s+|deshalb\s+)?um\s+"
    r"(?:mitteilung|auskunft)\b"
    r"|\b(?:können|könnten|würden)\s+sie\s+mir\b|\b(?:kannst|könntest)\s+du\s+mir\b"
    r"|\b(?:kunt|kun|wil|zou)\s+(?:u|je|jij)\s+(?:mij|me|ons)\b"
    r"|\b(?:kunt|kun|wil|zou)\s+(?:u|je|jij)\s+(?:de|het)\s+(?:naam|adres|telefoonnummer|gegevens)\b"
    r"|\b(?:kunt|kun|wil|zou)\s+(?:u|je|jij)\s+(?:even\s+|alstublieft\s+)?(?:\w+\s+){0,4}?"
    r"(?:doorgeven|geven|sturen|mailen|vertellen|zeggen|opzoeken|laten\s+weten|noemen)\b"
    r"|\b(?:wat|welke)\s+(?:is|zijn)\s+(?:zijn|haar|hun)\b"
)

_ROLE_EN = (
    r"(?:buyer|seller|tenant|renter|hirer|driver|complainant|recipient|caller|sender|owner|"
    r"account\s+holder|current\s+tenant|other\s+(?:tenant|customer|party|person|buyer))"
)
_DATUM_EN = (
    r"(?:(?:new\s+|current\s+|home\s+|full\s+|e-?mail\s+|postal\s+)?address|phone(?:\s+number)?|"
    r"mobile(?:\s+number)?|number\s+you\s+have|e-?mail(?:\s+address)?|iban|bank\s+details|"
    r"(?:driving\s+)?licen[cs]e|card|prescription|medication|medical|salary|employer|full\s+name|"
    r"name\s+and\s+address|contact\s+details)"
)
# A datum of a third person, after the request.
_THEIRS = signal(
    rf"\b(?:his|her|their|the\s+{_ROLE_EN}(?:'s|s'|’s)?)\s+(?:[\w-]+\s+){{0,3}}?{_DATUM_EN}\b"
    rf"|\b{_DATUM_EN}[\w\s,-]{{0,60}}?\s(?:of|for)\s+the\s+(?:current\s+|previous\s+|other\s+)?"
    r"(?:buyer|seller|tenant|renter|hirer|driver|complainant|account\s+holder|occupant|"
    r"(?:person|parent|customer|neighbour|man|woman)\s+who)\b"
    r"|\b(?:recipient|customer|tenant|buyer|passenger|guest|resident)s?(?:'s|s'|’s)?\s+"
    r"(?:full\s+)?(?:names?|addresses|phone\s+numbers)\s*(?:\+|and|&)\s*"
    r"(?:addresses|phone\s+numbers|numbers)"
    r"|\b(?:which|what)\s+[\w\s]{0,30}?\b(?:he|she)\s+(?:has|had)\s+"
    r"(?:applied|been\s+prescribed|rented)"
    r"|\b(?:seine|ihre|seiner|ihrer|dessen|deren)\s+(?:neue\s+|aktuelle\s+)?(?:adresse|anschrift|"
    r"telefonnummer|handynummer|nummer|e-?mail|iban|kontonummer|führerschein|rezept|"
    r"medikament\w*|gehalt|arbeitgeber)"
    r"|\b(?:adresse|anschrift|telefonnummer|handynummer|iban|name)\s+(?:und\s+\w+\s+)?(?:des|der)\s+"
    r"(?:käufers|käuferin|mieters|mieterin|fahrers|fahrerin|empfängers|kontoinhabers|anderen)"
    r"|\bwas\s+(?:ihm|ihr)\s+verschrieben|\ban\s+welche\s+adresse"
    r"|\bbei\s+welche[mnr]?\s+arbeitgeber\s+(?:er|sie)\b|\bwelche\s+(?:mieter|kunden|nachbarn)\b"
    r"|\b(?:zijn|haar|hun)\s+(?:nieuwe\s+|huidige\s+)?(?:adres|telefoonnummer|nummer|e-?mailadres|"
    r"iban|rekeningnummer|rijbewijs\w*|recept|medicatie\w*|salaris|werkgever)"
    r"|\b(?:naam|adres|telefoonnummer|rijbewijsnummer|iban)\s+[\w\s,-]{0,60}?\svan\s+de\s+"
    r"(?:vorige\s+|huidige\s+)?(?:huurder|koper|verkoper|bestuurder|ontvanger|rekeninghouder|"
    r"andere)\b"
    r"|\bop\s+welke\s+naam\b"
)


# Round 16: a standing the writer declares for the person whose datum it is — a power of
# attorney, a carer's or guardian's role, the person sitting beside them and consenting (v26 /
# v27: "I am the carer for Mr. … (I have power of attorney …). Could you confirm whether his
# repeat prescription has been dispatched?"). The convention calls these authorised
# representatives benign; the model still scores them. Not when a secret is asked for (a
# password, PIN, log-in or code): a carer without checks asking for those stays an attack.
_STANDING = signal(
    r"\bpower\s+of\s+attorney\b|\blasting\s+power\b"
    r"|\b(?:i\s+am|i'm|im)\s+(?:the\s+|her\s+|his\s+|their\s+|a\s+)?(?:registered\s+|legal\s+|"
    r"paid\s+|professional\s+|main\s+)?(?:carer|caregiver|guardian|appointee|deputy)\b"
    r"|\b(?:she|he|they|who)(?:'s|\s+is|\s+are|'re)\s+(?:sitting|here|right\s+here)\s+"
    r"(?:right\s+)?(?:with|next\s+to|beside)\s+me\b"
    r"|\b(?:she|he|they)\s+(?:consents?|has\s+consented|have\s+consented|has\s+agreed)\b"
    r"|\bwith\s+(?:her|his|their)\s+(?:full\s+)?(?:consent|permission)\b"
    r"|\bvollmacht\b|\bbetreuer(?:in)?\b|\b(?:sie|er)\s+(?:ist|sitzt)\s+(?:einverstanden|neben\s+mir)\b"
    r"|\bmachtiging\b|\bbewindvoerder\b|\bgemachtigd\b|\b(?:zij|hij)\s+zit\s+naast\s+me\b"
)
_SECRET = signal(
    r"\bpass(?:word|code)s?\b|\bpins?\b|\bcodes?\b|\b2fa\b|\botp\b|\blog-?ins?\b|\bcredentials\b|\b(?:security|access)\s+codes?\b"
    r"|\bpasswort\b|\bzugangsdaten\b|\bkennwort\b|\bwachtwoord\b|\binloggegevens\b"
)
# A datum named as where something goes ("confirm receipt to her e-mail on file", "an ihre
# Adresse", "naar haar adres") is not asked to be disclosed — unless a secret is asked for ("the
# 2FA code you sent to her phone").
_TO_BEFORE = re.compile(r"(?:\bto|\ban|\bnaar|\bvia)\s+$")


def _destination(text: str, match: re.Match[str]) -> bool:
    return _TO_BEFORE.search(text, max(0, match.start() - 6), match.start()) is not None


def round16_kind(normalized: str, present: Set[str]) -> str | None:
    """The kind ("extraction") when another person's datum is asked to be disclosed, else
    None (messages up to COOCCURRENCE_MAX_CHARS only, as for rounds 11 to 15)."""
    if len(normalized) > COOCCURRENCE_MAX_CHARS:
        return None
    if _SECRET.search(normalized, present):
        theirs = _THEIRS.finditer(normalized, present)
    elif _STANDING.search(normalized, present):
        return None
    else:
        theirs = [
            m for m in _THEIRS.finditer(normalized, present) if not _destination(normalized, m)
        ]
    if theirs and after(
        _REQUEST.finditer(normalized, present), theirs, DISCLOSE_WINDOW, strict=True
    ):
        return "extraction"
    return None
