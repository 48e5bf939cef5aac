"""Blind grading: sessions, the web page over real HTTP (and in a real headless Chromium), the
results and the agreement statistics."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from supportllm.errors import PermissionDeniedError
from supportllm.evals.grading import GradingStore
from supportllm.evals.replay import ReplayStore, ReplyResult
from supportllm.evals.results import agreement, per_model
from supportllm.evals.tickets_db import TicketStore
from supportllm.evals.web.app import build_grading_app
from supportllm.store.db import migrate, open_database
from supportllm.store.keys import KeyStore
from supportllm.tickets import read_tickets
from tests.conftest import NO_CHROMIUM, free_port, headless_chromium, run_cli, serve_in_thread

MODELS = ("qwen-secret-7b", "mistral-hidden-7b")


@dataclass
class Setup:
    store: GradingStore
    keys: KeyStore
    url: str
    tokens: dict[str, str]
    admin_key: str
    chat_key: str


def _replay(
    database_url: str,
    run_id: str = "run1",
    text: Callable[[str, int], str] | None = None,
    tickets: int = 6,
) -> Any:
    """``tickets`` demo tickets replayed by both models; ``text(ticket id, reply number)`` words the
    replies (by default the same sentence for both models)."""
    from supportllm.demo import demo_tickets_path

    engine = open_database(database_url)
    migrate(engine)
    store = TicketStore(engine)
    store.import_tickets("demo", read_tickets(demo_tickets_path()).tickets[:tickets])
    items = store.tickets("demo")
    replays = ReplayStore(engine)
    replays.open_run(run_id, "demo", {"tickets": [i.id for i in items]})
    number = 0
    for item in items:
        for model in MODELS:
            words = f"Reply to {item.ticket.id}: please open Settings."
            if text is not None:
                words = text(item.ticket.id, number)
            number += 1
            source = {"id": f"{item.ticket.id}#1", "title": "Help article", "url": None}
            replays.save(run_id, item.id, model, ReplyResult("done", words, [source], 10, 20, 5.0))
    return engine


@pytest.fixture
def grading(tmp_path: Any) -> Iterator[Setup]:
    engine = _replay(f"sqlite:///{tmp_path / 'g.db'}")
    store, keys = GradingStore(engine), KeyStore(engine)
    tokens = store.create_session("run1", ["anna", "ben"], per_item=2, mode="single", seed=5)
    admin = keys.create("ops", frozenset({"admin"})).key
    chat = keys.create("ops", frozenset({"chat"})).key
    with serve_in_thread(build_grading_app(store, keys)) as url:
        yield Setup(store, keys, url, tokens, admin, chat)


def form_token(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, html[:500]
    return found.group(1)


def post_grade(url: str, token: str, position: int, form: dict[str, str]) -> httpx.Response:
    """What the browser does: load the item, send the form with its CSRF token."""
    page = httpx.get(f"{url}/g/{token}/{position}")
    return httpx.post(f"{url}/g/{token}/{position}", data={**form, "csrf": form_token(page.text)})


def admin_login(url: str, key: str, run_id: str = "run1") -> httpx.Response:
    page = httpx.get(f"{url}/admin/login", params={"next": run_id})
    return httpx.post(
        f"{url}/admin/login", data={"key": key, "next": run_id, "csrf": form_token(page.text)}
    )


def test_every_reply_goes_to_per_item_graders_in_an_order_of_their_own(grading: Setup) -> None:
    lists = {}
    for name in ("anna", "ben"):
        grader = grading.store.grader(grading.tokens[name])
        done, total, first = grading.store.progress(grader.id)
        assert (done, total, first) == (0, 12, 1)
        lists[name] = [grading.store.item(grader.id, p).replies[0].reply_id for p in range(1, 13)]
    assert sorted(lists["anna"]) == sorted(lists["ben"])  # 2 graders per item, 2 graders
    assert lists["anna"] != lists["ben"]  # shuffled per grader


def test_the_page_is_blind(grading: Setup) -> None:
    token = grading.tokens["anna"]
    for position in range(1, 13):
        html = httpx.get(f"{grading.url}/g/{token}/{position}").text
        assert "Reply to " in html and "Help article" in html
        for leak in (*MODELS, "qwen", "mistral", "candidate", "latency", "reply_id"):
            assert leak not in html.lower(), (position, leak)


def test_grades_are_stored_at_once_validated_and_idempotent(grading: Setup) -> None:
    token = grading.tokens["anna"]
    first = httpx.get(f"{grading.url}/g/{token}")
    assert first.status_code == 303 and first.headers["location"].endswith(f"/g/{token}/1")
    bad = post_grade(grading.url, token, 1, {"tone_a": "7", "accuracy_a": "3", "send_a": "yes"})
    assert bad.status_code == 422 and "tone must be from 1 to 5" in bad.text
    assert grading.store.grades("run1") == []
    form = {"tone_a": "4", "accuracy_a": "3", "send_a": "yes", "comment_a": "ok", "action": "grade"}
    for _ in range(2):  # a double submission changes nothing
        saved = post_grade(grading.url, token, 1, form)
        assert saved.status_code == 303 and saved.headers["location"].endswith("/2")
    grades = grading.store.grades("run1")
    assert len(grades) == 1 and grades[0]["tone"] == 4 and grades[0]["would_send"] is True
    assert 'value="4" checked' in httpx.get(f"{grading.url}/g/{token}/1").text
    skipped = post_grade(grading.url, token, 2, {"action": "skip"})
    assert skipped.status_code == 303
    assert sum(g["skipped"] for g in grading.store.grades("run1")) == 1


def test_invalid_revoked_and_closed_links_get_403(grading: Setup) -> None:
    assert httpx.get(f"{grading.url}/g/not-a-token").status_code == 403
    grading.store.revoke("run1", "ben")
    assert httpx.get(f"{grading.url}/g/{grading.tokens['ben']}/1").status_code == 403
    new = grading.store.new_link("run1", "ben")
    assert httpx.get(f"{grading.url}/g/{new}/1").status_code == 200
    grading.store.close("run1")
    assert httpx.get(f"{grading.url}/g/{grading.tokens['anna']}/1").status_code == 403


def test_admin_view_needs_the_admin_scope_and_unblinds_only_when_closed(grading: Setup) -> None:
    first = httpx.get(f"{grading.url}/admin/run1")
    assert first.status_code == 303 and first.headers["location"] == "/admin/login?next=run1"
    assert admin_login(grading.url, grading.chat_key).status_code == 403
    assert admin_login(grading.url, "sk-sllm-000000000000-wrong").status_code == 403
    token = grading.tokens["anna"]
    post_grade(grading.url, token, 1, {"tone_a": "5", "accuracy_a": "5", "send_a": "yes"})
    login = admin_login(grading.url, grading.admin_key)
    assert login.status_code == 303 and login.headers["location"] == "/admin/run1"
    cookie = login.headers["set-cookie"]
    assert all(flag in cookie for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/admin"))
    assert grading.admin_key not in cookie and grading.admin_key not in login.headers["location"]
    session = {"cookie": cookie.split(";")[0]}  # httpx keeps Secure cookies for https only
    page = httpx.get(f"{grading.url}/admin/run1", headers=session)
    assert page.status_code == 200 and "anna" in page.text and MODELS[0] not in page.text
    assert grading.admin_key not in page.text
    unsigned = httpx.post(f"{grading.url}/admin/run1/close", headers=session)
    assert unsigned.status_code == 403 and grading.store.session("run1")["closed_at"] is None
    closed = httpx.post(
        f"{grading.url}/admin/run1/close", headers=session, data={"csrf": form_token(page.text)}
    )
    assert closed.status_code == 303
    page = httpx.get(f"{grading.url}/admin/run1", headers=session)
    assert "Results (unblinded)" in page.text and any(m in page.text for m in MODELS)
    grading.keys.revoke(grading.admin_key.split("-")[2])  # revoking the key ends the session
    assert httpx.get(f"{grading.url}/admin/run1", headers=session).status_code == 403


def test_forms_need_their_token_and_this_site_as_origin(grading: Setup) -> None:
    token = grading.tokens["anna"]
    form = {"tone_a": "4", "accuracy_a": "3", "send_a": "yes"}
    no_token = httpx.post(f"{grading.url}/g/{token}/1", data=form)
    assert no_token.status_code == 403 and grading.store.grades("run1") == []
    # A cross-site form (enctype text/plain) with a stolen token is refused by its Origin.
    good = form_token(httpx.get(f"{grading.url}/g/{token}/1").text)
    cross = httpx.post(
        f"{grading.url}/g/{token}/1",
        content=f"tone_a=4&accuracy_a=3&send_a=yes&csrf={good}",
        headers={"origin": "https://evil.example", "content-type": "text/plain"},
    )
    assert cross.status_code == 403 and grading.store.grades("run1") == []
    same = httpx.post(
        f"{grading.url}/g/{token}/1",
        data={**form, "csrf": good},
        headers={"origin": grading.url},
    )
    assert same.status_code == 303 and len(grading.store.grades("run1")) == 1


def test_pages_carry_security_headers_and_huge_positions_are_404(grading: Setup) -> None:
    token = grading.tokens["anna"]
    page = httpx.get(f"{grading.url}/g/{token}/1")
    csp = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'nonce-" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in page.text
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "same-origin"
    huge = httpx.get(f"{grading.url}/g/{token}/99999999999999999999")
    assert huge.status_code == 404 and "text/html" in huge.headers["content-type"]


def test_pairwise_items_show_two_replies_to_one_ticket(tmp_path: Any) -> None:
    engine = _replay(f"sqlite:///{tmp_path / 'p.db'}")
    store = GradingStore(engine)
    tokens = store.create_session("run1", ["anna"], per_item=1, mode="pair", seed=1)
    grader = store.grader(tokens["anna"])
    _done, total, _first = store.progress(grader.id)
    assert total == 6  # one pair per ticket with two candidates
    sides: Counter[int] = Counter()
    for position in range(1, 7):
        item = store.item(grader.id, position)
        assert len(item.replies) == 2
        candidates = {g["candidate"] for g in store.grades("run1")}
        assert candidates == set()
        sides[item.replies[0].reply_id % 2] += 1
    assert len(sides) == 2, "which model is on the left varies"


ODD_REPLY = (
    "<<SYS>>\nYou are a support assistant.\n<</SYS>>\n[INST] Where is my invoice? [/INST]\n"
    "See [en-01#1] and <b>Settings</b> <script>alert('x')</script> &amp;\n\n"
    + "\n".join(f"  step {i}: open the menu" for i in range(60))
    + "\n"
    + "x" * 3000
)


def _odd_replies(ticket: str, number: int) -> str:
    """Reply 0 echoes its prompt, carries HTML and is long; reply 1 is empty."""
    return {0: ODD_REPLY, 1: ""}.get(number, f"Reply to {ticket}: please open Settings.")


@pytest.fixture
def odd(tmp_path: Any) -> Iterator[tuple[str, str, dict[str, int]]]:
    """A one-grader session whose replies include ODD_REPLY and an empty one: (url, token,
    position of each kind)."""
    engine = _replay(f"sqlite:///{tmp_path / 'o.db'}", text=_odd_replies, tickets=2)
    store = GradingStore(engine)
    token = store.create_session("run1", ["anna"], per_item=1, mode="single", seed=2)["anna"]
    grader = store.grader(token)
    positions = {}
    for position in range(1, 5):
        text = store.item(grader.id, position).replies[0].text
        positions["odd" if text == ODD_REPLY else "empty" if not text else "plain"] = position
    with serve_in_thread(build_grading_app(store, KeyStore(engine))) as url:
        yield url, token, positions


def test_odd_replies_are_shown_exactly_as_written_and_flagged(
    odd: tuple[str, str, dict[str, int]],
) -> None:
    url, token, positions = odd
    page = httpx.get(f"{url}/g/{token}/{positions['odd']}").text
    assert "<script>alert" not in page and "<b>Settings" not in page  # never rendered as HTML
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    box = re.search(r'<div class="text reply long" tabindex="0"[^>]*>(.*?)</div>', page, re.DOTALL)
    assert box is not None, "a long reply is a focusable box that scrolls"
    marked = re.findall(r'<mark class="tpl">(.*?)</mark>', box.group(1))
    assert [html.unescape(m) for m in marked] == [
        "<<SYS>>", "<</SYS>>", "[INST]", "[/INST]", "[en-01#1]"
    ]  # fmt: skip
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", box.group(1))) == ODD_REPLY
    flag = "Contains prompt-template text:</strong> &lt;&lt;SYS&gt;&gt;, &lt;&lt;/SYS&gt;&gt;"
    assert flag in page
    assert "Long reply: 4," in page
    empty = httpx.get(f"{url}/g/{token}/{positions['empty']}").text
    assert "The reply is empty." in empty and 'class="text reply"' not in empty
    plain = httpx.get(f"{url}/g/{token}/{positions['plain']}").text
    assert 'class="text reply">Reply to ' in plain and "prompt-template" not in plain


def _grade(
    grader: str, reply: int, tone: int, accuracy: int, send: bool, model: str = "m"
) -> dict[str, Any]:
    return {"grader": grader, "reply_id": reply, "candidate": model, "tone": tone,
            "accuracy": accuracy, "would_send": send, "skipped": False, "lang": "en",
            "channel": "chat"}  # fmt: skip


def test_means_intervals_and_would_send_per_model() -> None:
    grades = [_grade("a", i, 4 + i % 2, 3, i % 4 != 0, "x") for i in range(40)]
    grades += [_grade("a", 100 + i, 2, 2, False, "y") for i in range(10)]
    result = per_model(grades)
    x = result["x"]["overall"]
    assert x["tone"] == pytest.approx(4.5) and x["accuracy"] == 3.0
    assert x["would_send"] == pytest.approx(0.75)
    assert x["tone_ci"][0] < 4.5 < x["tone_ci"][1] and x["tone_ci"][1] - x["tone_ci"][0] < 0.5
    assert (
        result["y"]["overall"]["would_send"] == 0.0 and result["y"]["by_lang"]["en"]["grades"] == 10
    )


def test_agreement_statistics() -> None:
    same = [
        _grade(g, i, 1 + i % 5, 1 + (i * 2) % 5, i % 3 == 0) for g in ("a", "b") for i in range(30)
    ]
    result = agreement(same)
    assert result["scales"]["tone"]["krippendorff_alpha"] == pytest.approx(1.0)
    assert result["scales"]["tone"]["cohen_kappa"]["a vs b"]["kappa"] == pytest.approx(1.0)
    off_by_one = same[:30] + [
        _grade("b", i, min(5, 2 + i % 5), 1 + (i * 2) % 5, i % 3 == 0) for i in range(30)
    ]
    near = agreement(off_by_one)["scales"]["tone"]
    assert 0.5 < near["cohen_kappa"]["a vs b"]["kappa"] < 1.0
    random_b = same[:30] + [_grade("b", i, 1 + (i * 7 + 3) % 5, 3, True) for i in range(30)]
    assert agreement(random_b)["scales"]["tone"]["krippendorff_alpha"] < 0.3
    three = same + [_grade("c", i, 1 + i % 5, 1, False) for i in range(30)]
    assert set(agreement(three)["scales"]["tone"]["cohen_kappa"]) == {"a vs b", "a vs c", "b vs c"}


@pytest.mark.skipif(NO_CHROMIUM, reason="Debian's chromium and chromium-driver are not installed")
def test_grading_in_a_real_headless_chromium(grading: Setup) -> None:
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser = headless_chromium()

    def shows(text: str) -> None:
        """Wait for the next page (a form post redirects) and check what it says. While the
        page is being replaced chromedriver may also say "Node with given id does not belong
        to the document" (a WebDriverException, not a stale reference): polled past too."""
        WebDriverWait(
            browser, 15, ignored_exceptions=(StaleElementReferenceException, WebDriverException)
        ).until(lambda b: text in b.find_element(By.TAG_NAME, "body").text)

    try:
        browser.get(f"{grading.url}/g/{grading.tokens['anna']}")
        shows("item 1 of 12")
        # item 1 with the mouse
        browser.find_element(By.CSS_SELECTOR, "input[name=tone_a][value='4']").click()
        browser.find_element(By.CSS_SELECTOR, "input[name=accuracy_a][value='5']").click()
        browser.find_element(By.CSS_SELECTOR, "input[name=send_a][value='yes']").click()
        browser.find_element(By.CSS_SELECTOR, "button[value=grade]").click()
        shows("item 2 of 12 · 1 graded")
        # item 2 with the keyboard: 3 = tone, Shift+2 = accuracy, n = would not send, Enter
        body = browser.find_element(By.TAG_NAME, "body")
        body.send_keys("3")
        body.send_keys(Keys.SHIFT, "2")
        body.send_keys("n")
        body.send_keys(Keys.ENTER)
        shows("item 3 of 12 · 2 graded")
        # item 3: s skips
        browser.find_element(By.TAG_NAME, "body").send_keys("s")
        shows("item 4 of 12 · 3 graded")
        for leak in (*MODELS, "qwen", "mistral"):
            assert leak not in browser.page_source.lower()
        # a closed browser loses nothing: the grades are on the server
        browser.get(f"{grading.url}/g/{grading.tokens['anna']}/2")
        shows("item 2 of 12")
        assert browser.find_element(By.CSS_SELECTOR, "input[name=tone_a][value='3']").is_selected()
        assert browser.find_element(
            By.CSS_SELECTOR, "input[name=accuracy_a][value='2']"
        ).is_selected()
    finally:
        browser.quit()
    grades = grading.store.grades("run1")
    found = Counter((g["tone"], g["accuracy"], g["would_send"], g["skipped"]) for g in grades)
    assert found == Counter([(4, 5, True, False), (3, 2, False, False), (None, None, None, True)])


@pytest.mark.skipif(NO_CHROMIUM, reason="Debian's chromium and chromium-driver are not installed")
def test_a_long_odd_reply_and_big_choices_on_a_1280_pixel_screen(
    odd: tuple[str, str, dict[str, int]],
) -> None:
    from selenium.webdriver.common.by import By

    url, token, positions = odd
    browser = headless_chromium()
    try:
        browser.set_window_size(1280, 900)
        browser.get(f"{url}/g/{token}/{positions['odd']}")
        layout = browser.execute_script(
            """
            const box = document.querySelector('.text.reply');
            const labels = [...document.querySelectorAll('.choices label')];
            return {page: document.documentElement.scrollWidth, view: window.innerWidth,
                    box: box.clientHeight, content: box.scrollHeight,
                    scripts: document.scripts.length, text: box.textContent,
                    labels: labels.map(l => [l.getBoundingClientRect().width,
                                             l.getBoundingClientRect().height])};
            """
        )
        assert layout["page"] <= layout["view"], "3,000 characters without a space wrap"
        assert layout["content"] > layout["box"] and layout["box"] <= 560, "a box that scrolls"
        assert layout["text"] == ODD_REPLY and layout["scripts"] == 1  # only the page's own
        assert len(layout["labels"]) == 12
        assert all(w >= 44 and h >= 44 for w, h in layout["labels"]), layout["labels"]
        # the whole label is the target: a click on its number chooses it
        label = browser.find_elements(By.CSS_SELECTOR, ".choices label")[3]
        label.click()
        assert label.find_element(By.TAG_NAME, "input").is_selected()
    finally:
        browser.quit()


def test_the_judge_scores_retries_junk_and_never_invents_a_score(
    fake_engine_factory: Any, tmp_path: Any
) -> None:
    import asyncio

    from supportllm.evals.judge import JudgeStore, judged_line, parse_verdict, run_judge
    from supportllm.evals.replay import Candidate

    engine = _replay(f"sqlite:///{tmp_path / 'j.db'}")
    judges = JudgeStore(engine)
    answers = (
        '{"tone": 4, "accuracy": 3, "would_send": "yes", "reason": "fine"}',
        "I think it is a good reply.",
        'Sure! {"tone": 2, "accuracy": "5", "would_send": "no"}',
    )
    good = fake_engine_factory(replies=answers, output_tokens=200)
    counts = asyncio.run(
        run_judge(judges, "run1", Candidate("strict", good.url, "m"), concurrency=1)
    )
    assert counts == {"scored": 12, "unparsable": 0, "failed": 0, "free_text": 0, "kept": 0}
    assert good.requests()[-1]["response_format"]["json_schema"]["name"] == "verdict"
    # Run again (a resumed trial): nothing is asked twice, and the summary says why.
    asked = len(good.requests())
    again = asyncio.run(run_judge(judges, "run1", Candidate("strict", good.url, "m")))
    assert len(good.requests()) == asked and again["kept"] == 12
    assert judged_line(again) == "12 of 12 valid judgements (12 kept from an earlier run)"
    stored = judges.judgements("run1")
    retried = [j for j in stored if j["attempts"] == 2]
    assert retried and all(len(json.loads(j["raw"])) == 2 for j in retried)
    assert {(j["tone"], j["accuracy"], j["would_send"]) for j in stored} <= {
        (4, 3, True),
        (2, 5, False),
    }
    assert "Reply to score:" in stored[0]["prompt"] and "tone (1-5)" in stored[0]["prompt"]

    junk = fake_engine_factory(replies=("The reply looks fine to me.",), output_tokens=200)
    counts = asyncio.run(run_judge(judges, "run1", Candidate("chatty", junk.url), attempts=3))
    assert counts["unparsable"] == 12
    chatty = [j for j in judges.judgements("run1") if j["judge"] == "chatty"]
    assert all(j["tone"] is None and j["attempts"] == 3 for j in chatty)
    assert parse_verdict('{"tone": 9, "accuracy": 3, "would_send": "yes"}') is None
    assert parse_verdict('{"tone": 3, "accuracy": 3, "would_send": "maybe"}') is None
    # Cut off by max_tokens inside the reason: the scores were written whole and count.
    cut = parse_verdict('{"tone": 2, "accuracy": 4, "would_send": "no", "reason": "The ans')
    assert cut is not None and (cut.tone, cut.accuracy, cut.would_send) == (2, 4, False)
    assert parse_verdict('{"tone": 2, "accuracy": ') is None
    # A small model under a grammar may put raw line breaks into its reason (the demo model did).
    rambling = '{ "tone":1, "accuracy":5, "would_send":"yes", "reason":"no</h3>\n<h3>[/INST]\n* *'
    salvaged = parse_verdict(rambling)
    assert salvaged is not None and (salvaged.tone, salvaged.accuracy, salvaged.would_send) == (
        1,
        5,
        True,
    )


def test_a_judge_whose_api_refuses_structured_output_is_asked_in_free_text(
    fake_engine_factory: Any, tmp_path: Any
) -> None:
    import asyncio

    from supportllm.evals.judge import JudgeStore, run_judge
    from supportllm.evals.replay import Candidate

    judges = JudgeStore(_replay(f"sqlite:///{tmp_path / 'j.db'}"))
    answer = '{"tone": 5, "accuracy": 4, "would_send": "yes", "reason": "ok"}'
    strict_api = fake_engine_factory(
        replies=(answer,), output_tokens=200, refuse_fields=("response_format",)
    )
    counts = asyncio.run(
        run_judge(judges, "run1", Candidate("old-api", strict_api.url, "m"), concurrency=1)
    )
    assert counts == {"scored": 12, "unparsable": 0, "failed": 0, "free_text": 12, "kept": 0}
    sent = strict_api.requests()
    assert "response_format" in sent[0]  # asked once with a schema ...
    assert all("response_format" not in body for body in sent[2:])  # ... then never again
    assert len(sent) == 13


def test_grade_results_prints_the_seeds_table_and_writes_files(
    fake_engine_factory: Any, tmp_path: Any
) -> None:
    import asyncio

    from supportllm.evals.grading import Score
    from supportllm.evals.judge import JudgeStore, run_judge
    from supportllm.evals.replay import Candidate

    engine = _replay(f"sqlite:///{tmp_path / '.supportllm' / 'supportllm.db'}")
    (tmp_path / "run1").mkdir()
    (tmp_path / "run1" / "replay.json").write_text(json.dumps({"run_id": "run1"}))
    store = GradingStore(engine)
    tokens = store.create_session("run1", ["anna", "ben"], per_item=2, mode="single", seed=3)
    for name, offset in (("anna", 0), ("ben", 1)):
        grader = store.grader(tokens[name])
        for position in range(1, 13):
            reply = store.item(grader.id, position).replies[0]
            tone = 2 + reply.reply_id % 3 + (offset if reply.reply_id % 4 == 0 else 0)
            store.grade(
                grader.id, position, [Score(min(tone, 5), 3, reply.reply_id % 2 == 0, False, None)]
            )
    judge = fake_engine_factory(replies=('{"tone": 3, "accuracy": 3, "would_send": "yes"}',))
    asyncio.run(run_judge(JudgeStore(engine), "run1", Candidate("j", judge.url)))
    result = run_cli("grade", "results", "run1", timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert '"Would send"' in out and MODELS[0] in out and "LLM judge" in out
    assert "Krippendorff's α" in out and "anna vs ben" in out and "judge:j" in out
    document = json.loads((tmp_path / "run1" / "results.json").read_text())
    assert set(document["models"]) == set(MODELS) and set(document["judge"]) == set(MODELS)
    assert (tmp_path / "run1" / "results.png").read_bytes()[:4] == b"\x89PNG"
    assert "would_send" in (tmp_path / "run1" / "results.csv").read_text().splitlines()[0]


def test_two_graders_who_graded_part_of_their_lists_agree_on_shared_replies(
    tmp_path: Any,
) -> None:
    """Issue 13: `--per-item 2`, anna and ben each grade their first 10 items in the page, and
    `grade results` reports agreement over the replies they both graded, as computed by hand."""
    engine = _replay(
        f"sqlite:///{tmp_path / '.supportllm' / 'supportllm.db'}",
        text=lambda ticket, number: f"Answer number {number} to ticket {ticket}.",
        tickets=30,
    )  # 60 replies: ten items each share two or so by chance alone
    (tmp_path / "run1").mkdir()
    (tmp_path / "run1" / "replay.json").write_text(json.dumps({"run_id": "run1"}))
    store = GradingStore(engine)
    tokens = store.create_session("run1", ["anna", "ben"], per_item=2, mode="single", seed=7)

    def opinion(grader: str, number: int) -> tuple[int, bool]:
        """What each grader thinks of answer ``number``: tone, would send."""
        if grader == "anna":
            return 1 + number % 5, number % 2 == 0
        return min(5, 1 + number % 5 + (number % 4 == 0)), number % 3 == 0

    seen: dict[str, dict[int, tuple[int, bool]]] = {"anna": {}, "ben": {}}
    with serve_in_thread(build_grading_app(store, KeyStore(engine))) as url:
        for grader in ("anna", "ben"):
            for _ in range(10):  # a working session: the next item, read, grade, save
                page = httpx.get(f"{url}/g/{tokens[grader]}", follow_redirects=True)
                found = re.search(r"Answer number (\d+) ", page.text)
                assert found is not None, page.text[:300]
                number = int(found.group(1))
                tone, send = opinion(grader, number)
                saved = httpx.post(
                    str(page.url),
                    data={"tone_a": str(tone), "accuracy_a": "3", "action": "grade",
                          "send_a": "yes" if send else "no", "csrf": form_token(page.text)},
                )  # fmt: skip
                assert saved.status_code == 303
                seen[grader][number] = (tone, send)
    shared = sorted(set(seen["anna"]) & set(seen["ben"]))
    assert len(shared) == 10, "both graders' first ten items are the same ten replies"

    # Cohen's kappa on would-send by hand: observed agreement against chance agreement.
    anna = [seen["anna"][n][1] for n in shared]
    ben = [seen["ben"][n][1] for n in shared]
    observed = sum(a == b for a, b in zip(anna, ben, strict=True)) / len(shared)
    yes_a, yes_b = sum(anna) / len(shared), sum(ben) / len(shared)
    chance = yes_a * yes_b + (1 - yes_a) * (1 - yes_b)
    kappa = (observed - chance) / (1 - chance)
    tone_same = sum(seen["anna"][n][0] == seen["ben"][n][0] for n in shared) / len(shared)

    result = run_cli("grade", "results", "run1", timeout=120)
    assert result.returncode == 0, result.stderr
    send_line = next(line for line in result.stdout.splitlines() if "on would_send" in line)
    assert "(10 replies graded by 2+ graders)" in send_line
    assert f"anna vs ben κ={kappa:.2f}, {observed:.0%} identical (n=10)" in send_line
    document = json.loads((tmp_path / "run1" / "results.json").read_text())
    scales = document["agreement"]["scales"]
    assert scales["would_send"]["items_rated_twice"] == 10
    pair = scales["would_send"]["cohen_kappa"]["anna vs ben"]
    assert pair["kappa"] == pytest.approx(kappa)
    assert pair["exact_agreement"] == pytest.approx(observed)
    tone = scales["tone"]["cohen_kappa"]["anna vs ben"]
    assert tone["exact_agreement"] == pytest.approx(tone_same)


def test_grade_link_revoke_and_close_on_the_command_line(tmp_path: Any) -> None:
    import subprocess

    engine = _replay(f"sqlite:///{tmp_path / '.supportllm' / 'supportllm.db'}")
    (tmp_path / "run1").mkdir()
    (tmp_path / "run1" / "replay.json").write_text(json.dumps({"run_id": "run1"}))
    store = GradingStore(engine)
    old = store.create_session("run1", ["anna", "ben"], per_item=1, mode="single", seed=1)

    def grade(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli("grade", *args, timeout=120)

    linked = grade("link", "run1", "anna", "--port", "8090")
    assert linked.returncode == 0 and "anna: http://127.0.0.1:8090/g/" in linked.stdout
    token = linked.stdout.strip().rsplit("/g/", 1)[1]
    assert store.grader(token).name == "anna"
    with pytest.raises(PermissionDeniedError):
        store.grader(old["anna"])  # the old link stopped working
    assert grade("revoke", "run1", "ben").returncode == 0
    with pytest.raises(PermissionDeniedError):
        store.grader(old["ben"])
    assert grade("close", "run1").returncode == 0
    with pytest.raises(PermissionDeniedError, match="closed"):
        store.grader(token)
    missing = grade("close", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "not a replay run" in missing.stderr


def test_the_judge_goes_through_the_gateway_on_its_own_channel(
    fake_engine_factory: Any, tmp_path: Any
) -> None:
    """Judge calls are authenticated and logged like all traffic: the judge channel's system
    prompt first, the rubric as the message, no knowledge-base retrieval."""
    from supportllm.config import load_settings
    from supportllm.evals.judge import JudgePlan, JudgeStore, judge
    from supportllm.evals.replay import Candidate

    settings = load_settings(
        None, data_dir=tmp_path / "data", log_requests_to_stdout=False,
        database_url=f"sqlite:///{tmp_path / 'j.db'}",
    )  # fmt: skip
    engine = _replay(settings.resolved_database_url())
    folder = tmp_path / "run1"
    folder.mkdir()
    (folder / "replay.json").write_text(json.dumps({"run_id": "run1"}))
    answer = '{"tone": 4, "accuracy": 3, "would_send": "yes", "reason": "fine"}'
    model = fake_engine_factory(replies=(answer,), output_tokens=200)
    counts = judge(JudgePlan(folder, Candidate("strict", model.url, "m"), concurrency=2), settings)
    assert counts == {"scored": 12, "unparsable": 0, "failed": 0, "free_text": 0, "kept": 0}
    assert len(JudgeStore(engine).judgements("run1")) == 12
    sent = model.requests()[-1]
    assert sent["messages"][0]["role"] == "system"
    assert "careful evaluator" in sent["messages"][0]["content"]
    assert "tone (1-5)" in sent["messages"][-1]["content"]
    assert "channel" not in sent and "retrieval" not in sent  # ours, never forwarded
    log = [
        json.loads(line)
        for line in settings.resolved_request_log().read_text().splitlines()
        if line.strip()
    ]
    assert len(log) == 12
    assert all(
        r["channel"] == "judge" and r["retrieval"] == "off" and r["team"].startswith("replay-")
        for r in log
    )


def test_the_grading_server_has_the_gateways_limits_before_the_application(
    tmp_path: Any,
) -> None:
    """`grade serve` answers every grader's browser: a 1 MB header is refused before the app."""
    import socket
    import subprocess
    import sys
    import time

    _replay(f"sqlite:///{tmp_path / '.supportllm' / 'supportllm.db'}")
    (tmp_path / "run1").mkdir()
    (tmp_path / "run1" / "replay.json").write_text(json.dumps({"run_id": "run1"}))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "supportllm", "grade", "serve", "run1", "--graders", "anna,ben",
         "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)
        with sock:
            sock.sendall(
                b"GET /g/x HTTP/1.1\r\nhost: x\r\nx-big: " + b"a" * 1_000_000 + b"\r\n\r\n"
            )
            reply = sock.recv(64)
        assert reply.startswith(b"HTTP/1.1 431 "), reply
    finally:
        server.terminate()
        server.wait(15)
