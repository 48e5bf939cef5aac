"""PII out of the gateway's process log (guard.pii): a filter on every ``supportllm`` logger
that redacts a record's message and traceback before any handler writes them.

An engine's error text reaches the log in a few places (a failed reading of the claims or
injection reader, a stream that broke, a shadow judge that failed), and an engine may echo the
customer's words in it ("prompt too long: …"). The gateway installs the filter while it runs
(``LogRedaction.install`` at start-up, ``remove`` at shutdown) when guard.pii is on. A logger
filter sees only records logged on that very logger, so it goes on each ``supportllm`` logger
that exists at start-up and on the ones the gateway names when it logs (``NAMED``).
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


class RedactingFilter(logging.Filter):
    """Replaces PII in a record's message (and its traceback text) with type labels
    ("<EMAIL>"); the record is always passed on."""

    def __init__(self, redactor: PIIRedactor) -> None:
        super().__init__()
        self.redactor = redactor
        self.redacted = 0  # records that held PII

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "pii_redacted", False):
            return True  # a second gateway in the same process: already done
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # a broken format string: logging reports that itself
        changed = False
        redacted = self.redactor.redact(message)
        if redacted != message:
            record.msg, record.args, changed = redacted, None, True
        if record.exc_info and not record.exc_text:
            # formatted here, as a handler's formatter would, so that it is redacted once
            trace = logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.redactor.redact(trace)
            changed = changed or record.exc_text != trace
        setattr(record, "pii_redacted", True)  # noqa: B010 - LogRecord has no such field
        self.redacted += changed
        return True


@dataclass
class LogRedaction:
    """The filter, and the loggers it is on while the gateway runs."""

    redacting: RedactingFilter
    loggers: list[logging.Logger] = field(default_factory=list)

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
        return done

    def remove(self) -> None:
        for logger in self.loggers:
            logger.removeFilter(self.redacting)
        self.loggers.clear()
