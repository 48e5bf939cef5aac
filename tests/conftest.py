"""Shared fixtures: real servers only (fake engine, gateway under uvicorn, PostgreSQL)."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from supportllm.config import RetrievalSettings, Settings, load_settings
from supportllm.engines.fake import FakeEngineConfig, FakeEngineHandle, fake_engine_in_thread
from supportllm.gateway.app import build_app
from supportllm.gateway.server import server_config, server_tls
from supportllm.gateway.setup import build_parts, open_keystore
from supportllm.gateway.tls import CertificateCallback, ServerTLS
from supportllm.store.keys import KeyStore

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
DEFAULT_FORWARD_FIELDS: list[str] = Settings.model_fields["forward_fields"].default_factory()  # type: ignore[misc,call-arg]


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """`supportllm ARGS` as a user runs it: a fresh interpreter, the real entry point (its
    one-line errors), real exit codes and signals. For what needs a process of its own; help and
    option checks use ``invoke`` (in this process, no interpreter start-up)."""
    return subprocess.run(
        [sys.executable, "-m", "supportllm", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": "250", **(env or {})},
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """For `make test`, which runs the suite in two parts (the Makefile): the tests marked
    ``serial`` alone, after the rest has run on two pytest-xdist workers. The end-to-end tests
    of the real llama.cpp engine are serial: beside another worker's tests its threads got no
    first token within 20 s. In the parallel part each test file is one group
    (``--dist loadgroup``), so its module fixtures (a gateway, an ingested knowledge base) are
    set up once."""
    for item in items:
        if item.get_closest_marker("e2e") is not None:
            item.add_marker(pytest.mark.serial)
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


@dataclass
class Invoked:
    code: int
    output: str  # stdout and stderr together, as a terminal shows them
    stdout: str = ""
    stderr: str = ""

    @property
    def text(self) -> str:
        """The output with line breaks and Rich's box drawing collapsed to single spaces."""
        return " ".join(self.output.replace("│", " ").split())


def invoke(*args: str, env: dict[str, str] | None = None) -> Invoked:
    """`supportllm ARGS` in this process with Typer's CliRunner: exit codes as the real entry
    point gives them (usage errors 2; supportllm's own errors one line, exit 1)."""
    from typer.testing import CliRunner

    from supportllm.cli.main import build_app
    from supportllm.errors import SupportLLMError

    result = CliRunner().invoke(build_app(), list(args), env={"COLUMNS": "400", **(env or {})})
    if isinstance(result.exception, SupportLLMError):
        error = f"error: {result.exception.message}\n"
        return Invoked(1, result.output + error, result.stdout, result.stderr + error)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Invoked(result.exit_code, result.output, result.stdout, result.stderr)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads a supportllm.toml or SUPPORTLLM_* variables from the developer's machine."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("SUPPORTLLM_"):
            monkeypatch.delenv(name)


@pytest.fixture
def fake_engine() -> Iterator[FakeEngineHandle]:
    with fake_engine_in_thread(FakeEngineConfig(port=0)) as handle:
        yield handle


@pytest.fixture
def fake_engine_factory() -> Iterator[Callable[..., FakeEngineHandle]]:
    with contextlib.ExitStack() as stack:

        def start(**options: Any) -> FakeEngineHandle:
            return stack.enter_context(fake_engine_in_thread(FakeEngineConfig(port=0, **options)))

        yield start


@dataclass
class Gateway:
    url: str  # ends in /v1
    keys: KeyStore
    key: str  # a valid key with the chat scope
    settings: Settings

    def headers(self, key: str | None = None) -> dict[str, str]:
        return {"authorization": f"Bearer {key or self.key}"}


@contextlib.contextmanager
def serve_in_thread(
    app: Any, settings: Settings | None = None, tls: ServerTLS | None = None
) -> Iterator[str]:
    """``app`` under uvicorn on a free port; with ``settings``, exactly as `serve` runs the
    gateway (the connection limits of gateway/protocol.py included, HTTPS with ``tls_cert``;
    ``tls``: that HTTPS set-up built beforehand). Yields the base URL (http:// or https://)."""
    port = free_port()
    scheme = "http"
    if settings is not None:
        scheme = "https" if settings.tls_cert is not None else "http"
        config = server_config(app, settings, host="127.0.0.1", port=port, tls=tls, lifespan="on")
    else:
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="on"
        )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="gateway", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("gateway did not start")
        time.sleep(0.02)
    try:
        yield f"{scheme}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def _gateway_parts(
    tmp_path: Path, engine_url: str, overrides: dict[str, Any], **extra: Any
) -> tuple[Settings, KeyStore, Any]:
    """The settings, key store and parts both gateway fixtures serve."""
    overrides.setdefault("data_dir", tmp_path / "data")
    # The fake engine's per-request controls ("fake": {"behaviour": "drop"}) drive the failure
    # tests; a real gateway drops that field (tests/test_gateway.py checks it).
    overrides.setdefault("forward_fields", [*DEFAULT_FORWARD_FIELDS, "fake"])
    overrides.setdefault("log_requests_to_stdout", False)
    settings = load_settings(None, engine_url=engine_url, **overrides)
    keys = open_keystore(settings)
    parts = build_parts(
        settings, engine_url=engine_url, engine_name="attached", served_model=None, keys=keys,
        **extra,
    )  # fmt: skip
    return settings, keys, parts


@pytest.fixture
def gateway_factory(tmp_path: Path) -> Iterator[Callable[..., Gateway]]:
    """Start a gateway (real uvicorn) in front of ``engine_url`` with settings overrides
    (``on_certificate``: told of each TLS certificate served, with ``tls_cert``/``tls_key``)."""
    with contextlib.ExitStack() as stack:

        def start(
            engine_url: str,
            embedder: Any = None,
            model_path: str | None = None,
            on_certificate: CertificateCallback | None = None,
            **overrides: Any,
        ) -> Gateway:
            settings, keys, parts = _gateway_parts(
                tmp_path, engine_url, overrides, embedder=embedder, model_path=model_path
            )
            tls = server_tls(settings, on_certificate)
            base = stack.enter_context(serve_in_thread(build_app(parts), settings, tls))
            issued = keys.create("support-team", frozenset({"chat"}))
            return Gateway(f"{base}/v1", keys, issued.key, settings)

        yield start


class InProcessGateway:
    """The gateway application called through ``httpx.ASGITransport``: no socket, no server
    thread, its lifespan entered as uvicorn would. For pipeline logic (templates, fields,
    channels, guards); what depends on the socket (connection limits, streaming to a real
    client, disconnects) keeps ``gateway_factory``."""

    def __init__(self, app: Any, key: str, keys: KeyStore, settings: Settings) -> None:
        import asyncio

        self.key, self.keys, self.settings = key, keys, settings
        self.app = app
        self._loop = asyncio.new_event_loop()
        self._lifespan = app.api.router.lifespan_context(app.api)
        self._loop.run_until_complete(self._lifespan.__aenter__())
        self._http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://gateway.test"
        )

    def post(
        self, path: str, body: Any, key: str | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        auth = {"authorization": f"Bearer {key or self.key}", **(headers or {})}
        request = self._http.post(path, json=body, headers=auth)
        return self._loop.run_until_complete(request)

    def chat(self, key: str | None = None, **body: Any) -> httpx.Response:
        return self.post("/v1/chat/completions", {"model": "support", **body}, key)

    def get(self, path: str, key: str | None = None) -> httpx.Response:
        headers = {"authorization": f"Bearer {key}"} if key else {}
        return self._loop.run_until_complete(self._http.get(path, headers=headers))

    def chats(
        self, bodies: list[dict[str, Any]], headers: list[dict[str, str]] | None = None
    ) -> list[httpx.Response]:
        """Several chat requests at once (concurrently, on the gateway's loop)."""
        import asyncio

        auth = {"authorization": f"Bearer {self.key}"}
        sends = [
            self._http.post(
                "/v1/chat/completions",
                json={"model": "support", **body},
                headers={**auth, **((headers or [{}] * len(bodies))[i])},
            )
            for i, body in enumerate(bodies)
        ]

        async def together() -> list[httpx.Response]:
            return list(await asyncio.gather(*sends))

        return self._loop.run_until_complete(together())

    def idle(self, seconds: float) -> None:
        """Let the gateway's background tasks (health checks, roll-out ticks) run."""
        import asyncio

        self._loop.run_until_complete(asyncio.sleep(seconds))

    def close(self) -> None:
        if self._loop.is_closed():
            return
        self._loop.run_until_complete(self._http.aclose())
        self._loop.run_until_complete(self._lifespan.__aexit__(None, None, None))
        self._loop.close()


@pytest.fixture
def asgi_gateway_factory(tmp_path: Path) -> Iterator[Callable[..., InProcessGateway]]:
    """``gateway_factory``'s settings and parts, called in this process (InProcessGateway)."""
    with contextlib.ExitStack() as stack:

        def start(engine_url: str, **overrides: Any) -> InProcessGateway:
            settings, keys, parts = _gateway_parts(tmp_path, engine_url, overrides)
            issued = keys.create("support-team", frozenset({"chat"}))
            gateway = InProcessGateway(build_app(parts), issued.key, keys, settings)
            stack.callback(gateway.close)
            return gateway

        yield start


@pytest.fixture
def asgi_gateway(
    asgi_gateway_factory: Callable[..., InProcessGateway], fake_engine: FakeEngineHandle
) -> InProcessGateway:
    return asgi_gateway_factory(fake_engine.url)


@pytest.fixture
def gateway(gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle) -> Gateway:
    return gateway_factory(fake_engine.url)


def read_log(settings: Settings, count: int = 1, wait_s: float = 3.0) -> list[dict[str, Any]]:
    """The request log's lines (the gateway flushes every 0.2 s)."""
    import orjson

    path = settings.resolved_request_log()
    deadline = time.monotonic() + wait_s
    lines: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        if path.exists():
            lines = [orjson.loads(line) for line in path.read_bytes().splitlines() if line]
            if len(lines) >= count:
                return lines
        time.sleep(0.05)
    return lines


# PostgreSQL ---------------------------------------------------------------------------------


def _pg_bindir() -> Path | None:
    pg_config = shutil.which("pg_config")
    if pg_config is None:
        return None
    bindir = Path(
        subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    return bindir if (bindir / "initdb").exists() else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL cluster in a temporary folder on a free port, as the postgres user."""
    bindir = _pg_bindir()
    if bindir is None:
        message = "PostgreSQL server binaries not found (Debian package 'postgresql')"
        if IN_CI:
            pytest.fail(message + "; .ci/run installs it, so this is a set-up bug")
        pytest.skip(message + "; run `make test`, which installs it")
    root = Path(tempfile.mkdtemp(prefix="supportllm-pg-"))
    data = root / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(
        [
            *as_user,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [
            *as_user,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "server.log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the session's PostgreSQL server."""
    import psycopg

    name = f"t{time.monotonic_ns()}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{postgres_server}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'keys.db'}"
    return str(request.getfixturevalue("postgres_url"))


def http_json(method: str, url: str, **kwargs: Any) -> httpx.Response:
    return httpx.request(method, url, timeout=10, **kwargs)


# Knowledge base ---------------------------------------------------------------------------------

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def embedder() -> Any:
    """The packaged all-MiniLM-L6-v2 as the default settings run it, loaded once per run."""
    from supportllm.retrieval.embed import PACKAGED_EMBEDDER, SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(PACKAGED_EMBEDDER)


@pytest.fixture(scope="session")
def demo_kb_template(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Path:
    """A data_dir with the demo help centre ingested once; copy it before changing it."""
    from supportllm.demo import DEMO_SOURCE, demo_kb_path
    from supportllm.retrieval.kb import KnowledgeBase
    from supportllm.retrieval.loaders import load_path

    data_dir = tmp_path_factory.mktemp("demo-kb")
    kb = KnowledgeBase(RetrievalSettings(), data_dir / "qdrant", embedder=embedder)
    try:
        report = kb.ingestor().ingest(list(load_path(demo_kb_path())), source=DEMO_SOURCE)
        kb.mark_changed()
    finally:
        kb.close()
    assert report.documents == 42 and not report.problems
    return data_dir


@pytest.fixture
def demo_data_dir(demo_kb_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo-KB data_dir for one test."""
    target = tmp_path / "data"
    shutil.copytree(demo_kb_template, target)
    return target


def chromium_paths() -> tuple[str, str] | None:
    """Debian's chromium and its chromedriver, when installed (scripts/system-deps.sh)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


NO_CHROMIUM = chromium_paths() is None and not IN_CI  # CI always installs it


def headless_chromium(*, log_network: bool = False) -> Any:
    """A Selenium driver for headless Chromium with the flags this machine needs."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = chromium_paths()
    assert found is not None, "CI installs chromium and chromium-driver (scripts/system-deps.sh)"
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"):
        options.add_argument(flag)
    if log_network:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    os.environ.setdefault("SE_OFFLINE", "true")
    return webdriver.Chrome(service=Service(found[1]), options=options)
