"""Where the audit writer redacts and encodes records' content (``audit.redact_in``).

PII redaction of the messages and the reply is most of the writer's work (about 1 ms of a
one-turn request's 3.5 ms of gateway CPU, round 25). In the writer thread it shares the gateway
process's one interpreter lock with the event loop, so under load it takes the loop's core.
``process`` does it in a helper process (audit/encode_worker.py) on another core; ``auto``
(the default) starts in the thread and moves to the helper once encoding takes
``AUTO_SHARE`` of a core over ``AUTO_WINDOW_S`` (machines with one core stay in the thread);
``thread`` never starts a helper.

Nothing is lost when the helper fails (it exits, hangs past its time-out, answers off the
protocol): that batch is encoded in the thread, one warning is logged, the helper is stopped
and started again at the earliest ``RETRY_S`` later. The content is the same either way: the
helper runs the same redaction and encoding on the same settings (tests/test_audit_encoding.py).
"""

from __future__ import annotations

import logging
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Literal

import orjson

from supportllm.audit.encode_worker import HEADER, frame
from supportllm.audit.writer import Content, encoded_content
from supportllm.config_sections import PIIGuardSettings

_LOG = logging.getLogger("supportllm.audit")

RedactIn = Literal["auto", "thread", "process"]
AUTO_SHARE = 0.10  # of one core, spent encoding in the writer thread, before the helper starts
AUTO_WINDOW_S = 2.0
READY_TIMEOUT_S = 60.0  # the helper's start: an interpreter, the redactor's name lists
RETRY_S = 60.0  # after a failed helper, the thread encodes at least this long


class HelperError(Exception):
    """The helper process did not answer a batch as the protocol says."""


class _Helper:
    """One helper process and its pipes."""

    def __init__(self, pii: PIIGuardSettings) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "supportllm.audit.encode_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
        )
        self.started = time.monotonic()
        self.ready = False
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in, self._out = self.process.stdin, self.process.stdout
        self._in.write(frame(pii.model_dump_json().encode()))
        self._in.flush()

    @property
    def pid(self) -> int:
        return self.process.pid

    def poll_ready(self) -> bool:
        """Whether the helper has loaded (without waiting); HelperError when it never will."""
        if self.ready:
            return True
        if self.process.poll() is not None:
            raise HelperError(f"it exited with status {self.process.returncode} while starting")
        if not select.select([self._out], [], [], 0)[0]:
            if time.monotonic() - self.started > READY_TIMEOUT_S:
                raise HelperError(f"it did not load within {READY_TIMEOUT_S:g} s")
            return False
        if orjson.loads(self._read(READY_TIMEOUT_S)) != "ready":
            raise HelperError("it did not say it was ready")
        self.ready = True
        return True

    @staticmethod
    def batch(contents: list[Content | None]) -> bytes:
        """The batch's frame payload; ValueError/TypeError when orjson cannot write a content
        (nested past its limit): the thread's encoder turns that one into a note instead."""
        return orjson.dumps(
            [
                None
                if c is None
                else {
                    "m": c.messages,
                    "r": c.reply,
                    "e": [e.decode("latin-1") for e in c.events] if c.events is not None else None,
                }
                for c in contents
            ]
        )

    def encode(self, payload: bytes, count: int) -> list[bytes | None]:
        """The encoded contents of a batch (``batch``'s payload of ``count`` contents)."""
        try:
            self._in.write(frame(payload))
            self._in.flush()
        except OSError as error:
            raise HelperError(f"it stopped reading ({error})") from error
        # generous: a full batch of long conversations takes a few seconds on a slow core
        try:
            answer = orjson.loads(self._read(30.0 + 0.02 * count))
        except orjson.JSONDecodeError as error:
            raise HelperError(f"its answer is not JSON ({error})") from error
        if not isinstance(answer, list) or len(answer) != count:
            raise HelperError("its answer does not match the batch")
        return [a.encode() if isinstance(a, str) else None for a in answer]

    def _read(self, timeout_s: float) -> bytes:
        head = self._exactly(HEADER.size, timeout_s)
        return self._exactly(HEADER.unpack(head)[0], timeout_s)

    def _exactly(self, size: int, timeout_s: float) -> bytes:
        deadline = time.monotonic() + timeout_s
        parts: list[bytes] = []
        left = size
        fd = self._out.fileno()
        while left:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise HelperError(f"no answer within {timeout_s:g} s")
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise HelperError(f"it exited (status {self.process.poll()})")
            parts.append(chunk)
            left -= len(chunk)
        return b"".join(parts)

    def stop(self) -> None:
        try:
            self._in.close()  # the helper exits at the end of its input
            self.process.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(5)
        self._out.close()


@dataclass
class ContentEncoder:
    """The writer thread's encoder of records' content: in the thread, or in the helper.

    ``pii``: guard.pii's settings, which the helper builds its redactor from (the thread uses
    each content's own ``redact``)."""

    redact_in: RedactIn
    pii: PIIGuardSettings
    cores: int = field(default_factory=lambda: os.cpu_count() or 1)
    helper_batches: int = 0  # batches the helper encoded
    helper_failures: int = 0
    _helper: _Helper | None = None
    _retry_at: float = 0.0
    _busy_s: float = 0.0
    _window_at: float = field(default_factory=time.monotonic)

    @property
    def where(self) -> str:
        """``process`` while a loaded helper encodes, else ``thread``."""
        return "process" if self._helper is not None and self._helper.ready else "thread"

    @property
    def helper_pid(self) -> int | None:
        return self._helper.pid if self._helper is not None else None

    def encode(self, contents: list[Content | None]) -> list[bytes | None]:
        helper = self._usable_helper()
        if helper is not None and any(c is not None for c in contents):
            try:
                payload: bytes | None = helper.batch(contents)
            except (ValueError, TypeError):
                payload = None  # encoded in the thread, which notes the content it cannot write
            if payload is not None:
                try:
                    out = helper.encode(payload, len(contents))
                except HelperError as error:
                    self._failed(str(error))
                else:
                    self.helper_batches += 1
                    return out
        started = time.perf_counter()
        out = [encoded_content(c) for c in contents]
        self._account(time.perf_counter() - started)
        return out

    def close(self) -> None:
        if self._helper is not None:
            self._helper.stop()
            self._helper = None

    def _usable_helper(self) -> _Helper | None:
        if self.redact_in == "process" and self._helper is None:
            self._start()
        if self._helper is None:
            return None
        try:
            return self._helper if self._helper.poll_ready() else None
        except (HelperError, OSError, ValueError) as error:
            self._failed(str(error))
            return None

    def _account(self, busy_s: float) -> None:
        """auto: the share of a core the thread spends encoding, per window."""
        if self.redact_in != "auto" or self._helper is not None or self.cores < 2:
            return
        self._busy_s += busy_s
        now = time.monotonic()
        elapsed = now - self._window_at
        if elapsed < AUTO_WINDOW_S:
            return
        share = self._busy_s / elapsed
        self._busy_s, self._window_at = 0.0, now
        if share >= AUTO_SHARE and self._start():
            _LOG.info(
                "audit content: redaction took %.0f %% of a core in the writer thread; "
                "a helper process (pid %d) takes it over (audit.redact_in = auto)",
                share * 100,
                self.helper_pid,
            )

    def _start(self) -> bool:
        if time.monotonic() < self._retry_at:
            return False
        try:
            self._helper = _Helper(self.pii)
        except OSError as error:
            self._failed(f"it could not be started ({error})")
            return False
        return True

    def _failed(self, why: str) -> None:
        self.helper_failures += 1
        self._retry_at = time.monotonic() + RETRY_S
        _LOG.warning(
            "audit content helper process failed: %s; the writer thread encodes content "
            "(no record is lost), a new helper in %.0f s at the earliest",
            why,
            RETRY_S,
        )
        if self._helper is not None:
            helper, self._helper = self._helper, None
            helper.process.kill()
            helper.stop()
