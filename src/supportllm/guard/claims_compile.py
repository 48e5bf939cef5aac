"""Compiled per-language patterns for the action-claim detector (claims_detect.py), built from
the tables in claims_lexicon.py (words) and claims_frames.py (frames and cues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from supportllm.guard import claims_frames as cues
from supportllm.guard import claims_lexicon as lex
from supportllm.guard.case_split import split_compiled

__all__ = ["Lang", "compile_lang"]


_DONE_EMOJI = "[\u2705\u2714\u2611\U0001f44d\U0001f642\U0001f60a\U0001f389\U0001f64f]"


def _words(alternation: str) -> str:
    return rf"(?:{alternation})"


@dataclass(frozen=True)
class Lang:
    """One language's compiled patterns."""

    code: str
    state: re.Pattern[str]
    participle: re.Pattern[str]
    classes: tuple[tuple[str, re.Pattern[str]], ...]
    nouns: tuple[tuple[str, re.Pattern[str]], ...]
    frames: tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...]
    block_before: re.Pattern[str]
    block_after: re.Pattern[str]
    not_done_after: re.Pattern[str]
    customer: re.Pattern[str]
    question: re.Pattern[str]
    clause: re.Pattern[str]
    generic: re.Pattern[str]
    base: re.Pattern[str]
    base_classes: tuple[tuple[str, re.Pattern[str]], ...]
    able: tuple[re.Pattern[str], ...]
    cause: tuple[re.Pattern[str], ...]
    bare_head: re.Pattern[str]
    bare_lead: re.Pattern[str]
    bare_after: re.Pattern[str]
    bare_end: re.Pattern[str]
    completion: re.Pattern[str]
    negated_that: re.Pattern[str]
    change_now: re.Pattern[str]
    change_will: re.Pattern[str]
    change_from: re.Pattern[str]
    change_copula: re.Pattern[str]
    on_plan: re.Pattern[str]
    quantifier: re.Pattern[str]
    doer: re.Pattern[str]
    inverted: re.Pattern[str]


_SYMBOLS = "\u2600-\u27bf\U0001f300-\U0001faff"  # ✔ ✅ 👍 …: chat marks end a clause


def compile_lang(lang: str) -> Lang:
    """Compiles one language's tables (claims_lexicon.py, claims_frames.py)."""
    flags = re.IGNORECASE
    verbs = lex.VERBS[lang]
    alternation = "|".join(f"(?:{pat})" for pat in verbs.values())
    states = (
        f"{cues.STATES[lang]}|{cues.MONEY_BACK[lang]}|{cues.UNDERWAY_STATE[lang]}|{cues.GONE[lang]}"
    )
    participle = split_compiled(rf"\b(?:{alternation}|{states}|{cues.UNDERWAY[lang]})\b", flags)
    classes = tuple((cls, split_compiled(rf"(?:{pat})", flags)) for cls, pat in verbs.items())
    classes += (
        ("moneyback", split_compiled(cues.MONEY_BACK[lang], flags)),
        ("underway", split_compiled(rf"{cues.UNDERWAY[lang]}|{cues.UNDERWAY_STATE[lang]}", flags)),
        ("gone", split_compiled(cues.GONE[lang], flags)),
    )
    nouns = tuple(
        (cls, split_compiled(rf"\b(?:{pat})\b", flags)) for cls, pat in lex.NOUNS[lang].items()
    )
    frames = tuple(
        (
            kind,
            split_compiled(before, flags) if before else None,
            split_compiled(after, flags) if after else None,
        )
        for kind, before, after in cues.FRAMES[lang]
    )
    base_verbs = lex.BASE_VERBS[lang]
    base_alt = "|".join(f"(?:{pat})" for pat in base_verbs.values())
    nouns_alt = "|".join(f"(?:{pat})" for pat in lex.NOUNS[lang].values())
    token = rf"(?:{cues.BARE_DETERMINERS[lang]}|{nouns_alt}|[#€$£]?[\w.,-]*\d[\w.,-]*[€$£]?)"
    return Lang(
        code=lang,
        state=split_compiled(rf"(?:{states})", flags),
        participle=participle,
        classes=classes,
        nouns=nouns,
        frames=frames,
        block_before=split_compiled(rf"\b{_words(cues.BLOCK_BEFORE[lang])}(?!\w)", flags),
        block_after=split_compiled(rf"(?:^|[\s,])(?:{cues.BLOCK_AFTER[lang]})\b", flags),
        not_done_after=split_compiled(cues.NOT_DONE_AFTER[lang], flags),
        customer=split_compiled(rf"\b(?:{cues.CUSTOMER_SUBJECT[lang]})\s*$", flags),
        question=split_compiled(rf"^\W*(?:{cues.QUESTION_START[lang]})\b", flags),
        clause=split_compiled(
            rf"(?<!\d),|,(?!\s?[\d-])|[;:()\[\]—–{_SYMBOLS}]|\s-\s|\b(?:{cues.CLAUSE_WORDS[lang]})\b",
            flags,
        ),
        generic=split_compiled(rf"\b(?:{cues.GENERIC[lang]})\b", flags),
        base=split_compiled(rf"\b(?:{base_alt})\b", flags),
        base_classes=tuple(
            (cls, split_compiled(rf"(?:{pat})", flags)) for cls, pat in base_verbs.items()
        ),
        able=tuple(split_compiled(pat, flags) for pat in cues.ABLE_FRAMES[lang]),
        cause=tuple(split_compiled(pat, flags) for pat in cues.CAUSE_FRAMES[lang]),
        bare_head=split_compiled(rf"\W*(?:{token}\W*\s+){{1,4}}", flags),
        bare_lead=split_compiled(rf"\W*(?:{cues.BARE_LEAD[lang]}\s+)?", flags),
        bare_after=split_compiled(cues.BARE_OBJECT_AFTER[lang], flags),
        bare_end=split_compiled(
            rf"\s*(?:[^\w\s'’\"]|\s-\s|$)|\s+(?:{cues.BARE_END[lang]})(?:\b|(?=[#\d]))", flags
        ),
        negated_that=split_compiled(
            rf"\b(?:{cues.NEGATION[lang]})\b[^.;:!?]*\b(?:{cues.COMPLEMENTIZER[lang]})\s*$",
            flags,
        ),
        completion=split_compiled(  # "Done!", "Erledigt.", "Done ✅"
            rf"\W*(?:{cues.COMPLETION[lang]})\s*(?:[.!,;:—–-]|{_DONE_EMOJI}|$)", flags
        ),
        change_now=split_compiled(cues.CHANGE_NOW[lang], flags),
        change_will=split_compiled(cues.CHANGE_WILL[lang], flags),
        change_from=split_compiled(cues.CHANGE_FROM[lang], flags),
        change_copula=split_compiled(cues.CHANGE_COPULA[lang], flags),
        on_plan=re.compile(cues.ON_PLAN[lang]),  # case matters: a plan's name
        quantifier=split_compiled(rf"\b(?:{cues.QUANTIFIER[lang]})\b", flags),
        doer=split_compiled(rf"\W*(?:{cues.OTHER_DOER[lang]})\b", flags),
        inverted=split_compiled(
            rf"(?:{cues.INVERTED_AUX[lang]})\s+(?:{cues.OTHER_DOER[lang]})\b", flags
        ),
    )
