"""The chain's arithmetic: canonical bytes of a record and the link hash.

``hash(n) = SHA-256(hash(n-1) as ASCII hex ‖ body(n))``, starting from 64 zeros. ``body`` is the
record's canonical JSON (sorted keys, no spaces, UTF-8), stored as it was hashed, so verifying
never depends on re-serialising: editing, deleting, inserting or reordering a record breaks the
link at that record.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

GENESIS = "0" * 64


def canonical(record: dict[str, Any]) -> bytes:
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS)


def link(previous: str, body: bytes) -> str:
    digest = hashlib.sha256(previous.encode("ascii"))
    digest.update(body)
    return digest.hexdigest()


def content_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
