"""The trial report: the seeds' three tables, the cost comparison and a verdict per candidate in
plain words, with every assumption listed — one self-contained HTML file (plots embedded), plus
Markdown and JSON."""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from typing import Any, Required, TypedDict

from supportllm.bench.document import Capacity as BenchCapacity
from supportllm.bench.results import load_run
from supportllm.cost.assumptions import Assumed, cost_assumptions
from supportllm.cost.model import REDUNDANCY, Capacity, SelfHosted, TicketShape, compare, gpu_plan
from supportllm.cost.plot import plot_cost
from supportllm.cost.prices import PRICES_DATE, find_api
from supportllm.evals.replay import replayed_tokens
from supportllm.trial.config import CandidateConfig, TrialConfig


class Batch1(TypedDict):
    ttft_p50: float | None
    tok_s: float | None


class Load(TypedDict):
    concurrency: int
    agg_tok_s: float
    ttft_p95: float | None


Tokens = TypedDict("Tokens", {"in": float, "out": float, "source": str})


class CostRow(TypedDict):
    api_monthly: float
    self_hosted: dict[str, float]
    break_even: float | None
    payback_months: float | None
    tickets_per_hour: float
    gpu: str


class CandidateRow(TypedDict, total=False):
    """One candidate in report.json (``supportllm.trial/1``): the report's tables read these."""

    name: Required[str]
    error: Required[str | None]
    batch1: Batch1 | None
    load: Load | None
    capacity: BenchCapacity  # the bench run's (bench/document.py)
    plots: list[Path]
    quality: dict[str, Any] | None  # evals/results.py per_model overall + "by"
    tokens: Tokens
    cost: CostRow
    verdict: str


class Money(TypedDict):
    rate: float
    symbol: str


class TrialReport(TypedDict):
    format: str
    name: str
    candidates: list[CandidateRow]
    assumptions: list[str]
    judge_unparsable: int
    money: Money


def _tokens(out: Path, name: str) -> tuple[float, float, str]:
    found = replayed_tokens(out / "replay", name)
    if found is None:
        return 800.0, 250.0, "assumed 800 in / 250 out (no replayed replies with token counts)"
    prompt, completion, count = found
    return prompt, completion, f"measured over {count} replayed replies"


def _cost(
    config: TrialConfig, candidate: CandidateConfig, capacity: float, shape: TicketShape
) -> tuple[CostRow, tuple[Any, TicketShape, SelfHosted, float, float | None]]:
    """The candidate's cost row, and what its cost plot needs."""
    plan = gpu_plan(candidate.gpu, candidate.gpus)
    c = config.cost
    hosted = SelfHosted(
        plan, Capacity(capacity, "bench"), c.peak_to_average, c.utilisation,
        REDUNDANCY[c.redundancy], c.engineering_hours, c.hourly_rate,
    )  # fmt: skip
    price = find_api(config.api.key)
    volume = config.api.tickets_per_month
    result = compare(price, shape, hosted, volume)
    row: CostRow = {
        "api_monthly": result.api_monthly,
        "self_hosted": result.self_hosted,
        "break_even": result.break_even,
        "payback_months": result.payback_months,
        "tickets_per_hour": capacity * 3600 / shape.output_tokens,
        "gpu": f"{int(result.self_hosted['replicas'])} × {candidate.gpus} {plan.gpu} "
        f"({plan.pricing})",
    }
    return row, (price, shape, hosted, volume, result.break_even)


def _quality(config: TrialConfig, settings: Any) -> dict[str, Any]:
    from supportllm.evals.grading import GradingStore
    from supportllm.evals.judge import JudgeStore, as_grades
    from supportllm.evals.results import per_model
    from supportllm.store.db import migrate, open_database

    engine = open_database(settings.resolved_database_url())
    migrate(engine)
    run_id = (config.out / "replay").resolve().name
    humans = GradingStore(engine).grades(run_id)
    judgements = JudgeStore(engine).judgements(run_id)
    judged = as_grades(judgements)
    unparsable = sum(1 for j in judgements if j["status"] != "scored")
    return {
        "humans": per_model(humans) if humans else {},
        "judge": per_model(judged) if judged else {},
        "judge_unparsable": unparsable,
    }


def build_report(config: TrialConfig, settings: Any, outcome: dict[str, Any]) -> TrialReport:
    out = config.out
    quality = _quality(config, settings)
    rate = config.api.eur_per_usd if config.api.currency == "eur" else 1.0
    symbol = "€" if config.api.currency == "eur" else "$"
    rows = []
    for candidate in config.candidates:
        name = candidate.name
        row: CandidateRow = {"name": name, "error": outcome.get(name, {}).get("error")}
        bench_dir = out / name / "bench"
        if (bench_dir / "run.json").is_file():
            run = load_run(bench_dir)
            levels = {
                lv["spec"]["concurrency"]: lv["summary"]
                for lv in run["levels"]
                if lv["spec"]["mode"] == "concurrency"
            }
            one = levels.get(1)
            busiest = max(levels) if levels else None
            row["batch1"] = (
                None
                if one is None
                else {
                    "ttft_p50": one["ttft_ms"]["p50"],
                    "tok_s": one["per_stream_tokens_per_s"]["p50"],
                }
            )
            row["load"] = None if busiest is None else {
                "concurrency": busiest, "agg_tok_s": levels[busiest]["output_tokens_per_s"],
                "ttft_p95": levels[busiest]["ttft_ms"]["p95"],
            }  # fmt: skip
            row["capacity"] = run["capacity"]
            row["plots"] = [bench_dir / "latency.png", bench_dir / "throughput.png"]
        source = (
            "humans" if name in quality["humans"] else "judge" if name in quality["judge"] else None
        )
        row["quality"] = (
            None if source is None else {**quality[source][name]["overall"], "by": source}
        )
        tin, tout, token_source = _tokens(out, name)
        row["tokens"] = {"in": tin, "out": tout, "source": token_source}
        cap: BenchCapacity = row.get("capacity") or {"met": False}
        if cap.get("met"):
            cost, drawn = _cost(
                config, candidate, cap["output_tokens_per_s"], TicketShape(tin, tout)
            )
            price, shape, hosted, volume, crossing = drawn
            plot = out / name / "cost.png"
            plot_cost(plot, price, shape, hosted, volume, crossing, rate, symbol)
            row["cost"] = cost
            row.setdefault("plots", []).append(plot)
        row["verdict"] = _verdict(row, config, rate, symbol)
        rows.append(row)
    report_unparsable = quality["judge_unparsable"]
    assumptions = [
        f"API replaced: {find_api(config.api.key).name}, prices as of {PRICES_DATE}; "
        f"{config.api.tickets_per_month:,.0f} tickets/month"
        + (
            f"; current bill {symbol}{config.api.monthly_bill:,.0f}/month"
            if config.api.monthly_bill
            else ""
        ),
        f"SLOs: TTFT ≤ {config.slo.ttft_ms:g} ms and TPOT ≤ {config.slo.tpot_ms:g} ms at p95 "
        "(capacity = the busiest benchmark level that met them)",
        *cost_assumptions(
            Assumed(
                find_api(config.api.key),
                config.cost.peak_to_average,
                config.cost.utilisation,
                config.cost.redundancy,
                config.cost.engineering_hours,
                config.cost.hourly_rate,
                config.api.currency,
                config.api.eur_per_usd,
            ),
            lambda usd: f"{symbol}{usd * rate:,.2f}",
        ),
        "monitoring, load balancer, storage and backup at the seeds' midpoints",
        f"benchmark: support-shaped prompts {config.bench.input_tokens} tokens in, "
        f"{config.bench.output_tokens} out, concurrency {config.bench.concurrency}, "
        f"{config.bench.requests} requests per level",
        "quality: blind human grades where present, else the LLM judge's (labelled); "
        f"{report_unparsable} judge answers could not be read and count as no score",
    ]
    return {"format": "supportllm.trial/1", "name": config.name, "candidates": rows,
            "assumptions": assumptions, "judge_unparsable": quality["judge_unparsable"],
            "money": {"rate": rate, "symbol": symbol}}  # fmt: skip


def _verdict(row: CandidateRow, config: TrialConfig, rate: float, symbol: str) -> str:
    if row["error"]:
        return f"{row['name']}: not measured — {row['error']}."
    parts = [row["name"]]
    quality = row.get("quality")
    if quality and quality.get("would_send") is not None:
        by = "grades" if quality["by"] == "humans" else "LLM-judge scores"
        parts.append(f"would-send {quality['would_send']:.0%} ({quality['grades']} {by})")
    cap: BenchCapacity = row.get("capacity") or {"met": False}
    cost = row.get("cost")
    if cap.get("met") and cost:
        parts.append(
            f"sustains {cap['output_tokens_per_s']:,.0f} tok/s at p95 TTFT "
            f"{cap['ttft_ms_at_percentile']:,.0f} ms = {cost['tickets_per_hour']:,.0f} tickets/h "
            f"on {cost['gpu']}"
        )
        crossing = cost["break_even"]
        parts.append(
            f"cheaper than the API above {crossing:,.0f} tickets/month"
            if crossing is not None
            else "never cheaper than the API below 100 M tickets/month"
        )
        monthly = cost["self_hosted"]["total"] * rate
        parts.append(
            f"{symbol}{monthly:,.0f}/month against {symbol}{cost['api_monthly'] * rate:,.0f} "
            f"for the API at {config.api.tickets_per_month:,.0f} tickets"
        )
        if cost["payback_months"] is not None:
            parts.append(f"payback {cost['payback_months']:.0f} months")
    elif "capacity" in row:
        parts.append(f"no benchmark level met the SLOs ({cap.get('reason', '')})")
    return "; ".join(parts) + "."


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;"
    "color:#1d2330}table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
    "td,th{border-bottom:1px solid #dde1e7;padding:.35rem .8rem;text-align:left}"
    "img{max-width:100%;border:1px solid #eee;margin:.4rem 0}.verdict li{margin:.4rem 0}"
)


def _scored_by(quality: dict[str, Any]) -> str:
    if quality.get("by") == "humans":
        return f"graders ({quality.get('grades')})"
    if quality.get("by") == "judge":
        return f"LLM judge ({quality.get('grades')})"
    return "–"


def _img(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode()
    return f'<img alt="{html.escape(path.name)}" src="data:image/png;base64,{data}">'


def _fmt(value: Any, digits: int = 0, unit: str = "") -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{unit}"


def write_report(report: TrialReport, out: Path) -> list[Path]:
    rate, symbol = report["money"]["rate"], report["money"]["symbol"]
    rows = report["candidates"]
    t1 = []
    for r in rows:
        one = r.get("batch1")
        t1.append([r["name"], _fmt(one and one["ttft_p50"]), _fmt(one and one["tok_s"], 1)])
    t2 = []
    for r in rows:
        load = r.get("load")
        t2.append(
            [
                r["name"],
                str(load["concurrency"]) if load else "–",
                _fmt(load and load["agg_tok_s"]),
                _fmt(load and load["ttft_p95"]),
            ]
        )
    t3 = []
    for r in rows:
        q = r.get("quality") or {}
        t3.append([r["name"], _fmt(q.get("tone"), 2), _fmt(q.get("accuracy"), 2),
                   "–" if q.get("would_send") is None else f"{q['would_send']:.0%}",
                   _scored_by(q)])  # fmt: skip
    t4 = []
    for r in rows:
        c = r.get("cost")
        t4.append([r["name"], c["gpu"] if c else "–",
                   f"{symbol}{c['self_hosted']['total'] * rate:,.0f}" if c else "–",
                   f"{symbol}{c['api_monthly'] * rate:,.0f}" if c else "–",
                   _fmt(c["break_even"]) if c else "–",
                   _fmt(c["payback_months"], 1) if c else "–"])  # fmt: skip
    tables = [
        ("Batch 1 (one stream)", ["Model", "TTFT p50 (ms)", "Output tok/s"], t1),
        (
            "Throughput under load (busiest level tested)",
            ["Model", "streams", "Aggregate tok/s", "p95 TTFT (ms)"],
            t2,
        ),
        ("Quality", ["Model", "Tone", "Accuracy", '"Would send"', "scored by"], t3),
        (
            "Cost per month and break-even",
            [
                "Model",
                "GPUs",
                "self-hosted",
                "API",
                "break-even (tickets/month)",
                "payback (months)",
            ],
            t4,
        ),
    ]
    md = [
        f"# Trial report: {report['name']}",
        "",
        "## Verdict",
        "",
        *(f"- {r['verdict']}" for r in rows),
        "",
    ]
    for title, head, body in tables:
        md += [
            f"## {title}",
            "",
            "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head),
            *("| " + " | ".join(b) + " |" for b in body),
            "",
        ]
    md += ["## Assumptions", "", *(f"- {a}" for a in report["assumptions"]), ""]
    (out / "report.md").write_text("\n".join(md) + "\n")
    document: dict[str, Any] = dict(report)
    document["candidates"] = [
        {**r, "plots": [str(plot) for plot in r.get("plots", [])]} for r in rows
    ]
    (out / "report.json").write_text(json.dumps(document, indent=2, default=str) + "\n")
    esc = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Trial report: {esc(report['name'])}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Trial report: {esc(report['name'])}</h1><h2>Verdict</h2><ul class='verdict'>",
        *(f"<li>{esc(r['verdict'])}</li>" for r in rows),
        "</ul>",
    ]
    for title, head, body in tables:
        parts.append(
            f"<h2>{esc(title)}</h2><table><tr>"
            + "".join(f"<th>{esc(h)}</th>" for h in head)
            + "</tr>"
        )
        parts += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in b) + "</tr>" for b in body]
        parts.append("</table>")
    parts.append("<h2>Plots</h2>")
    for r in rows:
        for plot in r.get("plots", []):
            if Path(plot).is_file():
                parts.append(f"<h3>{esc(r['name'])}: {esc(Path(plot).stem)}</h3>{_img(Path(plot))}")
    parts += [
        "<h2>Assumptions</h2><ul>",
        *(f"<li>{esc(a)}</li>" for a in report["assumptions"]),
        "</ul></body></html>",
    ]
    (out / "report.html").write_text("".join(parts))
    return [out / "report.html", out / "report.md", out / "report.json"]
