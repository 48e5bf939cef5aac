"""Capitalised words that look like a name found by a cue or the gazetteer but are something
else (PII, round 13, second pass):

- one word that starts a compound with a lower-case second part of four letters or more:
  "Hema-taart", "Tesla-ladekabel" is a thing ("Hoffmann-Ilić", "Kim Min-jun" stay names);
- a shop of two first names with a possessive and more of its name: "Joe & Seph's Gourmet
  Popcorn" ("Anna & Ben's mum" are people);
- a nationality or an occupation after "ich bin / I'm / ik ben": "ich bin Schweizer", "I'm
  Irish", "ik ben Belg", "ich bin Rentnerin" (a surname "Schweizer" elsewhere stays a name);
- a quoted name right before a product noun: the "Marc O'Polo" jumper, „Lena“ Sofa (round 16:
  kitchen goods too, and one word between: the 'Nigella Lawson' baking set);
- a name in a Dutch saying (round 14, with the Dutch call names): "klaar is Kees" (that's
  done), "Jan Modaal" (the average earner), "Jan en alleman", "Jan met de pet";
- round 14b: the person a street is named after ("Jan Pieterszoon Coenstraat 19", "Willem de
  Zwijgerlaan 4", "Karl-Marx-Straße"): a name whose last word, or the word right after it, is
  a compound street word; a team or desk as a mail's sender ("Van: Klantendienst", "Von:
  Kundenservice", "From: Customer Support").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from supportllm.guard.case_split import split_compiled

__all__ = ["NotPersons"]

_NATIONALITIES: Final = frozenset(
    w.lower()
    for w in (  # noqa: SIM905
        # English
        "English British Irish Scottish Welsh Dutch German French Belgian Swiss Austrian "
        "Polish Italian Spanish Portuguese Turkish American Canadian Australian Danish Swedish "
        "Norwegian Finnish Greek Indian Chinese Japanese Brazilian Mexican Nigerian "
        # German (both genders)
        "Schweizer Schweizerin Deutscher Deutsche Österreicher Österreicherin Niederländer "
        "Niederländerin Holländer Holländerin Belgier Belgierin Brite Britin Engländer "
        "Engländerin Ire Irin Schotte Schottin Franzose Französin Italiener Italienerin Spanier "
        "Spanierin Portugiese Portugiesin Pole Polin Türke Türkin Grieche Griechin Amerikaner "
        "Amerikanerin Kanadier Kanadierin Däne Dänin Schwede Schwedin Norweger Norwegerin "
        "Luxemburger Luxemburgerin Rentner Rentnerin Student Studentin Lehrer Lehrerin "
        "Selbstständig Selbständig Privatkunde Privatkundin Neukunde Neukundin Stammkunde "
        "Stammkundin Mieter Mieterin Vermieter Vermieterin Eigentümer Eigentümerin "
        # Dutch
        "Nederlander Nederlandse Belg Belgische Vlaming Duitser Duitse Brit Engelsman Engelse "
        "Ier Ierse Fransman Franse Pool Poolse Turk Turkse Marokkaan Marokkaanse Surinamer "
        "Surinaamse Amerikaan Amerikaanse Italiaan Italiaanse Spanjaard Spaanse Portugees "
        "Portugese Zwitser Zwitserse Oostenrijker Oostenrijkse Deen Deense Zweed Zweedse"
    ).split()
)
_PRODUCT_NOUNS: Final = (
    r"jumper|sweater|hoodie|shirt|t-shirt|blouse|jacket|coat|dress|skirt|jeans|trousers|"
    r"shoes|boots|trainers|sneakers|bag|handbag|wallet|perfume|fragrance|scent|watch|sofa|"
    r"chair|lamp|bed|mattress|set|kit|range|collection|line|model|pullover|jacke|mantel|"
    r"kleid|hose|schuhe|stiefel|tasche|parfüm|uhr|sofa|sessel|lampe|trui|jas|jurk|broek|"
    r"schoenen|laarzen|tas|horloge|bank|stoel|lamp|"
    # round 16: kitchen and household goods sold under a cook's or a designer's name
    r"pan|pans|pot|pots|cookware|knife|knives|cookbook|blender|mixer|kettle|toaster|mug|mugs|"
    r"bedding|duvet|pfanne|pfannen|topf|töpfe|messer|pannen|pannenset|messen|kookboek|toy|toys|"
    r"plush|tea|tin|tins|spielzeug|speelgoed|thee"
)


# Compound street words (string ends: cheaper than a pattern, run for every name found).
_STREET_ENDS: Final = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "straße", "strasse",
    "allee", "platz", "gasse", "strjitte", "leane",
)  # fmt: skip
# A team or desk, not a person, as a one-word sender.
_DESK_ENDS: Final = (
    "dienst", "service", "support", "team", "afdeling", "abteilung", "helpdesk", "desk",
    "administratie", "buchhaltung", "verkoop", "vertrieb", "sales", "billing", "noreply",
    "no-reply",
)  # fmt: skip


# A word glued to a capitalised second part after a head of four letters or more is a
# product or a brand's account ("KettleMax", "PowerPoint", "QuickDrop"); "McKay", "MacLeod",
# "DeShawn" have a shorter head. When both halves are known names the word is a name written
# as one ("JeanPierre", "MaryAnn", "FitzGerald"): see glued_product.
_GLUED: Final = re.compile(r"([A-ZÄÖÜ][a-zäöüß]{3,})([A-ZÄÖÜ][a-zäöüß]+)")


def glued_product(word: str, known: Callable[[str], bool]) -> bool:
    """Whether ``word`` is a product glued to a second part and not two names glued together
    (``known`` says whether a word, in lower case, is a known first name or surname)."""
    m = _GLUED.fullmatch(word)
    return m is not None and not (known(m.group(1).lower()) and known(m.group(2).lower()))


# Month names and their short forms, which are also first names ("sold it in Jan", "since
# April", "Juni 2024"): a date when a day or year follows or a strictly temporal word stands
# before; not after "from", "voor", "by", "vor", which also stand before a person ("Message
# from Jan", "De bloemen zijn voor Jan").
_MONTHS: Final = frozenset(
    ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
     "april", "may", "june", "july", "august", "juni", "juli", "augustus", "mei", "maart")
)  # fmt: skip
_TIME_BEFORE: Final = re.compile(
    r"(?i)(?<![\w])(?:in|im|since|until|till|early|mid|late|end of|beginning of|start of|"
    r"last|next|seit|ende|anfang|mitte|letzten|nächsten|vorigen|sinds|eind|begin|medio|"
    r"afgelopen|vorige)[ \t]+$"
)
_DAY_AFTER: Final = re.compile(r"\.?[ \t]+(?:\d{1,2}(?:st|nd|rd|th)?\b|'?\d{2,4}\b)")
# Firms named after their founders, as a brand of a thing: "een Bosch boormachine", "my Dyson
# hoover", "die Miele Waschmaschine", "Bosch WAN28281GB": only after an article or before a
# model code, so "Mr Ford called" and "Anna Braun" stay names.
_EPONYMS: Final = frozenset(
    ("philips", "dyson", "miele", "bosch", "siemens", "braun", "hoover", "kenwood", "grundig",
     "liebherr", "gillette", "porsche", "ferrari", "tesla", "dell", "ford", "opel", "peugeot",
     "renault", "citroën", "citroen", "chevrolet", "honda", "toyota", "kellogg", "heinz",
     "disney", "bose")
)  # fmt: skip
_ARTICLE_BEFORE: Final = re.compile(
    r"(?i)(?<![\w])(?:a|an|the|my|our|your|een|de|het|mijn|onze|uw|je|ein|eine|einen|einem|der|"
    r"die|das|den|dem|mein|meine|meinen|unser|unsere|ihr|ihre)[ \t]+$"
)
_MODEL_AFTER: Final = re.compile(r"[ \t]+[A-Z]{0,4}\d[\w-]*(?![\w])")


# What a form's name field says when no name was given ("First name: NONE", "Surname: NOT
# PROVIDED", "Vorname: KEINE", "Achternaam: ONBEKEND"; round 15).
_PLACEHOLDERS: Final = frozenset(
    ("none", "unknown", "n/a", "na", "nvt", "n.v.t.", "tbc", "tba", "tbd", "keine", "kein",
     "keiner", "geen", "onbekend", "unbekannt", "not", "provided", "given", "applicable",
     "withheld", "pending", "null", "nil", "test", "xxx", "same", "see", "above", "below",
     "attached", "leer", "leeg", "nicht", "angegeben", "niet", "opgegeven", "ingevuld",
     "anonymous", "anonym", "anoniem", "redacted", "blank", "empty", "missing", "angabe",
     "angaben", "opgave", "info", "information")
)  # fmt: skip


def _other_word(text: str, start: int, end: int, name: str, known: Callable[[str], bool]) -> bool:
    """A placeholder, a product glued to a second part, a month, or a founder's brand."""
    if all(w.lower().strip(".,") in _PLACEHOLDERS for w in name.split()):
        return True
    if " " in name:
        return False
    if glued_product(name, known):
        return True
    low = name.lower().rstrip(".")
    if low in _MONTHS:
        return bool(
            _TIME_BEFORE.search(text, max(0, start - 14), start) or _DAY_AFTER.match(text, end)
        )
    if low in _EPONYMS:
        return bool(
            _MODEL_AFTER.match(text, end) or _ARTICLE_BEFORE.search(text, max(0, start - 8), start)
        )
    return False


_FROM_WORDS: Final = ("van", "von", "uit", "aus", "from", "of", "op", "aan", "in", "an")


def _street_named(text: str, end: int, name: str) -> bool:
    """Whether the name's last word, or the word right after it, is a compound street word
    ("Coenstraat", "Zwijgerlaan", "-Straße") followed by a house number."""
    words = name.split()
    if words:
        last = words[-1].lower()
        # not "mevrouw De Wit van Kastanjelaan 12": a person from a street
        from_street = len(words) > 1 and words[-2].lower() in _FROM_WORDS
        if len(last) > 6 and last.endswith(_STREET_ENDS) and not from_street:
            return text[end : end + 6].lstrip(" \t")[:1].isdigit()
    after = text[end : end + 48]
    if after[:1] not in (" ", "\t", "-"):
        return False
    nxt = after[1:].split(None, 2)
    return (
        len(nxt) >= 2
        and len(nxt[0]) > 6
        and nxt[0].lower().endswith(_STREET_ENDS)
        and nxt[1][:1].isdigit()
    )


class NotPersons:
    """Compiled checks for the look-alikes above; ``known`` says whether a word, in lower
    case, is a known first name or surname."""

    def __init__(self, known: Callable[[str], bool]) -> None:
        self._known = known
        self._shop = re.compile(
            r"[ \t]*&[ \t]*[A-ZÀ-Þ][\w]*['’]s[ \t]+[A-ZÀ-Þ]"  # a shop's name goes on
        )
        self._compound = re.compile(r"-[a-zà-ÿ]{4,}")
        self._intro = re.compile(
            r"(?i)(?<![\w])(?:ich bin|bin|i am|i'm|i’m|ik ben|wir sind|we are|wij zijn)[ \t]+$"
        )
        # one word may stand between ("the 'Anna Weber' cast-iron pan"), not a verb's
        # ("'Anna' to set up")
        self._product = re.compile(
            r"[ \t]+(?:(?!(?:to|and|or|is|was|will|can|has|had|did|the|a|an|in|on|at|for|with|"
            r"zu|und|oder|ist|war|hat|en|te|is|was|heeft)[ \t])[a-zäöü-]+[ \t]+)?"
            rf"(?:{_PRODUCT_NOUNS})(?![\w])",
            re.IGNORECASE,
        )
        # the quote opens right before the name or before a title in it ("'Sir Wigglesworth'")
        self._quote_before = re.compile(r"[\"“„'‘«](?:[A-Z][\w.]*[ \t]+){0,2}$")
        self._saying = split_compiled(
            r"(?<![\w])(?:klaar is kees|jan modaal|jan en alleman|jan met de pet)(?![\w])",
            re.IGNORECASE,
        )

    def any(self, text: str, start: int, end: int) -> bool:
        """Whether the name candidate at ``start:end`` (cut at a word's end) is none."""
        nxt = text[end : end + 2]
        name = text[start:end]
        if _other_word(text, start, end, name, self._known):
            return True
        if _street_named(text, end, name):
            return True  # "Jan Pieterszoon Coenstraat 19", "Willem de Zwijgerlaan 4"
        if " " not in name and name.lower().endswith(_DESK_ENDS):
            return True  # "Van: Klantendienst"
        if nxt[:1] == "-" and " " not in text[start:end] and self._compound.match(text, end):
            return True  # "Hema-taart"; not "Kim Min-jun", whose given name is two words
        if nxt[:1] in (" ", "\t", "&") and self._shop.match(text, end):
            return True
        for m in self._saying.finditer(text, max(0, start - 10), end + 16):
            if m.start() <= start and end <= m.end():
                return True
        if (
            text[start:end].lower() in _NATIONALITIES
            and self._intro.search(text, max(0, start - 12), start) is not None
        ):
            return True
        if text[end : end + 1] in ('"', "”", "“", "'", "’", "»") and self._quote_before.search(
            text, max(0, start - 24), start
        ):
            return self._product.match(text, end + 1) is not None
        return False
