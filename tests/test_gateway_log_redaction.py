"""The gateway's process log goes through guard.pii while the gateway runs
(gateway/log_redaction.py): what an operator's log collector receives holds no e-mail address,
IBAN or name an engine echoed, in the message or in a traceback."""

from __future__ import annotations

import http.server
import io
import logging
import threading
from collections.abc import Callable

import httpx

from supportllm.config_sections import PIIGuardSettings
from supportllm.gateway.log_redaction import MAX_CHARS, LogRedaction, redact_error
from supportllm.guard.pii import PIIRedactor
from tests.conftest import Gateway, read_log
from tests.test_guard_injection_reader import _EchoingRefusal


def test_messages_and_tracebacks_are_redacted_while_installed_and_only_then() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    # filters sit on each supportllm logger: those that exist at start-up and those the
    # gateway names when it logs (NAMED)
    shadow = logging.getLogger("supportllm.gateway.shadow")
    redaction = LogRedaction.install(PIIRedactor(PIIGuardSettings()))
    try:
        shadow.warning("shadow request r1 not judged: %s", "engine said: mail jan@example.nl")
        try:
            raise ValueError("IBAN NL91 ABNA 0417 1643 00 refused")
        except ValueError:
            logging.getLogger("supportllm.gateway").exception("internal error")
        text = out.getvalue()
        assert "jan@example.nl" not in text and "mail <EMAIL>" in text
        assert "NL91 ABNA" not in text and "ValueError: IBAN <IBAN> refused" in text
        assert "Traceback" in text  # the traceback is still there, only redacted
        assert redaction.redacting.redacted == 2
    finally:
        redaction.remove()
        root.removeHandler(handler)
    after = io.StringIO()
    handler = logging.StreamHandler(after)
    root.addHandler(handler)
    try:
        shadow.warning("mail %s", "jan@example.nl")  # removed at shutdown: the log is as before
    finally:
        root.removeHandler(handler)
    assert "jan@example.nl" in after.getvalue()
    assert not shadow.filters


def test_a_logger_made_later_is_covered_by_the_handlers_and_ip_addresses_stay() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    root = logging.getLogger()
    root.addHandler(handler)
    redaction = LogRedaction.install(PIIRedactor(PIIGuardSettings()))
    try:
        # a logger no one named before the gateway started: its records reach the root's
        # handler, which carries the filter
        late = logging.getLogger("supportllm.gateway.added_after_start_up")
        assert not late.filters
        late.warning("upstream http://10.0.3.7:8000/v1 refused: Anna Schmidt, IBAN DE89 3704")
        try:
            raise RuntimeError("engine said: anna.schmidt@example.de")
        except RuntimeError:
            late.exception("stream broke")
        records: list[logging.LogRecord] = []
        keep = logging.Handler()
        keep.emit = records.append  # type: ignore[method-assign]
        late.addHandler(keep)  # a handler of its own, added later: the root's filter is past
        late.warning("plain")
        late.removeHandler(keep)
    finally:
        redaction.remove()
        root.removeHandler(handler)
    text = out.getvalue()
    assert "10.0.3.7:8000" in text  # IP addresses name upstreams: kept
    assert "Anna Schmidt" not in text and "anna.schmidt@example.de" not in text
    assert "<EMAIL>" in text and "Traceback" in text


def test_the_request_logs_error_field_is_redacted(
    gateway_factory: Callable[..., Gateway],
) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _EchoingRefusal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        gw = gateway_factory(url)
        said = "Wo bleibt meine Erstattung? Konto DE89 3704 0044 0532 0130 00, Mail t.becker@web.de"
        refused = httpx.post(
            f"{gw.url}/chat/completions",
            headers=gw.headers(),
            json={"model": "support", "messages": [{"role": "user", "content": said}]},
            timeout=30,
        )
        assert refused.status_code >= 400
        # (the client sees the engine's refusal, its own words included: they are its own)
        lines = read_log(gw.settings, 1)
    finally:
        server.shutdown()
        server.server_close()
    error = lines[-1]["error"]
    assert "prompt rejected" in error  # the engine's words are there for the operator
    assert "t.becker@web.de" not in error and "DE89 3704" not in error
    assert "<EMAIL>" in error and "<IBAN>" in error


def test_a_huge_error_text_is_cut_before_it_is_redacted() -> None:
    redactor = PIIRedactor(PIIGuardSettings())
    quoted = "model 'x" + "Anna Schmidt anna@example.de " * 40_000 + "' is not served"
    kept = redact_error(redactor, quoted)
    assert len(kept) < MAX_CHARS + 100 and "characters cut" in kept
    assert "anna@example.de" not in kept and "<EMAIL>" in kept
    trace = "Traceback (most recent call last):\n" + "  frame\n" * 2000 + "ValueError: a@b.de"
    end = redact_error(redactor, trace, keep_end=True)
    assert end.endswith("ValueError: <EMAIL>")  # a traceback keeps its last lines
