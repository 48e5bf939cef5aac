"""PII out of the gateway's process log and request log (guard.pii): an engine's error text,
which may quote the customer, is redacted before it is written.

An engine's error reaches the logs in a few places (a failed reading of the claims or injection
reader, a stream that broke, a shadow judge that failed), and an engine may echo the customer's
words in it ("prompt rejected: …"). ``LogRedaction.install`` (the gateway's start-up, when
guard.pii is on) puts ``RedactingFilter`` on every ``supportllm`` logger that exists then or
that the gateway names when it logs (``NAMED``; a logger filter sees only records logged on that
very logger), and on the handlers of the root logger, of uvicorn's and asyncio's loggers and on
logging's last-resort handler (they see records propagated from any logger); ``remove`` takes
it all off at shutdown. ``redact_error`` does the same for the request log's ``error`` field.

IP addresses are kept (``KEPT``): in these logs they name upstreams ("the engine at
http://10.0.3.7:8000/v1 is unreachable"), which an operator needs to read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from supportllm.guard.pii import PIIRedactor

# Loggers the gateway may first create when it logs (logging.getLogger(name) inside a function):
# they get the filter at start-up too.
NAMED = (
    "supportllm",
    "supportllm.gateway",
    "supportllm.gateway.reader",
    "supportllm.gateway.claims_read",
    "supportllm.gateway.injection_read",
    "supportllm.gateway.shadow",
    "supportllm.gateway.health",
    "supportllm.gateway.rollout",
    "supportllm.audit",
    "supportllm.requestlog",
    "supportllm.sampling",
    "supportllm.tracing",
)
# Loggers whose handlers get the filter: the root (where supportllm's records end up) and those
# with handlers of their own that may carry an engine's or a client's words.
HANDLED = ("", "uvicorn", "uvicorn.error", "asyncio")
KEPT = frozenset({"IP"})
# A log line or error text is cut here before it is redacted (on the event loop, where most
# lines are logged): an error that quotes a client's megabyte of text costs about as much as a
# 600-word message, not seconds.
MAX_CHARS = 4000
_MARK = "supportllm_pii_redacted"


def redact_error(redactor: PIIRedactor, text: str, *, keep_end: bool = False) -> str:
    """An error text as the logs keep it: cut to ``MAX_CHARS`` (its start, or with
    ``keep_end`` its end: a traceback's last lines name the error), PII replaced, IP addresses
    kept."""
    cut = len(text) - MAX_CHARS
    if cut > 0:
        text = (
            f"({cut} characters cut) … {text[cut:]}"
            if keep_end
            else f"{text[:MAX_CHARS]} … ({cut} characters cut)"
        )
    return redactor.redact(text, keep=KEPT)


class RedactingFilter(logging.Filter):
    """Replaces PII in a record's message and in its traceback text with type labels
    ("<EMAIL>"), once per record; the record is always passed on."""

    def __init__(self, redactor: PIIRedactor) -> None:
        super().__init__()
        self.redactor = redactor
        self.redacted = 0  # records that held PII

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _MARK, False):
            return True  # another filter on its way (a logger's, then a handler's) did it
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # a broken format string: logging reports that itself
        changed = False
        redacted = redact_error(self.redactor, message)
        if redacted != message:
            record.msg, record.args, changed = redacted, None, True
        if record.exc_info:
            # formatted here, as logging's formatter would, and redacted; the exception itself
            # is dropped so that no other formatter (JSON, Rich) prints it unredacted
            trace = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact_error(self.redactor, trace, keep_end=True)
            record.exc_info = None
            changed = changed or record.exc_text != trace
        setattr(record, _MARK, True)
        self.redacted += changed
        return True


@dataclass
class LogRedaction:
    """The filter, and the loggers and handlers it is on while the gateway runs."""

    redacting: RedactingFilter
    loggers: list[logging.Logger] = field(default_factory=list)
    handlers: list[logging.Handler] = field(default_factory=list)

    @classmethod
    def install(cls, redactor: PIIRedactor) -> LogRedaction:
        existing = [
            name
            for name, logger in logging.root.manager.loggerDict.items()
            if isinstance(logger, logging.Logger)
            and (name == "supportllm" or name.startswith("supportllm."))
        ]
        done = cls(RedactingFilter(redactor))
        for name in sorted({*existing, *NAMED}):
            logger = logging.getLogger(name)
            logger.addFilter(done.redacting)
            done.loggers.append(logger)
        handlers = [h for name in HANDLED for h in logging.getLogger(name).handlers]
        if logging.lastResort is not None:
            handlers.append(logging.lastResort)
        for handler in dict.fromkeys(handlers):
            handler.addFilter(done.redacting)
            done.handlers.append(handler)
        return done

    def remove(self) -> None:
        for logger in self.loggers:
            logger.removeFilter(self.redacting)
        for handler in self.handlers:
            handler.removeFilter(self.redacting)
        self.loggers.clear()
        self.handlers.clear()
