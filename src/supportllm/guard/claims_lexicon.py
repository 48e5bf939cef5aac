"""Tables for the action-claim detector (claims.py): verbs, nouns, frames and cues per language.

Everything here is data. A claim is a *participle* (a verb form that says an action is done)
inside a *frame* (first-person perfect, passive, stative, subordinate "that … has been done"),
routed to an action by the *nouns* around it. Cues block a frame: negation, modals and future,
conditionals, questions. Regex fragments are matched case-insensitively on whole words.
"""

from __future__ import annotations

from typing import Final

LANGS: Final = ("en", "de", "nl")

# Verb classes: participles (and simple-past forms where they are the same word) per language.
# "generic" verbs complete whatever noun they govern ("issued a refund", "Erstattung veranlasst").
VERBS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "refund": r"refunded|reimbursed|credited\s+back|paid\s+back|repaid|reversed",
        "cancel": r"cancell?ed|voided|terminated|called\s+off",
        "end": r"ended|stopped|deactivated|discontinued|closed|unsubscribed",
        "update": r"updated|changed|modified|amended|corrected|edited|replaced|switched|moved",
        "reset": r"reset|regenerated|unlocked",
        "send": r"sent|e-?mailed|texted|resent|re-sent",
        "place": r"placed|re-?ordered|re-?shipped|booked|created",
        "credit": r"applied|added|granted|given|waived|credited",
        "escalate": (
            r"escalated|forwarded|passed\s+(?:it\s+|this\s+|your\s+\w+\s+)?on|notified|informed|"
            r"let\s+(?:my|our|the)\s+\w+(?:\s+\w+)?\s+know|alerted|flagged|contacted|raised"
        ),
        "remove": r"removed|deleted|taken\s+off",
        "upgrade": r"upgraded|downgraded|renewed|extended",
        "generic": (
            r"issued|processed|initiated|submitted|approved|arranged|put\s+through|completed|"
            r"started|triggered|executed|finali[sz]ed|done|gone\s+through|authori[sz]ed|"
            r"actioned|handled|taken\s+care\s+of|sorted(?:\s+out)?|confirmed|complete|finished"
        ),
    },
    "de": {
        "refund": (
            r"erstattet|rückerstattet|zurückerstattet|zurücküberwiesen|zurückgezahlt|"
            r"gutgeschrieben|rückvergütet|ausgezahlt|überwiesen"
        ),
        "cancel": r"storniert|annulliert|aufgehoben|zurückgenommen",
        "end": r"gekündigt|beendet|abbestellt|deaktiviert|eingestellt|abgemeldet|geschlossen",
        "update": (
            r"geändert|aktualisiert|angepasst|korrigiert|umgestellt|ersetzt|gewechselt|"
            r"abgeändert|hinterlegt|eingetragen"
        ),
        "reset": r"zurückgesetzt|neu\s+gesetzt|neu\s+vergeben|entsperrt",
        "send": r"gesendet|gesandt|geschickt|zugeschickt|zugesandt|verschickt|versendet|gemailt",
        "place": r"aufgegeben|neu\s+bestellt|nachbestellt|bestellt|angelegt|erstellt",
        "credit": r"gewährt|angewendet|angewandt|ausgestellt|hinzugefügt|erlassen|verbucht",
        "escalate": (
            r"weitergeleitet|eskaliert|informiert|benachrichtigt|verständigt|weitergegeben|"
            r"übergeben|in\s+Kenntnis\s+gesetzt"
        ),
        "remove": r"entfernt|gelöscht",
        "upgrade": r"hochgestuft|herabgestuft|upgegradet|downgegradet|verlängert|erneuert",
        "generic": (
            r"veranlasst|eingeleitet|ausgelöst|bearbeitet|durchgeführt|angewiesen|vorgenommen|"
            r"abgeschlossen|erledigt|genehmigt|freigegeben|gebucht|angestoßen|bestätigt|"
            r"in\s+die\s+Wege\s+geleitet|ausgeführt|erfolgt|gelungen"
        ),
    },
    "nl": {
        "refund": (
            r"terugbetaald|teruggestort|gerestitueerd|vergoed|gecrediteerd|"
            r"terug\s*gestort|uitbetaald|overgemaakt"
        ),
        "cancel": r"geannuleerd|ingetrokken|geschrapt",
        "end": r"opgezegd|beëindigd|stopgezet|gestopt|gedeactiveerd|afgesloten|uitgeschreven",
        "update": (
            r"gewijzigd|aangepast|bijgewerkt|veranderd|gecorrigeerd|vervangen|omgezet|"
            r"overgezet|ingevoerd"
        ),
        "reset": r"gereset|opnieuw\s+ingesteld|teruggezet|hersteld|ontgrendeld",
        "send": r"verstuurd|gestuurd|toegestuurd|opgestuurd|verzonden|gemaild|gemailed",
        "place": r"geplaatst|besteld|nabesteld|aangemaakt|aangelegd",
        "credit": r"toegepast|toegekend|gegeven|toegevoegd|kwijtgescholden|uitgegeven",
        "escalate": (
            r"doorgestuurd|doorgezet|geëscaleerd|geïnformeerd|ingelicht|op\s+de\s+hoogte\s+gebracht|"
            r"doorgegeven|overgedragen"
        ),
        "remove": r"verwijderd|gewist",
        "upgrade": r"geüpgraded|geüpgradet|gedowngraded|gedowngradet|verlengd|vernieuwd",
        "generic": (
            r"verwerkt|uitgevoerd|in\s+gang\s+gezet|aangevraagd|ingediend|voltooid|afgerond|"
            r"geregeld|goedgekeurd|gestart|geboekt|afgehandeld|bevestigd|ingezet|geïnitieerd|gelukt"
        ),
    },
}

# Object nouns per language. A participle is routed to an action by the nouns near it.
NOUNS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "refund": r"refunds?|reimbursements?|money\s+back|chargebacks?|repayments?",
        "subscription": r"subscriptions?|memberships?|renewals?|auto-?renewal|service\s+plan",
        "plan": r"plans?|tiers?|packages?|upgrade|downgrade",
        "order": (
            r"orders?|purchases?|bookings?|shipments?|deliver(?:y|ies)|items?|package|"
            r"replacements?"
        ),
        "address": r"(?:shipping\s+|billing\s+|delivery\s+|street\s+)?address(?:es)?",
        "password": r"passwords?|pins?|passcodes?|2fa|two-factor|login\s+details|credentials",
        "account": (
            r"accounts?|profiles?|(?:phone|mobile)\s+numbers?|e-?mail\s+address|names?|"
            r"payment\s+(?:method|details|card)|card\s+details|details|information|everything"
        ),
        "link": r"links?|e-?mails?|reset\s+codes?|codes?|confirmation|instructions",
        "credit": (
            r"(?:store\s+)?credits?(?!\s+cards?)|promo(?:\s+codes?)?|vouchers?|coupons?|discounts?|gift\s+cards?|"
            r"compensation|goodwill|fees?|charges?"
        ),
        "team": (
            r"managers?|supervisors?|team|department|specialists?|colleagues?|billing|"
            r"escalations?|tickets?|cases?|complaints?"
        ),
        "cancellation": r"cancellations?|terminations?",
        "service": r"services?|add-?ons?|features?",
    },
    "de": {
        "refund": (
            r"(?:Rück)?erstattung(?:en)?|Rückzahlung(?:en)?|Gutschrift(?:en)?|Geld|Betrag|"
            r"Rückbuchung"
        ),
        "subscription": r"Abo(?:s|nnements?)?|Mitgliedschaft(?:en)?|Vertr(?:a|ä)ge?s?|Verlängerung",
        "plan": r"Tarifs?|Pakets?|Plans?|Upgrade|Downgrade",
        "order": (
            r"Bestellung(?:en)?|Auftr(?:a|ä)ge?s?|Lieferung(?:en)?|Sendung(?:en)?|Artikel|Kauf|"
            r"Ersatz(?:lieferung)?"
        ),
        "address": (
            r"(?:Liefer|Rechnungs|Versand)?[Aa]dressen?|(?:Liefer|Rechnungs|Versand)?anschrift"
        ),
        "password": (
            r"Passw(?:o|ö)rt(?:er)?|Kennw(?:o|ö)rt(?:er)?|PIN|Zugangsdaten|2FA|Zwei-Faktor"
        ),
        "account": (
            r"Kont(?:o|en)|Kundenkonto|Profil|Telefonnummer|Handynummer|E-Mail-Adresse|Namen?|"
            r"Zahlungs(?:art|methode|daten|mittel)|Daten|Angaben|alles"
        ),
        "link": r"Links?|E-Mails?|Codes?|Bestätigung|Anleitung",
        "credit": (
            r"Guthaben|Gutscheine?|Rabatt(?:code)?|Aktionscode|Gebühr(?:en)?|Entschädigung|Kulanz"
        ),
        "team": (
            r"Vorgesetzte[nr]?|Manager(?:in)?|Team|Abteilung|Fachabteilung|Kolleg(?:e|in|en)|"
            r"Ticket|Fall|Beschwerde"
        ),
        "cancellation": r"Stornierung(?:en)?|Storno|Kündigung(?:en)?",
        "service": r"Dienst(?:e|leistung)?|Zusatzleistung|Option",
    },
    "nl": {
        "refund": r"terugbetaling(?:en)?|restitutie|geld|bedrag|creditering",
        "subscription": r"abonnement(?:en)?|lidmaatschap(?:pen)?|contract|verlenging",
        "plan": r"plan|pakket|tarief|upgrade|downgrade|bundel",
        "order": (
            r"bestelling(?:en)?|order(?:s)?|levering(?:en)?|zending(?:en)?|artikel(?:en)?|vervanging|"
            r"aankoop|pakket"
        ),
        "address": r"(?:bezorg|factuur|verzend|woon)?adres(?:sen)?",
        "password": r"wachtwoord(?:en)?|pincode|inloggegevens|2FA|tweestapsverificatie",
        "account": (
            r"account|profiel|telefoonnummer|mobiele\s+nummer|e-?mailadres|naam|"
            r"betaal(?:methode|gegevens|wijze)|gegevens|alles"
        ),
        "link": r"link|e-?mail|mail|code|bevestiging|instructies",
        "credit": r"tegoed|voucher|kortingscode|korting|cadeaubon|kosten|compensatie|coulance",
        "team": r"manager|leidinggevende|team|afdeling|collega(?:'s)?|ticket|klacht",
        "cancellation": r"annulering(?:en)?|opzegging(?:en)?",
        "service": r"dienst(?:en)?|optie|extra\s+service",
    },
}

# (verb class, noun classes that must be present, action). The first route whose nouns are
# present wins; nouns nearest the participle are tried first (see claims.py).
ROUTES: Final[tuple[tuple[str, tuple[str, ...], str], ...]] = (
    ("refund", (), "refund"),
    ("cancel", ("subscription",), "cancel_subscription"),
    ("cancel", ("plan",), "cancel_subscription"),
    ("cancel", ("order",), "cancel_order"),
    ("cancel", ("refund",), "cancel_order"),
    ("cancel", (), "cancel_order"),
    ("end", ("subscription",), "cancel_subscription"),
    ("end", ("plan",), "cancel_subscription"),
    ("end", ("account",), "update_account"),
    ("update", ("address",), "update_address"),
    ("update", ("password",), "reset_password"),
    ("update", ("plan",), "change_plan"),
    ("update", ("subscription",), "change_plan"),
    ("update", ("order",), "update_order"),
    ("update", ("account",), "update_account"),
    ("reset", ("password",), "reset_password"),
    ("reset", ("account",), "reset_password"),
    ("reset", (), "reset_password"),
    ("send", ("refund",), "refund"),
    ("send", ("link",), "send_link"),
    ("send", ("password",), "reset_password"),
    ("send", ("credit",), "issue_credit"),
    ("place", ("order",), "place_order"),
    ("place", ("refund",), "refund"),
    ("place", ("credit",), "issue_credit"),
    ("credit", ("refund",), "refund"),
    ("credit", ("credit",), "issue_credit"),
    ("credit", ("account",), "issue_credit"),
    ("escalate", ("team",), "escalate"),
    ("remove", ("service",), "update_account"),
    ("remove", ("order",), "update_order"),
    ("remove", ("credit",), "issue_credit"),
    ("upgrade", ("order",), "update_order"),
    ("upgrade", ("subscription",), "change_plan"),
    ("upgrade", ("plan",), "change_plan"),
    ("upgrade", ("account",), "change_plan"),
    ("generic", ("refund",), "refund"),
    ("generic", ("cancellation", "subscription"), "cancel_subscription"),
    ("generic", ("cancellation",), "cancel_order"),
    ("generic", ("credit",), "issue_credit"),
    ("generic", ("password",), "reset_password"),
    ("generic", ("address",), "update_address"),
    ("generic", ("plan",), "change_plan"),
    ("generic", ("team",), "escalate"),
)

# A claim routed by this (verb class, nouns) may also be backed by these actions ("credited $10 to
# your account" is a refund or a credit).
ROUTE_ALTERNATIVES: Final[dict[tuple[str, tuple[str, ...]], tuple[str, ...]]] = {
    ("credit", ("account",)): ("refund",),
}

# A claim routed without any noun may stand for any of these actions (e.g. "I've cancelled it").
UNSPECIFIC: Final[dict[str, tuple[str, ...]]] = {
    "cancel_order": ("cancel_order", "cancel_subscription"),
    "reset_password": ("reset_password",),
}

# Adverbs allowed between an English auxiliary and its participle ("I've just gone ahead and …").
EN_ADV: Final = (
    r"(?:just|already|now|also|successfully|fully|partially|completely|manually|personally|"
    r"immediately|finally|indeed|actually|since|both|all|quickly|gone\s+ahead\s+and|"
    r"went\s+ahead\s+and|\w+ly)"
)
_A = rf"(?:\s+{EN_ADV})*"
# The gap allowed in verb-final clauses between the auxiliary and the participle (no clause
# punctuation; the sentence is already split, so a "." here is an abbreviation or a decimal).
_GAP = r"(?:\s(?:[^,;:!?()\n]|(?<=\d),(?=[\d-])){0,120}?)?"

# Frames: (kind, before, after). "before" must match the text ending right before the
# participle ("$"-anchored), "after" the text right after it; either may be empty.
# Kinds: active (a subject did it: ignored when that subject is the customer), passive,
# present (is/are: also needs a definite subject, and no "within 5 days"-style generic cue),
# sub (verb-final subordinate clause), coord (continues an earlier claim: "… and refunded").
FRAMES: Final[dict[str, tuple[tuple[str, str, str], ...]]] = {
    "en": (
        ("active", rf"\b(?:i|we)(?:\s*['’]ve|\s*['’]d|\s+have|\s+had)?{_A}\s+$", ""),
        ("active", rf"\b(?:has|have|had){_A}\s+$", ""),
        ("passive", rf"(?:\b(?:has|have|had)|['’]s){_A}\s+been{_A}\s+$", ""),
        ("passive", rf"\b(?:was|were|got|gotten){_A}\s+(?:being\s+)?$", ""),
        ("present", rf"(?:\b(?:is|are)|['’]s|['’]re){_A}\s+$", ""),
        ("coord", rf"(?:\band|&|,){_A}\s+(?:have\s+|has\s+been\s+|been\s+)?$", ""),
    ),
    "de": (
        ("active", rf"\b(?:ich|wir)\s+(?:habe|haben|hab|hatte|hatten)\b{_GAP}\s+$", ""),
        ("active", rf"\b(?:habe|haben|hab|hatte|hatten)\s+(?:ich|wir)\b{_GAP}\s+$", ""),
        ("active", rf"\b(?:hat|haben)\b{_GAP}\s+$", ""),
        ("passive", rf"\b(?:wurde|wurden|war|waren)\b{_GAP}\s+$", ""),
        ("present", rf"\b(?:ist|sind)\b{_GAP}\s+$", ""),
        ("sub", "", r"\s+(?:worden\s+)?(?:haben|habe|hat|hatte|hatten|ist|sind|wurde|wurden)\b"),
    ),
    "nl": (
        ("active", rf"\b(?:ik|we|wij)\s+(?:heb|hebben|had|hadden)\b{_GAP}\s+$", ""),
        ("active", rf"\b(?:heb|hebben|had|hadden)\s+(?:ik|we|wij)\b{_GAP}\s+$", ""),
        ("active", rf"\b(?:heeft|hebben)\b{_GAP}\s+$", ""),
        ("passive", rf"\b(?:werd|werden|was|waren)\b{_GAP}\s+$", ""),
        ("present", rf"\b(?:is|zijn)\b{_GAP}\s+$", ""),
        ("sub", "", r"\s+(?:is|zijn|werd|werden|heb|hebben|heeft)\b"),
    ),
}

# Base forms (infinitives) per verb class, for "able" frames ("I was able to cancel", "I managed
# to refund", "ich konnte … stornieren", "het is gelukt om … te annuleren") and for reading the
# customer's request behind a bare "Done." (see COMPLETION).
BASE_VERBS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "refund": r"refund|reimburse|repay|reverse|pay\s+back",
        "cancel": r"cancel|void|terminate|call\s+off",
        "end": r"end|stop|deactivate|discontinue|close|unsubscribe",
        "update": r"update|change|modify|amend|correct|edit|replace|switch|move",
        "reset": r"reset|regenerate|unlock",
        "send": r"send|e-?mail|text|resend|re-send",
        "place": r"place|re-?order|re-?ship|book|create",
        "credit": r"apply|add|grant|give|waive|credit",
        "escalate": r"escalate|forward|notify|inform|alert|flag|contact|raise",
        "remove": r"remove|delete|take\s+off",
        "upgrade": r"upgrade|downgrade|renew|extend",
        "generic": (
            r"issue|process|initiate|submit|approve|arrange|put\s+through|complete|trigger|"
            r"execute|finali[sz]e|authori[sz]e|sort\s+out|take\s+care\s+of"
        ),
    },
    "de": {
        "refund": (
            r"erstatten|rückerstatten|zurückerstatten|zurücküberweisen|zurückzahlen|"
            r"gutschreiben|auszahlen|überweisen"
        ),
        "cancel": r"stornieren|annullieren|aufheben|zurücknehmen",
        "end": r"kündigen|beenden|abbestellen|deaktivieren|einstellen|abmelden|schließen",
        "update": (
            r"ändern|aktualisieren|anpassen|korrigieren|umstellen|ersetzen|wechseln|"
            r"abändern|hinterlegen|eintragen"
        ),
        "reset": r"zurücksetzen|entsperren",
        "send": r"senden|schicken|zuschicken|zusenden|verschicken|versenden|mailen",
        "place": r"aufgeben|nachbestellen|bestellen|anlegen|erstellen",
        "credit": r"gewähren|anwenden|ausstellen|hinzufügen|erlassen|verbuchen",
        "escalate": r"weiterleiten|eskalieren|informieren|benachrichtigen|weitergeben|übergeben",
        "remove": r"entfernen|löschen",
        "upgrade": r"hochstufen|herabstufen|upgraden|downgraden|verlängern|erneuern",
        "generic": (
            r"veranlassen|einleiten|auslösen|bearbeiten|durchführen|anweisen|vornehmen|"
            r"abschließen|erledigen|genehmigen|freigeben|buchen|anstoßen|ausführen"
        ),
    },
    "nl": {
        "refund": (
            r"terugbetalen|terug\s+te\s+betalen|terugstorten|terug\s+te\s+storten|vergoeden|"
            r"crediteren|uitbetalen|uit\s+te\s+betalen|overmaken|over\s+te\s+maken"
        ),
        "cancel": r"annuleren|intrekken|in\s+te\s+trekken|schrappen",
        "end": (
            r"opzeggen|op\s+te\s+zeggen|beëindigen|stopzetten|stop\s+te\s+zetten|stoppen|"
            r"deactiveren|afsluiten|af\s+te\s+sluiten|uitschrijven|uit\s+te\s+schrijven"
        ),
        "update": (
            r"wijzigen|aanpassen|aan\s+te\s+passen|bijwerken|bij\s+te\s+werken|veranderen|"
            r"corrigeren|vervangen|omzetten|om\s+te\s+zetten"
        ),
        "reset": r"resetten|opnieuw\s+instellen|terugzetten|terug\s+te\s+zetten|ontgrendelen",
        "send": r"versturen|sturen|toesturen|opsturen|op\s+te\s+sturen|verzenden|mailen",
        "place": r"plaatsen|bestellen|nabestellen|aanmaken|aan\s+te\s+maken",
        "credit": r"toepassen|toe\s+te\s+passen|toekennen|toe\s+te\s+kennen|geven|toevoegen",
        "escalate": r"doorsturen|door\s+te\s+sturen|escaleren|doorgeven|door\s+te\s+geven",
        "remove": r"verwijderen|wissen",
        "upgrade": r"upgraden|downgraden|verlengen|vernieuwen",
        "generic": (
            r"verwerken|uitvoeren|uit\s+te\s+voeren|regelen|afronden|af\s+te\s+ronden|"
            r"goedkeuren|goed\s+te\s+keuren|boeken|afhandelen|af\s+te\s+handelen"
        ),
    },
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
        rf"(?:got|gotten|had|get|have)\s+(?:the|your|this|that|it|them|those|these|an?)\b"
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
    "en": r"and|&|successfully|for\s+you|as\s+requested|just\s+now|today|now|done|complete",
    "de": r"und|erfolgreich|wie\s+gewünscht|soeben|heute|erledigt",
    "nl": r"en|succesvol|zoals\s+gevraagd|zojuist|vandaag|klaar|gedaan",
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
        r"(?:klaar|gedaan|geregeld|gelukt|afgehandeld|in\s+orde)(?:\s+(?:voor\s+u))?"
    ),
}

# After the participle: an infinitive passive or a modal means "can/will be done", not done.
NOT_DONE_AFTER: Final[dict[str, str]] = {
    "en": r"\s+(?:soon|shortly|later|tomorrow)\b",
    "de": r"\s+(?:werden|zu|lassen|kann|können|wird|würde|sein|wäre)\b",
    "nl": r"\s+(?:worden|te|kan|kunnen|zal|zullen|moet|moeten|zijn|wordt)\b",
}

# Stand-alone phrases that report a completed action of the noun they follow ("your refund
# went through", "is on its way"): treated as a participle of the "generic" class.
STATES: Final[dict[str, str]] = {
    "en": (
        r"went\s+through|(?:is|are)\s+on\s+(?:its|their|the)\s+way|"
        r"(?:is|are|['’]s|['’]re)\s+now\s+on\s+(?:the|a|an|your)(?:\s+[\w-]+){0,2}?\s+"
        r"(?:plan|tier|package|membership)"
    ),
    "de": r"ist\s+unterwegs|ist\s+auf\s+dem\s+Weg",
    "nl": r"is\s+onderweg",
}

# "present" frames need a definite subject in English ("your refund is processed", not
# "refunds are processed within 5 days")...
EN_DEFINITE: Final = r"your|you|it|this|that|the|everything|all|now|already|successfully|fully"
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
        r"will|['’]ll|would|['’]d\s+like|could|should|can|may|might|must|shall|going\s+to|"
        r"want(?:s)?\s+(?:me\s+)?to|like\s+(?:me\s+)?to|need(?:s)?\s+to|have\s+to|has\s+to|"
        r"not|n['’]t|never|no|nothing|nobody|no\s+one|none|neither|yet\s+to|unable|"
        r"hope|hopefully|expect|make\s+sure|ensure|try|trying|let\s+me\s+know|"
        r"ask|asked|wondering|confirm\s+whether|"
        # what the customer (or someone else) believes or reports is not the agent's claim
        rf"{REPORTED}"
    ),
    "de": (
        r"wenn|falls|sobald|sofern|nachdem|bevor|ob|"
        r"werde|werden|wird|würde|würden|kann|können|könnte|könnten|soll|sollen|sollte|"
        r"sollten|muss|müssen|möchte|möchten|darf|dürfen|will|wollen|"
        r"nicht|kein|keine|keinen|keinem|keiner|nie|niemals|nichts|niemand|noch\s+nicht|"
        r"hoffe|hoffentlich|prüfe|prüfen|bitte|versuche|versuchen"
    ),
    "nl": (
        r"als|zodra|wanneer|indien|voordat|nadat|totdat|tenzij|of|"
        r"zal|zullen|zou|zouden|kan|kunnen|kon|konden|moet|moeten|wil|wilt|willen|mag|mogen|"
        r"gaan|ga|gaat|niet|geen|nooit|niets|niemand|nog\s+niet|"
        r"hoop|hopelijk|controleer|controleren|graag|probeer|proberen"
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
    "de": r"sobald|wenn|falls|sofern|nachdem",
    "nl": r"zodra|als|wanneer|indien|mits|nadat",
}

# Subjects that make an active frame the customer's own action ("you have cancelled it").
CUSTOMER_SUBJECT: Final[dict[str, str]] = {
    "en": r"you|they|who",
    "de": r"sie|du|ihr",
    "nl": r"u|je|jij|jullie|ze|zij",
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
ACTION_GRANTS: Final[dict[str, tuple[str, ...]]] = {
    "update_account": ("update_account", "update_address", "change_plan", "cancel_subscription"),
    "update_order": ("update_order", "update_address", "cancel_order", "issue_credit"),
    "change_plan": ("change_plan",),
    "cancel_subscription": ("cancel_subscription",),
}

# Tool names not in the configured map: the first keyword set contained in the name decides.
TOOL_KEYWORDS: Final[tuple[tuple[tuple[str, ...], str], ...]] = (
    (("refund",), "refund"),
    (("reimburs",), "refund"),
    (("cancel", "subscription"), "cancel_subscription"),
    (("cancel", "membership"), "cancel_subscription"),
    (("unsubscribe",), "cancel_subscription"),
    (("cancel",), "cancel_order"),
    (("address",), "update_address"),
    (("password",), "reset_password"),
    (("plan",), "change_plan"),
    (("escalat",), "escalate"),
    (("handoff",), "escalate"),
    (("credit",), "issue_credit"),
    (("coupon",), "issue_credit"),
    (("voucher",), "issue_credit"),
    (("promo",), "issue_credit"),
    (("update", "order"), "update_order"),
    (("update", "account"), "update_account"),
)
