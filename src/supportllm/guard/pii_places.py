"""Place names that are also surnames in guard/data/surnames.txt (PII, round 11).

A known surname standing alone in a sentence is read as a person ("I spoke to Kowalski"); when it
is also the name of a country or a well-known city ("moved back to Porto", "Klant uit Gent",
"28013 Madrid, Spain"), the place is far more likely. pii_names.py drops such lone surnames; a
place name with a first name before it ("Maria Madrid") is still a name.
"""

from __future__ import annotations

from typing import Final

__all__ = ["PLACES", "PLACE_PREFIXES", "SHIP_PREFIXES"]

_COUNTRIES: Final = (
    "Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan "
    "Bahrain Bangladesh Belarus Belgium Belgie België Belgien Bolivia Bosnia Brazil Brasil "
    "Bulgaria Cambodia Cameroon Canada Chile China Colombia Croatia Cuba Cyprus Czechia Denmark "
    "Dänemark Denemarken Ecuador Egypt England Estonia Ethiopia Finland Finnland France "
    "Frankrijk Frankreich Georgia Germany Deutschland Duitsland Ghana Greece Griechenland "
    "Griekenland Hungary Iceland India Indonesia Iran Iraq Ireland Irland Ierland Israel Italy "
    "Italien Italië Jamaica Japan Jordan Kazakhstan Kenya Kosovo Kuwait Latvia Lebanon Libya "
    "Lithuania Luxembourg Luxemburg Malaysia Malta Mexico Moldova Monaco Mongolia Montenegro "
    "Morocco Marokko Nepal Netherlands Nederland Niederlande Nigeria Norway Norwegen Noorwegen "
    "Oman Pakistan Panama Peru Philippines Poland Polen Portugal Qatar Romania Rumänien "
    "Roemenië Russia Russland Rusland Scotland Schottland Schotland Senegal Serbia Singapore "
    "Slovakia Slovenia Somalia Spain Spanien Spanje Sweden Schweden Zweden Switzerland Schweiz "
    "Zwitserland Syria Taiwan Thailand Tunisia Turkey Türkei Turkije Türkiye Ukraine Oekraïne "
    "Uruguay Venezuela Vietnam Wales Yemen Zambia Zimbabwe Bali Java Sicily Sizilien Mallorca "
    "Ibiza Tenerife Madeira Crete Kreta Corsica Sardinia Sardinien Bavaria Bayern Tirol Tyrol "
    # round 14b: the Dutch and German names of countries ("naar Engeland", "aus Österreich")
    "Engeland Oostenrijk Österreich Tsjechië Tschechien Hongarije Ungarn Kroatië Kroatien "
    "Slowakije Slowakei Slovenië Slowenien Servië Serbien Bulgarije Bulgarien Zweden "
    "Roemenië Litouwen Litauen Letland Lettland Estland Oekraïne Wit-Rusland Weißrussland "
    "Suriname Curaçao Aruba Bonaire Indonesië Indonesien Marokko Tunesië Tunesien Egypte "
    "Ägypten Brazilië Brasilien Mexiko Amerika Canada Kanada Australië Australien Japan "
    "Zuid-Afrika Südafrika Noord-Ierland Nordirland"
)
_CITIES: Final = (
    "Amsterdam Rotterdam Utrecht Eindhoven Groningen Tilburg Almere Breda Nijmegen Haarlem "
    "Arnhem Enschede Amersfoort Zwolle Leiden Maastricht Dordrecht Delft Deventer Alkmaar "
    "Antwerp Antwerpen Brussels Brussel Brüssel Bruxelles Gent Ghent Brugge Bruges Leuven "
    "Mechelen Liège Luik Namur Berlin Hamburg München Munich Köln Cologne Frankfurt Stuttgart "
    "Düsseldorf Dortmund Essen Leipzig Bremen Dresden Hannover Nürnberg Duisburg Bochum "
    "Wuppertal Bielefeld Bonn Münster Karlsruhe Mannheim Augsburg Wiesbaden Aachen Kiel "
    "Rostock Freiburg Regensburg Wien Vienna Graz Linz Salzburg Innsbruck Zürich Zurich Genf "
    "Geneva Basel Bern Lausanne Luzern London Manchester Birmingham Liverpool Leeds Sheffield "
    "Bristol Glasgow Edinburgh Cardiff Belfast Dublin Cork Galway Limerick Newcastle "
    "Nottingham Leicester Oxford Cambridge Brighton York Paris Lyon Marseille Toulouse Nice "
    "Nantes Bordeaux Lille Strasbourg Madrid Barcelona Valencia Sevilla Seville Malaga Málaga "
    "Bilbao Zaragoza Granada Lisbon Lisboa Lissabon Porto Oporto Faro Coimbra Braga Rome Roma "
    "Rom Milan Milano Mailand Naples Napoli Turin Torino Florence Firenze Venice Venezia Bologna "
    "Genoa Palermo Athens Athen Prague Praha Prag Warsaw Warschau Krakow Kraków Budapest "
    "Bucharest Sofia Belgrade Zagreb Ljubljana Copenhagen Kopenhagen Stockholm Oslo Helsinki "
    "Reykjavik Tallinn Riga Vilnius Istanbul Ankara Izmir Antalya Moscow Kyiv Kiev Lviv Minsk "
    "Casablanca Rabat Marrakech Marrakesh Tangier Fez Cairo Tunis Algiers Lagos Accra Nairobi "
    "Dubai Doha Riyadh Tehran Beirut Mumbai Delhi Bangalore Karachi Lahore Dhaka Bangkok "
    "Jakarta Manila Singapore Tokyo Osaka Seoul Beijing Shanghai Sydney Melbourne Toronto "
    "Montreal Vancouver Chicago Boston Houston Dallas Seattle Miami Atlanta Denver Phoenix "
    "Detroit Philadelphia Washington Sao Rio Lima Bogota Santiago Caracas Havana Mexico"
)
PLACES: Final = frozenset(_COUNTRIES.split() + _CITIES.split())
# The first word of a place name of two or more words: "San Francisco", "São Paulo",
# "Sankt Pölten", "Bad Homburg", "Los Angeles".
PLACE_PREFIXES: Final = frozenset(
    "San Santa Santo São Sao Sankt St. Saint Sainte Los Las Puerto Porto Bad".split()  # noqa: SIM905
)
# Ships: "MS Europa", "HMS Belfast" (not "MS N. O'BRIEN-WALSH", a title in capitals).
SHIP_PREFIXES: Final = frozenset("MS MV HMS RMS".split())  # noqa: SIM905
