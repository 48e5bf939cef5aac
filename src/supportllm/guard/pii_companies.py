"""Businesses and job titles that look like person names (PII, round 12).

Shops, practices and firms are often named after a person: "Harriet Lane Interiors", "Doyle
Family Dental", "Albers Steuerberatung", "Gustav Reinholt Wohnen", "Henk Visscher Tweewielers",
"Karl Brenninger GmbH". A name followed (on the same line, within two more capitalised words) by
a trade word or a legal form names the business, not a person; the name finder (pii_names.py)
leaves it alone. The same goes for the line under a name in a signature that gives a job title
("Senior Procurement Officer") or a company ("Halden Logistics Ltd"), and for a few brands that
carry a founder's name ("Albert Heijn", "Tommy Hilfiger"), and for a quoted name in a sentence
about a product or tariff ("der Tarif „Hans im Glück“", round 12).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["BRANDS", "CompanyWords", "is_business", "is_title_or_company"]

# Legal forms and trade words after a name: the name is a business. Trade words that are also
# common surnames ("Slager", "Bouw", "Hof", "Handel", "Schmuck") are left out.
_TRADE: Final = frozenset(
    w.lower()
    for w in (  # noqa: SIM905
        # legal forms
        "GmbH gGmbH AG KG OHG UG GbR eK e.K. mbH Ltd Ltd. Limited LLC LLP Inc Inc. Corp plc PLC "
        "BV B.V. NV N.V. VOF V.O.F. SA S.A. SL S.L. SARL SRL Srl Co Co. & Cie "
        # English trades
        "Interiors Interior Furniture Dental Dentistry Optician Opticians Pharmacy Chemist "
        "Solicitors Lawyers Accountants Accountancy Consulting Consultancy Logistics Lettings "
        "Estates Properties Property Homes Motors Garage Garages Autos Automotive Bakery "
        "Butchers Florist Florists Salon Studio Studios Design Designs Media Marketing Travel "
        "Tours Transport Removals Plumbing Electrical Electricians Builders Construction Roofing "
        "Kitchens Bathrooms Flooring Carpets Cleaning Catering Events Fashion Boutique Jewellers "
        "Jewelers Shoes Books Bookshop Cycles Bikes Sports Tailoring Tailors Veterinary Vets "
        "Surgery Practice Clinic Physio Physiotherapy Opticians Insurance Investments Finance "
        "Trading Imports Supplies Wholesale Brewery Distillery Winery Vineyard Farms "
        "Nurseries Kennels Academy Partners Associates Group Holdings Enterprises Industries "
        "Ventures Services Solutions Systems Technologies Software Labs Foods Cafe Café "
        "Restaurant Bistro Pub Hotel Sons Brothers Bros Joinery Carpentry Leather Leathergoods "
        "Engineering Upholstery Saddlery Pottery Ceramics Glazing Ironworks Metalworks Wines "
        "Spirits Cellars Vintners Coffee Roasters Chocolates Confectionery Popcorn Deli "
        # buildings and residences named after someone ("Résidence Al Yasmine")
        "Résidence Residence Residencia Residenz Immeuble Edificio Edifício Condominio "
        # German trades
        "Steuerberatung Steuerberater Rechtsanwälte Rechtsanwalt Kanzlei Notariat Wohnen Möbel "
        "Einrichtung Einrichtungen Immobilien Hausverwaltung Autohaus Kfz Bäckerei Metzgerei "
        "Fleischerei Konditorei Optik Augenoptik Apotheke Zahnarztpraxis Praxis Physiotherapie "
        "Reisen Touristik Transporte Spedition Umzüge Bauunternehmen Haustechnik Sanitär "
        "Elektro Elektrotechnik Heizung Dachdeckerei Malerbetrieb Schreinerei Tischlerei "
        "Gartenbau Landschaftsbau Handelsgesellschaft Vertrieb Versand Druckerei "
        "Verlag Moden Schuhe Juwelier Blumen Friseur Friseure Kosmetik Fahrräder "
        "Zweiräder Küchen Bäder Fliesen Gebäudereinigung Reinigung Versicherungen "
        "Hausmeisterei Hausmeisterservice Poststelle Rezeption "
        "Finanzberatung Beratung Consult Werkstatt Gasthof Gasthaus Weingut Söhne Backstube "
        "Backshop Backwaren Manufaktur Feinkost Lederwaren Maschinenbau Metallbau Glaserei "
        # Dutch trades
        "Tweewielers Fietsen Rijwielen Meubelen Meubels Wonen Interieur Makelaardij Makelaars "
        "Vastgoed Garagebedrijf Autobedrijf Bakkerij Slagerij Opticien Optiek Apotheek "
        "Tandartsen Tandartspraktijk Fysiotherapie Reizen Transportbedrijf Verhuizingen "
        "Bouwbedrijf Installatietechniek Installatie Loodgieter Schilders Schildersbedrijf "
        "Hoveniers Tuinen Handelsonderneming Groothandel Drukkerij Uitgeverij Schoenen "
        "Juwelier Bloemen Kapsalon Kappers Schoonheidssalon Keukens Badkamers Tegels "
        "Schoonmaak Schoonmaakbedrijf Verzekeringen Administratiekantoor Advocaten Notarissen "
        "Accountants Adviseurs Advies Catering Eethuis Cafetaria Zonwering Kozijnen Zonen "
        "Lederwaren Timmerbedrijf Timmerwerken Bakkerswinkel Broodjeszaak "
        # shops of fabrics, toys, antiques (round 14: "Tante Truus Stoffen")
        "Stoffen Stoffe Fabrics Textiles Textiel Textil Speelgoed Spielwaren Toys Antiek "
        "Antiques Antiquitäten Drogisterij Drogerie Vishandel Kaashandel"
    ).split()
)
# Job titles: a signature line made of them is no name ("Senior Procurement Officer").
_TITLE_WORDS: Final = frozenset(
    w.lower()
    for w in (  # noqa: SIM905
        "Senior Junior Chief Head Lead Principal Deputy Assistant Associate Executive Officer "
        "Manager Director Coordinator Co-ordinator Administrator Analyst Specialist Engineer "
        "Consultant Advisor Adviser Representative Agent Supervisor Secretary Clerk Accountant "
        "Controller Buyer Owner Founder President Partner Practice Office Operations "
        "Procurement Purchasing Sales Marketing Accounts Finance Billing Customer Service "
        "Support Technical Team Leader Project Product Program Programme Account Facilities "
        "Logistics Warehouse Human Resources HR IT Legal Compliance Geschäftsführer "
        "Geschäftsführerin Leiter Leiterin Abteilungsleiter Abteilungsleiterin Sachbearbeiter "
        "Sachbearbeiterin Steuerberater Steuerberaterin Rechtsanwalt Rechtsanwältin Einkauf "
        "Einkäufer Einkäuferin Buchhaltung Vertrieb Inhaber Inhaberin Prokurist Prokuristin "
        "Assistenz Kundenbetreuer Kundenbetreuerin Referent Referentin Bedrijfsleider Eigenaar "
        "Eigenaresse Directeur Directrice Inkoop Inkoper Administratie Boekhouding Verkoop "
        "Medewerker Medewerkster Afdeling Teamleider Hoofd Adviseur Adviseuse Office-manager "
        "Officemanager"
    ).split()
)
_ARTICLES: Final = frozenset(
    ("Al", "El", "La", "Le", "Les", "De", "Du", "Des", "Het", "Den", "Der")
)
BRANDS: Final = frozenset(
    (
        "Albert Heijn",
        "Dirk van den Broek",
        "Hans Anders",
        "Marks & Spencer",
        "Marks and Spencer",
        "John Lewis",
        "Ted Baker",
        "Paul Smith",
        "Tommy Hilfiger",
        "Calvin Klein",
        "Ralph Lauren",
        "Hugo Boss",
        "Karl Lagerfeld",
        "Tom Tailor",
        "Peek & Cloppenburg",
        "Jack Wolfskin",
        "Louis Vuitton",
        "Giorgio Armani",
        "Michael Kors",
        "Kate Spade",
        "Tory Burch",
        "Stella McCartney",
        "Vivienne Westwood",
        "Estée Lauder",
        "Helena Rubinstein",
        "Ben Sherman",
        "Fred Perry",
        "Dr. Martens",
        "Dr Martens",
        "Dr. Oetker",
        "Jack Daniels",
        "Jack Daniel's",
        "Johnnie Walker",
        "Ben & Jerry's",
        "Carl Zeiss",
        "Robert Bosch",
        "Max Bahr",
        "Jan Linders",
        "Henri Willig",
        "Marc O'Polo",
        "Tom Ford",
        "Harvey Nichols",
        "Ronald McDonald",
        "Jil Sander",
        "Christian Dior",
        "Yves Saint Laurent",
        "Vera Wang",
        "Victoria Beckham",
        "Dolce & Gabbana",
        "Bruno Banani",
        "Christian Louboutin",
        "Paul Hewitt",
        "Thomas Sabo",
    )
)


class CompanyWords:
    """Compiled checks for business names around a name."""

    def __init__(self) -> None:
        self._word = re.compile(r"[ \t]+(?:&[ \t]+)?([\w'’.&-]+)")
        brands = "|".join(re.escape(b) for b in sorted(BRANDS, key=len, reverse=True))
        self._brand = re.compile(rf"(?<![\w])(?:{brands})(?![\w])")
        # a product or tariff word earlier in the sentence of a quoted name
        self._product = re.compile(
            r"(?i)(?<![\w])(?:produkt|product|tarif|tariff|plan|paket|pakket|package|bundle|"
            r"abonnement|modell|model|serie|series|edition|versie|version)(?![\w])[^.!?\n]*$"
        )
        self._brand_at: dict[str, list[str]] = {}
        for brand in BRANDS:
            for word in set(brand.split()):
                self._brand_at.setdefault(word, []).append(brand)

    def business_after(self, text: str, end: int) -> bool:
        """Whether a name ending at ``end`` starts a business name: up to two more capitalised
        words, then a trade word or a legal form, on the same line."""
        pos = end
        for _ in range(3):
            m = self._word.match(text, pos)
            if m is None:
                return False
            raw = m.group(1)
            word = raw.rstrip(".,;:!?“”\"'")
            if not word[:1].isupper() and word != "&":
                return False  # "mit Jan fietsen", "bei Anna wohnen": a verb, not a trade
            if word.lower() in _TRADE or word.rstrip(".").lower() in _TRADE:
                return True
            if raw[-1] in ",;:!?":
                return False
            pos = m.end()
        return False

    def business_before(self, text: str, start: int) -> bool:
        """Whether a trade word stands right before a name ("Autohaus Gerd Lemke", "Bakkerij
        Visser", "Brillen „Anna Roth“")."""
        words = text[max(0, start - 30) : start].rstrip(" \t„“\"'").rsplit(None, 2)
        if not words or text[start - 1 : start] not in (" ", "\t", "„", "“", '"', "'"):
            return False
        word = words[-1]
        if len(words) > 1 and word in _ARTICLES:  # "Résidence Al Yasmine", "Villa De Rozen"
            word = words[-2]
        return word[:1].isupper() and word.lower() in _TRADE

    def product_quote(self, text: str, start: int) -> bool:
        """Whether a name opening a quotation names a product or tariff of that sentence
        ("das Produkt „Max Comfort“ heißt nur noch „Comfort Plus“", "the plan "Jack Pro"")."""
        if text[start - 1 : start] not in ("„", "“", '"', "«", "‚", "‘") or start < 2:
            return False
        return self._product.search(text, max(0, start - 80), start - 1) is not None

    def in_brand(self, text: str, start: int, end: int, words: list[str]) -> bool:
        """Whether the name at ``start:end`` (its ``words``) is part of a brand's name."""
        for word in words:
            for brand in self._brand_at.get(word, ()):
                lo = max(0, start - len(brand))
                if any(
                    m.start() < end and start < m.end()
                    for m in self._brand.finditer(text, lo, end + len(brand))
                ):
                    return True
        return False


def is_title_or_company(tokens: list[str]) -> bool:
    """A signature line that gives a job title or a company rather than a name."""
    return any(t.lower() in _TITLE_WORDS or t.lower() in _TRADE for t in tokens)


def is_business(tokens: list[str]) -> bool:
    """A sequence of capitalised words that holds a trade word or a legal form."""
    return any(t[:1].isupper() and t.rstrip(".,;:").lower() in _TRADE for t in tokens)
