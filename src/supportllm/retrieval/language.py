"""Language identification for documents and queries (py3langid, limited to the configured set)."""

from __future__ import annotations

import threading

# ISO 639-1 -> Snowball stemmer name (PyStemmer). Languages outside this map are still detected
# and filtered on, but their words are not stemmed.
SNOWBALL = {
    "en": "english",
    "de": "german",
    "nl": "dutch",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "fi": "finnish",
}


class LanguageDetector:
    """Pick the most likely of ``languages`` for a text; ``fallback`` when the text has no words."""

    def __init__(self, languages: list[str], fallback: str | None = None) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self.languages = [lang.lower() for lang in languages]
        self.fallback = fallback or self.languages[0]
        self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        known = set(self._identifier.nb_classes)
        unknown = [lang for lang in self.languages if lang not in known]
        if unknown:
            from supportllm.errors import ConfigError

            raise ConfigError(
                f"setting 'retrieval.languages' has unknown language codes {unknown}; "
                "use ISO 639-1 codes such as en, de, nl"
            )
        if len(self.languages) > 1:
            self._identifier.set_languages(self.languages)
        self._lock = threading.Lock()  # be safe: the identifier keeps per-instance state

    def detect(self, text: str) -> str:
        return self.detect_with_confidence(text)[0]

    def best_of(self, text: str, candidates: set[str]) -> str:
        """The most likely of ``candidates`` (those outside the configured set rank last)."""
        with self._lock:
            ranking = [str(lang) for lang, _ in self._identifier.rank(text[:2000])]
        ranked = [lang for lang in ranking if lang in candidates]
        return ranked[0] if ranked else sorted(candidates)[0]

    def detect_with_confidence(self, text: str) -> tuple[str, float]:
        """The language and its probability among the configured ones (0 when it is a guess)."""
        if len(self.languages) == 1:
            return self.languages[0], 1.0
        if not any(ch.isalpha() for ch in text):
            return self.fallback, 0.0
        with self._lock:
            lang, probability = self._identifier.classify(text[:2000])
        return str(lang), float(probability)
