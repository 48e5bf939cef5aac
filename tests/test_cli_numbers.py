"""The command line's numeric options: every value ends in a result or a one-line error, never a
traceback and never a loop that runs for minutes (in-process, through Typer's CliRunner)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import invoke

NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 1e-3, 1e-9, 1e300, -1.0, math.inf, math.nan]),
)


def run(*args: str) -> tuple[int, str]:
    result = invoke(*args)
    return result.code, result.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(capacity=NUMBERS, tickets=NUMBERS)
def test_cost_answers_or_refuses_any_number(capacity: float, tickets: float) -> None:
    code, output = run("cost", "--tickets-per-month", repr(tickets), "--capacity", repr(capacity))
    assert "Traceback" not in output
    finite = math.isfinite(capacity) and math.isfinite(tickets)
    if code == 0:
        assert finite and capacity > 0 and tickets >= 1
        assert "per month" in output
    elif code == 2:  # a usage error naming the option
        assert "--capacity" in output or "--tickets-per-month" in output
    else:
        assert code == 1 and "capacity" in output, output  # supportllm's own one-line error


def test_a_tiny_capacity_is_answered_at_once() -> None:
    """It looped for minutes in break_even, one replica at a time."""
    code, output = run("cost", "--tickets-per-month", "40000", "--capacity", "1e-3")
    assert code == 0 and "Traceback" not in output


@pytest.mark.parametrize("expires", ["99999999d", "999999999999w", "36526d"])
def test_key_lifetimes_past_100_years_are_refused(expires: str) -> None:
    code, output = run("keys", "create", "--team", "billing", "--expires", expires)
    assert code == 2 and "longer than 100 years" in output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--team", "billing", "--channel", "nosuch"], "no template for channel 'nosuch'"),
        (["--team", "x" * 10_000], "--team"),
        (["--team", "team with spaces"], "--team"),
    ],
)
def test_keys_are_checked_when_created_not_on_every_request(args: list[str], words: str) -> None:
    code, output = run("keys", "create", *args)
    assert code == 2 and words in " ".join(output.split())


def test_a_trial_toml_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "trial.toml"
    path.write_bytes(b'name = "caf\xe9"\n')
    code, output = run("trial", str(path))
    assert code == 1 and "not UTF-8" in output and "Traceback" not in output


@pytest.mark.parametrize(
    "args",
    [
        ["bench", "--url", "http://127.0.0.1:9/v1", "--timeout", "inf"],
        ["bench", "--url", "http://127.0.0.1:9/v1", "--rate", "inf"],
        ["engine", "fake", "--ttft-ms", "nan"],
        ["replay", "--demo", "--candidate", "a=http://127.0.0.1:9/v1", "--timeout", "inf"],
    ],
)
def test_other_commands_refuse_non_finite_numbers(args: list[str]) -> None:
    code, output = run(*args)
    assert code == 2 and ("not a finite number" in output or "rates > 0" in output), output
