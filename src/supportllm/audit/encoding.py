"""Where the audit writer redacts and encodes records' content (``audit.redact_in``).

PII redaction of the messages and the reply is most of the writer's work (about 1 ms of a
one-turn request's 3.5 ms of gateway CPU, round 25). In the writer thread it shares the gateway
process's one interpreter lock with the event loop, so under load it takes the loop's core.
``process`` does it in a helper process (audit/encode_worker.py) on another core; ``auto``
(the default) starts in the thread and moves to the helper once encoding takes ``AUTO_SHARE``
of a core (the writer thread's CPU time) over ``AUTO_WINDOW_S``; a machine that gives the
gateway one core keeps it in the thread. ``thread`` never starts a helper.

Nothing is lost when the helper fails (it exits, hangs past its time-out, answers off the
protocol, or anything else goes wrong on the way): that batch is encoded in the thread, one
warning is logged, the helper is stopped and started again at the earliest ``RETRY_S`` later.
The content is the same either way: the helper runs the same redaction and encoding on the same
settings (tests/test_audit_encoding.py). Only the writer thread encodes; ``close`` is for after
it has stopped (``abandon`` when it did not stop in time).
"""

from __future__ import annotations

import logging
import os
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import orjson

import supportllm
from supportllm.audit.encode_worker import HEADER, frame
from supportllm.audit.writer import Content, encoded_content
from supportllm.config_sections import PIIGuardSettings

_LOG = logging.getLogger("supportllm.audit")

RedactIn = Literal["auto", "thread", "process"]
AUTO_SHARE = 0.10  # of one core, spent encoding in the writer thread, before the helper starts
AUTO_WINDOW_S = 2.0
READY_TIMEOUT_S = 60.0  # the helper's start: an interpreter, the redactor's name lists
RETRY_S = 60.0  # after a failed helper, the thread encodes at least this long
SLOWEST_BYTES_PER_S = 200_000  # the answer's time-out grows with the batch (a slow core's pace)


class HelperError(Exception):
    """The helper process did not answer a batch as the protocol says; ``permanent`` when no
    later helper would do better (it loaded another copy of supportllm)."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def _deadline_s(payload: bytes) -> float:
    """How long the helper is given to take a batch in and to answer it: generous, a full
    batch of long conversations takes seconds on a slow core."""
    return 30.0 + len(payload) / SLOWEST_BYTES_PER_S


def _import_path() -> str:
    """PYTHONPATH for the helper: the directory the gateway's supportllm package is in, then
    whatever the gateway was given."""
    here = os.path.dirname(os.path.dirname(os.path.realpath(supportllm.__file__)))
    given = os.environ.get("PYTHONPATH")
    return os.pathsep.join([here, given]) if given else here


def usable_cores(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """The cores this process may run on at once: its CPU affinity (a cpuset), lowered to a
    container's CPU quota where one is set (cgroup v2 ``cpu.max``, v1 ``cpu.cfs_quota_us``):
    a container given 1.5 CPUs on a 64-core host gets 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    quota = _cpu_quota(cgroup)
    return max(1, min(cores, int(quota))) if quota is not None else cores


def _cpu_quota(cgroup: Path) -> float | None:
    """The CPU quota in cores, or None when there is none (or it cannot be read)."""
    try:
        v2 = cgroup / "cpu.max"
        if v2.exists():
            limit, period = v2.read_text().split()[:2]
            return None if limit == "max" else int(limit) / int(period)
        v1 = cgroup / "cpu" / "cpu.cfs_quota_us"
        if v1.exists():
            limit_us = int(v1.read_text())
            period_us = int((cgroup / "cpu" / "cpu.cfs_period_us").read_text())
            return None if limit_us <= 0 else limit_us / period_us
    except (OSError, ValueError):
        return None
    return None


class _Helper:
    """One helper process, its input (stdin) and the pipe its answers come on."""

    def __init__(self, pii: PIIGuardSettings) -> None:
        read_end, write_end = os.pipe()
        try:
            # -P: the helper's import path does not start with the working directory (as
            # `supportllm serve`'s does not); its own session: a signal to the gateway's
            # process group does not stop it before the gateway's last commit
            # and the package the gateway runs comes first on its import path; its stdout
            # (where the gateway may write its request log) is not shared
            self.process = subprocess.Popen(
                [sys.executable, "-P", "-m", "supportllm.audit.encode_worker", str(write_end)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                pass_fds=(write_end,),
                start_new_session=True,
                env={**os.environ, "PYTHONPATH": _import_path()},
            )
        except BaseException:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)
        self._out = read_end
        self.started = time.monotonic()
        self.ready = False
        assert self.process.stdin is not None
        self._in = self.process.stdin
        os.set_blocking(self._in.fileno(), False)  # writes wait in poll, with a deadline
        self._poll = select.poll()  # poll, not select: descriptors past 1024 on a busy gateway
        self._poll.register(read_end, select.POLLIN)
        self._writable = select.poll()
        self._writable.register(self._in.fileno(), select.POLLOUT)
        try:
            self._send(pii.model_dump_json().encode())
        except HelperError:
            self.stop(kill=True)  # reaped, its pipe closed
            raise

    @property
    def pid(self) -> int:
        return self.process.pid

    def poll_ready(self) -> bool:
        """Whether the helper has loaded (without waiting); HelperError when it never will."""
        if self.ready:
            return True
        if not self._poll.poll(0):
            if self.process.poll() is not None:
                raise HelperError(f"it exited with status {self.process.returncode} at start")
            if time.monotonic() - self.started > READY_TIMEOUT_S:
                raise HelperError(f"it did not load within {READY_TIMEOUT_S:g} s")
            return False
        said = orjson.loads(self._read(READY_TIMEOUT_S))
        loaded = said.get("ready") if isinstance(said, dict) else None
        if not isinstance(loaded, str) or os.path.realpath(loaded) != os.path.realpath(
            supportllm.__file__
        ):
            raise HelperError(
                f"it loaded another supportllm than the gateway's ({said!r})", permanent=True
            )
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
        self._send(payload)
        answer = orjson.loads(self._read(_deadline_s(payload)))
        if not isinstance(answer, list) or len(answer) != count:
            raise HelperError("its answer does not match the batch")
        if not all(a is None or isinstance(a, str) for a in answer):
            raise HelperError("its answer holds something other than encoded content")
        return [a.encode() if a is not None else None for a in answer]

    def _send(self, payload: bytes) -> None:
        """The frame written whole, or HelperError: a helper that stops reading (frozen, or
        gone) is given until the same deadline as an answer, never forever."""
        data = memoryview(frame(payload))
        timeout_s = _deadline_s(payload)
        deadline = time.monotonic() + timeout_s
        fd = self._in.fileno()
        while data:
            wait_ms = int((deadline - time.monotonic()) * 1000)
            if wait_ms <= 0 or not self._writable.poll(wait_ms):
                raise HelperError(f"it read nothing for {timeout_s:g} s")
            try:
                sent = os.write(fd, data)
            except BlockingIOError:
                continue
            except OSError as error:
                raise HelperError(f"it stopped reading ({error})") from error
            data = data[sent:]

    def _read(self, timeout_s: float) -> bytes:
        head = self._exactly(HEADER.size, timeout_s)
        return self._exactly(HEADER.unpack(head)[0], timeout_s)

    def _exactly(self, size: int, timeout_s: float) -> bytes:
        deadline = time.monotonic() + timeout_s
        parts: list[bytes] = []
        left = size
        while left:
            wait_ms = int((deadline - time.monotonic()) * 1000)
            if wait_ms <= 0 or not self._poll.poll(wait_ms):
                raise HelperError(f"no answer within {timeout_s:g} s")
            chunk = os.read(self._out, min(left, 1 << 20))
            if not chunk:
                raise HelperError(f"it exited (status {self.process.poll()})")
            parts.append(chunk)
            left -= len(chunk)
        return b"".join(parts)

    def stop(self, kill: bool = False) -> None:
        """End the helper: its input closed (it exits when it has read it all), or killed."""
        try:
            if kill:
                self.process.kill()
            self._in.close()
            self.process.wait(5)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(5)
        finally:
            os.close(self._out)


@dataclass
class ContentEncoder:
    """The writer thread's encoder of records' content: in the thread, or in the helper.

    ``pii``: guard.pii's settings, which the helper builds its redactor from. The helper is
    used only for content redacted with the gateway's guard.pii redaction (``redact`` set), as
    the audit step makes it; other content is encoded in the thread."""

    redact_in: RedactIn
    pii: PIIGuardSettings
    cores: int = field(default_factory=usable_cores)
    helper_batches: int = 0  # batches the helper encoded
    helper_failures: int = 0
    _helper: _Helper | None = None
    _retry_at: float = 0.0
    _closed: bool = False
    _first: bool = True  # the first batch loads the redactor's lists: not counted for auto
    _busy_s: float = 0.0
    _window_at: float = field(default_factory=time.monotonic)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def where(self) -> str:
        """``process`` while a loaded helper encodes, else ``thread``."""
        helper = self._helper
        return "process" if helper is not None and helper.ready else "thread"

    @property
    def helper_pid(self) -> int | None:
        helper = self._helper
        return helper.pid if helper is not None else None

    def encode(self, contents: list[Content | None]) -> list[bytes | None]:
        with self._lock:
            out = self._by_helper(contents)
            if out is not None:
                return out
            started = time.thread_time()
            out = [encoded_content(c) for c in contents]
            if any(c is not None for c in contents):  # not an idle checkpoint's empty batch
                self._account(time.thread_time() - started)
            return out

    def close(self) -> None:
        """Stop the helper (the writer thread has stopped); none is started after this."""
        with self._lock:
            self._closed = True
            if self._helper is not None:
                self._helper.stop()
                self._helper = None

    def abandon(self) -> None:
        """The writer thread did not stop in time: kill the helper (its batch, if it was on
        one, goes to the thread) without touching the pipes the thread may be using."""
        self._closed = True
        helper = self._helper
        if helper is not None:
            helper.process.kill()
            helper.process.wait(5)  # reaped; its pipes stay open for the thread that uses them

    def _by_helper(self, contents: list[Content | None]) -> list[bytes | None] | None:
        """The batch encoded by the helper; None when it is to be encoded in the thread."""
        helper = self._usable_helper()  # started (process) or polled for readiness
        if (
            helper is None
            or not any(c is not None for c in contents)
            or any(c is not None and c.redact is None for c in contents)
        ):
            return None
        try:
            payload = helper.batch(contents)
        except (ValueError, TypeError):
            return None  # the thread notes the content that cannot be written
        try:
            out = helper.encode(payload, len(contents))
        except Exception as error:  # noqa: BLE001 - whatever fails, the thread does the batch
            self._failed(f"{type(error).__name__}: {error}")
            return None
        self.helper_batches += 1
        return out

    def _usable_helper(self) -> _Helper | None:
        if self.redact_in == "process" and self._helper is None:
            self._start()
        if self._helper is None:
            return None
        try:
            return self._helper if self._helper.poll_ready() else None
        except HelperError as error:
            self._failed(str(error), permanent=error.permanent)
            return None
        except Exception as error:  # noqa: BLE001 - a helper that cannot start: the thread
            self._failed(f"{type(error).__name__}: {error}")
            return None

    def _account(self, busy_s: float) -> None:
        """auto: the share of a core the writer thread spends encoding, per window."""
        if self.redact_in != "auto" or self._helper is not None or self.cores < 2:
            return
        if self._first:  # the redactor's name lists load in it: not a measure of the load
            self._first = False
            self._window_at = time.monotonic()
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
        if self._closed or time.monotonic() < self._retry_at:
            return False
        try:
            self._helper = _Helper(self.pii)
        except Exception as error:  # noqa: BLE001 - no helper: the thread goes on encoding
            self._failed(f"it could not be started ({type(error).__name__}: {error})")
            return False
        return True

    def _failed(self, why: str, *, permanent: bool = False) -> None:
        self.helper_failures += 1
        self._retry_at = float("inf") if permanent else time.monotonic() + RETRY_S
        _LOG.warning(
            "audit content helper process failed: %s; the writer thread encodes content "
            "(no record is lost), %s",
            why,
            "no new helper (restart the gateway)"
            if permanent
            else f"a new helper in {RETRY_S:.0f} s at the earliest",
        )
        if self._helper is not None:
            helper, self._helper = self._helper, None
            helper.stop(kill=True)
