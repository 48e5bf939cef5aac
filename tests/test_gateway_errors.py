"""Bad input and failing engines: each gets the right status and an OpenAI-style error body."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from supportllm.engines.fake import FakeEngineHandle
from tests.conftest import Gateway, free_port, read_log

QUESTION = [{"role": "user", "content": "Where is my invoice?"}]


def post(
    gateway: Gateway,
    body: Any = None,
    *,
    key: str | None = None,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    all_headers = {**gateway.headers(key), "content-type": "application/json", **(headers or {})}
    if key == "":
        all_headers.pop("authorization")
    return httpx.post(
        f"{gateway.url}/chat/completions",
        json=body if raw is None else None,
        content=raw,
        headers=all_headers,
        timeout=10,
    )


def assert_error(response: httpx.Response, status: int, *words: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    for word in words:
        assert word in error["message"]
    return error


def test_malformed_json_is_400(gateway: Gateway) -> None:
    assert_error(post(gateway, raw=b'{"model": "support", "messages": ['), 400, "not valid JSON")


def test_a_json_array_body_is_400(gateway: Gateway) -> None:
    assert_error(post(gateway, raw=b"[1, 2]"), 400, "JSON object")


def test_wrong_types_are_422_naming_the_field(gateway: Gateway) -> None:
    error = assert_error(post(gateway, {"model": "support", "messages": "hello"}), 422, "messages")
    assert error["param"] == "messages"
    error = assert_error(
        post(gateway, {"model": "support", "messages": QUESTION, "max_tokens": "many"}), 422
    )
    assert error["param"] == "max_tokens"


def test_empty_messages_are_422(gateway: Gateway) -> None:
    assert_error(post(gateway, {"model": "support", "messages": []}), 422, "at least one message")


def test_unknown_role_is_422(gateway: Gateway) -> None:
    error = assert_error(
        post(gateway, {"model": "support", "messages": [{"role": "robot", "content": "x"}]}), 422
    )
    assert error["param"] == "messages.0.role"


def test_unknown_model_is_404_listing_the_available_ones(gateway: Gateway) -> None:
    error = assert_error(
        post(gateway, {"model": "gpt-4o", "messages": QUESTION}),
        404,
        "'gpt-4o' does not exist",
        "support",
    )
    assert error["code"] == "model_not_found"


def test_unknown_channel_is_422(gateway: Gateway) -> None:
    assert_error(
        post(gateway, {"model": "support", "messages": QUESTION, "channel": "fax"}),
        422,
        "unknown channel 'fax'",
        "chat",
        "email",
    )


def test_oversized_body_is_413(
    gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle
) -> None:
    gw = gateway_factory(fake_engine.url, max_body_bytes=4096)
    big = [{"role": "user", "content": "x" * 5000}]
    assert_error(
        post(gw, {"model": "support", "messages": big}), 413, "4096 bytes", "max_body_bytes"
    )
    assert fake_engine.stats()["requests"] == 0


def test_oversized_chunked_body_without_length_is_413(
    gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle
) -> None:
    gw = gateway_factory(fake_engine.url, max_body_bytes=4096)

    def pieces() -> Any:
        yield b'{"model": "support", "messages": [{"role": "user", "content": "'
        for _ in range(10):
            yield b"y" * 1000
        yield b'"}]}'

    response = httpx.post(f"{gw.url}/chat/completions", content=pieces(), headers=gw.headers())
    assert_error(response, 413)


def test_missing_key_is_401(gateway: Gateway) -> None:
    error = assert_error(
        post(gateway, {"model": "support", "messages": QUESTION}, key=""), 401, "missing API key"
    )
    assert error["code"] == "missing_api_key"


def test_invalid_key_is_401(gateway: Gateway) -> None:
    wrong_secret = gateway.key[:-4] + "abcd"
    for key in ("not-a-key", "sk-sllm-123456789012-nope", wrong_secret):
        assert_error(
            post(gateway, {"model": "support", "messages": QUESTION}, key=key),
            401,
            "invalid API key",
        )


def test_revoked_key_is_refused_at_once(gateway: Gateway) -> None:
    ok = post(gateway, {"model": "support", "messages": QUESTION})
    assert ok.status_code == 200
    gateway.keys.revoke(gateway.key.removeprefix("sk-sllm-")[:12])
    error = assert_error(post(gateway, {"model": "support", "messages": QUESTION}), 401, "revoked")
    assert error["code"] == "key_revoked"


def test_expired_key_is_401(gateway: Gateway) -> None:
    issued = gateway.keys.create("t", frozenset({"chat"}), expires_in=timedelta(seconds=-1))
    assert_error(
        post(gateway, {"model": "support", "messages": QUESTION}, key=issued.key), 401, "expired"
    )


def test_key_without_the_chat_scope_is_403(gateway: Gateway) -> None:
    issued = gateway.keys.create("ops", frozenset({"admin"}))
    error = assert_error(
        post(gateway, {"model": "support", "messages": QUESTION}, key=issued.key),
        403,
        "'chat' scope",
    )
    assert error["type"] == "permission_error"


def test_rate_limited_key_gets_429_with_retry_after(gateway: Gateway) -> None:
    issued = gateway.keys.create("small", frozenset({"chat"}), rate_limit_rpm=2)
    statuses = [
        post(gateway, {"model": "support", "messages": QUESTION}, key=issued.key) for _ in range(3)
    ]
    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert int(statuses[2].headers["retry-after"]) >= 1
    assert_error(statuses[2], 429, "2 requests per minute")


def test_engine_down_is_503_with_a_clear_message(
    gateway_factory: Callable[..., Gateway],
) -> None:
    gw = gateway_factory(f"http://127.0.0.1:{free_port()}/v1", engine_model="m")
    for stream in (False, True):
        error = assert_error(
            post(gw, {"model": "support", "messages": QUESTION, "stream": stream}),
            503,
            "not reachable",
            "supportllm engine start",
        )
        assert error["code"] == "engine_unavailable"


def test_engine_that_hangs_is_504(
    gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle
) -> None:
    gw = gateway_factory(fake_engine.url, request_timeout_s=0.5)
    for stream in (False, True):
        started = time.monotonic()
        response = post(
            gw,
            {
                "model": "support",
                "messages": QUESTION,
                "stream": stream,
                "fake": {"behaviour": "hang"},
            },
        )
        assert_error(response, 504, "request_timeout_s")
        assert time.monotonic() - started < 5


def test_engine_500_is_502(gateway: Gateway) -> None:
    response = post(
        gateway, {"model": "support", "messages": QUESTION, "fake": {"behaviour": "error"}}
    )
    error = assert_error(response, 502, "HTTP 500", response.headers["x-request-id"])
    assert "injected failure" not in error["message"]  # the engine's own text stays inside
    assert "injected failure" in read_log(gateway.settings)[-1]["error"]  # for the operator


def _failing_engine(status: int, body: bytes, kind: str) -> type[BaseHTTPRequestHandler]:
    """An engine that lists a model and answers every generation with ``status`` and ``body``:
    what engines really send back (a refused key named in the error, an HTML error page)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._answer(200, b'{"object": "list", "data": [{"id": "m"}]}', "application/json")

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["content-length"]))
            self._answer(status, body, kind)

        def _answer(self, code: int, content: bytes, content_type: str) -> None:
            self.send_response(code)
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.mark.parametrize(
    ("status", "body", "kind", "secret"),
    [
        (401, b'{"error": {"message": "bad engine key sk-engine-secret"}}', "application/json",
         "sk-engine-secret"),
        (500, b"<html>boom at /srv/engine/secret.py</html>", "text/html", "/srv/engine/secret.py"),
    ],
)  # fmt: skip
def test_an_engines_error_text_never_reaches_the_client(
    gateway_factory: Callable[..., Gateway], status: int, body: bytes, kind: str, secret: str
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _failing_engine(status, body, kind))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        gw = gateway_factory(f"http://127.0.0.1:{server.server_port}/v1")
        for stream in (False, True):
            response = post(gw, {"model": "support", "messages": QUESTION, "stream": stream})
            assert response.status_code == 502
            error = response.json()["error"]
            assert secret not in response.text and "127.0.0.1" not in error["message"]
            assert response.headers["x-request-id"] in error["message"]
        assert secret in read_log(gw.settings, count=2)[-1]["error"]  # for the operator
    finally:
        server.shutdown()
        server.server_close()


def test_get_on_the_chat_path_is_405_with_allow(gateway: Gateway) -> None:
    response = httpx.get(f"{gateway.url}/chat/completions", headers=gateway.headers())
    assert_error(response, 405, "POST")
    assert response.headers["allow"] == "POST"


def test_a_huge_or_odd_request_id_is_replaced_not_echoed(gateway: Gateway) -> None:
    body = {"model": "support", "messages": QUESTION}
    for given in ("x" * 10_000, "ticket <script>alert(1)</script>", ""):
        response = post(gateway, body, headers={"x-request-id": given})
        assert response.status_code == 200
        assert response.headers["x-request-id"].startswith("req_")
    unauthenticated = post(gateway, body, key="", headers={"x-request-id": "y" * 5000})
    assert unauthenticated.status_code == 401
    assert len(unauthenticated.headers["x-request-id"]) < 64
    assert all(len(line["request_id"]) < 64 for line in read_log(gateway.settings, count=4))


def test_json_nested_too_deeply_to_forward_is_400(gateway: Gateway) -> None:
    deep: Any = "leaf"
    for _ in range(400):
        deep = {"x": deep}
    response = post(gateway, {"model": "support", "messages": QUESTION, "metadata": deep})
    assert_error(response, 400, "cannot be forwarded")


def test_engine_that_drops_mid_stream_ends_with_an_error_event(gateway: Gateway) -> None:
    client = openai.OpenAI(base_url=gateway.url, api_key=gateway.key, max_retries=0)
    stream = client.chat.completions.create(
        model="support",
        messages=QUESTION,
        stream=True,
        extra_body={"fake": {"behaviour": "drop", "tokens": 10}},
    )
    received = []
    with pytest.raises(openai.APIError, match="dropped the connection mid-stream"):
        for chunk in stream:
            received.append(chunk)
    assert 0 < len(received) < 10  # some tokens arrived, then the error; never a silent success
    raw = post(
        gateway,
        {
            "model": "support",
            "messages": QUESTION,
            "stream": True,
            "fake": {"behaviour": "drop", "tokens": 10},
        },
    ).text
    assert raw.rstrip().endswith("}") and "[DONE]" not in raw
    assert '"type":"upstream_error"' in raw


def test_a_client_that_disconnects_cancels_the_upstream_request(
    gateway: Gateway, fake_engine: FakeEngineHandle
) -> None:
    body = (
        b'{"model":"support","stream":true,"messages":[{"role":"user","content":"hi"}],'
        b'"fake":{"ttft_ms":10,"itl_ms":50,"tokens":200}}'
    )
    request = (
        b"POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
        + f"authorization: Bearer {gateway.key}\r\ncontent-length: {len(body)}\r\n\r\n".encode()
        + body
    )
    port = int(gateway.url.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(request)
        first = sock.recv(65536)
        assert b"200 OK" in first
        time.sleep(0.2)  # a few tokens flow
    # 200 tokens at 50 ms would take 10 s; the engine must see the cancellation well before.
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        stats = fake_engine.stats()
        if stats["active"] == 0 and stats["disconnected"] == 1:
            break
        time.sleep(0.05)
    assert fake_engine.stats()["active"] == 0
    assert fake_engine.stats()["disconnected"] == 1
    assert fake_engine.stats()["completed"] == 0
    line = read_log(gateway.settings)[-1]
    assert line["status"] == 499 and line["error"] == "client disconnected"


def _wait_ready(gateway: Gateway, status: int, within_s: float = 15) -> dict[str, Any]:
    base = gateway.url.removesuffix("/v1")
    deadline = time.monotonic() + within_s
    while True:
        response = httpx.get(f"{base}/readyz", timeout=5)
        if response.status_code == status or time.monotonic() > deadline:
            assert response.status_code == status, response.text
            return response.json()  # type: ignore[no-any-return]
        time.sleep(0.1)


def test_a_request_log_that_cannot_be_written_is_reported_retried_and_bounded(
    gateway_factory: Callable[..., Gateway],
    fake_engine: FakeEngineHandle,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocked = tmp_path / "requests.jsonl"
    blocked.mkdir()  # opening it for writing fails, as with no file handles or a full disk
    gw = gateway_factory(fake_engine.url, request_log=blocked, request_log_max_pending=100)
    for _ in range(103):
        assert post(gw, {"model": "support", "messages": QUESTION}).status_code == 200
    failing = _wait_ready(gw, 503)["error"]["message"]
    assert "request log cannot be written" in failing and "IsADirectoryError" in failing
    assert "100 line(s) waiting, 3 dropped" in failing  # memory stays bounded
    assert "cannot be written" in caplog.text  # in the process log at once
    blocked.rmdir()  # the disk is back: the waiting lines are written, nothing else lost
    ready = _wait_ready(gw, 200)
    assert ready["request_log"] == {"pending": 0, "dropped": 3}
    assert len(blocked.read_bytes().splitlines()) == 100


def test_requests_beyond_max_in_flight_get_429_with_retry_after(
    gateway_factory: Callable[..., Gateway], fake_engine_factory: Callable[..., FakeEngineHandle]
) -> None:
    import asyncio

    engine = fake_engine_factory(ttft_ms=1500)
    gw = gateway_factory(engine.url, max_in_flight=3)

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=30) as http:
            body = {"model": "support", "messages": QUESTION, "stream": True}
            return list(
                await asyncio.gather(
                    *(
                        http.post(f"{gw.url}/chat/completions", json=body, headers=gw.headers())
                        for _ in range(7)
                    )
                )
            )

    responses = asyncio.run(burst())
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 200, 200, 429, 429, 429, 429]
    refused = next(response for response in responses if response.status_code == 429)
    assert refused.headers["retry-after"] == "1"
    assert refused.json()["error"]["code"] == "gateway_overloaded"
    # The load is over: the next request is served.
    assert post(gw, {"model": "support", "messages": QUESTION}).status_code == 200


def test_an_engine_reply_that_is_not_a_completion_is_an_upstream_error(
    gateway_factory: Callable[..., Gateway],
) -> None:
    stray = _failing_engine(200, b'{"hello": "world"}', "application/json")
    server = ThreadingHTTPServer(("127.0.0.1", 0), stray)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        gw = gateway_factory(f"http://127.0.0.1:{server.server_port}/v1")
        response = post(gw, {"model": "support", "messages": QUESTION})
        assert_error(response, 502, "not a chat completion")
        assert "hello" in read_log(gw.settings)[-1]["error"]
    finally:
        server.shutdown()
        server.server_close()


def test_a_malformed_stream_line_before_any_content_reaches_the_client_is_a_502(
    gateway_factory: Callable[..., Gateway],
) -> None:
    chunk = b'data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n'  # noqa: E501
    garbage = b"this is not SSE\n\ndata: [DONE]\n\n"
    broken = _failing_engine(200, chunk + garbage, "text/event-stream")
    server = ThreadingHTTPServer(("127.0.0.1", 0), broken)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        gw = gateway_factory(f"http://127.0.0.1:{server.server_port}/v1")
        response = post(gw, {"model": "support", "messages": QUESTION, "stream": True})
        # The garbage arrived with the first token, before anything went to the client: the
        # failure is still a plain HTTP error (fail-over's commit point is the first token).
        assert_error(response, 502, "malformed stream event")
        assert "this is not SSE" not in response.text
    finally:
        server.shutdown()
        server.server_close()
