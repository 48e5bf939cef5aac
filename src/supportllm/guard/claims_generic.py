"""A recall net for action claims: a completed change made with *any* verb.

The action tables (claims_lexicon.py) name the verbs and nouns of the actions we know; every new
domain brings verbs they lack ("your flight has been moved", "Sie wurden aus dem Newsletter
ausgetragen", "je vlucht is omgeboekt", "I've added the roaming pass to your line"). This module
finds the *shape* of a reported change instead of its words:

- a participle (EN: any ``-ed`` form or a few irregular ones; DE: ``ge-`` / inseparable-prefix /
  ``-iert`` forms; NL: ``ge-`` / ``be-``/``ver-``/``ont-``/``her-`` forms), not one of the verbs
  that change nothing (looked, received, geprüft, bekeken …);
- in a completed frame: the agent as subject ("I've", "we", "habe ich", "wij hebben"), a passive
  ("has been", "was", "wurde", "ist", "werd", "is", "bent"), or an English participle opening the
  sentence ("Refunded order #77210", "Moved your flight to …") or after a noun label ("Address
  changed to …");
- about something the customer owns or is: "your", "you", "Ihr…", "Sie", "uw", "je", an order id.

The detector (claims_detect.py) applies its blocking cues (negation, modals, questions,
conditions, third parties) to each candidate and routes it: a verb the tables know gets its
action, any other becomes a ``CHANGED`` claim with its key words (verb stem, object nouns).
claims.py backs a ``CHANGED`` claim by a successful call of a tool whose name shares one of those
keys, or — when no tool name matches — by any successful state-changing call (it is a violation
when there is none).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

from supportllm.guard import claims_frames as cues
from supportllm.guard.claims_bridge import bridged, tool_words

__all__ = [
    "CHANGED",
    "Candidate",
    "GenericLang",
    "and_more",
    "candidates",
    "claim_keys",
    "generic_lang",
    "name_tokens",
    "shares_key",
]  # fmt: skip

CHANGED: Final = "changed"  # the action of a change the tables do not name

_EN_IRREGULAR = r"set|put|cut|shut|frozen|given|taken|withdrawn|overridden|rebuilt|reset"
_PART: Final[dict[str, str]] = {
    "en": rf"(?:[A-Za-z]{{2,}}ed|{_EN_IRREGULAR})",
    "de": r"(?:[a-zäöüß]*ge[a-zäöüß]{2,}(?:t|en)"
    r"|(?:be|ent|er|ver|zer|über|miss)[a-zäöüß]{2,}(?:t|en)|[a-zäöüß]{3,}iert)",
    "nl": r"(?:[a-zë]*ge[a-zë]{2,}(?:d|t|en)|(?:be|ver|ont|her|er)[a-zë]{2,}(?:d|t|en))",
}
# Participles that report no change made for the customer: looking, learning, talking, the
# customer's or a courier's deeds, states, and adjectives that look like participles.
_STOP: Final[dict[str, str]] = {
    "en": r"\w*eed|hundred|checked|looked|reviewed|noticed|verified|confirmed|received|"
    r"investigated|noted|tried|searched|contacted|apologi[sz]ed|happened|occurred|arrived|"
    r"delivered|shipped|expired|failed|needed|wanted|asked|requested|mentioned|explained|"
    r"informed|advised|pleased|interested|concerned|supposed|expected|required|allowed|used|"
    r"related|involved|included|attached|listed|linked|called|named|owned|based|located|"
    r"limited|detailed|charged|billed|ordered|purchased|returned|opened|logged|signed|decided|"
    r"planned|experienced|affected|delayed|caused|reported|raised|passed|emailed|messaged|"
    r"replied|responded|answered|waited|worked|helped|assisted|thanked|welcomed|followed|"
    r"considered|discussed|described|enjoyed|liked|loved|hoped|guessed|assumed|missed|damaged|"
    r"packed|prepared|attempted|compared|calculated|estimated|determined|identified|tracked|"
    r"monitored|connected|refreshed|loaded|downloaded|uploaded|installed|configured|compiled|"
    r"tested|fixed|solved|resolved|handled|sorted|finished|completed|started|tired|excited|"
    r"worried|surprised|disappointed|frustrated|satisfied|qualified|entitled|covered|"
    r"guaranteed|recommended|documented|designed|intended|stated|spelled|declined|rejected|"
    r"denied|refused|flagged|compromised|hacked|generated|triggered|renewed|created|"
    r"registered|recorded|printed|posted|dated|priced|valued|rated|ranked|sized|shaped",
    "de": r"gesehen|angesehen|nachgesehen|geprüft|überprüft|gefunden|bemerkt|verstanden|"
    r"erhalten|bekommen|gelesen|versucht|gefragt|gesagt|erklärt|gewesen|gehabt|gemacht|"
    r"gegeben|gegen|gelegen|gewünscht|bestellt|geliefert|zugestellt|angekommen|gekauft|"
    r"bezahlt|berechnet|abgebucht|geöffnet|erreicht|beantwortet|gemeldet|besprochen|"
    r"empfohlen|entschuldigt|gedankt|bedankt|geplant|erwartet|benötigt|verwendet|genutzt|"
    r"gewartet|geholfen|gefreut|geschrieben|gesprochen|angerufen|kontaktiert|informiert|"
    r"notiert|vermerkt|festgestellt|erfahren|gelernt|gehört|gedacht|geglaubt|verloren|"
    r"beschädigt|verspätet|verzögert|geschickt|gesendet|versendet|verschickt|erlebt|betrifft|"
    r"besteht|bekannt|erledigt|gelungen|geklappt|verpasst|verwiesen|gemäß|genannt|getestet|"
    r"erhöht|gestiegen|gesunken|geschlossen|passiert|geschehen|bestätigt|registriert|gefällt|"
    r"gehört|fehlgeschlagen|abgelehnt|erstellt|verlängert|ausgelöst|erfolgt|gewährleistet|"
    r"insgesamt|jetzt|nicht|bereits|zuerst|erst|meist|fast|selbst|sonst|seit|geht",
    "nl": r"gezien|bekeken|nagekeken|gecontroleerd|gevonden|begrepen|ontvangen|gelezen|"
    r"geprobeerd|verwacht|geweest|gehad|gedaan|geleden|gelegen|gezegd|gevraagd|gemeld|"
    r"vergeten|beantwoord|besteld|geleverd|bezorgd|aangekomen|gekocht|betaald|geopend|bereikt|"
    r"genoteerd|besproken|geadviseerd|verontschuldigd|bedankt|gepland|gebruikt|genoemd|"
    r"gegeven|getest|afgeschreven|verzonden|verstuurd|gestuurd|gemiddeld|betreft|bestaat|"
    r"bevat|bedoeld|verkeerd|ervaren|gelukt|gewacht|geholpen|geschreven|gesproken|gebeld|"
    r"geïnformeerd|vastgesteld|gehoord|gedacht|verloren|beschadigd|vertraagd|gemist|"
    r"verwezen|bevestigd|geregistreerd|gebeurd|gesloten|gestegen|gedaald|verhoogd|"
    r"gezet|mislukt|geweigerd|afgewezen|aangemaakt|verlengd|gebeurt",
}
# The agent (or the company) as the subject of a perfect or simple past.
# English frames end right before the participle, give or take adverbs ("I've just moved").
_EN_ADVERBS = (
    r"(?:\s+(?:\w+ly|just|now|also|already|all|both|then|since|gone\s+ahead\s+and|"
    r"went\s+ahead\s+and))*\s+$"
)
_ACTIVE: Final[dict[str, str]] = {
    "en": rf"\b(?:I|we|We)(?:['’]ve|['’]d|\s+have|\s+had)?{_EN_ADVERBS}",
    "de": r"\b(?:habe|haben|hab|hatte|hatten)\s+(?:ich|wir)\b"
    r"|\b(?:[Ii]ch|[Ww]ir)\s+(?:\w+\s+)?(?:habe|haben|hab|hatte|hatten)\b",
    "nl": r"\b(?:heb|hebben|had|hadden)\s+(?:ik|we|wij)\b"
    r"|\b(?:[Ii]k|[Ww]e|[Ww]ij)\s+(?:\w+\s+)?(?:heb|hebben|had|hadden)\b",
}
_PASSIVE: Final[dict[str, str]] = {
    "en": r"(?:\b(?:has|have|had)(?:\s+(?:now|just|also|already))?\s+been|['’]s\s+been"
    r"|['’]ve\s+been|\b(?:was|were|got)"
    rf"|\b(?:is|are)\s+now|['’](?:s|re)\s+now|\b(?:is|are)){_EN_ADVERBS}",
    "de": r"\b(?:wurde|wurden|wurdest|ist|sind|bist)\b",
    "nl": r"\b(?:werd|werden|is|zijn|ben|bent)\b",
}
# A past time: a report of what happened then, not of a change just made ("was changed on 2 May").
_PAST_TIME: Final[dict[str, str]] = {
    "en": r"\b(?:on\s+\d|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|last\s+(?:week|"
    r"month|year|time)|ago|back\s+in|previously|originally|earlier|when|at\s+the\s+time|in\s+"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"20\d\d)|(?:19|20)\d\d)\b",
    # "ist am 15. November gebucht" tells when the booked thing is, not when a deed was done
    "de": r"\b(?:(?<!\bist\s)(?<!\bsind\s)am\s+\d|gestern|letzte[nm]?\s+\w+|"
    r"vor\s+\w+\s+(?:Tagen|Wochen|Monaten|Jahren)|"
    r"damals|früher|ursprünglich|zuvor|als|(?:19|20)\d\d)\b",
    "nl": r"\b(?:op\s+\d|gisteren|vorige?\s+\w+|geleden|destijds|eerder|oorspronkelijk|toen|"
    r"(?:19|20)\d\d)\b",
}
# What the customer owns or is.
_OWNED: Final[dict[str, str]] = {
    "en": r"\b(?:[Yy]our|[Yy]ours)\b|\b[Yy]ou(?:['’]ve\s+been|\s+(?:have|had)\s+been|\s+were|"
    r"\s+are\s+now|['’]re\s+now|\s+got)\b|(?:\w+ed|given|taken|put|set)\s+you\b",
    # "Dein Abo", "Deine Nachtfahrt" open a sentence capitalised (round 14e); a lower-case
    # "ihr" is someone else's, a "dein" is always the customer's
    "de": r"\b(?:Ihr\w*|Ihnen|[Dd]ein\w*|[Dd]ich|[Dd]ir)\b"
    r"|\b(?:Sie\s+(?:wurden|sind)|(?:wurden|sind|haben\s+wir|habe\s+ich)\s+Sie)\b",
    "nl": r"\b(?:[Uu]w|[Uu]|[Jj]e|[Jj]ouw|[Jj]ij)\b",
}
_ID_LIKE = r"#\s?\d|\b[A-Z]{1,5}-?\d{2,}|\b\d{4,}\b|\b[a-z]{2,5}_\d{3,}|[€$£]\s?\d|\d\s?(?:€|EUR)"
# English only: a participle opening the sentence ("Refunded order #77210 in full") or after a
# noun label ("Address changed to 22 Baker Lane", "Flight moved to 18:40").
_LEAD_FILLER = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|sure|done|right|great|also|and|just|all\s+set|good\s+news)\W+)*$",
    re.IGNORECASE,
)
_LABEL_HEAD = re.compile(
    r"^\W*(?:(?:[Yy]our|[Tt]he)\s+)?(?!(?:I|we|you|it|this|that|they|he|she|which|what|who|"
    r"everything|nothing|there|here|all|some|one|price|prices|is|are|was|were|or|and|but|if|"
    r"support|feature|features|version|it)\b)[A-Za-z][a-z]+"
    r"(?:\s+[a-z]+)?\s*$",
)
_LABEL_AFTER = re.compile(r"\s+(?:to|from|for|on|as)\b|\s*(?:[.!✅✔]|$)")
_LABEL_SURE = re.compile(r"\s+to\b|\W*[✅✔]")  # "Address changed to …": no owner needed
# After a participle opening the sentence, its object: "Refunded order #77210", "Moved your …".
_INITIAL_OBJECT = re.compile(
    r"\s+(?:your|the|this|that|all|both|order|#|[€$£]|[A-Z]{1,5}-?\d|\d|you\b(?!['’]|\s+(?:are|"
    r"were|can|will|may|might|should|have|had|do|did|need|want)\b))"
)
_WORD = re.compile(r"[A-Za-zÄÖÜäöüßéëï]{3,}")
_FUNCTION_WORDS: Final = frozenset(
    [
        "the",
        "your",
        "you",
        "yours",
        "our",
        "this",
        "that",
        "with",
        "from",
        "for",
        "and",
        "have",
        "has",
        "had",
        "been",
        "was",
        "were",
        "are",
        "now",
        "just",
        "also",
        "ihr",
        "ihre",
        "ihren",
        "ihrem",
        "ihrer",
        "sie",
        "wir",
        "ich",
        "habe",
        "haben",
        "wurde",
        "wurden",
        "ist",
        "sind",
        "und",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "mit",
        "von",
        "vom",
        "zum",
        "zur",
        "auf",
        "uw",
        "het",
        "een",
        "van",
        "voor",
        "met",
        "naar",
        "ben",
        "bent",
        "werd",
        "werden",
        "zijn",
        "heb",
        "hebben",
        "ook",
        "nog",
        "all",
        "any",
        "per",
    ]
)


@dataclass(frozen=True)
class GenericLang:
    code: str
    part: re.Pattern[str]
    stop: re.Pattern[str]
    active: re.Pattern[str]
    passive: re.Pattern[str]
    owned: re.Pattern[str]
    past: re.Pattern[str]
    head_start: re.Pattern[str]  # where a frame's clause starts (DE/NL: commas do not end it)


@dataclass(frozen=True)
class Candidate:
    kind: str  # active, passive, initial, label
    start: int  # the participle
    end: int


@functools.cache
def generic_lang(code: str) -> GenericLang:
    return GenericLang(
        code=code,
        part=re.compile(rf"(?<![\w-]){_PART[code]}(?![\w-])"),
        stop=re.compile(rf"(?:{_STOP[code]})", re.IGNORECASE),
        active=re.compile(_ACTIVE[code]),
        passive=re.compile(_PASSIVE[code]),
        owned=re.compile(rf"{_OWNED[code]}|{_ID_LIKE}"),
        past=re.compile(_PAST_TIME[code], re.IGNORECASE),
        head_start=re.compile(
            rf"[;()\[\]—–]|(?<!\d):(?!\d)|\s-\s|\b(?:{cues.CLAUSE_WORDS[code]})\b"
        ),
    )


def candidates(sentence: str, g: GenericLang, clause: re.Pattern[str]) -> list[Candidate]:
    """Participles of any verb in a completed-change frame about the customer's things."""
    out: list[Candidate] = []
    for m in g.part.finditer(sentence):
        s, e = m.span()
        word = m.group()
        if g.stop.fullmatch(word.lower()) or (g.code != "en" and word[0].isupper()):
            continue
        lo = 0
        # a verb-final clause may hold commas: "Ihr Termin wurde auf Donnerstag, 10:30, verschoben"
        for cm in (clause if g.code == "en" else g.head_start).finditer(sentence, 0, s):
            lo = cm.end()
        nxt = clause.search(sentence, e)
        hi = nxt.start() if nxt else len(sentence)
        head, text = sentence[lo:s], sentence[lo:hi]
        kind = _kind(sentence, word, head, s, e, g)
        if kind is None or g.past.search(text):
            continue
        if g.owned.search(text) or (kind == "label" and _LABEL_SURE.match(sentence, e)):
            out.append(Candidate(kind, s, e))
    return out


def _kind(sentence: str, word: str, head: str, s: int, e: int, g: GenericLang) -> str | None:
    if g.code == "en":
        if _LEAD_FILLER.match(head) and word[0].isupper() and not _LEAD_FILLER.match(sentence[:s]):
            return None  # a capitalised word inside the sentence: a name
        at_start = head.strip() == sentence[:s].strip()
        if _LEAD_FILLER.match(head) and at_start:
            return "initial" if _INITIAL_OBJECT.match(sentence, e) else None
        if (
            at_start
            and _LABEL_HEAD.match(head)
            and _LABEL_AFTER.match(sentence, e)
            and not head.strip()[:1].islower()
        ):
            return "label"
        if word[0].isupper():
            return None
    if g.passive.search(head):
        return "passive"
    if g.active.search(head):
        return "active"
    return None


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ied", "ed", "en", "iert", "t", "d"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix == "ied" else "")
            break
    if w.startswith("ge") and len(w) > 5:
        w = w[2:]
    return w


def claim_keys(text: str, verb: str) -> tuple[str, ...]:
    """The words a tool name may share with a claim: the verb's stem and the content words."""
    words = [w.lower() for w in _WORD.findall(text) if w.lower() not in _FUNCTION_WORDS]
    # round 13: a separable participle without its "ge" ("omgezet" -> "omzet" of
    # ticket_omzetten, "umgestellt" -> "umstellt" of tarif_umstellen)
    unseparated = _SEPARABLE_GE.sub(r"\1", verb.lower())
    extra = [_stem(unseparated)] if unseparated != verb.lower() else []
    return tuple(dict.fromkeys([_stem(verb), *extra, *words]))


_SEPARABLE_GE: Final = re.compile(
    r"^(om|op|af|aan|uit|in|door|over|terug|weg|mee|na|voor|um|ab|an|auf|aus|ein|nach|vor|zu|"
    r"zurück|mit|her|hin)ge(?=\w{3,})"
)


def name_tokens(tool: str) -> tuple[str, ...]:
    """The name's words of three letters or more ("remove_payment_method" -> remove, …)."""
    return tuple(t for t in tool_words(tool) if len(t) >= 3)


def shares_key(keys: tuple[str, ...], tool: str) -> bool:
    """Whether a tool's name shares a word (by a common start of 4 letters, or the whole of a
    shorter one, or as the head of a compound key, or as the same action in another language:
    claims_bridge.py) with a claim's keys."""
    for token in name_tokens(tool):
        for key in keys:
            need = min(4, len(token), len(key))
            if need >= 3 and token[:need] == key[:need]:
                return True
            if len(token) >= 5 and len(key) >= len(token) + 3 and key.endswith(token):
                return True  # the head of a compound: "label" in "retourenlabel"
            if bridged(key, token):
                return True  # the same action in two languages: "pausiert", pause_subscription
    return False


# The customer details an account change may be about; a tool that names one (update_email,
# "phone" in its arguments) changed that one only.
_DETAILS: Final = (
    ("email", r"e-?mail\w*"),
    ("phone", r"phone|mobile|telefon\w*|telefoon\w*|handy\w*|rufnummer|gsm|mobiel\w*"),
    ("address", r"\w*(?:address|adresse|adres)|anschrift|postcode|zip"),
    ("card", r"\w*card|\w*karte|\w*kaart|iban|payment\s+method|zahlungs\w*|betaal\w*"),
    ("name", r"(?:last|first|full|sur)?name|nachname|vorname|achternaam|voornaam|naam"),
)
_EMAIL_ADDRESS = re.compile(r"e-?mail[- ]?(?:address|adresse|adres)", re.IGNORECASE)
_DETAIL_NOUN = re.compile(
    r"(?:\b(?:your|the|new|login|contact|billing|delivery|ihre?\w*|die|der|das|neue\w*|je|"
    r"jouw|uw|de|het|nieuwe|and|und|en|&)\s+(?:[\w-]+\s+)?)"
    rf"({'|'.join(p for _, p in _DETAILS)})\b",
    re.IGNORECASE,
)


def details(text: str, nouns_only: bool = True) -> frozenset[str]:
    """The customer details a text names ("your e-mail address and your phone number" ->
    email, phone); in a reply only nouns after a determiner count ("we'll email you" does not)."""
    text = _EMAIL_ADDRESS.sub("email", text)
    found: set[str] = set()
    words = (m.group(1) for m in _DETAIL_NOUN.finditer(text)) if nouns_only else text.split()
    for word in words:
        for name, pattern in _DETAILS:
            if re.fullmatch(pattern, word, re.IGNORECASE):
                found.add(name)
                break
    return frozenset(found)


_AND_MORE = re.compile(r"\s*,?\s*(?:and|und|en|&|plus)\s+(?=[#€$£]|\d)", re.IGNORECASE)


def and_more(
    sentence: str, clause_end: int, clause: re.Pattern[str], participle: re.Pattern[str]
) -> int:
    """The end of "… and €4.99 for the shipping" after a verb's clause: objects coordinated
    with its own, in a clause without a verb of its own (else ``clause_end``)."""
    m = _AND_MORE.match(sentence, clause_end)
    if m is None:
        return clause_end
    nxt = clause.search(sentence, m.end())
    end = nxt.start() if nxt else len(sentence)
    return clause_end if participle.search(sentence, m.end(), end) else end
