"""Word lists and cue phrases for the name finder (pii_names.py): introductions, relations,
roles, titles, greetings and sign-offs per language, name particles, words that make a
capitalised sequence something other than a person, and capitalised words that are no name.
Everything here is data."""

from __future__ import annotations

from typing import Final

_UP = "A-ZÄÖÜÀ-ÖØ-ÞŁŚŻŹĆŃČŠŽŘĐĄĘĀĒĪŌŪĖĮŲȘȚŞİĞŐŰĦĠĻĶŅĢŖ"
# Ḁ-ỿ: Vietnamese ("Phạm", "Hạnh"); round 16: Romanian, Baltic, Maltese, Hungarian letters
_LO = "a-zäöüßà-öø-ÿłśżźćńčšžřđěůığşőăąęĩũơưāēīōūėįųșțűħġļķņģŗḀ-ỿ"
NAME_TOKEN = (
    # O'Sullivan, D'Angelo; MacLeod, McDonald, DiCaprio (a short prefix, then a capital);
    # Anne-Marie; plain capitalised words; initials.
    # Round 17: the capital every form begins with is written once, before the alternatives (the
    # same matches, tried in the same order), so a pattern that begins with a name is scanned
    # for capitals only (``re`` skips to a pattern's first character class, not to one repeated
    # in every branch).
    rf"(?:[{_UP}](?:[{_LO}]*['’][{_UP}][{_LO}]+|[{_LO}]{{1,2}}[{_UP}][{_LO}]{{2,}}|"
    rf"[{_LO}][{_LO}'’]*(?:-[{_UP}][{_LO}]+)?|\.))"
)
LOWER_TOKEN = rf"[{_LO}][{_LO}'’-]+"
CAP_WORD = rf"[{_UP}][{_LO}]+"  # one capitalised word of letters ("Mark", "Jörg")
PARTICLES = (
    r"(?:van der|van den|van de|van het|van 't|van|von der|von dem|von|vom|zu|zur|de la|de|der|"
    r"den|ter|ten|te|in 't|op de|'t|d'|di|da|dos|das|del|della|le|la|du|el|al|bin|ibn|mac|st\.)"
)

STRONG_CUES = {
    "en": r"my name is|my name's|name is|name:|full name:|"
    # "first_name: Leilani": a form or portal export writes the field name in snake case
    r"(?:first|last|full|sur|family|given)[\s_]?name[:?]?|given[\s_]names:|"
    r"name(?: on the (?:account|card))?\?(?:[ \t]*\n?[ \t]*(?:user|customer|client|me)[ \t]*:)?|"
    r"account holder:?|cardholder:?|"
    r"card holder:?|on behalf of|contact person:?|names:|passport names?:?|"
    # "APPLICANT: O'SULLIVAN, DECLAN": the party a form or a claim is about (round 14c)
    r"(?:applicant|claimant|policyholder|policy holder|beneficiary|payee|borrower|deceased)"
    r"(?: name)?:|"
    r"(?:tenant|guest|passenger|traveller|traveler|driver|member|recipient|student|patient)"
    r"(?: details| names?)?(?: for [^:\n]{1,40})?:|under (?:my |our )?\w+'s name,?",
    "de": r"ich heiße|ich heisse|mein name ist|(?:sein|ihr|der) name ist|name:|vorname:?|"
    r"nachname:?|familienname:?|"
    r"mein name lautet|im auftrag von|(?:vor|nach|familien)name\?|"
    r"im namen von|kontoinhaber(?:in)?:?|karteninhaber(?:in)?:?|ansprechpartner(?:in)?:?|"
    r"vertreten durch|auf den namen(?: von)?|lautend auf|namen:",
    "nl": r"mijn naam is|(?:zijn|haar|de|uw|je) naam is|ik heet|naam:|voornaam:?|voornamen:?|"
    r"achternaam:?|namens|rekeninghouder:?|"
    r"ten name van|t\.n\.v\.|(?:achter|voor|familie)naam\?|"
    r"contactpersoon:?|op naam van|naam op (?:de )?(?:kaart|pas):?|vragen naar|"
    r"kaarthouder(?: toevoegen)?:?|namen:",
}
# "my husband X", "mein Sohn X", "mijn buurman X": the next capitalised words are a name.
RELATION_CUES = {
    "en": r"(?:my|our|his|her) (?:husband|wife|son|daughter|mother|father|mum|mom|dad|partner|"
    r"colleague|neighbour|neighbor|assistant|brother|sister|boss|manager|boyfriend|girlfriend|"
    r"bf|gf|friend|mate|flatmate|roommate|fianc[ée]e?|grandson|granddaughter|grandma|grandpa|"
    r"nephew|niece|cousin|aunt|uncle|little brother|little sister|client|customer|tenant|"
    r"landlord|landlady|patient|employee|employer|carer|caregiver|stepson|stepdaughter|"
    r"son-in-law|daughter-in-law|mother-in-law|father-in-law|ex|ex-wife|ex-husband)|"
    r"z\. ?hd\.?|attn:?|for the attention of",
    "de": r"(?:mein(?:e|en|em)?|unser(?:e|en|em)?|sein(?:e|en|em)?|ihr(?:e|en|em)?) (?:mann|"
    r"ehemann|frau|ehefrau|sohn|tochter|mutter|vater|partner|partnerin|kollege|kollegin|"
    r"nachbar|nachbarin|bruder|schwester|chef|chefin|assistent|assistentin|freund|freundin|"
    r"kumpel|mitbewohner|mitbewohnerin|verlobter|verlobte|oma|opa|enkel|enkelin|neffe|nichte|"
    r"cousin|cousine|onkel|tante|mandant|mandantin|kunde|kundin|mieter|mieterin|vermieter|"
    r"vermieterin|patient|patientin|mitarbeiter|mitarbeiterin|schwiegermutter|"
    r"schwiegervater|schwiegersohn|schwiegertochter|betreuer|betreuerin)|"
    r"z\. ?hd\.?(?: von)?",
    "nl": r"(?:mijn|onze|zijn|haar) (?:man|vrouw|zoon|dochter|moeder|vader|partner|collega|"
    r"buurman|buurvrouw|broer|zus|baas|assistent|assistente|vriend|vriendin|huisgenoot|"
    r"verloofde|broertje|zusje|zoontje|dochtertje|vriendje|vriendinnetje|opa|oma|neef|nicht|"
    r"neefje|nichtje|oom|tante|cliënt|cliënte|client|klant|huurder|huurster|verhuurder|"
    r"patiënt|patiënte|medewerker|medewerkster|schoonmoeder|schoonvader|schoonzoon|"
    r"schoondochter|begeleider|begeleidster)|t\.a\.v\.",
}
# Self-introductions and sign-offs: a first name and a surname right after them are a name
# even when the first name is not in the gazetteer ("this is Oluwaseun Bakare", "Thanks,
# Chen Yuling"); one capitalised word is not enough ("I'm Happy", "Thanks Team").
INTRO_CUES = {
    "en": r"i am|i'm|this is|it's|its|thanks|thank you|regards|cheers|contact|attention|attn",
    # "hallo bin youssef": "bin" first, the greeting looked up behind it (cheaper)
    "de": r"ich bin|bin der|bin die|bin(?:(?<=hallo bin)|(?<=hallo, bin)|(?<=hi bin)|"
    r"(?<=hi, bin)|(?<=hey bin)|(?<=hey, bin)|(?<=moin bin)|(?<=moin, bin)|(?<=servus bin)|"
    r"(?<=servus, bin))|hier ist|hier spricht|danke|grüße|gruß|viele grüße|kontakt|"
    r"zu händen|z\. ?hd\.",
    "nl": r"ik ben|hier is|met|bedankt|groeten|groet|contact|t\.a\.v\.|ter attentie van",
}

WEAK_CUES = {
    "en": r"i am|i'm|this is|it's|hi|hello|hey|thanks|thank you|ask for|speak to|talk to|"
    r"spoke to|spoke with|talked to|colleague|husband|wife|son|daughter|mother|father|"
    r"partner|friend|neighbour|neighbor|and|called|named",
    "de": r"ich bin|hier ist|hier spricht|hallo|hi|servus|moin|danke|frau|herr|kollege|"
    r"kollegin|mann|ehemann|ehefrau|sohn|tochter|mutter|vater|partner|partnerin|und|mit|an|"
    r"namens",
    "nl": r"ik ben|hier is|met|hallo|hoi|hi|dag|bedankt|collega|man|vrouw|zoon|dochter|"
    r"moeder|vader|partner|vriend|vriendin|buurman|buurvrouw|en|aan|namens",
}
# Roles before a name ("Producer Liviana Palerma", "assistant to Asya Godina", "Techniker
# Jens Ober"): taken when two or more capitalised words follow or the word is a known name.
ROLE_CUES = {
    "en": r"assistant to|secretary to|producer|director|manager|supervisor|agent|technician|"
    r"engineer|representative|advisor|adviser|consultant|officer|nurse|doctor|lawyer|"
    r"attorney|landlord|landlady|tenant|courier|driver|author|founder|co-founder|ceo|cfo|cto|"
    r"chairman|chairwoman|president|teacher|coach|written by|signed by|approved by|"
    r"handled by|sent by|spoke to|spoke with|change it to|addressed to",
    "de": r"assistent(?:in)? von|techniker(?:in)?|berater(?:in)?|sachbearbeiter(?:in)?|"
    r"mitarbeiter(?:in)?|geschäftsführer(?:in)?|vermieter(?:in)?|fahrer(?:in)?|"
    r"zusteller(?:in)?|arzt|ärztin|anwalt|anwältin|gründer(?:in)?|gesprochen mit",
    "nl": r"assistent(?:e)? van|monteur|adviseur|medewerker|medewerkster|directeur|"
    r"verhuurder|bezorger|chauffeur|arts|advocaat|oprichter|gesproken met",
}
# After a name: a verb of saying/doing that only people do ("Weronika Martinsen will be
# talking", "Anna schrieb", "zei Kees").
VERB_AFTER = (
    r",?[ \t]+(?:said|says|told|asked|wrote|writes|explained|replied|answered|mentioned|"
    r"emailed|phoned|called me|complained|spent|will be (?:talking|speaking|presenting|joining|"
    r"attending|in touch)|is (?:talking|speaking|presenting) |has (?:confirmed|agreed|asked|"
    r"written|called)|sagte|sagt|schrieb|schreibt|fragte|erklärte|meinte|rief|hat angerufen|"
    r"zei|zegt|schreef|vroeg|legde|belde|heeft gebeld)\b"
)
LIST_JOINER = (
    r"(?:,[ \t]*(?:(?:and|or|und|oder|en|of)[ \t]+)?|[ \t]+(?:and|or|und|oder|en|of|&)[ \t]+)"
)
# Capitalised words that make a sequence something other than a person (street, company, place).
NON_PERSON = {
    w.lower()
    for w in (  # noqa: SIM905
        "Street St Road Rd Avenue Ave Lane Ln Drive Boulevard Blvd Court Ct Close Way Place "
        "Terrace Crescent Gardens Square Hill Parkway Highway Row Mews Grove Park Circle Trail "
        "Walk Alley Green Rise View Loop Pike Path Plaza Heights Point Ridge Run Crossing Estate "
        "Wharf Quay Parade Flat Flats Pass Union Extensions Extension Courts Station Airport "
        "Inc Ltd LLC GmbH AG BV NV SA Co Corp Corporation Company Group Holding Holdings Bank "
        "Insurance Systems Solutions Services Technologies Partners Associates University "
        "College School Hospital Clinic Hotel Museum Church Center Centre Institute Foundation "
        "Straße Strasse Weg Platz Allee Straat Laan Plein Gracht Kade Dijk Novel Book Band "
        "Pages Docs Sheets Slides Drive Maps Teams Office Settings Store Cloud Mail Edition"
        # languages (round 14b: "tolk Nederlands Arabisch" names no interpreter)
        " Nederlands Duits Arabisch Turks Pools Spaans English Arabic Englisch Deutsch "
        "Französisch Türkisch Polnisch Russisch Russian Spanish Tigrinya"
    ).split()
}
TITLE_CUES = (
    r"mr|mrs|ms|miss|mx|dr|prof|sir|madam|herr|herrn|frau|fr|hr|dhr|mevr|mw|meneer|mevrouw|"
    r"de heer|heer|juffrouw|mej|ing|ir|drs|mr\.? dr|dipl\.?-ing|familie|fam|mag(?=\.)|"
    r"mmag(?=\.)|di(?=\.)"
)
GREETING_CUES = {
    "en": r"dear|hi|hello|hey|good morning|good afternoon|good evening",
    "de": r"sehr geehrte[r]?|liebe[r]?|hallo|guten tag|guten morgen|moin|servus|grüß gott",
    "nl": r"beste|geachte|hallo|hoi|goedemorgen|goedemiddag|goedenavond|dag|lieve",
}
SIGNOFF_CUES = {
    "en": r"regards|kind regards|best regards|warm regards|best wishes|best|thanks|thank you|"
    r"many thanks|cheers|sincerely|yours sincerely|yours faithfully|yours truly|"
    r"all the best|thanks in advance|talk soon|greetings|take care|bye for now|speak soon|ta(?!\w)|"
    r"x+(?![\w-])|xo(?![\w-])|much appreciated|cya(?!\w)|bye(?!\w)",
    "de": r"mit freundlichen grüßen|mit freundlichen grüssen|mit freundlichem gruß|"
    r"freundliche grüße|freundliche grüsse|viele grüße|viele grüsse|beste grüße|liebe grüße|"
    r"herzliche grüße|schöne grüße|grüße|gruß|lg|vg|mfg|danke|vielen dank|besten dank|"
    r"danke im voraus|bis bald|tschüss|ciao|tschüß|pfiat di|adieu|bis dann|"
    r"schönen gruß|liebe grüsse",
    "nl": r"met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|hartelijke groet(?:en)?|"
    r"met hartelijke groet|groet(?:en|jes)?|mvg|m\.v\.g\.|dank je wel|dank u wel|bedankt|"
    r"alvast bedankt|tot ziens|doei|doeg|houdoe(?=,)|groetjes|gegroet|grtz|tot dan|"
    r"tot gauw|de groeten|dikke kus|liefs|mzzl|ajuus",
}
# Lower-case particles inside a name that are no German article ("der", "den" only after van/von).
INNER_PARTICLES = frozenset(
    {"van", "de", "ter", "ten", "te", "'t", "la", "le", "du", "da", "di", "del", "della", "dos",
     "bin", "ibn", "al", "el", "mac"}
)  # fmt: skip
CAP_PARTICLES = {"de", "van", "der", "den", "ter", "ten", "von", "vom", "zu", "la", "le", "du",
                 "da", "di", "del", "dos", "mac", "al", "el"}  # fmt: skip
# Capitalised words after a cue that are no name ("Dear Customer", "Hallo Team", ...).
NOT_NAMES: Final = frozenset({
    w.lower()
    for w in [
        "Customer",
        "Customers",
        "Client",
        "Team",
        "Support",
        "Service",
        "Sir",
        "Madam",
        "Madame",
        "All",
        "Everyone",
        "Everybody",
        "There",
        "Folks",
        "Guys",
        "Colleague",
        "Colleagues",
        "Friend",
        "Friends",
        "Valued",
        "Sales",
        "Billing",
        "Admin",
        "Manager",
        "Kunde",
        "Kundin",
        "Kunden",
        "Damen",
        "Herren",
        "Kundenservice",
        "Kundendienst",
        "Support-Team",
        "Service-Team",
        "Leute",
        "Zusammen",
        "Allerseits",
        "Klant",
        "Klanten",
        "Klantenservice",
        "Heer",
        "Mevrouw",
        "Meneer",
        "Heren",
        "Dames",
        "Allemaal",
        "Iedereen",
        "Medewerker",
        "Team",
        "Helpdesk",
        "Thanks",
        "Thank",
        "Regards",
        "Best",
        "Kind",
        "Dear",
        "Hello",
        "Hi",
        "Hey",
        "Hallo",
        "Moin",
        "Beste",
        "Geachte",
        "Sehr",
        "Liebe",
        "Lieber",
        "Danke",
        "Bedankt",
        "Groeten",
        "Groetjes",
        "Groetnis",
        "Grüsse",
        "Grüessli",
        "Cheers",
        "Met",
        "Mit",
        "Freundlichen",
        "Vriendelijke",
        "Herzliche",
        "Viele",
        "Grüße",
        "Gruß",
        "Groet",
        "I",
        "You",
        "We",
        "He",
        "She",
        "It",
        "They",
        "My",
        "Your",
        "His",
        "Her",
        "Our",
        "Their",
        "Mein",
        "Meine",
        "Euer",
        "Eure",
        "Euren",
        "Eurem",
        "Eurer",
        "Euch",
        "Ihnen",
        "Dir",
        "Dich",
        "Jullie",
        "Mag",
        "Dein",
        "Deine",
        "Unser",
        "Unsere",
        "Mijn",
        "Jouw",
        "Onze",
        "Baby",
        "Ich",
        "Sie",
        "Ihr",
        "Ihre",
        "Ihres",
        "Ihrem",
        "Ihren",
        "Ihrer",
        "Uw",
        "Wir",
        "Er",
        "Es",
        "Ik",
        "Je",
        "Jij",
        "U",
        "We",
        "Wij",
        "Hij",
        "Zij",
        "Het",
        "De",
        "Der",
        "Die",
        "Das",
        "Den",
        "The",
        "A",
        "An",
        "Een",
        "Ein",
        "Eine",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Herr",
        "Frau",
        "Good",
        "Morning",
        "Afternoon",
        "Evening",
        "Guten",
        "Tag",
        "Morgen",
        "Abend",
        "Goedemorgen",
        "Goedemiddag",
        "Goedenavond",
        "Again",
        "Also",
        "Just",
        "Still",
        "Not",
        "Please",
        "Bitte",
        "Graag",
        "Yes",
        "No",
        "Ja",
        "Nee",
        "Nein",
        "Ok",
        "Okay",
        "Here",
        "Hier",
        "Sorry",
        "Entschuldigung",
        "Sent",
        "Gesendet",
        "Verzonden",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
        "Maandag",
        "Dinsdag",
        "Woensdag",
        "Donderdag",
        "Vrijdag",
        "Zaterdag",
        "Zondag",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Januar",
        "Februar",
        "März",
        "Juni",
        "Juli",
        "Oktober",
        "Dezember",
        "Januari",
        "Februari",
        "Maart",
        "Mei",
        "Augustus",
        "Order",
        "Account",
        "Password",
        "Invoice",
        "Refund",
        "Bestellung",
        "Rechnung",
        "Konto",
        "Passwort",
        "Bestelling",
        "Factuur",
        "Wachtwoord",
        "Premium",
        "Pro",
        "Plus",
        "Basic",
        "Router",
        "Modem",
        "App",
        "Android",
        "iPhone",
        "Windows",
        "Mac",
        "Google",
        "Microsoft",
        "Apple",
        "Amazon",
        "PayPal",
        "Visa",
        "Mastercard",
        "Internet",
        "Online",
        "Email",
        "E-Mail",
        "Mail",
        "Phone",
        "Handy",
        "Telefon",
        "Nummer",
        "Number",
        "Sent",
        "Von",
        "From",
        "Aan",
        "Van",
        "Onderwerp",
        "Betreff",
        "Subject",
        "Re",
        "Fwd",
        "AW",
        "WG",
        "Ticket",
        "Case",
        "Status",
        "Update",
    ]
} | {
    # round 15: English contractions typed without the apostrophe ("Its me", "Thats fine")
    "its", "thats", "ive", "dont", "cant", "wont", "didnt", "doesnt", "isnt", "hes", "shes",
    "theyre", "youre", "whats", "theres", "lets", "wasnt", "arent",
})  # fmt: skip
