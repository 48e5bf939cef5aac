"""E-mail addresses spelled out the way callers say them (issue 16, item 1, round 11): a
voicemail transcript's "b dot hughesparry at btinternet dot com", "jan punt devries apenstaartje
ziggo punt nl", "anna punkt meier ät gmx punkt de". The written forms are pii_rules.py's.

Round 12: phone numbers read out digit by digit ("plus four four, 1 6 1, 4 9 6, 0 8 3 2",
"null eins fünf sieben …", "nul zes één twee …"): seven to fifteen digits, at least one of them
a number word, within seven words after "plus" or a call word (call, ring, number, Rückruf,
bel …), so counting aloud or a list "1, 2, 3, …" is none."""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.pii_rules import Candidate

__all__ = ["find_spoken_email", "find_spoken_phone"]

_DOT: Final = r"(?:dot|punkt|punt)"
_AT: Final = r"(?:at|ät|apenstaartje|klammeraffe)"
_PART: Final = r"[a-z0-9][a-z0-9_-]*"
_SPOKEN: Final = re.compile(
    rf"\b{_PART}(?:\s+{_DOT}\s+{_PART}){{0,3}}\s+{_AT}\s+{_PART}(?:\s+{_DOT}\s+{_PART}){{1,3}}\b",
    re.IGNORECASE,
)
# The last part must be a top-level domain, so that "meet me at the office dot …" is no address.
_TLD: Final = re.compile(
    r"(?:com|net|org|de|nl|be|at|ch|uk|ie|eu|fr|es|it|pt|info|io|co)$", re.IGNORECASE
)


def find_spoken_email(text: str) -> list[Candidate]:
    """Spelled-out e-mail addresses, as EMAIL candidates."""
    out: list[Candidate] = []
    for m in _SPOKEN.finditer(text):
        if _TLD.search(m.group()) and re.search(rf"\s{_DOT}\s", m.group(), re.IGNORECASE):
            out.append(Candidate(m.start(), m.end(), "EMAIL", 80))
    return out


_WORD_DIGITS: Final = {
    **dict.fromkeys(("zero", "oh", "o", "null", "nul"), 1),
    **dict.fromkeys(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"), 1),
    **dict.fromkeys(("eins", "zwei", "zwo", "drei", "vier", "fünf", "sechs", "sieben", "acht"), 1),
    **dict.fromkeys(("neun", "een", "één", "twee", "drie", "vijf", "zes", "zeven", "negen"), 1),
}
_TIMES: Final = {"double": 2, "triple": 3, "doppel": 2, "dubbel": 2}
_DIGIT: Final = "|".join(sorted(_WORD_DIGITS, key=len, reverse=True))
_ONE: Final = rf"(?:(?:double|triple|doppel|dubbel)[ \t]+)?(?:\d{{1,4}}|{_DIGIT})(?![\w])"
# within seven words after a cue (the rest of the cue word first)
_SPOKEN_PHONE: Final = re.compile(
    rf"(?i)\S*?(?:\s+\S+?){{0,6}}?[ \t:,]+"
    rf"((?:plus[ \t]+)?{_ONE}(?:[ \t]*[,-]?[ \t]+{_ONE}){{4,20}})"
)
# Words that come right before a number read out (within seven words): the number is searched
# for only after them, which keeps this cheap on text without any.
_CUES: Final = ("plus", "call", "ring", "phone", "number", "reach", "anruf", "rückruf", "nummer",
                "erreichbar", "bel", "terugbel", "tel", "mobil", "handy", "gsm")  # fmt: skip


def find_spoken_phone(text: str) -> list[Candidate]:
    """Phone numbers read out digit by digit, as PHONE candidates."""
    low = text.lower()
    out: list[Candidate] = []
    done = -1
    for start in sorted(i for cue in _CUES for i in _positions(low, cue)):
        if start < done or (start and low[start - 1].isalpha()):
            continue  # inside a word: "Kabel", "hotel"
        m = _SPOKEN_PHONE.match(text, start, start + 250)
        if m is None:
            continue
        tokens = re.findall(r"[^\W_]+", m.group(1).lower())
        digits, times, words = 0, 1, 0
        for tok in tokens:
            if tok in _TIMES:
                times = _TIMES[tok]
                continue
            if tok != "plus":
                digits += times if not tok.isdigit() else len(tok) * times
                words += 0 if tok.isdigit() else 1
            times = 1
        if 7 <= digits <= 15 and words:
            out.append(Candidate(m.start(1), m.end(1), "PHONE", 69))
            done = m.end()
    return out


def _positions(low: str, word: str) -> list[int]:
    out: list[int] = []
    i = low.find(word)
    while i >= 0:
        out.append(i)
        i = low.find(word, i + 1)
    return out
