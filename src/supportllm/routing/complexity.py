"""The complexity router: a small logistic model over a ticket's features that says whether the
self-hosted model answers it or the API does.

``score = 1 / (1 + exp(-(bias + Σ weight × feature)))`` is the estimated chance that the
self-hosted model's reply would *not* be sent; at or above ``threshold`` the ticket goes to the
API. ``ComplexityRouter.default()`` has hand-set weights (documented below and in
docs/operate-routing.md, fitted on nobody's data); ``supportllm route calibrate`` fits them on a
trial's graded replies and writes a router file that ``load`` reads.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from supportllm.errors import ConfigError
from supportllm.routing.features import COVERED_LANGUAGES, TicketFeatures
from supportllm.routing.lexicon import INTENTS

FORMAT = "supportllm.router/1"

# The model's inputs, in a fixed order (names are the router file's keys).
BASE_FEATURES: tuple[str, ...] = (
    "length",  # ln(1 + tokens / 100): 0.1 for a line, 1.6 for 400 tokens, 2.4 for 1,000
    "turns",  # customer messages beyond the first, at most 5
    "lang_uncovered",  # 1: a language outside the covered ones; 1/3: no signal either way
    "kb_gap",  # (kb_full - top score) / kb_full, clipped to 0..1; 0 when retrieval is off
    "questions",  # question marks, at most 5
    "exclamations",  # exclamation marks, at most 5
    "caps",  # share of words in capitals (shouting)
    "references",  # order/invoice numbers, at most 3
    "technical",  # 1: code, stack traces, error codes, API talk
)
FEATURES: tuple[str, ...] = BASE_FEATURES + tuple(f"intent_{name}" for name in INTENTS)

# Hand-set: what a support lead would guess, not fitted on any data. Legal threats, chargebacks
# and threats weigh most (a wrong answer costs money or a court case); a knowledge base that
# does not cover the ticket (kb_gap 1) weighs as much as a legal threat.
DEFAULT_WEIGHTS: dict[str, float] = {
    "length": 0.5,
    "turns": 0.4,
    "lang_uncovered": 2.5,
    "kb_gap": 3.0,
    "questions": 0.25,
    "exclamations": 0.3,
    "caps": 2.0,
    "references": 0.2,
    "technical": 0.6,
    "intent_refund": 1.5,
    "intent_legal": 3.0,
    "intent_complaint": 1.5,
    "intent_cancellation": 1.0,
    "intent_chargeback": 2.5,
    "intent_privacy": 2.0,
    "intent_escalation": 2.0,
    "intent_threat": 2.5,
    "intent_security": 2.0,
}
DEFAULT_BIAS = -2.5  # a one-line FAQ question the KB covers well scores about 0.1
DEFAULT_THRESHOLD = 0.5
DEFAULT_KB_FULL = 0.5  # a top score at or above this counts as fully covered (demo KB: median)
DEFAULT_KB_LOW = 0.35  # below this the reason says the KB barely covers the ticket

_LABELS = {
    "length": "long",
    "turns": "several turns",
    "lang_uncovered": "language",
    "kb_gap": "kb",
    "exclamations": "exclamation marks",
    "caps": "shouting",
    "references": "order/invoice numbers",
    "technical": "technical",
}


@dataclass(frozen=True)
class RouteDecision:
    target: Literal["self", "api"]
    score: float  # 0..1, higher: more complex
    reason: str  # short and human: "intent: refund; kb top score 0.21 < 0.35; score 0.91 ≥ 0.50"


def feature_vector(
    features: TicketFeatures,
    kb_full: float = DEFAULT_KB_FULL,
    covered: frozenset[str] = COVERED_LANGUAGES,
) -> list[float]:
    """The model's inputs in ``FEATURES`` order."""
    f = features
    uncovered = 1.0 if f.lang_source != "unknown" else 1.0 / 3.0
    if f.lang in covered:
        uncovered = 0.0
    gap = 0.0
    if f.top_score is not None and kb_full > 0:
        gap = min(1.0, max(0.0, (kb_full - f.top_score) / kb_full))
    found = set(f.intents)
    return [
        math.log1p(f.tokens / 100),
        float(min(5, max(0, f.user_turns - 1))),
        uncovered,
        gap,
        float(min(f.questions, 5)),
        float(min(f.exclamations, 5)),
        f.caps_share,
        float(min(f.references, 3)),
        1.0 if f.technical else 0.0,
        *(1.0 if name in found else 0.0 for name in INTENTS),
    ]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class ComplexityRouter:
    """Weights per feature name, a bias and a threshold on the score."""

    weights: Mapping[str, float]
    bias: float
    threshold: float = DEFAULT_THRESHOLD
    kb_full: float = DEFAULT_KB_FULL
    kb_low: float = DEFAULT_KB_LOW
    covered: frozenset[str] = COVERED_LANGUAGES
    source: str = "default weights (hand-set, not fitted)"
    calibration: Mapping[str, Any] = field(default_factory=dict)  # what `calibrate` recorded
    _vector: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.weights) - set(FEATURES))
        if unknown:
            raise ConfigError(f"router weights for unknown features {unknown}; known: {FEATURES}")
        values = [*self.weights.values(), self.bias, self.kb_full, self.kb_low]
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
            raise ConfigError("router weights, bias and kb scores must be finite numbers")
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"router threshold must be between 0 and 1, got {self.threshold}")
        vector = tuple(float(self.weights.get(name, 0.0)) for name in FEATURES)
        object.__setattr__(self, "_vector", vector)

    @classmethod
    def default(cls) -> ComplexityRouter:
        return cls(dict(DEFAULT_WEIGHTS), DEFAULT_BIAS)

    @classmethod
    def configured(
        cls,
        router_file: Path | None,
        threshold: float | None = None,
        covered_languages: Iterable[str] | None = None,
    ) -> ComplexityRouter:
        """What the auto route's settings ask for: the router file (or the default weights),
        with the threshold and the covered languages overridden when set."""
        router = cls.default() if router_file is None else cls.load(router_file)
        if threshold is not None:
            router = router.with_threshold(threshold)
        if covered_languages is not None:
            router = replace(router, covered=frozenset(c.lower() for c in covered_languages))
        return router

    def with_threshold(self, threshold: float) -> ComplexityRouter:
        return replace(self, threshold=threshold)

    def score(self, features: TicketFeatures) -> float:
        x = feature_vector(features, self.kb_full, self.covered)
        return _sigmoid(self.bias + sum(w * v for w, v in zip(self._vector, x, strict=True)))

    def decide(self, features: TicketFeatures) -> RouteDecision:
        score = self.score(features)
        target: Literal["self", "api"] = "api" if score >= self.threshold else "self"
        sign = "≥" if target == "api" else "<"
        why = self.explain(features)
        reason = f"{why}; score {score:.2f} {sign} {self.threshold:.2f}"
        return RouteDecision(target, score, reason)

    def explain(self, features: TicketFeatures) -> str:
        """The features that pushed the score up, most first, in words."""
        x = feature_vector(features, self.kb_full, self.covered)
        parts: list[tuple[float, str]] = []
        intents = [
            (self.weights.get(f"intent_{name}", 0.0), name)
            for name in features.intents
            if self.weights.get(f"intent_{name}", 0.0) > 0
        ]
        if intents:
            intents.sort(reverse=True)
            parts.append((intents[0][0], "intent: " + ", ".join(n for _, n in intents)))
        for name, value in zip(BASE_FEATURES, x, strict=False):
            push = self.weights.get(name, 0.0) * value
            if push >= 0.3:
                parts.append((push, self._words(name, features)))
        if not parts:
            kb = "" if features.top_score is None else f", kb top score {features.top_score:.2f}"
            return f"simple: no intent words{kb}"
        parts.sort(key=lambda part: -part[0])
        return "; ".join(text for _, text in parts[:3])

    def _words(self, name: str, f: TicketFeatures) -> str:
        if name == "kb_gap" and f.top_score is not None:
            if f.top_score < self.kb_low:
                return f"kb top score {f.top_score:.2f} < {self.kb_low:.2f}"
            return f"kb top score {f.top_score:.2f} (partly covered, < {self.kb_full:.2f})"
        if name == "lang_uncovered":
            if f.lang in ("?", "other"):
                return "language unknown" if f.lang == "?" else "language: another script"
            return f"language {f.lang} not covered"
        if name == "length":
            return f"long ({f.tokens:,} tokens)"
        if name == "turns":
            return f"{f.user_turns} customer turns"
        if name == "questions":
            return f"{f.questions} questions"
        return _LABELS[name]

    # the router file --------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "source": self.source,
            "bias": self.bias,
            "threshold": self.threshold,
            "weights": {name: float(self.weights.get(name, 0.0)) for name in FEATURES},
            "kb_full": self.kb_full,
            "kb_low": self.kb_low,
            "covered_languages": sorted(self.covered),
            "calibration": dict(self.calibration),
        }

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def load(cls, path: Path) -> ComplexityRouter:
        """A router file written by ``save``; ConfigError naming the file when it cannot be
        used (missing, not JSON, another format, bad values)."""
        try:
            data = json.loads(path.read_text())
        except FileNotFoundError:
            raise ConfigError(
                f"router file {path} does not exist: write one with `supportllm route "
                "calibrate RUN`, or leave router_file unset for the default weights"
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"router file {path} cannot be read: {error}") from None
        except json.JSONDecodeError as error:
            raise ConfigError(
                f"router file {path} is not JSON (line {error.lineno}: {error.msg})"
            ) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            found = data.get("format") if isinstance(data, dict) else type(data).__name__
            raise ConfigError(
                f"router file {path} has format {found!r}, expected {FORMAT!r} (written by "
                "`supportllm route calibrate`)"
            )
        try:
            weights = data["weights"]
            if not isinstance(weights, dict):
                raise TypeError("weights is not an object")
            return cls(
                {str(k): float(v) for k, v in weights.items()},
                float(data["bias"]),
                float(data.get("threshold", DEFAULT_THRESHOLD)),
                float(data.get("kb_full", DEFAULT_KB_FULL)),
                float(data.get("kb_low", DEFAULT_KB_LOW)),
                frozenset(str(x) for x in data.get("covered_languages", COVERED_LANGUAGES)),
                str(data.get("source", f"router file {path}")),
                dict(data.get("calibration") or {}),
            )
        except ConfigError as error:
            raise ConfigError(f"router file {path}: {error.message}") from None
        except (KeyError, TypeError, ValueError) as error:
            raise ConfigError(
                f"router file {path} is incomplete or has a bad value: {error}"
            ) from None
