"""The memory estimate behind `supportllm models`: does a model fit a GPU?"""

from __future__ import annotations

import pytest

from supportllm.engines.catalog import (
    MODELS,
    alternatives,
    estimate_fit,
    find_gpu,
    find_model,
    suggest,
)
from supportllm.errors import NotFoundError


def test_kv_cache_per_token_follows_the_architecture() -> None:
    # Llama 3.1 8B: 2 (K, V) × 32 layers × 8 KV heads × 128 dims × 2 bytes = 128 KiB per token.
    assert find_model("llama3.1-8b").kv_bytes_per_token() == 128 * 1024
    # Qwen 2.5 7B has only 4 KV heads over 28 layers: 56 KiB per token.
    assert find_model("qwen2.5-7b").kv_bytes_per_token() == 56 * 1024


def test_seed_claims_about_one_a100_80gb() -> None:
    a100 = find_gpu("a100-80gb")
    # "the smaller models all ran in BF16 with room to spare"
    for key in ("llama3.1-8b", "mistral-7b-v0.3", "qwen2.5-7b"):
        assert estimate_fit(find_model(key), a100, context=4096, concurrency=32).fits
    # 70B needs AWQ-4bit on one A100 80GB
    llama70 = find_model("llama3.1-70b")
    assert not estimate_fit(llama70, a100, precision="bf16").fits
    assert estimate_fit(llama70, a100, precision="awq-4bit", context=4096, concurrency=8).fits
    # ... and BF16 70B on 2×A100 does not fit either (141 GB of weights), but on 2×H200 it does
    assert not estimate_fit(llama70, a100, precision="bf16", gpu_count=2).fits
    assert estimate_fit(
        llama70, find_gpu("h200-141gb"), precision="bf16", gpu_count=2, concurrency=8
    ).fits


def test_kv_cache_limits_concurrency() -> None:
    fit = estimate_fit(find_model("llama3.1-8b"), find_gpu("rtx4090"), context=8192, concurrency=64)
    assert not fit.fits and "concurrency" in fit.verdict
    assert 0 < fit.max_concurrency < 64


def test_suggestions_for_a_model_that_does_not_fit() -> None:
    options = suggest(find_model("qwen2.5-32b"), 4096, 16)
    assert options and all(option.fits for option in options)
    assert options[0].gpu.memory_gib <= options[-1].gpu.memory_gib


def test_every_catalog_model_has_sane_figures() -> None:
    for model in MODELS:
        assert model.params_b >= model.active_params_b > 0
        assert model.context >= 8192 and model.licence and model.hf_id.count("/") == 1


def test_lookups_by_key_or_hf_id() -> None:
    assert find_model("Qwen/Qwen2.5-7B-Instruct").key == "qwen2.5-7b"
    with pytest.raises(NotFoundError, match=r"known: llama3\.1-8b"):
        find_model("gpt-4o")
    with pytest.raises(ValueError, match="at most"):
        estimate_fit(find_model("mistral-7b-v0.3"), find_gpu("t4"), context=100_000)


def test_what_would_fit_instead_of_70b_awq_at_32_streams_on_one_a100() -> None:
    """The issue's example: every way out, each from the same memory model."""
    fit = estimate_fit(
        find_model("llama3.1-70b"), find_gpu("a100-80gb"), precision="awq-4bit", concurrency=32
    )
    assert not fit.fits and fit.max_concurrency == 28
    options = alternatives(fit)
    # fewer streams: 28 fit, 29 do not
    assert options.max_streams == 28
    assert estimate_fit(fit.model, fit.gpu, precision="awq-4bit", concurrency=28).fits
    assert not estimate_fit(fit.model, fit.gpu, precision="awq-4bit", concurrency=29).fits
    # two A100s with tensor parallelism (the weights are split, each GPU has its runtime)
    assert options.more_gpus is not None and options.more_gpus.gpu_count == 2
    assert options.more_gpus.fits and options.more_gpus.overhead_gib == 2 * fit.overhead_gib
    # a shorter context at 32 streams: the longest whole step of 256 tokens that fits
    shorter = options.shorter_context
    assert shorter is not None and shorter.fits and shorter.concurrency == 32
    assert shorter.context == 3584
    assert not estimate_fit(
        fit.model, fit.gpu, precision="awq-4bit", concurrency=32, context=3584 + 256
    ).fits
    # a bigger GPU: the H200, at FP8 or AWQ
    assert {(o.gpu.key, o.precision) for o in options.bigger_gpus} == {
        ("h200-141gb", "fp8"),
        ("h200-141gb", "awq-4bit"),
    }
    assert options.other_precisions == []  # bf16 and (on an A100) fp8 do not help


def test_weights_too_big_for_one_gpu_suggest_tensor_parallel_and_another_precision() -> None:
    h100 = find_gpu("h100-80gb")
    fit = estimate_fit(find_model("llama3.1-70b"), h100, precision="bf16", concurrency=8)
    options = alternatives(fit)
    assert options.max_streams == 0 and options.shorter_context is None
    assert options.more_gpus is not None and options.more_gpus.gpu_count == 4
    assert not estimate_fit(fit.model, h100, precision="bf16", concurrency=8, gpu_count=2).fits
    # AWQ fits; FP8 (66 GiB of weights + 10 GiB of KV cache + 2) does not
    assert [o.precision for o in options.other_precisions] == ["awq-4bit"]
