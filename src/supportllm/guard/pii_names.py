"""Person names in EN/DE/NL text without a statistical model: context cues (introductions,
titles, greetings, sign-offs), a first-name gazetteer, capitalisation, and propagation of a
name found once to its other mentions."""

from __future__ import annotations

import re
from importlib import resources

from supportllm.guard.pii_rules import Candidate

_UP = "A-ZÄÖÜÀ-ÖØ-ÞŁŚŻŹĆŃČŠŽŘĐ"
_LO = "a-zäöüßà-öø-ÿłśżźćńčšžřđěůığşő"
NAME_TOKEN = (
    rf"(?:[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}]+)?|[{_UP}]\.|[{_UP}][{_LO}]*['’][{_UP}][{_LO}]+)"
)
LOWER_TOKEN = rf"[{_LO}][{_LO}'’-]+"
PARTICLES = (
    r"(?:van der|van den|van de|van het|van 't|van|von der|von dem|von|vom|zu|zur|de la|de|der|"
    r"den|ter|ten|te|in 't|op de|'t|d'|di|da|dos|das|del|della|le|la|du|el|al|bin|ibn|mac|st\.)"
)

STRONG_CUES = {
    "en": r"my name is|my name's|name is|name:|full name:|(?:first|last|full|sur)\s?name:?|"
    r"name(?: on the (?:account|card))?\?(?:[ \t]*\n?[ \t]*(?:user|customer|client|me)[ \t]*:)?|"
    r"account holder:?|cardholder:?|"
    r"card holder:?|on behalf of|contact person:?",
    "de": r"ich heiße|ich heisse|mein name ist|name:|vorname:?|nachname:?|familienname:?|"
    r"mein name lautet|im auftrag von|"
    r"im namen von|kontoinhaber(?:in)?:?|karteninhaber(?:in)?:?|ansprechpartner(?:in)?:?|"
    r"vertreten durch",
    "nl": r"mijn naam is|ik heet|naam:|voornaam:?|achternaam:?|namens|rekeninghouder:?|"
    r"ten name van|t\.n\.v\.|"
    r"contactpersoon:?",
}
# "my husband X", "mein Sohn X", "mijn buurman X": the next capitalised words are a name.
RELATION_CUES = {
    "en": r"my (?:husband|wife|son|daughter|mother|father|mum|mom|dad|partner|colleague|"
    r"neighbour|neighbor|assistant|brother|sister|boss|manager)|z\. ?hd\.?|attn:?|"
    r"for the attention of",
    "de": r"(?:mein(?:e|en|em)?|unser(?:e|en|em)?) (?:mann|ehemann|frau|ehefrau|sohn|"
    r"tochter|mutter|vater|partner|partnerin|kollege|kollegin|nachbar|nachbarin|bruder|"
    r"schwester|chef|chefin|assistent|assistentin)|z\. ?hd\.?(?: von)?",
    "nl": r"(?:mijn|onze) (?:man|vrouw|zoon|dochter|moeder|vader|partner|collega|buurman|"
    r"buurvrouw|broer|zus|baas|assistent|assistente)|t\.a\.v\.",
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
TITLE_CUES = (
    r"mr|mrs|ms|miss|mx|dr|prof|sir|madam|herr|herrn|frau|fr|hr|dhr|mevr|mw|meneer|mevrouw|"
    r"de heer|heer|juffrouw|mej|ing|ir|drs|mr\.? dr|dipl\.?-ing"
)
GREETING_CUES = {
    "en": r"dear|hi|hello|hey|good morning|good afternoon|good evening",
    "de": r"sehr geehrte[r]?|liebe[r]?|hallo|guten tag|guten morgen|moin|servus|grüß gott",
    "nl": r"beste|geachte|hallo|hoi|goedemorgen|goedemiddag|goedenavond|dag|lieve",
}
SIGNOFF_CUES = {
    "en": r"regards|kind regards|best regards|warm regards|best wishes|best|thanks|thank you|"
    r"many thanks|cheers|sincerely|yours sincerely|yours faithfully|yours truly|"
    r"all the best|thanks in advance|talk soon|greetings",
    "de": r"mit freundlichen grüßen|mit freundlichen grüssen|mit freundlichem gruß|"
    r"freundliche grüße|freundliche grüsse|viele grüße|viele grüsse|beste grüße|liebe grüße|"
    r"herzliche grüße|schöne grüße|grüße|gruß|lg|vg|mfg|danke|vielen dank|besten dank|"
    r"danke im voraus|bis bald|tschüss|ciao",
    "nl": r"met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|hartelijke groet(?:en)?|"
    r"met hartelijke groet|groet(?:en|jes)?|mvg|m\.v\.g\.|dank je wel|dank u wel|bedankt|"
    r"alvast bedankt|tot ziens|doei",
}
CAP_PARTICLES = {"de", "van", "der", "den", "ter", "ten", "von", "vom", "zu", "la", "le", "du",
                 "da", "di", "del", "dos", "mac", "al", "el"}  # fmt: skip
# Capitalised words after a cue that are no name ("Dear Customer", "Hallo Team", ...).
NOT_NAMES = {
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
}


def _load_list(name: str) -> frozenset[str]:
    text = resources.files("supportllm.guard").joinpath("data", name).read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


class NameFinder:
    """Finds person names; compiled cue patterns and the gazetteer belong to the instance."""

    def __init__(self, languages: list[str]) -> None:
        self.first_names = _load_list("first_names.txt")
        self.first_lower = frozenset(n.lower() for n in self.first_names)
        self.ambiguous = _load_list("ambiguous_first_names.txt")
        self.languages = languages
        self._cue_cache: dict[str, tuple[re.Pattern[str], ...]] = {}
        name_seq = rf"{NAME_TOKEN}(?:[ \t]+(?:{PARTICLES}[ \t]+)*{NAME_TOKEN}){{0,3}}"
        self.name_seq = re.compile(name_seq)
        self.name_seq_at = re.compile(rf"[ \t]*({name_seq})")
        self.lower_seq_at = re.compile(rf"[ \t]*({LOWER_TOKEN}(?:[ \t]+{LOWER_TOKEN})?)")
        self.token = re.compile(NAME_TOKEN)
        self.name_line = re.compile(
            rf"^[ \t>?]*({NAME_TOKEN}(?:[ \t]+(?:{PARTICLES}[ \t]+)*{NAME_TOKEN}){{1,3}})[ \t]*$",
            re.MULTILINE,
        )

    def _cues(self, lang: str | None) -> tuple[re.Pattern[str], ...]:
        key = lang or "*"
        if key not in self._cue_cache:
            langs = [lang] if lang in ("en", "de", "nl") else self.languages

            def join(cues: dict[str, str]) -> str:
                return "|".join(cues[x] for x in langs)

            i = re.IGNORECASE
            strong = re.compile(
                rf"(?<![\w])(?:{join(STRONG_CUES)}|{join(RELATION_CUES)})[ \t]*[:,]?[ \t]*", i
            )
            weak = re.compile(rf"(?<![\w])(?:{join(WEAK_CUES)})[ \t]*,?[ \t]*", i)
            title = re.compile(rf"(?<![\w])(?:{TITLE_CUES})\.?[ \t]+", i)
            greet = re.compile(rf"(?:^|(?<=[\n>]))[ \t]*(?:{join(GREETING_CUES)})[ \t]+", i | re.M)
            signoff = re.compile(
                rf"(?:^|(?<=[\n>.!]))[ \t]*(?:{join(SIGNOFF_CUES)})[ \t]*[,!.]?[ \t]*\n?[ \t>]*",
                i | re.M,
            )
            self._cue_cache[key] = (strong, weak, title, greet, signoff)
        return self._cue_cache[key]

    def find(
        self, text: str, lang: str | None, anchors: list[int] | None = None
    ) -> list[Candidate]:
        """`anchors`: where addresses, phones and e-mails start; a line holding only a name
        just above them (a signature or address block) is a name."""
        anchors = anchors or []
        strong, weak, title, greet, signoff = self._cues(lang)
        found: list[tuple[int, int]] = []
        for m in title.finditer(text):
            found.extend(self._name_after(text, m.end(), need_first=False))
        for rx in (strong, greet, signoff):
            for m in rx.finditer(text):
                found.extend(
                    self._name_after(text, m.end(), need_first=False, lower_ok=rx is strong)
                )
        for m in weak.finditer(text):
            found.extend(self._name_after(text, m.end(), need_first=True))
        found.extend(self._gazetteer(text))
        found.extend(self._name_lines(text, anchors))
        found.extend(self._propagate(text, found))
        return [Candidate(s, e, "PERSON", 50) for s, e in found]

    def _name_after(
        self, text: str, pos: int, *, need_first: bool, lower_ok: bool = False
    ) -> list[tuple[int, int]]:
        m = self.name_seq_at.match(text, pos)
        if m is None:
            if lower_ok:
                low = self.lower_seq_at.match(text, pos)
                if low and low.group(1).split()[0] in self.first_lower:
                    return [(low.start(1), low.end(1))]
            return []
        start, end = m.start(1), m.end(1)
        tokens = m.group(1).split()
        if tokens[0].lower() in NOT_NAMES and not (
            tokens[0].lower() in CAP_PARTICLES and len(tokens) > 1
        ):
            return []
        # Trim trailing words that are no name ("Anna Thanks", "Jan Bestellung" is rare).
        kept = self._trim(text, start, tokens)
        if not kept:
            return []
        end = kept
        first = tokens[0]
        if need_first and (first not in self.first_names or first in self.ambiguous):
            return []
        if len(text[start:end]) < 2 or (text[start:end].endswith(".") and end - start <= 2):
            return []
        return [(start, end)]

    def _trim(self, text: str, start: int, tokens: list[str]) -> int:
        pos = start
        end = start
        for tok in tokens:
            idx = text.index(tok, pos)
            if tok.lower() in NOT_NAMES and end > start:
                break
            pos = idx + len(tok)
            if tok[0].isupper():
                end = pos
        return end

    def _gazetteer(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        covered = -1
        for tok in self.token.finditer(text):
            first = tok.group()
            if tok.start() < covered or first not in self.first_names:
                continue
            if first.lower() in NOT_NAMES:
                continue
            m = self.name_seq_at.match(text, tok.start())
            if m is None:
                continue
            s = tok.start()
            tokens = m.group(1).split()
            multi = (
                len(tokens) > 1 and tokens[1][0].isupper() and tokens[1].lower() not in NOT_NAMES
            )
            if first in self.ambiguous and not multi:
                continue
            end = self._trim(text, s, tokens)
            if end > s:
                out.append((s, end))
                covered = end
        return out

    def _name_lines(self, text: str, anchors: list[int]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        if not anchors:
            return out
        for m in self.name_line.finditer(text):
            tokens = m.group(1).split()
            if any(t.lower() in NOT_NAMES for t in tokens if t.lower() not in CAP_PARTICLES):
                continue
            # The anchor must start within the next three lines.
            window_end = m.end()
            for _ in range(3):
                nxt = text.find("\n", window_end + 1)
                window_end = len(text) if nxt < 0 else nxt
            if any(m.end() < a <= window_end for a in anchors):
                out.append((m.start(1), m.end(1)))
        return out

    def _propagate(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        words: set[str] = set()
        for s, e in found:
            for tok in text[s:e].split():
                if (
                    len(tok) >= 3
                    and tok[0].isupper()
                    and tok.lower() not in NOT_NAMES
                    and tok not in self.ambiguous
                    and not tok.endswith(".")
                ):
                    words.add(tok)
        if not words:
            return []
        rx = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, sorted(words))) + r")(?![\w])")
        return [(m.start(), m.end()) for m in rx.finditer(text)]
