"""Channel templates: static part first, client text after, transcripts for base models."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportllm.errors import ConfigError, UnprocessableRequestError
from supportllm.gateway.templates import Templates


def test_builtin_channels() -> None:
    templates = Templates("Acme Cloud")
    assert templates.channels == ("chat", "email", "judge")  # judge: the LLM judge's own channel
    assert "Acme Cloud" in templates.system_prompt("email")


def test_a_templates_dir_overrides_and_adds_channels(tmp_path: Path) -> None:
    (tmp_path / "chat.j2").write_text("You are {{ company_name }}'s chat bot.")
    (tmp_path / "whatsapp.j2").write_text("Short replies, no markdown.")
    templates = Templates("Globex", tmp_path)
    assert templates.channels == ("chat", "email", "judge", "whatsapp")
    assert templates.system_prompt("chat") == "You are Globex's chat bot."


def test_a_template_with_an_unknown_variable_fails_at_start(tmp_path: Path) -> None:
    (tmp_path / "chat.j2").write_text("Hello {{ customer_name }}")
    with pytest.raises(ConfigError, match="customer_name"):
        Templates("Acme", tmp_path)


def test_missing_templates_dir(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="templates_dir"):
        Templates("Acme", tmp_path / "nope")


def test_transcript_for_base_models() -> None:
    prompt = Templates("Acme").completion_prompt(
        "chat",
        [
            {"role": "user", "content": "My invoice is wrong"},
            {"role": "assistant", "content": "Which invoice?"},
            {"role": "user", "content": [{"type": "text", "text": "INV-2041"}]},
        ],
    )
    assert prompt.startswith("You are the customer support assistant of Acme")
    assert prompt.endswith(
        "Customer: My invoice is wrong\nAgent: Which invoice?\nCustomer: INV-2041\nAgent:"
    )


def test_unknown_channel() -> None:
    with pytest.raises(UnprocessableRequestError, match="available: chat, email"):
        Templates("Acme").system_prompt("sms")
