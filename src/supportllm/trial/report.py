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
from supportllm.cost.model import (
    REDUNDANCY,
    Capacity,
    SelfHosted,
    TicketShape,
    api_monthly,
    compare,
    gpu_plan,
)
from supportllm.cost.plot import plot_cost
from supportllm.cost.prices import PRICES_DATE, find_api
from supportllm.evals.reference import CandidateSimilarity
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
    pricing: str  # on-demand, reserved or purchase (payback exists for purchase only)
    slo_met: bool  # False: sized with the busiest level measured, which missed the SLOs


class JudgeCount(TypedDict):
    valid: int
    total: int


class CandidateRow(TypedDict, total=False):
    """One candidate in report.json (``supportllm.trial/1``): the report's tables read these."""

    name: Required[str]
    error: Required[str | None]
    batch1: Batch1 | None
    load: Load | None
    capacity: BenchCapacity  # the bench run's (bench/document.py)
    plots: list[Path]
    quality: dict[str, Any] | None  # evals/results.py per_model overall + "by"
    judge: JudgeCount | None  # the LLM judge's valid answers among its judgements
    similarity: CandidateSimilarity | None  # evals/reference.py, when tickets carry replies
    tokens: Tokens
    api_monthly: float  # the API's bill at this candidate's ticket shape: never depends on ours
    cost: CostRow
    suggestions: list[str]  # what would meet the SLOs, when no level did
    verdict: str


class Money(TypedDict):
    rate: float
    symbol: str


class TrialReport(TypedDict):
    format: str
    name: str
    answer: str  # the answer to "is self-hosting worth it for you?", first in the report
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
    config: TrialConfig,
    candidate: CandidateConfig,
    capacity: float,
    shape: TicketShape,
    slo_met: bool,
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
        "gpu": f"{int(result.self_hosted['replicas'])} × "
        + (f"{candidate.gpus}-GPU {plan.gpu}" if candidate.gpus > 1 else plan.gpu)
        + f" ({plan.pricing})",
        "pricing": plan.pricing,
        "slo_met": slo_met,
    }
    return row, (price, shape, hosted, volume, result.break_even)


def _quality(config: TrialConfig, settings: Any) -> dict[str, Any]:
    from supportllm.evals.grading import GradingStore
    from supportllm.evals.judge import JudgeStore, as_grades
    from supportllm.evals.reference import reference_pairs, reference_similarity
    from supportllm.evals.results import per_model
    from supportllm.store.db import migrate, open_database

    engine = open_database(settings.resolved_database_url())
    migrate(engine)
    run_id = (config.out / "replay").resolve().name
    humans = GradingStore(engine).grades(run_id)
    judgements = JudgeStore(engine).judgements(run_id)
    judged = as_grades(judgements)
    unparsable = sum(1 for j in judgements if j["status"] != "scored")
    counts: dict[str, JudgeCount] = {}
    for j in judgements:
        count = counts.setdefault(j["candidate"], {"valid": 0, "total": 0})
        count["total"] += 1
        count["valid"] += j["status"] == "scored"
    pairs = reference_pairs(engine, run_id)
    similarity: dict[str, CandidateSimilarity] = {}
    if pairs:
        from supportllm.retrieval.embed import SentenceTransformerEmbedder

        retrieval = settings.retrieval
        embedder = SentenceTransformerEmbedder(
            retrieval.embedder, device=retrieval.device, batch_size=retrieval.embed_batch_size
        )
        similarity = reference_similarity(pairs, embedder)
    return {
        "humans": per_model(humans) if humans else {},
        "judge": per_model(judged) if judged else {},
        "judge_counts": counts,
        "judge_unparsable": unparsable,
        "similarity": similarity,
    }


def _suggestions(bench_dir: Path, config: TrialConfig, candidate: CandidateConfig) -> list[str]:
    """What would meet the SLOs when no level did: looser SLOs (the figures a level measured),
    fewer streams, a GPU."""
    run = load_run(bench_dir)
    levels = [lv for lv in run["levels"] if lv["summary"]["completed"] > 0]
    if not levels:
        return []
    percentile = f"p{run['capacity'].get('percentile', 95)}"
    quickest = min(levels, key=lambda lv: lv["summary"]["ttft_ms"][percentile] or float("inf"))
    summary = quickest["summary"]
    ttft, tpot = summary["ttft_ms"][percentile], summary["tpot_ms"][percentile]
    where = quickest["label"]
    out = []
    if ttft is not None and tpot is not None:
        out.append(
            f"a looser SLO: TTFT ≤ {ttft:,.0f} ms and TPOT ≤ {tpot:,.0f} ms at {percentile} "
            f"were measured at {where}"
        )
    if candidate.engine == "llamacpp":
        out.append(
            "a GPU: this candidate ran on llama.cpp on this machine's CPU; run it with vLLM on a "
            "GPU from the catalog (`supportllm models fit MODEL --gpu l4` says which fit)"
        )
    else:
        out.append(
            f"more or faster GPUs than {candidate.gpus} × {candidate.gpu.split(':')[0]}, or a "
            "smaller or quantised model (`supportllm models fit`)"
        )
    return out


def build_report(config: TrialConfig, settings: Any, outcome: dict[str, Any]) -> TrialReport:
    out = config.out
    quality = _quality(config, settings)
    rate = config.api.eur_per_usd if config.api.currency == "eur" else 1.0
    symbol = "€" if config.api.currency == "eur" else "$"
    volume = config.api.tickets_per_month
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
        row["judge"] = quality["judge_counts"].get(name)
        row["similarity"] = quality["similarity"].get(name)
        tin, tout, token_source = _tokens(out, name)
        row["tokens"] = {"in": tin, "out": tout, "source": token_source}
        shape = TicketShape(tin, tout)
        row["api_monthly"] = api_monthly(find_api(config.api.key), shape, volume)
        cap: BenchCapacity = row.get("capacity") or {"met": False}
        if cap.get("output_tokens_per_s"):
            cost, drawn = _cost(config, candidate, cap["output_tokens_per_s"], shape, cap["met"])
            price, shape, hosted, volume, crossing = drawn
            plot = out / name / "cost.png"
            plot_cost(plot, price, shape, hosted, volume, crossing, rate, symbol)
            row["cost"] = cost
            row.setdefault("plots", []).append(plot)
        row["suggestions"] = (
            _suggestions(bench_dir, config, candidate)
            if "capacity" in row and not cap.get("met")
            else []
        )
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
        "(capacity = the busiest benchmark level that met them; where none did, the busiest "
        "level measured, flagged 'SLO not met')"
        + (f" — {config.slo.note}" if config.slo.note else ""),
        "capacity is what the benchmark measured where each candidate ran; the cost prices that "
        "capacity on the candidate's `gpu` setting "
        + ", ".join(f"({c.name}: {c.gpus} × {c.gpu})" for c in config.candidates),
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
        "quality: blind human grades where present, else the LLM judge's (labelled, asked for "
        "structured output); "
        f"{report_unparsable} judge answers could not be read and count as no score",
        "similarity to the agent's reply: cosine similarity of the candidate's reply and the "
        "reply the agent sent (the ticket's reference_reply), embedded with "
        f"{settings.retrieval.embedder}; 1 = same meaning. It rewards saying what the agent said, "
        "not saying it well",
    ]
    return {"format": "supportllm.trial/1", "name": config.name,
            "answer": _answer(rows, config, rate, symbol), "candidates": rows,
            "assumptions": assumptions, "judge_unparsable": quality["judge_unparsable"],
            "money": {"rate": rate, "symbol": symbol}}  # fmt: skip


def _money(usd: float, rate: float, symbol: str) -> str:
    return f"{symbol}{usd * rate:,.0f}"


def _verdict(row: CandidateRow, config: TrialConfig, rate: float, symbol: str) -> str:
    """One candidate in a sentence: quality, capacity, cost."""
    if row["error"]:
        return f"{row['name']}: not measured — {row['error']}."
    parts = [row["name"]]
    quality = row.get("quality")
    if quality and quality.get("would_send") is not None:
        by = "grades" if quality["by"] == "humans" else "LLM-judge scores"
        parts.append(f"would-send {quality['would_send']:.0%} ({quality['grades']} {by})")
    similarity = row.get("similarity")
    if similarity:
        parts.append(
            f"similarity to the agent's replies {similarity['overall']['mean']:.2f} "
            f"({similarity['overall']['n']} tickets)"
        )
    cap: BenchCapacity = row.get("capacity") or {"met": False}
    cost = row.get("cost")
    if cost:
        level = f"concurrency {cap['concurrency']}" if cap.get("concurrency") else "its best level"
        parts.append(
            f"{'sustains' if cap['met'] else 'SLO not met at any level tested; best measured'} "
            f"{cap['output_tokens_per_s']:,.1f} tok/s at {level} (p95 TTFT "
            f"{cap['ttft_ms_at_percentile']:,.0f} ms) = {cost['tickets_per_hour']:,.0f} "
            f"tickets/h on {cost['gpu']}"
        )
        crossing = cost["break_even"]
        parts.append(
            f"cheaper than the API above {crossing:,.0f} tickets/month"
            if crossing is not None
            else "never cheaper than the API below 100 M tickets/month"
        )
        parts.append(
            f"{_money(cost['self_hosted']['total'], rate, symbol)}/month against "
            f"{_money(cost['api_monthly'], rate, symbol)} for the API at "
            f"{config.api.tickets_per_month:,.0f} tickets"
        )
        if cost["payback_months"] is not None:
            parts.append(f"payback {cost['payback_months']:.0f} months")
    elif "capacity" in row:
        parts.append(f"no benchmark level completed ({cap.get('reason', '')})")
    if row.get("suggestions"):
        parts.append("to meet the SLOs: " + "; or ".join(row["suggestions"]))
    return "; ".join(parts) + "."


def _answer(rows: list[CandidateRow], config: TrialConfig, rate: float, symbol: str) -> str:
    """The answer to "is self-hosting worth it for you?", in the seeds' plain style."""
    volume = f"{config.api.tickets_per_month:,.0f} tickets/month"
    api_name = find_api(config.api.key).name
    priced = [r for r in rows if not r["error"] and r.get("cost")]
    if not priced:
        why = "; ".join(
            f"{r['name']}: {r['error'] or 'no benchmark level completed'}" for r in rows
        )
        return f"No answer yet: no candidate could be measured ({why})."
    best = min(priced, key=lambda r: r["cost"]["self_hosted"]["total"])
    cost = best["cost"]
    ours, theirs = cost["self_hosted"]["total"], cost["api_monthly"]
    crossing = cost["break_even"]
    when = (
        f"self-hosting starts saving money around {crossing:,.0f} tickets/month"
        if crossing is not None
        else "self-hosting does not get cheaper than the API below 100 M tickets/month"
    )
    figures = (
        f"{best['name']} on {cost['gpu']} costs {_money(ours, rate, symbol)}/month against "
        f"{_money(theirs, rate, symbol)} for {api_name} at {volume}"
    )
    quality = best.get("quality")
    judged_only = quality is not None and quality.get("by") == "judge"
    grade_first = (
        " Its quality is scored by the LLM judge only: have two agents grade the replies blind "
        "(`supportllm grade serve`) before deciding."
        if judged_only or quality is None
        else ""
    )
    if not cost["slo_met"]:
        return (
            f"Not as measured: stay on {api_name} for now. No candidate met the SLOs at any "
            f"level tested, so no self-hosted figure is one you could put in front of customers; "
            f"sized at its best level anyway, {figures}, and {when}. "
            + (
                f"To meet the SLOs: {'; or '.join(best['suggestions'])}."
                if best.get("suggestions")
                else ""
            )
        ).strip()
    if ours < theirs:
        saving = theirs - ours
        return (
            f"Yes, on cost: {figures} — {_money(saving, rate, symbol)}/month "
            f"({saving / theirs:.0%}) less, within the SLOs; {when}.{grade_first}"
        )
    return f"No: stay on {api_name}. {figures}; {when}, and you are below that.{grade_first}"


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;"
    "color:#1d2330}table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
    "td,th{border-bottom:1px solid #dde1e7;padding:.35rem .8rem;text-align:left}"
    "img{max-width:100%;border:1px solid #eee;margin:.4rem 0}.verdict li{margin:.4rem 0}"
    ".answer{font-size:1.15rem;background:#f3f6fa;border-left:4px solid #3b6fb6;padding:.8rem 1rem}"
)


def _scored_by(quality: dict[str, Any]) -> str:
    if quality.get("by") == "humans":
        return f"graders ({quality.get('grades')})"
    if quality.get("by") == "judge":
        return f"LLM judge ({quality.get('grades')})"
    return "–"


def _missing(row: CandidateRow, otherwise: str) -> str:
    """A cell with no figure says why: the candidate's failure, or what was not measured."""
    return "failed (see the verdict)" if row["error"] else otherwise


def _quality_cells(row: CandidateRow) -> list[str]:
    """Tone, accuracy, would-send, who scored, similarity: each with its scale."""
    q = row.get("quality") or {}
    judge = row.get("judge")
    similarity = row.get("similarity")
    sim = (
        f"{similarity['overall']['mean']:.2f} / 1 ({similarity['overall']['n']} tickets)"
        if similarity
        else _missing(row, "no reference replies")
    )
    if not q:
        why = (
            f"no valid judgement ({judge['valid']} of {judge['total']})"
            if judge
            else _missing(row, "not graded")
        )
        return [why, why, why, "–", sim]
    scored = _scored_by(q)
    if q.get("by") == "judge" and judge:
        scored = f"LLM judge ({judge['valid']} of {judge['total']} judgements valid)"
    return [
        "–" if q.get("tone") is None else f"{q['tone']:.2f} / 5",
        "–" if q.get("accuracy") is None else f"{q['accuracy']:.2f} / 5",
        "–" if q.get("would_send") is None else f"{q['would_send']:.0%}",
        scored,
        sim,
    ]


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
        t1.append(
            [r["name"], _fmt(one and one["ttft_p50"]), _fmt(one and one["tok_s"], 1)]
            if one
            else [r["name"], _missing(r, "concurrency 1 not tested"), _missing(r, "–")]
        )
    t2 = []
    for r in rows:
        load = r.get("load")
        t2.append(
            [r["name"], str(load["concurrency"]), _fmt(load["agg_tok_s"], 1),
             _fmt(load["ttft_p95"])]
            if load
            else [r["name"], *([_missing(r, "not benchmarked")] * 3)]
        )  # fmt: skip
    t3 = [[r["name"], *_quality_cells(r)] for r in rows]
    t4 = []
    for r in rows:
        c = r.get("cost")
        api = _money(r["api_monthly"], rate, symbol) if "api_monthly" in r else "–"
        if c is None:
            t4.append([r["name"], _missing(r, "not benchmarked"), "–", api, "–", "–", "–"])
            continue
        t4.append(
            [r["name"], c["gpu"], _money(c["self_hosted"]["total"], rate, symbol), api,
             _fmt(c["break_even"]) if c["break_even"] is not None else "never below 100 M",
             _fmt(c["payback_months"], 1) if c["payback_months"] is not None
             else ("never" if c["pricing"] == "purchase" else f"n/a ({c['pricing']})"),
             "met" if c["slo_met"] else "SLO not met at any level tested"]
        )  # fmt: skip
    tables = [
        ("Batch 1 (one stream)", ["Model", "TTFT p50 (ms)", "Output tok/s"], t1),
        (
            "Throughput under load (busiest level tested)",
            ["Model", "streams", "Aggregate tok/s", "p95 TTFT (ms)"],
            t2,
        ),
        (
            "Quality",
            ["Model", "Tone", "Accuracy", '"Would send"', "scored by",
             "Similarity to the agent's reply"],
            t3,
        ),
        (
            "Cost per month and break-even",
            ["Model", "GPUs", "self-hosted", "API", "break-even (tickets/month)",
             "payback (months)", "SLOs"],
            t4,
        ),
    ]  # fmt: skip
    md = [
        f"# Trial report: {report['name']}",
        "",
        "## Is self-hosting worth it for you?",
        "",
        report["answer"],
        "",
        "## Per candidate",
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
        f"<h1>Trial report: {esc(report['name'])}</h1>",
        f"<h2>Is self-hosting worth it for you?</h2><p class='answer'>{esc(report['answer'])}</p>",
        "<h2>Per candidate</h2><ul class='verdict'>",
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
