"""Prompt-injection screening of user messages, knowledge-base passages and tool results.

``InjectionScreen(settings).check(text)`` gives an ``InjectionVerdict``: a score in [0, 1], whether
it reaches the threshold, and the language. Two backends behind one interface:

- ``model = "builtin"`` (default, offline): the linear classifier shipped as package data
  (``guard/data/injection_model.npz``, made by ``scripts/train_injection.py``), plus the
  high-precision patterns of ``injection_rules`` (a pattern hit scores at least 0.99).
  Long texts are scored in overlapping windows (the highest window counts), so one poisoned
  sentence in a long help-centre article is not diluted.
- a Hugging Face text-classification model id (e.g. ``protectai/deberta-v3-base-prompt-injection-
  v2``), loaded lazily through ``transformers.pipeline``; the score is the probability of
  ``hf_injection_label``. Not testable offline (no model hub here).

A classifier that fails at run time is logged and treated per ``fail_closed``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from supportllm.config_sections import InjectionGuardSettings
from supportllm.errors import ConfigError
from supportllm.guard.eval_curve import Scored
from supportllm.guard.injection_model import LinearInjectionModel, ModelFileError, normalize
from supportllm.guard.injection_quotes import as_the_customer_means_it
from supportllm.guard.injection_reader import OnError, decide
from supportllm.guard.injection_rules import InjectionRules
from supportllm.guard.reading import ReaderAnswer, reader_summary

log = logging.getLogger(__name__)

RULE_SCORE = 0.99
WINDOW_CHARS = 1000
WINDOW_STRIDE = 500
LANGUAGES = ["en", "de", "nl"]
# The verdict names the text's language; its first 400 characters tell it as well as 2,000 (the
# same language for all 198 longer labelled texts of the held-out and support sets)
# and py3langid's cost grows with the length (1.1 ms for a 200-word ticket: a tenth of the budget).
LANGUAGE_SAMPLE = 400


@dataclass(frozen=True)
class InjectionVerdict:
    score: float
    flagged: bool
    lang: str | None
    rule: str | None = None  # the pattern kind that matched (builtin backend), if any
    error: str | None = None  # the classifier failed; ``flagged`` then follows ``fail_closed``


class _Backend(Protocol):
    threshold: float
    document_threshold: float

    def scores(self, texts: list[str]) -> list[float]: ...


def builtin_model_path() -> Path:
    return Path(str(resources.files("supportllm.guard") / "data" / "injection_model.npz"))


def _windows(text: str) -> list[str]:
    if len(text) <= WINDOW_CHARS:
        return [text]
    starts = range(0, len(text) - WINDOW_STRIDE, WINDOW_STRIDE)
    return [text[s : s + WINDOW_CHARS] for s in starts]


class _LinearBackend:
    def __init__(self, path: Path, rules: bool) -> None:
        self._model = LinearInjectionModel(path)
        self._rules = InjectionRules() if rules else None
        self.threshold = self._model.threshold
        self.document_threshold = self._model.document_threshold
        self.last_rule: str | None = None

    def score_one(self, text: str) -> tuple[float, str | None]:
        normalized = normalize(text)
        if len(text) <= WINDOW_CHARS:  # one window: the text itself, normalised once for both
            # A prank the customer reports in quotes is not their request (injection_quotes).
            score = self._model.score_normalized(as_the_customer_means_it(normalized))
        else:
            score = max(self._model.score(window) for window in _windows(text))
        rule = self._rules.match(normalized) if self._rules else None
        return (max(score, RULE_SCORE) if rule else score), rule

    def scores(self, texts: list[str]) -> list[float]:
        return [self.score_one(t)[0] for t in texts]


class _HuggingFaceBackend:
    """A transformers text-classification pipeline (e.g. protectai's DeBERTa v2 model)."""

    def __init__(self, model_id: str, label: str, device: str | None) -> None:
        try:
            from transformers import pipeline
        except ImportError as exc:  # transformers comes with sentence-transformers
            raise ConfigError(f"injection model {model_id!r} needs transformers: {exc}") from exc
        try:
            self._pipe: Any = pipeline(
                "text-classification",
                model=model_id,
                device=device or "cpu",
                truncation=True,
                max_length=512,
            )
        except Exception as exc:  # hub, network and file errors of many kinds
            raise ConfigError(
                f"injection model {model_id!r} could not be loaded: {type(exc).__name__}: {exc}"
            ) from exc
        self._label = label
        self.threshold = 0.5
        self.document_threshold = 0.5

    def scores(self, texts: list[str]) -> list[float]:
        out: list[float] = []
        for result in self._pipe(texts, top_k=None, batch_size=16):
            by_label = {str(r["label"]): float(r["score"]) for r in result}
            out.append(by_label.get(self._label, 0.0))
        return out


class InjectionScreen:
    """Screens texts; the model and the language detector are loaded on first use."""

    def __init__(self, settings: InjectionGuardSettings) -> None:
        self.settings = settings
        self._backend: _Backend | None = None
        self._detector: Any = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the model now (at start-up), raising ConfigError naming a missing/corrupt file."""
        self._get_backend()

    def _get_backend(self) -> _Backend:
        with self._lock:
            if self._backend is None:
                self._backend = self._make_backend()
            return self._backend

    def _make_backend(self) -> _Backend:
        model = self.settings.model
        if model == "builtin" or model.endswith(".npz"):
            path = builtin_model_path() if model == "builtin" else Path(model).expanduser()
            try:
                return _LinearBackend(path, self.settings.rules)
            except ModelFileError as exc:
                raise ConfigError(f"setting 'guard.injection.model': {exc}") from exc
        return _HuggingFaceBackend(model, self.settings.hf_injection_label, self.settings.device)

    @property
    def threshold(self) -> float:
        if self.settings.threshold is not None:
            return self.settings.threshold
        return self._get_backend().threshold

    @property
    def document_threshold(self) -> float:
        """The threshold for documents: knowledge-base articles at ingest and tool results.
        Their benign text (help-centre articles, forum answers, policy manuals) is written in
        the imperative and names tools and settings, so it scores higher than a customer's
        message; the built-in model carries a threshold calibrated on such text."""
        if self.settings.document_threshold is not None:
            return self.settings.document_threshold
        if self.settings.threshold is not None:
            return max(self.settings.threshold, self._get_backend().document_threshold)
        return self._get_backend().document_threshold

    def _language(self, text: str) -> str | None:
        if not any(ch.isalpha() for ch in text):
            return None
        if self._detector is None:
            from supportllm.retrieval.language import LanguageDetector

            self._detector = LanguageDetector(LANGUAGES)
        lang, _ = self._detector.detect_with_confidence(text)
        return str(lang)

    def check(
        self, text: str, lang: str | None = None, *, documents: bool = False
    ) -> InjectionVerdict:
        return self._verdicts([text], [lang], documents=documents)[0]

    def check_many(self, texts: list[str], *, documents: bool = False) -> list[InjectionVerdict]:
        """``documents=True``: the texts are knowledge-base articles or tool results, judged
        against ``document_threshold``; otherwise they are messages."""
        return self._verdicts(texts, [None] * len(texts), documents=documents)

    def _verdicts(
        self, texts: list[str], langs: list[str | None], *, documents: bool = False
    ) -> list[InjectionVerdict]:
        backend = self._get_backend()
        threshold = self.document_threshold if documents else self.threshold
        clipped = [t[: self.settings.max_chars] for t in texts]
        detected = [
            lang or self._language(t[:LANGUAGE_SAMPLE])
            for t, lang in zip(clipped, langs, strict=True)
        ]
        try:
            if isinstance(backend, _LinearBackend):
                pairs = [backend.score_one(t) if t.strip() else (0.0, None) for t in clipped]
            else:
                scored = backend.scores([t for t in clipped if t.strip()])
                it = iter(scored)
                pairs = [(next(it), None) if t.strip() else (0.0, None) for t in clipped]
        except Exception as exc:  # noqa: BLE001 - any classifier failure is handled per setting
            log.error("injection classifier failed (%s): %s", type(exc).__name__, exc)
            error = f"{type(exc).__name__}: {exc}"
            flagged = self.settings.fail_closed
            return [
                InjectionVerdict(1.0 if flagged else 0.0, flagged, lang, error=error)
                for lang in detected
            ]
        return [
            InjectionVerdict(round(score, 4), score >= threshold, lang, rule=rule)
            for (score, rule), lang in zip(pairs, detected, strict=True)
        ]


# --------------------------------------------------------------------------------------------
# Evaluation over labelled JSONL {"text", "label": 0|1, "lang"?}


def is_injection_item(row: object) -> bool:
    """Whether one parsed JSONL line belongs to an injection set."""
    return (
        isinstance(row, dict)
        and isinstance(row.get("text"), str)
        and row.get("label") in (0, 1)
        and not isinstance(row.get("label"), bool)
        and "spans" not in row
    )


def counts(pairs: list[tuple[int, bool]]) -> dict[str, Any]:
    """Confusion counts, precision, recall, F1 and false-positive rate of (truth, flagged)
    pairs (None where undefined)."""
    tp = sum(1 for y, p in pairs if y == 1 and p)
    fp = sum(1 for y, p in pairs if y == 0 and p)
    fn = sum(1 for y, p in pairs if y == 1 and not p)
    tn = sum(1 for y, p in pairs if y == 0 and not p)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else None
    )
    return {
        "n": len(pairs),
        "positives": tp + fn,
        "negatives": fp + tn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "fpr": fp / (fp + tn) if fp + tn else None,
    }


def evaluate_injection(
    items: list[dict[str, Any]],
    screen: InjectionScreen | None = None,
    *,
    documents: bool = False,
    scored: list[Scored] | None = None,
    readings: Callable[[list[str], list[InjectionVerdict]], list[ReaderAnswer | None]]
    | None = None,
    on_error: OnError = "builtin",
) -> dict[str, Any]:
    """Precision, recall, F1 and false-positive rate overall and per language (JSON-ready).

    Items without ``lang`` are given the detected language. ``screen`` defaults to the builtin
    model with default settings; ``documents``: the items are articles or tool results, judged
    against the screen's ``document_threshold``; ``scored``: each item's truth and score are
    appended to it (for eval_curve); ``readings``: the injection reader's answer per item
    (None: not asked) given the texts and the screen's verdicts, combined with the screen's
    verdict as the gateway does (injection_reader.decide, ``on_error``).
    """
    screen = screen or InjectionScreen(InjectionGuardSettings())
    bad = [i for i, row in enumerate(items, start=1) if not is_injection_item(row)]
    if bad:
        raise ValueError(f"item {bad[0]} is not {{'text': str, 'label': 0|1, 'lang'?: str}}")
    verdicts = [
        screen.check(str(row["text"]), row.get("lang"), documents=documents) for row in items
    ]
    answers: list[ReaderAnswer | None] = [None] * len(items)
    if readings is not None:
        answers = readings([str(row["text"]) for row in items], verdicts)
        if len(answers) != len(items):
            raise ValueError(f"{len(answers)} readings for {len(items)} items")
        verdicts = [
            replace(v, flagged=decide(v.flagged, answer, on_error)[0])
            for v, answer in zip(verdicts, answers, strict=True)
        ]
    pairs = [(int(row["label"]), v.flagged) for row, v in zip(items, verdicts, strict=True)]
    if scored is not None:
        scored += [
            Scored(bool(label), v.score, v.flagged)
            for (label, _), v in zip(pairs, verdicts, strict=True)
        ]
    by_lang: dict[str, list[tuple[int, bool]]] = {}
    for pair, verdict in zip(pairs, verdicts, strict=True):
        by_lang.setdefault(verdict.lang or "unknown", []).append(pair)
    errors = [
        {
            "text": str(row["text"])[:200],
            "label": int(row["label"]),
            "score": v.score,
            "lang": v.lang,
        }
        for row, v in zip(items, verdicts, strict=True)
        if v.flagged != bool(row["label"])
    ]
    out = {
        "model": screen.settings.model,
        "threshold": screen.threshold,
        "overall": counts(pairs),
        "per_language": {lang: counts(p) for lang, p in sorted(by_lang.items())},
        "errors": errors,
    }
    if readings is not None:
        out["reader"] = reader_summary(answers, "injection")
    return out
