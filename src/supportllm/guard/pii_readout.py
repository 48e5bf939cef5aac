"""Phone and card numbers read out or spaced out (issue 16, round 12 and round 13).

Round 12: numbers read out digit by digit ("plus four four, 1 6 1, 4 9 6, 0 8 3 2", "null eins
fünf sieben …", "nul zes één twee …") within seven words after "plus" or a call word.

Round 13 (v15 studied): the same search also reads
- a doubled digit with a hyphen ("seven nine double-oh, nine double-oh"),
- two-digit number words, the way German and Dutch callers give pairs ("null sechs, zweiundvierzig",
  "nul zes, twaalf, vierendertig", "twenty-six"),
- digits typed with spaces between them, groups set apart by wider gaps ("0 7 4 5 8  3 1 2  9 0
  6", "0 8 9   2 1 4 4   7 0 9 3"): no number word is needed when at least four of the groups are
  single digits,
- more call words: "ruf" (rufen, ruft, Rufnummer), "zurückruf", "bereikbaar", "kredit" …,
- a card read out or spaced out after a card word ("my card's a Visa, the number is 4 9 1 6  3 3 8
  5 …"): 13 to 19 digits with a valid Luhn check digit are a CARD, not a phone.
A reference cue right before the digits ("Vorgangsnummer 3 3 9 1 2", "order number …") and a
counted list ("1, 2, 3, 4, 5, 6, 7") are no phone.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final

from supportllm.guard.alternation import compiled
from supportllm.guard.pii_checks import card_digits_ok
from supportllm.guard.pii_number_forms import CARD_WORD
from supportllm.guard.pii_rules import NOT_PII_BEFORE, Candidate

__all__ = ["find_readout_numbers"]

_ONES_EN: Final = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ONES_DE: Final = ("eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun")
_ONES_NL: Final = ("één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_WORD_DIGITS: Final = {
    **dict.fromkeys(("zero", "oh", "o", "null", "nul"), "0"),
    **{w: str(n) for n, w in enumerate(_ONES_EN, 1)},
    **{w: str(n) for n, w in enumerate(_ONES_DE, 1)},
    **{w: str(n) for n, w in enumerate(_ONES_NL, 1)},
    "zwo": "2",
    "een": "1",
}
_TEENS: Final = (
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    "zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|"
    "tien|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien"
)
_TENS_EN: Final = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TENS_DE: Final = "zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig"
_TENS_NL: Final = "twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig"
_PAIR: Final = (
    rf"(?:{_TENS_EN})(?:-(?:{'|'.join(_ONES_EN)}))?|"
    rf"(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und)?(?:{_TENS_DE})|"
    rf"(?:(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)[eë]n)?(?:{_TENS_NL})|{_TEENS}"
)
_DIGIT: Final = "|".join(sorted(_WORD_DIGITS, key=len, reverse=True))
_TIMES: Final = {"double": 2, "triple": 3, "doppel": 2, "dubbel": 2}
_ONE: Final = rf"(?:(?:double|triple|doppel|dubbel)[ \t-]+)?(?:\d{{1,4}}|{_PAIR}|{_DIGIT})(?![\w-])"
# within seven words after a cue (the rest of the cue word first)
_SPOKEN_NUMBER: Final = rf"(?i)\S*?(?:\s+\S+?){{0,6}}?[ \t:,]+((?:plus[ \t]+)?{_ONE}" + (
    rf"(?:(?:[ \t]*[,/-][ \t]*|[ \t]+){_ONE}){{4,24}})"
)
# Words that come right before a number read out (within seven words): the number is searched
# for only after them, which keeps this cheap on text without any.
_CUES: Final = ("plus", "call", "ring", "phone", "number", "reach", "anruf", "rückruf", "nummer",
                "erreichbar", "bel", "terugbel", "tel", "mobil", "handy", "gsm", "ruf",
                "zurückruf", "bereikbaar", "dial", "whatsapp", "card", "karte", "kaart", "visa",
                "mastercard", "amex", "kredit", "credit",
                # round 14: a number read out after saying so ("read it out as oh seven …")
                "read", "vorgelesen", "voorgelezen", "diktiert", "gedicteerd")  # fmt: skip
# Every position where a cue starts, in one scan.
_CUE_AT: Final = compiled("(?=(?:" + "|".join(map(re.escape, _CUES)) + "))")
_NUMBER: Final = re.compile(_SPOKEN_NUMBER)
_TWO: Final = compiled(rf"(?<![\w])(?:\d|{_DIGIT}|{_PAIR})[ \t,/-]+(?:\d|{_DIGIT}|{_PAIR})(?![\w])")
_PAIR_WORD: Final = re.compile(rf"(?i)(?:{_PAIR})")
_NOT_PII: Final = re.compile(NOT_PII_BEFORE, re.IGNORECASE)
# Round 15: a number read out with no cue before it starts with its trunk zero ("nul zes een
# twee …", "null eins fünf eins …", "oh seven seven double oh …"): nine digits or more.
_ZERO_AT: Final = re.compile(r"(?<![\w'’-])(?:nul|null|zero|oh)(?=[ \t]*[,/-]?[ \t]+[^\W\d_])")
_FROM_ZERO: Final = re.compile(rf"(?i)({_ONE}(?:(?:[ \t]*[,/-][ \t]*|[ \t]+){_ONE}){{5,24}})")


def find_readout_numbers(text: str) -> list[Candidate]:
    """Phone numbers (and cards after a card word) read out or spaced out digit by digit."""
    low = text.lower()
    out: list[Candidate] = []
    done = -1
    for start in (m.start() for m in _CUE_AT.finditer(low)):
        if start < done or (start and low[start - 1].isalpha()):
            continue  # inside a word: "Kabel", "hotel"
        if not _TWO.search(low, start, start + 160):
            continue  # no two digits or number words in a row: nothing read out here
        m = _NUMBER.match(text, start, start + 250)
        if m is None:
            continue
        found = _judge(text, m.start(1), m.end(1))
        if found is not None:
            out.append(found)
            done = m.end()
    for word in ("nul", "zero", "oh "):  # "nul" finds "null" too
        i = low.find(word)
        while i >= 0:
            z = _ZERO_AT.match(low, i) if i >= done else None
            m = _FROM_ZERO.match(text, i, i + 250) if z and _TWO.search(low, i, i + 40) else None
            found = _judge(text, m.start(1), m.end(1)) if m is not None else None
            if m is not None and found is not None and _digit_count(m.group(1)) >= 9:
                out.append(found)
                done = m.end()
            i = low.find(word, i + 1)
    return out


def _digit_count(said: str) -> int:
    """Digits in a number read out (a pair word counts two, "double" twice)."""
    n, times = 0, 1
    for tok in re.findall(r"[^\W_]+", said.lower()):
        if tok in _TIMES:
            times = _TIMES[tok]
            continue
        n += (len(tok) if tok.isdigit() else 1 if tok in _WORD_DIGITS else 2) * times
        times = 1
    return n


def _judge(text: str, start: int, end: int) -> Candidate | None:
    tokens = re.findall(r"[^\W_]+(?:-[^\W_]+)*", text[start:end].lower())
    digits, times, words, singles, pairs = "", 1, 0, 0, 0
    numbers: list[int] = []
    for tok in tokens:
        if tok in _TIMES:
            times = _TIMES[tok]
            continue
        head, hyphen, rest = tok.partition("-")
        if hyphen and head in _TIMES:  # "double-oh", "doppel-null", "dubbel-nul"
            times, tok = _TIMES[head], rest
        if tok == "plus":
            continue
        if tok.isdigit():
            digits += tok * times
            numbers.append(int(tok))
            singles += len(tok) == 1
        elif tok in _WORD_DIGITS:
            digits += _WORD_DIGITS[tok] * times
            words += 1
        elif _PAIR_WORD.fullmatch(tok):
            digits += "11" * times  # the digits' count, not their values
            words, pairs = words + 1, pairs + 1
        else:
            return None
        times = 1
    if not (words or singles >= 4) or _counted(numbers):
        return None
    if _NOT_PII.search(text[max(0, start - 30) : start]):
        return None  # "Vorgangsnummer 3 3 9 1 2", "order number one two …"
    card_like = not pairs and card_digits_ok(digits)
    if card_like and (
        CARD_WORD.search(text[max(0, start - 60) : start])
        or (len(digits) == 16 and digits[0] in "23456")
    ):
        return Candidate(start, end, "CARD", 90)
    if 7 <= len(digits) <= 15:
        return Candidate(start, end, "PHONE", 69)
    return None


def _counted(numbers: list[int]) -> bool:
    """A list counted up or down ("1, 2, 3, 4, 5, 6, 7") is no number read out."""
    if len(numbers) < 4:
        return False
    steps = {b - a for a, b in pairwise(numbers)}
    return steps in ({1}, {-1})
