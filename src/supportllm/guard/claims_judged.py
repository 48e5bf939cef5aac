"""The action-claim check with the claims judge's second opinion (claims_judge.py), and the
factory that builds the check ``guard.claims`` asks for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supportllm.config_sections import ClaimsGuardSettings
from supportllm.errors import ConfigError
from supportllm.guard.claims import ClaimChecker, last_user_text
from supportllm.guard.claims_detect import Claim, guess_language
from supportllm.guard.claims_generic import CHANGED
from supportllm.guard.claims_judge import ClaimJudge, ClaimJudgeError, JudgeThresholds
from supportllm.guard.claims_judge_features import (
    JudgeInput,
    reply_features,
    sentence_scores,
    sentences_of,
)
from supportllm.guard.claims_learned import LearnedDetector, claim_detector
from supportllm.guard.claims_reply import Violation
from supportllm.guard.claims_split import split_sentences
from supportllm.guard.ledger import extract_objects

__all__ = ["JudgedChecker", "JudgedVerdict", "claim_checker", "judge_from_settings"]


@dataclass(frozen=True)
class JudgedVerdict:
    violations: list[Violation]  # what the check reports
    by_rules: list[Violation]  # what the rules and the sentence scorer found
    p: float  # the judge's probability that the reply claims an unbacked deed
    addable: bool = True  # the reply has a sentence the judge could report as the claim


class JudgedChecker(ClaimChecker):
    """The rules' verdict, kept or overturned by the judge (thresholds: claims_judge.py).

    A reply the judge adds is reported with its most claim-like sentence as the claim (action
    ``changed``, found ``by="judge"``); a reply it clears returns no violations."""

    def __init__(
        self,
        tool_actions: dict[str, str] | None,
        detector: LearnedDetector,
        judge: ClaimJudge,
        thresholds: JudgeThresholds | None = None,
    ) -> None:
        super().__init__(tool_actions, detector)
        self.learned = detector
        self.judge = judge
        self.thresholds = thresholds or judge.thresholds

    def violations(
        self, reply: str, messages: list[dict[str, Any]], lang: str | None = None
    ) -> list[Violation]:
        return self.verdict(reply, messages, lang).violations

    def verdict(
        self, reply: str, messages: list[dict[str, Any]], lang: str | None = None
    ) -> JudgedVerdict:
        """The final violations, with the rules' own and the judge's probability (the CLI
        shows a violation the judge cleared)."""
        with self.learned.one_reply():
            found = self._violations(reply, messages, lang)
            p, top = self.probability(reply, messages, lang)
        addable = top is not None
        if found:
            return JudgedVerdict(found if p >= self.thresholds.keep else [], found, p, addable)
        if p < self.thresholds.add or top is None:
            return JudgedVerdict([], found, p, addable)
        added = Violation(top, f"the claims judge reads it as an unbacked deed (p={p:.2f})")
        return JudgedVerdict([added], found, p, addable)

    def probability(
        self, reply: str, messages: list[dict[str, Any]], lang: str | None = None
    ) -> tuple[float, Claim | None]:
        """The judge's probability for the reply, and its most claim-like sentence."""
        asked = last_user_text(messages) or ""
        sentences = sentences_of(reply)
        scores = sentence_scores(self.learned, sentences)
        claims, vetoed = self.learned.find_with_vetoed(reply, lang, asked)
        # the judge was fitted on replies with a language: one is guessed where none is given
        said = lang or guess_language(reply)
        item = JudgeInput(
            reply, messages, said, sentences, scores, claims, vetoed, asked, self.tool_actions
        )
        p = self.judge.probability(reply_features(item))
        return p, _top_claim(reply, sentences, scores)


def _top_claim(reply: str, sentences: list[str], scores: list[float]) -> Claim | None:
    """The most claim-like sentence, where it first stands in the reply."""
    if not sentences or len(sentences) != len(scores):
        return None
    text = sentences[max(range(len(scores)), key=lambda i: scores[i])]
    for start, end in split_sentences(reply):
        if reply[start:end].strip() == text:
            return Claim(CHANGED, (start, end), text, extract_objects(text), by="judge")
    return None


def judge_from_settings(settings: ClaimsGuardSettings) -> tuple[ClaimJudge, JudgeThresholds]:
    """The judge ``guard.claims.judge`` names; ConfigError naming a missing or corrupt file."""
    name = settings.judge.strip()
    try:
        judge = ClaimJudge(None if name == "builtin" else Path(name).expanduser())
    except ClaimJudgeError as exc:
        raise ConfigError(f"setting 'guard.claims.judge': {exc}") from exc
    keep, add = settings.judge_keep, settings.judge_add
    own = judge.thresholds
    return judge, JudgeThresholds(
        own.keep if keep is None else keep, own.add if add is None else add
    )


def claim_checker(settings: ClaimsGuardSettings) -> ClaimChecker:
    """The check ``guard.claims`` asks for: the rules with the sentence scorer and the judge by
    default; without the judge when ``judge`` is ''; the rules alone when ``model`` is ''."""
    detector = claim_detector(settings)
    if not settings.judge.strip() or not isinstance(detector, LearnedDetector):
        return ClaimChecker(settings.tool_actions, detector)
    judge, thresholds = judge_from_settings(settings)
    return JudgedChecker(settings.tool_actions, detector, judge, thresholds)
