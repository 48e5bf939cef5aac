"""Retrieval speed at the seeds' knowledge-base size: ingest 4,000 documents, then query latency.

The 4,000 documents are generated from real text: each is a StackFAQ question as its title plus
paragraphs drawn (seeded) from the StackFAQ answers and the demo help centre, cut at a length
drawn from 150-400 words (mean 275).
Every document is different, so nothing is skipped as "unchanged".

Query latency is what the gateway pays per request: language detection, embedding the query,
dense + lexical search and fusion (``Retriever.search``), over StackFAQ paraphrases and the demo
queries. It is measured on the in-memory mirror the gateway uses with Qdrant's local mode, and,
for comparison, on local mode's own query API.

    python benchmarks/retrieval_speed.py [--docs 4000] [--queries 500]
Writes benchmarks/results/retrieval_speed.{json,md}.
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

from supportllm.config import RetrievalSettings
from supportllm.demo import demo_kb_path, demo_queries_path
from supportllm.retrieval.backends import QdrantBackend
from supportllm.retrieval.documents import Document
from supportllm.retrieval.evaluate import load_queries
from supportllm.retrieval.kb import KnowledgeBase
from supportllm.retrieval.loaders import load_path

ROOT = Path(__file__).resolve().parent
SHARED = ROOT.parent.parent / "shared" / "data" / "stackfaq"
RESULTS = ROOT / "results"


def _paragraphs() -> tuple[list[str], list[str]]:
    data = orjson.loads((SHARED / "stackExchange-FAQ.json").read_bytes())
    titles: list[str] = []
    pool: list[str] = []
    for pair in data["root"]["qapair"]:
        question = pair.get("question")
        if isinstance(question, str) and question.strip():
            titles.append(" ".join(question.split())[:100])
        answers = pair.get("answer")
        for answer in answers if isinstance(answers, list) else [answers]:
            if isinstance(answer, str):
                pool.extend(p.strip() for p in answer.split("\n") if len(p.split()) >= 12)
    for doc in load_path(demo_kb_path()):
        if isinstance(doc, Document) and doc.lang == "en":
            pool.extend(p.strip() for p in doc.text.split("\n\n") if len(p.split()) >= 12)
    return titles, pool


def generate(count: int, seed: int = 7) -> list[Document]:
    titles, pool = _paragraphs()
    rng = random.Random(seed)
    docs = []
    for number in range(count):
        target = rng.randint(150, 400)
        body: list[str] = []
        words = 0
        while words < target:
            paragraph = rng.choice(pool).split()[: target - words]
            body.append(" ".join(paragraph))
            words += len(paragraph)
        title = f"{rng.choice(titles)} ({number})"
        docs.append(
            Document(id=f"gen-{number:05d}", title=title, text="\n\n".join(body), lang="en")
        )
    return docs


def _queries(limit: int) -> list[str]:
    data = orjson.loads((SHARED / "stackExchange-FAQ.json").read_bytes())
    stack = [
        q
        for pair in data["root"]["qapair"]
        for q in (pair.get("rephr") if isinstance(pair.get("rephr"), list) else [])
        if isinstance(q, str) and q.strip() and q != "*"
    ]
    demo = [q.query for q in load_queries(demo_queries_path())[0]]
    mixed = stack[: max(limit - len(demo), 0)] + demo
    return mixed[:limit]


def _percentiles(samples_ms: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return {
        "p50": round(cuts[49], 2),
        "p95": round(cuts[94], 2),
        "p99": round(cuts[98], 2),
        "mean": round(statistics.fmean(samples_ms), 2),
    }


def run(doc_count: int, query_count: int) -> dict[str, Any]:
    docs = generate(doc_count)
    words = sum(len(d.text.split()) for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase(RetrievalSettings(), Path(tmp) / "qdrant")
        kb.embedder  # noqa: B018 - a first run exports the int8 model: not part of the timing
        kb = KnowledgeBase(RetrievalSettings(), Path(tmp) / "qdrant")
        started = time.perf_counter()
        kb.embedder  # noqa: B018 - model load timed separately
        load_s = time.perf_counter() - started
        stages: dict[str, float] = {}
        last = [time.perf_counter()]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            stages[stage] = stages.get(stage, 0.0) + now - last[0]
            last[0] = now

        started = time.perf_counter()
        last[0] = started
        report = kb.ingestor().ingest(docs, source="generated", progress=progress)
        ingest_s = time.perf_counter() - started
        chunks = kb.store.count()

        kb.close()
        # Queries are measured the way the gateway runs them: a fresh process that loads the
        # collection into its in-memory replica (not this one, whose caches the ingest warmed).
        measured = subprocess.run(
            [sys.executable, __file__, "--query-only", tmp, "--queries", str(query_count)],
            check=True,
            capture_output=True,
            text=True,
        )
        latency = orjson.loads(measured.stdout.strip().splitlines()[-1])
    return {
        "documents": report.documents,
        "words": words,
        "chunks": chunks,
        "embedder": kb.settings.embedder,
        "model_load_s": round(load_s, 2),
        "ingest_s": round(ingest_s, 1),
        "ingest_stages_s": {k: round(v, 1) for k, v in stages.items()},
        "docs_per_s": round(report.documents / ingest_s, 1),
        **latency,
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }


def query_latency(folder: Path, query_count: int) -> dict[str, Any]:
    kb = KnowledgeBase(RetrievalSettings(), folder / "qdrant")
    queries = _queries(query_count)
    local = kb.retriever(QdrantBackend(kb.store))
    local_samples = []
    for query in queries[:40]:
        t0 = time.perf_counter()
        local.search(query, 5)
        local_samples.append((time.perf_counter() - t0) * 1000)
    memory = kb.retriever(kb.backend("memory"))
    kb.close()  # as the gateway does: the replica serves, the store is released
    gc.collect()
    gc.freeze()
    memory.search(queries[0], 5)
    samples = []
    for query in queries:
        t0 = time.perf_counter()
        memory.search(query, 5)
        samples.append((time.perf_counter() - t0) * 1000)
    return {
        "query_ms_mirror": _percentiles(samples),
        "query_count": len(samples),
        "query_ms_qdrant_local_api": _percentiles(local_samples),
        "embedder_variant": kb.embedder.variant,
    }


def write(result: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "retrieval_speed.json").write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2))
    mirror, local = result["query_ms_mirror"], result["query_ms_qdrant_local_api"]
    lines = [
        "# Retrieval speed",
        "",
        f"`python benchmarks/retrieval_speed.py` on this project's 2-core machine. "
        f"{result['documents']:,} generated documents ({result['words']:,} words, "
        f"{result['chunks']:,} chunks), embedder {result['embedder']} "
        f"({result['embedder_variant']}).",
        "",
        "| step | result | target |",
        "|---|---|---|",
        f"| ingest {result['documents']:,} documents | {result['ingest_s']} s "
        f"({result['docs_per_s']} docs/s; model load {result['model_load_s']} s before) "
        f"| ≤ 120 s |",
        f"| query: embed + hybrid search + fusion (in-memory mirror, {result['query_count']} "
        f"queries) | p50 {mirror['p50']} ms, p95 {mirror['p95']} ms, p99 {mirror['p99']} ms "
        f"| p95 ≤ 30 ms |",
        f"| same through Qdrant local mode's own query API (40 queries) | p50 {local['p50']} ms, "
        f"p95 {local['p95']} ms | (why the mirror exists) |",
        "",
        f"Ingest stages (s): {result['ingest_stages_s']}",
    ]
    (RESULTS / "retrieval_speed.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=4000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--query-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.query_only is not None:
        print(orjson.dumps(query_latency(args.query_only, args.queries)).decode())
        return
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is missing: this benchmark reads ../shared/data/stackfaq")
    write(run(args.docs, args.queries))


if __name__ == "__main__":
    main()
