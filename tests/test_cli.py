"""The command line as a user runs it: a real process, real output, real exit codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import invoke, run_cli

GROUPS = ["serve", "engine", "kb", "keys", "models", "config"]


def cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=env, cwd=cwd, timeout=120)


def test_help_explains_every_command_group() -> None:
    result = invoke("--help")
    assert result.code == 0
    for group in GROUPS:
        assert group in result.output
    for group in GROUPS:
        sub = invoke(group, "--help")
        assert sub.code == 0, sub.output
        assert "Usage" in sub.output and len(sub.output.splitlines()) > 5


@pytest.mark.parametrize(
    "command",
    [
        ["engine", "start"],
        ["engine", "fake"],
        ["keys", "create"],
        ["keys", "rotate"],
        ["models", "fit"],
        ["config", "show"],
    ],
)
def test_subcommand_help(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.code == 0 and "Usage" in result.output


def test_keys_lifecycle_from_the_command_line(tmp_path: Path) -> None:
    created = invoke(
        "keys", "create", "--team", "billing", "--scopes", "chat,admin", "--expires", "90d"
    )
    assert created.code == 0, created.stderr
    key = created.stdout.strip().splitlines()[-1]
    assert key.startswith("sk-sllm-")
    listed = invoke("keys", "list")
    key_id = key.removeprefix("sk-sllm-")[:12]
    assert key_id in listed.stdout and "billing" in listed.stdout
    assert key.split("-", 3)[-1] not in listed.stdout
    rotated = invoke("keys", "rotate", key_id, "--grace", "1h")
    assert rotated.code == 0 and "stops working after 1h" in rotated.stdout
    revoked = invoke("keys", "revoke", key_id)
    assert revoked.code == 0 and "revoked" in revoked.stdout
    assert "revoked" in invoke("keys", "list", "--all").stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["keys", "create", "--team", "t", "--expires", "soon"], "not a duration"),
        (["keys", "create", "--team", "t", "--scopes", "root"], "choose from: chat, admin"),
        (["keys", "revoke", "abc"], "no key with id 'abc'"),
        (["models", "fit", "gpt-5"], "unknown model 'gpt-5'"),
        (["models", "fit", "qwen2.5-7b", "--gpu", "tpu"], "unknown GPU 'tpu'"),
        (["models", "fit", "qwen2.5-7b", "--precision", "int2"], "is not one of"),
        (["engine", "start", "--model", "/nowhere/model.gguf"], "does not exist"),
        (["--config", "missing.toml", "config", "show"], "does not exist"),
    ],
)
def test_bad_input_is_one_clear_line_and_a_non_zero_exit(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    result = invoke(*args)
    assert result.code != 0
    assert "Traceback" not in result.stderr
    assert expected in result.stderr


def test_the_installed_entry_point_prints_one_line_errors(tmp_path: Path) -> None:
    """`python -m supportllm` itself (the tests above run the same app in-process): its own
    errors are one red line and exit 1, Typer's usage errors exit 2, no traceback either way."""
    ours = cli("keys", "revoke", "abc", cwd=tmp_path)
    assert ours.returncode == 1 and ours.stderr.strip().startswith("error: no key with id 'abc'")
    assert len(ours.stderr.strip().splitlines()) == 1
    usage = cli("keys", "create", "--team", "t", "--expires", cwd=tmp_path)
    assert usage.returncode == 2 and "'--expires' requires an argument" in usage.stderr
    assert "Traceback" not in ours.stderr + usage.stderr


def test_a_bad_setting_fails_at_start_naming_it(tmp_path: Path) -> None:
    result = invoke("config", "show", env={"SUPPORTLLM_PORT": "eighty"})
    assert result.code == 1
    assert "SUPPORTLLM_PORT" in result.stderr and "valid integer" in result.stderr
    assert "Traceback" not in result.stderr


def test_config_show_masks_secrets(tmp_path: Path) -> None:
    env = {
        "SUPPORTLLM_ENGINE_API_KEY": "sk-upstream-verysecret",
        "SUPPORTLLM_DATABASE_URL": "postgresql://app:hunter2@db:5432/support",
    }
    result = invoke("config", "show", env=env)
    assert result.code == 0, result.stderr
    assert "verysecret" not in result.stdout and "hunter2" not in result.stdout
    assert "engine_api_key" in result.stdout and "SUPPORTLLM_ENGINE_API_KEY" in result.stdout
    assert "postgresql://app:***@db:5432/support" in result.stdout


def test_models_catalog_answers_does_it_fit(tmp_path: Path) -> None:
    listing = invoke("models")
    assert listing.code == 0
    for name in ("Llama 3.1 8B", "Mistral 7B", "Mixtral 8x7B", "Qwen 2.5 32B", "Qwen3 32B"):
        assert name in listing.stdout
    fit = invoke("models", "fit", "llama3.1-70b", "--gpu", "a100-80gb")
    assert "does not fit" in fit.stdout and "awq-4bit on" in fit.stdout
    awq = invoke("models", "fit", "llama3.1-70b", "--precision", "awq-4bit", "--concurrency", "8")
    assert "fits" in awq.stdout and "does not" not in awq.stdout


def test_models_fit_names_every_way_that_would_fit() -> None:
    fit = invoke(
        "models", "fit", "llama3.1-70b", "--gpu", "a100-80gb", "--precision", "awq-4bit",
        "--concurrency", "32",
    )  # fmt: skip
    assert fit.code == 0
    assert "does not fit at this concurrency (max 28 streams)" in fit.text
    assert "at most 28 streams of 4096 tokens (--concurrency 28)" in fit.text
    assert "2 × NVIDIA A100 80GB with tensor parallelism (--gpus 2)" in fit.text
    assert "a context of at most 3584 tokens at 32 streams (--context 3584)" in fit.text
    assert "a bigger GPU: fp8 on NVIDIA H200 141GB; awq-4bit on NVIDIA H200 141GB" in fit.text
    # each suggestion, run as suggested, fits
    for option in (["--concurrency", "28"], ["--gpus", "2"], ["--context", "3584"]):
        args = ["--precision", "awq-4bit", "--concurrency", "32", *option]
        again = invoke("models", "fit", "llama3.1-70b", "--gpu", "a100-80gb", *args)
        assert "does not fit" not in again.text and "fits" in again.text, again.text


def test_engine_command_shows_the_vllm_launch(tmp_path: Path) -> None:
    env = {
        "SUPPORTLLM_VLLM__QUANTIZATION": "awq",
        "SUPPORTLLM_VLLM__SPECULATIVE_MODEL": "Qwen/Qwen2.5-1.5B-Instruct",
    }
    result = invoke(
        "engine", "command", "--engine", "vllm", "--model", "Qwen/Qwen2.5-32B-Instruct-AWQ", env=env
    )
    assert result.code == 0, result.stderr
    line = result.stdout.replace("\n", "")
    assert line.startswith("vllm serve Qwen/Qwen2.5-32B-Instruct-AWQ")
    assert "--quantization awq" in line and "--enable-prefix-caching" in line
    assert '--speculative-config \'{"model":"Qwen/Qwen2.5-1.5B-Instruct"' in line


def test_engine_status_and_stop_with_nothing_running(tmp_path: Path) -> None:
    assert "no engines recorded" in invoke("engine", "status").stdout
    assert "no engines are running" in invoke("engine", "stop").stdout


def test_serve_attached_to_a_silent_engine_warns_and_still_answers_503(tmp_path: Path) -> None:
    import signal
    import time

    import httpx

    from tests.conftest import free_port

    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "supportllm",
            "serve",
            "--port",
            str(port),
            "--engine-url",
            f"http://127.0.0.1:{free_port()}/v1",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200", "SUPPORTLLM_ENGINE_MODEL": "m"},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
        assert ready.status_code == 503
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert "does not answer yet" in err
    assert re.search(r"sk-sllm-\S+", out)
