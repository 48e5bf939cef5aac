"""The audit trail: what the gateway records, the chain that makes tampering visible (against
SQLite and a real PostgreSQL), signed checkpoints, retention, SIEM export, fail-closed."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from supportllm.audit.append import Entry, admin_event, append
from supportllm.audit.export import as_syslog, export_once
from supportllm.audit.retention import purge, retention_report
from supportllm.audit.signing import load_signer
from supportllm.audit.verify import ExportedCheckpoint, newest_exported_checkpoint, verify
from supportllm.engines.fake import FakeEngineHandle
from supportllm.errors import ConfigError
from supportllm.store.db import migrate, open_database
from tests.conftest import InProcessGateway, invoke

QUESTION = [{"role": "user", "content": "Where is my invoice?"}]


def chain(url: str, tmp_path: Path, records: int = 30, every: int = 10) -> tuple[Engine, Any]:
    """``records`` request records with content, a signed checkpoint after every ``every``."""
    engine = open_database(url)
    migrate(engine)
    signer = load_signer(tmp_path / "keys")
    for start in range(0, records, every):
        entries = [
            Entry(
                "request",
                {"request_id": f"req-{i}", "team": "billing", "status": 200, "ts": 1_000 + i},
                json.dumps({"messages": QUESTION, "reply": f"reply {i}"}).encode(),
            )
            for i in range(start, start + every)
        ]
        append(engine, entries, signer, checkpoint=True)
    return engine, signer


def test_an_intact_chain_verifies_and_every_tampering_names_the_first_bad_record(
    database_url: str, tmp_path: Path
) -> None:
    engine, signer = chain(database_url, tmp_path)
    verdict = verify(engine, signer.public)
    assert verdict.ok, verdict.problems
    assert verdict.records == 33 and verdict.checkpoints == 3 and verdict.contents == 30

    def run(sql: str, **params: Any) -> None:
        with engine.begin() as conn:
            conn.execute(text(sql), params)

    def tampered(sql: str, **params: Any) -> str:
        run(sql, **params)
        found = verify(engine, signer.public)
        assert not found.ok
        return found.problems[0]

    # edited: a record's body changed in place (hash left as it was)
    with engine.connect() as conn:
        original = conn.execute(text("SELECT body FROM audit_records WHERE seq = 5")).scalar_one()
    edited = bytes(original).replace(b'"billing"', b'"support"')
    assert tampered("UPDATE audit_records SET body = :b WHERE seq = 5", b=edited).startswith(
        "record 5: edited"
    )
    run("UPDATE audit_records SET body = :b WHERE seq = 5", b=bytes(original))
    assert verify(engine, signer.public).ok  # put back: intact again
    # a searchable column changed behind the chained body's back
    problem = tampered("UPDATE audit_records SET team = 'x' WHERE seq = 7")
    assert problem.startswith("record 7: column 'team' was changed")
    run("UPDATE audit_records SET team = 'billing' WHERE seq = 7")
    # deleted
    with engine.connect() as conn:
        row = dict(
            conn.execute(text("SELECT * FROM audit_records WHERE seq = 12")).mappings().one()
        )
    assert tampered("DELETE FROM audit_records WHERE seq = 12").startswith(
        "record 12: missing (deleted)"
    )
    # inserted back at another place: a record out of order
    row["seq"] = 12
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_records (seq, ts, kind, request_id, team, status, body, hash,"
                " signature) VALUES (:seq, :ts, :kind, :request_id, :team, :status, :body, :hash,"
                " :signature)"
            ),
            row,
        )
    assert verify(engine, signer.public).ok
    # reordered: two records swap places
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_records SET seq = -1 WHERE seq = 20"))
        conn.execute(text("UPDATE audit_records SET seq = 20 WHERE seq = 21"))
        conn.execute(text("UPDATE audit_records SET seq = 21 WHERE seq = -1"))
    assert verify(engine, signer.public).problems[0].startswith("record 20: edited")
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_records SET seq = -1 WHERE seq = 20"))
        conn.execute(text("UPDATE audit_records SET seq = 20 WHERE seq = 21"))
        conn.execute(text("UPDATE audit_records SET seq = 21 WHERE seq = -1"))
    # content changed
    assert tampered("UPDATE audit_content SET content = :c WHERE seq = 3", c=b"{}").startswith(
        "record 3: its content was changed"
    )


def test_a_cut_tail_is_caught_by_the_head_and_by_an_exported_checkpoint(
    database_url: str, tmp_path: Path
) -> None:
    engine, signer = chain(database_url, tmp_path)
    exported = tmp_path / "siem.jsonl"
    with exported.open("wb") as out:
        assert export_once(engine, out, "jsonl") == (33, 33)
    newest = newest_exported_checkpoint(exported)
    assert newest.seq == 33
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_records WHERE seq > 22"))
    assert "cut tail" in verify(engine, signer.public).problems[0]
    # The attacker also moves the head back: only the checkpoint kept off the host shows it.
    with engine.begin() as conn:
        last = conn.execute(text("SELECT hash FROM audit_records WHERE seq = 22")).scalar_one()
        conn.execute(text("UPDATE audit_head SET seq = 22, hash = :h"), {"h": last})
    assert verify(engine, signer.public).ok
    verdict = verify(engine, signer.public, against=newest)
    assert not verdict.ok and "past the end of the chain (22)" in verdict.problems[0]
    rewritten = verify(engine, signer.public, against=ExportedCheckpoint(11, "0" * 64))
    assert "rewritten" in rewritten.problems[0]


def test_checkpoints_are_signed_and_a_wrong_or_missing_key_is_a_clear_error(
    tmp_path: Path,
) -> None:
    engine, _signer = chain(f"sqlite:///{tmp_path / 'a.db'}", tmp_path)
    other = load_signer(tmp_path / "other")
    wrong = verify(engine, other.public)
    assert "checkpoint 11: the signature does not verify with the public key" in wrong.problems[0]
    key_file = tmp_path / "keys" / "signing-key.pem"
    assert key_file.stat().st_mode & 0o777 == 0o600
    key_file.chmod(0o644)
    with pytest.raises(ConfigError, match="readable by other users"):
        load_signer(tmp_path / "keys")
    key_file.write_text("not a key")
    key_file.chmod(0o600)
    with pytest.raises(ConfigError, match="not an Ed25519 private key"):
        load_signer(tmp_path / "keys")
    with pytest.raises(ConfigError, match="no audit signing key"):
        load_signer(tmp_path / "nowhere", create=False)
    with pytest.raises(ConfigError, match="not an audit public key"):
        verify(engine, "rsa:abc")


def test_retention_deletes_old_content_keeps_the_chain_and_proves_it(
    database_url: str, tmp_path: Path
) -> None:
    engine, signer = chain(database_url, tmp_path, records=20, every=10)
    now = 1_000 + 90 * 86_400 + 10.5  # records 0..10 are older than 90 days
    before = retention_report(engine, 90, now=now)
    assert not before.holds and before.older_than_policy == 11
    done = purge(engine, 90, now=now)
    assert done.count == 11 and done.seq == 23
    after = retention_report(engine, 90, now=now)
    assert after.holds and after.content_rows == 9 and after.purges[0]["count"] == 11
    verdict = verify(engine, signer.public)
    assert verdict.ok, verdict.problems
    assert verdict.purged_contents == 11 and verdict.contents == 9
    with engine.begin() as conn:  # a recent record's content deleted outside a purge
        conn.execute(text("DELETE FROM audit_content WHERE seq = 19"))
    assert verify(engine, signer.public).problems == [
        "record 19: its content is missing and no purge event covers it"
    ]


def test_export_as_jsonl_and_rfc5424_syslog(tmp_path: Path) -> None:
    engine, _signer = chain(f"sqlite:///{tmp_path / 'a.db'}", tmp_path, records=10, every=10)
    admin_event(engine, "key.revoke", {"key_id": "abc", "team": "billing"}, actor="ops")
    out = tmp_path / "out.jsonl"
    with out.open("wb") as handle:
        export_once(engine, handle, "jsonl")
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["seq"] for line in lines] == list(range(1, 13))
    assert lines[10]["record"]["kind"] == "checkpoint" and lines[10]["signature"]
    assert lines[11]["record"]["action"] == "key.revoke" and lines[11]["record"]["actor"] == "ops"
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM audit_records ORDER BY seq")).all()
    message = as_syslog(rows[0], "gw-1").decode()
    pattern = (
        r"<110>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z gw-1 supportllm - request "
        r'\[supportllm@32473 seq="1" hash="[0-9a-f]{64}" request_id="req-0" team="billing" '
        r'status="200"\] \ufeff\{'
    )
    assert re.match(pattern, message), message
    assert json.loads(message.split("\ufeff", 1)[1]) == json.loads(rows[0].body)


def _wait(predicate: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_gateway_records_each_request_with_its_decision_path_and_content(
    asgi_gateway_factory: Callable[..., InProcessGateway],
    fake_engine: FakeEngineHandle,
    tmp_path: Path,
) -> None:
    gw = asgi_gateway_factory(fake_engine.url, audit={"flush_interval_ms": 10})
    whole = gw.chat(messages=QUESTION, max_tokens=4)
    streamed = gw.chat(messages=QUESTION, max_tokens=5, stream=True)
    refused = gw.chat(key="sk-sllm-000000000000-wrong", messages=QUESTION)
    assert (whole.status_code, streamed.status_code, refused.status_code) == (200, 200, 401)
    env = {"SUPPORTLLM_DATA_DIR": str(tmp_path / "data")}
    _wait(lambda: invoke("audit", "search", "--json", env=env).stdout.count("\n") >= 4)
    shown = invoke("audit", "show", streamed.headers["x-request-id"], env=env)
    assert shown.code == 0, shown.output
    for field in ("support-team", "chat", "self_hosted", "fake-model", "200", "ttft_ms"):
        assert field in shown.text
    assert '"reply": "Thanks for reaching out. I"' in shown.output  # from the stream's events
    assert "Where is my invoice?" in shown.output
    whole_shown = invoke("audit", "show", whole.headers["x-request-id"], env=env)
    assert '"reply": "Thanks for reaching out."' in whole_shown.output
    errors = invoke("audit", "search", "--status", "4xx", "--json", env=env)
    (line,) = errors.stdout.splitlines()
    assert json.loads(line)["record"]["status"] == 401
    verified = invoke("audit", "verify", env=env)
    assert verified.code == 0 and "chain intact" in verified.text, verified.output


def test_requests_fail_closed_while_the_audit_trail_cannot_be_written(
    asgi_gateway_factory: Callable[..., InProcessGateway],
    fake_engine: FakeEngineHandle,
    tmp_path: Path,
) -> None:
    gw = asgi_gateway_factory(fake_engine.url, audit={"flush_interval_ms": 10})
    assert gw.chat(messages=QUESTION, max_tokens=2).status_code == 200
    audit_db = open_database(f"sqlite:///{tmp_path / 'data' / 'audit.db'}")
    with audit_db.begin() as conn:  # the trail's storage breaks under the running gateway
        conn.execute(text("ALTER TABLE audit_records RENAME TO broken"))
    gw.chat(messages=QUESTION, max_tokens=2)  # its record cannot be committed
    _wait(lambda: gw.chat(messages=QUESTION, max_tokens=2).status_code == 503)
    refused = gw.chat(messages=QUESTION, max_tokens=2)
    assert refused.status_code == 503
    assert refused.json()["error"]["code"] == "audit_unavailable"
    with audit_db.begin() as conn:
        conn.execute(text("ALTER TABLE broken RENAME TO audit_records"))
    _wait(lambda: gw.chat(messages=QUESTION, max_tokens=2).status_code == 200)
    assert gw.chat(messages=QUESTION, max_tokens=2).status_code == 200
    env = {"SUPPORTLLM_DATA_DIR": str(tmp_path / "data")}
    _wait(lambda: invoke("audit", "verify", env=env).code == 0)
    assert invoke("audit", "verify", env=env).code == 0  # what waited was written, in order


def test_key_changes_are_admin_events_and_the_cli_finds_them(tmp_path: Path) -> None:
    created = invoke("keys", "create", "--team", "billing")
    key_id = created.stdout.strip().splitlines()[-1].removeprefix("sk-sllm-")[:12]
    assert invoke("keys", "revoke", key_id).code == 0
    found = invoke("audit", "search", "--kind", "admin", "--json")
    actions = [json.loads(line)["record"] for line in found.stdout.splitlines()]
    assert [a["action"] for a in actions] == ["key.create", "key.revoke"]
    assert all(a["key_id"] == key_id and a["actor"] for a in actions)
    assert invoke("audit", "verify").code == 0
    bad = invoke("audit", "search", "--status", "five")
    assert bad.code == 2 and "not a status" in bad.text
    assert invoke("audit", "show", "req-nope").code == 1


def test_failed_authentications_are_recorded_and_limited_per_address(
    asgi_gateway_factory: Callable[..., InProcessGateway],
    fake_engine: FakeEngineHandle,
    tmp_path: Path,
) -> None:
    from supportllm.gateway.failures import FailedAuthLimiter

    gw = asgi_gateway_factory(
        fake_engine.url, failed_auth_per_minute=3, audit={"flush_interval_ms": 10}
    )
    wrong = "sk-sllm-000000000000-guessing-a-secret"
    assert [gw.chat(key=wrong, messages=QUESTION).status_code for _ in range(3)] == [401] * 3
    limited = gw.chat(key=wrong, messages=QUESTION)
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert limited.json()["error"]["code"] == "too_many_failed_authentications"
    assert gw.chat(messages=QUESTION).status_code == 429  # the address waits, whatever the key
    env = {"SUPPORTLLM_DATA_DIR": str(tmp_path / "data")}
    _wait(lambda: invoke("audit", "search", "--json", env=env).stdout.count("\n") >= 5)
    records = [
        json.loads(line)["record"]
        for line in invoke("audit", "search", "--json", env=env).stdout.splitlines()
    ]
    assert [r["status"] for r in records if r["kind"] == "request"] == [401, 401, 401, 429, 429]
    assert all(r["client"] == "127.0.0.1" for r in records if r["kind"] == "request")
    assert "guessing-a-secret" not in json.dumps(records)
    limiter = FailedAuthLimiter(limit=2, window_s=60, max_addresses=2)
    for address in ("10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.3"):
        limiter.failed(address, now=0)
    assert limiter.retry_after("10.0.0.1", now=1) is None  # forgotten: least recently seen
    limiter.failed("10.0.0.3", now=2)
    assert limiter.retry_after("10.0.0.3", now=30) == 30 and limiter.retry_after("10.0.0.2") is None
    assert limiter.retry_after("10.0.0.3", now=61) is None


def test_serve_tails_the_chain_into_a_siem_file_without_repeats_across_restarts(
    asgi_gateway_factory: Callable[..., InProcessGateway],
    fake_engine: FakeEngineHandle,
    tmp_path: Path,
) -> None:
    sink = tmp_path / "siem" / "audit.log"
    settings = {"flush_interval_ms": 10, "export_path": sink, "export_format": "syslog"}
    first = asgi_gateway_factory(fake_engine.url, audit=settings)
    for _ in range(3):
        first.chat(messages=QUESTION, max_tokens=2)
    _wait(lambda: sink.is_file() and sink.read_text().count("supportllm - request") >= 3)
    first.close()
    second = asgi_gateway_factory(fake_engine.url, audit=settings)
    second.chat(messages=QUESTION, max_tokens=2)
    _wait(lambda: sink.read_text().count("supportllm - request") >= 4)
    second.close()
    lines = sink.read_text().splitlines()
    seqs = [int(re.search(r' seq="(\d+)"', line).group(1)) for line in lines]  # type: ignore[union-attr]
    assert seqs == sorted(set(seqs)) and seqs[0] == 1  # each record once, in order
    assert sum(" checkpoint " in line for line in lines) >= 2  # the shutdown checkpoints too


@pytest.mark.timeout(120)
def test_strict_durability_loses_no_completed_request_when_the_gateway_is_killed(
    fake_engine_factory: Callable[..., FakeEngineHandle], tmp_path: Path
) -> None:
    """SIGKILL in the middle of load: every reply a client saw complete has its record."""
    import os
    import signal
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from tests.conftest import free_port

    engine = fake_engine_factory(output_tokens=3, ttft_ms=5)
    port = free_port()
    env = {
        **os.environ, "SUPPORTLLM_DATA_DIR": str(tmp_path / "data"),
        "SUPPORTLLM_AUDIT__DURABILITY": "strict", "SUPPORTLLM_RETRIEVAL__ENABLED": "false",
        "SUPPORTLLM_LOG_REQUESTS_TO_STDOUT": "false",
    }  # fmt: skip
    created = subprocess.run(
        [sys.executable, "-m", "supportllm", "keys", "create", "--team", "load"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    key = created.stdout.strip().splitlines()[-1]
    server = subprocess.Popen(
        [sys.executable, "-m", "supportllm", "serve", "--port", str(port),
         "--engine-url", engine.url],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    completed: list[str] = []
    try:
        _wait(lambda: _up(base), seconds=60)

        def one(i: int) -> None:
            body = {"model": "support", "messages": QUESTION, "stream": i % 2 == 0}
            try:
                reply = httpx.post(
                    f"{base}/v1/chat/completions", json=body, timeout=10,
                    headers={"authorization": f"Bearer {key}", "x-request-id": f"load-{i}"},
                )  # fmt: skip
            except httpx.HTTPError:
                return
            if reply.status_code == 200 and (i % 2 or reply.text.rstrip().endswith("[DONE]")):
                completed.append(f"load-{i}")

        with ThreadPoolExecutor(8) as pool:
            for i in range(600):
                pool.submit(one, i)
            _wait(lambda: len(completed) >= 60, seconds=60)
            server.send_signal(signal.SIGKILL)  # while requests are in flight
    finally:
        server.kill()
        server.wait(10)
    assert len(completed) >= 20
    settings_env = {"SUPPORTLLM_DATA_DIR": str(tmp_path / "data")}
    found = invoke("audit", "search", "--kind", "request", "--limit", "100000", "--json",
                   env=settings_env)  # fmt: skip
    recorded = {json.loads(line)["record"]["request_id"] for line in found.stdout.splitlines()}
    assert set(completed) <= recorded, sorted(set(completed) - recorded)[:5]
    assert invoke("audit", "verify", env=settings_env).code == 0
    # After the crash the chain goes on from where it stopped.
    assert invoke("keys", "create", "--team", "after", env=settings_env).code == 0
    assert invoke("audit", "verify", env=settings_env).code == 0


def _up(base: str) -> bool:
    import httpx

    try:
        return httpx.get(f"{base}/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_content_that_cannot_be_encoded_never_holds_back_the_chain(tmp_path: Path) -> None:
    from supportllm.audit.writer import AuditWriter, Content

    engine = open_database(f"sqlite:///{tmp_path / 'a.db'}")
    migrate(engine)
    signer = load_signer(tmp_path / "keys")
    writer = AuditWriter(engine, signer, flush_interval_s=0.01)
    writer.start()
    deep: Any = "x"
    for _ in range(300):  # past orjson's nesting limit
        deep = [deep]
    writer.submit("request", {"request_id": "odd", "status": 200}, Content(messages=deep))
    writer.submit("request", {"request_id": "next", "status": 200}, Content(reply="fine"))
    writer.close()
    assert writer.problem() is None
    from supportllm.audit.query import search

    found = {f.record.get("request_id"): f for f in search(engine)}
    assert set(found) >= {"odd", "next"}
    assert verify(engine, signer.public).ok


def test_a_purge_over_a_long_trail_verifies(tmp_path: Path) -> None:
    engine, signer = chain(f"sqlite:///{tmp_path / 'a.db'}", tmp_path, records=6000, every=1000)
    done = purge(engine, 90, now=1_000 + 90 * 86_400 + 5_500)
    assert done.count == 5500
    verdict = verify(engine, signer.public)
    assert verdict.ok, verdict.problems[:3]
    assert verdict.purged_contents == 5500
    with engine.begin() as conn:  # backdating a column to pass as purged is caught
        conn.execute(text("UPDATE audit_records SET ts = 1 WHERE seq = 5900"))
    assert "column 'ts' was changed" in verify(engine, signer.public).problems[0]
