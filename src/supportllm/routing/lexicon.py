"""Word lists the complexity router reads: intent words in English, German and Dutch (with their
stems and inflections), and short function-word lists that tell the ticket's language.

Patterns run on lower-cased text. A German stem may sit inside a compound (``Jahres-
rückerstattung``, ``Rechtsanwalt``, ``Beschwerdestelle``), so German stems match anywhere in a
word; English and Dutch ones start at a word boundary.
"""

from __future__ import annotations

import re

# intent -> alternatives (regular expressions on lower-cased text)
INTENT_PATTERNS: dict[str, tuple[str, ...]] = {
    "refund": (
        r"\brefund\w*", r"\bmoney back\b", r"\breimburse\w*", r"\bcompensat\w*",
        r"\w*(?<!bericht)erstatt\w*", r"\bgeld zurück\b", r"\w*rückzahlung\w*", r"\bentschädig\w*",
        r"\bterugbeta\w*", r"\bgeld terug\b", r"\brestitu\w*", r"\bterugstort\w*",
        r"\bcompensatie\b",
    ),
    "legal": (
        r"\blawyers?\b", r"\battorneys?\b", r"\blegal (?:action|steps|proceedings|department)\b",
        r"\bsu(?:e|ing)\b", r"\blawsuits?\b", r"\bcourt\b", r"\bsolicitors?\b",
        r"\bsmall claims\b", r"\blitigation\b",
        r"\w*anw[aä]lt\w*", r"\bklage\b", r"\bverklag\w*", r"\bvor gericht\b",
        r"\bgerichtlich\w*", r"\brechtliche\w* schritte\b", r"\bmahnverfahren\w*",
        r"\badvoca(?:at|ten)\w*", r"\brechtszaak\w*", r"\brechtbank\w*", r"\bnaar de rechter\b",
        r"\bjuridische?\b", r"\baanklag\w*", r"\bdagvaard\w*",
    ),
    "complaint": (
        r"\bcomplain\w*", r"\bunacceptable\b", r"\bdisappoint\w*", r"\bfrustrat\w*",
        r"\bterrible\b", r"\bawful\b", r"\bworst\b", r"\bridiculous\b", r"\bfed up\b",
        r"\bdisgrace\w*", r"\bfurious\b", r"\bscam\b",
        r"\w*beschwer\w*", r"\bunzumutbar\w*", r"\binakzeptabel\w*", r"\benttäusch\w*",
        r"\bfrechheit\w*", r"\bverärger\w*", r"\bunverschämt\w*", r"\bskandal\w*",
        r"\bklagen\b",
        r"\bklacht\w*", r"\bonacceptabel\w*", r"\bteleurge\w*", r"\bteleurstel\w*",
        r"\bschandalig\w*", r"\bbelachelijk\w*", r"\bwoedend\w*",
    ),
    "cancellation": (
        r"\bcancel\w*", r"\bterminat\w*", r"\bunsubscrib\w*",
        r"\b(?:close|delete) (?:my|our) account\b",
        r"\w*(?<!an)(?<!ange)kündig\w*", r"\bstornier\w*", r"\babbestell\w*",
        r"\bkonto (?:löschen|schließen)\b",
        r"\bopzeg\w*", r"\bopgezegd\b", r"\bannul\w*", r"\bbeëindig\w*",
        r"\baccount (?:verwijderen|opheffen)\b",
    ),
    "chargeback": (
        r"\bcharge ?backs?\b", r"\bdisput\w*", r"\b(?:double|twice) charged\b",
        r"\bcharged (?:twice|double)\b", r"\bpaid twice\b", r"\bdouble (?:payment|charge)s?\b",
        r"\bunauthori[sz]ed (?:charge|payment|transaction)s?\b",
        r"\w*rückbuch\w*", r"\blastschrift zurück\w*",
        r"\b(?:doppelt|zweimal) (?:abgebucht|berechnet|bezahlt)\b",
        r"\bterugboek\w*", r"\bstorneer\w*",
        r"\b(?:dubbel|twee keer) (?:afgeschreven|betaald|gefactureerd)\b",
    ),
    "privacy": (
        r"\bgdpr\b", r"\bdata (?:protection|request|subject|access)\b",
        r"\bpersonal (?:data|information)\b", r"\bright to be forgotten\b", r"\bdsar\b",
        r"\b(?:erase|delete) (?:my|all|our) (?:personal )?data\b",
        r"\bdsgvo\b", r"\w*datenschutz\w*", r"\bpersonenbezogen\w*", r"\bauskunftsersuchen\b",
        r"\bdaten löschen\b",
        r"\bavg\b", r"\bpersoonsgegevens\b", r"\binzageverzoek\w*",
        r"\bgegevens (?:verwijderen|wissen)\b",
    ),
    "escalation": (
        r"\bmanager\b", r"\bsupervisor\b", r"\bescalat\w*", r"\b(?:real|actual) (?:person|human)\b",
        r"\bspeak to (?:a human|someone|somebody)\b", r"\bceo\b",
        r"\bvorgesetzt\w*", r"\beskalier\w*", r"\bgeschäftsführ\w*", r"\bteamleit\w*",
        r"\bmenschen sprechen\b",
        r"\bleidinggevende\w*", r"\bescaler\w*", r"\bdirectie\b",
        r"\becht(?:e)? (?:persoon|mens)\b",
    ),
    "threat": (
        r"\bpolice\b", r"\bthe press\b", r"\bjournalists?\b", r"\bsocial media\b",
        r"\b(?:bad|negative|1-star|one[- ]star) reviews?\b", r"\btrustpilot\b",
        r"\breport (?:you|this) to\b", r"\bconsumer (?:protection|authority|rights)\b",
        r"\bombudsman\b", r"\bregulator\w*",
        r"\bpolizei\b", r"\bpresse\b", r"\bverbraucherzentrale\b", r"\bschlechte bewertung\w*",
        r"\bsoziale\w* medien\b",
        r"\bpolitie\b", r"\bde pers\b", r"\bconsumentenbond\b", r"\bslechte review\w*",
        r"\bsociale media\b", r"\bgeschillencommissie\b",
    ),
    "security": (
        r"\bhack(?:ed|er|ers|ing)?\b", r"\bfraud\w*", r"\bstolen\b", r"\bphishing\b",
        r"\bcompromised\b", r"\bunauthori[sz]ed (?:access|login)s?\b", r"\bbreach\w*",
        r"\bgehackt\b", r"\bbetrug\w*", r"\bbetrüg\w*", r"\bgestohlen\b", r"\bunbefugt\w*",
        r"\bdatenleck\w*", r"\bdatenpanne\w*",
        r"\bfraude\w*", r"\bgestolen\b", r"\boplicht\w*", r"\bdatalek\w*", r"\bonbevoegd\w*",
    ),
}  # fmt: skip

INTENTS: tuple[str, ...] = tuple(INTENT_PATTERNS)

# One pass finds every intent: a named group per intent.
INTENT_RE = re.compile(
    "|".join(f"(?P<{name}>{'|'.join(words)})" for name, words in INTENT_PATTERNS.items())
)

# Order, invoice, ticket and account numbers: "#12345", "INV-2024-0042", "order 8812345".
REFERENCE_RE = re.compile(r"#\s?\d{4,}|\b[a-z]{2,5}-\d{3,}(?:-\d+)*\b|\b\d{6,}\b")
TECHNICAL_RE = re.compile(
    r"```|\btraceback\b|\bexception\b|\bstack ?trace\b|\berror(?: code)?:? \d{3,}\b"
    r"|\bhttp [45]\d\d\b|\bstatus(?: code)? [45]\d\d\b|\bapi\b|\bwebhooks?\b|\bjson\b"
    r"|\bsso\b|\bsaml\b|\boauth\b"
)
WORD_RE = re.compile(r"[^\W\d_]+")
NON_LATIN_RE = re.compile(r"[^\W\d_\x00-\u024f]")  # a letter beyond Latin Extended-B
QUESTION_RE = re.compile(r"[?？]+")
EXCLAMATION_RE = re.compile(r"[!！]+")

# Frequent function words per language; a word in two lists tells nothing and is dropped.
_FUNCTION_WORDS: dict[str, str] = {
    "en": "the and is are my our you your i we with for have has this it not can how what "
    "please of was do don't would could there when why which they their an be been will thanks "
    "hi hello me us to that from on at all want need get since yesterday working stopped",
    "de": "der die das und ist ich wir nicht mit für ein eine einen sie es wie kann können bitte "
    "unser unsere unseren mein meine haben habe auf auch noch zu den dem im mir uns sind wurde "
    "hallo danke guten tag gibt warum wo wann seit",
    "nl": "de het een en is ik wij niet met voor van mijn onze ons hoe kan kunnen graag dat dit op "
    "te zijn heb hebben wordt geen maar er ook nog jullie u uw bedankt hallo goedendag waarom "
    "sinds werkt",
    "fr": "le la les et est je nous vous pas pour avec une des du mon ma mes que qui sur dans ne "
    "bonjour merci ce cette sont mais votre notre",
    "es": "el los las y es yo nosotros usted para con una del mi mis que por pero hola gracias "
    "está estoy cuenta su",
    "it": "il lo gli è io noi non per una del della mio mia che ciao grazie sono ho abbiamo",
    "pt": "o os e é eu nós você não para com uma do da meu minha que olá obrigado tenho minha",
    "pl": "w z na się nie jest to że do mój moje jak proszę dziękuję dzień dobry mam",
}


def _distinct() -> dict[str, frozenset[str]]:
    seen: dict[str, int] = {}
    for words in _FUNCTION_WORDS.values():
        for word in set(words.split()):
            seen[word] = seen.get(word, 0) + 1
    return {
        lang: frozenset(w for w in words.split() if seen[w] == 1)
        for lang, words in _FUNCTION_WORDS.items()
    }


FUNCTION_WORDS: dict[str, frozenset[str]] = _distinct()
