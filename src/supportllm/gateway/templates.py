"""Prompt templates per channel (Jinja2 files ``<channel>.j2``), compiled once.

The channel's system prompt is static (it depends only on settings), so it is rendered once per
channel and always comes first: engines with prefix caching (vLLM) reuse its KV cache across
requests. ``completion.j2`` turns a conversation into a transcript for base models.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from supportllm.errors import ConfigError, UnprocessableRequestError

BUILTIN_DIR = Path(__file__).parent / "templates"
COMPLETION_TEMPLATE = "completion"
PASSAGES_TEMPLATE = "passages"
# Stop sequences for the transcript format: the model must not write the customer's next turn.
COMPLETION_STOP = ["\nCustomer:", "\nAgent:", "\n\n\n"]


@dataclass(frozen=True)
class PromptPassage:
    """A knowledge-base passage as the templates show it: its id, where it comes from, its text."""

    id: str
    title: str
    text: str
    url: str | None = None


@dataclass(frozen=True)
class TranscriptMessage:
    role: str
    text: str


def message_text(content: Any) -> str:
    """The text of an OpenAI message content (a string or a list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            str(part.get("text", ""))
            for part in content
            if isinstance(part, dict) and part.get("type", "text") == "text"
        )
    return ""


class Templates:
    def __init__(self, company_name: str, override_dir: Path | None = None) -> None:
        folders = [str(BUILTIN_DIR)]
        if override_dir is not None:
            if not override_dir.is_dir():
                raise ConfigError(
                    f"setting 'templates_dir' points to {override_dir}, which is not a folder"
                )
            folders.insert(0, str(override_dir))
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(folders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
        )
        self._globals = {"company_name": company_name}
        names = {Path(name).stem for name in self._env.list_templates(extensions=["j2"])}
        self.channels = tuple(sorted(names - {COMPLETION_TEMPLATE, PASSAGES_TEMPLATE}))
        try:
            self._system = {
                channel: self._env.get_template(f"{channel}.j2").render(self._globals).strip()
                for channel in self.channels
            }
            self._completion = self._env.get_template(f"{COMPLETION_TEMPLATE}.j2")
            self._passages = self._env.get_template(f"{PASSAGES_TEMPLATE}.j2")
        except jinja2.TemplateError as error:
            raise ConfigError(f"a prompt template does not render: {error}") from None

    def system_prompt(self, channel: str) -> str:
        try:
            return self._system[channel]
        except KeyError:
            raise UnprocessableRequestError(
                f"unknown channel '{channel}'; available: {', '.join(self.channels)}",
                param="channel",
            ) from None

    def chat_messages(
        self,
        channel: str,
        messages: list[dict[str, Any]],
        passages: list[PromptPassage] | None = None,
    ) -> list[dict[str, Any]]:
        """The channel's system prompt first, then the client's own system text, then the
        knowledge-base passages (per request, so last), then the conversation."""
        system = self.system_prompt(channel)
        client_system = [
            message_text(m.get("content"))
            for m in messages
            if m.get("role") in ("system", "developer")
        ]
        if client_system:
            system = system + "\n\n" + "\n\n".join(client_system)
        if passages:
            system = system + "\n\n" + self._passages.render(passages=passages).strip()
        rest = [m for m in messages if m.get("role") not in ("system", "developer")]
        return [{"role": "system", "content": system}, *rest]

    def completion_prompt(
        self,
        channel: str,
        messages: list[dict[str, Any]],
        passages: list[PromptPassage] | None = None,
    ) -> str:
        """A transcript prompt for base models, ending where the agent's reply begins."""
        chat = self.chat_messages(channel, messages, passages)
        transcript = [
            TranscriptMessage(m.get("role", "user"), message_text(m.get("content")).strip())
            for m in chat[1:]
        ]
        return self._completion.render(
            self._globals, system=chat[0]["content"], messages=transcript
        )
