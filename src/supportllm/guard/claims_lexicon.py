"""Words for the action-claim detector (claims.py): verbs, nouns, routes, base forms and the
tools that grant each action, per language (frames and cues: claims_frames.py).

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
        "refund": (
            r"refunded|reimbursed|credited\s+back|paid\s+back|repaid|reversed|charged\s+back|"
            r"(?:returned|put|given|transferred|moved|sent|paid|credited)\s+"
            r"(?:[\w€$£.,-]+\s+){0,5}?back(?=\s+(?:on|in|to|into|onto)\b|\s*[.!,;]|\s*$)"
        ),
        "received": r"(?:got(?:ten)?|had|received)\s+(?:[\w€$£.,-]+\s+){0,5}?back",
        "return": r"returned",
        "cancel": r"cancell?ed|voided|terminated|called\s+off|undone|rolled\s+back",
        "end": (
            r"ended|stopped|deactivated|discontinued|closed|inactive|"
            r"gone(?!\s+(?:through|ahead|out))"
        ),
        "update": (
            r"updated|changed|modified|amended|corrected|edited|replaced|switched|"
            r"moved(?!\s+(?:(?:you|it|them)\s+)?(?:up|down)\b)"
        ),
        "reset": r"reset|regenerated|generated|unlocked",
        "send": (
            r"sent(?:\s+(?:out|off))?|e-?mailed|texted|resent|re-sent|dispatched|shipped|posted|"
            r"couriered|mailed(?:\s+out)?"
        ),
        "place": r"placed|re-?ordered|re-?shipped|booked|created|organi[sz]ed",
        "credit": r"applied|added|granted|given|waived|credited",
        "escalate": (
            r"escalated|forwarded|passed\s+(?:it\s+|this\s+|your\s+\w+\s+)?on|notified|informed|"
            r"(?:passed|handed)\s+(?:it|this|that|your\s+\w+|the\s+\w+)\s+(?:over\s+|on\s+)?to|"
            r"referred|handed\s+(?:it\s+|this\s+)?over|"
            r"let\s+(?:my|our|the)\s+\w+(?:\s+\w+)?\s+know|alerted|flagged|contacted|raised"
        ),
        "remove": r"removed|deleted|taken\s+off|erased|wiped(?:\s+out)?|purged|anonymi[sz]ed",
        "upgrade": r"upgraded|downgraded|(?:moved|bumped)\s+(?:(?:you|it|them)\s+)?(?:up|down)",
        "renew": r"renewed|extended",
        "unsubscribe": r"unsubscribed|opted\s+out",
        "generic": (
            r"issued|processed|initiated|submitted|approved|arranged|put\s+through|completed|"
            r"started|triggered|executed|finali[sz]ed|done|gone\s+through|authori[sz]ed|"
            r"actioned|handled|taken\s+care\s+of|sorted(?:\s+out)?|confirmed|complete|finished"
        ),
    },
    "de": {
        "refund": (
            r"erstattet|rückerstattet|zurückerstattet|zurücküberwiesen|zurückgezahlt|"
            r"gutgeschrieben|rückvergütet|ausgezahlt|überwiesen|zurückgebucht|rückgebucht|"
            r"zurückgegeben|zurückgeschickt|zurückgesandt"
        ),
        "received": r"zurückbekommen|zurückerhalten|wiederbekommen|wiedererhalten",
        "cancel": (
            r"storniert|annulliert|aufgehoben|zurückgenommen|rückgängig\s+gemacht|"
            r"zurückgezogen|widerrufen|abgesagt"
        ),
        "end": (
            r"gekündigt|beendet|abbestellt|deaktiviert|eingestellt|abgemeldet|geschlossen|"
            r"gestoppt|inaktiv"
        ),
        "update": (
            r"geändert|aktualisiert|angepasst|korrigiert|umgestellt|ersetzt|gewechselt|"
            r"abgeändert|hinterlegt|eingetragen"
        ),
        "reset": r"zurückgesetzt|neu\s+gesetzt|neu\s+vergeben|entsperrt|generiert|neu\s+erstellt",
        "send": (
            r"gesendet|gesandt|geschickt|zugeschickt|zugesandt|verschickt|versendet|gemailt|"
            r"losgeschickt|rausgeschickt|nachgeschickt|nachgeliefert|verschifft|versandt|"
            r"auf\s+den\s+Weg\s+gebracht|zukommen\s+(?:lassen|gelassen)|geliefert"
        ),
        "place": r"aufgegeben|neu\s+bestellt|nachbestellt|bestellt|angelegt|erstellt",
        "credit": r"gewährt|angewendet|angewandt|ausgestellt|hinzugefügt|erlassen|verbucht",
        "escalate": (
            r"weitergeleitet|eskaliert|informiert|benachrichtigt|verständigt|weitergegeben|"
            r"übergeben|in\s+Kenntnis\s+gesetzt"
        ),
        "remove": r"entfernt|gelöscht|vernichtet|anonymisiert",
        "upgrade": (
            r"hochgestuft|herabgestuft|heruntergestuft|runtergestuft|zurückgestuft|umgestuft|"
            r"upgegradet|downgegradet|geupgradet|gedowngradet"
        ),
        "renew": r"verlängert|erneuert",
        "unsubscribe": r"(?!x)x",
        "generic": (
            r"veranlasst|eingeleitet|ausgelöst|bearbeitet|durchgeführt|angewiesen|vorgenommen|"
            r"abgeschlossen|erledigt|genehmigt|freigegeben|gebucht|angestoßen|bestätigt|"
            r"in\s+die\s+Wege\s+geleitet|ausgeführt|erfolgt|gelungen|organisiert|"
            r"durch(?=\s*(?:[.!,;:]|$))"
        ),
    },
    "nl": {
        "refund": (
            r"terugbetaald|teruggestort|gerestitueerd|vergoed|gecrediteerd|"
            r"terug\s*gestort|uitbetaald|overgemaakt|teruggeboekt|gestorneerd|teruggegeven|"
            r"teruggestuurd"
        ),
        "received": (r"teruggekregen|terugontvangen|terug(?=\s*(?:[.!,;:]|$)|\s+(?:op|in|naar)\b)"),
        "cancel": (
            r"geannuleerd|ingetrokken|geschrapt|teruggedraaid|ongedaan\s+gemaakt|"
            r"herroepen|afgezegd|afgeblazen"
        ),
        "end": (
            r"opgezegd|beëindigd|stop\s*gezet|gestopt|gedeactiveerd|afgesloten|uitgeschreven|"
            r"inactief|opgeheven"
        ),
        "update": (
            r"gewijzigd|aangepast|bijgewerkt|veranderd|gecorrigeerd|vervangen|omgezet|"
            r"overgezet|ingevoerd"
        ),
        "reset": r"gereset|opnieuw\s+ingesteld|teruggezet|hersteld|ontgrendeld|gegenereerd",
        "send": (
            r"verstuurd|gestuurd|toegestuurd|opgestuurd|verzonden|gemaild|gemailed|nagestuurd|"
            r"bezorgd|geleverd|laten\s+(?:versturen|sturen|verzenden|opsturen|bezorgen)|"
            r"de\s+deur\s+uit(?:\s*gegaan)?"
        ),
        "place": r"geplaatst|besteld|nabesteld|aangemaakt|aangelegd",
        "credit": (
            r"toegepast|toegekend|gegeven|toegevoegd|kwijtgescholden|uitgegeven|bijgeschreven|"
            r"gestort|gezet"
        ),
        "escalate": (
            r"doorgestuurd|doorgezet|geëscaleerd|geïnformeerd|ingelicht|op\s+de\s+hoogte\s+gebracht|"
            r"doorgegeven|overgedragen"
        ),
        "remove": r"verwijderd|gewist|geanonimiseerd|vernietigd",
        "upgrade": r"geüpgraded|geüpgradet|gedowngraded|gedowngradet|geupgraded|gedowngrade",
        "renew": r"verlengd|vernieuwd",
        "unsubscribe": r"(?!x)x",
        "generic": (
            r"verwerkt|uitgevoerd|in\s+gang\s+gezet|aangevraagd|ingediend|voltooid|afgerond|"
            r"geregeld|goedgekeurd|gestart|geboekt|afgehandeld|bevestigd|ingezet|geïnitieerd|gelukt|"
            r"georganiseerd|rond(?=\s*(?:[.!,;:]|$))"
        ),
    },
}

# After "a new" / "ein neues" / "een nieuwe": heads that are not goods sent as a replacement.
_NOT_GOODS = (
    r"(?:password|pin|link|e-?mail|code|address|plan|tier|order|account|card|invoice|refund|"
    r"subscription|request|ticket|case|number|one-time|profile|user|login|username|version|"
    r"feature|option|setting|time|way|chance|look|place|day|date|slot|label|page|message)\b"
)
_NOT_GOODS_DE = (
    r"(?:Passw|Kennw|PIN|Link|E-Mail|Code|Adresse|Anschrift|Tarif|Bestellung|Konto|Karte|"
    r"Rechnung|Erstattung|Abo|Anfrage|Ticket|Nummer|Vertrag)"
)
_NOT_GOODS_NL = (
    r"(?:wachtw|pincode|link|e-?mail|code|adres|tarief|abonnement|bestelling|account|kaart|"
    r"factuur|terugbetaling|aanvraag|ticket|nummer|contract)"
)

# Object nouns per language. A participle is routed to an action by the nouns near it.
NOUNS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "refund": (
            r"refunds?|reimbursements?|money(?:\s+back)?|chargebacks?|repayments?|"
            r"(?:full\s+|whole\s+|entire\s+)?amount|funds|difference|sum"
        ),
        "charge": (
            r"(?:duplicate\s+|double\s+|extra\s+|second\s+)?(?:charges?|payments?|"
            r"transactions?|debits?|direct\s+debits?)"
        ),
        "replacement": (
            r"replacements?(?:\s+[\w-]+)?|re-?shipments?|new\s+one|fresh\s+one|another\s+one|"
            rf"(?:a|an)\s+(?:new|fresh|second|spare)\s+(?!{_NOT_GOODS})[\w-]+|"
            r"another\s+(?:one|parcel|package|pair|unit|item|copy|set|box|device)|"
            rf"another\s+(?!{_NOT_GOODS})[\w-]+(?=\s+(?:sent|shipped|dispatched|posted|on\s+its))"
        ),
        "subscription": (
            r"subscriptions?|memberships?|renewals?|auto-?renewal|service\s+plan|boxe?s?|"
            r"newsletters?|mailing\s+lists?|marketing\s+e-?mails?"
        ),
        "plan": r"plans?|tiers?|packages?|upgrade|downgrade",
        "order": r"orders?|purchases?|bookings?|shipments?|deliver(?:y|ies)|items?|package",
        "address": r"(?:shipping\s+|billing\s+|delivery\s+|street\s+)?address(?:es)?",
        "password": r"passwords?|pins?|passcodes?|2fa|two-factor|login\s+details|credentials",
        "account": (
            r"accounts?|profiles?|(?:phone|mobile)\s+numbers?|e-?mail\s+address|names?|"
            r"payment\s+(?:method|details|card)|card\s+details|details|information|everything|"
            r"(?:old|saved|stored|expired|debit|credit|bank)\s+cards?"
        ),
        # the account as a whole (deleted, closed): a heading in front of "account"
        "profile": (
            r"(?:user\s+|customer\s+)?(?:accounts?|logins?(?!\s+details))|profiles?|"
            r"(?:personal\s+|associated\s+)?data|"
            r"personal\s+(?:details|information)|"
            r"everything(?=\s+(?:stored|we\s+(?:hold|have|keep)|associated|linked|on\s+file))"
        ),
        # (a confirmation is sent by the system with the action itself: no claim of its own)
        "link": r"links?|e-?mails?|reset\s+codes?|codes?|instructions",
        "credit": (
            r"(?:store\s+)?credits?(?!\s+cards?)|promo(?:\s+codes?)?|vouchers?|coupons?|"
            r"discounts?|gift\s+cards?|compensation|goodwill|fees?"
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
            r"Rückbuchung|Summe|Differenz"
        ),
        "charge": (
            r"\w*[Bb]uchung(?:en)?|\w*[Bb]elastung(?:en)?|Lastschrift(?:en)?|\w*[Zz]ahlung(?:en)?|"
            r"Transaktion(?:en)?|Abhebung(?:en)?"
        ),
        "replacement": (
            r"\w*[Ee]rsatz\w*|\w*[Aa]ustausch\w*|"
            rf"(?:ein|eine|einen|ein\s+weiteres|eine\s+weitere)\s+(?:neue[snr]?|weitere[snr]?|"
            rf"zweite[snr]?)\s+(?!{_NOT_GOODS_DE})\w+"
        ),
        "subscription": (
            r"\w*[Aa]bo(?:s|nnements?)?|\w*[Mm]itgliedschaft(?:en)?|Vertr(?:a|ä)ge?s?|"
            r"Verlängerung|\w*[Bb]ox|Newsletter|Verteiler|Mailingliste"
        ),
        "plan": r"Tarifs?|Pakets?|Plans?|Upgrade|Downgrade",
        "order": (
            r"Bestellung(?:en)?|Auftr(?:a|ä)ge?s?|Lieferung(?:en)?|Sendung(?:en)?|Artikel|Kauf"
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
        "profile": r"\w*[Kk]onto|\w*[Kk]onten|Profil|(?:persönliche[n]?\s+)?Daten",
        "link": r"Links?|E-Mails?|Codes?|Anleitung",
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
        "refund": r"terugbetaling(?:en)?|restitutie|geld|bedrag|creditering|verschil",
        "charge": (
            r"\w*afschrijving(?:en)?|\w*boeking(?:en)?|\w*betaling(?:en)?|transactie(?:s)?|"
            r"incasso(?:'s)?"
        ),
        "replacement": (
            r"vervang\w*(?:\s+exemplaar|\s+\w+)?|nieuw\s+exemplaar|"
            rf"(?:een|nog\s+een)\s+(?:nieuwe?|tweede|ander(?:e)?)\s+(?!{_NOT_GOODS_NL})\w+"
        ),
        "subscription": (
            r"\w*abonnement(?:en)?|\w*lidmaatschap(?:pen)?|contract|verlenging|\w*box|abb?o|"
            r"nieuwsbrief|mailinglijst"
        ),
        "plan": r"plan|pakket|tarief|upgrade|downgrade|bundel",
        "order": (
            r"bestelling(?:en)?|order(?:s)?|levering(?:en)?|zending(?:en)?|artikel(?:en)?|"
            r"aankoop|pakket"
        ),
        "address": r"(?:bezorg|factuur|verzend|woon)?adres(?:sen)?",
        "password": r"wachtwoord(?:en)?|pincode|inloggegevens|2FA|tweestapsverificatie",
        "account": (
            r"account|profiel|telefoonnummer|mobiele\s+nummer|e-?mailadres|naam|"
            r"betaal(?:methode|gegevens|wijze)|gegevens|alles"
        ),
        "profile": r"\w*account|profiel|(?:persoons)?gegevens",
        "link": r"link|e-?mail|mail|code|instructies",
        "credit": r"tegoed|voucher|kortingscode|korting|cadeaubon|kosten|compensatie|coulance",
        "team": r"manager|leidinggevende|team|afdeling|collega(?:'s)?|ticket|klacht",
        "cancellation": r"annulering(?:en)?|opzegging(?:en)?",
        "service": r"dienst(?:en)?|optie|extra\s+service",
    },
}

# (verb class, noun classes that must be present, action). The first route whose nouns are
# present wins; nouns nearest the participle are tried first (see claims.py).
ROUTES: Final[tuple[tuple[str, tuple[str, ...], str], ...]] = (
    ("refund", ("credit",), "refund"),
    ("refund", ("account",), "refund"),
    ("refund", (), "refund"),
    ("moneyback", (), "refund"),
    ("received", ("refund",), "refund"),
    ("received", ("charge",), "refund"),
    ("return", ("refund",), "refund"),
    ("return", ("charge",), "refund"),
    ("cancel", ("charge",), "refund"),
    ("cancel", ("subscription",), "cancel_subscription"),
    ("cancel", ("plan",), "cancel_subscription"),
    ("cancel", ("order",), "cancel_order"),
    ("cancel", ("refund",), "cancel_order"),
    ("cancel", (), "cancel_order"),
    ("end", ("subscription",), "cancel_subscription"),
    ("end", ("plan",), "cancel_subscription"),
    ("end", ("profile",), "delete_account"),
    ("end", ("account",), "update_account"),
    ("end", ("charge",), "cancel_subscription"),
    ("end", ("order",), "cancel_order"),
    ("update", ("address",), "update_address"),
    ("update", ("password",), "reset_password"),
    ("update", ("plan",), "change_plan"),
    ("update", ("subscription",), "change_plan"),
    ("update", ("order",), "update_order"),
    ("update", ("account",), "update_account"),
    ("reset", ("password",), "reset_password"),
    ("reset", ("account",), "reset_password"),
    ("reset", ("plan",), "change_plan"),
    ("reset", (), "reset_password"),
    ("send", ("refund",), "refund"),
    ("send", ("link",), "send_link"),
    ("send", ("password",), "reset_password"),
    ("send", ("credit",), "issue_credit"),
    ("send", ("replacement",), "place_order"),
    ("place", ("order",), "place_order"),
    ("place", ("replacement",), "place_order"),
    ("place", ("refund",), "refund"),
    ("place", ("credit",), "issue_credit"),
    ("credit", ("refund",), "refund"),
    ("credit", ("credit",), "issue_credit"),
    ("credit", ("charge",), "refund"),
    ("credit", ("account",), "issue_credit"),
    ("escalate", ("team",), "escalate"),
    ("remove", ("profile",), "delete_account"),
    ("remove", ("subscription",), "cancel_subscription"),
    ("remove", ("account",), "update_account"),
    ("remove", ("service",), "update_account"),
    ("remove", ("order",), "update_order"),
    ("remove", ("credit",), "issue_credit"),
    ("remove", ("charge",), "refund"),
    ("upgrade", ("subscription",), "change_plan"),
    ("upgrade", ("plan",), "change_plan"),
    ("upgrade", ("order",), "update_order"),
    ("upgrade", ("account",), "change_plan"),
    ("upgrade", (), "change_plan"),
    ("renew", ("subscription",), "change_plan"),
    ("renew", ("plan",), "change_plan"),
    ("renew", ("order",), "update_order"),
    ("renew", ("account",), "change_plan"),
    ("unsubscribe", (), "cancel_subscription"),
    ("gone", ("subscription",), "cancel_subscription"),
    ("gone", ("plan",), "cancel_subscription"),
    ("gone", ("order",), "cancel_order"),
    ("gone", ("profile",), "delete_account"),
    ("generic", ("refund",), "refund"),
    ("generic", ("cancellation", "subscription"), "cancel_subscription"),
    ("generic", ("cancellation",), "cancel_order"),
    ("generic", ("credit",), "issue_credit"),
    ("generic", ("password",), "reset_password"),
    ("generic", ("address",), "update_address"),
    ("generic", ("plan",), "change_plan"),
    ("generic", ("team",), "escalate"),
    ("generic", ("replacement",), "place_order"),
    ("underway", ("refund",), "refund"),
    ("underway", ("replacement",), "place_order"),
    ("underway", ("credit",), "issue_credit"),
    ("underway", ("link",), "send_link"),
    ("generic", ("charge",), "refund"),
)

# A claim routed by this (verb class, nouns) may also be backed by these actions ("credited $10 to
# your account" is a refund or a credit).
ROUTE_ALTERNATIVES: Final[dict[tuple[str, tuple[str, ...]], tuple[str, ...]]] = {
    ("credit", ("account",)): ("refund",),
    # money put on the customer account is a refund or a credit
    ("refund", ("credit",)): ("issue_credit",),
    ("refund", ("account",)): ("issue_credit",),
    ("end", ("profile",)): ("update_account",),
    # a password reset link is sent by a reset tool or a link tool
    ("send", ("password",)): ("send_link",),
    ("send", ("link",)): ("reset_password",),
    ("cancel", ("charge",)): ("cancel_order", "issue_credit"),
    ("remove", ("charge",)): ("issue_credit",),
    ("credit", ("charge",)): ("issue_credit",),
    ("generic", ("charge",)): ("cancel_order", "issue_credit"),
    ("end", ("charge",)): ("cancel_order",),
}

# A claim routed without any noun may stand for any of these actions (e.g. "I've cancelled it").
UNSPECIFIC: Final[dict[str, tuple[str, ...]]] = {
    "cancel_order": ("cancel_order", "cancel_subscription"),
    "reset_password": ("reset_password",),
}

# Base forms (infinitives) per verb class, for "able" frames ("I was able to cancel", "I managed
# to refund", "ich konnte … stornieren", "het is gelukt om … te annuleren") and for reading the
# customer's request behind a bare "Done." (see COMPLETION).
BASE_VERBS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "refund": r"refund|reimburse|repay|reverse|pay\s+back",
        "cancel": r"cancel|void|terminate|call\s+off",
        "end": r"end|stop|deactivate|discontinue|close",
        "unsubscribe": r"unsubscribe|opt\s+out",
        "update": r"update|change|modify|amend|correct|edit|replace|switch|move",
        "reset": r"reset|regenerate|unlock",
        "send": r"send|e-?mail|text|resend|re-send",
        "place": r"place|re-?order|re-?ship|book|create",
        "credit": r"apply|add|grant|give|waive|credit",
        "escalate": r"escalate|forward|notify|inform|alert|flag|contact|raise",
        "remove": r"remove|delete|take\s+off|erase|wipe",
        "upgrade": r"upgrade|downgrade",
        "renew": r"renew|extend",
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
        "upgrade": r"hochstufen|herabstufen|herunterstufen|zurückstufen|upgraden|downgraden",
        "renew": r"verlängern|erneuern",
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
        "upgrade": r"upgraden|downgraden",
        "renew": r"verlengen|vernieuwen",
        "generic": (
            r"verwerken|uitvoeren|uit\s+te\s+voeren|regelen|afronden|af\s+te\s+ronden|"
            r"goedkeuren|goed\s+te\s+keuren|boeken|afhandelen|af\s+te\s+handelen"
        ),
    },
}

ACTION_GRANTS: Final[dict[str, tuple[str, ...]]] = {
    "update_account": (
        "update_account",
        "update_address",
        "change_plan",
        "cancel_subscription",
        "delete_account",
    ),
    "update_order": ("update_order", "update_address", "cancel_order", "issue_credit"),
    # an order's delivery address changed, or a part of it cancelled, updates the order
    "update_address": ("update_address", "update_order"),
    "cancel_order": ("cancel_order", "update_order"),
    "change_plan": ("change_plan",),
    "cancel_subscription": ("cancel_subscription",),
}

# Tool names not in the configured map: the first keyword set contained in the name decides.
TOOL_KEYWORDS: Final[tuple[tuple[tuple[str, ...], str], ...]] = (
    (("refund",), "refund"),
    (("reimburs",), "refund"),
    # round 12: German and Dutch nouns of a refund and a replacement (rueckerstattung,
    # erstattung_veranlassen, terugbetaling_doen, vervanging_versturen, ersatz_senden)
    (("erstattung",), "refund"),
    (("terugbetal",), "refund"),
    (("restitutie",), "refund"),
    (("vervanging",), "place_order"),
    (("ersatz",), "place_order"),
    (("cancel", "subscription"), "cancel_subscription"),
    (("cancel", "membership"), "cancel_subscription"),
    (("unsubscribe",), "cancel_subscription"),
    (("cancel",), "cancel_order"),
    (("address",), "update_address"),
    (("adres",), "update_address"),  # round 11: lieferadresse_aendern, adres_wijzigen
    (("password",), "reset_password"),
    (("plan",), "change_plan"),
    (("escalat",), "escalate"),
    (("handoff",), "escalate"),
    (("credit",), "issue_credit"),
    (("replac",), "place_order"),
    (("reship",), "place_order"),
    (("coupon",), "issue_credit"),
    (("voucher",), "issue_credit"),
    (("promo",), "issue_credit"),
    (("update", "order"), "update_order"),
    (("update", "account"), "update_account"),
    (("delete", "account"), "delete_account"),
    (("close", "account"), "delete_account"),
    (("remove", "account"), "delete_account"),
    (("delete", "user"), "delete_account"),
    (("delete", "customer"), "delete_account"),
    (("delete", "profile"), "delete_account"),
    (("erase",), "delete_account"),
    (("gdpr",), "delete_account"),
    (("anonymi",), "delete_account"),
    (("upgrade",), "change_plan"),
    (("tarif",), "change_plan"),  # round 11: tarif_wechseln, tariefwijziging
    (("downgrade",), "change_plan"),
    (("opt", "out"), "cancel_subscription"),
    (("gift",), "issue_credit"),
    (("payment",), "update_account"),
    (("card",), "update_account"),
    # a change of a customer detail (update_email, change_phone, edit_profile)
    (("update",), "update_account"),
    (("change",), "update_account"),
    (("edit",), "update_account"),
    (("modify",), "update_account"),
    # round 15, third pass: the German and Dutch "update" of a record (kundendaten_aktualisieren,
    # klantgegevens_bijwerken), as "update" above; not "ändern/wijzigen", which name any change
    (("aktualis",), "update_account"),
    (("bijwerk",), "update_account"),
    (("bijgewerkt",), "update_account"),
)
