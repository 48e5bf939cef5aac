"""The gateway in front of the fake engine: what an OpenAI client sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import openai
import pytest

from supportllm.engines.fake import FakeEngineHandle
from tests.conftest import DEFAULT_FORWARD_FIELDS, Gateway, InProcessGateway, read_log


def client(gateway: Gateway, key: str | None = None) -> openai.OpenAI:
    return openai.OpenAI(base_url=gateway.url, api_key=key or gateway.key, max_retries=0)


QUESTION = [{"role": "user", "content": "How do I reset my password?"}]


def stream_with_usage(gateway: Gateway, max_tokens: int) -> list[Any]:
    """Every chunk of a streamed reply to QUESTION, the usage chunk last."""
    return list(
        client(gateway).chat.completions.create(
            model="support",
            messages=QUESTION,
            stream=True,
            max_tokens=max_tokens,
            stream_options={"include_usage": True},
        )
    )


def test_streaming_reply_arrives_token_by_token_with_the_alias(gateway: Gateway) -> None:
    stream = client(gateway).chat.completions.create(
        model="support", messages=QUESTION, stream=True
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.startswith("Thanks for reaching out.")
    assert len([c for c in chunks if c.choices and c.choices[0].delta.content]) == 20
    assert {c.model for c in chunks} == {"support"}  # never the engine's own model name
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.usage is None for c in chunks)  # usage only when the client asks for it


def test_include_usage_reports_the_engines_token_counts(gateway: Gateway) -> None:
    stream = client(gateway).chat.completions.create(
        model="support",
        messages=QUESTION,
        stream=True,
        max_tokens=7,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens == 7
    assert chunks[-1].usage.prompt_tokens > 5  # the channel's system prompt was counted too


def test_non_streaming_reply(gateway: Gateway) -> None:
    reply = client(gateway).chat.completions.create(
        model="support", messages=QUESTION, max_tokens=5
    )
    assert reply.model == "support"
    assert reply.choices[0].message.content == "Thanks for reaching out. I"
    assert reply.choices[0].finish_reason == "length"
    assert reply.usage is not None and reply.usage.completion_tokens == 5


def test_channel_template_comes_first_and_client_system_text_follows(
    asgi_gateway: InProcessGateway, fake_engine: FakeEngineHandle
) -> None:
    messages = [{"role": "system", "content": "The customer is on the Pro plan."}, *QUESTION]
    assert asgi_gateway.chat(messages=messages, channel="email").status_code == 200
    sent = fake_engine.requests()[-1]
    system = sent["messages"][0]
    assert system["role"] == "system"
    assert system["content"].startswith("You are the customer support assistant")
    assert "e-mail" in system["content"]
    assert system["content"].endswith("The customer is on the Pro plan.")
    assert [m["role"] for m in sent["messages"]] == ["system", "user"]
    assert "channel" not in sent  # our own field is not sent to the engine
    assert sent["model"] == "fake-model"


def test_the_static_system_prompt_is_identical_across_requests(
    asgi_gateway: InProcessGateway, fake_engine: FakeEngineHandle
) -> None:
    """Prefix caching only helps if the first tokens never change between tickets."""
    for question in ("Where is my invoice?", "Can I change my plan?"):
        asgi_gateway.chat(messages=[{"role": "user", "content": question}])
    first, second = (r["messages"][0]["content"] for r in fake_engine.requests()[-2:])
    assert first == second


def test_openai_and_allow_listed_fields_reach_the_engine_others_are_dropped(
    gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle
) -> None:
    gw = gateway_factory(fake_engine.url, forward_fields=DEFAULT_FORWARD_FIELDS)
    reply = client(gw).chat.completions.create(
        model="support",
        messages=QUESTION,
        extra_body={
            "min_tokens": 3,
            "ignore_eos": True,
            "fake": {"behaviour": "hang"},  # the fake engine's control: must not get through
            "internal_flag": 1,
        },
        max_tokens=4,
        temperature=0.2,
        seed=7,
    )
    assert reply.usage is not None and reply.usage.completion_tokens == 4
    sent = fake_engine.requests()[-1]
    assert sent["min_tokens"] == 3 and sent["ignore_eos"] is True
    assert sent["temperature"] == 0.2 and sent["seed"] == 7
    assert "fake" not in sent and "internal_flag" not in sent
    assert read_log(gw.settings)[-1]["dropped_fields"] == ["fake", "internal_flag"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("stream", "yes"), ("temperature", "hot"), ("stop", {"a": 1}), ("max_tokens", "5"),
     ("top_p", 3), ("seed", 1.5), ("n", 2), ("max_tokens", 2**63), ("retrieval", "no"),
     ("stream_options", {"include_usage": "yes"})],
)  # fmt: skip
def test_openai_fields_are_typed_as_openai_types_them(
    asgi_gateway: InProcessGateway, field: str, value: object
) -> None:
    response = asgi_gateway.chat(messages=QUESTION, **{field: value})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["param"].split(".")[0] == field


SCHEMA = {
    "type": "object",
    "properties": {"tone": {"type": "integer", "enum": [1, 2, 3]}},
    "required": ["tone"],
}
JSON_SCHEMA_FORMAT = {"type": "json_schema", "json_schema": {"name": "v", "schema": SCHEMA}}


@pytest.mark.parametrize("owned_by", ["supportllm-fake", "vllm"])
def test_structured_output_reaches_an_openai_style_engine_as_the_client_sent_it(
    asgi_gateway_factory: Callable[..., InProcessGateway],
    fake_engine_factory: Callable[..., FakeEngineHandle],
    owned_by: str,
) -> None:
    engine = fake_engine_factory(owned_by=owned_by)
    gw = asgi_gateway_factory(engine.url)
    assert gw.chat(messages=QUESTION, response_format=JSON_SCHEMA_FORMAT).status_code == 200
    assert engine.requests()[-1]["response_format"] == JSON_SCHEMA_FORMAT


@pytest.mark.parametrize("prompt_style", ["chat", "completion"])
def test_structured_output_is_translated_for_llama_cpp_python(
    asgi_gateway_factory: Callable[..., InProcessGateway],
    fake_engine_factory: Callable[..., FakeEngineHandle],
    prompt_style: str,
) -> None:
    """llama-cpp-python ("owned_by": "me") rejects OpenAI's json_schema type: its chat takes
    json_object + schema, its /v1/completions only a GBNF grammar."""
    engine = fake_engine_factory(owned_by="me")
    gw = asgi_gateway_factory(engine.url, prompt_style=prompt_style)
    assert gw.chat(messages=QUESTION, response_format=JSON_SCHEMA_FORMAT).status_code == 200
    sent = engine.requests()[-1]
    if prompt_style == "chat":
        assert sent["response_format"] == {"type": "json_object", "schema": SCHEMA}
    else:
        assert "response_format" not in sent and "prompt" in sent
        assert "root ::=" in sent["grammar"] and '"1" | "2" | "3"' in sent["grammar"]
    plain = gw.chat(messages=QUESTION)  # no response_format: the body carries nothing extra
    assert plain.status_code == 200
    assert "grammar" not in engine.requests()[-1]


def test_models_lists_the_aliases(
    gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle
) -> None:
    gw = gateway_factory(fake_engine.url, model_aliases=["support", "support-email"])
    names = [model.id for model in client(gw).models.list()]
    assert names == ["support", "support-email"]


def test_health_and_readiness(gateway: Gateway, fake_engine: FakeEngineHandle) -> None:
    base = gateway.url.removesuffix("/v1")
    assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{base}/readyz")
    assert ready.status_code == 200 and ready.json()["engines"] == [fake_engine.url]


def test_readiness_fails_when_the_engine_is_down(gateway_factory: Callable[..., Gateway]) -> None:
    from tests.conftest import free_port

    gw = gateway_factory(f"http://127.0.0.1:{free_port()}/v1")
    ready = httpx.get(gw.url.removesuffix("/v1") + "/readyz")
    assert ready.status_code == 503
    assert "not answering" in ready.json()["error"]["message"]


def test_every_request_leaves_one_log_line_without_the_key(gateway: Gateway) -> None:
    client(gateway).chat.completions.create(model="support", messages=QUESTION, max_tokens=3)
    list(
        client(gateway).chat.completions.create(
            model="support", messages=QUESTION, stream=True, max_tokens=4
        )
    )
    with pytest.raises(openai.AuthenticationError):
        client(gateway, key="sk-sllm-000000000000-wrong").chat.completions.create(
            model="support", messages=QUESTION
        )
    lines = read_log(gateway.settings, count=3)
    assert [line["status"] for line in lines] == [200, 200, 401]
    whole, streamed = lines[0], lines[1]
    assert whole["team"] == "support-team" and whole["completion_tokens"] == 3
    assert streamed["stream"] is True and streamed["completion_tokens"] == 4
    assert streamed["ttft_ms"] > 0 and streamed["total_ms"] >= streamed["ttft_ms"]
    assert whole["upstream"] == "engine" and whole["upstream_kind"] == "self_hosted"
    assert whole["channel"] == "chat" and whole["route"] == "fixed"
    secret = gateway.key.split("-", 3)[-1]
    assert secret not in gateway.settings.resolved_request_log().read_text()


def test_a_keys_default_channel_picks_the_template(
    asgi_gateway: InProcessGateway, fake_engine: FakeEngineHandle
) -> None:
    issued = asgi_gateway.keys.create("email-team", frozenset({"chat"}), default_channel="email")
    assert asgi_gateway.chat(key=issued.key, messages=QUESTION).status_code == 200
    assert "e-mail" in fake_engine.requests()[-1]["messages"][0]["content"]


def test_completion_style_engines_get_a_transcript_and_clients_still_see_chat(
    gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle
) -> None:
    """Base models (the packaged demo model) are prompted as a transcript via /v1/completions."""
    gw = gateway_factory(fake_engine.url, prompt_style="completion")
    chunks = stream_with_usage(gw, max_tokens=6)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Thanks for reaching out. I understand"
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 6
    sent = fake_engine.requests()[-1]
    assert sent["prompt"].rstrip().endswith("Customer: How do I reset my password?\nAgent:")
    assert "\nCustomer:" in sent["stop"]
    whole = client(gw).chat.completions.create(model="support", messages=QUESTION, max_tokens=3)
    assert whole.choices[0].message.content == "Thanks for reaching"
    assert whole.object == "chat.completion"


def test_request_ids_are_returned_and_logged(gateway: Gateway) -> None:
    body = {"model": "support", "messages": QUESTION}
    mine = httpx.post(
        f"{gateway.url}/chat/completions",
        json=body,
        headers={**gateway.headers(), "x-request-id": "ticket-4711"},
    )
    assert mine.headers["x-request-id"] == "ticket-4711"
    generated = httpx.post(f"{gateway.url}/chat/completions", json=body, headers=gateway.headers())
    assert generated.headers["x-request-id"].startswith("req_")
    logged = [line["request_id"] for line in read_log(gateway.settings, count=2)]
    assert logged == ["ticket-4711", generated.headers["x-request-id"]]


def test_replies_are_not_cut_at_the_engines_16_token_default(
    gateway_factory: Callable[..., Gateway], fake_engine_factory: Callable[..., FakeEngineHandle]
) -> None:
    """A base model's /v1/completions stops at 16 tokens unless told otherwise (llama.cpp's and
    OpenAI's default, which the fake engine keeps): the gateway sends its own default."""
    engine = fake_engine_factory(output_tokens=40)
    gw = gateway_factory(engine.url, prompt_style="completion")
    whole = client(gw).chat.completions.create(model="support", messages=QUESTION)
    assert whole.usage is not None and whole.usage.completion_tokens == 40
    assert whole.choices[0].finish_reason == "stop"
    assert engine.requests()[-1]["max_tokens"] == 512
    # The client's own limits are honoured, under either name.
    capped = client(gw).chat.completions.create(model="support", messages=QUESTION, max_tokens=5)
    assert capped.usage is not None and capped.usage.completion_tokens == 5
    newer = client(gw).chat.completions.create(
        model="support", messages=QUESTION, max_completion_tokens=7
    )
    assert newer.usage is not None and newer.usage.completion_tokens == 7
    assert "max_completion_tokens" not in engine.requests()[-1]  # /v1/completions lacks it


def test_the_default_reply_length_is_a_setting_per_channel(
    gateway_factory: Callable[..., Gateway], fake_engine_factory: Callable[..., FakeEngineHandle]
) -> None:
    engine = fake_engine_factory(output_tokens=40)
    gw = gateway_factory(engine.url, max_tokens=30, channel_max_tokens={"email": 12})
    chat = client(gw).chat.completions.create(model="support", messages=QUESTION)
    email = client(gw).chat.completions.create(
        model="support", messages=QUESTION, extra_body={"channel": "email"}
    )
    assert chat.usage is not None and chat.usage.completion_tokens == 30
    assert email.usage is not None and email.usage.completion_tokens == 12
    assert email.choices[0].finish_reason == "length"


def test_streamed_usage_never_reports_zero_prompt_tokens(
    gateway_factory: Callable[..., Gateway], fake_engine: FakeEngineHandle
) -> None:
    """llama-cpp-python streams completions without usage; without the model's tokenizer the
    gateway estimates the prompt and says so, in the usage chunk and in the log."""
    gw = gateway_factory(fake_engine.url, prompt_style="completion")
    chunks = stream_with_usage(gw, max_tokens=4)
    usage = chunks[-1].usage
    assert usage is not None and usage.prompt_tokens > 20
    assert (usage.model_extra or {}).get("prompt_tokens_estimated") is True
    line = read_log(gw.settings)[-1]
    assert line["prompt_tokens"] == usage.prompt_tokens and line["prompt_tokens_estimated"]
