"""The gates a roll-out step must pass: error rate, p95 TTFT and judged answer quality.

Pure functions of counts. Each returns pass, fail or inconclusive with a message that says
why, and for inconclusive how many more observations the test needs (computed from the test,
not a constant). A step advances only when every gate passes; any failure rolls it back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

GateState = Literal["pass", "fail", "inconclusive"]

# TTFT histogram: bucket 0 holds [0, 1) ms, bucket i >= 1 holds [GROWTH**(i-1), GROWTH**i) ms;
# 5 % wide buckets put a quantile within 2.5 % of the truth. 330 buckets reach ~ 3 hours.
GROWTH = 1.05
BUCKETS = 330
INV_LOG_GROWTH = 1.0 / math.log(GROWTH)


@dataclass(frozen=True)
class GateResult:
    name: Literal["errors", "ttft", "quality"]
    state: GateState
    message: str
    needed: int = 0  # inconclusive: more observations needed (requests or judged pairs)

    def as_dict(self) -> dict[str, str | int]:
        return {"gate": self.name, "state": self.state, "message": self.message}


def bucket(ttft_ms: float) -> int:
    """The histogram bucket of a TTFT (O(1): one logarithm)."""
    if ttft_ms < 1.0:
        return 0
    return min(BUCKETS - 1, int(math.log(ttft_ms) * INV_LOG_GROWTH) + 1)


def quantile(histogram: Mapping[int, int], q: float) -> float | None:
    """The ``q`` quantile of a TTFT histogram (bucket -> count), in ms: the geometric middle of
    the bucket holding it; None when empty."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = max(1, math.ceil(q * total))
    seen = 0
    for index in sorted(histogram):
        seen += histogram[index]
        if seen >= rank:
            return 0.5 if index == 0 else float(GROWTH ** (index - 0.5))
    return None  # unreachable: the counts sum to total


def error_rate_gate(
    canary: tuple[int, int],
    incumbent: tuple[int, int],
    *,
    min_requests: int,
    margin: float,
    alpha: float,
) -> GateResult:
    """``canary`` and ``incumbent``: (requests, errors). Fails when the canary's error rate
    exceeds the incumbent's by more than ``margin`` *and* the excess over the incumbent is
    significant (one-sided, level ``alpha``, Agresti–Caffo interval: one error and one success
    added to each arm, so zero counts behave); passes otherwise, once both arms have
    ``min_requests``."""
    (cn, ce), (inn, ie) = canary, incumbent
    short = _short("errors", "", cn, inn, min_requests)
    if short is not None:
        return short
    rates = f"canary {_pct(ce, cn)} vs incumbent {_pct(ie, inn)}"
    pc, pi = (ce + 1) / (cn + 2), (ie + 1) / (inn + 2)
    se = math.sqrt(pc * (1 - pc) / (cn + 2) + pi * (1 - pi) / (inn + 2))
    significant = pc - pi - NormalDist().inv_cdf(1 - alpha) * se > 0
    if ce / cn - ie / inn > margin and significant:
        return GateResult("errors", "fail", f"fail: error rate {rates} (margin {margin:.1%})")
    return GateResult("errors", "pass", f"pass: error rate {rates}")


def _short(
    name: Literal["errors", "ttft"], what: str, canary: int, incumbent: int, minimum: int
) -> GateResult | None:
    """Inconclusive while either arm has fewer than ``minimum`` requests."""
    short = max(minimum - canary, minimum - incumbent, 0)
    if not short:
        return None
    arm = "canary" if canary <= incumbent else "incumbent"
    message = f"inconclusive: {short} more {what}{arm} requests needed"
    return GateResult(name, "inconclusive", message, short)


def _pct(errors: int, requests: int) -> str:
    return f"{errors / requests:.1%} ({errors}/{requests})" if requests else "- (0 requests)"


def ttft_gate(
    canary: Mapping[int, int],
    incumbent: Mapping[int, int],
    *,
    min_requests: int,
    tolerance: float,
    slack_ms: float,
) -> GateResult:
    """Passes when the canary's p95 TTFT <= the incumbent's x (1 + tolerance) + slack, fails
    when above, each arm having ``min_requests`` timed requests; inconclusive before."""
    short = _short("ttft", "timed ", sum(canary.values()), sum(incumbent.values()), min_requests)
    if short is not None:
        return short
    p95c, p95i = quantile(canary, 0.95), quantile(incumbent, 0.95)
    assert p95c is not None and p95i is not None
    limit = p95i * (1 + tolerance) + slack_ms
    state: GateState = "fail" if p95c > limit else "pass"
    text = f"p95 TTFT canary {p95c:.0f} ms vs incumbent {p95i:.0f} ms (limit {limit:.0f} ms)"
    return GateResult("ttft", state, f"{state}: {text}")


@dataclass(frozen=True)
class Sprt:
    """Wald's sequential probability ratio test on the canary's win probability p (a tie
    counts half a win): H0 p = 0.5 (as good as the incumbent) against H1 p = 0.5 - delta
    (worse). ``alpha``: P(fail | H0), ``beta``: P(pass | H1)."""

    delta: float
    alpha: float
    beta: float

    @property
    def win(self) -> float:  # log-likelihood ratio step of a canary win
        return math.log((0.5 - self.delta) / 0.5)

    @property
    def loss(self) -> float:  # ... of an incumbent win
        return math.log((0.5 + self.delta) / 0.5)

    @property
    def tie(self) -> float:  # half a win and half a loss
        return 0.5 * (self.win + self.loss)

    @property
    def upper(self) -> float:  # fail (accept H1) at or above
        return math.log((1 - self.beta) / self.alpha)

    @property
    def lower(self) -> float:  # pass (accept H0) at or below
        return math.log(self.beta / (1 - self.alpha))

    def llr(self, canary_wins: int, incumbent_wins: int, ties: int) -> float:
        return canary_wins * self.win + incumbent_wins * self.loss + ties * self.tie

    def drift(self, p: float) -> float:
        """Expected LLR step per judged pair when the canary wins with probability p (a tie
        rate does not change it: a tie's step is the mean of a win's and a loss's)."""
        return p * self.win + (1 - p) * self.loss

    def expected_judgements(self, worse: bool) -> float:
        """Wald's average sample number under H1 (``worse``) or H0, from the start."""
        if worse:
            return ((1 - self.beta) * self.upper + self.beta * self.lower) / self.drift(
                0.5 - self.delta
            )
        return ((1 - self.alpha) * self.lower + self.alpha * self.upper) / self.drift(0.5)


def quality_gate(
    canary_wins: int,
    incumbent_wins: int,
    ties: int,
    *,
    delta: float,
    alpha: float,
    beta: float,
    min_judgements: int,
) -> GateResult:
    """The sequential test on pairwise judgements (``Sprt``). Fails as soon as the evidence
    that the canary is worse crosses Wald's upper boundary; passes once it crosses the lower
    boundary with at least ``min_judgements`` pairs; otherwise inconclusive, with the number of
    further pairs the test expects to need if the canary is as good as the incumbent."""
    test = Sprt(delta, alpha, beta)
    n = canary_wins + incumbent_wins + ties
    llr = test.llr(canary_wins, incumbent_wins, ties)
    counts = tally(canary_wins, incumbent_wins, ties)
    if llr >= test.upper:
        return GateResult("quality", "fail", f"fail: the canary's answers are worse ({counts})")
    if llr <= test.lower and n >= min_judgements:
        return GateResult("quality", "pass", f"pass: canary as good as the incumbent ({counts})")
    to_boundary = math.ceil(max(0.0, llr - test.lower) / -test.drift(0.5))
    needed = max(to_boundary, min_judgements - n, 1)
    return GateResult(
        "quality",
        "inconclusive",
        f"inconclusive: {needed} more judged tickets needed ({counts})",
        needed,
    )


def tally(canary_wins: int, incumbent_wins: int, ties: int) -> str:
    return f"canary {canary_wins} / incumbent {incumbent_wins} / ties {ties}"


def combine(results: Iterable[GateResult]) -> GateState:
    """fail if any gate fails, pass if all pass, else inconclusive."""
    states = {result.state for result in results}
    if "fail" in states:
        return "fail"
    return "pass" if states <= {"pass"} else "inconclusive"
