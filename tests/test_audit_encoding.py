"""Where audit content is redacted and encoded (audit.redact_in, audit/encoding.py): a helper
process writes exactly what the writer thread writes, a helper that dies loses no record, and
``auto`` moves the work to the helper only under load. The helper is the real
``python -m supportllm.audit.encode_worker``."""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

import supportllm.audit.encoding as encoding
from supportllm.audit.encoding import ContentEncoder
from supportllm.audit.writer import Content, encoded_content
from supportllm.config_sections import PIIGuardSettings
from supportllm.engines.fake import FakeEngineHandle
from supportllm.gateway.metrics_gauges import audit_lag
from supportllm.guard.pii import PIIRedactor, redact_json
from tests.conftest import InProcessGateway
from tests.test_guard_gateway import _content, _records, user

REDACTOR = PIIRedactor(PIIGuardSettings())


def _redact(value: Any) -> Any:
    return redact_json(value, REDACTOR)


def _event(text: str) -> bytes:
    chunk = {"choices": [{"index": 0, "delta": {"content": text}}]}
    return b"data: " + orjson.dumps(chunk) + b"\n\n"


CONTENTS: list[Content | None] = [
    Content(
        [
            {"role": "system", "content": "You are the support assistant of Acme."},
            {"role": "user", "content": "Ich bin Jonas Becker, IBAN DE89 3704 0044 0532 0130 00."},
        ],
        "Danke, Herr Becker. Wir melden uns unter jonas.becker@example.de.",
        None,
        _redact,
    ),
    None,  # a record kept without content
    Content(
        [{"role": "user", "content": "Mijn BSN is 111222333, bel 06 12345678."}],
        None,
        [_event("Dag "), _event("Fenna"), _event(", we bellen 06 12345678. Caf\u00e9"), b"x\xff"],
        _redact,
    ),
    Content([{"role": "user", "content": "leer"}], None, [], _redact),  # no event at all
    # a reply and events both: the reply is what is kept
    Content([], "Call me on +44 7700 900123.", [_event("ignored"), b"\x00\x1f"], _redact),
    Content({"odd": [1.5, 2**60, None, True, "Anna Schmidt"]}, "", None, _redact),
]


def _wait_for_helper(encoder: ContentEncoder, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while encoder.where != "process":
        assert time.monotonic() < deadline, "the helper process did not load"
        encoder.encode([None])
        time.sleep(0.05)


def test_the_helper_writes_byte_for_byte_what_the_thread_writes() -> None:
    expected = [encoded_content(c) for c in CONTENTS]
    assert expected[0] is not None and b"Becker" not in expected[0]  # redacted at all
    encoder = ContentEncoder("process", PIIGuardSettings())
    try:
        _wait_for_helper(encoder)
        pid = encoder.helper_pid
        assert pid is not None and pid != os.getpid()
        assert encoder.encode(CONTENTS) == expected
        assert encoder.helper_batches >= 1 and encoder.helper_failures == 0
        helper = encoder._helper
        assert helper is not None
    finally:
        encoder.close()
    assert helper.process.poll() is not None  # stopped with the writer


def test_a_helper_that_dies_loses_no_record(caplog: pytest.LogCaptureFixture) -> None:
    expected = [encoded_content(c) for c in CONTENTS]
    encoder = ContentEncoder("process", PIIGuardSettings())
    try:
        _wait_for_helper(encoder)
        assert encoder.helper_pid is not None
        os.kill(encoder.helper_pid, signal.SIGKILL)
        with caplog.at_level(logging.WARNING, logger="supportllm.audit"):
            assert encoder.encode(CONTENTS) == expected  # the thread took the batch
        assert encoder.helper_failures == 1 and encoder.where == "thread"
        assert any("helper process failed" in r.getMessage() for r in caplog.records)
        # no new helper at once: the thread encodes until the retry time
        assert encoder.encode(CONTENTS) == expected and encoder.helper_pid is None
    finally:
        encoder.close()


def test_content_the_helper_cannot_be_sent_is_written_by_the_thread() -> None:
    deep: Any = "Anna Schmidt"
    for _ in range(300):  # past orjson's nesting limit: the thread writes a note for it
        deep = [deep]
    contents: list[Content | None] = [CONTENTS[0], Content(deep, "ok", None, _redact)]
    expected = [encoded_content(c) for c in contents]
    assert expected[1] is not None and b"content_error" in expected[1]
    encoder = ContentEncoder("process", PIIGuardSettings())
    try:
        _wait_for_helper(encoder)
        assert encoder.encode(contents) == expected
        assert encoder.helper_failures == 0 and encoder.where == "process"  # still in use
        assert encoder.encode(CONTENTS) == [encoded_content(c) for c in CONTENTS]
    finally:
        encoder.close()


def test_auto_starts_the_helper_under_load_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoding, "AUTO_WINDOW_S", 0.3)
    idle = ContentEncoder("auto", PIIGuardSettings(), cores=2)
    one_core = ContentEncoder("auto", PIIGuardSettings(), cores=1)
    busy = ContentEncoder("auto", PIIGuardSettings(), cores=2)
    try:
        # a record every 0.4 s (each takes a few ms of CPU): far under a tenth of a core, the
        # first one included, which loads the name lists when it is the process's first
        for _ in range(4):
            idle.encode(CONTENTS[:1])
            time.sleep(0.4)
        assert idle.helper_pid is None
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:  # encoding all the time: a whole core
            one_core.encode(CONTENTS)
            busy.encode(CONTENTS)
        assert one_core.helper_pid is None  # nowhere to move it to
        assert busy.helper_pid is not None
        _wait_for_helper(busy)
        assert busy.encode(CONTENTS) == [encoded_content(c) for c in CONTENTS]
    finally:
        for encoder in (idle, one_core, busy):
            encoder.close()


def test_the_gateway_redacts_content_in_the_helper_process(
    asgi_gateway_factory: Callable[..., InProcessGateway],
    fake_engine: FakeEngineHandle,
    tmp_path: Path,
) -> None:
    gw = asgi_gateway_factory(fake_engine.url, audit={"redact_in": "process"})
    encoder = gw.app.pipeline.audit.writer.encoder
    assert isinstance(encoder, ContentEncoder)
    said = "Hallo, ich bin Jonas Becker, erreichbar unter jonas.becker@example.de."
    # the writer starts the helper with its first batch and uses it once it has loaded; the
    # test only watches (the encoder is the writer thread's)
    deadline = time.monotonic() + 60
    while encoder.helper_batches == 0:
        assert time.monotonic() < deadline, "the helper never encoded a batch"
        assert gw.chat(messages=user(said), max_tokens=4).status_code == 200
        time.sleep(0.2)
    # one more request, now that the helper encodes: its record is the helper's work
    assert gw.chat(messages=user(said), max_tokens=4).status_code == 200
    sent = encoder.helper_batches
    deadline = time.monotonic() + 10
    while encoder.helper_batches == sent and time.monotonic() < deadline:
        time.sleep(0.05)
    assert encoder.helper_batches > sent
    records = _records(tmp_path, 2)
    for record in records:
        shown = _content(tmp_path, record["request_id"])
        assert "jonas.becker@example.de" not in shown and "<EMAIL>" in shown
        assert "Becker" not in shown
    assert encoder.helper_failures == 0
    lag = audit_lag(gw.app.pipeline.audit.writer)  # what /metrics shows
    assert lag.helper_in_use is True and lag.helper_batches >= 1


def test_the_cores_auto_counts_follow_a_containers_cpu_quota(tmp_path: Path) -> None:
    affinity = len(os.sched_getaffinity(0))
    v2 = tmp_path / "v2"
    v2.mkdir()
    (v2 / "cpu.max").write_text("150000 100000\n")  # 1.5 CPUs: the helper would not run beside
    assert encoding.usable_cores(v2) == 1
    (v2 / "cpu.max").write_text("max 100000\n")
    assert encoding.usable_cores(v2) == affinity
    v1 = tmp_path / "v1"
    (v1 / "cpu").mkdir(parents=True)
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    (v1 / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    assert encoding.usable_cores(v1) == affinity
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("400000\n")
    assert encoding.usable_cores(v1) == min(affinity, 4)
    assert encoding.usable_cores(tmp_path / "none") == affinity
