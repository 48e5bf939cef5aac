"""A name alone on the last line of a message (PII, round 14b): people sign a mail or a form
with their name under the text, without a sign-off word ("… What went wrong?⏎Małgorzata
Wiśniewska", "… mag eruit.⏎Wen-Hui Chong", "… bel me even: +31 6 …⏎Filmon Tesfay"). The other
name rules need a cue, a known first name or an address below; this one needs the position:

- the text's last non-empty line, two or three capitalised name words (a particle between
  them: "Pieter-Jan van Dijk"), nothing else on it;
- the line above ends a sentence (., ?, !, …, an emoji or a closing bracket), so the line is
  no heading or list item and no continuation of a sentence;
- no word is a common word, a job title or a company word ("Customer Service Team",
  "Fibrelink Support", "Best Wishes" are not people).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from supportllm.guard.pii_name_cues import CAP_PARTICLES, NAME_TOKEN, NON_PERSON, NOT_NAMES

__all__ = ["LastLineName"]

# Words of a sign-off or a closing line written in capitals ("Vielen Dank", "Liebe Grüße",
# "Many Thanks", "Tot Ziens"): the common-word list of the name rules does not hold them all.
_CLOSING_WORDS: Final = frozenset(
    ("dank", "danke", "vielen", "viele", "grüße", "grüsse", "gruß", "gruss", "liebe", "lieben",
     "herzliche", "herzlichen", "freundliche", "freundlichen", "schöne", "beste", "besten",
     "alles", "gute", "bis", "bald", "groet", "groeten", "groetjes", "bedankt", "hartelijke",
     "vriendelijke", "tot", "ziens", "thanks", "thank", "many", "regards", "wishes", "cheers",
     "sincerely", "yours", "kind", "warm", "love", "take", "care", "team", "support",
     "service")
)  # fmt: skip
_SENTENCE_END: Final = re.compile(r"[.?!)…:\]][\s\"'”’]*$|[^\w\s,;\-–—]$")


class LastLineName:
    """Compiled pattern of the last-line name; ``company`` says whether words name a firm."""

    def __init__(self, company: Callable[[list[str]], bool]) -> None:
        self._company = company
        particle = r"(?:van der|van den|van de|van 't|van|von|de|der|den|ter|ten|da|dos|di|el|al)"
        self._line = re.compile(
            rf"\n[ \t]*({NAME_TOKEN}(?:[ \t]+(?:{particle}[ \t]+)?{NAME_TOKEN}){{1,2}})[ \t]*\Z"
        )

    def find(self, text: str) -> list[tuple[int, int]]:
        stripped = text.rstrip()
        if "\n" not in stripped:
            return []
        m = self._line.search(stripped)
        if m is None:
            return []
        tokens = m.group(1).split()
        if any(t.endswith(".") or (t.isupper() and len(t) > 1) for t in tokens):
            return []  # initials and capitals: headings ("ORDER FORM"), "J. Smith" elsewhere
        for i, w in enumerate(tokens):
            if w.lower() in CAP_PARTICLES:
                continue
            # a street word after a particle is a surname ("van Dijk", "van der Laan")
            after_particle = i > 0 and tokens[i - 1].lower() in CAP_PARTICLES
            for part in w.split("-"):
                low = part.lower()
                if (
                    low in NOT_NAMES
                    or low in _CLOSING_WORDS
                    or (low in NON_PERSON and not after_particle)
                ):
                    return []
        if self._company(tokens):
            return []
        above = stripped[: m.start()].rstrip()
        if not above or not _SENTENCE_END.search(above):
            return []
        return [m.span(1)]
