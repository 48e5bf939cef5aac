"""``trial.toml``: the candidates, the tickets, the SLOs, the API being replaced and its bill."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from supportllm.errors import ConfigError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CandidateConfig(_Strict):
    """An existing endpoint (``url``) or an engine the trial starts (``engine`` + ``model``)."""

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
    url: str | None = None
    upstream_model: str | None = None
    engine: Literal["llamacpp", "vllm"] | None = None
    model: str | None = None
    gpu: str = "a100-80gb:reserved"
    gpus: int = Field(default=1, ge=1)
    quantization: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> CandidateConfig:
        if (self.url is None) == (self.engine is None):
            raise ValueError(
                f"candidate '{self.name}': give either url (an endpoint that runs) or engine "
                "(llamacpp or vllm, with model) for the trial to start"
            )
        if self.url is not None and not self.url.startswith(("http://", "https://")):
            raise ValueError(f"candidate '{self.name}': url must start with http:// or https://")
        return self


class ApiConfig(_Strict):
    key: str = "gpt-4o"
    monthly_bill: float | None = Field(default=None, gt=0)
    tickets_per_month: float = Field(gt=0)
    currency: Literal["usd", "eur"] = "usd"
    eur_per_usd: float = Field(default=0.92, gt=0)


class TicketsConfig(_Strict):
    file: Path | None = None
    demo: bool = False
    sample: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one(self) -> TicketsConfig:
        if self.demo == (self.file is not None):
            raise ValueError('[tickets]: give file = "tickets.jsonl" or demo = true (one of them)')
        return self


class BenchConfigToml(_Strict):
    concurrency: list[int] = Field(default_factory=lambda: [1, 8, 32], min_length=1)
    requests: int = Field(default=100, ge=1)
    input_tokens: str = "200:800"
    output_tokens: str = "80:300"


class SloConfig(_Strict):
    ttft_ms: float = Field(default=1000, gt=0)
    tpot_ms: float = Field(default=100, gt=0)
    note: str | None = Field(default=None, description="why these SLOs (shown in the report)")


class CostConfig(_Strict):
    engineering_hours: float = Field(default=40, ge=0)
    hourly_rate: float = Field(default=100, ge=0)
    redundancy: Literal["n", "n+1", "n+2"] = "n+1"
    peak_to_average: float = Field(default=2.0, ge=1)
    utilisation: float = Field(default=0.7, gt=0, le=1)


class TrialConfig(_Strict):
    name: str = "trial"
    out: Path = Path("runs/trial")
    candidates: list[CandidateConfig] = Field(min_length=1)
    api: ApiConfig
    tickets: TicketsConfig
    bench: BenchConfigToml = Field(default_factory=BenchConfigToml)
    slo: SloConfig = Field(default_factory=SloConfig)
    cost: CostConfig = Field(default_factory=CostConfig)
    judge: str | None = Field(default=None, description="NAME=URL@MODEL of the judge model")
    kb: Path | None = Field(default=None, description="knowledge-base documents to ingest first")
    replay_max_tokens: int = Field(default=300, ge=1)

    @model_validator(mode="after")
    def _names(self) -> TrialConfig:
        names = [c.name for c in self.candidates]
        if len(set(names)) != len(names):
            raise ValueError(f"candidate names must differ: {', '.join(names)}")
        return self


def load_trial(path: Path) -> TrialConfig:
    """Read and check trial.toml; every problem is one line naming the setting and the fix."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path} is not UTF-8 text (byte {error.start}); TOML files must be saved as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    try:
        config = TrialConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ConfigError(
            f"{path}: {where}: {first['msg'].removeprefix('Value error, ')}"
        ) from None
    if config.tickets.file is not None and not config.tickets.file.is_absolute():
        config.tickets.file = (path.parent / config.tickets.file).resolve()
    if config.kb is not None and not config.kb.is_absolute():
        config.kb = (path.parent / config.kb).resolve()
    for file in (config.tickets.file, config.kb):
        if file is not None and not file.exists():
            raise ConfigError(f"{path}: {file} does not exist (tickets.file / kb are read from it)")
    return config


def demo_config(out: Path) -> TrialConfig:
    """The whole trial on the embedded engine, the demo KB and the demo tickets, in minutes."""
    return TrialConfig(
        name="demo",
        out=out,
        candidates=[
            CandidateConfig(
                name="gemma3-270m-cpu", engine="llamacpp", model="gemma3-270m", gpu="t4:on-demand"
            )
        ],
        api=ApiConfig(key="gpt-4o", tickets_per_month=40_000),
        tickets=TicketsConfig(demo=True, sample=6),
        bench=BenchConfigToml(
            concurrency=[1, 2], requests=4, input_tokens="200:400", output_tokens="32:64"
        ),
        slo=SloConfig(
            ttft_ms=8000,
            tpot_ms=250,
            note="chosen for a CPU demo (the packaged 270M smoke-test model on llama.cpp on this "
            "machine's CPU); customer-facing chat on a GPU is usually held to TTFT ≤ 1 s and "
            "TPOT ≤ 100 ms",
        ),
        judge="self",
        replay_max_tokens=48,
    )
