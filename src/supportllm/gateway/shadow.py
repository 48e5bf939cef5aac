"""Shadow requests for a roll-out's quality gate: a sampled request served by one arm is also
sent, in the background, to the other arm; a judge compares the two replies to the same ticket
(``rollout/judge.py``) and the verdict counts towards the sequential test.

Shadows never touch the client's reply, its latency, the request log or the arm counters; at
most ``max_pending`` run at once (more are skipped and counted)."""

from __future__ import annotations

import asyncio
import logging
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from supportllm.errors import SupportLLMError
from supportllm.gateway.failover import Failover, Prepared
from supportllm.gateway.pool import Pool, Upstream
from supportllm.gateway.requestlog import LogRecord
from supportllm.rollout.controller import RolloutController
from supportllm.rollout.judge import judge_pair

_log = logging.getLogger("supportllm.gateway.shadow")


@dataclass
class ShadowJudge:
    rollouts: RolloutController
    failover: Failover
    judge: Upstream
    judge_model: str | None = None
    max_pending: int = 8
    skipped: int = 0
    failed: int = 0
    _tasks: set[asyncio.Task[None]] = field(default_factory=set, repr=False)

    def submit(
        self,
        record: LogRecord,
        other: Pool,
        ticket: str,
        served_reply: str,
        build: Callable[[Upstream], Awaitable[Prepared]],
    ) -> None:
        """Judge ``served_reply`` against the other arm's reply to the same request."""
        if len(self._tasks) >= self.max_pending:
            self.skipped += 1
            return
        task = asyncio.create_task(self._run(dict(record), other, ticket, served_reply, build))  # type: ignore[arg-type]
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(
        self,
        record: LogRecord,
        other: Pool,
        ticket: str,
        served_reply: str,
        build: Callable[[Upstream], Awaitable[Prepared]],
    ) -> None:
        rollout_id, served = record["rollout_id"], record["arm"]

        async def whole(upstream: Upstream) -> Prepared:
            prepared = await build(upstream)
            body = {**prepared.body, "stream": False}
            body.pop("stream_options", None)
            return Prepared(upstream, body, prepared.completion_style, prepared.placeholders)

        scratch: LogRecord = {"request_id": record["request_id"]}
        try:
            prepared, reply = await self.failover.whole(
                other, None, whole, scratch, api_first=False
            )
            prepared.upstream.release()
            text = _text(reply.data, prepared.completion_style)
            if prepared.placeholders is not None:
                text = prepared.placeholders.restore(text)
            canary, incumbent = (served_reply, text) if served == "canary" else (text, served_reply)
            model = self.judge_model or await self.judge.upstream_model()
            verdict = await judge_pair(
                self.judge.engine,
                model,
                ticket,
                incumbent,
                canary,
                seed=zlib.crc32(record["request_id"].encode()),
            )
        except SupportLLMError as error:
            self.failed += 1
            _log.warning("shadow request %s not judged: %s", record["request_id"], error.message)
            return
        self.rollouts.add_judgement(rollout_id, verdict.verdict, verdict.judge_tokens)

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


def _text(data: dict[str, object], completion_style: bool) -> str:
    try:
        choice = data["choices"][0]  # type: ignore[index]
        value = choice["text"] if completion_style else choice["message"]["content"]
    except (KeyError, IndexError, TypeError):
        return ""
    return value.strip() if isinstance(value, str) else ""
