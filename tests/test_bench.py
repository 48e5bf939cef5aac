"""`supportllm bench` as a user runs it: a real fake-engine server in its own process, the CLI in
another, results read back from the files it writes."""

from __future__ import annotations

import csv
import http.server
import itertools
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from tests.conftest import Gateway, Invoked, free_port, invoke, run_cli

# The load generator's timing is checked to within 2 ms: run alone on the machine, after the
# parallel part of `make test` (tests/conftest.py, the Makefile).
pytestmark = pytest.mark.serial

TTFT_MS, ITL_MS = 50.0, 20.0


def _start_fake(*options: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "supportllm", "engine", "fake", "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/models", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the fake engine did not start")


@pytest.fixture(scope="module")
def timed_engine() -> Iterator[str]:
    """TTFT 50 ms, 20 ms between tokens, 5 tokens unless the request holds it longer."""
    process, url = _start_fake("--ttft-ms", str(TTFT_MS), "--itl-ms", str(ITL_MS), "--tokens", "5")
    try:
        yield url
    finally:
        process.terminate()
        process.wait(10)


def bench(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return run_cli("bench", *args, timeout=timeout)


def bench_here(*args: str) -> Invoked:
    """The same command in this process: for what does not measure timing."""
    return invoke("bench", *args)


def read_run(folder: Path) -> dict[str, Any]:
    return orjson.loads((folder / "run.json").read_bytes())  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def sweep(timed_engine: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench") / "fake-sweep"
    result = bench(
        "--url", timed_engine, "--concurrency", "1,16", "--duration", "3", "--ramp-up", "0.25",
        "--output-tokens", "10", "--out", str(out), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return {"out": out, "stdout": result.stdout, "stderr": result.stderr, "run": read_run(out)}


def test_ttft_and_itl_are_reported_within_2_ms_of_the_truth(sweep: dict[str, Any]) -> None:
    for level in sweep["run"]["levels"]:
        summary = level["summary"]
        assert summary["completed"] == summary["requests"] >= 10, level["label"]
        assert abs(summary["ttft_ms"]["p50"] - TTFT_MS) <= 2.0, (level["label"], summary["ttft_ms"])
        assert abs(summary["itl_ms"]["p50"] - ITL_MS) <= 2.0, (level["label"], summary["itl_ms"])
        # TPOT = (E2EL - TTFT) / (tokens - 1) with 10 tokens 20 ms apart
        assert abs(summary["tpot_ms"]["p50"] - ITL_MS) <= 2.0
        assert abs(summary["e2el_ms"]["p50"] - (TTFT_MS + 9 * ITL_MS)) <= 4.0


def test_throughput_follows_from_the_timing(sweep: dict[str, Any]) -> None:
    one, sixteen = (level["summary"] for level in sweep["run"]["levels"])
    assert sixteen["throughput_window"]["kind"] == "steady"
    per_request_s = (TTFT_MS + 9 * ITL_MS) / 1000
    assert one["requests_per_s"] == pytest.approx(1 / per_request_s, rel=0.05)
    assert sixteen["requests_per_s"] == pytest.approx(16 / per_request_s, rel=0.1)
    assert sixteen["output_tokens_per_s"] == pytest.approx(10 * sixteen["requests_per_s"], rel=0.05)
    assert one["per_stream_tokens_per_s"]["p50"] == pytest.approx(1000 / ITL_MS, rel=0.05)


def test_replies_are_held_to_their_target_length_and_counted_from_usage(
    sweep: dict[str, Any],
) -> None:
    for level in sweep["run"]["levels"]:
        summary = level["summary"]
        # the engine would stop after 5 tokens: min_tokens/ignore_eos made it write 10
        assert summary["output_tokens"]["min"] == summary["output_tokens"]["max"] == 10
        assert summary["reached_requested_length"] == 1.0
        assert summary["token_counts"]["from_usage"] == summary["requests"]
        assert summary["token_counts"]["usage_differs_from_events"] == 0
        # support prompts: 200-800 tokens (the fake counts words; the probe calibrated for it)
        assert 180 <= summary["input_tokens"]["min"] <= summary["input_tokens"]["max"] <= 840


def test_every_request_is_recorded_with_its_chunk_timestamps(sweep: dict[str, Any]) -> None:
    run = sweep["run"]
    assert run["format"] == "supportllm.bench/1"
    level = run["levels"][1]
    measured = [r for r in level["records"] if not r["warmup"]]
    assert len(level["records"]) == len(measured) + 16  # one warm-up request per stream
    record = measured[0]
    assert len(record["chunk_ms"]) == 10
    assert record["chunk_ms"] == sorted(record["chunk_ms"])
    assert record["e2el_ms"] >= record["chunk_ms"][-1]
    with (sweep["out"] / "requests.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    total = sum(len(lv["records"]) for lv in run["levels"])
    assert len(rows) == total and {row["level"] for row in rows} == {
        "concurrency 1",
        "concurrency 16",
    }
    assert {row["warmup"] for row in rows} == {"True", "False"}


def test_the_seeds_table_report_and_plots_are_written(sweep: dict[str, Any]) -> None:
    out: Path = sweep["out"]
    assert "TTFT p50 / p95 (ms)" in sweep["stdout"] and "concurrency 16" in sweep["stdout"]
    report = (out / "report.md").read_text()
    assert "| Model | Load | TTFT p50 / p95 (ms) | ITL p50 (ms) |" in report
    assert "### Batch 1 (one stream)" in report
    for name in ("latency.png", "throughput.png", "ttft_distribution.png"):
        data = (out / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
        assert f"![{name}]({name})" in report
    with (out / "summary.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [row["concurrency"] for row in rows] == ["1", "16"]


def _ticks(figure: Any) -> list[list[str]]:
    figure.canvas.draw()
    return [[t.get_text() for t in ax.get_xticklabels()] for ax in figure.axes]


def test_the_concurrency_axis_shows_whole_streams(sweep: dict[str, Any]) -> None:
    import copy

    import matplotlib.pyplot as plt

    from supportllm.bench.plots import latency_figure, throughput_figure

    run = sweep["run"]
    # 1 and 16 streams (a log scale): a tick at each level, nothing in between
    for figure in (latency_figure([run]), throughput_figure([run])):
        assert _ticks(figure) == [["1", "16"], ["1", "16"]]
        plt.close(figure)
    # 1 and 2 streams on a linear axis: matplotlib alone would mark 1.2, 1.4, ... "1.5 streams"
    near = copy.deepcopy(run)
    for level, streams in zip(near["levels"], (1, 2), strict=True):
        level["spec"]["concurrency"] = streams
    figure = latency_figure([near])
    assert _ticks(figure) == [["1", "2"], ["1", "2"]]
    plt.close(figure)
    # compared runs: every run's levels are marked, not only the last one's
    figure = throughput_figure([run, near])
    assert _ticks(figure)[0] == ["1", "2", "16"]
    plt.close(figure)


def test_replies_shorter_than_asked_are_a_warning_on_the_terminal_and_in_the_report(
    sweep: dict[str, Any], timed_engine: str, tmp_path: Path
) -> None:
    assert "shorter than asked" not in sweep["stdout"]  # held to their length: no warning
    out = tmp_path / "short"
    result = bench(
        "--url", timed_engine, "--concurrency", "1,2", "--requests", "4",
        "--output-tokens", "10", "--no-length-control", "--out", str(out), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # the engine stops after 5 tokens when nothing holds it: 5 of the 10 asked
    expected = "replies were shorter than asked — 5 of 10 output tokens on average, 0% reached"
    assert expected in " ".join(result.stdout.split())
    assert "--no-length-control" in result.stdout
    assert expected in (out / "report.md").read_text()


def test_the_capacity_figure_is_in_the_summary(sweep: dict[str, Any]) -> None:
    capacity = sweep["run"]["capacity"]
    assert capacity["met"] and capacity["concurrency"] == 16
    busiest = sweep["run"]["levels"][1]["summary"]
    assert capacity["output_tokens_per_s"] == busiest["output_tokens_per_s"]
    assert capacity["slo"] == {"ttft": 1000.0, "tpot": 100.0}
    assert "sustains" in sweep["stdout"]


def test_server_metrics_are_scraped_beside_the_client_figures(sweep: dict[str, Any]) -> None:
    server = sweep["run"]["levels"][1]["server"]
    assert server is not None and server["samples"] >= 1
    assert 1 <= server["running"]["max"] <= 16
    assert "| running | waiting (queue) | KV cache |" in (sweep["out"] / "report.md").read_text()


def test_the_load_generator_reports_its_own_overhead(sweep: dict[str, Any]) -> None:
    client = sweep["run"]["levels"][1]["client"]
    assert client["workers"] == 1
    assert client["event_loop_lag_ms"]["p50"] is not None
    assert 0 < client["cpu_ms_per_request"] < 20


def test_compare_merges_runs_into_one_table_and_plots(
    sweep: dict[str, Any], timed_engine: str, tmp_path: Path
) -> None:
    other = tmp_path / "second"
    result = bench(
        "--url", timed_engine, "--name", "second-model", "--concurrency", "4",
        "--requests", "8", "--output-tokens", "3", "--out", str(other), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    merged = tmp_path / "cmp"
    result = bench_here("compare", str(sweep["out"]), str(other), "--out", str(merged))
    assert result.code == 0, result.stderr
    assert "fake-model" in result.stdout and "second-model" in result.stdout
    report = (merged / "report.md").read_text()
    assert report.count("| fake-model |") >= 2 and "| second-model | concurrency 4 |" in report
    assert (merged / "latency.png").stat().st_size > 10_000
    with (merged / "summary.csv").open() as handle:
        assert len(list(csv.DictReader(handle))) == 3


def test_compare_refuses_a_file_of_another_format(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "run.json").write_bytes(orjson.dumps({"format": "supportllm.bench/0"}))
    result = bench_here("compare", str(tmp_path / "old"))
    assert result.code == 1
    assert "supportllm.bench/0" in result.stderr and "Traceback" not in result.stderr


def test_open_loop_arrivals_are_poisson_at_the_asked_rate(
    timed_engine: str, tmp_path: Path
) -> None:
    out = tmp_path / "poisson"
    result = bench(
        "--url", timed_engine, "--rate", "80", "--requests", "240", "--output-tokens", "2",
        "--workload", "random", "--input-tokens", "50", "--out", str(out), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    level = read_run(out)["levels"][0]
    assert level["spec"]["mode"] == "rate"
    assert level["summary"]["requests_per_s"] == pytest.approx(80, rel=0.25)
    starts = sorted(r["start_s"] for r in level["records"])
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    variation = statistics.pstdev(gaps) / statistics.fmean(gaps)
    assert 0.75 < variation < 1.25, "exponential gaps have a coefficient of variation of 1"
    assert level["summary"]["client_queue_ms"]["p50"] < 5  # sent when due


def test_worker_processes_share_a_level(timed_engine: str, tmp_path: Path) -> None:
    out = tmp_path / "workers"
    result = bench(
        "--url", timed_engine, "--concurrency", "8", "--requests", "32", "--workers", "2",
        "--output-tokens", "4", "--out", str(out), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    level = read_run(out)["levels"][0]
    assert level["client"]["workers"] == 2
    measured = [r for r in level["records"] if not r["warmup"]]
    assert len(measured) == 32 and level["summary"]["failed"] == 0
    assert {r["i"] % 2 for r in level["records"]} == {0, 1}  # both processes sent requests
    assert abs(level["summary"]["ttft_ms"]["p50"] - TTFT_MS) <= 3.0


def test_the_support_request_body_is_what_vllm_and_llamacpp_expect(
    timed_engine: str, tmp_path: Path
) -> None:
    result = bench(
        "--url", timed_engine, "--concurrency", "1", "--requests", "2", "--warmup", "0",
        "--output-tokens", "7", "--out", str(tmp_path / "body"), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    body = httpx.get(timed_engine.removesuffix("/v1") + "/fake/requests").json()[-1]
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["max_tokens"] == body["min_tokens"] == 7 and body["ignore_eos"] is True
    system, user = body["messages"]
    assert system["role"] == "system" and "Knowledge-base passages:" in system["content"]
    assert user["role"] == "user" and user["content"].strip()


def test_replay_sends_the_tickets(timed_engine: str, tmp_path: Path) -> None:
    tickets = tmp_path / "tickets.jsonl"
    # Written for this test (not from a real help desk).
    rows = [
        {"id": "t1", "lang": "de", "subject": "Rechnung", "body": "Wo finde ich meine Rechnung?"},
        {"id": "t2", "lang": "nl", "body": "Hoe verander ik mijn wachtwoord?"},
    ]
    tickets.write_bytes(b"\n".join(orjson.dumps(r) for r in rows))
    result = bench(
        "--url", timed_engine, "--workload", "replay", "--tickets", str(tickets),
        "--concurrency", "2", "--requests", "4", "--output-tokens", "3",
        "--out", str(tmp_path / "replay"), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    sent = [
        b["messages"][-1]["content"]
        for b in httpx.get(timed_engine[:-3] + "/fake/requests").json()[-4:]
    ]
    assert set(sent) <= {
        "Rechnung\n\nWo finde ich meine Rechnung?",
        "Hoe verander ik mijn wachtwoord?",
    }


@pytest.fixture
def failing_engine() -> Iterator[str]:
    process, url = _start_fake(
        "--ttft-ms", "2", "--itl-ms", "1", "--error-rate", "0.3", "--seed", "7"
    )
    try:
        yield url
    finally:
        process.terminate()
        process.wait(10)


def test_errors_mid_run_are_counted_by_kind_and_the_run_goes_on(
    failing_engine: str, tmp_path: Path
) -> None:
    out = tmp_path / "errors"
    result = bench(
        "--url", failing_engine, "--concurrency", "4", "--requests", "60",
        "--output-tokens", "3", "--out", str(out), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = read_run(out)["levels"][0]["summary"]
    assert summary["requests"] == 60
    assert 5 <= summary["errors"]["http 500"] <= 35
    assert summary["completed"] + summary["failed"] == 60
    assert "injected failure" in (out / "report.md").read_text()


def test_max_error_rate_stops_the_run_and_keeps_the_results(
    failing_engine: str, tmp_path: Path
) -> None:
    out = tmp_path / "stopped"
    result = bench(
        "--url", failing_engine, "--concurrency", "4,8", "--requests", "200",
        "--output-tokens", "3", "--max-error-rate", "0.1", "--out", str(out), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 1
    assert "max-error-rate" in result.stderr and "Traceback" not in result.stderr
    run = read_run(out)
    assert run["stopped"].startswith("error rate") and len(run["levels"]) == 1
    assert run["levels"][0]["summary"]["requests"] < 200


def test_ctrl_c_stops_the_run_and_writes_partial_results(timed_engine: str, tmp_path: Path) -> None:
    out = tmp_path / "interrupted"
    process = subprocess.Popen(
        [
            sys.executable, "-m", "supportllm", "bench", "--url", timed_engine,
            "--concurrency", "2", "--requests", "500", "--output-tokens", "5",
            "--out", str(out), "--no-progress",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    # interrupt once the run is under way (its first line printed) and has had time to finish
    # some requests: a fixed sleep from launch was too short on a slow host (the import alone
    # can take seconds), and the run then rightly wrote nothing
    assert process.stderr is not None
    header = process.stderr.readline()
    assert "bench" in header, header
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    _stdout, rest = process.communicate(timeout=60)
    stderr = header + rest
    assert process.returncode == 130, stderr
    assert "partial results written" in stderr and "Traceback" not in stderr
    run = read_run(out)
    assert run["stopped"] == "interrupted" and run["levels"][0]["partial"]
    assert run["levels"][0]["summary"]["completed"] > 0


class _NotOpenAI(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *_: Any) -> None:
        pass


def test_an_unreachable_url_is_one_clear_line() -> None:
    result = bench_here("--url", f"http://127.0.0.1:{free_port()}/v1", "--no-progress")
    assert result.code == 1
    assert "cannot reach" in result.stderr and "is the server running" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_wrong_model_name_lists_the_served_ones(timed_engine: str) -> None:
    result = bench_here("--url", timed_engine, "--model", "gpt-5", "--no-progress")
    assert result.code == 1
    assert "'gpt-5' is not served" in result.stderr and "fake-model" in result.stderr


def test_an_endpoint_that_is_not_openai_compatible_is_named(tmp_path: Path) -> None:
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / "models").write_text("<html>a web site</html>")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotOpenAI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        result = bench_here("--url", url, "--no-progress")
        assert result.code == 1 and "not an OpenAI model list" in result.stderr
        result = bench_here("--url", url + "/nothing", "--model", "x", "--no-progress")
        assert result.code == 1 and "OpenAI-compatible" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        server.shutdown()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--slo", "ttft=fast"], "needs a number of milliseconds"),
        (["--slo", "latency=5"], "unknown SLO metric"),
        (["--input-tokens", "800:200"], "1 <= A <= B"),
        (["--concurrency", "0,4"], ">= 1"),
        (["--concurrency", "4", "--rate", "2"], "not both"),
        (["--workload", "replay"], "needs --tickets"),
        (["--extra-body", "[1]"], "JSON object"),
        (["--prefix-share", "1.5"], "between 0 and 0.9"),
    ],
)
def test_bad_options_say_what_to_change(args: list[str], message: str) -> None:
    result = bench_here("--url", "http://127.0.0.1:9/v1", *args, "--no-progress")
    assert result.code == 2
    assert message in " ".join(result.stderr.split()), result.stderr


def test_bench_through_the_gateway_with_the_key_from_the_settings(
    timed_engine: str, gateway_factory: Callable[..., Gateway], tmp_path: Path
) -> None:
    gw = gateway_factory(timed_engine, retrieval={"enabled": False})
    args = [
        sys.executable, "-m", "supportllm", "bench", "--url", gw.url, "--model", "support",
        "--concurrency", "2", "--requests", "6", "--output-tokens", "4", "--no-progress",
    ]  # fmt: skip
    refused = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "SUPPORTLLM_BENCH_API_KEY" in refused.stderr
    env = {**os.environ, "SUPPORTLLM_BENCH_API_KEY": gw.key}
    out = tmp_path / "gateway"
    result = subprocess.run(
        [*args, "--out", str(out)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    summary = read_run(out)["levels"][0]["summary"]
    assert summary["completed"] == 6 and summary["output_tokens"]["min"] == 4
    assert summary["ttft_ms"]["p50"] >= TTFT_MS
