"""Quality sampling of live traffic (sampling/): the deterministic, stratified decision, the
daily cap, PII redaction of what is stored, and an export that `grade judge`, the grading page
and `grade results` read exactly as a replay."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from supportllm.cli.sample import app as sample_app
from supportllm.config import Settings, load_settings
from supportllm.config_operate import SamplingSettings
from supportllm.config_sections import PIIGuardSettings
from supportllm.errors import InvalidInputError
from supportllm.guard.pii import PIIRedactor, redact_json
from supportllm.sampling.export import SampleExport, export_samples
from supportllm.sampling.sampler import LiveSampler, hash_fraction
from supportllm.sampling.store import SampleFilter, SampleStore
from supportllm.store.db import migrate, open_database
from tests.conftest import run_cli, serve_in_thread

DAY = 86_400.0
RATES = {"alias:support": 0.05, "route:api": 0.1, "arm:canary": 0.2}


def _ids(count: int, prefix: str = "req_5f3a9c01") -> list[str]:
    """Request ids as the gateway makes them: a process prefix and a counter."""
    return [f"{prefix}{n:08x}" for n in range(count)]


def _record(request_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "request_id": request_id, "ts": time.time(), "path": "/v1/chat/completions",
        "team": "support-team", "model": "support", "engine": "vllm", "channel": "chat",
        "upstream": "gpu-a", "route": "self", "status": 200, "prompt_tokens": 120,
        "completion_tokens": 40, "ttft_ms": 90.0, "total_ms": 400.0, **extra,
    }  # fmt: skip


def _settings(tmp_path: Path) -> Settings:
    """The default database in the test's working folder, as the CLI (run_cli) finds it."""
    assert Path.cwd() == tmp_path
    return load_settings(None, log_requests_to_stdout=False)


def _sampler(settings: Settings, **sampling: Any) -> LiveSampler:
    redactor = PIIRedactor(PIIGuardSettings())
    sampler = LiveSampler.open(
        SamplingSettings(enabled=True, **sampling),
        settings.resolved_database_url(),
        redact=lambda content: redact_json(content, redactor),
    )
    assert sampler is not None
    return sampler


# The decision ------------------------------------------------------------------------------


def test_the_same_request_id_gets_the_same_decision_in_every_instance_and_process() -> None:
    one = LiveSampler(SamplingSettings(rate=0.3, daily_cap=0))
    two = LiveSampler(SamplingSettings(rate=0.3, daily_cap=0))
    ids = _ids(2000)
    first = [one.wants(i, "support", "self", None) for i in ids]
    assert first == [two.wants(i, "support", "self", None) for i in ids]
    assert first == [one.selected(i, "support", "self", None) for i in ids]  # asked again
    # Another interpreter with another str-hash seed: the hash is ours (BLAKE2b), not Python's.
    code = (
        "from supportllm.sampling.sampler import hash_fraction\n"
        f"print([hash_fraction(i) for i in {ids[:50]!r}])"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True,
        env={"PYTHONHASHSEED": "12345", "PYTHONPATH": ":".join(sys.path)},
    )  # fmt: skip
    assert other.returncode == 0, other.stderr
    assert json.loads(other.stdout) == [hash_fraction(i) for i in ids[:50]]


@pytest.mark.parametrize(
    ("alias", "route", "arm", "expected"),
    [
        ("support", "self", None, 0.05),  # alias override
        ("support", "api", None, 0.1),  # route beats alias
        ("support", "api", "canary", 0.2),  # arm beats route
        ("support", "self", "incumbent", 0.05),  # an arm without a rate: the next one down
        ("billing", "self", None, 0.02),  # nothing applies: the default rate
    ],
)
def test_the_observed_rate_per_stratum_matches_the_configured_one(
    alias: str, route: str, arm: str | None, expected: float
) -> None:
    sampler = LiveSampler(SamplingSettings(rate=0.02, rates=RATES, daily_cap=0))
    assert sampler.rate(alias, route, arm) == pytest.approx(expected)
    count = 20_000
    kept = sum(sampler.wants(i, alias, route, arm) for i in _ids(count))
    tolerance = 4 * math.sqrt(expected * (1 - expected) / count)  # four standard deviations
    assert abs(kept / count - expected) < tolerance, kept / count


def test_rates_zero_and_one_are_never_and_always() -> None:
    sampler = LiveSampler(SamplingSettings(rate=0.0, rates={"arm:canary": 1.0}, daily_cap=0))
    ids = _ids(500)
    assert not any(sampler.wants(i, "support", "self", None) for i in ids)
    assert all(sampler.wants(i, "support", "self", "canary") for i in ids)


def test_the_daily_cap_stops_sampling_until_the_next_utc_day(tmp_path: Path) -> None:
    now = [1_750_000_000.0]  # some afternoon, UTC
    sampler = LiveSampler(SamplingSettings(rate=1.0, daily_cap=5), clock=lambda: now[0])
    kept = [sampler.wants(i, "support", "self", None) for i in _ids(8)]
    assert kept == [True] * 5 + [False] * 3 and sampler.capped == 3
    now[0] += DAY  # the next day
    assert sampler.wants("req_next_day", "support", "self", None)
    assert sampler.today == 1


def test_a_restarted_gateway_counts_the_days_samples_already_stored(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    first = _sampler(settings, rate=1.0, daily_cap=5)
    first.start()
    for request_id in _ids(3):
        first.offer(_record(request_id), [{"role": "user", "content": "hi"}], "Hello!", [])
    first.close()
    again = _sampler(settings, rate=1.0, daily_cap=5)
    again.start()  # the count comes back from the database
    assert again.today == 3
    kept = [again.wants(i, "support", "self", None) for i in _ids(4, "req_after")]
    again.close()
    assert kept == [True, True, False, False]


# What is stored ----------------------------------------------------------------------------

TICKET = (
    "Hi, I'm Anna Schmidt, anna.schmidt@example.de. Please refund the double charge to "
    "DE89 3704 0044 0532 0130 00, thanks!"
)


def test_stored_content_is_pii_redacted_with_the_real_redactor(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    sampler = _sampler(settings, rate=1.0)
    sampler.start()
    messages = [
        {"role": "system", "content": "You are a support agent."},  # not the customer's: dropped
        {"role": "user", "content": [{"type": "text", "text": TICKET}]},
    ]
    passages = [{"id": "billing/refunds.md#1", "title": "Refunds", "url": None, "score": 0.8}]
    sampler.offer(
        _record("req_pii", arm="canary", lang="de"), messages,
        "Dear Anna Schmidt, we refunded it to DE89 3704 0044 0532 0130 00.", passages,
    )  # fmt: skip
    sampler.offer(_record("req_failed", status=502), messages, None, [])  # only 200s
    sampler.close()
    (row,) = SampleStore(open_database(settings.resolved_database_url())).find(SampleFilter())
    stored = row["messages"] + row["reply"]
    for secret in ("anna.schmidt@example.de", "DE89 3704", "Schmidt"):
        assert secret not in stored
    assert "refund the double charge" in stored and row["redacted"] is True
    assert (
        json.loads(row["messages"])[0]["role"] == "user" and len(json.loads(row["messages"])) == 1
    )
    assert json.loads(row["passages"]) == [
        {"id": "billing/refunds.md#1", "title": "Refunds", "url": None}
    ]
    assert (row["arm"], row["lang"], row["upstream"], row["ttft_ms"]) == (
        "canary",
        "de",
        "gpu-a",
        90.0,
    )


def test_without_store_content_only_the_metadata_is_kept(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    sampler = _sampler(settings, rate=1.0, store_content=False)
    sampler.start()
    sampler.offer(_record("req_meta"), [{"role": "user", "content": TICKET}], "Done.", [])
    sampler.close()
    (row,) = SampleStore(open_database(settings.resolved_database_url())).find(SampleFilter())
    assert row["messages"] is None and row["reply"] is None and row["completion_tokens"] == 40
    with pytest.raises(InvalidInputError, match="no live samples with stored content"):
        export_samples(SampleExport(tmp_path / "runs" / "live-x"), settings)


def test_a_full_queue_drops_and_counts_instead_of_growing(tmp_path: Path) -> None:
    sampler = _sampler(_settings(tmp_path), rate=1.0, max_pending=10)  # writer not started
    for request_id in _ids(15):
        sampler.offer(_record(request_id), [{"role": "user", "content": "hi"}], "Hello", [])
    assert sampler.stats()["pending"] == 10 and sampler.stats()["dropped"] == 5
    sampler.close()  # what was queued is still written
    assert sampler.stats()["written"] == 10


# Export -> grading -------------------------------------------------------------------------


def _live_traffic(settings: Settings, count: int = 6) -> None:
    """Live replies from two upstreams (self-hosted and the API fallback), one multi-turn."""
    sampler = _sampler(settings, rate=1.0)
    sampler.start()
    for number, request_id in enumerate(_ids(count)):
        messages: list[dict[str, Any]] = [
            {"role": "user", "content": f"Question {number}: how do I change my invoice address? "
             f"Mail me at customer{number}@example.com"},
        ]  # fmt: skip
        if number == 0:
            messages += [
                {"role": "assistant", "content": "Which account is it?"},
                {"role": "user", "content": "The business one."},
            ]
        api = number % 2 == 1
        record = _record(
            request_id, upstream="api-fallback" if api else "gpu-a",
            route="api" if api else "self", fallback=api,
        )  # fmt: skip
        source = {"id": "billing/address.md#1", "title": "Change your invoice address"}
        sampler.offer(record, messages, f"Answer {number}: open Settings > Billing.", [source])
    sampler.close()


def test_an_export_is_graded_by_judge_page_and_results_exactly_like_a_replay(
    tmp_path: Path, fake_engine_factory: Any
) -> None:
    from supportllm.evals.grading import GradingStore
    from supportllm.evals.judge import JudgePlan, judge
    from supportllm.evals.replay import Candidate
    from supportllm.evals.web.app import build_grading_app
    from supportllm.store.keys import KeyStore

    settings = _settings(tmp_path)
    _live_traffic(settings)
    today = datetime.now(UTC).date().isoformat()
    exported = CliRunner().invoke(sample_app, ["export", "--since", today])
    assert exported.exit_code == 0, exported.output
    folder = Path("runs") / f"live-{today}"
    assert "exported 6 live samples" in exported.output and str(folder) in exported.output
    manifest = json.loads((folder / "replay.json").read_text())
    assert manifest["run_id"] == f"live-{today}" and manifest["finished"] == 6
    assert {c["name"] for c in manifest["candidates"]} == {"gpu-a", "api-fallback"}
    lines = [json.loads(line) for line in (folder / "replies.jsonl").read_text().splitlines()]
    assert len(lines) == 6 and all("customer" not in json.dumps(line) for line in lines)

    # grade judge: the judge (a fake engine) through the gateway, on the exported run
    verdict = '{"tone": 4, "accuracy": 3, "would_send": "yes", "reason": "fine"}'
    model = fake_engine_factory(replies=(verdict,), output_tokens=200)
    counts = judge(JudgePlan(folder, Candidate("j", model.url, "m"), concurrency=2), settings)
    assert counts["scored"] == 6
    rubric = model.requests()[-1]["messages"][-1]["content"]
    assert "Answer " in rubric and "Change your invoice address" in rubric
    assert "@example.com" not in rubric  # the ticket the judge reads was redacted
    multi_turn = next(r for r in model.requests() if "The business one." in str(r["messages"]))
    assert "Agent: Which account is it?" in str(multi_turn["messages"])

    # grade serve: a grader's page shows the live ticket and its reply
    engine = open_database(settings.resolved_database_url())
    migrate(engine)
    store = GradingStore(engine)
    tokens = store.create_session(manifest["run_id"], ["anna"], per_item=1, mode="single", seed=1)
    with serve_in_thread(build_grading_app(store, KeyStore(engine))) as url:
        page = httpx.get(f"{url}/g/{tokens['anna']}/1")
    assert page.status_code == 200
    assert re.search(r"Question \d", page.text) and re.search(r"Answer \d", page.text)
    assert "gpu-a" not in page.text and "api-fallback" not in page.text  # still blind

    # grade results: the seeds' table per candidate (upstream)
    result = run_cli("grade", "results", str(folder), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "LLM judge" in result.stdout
    assert "gpu-a" in result.stdout and "api-fallback" in result.stdout
    document = json.loads((folder / "results.json").read_text())
    assert set(document["judge"]) == {"gpu-a", "api-fallback"}

    # the same export again changes nothing; a filter selects a stratum
    again = export_samples(SampleExport(folder, since=datetime.now(UTC).date()), settings)
    assert json.loads((again / "replay.json").read_text())["finished"] == 6
    only_api = export_samples(SampleExport(Path("runs/live-api"), route="api"), settings)
    assert json.loads((only_api / "replay.json").read_text())["tickets"] == 3


def test_sample_list_and_its_one_line_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    settings = _settings(tmp_path)
    empty = runner.invoke(sample_app, ["list"], env={"COLUMNS": "250"})
    assert empty.exit_code == 0 and "no live samples yet" in empty.output
    _live_traffic(settings, count=3)
    listed = runner.invoke(sample_app, ["list", "--limit", "2"], env={"COLUMNS": "250"})
    assert listed.exit_code == 0, listed.output
    assert "2 newest live samples" in listed.output and "redacted" in listed.output
    assert "yes" in listed.output and "gpu-a" in listed.output
    bad = runner.invoke(sample_app, ["export", "--since", "yesterday"])
    assert isinstance(bad.exception, InvalidInputError)
    assert bad.exception.message == "--since 'yesterday' is not a date like 2025-06-01"
    backwards = runner.invoke(
        sample_app, ["export", "--since", "2025-06-02", "--until", "2025-06-01"]
    )
    assert isinstance(backwards.exception, InvalidInputError)
    assert "is after" in backwards.exception.message
    nothing = runner.invoke(sample_app, ["export", "--alias", "nobody"])
    assert isinstance(nothing.exception, InvalidInputError)
    assert "no live samples with stored content match (alias nobody)" in nothing.exception.message


# Settings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"rate": 1.5}, "sampling.rate must be between 0 and 1, got 1.5"),
        ({"rate": -0.1}, "sampling.rate must be between 0 and 1, got -0.1"),
        ({"rates": {"arm:canary": 2}}, "sampling.rates['arm:canary'] must be between 0 and 1"),
        ({"rates": {"team:ops": 0.1}}, "is not 'alias:NAME', 'route:NAME' or 'arm:NAME'"),
    ],
)
def test_a_bad_rate_is_a_start_up_error_naming_the_setting(
    given: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        SamplingSettings(**given)
