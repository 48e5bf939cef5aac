"""``supportllm serve``: start (or attach to) an engine and run the gateway in front of it."""

from __future__ import annotations

import contextlib
import errno
import gc
import logging
import socket
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from supportllm.audit.setup import event_sink, settings_digest
from supportllm.cli.common import (
    DEMO_MODEL_WARNING,
    console,
    err_console,
    settings_from,
    styled,
)
from supportllm.config import EngineKind, Settings
from supportllm.engines.commands import launch_spec
from supportllm.engines.launch import is_healthy, start_engine, stop_engine
from supportllm.engines.lifetime import sigterm_raises
from supportllm.engines.modelfile import PACKAGED_MODEL
from supportllm.engines.ports import bind_error
from supportllm.errors import ConfigError
from supportllm.gateway.app import build_app
from supportllm.gateway.server import server_config, server_tls
from supportllm.gateway.setup import append_admin, build_parts, engine_tls, open_keystore
from supportllm.gateway.tls import CertificateInfo, ServerTLS
from supportllm.store.keys import KeyStore


def _check_port_free(host: str, port: int) -> None:
    error = bind_error(host, port)
    if error is None:
        return
    if error.errno == errno.EADDRINUSE:
        raise ConfigError(
            f"port {port} on {host} is already in use; pass --port or set SUPPORTLLM_PORT"
        )
    raise ConfigError(f"cannot listen on {host}:{port}: {error.strerror or error}")


def _first_key_banner(keys: KeyStore) -> str | None:
    """On a fresh install, create one key so the quick start works; print it once."""
    if keys.count_active() > 0:
        return None
    issued = keys.create("default", frozenset({"chat"}), name="created by `supportllm serve`")
    return issued.key


def _print_banner(
    settings: Settings, base_url: str, engine_label: str, key: str | None, kb_state: str
) -> None:
    """Plain lines (no boxes) so that the key and the commands can be copied whole."""
    out = console()
    scheme = "https" if settings.tls_cert is not None else "http"
    url = f"{scheme}://{settings.host}:{settings.port}/v1"
    alias = settings.model_aliases[0]
    shown_key = key or "<your key>"
    out.rule(styled("[bold]supportllm gateway[/]"))
    out.print(
        styled(
            "listening on [cyan]{}[/]; model '{}' -> {} at {}", url, alias, engine_label, base_url
        ),
        soft_wrap=True,
    )
    out.print(f"knowledge base: {kb_state}", soft_wrap=True)
    if key:
        out.print("API key (team 'default', scope chat) - shown once, store it now:")
        out.print(styled("[bold yellow]{}[/]", key), soft_wrap=True)
    else:
        out.print("API keys already exist; create one with `supportllm keys create --team TEAM`.")
    out.print("\nTry it:", soft_wrap=True)
    question = '[{"role":"user","content":"How do I reset my password?"}]'
    body = f'{{"model":"{alias}","messages":{question},"stream":true}}'
    out.print(
        f"curl -N {url}/chat/completions -H 'Authorization: Bearer {shown_key}' "
        f"-H 'content-type: application/json' -d '{body}'",
        soft_wrap=True,
    )
    out.print(
        f'python -c \'from openai import OpenAI; c = OpenAI(base_url="{url}", '
        f'api_key="{shown_key}"); print(c.chat.completions.create(model="{alias}", '
        f'messages=[{{"role": "user", "content": "Hi"}}]).choices[0].message.content)\'',
        soft_wrap=True,
    )
    if (
        settings.engine_url is None
        and settings.engine == "llamacpp"
        and settings.llamacpp.model == PACKAGED_MODEL
    ):
        out.print(styled("\n[yellow]{}[/]", DEMO_MODEL_WARNING), soft_wrap=True)
    out.print(
        f"\nRequest log: one JSON line per request below and in "
        f"{settings.resolved_request_log()}. Ctrl-C stops.",
        soft_wrap=True,
    )
    out.rule()


def _tls_log() -> logging.Logger:
    """The TLS logger, shown on stderr (certificate loads and failed reloads)."""
    logger = logging.getLogger("supportllm.tls")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return logger


def log_certificate(info: CertificateInfo) -> None:
    """``on_certificate`` for serve: one line per certificate served (start and rotations),
    a warning when it has less than two weeks left."""
    log = _tls_log()
    log.info("TLS certificate loaded: %s (%s)", info.describe(), info.cert_file)
    left = info.not_after - datetime.now(UTC)
    if left < timedelta(days=14):
        log.warning(
            "TLS certificate %s expires in %d day(s); renew it (it is reloaded without a restart)",
            info.cert_file,
            left.days,
        )


class _Server(uvicorn.Server):
    """uvicorn's server, printing the banner only once the port accepts connections."""

    def __init__(self, config: uvicorn.Config, on_listening: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_listening = on_listening

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self._on_listening()


def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default: 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default: 8080).")] = None,
    engine_url: Annotated[
        str | None,
        typer.Option(
            "--engine-url",
            help="Attach to a running OpenAI-compatible engine (…/v1) instead of "
            "starting one: vLLM, llama.cpp, TGI, Ollama, SGLang or an external API.",
        ),
    ] = None,
    engine: Annotated[
        EngineKind | None,
        typer.Option(help="Engine to start when not attaching (default: llamacpp)."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="Model for the started engine: a GGUF path or 'org/repo:file.gguf' for llamacpp, "
            "a Hugging Face id for vllm."
        ),
    ] = None,
    keep_engine: Annotated[
        bool, typer.Option("--keep-engine", help="Leave the engine running when the gateway stops.")
    ] = False,
    tls_cert: Annotated[
        Path | None,
        typer.Option(
            "--tls-cert",
            help="Serve HTTPS (TLS 1.3 only) with this PEM certificate (chain); reloaded when "
            "the file changes. Needs --tls-key.",
        ),
    ] = None,
    tls_key: Annotated[
        Path | None, typer.Option("--tls-key", help="The PEM private key of --tls-cert.")
    ] = None,
) -> None:
    """Run the OpenAI-compatible gateway (POST /v1/chat/completions, GET /v1/models).

    With no options: starts the embedded llama.cpp engine with the packaged demo model (offline,
    CPU), creates a first API key if there is none, and prints how to call the gateway.
    """
    nested = {engine or "llamacpp": {"model": model}} if model else {}
    settings = settings_from(
        ctx,
        host=host,
        port=port,
        engine_url=engine_url,
        engine=engine,
        tls_cert=tls_cert,
        tls_key=tls_key,
        **nested,
    )
    _check_port_free(settings.host, settings.port)
    tls = server_tls(settings, on_certificate=log_certificate)  # bad files: stop before anything
    keys = open_keystore(settings)
    with sigterm_raises():  # systemd / Kubernetes / kill: stop the engine as Ctrl-C does
        _serve(settings, keys, keep_engine, tls)


def _serve(settings: Settings, keys: KeyStore, keep_engine: bool, tls: ServerTLS | None) -> None:
    started_name: str | None = None
    model_path: str | None = None
    if settings.engine_url is not None:
        base_url, engine_label, served = settings.engine_url, "attached engine", None
        verify = engine_tls(settings, base_url)
        if not is_healthy(f"{base_url}/models", verify=verify):
            err_console().print(
                styled(
                    "[yellow]warning:[/] the engine at {} does not answer yet; chat requests "
                    "get 503 until it does (GET /readyz tells when it is ready)",
                    base_url,
                ),
                soft_wrap=True,
            )
    else:
        with console().status("Checking the model files…"):
            spec = launch_spec(settings, on_pin_event=event_sink(settings))
        with console().status(f"Starting the {spec.name} engine ({spec.served_model})…"):
            state, started = start_engine(
                spec,
                settings.data_dir,
                timeout_s=settings.engine_start_timeout_s,
                detached=keep_engine,
            )
        base_url, served, model_path = state.base_url, state.served_model, state.model_path
        engine_label = f"{spec.name} ({served})"
        if not started:
            engine_label += f", started earlier with `supportllm engine start` (pid {state.pid})"
        if started and not keep_engine:
            started_name = spec.name
    try:
        parts = build_parts(
            settings,
            engine_url=base_url,
            engine_name="attached" if settings.engine_url else settings.engine,
            served_model=served,
            keys=keys,
            model_path=model_path,
        )
        for upstream in parts.router.upstreams():
            if upstream.prompt_counter is not None:
                upstream.prompt_counter.warm()  # the vocabulary, before the first request
        for note in parts.notes:
            console().print(note)
        kb_state = "off (retrieval.enabled = false)"
        if parts.retrieval is not None:
            with console().status("Loading the knowledge base and its embedder…"):
                kb_state = parts.retrieval.prepare()
        first_key = _first_key_banner(keys)
        if parts.audit is not None:
            start = {"engine": engine_label, "listen": f"{settings.host}:{settings.port}"}
            append_admin(parts.audit, "gateway.start", {**start, **settings_digest(settings)})
            if tls is not None:
                audit = parts.audit
                append_admin(audit, "tls.certificate", tls.certificate.as_event())

                def certificate_event(info: CertificateInfo) -> None:
                    log_certificate(info)
                    append_admin(audit, "tls.certificate", info.as_event())  # rotation evidence

                tls.on_certificate = certificate_event
            if parts.audit.writer.signer.created:
                console().print(
                    styled(
                        "audit trail: new checkpoint signing key; give the auditor its public "
                        "key: [bold]{}[/]",
                        parts.audit.writer.signer.public,
                    ),
                    soft_wrap=True,
                )
        # Everything built so far lives as long as the process: keep it out of the collector's
        # way, and collect young objects less often (each request makes a few hundred).
        gc.collect()
        gc.freeze()
        gc.set_threshold(20_000, 20, 20)
        config = server_config(
            build_app(parts),
            settings,
            host=settings.host,
            port=settings.port,
            tls=tls,
            loop="uvloop",
            timeout_graceful_shutdown=5,
        )
        _Server(
            config, lambda: _print_banner(settings, base_url, engine_label, first_key, kb_state)
        ).run()
    finally:
        if started_name is not None:
            with contextlib.suppress(OSError):
                stop_engine(settings.data_dir, started_name)
                console().print(f"stopped the {started_name} engine")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
