"""Knowledge-base jobs as typed calls: what `supportllm kb ingest` does, for the CLI and the
trial alike."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from supportllm.config import Settings
from supportllm.errors import InvalidInputError
from supportllm.retrieval.documents import Document, LoadProblem
from supportllm.retrieval.ingest import IngestReport, Progress
from supportllm.retrieval.loaders import FORMATS, SUFFIXES, load_path, supported_suffixes


@dataclass(frozen=True)
class IngestPlan:
    """One ingest: documents at ``path`` into the knowledge base, as source ``source``."""

    path: Path
    source: str
    fmt: str = "auto"
    prune: bool = False
    lang: str | None = None
    team: str | None = None
    product: str | None = None
    if_empty: bool = False  # do nothing when the knowledge base already has chunks


@dataclass
class IngestOutcome:
    report: IngestReport | None  # None: skipped (if_empty and the KB was not empty)
    existing_chunks: int = 0
    notes: list[str] = field(default_factory=list)


def check_plan(plan: IngestPlan) -> None:
    """What can be known without a model: the path exists and is readable, the format is known,
    a single file has a supported suffix. InvalidInputError otherwise."""
    path = plan.path
    if not path.exists():
        raise InvalidInputError(f"{path} does not exist; give a file or a folder to ingest")
    if not os.access(path, os.R_OK | (os.X_OK if path.is_dir() else 0)):
        raise InvalidInputError(f"{path} is not readable (permission denied)")
    if plan.fmt not in FORMATS:
        raise InvalidInputError(f"format '{plan.fmt}' is not one of {', '.join(FORMATS)}")
    if path.is_file() and plan.fmt == "auto" and path.suffix.lower() not in SUFFIXES:
        raise InvalidInputError(
            f"{path}: unsupported format '{path.suffix or path.name}'; use "
            f"{supported_suffixes()} (or --format)"
        )


def ingest(plan: IngestPlan, settings: Settings, progress: Progress | None = None) -> IngestOutcome:
    """Load, chunk, embed and store; unchanged documents are skipped. Checks its arguments and
    reads the documents before any model loads: with nothing to ingest, no model loads at all
    (the report then holds only the problems)."""
    check_plan(plan)
    if progress is not None:
        progress("loading", 0, 1)
    items = list(load_path(plan.path, plan.fmt))  # type: ignore[arg-type]
    if progress is not None:
        progress("loading", 1, 1)
    items = screen_documents(items, settings)
    if not any(isinstance(item, Document) for item in items):
        problems = [item for item in items if not isinstance(item, Document)]
        return IngestOutcome(IngestReport(plan.source, problems=problems))
    from supportllm.retrieval.kb import KnowledgeBase  # heavy: Qdrant, torch

    kb = KnowledgeBase(settings.retrieval, settings.qdrant_path())
    try:
        existing = kb.store.count() if plan.if_empty else 0
        if existing:
            return IngestOutcome(None, existing)
        report = kb.ingestor().ingest(
            items,
            source=plan.source,
            prune=plan.prune,
            lang=plan.lang,
            team=plan.team,
            product=plan.product,
            progress=progress,
        )
        if report.chunks_added or report.chunks_removed:
            kb.mark_changed()
    finally:
        kb.close()
    return IngestOutcome(report)


def screen_documents(
    items: list[Document | LoadProblem], settings: Settings
) -> list[Document | LoadProblem]:
    """Indirect prompt injection: every article through the injection screen before it can be
    retrieved into a prompt (``guard.injection.screen_kb``). Blocked articles become problems
    (named, not ingested); flagged ones are ingested with a warning."""
    g = settings.guard.injection
    if not g.screen_kb or g.mode == "off":
        return items
    from supportllm.guard.injection import InjectionScreen

    documents = [item for item in items if isinstance(item, Document)]
    if not documents:
        return items
    articles = [f"{d.title}\n{d.text}" for d in documents]
    verdicts = InjectionScreen(g).check_many(articles, documents=True)
    judged = {id(d): v for d, v in zip(documents, verdicts, strict=True)}
    out: list[Document | LoadProblem] = []
    for item in items:
        verdict = judged.get(id(item))
        if verdict is None or not verdict.flagged or not isinstance(item, Document):
            out.append(item)
            continue
        where = item.origin or item.id
        if g.mode == "block":
            out.append(
                LoadProblem(
                    where,
                    f"looks like a prompt injection (score {verdict.score:.2f}): not ingested; "
                    "review the article (or set guard.injection.screen_kb = false)",
                )
            )
        else:
            out.append(item)
            out.append(
                LoadProblem(
                    where,
                    f"ingested, but flagged as a possible prompt injection (score "
                    f"{verdict.score:.2f}); review the article",
                )
            )
    return out
