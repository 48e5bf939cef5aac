"""Counting prompt tokens with the model's own tokenizer, for engines whose streams carry no usage.

llama-cpp-python's streamed ``/v1/completions`` (the packaged base model's path) reports no
``usage``; the gateway knows the GGUF file it started the engine with and counts the prompt
with that file's vocabulary (``vocab_only``: no weights are loaded, a few MB, ~0.1 s).
"""

from __future__ import annotations

import threading
from typing import Any, Protocol


class PromptCounter(Protocol):
    def warm(self) -> None:
        """Load what counting needs (called at start-up, off the request path)."""

    def count(self, text: str) -> int:
        """Tokens the engine will see for ``text`` as a whole prompt (BOS included)."""
        ...


class GGUFTokenizer:
    """The vocabulary of one GGUF file, loaded on first use (thread-safe)."""

    def __init__(self, model_path: str) -> None:
        self.model_path = model_path
        self._vocab: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._vocab is None:
                from llama_cpp import Llama  # heavy import, only when a count is needed

                self._vocab = Llama(
                    model_path=self.model_path, vocab_only=True, verbose=False, n_ctx=8
                )
            return self._vocab

    def warm(self) -> None:
        self._load()

    def count(self, text: str) -> int:
        vocab = self._load()
        return len(vocab.tokenize(text.encode("utf-8"), add_bos=True, special=True))


def estimate_tokens(text: str) -> int:
    """A rough count (4 bytes a token) when no tokenizer is known; always flagged as estimated."""
    return max(1, round(len(text.encode("utf-8")) / 4))
