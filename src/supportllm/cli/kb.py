"""``supportllm kb``: build, search, measure and maintain the knowledge base."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, get_args

import orjson
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from supportllm.cli.common import console, err_console, settings_from, styled
from supportllm.config import SearchMode
from supportllm.demo import DEMO_SOURCE, demo_kb_path, demo_queries_path
from supportllm.errors import KnowledgeBaseError
from supportllm.retrieval.filters import Filters
from supportllm.retrieval.jobs import IngestPlan, check_plan
from supportllm.retrieval.jobs import ingest as run_ingest
from supportllm.retrieval.loaders import FORMATS

if TYPE_CHECKING:  # loaded by the commands that need them: `supportllm --help` stays fast
    from supportllm.retrieval.evaluate import EvalReport
    from supportllm.retrieval.kb import KnowledgeBase

app = typer.Typer(
    help="Build, search, measure and maintain the knowledge base (Qdrant).", no_args_is_help=True
)
MODES = get_args(SearchMode)


def _open(ctx: typer.Context) -> KnowledgeBase:
    from supportllm.retrieval.kb import KnowledgeBase

    settings = settings_from(ctx)
    return KnowledgeBase(settings.retrieval, settings.qdrant_path())


@contextlib.contextmanager
def _progress(enabled: bool = True) -> Iterator[Callable[[str, int, int], None]]:
    bar = Progress(
        TextColumn("{task.description:<10}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console(),
        transient=False,
        disable=not enabled,
    )
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

    with bar:
        yield update


def _parse_ks(text: str) -> list[int]:
    try:
        ks = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise typer.BadParameter(f"'{text}' is not a list of numbers, e.g. 1,5,10") from None
    if not ks or ks[0] < 1:
        raise typer.BadParameter("k values must be positive, e.g. 1,5,10")
    return ks


@app.command("ingest")
def ingest(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A file or folder: .md .html .txt .pdf files, or a .jsonl/.csv export."
        ),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")
    ] = "auto",
    source: Annotated[
        str | None,
        typer.Option(help="Name for this set of documents (default: the file or folder name)."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="Language of documents that do not say (default: detect).")
    ] = None,
    team: Annotated[
        str | None, typer.Option(help="Only keys of this team may retrieve these documents.")
    ] = None,
    product: Annotated[str | None, typer.Option(help="Product these documents are about.")] = None,
    prune: Annotated[
        bool, typer.Option(help="Delete documents of this source that are no longer in PATH.")
    ] = False,
    demo: Annotated[
        bool, typer.Option("--demo", help="Ingest the demo help centre (en/de/nl) shipped inside.")
    ] = False,
    if_empty: Annotated[
        bool,
        typer.Option(
            "--if-empty", help="Do nothing when the knowledge base already has documents."
        ),
    ] = False,
) -> None:
    """Load, chunk, embed and store documents; unchanged ones are skipped, changed ones replaced."""
    if demo == (path is not None):
        raise typer.BadParameter("give a PATH to ingest, or --demo (not both)")
    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"'{fmt}' is not one of {', '.join(FORMATS)}", param_hint="--format"
        )
    target = demo_kb_path() if demo else path
    assert target is not None
    name = source or (DEMO_SOURCE if demo else target.resolve().name)
    plan = IngestPlan(target, name, fmt, prune, lang, team, product, if_empty)
    check_plan(plan)  # before the progress bars and any model: a wrong path is one line, at once
    out = console()
    with _progress() as progress:
        outcome = run_ingest(plan, settings_from(ctx), progress)
    report = outcome.report
    if report is None:
        out.print(
            f"the knowledge base already has {outcome.existing_chunks} chunks; nothing ingested "
            "(--if-empty)"
        )
        return
    for problem in report.problems:
        err_console().print(styled("[yellow]skipped[/] {}", problem), soft_wrap=True)
    if report.documents == 0:
        raise KnowledgeBaseError(f"nothing was ingested from {target}; see the messages above")
    langs = ", ".join(f"{k} {v}" for k, v in sorted(report.languages.items())) or "-"
    out.print(
        f"source '{name}': {report.documents} documents ({langs}); "
        f"{report.unchanged_documents} unchanged; chunks +{report.chunks_added} "
        f"-{report.chunks_removed} ={report.chunks_kept}",
        soft_wrap=True,
    )
    if report.missing_documents and not prune:
        out.print(
            styled(
                "[yellow]{} documents of source '{}' are no longer in {}[/] (e.g. {}); "
                "--prune removes them",
                len(report.missing_documents),
                name,
                target,
                report.missing_documents[0],
            ),
            soft_wrap=True,
        )
    elif report.pruned_documents:
        out.print(
            f"pruned {report.pruned_documents} documents that are no longer in {target}",
            soft_wrap=True,
        )


@app.command("search")
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="What a customer would ask.")],
    k: Annotated[int, typer.Option("-k", help="Passages to show.", min=1, max=100)] = 5,
    mode: Annotated[
        str | None, typer.Option(help=f"{', '.join(MODES)} (default: the retrieval.mode setting).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="Only passages in this language; also the query's language.")
    ] = None,
    team: Annotated[str | None, typer.Option(help="Search as this team.")] = None,
    product: Annotated[str | None, typer.Option(help="Only this product (and shared).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the passages the gateway would put into the prompt for QUERY."""
    if mode is not None and mode not in MODES:
        raise typer.BadParameter(f"'{mode}' is not one of {', '.join(MODES)}", param_hint="--mode")
    kb = _open(ctx)
    try:
        retriever = kb.retriever(kb.backend())
        result = retriever.search(
            query,
            k,
            filters=Filters(team=team, product=product, lang=lang),
            mode=mode,  # type: ignore[arg-type]
            lang=lang,
        )
    finally:
        kb.close()
    if as_json:
        typer.echo(orjson.dumps([p.source() | {"text": p.text} for p in result.passages]).decode())
        return
    out = console()
    if result.query_truncated:
        out.print(
            styled("[yellow]the query is longer than the embedder's limit and was truncated[/]")
        )
    out.print(f"query language: {result.lang}; mode: {mode or kb.settings.mode}")
    if not result.passages:
        out.print("no passages found")
    table = Table("#", "passage", "score", "ranks", "text")
    for i, p in enumerate(result.passages, start=1):
        ranks = " ".join(f"{name} {rank}" for name, rank in p.ranks.items())
        heading = p.title + (f" › {p.section}" if p.section else "")
        snippet = " ".join(p.text.split())[:160]
        table.add_row(
            str(i), styled("{}\n[dim]{}[/]", p.id, heading), f"{p.score:.4f}", ranks, snippet
        )
    out.print(table)


def _print_report(reports: list[EvalReport], worst: int, serving: str) -> None:
    """The table, then the worst-missed queries of the mode that serves (``serving``, the
    configured ``retrieval.mode``) when it was measured, else of the last mode."""
    out = console()
    ks = reports[0].ks
    table = Table(
        "mode",
        "language",
        "queries",
        *[f"recall@{k}" for k in ks],
        "MRR",
        *[f"nDCG@{k}" for k in ks],
        title="retrieval quality",
    )
    for report in reports:
        for lang in [None, *report.languages()]:
            m = report.metrics(lang)
            table.add_row(
                report.mode,
                lang or "all",
                str(int(m["queries"])),
                *[f"{m[f'recall@{k}']:.3f}" for k in ks],
                f"{m['mrr']:.3f}",
                *[f"{m[f'ndcg@{k}']:.3f}" for k in ks],
            )
    out.print(table)
    if worst:
        last = next((r for r in reports if r.mode == serving), reports[-1])
        misses = Table(
            "query",
            "lang",
            "relevant",
            "rank",
            "retrieved instead",
            title=f"worst-missed queries ({last.mode})",
        )
        for o in last.worst(worst):
            rank = str(o.first_relevant_rank) if o.first_relevant_rank else "—"
            misses.add_row(
                o.query.query,
                o.lang,
                ", ".join(o.query.relevant),
                rank,
                ", ".join(o.ranked_docs[:3]),
            )
        out.print(misses)


@app.command("eval")
def eval_cmd(
    ctx: typer.Context,
    queries: Annotated[
        Path | None,
        typer.Argument(help='JSONL: {"query", "relevant": \\[doc ids], "lang"?} per line.'),
    ] = None,
    ks: Annotated[str, typer.Option("-k", help="Cut-offs, comma-separated.")] = "1,5,10",
    mode: Annotated[
        str, typer.Option(help=f"{', '.join(MODES)}, or 'all' to compare them.")
    ] = "all",
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the results as JSON.")
    ] = None,
    worst: Annotated[int, typer.Option(help="List this many worst-missed queries.")] = 10,
    demo: Annotated[
        bool, typer.Option("--demo", help="Use the demo queries (en/de/nl) for the demo KB.")
    ] = False,
) -> None:
    """Recall@k, MRR and nDCG@k, overall and per language, on labelled queries."""
    from supportllm.retrieval.evaluate import evaluate, load_queries

    if demo == (queries is not None):
        raise typer.BadParameter("give a QUERIES file, or --demo (not both)")
    cutoffs = _parse_ks(ks)
    modes = list(MODES) if mode == "all" else [mode]
    if any(m not in MODES for m in modes):
        raise typer.BadParameter(f"'{mode}' is not one of {', '.join(MODES)}, all")
    path = demo_queries_path() if demo else queries
    assert path is not None
    labelled, problems = load_queries(path)
    for problem in problems:
        err_console().print(styled("[yellow]skipped[/] {}", problem), soft_wrap=True)
    if not labelled:
        raise KnowledgeBaseError(f"no usable queries in {path}")
    kb = _open(ctx)
    reports: list[EvalReport] = []
    try:
        backend = kb.backend()
        with _progress() as progress:
            for m in modes:
                retriever = kb.retriever(backend, mode=m)  # type: ignore[arg-type]
                reports.append(
                    evaluate(
                        retriever,
                        labelled,
                        cutoffs,
                        mode=m,  # type: ignore[arg-type]
                        progress=functools.partial(progress, m),
                    )
                )
    finally:
        kb.close()
    _print_report(reports, worst, kb.settings.mode)
    if out_file is not None:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "queries_file": str(path),
            "collection": kb.settings.collection,
            "embedder": kb.settings.embedder,
            "results": [r.to_json() for r in reports],
        }
        out_file.write_bytes(orjson.dumps(payload, option=orjson.OPT_INDENT_2))
        console().print(f"wrote {out_file}")


@app.command("stats")
def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Documents and chunks per language and source, and what built the collection."""
    kb = _open(ctx)
    try:
        summary = kb.store.summary()
        built = kb.store.built_with()
    finally:
        kb.close()
    summary = {
        "collection": kb.settings.collection,
        "location": kb.location,
        "built_with": built.describe() if built else None,
        **summary,
    }
    if as_json:
        typer.echo(orjson.dumps(summary).decode())
        return
    out = console()
    out.print(f"collection '{summary['collection']}' at {summary['location']}")
    if built is None:
        out.print("empty: add articles with `supportllm kb ingest PATH` or `kb ingest --demo`")
        return
    out.print(f"built with {summary['built_with']}")
    out.print(f"{summary['documents']} documents, {summary['chunks']} chunks")
    table = Table("source", "documents", "chunks")
    for name, chunks in summary["chunks_per_source"].items():
        table.add_row(name, str(summary["documents_per_source"][name]), str(chunks))
    out.print(table)
    out.print(
        "languages: " + ", ".join(f"{k} {v}" for k, v in summary["documents_per_language"].items())
    )


@app.command("delete")
def delete(
    ctx: typer.Context,
    source: Annotated[
        str | None, typer.Option(help="Delete every document of this source.")
    ] = None,
    doc: Annotated[str | None, typer.Option(help="Delete one document by id.")] = None,
) -> None:
    """Delete documents by source or id."""
    if (source is None) == (doc is None):
        raise typer.BadParameter("give exactly one of --source NAME or --doc ID")
    kb = _open(ctx)
    try:
        removed = kb.delete(source=source, doc_id=doc)
    finally:
        kb.close()
    what = f"source '{source}'" if source is not None else f"document '{doc}'"
    if removed == 0:
        raise KnowledgeBaseError(
            f"nothing to delete: no chunks of {what}; see `supportllm kb stats`"
        )
    console().print(f"deleted {removed} chunks of {what}")


@app.command("reindex")
def reindex(ctx: typer.Context) -> None:
    """Re-embed every chunk with the configured embedder (after changing retrieval.embedder)."""
    kb = _open(ctx)
    try:
        with _progress() as progress:
            count = kb.reindex(progress)
        built = kb.built_with()
    finally:
        kb.close()
    console().print(f"reindexed {count} chunks with {built.describe()}")
