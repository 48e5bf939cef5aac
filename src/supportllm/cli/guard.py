"""``supportllm guard``: try the guardrails on a text, and measure them on a labelled file."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from supportllm.cli.common import console, err_console, settings_from, styled

app = typer.Typer(
    help="The guardrails: see what they do to a text (pii, injection, claims) and measure them "
    "on a labelled file (eval).",
    no_args_is_help=True,
)

LANG_HELP = "Language of the text (en, de, nl); default: detected where it matters."


@app.command("pii")
def pii_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The text to redact.")],
    lang: Annotated[str | None, typer.Option(help=LANG_HELP)] = None,
) -> None:
    """What would be redacted: every span found, then the text as it would be written."""
    from supportllm.guard.pii import PIIRedactor

    redactor = PIIRedactor(settings_from(ctx).guard.pii)
    spans = redactor.find(text, lang)
    table = Table("type", "text", "at")
    for span in spans:
        table.add_row(span.type, span.text, f"{span.start}–{span.end}")
    out = console()
    out.print(table if spans else "no PII found")
    out.print(redactor.redact(text, lang), soft_wrap=True)


@app.command("injection")
def injection_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The message to screen.")],
    lang: Annotated[str | None, typer.Option(help=LANG_HELP)] = None,
    document: Annotated[
        bool,
        typer.Option(
            "--document",
            help="Screen the text as a knowledge-base article or tool result (the document "
            "threshold) instead of a customer's message.",
        ),
    ] = False,
) -> None:
    """The prompt-injection screen's score and verdict for one message (or, with --document,
    one article or tool result)."""
    from supportllm.guard.injection import InjectionScreen
    from supportllm.guard.injection_reader import decide

    settings = settings_from(ctx)
    screen = InjectionScreen(settings.guard.injection)
    verdict = screen.check(text, lang, documents=document)
    # the reader reads customers' messages only, as in the gateway
    reading = None if document else _read_message(settings, text, verdict)
    flagged = verdict.flagged
    if reading is not None and reading[0] is not None:
        flagged = decide(verdict.flagged, reading[0], settings.guard.injection.reader_on_error)[0]
    verdict_text = "[red]injection[/]" if flagged else "[green]benign[/]"
    threshold = screen.document_threshold if document else screen.threshold
    out = console()
    out.print(
        styled(
            verdict_text + ": score {} ({} threshold {}), language {}{}",
            f"{verdict.score:.3f}",
            "document" if document else "message",
            f"{threshold:.3f}",
            verdict.lang or "?",
            f", rule: {verdict.rule}" if verdict.rule else "",
        )
    )
    if reading is not None:
        out.print(reading[1], soft_wrap=True)


def _read_message(settings: Any, text: str, verdict: Any) -> tuple[Any, Any] | None:
    """The injection reader's answer on one message (None when guard.injection.reader_upstream
    is unset) and the line that says it; the answer is None when the reader is not asked (a
    pattern matched, or the score lies outside reader_band)."""
    import asyncio

    from supportllm.gateway.injection_read import read_texts
    from supportllm.gateway.setup import cli_injection_reader
    from supportllm.guard.injection_reader import decide

    reader = cli_injection_reader(settings)
    if reader is None:
        return None
    name = reader.upstream.name
    if not reader.wanted(verdict, text):
        asyncio.run(reader.aclose())
        low, high = reader.band
        if verdict.rule:
            why = f"a pattern matched ({verdict.rule})"
        elif verdict.error:
            why = "the classifier failed"
        elif not low <= verdict.score < high:
            why = f"the score {verdict.score:.2f} is outside [{low:g}, {high:g})"
        else:
            why = "the message is too long to be shown whole"
        return None, styled("injection reader ({}): not asked, {}", name, why)
    answer = asyncio.run(read_texts(reader, [text], [True]))[0]
    assert answer is not None
    said = answer.verdict or f"no verdict ({answer.error or 'an unreadable answer'})"
    how = decide(verdict.flagged, answer, settings.guard.injection.reader_on_error)[1]
    return answer, styled(
        "injection reader ({}): {}, {} s → {}", name, said, f"{answer.seconds:.1f}", how
    )


@app.command("claims")
def claims_command(
    ctx: typer.Context,
    reply: Annotated[str, typer.Argument(help="The assistant's reply to check.")],
    messages: Annotated[
        Path | None,
        typer.Option(
            help="The conversation before the reply (a JSON array of OpenAI messages, with "
            "tool_calls and tool results); default: none, so every claim is unbacked.",
            dir_okay=False,
            exists=True,
        ),
    ] = None,
    lang: Annotated[str | None, typer.Option(help=LANG_HELP)] = None,
) -> None:
    """The actions the reply claims, and which no successful tool call backs."""
    from supportllm.guard.claims import last_user_text
    from supportllm.guard.claims_judged import JudgedChecker, claim_checker
    from supportllm.guard.claims_reader import decide
    from supportllm.guard.claims_reply import Violation

    conversation: list[dict[str, Any]] = []
    if messages is not None:
        try:
            loaded = json.loads(messages.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            raise typer.BadParameter(f"not a JSON array of messages: {error}") from None
        if not isinstance(loaded, list):
            raise typer.BadParameter("give a JSON array of messages", param_hint="--messages")
        conversation = loaded
    claims_settings = settings_from(ctx).guard.claims
    checker = claim_checker(claims_settings)
    claims = checker.detector.find(reply, lang, last_user_text(conversation))
    cleared: list[Violation] = []
    clearer = "judge"  # who overruled the rules' violations: the judge, or the claims reader
    p = 0.0
    if isinstance(checker, JudgedChecker):
        verdict = checker.verdict(reply, conversation, lang)
        found, p = verdict.violations, verdict.p
        cleared = [v for v in verdict.by_rules if not found]
    else:
        found = checker.violations(reply, conversation, lang)
    out = console()
    judge_p = p if isinstance(checker, JudgedChecker) else None
    reading = _read_one(settings_from(ctx), conversation, reply, judge_p)
    if reading is not None:
        answer, line = reading
        if answer is not None:
            before = found
            found, how = decide(found, answer, reply, claims_settings.reader_on_error)
            if how == "reader: ok" and before:  # the judge's own clearing stays the judge's
                cleared, clearer = [*before, *cleared], "reader"
            line += f" → {how}"
        out.print(line, soft_wrap=True)
    judged = [v.claim for v in found if v.claim.by in ("judge", "reader")]
    if not claims and not judged:
        out.print("no action claimed")
        return
    unbacked = {v.claim for v in found}
    table = Table("action", "claim", "objects", "found by", "backed by a tool call")
    # the judge's claim is its most claim-like sentence: one row where the rules found it too
    judged_spans = {c.span for c in judged}
    unbacked |= {c for c in claims if c.span in judged_spans}
    for claim in [*claims, *(c for c in judged if c.span not in {k.span for k in claims})]:
        table.add_row(
            claim.action, claim.text, ", ".join(claim.objects) or "–", claim.by,
            "no" if claim in unbacked else _backed(claim, cleared, clearer),
        )  # fmt: skip
    out.print(table)
    for violation in found:
        out.print(styled("[yellow]violation[/]: {}", violation.reason), soft_wrap=True)
    for violation in cleared:
        by = f"the claims judge (p={p:.2f})" if clearer == "judge" else "the claims reader"
        out.print(styled("cleared by {}: {}", by, violation.reason), soft_wrap=True)
    if found:
        out.print(f"hand-off sent instead: {checker.handoff(reply, lang)}", soft_wrap=True)


def _read_one(
    settings: Any, conversation: list[dict[str, Any]], reply: str, p: float | None
) -> tuple[Any, str] | None:
    """The claims reader's answer on one reply (None when guard.claims.reader_upstream is
    unset) and the line that says it; the answer is None when the judge's ``p`` lies outside
    reader_band (the reader is not asked)."""
    import asyncio

    from supportllm.gateway.claims_read import read_all
    from supportllm.gateway.setup import cli_claims_reader

    reader = cli_claims_reader(settings)
    if reader is None:
        return None
    name = reader.upstream.name
    if not reader.wanted(p):
        asyncio.run(reader.aclose())
        low, high = reader.band
        return None, (
            f"claims reader ({name}): not asked, the judge's p={p or 0.0:.2f} is outside "
            f"[{low:g}, {high:g}]"
        )
    answer = asyncio.run(read_all(reader, [(conversation, reply)], [True]))[0]
    assert answer is not None
    said = answer.verdict or f"no verdict ({answer.error or 'an unreadable answer'})"
    return answer, f"claims reader ({name}): {said}, {answer.seconds:.1f} s"


def _backed(claim: Any, cleared: list[Any], clearer: str) -> str:
    """A claim the rules found unbacked but the claims judge (or reader) cleared says so."""
    return f"cleared by the {clearer}" if any(v.claim == claim for v in cleared) else "yes"


def _kind(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """Which labelled format the file holds (from its content), and its items."""
    from supportllm.guard.eval_claims import is_claims_item
    from supportllm.guard.eval_pii import load_pii_file
    from supportllm.guard.injection import is_injection_item

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise typer.BadParameter(f"{path} is not UTF-8 text") from None
    if text.lstrip().startswith("["):
        return "pii", load_pii_file(path)
    items: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except ValueError:
            raise typer.BadParameter(f"{path}:{number}: not valid JSON") from None
    if not items:
        raise typer.BadParameter(f"{path} holds no items")
    first = items[0]
    if is_claims_item(first):
        return "claims", items
    if is_injection_item(first):
        return "injection", items
    if isinstance(first, dict) and ("spans" in first or "full_text" in first):
        return "pii", load_pii_file(path)
    raise typer.BadParameter(
        f"{path}: the first item is none of the formats: injection "
        '{"text", "label": 0|1}, PII {"text", "spans": [...]} or Presidio\'s {"full_text", '
        '"spans"}, action claims {"messages", "reply", "label"}'
    )


def _rows(section: Any) -> list[tuple[str, dict[str, Any]]]:
    if not isinstance(section, dict):
        return []
    return [(name, value) for name, value in section.items() if isinstance(value, dict)]


def _score_row(name: str, scores: dict[str, Any]) -> list[str]:
    def cell(key: str) -> str:
        value = scores.get(key)
        return f"{value:.3f}" if isinstance(value, int | float) else "–"

    n = scores.get("n", scores.get("gold", scores.get("items", "")))
    fpr = scores.get("fpr", scores.get("false_positive_rate"))
    return [name, str(n), cell("precision"), cell("recall"), cell("f1"),
            f"{fpr:.3f}" if isinstance(fpr, int | float) else "–"]  # fmt: skip


@app.command("eval")
def eval_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Labelled JSONL: injection {text, label 0|1, lang?}; PII {text, spans: "
            "[{start, end, type}], lang?} or Presidio-research's {full_text, spans}; action "
            "claims {messages, reply, label: violation|ok, lang?}. Several files (of any "
            "kinds): one summary row each.",
            exists=True,
            dir_okay=False,
        ),
    ],
    json_out: Annotated[
        Path | None,
        typer.Option(
            "--json",
            help="Write every figure to this JSON file (several files: one entry per file).",
        ),
    ] = None,
    curve: Annotated[
        Path | None,
        typer.Option(
            "--curve",
            help="Injection and action-claim files: draw recall against false positives as "
            "the threshold moves to this PNG (one line per file, the target corner shaded) "
            "and print the thresholds that give the notable points.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Precision, recall, F1 and false-positive rate, overall and per language and type."""
    settings = settings_from(ctx)
    loaded = [(file, *_kind(file)) for file in files]  # every file read before any is scored
    for target, option in ((json_out, "--json"), (curve, "--curve")):
        if target is not None:
            _check_writable(target, option)
    if curve is not None:
        _check_curve(curve, loaded, settings)
    guards: dict[str, Any] = {}  # one screen, redactor or detector per kind, for all files
    scored: list[list[Any]] = [[] for _ in loaded]  # per file given (a file twice: twice)
    results = {
        str(file): _evaluate(settings, file, kind, items, guards, each if curve else None)
        for (file, kind, items), each in zip(loaded, scored, strict=True)
    }
    out = console()
    if len(loaded) == 1:
        file, kind, items = loaded[0]
        out.print(f"{file}: {len(items)} {kind} items")
        out.print(_detail_table(kind, results[str(file)]))
    else:
        table = Table("file", "kind", "n", "precision", "recall", "F1", "FPR", title="overall")
        for file, kind, _ in loaded:
            row = _score_row(
                f"{file.parent.name}/{file.name}", results[str(file)].get("overall", {})
            )
            table.add_row(row[0], kind, *row[1:])
        out.print(table)
    drawn = _curves(out, loaded, results, scored, guards) if curve is not None else []
    if json_out is not None:
        data = results[str(files[0])] if len(loaded) == 1 else {"files": results}
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        _write(json_out, "--json", lambda: json_out.write_text(text))
        out.print(f"written: {json_out}")
    if curve is not None:
        from supportllm.guard.eval_curve_plot import write_curves_png

        _write(curve, "--curve", lambda: write_curves_png(drawn, curve))
        out.print(f"curve written: {curve}")


def _check_writable(path: Path, option: str) -> None:
    """A file the command will write: its folder exists and takes files (checked before any
    scoring, so a typo costs nothing)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise typer.BadParameter(f"{option} {path}: {folder} {what}")
    if not os.access(folder, os.W_OK):
        raise typer.BadParameter(f"{option} {path}: the folder {folder} is not writable")


def _write(path: Path, option: str, write: Callable[[], Any]) -> None:
    try:
        write()
    except OSError as exc:
        raise typer.BadParameter(f"{option} {path}: cannot write it ({exc.strerror})") from None


def _check_curve(curve: Path, loaded: list[tuple[Path, str, Any]], settings: Any) -> None:
    """--curve's conditions, checked before anything is scored."""
    if curve.suffix.lower() != ".png":
        raise typer.BadParameter(f"--curve {curve}: give a .png file name")
    for file, kind, items in loaded:
        if kind == "pii":
            raise typer.BadParameter(
                f"--curve: {file} is a PII file, and PII redaction has no threshold to move; "
                "leave it out or drop --curve"
            )
        positive = 1 if kind == "injection" else "violation"
        labels = {isinstance(it, dict) and it.get("label") == positive for it in items}
        if labels != {True, False}:
            raise typer.BadParameter(
                f"--curve: {file} holds only "
                f"{'positive' if True in labels else 'negative'} items, and a trade-off curve "
                "needs both (attacks and benign texts, violations and ok replies)"
            )
    if (
        any(kind == "injection" for _, kind, _ in loaded)
        and settings.guard.injection.reader_upstream is not None
    ):
        raise typer.BadParameter(
            "--curve on injection sets moves the screen's threshold, and the injection reader "
            "(guard.injection.reader_upstream) gives verdicts, not scores: unset it for the "
            "curve, or drop --curve"
        )
    claims = settings.guard.claims
    if any(kind == "claims" for _, kind, _ in loaded) and claims.reader_upstream is not None:
        raise typer.BadParameter(
            "--curve on action claims moves the claims judge's thresholds, and the claims "
            "reader (guard.claims.reader_upstream) gives verdicts, not scores: unset it for "
            "the curve, or drop --curve"
        )
    if any(kind == "claims" for _, kind, _ in loaded) and not (
        claims.judge.strip() and claims.model.strip()
    ):
        raise typer.BadParameter(
            "--curve on action claims moves the claims judge's thresholds, and the judge is "
            "off (guard.claims.judge, or the model it needs, guard.claims.model, is empty): "
            "turn it on or drop --curve"
        )


def _curves(
    out: Any,
    loaded: list[tuple[Path, str, Any]],
    results: dict[str, Any],
    scored: list[list[Any]],
    guards: dict[str, Any],
) -> list[tuple[str, Any]]:
    """Each file's trade-off: the notable points printed with their thresholds and written
    into the file's figures (``--json``) as ``tradeoff``; the curves, for the PNG."""
    from dataclasses import asdict

    from supportllm.guard.eval_curve import claims_curve, injection_curve, picks
    from supportllm.guard.eval_curve_plot import TARGETS

    drawn = []
    for (file, kind, _), items in zip(loaded, scored, strict=True):
        try:
            if kind == "injection":
                made = injection_curve(items, guards["injection"].threshold)
            else:
                t = guards["claims"].thresholds
                made = claims_curve(items, t.keep, t.add)
        except ValueError as exc:
            raise typer.BadParameter(f"--curve: {file}: {exc}") from None
        recall, fpr = TARGETS[kind]
        notable = picks(made, [fpr, 0.05, 0.10], sorted({0.90, recall}))
        table = Table("point", "recall", "FPR", "thresholds", title=f"{file.name}: trade-off")
        for name, point in [("thresholds in force", made.current), *notable]:
            if point is None:
                table.add_row(name, "–", "–", "not reached on this file")
                continue
            setting = ", ".join(f"{k} = {v:g}" for k, v in point.thresholds)
            table.add_row(name, f"{point.recall:.3f}", f"{point.fpr:.1%}", setting)
        out.print(table)
        results[str(file)]["tradeoff"] = {
            "current": asdict(made.current),
            "notable": {name: asdict(p) if p else None for name, p in notable},
            "points": [asdict(p) for p in made.points],
        }
        drawn.append((f"{file.parent.name}/{file.name}", made))
    return drawn


def _evaluate(
    settings: Any,
    file: Path,
    kind: str,
    items: list[dict[str, Any]],
    guards: dict[str, Any],
    scored: list[Any] | None = None,
) -> dict[str, Any]:
    """One file's figures (an item the evaluator refuses is a one-line error naming the
    file); ``guards`` keeps the guard of each kind built for an earlier file (a screen's
    model, a redactor's name lists: loaded once, not per file); ``scored`` collects each
    item's score for --curve."""
    try:
        return _figures(settings, kind, items, guards, scored)
    except ValueError as exc:
        raise typer.BadParameter(f"{file}: {exc}") from None


def _figures(
    settings: Any,
    kind: str,
    items: list[dict[str, Any]],
    guards: dict[str, Any],
    scored: list[Any] | None,
) -> dict[str, Any]:
    if kind == "injection":
        from supportllm.guard.injection import InjectionScreen, evaluate_injection

        if kind not in guards:
            guards[kind] = InjectionScreen(settings.guard.injection)
        return evaluate_injection(
            items,
            guards[kind],
            scored=scored,
            readings=_message_readings(settings),
            on_error=settings.guard.injection.reader_on_error,
        )
    if kind == "pii":
        from supportllm.guard.eval_pii import evaluate_pii
        from supportllm.guard.pii import PIIRedactor

        if kind not in guards:
            guards[kind] = PIIRedactor(settings.guard.pii)
        return evaluate_pii(items, guards[kind])
    from supportllm.guard.claims_judged import claim_checker
    from supportllm.guard.eval_claims import evaluate_claims

    if kind not in guards:
        guards[kind] = claim_checker(settings.guard.claims)
    readings = _readings(settings, items, guards[kind])
    return evaluate_claims(
        items,
        checker=guards[kind],
        scored=scored,
        readings=readings,
        on_error=settings.guard.claims.reader_on_error,
    )


def _readings(settings: Any, items: list[dict[str, Any]], checker: Any) -> list[Any] | None:
    """The claims reader's answers (guard.claims.reader_upstream; None when unset), asked for
    the items whose judge probability lies in reader_band, with a progress bar."""
    import asyncio

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from supportllm.gateway.claims_read import read_all
    from supportllm.gateway.setup import cli_claims_reader
    from supportllm.guard.claims_judged import JudgedChecker
    from supportllm.guard.eval_claims import is_claims_item

    if settings.guard.claims.reader_upstream is None:
        return None
    if not all(is_claims_item(item) for item in items):
        raise ValueError("not an action-claim item (needs messages, reply, label)")
    reader = cli_claims_reader(settings)
    assert reader is not None
    pairs = [(item["messages"], item["reply"]) for item in items]
    # the judge's probability only where the band needs it (evaluate_claims runs the judge)
    judged = isinstance(checker, JudgedChecker) and not reader.reads_all
    wanted = [
        reader.wanted(
            checker.verdict(item["reply"], item["messages"], item.get("lang")).p if judged else None
        )
        for item in items
    ]
    label = f"claims reader ({reader.upstream.name})"
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), console=err_console())
    with bar:
        task = bar.add_task(label, total=sum(wanted))
        return asyncio.run(read_all(reader, pairs, wanted, advance=lambda: bar.advance(task)))


def _message_readings(settings: Any) -> Callable[[list[str], list[Any]], list[Any]] | None:
    """What asks the injection reader (guard.injection.reader_upstream; None when unset) about
    the messages the screen is unsure about, with a progress bar."""
    if settings.guard.injection.reader_upstream is None:
        return None

    def readings(texts: list[str], verdicts: list[Any]) -> list[Any]:
        import asyncio

        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from supportllm.gateway.injection_read import read_texts
        from supportllm.gateway.setup import cli_injection_reader

        reader = cli_injection_reader(settings)
        assert reader is not None
        wanted = [reader.wanted(v, t) for t, v in zip(texts, verdicts, strict=True)]
        label = f"injection reader ({reader.upstream.name})"
        bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), console=err_console())
        with bar:
            task = bar.add_task(label, total=sum(wanted))
            return asyncio.run(read_texts(reader, texts, wanted, advance=lambda: bar.advance(task)))

    return readings


def _detail_table(kind: str, result: dict[str, Any]) -> Table:
    table = Table("", "n", "precision", "recall", "F1", "FPR", title=f"{kind}: overall")
    table.add_row(*_score_row("all", result.get("overall", {})))
    for key in ("per_language", "per_lang", "by_language"):
        for name, scores in _rows(result.get(key)):
            table.add_row(*_score_row(f"lang {name}", scores.get("overall", scores)))
    for key, prefix in (("by_type", ""), ("per_kind", "kind ")):
        for name, scores in _rows(result.get(key)):
            table.add_row(*_score_row(f"{prefix}{name}", scores))
    return table
