"""Each deed a reply claims needs a successful call of its own (round 14b).

"I've updated the delivery address to 12 Elm Row and added the card message" after
``update_delivery_address`` alone; "Ich habe die Rechnung storniert und eine neue … ausgestellt"
after ``rechnung_stornieren`` alone; a checklist "✔ Termin gebucht ✔ SMS-Erinnerung aktiviert
✔ Befund an Dr. Petrović geschickt" after two calls. The claim sentence is backed as a whole by
the one call for its first deed, so the deed that nothing did goes unseen.

The reply's claims and checklist items are cut into deed clauses (a clause with a participle of
its own, or a state said to be so "now" / "again"). A clause is *related* to a call when it names
what the call was for: an id or an amount of it, its action (the verb, in any of the three
languages: claims_bridge.py), or a word of its name, arguments or result — an object word only
when the clause's verb is no other action than the tool's ("eine neue Rechnung ausgestellt" is
not ``rechnung_stornieren``). A call's result that tells of a second deed ("refunded": 12, a
refund with a cancellation) relates it to that deed too, so a deed the one call explains is no
second deed. A clause that relates to no call is backed by a call that relates to no clause (a
tool named in words the reply does not use), one such call each; a clause left over is a deed
that no call did. A confirmation sent about a deed needs no call of its own.
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.claims_bridge import GROUPS, action_groups, tool_words
from supportllm.guard.claims_clauses import thingless
from supportllm.guard.claims_detect import Claim, guess_language
from supportllm.guard.claims_generic import CHANGED
from supportllm.guard.ledger import ToolCall, extract_objects

__all__ = ["deed_clauses", "unbacked_deed"]

# Where a sentence's deeds part: "… and", "und", "en", "as well as", "sowie", ";", a dash, a
# comma before a new clause.
_CUT: Final = re.compile(
    r"\s*[;:]\s+|\s[—–-]\s|,\s+|(?<=[\w)\]])\s+(?:and|plus|as\s+well\s+as|und|sowie|en|alsook)\s+",
    re.IGNORECASE,
)
# A participle: English "-ed" and the irregular ones a deed uses; German "ge…t/en", "…iert" and
# the inseparable prefixes; Dutch "ge…d/t/en" and theirs.
_PART: Final[dict[str, re.Pattern[str]]] = {
    "en": re.compile(r"\b(?:[a-z]{3,}ed|set\s+up|put|sent|made|given|frozen|reset|moved)\b"),
    "de": re.compile(
        r"(?<![\w-])(?:[a-zäöüß]*ge[a-zäöüß]{2,}(?:t|en)|(?:be|ent|er|ver|zer|über|miss)"
        r"[a-zäöüß]{2,}(?:t|en)|[a-zäöüß]{3,}iert)(?![\w-])"
    ),
    "nl": re.compile(
        r"(?<![\w-])(?:[a-zë]*ge[a-zëï]{2,}(?:d|t|en)|(?:be|ver|ont|her|er)[a-zë]{2,}(?:d|t|en))"
        r"(?![\w-])"
    ),
}
# Participles that tell no deed of its own: looking, being told, a deed's completion ("sorted",
# "gelukt"), the customer's or a courier's deeds, adjectives and words that only look like one.
_NOT_DEED: Final = re.compile(
    r"\w*eed|checked|looked|reviewed|noticed|verified|received|noted|tried|used|based|"
    r"limited|needed|interested|pleased|delighted|supposed|expected|included|attached|"
    r"related|called|named|located|delivered|arrived|charged|billed|ordered|purchased|"
    r"delayed|damaged|happened|covered|entitled|required|allowed|requested|mentioned|"
    r"sorted|processed|completed|finished|handled|confirmed|returned|"
    r"expired|failed|declined|rejected|denied|shipped|dispatched|"
    r"gesehen|nachgesehen|geprüft|überprüft|gefunden|bemerkt|verstanden|erhalten|bekommen|"
    r"gelesen|versucht|gesagt|gegeben|gegen|gelegen|gewesen|gehabt|geliefert|angekommen|"
    r"gekauft|bezahlt|berechnet|abgebucht|gemeldet|erwartet|benötigt|verwendet|gewartet|"
    r"verspätet|beschädigt|geplant|besteht|betrifft|bekannt|gelten|gehen|geben|zugestellt|"
    r"geklappt|gelungen|erledigt|gemacht|geregelt|bestätigt|eingegangen|fehlgeschlagen|"
    r"abgelehnt|enthalten|gewohnt|gewöhnt|insgesamt|verrechnet|abgerechnet|gültig|belastet|"
    r"gezien|bekeken|gecontroleerd|gevonden|begrepen|ontvangen|gelezen|geprobeerd|verwacht|"
    r"geweest|gehad|geleden|gezegd|gevraagd|geleverd|bezorgd|aangekomen|gekocht|"
    r"betaald|gebruikt|gepland|bestaat|bevat|bedoeld|verkeerd|beschadigd|vertraagd|betreft|"
    r"geworden|gebeurd|gebeurt|geregeld|gedaan|gelukt|bevestigd|mislukt|geweigerd|afgewezen|"
    r"verzonden|belast|afgeschreven|gefactureerd|verrekend|\w+end|\w+ende",
    re.IGNORECASE,
)
# The customer, a pronoun or a name before a present tense that looks like a participle ("je
# betaalt", "u ontvangt", "we beginnen", "Sie bekommt").
_PRONOUN: Final = re.compile(
    r"\b(?:je|jij|u|we|wij|ze|zij|hij|het|dat|die|sie|du|er|es|wir|ihr|man|das)\s+$",
    re.IGNORECASE,
)
# A state said to be so again: "is active again", "ist wieder freigeschaltet", "staat weer aan".
_AGAIN: Final = re.compile(
    r"\b(?:is|are|ist|sind|staat|staan|zijn)\s+(?:\w+\s+)?(?:again|wieder|weer)\b"
    r"|\b(?:is|are)\s+(?:\w+\s+)?(?:active|live|on)\s+again\b",
    re.IGNORECASE,
)
# Not a deed done: one to come, one that may be, one asked of the customer; a clause that tells
# the first deed's effect or reason ("so you …", "damit …", "waarmee …", "since …", "omdat …").
_NOT_DONE: Final = re.compile(
    r"\b(?:will|['’]ll|would|can|could|may|might|should|once|if|wird|würde|kann|"
    r"können|kannst|musst|muss|sobald|wenn|falls|sollten|wordt|worden|zal|zullen|kan|kun|kunt|"
    r"kunnen|mag|moet|zodra|"
    r"please|bitte|graag|not|nicht|niet|no\s+longer|kein\w*|geen|nothing|nichts|niks|niets|dus)\b"
    r"|^\W*(?:so|dus|damit|womit|wodurch|sodass|daher|deshalb|waarmee|waardoor|zodat|which|"
    r"since|because|as|now\s+that|weil|da|nachdem|omdat|aangezien|nu|sinds|seit|thanks\s+to|"
    r"dank)\b",
    re.IGNORECASE,
)
_FUTURE_DE: Final = re.compile(r"\bwerden\b", re.IGNORECASE)
# A German or Dutch relative clause is verb-last: without an auxiliary its last verb is a present
# tense ("…, die wir mit der nächsten Reinigung verrechnen"), which only looks like a participle
# of "ver-" (fresh claims v25, round 14); a deed done in one names its auxiliary ("…, die ich
# storniert habe").
# The relative pronoun is told from an article by the subject pronoun after it ("die wir …", not
# "die Garantie … verlängert", a deed whose "habe" stands before the "und").
_RELATIVE: Final = re.compile(
    r"^\W*(?:der|die|das|den|dem|welche[mnrs]?|dat|wat|waar\w*)\s+(?:ich|du|er|sie|es|wir|ihr|"
    r"man|ik|je|jij|u|hij|zij|ze|wij|we|jullie)\b",
    re.IGNORECASE,
)
_AUXILIARY: Final = re.compile(
    r"\b(?:habe|hat|haben|hatte|hatten|ist|sind|war|waren|wurde|wurden|heb|hebt|heeft|hebben|"
    r"had|hadden|is|zijn|was|waren|werd|werden)\b",
    re.IGNORECASE,
)
# A confirmation or receipt sent about a deed, or what the deed made sent to the customer ("the
# temporary one was emailed to you"), is no deed of its own.
_NOTICE: Final = re.compile(
    r"confirmation|receipt|bestätigung|bestaetigung|bevestiging|quittung|kwitantie"
    r"|\b(?:one|it|them)\s+(?:was|were|has\s+been|have\s+been)\s+(?:e-?mailed|sent|texted)\s+"
    r"to\s+you\b",
    re.IGNORECASE,
)
# A pronoun for the first deed's thing as the subject: "… en dat is toegepast", "and it's
# live".
_BACK_REFERENCE: Final = re.compile(
    r"^\W*(?:(?:and|und|en)\s+)?(?:it|that|this|they|das|dies|es|dat|dit|het|ze)\s+"
    r"(?:is|are|was|were|has|have|ist|sind|wurde|wurden|hat|zijn|werd|heeft|staat)\b"
    r"|^\W*(?:(?:and|en)\s+)?(?:it|that)['’]s\b",
    re.IGNORECASE,
)
# A result that tells a thing is back: it explains "… staat weer op je rittenkaart".
_BACK: Final = re.compile(
    r"(?<![^\W\d_])(?:back|terug|zurück|zurueck|wieder|weer|again|restor|reactiv|reaktiv|"
    r"heractiv|resum)",
    re.IGNORECASE,
)
# A checklist item: "✔ SMS-Erinnerung aktiviert", "- Removed the add-on", "2) …".
_ITEM: Final = re.compile(
    r"^[ \t]*(?:[-*•–✔✓✅☑]|\d{1,2}[.)])\uFE0F?[ \t]*(\S[^\n]*)$", re.MULTILINE
)
_WORD: Final = re.compile(r"[^\W\d_]{4,}")
# Words that name nothing a deed was done to or for.
_BLAND: Final = frozenset((
    "status", "true", "false", "success", "done", "customer", "kunde", "klant", "your", "ihre",
    "ihren", "ihrem", "ihrer", "ihnen", "with", "from", "this", "that", "have", "been", "wurde",
    "wurden", "habe", "haben", "heeft", "hebt", "zijn", "sind", "jetzt", "wieder", "again",
    "also", "auch", "here", "hier", "both", "beide", "beides", "alles", "allebei", "everything",
    "that's", "everything's", "just", "gerade", "eben", "soeben", "nochmals", "schon",
    "bereits", "already", "back", "zurück", "terug", "gleich", "meteen", "direct", "direkt",
    "sofort", "voor", "naar", "jouw", "deine", "deinen", "deinem", "dich", "euch", "eure",
))  # fmt: skip
# A participle's "ge" (German and Dutch), also after a separable prefix ("aangepast").
_GE: Final = re.compile(
    r"^(om|op|af|aan|uit|in|door|over|terug|weg|mee|na|voor|toe|um|ab|an|auf|aus|ein|nach|vor|"
    r"zu|zurück|mit|her|hin|dazu|hinzu)?ge(?=\w{3,})"
)
# A tool whose name only says that it changes something ("auftrag_aendern", "change_tariff").
_CHANGE: Final = re.compile(
    r"^(?:change|update|modify|edit|set|adjust|amend|switch|aendern|ändern|anpassen|bearbeiten|"
    r"umstellen|wijzigen|aanpassen|bijwerken|omzetten|instellen|einstellen)$"
)
_CHANGE_VERB: Final = re.compile(
    r"^(?:changed|updated|modified|adjusted|amended|switched|set|moved|\w*geändert|"
    r"\w*geaendert|angepasst|umgestellt|eingestellt|aktualisiert|gewijzigd|aangepast|omgezet|"
    r"ingesteld|bijgewerkt|veranderd)$"
)


# A clause's own frame: a subject with an auxiliary, or an auxiliary of its own.
_FRAME: Final[dict[str, re.Pattern[str]]] = {
    "en": re.compile(
        r"\b(?:i|we)['’]ve\b|\b(?:have|has|had|is|are|was|were|been|got)\b|['’](?:s|re)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(r"\b(?:habe|hab|haben|hat|ist|sind|wurde|wurden|bin|bist)\b", re.IGNORECASE),
    "nl": re.compile(
        r"\b(?:heb|hebt|heeft|hebben|is|zijn|werd|werden|ben|bent|staat|staan)\b", re.IGNORECASE
    ),
}
# An elided clause's own thing: a determiner and a word at the clause's start or not after a
# preposition, or a noun (German) opening the clause.
_THING: Final[dict[str, re.Pattern[str]]] = {
    "de": re.compile(
        r"^\W*(?:(?:und|sowie|auch|zusätzlich|außerdem|dazu)\s+)*(?:[A-ZÄÖÜ][\w-]*[a-zäöüß]"
        r"(?<!Ich)(?<!Wir)(?<!Sie)|(?:der|die|das|den|dem|ein|eine|einen|einem|ihr\w*|dein\w*|"
        r"Ihr\w*|Dein\w*)\s+\w|[#€$£]?\d)"
    ),
    "nl": re.compile(
        r"^\W*(?:(?:en|ook|daarnaast)\s+)*(?:(?:de|het|een|je|jouw|uw|mijn|ons|onze|alle)\s+\w"
        r"|[#€$£]?\d|[A-Z][\w-]*[a-z])"
    ),
}
# A determiner right before an English participle makes it an adjective.
_EN_ADJECTIVE: Final = re.compile(
    r"\b(?:the|a|an|your|our|this|that|its|their)\s+(?:[a-z]+\s+)?$", re.IGNORECASE
)
# An English elided clause's direct object: any word after the participle but a preposition or
# an adverb ("… and added gift wrap", not "… and removed from your account").
_EN_OBJECT: Final = re.compile(
    r"\s+(?!(?:to|from|back|for|in|into|on|onto|at|with|by|as|off|out|over|again|too|already|"
    r"now|and|or|so|but|successfully|today|through|via|under|within|automatically)\b)[\w#€$£]",
    re.IGNORECASE,
)


def _lang(reply: str, lang: str | None) -> str:
    code = (lang or guess_language(reply) or "en").lower()[:2]
    return code if code in _PART else "en"


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _BLAND


def _own_object(clause: str, start: int, end: int, code: str) -> bool:
    """Whether the deed at ``start:end`` is one of its own: a clause with its own subject or
    auxiliary ("… and the temporary one was emailed", "ich habe Sie … eingetragen"), or one that
    names a thing of its own — not "… and removed from your account", "… und als dringend
    markiert", "… und jetzt bis zum 14. Mai ausgeliehen" (the first deed's thing again)."""
    before = clause[:start]
    if _FRAME[code].search(before):
        return True
    if code == "en":
        return bool(_EN_OBJECT.match(clause, end))
    return bool(_THING[code].search(before))


def _deed_verb(clause: str, code: str) -> str | None:
    """The clause's participle of a deed with a thing of its own (or its state word), or
    None."""
    if _NOT_DONE.search(clause) or (code == "de" and _FUTURE_DE.search(clause)):
        return None
    if _BACK_REFERENCE.search(clause):
        return None
    if code in ("de", "nl") and _RELATIVE.search(clause) and not _AUXILIARY.search(clause):
        return None
    for m in _PART[code].finditer(clause):
        word = m.group()
        if _NOT_DEED.fullmatch(word.lower()) or _PRONOUN.search(clause, 0, m.start()):
            continue
        if code == "en" and _EN_ADJECTIVE.search(clause, 0, m.start()):
            continue  # "the new estimated delivery": an adjective
        if _own_object(clause, m.start(), m.end(), code):
            return word
    state = _AGAIN.search(clause)
    return state.group() if state else None


def deed_clauses(text: str, code: str) -> list[tuple[str, str]]:
    """The deed clauses of a sentence, each with its verb."""
    out: list[tuple[str, str]] = []
    for part in _CUT.split(text):
        verb = _deed_verb(part, code)
        if verb is not None and not (out and thingless(part, verb)):
            # round 14c: a later "I've just added you" names no thing: the first deed again
            out.append((part, verb))
    return out


def _stem(word: str) -> str:
    return _GE.sub(r"\1", word.lower())


def _alike(a: str, b: str) -> bool:
    """Two words of one stem ("rechnung", "rechnungsnr"; "gecorrigeerd", "corrigeren") or a
    compound and its head ("retourenlabel", "label")."""
    a, b = _stem(a), _stem(b)
    n = min(5, len(a), len(b))
    if n >= 4 and a[:n] == b[:n]:
        return True
    return len(b) >= 5 and len(a) >= len(b) + 3 and a.endswith(b)


# Deeds that go together with one call: ending a thing ends what hangs on it ("Your account is
# closed and your data wiped", "signed out and removed from your account"); money given back is
# one refund however it is said ("voided and credited back").
_FAMILIES: Final = (
    ("cancel", "storn", "annul", "kündig", "gekündig", "opzeg", "opgezeg", "terminat", "beend",
     "beëind", "close", "closed", "schlie", "geschlo", "sluit", "geslot", "remov", "entfern",
     "verwijder", "delet", "lösch", "gelösch", "wipe", "gewist", "wiss", "eras", "revok",
     "widerruf", "deactiv", "deaktiv", "disabl", "signed out", "logged out", "unsubscrib",
     "abbestell", "uitgeschreven", "afgemeld", "abgemeld"),
    ("refund", "void", "revers", "erstatt", "rückerstatt", "terugbeta", "terugbetaald", "credit",
     "gutschr", "gutgeschr", "crediteer", "gecrediteerd", "rückbuch", "terugboek",
     "teruggeboek", "teruggestort", "storn"),
)  # fmt: skip
_ADD_GROUP: Final = next(i for i, g in enumerate(GROUPS) if g[0] == "add")


def _groups(words: set[str] | list[str]) -> frozenset[int]:
    """The action groups (claims_bridge.py) and families of words; "address" adds nothing."""
    out: set[int] = set()
    for w in words:
        found = set(action_groups(w))
        if w.startswith(("addr", "adr")):
            found.discard(_ADD_GROUP)
        out |= found
        out |= {-1 - i for i, starts in enumerate(_FAMILIES) if w.startswith(starts)}
    return frozenset(out)


def _verb_words(clause: str, verb: str) -> list[str]:
    """The verb and the verb with the word after it ("signed out", "switched on")."""
    v = verb.lower()
    at = clause.lower().find(v)
    after = clause[at + len(v) :].split()[:1] if at >= 0 else []
    return [v, *(f"{v} {w.lower()}" for w in after)]


def _related(clause: str, verb: str, call: ToolCall) -> bool:
    """Whether the clause names what the call was for or did: an id or amount of it, its
    action, a value of its arguments or result; a word of its name or keys when the clause's
    verb is no other action."""
    if set(extract_objects(clause)) & set(call.objects):
        return True
    if _AGAIN.fullmatch(verb) and any(_BACK.search(f"{k} {v}") for k, v in call.values):
        return True  # "… staat weer op je rittenkaart" after "rit_terug": true
    name = {w for w in tool_words(call.tool) if len(w) >= 3}
    keys = {w for k, _ in call.values for w in _words(k.replace("_", " "))}
    keys |= {w for k, _ in call.values for w in k.lower().split("_") if len(w) == 3}
    values = {w for _, v in call.values for w in _words(v)} | {w.lower() for w in call.said}
    words = _words(clause)
    if any(_alike(w, t) or _alike(t, w) for w in words for t in values):
        return True  # "500 gems" of grant_currency's "currency": "gems"
    deed = _groups(_verb_words(clause, verb))
    if deed & _groups(name | keys | values):
        return True  # the call's action, or a deed its result tells of ("refunded": 12)
    if any(_CHANGE.match(t) for t in name) and _CHANGE_VERB.match(verb.split()[-1].lower()):
        return True  # a tool that changes something: any change said of it
    done = _groups(name)
    if deed and done and not deed & done:
        return False  # "eine neue Rechnung ausgestellt" is no part of rechnung_stornieren
    if any(_alike(verb.split()[-1].lower(), t) for t in name if len(t) >= 4):
        return True  # "gecorrigeerd" of rit_corrigeren
    own = words - {verb.lower()}
    return any(_alike(w, t) or _alike(t, w) for w in own for t in name | keys if len(t) >= 3)


def _items(reply: str) -> list[str]:
    return [m.group(1) for m in _ITEM.finditer(reply)]


def unbacked_deed(
    reply: str, claims: list[Claim], calls: list[ToolCall], lang: str | None = None
) -> tuple[Claim, str] | None:
    """The claim (or checklist item) that states a deed no successful call did, when the reply
    claims more deeds than calls succeeded; and why. None otherwise."""
    done = [c for c in calls if c.ok and c.words]
    if not done or not claims:
        return None
    code = _lang(reply, lang)
    deeds: list[tuple[Claim, str, str]] = []
    for claim in {c.text: c for c in claims}.values():  # a sentence may hold several claims
        deeds += [(claim, clause, verb) for clause, verb in deed_clauses(claim.text, code)]
    said = " ".join(c.text for c in claims)
    for item in _items(reply):
        if item in said:
            continue
        start = reply.find(item)
        claim = Claim(CHANGED, (start, start + len(item)), item, extract_objects(item))
        deeds += [(claim, clause, verb) for clause, verb in deed_clauses(item, code)]
    if len(deeds) <= len(done):
        return None
    related = [{i for i, c in enumerate(done) if _related(cl, v, c)} for _, cl, v in deeds]
    spare = len(done) - len(set().union(*related))
    lost = [d for d, r in zip(deeds, related, strict=True) if not r and not _NOTICE.search(d[1])]
    if len(lost) > spare:
        claim, clause, _ = lost[spare]
        tools = ", ".join(sorted({c.tool for c in done}))
        what = clause.strip()[:60]
        return claim, f"claims {len(deeds)} deeds, but no successful call did {what!r} ({tools})"
    return None
