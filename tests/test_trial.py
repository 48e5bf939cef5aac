"""`supportllm trial`: the demo end to end on the embedded engine (CI runs it), the report in a
real headless Chromium, resumption, a failing candidate, and trial.toml errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from supportllm.engines.fake import FakeEngineHandle
from supportllm.errors import ConfigError
from supportllm.trial.config import load_trial
from tests.conftest import NO_CHROMIUM, headless_chromium


def trial(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supportllm", "trial", *args],
        capture_output=True, text=True, timeout=900, cwd=cwd, stdin=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": "250"},
    )  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("trial-demo")
    started = time.monotonic()
    result = trial("--demo", "--out", str(work / "out"), cwd=work)
    return {
        "result": result,
        "out": work / "out",
        "work": work,
        "seconds": time.monotonic() - started,
    }


@pytest.mark.e2e
def test_the_demo_trial_runs_end_to_end_in_minutes(demo: dict[str, Any]) -> None:
    result = demo["result"]
    assert result.returncode == 0, result.stderr
    assert demo["seconds"] < 600
    assert "270-million-parameter BASE model" in result.stderr  # said plainly
    out: Path = demo["out"]
    report = json.loads((out / "report.json").read_text())
    (row,) = report["candidates"]
    assert row["error"] is None and row["batch1"]["tok_s"] > 0 and row["load"]["concurrency"] == 2
    assert row["tokens"]["source"].startswith("measured over")
    assert row["verdict"].startswith("gemma3-270m-cpu") and "tickets/h" in row["verdict"]
    markdown = (out / "report.md").read_text()
    for section in (
        "## Verdict",
        "## Batch 1 (one stream)",
        "## Throughput under load",
        "## Quality",
        "## Cost per month",
        "## Assumptions",
    ):
        assert section in markdown
    assert "prices as of" in markdown


@pytest.mark.e2e
def test_a_second_run_resumes_without_redoing_steps(demo: dict[str, Any]) -> None:
    assert demo["result"].returncode == 0
    before = (demo["out"] / "gemma3-270m-cpu" / "bench" / "run.json").stat().st_mtime
    again = trial("--demo", "--out", str(demo["out"]), cwd=demo["work"])
    assert again.returncode == 0, again.stderr
    assert "all steps done already" in again.stdout
    assert (demo["out"] / "gemma3-270m-cpu" / "bench" / "run.json").stat().st_mtime == before


@pytest.mark.e2e
@pytest.mark.skipif(NO_CHROMIUM, reason="chromium / chromium-driver not installed")
def test_the_html_report_renders_with_its_plots_and_makes_no_requests(demo: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    assert demo["result"].returncode == 0
    page = demo["out"] / "report.html"
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
    result = subprocess.run(
        [sys.executable, "-m", "supportllm", "trial", str(config)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
        env={**os.environ, "SUPPORTLLM_RETRIEVAL__ENABLED": "false", "COLUMNS": "250"},
    )  # fmt: skip
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
