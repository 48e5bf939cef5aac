"""Calendar dates in claims and tool calls, as (month, day) pairs.

A rebooking claimed "naar vrijdag 18 april" after a call for 2025-04-17 is not the change the call
made. The reply names a day in the customer's language ("Friday 14 March", "14. März", "14.03.",
"18 april", "the 28th of May"); a call names it in its arguments or result, mostly as ISO text
("2025-04-17", "2025-03-14T10:30") or in a plain-text answer ("moved to 14/03/2025"). The year is
left out: a reply rarely names it. Only day and month are compared, and only when both sides name
one (a weekday alone is no date).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["DATE_CUE", "MONTH_WORDS", "dates_in"]

_MONTHS: Final[tuple[tuple[str, ...], ...]] = (
    ("jan", "januar", "january", "januari", "jänner", "jän"),
    ("feb", "februar", "february", "februari"),
    ("mar", "mär", "märz", "march", "maart", "mrt"),
    ("apr", "april"),
    ("may", "mai", "mei"),
    ("jun", "juni", "june"),
    ("jul", "juli", "july"),
    ("aug", "august", "augustus"),
    ("sep", "sept", "september"),
    ("oct", "okt", "oktober", "october"),
    ("nov", "november"),
    ("dec", "dez", "dezember", "december"),
)
# The months' full names (EN, DE, NL), January first: the slot and period checks read them.
MONTH_WORDS: Final[tuple[tuple[str, ...], ...]] = (
    ("january", "januar", "jänner", "januari"),
    ("february", "februar", "februari"),
    ("march", "märz", "maerz", "maart"),
    ("april",),
    ("may", "mai", "mei"),
    ("june", "juni"),
    ("july", "juli"),
    ("august", "augustus"),
    ("september",),
    ("october", "oktober"),
    ("november",),
    ("december", "dezember"),
)
_MONTH_OF: Final[dict[str, int]] = {
    name: n for n, names in enumerate(_MONTHS, start=1) for name in names
}
_MONTH: Final = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
_DAY: Final = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|e|ste|de|\.)?"
_PATTERNS: Final = (
    # 2025-04-17, 2025-04-17T10:30
    re.compile(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"),
    # 17.04.2025, 17.04., 17/04/2025, 17-04-2025 (day first: the EU and UK reading)
    re.compile(r"\b(?P<d>[0-3]?\d)[./-](?P<m>[01]?\d)(?:[./-](?:\d{4}|\d{2})\b|\.(?!\d))"),
    # 17 April, 17. April, 17th of April, 18 april
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<mn>{_MONTH})\b\.?", re.IGNORECASE),
    # April 17, April 17th (capitalised: "may 5 people" is no date)
    re.compile(rf"\b(?=[A-Z])(?P<mn>(?i:{_MONTH}))\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"),
)
# A date in a clause ("now on Friday 14 March", "ist jetzt am 28. Juni", "nu op 3 mei").
DATE_CUE: Final = re.compile(
    rf"\b(?:[0-3]?\d(?:st|nd|rd|th|e|\.)?\s+(?:of\s+)?(?:{_MONTH})\b|(?:{_MONTH})\s+[0-3]?\d\b|"
    r"[0-3]?\d\.[01]?\d\.|\d{4}-[01]\d-[0-3]\d)",
    re.IGNORECASE,
)


def dates_in(text: str) -> frozenset[tuple[int, int]]:
    """The (month, day) pairs a text names."""
    found: set[tuple[int, int]] = set()
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            groups = m.groupdict()
            month = _MONTH_OF.get(groups["mn"].lower()) if groups.get("mn") else None
            if month is None and groups.get("m"):
                month = int(groups["m"])
            day = int(groups["d"])
            if month and 1 <= month <= 12 and 1 <= day <= 31:
                found.add((month, day))
                taken.append(m.span())
    return frozenset(found)
