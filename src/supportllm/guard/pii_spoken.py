"""E-mail addresses spelled out the way callers say them (issue 16, item 1, round 11): a
voicemail transcript's "b dot hughesparry at btinternet dot com", "jan punt devries apenstaartje
ziggo punt nl", "anna punkt meier ät gmx punkt de". The written forms are pii_rules.py's.

Phone numbers read out are pii_readout.py's."""

from __future__ import annotations

import re
from typing import Final

from supportllm.guard.pii_rules import Candidate

__all__ = ["find_spoken_email"]

_DOT: Final = r"(?:dot|punkt|punt)"
_AT: Final = r"(?:at|ät|apenstaartje|klammeraffe)"
_PART: Final = r"[a-z0-9][a-z0-9_-]*"
_LOCAL: Final = r"[a-z0-9][a-z0-9._-]*"  # "john.smith at gmail dot com"
# The last part must be a top-level domain, so that "meet me at the office dot …" is no address.
_TLDS: Final = (  # round 13 (v17): the country domains of Europe too ("seznam punkt cz")
    r"(?:com|net|org|edu|gov|info|io|co|de|nl|be|at|ch|li|lu|uk|ie|eu|fr|es|it|pt|cz|sk|pl|"
    r"hu|ro|bg|hr|si|rs|gr|tr|dk|se|no|fi|is|ee|lv|lt|ua|us|ca|au|nz)"
)
_SPOKEN: Final = re.compile(
    rf"\b{_LOCAL}(?:\s+{_DOT}\s+{_PART}){{0,3}}\s+{_AT}\s+{_PART}"
    rf"(?:\s+{_DOT}\s+{_PART}){{0,2}}\s+{_DOT}\s+{_TLDS}\b",
    re.IGNORECASE,
)
# Round 13: "j.smith(at)gmail.com", "anna [at] web [punkt] de", "info {at} firma.nl"
_BRACKETED: Final = re.compile(
    r"(?<![\w.+-])[\w.+-]+[ \t]*[(\[{][ \t]*(?:at|ät|@)[ \t]*[)\]}][ \t]*[\w-]+"
    r"(?:[ \t]*(?:\.|[(\[{][ \t]*(?:dot|punkt|punt)[ \t]*[)\]}])[ \t]*[\w-]+)*"
    r"(?:\.|[ \t]*[(\[{][ \t]*(?:dot|punkt|punt)[ \t]*[)\]}][ \t]*)[a-z]{2,6}\b",
    re.IGNORECASE,
)


def find_spoken_email(text: str) -> list[Candidate]:
    """Spelled-out e-mail addresses, as EMAIL candidates."""
    out: list[Candidate] = []
    low = text.lower()
    if any(w in low for w in (" dot ", " punkt ", " punt ")):  # a cheap test first
        for m in _SPOKEN.finditer(text):
            out.append(Candidate(m.start(), m.end(), "EMAIL", 80))
    if any(w in low for w in ("(at)", "[at]", "{at}", "(@)", "[@]", "(ät)", "[ät]")) or re.search(
        r"[(\[{][ \t]+(?:at|ät|@)[ \t]*[)\]}]", low
    ):
        for m in _BRACKETED.finditer(text):
            out.append(Candidate(m.start(), m.end(), "EMAIL", 80))
    return out
