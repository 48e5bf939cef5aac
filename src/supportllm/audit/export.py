"""SIEM export: the chain as JSON lines (what Splunk, Elastic and Datadog ingest: one object per
record with ``seq``, ``hash`` and, for checkpoints, ``signature``) or as RFC 5424 syslog, to a
file or stdout, once or following new records (``audit export --follow``; ``serve`` can tail the
chain into a sink). Checkpoints are exported too: kept off the host, they are what ``audit
verify --against`` checks a cut tail with."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Literal

import orjson
from sqlalchemy import Engine, select

from supportllm.audit.append import RECORDS

Format = Literal["jsonl", "syslog"]
# RFC 5424 structured-data id: 32473 is the private enterprise number reserved for examples
# (RFC 5612); SIEMs match on the name.
SD_ID = "supportllm@32473"
_FACILITY_AUDIT = 13  # "log audit"


def rows_after(
    engine: Engine, after: int, *, since: float | None = None, limit: int = 5000
) -> list[Any]:
    query = select(RECORDS).where(RECORDS.c.seq > after)
    if since is not None:
        query = query.where(RECORDS.c.ts >= since)
    with engine.connect() as conn:
        return list(conn.execute(query.order_by(RECORDS.c.seq).limit(limit)).all())


def as_jsonl(row: Any) -> bytes:
    item: dict[str, Any] = {"seq": row.seq, "hash": row.hash, "record": orjson.loads(row.body)}
    if row.signature:
        item["signature"] = row.signature
    return orjson.dumps(item) + b"\n"


def _sd_value(value: object) -> str:
    text = str(value)
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")


def _severity(record: dict[str, Any]) -> int:
    status = record.get("status")
    if isinstance(status, int) and status >= 500:
        return 4  # warning
    if isinstance(status, int) and status >= 400:
        return 5  # notice
    return 6  # informational


def as_syslog(row: Any, hostname: str | None = None) -> bytes:
    """One RFC 5424 message (our own formatter: the standard library's SysLogHandler writes
    RFC 3164-style lines). MSG is the chained record's canonical JSON, UTF-8 with a BOM."""
    record = orjson.loads(row.body)
    stamp = dt.datetime.fromtimestamp(float(row.ts), dt.UTC).isoformat(timespec="microseconds")
    stamp = stamp.replace("+00:00", "Z")
    params = {"seq": row.seq, "hash": row.hash}
    for name in ("request_id", "team", "key_id", "status", "action"):
        if record.get(name) is not None:
            params[name] = record[name]
    if row.signature:
        params["signature"] = row.signature
    sd = "[" + SD_ID + "".join(f' {k}="{_sd_value(v)}"' for k, v in params.items()) + "]"
    host = (hostname or socket.gethostname() or "-")[:255].replace(" ", "_")
    pri = _FACILITY_AUDIT * 8 + _severity(record)
    head = f"<{pri}>1 {stamp} {host} supportllm - {row.kind} {sd} "
    return head.encode() + b"\xef\xbb\xbf" + bytes(row.body) + b"\n"


def formatter(fmt: Format) -> Callable[[Any], bytes]:
    if fmt == "syslog":
        hostname = socket.gethostname()
        return lambda row: as_syslog(row, hostname)
    return as_jsonl


def export_once(
    engine: Engine, out: IO[bytes], fmt: Format, *, after: int = 0, since: float | None = None
) -> tuple[int, int]:
    """Every record after ``after`` (and at or after ``since``): (the number written, the last
    seq written, or ``after`` when none)."""
    write, count, last = formatter(fmt), 0, after
    for batch in _batches(engine, after, since):
        out.write(b"".join(write(row) for row in batch))
        count += len(batch)
        last = batch[-1].seq
    out.flush()
    return count, last


def _batches(engine: Engine, after: int, since: float | None) -> Iterator[list[Any]]:
    while batch := rows_after(engine, after, since=since):
        yield batch
        after = batch[-1].seq


def follow(
    engine: Engine,
    out: IO[bytes],
    fmt: Format,
    *,
    after: int = 0,
    stop: threading.Event,
    interval_s: float = 1.0,
    on_written: Callable[[int], None] | None = None,
) -> None:
    """Keep exporting new records until ``stop`` is set, then export what is left and return;
    ``on_written(seq)`` after each batch."""
    write = formatter(fmt)
    while True:
        batch = rows_after(engine, after)
        if batch:
            out.write(b"".join(write(row) for row in batch))
            out.flush()
            after = batch[-1].seq
            if on_written is not None:
                on_written(after)
            continue
        if stop.is_set():
            return  # drained: everything committed before the stop is exported
        stop.wait(interval_s)


class FileSink:
    """``serve``'s continuous export: appends to ``path`` and remembers the last exported
    ``seq`` in ``path.pos``, so a restart neither repeats nor skips records."""

    def __init__(self, engine: Engine, path: Path, fmt: Format) -> None:
        self.engine, self.path, self.fmt = engine, path, fmt
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def position_file(self) -> Path:
        return self.path.with_name(self.path.name + ".pos")

    def _position(self) -> int:
        try:
            return int(self.position_file.read_text().strip() or 0)
        except (OSError, ValueError):
            return 0

    def _remember(self, seq: int) -> None:
        temporary = self.position_file.with_name(self.position_file.name + ".tmp")
        temporary.write_text(f"{seq}\n")
        os.replace(temporary, self.position_file)  # never half-written

    def _run(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while not self._stop.is_set():
            try:
                with self.path.open("ab") as out:
                    follow(
                        self.engine, out, self.fmt, after=self._position(), stop=self._stop,
                        on_written=self._remember,
                    )  # fmt: skip
            except Exception:  # a sink that fails retries; it never stops the gateway
                logging.getLogger("supportllm.audit").exception("audit export to %s", self.path)
                self._stop.wait(5.0)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="audit-export", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
