"""Support tickets in the project's format: JSONL or CSV rows with ``body`` and optional fields.

``{"id", "channel"?, "lang"?, "subject"?, "body", "reference_reply"?}``. A labelled-query file
(``{"query", "relevant", "lang"}``, as ``kb eval`` reads) is accepted too: its ``query`` is the
body. Rows that cannot be used are reported by line and skipped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from supportllm.errors import InvalidInputError


@dataclass(frozen=True)
class Ticket:
    id: str
    body: str
    subject: str | None = None
    lang: str | None = None
    channel: str | None = None
    reference_reply: str | None = None
    relevant: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """What the customer wrote: the subject line, then the body."""
        return f"{self.subject}\n\n{self.body}" if self.subject else self.body


@dataclass(frozen=True)
class TicketFile:
    tickets: list[Ticket]
    problems: list[str]


FIELDS = ("id", "subject", "body", "lang", "channel", "reference_reply")
# Column names of common help-desk exports (Zendesk, Freshdesk, Help Scout, Intercom, generic),
# tried in order when a field's own name is absent and --map does not name its column.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("ticket_id", "ticket id", "number", "conversation_id"),
    "subject": ("title", "summary", "topic"),
    "body": ("description", "description_text", "message", "text", "content", "question", "query"),
    "lang": ("language", "locale", "requester_language"),
    "channel": ("via", "source", "type", "medium"),
    "reference_reply": ("agent_reply", "reply", "answer", "response", "first_reply"),
}


def parse_mapping(text: str | None) -> dict[str, str]:
    """``body=description,subject=title`` -> {"body": "description", "subject": "title"}."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        field, _, column = part.partition("=")
        field, column = field.strip().lower(), column.strip()
        if field not in FIELDS or not column:
            raise InvalidInputError(
                f"'{part}' is not FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}, "
                "e.g. --map body=description,subject=title"
            )
        mapping[field] = column.lower()
    return mapping


def _mapped(row: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    """The row under the project's field names (explicit mapping, then known aliases)."""
    out = dict(row)
    for field in FIELDS:
        if field in mapping:
            out[field] = row.get(mapping[field])
        elif row.get(field) in (None, ""):
            for alias in ALIASES[field]:
                if row.get(alias) not in (None, ""):
                    out[field] = row[alias]
                    break
    return out


def _optional(row: dict[str, Any], name: str) -> str | None:
    value = row.get(name)
    text = str(value).strip() if value is not None else ""
    return text or None


def _ticket(row: dict[str, Any], where: str, number: int) -> Ticket | str:
    body = _optional(row, "body") or _optional(row, "query")
    if body is None:
        return f"{where}: empty ticket (no 'body' text)"
    relevant = row.get("relevant")
    return Ticket(
        id=_optional(row, "id") or f"ticket-{number}",
        body=body,
        subject=_optional(row, "subject"),
        lang=_optional(row, "lang"),
        channel=_optional(row, "channel"),
        reference_reply=_optional(row, "reference_reply"),
        relevant=tuple(str(r) for r in relevant) if isinstance(relevant, list) else (),
    )


def read_tickets(path: Path, mapping: dict[str, str] | None = None) -> TicketFile:
    """Tickets from a .jsonl or .csv file; raises InvalidInputError when none can be used.

    ``mapping`` names the column of each field (``{"body": "description"}``); without it the
    project's names are used, then the usual help-desk export names (``ALIASES``).
    """
    mapping = mapping or {}
    try:
        raw = path.read_bytes()
    except OSError as error:
        message = f"cannot read tickets file {path}: {error.strerror or error}"
        raise InvalidInputError(message) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path} is not UTF-8 text; re-export it as UTF-8") from None
    rows: list[tuple[str, dict[str, Any] | str]] = []
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError as error:
                rows.append((where, f"{where}: not JSON ({error})"))
                continue
            rows.append((where, value if isinstance(value, dict) else f"{where}: not an object"))
    elif suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        columns = {c.strip().lower() for c in reader.fieldnames or []}
        missing = [c for c in mapping.values() if c not in columns]
        found = ", ".join(sorted(columns)) or "none"
        if missing:
            raise InvalidInputError(
                f"{path} has no column {', '.join(repr(m) for m in missing)} named in --map "
                f"(columns found: {found})"
            )
        body_columns = {mapping.get("body"), "body", "query", *ALIASES["body"]}
        if not columns & body_columns:
            raise InvalidInputError(
                f"{path} has no 'body' column (the ticket text; columns found: {found}): "
                "name it with --map body=COLUMN"
            )
        for number, row in enumerate(reader, start=2):
            clean: dict[str, Any] = {(k or "").strip().lower(): v for k, v in row.items()}
            rows.append((f"{path.name}:{number}", clean))
    else:
        raise InvalidInputError(f"{path}: tickets must be a .jsonl or .csv file")
    tickets: list[Ticket] = []
    problems: list[str] = []
    for number, (where, parsed) in enumerate(rows, start=1):
        if isinstance(parsed, dict):
            parsed = {str(k).strip().lower(): v for k, v in parsed.items()}
            result = _ticket(_mapped(parsed, mapping), where, number)
        else:
            result = parsed
        if isinstance(result, str):
            problems.append(result)
        else:
            tickets.append(result)
    if not tickets:
        detail = f" ({problems[0]})" if problems else ""
        raise InvalidInputError(f"{path} holds no usable tickets{detail}")
    return TicketFile(tickets, problems)
