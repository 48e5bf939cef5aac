"""Known models and GPUs, and the memory estimate that answers "does it fit on this GPU?".

Architecture figures (layers, KV heads, head size) are from each model's published config.json;
they decide the KV-cache size, which is what usually runs out first under concurrency.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, TypeVar

from supportllm.errors import NotFoundError

GIB = 1024**3

Precision = Literal["bf16", "fp8", "awq-4bit", "gguf-q4_k_m", "gguf-q5_k_m", "gguf-q8_0"]

# Bytes per parameter including the scales/zero points each format stores (AWQ: 4 bits + group-128
# scales ≈ 4.25 bits; GGUF figures are llama.cpp's published bits-per-weight for 7B-class models).
BYTES_PER_PARAM: dict[Precision, float] = {
    "bf16": 2.0,
    "fp8": 1.0,
    "awq-4bit": 4.25 / 8,
    "gguf-q4_k_m": 4.85 / 8,
    "gguf-q5_k_m": 5.69 / 8,
    "gguf-q8_0": 8.5 / 8,
}
KV_BYTES = {"bf16": 2.0, "fp8": 1.0}
# CUDA context, activations and CUDA graphs: vLLM's profile run typically reserves this much.
RUNTIME_OVERHEAD_GIB = 2.0


@dataclass(frozen=True)
class ModelSpec:
    key: str
    name: str
    hf_id: str
    params_b: float
    active_params_b: float
    layers: int
    kv_heads: int
    head_dim: int
    context: int
    licence: str
    awq_hf_id: str | None = None
    notes: str = ""

    def kv_bytes_per_token(self, kv_precision: str = "bf16") -> float:
        """Keys and values for every layer: 2 × layers × kv_heads × head_dim × bytes."""
        return 2 * self.layers * self.kv_heads * self.head_dim * KV_BYTES[kv_precision]

    def weight_bytes(self, precision: Precision) -> float:
        return self.params_b * 1e9 * BYTES_PER_PARAM[precision]


@dataclass(frozen=True)
class GPUSpec:
    key: str
    name: str
    memory_gib: float
    fp8: bool  # hardware FP8 (Ada, Hopper)


MODELS: tuple[ModelSpec, ...] = (
    ModelSpec(
        "llama3.1-8b",
        "Llama 3.1 8B Instruct",
        "meta-llama/Llama-3.1-8B-Instruct",
        8.03,
        8.03,
        32,
        8,
        128,
        131_072,
        "Llama 3.1 Community",
    ),
    ModelSpec(
        "llama3.1-70b",
        "Llama 3.1 70B Instruct",
        "meta-llama/Llama-3.1-70B-Instruct",
        70.6,
        70.6,
        80,
        8,
        128,
        131_072,
        "Llama 3.1 Community",
        awq_hf_id="hugging-quants/Meta-Llama-3.1-70B-Instruct-AWQ-INT4",
    ),
    ModelSpec(
        "mistral-7b-v0.3",
        "Mistral 7B Instruct v0.3",
        "mistralai/Mistral-7B-Instruct-v0.3",
        7.25,
        7.25,
        32,
        8,
        128,
        32_768,
        "Apache-2.0",
    ),
    ModelSpec(
        "mistral-nemo-12b",
        "Mistral Nemo 12B Instruct",
        "mistralai/Mistral-Nemo-Instruct-2407",
        12.2,
        12.2,
        40,
        8,
        128,
        131_072,
        "Apache-2.0",
    ),
    ModelSpec(
        "mixtral-8x7b",
        "Mixtral 8x7B Instruct",
        "mistralai/Mixtral-8x7B-Instruct-v0.1",
        46.7,
        12.9,
        32,
        8,
        128,
        32_768,
        "Apache-2.0",
        awq_hf_id="TheBloke/Mixtral-8x7B-Instruct-v0.1-AWQ",
        notes="mixture of experts: all 46.7B weights in memory, 12.9B active per token",
    ),
    ModelSpec(
        "qwen2.5-7b",
        "Qwen 2.5 7B Instruct",
        "Qwen/Qwen2.5-7B-Instruct",
        7.62,
        7.62,
        28,
        4,
        128,
        32_768,
        "Apache-2.0",
        awq_hf_id="Qwen/Qwen2.5-7B-Instruct-AWQ",
    ),
    ModelSpec(
        "qwen2.5-32b",
        "Qwen 2.5 32B Instruct",
        "Qwen/Qwen2.5-32B-Instruct",
        32.8,
        32.8,
        64,
        8,
        128,
        32_768,
        "Apache-2.0",
        awq_hf_id="Qwen/Qwen2.5-32B-Instruct-AWQ",
    ),
    ModelSpec(
        "qwen2.5-72b",
        "Qwen 2.5 72B Instruct",
        "Qwen/Qwen2.5-72B-Instruct",
        72.7,
        72.7,
        80,
        8,
        128,
        32_768,
        "Qwen licence",
        awq_hf_id="Qwen/Qwen2.5-72B-Instruct-AWQ",
    ),
    ModelSpec(
        "qwen3-32b",
        "Qwen3 32B",
        "Qwen/Qwen3-32B",
        32.8,
        32.8,
        64,
        8,
        128,
        32_768,
        "Apache-2.0",
        awq_hf_id="Qwen/Qwen3-32B-AWQ",
    ),
    ModelSpec(
        "qwen2.5-1.5b",
        "Qwen 2.5 1.5B Instruct (draft model)",
        "Qwen/Qwen2.5-1.5B-Instruct",
        1.54,
        1.54,
        28,
        2,
        128,
        32_768,
        "Apache-2.0",
        notes="a draft model for speculative decoding with the larger Qwen 2.5 models",
    ),
    ModelSpec(
        "gemma3-270m",
        "Gemma 3 270M (base, packaged demo)",
        "google/gemma-3-270m",
        0.268,
        0.268,
        18,
        1,
        256,
        32_768,
        "Gemma",
        notes="the embedded smoke-test model: a base model, not for customers",
    ),
)

_Spec = TypeVar("_Spec", ModelSpec, GPUSpec)

GPUS: tuple[GPUSpec, ...] = (
    GPUSpec("a100-40gb", "NVIDIA A100 40GB", 40, False),
    GPUSpec("a100-80gb", "NVIDIA A100 80GB", 80, False),
    GPUSpec("h100-80gb", "NVIDIA H100 80GB", 80, True),
    GPUSpec("h200-141gb", "NVIDIA H200 141GB", 141, True),
    GPUSpec("l40s", "NVIDIA L40S 48GB", 48, True),
    GPUSpec("l4", "NVIDIA L4 24GB", 24, True),
    GPUSpec("a10g", "NVIDIA A10G 24GB", 24, False),
    GPUSpec("rtx4090", "NVIDIA RTX 4090 24GB", 24, True),
    GPUSpec("rtx3090", "NVIDIA RTX 3090 24GB", 24, False),
    GPUSpec("t4", "NVIDIA T4 16GB", 16, False),
)


def _find(items: tuple[_Spec, ...], key: str, what: str) -> _Spec:
    wanted = key.lower()
    for item in items:
        if wanted in (item.key, item.name.lower()) or (
            isinstance(item, ModelSpec) and wanted == item.hf_id.lower()
        ):
            return item
    known = ", ".join(item.key for item in items)
    raise NotFoundError(f"unknown {what} '{key}'; known: {known}")


def find_model(key: str) -> ModelSpec:
    return _find(MODELS, key, "model")


def find_gpu(key: str) -> GPUSpec:
    return _find(GPUS, key, "GPU")


@dataclass(frozen=True)
class FitEstimate:
    model: ModelSpec
    gpu: GPUSpec
    gpu_count: int
    precision: Precision
    context: int
    concurrency: int
    gpu_memory_utilization: float
    weights_gib: float
    kv_cache_gib: float
    overhead_gib: float
    usable_gib: float
    max_concurrency: int

    @property
    def needed_gib(self) -> float:
        return self.weights_gib + self.kv_cache_gib + self.overhead_gib

    @property
    def fits(self) -> bool:
        return self.needed_gib <= self.usable_gib

    @property
    def verdict(self) -> str:
        if not self.fits:
            if self.weights_gib + self.overhead_gib > self.usable_gib:
                return "does not fit: the weights alone exceed the GPU memory"
            return f"does not fit at this concurrency (max {self.max_concurrency} streams)"
        headroom = self.usable_gib - self.needed_gib
        if headroom < 0.1 * self.usable_gib:
            return "fits, but tight"
        return "fits"


def estimate_fit(
    model: ModelSpec,
    gpu: GPUSpec,
    *,
    precision: Precision = "bf16",
    context: int = 4096,
    concurrency: int = 32,
    gpu_count: int = 1,
    gpu_memory_utilization: float = 0.90,
    kv_precision: Literal["bf16", "fp8"] = "bf16",
) -> FitEstimate:
    """Weights + KV cache for ``concurrency`` sequences of ``context`` tokens vs usable memory.

    vLLM allocates KV blocks on demand, so ``concurrency`` full-length sequences is the worst case;
    ``max_concurrency`` says how many full-length sequences the left-over memory would hold.
    """
    if context > model.context:
        raise ValueError(f"{model.name} supports at most {model.context} tokens of context")
    if concurrency < 1 or gpu_count < 1 or context < 1:
        raise ValueError("context, concurrency and gpu_count must be >= 1")
    weights = model.weight_bytes(precision) / GIB
    per_sequence = model.kv_bytes_per_token(kv_precision) * context / GIB
    overhead = RUNTIME_OVERHEAD_GIB * gpu_count
    usable = gpu.memory_gib * gpu_count * gpu_memory_utilization
    left = usable - weights - overhead
    return FitEstimate(
        model=model,
        gpu=gpu,
        gpu_count=gpu_count,
        precision=precision,
        context=context,
        concurrency=concurrency,
        gpu_memory_utilization=gpu_memory_utilization,
        weights_gib=weights,
        kv_cache_gib=per_sequence * concurrency,
        overhead_gib=overhead,
        usable_gib=usable,
        max_concurrency=max(0, math.floor(left / per_sequence)),
    )


def suggest(model: ModelSpec, context: int, concurrency: int) -> list[FitEstimate]:
    """Every single-GPU (GPU, precision) pair that fits, smallest GPU first."""
    options = [
        estimate_fit(
            model,
            gpu,
            precision=precision,
            context=min(context, model.context),
            concurrency=concurrency,
        )
        for gpu in sorted(GPUS, key=lambda g: g.memory_gib)
        for precision in ("bf16", "fp8", "awq-4bit")
        if precision != "fp8" or gpu.fp8
    ]
    return [option for option in options if option.fits]


TENSOR_PARALLEL_SIZES = (2, 4, 8)  # GPUs one vLLM replica splits a model over (one node)
CONTEXT_STEP = 256  # a shorter context is offered in whole steps of this many tokens
MIN_USEFUL_CONTEXT = 1024  # a support prompt (system + passages + ticket) and its reply


@dataclass(frozen=True)
class FitAlternatives:
    """What would fit instead of an estimate that does not, each answer from ``estimate_fit``'s
    memory model: fewer streams, more GPUs of the same kind, a shorter context, another
    precision on the same GPU, or a single bigger GPU."""

    max_streams: int  # full-length sequences at the asked context on the asked GPUs (0: none)
    more_gpus: FitEstimate | None  # the fewest GPUs of this kind, tensor parallel, that fit
    shorter_context: FitEstimate | None  # the longest context that fits at the asked streams
    other_precisions: list[FitEstimate]  # on the asked GPUs, at the asked context and streams
    bigger_gpus: list[FitEstimate]  # one larger GPU from the catalog, smallest first

    def __bool__(self) -> bool:
        return bool(
            self.max_streams
            or self.more_gpus
            or self.shorter_context
            or self.other_precisions
            or self.bigger_gpus
        )


def _refit(fit: FitEstimate, **changes: object) -> FitEstimate:
    """``fit`` estimated again with some of its settings changed."""
    asked: dict[str, object] = {
        "precision": fit.precision,
        "context": fit.context,
        "concurrency": fit.concurrency,
        "gpu_count": fit.gpu_count,
        "gpu_memory_utilization": fit.gpu_memory_utilization,
    }
    return estimate_fit(fit.model, fit.gpu, **(asked | changes))  # type: ignore[arg-type]


def alternatives(fit: FitEstimate) -> FitAlternatives:
    """Every way the same model would fit with one of the asked settings changed."""
    more_gpus = None
    for count in TENSOR_PARALLEL_SIZES:
        if count > fit.gpu_count and (option := _refit(fit, gpu_count=count)).fits:
            more_gpus = option
            break
    # The KV cache grows linearly with the context: what is left after the weights and the
    # runtime, shared by the asked streams, gives the longest context (whole steps).
    left_gib = fit.usable_gib - fit.weights_gib - fit.overhead_gib
    per_token_gib = fit.model.kv_bytes_per_token() / GIB * fit.concurrency
    longest = max(0, math.floor(left_gib / per_token_gib / CONTEXT_STEP) * CONTEXT_STEP)
    shorter = None
    if MIN_USEFUL_CONTEXT <= longest < fit.context:
        shorter = _refit(fit, context=longest)
    vllm_precisions: tuple[Precision, ...] = ("bf16", "fp8", "awq-4bit")
    precisions = [
        option
        for precision in vllm_precisions
        if precision != fit.precision and (precision != "fp8" or fit.gpu.fp8)
        if (option := _refit(fit, precision=precision)).fits
    ]
    bigger = [
        option
        for option in suggest(fit.model, fit.context, fit.concurrency)
        if option.gpu.memory_gib > fit.gpu.memory_gib
    ]
    return FitAlternatives(
        max_streams=fit.max_concurrency if fit.max_concurrency < fit.concurrency else 0,
        more_gpus=more_gpus,
        shorter_context=shorter if shorter is not None and shorter.fits else None,
        other_precisions=precisions,
        bigger_gpus=bigger,
    )
