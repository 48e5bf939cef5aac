"""The audit content helper process: ``python -P -m supportllm.audit.encode_worker FD``,
started by the gateway's audit writer (audit/encoding.py) to redact (guard.pii) and encode
records' content on another core.

Frames come in on stdin and go out on the pipe whose descriptor is ``FD`` (a pipe of its own:
whatever else writes to stdout, an import-time print or a site hook, cannot break the protocol):
a 4-byte big-endian length, then orjson. The first frame in is guard.pii's settings; the helper
answers ``{"ready": <the supportllm package it imported>}`` once its redactor has loaded. Each
later frame is a batch, a list of ``null`` or ``{"m": messages, "r": reply, "e": events}``
(events as latin-1 text, so their bytes come back exact); the answer is the list of encoded
contents (UTF-8 JSON text, or ``null``). The helper exits when stdin closes (the writer closed
it, or the gateway died); it runs in a session of its own and ignores Ctrl-C, so a signal meant
for the gateway's process group leaves it to the gateway to decide when it stops.
"""

from __future__ import annotations

import os
import signal
import struct
import sys
from typing import Any, BinaryIO

import orjson

import supportllm
from supportllm.audit.writer import Content, encoded_content
from supportllm.config_sections import PIIGuardSettings
from supportllm.guard.pii import PIIRedactor, redact_json

HEADER = struct.Struct(">I")


def read_frame(stream: BinaryIO) -> bytes | None:
    """One frame's payload, or None at the end of the stream."""
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    payload = stream.read(size)
    return payload if len(payload) == size else None


def frame(payload: bytes) -> bytes:
    return HEADER.pack(len(payload)) + payload


def encode_batch(items: list[Any], redactor: PIIRedactor) -> list[str | None]:
    """Each item's content, redacted and encoded as the writer thread would."""

    def redact(value: Any) -> Any:
        return redact_json(value, redactor)

    out: list[str | None] = []
    for item in items:
        if item is None:
            out.append(None)
            continue
        events = item.get("e")
        content = Content(
            item.get("m"),
            item.get("r"),
            [e.encode("latin-1") for e in events] if events is not None else None,
            redact,
        )
        blob = encoded_content(content)
        out.append(blob.decode() if blob is not None else None)
    return out


def ready_frame() -> bytes:
    """What the helper says once loaded: the package it runs, which the gateway compares with
    its own (a helper that imported another copy of supportllm is refused)."""
    return orjson.dumps({"ready": supportllm.__file__})


def main(argv: list[str]) -> int:
    """``argv``: the file descriptor the answers go to (a pipe of their own: whatever else
    writes to stdout, an import-time print or a site hook, cannot break the protocol)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inp, out = sys.stdin.buffer, os.fdopen(int(argv[0]), "wb")
    first = read_frame(inp)
    if first is None:
        return 0
    # Audit content is redacted without a language, where an NER model never runs: the helper
    # does not load one (the same output, without spaCy's memory and start-up).
    settings = PIIGuardSettings.model_validate_json(first).model_copy(update={"use_ner": False})
    redactor = PIIRedactor(settings)
    redactor.find("warm up")  # the name lists load now, before the first batch
    out.write(frame(ready_frame()))
    out.flush()
    while (payload := read_frame(inp)) is not None:
        out.write(frame(orjson.dumps(encode_batch(orjson.loads(payload), redactor))))
        out.flush()
    return 0


if __name__ == "__main__":
    os._exit(main(sys.argv[1:]))  # no interpreter teardown: nothing is left to flush
