"""Who holds a TCP port: a free-port check before an engine starts, and the owner's name when
the port is taken, so a busy port is a clear start-up error rather than a silent attach."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
from dataclasses import dataclass
from pathlib import Path

_LISTEN = "0A"  # TCP state code in /proc/net/tcp*


@dataclass(frozen=True)
class PortOwner:
    pid: int
    command: str

    def describe(self) -> str:
        return f"pid {self.pid}: {self.command}" if self.command else f"pid {self.pid}"


def bind_error(host: str, port: int) -> OSError | None:
    """Why ``host:port`` cannot be bound now, or None when it can (socket.gaierror included)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return error
    return None


def port_is_free(host: str, port: int) -> bool:
    """False only when ``host:port`` is a local address someone already listens on (an address
    that is not this machine's, or one that does not resolve, is not ours to judge)."""
    error = bind_error(host, port)
    return error is None or error.errno != errno.EADDRINUSE


def _listening_inodes(port: int) -> set[str]:
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if len(fields) < 10 or fields[3] != _LISTEN:
                    continue
                if int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(fields[9])
    return inodes


def _command_line(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    text = " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)
    return text if len(text) <= 160 else text[:157] + "..."


def port_owners(port: int) -> list[PortOwner]:
    """The processes listening on ``port`` (Linux /proc; empty where it cannot be read)."""
    wanted = {f"socket:[{inode}]" for inode in _listening_inodes(port)}
    if not wanted:
        return []
    owners: list[PortOwner] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                for fd in os.scandir(f"/proc/{entry.name}/fd"):
                    with contextlib.suppress(OSError):
                        if os.readlink(fd.path) in wanted:
                            pid = int(entry.name)
                            owners.append(PortOwner(pid, _command_line(pid)))
                            break
    return owners


def describe_owner(port: int) -> str:
    """'pid 123: python -m http.server 8081', or a hint when the owner cannot be seen."""
    owners = port_owners(port)
    if not owners:
        return "a process this user cannot see (try `ss -ltnp`)"
    return "; ".join(owner.describe() for owner in owners)
