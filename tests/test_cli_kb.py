"""``supportllm kb`` as a user runs it: real processes, the real embedder, Qdrant local mode."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.conftest import free_port
from tests.test_cli import cli


def test_ingest_search_stats_delete(tmp_path: Path) -> None:
    help_center = tmp_path / "help-center"
    help_center.mkdir()
    (help_center / "refunds.md").write_text(
        "# Refunds\n\nAnnual plans are refunded in full within 30 days of the first payment.\n"
    )
    (help_center / "hours.html").write_text(
        "<html><body><nav>Menu</nav><main><h1>Opening hours</h1><p>Our support team answers "
        "Monday to Friday from 9:00 to 17:00 CET, and urgent outages around the clock.</p>"
        "</main></body></html>"
    )
    (help_center / "faq.jsonl").write_text(
        '{"id": "faq-1", "title": "Invoices", "text": "Download invoices under Billing."}\n{oops\n'
    )
    (help_center / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    ingested = cli("kb", "ingest", str(help_center), cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    assert "source 'help-center': 3 documents" in ingested.stdout
    assert "faq.jsonl:2: not valid JSON" in ingested.stderr
    assert "logo.png: unsupported format '.png'" in ingested.stderr

    again = cli("kb", "ingest", str(help_center), cwd=tmp_path)
    assert "3 unchanged; chunks +0 -0 =3" in again.stdout

    found = cli("kb", "search", "money back for my yearly plan", "-k", "2", "--json", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    hits = orjson.loads(found.stdout)
    assert hits[0]["doc_id"] == "refunds" and "30 days" in hits[0]["text"]

    stats = orjson.loads(cli("kb", "stats", "--json", cwd=tmp_path).stdout)
    assert stats["documents"] == 3 and stats["documents_per_source"] == {"help-center": 3}
    assert "all-MiniLM-L6-v2" in stats["built_with"]

    untouched = cli("kb", "ingest", "--demo", "--if-empty", cwd=tmp_path)
    assert untouched.returncode == 0 and "nothing ingested (--if-empty)" in untouched.stdout

    deleted = cli("kb", "delete", "--source", "help-center", cwd=tmp_path)
    assert deleted.returncode == 0 and "deleted 3 chunks" in deleted.stdout
    nothing = cli("kb", "delete", "--source", "help-center", cwd=tmp_path)
    assert nothing.returncode == 1 and "nothing to delete" in nothing.stderr


def test_eval_reports_metrics_per_language_and_writes_json(tmp_path: Path) -> None:
    assert cli("kb", "ingest", "--demo", cwd=tmp_path).returncode == 0
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        '{"query": "Passwort vergessen", "relevant": ["reset-password.de"], "lang": "de"}\n'
        '{"query": "cancel my plan", "relevant": ["cancel-subscription.en"]}\n'
        '{"query": "no relevant given"}\n'
    )
    out = tmp_path / "eval.json"
    result = cli(
        "kb", "eval", str(queries), "-k", "1,3", "--mode", "hybrid", "--out", str(out), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert f"{queries}:3: missing 'relevant'" in result.stderr
    assert "recall@1" in result.stdout and "recall@3" in result.stdout and "nDCG@3" in result.stdout
    saved = orjson.loads(out.read_bytes())
    (hybrid,) = saved["results"]
    assert hybrid["overall"]["queries"] == 2
    assert set(hybrid["per_language"]) == {"de", "en"}
    assert hybrid["overall"]["recall@3"] == 1.0

    every_mode = cli("kb", "eval", str(queries), "-k", "1", "--mode", "all", cwd=tmp_path)
    assert every_mode.returncode == 0, every_mode.stderr
    assert "worst-missed queries (hybrid)" in every_mode.stdout  # the mode that serves


def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path: Path) -> None:
    empty_kb = cli("kb", "search", "anything", cwd=tmp_path)
    assert empty_kb.returncode == 1
    assert "is empty; add articles with `supportllm kb ingest PATH`" in empty_kb.stderr
    assert "Traceback" not in empty_kb.stderr

    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.md").write_text("")
    nothing = cli("kb", "ingest", str(junk), cwd=tmp_path)
    assert nothing.returncode == 1 and "nothing was ingested" in nothing.stderr
    assert "empty.md: the file is empty" in nothing.stderr

    both = cli("kb", "ingest", str(junk), "--demo", cwd=tmp_path)
    assert both.returncode == 2 and "not both" in both.stderr
    ks = cli("kb", "eval", "--demo", "-k", "one", cwd=tmp_path)
    assert ks.returncode == 2 and "not a list of numbers" in ks.stderr

    down = cli(
        "kb",
        "ingest",
        "--demo",
        cwd=tmp_path,
        env={"SUPPORTLLM_RETRIEVAL__QDRANT_URL": f"http://127.0.0.1:{free_port()}"},
    )
    assert down.returncode == 1 and "cannot be reached" in down.stderr
    assert "Traceback" not in down.stderr and len(down.stderr.strip().splitlines()) <= 3
