"""Retrieval quality: dense only, lexical only and hybrid, on StackFAQ and on the demo queries.

StackFAQ (shared data, English): 125 threads ingested as one article each; its 1,249 paraphrased
queries are the labelled queries. Demo (written for this project): the 42-article help centre in
English, German and Dutch with 126 labelled tickets. A reranker is measured only when
``--reranker MODEL`` names a cross-encoder that can be loaded (none ships in a package, and
model hubs are unreachable from the test machines).

    python benchmarks/retrieval_quality.py [--reranker cross-encoder/ms-marco-MiniLM-L-6-v2]
Writes benchmarks/results/retrieval_quality.{json,md}.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path
from typing import Any

import orjson

from supportllm.config import RetrievalSettings
from supportllm.demo import DEMO_SOURCE, demo_kb_path, demo_queries_path
from supportllm.retrieval.embed import Embedder, SentenceTransformerEmbedder
from supportllm.retrieval.evaluate import EvalReport, evaluate, load_queries
from supportllm.retrieval.kb import KnowledgeBase
from supportllm.retrieval.loaders import load_path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))
from benchmarks.stackfaq import convert  # noqa: E402

SHARED = ROOT.parent.parent / "shared" / "data" / "stackfaq"
RESULTS = ROOT / "results"
KS = [1, 5, 10]


def _measure(
    name: str,
    docs: Path,
    queries: Path,
    embedder: Embedder,
    workdir: Path,
    reranker: str | None,
) -> list[EvalReport]:
    settings = RetrievalSettings(collection=name)
    kb = KnowledgeBase(settings, workdir / "qdrant", embedder=embedder)
    labelled, _ = load_queries(queries)
    try:
        kb.ingestor().ingest(list(load_path(docs)), source=name)
        backend = kb.backend()
        reports = [
            evaluate(kb.retriever(backend, mode=mode), labelled, KS, mode=mode)
            for mode in ("dense", "lexical", "hybrid")
        ]
        rrf = dataclasses.replace(kb.retriever(backend, mode="hybrid"), fusion="rrf")
        report = evaluate(rrf, labelled, KS, mode="hybrid")
        report.mode = "hybrid-rrf"
        reports.insert(2, report)
        if reranker:
            ranked = KnowledgeBase(
                RetrievalSettings(collection=name, reranker=reranker),
                workdir / "qdrant",
                embedder=embedder,
            )
            ranked._store = kb.store
            report = evaluate(ranked.retriever(backend), labelled, KS, mode="hybrid")
            report.mode = "hybrid + reranker"
            reports.append(report)
    finally:
        kb.close()
    return reports


def _rows(dataset: str, reports: list[EvalReport]) -> list[str]:
    rows = []
    for report in reports:
        for lang in [None, *report.languages()]:
            if lang is not None and len(report.languages()) == 1:
                continue
            m = report.metrics(lang)
            rows.append(
                f"| {dataset} | {report.mode} | {lang or 'all'} | {int(m['queries'])} | "
                + " | ".join(f"{m[f'recall@{k}']:.3f}" for k in KS)
                + f" | {m['mrr']:.3f} | {m['ndcg@10']:.3f} |"
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reranker", help="cross-encoder model id or folder")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is missing: this benchmark reads ../shared/data/stackfaq")
    embedder = SentenceTransformerEmbedder(RetrievalSettings().embedder)
    label = f"{embedder.name} ({embedder.variant})"
    results: dict[str, Any] = {"embedder": label, "reranker": args.reranker}
    lines = [
        "| data | mode | language | queries | recall@1 | recall@5 | recall@10 | MRR | nDCG@10 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs, queries = convert(SHARED, work / "stackfaq")
        stack = _measure("stackfaq", docs, queries, embedder, work, args.reranker)
        demo = _measure(
            DEMO_SOURCE, demo_kb_path(), demo_queries_path(), embedder, work, args.reranker
        )
    lines += _rows("StackFAQ", stack) + _rows("demo en/de/nl", demo)
    results["stackfaq"] = [r.to_json() | {"queries": None} for r in stack]
    results["demo"] = [r.to_json() | {"queries": None} for r in demo]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "retrieval_quality.json").write_bytes(
        orjson.dumps(results, option=orjson.OPT_INDENT_2)
    )
    header = [
        "# Retrieval quality",
        "",
        f"`python benchmarks/retrieval_quality.py`; embedder {label}; "
        f"reranker: {args.reranker or 'none available offline'}. `hybrid` is the default "
        "(convex fusion, alpha 0.7); `hybrid-rrf` is reciprocal rank fusion, for comparison.",
        "",
    ]
    (RESULTS / "retrieval_quality.md").write_text("\n".join(header + lines) + "\n")
    print("\n".join(header + lines))


if __name__ == "__main__":
    main()
