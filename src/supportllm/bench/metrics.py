"""Latency and throughput figures from request records, with vLLM's definitions.

- TTFT: request sent → first token-bearing event.
- ITL: the gaps between successive token-bearing events (all requests' gaps pooled).
- TPOT: (E2EL − TTFT) / (output tokens − 1), per request.
- E2EL: request sent → last byte of the reply.
- Output tokens come from the server's ``usage``; the event count is the cross-check (and the
  fallback when a server sends no usage).
- Goodput: requests per second that met every SLO (``--slo ttft=500,tpot=50``, in ms).
"""

from __future__ import annotations

import bisect
import itertools
import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from supportllm.bench.client import RequestRecord
from supportllm.bench.document import Capacity, LevelDocument, Summary, stats_of

PERCENTILES = (50, 90, 95, 99)
SLO_METRICS = ("ttft", "tpot", "itl", "e2el")


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100), as numpy's default; NaN when empty."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def stats(values: Sequence[float]) -> dict[str, float | None]:
    """mean, std, min, p50, p90, p95, p99, max — None when there are no values."""
    if not values:
        return {k: None for k in ("mean", "std", "min", "p50", "p90", "p95", "p99", "max")}
    ordered = sorted(values)
    out: dict[str, float | None] = {
        "mean": statistics.fmean(ordered),
        "std": statistics.pstdev(ordered) if len(ordered) > 1 else 0.0,
        "min": ordered[0],
    }
    for q in PERCENTILES:
        out[f"p{q}"] = percentile(ordered, q)
    out["max"] = ordered[-1]
    return out


@dataclass(frozen=True)
class SLO:
    """Limits in ms for ttft, tpot, itl (a request's worst gap) and e2el."""

    limits: dict[str, float]

    @classmethod
    def parse(cls, text: str) -> SLO:
        limits: dict[str, float] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, _, value = part.partition("=")
            name = name.strip().lower()
            if name not in SLO_METRICS:
                raise ValueError(
                    f"unknown SLO metric '{name}'; use {', '.join(SLO_METRICS)} "
                    "(milliseconds), e.g. ttft=500,tpot=50"
                )
            try:
                limit = float(value)
            except ValueError:
                raise ValueError(f"SLO '{part}' needs a number of milliseconds") from None
            if not limit > 0:
                raise ValueError(f"SLO '{part}' must be > 0 ms")
            limits[name] = limit
        if not limits:
            raise ValueError("give at least one SLO, e.g. ttft=500,tpot=50")
        return cls(limits)

    def describe(self) -> str:
        return ",".join(f"{k}={v:g}" for k, v in self.limits.items())


@dataclass(frozen=True)
class RequestFigures:
    """One successful request's figures in ms and tokens."""

    ttft: float
    e2el: float
    tpot: float | None
    itl_max: float | None
    gaps: list[float]
    output_tokens: int
    prompt_tokens: int | None
    events: int

    def meets(self, slo: SLO) -> bool:
        for name, limit in slo.limits.items():
            value = {"ttft": self.ttft, "tpot": self.tpot, "itl": self.itl_max, "e2el": self.e2el}[
                name
            ]
            if value is not None and value > limit:
                return False
        return True


def figures(record: RequestRecord) -> RequestFigures | None:
    if not record.ok or not record.chunk_times or record.end is None:
        return None
    times = record.chunk_times
    ttft = (times[0] - record.start) * 1000
    e2el = (record.end - record.start) * 1000
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(times)]
    out = record.completion_tokens if record.completion_tokens else len(times)
    tpot = (e2el - ttft) / (out - 1) if out > 1 else None
    return RequestFigures(
        ttft, e2el, tpot, max(gaps) if gaps else None, gaps, out, record.prompt_tokens, len(times)
    )


def _steady_window(
    records: Sequence[RequestRecord], measured: Sequence[RequestRecord]
) -> tuple[float, float] | None:
    """From the end of the last warm-up request to the start of the last request: while every
    stream is busy (closed loop) or arrivals go on (open loop). None when too short to use."""
    if len(measured) < 2:
        return None
    starts = [r.start for r in measured]
    ends = [r.end for r in measured if r.end is not None]
    warm_ends = [r.end for r in records if r.warmup and r.end is not None]
    begin, finish = max([min(starts), *warm_ends]), max(starts)
    span = (max(ends) if ends else finish) - min(starts)
    if finish - begin <= 0 or finish - begin < 0.2 * span:
        return None
    return begin, finish


def _window_throughput(
    records: Sequence[RequestRecord], slo: SLO | None, begin: float, finish: float
) -> dict[str, float | None]:
    """Tokens streamed and requests finished inside [begin, finish], per second."""
    length = finish - begin
    tokens = 0.0
    prompt = 0
    completed = 0
    good = 0
    for record in records:
        times = record.chunk_times
        if times:
            inside = bisect.bisect_right(times, finish) - bisect.bisect_left(times, begin)
            ratio = record.completion_tokens / len(times) if record.completion_tokens else 1.0
            tokens += inside * ratio
            if begin <= times[0] <= finish:
                prompt += record.prompt_tokens or record.estimated_prompt_tokens or 0
        if record.end is not None and begin <= record.end <= finish:
            result = figures(record)
            if result is not None:
                completed += 1
                good += slo is not None and result.meets(slo)
    return {
        "output_tokens_per_s": tokens / length,
        "total_tokens_per_s": (tokens + prompt) / length,
        "requests_per_s": completed / length,
        "goodput_requests_per_s": good / length if slo is not None else None,
    }


def summarize(
    records: Sequence[RequestRecord], slo: SLO | None, *, started: float, ended: float
) -> Summary:
    """The figures of one level (warm-up requests excluded).

    Throughput comes from the steady window (see ``_steady_window``) when there is one, so
    neither the ramp-up, nor warm-up requests, nor the tail when streams run dry dilute it;
    otherwise from the whole level (``throughput_window.kind`` says which).
    """
    measured = [r for r in records if not r.warmup]
    done = [(r, f) for r in measured if (f := figures(r)) is not None]
    failed = [r for r in measured if figures(r) is None]
    starts = [r.start for r in measured] or [started]
    ends = [r.end for r in measured if r.end is not None] or [ended]
    duration = max(1e-9, max(ends) - min(starts))
    outs = [f.output_tokens for _, f in done]
    prompts = [
        f.prompt_tokens if f.prompt_tokens is not None else r.estimated_prompt_tokens
        for r, f in done
    ]
    prompts_known = [p for p in prompts if p is not None]
    estimated_inputs = sum(1 for _, f in done if f.prompt_tokens is None)
    with_usage = [f for r, f in done if r.completion_tokens]
    mismatched = sum(1 for f in with_usage if f.output_tokens != f.events)
    gaps = [gap for _, f in done for gap in f.gaps]
    per_stream = [
        (f.output_tokens - 1) / ((f.e2el - f.ttft) / 1000)
        for _, f in done
        if f.output_tokens > 1 and f.e2el > f.ttft
    ]
    requested = [r.requested_output for r, _ in done if r.requested_output]
    good = sum(1 for _, f in done if f.meets(slo)) if slo else None
    queued = [
        (r.start - r.scheduled) * 1000 for r in measured if r.scheduled is not None and r.start
    ]
    errors = Counter(r.error or "no tokens" for r in failed)
    window = _steady_window(records, measured)
    throughput: dict[str, float | None]
    if window is not None:
        throughput = _window_throughput(records, slo, *window)
        window_info = {
            "kind": "steady",
            "start_s": window[0] - min(starts),
            "length_s": window[1] - window[0],
        }
    else:
        throughput = {
            "output_tokens_per_s": sum(outs) / duration,
            "total_tokens_per_s": (sum(outs) + sum(prompts_known)) / duration,
            "requests_per_s": len(done) / duration,
            "goodput_requests_per_s": None if good is None else good / duration,
        }
        window_info = {"kind": "whole", "start_s": 0.0, "length_s": duration}
    return {
        "requests": len(measured),
        "completed": len(done),
        "failed": len(failed),
        "error_rate": len(failed) / len(measured) if measured else 0.0,
        "errors": dict(errors.most_common()),
        "error_examples": {
            kind: next((r.message for r in failed if r.error == kind and r.message), None)
            for kind in errors
        },
        "duration_s": duration,
        "ttft_ms": stats([f.ttft for _, f in done]),
        "itl_ms": stats(gaps),
        "tpot_ms": stats([f.tpot for _, f in done if f.tpot is not None]),
        "e2el_ms": stats([f.e2el for _, f in done]),
        "output_tokens_per_s": throughput["output_tokens_per_s"] or 0.0,
        "total_tokens_per_s": throughput["total_tokens_per_s"] or 0.0,
        "requests_per_s": throughput["requests_per_s"] or 0.0,
        "goodput_requests_per_s": throughput["goodput_requests_per_s"],
        "throughput_window": window_info,
        "per_stream_tokens_per_s": stats(per_stream),
        "goodput_share": None if good is None or not measured else good / len(measured),
        "input_tokens": stats([float(p) for p in prompts_known]),
        "output_tokens": stats([float(o) for o in outs]),
        "requested_output_tokens_mean": statistics.fmean(requested) if requested else None,
        "reached_requested_length": (
            sum(1 for r, f in done if r.requested_output and f.output_tokens >= r.requested_output)
            / len(requested)
            if requested
            else None
        ),
        "token_counts": {
            "from_usage": len(with_usage),
            "from_events": len(done) - len(with_usage),
            "usage_differs_from_events": mismatched,
            "input_estimated": estimated_inputs,
        },
        "client_queue_ms": stats(queued) if queued else None,
    }


def slo_misses(
    summary: Summary, slo: SLO, percentile_name: str, max_error_rate: float
) -> list[str]:
    """Why a level does not meet the SLOs at ``percentile_name`` (e.g. p95); empty if it does.

    ``itl`` is held at the percentile of all gaps, the others at that of the requests.
    """
    if summary["completed"] == 0:
        return ["no request completed"]
    misses = []
    if summary["error_rate"] > max_error_rate:
        misses.append(f"error rate {summary['error_rate']:.0%} > {max_error_rate:.0%}")
    for name, limit in slo.limits.items():
        value = stats_of(summary, f"{name}_ms")[percentile_name]
        if value is not None and value > limit:
            misses.append(f"{name} {percentile_name} {value:,.0f} ms > {limit:g} ms")
    return misses


def capacity(
    levels: Sequence[LevelDocument],
    slo: SLO,
    *,
    percentile_q: int = 95,
    max_error_rate: float = 0.01,
) -> Capacity:
    """The sweep level with the highest throughput whose p95 figures still meet the SLOs.

    This is the "sustainable tokens/s at SLO" the cost model turns into GPUs and tickets/hour.
    """
    name = f"p{percentile_q}"
    misses = {
        level["label"]: slo_misses(level["summary"], slo, name, max_error_rate) for level in levels
    }
    meeting = [level for level in levels if not misses[level["label"]]]
    base: Capacity = {
        "met": False,
        "slo": slo.limits,
        "percentile": percentile_q,
        "max_error_rate": max_error_rate,
        "levels_tested": len(levels),
        "levels_meeting": len(meeting),
    }
    if not meeting:
        reasons = "; ".join(f"{label}: {', '.join(why)}" for label, why in misses.items())
        unmet: Capacity = {**base, "met": False, "reason": reasons or "no complete level"}
        completed = [level for level in levels if level["summary"]["completed"] > 0]
        if not completed:
            return unmet
        # What was measured all the same: the busiest level's throughput and latency, so the
        # cost model can size with it (flagged "SLO not met") instead of refusing.
        best = max(completed, key=lambda level: level["summary"]["output_tokens_per_s"])
        return {
            **_level_figures(best, name),
            **unmet,
            "misses": misses[best["label"]],
            "note": "SLO not met at any level tested: the busiest level measured",
        }
    best = max(meeting, key=lambda level: level["summary"]["output_tokens_per_s"])
    return {
        **base,
        "met": True,
        **_level_figures(best, name),
        "highest_level_meets": best is levels[-1],
        "note": (
            "the highest level tested still meets the SLOs: the true capacity may be higher"
            if best is levels[-1]
            else "throughput of the busiest level that met the SLOs"
        ),
    }


def _level_figures(best: LevelDocument, name: str) -> Capacity:
    """A level's figures in the capacity document (``met`` is the caller's to set)."""
    summary = best["summary"]
    return {
        "met": True,
        "level": best["spec"],
        "concurrency": best["spec"].get("concurrency"),
        "rate": best["spec"].get("rate"),
        "output_tokens_per_s": summary["output_tokens_per_s"],
        "total_tokens_per_s": summary["total_tokens_per_s"],
        "requests_per_s": summary["requests_per_s"],
        "mean_input_tokens": summary["input_tokens"]["mean"],
        "mean_output_tokens": summary["output_tokens"]["mean"],
        "ttft_ms_at_percentile": summary["ttft_ms"][name],
        "tpot_ms_at_percentile": summary["tpot_ms"][name],
    }
