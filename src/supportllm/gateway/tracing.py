"""OpenTelemetry traces of chat requests, emitted whole when a request is finished.

The pipeline keeps taking the ``time.perf_counter()`` marks it takes anyway, as a list of
``(step, start, end)``; after the request's record is finished, ``Tracing.emit`` hands the
record and those marks to a thread, which builds the span tree — spans created with explicit
start and end times — so the event loop holds no span objects and no context managers and pays
a deque append (OpenTelemetry's SDK spends ~50 µs of CPU per span, in that thread). With
tracing off the gateway holds ``None`` and nothing here (nor OpenTelemetry) is imported.

Span tree (docs/observability-traces.md)::

    chat {alias}                 SERVER  the request, from the first byte to the record
      auth | guard | retrieval | routing | …  INTERNAL, one per step the pipeline marked
      chat {upstream model}      CLIENT  the engine call; event ``first_token`` at TTFT

Attributes follow the GenAI semantic conventions (``gen_ai.*``) plus ``supportllm.*`` for the
route, upstream, fallback and roll-out arm. Export is OTLP/HTTP in a background thread
(OpenTelemetry's BatchSpanProcessor); a collector that is down costs one warning, not one per
request, and never a failed request.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from supportllm.config_operate import TracingSettings
from supportllm.errors import ConfigError

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import ReadableSpan
    from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

_LOG = logging.getLogger("supportllm.tracing")
# Loggers of OpenTelemetry that would speak once per failed export or per full queue.
_EXPORTER_LOGGER = "opentelemetry.exporter.otlp.proto.http.trace_exporter"
_QUEUE_LOGGER = "opentelemetry.sdk._shared_internal"

Step = tuple[str, float, float]
"""(step name, start, end) on the ``time.perf_counter()`` clock."""

_ENGINE_STEP = "engine"


class _Quiet(logging.Filter):
    """Drops OpenTelemetry's per-export error lines (the wrapper below speaks instead) and its
    'Queue full, dropping span' lines."""

    def __init__(self, only_prefix: str | None = None) -> None:
        super().__init__()
        self.only_prefix = only_prefix
        self.dropped = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if self.only_prefix is None or str(record.msg).startswith(self.only_prefix):
            self.dropped += 1
            return False
        return True


def _one_warning_exporter(inner: SpanExporter, endpoint: str) -> SpanExporter:
    """``inner`` wrapped so that an unreachable collector is one warning while it lasts (and
    one line when it answers again)."""
    from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult

    class OneWarning(SpanExporter):
        def __init__(self) -> None:
            self.failing = False
            self.lost = 0

        def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
            try:
                result = inner.export(spans)
            except Exception:  # noqa: BLE001 - an exporter bug must not reach the gateway
                result = SpanExportResult.FAILURE
            if result is SpanExportResult.SUCCESS:
                if self.failing:
                    _LOG.warning(
                        "traces are exported to %s again; %d span(s) were dropped meanwhile",
                        endpoint,
                        self.lost,
                    )
                    self.failing, self.lost = False, 0
                return result
            self.lost += len(spans)
            if not self.failing:
                self.failing = True
                _LOG.warning(
                    "traces cannot be exported to %s (tracing.otlp_endpoint): spans are dropped "
                    "until it answers; the gateway keeps serving (this is said once)",
                    endpoint,
                )
            return result

        def shutdown(self) -> None:
            inner.shutdown()

        def force_flush(self, timeout_millis: int = 30_000) -> bool:
            return inner.force_flush(timeout_millis)

    return OneWarning()


class Tracing:
    """Builds and exports a request's span tree. ``exporter``: where spans go instead of
    OTLP (tests and the benchmark pass OpenTelemetry's ``InMemorySpanExporter``)."""

    def __init__(self, settings: TracingSettings, exporter: SpanExporter | None = None) -> None:
        try:
            from opentelemetry import trace
            from opentelemetry.sdk.resources import Resource
            from opentelemetry.sdk.trace import TracerProvider
            from opentelemetry.sdk.trace.export import BatchSpanProcessor
            from opentelemetry.sdk.trace.sampling import ALWAYS_ON
        except ImportError:
            raise ConfigError(
                "tracing.enabled is on but OpenTelemetry is not installed: "
                "pip install 'supportllm[otel]' (or turn tracing.enabled off)"
            ) from None
        self.settings = settings
        self._trace = trace
        self._filters: list[tuple[logging.Logger, _Quiet]] = []
        if exporter is None:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            exporter = OTLPSpanExporter(
                endpoint=settings.otlp_endpoint, timeout=settings.export_timeout_s
            )
            self._quiet(_EXPORTER_LOGGER, None)
        self._quiet(_QUEUE_LOGGER, "Queue full")
        self.exporter = _one_warning_exporter(exporter, settings.otlp_endpoint)
        self.provider = TracerProvider(
            resource=Resource.create({"service.name": settings.service_name}),
            sampler=ALWAYS_ON,  # sample_ratio is applied in emit(), before any work
        )
        self.provider.add_span_processor(
            BatchSpanProcessor(
                self.exporter,
                max_queue_size=settings.max_queue,
                export_timeout_millis=settings.export_timeout_s * 1000,
            )
        )
        self.tracer = self.provider.get_tracer("supportllm.gateway")
        self.dropped = 0  # requests not traced because the hand-over queue was full
        self._ratio = settings.sample_ratio
        self._queue: deque[tuple[Mapping[str, Any], float, Sequence[Step], int]] = deque()
        self._max_queue = max(16, settings.max_queue // 6)  # about six spans per request
        self._drain_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="trace-builder", daemon=True)
        self._thread.start()

    @classmethod
    def open(cls, settings: TracingSettings) -> Tracing | None:
        """Tracing from settings, or None when ``tracing.enabled`` is off (nothing imported)."""
        return cls(settings) if settings.enabled else None

    def _quiet(self, name: str, prefix: str | None) -> None:
        logger, quiet = logging.getLogger(name), _Quiet(prefix)
        logger.addFilter(quiet)
        self._filters.append((logger, quiet))

    def emit(self, record: Mapping[str, Any], started: float, steps: Sequence[Step]) -> None:
        """Trace a finished request (on the event loop: a copy and an append). ``record`` is
        its log record, ``started`` the ``perf_counter()`` at its first byte (the pipeline's
        ``started``), ``steps`` the marks the pipeline took; the step named ``engine`` becomes
        the GenAI client span. Not traced: a share 1 - sample_ratio, and requests while the
        builder is ``max_queue`` spans behind (counted in ``dropped``)."""
        if self._ratio < 1.0 and random.random() >= self._ratio:
            return
        if len(self._queue) >= self._max_queue:
            self.dropped += 1
            return
        offset = time.time_ns() - time.perf_counter_ns()  # perf_counter -> Unix ns, now
        self._queue.append((dict(record), started, tuple(steps), offset))
        if len(self._queue) >= 256:
            self._wake.set()

    def _run(self) -> None:
        while not self._stopping:
            self._wake.wait(0.05)
            self._wake.clear()
            self._drain()
        self._drain()

    def _drain(self) -> None:
        with self._drain_lock:
            while self._queue:
                record, started, steps, offset = self._queue.popleft()
                try:
                    self._build(record, started, steps, offset)
                except Exception:  # noqa: BLE001 - one odd record must not stop tracing
                    _LOG.exception("a request's trace could not be built")

    def _build(
        self, record: Mapping[str, Any], started: float, steps: Sequence[Step], offset: int
    ) -> None:
        trace = self._trace

        def ns(at: float) -> int:
            return int(at * 1e9) + offset

        total_ms = record.get("total_ms")
        end = (
            started + total_ms / 1000
            if total_ms is not None
            else max((s[2] for s in steps), default=started)
        )
        alias = str(record.get("model") or "")
        root = self.tracer.start_span(
            f"chat {alias}".strip(),
            kind=trace.SpanKind.SERVER,
            start_time=ns(started),
            attributes=_clean(_root_attributes(record)),
        )
        parent = trace.set_span_in_context(root)
        ttft_ms = record.get("ttft_ms")
        for name, start, stop in steps:
            engine = name == _ENGINE_STEP
            child = self.tracer.start_span(
                f"chat {record.get('upstream_model') or alias}".strip() if engine else name,
                context=parent,
                kind=trace.SpanKind.CLIENT if engine else trace.SpanKind.INTERNAL,
                start_time=ns(start),
                attributes=_clean(_step_attributes(name, record)),
            )
            if engine and ttft_ms is not None:
                first = started + ttft_ms / 1000
                child.set_attribute("gen_ai.response.time_to_first_chunk", first - start)
                child.add_event("first_token", {"ttft_ms": float(ttft_ms)}, timestamp=ns(first))
            child.end(end_time=ns(stop))
        status = record.get("status")
        if isinstance(status, int) and status >= 500:
            root.set_status(trace.Status(trace.StatusCode.ERROR, str(record.get("error", ""))))
        root.end(end_time=ns(end))

    def flush(self, timeout_s: float = 10.0) -> bool:
        """Build what is queued and export it (blocking: tests, shutdown)."""
        self._drain()
        return self.provider.force_flush(int(timeout_s * 1000))

    def close(self) -> None:
        """Build and export what is queued (within the export time-out), then stop."""
        self._stopping = True
        self._wake.set()
        self._thread.join(10)
        self.provider.shutdown()
        for logger, quiet in self._filters:
            logger.removeFilter(quiet)
        self._filters.clear()


def _root_attributes(record: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": record.get("model"),
        "gen_ai.response.model": record.get("upstream_model"),
        "gen_ai.usage.input_tokens": record.get("prompt_tokens"),
        "gen_ai.usage.output_tokens": record.get("completion_tokens"),
        "http.request.method": "POST",
        "http.route": record.get("path"),
        "http.response.status_code": record.get("status"),
        "error.type": str(record["status"]) if record.get("error") else None,
        "supportllm.request_id": record.get("request_id"),
        "supportllm.team": record.get("team"),
        "supportllm.channel": record.get("channel"),
        "supportllm.stream": record.get("stream"),
        "supportllm.route": record.get("route"),
        "supportllm.upstream": record.get("upstream"),
        "supportllm.fallback": record.get("fallback"),
        "supportllm.arm": record.get("arm"),
        "supportllm.rollout_id": record.get("rollout_id"),
        "supportllm.incomplete": record.get("incomplete"),
        "supportllm.ttft_ms": record.get("ttft_ms"),
    }


def _step_attributes(name: str, record: Mapping[str, Any]) -> dict[str, Any]:
    if name == _ENGINE_STEP:
        attempts = record.get("attempts") or []
        return {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": record.get("engine"),
            "gen_ai.request.model": record.get("upstream_model"),
            "gen_ai.response.model": record.get("upstream_model"),
            "gen_ai.usage.input_tokens": record.get("prompt_tokens"),
            "gen_ai.usage.output_tokens": record.get("completion_tokens"),
            "supportllm.upstream": record.get("upstream"),
            "supportllm.upstream_kind": record.get("upstream_kind"),
            "supportllm.fallback": record.get("fallback"),
            "supportllm.failed_attempts": len(attempts) if attempts else None,
            "supportllm.itl_ms": record.get("itl_ms"),
            "supportllm.queue_ms": record.get("queue_ms"),
        }
    if name == "retrieval":
        sources = record.get("sources") or []
        return {
            "gen_ai.operation.name": "retrieval",
            "supportllm.retrieval": record.get("retrieval"),
            "supportllm.passages": len(sources),
        }
    if name == "routing":
        return {
            "supportllm.route": record.get("route"),
            "supportllm.route_score": record.get("route_score"),
            "supportllm.route_reason": record.get("route_reason"),
            "supportllm.arm": record.get("arm"),
        }
    if name == "guard":
        guard = record.get("guard") or {}
        return {f"supportllm.guard.{k}": v for k, v in guard.items() if _scalar(v)}
    if name == "auth":
        return {"supportllm.team": record.get("team")}
    return {}


def _scalar(value: Any) -> bool:
    return isinstance(value, str | bool | int | float)


def _clean(attributes: dict[str, Any]) -> dict[str, Any]:
    """OpenTelemetry takes str, bool, int, float (or lists of them): no None."""
    return {k: v for k, v in attributes.items() if v is not None and _scalar(v)}
