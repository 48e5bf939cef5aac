"""One structured JSON line per request, to a file and to stdout. Never the key.

Lines are buffered and written in batches by a background task, so the event loop never waits
on the disk.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any, TextIO

import orjson


class RequestLog:
    def __init__(self, path: Path | None, *, to_stdout: bool, stdout: TextIO | None = None) -> None:
        self._path = path
        self._stdout = (stdout or sys.stdout) if to_stdout else None
        self._pending: list[bytes] = []
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)

    def write(self, record: dict[str, Any]) -> None:
        self._pending.append(orjson.dumps(record) + b"\n")

    def flush(self) -> None:
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        if self._path is not None:
            with self._path.open("ab") as handle:
                handle.write(data)
        if self._stdout is not None:
            self._stdout.write(data.decode())
            self._stdout.flush()

    async def run(self, interval_s: float = 0.2) -> None:
        """Flush every ``interval_s`` until cancelled, then flush what is left."""
        try:
            while True:
                await asyncio.sleep(interval_s)
                self.flush()
        finally:
            self.flush()
