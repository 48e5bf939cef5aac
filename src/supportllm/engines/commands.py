"""The command lines that start each engine: llama.cpp's server, ``vllm serve``, the fake engine."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
from pathlib import Path

from supportllm.config import LlamaCppSettings, Settings, VllmSettings
from supportllm.engines.launch import LaunchSpec
from supportllm.engines.modelfile import ModelFile, resolve_gguf
from supportllm.engines.pinning import PinEventSink, PinPolicy, check, pins_dir
from supportllm.errors import EngineLaunchError

ENGINE_HOST = "127.0.0.1"


def llamacpp_command(
    model: ModelFile, settings: LlamaCppSettings, host: str = ENGINE_HOST
) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model.path),
        "--model_alias",
        model.served_name,
        "--host",
        host,
        "--port",
        str(settings.port),
        "--n_ctx",
        str(settings.n_ctx),
        "--verbose",
        "False",
        # llama-cpp-python's server otherwise cuts a running stream when another request
        # arrives (it serves one at a time): with two customers, the first loses its reply.
        "--interrupt_requests",
        "False",
    ]
    # llama-cpp-python would decode on half the CPUs (os.cpu_count() // 2, blind to containers'
    # CPU sets): one core of two here. Decoding gets one thread per physical core this process
    # may use (as llama.cpp's own tools do: hyper-threads slow it down), prompt processing every
    # usable CPU. benchmarks/results/llamacpp_threads.md has the measurements.
    decode = settings.n_threads or usable_cores()
    batch = settings.n_threads or len(usable_cpu_ids())
    command += ["--n_threads", str(decode), "--n_threads_batch", str(batch)]
    return command


def usable_cpu_ids() -> set[int]:
    """The CPUs this process may run on (its affinity mask, which containers and taskset set)."""
    try:
        return set(os.sched_getaffinity(0)) or {0}
    except AttributeError:  # not Linux
        return set(range(os.cpu_count() or 1))


def usable_cores() -> int:
    """Physical cores among the usable CPUs (hyper-thread siblings counted once)."""
    cores: set[tuple[str, str]] = set()
    for cpu in usable_cpu_ids():
        topology = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology")
        try:
            package = (topology / "physical_package_id").read_text().strip()
            core = (topology / "core_id").read_text().strip()
        except OSError:
            return len(usable_cpu_ids())  # topology not visible: count every CPU
        cores.add((package, core))
    return max(1, len(cores))


def vllm_served_name(settings: VllmSettings) -> str:
    return settings.model.rstrip("/").split("/")[-1]


def vllm_command(
    settings: VllmSettings, host: str = ENGINE_HOST, executable: str = "vllm"
) -> list[str]:
    """``vllm serve`` with prefix caching, quantisation, tensor parallelism, speculation, LoRA."""
    command = [
        executable,
        "serve",
        settings.model,
        "--host",
        host,
        "--port",
        str(settings.port),
        "--served-model-name",
        vllm_served_name(settings),
        "--tensor-parallel-size",
        str(settings.tensor_parallel_size),
        "--gpu-memory-utilization",
        f"{settings.gpu_memory_utilization:g}",
    ]
    command.append(
        "--enable-prefix-caching"
        if settings.enable_prefix_caching
        else "--no-enable-prefix-caching"
    )
    if settings.max_model_len is not None:
        command += ["--max-model-len", str(settings.max_model_len)]
    if settings.quantization is not None:
        command += ["--quantization", settings.quantization]
    if settings.speculative_model is not None:
        speculative = {
            "model": settings.speculative_model,
            "num_speculative_tokens": settings.num_speculative_tokens,
            "method": "draft_model",
        }
        command += ["--speculative-config", json.dumps(speculative, separators=(",", ":"))]
    if settings.lora_modules:
        command += [
            "--enable-lora",
            "--max-lora-rank",
            str(settings.max_lora_rank),
            "--lora-modules",
        ]
        command += [f"{name}={path}" for name, path in sorted(settings.lora_modules.items())]
    return command + list(settings.extra_args)


def fake_command(port: int, host: str = ENGINE_HOST, extra: list[str] | None = None) -> list[str]:
    return [
        sys.executable,
        "-m",
        "supportllm",
        "engine",
        "fake",
        "--host",
        host,
        "--port",
        str(port),
        *(extra or []),
    ]


def pin_policy(settings: Settings, on_event: PinEventSink | None = None) -> PinPolicy:
    return PinPolicy(
        pins_dir(settings.data_dir),
        settings.pin_check,
        settings.require_pinned_models,
        on_event,
    )


def vllm_models(settings: VllmSettings) -> list[str]:
    """Every model a ``vllm serve`` loads: the model, its draft model, its LoRA adapters."""
    extra = [settings.speculative_model] if settings.speculative_model else []
    return [settings.model, *extra, *(path for _, path in sorted(settings.lora_modules.items()))]


def launch_spec(
    settings: Settings,
    *,
    vllm_executable: str | None = None,
    check_pins: bool = True,
    on_pin_event: PinEventSink | None = None,
) -> LaunchSpec:
    """The process to start for ``settings.engine`` (model files resolved and verified first,
    against their pins from `supportllm models pin`; a mismatch raises ModelFileError and
    reports a refusal to ``on_pin_event``)."""
    policy = pin_policy(settings, on_pin_event)
    if settings.engine == "llamacpp":
        model = resolve_gguf(
            settings.llamacpp.model, settings.llamacpp.sha256, settings.data_dir / "models"
        )
        if check_pins:
            check(settings.llamacpp.model, model.path, policy, known_sha256=model.sha256)
        url = f"http://{ENGINE_HOST}:{settings.llamacpp.port}"
        return LaunchSpec(
            name="llamacpp",
            command=llamacpp_command(model, settings.llamacpp),
            base_url=f"{url}/v1",
            health_url=f"{url}/v1/models",
            served_model=model.served_name,
            model_path=str(model.path),
            model_sha256=model.sha256,
        )
    if settings.engine == "vllm":
        executable = vllm_executable or shutil.which("vllm")
        if executable is None:
            raise EngineLaunchError(
                "vllm is not installed here. vLLM needs an NVIDIA GPU: `pip install vllm` on the "
                "GPU machine, or run it elsewhere and attach with --engine-url http://HOST:8000/v1"
            )
        if check_pins:
            for each in vllm_models(settings.vllm):
                check(each, None, policy)
        url = f"http://{ENGINE_HOST}:{settings.vllm.port}"
        return LaunchSpec(
            name="vllm",
            command=vllm_command(settings.vllm, executable=executable),
            base_url=f"{url}/v1",
            health_url=f"{url}/health",
            served_model=vllm_served_name(settings.vllm),
        )
    url = f"http://{ENGINE_HOST}:9000"
    return LaunchSpec(
        name="fake",
        command=fake_command(9000),
        base_url=f"{url}/v1",
        health_url=f"{url}/health",
        served_model="fake-model",
    )


def describe(spec: LaunchSpec) -> str:
    """The command line, quoted so that it can be pasted into a shell."""
    return shlex.join(spec.command)
