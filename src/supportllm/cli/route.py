"""``supportllm route``: the complexity router — calibrate it on a trial's graded replies, and
explain what it decides for one ticket."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from supportllm.cli.common import console, require_finite, settings_from

if TYPE_CHECKING:
    from supportllm.cost.prices import ApiPrice

app = typer.Typer(
    help="Complexity routing: which tickets the self-hosted model answers, which go to the API.",
    no_args_is_help=True,
)

_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$")


def parse_share(text: str, option: str) -> float:
    """'30%', '30' or '0.3' -> 0.3; BadParameter naming the option otherwise."""
    match = _PERCENT.match(text)
    if match is None:
        raise typer.BadParameter(f"'{text}' is not a percentage, e.g. 30%", param_hint=option)
    value = float(match.group(1))
    share = value / 100 if match.group(2) or value > 1 else value
    if not 0.0 <= share <= 1.0:
        raise typer.BadParameter(
            f"'{text}' is not between 0% and 100%, e.g. 30%", param_hint=option
        )
    return share


def _price(text: str) -> ApiPrice:
    from supportllm.cost.prices import ApiPrice, find_api

    if "/" not in text:
        return find_api(text)
    try:
        inp, out = (float(x) for x in text.split("/"))
    except ValueError:
        raise typer.BadParameter(
            f"'{text}' is not IN/OUT USD per million tokens, e.g. 2.5/10", param_hint="--price"
        ) from None
    if inp < 0 or out <= 0:
        raise typer.BadParameter(f"'{text}': give prices > 0", param_hint="--price")
    return ApiPrice("custom", f"API at ${inp:g}/${out:g}", inp, out)


@app.command("calibrate")
def calibrate_command(
    ctx: typer.Context,
    run: Annotated[
        Path, typer.Argument(help="The replay run folder (`supportllm replay --out`), graded.")
    ],
    target_api_share: Annotated[
        str,
        typer.Option(
            help="Share of tickets to send to the API, e.g. 30% (default: 30%).",
            show_default=False,
        ),
    ] = "30%",
    self_candidate: Annotated[
        str | None,
        typer.Option(
            "--self",
            help="The self-hosted candidate's name in the run (default: of two candidates, "
            "the one that --api does not name, or that is not at an external API).",
            show_default=False,
        ),
    ] = None,
    api_candidate: Annotated[
        str | None,
        typer.Option(
            "--api",
            help="The API candidate's name in the run (default: the other of two).",
            show_default=False,
        ),
    ] = None,
    tickets_per_month: Annotated[
        float,
        typer.Option(
            help="Tickets per month for the saving (default: 40,000, the trial's demo volume).",
            min=1,
            show_default=False,
        ),
    ] = 40_000,
    price: Annotated[
        str,
        typer.Option(
            help="The API's price: gpt-4o, gpt-4o-mini, claude-sonnet, claude-haiku, or IN/OUT "
            "USD per million tokens (default: gpt-4o).",
            show_default=False,
        ),
    ] = "gpt-4o",
    holdout: Annotated[
        str,
        typer.Option(
            help="Share of the labelled tickets held out to report on (default: 30%).",
            show_default=False,
        ),
    ] = "30%",
    seed: Annotated[int, typer.Option(help="Seed of the train/held-out split.")] = 0,
    labels: Annotated[
        str,
        typer.Option(
            help="Labels from: auto (people's grades, else the judge's), human, judge "
            "(default: auto).",
            show_default=False,
        ),
    ] = "auto",
    out: Annotated[
        Path | None,
        typer.Option(
            help="Router file to write (default: RUN/router.json; the report goes beside it).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Fit the router on the run's "would send" grades and report, on held-out tickets, the
    share kept on self-hosting, the mix's "would send" rate against all-API and all-self, and
    the monthly saving."""
    from supportllm.routing.calibrate import CalibrationPlan, calibrate
    from supportllm.routing.report import summary_rows

    require_finite(locals())
    if labels not in ("auto", "human", "judge"):
        raise typer.BadParameter(f"'{labels}': use auto, human or judge", param_hint="--labels")
    settings = settings_from(ctx)
    plan = CalibrationPlan(
        run_folder=run,
        target_api_share=parse_share(target_api_share, "--target-api-share"),
        database_url=settings.resolved_database_url(),
        self_candidate=self_candidate,
        api_candidate=api_candidate,
        out=out,
        tickets_per_month=tickets_per_month,
        price=_price(price),
        holdout=parse_share(holdout, "--holdout"),
        seed=seed,
        labels=labels,  # type: ignore[arg-type]
    )
    with console().status("reading the run's grades and fitting"):
        result = calibrate(plan)
    table = Table("held-out", "", title=f"{result.run.run_id}: {result.method}")
    for what, value in summary_rows(result):
        table.add_row(what, value)
    console().print(table)
    for note in result.notes:
        console().print(f"note: {note}", soft_wrap=True)
    console().print(
        f"threshold {result.router.threshold:.3f} sends {result.train_api_share:.0%} of the "
        f"train split to the API (target {plan.target_api_share:.0%})",
        soft_wrap=True,
    )
    console().print(
        f"written: {result.router_file}, " + ", ".join(str(p) for p in result.report_files),
        soft_wrap=True,
    )


@app.command("explain")
def explain_command(
    text: Annotated[str, typer.Argument(help="The ticket's text, as the customer wrote it.")],
    router: Annotated[
        Path | None,
        typer.Option(
            help="Router file (default: the hand-set weights).", show_default=False, dir_okay=False
        ),
    ] = None,
    top_score: Annotated[
        float | None,
        typer.Option(
            help="Best passage score retrieval found, 0-1 (default: none, as with retrieval off).",
            min=0,
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(help="The ticket's language (default: guessed).", show_default=False),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            help="Override the threshold, 0-1 (default: the router's).",
            min=0,
            max=1,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the features of one ticket, its score, the decision and the reason."""
    from supportllm.routing.complexity import ComplexityRouter
    from supportllm.routing.features import ticket_features

    require_finite(locals())
    if threshold is not None and not 0 < threshold < 1:
        raise typer.BadParameter("give a threshold between 0 and 1", param_hint="--threshold")
    chosen = ComplexityRouter.configured(router, threshold)
    features = ticket_features([{"role": "user", "content": text}], top_score=top_score, lang=lang)
    decision = chosen.decide(features)
    table = Table("feature", "value", title="features")
    for name, value in dataclasses.asdict(features).items():
        shown = ", ".join(value) if isinstance(value, list | tuple) else value
        table.add_row(name, "–" if shown in (None, "") else str(shown))
    console().print(table)
    console().print(f"router: {chosen.source}", soft_wrap=True)
    console().print(
        f"score {decision.score:.3f} (threshold {chosen.threshold:.3f}) → {decision.target}",
        soft_wrap=True,
    )
    console().print(f"reason: {decision.reason}", soft_wrap=True)
