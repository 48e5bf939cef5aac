"""The claims judge: a learned second opinion on the whole reply (claims_judge.py,
claims_judged.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError
from sklearn.ensemble import HistGradientBoostingClassifier

from supportllm.config_sections import ClaimsGuardSettings
from supportllm.errors import ConfigError
from supportllm.guard.claims import ClaimChecker
from supportllm.guard.claims_judge import ClaimJudge, JudgeThresholds, save_judge
from supportllm.guard.claims_judge_features import FEATURES
from supportllm.guard.claims_judged import JudgedChecker, claim_checker
from tests.conftest import invoke

V29 = Path(__file__).parent / "data" / "guard" / "claims" / "heldout_v29.jsonl"


def _item(number: int) -> dict[str, Any]:
    """Item ``number`` (1-based line) of heldout_v29, a set no rule was written for."""
    lines = V29.read_text(encoding="utf-8").splitlines()
    return dict(json.loads(lines[number - 1]))


def _verdicts(item: dict[str, Any]) -> tuple[bool, bool]:
    rules = ClaimChecker()
    judged = claim_checker(ClaimsGuardSettings())
    args = (item["reply"], item["messages"], item.get("lang"))
    return bool(rules.violations(*args)), bool(judged.violations(*args))


def test_the_default_check_is_the_rules_with_the_judge() -> None:
    assert isinstance(claim_checker(ClaimsGuardSettings()), JudgedChecker)
    plain = claim_checker(ClaimsGuardSettings(judge=""))
    assert isinstance(plain, ClaimChecker) and not isinstance(plain, JudgedChecker)
    rules_alone = claim_checker(ClaimsGuardSettings(model=""))
    assert not isinstance(rules_alone, JudgedChecker)
    with pytest.raises(ValidationError, match="need a judge"):
        ClaimsGuardSettings(judge="", judge_add=0.7)


def test_a_credit_after_only_a_look_up_is_caught_though_the_rules_miss_it() -> None:
    # "A credit of £8.50 for the Chicken Katsu is on your account …" after get_order only
    item = _item(45)
    assert item["label"] == "violation"
    assert _verdicts(item) == (False, True)
    found = claim_checker(ClaimsGuardSettings()).violations(item["reply"], item["messages"], "en")
    assert found[0].claim.by == "judge" and "£8.50" in found[0].claim.text
    assert "claims judge" in found[0].reason


def test_the_crews_find_read_from_a_look_up_is_cleared_though_the_rules_flag_it() -> None:
    # "de bemanning heeft … een blauwe Eastpak-rugzak gevonden, en die ligt nu op ons kantoor"
    item = _item(206)
    assert item["label"] == "ok"
    assert _verdicts(item) == (True, False)


def test_a_promise_and_a_backed_deed_pass_and_a_plain_unbacked_deed_does_not() -> None:
    judged = claim_checker(ClaimsGuardSettings())
    asked = [{"role": "user", "content": "Can you cancel order 55120?"}]
    called = [
        *asked,
        {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function",
         "function": {"name": "cancel_order", "arguments": '{"order_id": "55120"}'}}]},
        {"role": "tool", "tool_call_id": "c1", "content": '{"status": "cancelled"}'},
    ]  # fmt: skip
    assert not judged.violations("I will look into it and write back by Friday.", asked, "en")
    assert not judged.violations("Order 55120 is cancelled.", called, "en")
    assert judged.violations("Order 55120 is cancelled.", asked, "en")


def test_a_reply_repeated_by_a_runaway_model_claims_no_more_than_once() -> None:
    judged = claim_checker(ClaimsGuardSettings())
    assert isinstance(judged, JudgedChecker)
    asked = [{"role": "user", "content": "My e-mail is <EMAIL_1>, please write to me."}]
    once = "I will write to <EMAIL_1> today."
    p_once, _ = judged.probability(once, asked)
    p_many, _ = judged.probability(" ".join([once] * 8) + " I will", asked)
    assert p_many == pytest.approx(p_once, abs=0.15)
    assert not judged.violations(" ".join([once] * 8), asked)


def test_thresholds_come_from_the_file_and_a_setting_overrides_them() -> None:
    judge = ClaimJudge()
    assert "scripts/train_claims_judge.py" in judge.meta
    assert 0.0 <= judge.thresholds.keep < judge.thresholds.add <= 1.0
    item = _item(45)
    never = claim_checker(ClaimsGuardSettings(judge_add=1.0))
    assert not never.violations(item["reply"], item["messages"], "en")


def test_exported_trees_give_scikit_learns_probabilities(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(400, len(FEATURES)))
    y = (x[:, 3] + 0.5 * x[:, 10] * x[:, 20] > 0).astype(int)
    model = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=7, random_state=0).fit(x, y)
    path = tmp_path / "judge.npz"
    save_judge(
        path,
        trees=[p[0].nodes for p in model._predictors],
        baseline=float(np.ravel(model._baseline_prediction)[0]),
        thresholds=JudgeThresholds(0.2, 0.6),
        meta="test",
    )
    judge = ClaimJudge(path)
    ours = [judge.probability(list(row)) for row in x[:50]]
    assert np.allclose(ours, model.predict_proba(x[:50])[:, 1], atol=1e-9)


def test_missing_corrupt_or_foreign_judge_file_is_a_startup_error_naming_it(
    tmp_path: Path,
) -> None:
    with pytest.raises(ConfigError, match=r"guard\.claims\.judge.*nope\.npz"):
        claim_checker(ClaimsGuardSettings(judge=str(tmp_path / "nope.npz")))
    corrupt = tmp_path / "corrupt.npz"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ConfigError, match=r"corrupt\.npz"):
        claim_checker(ClaimsGuardSettings(judge=str(corrupt)))
    foreign = tmp_path / "foreign.npz"
    with np.load(ClaimJudge().path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["features"] = np.array(["something", "else"])
    np.savez(foreign, **arrays)
    with pytest.raises(ConfigError, match=r"foreign\.npz.*other features"):
        claim_checker(ClaimsGuardSettings(judge=str(foreign)))
    result = invoke(
        "guard", "claims", "Refund done.", env={"SUPPORTLLM_GUARD__CLAIMS__JUDGE": str(corrupt)}
    )
    assert result.code != 0 and "corrupt.npz" in result.stderr
    assert "Traceback" not in result.stderr


def test_on_the_kept_out_fresh_set_the_judge_catches_more_than_the_rules_and_scorer() -> None:
    # v41: written blind in round 21, scored once unread, never trained on (KEPT_OUT): rules
    # and scorer 0.546 / 3.8 %, with the shipped judge 0.620 / 4.5 % (v38, the round-20 floor:
    # 0.722 / 10.6 % and 0.768 / 7.6 %); a floor a worse judge would fall through
    path = V29.with_name("heldout_v41.jsonl")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rules = ClaimChecker()
    judged = claim_checker(ClaimsGuardSettings())
    counts = {"rules": [0, 0, 0, 0], "judged": [0, 0, 0, 0]}
    for item in items:
        args = (item["reply"], item["messages"], item.get("lang"))
        truth = item["label"] == "violation"
        for name, checker in (("rules", rules), ("judged", judged)):
            said = bool(checker.violations(*args))
            counts[name][(0 if truth else 2) + (0 if said == truth else 1)] += 1

    def rates(c: list[int]) -> tuple[float, float]:
        return c[0] / (c[0] + c[1]), c[3] / (c[2] + c[3])

    (r_rules, _), (r_judged, fv_judged) = rates(counts["rules"]), rates(counts["judged"])
    assert r_judged >= r_rules + 0.04, counts
    assert r_judged >= 0.60 and fv_judged <= 0.06, counts


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("child_outside", "points outside"),
        ("depth_too_small", "deeper than the stored depth"),
        ("nan_value", "not a finite number"),
        ("cycle", "two paths"),
        ("scalar_feature", "node arrays disagree"),
    ],
)
def test_a_damaged_judge_file_is_refused_at_load_not_at_the_first_reply(
    tmp_path: Path, change: str, message: str
) -> None:
    with np.load(ClaimJudge().path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    inner = np.flatnonzero(~arrays["leaf"])
    if change == "child_outside":
        arrays["left"] = arrays["left"].copy()
        arrays["left"][inner[0]] = -5
    elif change == "depth_too_small":
        arrays["depth"] = np.array(3)
    elif change == "nan_value":
        arrays["value"] = arrays["value"].copy()
        arrays["value"][0] = np.nan
    elif change == "cycle":
        arrays["left"] = arrays["left"].copy()
        arrays["left"][inner[5]] = arrays["roots"][0]
    else:
        arrays["feature"] = np.array(3)
    path = tmp_path / f"{change}.npz"
    np.savez(path, **arrays)
    with pytest.raises(ConfigError, match=rf"{change}\.npz.*{message}"):
        claim_checker(ClaimsGuardSettings(judge=str(path)))


def test_an_own_judge_file_or_thresholds_without_the_sentence_scorer_are_refused() -> None:
    with pytest.raises(ValidationError, match="reads the sentence scorer"):
        ClaimsGuardSettings(model="", judge="/somewhere/judge.npz")
    with pytest.raises(ValidationError, match="reads the sentence scorer"):
        ClaimsGuardSettings(model="", judge_keep=0.3)


def test_the_cli_says_when_the_judge_cleared_the_rules_violation(tmp_path: Path) -> None:
    item = _item(206)
    conversation = tmp_path / "messages.json"
    conversation.write_text(json.dumps(item["messages"]), encoding="utf-8")
    result = invoke(
        "guard", "claims", item["reply"], "--messages", str(conversation), "--lang", "nl"
    )
    assert result.code == 0, result.stderr
    assert "cleared by the claims judge" in result.stdout
    assert "hand-off sent instead" not in result.stdout


def test_without_a_language_the_judge_guesses_one() -> None:
    item = _item(45)
    judged = claim_checker(ClaimsGuardSettings())
    assert isinstance(judged, JudgedChecker)
    given, _ = judged.probability(item["reply"], item["messages"], "en")
    guessed, _ = judged.probability(item["reply"], item["messages"])
    assert guessed == pytest.approx(given)
