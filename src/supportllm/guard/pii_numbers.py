"""Numbers that look like PII but are not, and their cues (PII, round 11).

A dotted quad is an IPv4 address or a software version ("Update auf 10.2.0.14", "FW 4.12.0.3",
"crashes on 10.2.0.14 … worked fine on 10.1.9"): the nearer of a version word and a network word
in the words before it decides; with neither, another version number in the same text (three
parts, "10.1.9", or "v2.4") makes it one too. guard/pii_rules.py asks before it reports an IP.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["VersionPatterns"]

_VERSION_WORDS: Final = (
    r"updates?|updated|upgrades?|upgraded|firmware|fw|sw|software|version|versie|versions?nummer|"
    r"release|build|patch|aktualisiert|aktualisierung|geupdatet|geüpdatet|bijgewerkt"
)
_NETWORK_WORDS: Final = (
    r"ip|ipv4|ip-?adres|ip-?adresse|address|adresse|adres|server|host|gateway|dns|subnet|ping|"
    r"vpn|proxy|dhcp|lan|wan|wlan|wifi|intern|extern|public|"
    r"login|logins|logged|log-in|sign-in|signed|inlog|inlogpoging|ingelogd|anmeldung|angemeldet|"
    r"zugriff|zugriffe|access|firewall|whitelist|blocked|gesperrt|geblokkeerd|connects?|"
    r"connected|connection|verbindung|verbinding|requests?|anfragen?|verzoek(?:en)?"
)
# A device names the thing whose address or version it is: it decides only without a version word
# before it in the window ("Die Firmware-Version meines NAS ist 4.2.1.0", round 13).
_DEVICE_WORDS: Final = r"router|modem|nas|camera|kamera|printer|drucker|switch"
# "from 10.0.0.1" is an address unless a version word is nearer ("upgraded from 4.1.0.2").
_FROM_WORDS: Final = r"from|von|vanaf|van|aus|uit"
_WINDOW: Final = 40


class VersionPatterns:
    """Compiled cues that tell a version number from an IPv4 address."""

    def __init__(self) -> None:
        i = re.IGNORECASE
        self._cue = re.compile(
            rf"(?<![\w])(?:({_VERSION_WORDS})|({_NETWORK_WORDS})|({_DEVICE_WORDS}))(?![\w])", i
        )
        self._from = re.compile(rf"(?<![\w-])(?:{_FROM_WORDS})(?![\w-])", i)
        self._version = re.compile(
            r"(?<![\w.])(?:v\d{1,3}(?:\.\d{1,4}){1,3}|\d{1,3}\.\d{1,4}\.\d{1,4})(?![\w]|\.\d)", i
        )

    def is_version(self, text: str, start: int, end: int) -> bool:
        """Whether the dotted quad at ``text[start:end]`` reads as a version, not an address:
        the nearest cue word before it, else another version number in the text."""
        before = text[max(0, start - _WINDOW) : start]
        nearest = self._nearest_cue(before)
        if nearest is not None:
            return nearest
        if self._from.search(before):
            return False
        return any(
            _version_shape(m.group())
            for m in self._version.finditer(text)
            if not (m.start() < end and start < m.end())
        )

    def _nearest_cue(self, before: str) -> bool | None:
        """True for a version word, False for a network word (the last one wins), None for
        none."""
        last = None
        version_seen = False
        for m in self._cue.finditer(before):
            if m.group(3) is None or not version_seen:
                last = m
            version_seen = version_seen or m.group(1) is not None
        if last is None:
            return None
        return last.group(1) is not None


def _version_shape(number: str) -> bool:
    """ "v2.4", "10.1.9", "124.0.2": not a date ("14.03.24", "1.2.2024") and not an amount with
    thousands separators ("1.234.567")."""
    if number[0] in "vV":
        return True
    first, second, third = number.split(".")
    if len(second) == 3 and len(third) == 3:
        return False
    return not (len(third) in (2, 4) and int(first) <= 31 and int(second) <= 12)
