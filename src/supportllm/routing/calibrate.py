"""`supportllm route calibrate` as a typed call: fit the complexity router on a trial's own
graded replies and say, on tickets the fit never saw, what routing would have given.

The label of a ticket is whether the self-hosted candidate's reply would be sent (people's
grades, else the LLM judge's). The weights are fitted on a seeded, stratified train split
(pulled toward the hand-set defaults, so a small run cannot run wild; below ``FIT_MIN``
labelled tickets only the threshold is fitted), the threshold is set so that the target share
of the train split goes to the API, and the held-out split reports the share kept on the
self-hosted model, the mix's "would send" rate against all-API and all-self, and the API bill
saved per month (the cost model's price per ticket on the API candidate's own token counts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from supportllm.cost.model import TicketShape, api_cost_per_ticket
from supportllm.cost.prices import PRICES_DATE, ApiPrice, find_api
from supportllm.errors import InvalidInputError
from supportllm.evals.results import bootstrap_ci
from supportllm.routing.complexity import FEATURES, ComplexityRouter, feature_vector
from supportllm.routing.fit import auc, fit_logistic, stratified_split, threshold_for_share
from supportllm.routing.labels import LabelledTicket, LabelSource, RunLabels, run_labels

MIN_TICKETS = 20  # fewer labelled tickets than this: no calibration at all
FIT_MIN = 60  # fewer: the default weights are kept and only the threshold is fitted
MIN_PER_CLASS = 8  # a fit needs this many sent and not-sent tickets in the train split
DEFAULT_TICKETS_PER_MONTH = 40_000.0  # the trial's demo volume (trial/config.py)
PRIOR_STRENGTH = 2.0  # how hard the fit is pulled toward the hand-set weights


@dataclass(frozen=True)
class CalibrationPlan:
    run_folder: Path
    target_api_share: float  # 0..1
    database_url: str
    self_candidate: str | None = None
    api_candidate: str | None = None
    out: Path | None = None  # the router file; default <run>/router.json
    tickets_per_month: float = DEFAULT_TICKETS_PER_MONTH
    price: ApiPrice = field(default_factory=lambda: find_api("gpt-4o"))
    holdout: float = 0.3
    seed: int = 0
    labels: LabelSource = "auto"


@dataclass(frozen=True)
class Rate:
    value: float
    low: float
    high: float


@dataclass(frozen=True)
class HeldOut:
    tickets: int
    self_share: float  # routed to the self-hosted model
    would_send_mix: Rate
    would_send_api: Rate
    would_send_self: Rate
    auc: float | None  # how well the calibrated score separates (None: one label only)
    auc_default: float | None  # the hand-set weights' on the same tickets
    api_monthly_all: float | None  # USD: every ticket on the API
    api_monthly_mix: float | None  # USD: only the tickets routed to the API
    saving_monthly: float | None
    cost_note: str


@dataclass(frozen=True)
class CalibrationResult:
    router: ComplexityRouter
    method: Literal["fitted", "threshold only"]
    notes: list[str]
    run: RunLabels
    label_sources: dict[str, int]
    train: int
    train_api_share: float
    held_out: HeldOut
    plan: CalibrationPlan
    router_file: Path
    report_files: list[Path]


def _rate(values: list[float], seed: int) -> Rate:
    low, high = bootstrap_ci(values, seed)
    return Rate(float(np.mean(values)) if values else float("nan"), low, high)


def _check(plan: CalibrationPlan) -> None:
    if not 0.0 <= plan.target_api_share <= 1.0:
        raise InvalidInputError(
            f"target API share {plan.target_api_share:.0%} must be between 0% and 100%"
        )
    if not 0.05 <= plan.holdout <= 0.8:
        raise InvalidInputError(f"held-out share {plan.holdout:.0%} must be between 5% and 80%")
    if not plan.tickets_per_month > 0:
        raise InvalidInputError("tickets per month must be > 0")


def _monthly(
    tickets: list[LabelledTicket], to_api: list[bool], plan: CalibrationPlan
) -> tuple[float | None, float | None, str]:
    """(all-API bill, the mix's API bill, a note) per month, from each ticket's API tokens."""
    costs = [
        api_cost_per_ticket(plan.price, TicketShape(t.api_tokens[0], t.api_tokens[1]))
        if t.api_tokens
        else None
        for t in tickets
    ]
    known = [c for c in costs if c is not None]
    if not known:
        return None, None, "no token counts on the API candidate's replies: saving not computed"
    mean = float(np.mean(known))
    filled = [mean if c is None else c for c in costs]
    per_month = plan.tickets_per_month / len(tickets)
    all_api = sum(filled) * per_month
    mix = sum(c for c, api in zip(filled, to_api, strict=True) if api) * per_month
    missing = len(costs) - len(known)
    note = (
        f"{plan.price.name} at ${plan.price.input_per_m:g}/${plan.price.output_per_m:g} per "
        f"million input/output tokens (prices of {PRICES_DATE}) on the API candidate's own "
        f"token counts, {plan.tickets_per_month:,.0f} tickets/month"
        + (f"; {missing} ticket(s) without counts priced at the mean" if missing else "")
        + "; the self-hosted replicas' own cost is not subtracted (`supportllm cost`)"
    )
    return all_api, mix, note


def calibrate(plan: CalibrationPlan) -> CalibrationResult:
    """Fit, evaluate on the held-out split, write the router file and the report."""
    from supportllm.routing.report import write_report

    _check(plan)
    run = run_labels(
        plan.run_folder, plan.database_url, plan.self_candidate, plan.api_candidate, plan.labels
    )
    tickets = run.tickets
    if len(tickets) < MIN_TICKETS:
        raise InvalidInputError(
            f"{len(tickets)} tickets of run '{run.run_id}' have a 'would send' for both "
            f"{run.self_candidate} ({run.self_labelled} labelled) and {run.api_candidate} "
            f"({run.api_labelled}); calibration needs at least {MIN_TICKETS}: grade more "
            f"(`supportllm grade serve {plan.run_folder}` or `grade judge`)"
        )
    y = [0 if t.self_send else 1 for t in tickets]  # 1: the self-hosted reply would not be sent
    train, test = stratified_split(y, plan.holdout, plan.seed)
    default = ComplexityRouter.default()
    x = np.array(
        [feature_vector(t.features, default.kb_full, default.covered) for t in tickets], dtype=float
    )
    labels = np.array(y, dtype=float)
    notes: list[str] = []
    positives = int(labels[train].sum())
    negatives = len(train) - positives
    method: Literal["fitted", "threshold only"]
    if len(tickets) >= FIT_MIN and min(positives, negatives) >= MIN_PER_CLASS:
        prior = np.array([default.weights.get(n, 0.0) for n in FEATURES])
        weights, bias = fit_logistic(x[train], labels[train], prior, default.bias, PRIOR_STRENGTH)
        fitted = {name: round(float(w), 4) for name, w in zip(FEATURES, weights, strict=True)}
        router = ComplexityRouter(fitted, round(bias, 4))
        method = "fitted"
    else:
        router, method = default, "threshold only"
        why = (
            f"{len(tickets)} labelled tickets (a fit needs {FIT_MIN})"
            if len(tickets) < FIT_MIN
            else f"the train split has {negatives} sent and {positives} not-sent replies "
            f"(a fit needs {MIN_PER_CLASS} of each)"
        )
        notes.append(f"default weights kept, only the threshold fitted: {why}")
    if not run.scores_recorded:
        notes.append(
            "the run's replies carry no retrieval scores (retrieval off, or replayed before "
            "scores were stored): the KB feature is 0 here; replay again to calibrate it"
        )
    train_scores = [router.score(tickets[i].features) for i in train]
    threshold = threshold_for_share(train_scores, plan.target_api_share)
    train_api = float(np.mean([s >= threshold for s in train_scores]))
    sources: dict[str, int] = {}
    for t in tickets:
        sources[t.source] = sources.get(t.source, 0) + 1
    held = [tickets[i] for i in test]
    scores = [router.score(t.features) for t in held]
    to_api = [s >= threshold for s in scores]
    mix = [float(t.api_send if api else t.self_send) for t, api in zip(held, to_api, strict=True)]
    all_api, api_mix, cost_note = _monthly(held, to_api, plan)
    held_out = HeldOut(
        tickets=len(held),
        self_share=1.0 - float(np.mean(to_api)),
        would_send_mix=_rate(mix, plan.seed),
        would_send_api=_rate([float(t.api_send) for t in held], plan.seed + 1),
        would_send_self=_rate([float(t.self_send) for t in held], plan.seed + 2),
        auc=auc(scores, [y[i] for i in test]),
        auc_default=auc([default.score(t.features) for t in held], [y[i] for i in test]),
        api_monthly_all=all_api,
        api_monthly_mix=api_mix,
        saving_monthly=None if all_api is None or api_mix is None else all_api - api_mix,
        cost_note=cost_note,
    )
    calibration = {
        "run": run.run_id,
        "self": run.self_candidate,
        "api": run.api_candidate,
        "method": method,
        "labelled_tickets": len(tickets),
        "train": len(train),
        "held_out": len(held),
        "target_api_share": plan.target_api_share,
        "seed": plan.seed,
    }
    router = ComplexityRouter(
        dict(router.weights), router.bias, threshold, router.kb_full, router.kb_low,
        router.covered,
        source=f"calibrated on replay run '{run.run_id}' ({method}, {len(tickets)} tickets)",
        calibration=calibration,
    )  # fmt: skip
    out = plan.out or plan.run_folder / "router.json"
    router.save(out)
    result = CalibrationResult(
        router, method, notes, run, sources, len(train), train_api, held_out, plan, out, []
    )
    files = write_report(result, out.parent)
    return CalibrationResult(
        router, method, notes, run, sources, len(train), train_api, held_out, plan, out, files
    )
