"""Engine processes: the vLLM command line, and start/health/stop against the fake engine."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from supportllm.config import VllmSettings, load_settings
from supportllm.engines.commands import fake_command, launch_spec, llamacpp_command, vllm_command
from supportllm.engines.launch import (
    LaunchSpec,
    list_engines,
    pid_alive,
    start_engine,
    state_path,
    stop_engine,
)
from supportllm.engines.modelfile import ModelFile
from supportllm.errors import EngineLaunchError
from tests.conftest import free_port


def test_vllm_command_carries_every_option_the_seeds_rely_on() -> None:
    settings = VllmSettings(
        model="Qwen/Qwen2.5-32B-Instruct-AWQ",
        port=8001,
        quantization="awq",
        tensor_parallel_size=2,
        gpu_memory_utilization=0.85,
        max_model_len=8192,
        speculative_model="Qwen/Qwen2.5-1.5B-Instruct",
        num_speculative_tokens=4,
        lora_modules={"tone-nl": "/adapters/tone-nl", "billing": "org/billing-lora"},
        max_lora_rank=32,
        extra_args=["--seed", "7"],
    )
    command = vllm_command(settings)
    assert command[:3] == ["vllm", "serve", "Qwen/Qwen2.5-32B-Instruct-AWQ"]

    def value(flag: str) -> str:
        return command[command.index(flag) + 1]

    assert value("--port") == "8001" and value("--host") == "127.0.0.1"
    assert value("--quantization") == "awq"
    assert value("--tensor-parallel-size") == "2"
    assert value("--gpu-memory-utilization") == "0.85"
    assert value("--max-model-len") == "8192"
    assert value("--served-model-name") == "Qwen2.5-32B-Instruct-AWQ"
    assert "--enable-prefix-caching" in command
    assert json.loads(value("--speculative-config")) == {
        "model": "Qwen/Qwen2.5-1.5B-Instruct",
        "num_speculative_tokens": 4,
        "method": "draft_model",
    }
    assert "--enable-lora" in command and value("--max-lora-rank") == "32"
    at = command.index("--lora-modules")
    assert command[at + 1 : at + 3] == ["billing=org/billing-lora", "tone-nl=/adapters/tone-nl"]
    assert command[-2:] == ["--seed", "7"]


def test_vllm_defaults_are_minimal() -> None:
    command = vllm_command(
        VllmSettings(model="mistralai/Mistral-7B-Instruct-v0.3", enable_prefix_caching=False)
    )
    assert "--no-enable-prefix-caching" in command
    for flag in ("--quantization", "--speculative-config", "--enable-lora", "--max-model-len"):
        assert flag not in command


def test_vllm_missing_is_a_clear_error(tmp_path: Path) -> None:
    settings = load_settings(engine="vllm", data_dir=tmp_path)
    if __import__("shutil").which("vllm"):
        pytest.skip("vllm is installed here")
    with pytest.raises(EngineLaunchError, match="vllm is not installed"):
        launch_spec(settings)


def test_llamacpp_command(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path).llamacpp.model_copy(update={"n_threads": 2})
    command = llamacpp_command(ModelFile(tmp_path / "m.gguf", "0" * 64, "m"), settings)
    assert command[1:3] == ["-m", "llama_cpp.server"]
    assert command[command.index("--model") + 1] == str(tmp_path / "m.gguf")
    assert command[command.index("--port") + 1] == "8081"
    assert command[command.index("--n_threads") + 1] == "2"


def _fake_spec(port: int, name: str = "fake") -> LaunchSpec:
    url = f"http://127.0.0.1:{port}"
    return LaunchSpec(
        name=name,
        command=fake_command(port),
        base_url=f"{url}/v1",
        health_url=f"{url}/health",
        served_model="fake-model",
    )


def test_start_waits_for_health_then_stop_ends_the_process(tmp_path: Path) -> None:
    spec = _fake_spec(free_port())
    state, started = start_engine(spec, tmp_path, timeout_s=60)
    try:
        assert started and pid_alive(state.pid)
        assert httpx.get(f"{state.base_url}/models").json()["data"][0]["id"] == "fake-model"
        again, started_again = start_engine(spec, tmp_path, timeout_s=60)
        assert not started_again and again.pid == state.pid  # attaches instead of a second one
        assert [s.name for s in list_engines(tmp_path)] == ["fake"]
    finally:
        stopped = stop_engine(tmp_path, "fake")
    assert stopped is not None and not pid_alive(state.pid)
    assert list_engines(tmp_path) == []


def test_a_process_that_exits_early_reports_its_log(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    spec = LaunchSpec(
        name="broken",
        command=[sys.executable, "-c", "import sys; print('CUDA out of memory'); sys.exit(3)"],
        base_url=f"{url}/v1",
        health_url=f"{url}/health",
        served_model="x",
    )
    with pytest.raises(EngineLaunchError, match=r"(?s)exited with code 3.*CUDA out of memory"):
        start_engine(spec, tmp_path, timeout_s=30)
    assert list_engines(tmp_path) == []


def test_an_engine_that_never_becomes_healthy_times_out(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    spec = LaunchSpec(
        name="slow",
        command=[sys.executable, "-c", "import time; time.sleep(60)"],
        base_url=f"{url}/v1",
        health_url=f"{url}/health",
        served_model="x",
    )
    started = time.monotonic()
    with pytest.raises(EngineLaunchError, match=r"did not answer .* within 1 s"):
        start_engine(spec, tmp_path, timeout_s=1)
    assert time.monotonic() - started < 20
    assert list_engines(tmp_path) == []


def test_a_missing_executable_is_a_clear_error(tmp_path: Path) -> None:
    spec = LaunchSpec(
        name="x",
        command=["/no/such/vllm", "serve"],
        base_url="http://x/v1",
        health_url="http://127.0.0.1:1/health",
        served_model="x",
    )
    with pytest.raises(EngineLaunchError, match="cannot run '/no/such/vllm'"):
        start_engine(spec, tmp_path, timeout_s=5)


def test_model_specs_that_cannot_be_loaded_say_what_to_give(tmp_path: Path) -> None:
    from supportllm.engines.modelfile import resolve_gguf
    from supportllm.errors import ModelFileError

    with pytest.raises(ModelFileError, match=r"'org/repo:file\.gguf'"):
        resolve_gguf("qwen-7b-please", None, tmp_path)
    with pytest.raises(ModelFileError, match="does not exist"):
        resolve_gguf(str(tmp_path / "missing.gguf"), None, tmp_path)
    # A Hugging Face GGUF repo goes through the real download code; offline it fails clearly.
    with pytest.raises(ModelFileError, match=r"huggingface_hub|cannot download"):
        resolve_gguf(
            "Qwen/Qwen2.5-7B-Instruct-GGUF:qwen2.5-7b-instruct-q4_k_m.gguf", None, tmp_path
        )


def test_a_pinned_gguf_is_verified(tmp_path: Path) -> None:
    import hashlib

    from supportllm.engines.modelfile import resolve_gguf
    from supportllm.errors import ModelFileError

    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF" + bytes(100))
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    assert resolve_gguf(str(model), digest, tmp_path).sha256 == digest
    with pytest.raises(ModelFileError, match="corrupt or not the model you pinned"):
        resolve_gguf(str(model), "ab" * 32, tmp_path)


def test_the_vllm_launch_spec_starts_waits_for_health_and_stops(tmp_path: Path) -> None:
    """The real vLLM spec (command, /health, served name, port), with a stand-in executable that
    serves the fake engine where `vllm serve` would serve the model."""
    shim = tmp_path / "vllm"
    shim.write_text(
        f"#!{sys.executable}\n"
        "import os, sys\n"
        "args = sys.argv[1:]\n"
        "assert args[0] == 'serve' and '--enable-prefix-caching' in args, args\n"
        "port = args[args.index('--port') + 1]\n"
        "name = args[args.index('--served-model-name') + 1]\n"
        "os.execv(sys.executable, [sys.executable, '-m', 'supportllm', 'engine', 'fake',\n"
        "                          '--port', port, '--model', name])\n"
    )
    shim.chmod(0o755)
    port = free_port()
    settings = load_settings(
        engine="vllm", data_dir=tmp_path, vllm={"model": "Qwen/Qwen2.5-7B-Instruct", "port": port}
    )
    spec = launch_spec(settings, vllm_executable=str(shim))
    assert spec.health_url == f"http://127.0.0.1:{port}/health"
    state, started = start_engine(spec, tmp_path, timeout_s=60)
    try:
        assert started
        models = httpx.get(f"{state.base_url}/models").json()["data"]
        assert [m["id"] for m in models] == ["Qwen2.5-7B-Instruct"]
    finally:
        stop_engine(tmp_path, "vllm")
    assert not pid_alive(state.pid)


# Engines never outlive or get confused with their owner ---------------------------------------

_OWNER = """
import sys, time
from pathlib import Path
from supportllm.engines.commands import fake_command
from supportllm.engines.launch import LaunchSpec, start_engine, stop_engine
from supportllm.engines.lifetime import sigterm_raises

port, state_dir = int(sys.argv[1]), Path(sys.argv[2])
url = f"http://127.0.0.1:{port}"
spec = LaunchSpec("fake", fake_command(port), f"{url}/v1", f"{url}/health", "fake-model")
with sigterm_raises():
    state, _ = start_engine(spec, state_dir, timeout_s=60)
    try:
        print(state.pid, flush=True)
        time.sleep(120)
    finally:
        stop_engine(state_dir, "fake")
        print("stopped the engine", flush=True)
"""


def _owner(tmp_path: Path) -> tuple[subprocess.Popen[str], int]:
    """A process that starts an engine the way `serve` and `trial` do; returns (it, engine pid)."""
    owner = subprocess.Popen(
        [sys.executable, "-c", _OWNER, str(free_port()), str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert owner.stdout is not None
    line = owner.stdout.readline()
    assert line.strip().isdigit(), owner.stderr.read() if owner.stderr else line
    return owner, int(line)


def _gone(pid: int, within_s: float = 20) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.1)
    return False


def test_sigterm_to_the_owner_stops_its_engine(tmp_path: Path) -> None:
    owner, engine = _owner(tmp_path)
    owner.send_signal(signal.SIGTERM)
    out, _ = owner.communicate(timeout=60)
    assert owner.returncode == 128 + signal.SIGTERM  # as a shell reports a SIGTERM'd process
    assert "stopped the engine" in out
    assert _gone(engine) and list_engines(tmp_path) == []


def test_an_engine_dies_with_an_owner_killed_without_warning(tmp_path: Path) -> None:
    owner, engine = _owner(tmp_path)
    owner.kill()  # SIGKILL: no finally runs; the kernel tells the engine (PR_SET_PDEATHSIG)
    owner.wait(timeout=10)
    try:
        assert _gone(engine)
    finally:
        if pid_alive(engine):
            os.kill(engine, signal.SIGKILL)


def test_an_orphaned_engine_is_replaced_not_silently_reused(tmp_path: Path) -> None:
    """An engine whose owner died (before this fix, or a SIGKILL raced the kernel) is stopped
    and a fresh one started; one started with `engine start` (detached) is reused."""
    spec = _fake_spec(free_port())
    detached, started = start_engine(spec, tmp_path, timeout_s=60, detached=True)
    try:
        assert started and detached.owner_pid is None
        reused, again = start_engine(spec, tmp_path, timeout_s=60)
        assert not again and reused.pid == detached.pid
        record = state_path(tmp_path, "fake")
        orphan = {**json.loads(record.read_text()), "owner_pid": _dead_pid()}
        record.write_text(json.dumps(orphan))
        fresh, started_fresh = start_engine(spec, tmp_path, timeout_s=60)
        assert started_fresh and fresh.pid != detached.pid and fresh.owner_pid == os.getpid()
        assert _gone(detached.pid)
    finally:
        stop_engine(tmp_path, "fake")
        if pid_alive(detached.pid):
            os.kill(detached.pid, signal.SIGKILL)


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_busy_port_is_a_start_up_error_that_names_its_holder(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(EngineLaunchError) as caught:
            start_engine(_fake_spec(port), tmp_path, timeout_s=30)
    message = str(caught.value)
    assert f"port {port} is already in use by pid {os.getpid()}" in message
    assert "--engine-url" in message  # attaching happens only when asked
    assert list_engines(tmp_path) == []
