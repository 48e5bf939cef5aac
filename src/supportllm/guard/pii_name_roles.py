"""More cues before a name (PII, round 14b), each pattern run only when one of its words is in
the text, so that the cost of the whole-text scans of pii_names.py does not grow:

- roles and titles of people named in support texts by what they do for the writer or the
  case: "cliënt Jan-Hendrik Tjalsma", "met tolk Yonas Tekle", "uw collega Wang Li",
  "Bürgermeister Hans-Peter Vogelsang", "Rechnungsname Taras Melnyk", "the interpreter Ana
  Lima", "Engr. Oluwaseun Adeyemi-Bakare", "jhr. mr. Diederik van Haersma de With"; taken like
  the other roles (two capitalised words, or a known name);
- a name field said in words, with the name often in lower case: "name on it is jamie
  o'connor", "name on the account is priyanka sharma", "real name dimitris papadopoulos".
"""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.case_split import split_compiled

__all__ = ["MoreCues"]

# Lower-case literals, one of which a text must hold for the pattern to run.
_ROLE_LITERALS: Final = (
    "interpret", "translat", "mayor", "councillor", "caseworker", "social worker", "klient",
    "patient", "dolmetsch", "übersetz", "bürgermeist", "betreuer", "pfleger", "rechnungsname",
    "cliënt", "patiënt", "tolk", "collega", "burgemeester", "wethouder", "begeleid",
    "mantelzorg", "engr.", "jhr.", "rev.", "revd.",
)  # fmt: skip
_ROLES: Final = (
    r"interpreter|translator|mayor|councillor|caseworker|social worker|"
    r"klient(?:in)?|patient(?:in)?|dolmetscher(?:in)?|übersetzer(?:in)?|bürgermeister(?:in)?|"
    r"betreuer(?:in)?|pfleger(?:in)?|rechnungsname|"
    r"cliënte?|patiënte?|tolk|collega|burgemeester|wethouder|begeleider|begeleidster|"
    r"mantelzorger|engr\.|jhr\.(?:[ \t]+mr\.)?|revd?\."
)
# Round 15 ("Kunde Hans-Dieter Brockmann hat …"): the party an agent's note is about. German
# and Dutch nouns are capitalised ("Kunde Hotline Anruf"), so a name word must be known.
# Round 16: the short forms of an agent's note too ("Kd. Nguyen Van Duc war im Laden").
_PARTY_LITERALS: Final = ("kunde", "kundin", "klant", "caller", "anrufer", "beller", "kd.",
                          "kdin.")  # fmt: skip
_PARTIES: Final = r"kunde|kundin|klant|caller|anrufer(?:in)?|beller|kd\.|kdin\."
_NAME_LITERALS: Final = ("name on ", "real name")
_NAME_CUES: Final = (
    # round 15: also without "is" ("name on card tunde okafor")
    r"name on (?:it|the card|card|the account|the acc|the booking|the order|the passport)"
    r"(?: is|:)?|"
    r"real name(?: is)?"
)


class MoreCues:
    """Compiled patterns of the cues above; each yields where the name would start."""

    def __init__(self) -> None:
        self._role = split_compiled(rf"(?<![\w])(?:{_ROLES})[ \t]*:?[ \t]*", re.IGNORECASE)
        self._party = split_compiled(rf"(?<![\w])(?:{_PARTIES})[ \t]+", re.IGNORECASE)
        self._name = split_compiled(rf"(?<![\w])(?:{_NAME_CUES})[ \t]*[:,]?[ \t]*", re.IGNORECASE)

    def roles(self, text: str, low: str) -> list[int]:
        if not any(w in low for w in _ROLE_LITERALS):
            return []
        return [m.end() for m in self._role.finditer(text)]

    def parties(self, text: str, low: str) -> list[int]:
        if not any(w in low for w in _PARTY_LITERALS):
            return []
        return [m.end() for m in self._party.finditer(text)]

    def name_fields(self, text: str, low: str) -> list[int]:
        if not any(w in low for w in _NAME_LITERALS):
            return []
        return [m.end() for m in self._name.finditer(text)]
