"""High-precision injection patterns (EN/DE/NL) that back up the classifier.

Each pattern needs an *instruction object* ("instructions", "system prompt", "Anweisungen",
"instructies" …) or chat-template markup, never just a verb: "ignore my last e-mail",
"vergessen Sie meine letzte Nachricht" and "negeer mijn vorige mail" must not match. The patterns
run on ``injection_model.normalize``'s output (lower case, obfuscations undone).
"""

from __future__ import annotations

import re

_OBJ_EN = (
    r"(?:instructions?|prompts?|rules|directives|guidelines|guardrails|programming|"
    r"restrictions|constraints|system\s+message|context)"
)
_OBJ_DE = (
    r"(?:anweisungen|instruktionen|regeln|vorgaben|richtlinien|befehle|systemprompt|"
    r"system-prompt|einschränkungen|programmierung)"
)
_OBJ_NL = (
    r"(?:instructies|regels|opdrachten|richtlijnen|systeemprompt|beperkingen|aanwijzingen|"
    r"programmering)"
)

_ADJ_EN = r"(?:previous|prior|above|earlier|preceding|original|initial|old|system|safety)"
_ADJ_DE = r"(?:vorherigen|bisherigen|obigen|früheren|ursprünglichen|alten)"
_ADJ_NL = r"(?:vorige|eerdere|bovenstaande|oorspronkelijke|oude)"

PATTERNS: dict[str, list[str]] = {
    "override": [
        # "ignore all previous instructions", "disregard the above rules", "forget your guidelines":
        # a determiner of the assistant's instructions ("all", "your", "previous" …) is required.
        rf"\b(?:ignore|disregard|forget)\s+(?:(?:all|any)\s+(?:of\s+)?(?:the\s+|your\s+)?"
        rf"(?:{_ADJ_EN}\s+)?|your\s+(?:{_ADJ_EN}\s+)?|(?:the\s+|these\s+)?{_ADJ_EN}\s+){_OBJ_EN}\b",
        r"\b(?:ignore|disregard|forget)\s+(?:all|everything)\s+(?:you\s+(?:were|have\s+been)\s+"
        r"told|above|before\s+(?:this|that)|previous(?:ly)?)",
        rf"\b(?:ignoriere|ignorieren\s+sie|vergiss|vergessen\s+sie|missachte|missachten\s+sie)\s+"
        rf"(?:bitte\s+)?(?:(?:alle|sämtliche|deine|ihre)\s+(?:{_ADJ_DE}\s+)?|(?:die\s+)?{_ADJ_DE}\s+)"
        rf"{_OBJ_DE}\b",
        r"\bvergiss\s+alles\s+(?:davor|vorher|bisherige|was\s+(?:dir|man\s+dir)\s+(?:vorher\s+)?gesagt)",
        rf"\b(?:negeer|vergeet)\s+(?:(?:alle|al|je|jouw|uw)\s+(?:{_ADJ_NL}\s+)?|(?:de\s+)?{_ADJ_NL}\s+)"
        rf"{_OBJ_NL}\b",
        r"\bvergeet\s+alles\s+(?:hiervoor|hierboven|wat\s+je\s+eerder)",
    ],
    "extraction": [
        r"\b(?:reveal|print|show|repeat|output|dump|display|leak|tell\s+me|give\s+me|share)\s+"
        r"(?:me\s+)?(?:your\s+(?:full\s+|exact\s+|hidden\s+|initial\s+|original\s+|secret\s+)?"
        r"(?:system\s+)?prompt|(?:your|the)\s+(?:hidden|initial|original|secret|system)\s+"
        r"(?:instructions|prompt))\b",
        r"\bwhat\s+(?:is|was|are)\s+your\s+(?:system\s+)?prompt",
        r"\b(?:zeig|gib|verrate|nenne)\w*\s+(?:mir\s+)?(?:deinen|ihren|den)\s+(?:system)?prompt",
        r"\bwie\s+lautet\s+(?:dein|ihr)\s+(?:system)?prompt",
        r"\b(?:geef|toon|laat)\s+(?:me\s+)?(?:je|jouw|uw|de)\s+(?:systeem)?prompt",
        r"\bwat\s+is\s+(?:je|jouw|uw)\s+(?:systeem)?prompt",
    ],
    "persona": [
        r"\byou\s+are\s+(?:now\s+)?(?:dan|in\s+developer\s+mode|jailbroken|an?\s+unrestricted|"
        r"an?\s+unfiltered)\b",
        r"\b(?:enable|enter|activate)\s+(?:developer|god|debug|jailbreak)\s+mode\b",
        r"\bdu\s+bist\s+(?:jetzt\s+|ab\s+sofort\s+|nun\s+)?(?:dan|im\s+entwicklermodus|"
        r"eine\s+ungefilterte|ohne\s+(?:regeln|einschränkungen))\b",
        r"\bje\s+bent\s+(?:nu\s+|vanaf\s+nu\s+)?(?:dan|in\s+ontwikkelaarsmodus|een\s+ongefilterde)\b",
    ],
    "markup": [
        r"<\|im_start\|>|<\|im_end\|>|<\|system\|>|<\|endoftext\|>|<<sys>>|\[/?inst\]",
        r"<\s*/?\s*system\s*>",
        r"###\s*(?:new\s+)?system(?:\s+message|\s+prompt)?\s*:?|###\s*neue\s+systemnachricht|"
        r"###\s*nieuw\s+systeembericht",
        r"[\"']role[\"']\s*:\s*[\"']system[\"']",
    ],
}


class InjectionRules:
    """Compiled patterns; ``match`` names the first kind that matches, or None."""

    def __init__(self) -> None:
        self._compiled = [
            (kind, re.compile(pattern)) for kind, group in PATTERNS.items() for pattern in group
        ]

    def match(self, normalized: str) -> str | None:
        for kind, pattern in self._compiled:
            if pattern.search(normalized):
                return kind
        return None
