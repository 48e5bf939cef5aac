"""Start, health-check and stop engine processes (llama.cpp, vLLM, the fake engine).

An engine runs as its own process with an OpenAI-compatible server, so the gateway talks HTTP to
it exactly as it does to a remote vLLM. A small JSON state file per engine (pid, URL, command,
model SHA-256) lets `supportllm engine status|stop` find it from another shell.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import ssl
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from supportllm.engines.lifetime import die_with_parent
from supportllm.engines.ports import describe_owner, port_is_free, port_owners
from supportllm.errors import EngineLaunchError
from supportllm.runtime import engine_environment


@dataclass(frozen=True)
class LaunchSpec:
    """Everything needed to run one engine process."""

    name: str
    command: list[str]
    base_url: str
    health_url: str
    served_model: str
    model_path: str | None = None
    model_sha256: str | None = None
    env: dict[str, str] = field(default_factory=dict)

    @property
    def host_port(self) -> tuple[str, int]:
        parts = urlsplit(self.base_url)
        default = 443 if parts.scheme == "https" else 80
        return parts.hostname or "127.0.0.1", parts.port or default


@dataclass
class EngineState:
    name: str
    pid: int
    base_url: str
    health_url: str
    served_model: str
    command: list[str]
    log_path: str
    started_at: float
    model_path: str | None = None
    model_sha256: str | None = None
    # The supportllm process the engine dies with (serve, trial), or None when it was started
    # on its own with `supportllm engine start` and outlives that command on purpose.
    owner_pid: int | None = None

    @classmethod
    def load(cls, path: Path) -> EngineState | None:
        try:
            return cls(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError):
            return None


def state_path(state_dir: Path, name: str) -> Path:
    return state_dir / "engines" / f"{name}.json"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped) still answers kill(0): look at its state.
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    return True


def is_healthy(url: str, timeout_s: float = 2.0, verify: ssl.SSLContext | None = None) -> bool:
    """``verify``: how an https engine's certificate is checked (default: httpx's CAs)."""
    try:
        return httpx.get(url, timeout=timeout_s, verify=verify or True).status_code == 200
    except httpx.HTTPError:
        return False


def _log_tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(text[-lines:]) or "(empty log)"


def wait_until_healthy(
    spec: LaunchSpec,
    process: subprocess.Popen[bytes],
    log_path: Path,
    timeout_s: float,
    on_wait: Callable[[float], None] | None = None,
) -> None:
    """Poll the health URL until it answers 200; fail fast if the process exits."""
    started = time.monotonic()
    while True:
        code = process.poll()
        if code is not None:
            raise EngineLaunchError(
                f"engine '{spec.name}' exited with code {code} before becoming healthy. "
                f"Last lines of {log_path}:\n{_log_tail(log_path)}"
            )
        if is_healthy(spec.health_url, timeout_s=1.0):
            return
        waited = time.monotonic() - started
        if waited > timeout_s:
            terminate(process.pid)
            raise EngineLaunchError(
                f"engine '{spec.name}' did not answer {spec.health_url} within {timeout_s:.0f} s "
                f"(raise engine_start_timeout_s if the model is large). "
                f"Last lines of {log_path}:\n{_log_tail(log_path)}"
            )
        if on_wait is not None:
            on_wait(waited)
        time.sleep(0.25)


def _check_port(spec: LaunchSpec) -> None:
    """A port someone else holds is a start-up error that names them (never a silent attach)."""
    host, port = spec.host_port
    if port_is_free(host, port):
        return
    raise EngineLaunchError(
        f"cannot start the {spec.name} engine: port {port} is already in use by "
        f"{describe_owner(port)}. Stop that process, give the engine another port "
        f"(SUPPORTLLM_{spec.name.upper()}__PORT), or attach to it on purpose with "
        f"--engine-url {spec.base_url}"
    )


def _answered_by(process: subprocess.Popen[bytes], spec: LaunchSpec) -> None:
    """The health answer must come from the process we started (or its children)."""
    owners = port_owners(spec.host_port[1])
    if not owners:
        return  # cannot tell (not Linux, or /proc hidden): the free-port check stands alone
    ours = {process.pid}
    with contextlib.suppress(OSError):
        for child in Path(f"/proc/{process.pid}/task").iterdir():
            with contextlib.suppress(OSError):
                ours.update(int(pid) for pid in (child / "children").read_text().split())
    if not any(owner.pid in ours for owner in owners):
        raise EngineLaunchError(
            f"the {spec.name} engine's port {spec.host_port[1]} is answered by another process "
            f"({describe_owner(spec.host_port[1])}), not by the engine just started"
        )


def _reuse(existing: EngineState, spec: LaunchSpec) -> EngineState | None:
    """An engine recorded under this name: reuse one started with `engine start`; refuse one
    that belongs to another running supportllm; clear out an orphan and start afresh."""
    if not pid_alive(existing.pid):
        return None
    owner = existing.owner_pid
    if owner is not None and owner != os.getpid():
        if pid_alive(owner):
            raise EngineLaunchError(
                f"the {spec.name} engine (pid {existing.pid}) belongs to another supportllm "
                f"process (pid {owner}); stop that one first or give this one another data_dir"
            )
        terminate(existing.pid)  # an orphan of a run that died: never attach to it silently
        return None
    if is_healthy(existing.health_url):
        return existing
    raise EngineLaunchError(
        f"engine '{spec.name}' (pid {existing.pid}) is running but not healthy; "
        "stop it with `supportllm engine stop` first"
    )


def start_engine(
    spec: LaunchSpec,
    state_dir: Path,
    *,
    timeout_s: float,
    on_wait: Callable[[float], None] | None = None,
    detached: bool = False,
) -> tuple[EngineState, bool]:
    """Start the engine unless one started with `engine start` runs; return (state, started_now).

    By default the engine belongs to this process: it gets SIGTERM when this process dies, however
    it dies. ``detached`` (``supportllm engine start``) lets it outlive this process.
    """
    path = state_path(state_dir, spec.name)
    existing = EngineState.load(path)
    if existing is not None:
        reused = _reuse(existing, spec)
        if reused is not None:
            return reused, False
        path.unlink(missing_ok=True)
    _check_port(spec)
    path.parent.mkdir(parents=True, exist_ok=True)
    log_path = state_dir / "logs" / f"engine-{spec.name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        try:
            process = subprocess.Popen(
                spec.command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env=engine_environment({**os.environ, **spec.env}),
                preexec_fn=None if detached else die_with_parent(),
            )
        except OSError as error:
            raise EngineLaunchError(
                f"cannot run {spec.command[0]!r} for engine '{spec.name}': {error}"
            ) from None
    state = EngineState(
        name=spec.name,
        pid=process.pid,
        base_url=spec.base_url,
        health_url=spec.health_url,
        served_model=spec.served_model,
        command=spec.command,
        log_path=str(log_path),
        started_at=time.time(),
        model_path=spec.model_path,
        model_sha256=spec.model_sha256,
        owner_pid=None if detached else os.getpid(),
    )
    path.write_text(json.dumps(asdict(state), indent=2))
    try:
        wait_until_healthy(spec, process, log_path, timeout_s, on_wait)
        _answered_by(process, spec)
    except BaseException:
        terminate(process.pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
        path.unlink(missing_ok=True)
        raise
    return state, True


def terminate(pid: int, grace_s: float = 15.0) -> bool:
    """SIGTERM the engine's process group, SIGKILL after ``grace_s``; True if it was running."""
    try:
        group = os.getpgid(pid)
    except ProcessLookupError:
        return False
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        if not pid_alive(pid):
            return True
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
    return True


def stop_engine(state_dir: Path, name: str) -> EngineState | None:
    """Stop the named engine if its state file says it runs; return what was stopped."""
    path = state_path(state_dir, name)
    state = EngineState.load(path)
    if state is None:
        return None
    if pid_alive(state.pid):
        terminate(state.pid)
    path.unlink(missing_ok=True)
    return state


def list_engines(state_dir: Path) -> list[EngineState]:
    folder = state_dir / "engines"
    if not folder.is_dir():
        return []
    states = [EngineState.load(path) for path in sorted(folder.glob("*.json"))]
    return [state for state in states if state is not None]
