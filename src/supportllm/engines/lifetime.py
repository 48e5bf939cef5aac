"""Engines never outlive the process that started them.

Two mechanisms, because either alone leaves a gap:

- ``die_with_parent`` runs in the child between fork and exec and asks Linux to send it SIGTERM
  when its parent dies (``prctl(PR_SET_PDEATHSIG)``): covers SIGKILL, a crash, an OOM kill.
- ``sigterm_raises`` turns SIGTERM (systemd, Kubernetes, ``kill``, a CI time-out) into
  ``SystemExit`` in the owner, so its ``finally`` blocks stop the engines it started, as Ctrl-C
  already does.

Linux delivers the parent-death signal when the *thread* that forked the child ends: start owned
engines from the main thread (serve, trial) or from a thread that lives as long as the engine.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from collections.abc import Callable, Iterator
from types import FrameType

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child get SIGTERM when this process dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def in_child() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return in_child


class Terminated(SystemExit):
    """Raised in the main thread when the process gets SIGTERM (exit status 143, as the shell
    reports a process killed by SIGTERM)."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """While inside, SIGTERM raises ``Terminated`` in the main thread (a no-op elsewhere)."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
