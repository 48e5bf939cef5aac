"""Model aliases -> engines. One place decides which engine answers a model name."""

from __future__ import annotations

from dataclasses import dataclass, field

from supportllm.config import PromptStyle
from supportllm.engines.base import Engine
from supportllm.engines.tokenizer import PromptCounter
from supportllm.errors import EngineUnavailableError, ModelNotFoundError
from supportllm.gateway.structured import Dialect, dialect_of


@dataclass
class Route:
    alias: str
    engine: Engine
    engine_name: str
    prompt_style: PromptStyle
    configured_model: str | None = None
    # The model's tokenizer when the gateway knows the model file (the engines it starts):
    # counts prompts for engines whose streams carry no usage.
    prompt_counter: PromptCounter | None = None
    _discovered: str | None = field(default=None, repr=False)
    _dialect: Dialect | None = field(default=None, repr=False)

    async def upstream_model(self) -> str:
        """The model name the engine expects: configured, or the engine's first listed model."""
        if self.configured_model is not None:
            return self.configured_model
        if self._discovered is None:
            names = await self.engine.models()
            if not names:
                raise EngineUnavailableError(
                    f"the engine at {self.engine.base_url} lists no models; set engine_model"
                )
            self._discovered = names[0]
        return self._discovered

    async def dialect(self) -> Dialect:
        """Which server the engine is, for structured output (asked once, on first need)."""
        if self._dialect is None:
            self._dialect = dialect_of(await self.engine.owner())
        return self._dialect


class Router:
    def __init__(self, routes: list[Route]) -> None:
        self._routes = {route.alias: route for route in routes}

    @property
    def aliases(self) -> list[str]:
        return list(self._routes)

    def routes(self) -> list[Route]:
        return list(self._routes.values())

    def engines(self) -> list[Engine]:
        unique: dict[int, Engine] = {}
        for route in self._routes.values():
            unique.setdefault(id(route.engine), route.engine)
        return list(unique.values())

    def resolve(self, model: str) -> Route:
        try:
            return self._routes[model]
        except KeyError:
            raise ModelNotFoundError(
                f"the model '{model}' does not exist; available: {', '.join(self._routes)}",
                param="model",
            ) from None

    async def aclose(self) -> None:
        for engine in self.engines():
            await engine.aclose()
