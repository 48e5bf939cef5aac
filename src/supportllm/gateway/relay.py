"""A streamed reply on its way to the client (``StreamRelay``), and the error bodies and
events the pipeline answers failures with."""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import orjson

from supportllm.engines.base import EngineStream
from supportllm.errors import SupportLLMError, http_status

DONE = b"data: [DONE]\n\n"
CLIENT_CLOSED = 499  # nginx's convention for "the client went away"


def internal_error(bug: Exception) -> SupportLLMError:
    """A bug in the gateway: logged with its traceback for the operator, plain for the client."""
    logging.getLogger("supportllm.gateway").exception("internal error", exc_info=bug)
    return SupportLLMError(f"internal gateway error ({type(bug).__name__}); see the gateway log")


def client_body(error: SupportLLMError, request_id: str) -> bytes:
    """The OpenAI error body the client sees. An error with an operator-only ``detail`` (an
    engine's own error text) is logged here and named to the client by its request id."""
    body = error.body()
    if error.detail is not None:
        logging.getLogger("supportllm.gateway").warning("%s: %s", request_id, error.detail)
        body["error"]["message"] = f"{error.message} (request {request_id})"
    return orjson.dumps(body)


def error_event(error: SupportLLMError, request_id: str) -> bytes:
    return b"data: " + client_body(error, request_id) + b"\n\n"


def logged(error: SupportLLMError) -> str:
    """What the request log keeps of an error: the client's message and the operator's detail."""
    return error.message if error.detail is None else f"{error.message} [{error.detail}]"


# A streamed reply up to this size is checked at its end on the event loop (claims: ~0.05 ms
# for a short reply, less than a thread hop); longer ones in a worker thread.
FINAL_INLINE_BYTES = 32_768

Finish = Callable[[int, str | None, list[bytes] | None], concurrent.futures.Future[int] | None]


class StreamRelay:
    """A streamed reply on its way to the client. However it ends (done, engine failure, client
    gone, never started), ``aclose`` closes the upstream request and logs the outcome once.

    ``keep_events``: the events are kept for the audit record's content. ``committed``: strict
    audit durability — the reply's record is finished and committed before the final [DONE]."""

    def __init__(
        self,
        upstream: EngineStream,
        events: AsyncIterator[bytes],
        finish: Finish,
        request_id: str,
        *,
        keep_events: bool = False,
        committed: Callable[[concurrent.futures.Future[int] | None], Awaitable[None]] | None = None,
        final: Callable[[list[bytes], bool], Awaitable[SupportLLMError | None]] | None = None,
    ) -> None:
        self._upstream = upstream
        self._request_id = request_id
        self._events = events
        self._finish: Finish | None = finish
        self._status = CLIENT_CLOSED
        self._error: str | None = "client disconnected"
        self._kept: list[bytes] | None = [] if keep_events else None
        self._committed = committed
        self._final = final

    async def __aiter__(self) -> AsyncIterator[bytes]:
        kept = self._kept
        try:
            async for event in self._events:
                if kept is not None:
                    kept.append(event)
                yield event
            if self._final is not None and kept is not None:
                # Checked at the end (guard): a reply that claims an action no tool call backs
                # ends with an error event carrying the hand-off, never [DONE].
                # ``inline``: a short reply is checked on the event loop, a long one in a
                # worker thread (the claims reader, when set, is awaited either way).
                refused = await self._final(kept, sum(map(len, kept)) <= FINAL_INLINE_BYTES)
                if refused is not None:
                    raise refused
            if self._committed is not None and self._finish is not None:
                finish, self._finish = self._finish, None
                await self._committed(finish(200, None, kept))
            yield DONE
            self._status, self._error = 200, None
        except SupportLLMError as failure:
            # Headers (200) are gone already: end the stream with an error event, never [DONE].
            self._status, self._error = http_status(failure), logged(failure)
            yield error_event(failure, self._request_id)
        except Exception as bug:  # noqa: BLE001 - a bug must still end the stream visibly
            internal = internal_error(bug)
            self._status, self._error = 500, internal.message
            yield error_event(internal, self._request_id)

    async def aclose(self) -> None:
        await self._upstream.aclose()
        if self._finish is not None:
            finish, self._finish = self._finish, None
            finish(self._status, self._error, self._kept)
