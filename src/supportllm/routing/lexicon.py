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
        r"\bsue\b", r"\bsuing\b", r"\blawsuits?\b", r"\bcourt\b", r"\bsolicitors?\b",
        r"\bsmall claims\b", r"\blitigation\b",
        r"\w*anwalt\w*", r"\w*anwält\w*", r"\bklage\b", r"\bverklag\w*", r"\bvor gericht\b",
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
        r"\bdoppelt (?:abgebucht|berechnet|bezahlt)\b",
        r"\bzweimal (?:abgebucht|berechnet|bezahlt)\b",
        r"\bterugboek\w*", r"\bstorneer\w*",
        r"\bdubbel (?:afgeschreven|betaald|gefactureerd)\b",
        r"\btwee keer (?:afgeschreven|betaald|gefactureerd)\b",
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
        r"\bmanager\b", r"\bsupervisor\b", r"\bescalat\w*",
        r"\breal (?:person|human)\b", r"\bactual (?:person|human)\b",
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


_WINDOWS = 8  # occurrences of a literal looked at one by one


class LiteralGuarded:
    """A regular expression run only when its literal part occurs in the text.

    One alternation of ~170 patterns costs ~3 µs per character of text in Python's engine
    (every alternative is tried at every position): 30 ms for a 10,000-character ticket. A
    substring test per pattern costs about a microsecond, and the expression then runs only on
    the few texts that hold its literal."""

    def __init__(self, pattern: str) -> None:
        self.literal = _literal(pattern)
        if len(self.literal) < 3:
            raise ValueError(f"pattern {pattern!r} needs a literal of 3+ characters")
        self.regex = re.compile(pattern)

    def search(self, text: str) -> bool:
        """Whether the expression matches; it runs on a window around each occurrence of the
        literal (from the start of a word 40+ characters before it), or on the whole text
        after many occurrences."""
        at = text.find(self.literal)
        for _ in range(_WINDOWS):
            if at < 0:
                return False
            start = text.rfind(" ", 0, max(0, at - 40)) + 1
            if self.regex.search(text, start, at + len(self.literal) + 60) is not None:
                return True
            at = text.find(self.literal, at + 1)
        return at >= 0 and self.regex.search(text) is not None


def _literal(pattern: str) -> str:
    """The longest piece of plain text every match of ``pattern`` contains."""
    text = re.sub(r"\(\?<[!=][^)]*\)", "", pattern)  # lookbehinds
    previous = None
    while previous != text:  # groups and classes, innermost first, with their quantifier
        previous = text
        text = re.sub(r"\([^()]*\)[?*]?|\[[^\]]*\][?*]?", "\x00", text)
    text = re.sub(r"\\[bwsd][?*+]?|\{[^}]*\}", "\x00", text)  # \b, \w*, \s?, {3,}
    text = re.sub(r".[?*]", "\x00", text)  # an optional character
    return max((piece.strip() for piece in text.split("\x00")), key=len)


INTENT_CHECKS: dict[str, tuple[LiteralGuarded, ...]] = {
    name: tuple(LiteralGuarded(p) for p in patterns) for name, patterns in INTENT_PATTERNS.items()
}

# Order, invoice, ticket and account numbers: "#12345", "INV-2024-0042", "order 8812345".
# Each alternative begins with a character class, so the engine skips ahead to digits fast.
REFERENCE_RE = re.compile(r"#\s?\d{4,}|(?<![\w#-])(?<!# )\d{6,}(?![\w-])|(?<=[a-z]{2})-\d{3,}")
TECHNICAL_CHECKS: tuple[LiteralGuarded, ...] = tuple(
    LiteralGuarded(p)
    for p in (
        r"```", r"\btraceback\b", r"\bexception\b", r"\bstack ?trace\b",
        r"\berror(?: code)?:? \d{3,}\b", r"\bhttp [45]\d\d\b", r"\bstatus(?: code)? [45]\d\d\b",
        r"\bapi\b", r"\bwebhooks?\b", r"\bjson\b", r"\bsso\b", r"\bsaml\b", r"\boauth\b",
    )
)  # fmt: skip
WORD_RE = re.compile(r"[^\W\d_]+")
NON_LATIN_RE = re.compile(r"[^\W\d_\x00-\u024f]")  # a letter beyond Latin Extended-B
# A run of marks counts once. Each expression starts with its literal mark, which Python's
# engine finds fast (a character class in front costs ten times as much on a long ticket).
QUESTION_RE = re.compile(r"\?(?!\?)")
EXCLAMATION_RE = re.compile(r"!(?!!)")

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
WORD_LANGUAGE: dict[str, str] = {
    word: lang for lang, words in FUNCTION_WORDS.items() for word in words
}  # each word belongs to one language
