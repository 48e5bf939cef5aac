"""The edges of name spans, and labels that are no names (PII, round 16).

- A span's edges: a closing quote or apostrophe after a name ("The 'Jamie Oliver' pan set") and
  a full stop after a whole word ("Name: Dewi Kusumawati.") are no part of the name; an
  initial keeps its dot ("J.M.", "A.B.").
- A span that starts or ends inside a word is never a name: a cue found at the start of a
  longer word ("contact" in "contacting", "contact" in "contacteren") left its tail behind;
  one cut short by a letter the name tokens lack is taken to the word's end. Run after two
  names touching inside a word were joined into one ("MaryAnn").
- A label that starts a line before ":" or "=" is no name when it is a word of a form or a
  chat's speaker ("Holder: Ahmad Shah Popalzai", "[09:15] Us: Yes, table for 4", "Kunde:",
  "Medewerker:") or when a name of two words or more fills the rest of its line (the label
  names the field; "Anna: Hi Ben, see you" keeps "Anna").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = [
    "LABEL_WORDS",
    "drop_labels",
    "inside_word",
    "is_label_word",
    "trim_edges",
    "whole_words",
]

# Field and speaker labels, lower case (EN/DE/NL). Several are surnames too ("Holder",
# "Sender", "Staff"), which is why a list of names alone does not keep them out.
LABEL_WORDS: Final = frozenset(
    ("us", "me", "we", "you", "agent", "customer", "client", "support", "visitor", "bot",
     "staff", "user", "guest", "operator", "system", "admin", "rep", "representative",
     "advisor", "adviser", "holder", "owner", "contact", "payee", "payer", "sender",
     "recipient", "signed", "signature", "member", "tenant", "applicant", "caller", "team",
     "shop", "store", "seller", "buyer", "host", "wir", "ich", "uns", "mich", "kunde",
     "kundin", "mitarbeiter", "mitarbeiterin", "berater", "beraterin", "inhaber",
     "inhaberin", "halter", "halterin", "besitzer", "absender", "empfänger", "personal",
     "besucher", "anrufer", "wij", "ik", "ons", "mij", "klant", "medewerker", "medewerkster",
     "adviseur", "houder", "eigenaar", "afzender", "ontvanger", "bezoeker", "beller",
     "personeel", "winkel")
)  # fmt: skip
_LINE_HEAD: Final = re.compile(
    r"[ \t>*•-]*(?:[\[(]?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \t]*[AaPp][Mm])?[\])]?[ \t]*"
    r"(?:[-–|][ \t]*)?)?"
)
_LABEL_END: Final = re.compile(r"[ \t]*[:=]")
# two letters and a dot that end a name and keep the dot
_ABBR: Final = frozenset(("Jr", "Sr", "St", "Dr", "Mr", "Ms", "JR", "SR"))


_HOLDER_ENDS: Final = ("inhaber", "inhaberin", "houder", "holder", "empfänger", "ontvanger")


def is_label_word(word: str) -> bool:
    """A label's word that starts a capitalised run before a name ("Kontoinhaber Ionuț
    Popescu", "Rekeninghouder Piet Bos"): no part of the name."""
    low = word.lower()
    return low in LABEL_WORDS or (len(low) > 7 and low.endswith(_HOLDER_ENDS))


def trim_edges(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans less a closing quote or apostrophe and a full stop after a whole word."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e > s and text[e - 1] in "'’":
            e -= 1
        if e - s > 3 and text[e - 1] == ".":
            last = text[s : e - 1].split()[-1] if text[s : e - 1].split() else ""
            if "." not in last and (len(last) >= 3 or (len(last) == 2 and last not in _ABBR)):
                e -= 1  # "Kusumawati.", "Wei Li." lose their dot; "J.M." and "Jr." keep theirs
        if e > s:
            out.append((s, e))
    return out


def inside_word(text: str, s: int, e: int) -> bool:
    """Whether ``s:e`` starts or ends in the middle of a word."""
    return (s > 0 and text[s - 1].isalnum() and text[s].isalnum()) or (
        e < len(text) and text[e].isalnum() and text[e - 1].isalnum()
    )


def whole_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that start and end at a word's edge. One that starts inside a word goes
    ("contact|ing", "Volt|Mart"); one cut short before lower-case letters the name tokens do
    not know is taken to the word's end ("Ionu|ț" -> "Ionuț"); one cut before a capital or a
    digit is part of a product or an account ("Chat|GPT", "Maria|DB", "Leo|2016") and goes."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if s > 0 and text[s - 1].isalnum() and text[s].isalnum():
            continue
        if e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
            if not text[e].islower():
                continue
            while e < len(text) and text[e].isalpha():
                e += 1
            if e < len(text) and text[e].isalnum():
                continue
        out.append((s, e))
    return out


def drop_labels(
    text: str, spans: list[tuple[int, int]], first_name: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """Spans less one-word labels at a line's start (see the module's text). ``first_name``
    says whether a word is a known first name (a chat's speaker "Anna:" stays a name when
    another name follows on the line; a surname as a label does not)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        word = text[s:e]
        label = _LABEL_END.match(text, e)
        head = _LINE_HEAD.fullmatch(text, text.rfind("\n", 0, s) + 1, s)
        if label is None or " " in word or head is None:
            out.append((s, e))
            continue
        if word.lower() in LABEL_WORDS:
            continue
        line_end = text.find("\n", e)
        line_end = len(text) if line_end < 0 else line_end
        value = text[label.end() : line_end].strip(" \t.,;")
        filled = any(
            vs >= label.end() and not text[label.end() : vs].strip() and ve >= label.end()
            and len(text[vs:ve].split()) >= 2 and text[vs:ve].strip(" \t.,;") == value
            for vs, ve in spans
        )  # fmt: skip
        if filled and not first_name(word):
            continue
        out.append((s, e))
    return out
