"""Before the clock starts: is this an OpenAI-compatible endpoint serving this model, which
length controls does it accept, does it report usage, and how many of its tokens is a word?

Every problem found here stops the run with one line that says what to change.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from typing import Any

import httpx

from supportllm.bench.body import BodyShape
from supportllm.bench.client import (
    ConnectionPool,
    Endpoint,
    RequestRecord,
    StreamingClient,
    request_head,
)
from supportllm.bench.workload import Prompt, TokenEstimate
from supportllm.errors import BenchmarkError

_ADAPTABLE = ("ignore_eos", "min_tokens", "stream_options", "max_tokens")


@dataclass
class ProbeResult:
    model: str
    models: list[str] | None
    shape: BodyShape
    estimate: TokenEstimate
    calibrated: bool
    usage: bool
    metrics_url: str | None
    notes: list[str] = field(default_factory=list)
    probe_ttft_ms: float | None = None

    def describe(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "served_models": self.models,
            "usage_reported": self.usage,
            "metrics_url": self.metrics_url,
            "tokens_per_word": round(self.estimate.per_word, 4),
            "template_tokens": round(self.estimate.overhead, 1),
            "calibrated": self.calibrated,
            "notes": self.notes,
        }


def _unreachable(url: str, error: Exception) -> BenchmarkError:
    reason = str(error) or type(error).__name__
    if isinstance(error, httpx.ConnectTimeout):
        reason = "connection timed out"
    elif isinstance(error, httpx.ConnectError):
        reason = "connection failed"
    return BenchmarkError(
        f"cannot reach {url} ({reason}): is the server running, and is --url its API base "
        "(e.g. http://127.0.0.1:8080/v1)?"
    )


async def served_models(endpoint: Endpoint, headers: dict[str, str]) -> list[str] | None:
    """The ids GET /models lists; None when the endpoint has no /models (some proxies)."""
    url = endpoint.base_url + "/models"
    try:
        async with httpx.AsyncClient(timeout=15.0, trust_env=False) as http:
            response = await http.get(url, headers=headers)
    except httpx.HTTPError as error:
        raise _unreachable(endpoint.base_url, error) from None
    if response.status_code in (401, 403):
        raise BenchmarkError(
            f"{endpoint.base_url} refused the request (HTTP {response.status_code}): give its key "
            "with --api-key or SUPPORTLLM_BENCH_API_KEY"
        )
    if response.status_code == 404:
        return None
    try:
        data = response.json()
        models = [str(item["id"]) for item in data["data"]]
    except (ValueError, KeyError, TypeError):
        raise BenchmarkError(
            f"{url} answered HTTP {response.status_code} with "
            f"{response.headers.get('content-type', 'no content type')}, not an OpenAI model "
            "list: is this an OpenAI-compatible API, and does --url end in /v1?"
        ) from None
    return models


def choose_model(model: str | None, models: list[str] | None, url: str) -> str:
    if models is None:
        if model is None:
            raise BenchmarkError(f"{url} does not list its models: name one with --model")
        return model
    if model is None:
        if len(models) == 1:
            return models[0]
        listed = ", ".join(models) or "none"
        raise BenchmarkError(f"{url} serves several models ({listed}): choose one with --model")
    if model not in models:
        listed = ", ".join(models) or "none"
        raise BenchmarkError(
            f"model '{model}' is not served at {url}; it serves: {listed}. Use --model NAME"
        )
    return model


def _transient(record: RequestRecord) -> bool:
    return record.error in ("connection dropped", "timeout") or record.status in (
        429,
        500,
        502,
        503,
    )


async def _send(
    endpoint: Endpoint,
    shape: BodyShape,
    headers: dict[str, str],
    prompt: Prompt,
    output_tokens: int,
    timeout_s: float,
) -> RequestRecord:
    """A probe request, tried up to 3 times when the failure looks transient (5xx, a drop)."""
    import orjson

    payload = orjson.dumps(shape.body(prompt, output_tokens=output_tokens))
    pool = ConnectionPool(endpoint)
    client = StreamingClient(pool, request_head(endpoint, shape.path, headers), timeout_s)
    try:
        for attempt in range(3):
            record = await client.send(payload, RequestRecord(index=-1))
            if not _transient(record):
                break
            await asyncio.sleep(0.5 * (attempt + 1))
        return record
    finally:
        pool.close()


async def _adapted(
    endpoint: Endpoint,
    shape: BodyShape,
    headers: dict[str, str],
    prompt: Prompt,
    timeout_s: float,
    notes: list[str],
) -> tuple[BodyShape, RequestRecord]:
    """Send a tiny request; drop or rename fields the server rejects (400/422 naming them)."""
    for _ in range(len(_ADAPTABLE) + 1):
        record = await _send(endpoint, shape, headers, prompt, 4, timeout_s)
        if record.status not in (400, 422):
            return shape, record
        message = (record.message or "").lower()
        rejected = next(
            (name for name in _ADAPTABLE if name in message and _uses(shape, name)), None
        )
        if rejected is None:
            return shape, record
        if rejected == "max_tokens":
            shape = replace(shape, max_tokens_field="max_completion_tokens")
            notes.append("the server rejects max_tokens: max_completion_tokens is sent instead")
        elif rejected == "stream_options":
            shape = replace(shape, usage=False)
            notes.append("the server rejects stream_options: token counts come from the events")
        else:
            shape = replace(
                shape, length_fields=tuple(f for f in shape.length_fields if f != rejected)
            )
            notes.append(
                f"the server rejects {rejected}: replies may end before their target length"
            )
    return shape, record


async def _prompt_tokens(
    endpoint: Endpoint, shape: BodyShape, headers: dict[str, str], prompt: Prompt, timeout_s: float
) -> int | None:
    """The server's prompt_tokens for ``prompt``, from a non-streaming one-token request (many
    servers report usage there even when their streams carry none)."""
    body = shape.body(prompt, output_tokens=1)
    body["stream"] = False
    body.pop("stream_options", None)
    for attempt in range(3):
        try:
            async with httpx.AsyncClient(timeout=timeout_s, trust_env=False) as http:
                response = await http.post(
                    endpoint.base_url + shape.path, json=body, headers=headers
                )
        except httpx.HTTPError:
            return None
        if response.status_code in (429, 500, 502, 503) and attempt < 2:
            await asyncio.sleep(0.5 * (attempt + 1))
            continue
        try:
            tokens = response.json()["usage"]["prompt_tokens"]
        except (ValueError, KeyError, TypeError):
            return None
        return tokens if isinstance(tokens, int) and tokens > 0 else None
    return None


def _uses(shape: BodyShape, name: str) -> bool:
    if name == "max_tokens":
        return shape.max_tokens_field == "max_tokens"
    if name == "stream_options":
        return shape.usage
    return name in shape.length_fields


def _check(record: RequestRecord, url: str, model: str) -> None:
    if record.error is None:
        return
    detail = record.message or record.error
    if record.error == "connect failed":
        raise BenchmarkError(f"cannot reach {url} ({detail})")
    if record.status == 404:
        raise BenchmarkError(
            f"{url} answered 404 to a completion request for '{model}' ({detail}): check --model "
            "and that --url is the API base ending in /v1"
        )
    if record.status in (401, 403):
        raise BenchmarkError(
            f"{url} refused the request (HTTP {record.status}: {detail}): give its key with "
            "--api-key or SUPPORTLLM_BENCH_API_KEY"
        )
    if record.status in (405, 501) or record.error in ("not a stream", "bad response"):
        raise BenchmarkError(
            f"{url} did not answer a streaming request with OpenAI server-sent events ({detail}): "
            "is this an OpenAI-compatible API?"
        )
    raise BenchmarkError(f"the probe request to {url} failed: {record.error}: {detail}")


async def metrics_endpoint(endpoint: Endpoint, explicit: str | None) -> str | None:
    """The Prometheus endpoint beside the API (``/metrics`` at the origin), if it answers."""
    url = explicit or endpoint.origin + "/metrics"
    try:
        async with httpx.AsyncClient(timeout=5.0, trust_env=False) as http:
            response = await http.get(url)
    except httpx.HTTPError:
        return None
    if response.status_code == 200 and "# TYPE" in response.text:
        return url
    return None


async def probe(
    endpoint: Endpoint,
    model: str | None,
    shape: BodyShape,
    headers: dict[str, str],
    calibration: tuple[Prompt, Prompt] | None,
    *,
    timeout_s: float = 120.0,
    metrics_url: str | None = None,
    scrape: bool = True,
) -> ProbeResult:
    """Check the endpoint, adapt the request shape, and calibrate words → server tokens."""
    url = endpoint.base_url
    models = await served_models(endpoint, headers)
    chosen = choose_model(model, models, url)
    shape = replace(shape, model=chosen)
    notes: list[str] = []
    if models is None:
        notes.append(f"{url}/models does not exist: the model name was not checked")
    tiny = Prompt("", "Hello, I need help with my invoice.", 4, None)
    shape, record = await _adapted(endpoint, shape, headers, tiny, timeout_s, notes)
    if record.error == "no tokens":  # a model may answer a tiny probe with special tokens only
        notes.append(
            "the probe's 4-token reply carried no text: requests whose replies carry none are "
            "counted as 'no tokens' errors"
        )
    else:
        _check(record, url, chosen)
    usage = record.completion_tokens is not None
    if not usage:
        notes.append("the server sent no usage: output tokens are counted from the stream events")
    estimate, calibrated = TokenEstimate(), False
    if calibration is not None:
        points = []
        for prompt in calibration:
            tokens = await _prompt_tokens(endpoint, shape, headers, prompt, timeout_s)
            if tokens:
                points.append((prompt.words, tokens))
        if len(points) == 2 and points[0][0] != points[1][0]:
            (w1, t1), (w2, t2) = points
            per_word = (t1 - t2) / (w1 - w2)
            overhead = t1 - per_word * w1
            if 0.3 <= per_word <= 5.0:
                estimate = TokenEstimate(per_word, max(0.0, min(overhead, 1000.0)))
                calibrated = True
    if calibration is not None and not calibrated:
        notes.append("input lengths could not be calibrated: they assume 1.35 tokens per word")
    found = await metrics_endpoint(endpoint, metrics_url) if scrape else None
    if scrape and found is None:
        notes.append("no Prometheus metrics found beside the endpoint: server figures left out")
    ttft = (record.chunk_times[0] - record.start) * 1000 if record.chunk_times else None
    return ProbeResult(chosen, models, shape, estimate, calibrated, usage, found, notes, ttft)
