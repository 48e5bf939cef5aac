"""calibration.json and calibration.md: what `route calibrate` found, for people and tools."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supportllm.routing.calibrate import CalibrationResult, Rate


def _pct(rate: Rate) -> str:
    return f"{rate.value:.0%} ({rate.low:.0%}–{rate.high:.0%})"


def _usd(value: float | None) -> str:
    return "–" if value is None else f"${value:,.0f}"


def summary_rows(result: CalibrationResult) -> list[tuple[str, str]]:
    """The held-out figures as (what, value) rows: the CLI's table and the Markdown's."""
    h = result.held_out
    run = result.run
    rows = [
        (
            "held-out tickets",
            f"{h.tickets} (of {len(run.tickets)} labelled; fit on {result.train})",
        ),
        ("routed to self-hosting", f"{h.self_share:.0%} ({run.self_candidate})"),
        ('"would send": the mix', _pct(h.would_send_mix)),
        (f'"would send": all API ({run.api_candidate})', _pct(h.would_send_api)),
        (f'"would send": all self-hosted ({run.self_candidate})', _pct(h.would_send_self)),
        ("API bill per month: all API", _usd(h.api_monthly_all)),
        ("API bill per month: the mix", _usd(h.api_monthly_mix)),
        ("saved per month", _usd(h.saving_monthly)),
        (
            "separation (ROC AUC): calibrated / default weights",
            " / ".join("–" if a is None else f"{a:.2f}" for a in (h.auc, h.auc_default)),
        ),
    ]
    return rows


def write_report(result: CalibrationResult, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    plan, run, h = result.plan, result.run, result.held_out
    document: dict[str, Any] = {
        "format": "supportllm.route-calibration/1",
        "run": run.run_id,
        "self": run.self_candidate,
        "api": run.api_candidate,
        "method": result.method,
        "notes": result.notes,
        "router_file": str(result.router_file),
        "threshold": result.router.threshold,
        "target_api_share": plan.target_api_share,
        "train_api_share": result.train_api_share,
        "tickets": {
            "replayed": run.replayed,
            "self_labelled": run.self_labelled,
            "api_labelled": run.api_labelled,
            "labelled_both": len(run.tickets),
            "label_sources": result.label_sources,
            "train": result.train,
            "held_out": h.tickets,
        },
        "held_out": dataclasses.asdict(h),
        "tickets_per_month": plan.tickets_per_month,
        "price": dataclasses.asdict(plan.price),
        "holdout": plan.holdout,
        "seed": plan.seed,
        "weights": result.router.to_json()["weights"],
        "bias": result.router.bias,
    }
    json_path, md_path = folder / "calibration.json", folder / "calibration.md"
    json_path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    sources = ", ".join(f"{n} from {s}" for s, n in sorted(result.label_sources.items()))
    lines = [
        f"# Complexity routing calibrated on {run.run_id}",
        "",
        f"Self-hosted: **{run.self_candidate}**, API: **{run.api_candidate}**. Label: would "
        f"{run.self_candidate}'s reply be sent ({sources}). Target API share "
        f"{plan.target_api_share:.0%} → threshold {result.router.threshold:.3f} "
        f"({result.train_api_share:.0%} of the train split to the API); method: "
        f"{result.method}.",
        "",
        "Held-out tickets (never seen by the fit), 95 % bootstrap intervals:",
        "",
        "| | |",
        "|---|---:|",
        *(f"| {what} | {value} |" for what, value in summary_rows(result)),
        "",
        f"Cost: {h.cost_note}.",
        "",
        *(f"- {note}" for note in result.notes),
        "",
        f"Router file: `{result.router_file}` — the auto route's `router_file` setting reads it.",
        "",
        "| feature | weight |",
        "|---|---:|",
        f"| (bias) | {result.router.bias:+.3f} |",
        *(f"| {name} | {w:+.3f} |" for name, w in document["weights"].items()),
    ]
    md_path.write_text("\n".join(lines) + "\n")
    return [md_path, json_path]
