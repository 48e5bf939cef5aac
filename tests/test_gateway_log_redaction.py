"""The gateway's process log goes through guard.pii while the gateway runs
(gateway/log_redaction.py): what an operator's log collector receives holds no e-mail address,
IBAN or name an engine echoed, in the message or in a traceback."""

from __future__ import annotations

import io
import logging

from supportllm.config_sections import PIIGuardSettings
from supportllm.gateway.log_redaction import LogRedaction
from supportllm.guard.pii import PIIRedactor


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
