"""The Engine protocol: what the gateway, the benchmark and the replay need from any engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol

JSONObject = dict[str, Any]


@dataclass(frozen=True)
class EngineResponse:
    """A complete (non-streamed) OpenAI response: raw JSON bytes plus the parsed object."""

    raw: bytes
    data: JSONObject


class EngineStream(Protocol):
    """An open streamed response. Iterating yields bytes holding one or more whole SSE events
    (``data: ...\\n\\n``): everything one read from the engine completed, never a partial event.

    Errors that happen before the first event (engine down, refused request) are raised by the
    call that opens the stream; errors afterwards are raised from the iteration.
    """

    def __aiter__(self) -> AsyncIterator[bytes]: ...

    def set_read_timeout(self, seconds: float) -> None:
        """The longest gap between reads from now on (a stall beyond it fails the stream)."""
        ...

    async def aclose(self) -> None: ...


class Engine(Protocol):
    """Any OpenAI-compatible engine: llama.cpp, vLLM, TGI, Ollama, SGLang, an external API."""

    @property
    def base_url(self) -> str: ...

    async def chat(self, body: JSONObject) -> EngineResponse: ...

    async def stream_chat(self, body: JSONObject, *, read_s: float | None = None) -> EngineStream:
        """``read_s``: the longest wait for the response's head and each read (default: the
        engine's read time-out); ``EngineStream.set_read_timeout`` changes it mid-stream."""
        ...

    async def complete(self, body: JSONObject) -> EngineResponse: ...

    async def stream_complete(
        self, body: JSONObject, *, read_s: float | None = None
    ) -> EngineStream: ...

    async def models(self) -> list[str]: ...

    async def owner(self) -> str | None:
        """The ``owned_by`` of the engine's first listed model: which server this is
        (vLLM says "vllm", llama-cpp-python "me", llama.cpp's llama-server "llamacpp")."""
        ...

    async def health(self) -> bool: ...

    async def aclose(self) -> None: ...
