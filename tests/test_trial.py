"""`supportllm trial`: the orchestration against the fake engine (fast, deterministic, any CPU),
the report in a real headless Chromium, resumption, a failing candidate, trial.toml errors, and one
small end-to-end trial with the real llama.cpp engine (CI runs it)."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from supportllm.engines.fake import FakeEngineConfig, FakeEngineHandle, fake_engine_in_thread
from supportllm.errors import ConfigError
from supportllm.trial.config import demo_config, load_trial
from tests.conftest import NO_CHROMIUM, free_port, headless_chromium, run_cli

JUDGE_REPLY = '{"tone": 4, "accuracy": 3, "would_send": "yes", "reason": "clear and correct"}'
DEMO_KB = Path(__file__).resolve().parents[1] / "src" / "supportllm" / "demo" / "kb"

# The end-to-end trial below took 76 s on this project's 2-core machine. The slowest machine we
# know ran the same trial 2.9 times slower than ours (the demo trial: 5 min 22 s against
# 1 min 52 s, issue 11), so about 220 s there; the limit leaves more than twice that.
E2E_TRIAL_LIMIT_S = 600


def trial(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return run_cli("trial", *args, cwd=cwd, env=env, timeout=timeout)


def run_once(*args: str, cwd: Path, env: dict[str, str], timeout: float) -> dict[str, Any]:
    """Run a trial for a module fixture: a failure or a time-out is recorded, never raised, so
    it fails one test (the first) instead of re-running per test."""
    started = time.monotonic()
    try:
        result = trial(*args, cwd=cwd, env=env, timeout=timeout)
        failure = None if result.returncode == 0 else f"exit {result.returncode}:\n{result.stderr}"
        stdout, stderr = result.stdout, result.stderr
    except subprocess.TimeoutExpired as expired:
        failure = f"timed out after {timeout:.0f} s"
        stdout, stderr = str(expired.stdout or ""), str(expired.stderr or "")
    return {
        "failure": failure,
        "stdout": stdout,
        "stderr": stderr,
        "seconds": time.monotonic() - started,
    }


def needs(run: dict[str, Any]) -> None:
    if run["failure"]:
        pytest.skip("the trial itself failed (reported by the first test of this module)")


@pytest.fixture(scope="module")
def fake_judge_engine() -> Iterator[FakeEngineHandle]:
    """A fake engine whose every reply is a valid judge answer (it serves as the candidate too)."""
    # Tokens 2 ms apart, as an engine streams them: with none between them a whole reply can
    # arrive in one read, leaving no inter-token time to measure tok/s from.
    config = FakeEngineConfig(port=0, replies=(JUDGE_REPLY,), itl_ms=2.0)
    with fake_engine_in_thread(config) as handle:
        yield handle


def _fake_toml(work: Path, engine_url: str) -> Path:
    path = work / "trial.toml"
    path.write_text(
        f"""
name = "fake"
out = "{work / "out"}"
judge = "self"
replay_max_tokens = 40
[api]
key = "gpt-4o"
tickets_per_month = 40000
[tickets]
demo = true
sample = 4
[bench]
concurrency = [1, 2]
requests = 4
input_tokens = "100"
output_tokens = "16"
[slo]
ttft_ms = 2000
tpot_ms = 100
[[candidates]]
name = "fake"
url = "{engine_url}"
gpu = "l4:on-demand"
"""
    )
    return path


@pytest.fixture(scope="module")
def fake_trial(
    tmp_path_factory: pytest.TempPathFactory, fake_judge_engine: FakeEngineHandle
) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("trial-fake")
    config = _fake_toml(work, fake_judge_engine.url)
    env = {"SUPPORTLLM_RETRIEVAL__ENABLED": "false"}
    run = run_once(str(config), cwd=work, env=env, timeout=240)
    return {**run, "out": work / "out", "work": work, "config": config, "env": env}


def test_the_trial_runs_every_step_and_writes_the_report(fake_trial: dict[str, Any]) -> None:
    assert fake_trial["failure"] is None, fake_trial["failure"]
    out: Path = fake_trial["out"]
    report = json.loads((out / "report.json").read_text())
    (row,) = report["candidates"]
    assert row["error"] is None and row["batch1"]["tok_s"] > 0 and row["load"]["concurrency"] == 2
    assert row["tokens"]["source"].startswith("measured over")
    assert row["verdict"].startswith("fake") and "tickets/h" in row["verdict"]
    markdown = (out / "report.md").read_text()
    for section in (
        "## Is self-hosting worth it for you?",
        "## Per candidate",
        "## Batch 1 (one stream)",
        "## Throughput under load",
        "## Quality",
        "## Cost per month",
        "## Assumptions",
    ):
        assert section in markdown
    assert "prices as of" in markdown
    assert "would-send 100%" in row["verdict"]  # the judge's answers were read
    assert row["judge"] == {"valid": 4, "total": 4}
    assert "LLM judge (4 of 4 judgements valid)" in markdown and "4.00 / 5" in markdown
    # The fake's replies are judge answers, far from the agents' replies in the demo tickets.
    assert 0 <= row["similarity"]["overall"]["mean"] < 0.5
    assert row["similarity"]["overall"]["n"] == 4
    assert report["answer"].startswith(("Yes", "No"))
    assert markdown.index(report["answer"]) < markdown.index("## Batch 1")
    assert every_cell_filled(markdown) == []


def every_cell_filled(markdown: str) -> list[str]:
    """The report's table rows with an empty or "–" cell (none, for a candidate that ran)."""
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    return [
        line for line in rows if any(cell.strip() in ("", "–") for cell in line.split("|")[1:-1])
    ]


def test_slos_met_at_no_level_still_give_capacity_cost_and_what_would_meet_them(
    fake_judge_engine: FakeEngineHandle, tmp_path: Path
) -> None:
    """The trial as a typed call (what the CLI runs), with an SLO the fake cannot meet."""
    from supportllm.config import load_settings
    from supportllm.trial.report import build_report, write_report
    from supportllm.trial.run import run_trial

    toml = _fake_toml(tmp_path, fake_judge_engine.url)
    toml.write_text(toml.read_text().replace("tpot_ms = 100", "tpot_ms = 0.5"))
    config = load_trial(toml)
    settings = load_settings(None, data_dir=tmp_path / "data", log_requests_to_stdout=False)
    settings = settings.model_copy(
        update={"retrieval": settings.retrieval.model_copy(update={"enabled": False})}
    )
    outcome = run_trial(config, settings, say=lambda _text: None)
    report = build_report(config, settings, outcome)
    write_report(report, config.out)
    (row,) = report["candidates"]
    assert row["capacity"]["met"] is False and row["capacity"]["output_tokens_per_s"] > 0
    assert row["cost"]["slo_met"] is False and row["cost"]["self_hosted"]["total"] > 0
    assert row["api_monthly"] > 0
    assert any(s.startswith("a looser SLO: TTFT ≤") for s in row["suggestions"])
    assert report["answer"].startswith("Not as measured: stay on OpenAI GPT-4o")
    markdown = (config.out / "report.md").read_text()
    assert "SLO not met at any level tested" in markdown
    assert every_cell_filled(markdown) == []


def test_a_second_run_resumes_without_redoing_steps(fake_trial: dict[str, Any]) -> None:
    needs(fake_trial)
    bench = fake_trial["out"] / "fake" / "bench" / "run.json"
    before = bench.stat().st_mtime
    again = trial(str(fake_trial["config"]), cwd=fake_trial["work"], env=fake_trial["env"])
    assert again.returncode == 0, again.stderr
    assert "all steps done already" in again.stdout
    assert bench.stat().st_mtime == before


@pytest.mark.skipif(NO_CHROMIUM, reason="chromium / chromium-driver not installed")
def test_the_html_report_renders_with_its_plots_and_makes_no_requests(
    fake_trial: dict[str, Any],
) -> None:
    from selenium.webdriver.common.by import By

    needs(fake_trial)
    page = fake_trial["out"] / "report.html"
    text = page.read_text()
    assert "http://" not in text.split("<h2>Assumptions</h2>")[0].replace("http://127.0.0.1", "")
    browser = headless_chromium(log_network=True)
    try:
        browser.get(page.as_uri())
        assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Trial report")
        images = browser.find_elements(By.TAG_NAME, "img")
        assert len(images) >= 3
        assert all(
            browser.execute_script("return arguments[0].naturalWidth", img) > 100 for img in images
        )
        requests = [
            json.loads(entry["message"])["message"] for entry in browser.get_log("performance")
        ]
        urls = [
            m["params"]["request"]["url"]
            for m in requests
            if m.get("method") == "Network.requestWillBeSent"
        ]
        assert all(url.startswith(("file:", "data:")) for url in urls), urls
    finally:
        browser.quit()


def test_the_demo_trial_is_the_embedded_engine_on_the_demo_tickets(tmp_path: Path) -> None:
    config = demo_config(tmp_path / "out")
    (candidate,) = config.candidates
    assert candidate.engine == "llamacpp" and candidate.model == "gemma3-270m"
    assert config.tickets.demo and config.judge == "self"


# The real engine, end to end -----------------------------------------------------------------


@pytest.fixture(scope="module")
def llamacpp_trial(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("trial-llamacpp")
    config = work / "trial.toml"
    config.write_text(
        f"""
name = "e2e"
out = "{work / "out"}"
judge = "self"
kb = "{DEMO_KB}"
replay_max_tokens = 24
[api]
key = "gpt-4o"
tickets_per_month = 40000
[tickets]
demo = true
sample = 2
[bench]
concurrency = [1]
requests = 2
input_tokens = "200"
output_tokens = "16:24"
[slo]
# Loose on purpose: what is tested is the path end to end, on any CPU and under any load
# (a busy 2-core machine measured tpot p95 363 ms here), not this CPU's speed.
ttft_ms = 60000
tpot_ms = 5000
[[candidates]]
name = "gemma3-270m-cpu"
engine = "llamacpp"
model = "gemma3-270m"
gpu = "t4:on-demand"
"""
    )
    # Its own engine port: another module's engine may still hold the default one.
    env = {"SUPPORTLLM_LLAMACPP__PORT": str(free_port())}
    run = run_once(str(config), cwd=work, env=env, timeout=E2E_TRIAL_LIMIT_S)
    return {**run, "out": work / "out", "port": int(env["SUPPORTLLM_LLAMACPP__PORT"])}


@pytest.mark.e2e
@pytest.mark.timeout(E2E_TRIAL_LIMIT_S + 120)
def test_a_trial_with_the_real_llamacpp_engine_end_to_end(llamacpp_trial: dict[str, Any]) -> None:
    assert llamacpp_trial["failure"] is None, llamacpp_trial["failure"]
    report = json.loads((llamacpp_trial["out"] / "report.json").read_text())
    (row,) = report["candidates"]
    assert row["error"] is None and row["batch1"]["tok_s"] > 0
    assert row["verdict"].startswith("gemma3-270m-cpu") and "tickets/h" in row["verdict"]
    # Structured output through llama-cpp-python: even the 270M base model answers in scores.
    assert row["judge"]["total"] == 2 and row["judge"]["valid"] == 2, row["judge"]
    assert every_cell_filled((llamacpp_trial["out"] / "report.md").read_text()) == []
    replay = json.loads((llamacpp_trial["out"] / "replay" / "replay.json").read_text())
    assert replay  # the replies were stored
    # The engine the trial started is gone with it.
    from supportllm.engines.ports import port_owners

    assert port_owners(llamacpp_trial["port"]) == []


def test_a_candidate_that_fails_is_reported_and_the_others_go_on(
    fake_engine: FakeEngineHandle, tmp_path: Path
) -> None:
    config = tmp_path / "trial.toml"
    config.write_text(
        f"""
name = "two"
out = "{tmp_path / "out"}"
[api]
key = "gpt-4o"
tickets_per_month = 40000
[tickets]
demo = true
sample = 3
[bench]
concurrency = [1, 2]
requests = 3
input_tokens = "100"
output_tokens = "8"
[[candidates]]
name = "down"
url = "http://127.0.0.1:9/v1"
[[candidates]]
name = "fake"
url = "{fake_engine.url}"
"""
    )
    result = trial(str(config), cwd=tmp_path, env={"SUPPORTLLM_RETRIEVAL__ENABLED": "false"})
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    down, fake = report["candidates"]
    assert down["error"] and "cannot reach" in down["error"] and "not measured" in down["verdict"]
    assert (
        fake["error"] is None
        and fake["capacity"]["met"]
        and fake["cost"]["self_hosted"]["total"] > 0
    )


_ONE = '[[candidates]]\nname = "a"\nurl = "http://x/v1"\n'
_DEMO = "[tickets]\ndemo = true\n"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[api]\ntickets_per_month = 1\n[tickets]\ndemo = true\n", "candidates"),
        (
            '[[candidates]]\nname = "a"\n[api]\ntickets_per_month = 1\n[tickets]\ndemo = true\n',
            "give either url",
        ),
        (
            _ONE + "[api]\ntickets_per_month = 0\n" + _DEMO,
            "api.tickets_per_month",
        ),
        (
            _ONE + "[api]\ntickets_per_month = 5\n[tickets]\n",
            "give file",
        ),
        (
            _ONE + _ONE + "[api]\ntickets_per_month = 5\n" + _DEMO,
            "must differ",
        ),
        ("not toml [", "not valid TOML"),
    ],
)
def test_trial_settings_errors_name_the_setting(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "trial.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_trial(path)


def test_files_named_in_trial_toml_must_exist(tmp_path: Path) -> None:
    path = tmp_path / "trial.toml"
    path.write_text(
        'kb = "missing-help-centre"\n' + _ONE + "[api]\ntickets_per_month = 5\n" + _DEMO
    )
    with pytest.raises(ConfigError, match="missing-help-centre does not exist"):
        load_trial(path)
