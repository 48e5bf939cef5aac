"""One exception tree. Each API error maps to one HTTP status and an OpenAI-style error body."""

from __future__ import annotations

from typing import Any, ClassVar


class SupportLLMError(Exception):
    """Base of every error supportllm raises on purpose."""

    status: ClassVar[int] = 500
    error_type: ClassVar[str] = "server_error"
    default_code: ClassVar[str | None] = None

    def __init__(
        self,
        message: str,
        *,
        param: str | None = None,
        code: str | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code if code is not None else self.default_code
        # For the operator only (request log, process log), never in the client's body: e.g. an
        # engine's own error text, which may carry its keys or internals.
        self.detail = detail
        # How an upstream failed, for its circuit breaker (gateway/health.py): "connect",
        # "timeout", "stall", "error" or "busy"; None for errors that are not the upstream's.
        self.failure: str | None = None

    def failed_as(self, failure: str) -> SupportLLMError:
        self.failure = failure
        return self

    def body(self) -> dict[str, Any]:
        return {
            "error": {
                "message": self.message,
                "type": self.error_type,
                "param": self.param,
                "code": self.code,
            }
        }


# Start-up and command-line errors ---------------------------------------------------------


class ConfigError(SupportLLMError):
    """A setting is missing or wrong; the message names it and what is allowed."""


class EngineLaunchError(SupportLLMError):
    """An engine process could not be started or never became healthy."""


class ModelFileError(SupportLLMError):
    """A model file is missing or does not match its pinned SHA-256."""


class KnowledgeBaseError(SupportLLMError):
    """The knowledge base cannot be built or read as asked (wrong embedder, missing collection)."""


class KnowledgeBaseUnavailableError(SupportLLMError):
    """The knowledge base's store (Qdrant) cannot be reached right now."""

    status = 503
    error_type = "knowledge_base_unavailable"
    default_code = "knowledge_base_unavailable"


class InvalidInputError(SupportLLMError):
    """A file or option given on the command line cannot be used; the message says why."""


class BenchmarkError(SupportLLMError):
    """The benchmark cannot run against this endpoint (unreachable, wrong model, not OpenAI)."""


class NotFoundError(SupportLLMError):
    """A named thing (key, model, GPU) does not exist."""

    status = 404
    error_type = "invalid_request_error"


# API errors ---------------------------------------------------------------------------------


class InvalidRequestError(SupportLLMError):
    status = 400
    error_type = "invalid_request_error"


class MethodNotAllowedError(SupportLLMError):
    status = 405
    error_type = "invalid_request_error"
    default_code = "method_not_allowed"


class UnprocessableRequestError(SupportLLMError):
    """Well-formed JSON whose fields have the wrong type or value."""

    status = 422
    error_type = "invalid_request_error"


class AuthenticationError(SupportLLMError):
    status = 401
    error_type = "authentication_error"
    default_code = "invalid_api_key"


class PermissionDeniedError(SupportLLMError):
    status = 403
    error_type = "permission_error"
    default_code = "insufficient_scope"


class ModelNotFoundError(SupportLLMError):
    status = 404
    error_type = "invalid_request_error"
    default_code = "model_not_found"


class PayloadTooLargeError(SupportLLMError):
    status = 413
    error_type = "invalid_request_error"
    default_code = "request_too_large"


class RateLimitError(SupportLLMError):
    status = 429
    error_type = "rate_limit_error"
    default_code = "rate_limit_exceeded"

    def __init__(
        self,
        message: str,
        *,
        retry_after_s: float = 1.0,
        detail: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message, detail=detail, code=code)
        self.retry_after_s = retry_after_s


class UpstreamError(SupportLLMError):
    """The engine answered, but with an error or with something that is not OpenAI's protocol."""

    status = 502
    error_type = "upstream_error"
    default_code = "bad_gateway"


class UpstreamRequestError(SupportLLMError):
    """The engine refused the request as invalid (its 4xx): passed on with the engine's status."""

    error_type = "invalid_request_error"

    def __init__(self, message: str, *, upstream_status: int, detail: str | None = None) -> None:
        super().__init__(message, code="upstream_rejected", detail=detail)
        self.upstream_status = upstream_status


class EngineUnavailableError(SupportLLMError):
    status = 503
    error_type = "engine_unavailable"
    default_code = "engine_unavailable"


class PromptInjectionError(SupportLLMError):
    """A message the injection screen blocked (guard.injection.mode = block)."""

    status = 400
    error_type = "invalid_request_error"
    default_code = "prompt_injection_detected"


class InvalidToolCallError(SupportLLMError):
    """The model's tool call does not match the tool's JSON Schema, also after one repair."""

    status = 502
    error_type = "upstream_error"
    default_code = "invalid_tool_call"


class ActionClaimError(SupportLLMError):
    """A streamed reply claimed an action no successful tool call backs: the stream ends with
    this error event, its message the hand-off to show instead (guard.claims.mode = replace)."""

    status = 200  # the stream's headers are gone; it is an in-band event
    error_type = "guardrail"
    default_code = "action_claim_unverified"


class AuditUnavailableError(SupportLLMError):
    """The audit trail cannot keep the record: the request is refused (fail closed)."""

    status = 503
    error_type = "service_unavailable"
    default_code = "audit_unavailable"


class EngineTimeoutError(SupportLLMError):
    status = 504
    error_type = "timeout"
    default_code = "engine_timeout"


def http_status(error: SupportLLMError) -> int:
    if isinstance(error, UpstreamRequestError):
        return error.upstream_status
    return error.status
