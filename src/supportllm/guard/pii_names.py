"""Person names in EN/DE/NL text without a statistical model: context cues (introductions,
titles, roles, greetings, sign-offs, verbs of saying after a name), first-name and surname
gazetteers, capitalisation, lists of names ("Kónya, Becker and Vasquez"), and propagation of a
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
    "en": r"my name is|my name's|name is|name:|full name:|"
    r"(?:first|last|full|sur|family)\s?name[:?]?|"
    r"name(?: on the (?:account|card))?\?(?:[ \t]*\n?[ \t]*(?:user|customer|client|me)[ \t]*:)?|"
    r"account holder:?|cardholder:?|"
    r"card holder:?|on behalf of|contact person:?",
    "de": r"ich heiße|ich heisse|mein name ist|name:|vorname:?|nachname:?|familienname:?|"
    r"mein name lautet|im auftrag von|(?:vor|nach|familien)name\?|"
    r"im namen von|kontoinhaber(?:in)?:?|karteninhaber(?:in)?:?|ansprechpartner(?:in)?:?|"
    r"vertreten durch",
    "nl": r"mijn naam is|ik heet|naam:|voornaam:?|achternaam:?|namens|rekeninghouder:?|"
    r"ten name van|t\.n\.v\.|(?:achter|voor|familie)naam\?|"
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
    ).split()
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
        self.surnames = _load_list("surnames.txt")
        self.languages = languages
        self._cue_cache: dict[str, tuple[re.Pattern[str], ...]] = {}
        name_seq = rf"{NAME_TOKEN}(?:[ \t]+(?:{PARTICLES}[ \t]+)*{NAME_TOKEN}){{0,3}}"
        self.name_seq = re.compile(name_seq)
        self.name_seq_at = re.compile(rf"[ \t]*({name_seq})")
        self.lower_seq_at = re.compile(rf"[ \t]*({LOWER_TOKEN}(?:[ \t]+{LOWER_TOKEN})?)")
        self.token = re.compile(NAME_TOKEN)
        self.before_verb = re.compile(rf"(?<![\w])({name_seq})(?={VERB_AFTER})")
        member = rf"{NAME_TOKEN}(?:[ \t]+{NAME_TOKEN})?"
        self.name_list = re.compile(
            rf"(?<![\w])({member})((?:,[ \t]*{member})*){LIST_JOINER}({member})(?![\w])"
        )
        roles = "|".join(ROLE_CUES.values())
        self.role_word = re.compile(rf"(?:{roles}|{TITLE_CUES})\.?", re.IGNORECASE)
        self.joiner_after = re.compile(rf"{LIST_JOINER}({NAME_TOKEN})(?![\w])")
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
            role = re.compile(rf"(?<![\w])(?:{join(ROLE_CUES)})[ \t]*:?[ \t]*", i)
            self._cue_cache[key] = (strong, weak, title, greet, signoff, role)
        return self._cue_cache[key]

    def find(
        self, text: str, lang: str | None, anchors: list[int] | None = None
    ) -> list[Candidate]:
        """`anchors`: where addresses, phones and e-mails start; a line holding only a name
        just above them (a signature or address block) is a name."""
        anchors = anchors or []
        strong, weak, title, greet, signoff, role = self._cues(lang)
        found: list[tuple[int, int]] = []
        for m in role.finditer(text):
            found.extend(self._name_after(text, m.end(), need_first=False, need_two=True))
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
        found.extend(self._surname_pairs(text))
        found.extend(self._before_verbs(text))
        found.extend(self._name_lines(text, anchors))
        found.extend(self._lists(text, found))
        found.extend(self._propagate(text, found))
        return [Candidate(s, e, "PERSON", 50) for s, e in found]

    def _known(self, token: str) -> bool:
        """A first name or surname that is not also a common word."""
        return (token in self.first_names and token not in self.ambiguous) or (
            token in self.surnames
        )

    def _plausible(self, tokens: list[str]) -> bool:
        return not any(t.lower() in NOT_NAMES or t.lower() in NON_PERSON for t in tokens) or (
            tokens[0].lower() in CAP_PARTICLES and len(tokens) > 1
        )

    def _name_after(
        self,
        text: str,
        pos: int,
        *,
        need_first: bool,
        lower_ok: bool = False,
        need_two: bool = False,
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
        if need_two:
            kept_tokens = text[start:end].split()
            if any(t.lower() in NON_PERSON for t in kept_tokens):
                return []
            if len([t for t in kept_tokens if t[0].isupper()]) < 2 and not self._known(first):
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

    def _surname_pairs(self, text: str) -> list[tuple[int, int]]:
        """A capitalised word (or initial) followed by a known surname: "Asya Godina",
        "Soib K. Kishiev"; nothing that reads as a street, company or place."""
        out: list[tuple[int, int]] = []
        for m in self.name_seq.finditer(text):
            if (
                (m.start() > 0 and text[m.start() - 1].isalnum())
                or text[m.end() : m.end() + 1] in ("/", "-", "_")
                or (m.end() < len(text) and text[m.end()].isalnum())
            ):
                continue  # inside a word or a compound: "GitHub Pages", "StackEdit", "Parent/Child"
            tokens = m.group().split()
            while tokens and (
                tokens[0].lower() in NOT_NAMES or self.role_word.fullmatch(tokens[0])
            ):
                tokens = tokens[1:]
            if len(tokens) == 1 and tokens[0] in self.surnames and m.start() > 1:
                prev = text[: m.start()].rstrip()
                if prev and prev[-1] not in ".!?:\n\"'(" and self._plausible(tokens):
                    out.append((m.end() - len(tokens[0]), m.end()))
                continue
            if len(tokens) < 2 or not any(t in self.surnames for t in tokens[1:]):
                continue
            if not self._plausible(tokens) or tokens[0].endswith("."):
                continue
            if re.match(r"[ \t]*[\d(]", text[m.end() : m.end() + 3]):
                continue  # a model with its number ("Speedport Smart 4"), not a person
            start = m.start() + m.group().index(tokens[0])
            out.append((start, start + len(" ".join(tokens))) if " ".join(tokens) in m.group()
                       else (start, m.end()))  # fmt: skip
        return out

    def _before_verbs(self, text: str) -> list[tuple[int, int]]:
        """A capitalised sequence before a verb only people do: two words, or a known name."""
        out: list[tuple[int, int]] = []
        for m in self.before_verb.finditer(text):
            tokens = m.group(1).split()
            while tokens and (
                tokens[0].lower() in NOT_NAMES or self.role_word.fullmatch(tokens[0])
            ):
                tokens = tokens[1:]
            if not tokens or not self._plausible(tokens):
                continue
            caps = [t for t in tokens if t[0].isupper()]
            if len(caps) < 2 and not self._known(tokens[0]):
                continue
            out.append((m.end(1) - len(m.group(1)) + m.group(1).index(tokens[0]), m.end(1)))
        return out

    def _lists(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Names in a list: "Kónya, Becker and Vasquez" when two members are known names (or
        already found), and a known name joined to a name found elsewhere ("Gladys and Logan")."""
        out: list[tuple[int, int]] = []
        starts = {s for s, _ in found}
        for m in self.name_list.finditer(text):
            members: list[tuple[int, int]] = []
            for g in (1, 2, 3):
                for sub in re.finditer(r"[^,]+", m.group(g)):
                    raw = sub.group()
                    tok = raw.strip()
                    if tok:
                        s = m.start(g) + sub.start() + raw.index(tok)
                        members.append((s, s + len(tok)))
            tokens = [text[s:e] for s, e in members]
            if any(not self._plausible(t.split()) for t in tokens):
                continue
            known = sum(
                1
                for (s, _), t in zip(members, tokens, strict=True)
                if s in starts or all(self._known(w) for w in t.split())
            )
            if known >= 2:
                out.extend(members)
        for _s, e in found + out:
            j = self.joiner_after.match(text, e)
            if j and self._known(j.group(1)) and self._plausible([j.group(1)]):
                out.append((j.start(1), j.end(1)))
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
