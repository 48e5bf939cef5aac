"""Frames and cues for the action-claim detector (claims.py): the contexts in which a verb
form claims a completed action (perfect, passive, stative, subordinate, "able", causative,
telegraphic, a bare "Done."), and what blocks them (negation, modals and future,
conditionals, questions, reported speech), with the sentence splitter's word lists.

Everything here is data; the words themselves (verbs, nouns, routes) are in claims_lexicon.py.
Regex fragments are matched case-insensitively on whole words.
"""

from __future__ import annotations

from typing import Final

# Adverbs allowed between an English auxiliary and its participle ("I've just gone ahead and …").
EN_ADV: Final = (
    r"(?:just|already|now|also|successfully|fully|partially|completely|manually|personally|"
    r"immediately|finally|indeed|actually|since|both|all|quickly|gone\s+ahead\s+and|"
    r"went\s+ahead\s+and|\w+ly)"
)
_A = rf"(?:\s+{EN_ADV})*"
# The gap allowed in verb-final clauses between the auxiliary and the participle (no clause
# punctuation; the sentence is already split, so a "." here is an abbreviation or a decimal).
_GAP = r"(?:\s(?:[^,;:!?()\n]|(?<=\d),\s?(?=[\d-])){0,120}?)?"

# Frames: (kind, before, after). "before" must match the text ending right before the
# participle ("$"-anchored), "after" the text right after it; either may be empty.
# Kinds: active (a subject did it: ignored when that subject is the customer), passive,
# present (is/are: also needs a definite subject, and no "within 5 days"-style generic cue),
# sub (verb-final subordinate clause), coord (continues an earlier claim: "… and refunded").
FRAMES: Final[dict[str, tuple[tuple[str, str, str], ...]]] = {
    "en": (
        ("active", rf"\b(?:i|we)(?:\s*['’]ve|\s*['’]d|\s+have|\s+had)?{_A}\s+$", ""),
        ("active", rf"(?:\b(?:has|have|had)|['’]ve){_A}\s+$", ""),
        ("passive", rf"(?:\b(?:has|have|had)|['’]s|['’]ve){_A}\s+been{_A}\s+$", ""),
        ("passive", rf"\b(?:was|were|got|gotten){_A}\s+(?:being\s+)?$", ""),
        ("present", rf"(?:\b(?:is|are)|['’]s|['’]re){_A}\s+$", ""),
        ("coord", rf"(?:\band|&|,){_A}\s+(?:have\s+|has\s+been\s+|been\s+)?$", ""),
        # performative: "Consider your subscription cancelled", "… marked as refunded"
        (
            "as",
            r"\bconsider\s+(?:(?:it|this|that|them)\s+|(?:your|the|this|that|order|#)\W*"
            r"(?:[\w-]+\s+){1,3}?)(?:as\s+)?$",
            "",
        ),
        ("as", r"\bas\s+$", ""),
    ),
    "de": (
        ("active", rf"\b(?:ich|wir)\s+(?:habe|haben|hab|hatte|hatten)\b{_GAP}\s+$", ""),
        ("active", rf"\b(?:habe|haben|hab|hatte|hatten)\s+(?:ich|wir)\b{_GAP}\s+$", ""),
        ("active", rf"\b(?:hat|haben)\b{_GAP}\s+$", ""),
        ("passive", rf"\b(?:wurde|wurden|war|waren)\b{_GAP}\s+$", ""),
        ("present", rf"\b(?:ist|sind)\b{_GAP}\s+$", ""),
        ("sub", "", r"\s+(?:worden\s+)?(?:haben|habe|hat|hatte|hatten|ist|sind|wurde|wurden)\b"),
        # "Betrachten Sie die Bestellung als storniert", "gilt als gekündigt"
        ("as", r"\bals\s+$", ""),
    ),
    "nl": (
        ("active", rf"\b(?:ik|we|wij)\s+(?:heb|hebben|had|hadden)\b{_GAP}\s+$", ""),
        ("active", rf"\b(?:heb|hebben|had|hadden)\s+(?:ik|we|wij)\b{_GAP}\s+$", ""),
        ("active", rf"\b(?:heeft|hebben)\b{_GAP}\s+$", ""),
        ("passive", rf"\b(?:werd|werden|was|waren)\b{_GAP}\s+$", ""),
        ("present", rf"\b(?:is|zijn|bent|ben)\b{_GAP}\s+$", ""),
        ("sub", "", r"\s+(?:is|zijn|werd|werden|heb|hebben|heeft)\b"),
        # "Beschouw uw bestelling als geannuleerd", "geldt als opgezegd"
        ("as", r"\bals\s+$", ""),
    ),
}

# "Able" frames: text ending right before a base form that says the speaker succeeded in doing
# it. Negation, modals and conditionals in the clause still block them (BLOCK_BEFORE).
ABLE_FRAMES: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        rf"\b(?:i|we)(?:\s+(?:was|were)|\s*['’]ve\s+been|\s+have\s+been|\s+had\s+been){_A}"
        rf"\s+able\s+to{_A}\s+$",
        rf"\b(?:i|we)(?:\s*['’]ve|\s+have|\s+had)?{_A}\s+managed"
        rf"\s+to{_A}\s+$",
    ),
    "de": (
        rf"\b(?:ich|wir)\s+(?:konnte|konnten)\b{_GAP}\s+$",
        rf"\b(?:konnte|konnten)\s+(?:ich|wir)\b{_GAP}\s+$",
        rf"\bgelungen\b{_GAP}\s+zu\s+$",
    ),
    "nl": (
        rf"\b(?:ik|we|wij)\s+(?:kon|konden)\b{_GAP}\s+$",
        rf"\b(?:kon|konden)\s+(?:ik|we|wij)\b{_GAP}\s+$",
        rf"\bgelukt\s+om\b{_GAP}\s+(?:te\s+)?$",
    ),
}

# Causative frames before a participle: the speaker had it done ("I got your order cancelled",
# "I've had the refund processed", "we have your address updated").
CAUSE_FRAMES: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        rf"\b(?:i|we)(?:\s*['’]ve|\s+have|\s+had)?{_A}\s+(?:managed\s+to\s+|was\s+able\s+to\s+)?"
        rf"(?:got|gotten|had|get|have)\s+(?:the|your|this|that|it|them|those|these|an?|another)\b"
        r"[^,;:!?]{0,50}?\s+$",
    ),
    "de": (),
    "nl": (),
}

# Telegraphic claims: a short noun phrase and a participle, nothing else in the clause
# ("Refund processed.", "Order A-1001 cancelled!", "Bestellung storniert.", "Adres gewijzigd.").
# The words before the participle may only be these determiners, object nouns, ids and amounts.
BARE_DETERMINERS: Final[dict[str, str]] = {
    "en": r"your|the|this|that|my|our|ok(?:ay)?|sure|great|good\s+news|done|all\s+set|all",
    "de": r"ihr|ihre|ihren|die|der|das|den|alles\s+klar|ok(?:ay)?|gut|erledigt",
    "nl": r"uw|je|de|het|ok(?:é)?|prima|goed|geregeld|klaar",
}
# ... and "Just refunded it": a participle opening the sentence, followed by an object.
BARE_LEAD: Final[dict[str, str]] = {
    "en": r"(?:just|now|already|also|successfully)",
    "de": r"(?:soeben|gerade|eben|bereits|schon)",
    "nl": r"(?:zojuist|net|al|inmiddels)",
}
BARE_OBJECT_AFTER: Final[dict[str, str]] = {
    "en": r"\s+(?:it|that|this|them|your|the|you|[€$£]|\d)",
    "de": r"\s+(?:Ihre?n?|die|den|das|Ihnen|[€$£]|\d)",
    "nl": r"\s+(?:uw|je|de|het|[€$£]|\d)",
}

# ... or ends its clause ("Refund processed.", "Order cancelled successfully").
BARE_END: Final[dict[str, str]] = {
    "en": (
        r"and|&|successfully|for\s+you|as\s+requested|just\s+now|today|now|done|complete|"
        r"as\s+of|effective|from\s+today|(?:for|on)\s+(?=order|#|your|the|[\w-]*\d)"
    ),
    "de": (
        r"und|erfolgreich|wie\s+gewünscht|soeben|heute|erledigt|ab|zum|"
        r"(?:für|bei)\s+(?=Bestellung|Auftrag|#|Ihre?|die|den|das|[\w-]*\d)"
    ),
    "nl": (
        r"en|succesvol|zoals\s+gevraagd|zojuist|vandaag|klaar|gedaan|per|vanaf|"
        r"(?:voor|van|bij)\s+(?=bestelling|order|#|uw|je|de|het|[\w-]*\d)"
    ),
}

# A sentence that only reports completion ("Done!", "All set.", "Erledigt.", "Geregeld!") claims
# the action the customer asked for in their last message (read with BASE_VERBS and NOUNS).
COMPLETION: Final[dict[str, str]] = {
    "en": (
        r"(?:(?:ok(?:ay)?|sure|great|alright|perfect|right|yes)\W+)?"
        r"(?:(?:it['’]?s|that['’]?s|this\s+is|all)\s+)?"
        r"(?:done|all\s+set|set|sorted|taken\s+care\s+of|finished|complete|consider\s+it\s+done)"
        r"(?:\s+(?:for\s+you|now|already))?"
    ),
    "de": (
        r"(?:(?:ok(?:ay)?|gut|alles\s+klar|ja)\W+)?(?:(?:das\s+)?ist\s+|alles\s+)?"
        r"(?:erledigt|gemacht|geschafft|fertig)(?:\s+(?:für\s+Sie))?"
    ),
    "nl": (
        r"(?:(?:ok(?:é)?|prima|goed|ja)\W+)?(?:(?:het\s+)?is\s+|alles\s+)?"
        r"(?:klaar|gedaan|geregeld|gelukt|afgehandeld|in\s+orde|gebeurd)(?:\s+(?:voor\s+u))?"
    ),
}

# After the participle: an infinitive passive or a modal means "can/will be done", not done.
NOT_DONE_AFTER: Final[dict[str, str]] = {
    "en": r"\s+(?:soon|shortly|later|tomorrow)\b",
    "de": (
        r"\s+(?:werden|zu(?!\s+(?:Ihnen|dir|euch|uns|Ihrer|Ihrem|Ihren))|lassen|kann|können|"
        r"wird|würde|sein|wäre|sich)\b"
    ),
    "nl": r"\s+(?:worden|te|kan|kunnen|zal|zullen|moet|moeten|zijn|wordt|zich)\b",
}

# Stand-alone phrases that report a completed action of the noun they follow ("your refund
# went through", "is on its way"): treated as a participle of the "generic" class.
STATES: Final[dict[str, str]] = {
    "en": (
        r"went\s+through|went\s+out|(?:has|have)\s+gone\s+out|left\s+(?:our|the)\s+warehouse|"
        r"(?:is|are|['’]s|['’]re)\s+now\s+on\s+(?:the|a|an|your)(?:\s+[\w-]+){0,2}?\s+"
        r"(?:plan|tier|package|membership)"
    ),
    "de": r"(?!x)x",
    "nl": r"(?!x)x",
}
# Non-existence ("Order 77 no longer exists", "Das Abo gibt es nicht mehr", "Bestelling 12 bestaat
# niet meer", "abo staat stop"): states of the "gone" class, routed by the noun they describe
# (order, subscription, plan, the account as a whole; never a card or an address).
GONE: Final[dict[str, str]] = {
    "en": (
        r"no\s+longer\s+exists?|(?:does|do)(?:\s+not|n['’]t)\s+exist\s+any\s*more|"
        r"(?:is|are|['’]s|['’]re)\s+no\s+longer\s+(?:active|live|open|running|valid|there|"
        r"on\s+file|in\s+(?:our|the)\s+system)"
    ),
    "de": (
        r"(?:existiert|existieren)\s+(?:\w+\s+)?nicht\s+mehr|gibt\s+es\s+(?:\w+\s+)?nicht\s+mehr|"
        r"(?:ist|sind)\s+(?:\w+\s+)?nicht\s+mehr\s+(?:aktiv|gültig|vorhanden|da|im\s+System|"
        r"hinterlegt|gebucht)"
    ),
    "nl": (
        r"(?:bestaat|bestaan)\s+(?:\w+\s+)?niet\s+meer|(?:is|zijn)\s+(?:\w+\s+)?niet\s+meer\s+"
        r"(?:actief|geldig|aanwezig|beschikbaar|lopend)|(?:staat|staan|ligt|liggen)\s+(?:nu\s+)?"
        r"(?:op\s+)?stop"
    ),
}

# On its way ("A replacement is on its way", "Ein Ersatz ist bereits unterwegs", "Er is een nieuwe
# lamp naar u onderweg"): a claim only of what the agent sends (a refund, a replacement, a link),
# not of the customer's own order.
UNDERWAY_STATE: Final[dict[str, str]] = {
    "en": r"(?:is|are|['’]s|['’]re)\s+(?:(?:already|now|also|all)\s+)*on\s+(?:its|their|the)\s+way",
    "de": r"(?!x)x",
    "nl": r"(?!x)x",
}
UNDERWAY: Final[dict[str, str]] = {  # participles, inside the usual frames
    "en": r"(?!x)x",
    "de": r"unterwegs|auf\s+dem\s+(?:Weg|Postweg)|(?:raus|hinaus|heraus)gegangen",
    "nl": r"onderweg|op\s+weg",
}

# Money back where the customer has it ("the €18 is back on your card", "das Geld ist wieder auf
# Ihrem Konto", "het geld staat weer op uw rekening"): states that claim a refund.
MONEY_BACK: Final[dict[str, str]] = {
    "en": (
        r"(?:is|are|['’]s|['’]re)\s+(?:(?:already|now|all|safely)\s+)*back\s+(?:on|in|with|to)\s+"
        r"(?:your|you)"
    ),
    "de": (
        r"(?:ist|sind)\s+(?:(?:bereits|schon|jetzt|nun)\s+)*(?:wieder|zurück)\s+(?:auf|bei|in)\s+"
        r"(?:Ihre[mnr]?|deine[mnr]?)"
    ),
    "nl": (
        r"(?:staat|staan|is|zijn)\s+(?:(?:al|nu|inmiddels|reeds)\s+)*(?:weer|terug)\s+op\s+"
        r"(?:uw|je|jouw)"
    ),
}

# State descriptions that report a change ("Your address is now 9 Mill Lane", "Sie sind ab sofort
# im Premium-Tarif", "U zit vanaf nu op Plus"): a "now" next to a copula, or a "from now on"
# anywhere in a clause with a copula; routed like an "update" verb by the nouns around it.
CHANGE_NOW: Final[dict[str, str]] = {
    "en": (
        r"(?:\b(?:is|are)|['’]s|['’]re)\s+now\b|\bnow\s+(?:reads?|shows?|says|is|are|have|has)\b|"
        r"\b(?:have|has)\s+now\b(?!\s+\w+ed\b)|"
        r"\b(?:reads?|shows?)\s+now\b"
    ),
    "de": (
        r"\b(?:ist|sind|lautet|lauten|läuft|laufen|steht|stehen|haben|hat|heißt)\s+(?:\w+\s+)?"
        r"(?:jetzt|nun|nunmehr)\b|\b(?:jetzt|nun)\s+(?:ist|sind|lautet|läuft|steht|haben|hat)\b"
    ),
    "nl": (
        r"\b(?:is|zijn|zit|zitten|bent|heeft|hebt|staat|staan|luidt|loopt)\s+(?:\w+\s+)?nu\b|"
        r"\bnu\s+(?:is|zijn|zit|heeft|hebt|staat)\b"
    ),
}
# "will now be delivered on Saturday 22 March", "wird jetzt am Freitag zugestellt", "wordt nu op
# zaterdag 22 maart bezorgd": a new day for something (a claim only with a date in the clause).
CHANGE_WILL: Final[dict[str, str]] = {
    "en": r"\bwill\s+now\s+(?:be\s+)?\w+|['’]ll\s+now\s+(?:be\s+)?\w+",
    "de": r"\b(?:wird|werden)\s+(?:\w+\s+)?(?:jetzt|nun)\b",
    "nl": r"\b(?:wordt|worden)\s+(?:\w+\s+)?nu\b",
}
CHANGE_FROM: Final[dict[str, str]] = {
    "en": (
        r"\b(?:from\s+now\s+on|from\s+today|as\s+of\s+(?:today|now|this\s+moment)|"
        r"effective\s+(?:today|immediately)|starting\s+(?:today|now))\b"
    ),
    "de": (
        r"\b(?:ab\s+sofort|ab\s+(?:heute|jetzt)|seit\s+heute|mit\s+sofortiger\s+Wirkung|"
        r"ab\s+dem\s+heutigen\s+Tag)\b"
    ),
    "nl": (
        r"\b(?:vanaf\s+(?:nu|vandaag|heden)|per\s+direct|per\s+vandaag|voortaan|"
        r"met\s+ingang\s+van\s+(?:vandaag|nu)|met\s+directe\s+ingang)\b"
    ),
}
CHANGE_COPULA: Final[dict[str, str]] = {
    "en": r"\b(?:is|are|have|has)\b|['’]s\b|['’]re\b",
    "de": r"\b(?:ist|sind|läuft|laufen|haben|hat|lautet|lauten|gilt|steht|stehen)\b",
    "nl": r"\b(?:is|zijn|zit|zitten|bent|heeft|hebt|staat|staan|loopt|geldt|luidt)\b",
}
# "you are (now) on Plus", "Sie sind (ab sofort) im Premium-Tarif", "u zit (vanaf nu) op Plus": a
# plan named by a capitalised word.
_NOT_A_DAY: Final = (
    r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Jan(?:uary)?\b|Feb(?:ruary)?\b|Mar(?:ch)?\b|"
    r"Apr(?:il)?\b|May\b|June?\b|July?\b|Aug(?:ust)?\b|Sept?(?:ember)?\b|Oct(?:ober)?\b|"
    r"Nov(?:ember)?\b|Dec(?:ember)?\b)"
)
ON_PLAN: Final[dict[str, str]] = {  # a weekday or month is a date ("is now on Friday 14 March")
    "en": rf"\b(?:on|onto)\s+(?:the\s+|our\s+)?{_NOT_A_DAY}[A-Z][\w+-]*",
    "de": r"\b(?:im|auf\s+(?:dem|den)|beim|in\s+(?:dem|den))\s+[A-Z][\w+-]*",
    "nl": r"\b(?:op|in)\s+(?:het\s+|de\s+|ons\s+)?[A-Z][\w+-]*",
}

# Words that say a claim covers several objects ("both refunds"): it must be true of all the
# failed calls too.
QUANTIFIER: Final[dict[str, str]] = {
    "en": r"both|all|each|every|the\s+two",
    "de": r"beide[n]?|alle|sämtliche|jede[rsn]?",
    "nl": r"beide|allebei|alle|allemaal|elke|iedere",
}

# "present" frames need a definite subject in English ("your refund is processed", not
# "refunds are processed within 5 days")...
EN_DEFINITE: Final = (
    r"your|you|it|this|that|the|everything|all|both|each|now|already|successfully|fully|"
    r"[A-Z]{1,5}-?\d+"
)
# ... or a participle that only reports completion ("Refund's done", "Cancellation is complete").
EN_COMPLETE: Final = r"done|complete|completed|finished|through|sorted"
# ... and no cue of a general rule, in any language.
GENERIC: Final[dict[str, str]] = {
    "en": r"within|usually|normally|typically|generally|always|automatically|every|each|per|"
    r"business\s+days?|working\s+days?",
    "de": r"innerhalb|normalerweise|in\s+der\s+Regel|üblicherweise|automatisch|immer|jede[rnms]?|"
    r"Werktage?n?|Arbeitstage?n?",
    "nl": r"binnen|normaal|meestal|doorgaans|automatisch|altijd|elke|iedere|werkdagen",
}

# What the customer (or someone else) believes or reports is not the agent's claim ("you said
# your order was cancelled", "the customer believes that a service was added").
REPORTED: Final = (
    r"(?:you|they|the\s+customer|customer|he|she)(?:\s+\w+)?\s+(?:believes?|think|thinks|"
    r"thought|said|says|mentioned|claim|claims|claimed|feels?|felt|reported|suspects?|"
    r"suspected|noticed|saw|see)"
)

# Words that, inside the gap of a frame (DE/NL) or anywhere in the clause before the frame,
# mean the action is not (yet) done: negation, modals, future, conditionals, wishes.
BLOCK_BEFORE: Final[dict[str, str]] = {
    "en": (
        r"if|once|when|whenever|after|before|until|unless|as\s+soon\s+as|whether|in\s+case|"
        r"will|['’]ll|would|['’]d\s+like|could|should|can|(?-i:may)|might|must|shall|going\s+to|"
        r"want(?:s)?\s+(?:me\s+)?to|like\s+(?:me\s+)?to|need(?:s)?\s+to|have\s+to|has\s+to|"
        r"not|n['’]t|\w+n['’]t|cannot|never|no|nothing|nobody|no\s+one|none|neither|yet\s+to|unable|"
        r"hope|hopefully|expect|make\s+sure|ensure|try|trying|let\s+me\s+know|"
        r"ask|asked|wondering|confirm\s+whether|"
        # sympathy for what happened to the customer: "Sorry your 08:12 was cancelled"
        r"sorry\s+(?:to\s+hear\s+)?(?:that\s+)?(?:your|the)|"
        # an instruction to an agent: "Tell the customer that …", "Check that …"
        r"tell\s+(?:the\s+customer|them|him|her)|check\s+that|"
        # what the customer (or someone else) believes or reports is not the agent's claim
        rf"{REPORTED}"
    ),
    "de": (
        r"wenn|falls|sobald|sofern|nachdem|bevor|ob|"
        r"werde|werden|wird|würde|würden|kann|können|könnte|könnten|soll|sollen|sollte|"
        r"sollten|muss|müssen|möchte|möchten|darf|dürfen|will|wollen|"
        r"nicht|kein|keine|keinen|keinem|keiner|nie|niemals|nichts|niemand|noch\s+nicht|weder|"
        r"hoffe|hoffentlich|prüfe|prüfen|bitte|versuche|versuchen|"
        r"(?:schade|leid|ärgerlich),?\s+dass"
    ),
    "nl": (
        # ("Als compensatie is er …": "als" + one word + a verb is "as", not "if")
        r"als(?!\s+\w+\s+(?:is|zijn|heb|hebben|heeft|hebt|krijgt|krijg|staat|werd|wordt)\b)|"
        r"zodra|wanneer|indien|voordat|nadat|totdat|tenzij|of|"
        r"zal|zullen|zou|zouden|kan|kunnen|kon|konden|moet|moeten|wil|wilt|willen|mag|mogen|"
        r"gaan|ga|gaat|niet|geen|nooit|niets|niemand|nog\s+niet|noch|"
        r"hoop|hopelijk|controleer|controleren|graag|probeer|proberen|"
        r"(?:jammer|vervelend|sorry|balen),?\s+dat"
    ),
}

# Negation or a report in a main clause before "that" ("there's no record that the order was
# cancelled", "the customer believes that …"): the claim in the "that" clause is not asserted.
COMPLEMENTIZER: Final[dict[str, str]] = {"en": r"that", "de": r"dass", "nl": r"dat"}
NEGATION: Final[dict[str, str]] = {
    "en": rf"not|n['’]t|no|never|nothing|none|nobody|unsure|doubt|{REPORTED}",
    "de": r"nicht|kein\w*|nie|niemals|nichts|niemand",
    "nl": r"niet|geen|nooit|niets|niemand",
}

# Words right after the participle's clause that make it conditional ("…, once you confirm").
BLOCK_AFTER: Final[dict[str, str]] = {
    "en": r"once|if|as\s+soon\s+as|when\s+you|after\s+you|unless|provided|only\s+if",
    # "gekündigt ist nichts": the negation after a participle put first
    "de": r"sobald|wenn|falls|sofern|nachdem|"
    r"(?:ist|sind|wurde|wurden)\s+(?:(?:noch|auch|bisher)\s+)?(?:nichts|keine?[nm]?)",
    "nl": r"zodra|als|wanneer|indien|mits|nadat",
}

# Subjects that make an active frame the customer's own action ("you have cancelled it") or a
# third party's ("your bank has reversed the charge", "Ihre Bank hat … zurückgebucht").
_THIRD: Final = (
    r"bank|card\s+issuer|issuer|courier|carrier|driver|postman|PayPal|Klarna|DHL|UPS|FedEx|DPD|"
    r"GLS|Hermes|PostNL|Royal\s+Mail|Kurier|Zusteller|Paketdienst|Post|bezorger|koerier|"
    r"system|systeem|System"
)
CUSTOMER_SUBJECT: Final[dict[str, str]] = {
    "en": rf"you|they|who|{_THIRD}",
    "de": rf"sie|du|ihr|{_THIRD}",
    "nl": rf"u|je|jij|jullie|ze|zij|{_THIRD}",
}
# ... and after a passive ("reversed by your bank").
BY_THIRD: Final = (
    r"(?:\s+(?:automatically|automatisch))?\s+(?:by|von|vom|durch|door|via|über)\s+"
    rf"(?:(?:your|the|our|Ihrer|Ihre|der|die|das|unser\w*|uw|je|de|het|ons|onze)\s+)?(?:{_THIRD})\b"
)
# Who did it, at the start of the verb's clause or right after an inverted auxiliary ("haben Sie
# … gekündigt", "hat unser System … storniert", "heeft u … geannuleerd"): not the agent.
OTHER_DOER: Final[dict[str, str]] = {
    "en": rf"you|they|(?:your|the|our)\s+(?:{_THIRD})",
    "de": rf"Sie|du|(?:Ihre?|die|der|das|unser\w*)\s+(?:{_THIRD})",
    "nl": rf"u|je|jij|jullie|ze|zij|(?:uw|je|de|het|ons|onze)\s+(?:{_THIRD})",
}
INVERTED_AUX: Final[dict[str, str]] = {
    "en": r"(?!x)x",
    "de": r"hat|haben|hatte|hatten",
    "nl": r"heeft|hebben|hebt|had|hadden",
}

# Words that start a yes/no or wh-question; a sentence ending in "?" that starts with one is a
# question as a whole.
QUESTION_START: Final[dict[str, str]] = {
    "en": r"would|could|can|shall|should|do|does|did|have|has|had|is|are|was|were|will|may|"
    r"might|what|when|where|why|how|which|who|shall|want",
    "de": r"soll|sollen|möchten|möchtest|kann|können|könnten|haben|hat|habe|ist|sind|wurde|"
    r"wurden|wollen|darf|dürfen|wie|was|wann|wo|warum|welche[rsn]?|wünschen",
    "nl": r"zal|zullen|kan|kunnen|wilt|wil|heeft|hebt|heb|is|zijn|werd|mag|moet|wat|wanneer|"
    r"waar|waarom|hoe|welke|zou|zouden",
}

# Clause boundaries for the "before" check: punctuation plus these words.
CLAUSE_WORDS: Final[dict[str, str]] = {
    "en": r"that|and|but|so|because|however|although|though|while|confirm|note",
    "de": r"dass|und|aber|sondern|denn|jedoch|doch|weil|da",
    "nl": r"dat|en|maar|want|omdat|echter|doch|terwijl",
}

# Frequent function words to guess the language of a reply when none is given.
STOPWORDS: Final[dict[str, frozenset[str]]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "you",
            "your",
            "i",
            "we",
            "have",
            "has",
            "been",
            "is",
            "are",
            "was",
            "to",
            "of",
            "for",
            "it",
            "this",
            "that",
            "with",
            "will",
            "can",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ich",
            "wir",
            "ihr",
            "ihre",
            "ihnen",
            "sie",
            "habe",
            "haben",
            "wurde",
            "ist",
            "nicht",
            "mit",
            "für",
            "zu",
            "den",
            "dem",
            "ein",
            "eine",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "en",
            "ik",
            "we",
            "wij",
            "uw",
            "u",
            "je",
            "heb",
            "hebben",
            "is",
            "werd",
            "niet",
            "met",
            "voor",
            "te",
            "van",
            "een",
            "dat",
            "om",
        ]
    ),
}

# Sentence splitting: abbreviations that do not end a sentence.
ABBREVIATIONS: Final = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nr",
        "approx",
        "incl",
        "excl",
        "z.b",
        "u.a",
        "d.h",
        "bzw",
        "ca",
        "evtl",
        "ggf",
        "inkl",
        "zzgl",
        "nr",
        "str",
        "bijv",
        "o.a",
        "d.w.z",
        "m.b.t",
        "t.a.v",
        "vgl",
        "ca.",
    ]
)

# A tool's action grants these claim actions too (ABCD's broad "update-account" / "update-order").


# A verb form used as a noun modifier is no claim ("a password reset request", "the refund
# form"; German and Dutch write most such compounds as one word): the heads of such compounds.
NOUN_MODIFIER_HEADS: Final = (
    r"requests?|links?|e-?mails?|forms?|pages?|codes?|tokens?|instructions?|process(?:es)?|"
    r"options?|buttons?|steps?|policy|policies|status|tickets?|numbers?|window|deadline|"
    r"anfrage|antrag|link|formular|seite|vorgang|aanvraag|formulier|pagina|verzoek"
)
