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
# round 15: the other signs of a local part said too ("anna underscore meier at …")
_LOCAL_SIGN: Final = (
    r"(?:dot|punkt|punt|underscore|unterstrich|liggend streepje|streepje|dash|hyphen|"
    r"bindestrich|minus|koppelteken)"
)
_SPOKEN: Final = re.compile(
    rf"\b{_LOCAL}(?:\s+{_LOCAL_SIGN}\s+{_PART}){{0,3}}\s+{_AT}\s+{_PART}"
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


# Round 15 (v22): the "@" said as a word or in brackets, the domain written as usual or said:
# "eva.dekker (apenstaartje) hetnet.nl", "anna.meier klammeraffe gmx.de", "j_smith at
# outlook.com", "anna @ web.de", "anna.meier@ gmx.de", "info <at> firma dot nl". A plain " at "
# or a "@" with a space on one side only as _local_ok says ("hosted at github.com", "users
# with a @gmail.com address", "curl -d @hook.json" are no address).
_AT_WORD: Final = r"(?:at|ät|@|apenstaartje|klammeraffe|at-?teken|at-?zeichen|at[ -]sign)"
_SAID_DOT: Final = (
    r"(?:[ \t]*[(\[{<][ \t]*(?:dot|punkt|punt|\.)[ \t]*[)\]}>][ \t]*"
    r"|[ \t]+(?:dot|punkt|punt)[ \t]+)"
)
_MIXED: Final = re.compile(
    r"(?<![\w.+-])(?P<local>[\w.+-]*\w)"
    rf"(?:[ \t]*[(\[{{<][ \t]*{_AT_WORD}[ \t]*[)\]}}>][ \t]*"
    r"|[ \t]+(?:apenstaartje|klammeraffe|at-?teken|at-?zeichen|at[ -]sign)[ \t]+"
    r"|[ \t]+@[ \t]+|(?P<half>[ \t]+@|@[ \t]+)|[(\[]a[)\]]"  # "anna.meier(a)gmx.de", glued
    r"|(?P<plain>[ \t]+at[ \t]+))"
    rf"[\w-]+(?:(?:\.|{_SAID_DOT})[\w-]+)*(?:\.[a-z]{{2,24}}|{_SAID_DOT}{_TLDS})(?![\w-])",
    re.IGNORECASE,
)
# the words of a said "@" (then the exact forms), "<at>"; "(at)" and "[at]" are _BRACKETED's
_MIXED_GATE: Final = ("apenstaart", "klammeraffe", "teken", "zeichen", "sign", "<at", "(a)",
                      "[a]", "( at", "[ at")  # fmt: skip
_MIXED_EXACT: Final = ("apenstaart", "klammeraffe", "t-teken", "tteken", "t-zeichen",
                       "tzeichen", "t sign", "t-sign", "<at", "(a)", "[a]", "( at",
                       "[ at")  # fmt: skip
# a plain " at " before a word with a dot or a said dot (a literal first: a fast scan)
# a letter and a dot, "_" or "+" ("j.smith"), or three letters and a digit ("jan88", not "24h")
_PLAIN_LOCAL: Final = re.compile(
    r"(?=[^a-z]*[a-z])(?:(?=.*[._+])|(?=.*\d)(?=(?:[^a-z]*[a-z]){3}))[a-z0-9._+-]+"
)
_TLD_SET: Final = re.compile(_TLDS)
_MAIL_CUE: Final = re.compile(
    r"(?i)(?:e-?mail|mail|adres|adresse|address)(?:[ \t]+(?:is|ist|lautet|luidt|was))?[ \t]*"
    r"[:=]?[ \t]*$"
)
_PLAIN_HINT: Final = re.compile(r" at [\w-]+(?:\.\w| dot | punkt | punt )")


def _local_ok(text: str, m: re.Match[str]) -> bool:
    """After a plain " at " or a "@" with a space on one side: a local part as _PLAIN_LOCAL
    says or any word after an e-mail word ("my email is anna at gmx.de"); after a plain " at "
    also a known top-level domain and no path after it ("pay 1.99 at x.co/claim",
    "java.lang.NullPointerException at com.app.Cart", "a @gmail.com address" are none)."""
    if not (m.group("plain") or m.group("half")):
        return True
    local = m.group("local")
    if not _PLAIN_LOCAL.fullmatch(local.lower()) and not (
        local.isalpha() and _MAIL_CUE.search(text, max(0, m.start() - 30), m.start())
    ):
        return False
    if m.group("half"):
        return True
    tld = re.search(r"[a-z]+$", m.group().lower())
    return (
        tld is not None
        and _TLD_SET.fullmatch(tld.group()) is not None
        and text[m.end() : m.end() + 1] not in ("/", ".", ":")
    )


def _mixed(text: str, low: str) -> list[Candidate]:
    """The pattern runs only in a window around each marker, not over the whole text."""
    hits = (
        [m.start() for m in _PLAIN_HINT.finditer(low) if "@" not in low[m.end() : m.end() + 40]]
        if " at " in low
        else []
    )  # not "reach me at anna.meier@web.de": the written form is pii_rules.py's
    gates = [w for w in _MIXED_EXACT if w in low] if any(w in low for w in _MIXED_GATE) else []
    if "@" in low:
        gates += [w for w in (" @", "@ ") if w in low]
    for w in gates:
        i = low.find(w)
        while i >= 0:
            hits.append(i)
            i = low.find(w, i + 1)
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for i in hits:
        for m in _MIXED.finditer(text, max(0, i - 64), min(len(text), i + 96)):
            if (m.start(), m.end()) in seen or not _local_ok(text, m):
                continue
            seen.add((m.start(), m.end()))
            out.append(Candidate(m.start(), m.end(), "EMAIL", 80))
    return out


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
    return out + _mixed(text, low)
