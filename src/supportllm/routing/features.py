"""What the complexity router reads from a ticket: the customer's own words in the chat
messages, and a few figures about them. Plain string work, well under a millisecond per ticket
(benchmarks/route_latency.py); no model, no external call."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from supportllm.routing.lexicon import (
    EXCLAMATION_RE,
    FUNCTION_WORDS,
    INTENT_CHECKS,
    NON_LATIN_RE,
    QUESTION_RE,
    REFERENCE_RE,
    TECHNICAL_CHECKS,
    WORD_LANGUAGE,
    WORD_RE,
)

# The languages the self-hosted model serves unless the router says otherwise.
COVERED_LANGUAGES: frozenset[str] = frozenset({"en", "de", "nl"})
# Language, shouting and order numbers are read from the ticket's first characters (a long
# ticket says them early); intent words, question and exclamation marks from all of it.
_HEAD_CHARS = 2000
# Shouting counts only with at least this many all-caps words ("VAT", "GDPR" alone are not).
_SHOUT_MIN_WORDS = 3

LanguageSource = Literal["given", "detected", "unknown"]


@dataclass(frozen=True)
class TicketFeatures:
    """Figures about one ticket, as the router sees them."""

    tokens: int  # the customer's text, estimated at 4 characters a token
    user_turns: int  # customer messages in the conversation
    lang: str  # ISO 639-1, "other" (detected, outside our lists) or "?" (no signal)
    lang_source: LanguageSource
    top_score: float | None  # best retrieved passage's fused score; None: retrieval off
    intents: tuple[str, ...]  # intent words found, e.g. ("refund", "complaint")
    questions: int  # question marks (a run of them counts once)
    exclamations: int  # exclamation marks (a run counts once)
    caps_share: float  # share of capital letters when 3+ words are in capitals (shouting), else 0
    references: int  # order, invoice or account numbers
    technical: bool  # code, stack traces, error codes, API talk


def _text_of(content: Any) -> str:
    """A message's text: a string, or the text parts of a list of content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            str(part.get("text") or "")
            for part in content
            if isinstance(part, dict) and part.get("type") == "text"
        )
    return ""


def customer_text(messages: Iterable[dict[str, Any]]) -> tuple[str, int]:
    """What the customer wrote (every user message, in order) and how many user messages."""
    texts = [
        _text_of(m.get("content"))
        for m in messages
        if isinstance(m, dict) and m.get("role") == "user"
    ]
    return "\n\n".join(t for t in texts if t), len(texts)


def detect_language(text: str) -> str | None:
    """A cheap guess from function words: en, de, nl (or fr, es, it, pt, pl → their code),
    ``"other"`` for text mostly in another script, None when the words give no signal."""
    sample = text[:_HEAD_CHARS].lower()
    words = WORD_RE.findall(sample)
    if not words:
        return None
    letters = sum(len(w) for w in words)
    if len(NON_LATIN_RE.findall(sample)) > letters / 2:  # Cyrillic, Greek, Arabic, CJK …
        return "other"
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    for word in words:
        lang = WORD_LANGUAGE.get(word)
        if lang is not None:
            counts[lang] += 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    (best, hits), (_, runner_up) = ranked[0], ranked[1]
    return best if hits > runner_up else None


def ticket_features(
    messages: list[dict[str, Any]],
    *,
    top_score: float | None,
    lang: str | None,
) -> TicketFeatures:
    """The features of a conversation (OpenAI chat messages as the client sent them: content a
    string or a list of content parts). ``lang`` when the request or the retrieval step knows
    it, else detected from the words; ``top_score``: the best passage's score from retrieval
    (None when retrieval is off). Whether the language counts as covered is the router's call."""
    text, turns = customer_text(messages)
    source: LanguageSource
    if lang:
        code, source = lang.lower(), "given"
    else:
        detected = detect_language(text)
        code, source = (detected, "detected") if detected else ("?", "unknown")
    lowered = text.lower()
    intents = tuple(
        sorted(
            name
            for name, checks in INTENT_CHECKS.items()
            if any(check.search(lowered) for check in checks)
        )
    )
    head = text[:_HEAD_CHARS]
    shouted = sum(1 for w in head.split() if len(w) >= 3 and w.isupper())
    caps = 0.0
    if shouted >= _SHOUT_MIN_WORDS:  # the share of capital letters
        upper = sum(1 for ch in head if ch.isupper())
        caps = upper / max(1, sum(len(w) for w in WORD_RE.findall(head)))
    return TicketFeatures(
        tokens=(len(text) + 3) // 4,
        user_turns=turns,
        lang=code,
        lang_source=source,
        top_score=top_score,
        intents=intents,
        questions=_marks(text, QUESTION_RE, "？"),
        exclamations=_marks(text, EXCLAMATION_RE, "！"),
        caps_share=round(caps, 4),
        references=len(REFERENCE_RE.findall(head.lower())),
        technical=any(check.search(lowered) for check in TECHNICAL_CHECKS),
    )


def _marks(text: str, ascii_run: re.Pattern[str], wide: str) -> int:
    """Runs of a mark ("??" counts once), ASCII or full-width."""
    count = len(ascii_run.findall(text))
    if wide in text:
        count += len(re.findall(f"{wide}+", text))
    return count
