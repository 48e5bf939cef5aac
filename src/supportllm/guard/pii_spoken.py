"""E-mail addresses spelled out the way callers say them (issue 16, item 1, round 11): a
voicemail transcript's "b dot hughesparry at btinternet dot com", "jan punt devries apenstaartje
ziggo punt nl", "anna punkt meier ät gmx punkt de". The written forms are pii_rules.py's."""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.pii_rules import Candidate

__all__ = ["find_spoken_email"]

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
