"""``supportllm kb`` as a user runs it, in this process: the real embedder, Qdrant local mode."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.conftest import free_port, invoke


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
    ingested = invoke("kb", "ingest", str(help_center))
    assert ingested.code == 0, ingested.stderr
    assert "source 'help-center': 3 documents" in ingested.stdout
    assert "faq.jsonl:2: not valid JSON" in ingested.stderr
    assert "logo.png: unsupported format '.png'" in ingested.stderr

    again = invoke("kb", "ingest", str(help_center))
    assert "3 unchanged; chunks +0 -0 =3" in again.stdout

    found = invoke("kb", "search", "money back for my yearly plan", "-k", "2", "--json")
    assert found.code == 0, found.stderr
    hits = orjson.loads(found.stdout)
    assert hits[0]["doc_id"] == "refunds" and "30 days" in hits[0]["text"]

    stats = orjson.loads(invoke("kb", "stats", "--json").stdout)
    assert stats["documents"] == 3 and stats["documents_per_source"] == {"help-center": 3}
    assert "all-MiniLM-L6-v2" in stats["built_with"]

    untouched = invoke("kb", "ingest", "--demo", "--if-empty")
    assert untouched.code == 0 and "nothing ingested (--if-empty)" in untouched.stdout

    deleted = invoke("kb", "delete", "--source", "help-center")
    assert deleted.code == 0 and "deleted 3 chunks" in deleted.stdout
    nothing = invoke("kb", "delete", "--source", "help-center")
    assert nothing.code == 1 and "nothing to delete" in nothing.stderr


def test_eval_reports_metrics_per_language_and_writes_json(tmp_path: Path) -> None:
    assert invoke("kb", "ingest", "--demo").code == 0
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        '{"query": "Passwort vergessen", "relevant": ["reset-password.de"], "lang": "de"}\n'
        '{"query": "cancel my plan", "relevant": ["cancel-subscription.en"]}\n'
        '{"query": "no relevant given"}\n'
    )
    out = tmp_path / "eval.json"
    result = invoke("kb", "eval", str(queries), "-k", "1,3", "--mode", "hybrid", "--out", str(out))
    assert result.code == 0, result.stderr
    assert f"{queries}:3: missing 'relevant'" in result.stderr
    assert "recall@1" in result.stdout and "recall@3" in result.stdout and "nDCG@3" in result.stdout
    saved = orjson.loads(out.read_bytes())
    (hybrid,) = saved["results"]
    assert hybrid["overall"]["queries"] == 2
    assert set(hybrid["per_language"]) == {"de", "en"}
    assert hybrid["overall"]["recall@3"] == 1.0

    every_mode = invoke("kb", "eval", str(queries), "-k", "1", "--mode", "all")
    assert every_mode.code == 0, every_mode.stderr
    assert "worst-missed queries (hybrid)" in every_mode.stdout  # the mode that serves


def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path: Path) -> None:
    empty_kb = invoke("kb", "search", "anything")
    assert empty_kb.code == 1
    assert "is empty; add articles with `supportllm kb ingest PATH`" in empty_kb.stderr
    assert "Traceback" not in empty_kb.stderr

    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "empty.md").write_text("")
    nothing = invoke("kb", "ingest", str(junk))
    assert nothing.code == 1 and "nothing was ingested" in nothing.stderr
    assert "empty.md: the file is empty" in nothing.stderr

    both = invoke("kb", "ingest", str(junk), "--demo")
    assert both.code == 2 and "not both" in both.stderr
    ks = invoke("kb", "eval", "--demo", "-k", "one")
    assert ks.code == 2 and "not a list of numbers" in ks.stderr

    down = invoke(
        "kb",
        "ingest",
        "--demo",
        env={"SUPPORTLLM_RETRIEVAL__QDRANT_URL": f"http://127.0.0.1:{free_port()}"},
    )
    assert down.code == 1 and "cannot be reached" in down.stderr
    assert "Traceback" not in down.stderr and len(down.stderr.strip().splitlines()) <= 3
