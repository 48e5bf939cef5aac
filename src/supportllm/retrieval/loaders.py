"""Read help-centre exports into documents: Markdown, HTML, text, PDF files, JSONL and CSV.

Every loader yields ``Document`` or ``LoadProblem``; a file that cannot be read is reported by
name (and line, for JSONL/CSV) and skipped, never aborting the rest.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import orjson

from supportllm.retrieval.documents import Document, LoadProblem

Format = Literal["auto", "markdown", "html", "text", "pdf", "jsonl", "csv"]
FORMATS: tuple[str, ...] = ("auto", "markdown", "html", "text", "pdf", "jsonl", "csv")
SUFFIXES: dict[str, Format] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
RECORD_FIELDS = ("id", "title", "text", "url", "lang", "team", "product")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)

Loaded = Document | LoadProblem


def supported_suffixes() -> str:
    return ", ".join(sorted(SUFFIXES))


def load_path(path: Path, fmt: Format = "auto") -> Iterator[Loaded]:
    """Documents from a file or (recursively) a folder. Ids of files are their relative paths."""
    if not path.exists():
        yield LoadProblem(str(path), "no such file or folder")
        return
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            yield LoadProblem(str(path), "the folder has no files")
        for file in files:
            yield from load_file(
                file, fmt, doc_id=file.relative_to(path).with_suffix("").as_posix()
            )
        return
    yield from load_file(path, fmt, doc_id=path.stem)


def load_file(path: Path, fmt: Format = "auto", *, doc_id: str | None = None) -> Iterator[Loaded]:
    origin = str(path)
    kind: Format | None = fmt if fmt != "auto" else SUFFIXES.get(path.suffix.lower())
    if kind is None:
        yield LoadProblem(
            origin, f"unsupported format '{path.suffix or path.name}'; use {supported_suffixes()}"
        )
        return
    try:
        raw = path.read_bytes()
    except OSError as error:
        yield LoadProblem(origin, f"cannot read: {error.strerror or error}")
        return
    if not raw.strip():
        yield LoadProblem(origin, "the file is empty")
        return
    ident = doc_id or path.stem
    if kind == "pdf":
        yield from _pdf(raw, origin, ident, path)
        return
    text = _decode(raw)
    if isinstance(text, LoadProblem):
        yield LoadProblem(origin, text.message)
        return
    if kind == "markdown":
        yield _markdown(text, origin, ident, path)
    elif kind == "text":
        yield Document(id=ident, title=_title_from_name(path), text=text.strip(), origin=origin)
    elif kind == "html":
        yield _html(text, origin, ident, path)
    elif kind == "jsonl":
        yield from _jsonl(text, origin)
    else:
        yield from _csv(text, origin)


def _decode(raw: bytes) -> str | LoadProblem:
    if b"\x00" in raw[:8192]:
        return LoadProblem("", "binary content (NUL bytes); this is not a text document")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return LoadProblem(
            "",
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "convert the file to UTF-8",
        )


def _title_from_name(path: Path) -> str:
    return re.sub(r"[-_]+", " ", path.stem).strip().capitalize() or path.name


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end() :]


def _markdown(text: str, origin: str, ident: str, path: Path) -> Loaded:
    meta, body = _front_matter(text)
    title = meta.get("title")
    if title is None:
        heading = _H1.search(body)
        title = heading.group(1) if heading else _title_from_name(path)
    if not body.strip():
        return LoadProblem(origin, "no text after the front matter")
    return _with_meta(Document(id=ident, title=title, text=body.strip(), origin=origin), meta)


def _with_meta(doc: Document, meta: dict[str, str]) -> Document:
    return Document(
        id=meta.get("id") or doc.id,
        title=doc.title,
        text=doc.text,
        url=meta.get("url") or doc.url,
        lang=(meta.get("lang") or doc.lang or None),
        team=meta.get("team") or None,
        product=meta.get("product") or None,
        origin=doc.origin,
    )


def _html(text: str, origin: str, ident: str, path: Path) -> Loaded:
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(text)
    except (ValueError, lxml.etree.ParserError) as error:
        return LoadProblem(origin, f"not parseable HTML: {error}")
    title_el = tree.find(".//title")
    h1 = tree.find(".//h1")
    title = (
        (h1.text_content().strip() if h1 is not None else "")
        or (title_el.text_content().strip() if title_el is not None else "")
        or _title_from_name(path)
    )
    lang = (tree.get("lang") or "").split("-")[0].lower() or None
    body = trafilatura.extract(
        text,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        favor_recall=True,
    )
    if not body:
        # Very short pages defeat boilerplate detection: fall back to the body's text without the
        # usual boilerplate elements.
        for bad in tree.xpath("//script|//style|//nav|//header|//footer|//aside|//form"):
            bad.drop_tree()
        main = tree.find(".//main") or tree.find(".//body") or tree
        body = "\n".join(line.strip() for line in main.text_content().splitlines() if line.strip())
    if not body.strip():
        return LoadProblem(origin, "no readable text in the HTML page")
    return Document(id=ident, title=title, text=body.strip(), lang=lang, origin=origin)


def _pdf(raw: bytes, origin: str, ident: str, path: Path) -> Iterator[Loaded]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            yield LoadProblem(origin, "the PDF is encrypted; export an unprotected copy")
            return
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or _title_from_name(path)
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        yield LoadProblem(origin, f"not a readable PDF: {error}")
        return
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        yield LoadProblem(origin, "the PDF has no extractable text (a scan? run OCR first)")
        return
    yield Document(id=ident, title=str(title), text=text, origin=origin)


def _record(fields: dict[str, object], origin: str) -> Loaded:
    missing = [name for name in ("id", "text") if not str(fields.get(name) or "").strip()]
    if missing:
        return LoadProblem(origin, f"missing {' and '.join(repr(m) for m in missing)}")
    values = {k: (str(v).strip() if v is not None else None) for k, v in fields.items()}
    text = values["text"] or ""
    title = values.get("title") or text.split("\n", 1)[0][:80]
    return Document(
        id=values["id"] or "",
        title=title,
        text=text,
        url=values.get("url") or None,
        lang=(values.get("lang") or None),
        team=values.get("team") or None,
        product=values.get("product") or None,
        origin=origin,
    )


def _jsonl(text: str, origin: str) -> Iterator[Loaded]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            yield LoadProblem(where, f"not valid JSON ({error})")
            continue
        if not isinstance(data, dict):
            yield LoadProblem(where, 'each line must be a JSON object {"id", "title", "text"}')
            continue
        yield _record({k: data.get(k) for k in RECORD_FIELDS}, where)


def _csv(text: str, origin: str) -> Iterator[Loaded]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [name for name in ("id", "text") if name not in columns]
    if missing:
        yield LoadProblem(
            origin,
            f"missing column(s) {', '.join(missing)}; the header has: {', '.join(columns) or '-'}",
        )
        return
    try:
        for row in reader:
            fields = {(k or "").strip().lower(): v for k, v in row.items()}
            where = f"{origin}:{reader.line_num}"
            yield _record({k: fields.get(k) for k in RECORD_FIELDS}, where)
    except csv.Error as error:
        yield LoadProblem(f"{origin}:{reader.line_num}", f"malformed CSV: {error}")
