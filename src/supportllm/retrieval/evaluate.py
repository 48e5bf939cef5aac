"""Retrieval quality on labelled queries: recall@k, MRR and nDCG@k, overall and per language.

Queries are JSONL ``{"query": str, "relevant": [doc id, ...], "lang"?: str}``. Metrics are over
documents (a document's rank is that of its best passage), binary relevance.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from supportllm.errors import KnowledgeBaseError
from supportllm.retrieval.documents import LoadProblem
from supportllm.retrieval.filters import Filters
from supportllm.retrieval.search import Mode, Retriever


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    relevant: tuple[str, ...]
    lang: str | None
    origin: str


@dataclass
class QueryOutcome:
    query: LabelledQuery
    lang: str
    ranked_docs: list[str]
    first_relevant_rank: int | None  # 1-based, None if not in the ranked list

    def recall(self, k: int) -> float:
        top = set(self.ranked_docs[:k])
        return sum(1 for d in self.query.relevant if d in top) / len(self.query.relevant)

    def ndcg(self, k: int) -> float:
        relevant = set(self.query.relevant)
        dcg = sum(
            1 / math.log2(i + 2) for i, doc in enumerate(self.ranked_docs[:k]) if doc in relevant
        )
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
        return dcg / ideal if ideal else 0.0

    def reciprocal_rank(self) -> float:
        return 1 / self.first_relevant_rank if self.first_relevant_rank else 0.0


@dataclass
class EvalReport:
    mode: str
    ks: list[int]
    outcomes: list[QueryOutcome] = field(default_factory=list)
    seconds: float = 0.0

    def metrics(self, lang: str | None = None) -> dict[str, float]:
        chosen = [o for o in self.outcomes if lang is None or o.lang == lang]
        n = len(chosen) or 1
        out: dict[str, float] = {"queries": float(len(chosen))}
        for k in self.ks:
            out[f"recall@{k}"] = sum(o.recall(k) for o in chosen) / n
        out["mrr"] = sum(o.reciprocal_rank() for o in chosen) / n
        for k in self.ks:
            out[f"ndcg@{k}"] = sum(o.ndcg(k) for o in chosen) / n
        return out

    def languages(self) -> list[str]:
        return sorted({o.lang for o in self.outcomes})

    def worst(self, limit: int = 10) -> list[QueryOutcome]:
        depth = max(self.ks)
        missed = [
            o for o in self.outcomes if o.first_relevant_rank is None or o.first_relevant_rank > 1
        ]
        return sorted(missed, key=lambda o: -(o.first_relevant_rank or depth + 1))[:limit]

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "ks": self.ks,
            "seconds": round(self.seconds, 2),
            "overall": self.metrics(),
            "per_language": {lang: self.metrics(lang) for lang in self.languages()},
            "worst_missed": [
                {
                    "query": o.query.query,
                    "lang": o.lang,
                    "relevant": list(o.query.relevant),
                    "first_relevant_rank": o.first_relevant_rank,
                    "retrieved": o.ranked_docs[:5],
                }
                for o in self.worst()
            ],
            "queries": [
                {
                    "query": o.query.query,
                    "lang": o.lang,
                    "relevant": list(o.query.relevant),
                    "first_relevant_rank": o.first_relevant_rank,
                }
                for o in self.outcomes
            ],
        }


def load_queries(path: Path) -> tuple[list[LabelledQuery], list[LoadProblem]]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise KnowledgeBaseError(f"cannot read queries file {path}: {reason}") from None
    queries: list[LabelledQuery] = []
    problems: list[LoadProblem] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            problems.append(LoadProblem(where, f"not valid JSON ({error})"))
            continue
        query = data.get("query") if isinstance(data, dict) else None
        relevant = data.get("relevant") if isinstance(data, dict) else None
        if not isinstance(query, str) or not query.strip():
            problems.append(LoadProblem(where, "missing 'query' (a non-empty string)"))
            continue
        if isinstance(relevant, str):
            relevant = [relevant]
        if not isinstance(relevant, list) or not relevant:
            problems.append(LoadProblem(where, "missing 'relevant' (a list of document ids)"))
            continue
        lang = data.get("lang")
        queries.append(LabelledQuery(query, tuple(str(r) for r in relevant), lang or None, where))
    return queries, problems


def evaluate(
    retriever: Retriever,
    queries: list[LabelledQuery],
    ks: list[int],
    *,
    mode: Mode,
    filters: Filters | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EvalReport:
    report = EvalReport(mode=mode, ks=sorted(set(ks)))
    depth = max(report.ks)
    started = time.perf_counter()
    for done, labelled in enumerate(queries, start=1):
        # The query's language is detected as in production; the label only groups the results.
        result = retriever.search(
            labelled.query, k=retriever.candidates * 2, filters=filters, mode=mode
        )
        docs: list[str] = []
        for passage in result.passages:
            if passage.doc_id not in docs:
                docs.append(passage.doc_id)
        relevant = set(labelled.relevant)
        first = next((i for i, d in enumerate(docs, start=1) if d in relevant), None)
        report.outcomes.append(
            QueryOutcome(labelled, labelled.lang or result.lang, docs[: max(depth, 10)], first)
        )
        if progress is not None:
            progress(done, len(queries))
    report.seconds = time.perf_counter() - started
    return report
