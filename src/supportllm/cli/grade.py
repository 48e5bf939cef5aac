"""``supportllm grade``: blind grading of a replay run by people, and its results."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from supportllm.cli.common import console, err_console, settings_from
from supportllm.errors import InvalidInputError

app = typer.Typer(
    help="Blind grading of replayed replies: web page, links, results.", no_args_is_help=True
)

RunArg = Annotated[Path, typer.Argument(help="The replay folder (written by `supportllm replay`).")]


def _run_id(folder: Path) -> str:
    from supportllm.evals.judge import replay_run_id

    return replay_run_id(folder)


def _stores(ctx: typer.Context) -> tuple[Any, Any, Any]:
    from supportllm.evals.grading import GradingStore
    from supportllm.gateway.setup import open_keystore
    from supportllm.store.db import migrate, open_database

    settings = settings_from(ctx)
    engine = open_database(settings.resolved_database_url())
    migrate(engine)
    return settings, GradingStore(engine), open_keystore(settings)


@app.command("serve")
def serve(
    ctx: typer.Context,
    run: RunArg,
    graders: Annotated[
        str | None, typer.Option(help="Grader names, comma-separated (first start only).")
    ] = None,
    per_item: Annotated[int, typer.Option(help="Graders per item.", min=1)] = 2,
    pairwise: Annotated[
        bool, typer.Option(help="Two replies to the same ticket side by side.")
    ] = False,
    seed: Annotated[int, typer.Option(help="Seed of the item order (recorded).")] = 0,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8090,
) -> None:
    """Start the grading page; on the first start, create the graders and print their links."""
    import uvicorn

    from supportllm.evals.web.app import build_grading_app
    from supportllm.gateway.server import server_config

    run_id = _run_id(run)
    _settings, store, keys = _stores(ctx)
    scheme = "https" if _settings.tls_cert is not None else "http"  # tls_cert: HTTPS, as serve
    existing = store.session(run_id)
    if existing is None:
        if not graders:
            raise typer.BadParameter("name the graders on the first start: --graders anna,ben")
        names = [g.strip() for g in graders.split(",") if g.strip()]
        tokens = store.create_session(
            run_id, names, per_item=per_item, mode="pair" if pairwise else "single", seed=seed
        )
        console().print("One personal link per grader (shown once; `grade link` issues a new one):")
        for name, token in tokens.items():
            console().print(f"  {name}: {scheme}://{host}:{port}/g/{token}", soft_wrap=True)
    else:
        console().print(
            f"grading of '{run_id}' exists ({existing['mode']} mode, {existing['per_item']} "
            f"grader(s) per item, seed {existing['seed']}); links were printed when it was "
            "created. --graders, --per-item, --pairwise and --seed apply to the first start only.",
            soft_wrap=True,
        )
    console().print(
        f"admin view: {scheme}://{host}:{port}/admin/{run_id} (log in with an API key that has the "
        "admin scope; the session cookie is Secure: use localhost or HTTPS in front)",
        soft_wrap=True,
    )
    # The same limits before the application as the gateway (header size and count, header
    # deadline, open connections): the grading page is reachable by every grader's browser.
    uvicorn.Server(
        server_config(build_grading_app(store, keys), _settings, host=host, port=port)
    ).run()


@app.command("link")
def link(
    ctx: typer.Context,
    run: RunArg,
    grader: Annotated[str, typer.Argument(help="The grader's name.")],
    host: Annotated[str, typer.Option(help="Host shown in the link.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port shown in the link.")] = 8090,
) -> None:
    """Issue a new link for a grader; the old one stops working."""
    _settings, store, _keys = _stores(ctx)
    token = store.new_link(_run_id(run), grader)
    scheme = "https" if _settings.tls_cert is not None else "http"
    console().print(f"{grader}: {scheme}://{host}:{port}/g/{token}", soft_wrap=True)


@app.command("revoke")
def revoke(ctx: typer.Context, run: RunArg, grader: Annotated[str, typer.Argument()]) -> None:
    """Revoke a grader's link (their grades are kept)."""
    _settings, store, _keys = _stores(ctx)
    store.revoke(_run_id(run), grader)
    console().print(f"{grader}'s link is revoked")


@app.command("close")
def close(ctx: typer.Context, run: RunArg) -> None:
    """Close grading: links stop working and the admin view shows the results."""
    _settings, store, _keys = _stores(ctx)
    store.close(_run_id(run))
    console().print("grading closed")


@app.command("judge")
def judge(
    ctx: typer.Context,
    run: RunArg,
    judge_model: Annotated[
        str,
        typer.Option(
            help="The judge: NAME=URL@MODEL of an OpenAI-compatible endpoint, e.g. "
            "qwen32b=http://gpu:8000/v1@Qwen/Qwen2.5-32B-Instruct.",
        ),
    ],
    api_key: Annotated[
        str | None,
        typer.Option(help="Bearer key (default: SUPPORTLLM_JUDGE_API_KEY).", show_default=False),
    ] = None,
    attempts: Annotated[int, typer.Option(help="Tries per reply before 'unparsable'.", min=1)] = 3,
    concurrency: Annotated[int, typer.Option(help="Requests in flight.", min=1)] = 4,
) -> None:
    """Score every reply with an LLM judge on the graders' rubric (resumable)."""

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from supportllm.evals.judge import JudgePlan, JudgeStore, judged_line
    from supportllm.evals.judge import judge as run_judge
    from supportllm.evals.replay import Candidate

    run_id = _run_id(run)
    settings, store, _keys = _stores(ctx)
    candidate = Candidate.parse(judge_model)
    key = api_key or (settings.judge_api_key.get_secret_value() if settings.judge_api_key else None)
    pending = len(JudgeStore(store.engine).pending(run_id, candidate.name))
    plan = JudgePlan(run, candidate, api_key=key, attempts=attempts, concurrency=concurrency)
    bar = Progress(TextColumn("judging"), BarColumn(), MofNCompleteColumn(), console=err_console())
    with bar:
        task = bar.add_task("judge", total=pending)
        counts = run_judge(plan, settings, progress=lambda _s: bar.advance(task))
    console().print(
        f"judge '{candidate.name}': {judged_line(counts)}, {counts['unparsable']} unparsable "
        f"after {attempts} tries, {counts['failed']} failed (prompts and raw answers stored)"
    )
    if counts["free_text"]:
        err_console().print(
            f"note: the judge's engine refused structured output (response_format); "
            f"{counts['free_text']} replies were judged from free text"
        )


def _ci(value: float | None, ci: Any, percent: bool = False) -> str:
    if value is None:
        return "–"
    if percent:
        return f"{value:.0%} ({ci[0]:.0%}–{ci[1]:.0%})"
    return f"{value:.2f} ({ci[0]:.2f}–{ci[1]:.2f})"


def _agreement_line(scale: str, result: dict[str, Any]) -> str:
    """One printed line: Krippendorff's alpha, each pair's kappa and share of identical grades,
    and how many replies two or more raters graded (and why a figure is missing)."""
    alpha = result.get("krippendorff_alpha")
    shared = result["items_rated_twice"]
    line = f"agreement on {scale}: Krippendorff's α = {'–' if alpha is None else f'{alpha:.2f}'}"
    pairs = result.get("cohen_kappa", {})
    if pairs:
        kind = "Cohen's" if scale == "would_send" else "weighted (quadratic) Cohen's"
        line += f"; {kind} " + ", ".join(
            f"{pair} κ={v['kappa']:.2f}, {v['exact_agreement']:.0%} identical (n={v['items']})"
            for pair, v in pairs.items()
        )
    line += f" ({shared} replies graded by 2+ graders"
    if shared < 2:
        line += "; agreement needs at least 2"
    elif alpha is None:
        line += "; every grade has the same value, so chance agreement cannot be told apart"
    return line + ")"


@app.command("results")
def results(ctx: typer.Context, run: RunArg) -> None:
    """Per model: tone, accuracy (95 % bootstrap CI), would-send; by language and channel;
    agreement between graders. Writes results.json, results.csv and results.png into the run."""
    from supportllm.evals.judge import JudgeStore, as_grades
    from supportllm.evals.results import agreement, per_model

    run_id = _run_id(run)
    _settings, store, _keys = _stores(ctx)
    grades = store.grades(run_id)
    judged = as_grades(JudgeStore(store.engine).judgements(run_id))
    if not grades and not judged:
        raise InvalidInputError(
            f"no grades yet for '{run_id}': `supportllm grade serve {run}` or `grade judge`"
        )
    models = per_model(grades) if grades else {}
    judge_models = per_model(judged) if judged else {}
    agree = agreement(grades + judged)
    table = Table("Model", "Tone", "Accuracy", '"Would send"', "grades", "skipped", title="people")
    for name, m in models.items():
        o = m["overall"]
        table.add_row(
            name, _ci(o["tone"], o["tone_ci"]), _ci(o["accuracy"], o["accuracy_ci"]),
            _ci(o["would_send"], o["would_send_ci"], percent=True), str(o["grades"]),
            str(o["skipped"]),
        )  # fmt: skip
    if models:
        console().print(table)
    if judge_models:
        jt = Table("Model", "Tone", "Accuracy", '"Would send"', "scored", title="LLM judge")
        for name, m in judge_models.items():
            o = m["overall"]
            jt.add_row(
                name, _ci(o["tone"], o["tone_ci"]), _ci(o["accuracy"], o["accuracy_ci"]),
                _ci(o["would_send"], o["would_send_ci"], percent=True), str(o["grades"]),
            )  # fmt: skip
        console().print(jt)
    for group in ("by_lang", "by_channel"):
        sub = Table(
            "Model", group.removeprefix("by_"), "Tone", "Accuracy", '"Would send"', "grades"
        )
        for name, m in models.items():
            for key, o in m[group].items():
                sub.add_row(
                    name, key, _ci(o["tone"], o["tone_ci"]), _ci(o["accuracy"], o["accuracy_ci"]),
                    _ci(o["would_send"], o["would_send_ci"], percent=True), str(o["grades"]),
                )  # fmt: skip
        console().print(sub)
    for scale, result in agree["scales"].items():
        console().print(_agreement_line(scale, result), soft_wrap=True)
    (run / "results.json").write_text(
        json.dumps({"models": models, "judge": judge_models, "agreement": agree}, indent=2) + "\n"
    )
    with (run / "results.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "model",
                "group",
                "key",
                "tone",
                "tone_low",
                "tone_high",
                "accuracy",
                "accuracy_low",
                "accuracy_high",
                "would_send",
                "grades",
            ]
        )
        for name, m in models.items():
            rows = [("overall", "", m["overall"])] + [
                (g, k, o) for g in ("by_lang", "by_channel") for k, o in m[g].items()
            ]
            for group, key, o in rows:
                tone_ci = o["tone_ci"] or (None, None)
                acc_ci = o["accuracy_ci"] or (None, None)
                writer.writerow(
                    [
                        name,
                        group,
                        key,
                        o["tone"],
                        *tone_ci,
                        o["accuracy"],
                        *acc_ci,
                        o["would_send"],
                        o["grades"],
                    ]
                )
    _plot(models or judge_models, run / "results.png")
    console().print(f"written: {run}/results.json, results.csv, results.png")


def _plot(models: dict[str, Any], path: Path) -> None:
    from supportllm.plotting import pyplot

    plt = pyplot()
    names = list(models)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.8))
    for ax, (key, label, top) in zip(
        axes,
        (
            ("tone", "tone (1–5)", 5),
            ("accuracy", "accuracy (1–5)", 5),
            ("would_send", '"would send"', 1),
        ),
        strict=True,
    ):
        means = [models[n]["overall"][key] or 0 for n in names]
        cis = [models[n]["overall"][f"{key}_ci"] or (0, 0) for n in names]
        errors = [
            [m - c[0] for m, c in zip(means, cis, strict=True)],
            [c[1] - m for m, c in zip(means, cis, strict=True)],
        ]
        ax.bar(names, means, yerr=errors, capsize=5, color="#3b7ddd")
        ax.set_ylim(0, top)
        ax.set_title(label)
        ax.grid(True, axis="y", alpha=0.3)
    fig.suptitle("Blind grades per model (95 % bootstrap intervals)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
