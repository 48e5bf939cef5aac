"""A relation or role word, or a word that introduces a name, at the start of a name span
is no part of the name (PII, round 14b): German nouns are capitalised, so "Mein Mann Ahmad
Shah Noori", "meine Tochter Emilia Wagner", "unser Nachbar Jens Ober", "Collega Ahmed" and
"unter dem Nachnamen Kowalski" start with a capitalised word that the surname-pair and
gazetteer rules take as a first name. The cue that found the name is right; only the word is
cut off (titles such as "Frau", "Herr", "Dr." stay: writers count them as part of the name).
"""

from __future__ import annotations

from typing import Final

__all__ = ["drop_relation_words"]

RELATION_WORDS: Final = frozenset(
    w.lower()
    for w in (  # noqa: SIM905
        # German (the capitalised nouns)
        "Mann Ehemann Ehefrau Sohn Tochter Mutter Vater Bruder Schwester Onkel Tante Oma Opa "
        "Enkel Enkelin Neffe Nichte Cousin Cousine Kollege Kollegin Nachbar Nachbarin Freund "
        "Freundin Kumpel Chef Chefin Partnerin Lebensgefährte Lebensgefährtin Verlobter "
        "Verlobte Schwiegermutter Schwiegervater Schwiegersohn Schwiegertochter Mitbewohner "
        "Mitbewohnerin Klient Klientin Patient Patientin Mandant Mandantin Betreuer Betreuerin "
        "Dolmetscher Dolmetscherin Bürgermeister Bürgermeisterin "
        # Dutch and English, capitalised at a sentence's start
        "Zoon Dochter Vader Moeder Broer Zus Buurman Buurvrouw Collega Oom Neef Nicht Cliënt "
        "Cliënte Patiënt Patiënte Tolk Burgemeester Wethouder Begeleider Begeleidster "
        "Husband Wife Son Daughter Mother Father Brother Sister Neighbour Neighbor Colleague "
        "Interpreter Mayor Councillor "
        # the words that introduce a name ("unter dem Nachnamen Kowalski")
        "Name Namen Nachname Nachnamen Vorname Vornamen Familienname Achternaam Voornaam "
        "Surname Forename Familie Family"
    ).split()
)


def drop_relation_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with a leading relation word cut off; one that is only that word is dropped."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        word_end = s
        while word_end < e and not text[word_end].isspace():
            word_end += 1
        # capitalised only: "(nicht als …)" is "not", not the Dutch "Nicht" (niece)
        if not text[s].isupper() or text[s:word_end].lower() not in RELATION_WORDS:
            out.append((s, e))
            continue
        rest = word_end
        while rest < e and text[rest] in " \t":
            rest += 1
        if rest < e:
            out.append((rest, e))
    return out
