"""PNG plots of one or more runs: latency and throughput against load, and TTFT distributions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from supportllm.bench.document import RunDocument, Summary, stats_of
from supportllm.plotting import pyplot

LATENCY_PNG = "latency.png"
THROUGHPUT_PNG = "throughput.png"
TTFT_PNG = "ttft_distribution.png"
MAX_LEVEL_TICKS = 12  # up to this many levels, each gets its tick


def _series(run: RunDocument) -> tuple[str, list[tuple[float, Summary]]]:
    """(axis label, [(x, summary)]) for the run's closed-loop levels, else its open-loop ones."""
    closed = [lv for lv in run["levels"] if lv["spec"]["mode"] == "concurrency"]
    if closed:
        return "concurrent streams", [(lv["spec"]["concurrency"], lv["summary"]) for lv in closed]
    return "requests per second", [(lv["spec"]["rate"], lv["summary"]) for lv in run["levels"]]


def _axis(ax: Any, runs: Sequence[RunDocument]) -> None:
    """Ticks at the measured levels of every run (a concurrency axis shows whole streams, never
    "1.5"); a base-2 log scale when the levels span 8× or more."""
    import matplotlib.ticker as ticker

    label, xs = "", set[float]()
    for run in runs:
        label, points = _series(run)
        xs.update(x for x, _ in points)
    levels = sorted(xs)
    log = bool(levels) and levels[0] > 0 and levels[-1] / levels[0] >= 8
    if log:
        ax.set_xscale("log", base=2)
    if len(levels) <= MAX_LEVEL_TICKS:
        ax.xaxis.set_major_locator(ticker.FixedLocator(levels))
    else:  # too many levels to label each: whole numbers (powers of two on a log scale)
        ax.xaxis.set_major_locator(
            ticker.LogLocator(base=2) if log else ticker.MaxNLocator(integer=True)
        )
    ax.xaxis.set_minor_locator(ticker.NullLocator())
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: f"{x:g}"))
    ax.set_xlabel(label)
    ax.grid(True, alpha=0.3)


def _from_zero(ax: Any) -> None:
    top = ax.dataLim.ymax
    ax.set_ylim(0, top * 1.15 if top > 0 and top != float("inf") else 1)


def _value(summary: Summary, metric: str, stat: str) -> float:
    value = stats_of(summary, metric)[stat]
    return float("nan") if value is None else float(value)


def plot_runs(runs: Sequence[RunDocument], out_dir: Path) -> list[str]:
    """Write the three plots into ``out_dir``; returns their file names."""
    plt = pyplot()
    names: list[str] = []
    for name, build in (
        (LATENCY_PNG, latency_figure),
        (THROUGHPUT_PNG, throughput_figure),
        (TTFT_PNG, ttft_figure),
    ):
        fig = build(runs)
        fig.tight_layout()
        fig.savefig(out_dir / name, dpi=110)
        plt.close(fig)
        names.append(name)
    return names


def latency_figure(runs: Sequence[RunDocument]) -> Any:
    """TTFT, ITL and TPOT against load (a matplotlib Figure)."""
    plt = pyplot()
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    fig, (ax_ttft, ax_itl) = plt.subplots(1, 2, figsize=(11, 4.2))
    for number, run in enumerate(runs):
        _, points = _series(run)
        xs = [x for x, _ in points]
        color = colors[number % len(colors)]
        ax_ttft.plot(
            xs,
            [_value(s, "ttft_ms", "p50") for _, s in points],
            "o-",
            color=color,
            label=f"{run['name']} p50",
        )
        ax_ttft.plot(
            xs,
            [_value(s, "ttft_ms", "p95") for _, s in points],
            "s--",
            color=color,
            alpha=0.7,
            label=f"{run['name']} p95",
        )
        ax_itl.plot(
            xs,
            [_value(s, "itl_ms", "p50") for _, s in points],
            "o-",
            color=color,
            label=f"{run['name']} ITL p50",
        )
        ax_itl.plot(
            xs,
            [_value(s, "tpot_ms", "p95") for _, s in points],
            "s--",
            color=color,
            alpha=0.7,
            label=f"{run['name']} TPOT p95",
        )
    _axis(ax_ttft, runs)
    _axis(ax_itl, runs)
    ax_ttft.set_ylabel("time to first token (ms)")
    ax_ttft.set_title("TTFT against load")
    ax_itl.set_ylabel("ms")
    ax_itl.set_title("inter-token latency and TPOT against load")
    for ax in (ax_ttft, ax_itl):
        _from_zero(ax)
        ax.legend(fontsize=8)
    return fig


def throughput_figure(runs: Sequence[RunDocument]) -> Any:
    """Aggregate and per-stream output tokens/s against load, capacity marked (a Figure)."""
    plt = pyplot()
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    fig, (ax_agg, ax_stream) = plt.subplots(1, 2, figsize=(11, 4.2))
    for number, run in enumerate(runs):
        label, points = _series(run)
        xs = [x for x, _ in points]
        color = colors[number % len(colors)]
        ax_agg.plot(
            xs, [s["output_tokens_per_s"] for _, s in points], "o-", color=color, label=run["name"]
        )
        cap = run.get("capacity") or {}
        if cap.get("met") and cap.get("concurrency") and label == "concurrent streams":
            ax_agg.plot(
                [cap["concurrency"]],
                [cap["output_tokens_per_s"]],
                "*",
                color=color,
                markersize=16,
                label=f"{run['name']}: capacity at SLO",
            )
        ax_stream.plot(
            xs,
            [_value(s, "per_stream_tokens_per_s", "p50") for _, s in points],
            "o-",
            color=color,
            label=run["name"],
        )
    _axis(ax_agg, runs)
    _axis(ax_stream, runs)
    ax_agg.set_ylabel("aggregate output tokens/s")
    ax_agg.set_title("throughput against load")
    ax_stream.set_ylabel("output tokens/s per stream (p50)")
    ax_stream.set_title("what one user sees")
    for ax in (ax_agg, ax_stream):
        _from_zero(ax)
        ax.legend(fontsize=8)
    return fig


def ttft_figure(runs: Sequence[RunDocument]) -> Any:
    """The cumulative TTFT distribution per level (a Figure)."""
    plt = pyplot()
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    styles = ["-", "--", ":", "-."]
    for number, run in enumerate(runs):
        color = colors[number % len(colors)]
        for index, level in enumerate(run["levels"]):
            ttfts = sorted(
                r["chunk_ms"][0]
                for r in level["records"]
                if not r["warmup"] and r["error"] is None and r["chunk_ms"]
            )
            if not ttfts:
                continue
            share = [(i + 1) / len(ttfts) for i in range(len(ttfts))]
            line_color = color if len(runs) > 1 else colors[index % len(colors)]
            style = styles[index % len(styles)] if len(runs) > 1 else "-"
            ax.step(
                ttfts,
                share,
                where="post",
                color=line_color,
                linestyle=style,
                label=f"{run['name']}, {level['label']}",
            )
    ax.set_xlabel("time to first token (ms)")
    ax.set_ylabel("share of requests")
    ax.set_title("TTFT distribution (cumulative)")
    ax.set_ylim(0, 1.01)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=7)
    return fig
