"""The benchmark's arithmetic and inputs: metric definitions, lengths, SLOs, capacity, workloads,
tickets and Prometheus parsing — each checked against values worked out by hand."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from supportllm.bench.client import RequestRecord
from supportllm.bench.lengths import LengthDist
from supportllm.bench.metrics import SLO, capacity, percentile, summarize
from supportllm.bench.scrape import parse_metrics, summarize_server
from supportllm.bench.workload import (
    SYSTEM_PROMPT,
    Corpus,
    TokenEstimate,
    WorkloadSpec,
    build_prompts,
    load_corpus,
)
from supportllm.errors import InvalidInputError
from supportllm.tickets import read_tickets
from tests.conftest import SHARED_DATA


def record(start: float, chunks: list[float], end: float, **fields: Any) -> RequestRecord:
    rec = RequestRecord(index=0, start=start, end=end, status=200, chunk_times=chunks)
    for name, value in fields.items():
        setattr(rec, name, value)
    return rec


def test_metrics_follow_vllms_definitions() -> None:
    # sent at 0; tokens at 100, 120, 150 ms; done at 160 ms; the server says 3 tokens
    rec = record(0.0, [0.100, 0.120, 0.150], 0.160, completion_tokens=3, prompt_tokens=40)
    s = summarize([rec], SLO.parse("ttft=120,tpot=40"), started=0.0, ended=0.2)
    assert s["ttft_ms"]["p50"] == pytest.approx(100)
    assert s["itl_ms"]["mean"] == pytest.approx(25)  # gaps of 20 and 30 ms
    assert s["tpot_ms"]["p50"] == pytest.approx(30)  # (160 - 100) / (3 - 1)
    assert s["e2el_ms"]["p50"] == pytest.approx(160)
    assert s["goodput_share"] == 1.0
    assert s["per_stream_tokens_per_s"]["p50"] == pytest.approx(2 / 0.060)


def test_usage_wins_over_the_event_count_and_differences_are_reported() -> None:
    # 3 events carrying 6 tokens (a server that batches tokens into chunks)
    rec = record(0.0, [0.1, 0.2, 0.3], 0.3, completion_tokens=6)
    s = summarize([rec], None, started=0.0, ended=0.3)
    assert s["output_tokens"]["mean"] == 6
    assert s["tpot_ms"]["p50"] == pytest.approx(40)  # (300 - 100) / 5
    assert s["token_counts"] == {
        "from_usage": 1,
        "from_events": 0,
        "usage_differs_from_events": 1,
        "input_estimated": 1,
    }


def test_goodput_counts_only_requests_meeting_every_slo() -> None:
    fast = record(0.0, [0.05, 0.06], 0.06, completion_tokens=2)
    slow_start = record(0.0, [0.9, 0.91], 0.91, completion_tokens=2)
    failed = RequestRecord(index=0, start=0.0, end=0.01, status=500, error="http 500")
    s = summarize([fast, slow_start, failed], SLO.parse("ttft=500"), started=0, ended=1)
    assert s["goodput_share"] == pytest.approx(1 / 3)
    assert s["errors"] == {"http 500": 1} and s["error_rate"] == pytest.approx(1 / 3)


def test_warm_up_requests_are_left_out() -> None:
    warm = record(0.0, [1.0], 1.0, warmup=True)
    real = record(1.0, [1.05], 1.1)
    s = summarize([warm, real], None, started=0, ended=1.1)
    assert s["requests"] == 1 and s["ttft_ms"]["max"] == pytest.approx(50)


def test_steady_window_throughput_leaves_out_the_ramp_and_the_tail() -> None:
    # two streams, each request 1 s with 10 tokens at 0.1 s steps; a warm-up each first
    records = []
    for stream in range(2):
        t = stream * 0.5
        for number in range(6):
            chunks = [t + 0.1 * (k + 1) for k in range(10)]
            records.append(record(t, chunks, t + 1.0, completion_tokens=10, warmup=number == 0))
            t += 1.0
    s = summarize(records, None, started=0, ended=6.5)
    assert s["throughput_window"]["kind"] == "steady"
    assert s["output_tokens_per_s"] == pytest.approx(20, rel=0.1)  # 2 streams × 10 tok/s
    assert s["requests_per_s"] == pytest.approx(2, rel=0.25)


def test_percentile_matches_numpy() -> None:
    rng = random.Random(3)
    values = [rng.expovariate(1) for _ in range(501)]
    for q in (50, 90, 95, 99):
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


@pytest.mark.parametrize(
    ("text", "kind", "mean"),
    [
        ("300", "fixed", 300),
        ("200:800", "uniform", 500),
        ("uniform:10,20", "uniform", 15),
        ("normal:500,100", "normal", 500),
    ],
)
def test_length_distributions(text: str, kind: str, mean: float) -> None:
    dist = LengthDist.parse(text)
    assert dist.kind == kind and dist.mean == mean
    rng = random.Random(1)
    samples = [dist.sample(rng) for _ in range(2000)]
    assert min(samples) >= 1
    assert abs(sum(samples) / len(samples) - mean) < mean * 0.05 + 1
    if kind == "uniform":
        assert min(samples) >= dist.a and max(samples) <= dist.b


@pytest.mark.parametrize("text", ["0", "abc", "5:2", "normal:0,5", "gamma:1,2", "1.5"])
def test_bad_length_distributions_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="use N"):
        LengthDist.parse(text)


def _level(
    concurrency: int, ttft_p95: float, tokens_s: float, error_rate: float = 0.0
) -> dict[str, Any]:
    stat = {"p50": ttft_p95 / 2, "p95": ttft_p95, "p99": ttft_p95, "mean": ttft_p95 / 2}
    return {
        "label": f"concurrency {concurrency}",
        "spec": {"mode": "concurrency", "concurrency": concurrency, "rate": None},
        "summary": {
            "completed": 100,
            "error_rate": error_rate,
            "ttft_ms": stat,
            "tpot_ms": {"p95": 30.0},
            "itl_ms": {"p95": 30.0},
            "e2el_ms": {"p95": 3000.0},
            "output_tokens_per_s": tokens_s,
            "total_tokens_per_s": tokens_s * 4,
            "requests_per_s": tokens_s / 200,
            "input_tokens": {"mean": 600.0},
            "output_tokens": {"mean": 200.0},
        },
    }


def test_capacity_is_the_busiest_level_within_the_slos() -> None:
    levels = [_level(1, 80, 110), _level(8, 150, 800), _level(32, 340, 2400), _level(64, 900, 3100)]
    cap = capacity(levels, SLO.parse("ttft=500,tpot=50"))
    assert cap["met"] and cap["concurrency"] == 32 and cap["output_tokens_per_s"] == 2400
    assert cap["mean_output_tokens"] == 200 and not cap["highest_level_meets"]
    with_errors = [_level(1, 80, 110), _level(32, 340, 2400, error_rate=0.05)]
    assert capacity(with_errors, SLO.parse("ttft=500"))["concurrency"] == 1


def test_no_capacity_says_why() -> None:
    cap = capacity([_level(1, 800, 100)], SLO.parse("ttft=500"))
    assert not cap["met"] and "ttft p95 800 ms > 500 ms" in cap["reason"]


def test_no_capacity_still_keeps_the_busiest_level_measured_to_size_with() -> None:
    cap = capacity([_level(1, 800, 100), _level(4, 1900, 310)], SLO.parse("ttft=500"))
    assert cap["met"] is False and cap["concurrency"] == 4
    assert cap["output_tokens_per_s"] == 310 and cap["misses"] == ["ttft p95 1,900 ms > 500 ms"]
    assert "SLO not met" in cap["note"]


def test_slo_syntax() -> None:
    assert SLO.parse("ttft=500, tpot=50").limits == {"ttft": 500.0, "tpot": 50.0}
    for bad in ("", "ttft=-1", "speed=5", "ttft"):
        with pytest.raises(ValueError):
            SLO.parse(bad)


def test_support_prompts_are_built_from_real_text_to_the_asked_lengths() -> None:
    corpus = load_corpus([])
    assert len(corpus.tickets) == 126 and {p.lang for p in corpus.passages} == {"en", "de", "nl"}
    spec = WorkloadSpec(input_tokens=LengthDist.parse("200:800"), prefix_share=0.25, seed=5)
    estimate = TokenEstimate(per_word=1.5, overhead=10)
    prompts = build_prompts(spec, corpus, 60, estimate)
    for prompt in prompts:
        assert prompt.target_input_tokens is not None
        assert abs(estimate.tokens(prompt.words) - prompt.target_input_tokens) <= 8
        assert prompt.system.startswith(SYSTEM_PROMPT)
        assert "Knowledge-base passages:" in prompt.system
    # the common prefix is identical in every prompt and about 25 % of the mean length
    prefix = prompts[0].system.split("Knowledge-base passages:")[0]
    assert all(p.system.startswith(prefix) for p in prompts)
    assert abs(estimate.tokens(len(prefix.split())) - 0.25 * 500) < 15
    # a ticket's labelled article comes first, in the ticket's language
    german = next(p for p in prompts if p.lang == "de")
    first = german.system.split("Knowledge-base passages:\n")[1].split("]")[0]
    assert first.endswith(".de#1")
    assert build_prompts(spec, corpus, 60, estimate) == prompts  # the seed fixes the workload


def test_random_and_replay_workloads(tmp_path: Path) -> None:
    corpus = load_corpus([])
    spec = WorkloadSpec(kind="random", input_tokens=LengthDist.parse("100"), prefix_share=0.0)
    prompts = build_prompts(spec, corpus, 5, TokenEstimate(per_word=1.0))
    assert all(p.system == "" and len(p.user.split()) == 100 for p in prompts)
    assert len({p.user for p in prompts}) == 5
    with pytest.raises(InvalidInputError, match="--tickets"):
        build_prompts(WorkloadSpec(kind="replay"), Corpus(corpus.passages, []), 3)


@pytest.mark.skipif(
    not (SHARED_DATA / "stackfaq").is_dir(), reason="../shared/data/stackfaq absent"
)
def test_stackfaq_gives_passages_and_labelled_tickets() -> None:
    corpus = load_corpus([SHARED_DATA / "stackfaq"])
    assert len(corpus.tickets) == 1249
    prompts = build_prompts(WorkloadSpec(seed=2), corpus, 20)
    assert all(p.lang == "en" and "[stackfaq-" in p.system for p in prompts)


def test_tickets_csv_without_a_body_column_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,title,details\n1,Login,I cannot log in\n")
    with pytest.raises(
        InvalidInputError, match=r"no 'body' column .*columns found: details, id, title"
    ):
        read_tickets(path)


def test_tickets_bad_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "tickets.jsonl"
    path.write_text('{"id": "a", "body": "Where is my invoice?"}\nnot json\n{"id": "b"}\n')
    read = read_tickets(path)
    assert [t.id for t in read.tickets] == ["a"]
    assert read.problems[0].startswith("tickets.jsonl:2: not JSON")
    assert read.problems[1] == "tickets.jsonl:3: empty ticket (no 'body' text)"
    (tmp_path / "latin1.csv").write_bytes("body\nRückerstattung\n".encode("latin-1"))
    with pytest.raises(InvalidInputError, match="not UTF-8"):
        read_tickets(tmp_path / "latin1.csv")


VLLM_PAGE = """\
# HELP vllm:num_requests_running Number of requests in model execution batches.
# TYPE vllm:num_requests_running gauge
vllm:num_requests_running{engine="0",model_name="qwen"} 12.0
# TYPE vllm:num_requests_waiting gauge
vllm:num_requests_waiting{engine="0",model_name="qwen"} 3.0
# TYPE vllm:kv_cache_usage_perc gauge
vllm:kv_cache_usage_perc{engine="0",model_name="qwen"} 0.42
# TYPE vllm:gpu_cache_usage_perc gauge
vllm:gpu_cache_usage_perc{engine="0",model_name="qwen"} 0.99
# TYPE vllm:prefix_cache_queries counter
vllm:prefix_cache_queries_total{engine="0",model_name="qwen"} 1000.0
# TYPE vllm:prefix_cache_hits counter
vllm:prefix_cache_hits_total{engine="0",model_name="qwen"} 250.0
# TYPE vllm:time_to_first_token_seconds histogram
vllm:time_to_first_token_seconds_bucket{le="0.1",model_name="qwen"} 5.0
"""


def test_prometheus_pages_of_vllm_and_llamacpp_are_read() -> None:
    values = parse_metrics(VLLM_PAGE)
    assert values == {
        "running": 12.0,
        "waiting": 3.0,
        "kv_cache_usage": 0.42,  # the current name wins over the older one
        "prefix_cache_queries": 1000.0,
        "prefix_cache_hits": 250.0,
    }
    llama = (
        "llamacpp:requests_processing 2\nllamacpp:requests_deferred 5\n"
        "llamacpp:kv_cache_usage_ratio 0.3\n"
    )
    assert parse_metrics(llama) == {"running": 2.0, "waiting": 5.0, "kv_cache_usage": 0.3}


def test_server_figures_are_summarised_per_level() -> None:
    samples = [
        (0.0, {"waiting": 0.0, "prefix_cache_hits": 0.0, "prefix_cache_queries": 0.0}),
        (1.0, {"waiting": 4.0, "prefix_cache_hits": 30.0, "prefix_cache_queries": 100.0}),
        (2.0, {"waiting": 8.0, "prefix_cache_hits": 90.0, "prefix_cache_queries": 200.0}),
        (3.0, {"waiting": 0.0, "prefix_cache_hits": 95.0, "prefix_cache_queries": 210.0}),
    ]
    server = summarize_server(samples, 0.5, 2.5)
    assert server is not None
    assert server["waiting"] == {"mean": 6.0, "max": 8.0}
    assert server["prefix_cache_queries"] == 210.0 and server[
        "prefix_cache_hit_rate"
    ] == pytest.approx(95 / 210)
    assert summarize_server(samples, 10, 11) is None
