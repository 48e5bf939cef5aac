"""Loaders and chunking: every format, and every kind of bad input reported by name, never fatal."""

from __future__ import annotations

from pathlib import Path

from supportllm.retrieval.chunking import chunk_document
from supportllm.retrieval.documents import Document, LoadProblem
from supportllm.retrieval.lexical import Analyzer
from supportllm.retrieval.loaders import load_path


def _words(texts: list[str]) -> list[int]:
    """A stand-in token counter (whitespace words) for chunking tests that need no model."""
    return [len(t.split()) for t in texts]


def _one(path: Path) -> Document:
    items = list(load_path(path))
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def _minimal_pdf(text: str) -> bytes:
    """A one-page PDF with real text, built by hand (byte offsets in the xref are exact)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def test_markdown_front_matter_title_and_folder_ids(tmp_path: Path) -> None:
    folder = tmp_path / "help"
    (folder / "billing").mkdir(parents=True)
    (folder / "billing" / "refunds.md").write_text(
        "---\nlang: de\nurl: https://x.example/r\nproduct: books\n---\n# Erstattungen\n\nText.\n"
    )
    (folder / "intro.md").write_text("# Welcome\n\nHello there.\n")
    (folder / ".hidden.md").write_text("# Not me\n\nno\n")
    docs = {d.id: d for d in load_path(folder) if isinstance(d, Document)}
    assert set(docs) == {"billing/refunds", "intro"}
    refunds = docs["billing/refunds"]
    assert (refunds.title, refunds.lang, refunds.url, refunds.product) == (
        "Erstattungen",
        "de",
        "https://x.example/r",
        "books",
    )
    assert docs["intro"].title == "Welcome" and docs["intro"].lang is None


def test_html_keeps_the_article_and_drops_navigation(tmp_path: Path) -> None:
    page = tmp_path / "export.html"
    article = " ".join(["To export your invoices open Settings, then Account, then Export."] * 6)
    page.write_text(
        f"""<html lang="en"><head><title>Export | Help</title></head><body>
        <nav><a href="/">Home</a> <a href="/pricing">Pricing and plans menu</a></nav>
        <main><h1>Export your data</h1><p>{article}</p>
        <p>The CSV files use UTF-8 and a semicolon as separator.</p></main>
        <footer>Copyright 2026 Acme Cloud. Imprint. Cookie settings.</footer>
        <script>var tracking = "do-not-index";</script></body></html>"""
    )
    doc = _one(page)
    assert doc.title == "Export your data" and doc.lang == "en"
    assert "semicolon as separator" in doc.text
    for boilerplate in ("Pricing and plans menu", "Cookie settings", "do-not-index"):
        assert boilerplate not in doc.text


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(_minimal_pdf("Refunds are possible within 30 days."))
    doc = _one(pdf)
    assert "Refunds are possible within 30 days." in doc.text
    assert doc.id == "policy"


def test_bad_files_are_reported_by_name_and_the_rest_is_loaded(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "good.md").write_text("# Good\n\nUseful text.\n")
    (folder / "empty.md").write_text("   \n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (folder / "latin1.txt").write_bytes("Gr\xfc\xdfe".encode("latin-1"))
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    items = list(load_path(folder))
    problems = {Path(p.origin).name: p.message for p in items if isinstance(p, LoadProblem)}
    assert [d.id for d in items if isinstance(d, Document)] == ["good"]
    assert "empty" in problems["empty.md"]
    assert "binary" in problems["binary.txt"]
    assert "UTF-8" in problems["latin1.txt"]
    assert "unsupported format '.docx'" in problems["notes.docx"]
    assert "PDF" in problems["broken.pdf"]


def test_jsonl_errors_carry_line_numbers(tmp_path: Path) -> None:
    export = tmp_path / "faq.jsonl"
    export.write_text(
        '{"id": "a", "title": "A", "text": "first"}\n'
        "{not json}\n"
        '{"id": "b", "title": "B"}\n'
        "\n"
        '["a", "list"]\n'
        '{"id": "c", "text": "no title given here", "lang": "nl", "url": "https://u"}\n'
    )
    items = list(load_path(export))
    problems = [str(p) for p in items if isinstance(p, LoadProblem)]
    assert len(problems) == 3
    assert problems[0].startswith(f"{export}:2: not valid JSON (")
    assert problems[1] == f"{export}:3: missing 'text'"
    assert problems[2] == f'{export}:5: each line must be a JSON object {{"id", "title", "text"}}'
    docs = [d for d in items if isinstance(d, Document)]
    assert [(d.id, d.title, d.lang) for d in docs] == [
        ("a", "A", None),
        ("c", "no title given here", "nl"),
    ]


def test_csv_export_and_missing_columns(tmp_path: Path) -> None:
    good = tmp_path / "faq.csv"
    good.write_text('id,title,text,lang\nx1,Refunds,"Money back, within 30 days",en\nx2,,,en\n')
    items = list(load_path(good))
    assert isinstance(items[0], Document) and items[0].text == "Money back, within 30 days"
    assert isinstance(items[1], LoadProblem) and items[1].origin.endswith(":3")
    bad = tmp_path / "other.csv"
    bad.write_text("question,answer\nq,a\n")
    (problem,) = list(load_path(bad))
    assert isinstance(problem, LoadProblem)
    assert "missing column(s) id, text" in problem.message and "question, answer" in problem.message


def test_chunks_respect_size_overlap_and_headings() -> None:
    paragraphs = [f"Paragraph {i} " + "word " * 30 for i in range(8)]
    text = "# Guide\n\n## Setup\n\n" + "\n\n".join(paragraphs[:4])
    text += "\n\n## Troubleshooting\n\n" + "\n\n".join(paragraphs[4:])
    doc = Document(id="guide", title="Guide", text=text)
    chunks = chunk_document(doc, lang="en", source="s", size=80, overlap=35, count=_words)
    assert all(len(c.text.split()) <= 80 for c in chunks)
    assert [c.n for c in chunks] == list(range(len(chunks)))
    # Overlap: a paragraph that ends one chunk opens the next one within a section.
    assert chunks[0].text.split("\n\n")[-1] == chunks[1].text.split("\n\n")[0]
    # Headings are kept: each chunk knows its section, and the title leads every embedded text.
    assert chunks[0].section == "Setup" and chunks[-1].section == "Troubleshooting"
    assert all(c.embed_text.startswith("Guide") for c in chunks)
    assert "## Troubleshooting" in "".join(c.text for c in chunks)


def test_a_sentence_longer_than_a_chunk_is_split_on_words() -> None:
    doc = Document(id="long", title="Long", text="word " * 500)
    chunks = chunk_document(doc, lang="en", source="s", size=100, overlap=0, count=_words)
    assert len(chunks) >= 5 and all(len(c.text.split()) <= 100 for c in chunks)


def test_chunk_ids_are_stable_and_change_with_content() -> None:
    def ids(text: str) -> list[str]:
        doc = Document(id="d", title="T", text=text)
        return [
            c.point_id
            for c in chunk_document(doc, lang="en", source="s", size=20, overlap=0, count=_words)
        ]

    base = "alpha " * 15 + "\n\n" + "beta " * 15
    assert ids(base) == ids(base)
    changed = ids("alpha " * 15 + "\n\n" + "gamma " * 15)
    assert changed[0] == ids(base)[0] and changed[1] != ids(base)[1]


def test_lexical_terms_are_stemmed_and_german_compounds_meet_their_parts() -> None:
    analyzer = Analyzer()
    doc, _ = analyzer.terms("Zwei-Faktor-Authentifizierung im Kundenkonto", "de")
    query, _ = analyzer.terms("Zweifaktorauthentifizierung Konto", "de")
    shared = set(doc) & set(query)
    assert "g:konto" in shared and "g:fakto" in shared
    english, _ = analyzer.terms("Resetting passwords", "en")
    assert set(english) == {"w:reset", "w:password"}
    plural, _ = analyzer.terms("Ik wil mijn facturen downloaden", "nl")
    singular, _ = analyzer.terms("factuur", "nl")
    assert "w:factuur" in singular and "w:factuur" in plural and "w:ik" not in plural
