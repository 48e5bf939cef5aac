"""Complexity routing: the features of real-looking English, German and Dutch tickets, the
decisions a support lead would expect, the router file, and `route calibrate` end to end on a
replay run made by the real replay (fake engines behind the production pipeline with the demo
knowledge base) and graded through the real grading store and LLM judge."""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from supportllm.cli import route as route_cli
from supportllm.config_operate import AutoRouteSettings
from supportllm.demo import demo_tickets_path
from supportllm.engines.fake import FakeEngineConfig, fake_engine_in_thread
from supportllm.errors import ConfigError, InvalidInputError
from supportllm.routing.calibrate import CalibrationPlan, calibrate
from supportllm.routing.complexity import ComplexityRouter
from supportllm.routing.features import detect_language, ticket_features
from supportllm.routing.fit import fit_logistic, stratified_split, threshold_for_share
from supportllm.routing.labels import choose_candidates
from supportllm.tickets import read_tickets
from tests.conftest import SHARED_DATA, invoke


def user(text: str) -> list[dict[str, Any]]:
    return [{"role": "user", "content": text}]


# features --------------------------------------------------------------------------------------


def test_features_read_the_customers_words_in_english_german_and_dutch() -> None:
    demo = read_tickets(demo_tickets_path()).tickets
    assert {t.id: detect_language(t.text) for t in demo} == {t.id: t.lang for t in demo}
    conversation = [
        {"role": "system", "content": "You are a support bot. Refund policy: 30 days. LAWYER"},
        {"role": "user", "content": [{"type": "text", "text": "Mein Abo ist zu teuer."},
                                     {"type": "image_url", "image_url": {"url": "x"}}]},
        {"role": "assistant", "content": "Sie können jederzeit wechseln."},
        {"role": "user", "content": "Dann will ich kündigen und eine Rückerstattung!!"},
    ]  # fmt: skip
    f = ticket_features(conversation, top_score=0.3, lang=None)
    assert f.user_turns == 2 and f.lang == "de" and f.lang_source == "detected"
    assert f.intents == ("cancellation", "refund")  # not "legal": the system prompt is not theirs
    assert f.exclamations == 1 and f.questions == 0 and f.tokens < 30

    cases = {
        "Ich habe eine Beschwerde und mein Rechtsanwalt schreibt Ihnen.": {"complaint", "legal"},
        "Wir haben den Vertrag gekündigt, bitte die Erstattung veranlassen.": {
            "cancellation",
            "refund",
        },
        "Ik wil mijn abonnement opzeggen en een terugbetaling, anders bel ik mijn advocaat.": {
            "cancellation",
            "refund",
            "legal",
        },
        "Ik heb een klacht over de AVG en mijn persoonsgegevens.": {"complaint", "privacy"},
        "I filed a chargeback; your manager promised compensation.": {
            "chargeback",
            "escalation",
            "refund",
        },
        # stems that are not intents: announced, reporting
        "Die Wartung wurde angekündigt, danke für die Berichterstattung.": set(),
        "How do I add my accountant to our account?": set(),
    }
    for text, intents in cases.items():
        assert set(ticket_features(user(text), top_score=None, lang=None).intents) == intents, text

    # A long ticket: an intent deep inside is found, also after many near misses ("real" ×20).
    filler = "The real issue is the export of our yearly figures. " * 20
    long = ticket_features(user(filler + "Let me speak to a real person, please."), top_score=None,
                           lang=None)  # fmt: skip
    assert long.intents == ("escalation",) and long.tokens > 250

    loud = ticket_features(
        user("WHERE IS MY ORDER #884213??? I PAID TWICE!!! Call me."), top_score=None, lang="EN"
    )
    assert loud.lang == "en" and loud.lang_source == "given"
    assert loud.questions == 1 and loud.exclamations == 1 and loud.references == 1
    assert loud.caps_share > 0.5 and "chargeback" in loud.intents
    assert (
        ticket_features(user("Our VAT on the PDF is wrong"), top_score=None, lang=None).caps_share
        == 0
    )
    assert ticket_features(user("Как изменить пароль?"), top_score=None, lang=None).lang == "other"
    assert ticket_features(user("12345"), top_score=None, lang=None).lang == "?"


def test_the_language_guess_agrees_with_langid_on_real_english_and_german_texts() -> None:
    """deepset/prompt-injections (546 English and German texts) against py3langid."""
    path = SHARED_DATA / "prompt-injections" / "train.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is not there (shared data)")
    from supportllm.retrieval.language import LanguageDetector

    reference = LanguageDetector(["en", "de"])
    texts = [json.loads(line)["text"] for line in path.read_text().splitlines()]
    guesses = [(detect_language(t), reference.detect(t)) for t in texts]
    answered = [(mine, theirs) for mine, theirs in guesses if mine in ("en", "de")]
    assert len(answered) >= 0.75 * len(texts)
    assert sum(mine == theirs for mine, theirs in answered) >= 0.95 * len(answered)


# decisions -------------------------------------------------------------------------------------


def test_decisions_a_support_lead_would_expect() -> None:
    router = ComplexityRouter.default()
    angry = ticket_features(
        user("I was charged for a plan I never ordered. This is unacceptable, refund me now."),
        top_score=0.21,
        lang=None,
    )
    decision = router.decide(angry)
    assert decision.target == "api" and decision.score > 0.8
    assert "intent: refund, complaint" in decision.reason or "intent: complaint, refund" in (
        decision.reason
    )
    assert "kb top score 0.21 < 0.35" in decision.reason

    faq = router.decide(
        ticket_features(
            user("How do I add my accountant to our account?"), top_score=0.62, lang=None
        )
    )
    assert faq.target == "self" and faq.score < 0.2 and faq.reason.startswith("simple")
    for text in (
        "Wie kann ich unsere Steuerberaterin einladen?",
        "Hoe nodig ik onze boekhouder uit?",
    ):
        assert router.decide(ticket_features(user(text), top_score=0.5, lang=None)).target == "self"
    for text in (
        "Ich möchte mich beschweren und verlange eine Rückerstattung, sonst gehe ich zum Anwalt.",
        "Ik heb een klacht en wil een terugbetaling, anders schakel ik een advocaat in.",
        "Bonjour, je voudrais changer mon mot de passe, merci",  # a language we do not serve
    ):
        assert router.decide(ticket_features(user(text), top_score=0.5, lang=None)).target == "api"
    # No knowledge-base coverage is a reason on its own; retrieval off is not held against it.
    off_topic = ticket_features(
        user("What is the weather in Paris tomorrow?"), top_score=0.04, lang=None
    )
    assert router.decide(off_topic).target == "api"
    assert (
        router.decide(
            ticket_features(user("What is the weather?"), top_score=None, lang=None)
        ).target
        == "self"
    )
    strict = ComplexityRouter.configured(None, threshold=0.05)
    assert (
        strict.decide(
            ticket_features(user("Hoe nodig ik onze boekhouder uit?"), top_score=0.5, lang=None)
        ).target
        == "api"
    )


def test_the_router_file_round_trips_and_bad_files_are_named(tmp_path: Path) -> None:
    router = ComplexityRouter.default().with_threshold(0.42)
    path = tmp_path / "router.json"
    router.save(path)
    loaded = ComplexityRouter.load(path)
    ticket = ticket_features(user("Refund my annual plan please"), top_score=0.3, lang=None)
    assert loaded.decide(ticket) == router.decide(ticket) and loaded.threshold == 0.42
    assert json.loads(path.read_text())["format"] == "supportllm.router/1"

    def error(text: str | None) -> str:
        bad = tmp_path / "bad.json"
        if text is None:
            bad.unlink(missing_ok=True)
        else:
            bad.write_text(text)
        with pytest.raises(ConfigError) as caught:
            ComplexityRouter.load(bad)
        assert str(bad) in caught.value.message
        return caught.value.message

    assert "does not exist" in error(None) and "route calibrate" in error(None)
    assert "not JSON (line 1" in error("{weights")
    assert "expected 'supportllm.router/1'" in error('{"format": "other/2"}')
    good = json.loads(path.read_text())
    assert "between 0 and 1" in error(json.dumps({**good, "threshold": 1.5}))
    assert "unknown features ['mood']" in error(
        json.dumps({**good, "weights": {**good["weights"], "mood": 1.0}})
    )
    assert "incomplete" in error(json.dumps({k: v for k, v in good.items() if k != "bias"}))
    assert "bad value" in error(json.dumps({**good, "weights": {"length": "high"}}))


def test_auto_route_settings_check_their_values() -> None:
    assert AutoRouteSettings().router_file is None and AutoRouteSettings().threshold is None
    with pytest.raises(ValueError, match="setting 'threshold'"):
        AutoRouteSettings(threshold=1.0)
    with pytest.raises(ValueError, match="covered_languages"):
        AutoRouteSettings(covered_languages=["english"])
    settings = AutoRouteSettings(threshold=0.3, covered_languages=["EN", "fr"])
    router = ComplexityRouter.configured(
        settings.router_file, settings.threshold, settings.covered_languages
    )
    french = ticket_features(
        user("Bonjour, je voudrais changer mon mot de passe"), top_score=0.5, lang=None
    )
    german = ticket_features(user("Wie ändere ich mein Passwort?"), top_score=0.5, lang=None)
    assert router.threshold == 0.3 and router.decide(french).target == "self"
    assert "language de not covered" in router.decide(german).reason


def test_fit_helpers() -> None:
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05]
    t = threshold_for_share(scores, 0.3)
    assert sum(s >= t for s in scores) == 3
    assert sum(s >= threshold_for_share(scores, 0.0) for s in scores) == 0
    assert sum(s >= threshold_for_share(scores, 1.0) for s in scores) == 10
    labels = [1] * 10 + [0] * 30
    train, test = stratified_split(labels, 0.3, seed=1)
    assert sorted(train + test) == list(range(40))
    assert sum(labels[i] for i in test) == 3 and len(test) == 12
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] - x[:, 1] + rng.normal(scale=0.5, size=400) > 0).astype(float)
    weights, _bias = fit_logistic(x, y, np.zeros(2), 0.0, strength=0.1)
    assert weights[0] > 1 and weights[1] < -1  # the direction the data has


def test_choose_candidates_from_the_runs_manifest() -> None:
    api = {"name": "gpt4o", "url": "https://api.openai.com/v1", "model": "gpt-4o"}
    two = {"candidates": [{"name": "qwen7b", "url": "http://gpu1:8000/v1", "model": None}, api]}
    assert choose_candidates(two, None, None) == ("qwen7b", "gpt4o")
    assert choose_candidates(two, None, "qwen7b") == ("gpt4o", "qwen7b")
    three = {"candidates": [*two["candidates"], {"name": "mistral", "url": "http://gpu2/v1"}]}
    with pytest.raises(InvalidInputError, match="3 candidates \\(qwen7b, gpt4o, mistral\\)"):
        choose_candidates(three, None, None)
    with pytest.raises(InvalidInputError, match="--self llama: the run's candidates are"):
        choose_candidates(three, "llama", "gpt4o")
    local = {"candidates": [{"name": "a", "url": "http://127.0.0.1:1/v1"},
                            {"name": "b", "url": "http://127.0.0.1:2/v1"}]}  # fmt: skip
    with pytest.raises(InvalidInputError, match="--self NAME --api NAME"):
        choose_candidates(local, None, None)


# calibration end to end --------------------------------------------------------------------------

# Generated for this test (not real customer text): hard tickets in the three languages, each
# with intent words the KB has no answer for.
HARD = [
    "This is unacceptable! I was charged twice for invoice INV-20931 and nobody answers. Refund "
    "me now or I will contact my lawyer.",
    "I am filing a chargeback with my bank unless you refund the 3 months you billed after I "
    "cancelled.",
    "Under GDPR I request a copy of all personal data you hold about me, and its deletion.",
    "I want to speak to a manager. Your support has been terrible for weeks and I will post a "
    "one-star review.",
    "Our account was hacked and someone sent 40 invoices in our name. Who is liable for this "
    "fraud?",
    "I cancelled in March but you kept charging me. I demand compensation for my bank's fees.",
    "Ich möchte mich beschweren: Sie haben die Rechnung RE-2024-0042 doppelt abgebucht. Ich "
    "verlange eine Rückerstattung, sonst schalte ich meinen Anwalt ein.",
    "Laut DSGVO verlange ich Auskunft über alle personenbezogenen Daten, die Sie über mich "
    "speichern.",
    "Ich habe gekündigt und trotzdem wurde weiter abgebucht. Das ist eine Frechheit! Ich will mit "
    "Ihrem Vorgesetzten sprechen.",
    "Unser Konto wurde gehackt und es wurden Rechnungen in unserem Namen verschickt. Wer haftet "
    "für diesen Betrug?",
    "Wenn ich bis Freitag keine Erstattung bekomme, veranlasse ich eine Rückbuchung und gehe zur "
    "Verbraucherzentrale.",
    "Ik heb een klacht: jullie hebben factuur 2024-118 dubbel afgeschreven. Ik wil een "
    "terugbetaling, anders schakel ik een advocaat in.",
    "Op grond van de AVG wil ik inzage in alle persoonsgegevens die jullie van mij hebben.",
    "Ik heb mijn abonnement opgezegd maar jullie blijven afschrijven. Schandalig! Ik wil een "
    "leidinggevende spreken.",
    "Ons account is gehackt en er zijn facturen op onze naam verstuurd. Wie is aansprakelijk voor "
    "deze fraude?",
    "Als ik voor vrijdag mijn geld niet terug heb, laat ik de betaling terugboeken en stap ik naar "
    "de geschillencommissie.",
]
LATER = {"en": " I have written three times already.", "de": " Ich schreibe schon zum dritten Mal.",
         "nl": " Ik schrijf al voor de derde keer."}  # fmt: skip
HELLO = {"en": "Hello, ", "de": "Hallo, ", "nl": "Hallo, "}


def _tickets(path: Path) -> set[str]:
    """The demo tickets, a greeting variant of each, and two variants of each hard ticket;
    returns the hard tickets' ids."""
    rows, hard = [], set()
    for t in read_tickets(demo_tickets_path()).tickets:
        rows.append({"id": t.id, "lang": t.lang, "channel": t.channel, "body": t.body})
        body = HELLO[t.lang or "en"] + t.body[0].lower() + t.body[1:]
        rows.append({"id": f"{t.id}-v", "lang": t.lang, "channel": t.channel, "body": body})
    for number, text in enumerate(HARD):
        lang = "en" if number < 6 else "de" if number < 11 else "nl"
        for variant, extra in (("a", ""), ("b", LATER[lang])):
            ident = f"hard-{number}{variant}"
            rows.append({"id": ident, "lang": lang, "channel": "email", "body": text + extra})
            hard.add(ident)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return hard


@dataclass
class GradedRun:
    data_dir: Path
    folder: Path  # graded by a person: 92 tickets
    small: Path  # judged by the LLM judge only: 24 tickets
    database_url: str


def _replay(data_dir: Path, tickets: Path, out: Path, urls: dict[str, str], *extra: str) -> None:
    args = ["replay", "--tickets", str(tickets), "--out", str(out), *extra]
    for name, url in urls.items():
        args += ["--candidate", f"{name}={url}"]
    result = invoke(*args, env={"SUPPORTLLM_DATA_DIR": str(data_dir)})
    assert result.code == 0, result.output


@pytest.fixture(scope="module")
def graded(demo_kb_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GradedRun]:
    from supportllm.evals.grading import GradingStore, Score
    from supportllm.evals.judge import JudgeStore, run_judge
    from supportllm.evals.replay import Candidate, ReplayStore
    from supportllm.store.db import open_database

    root = tmp_path_factory.mktemp("route")
    data_dir = root / "data"
    shutil.copytree(demo_kb_template, data_dir)
    tickets = root / "tickets.jsonl"
    hard = _tickets(tickets)
    with contextlib.ExitStack() as stack:
        engines = {
            name: stack.enter_context(
                fake_engine_in_thread(FakeEngineConfig(port=0, output_tokens=tokens))
            )
            for name, tokens in (("local", 40), ("gpt", 60))
        }
        urls = {"local": engines["local"].url, "gpt": engines["gpt"].url}
        _replay(data_dir, tickets, root / "run-graded", urls)
        _replay(data_dir, tickets, root / "run-small", urls, "--sample", "24", "--seed", "3")
        verdicts = ('{"tone": 4, "accuracy": 4, "would_send": "yes"}',
                    '{"tone": 2, "accuracy": 2, "would_send": "no"}')  # fmt: skip
        judge = stack.enter_context(
            fake_engine_in_thread(FakeEngineConfig(port=0, replies=verdicts, output_tokens=200))
        )
        database_url = f"sqlite:///{data_dir / 'supportllm.db'}"
        engine = open_database(database_url)
        asyncio.run(run_judge(JudgeStore(engine), "run-small", Candidate("j", judge.url)))
    # A person grades the big run: the self-hosted model's replies to hard tickets would not be
    # sent, the rest would (with a few disagreements), the API's nearly always.
    replies = {r["id"]: r for r in ReplayStore(engine).replies("run-graded")}
    ext = {item.id: item.ticket.id for item in _stored(engine, "tickets")}
    store = GradingStore(engine)
    token = store.create_session("run-graded", ["anna"], per_item=1, mode="single", seed=1)["anna"]
    grader = store.grader(token)
    for position in range(1, 2 * 92 + 1):
        reply_id = store.item(grader.id, position).replies[0].reply_id
        row = replies[reply_id]
        ticket = ext[row["ticket_id"]]
        if row["candidate"] == "local":
            send = ticket not in hard
            send = not send if row["ticket_id"] % 9 == 0 else send
        else:
            send = row["ticket_id"] % 10 != 0
        store.grade(grader.id, position, [Score(4, 4, send, False, None)])
    yield GradedRun(data_dir, root / "run-graded", root / "run-small", database_url)


def _stored(engine: Any, ticket_set: str) -> list[Any]:
    from supportllm.evals.tickets_db import TicketStore

    return TicketStore(engine).tickets(ticket_set)


def test_calibration_fits_on_graded_replies_and_reports_on_held_out_tickets(
    graded: GradedRun,
) -> None:
    plan = CalibrationPlan(
        graded.folder, 0.3, graded.database_url, self_candidate="local", api_candidate="gpt"
    )
    result = calibrate(plan)
    assert result.method == "fitted" and len(result.run.tickets) == 92
    assert result.label_sources == {"human": 92} and result.run.scores_recorded
    h = result.held_out
    assert h.tickets == 27 and abs(result.train_api_share - 0.3) < 0.03
    assert 0.5 <= h.self_share <= 0.9
    # Routing the hard tickets to the API beats the self-hosted model alone, on tickets the fit
    # never saw, and the score separates them.
    assert h.would_send_mix.value > h.would_send_self.value
    assert h.auc is not None and h.auc > 0.8
    assert h.saving_monthly is not None and h.api_monthly_all is not None
    assert 0 < h.saving_monthly < h.api_monthly_all
    assert abs(h.saving_monthly / h.api_monthly_all - h.self_share) < 0.15
    loaded = ComplexityRouter.load(graded.folder / "router.json")
    assert loaded.threshold == result.router.threshold and "calibrated" in loaded.source
    assert loaded.calibration["method"] == "fitted"
    hard = ticket_features(user(HARD[6]), top_score=0.2, lang="de")
    assert loaded.decide(hard).target == "api"
    report = json.loads((graded.folder / "calibration.json").read_text())
    assert report["held_out"]["tickets"] == 27 and report["method"] == "fitted"
    markdown = (graded.folder / "calibration.md").read_text()
    assert "routed to self-hosting" in markdown and "saved per month" in markdown


def test_a_small_judged_run_keeps_the_default_weights_and_an_ungraded_one_is_refused(
    graded: GradedRun, tmp_path: Path
) -> None:
    out = tmp_path / "r.json"
    plan = CalibrationPlan(graded.small, 0.5, graded.database_url, "local", "gpt", out=out)
    result = calibrate(plan)
    assert result.method == "threshold only" and result.label_sources == {"judge": 24}
    assert any("default weights kept" in note and "24 labelled" in note for note in result.notes)
    assert dict(result.router.weights) == dict(ComplexityRouter.default().weights)
    assert out.is_file() and (tmp_path / "calibration.md").is_file()
    people_only = CalibrationPlan(
        graded.small, 0.5, graded.database_url, "local", "gpt", labels="human", out=out
    )
    with pytest.raises(InvalidInputError) as caught:
        calibrate(people_only)
    assert "0 tickets" in caught.value.message and "at least 20" in caught.value.message


def _route(*args: str, env: dict[str, str] | None = None) -> Any:
    root = typer.Typer()
    root.add_typer(route_cli.app, name="route")
    return CliRunner().invoke(root, ["route", *args], env={"COLUMNS": "200", **(env or {})})


def test_route_calibrate_on_the_command_line(graded: GradedRun, tmp_path: Path) -> None:
    env = {"SUPPORTLLM_DATA_DIR": str(graded.data_dir)}
    out = tmp_path / "cli-router.json"
    ok = _route("calibrate", str(graded.folder), "--target-api-share", "25%", "--self", "local",
                "--out", str(out), "--tickets-per-month", "10000", env=env)  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert "routed to self-hosting" in ok.output and '"would send": all API (gpt)' in ok.output
    assert "target 25%" in ok.output and out.is_file()

    for share in ("130%", "abc", "-5%"):
        bad = _route("calibrate", str(graded.folder), "--target-api-share", share, env=env)
        said = " ".join(bad.output.replace("│", " ").split())
        assert bad.exit_code == 2 and ("0% and 100%" in said or "not a percentage" in said), said
    missing = _route("calibrate", str(tmp_path / "nope"), env=env)
    assert isinstance(missing.exception, InvalidInputError)
    assert "does not exist" in missing.exception.message
    ungraded = _route(
        "calibrate", str(graded.small), "--labels", "human", "--self", "local", env=env
    )
    assert isinstance(ungraded.exception, InvalidInputError)
    assert "needs at least 20" in ungraded.exception.message
    wrong = _route("calibrate", str(graded.folder), "--self", "llama", env=env)
    assert isinstance(wrong.exception, InvalidInputError)
    assert "the run's candidates are local, gpt" in wrong.exception.message


def test_route_explain_prints_features_score_and_reason(tmp_path: Path) -> None:
    result = _route("explain", "Ik heb een klacht en wil een terugbetaling!", "--top-score", "0.2")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.replace("│", " ").split())
    assert "intents complaint, refund" in text and "lang nl" in text
    assert (
        "→ api" in text
        and "intent: refund, complaint" in text
        and "kb top score 0.20 < 0.35" in text
    )
    missing = _route("explain", "hi", "--router", str(tmp_path / "none.json"))
    assert (
        isinstance(missing.exception, ConfigError) and "does not exist" in missing.exception.message
    )
    assert _route("explain", "hi", "--threshold", "1").exit_code == 2
