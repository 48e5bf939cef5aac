"""The LLM judge: the graders' rubric (tone 1–5, accuracy 1–5, would send yes/no), scored by a
model. The prompt and every raw answer are stored; an answer that cannot be read as a score is
asked again, and after the last try recorded as ``unparsable`` — never as a score."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import httpx
from sqlalchemy import Connection, Engine, Table, select

from supportllm.config import Settings
from supportllm.errors import InvalidInputError
from supportllm.evals.replay import Candidate
from supportllm.jsonsalvage import json_dicts
from supportllm.store.db import upsert
from supportllm.store.models import Judgement, ReplyRow, TicketRow
from supportllm.structured_ask import json_schema_format

_JUDGEMENTS = cast(Table, Judgement.__table__)
_REPLIES = cast(Table, ReplyRow.__table__)
_TICKETS = cast(Table, TicketRow.__table__)

RUBRIC = """\
You are a senior customer-support agent reviewing a reply drafted for a customer ticket.
Score it with the rubric your team uses:
- tone (1-5): 5 = friendly, calm, professional and in the customer's language;
  1 = rude, cold or in the wrong language.
- accuracy (1-5): 5 = correct, complete and consistent with the knowledge-base passages;
  1 = wrong or invented.
- would_send (yes/no): would you send this reply to the customer as it is?

Answer with one JSON object and nothing else, with the keys "tone" (a number 1-5), "accuracy"
(a number 1-5), "would_send" ("yes" or "no") and "reason" (one short sentence)."""

RETRY = (
    "Your answer could not be read. Answer again with only a JSON object with the keys tone "
    '(1-5), accuracy (1-5), would_send ("yes" or "no") and reason.'
)

# The answer's shape, sent as OpenAI's response_format: vLLM decodes to it, llama.cpp turns it
# into a grammar (gateway/structured.py), so even a small model answers with valid scores.
VERDICT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "tone": {"type": "integer", "enum": [1, 2, 3, 4, 5]},
        "accuracy": {"type": "integer", "enum": [1, 2, 3, 4, 5]},
        "would_send": {"type": "string", "enum": ["yes", "no"]},
        "reason": {"type": "string"},
    },
    "required": ["tone", "accuracy", "would_send", "reason"],
    "additionalProperties": False,
}
RESPONSE_FORMAT = json_schema_format("verdict", VERDICT_SCHEMA)


@dataclass(frozen=True)
class Verdict:
    tone: int
    accuracy: int
    would_send: bool
    reason: str | None


def parse_verdict(text: str) -> Verdict | None:
    """The first JSON object in ``text`` with valid scores, or None."""
    for value in json_dicts(text):
        try:
            tone, accuracy = int(value["tone"]), int(value["accuracy"])
        except (KeyError, TypeError, ValueError):
            continue
        send = value.get("would_send")
        if isinstance(send, str):
            send = {"yes": True, "no": False}.get(send.strip().lower())
        if not (1 <= tone <= 5 and 1 <= accuracy <= 5 and isinstance(send, bool)):
            continue
        reason = value.get("reason")
        return Verdict(tone, accuracy, send, str(reason)[:500] if reason else None)
    return None


def judge_prompt(ticket: str, reply: str, sources: list[dict[str, Any]]) -> str:
    passages = "\n".join(f"- {s.get('title') or s.get('id')}" for s in sources) or "- (none)"
    return (
        f"{RUBRIC}\n\nTicket:\n{ticket}\n\nKnowledge-base passages the reply used:\n{passages}"
        f"\n\nReply to score:\n{reply}"
    )


def _scored_ids(conn: Connection, run_id: str, judge: str) -> set[int]:
    """The replies of ``run_id`` that ``judge`` has scored."""
    rows = conn.execute(
        select(_JUDGEMENTS.c.reply_id).where(
            _JUDGEMENTS.c.run_id == run_id,
            _JUDGEMENTS.c.judge == judge,
            _JUDGEMENTS.c.status == "scored",
        )
    )
    return {int(r.reply_id) for r in rows}


class JudgeStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def pending(self, run_id: str, judge: str) -> list[dict[str, Any]]:
        """Finished replies of the run the judge has not scored yet (unparsable ones again)."""
        with self.engine.connect() as conn:
            scored = _scored_ids(conn, run_id, judge)
            rows = conn.execute(
                select(
                    _REPLIES.c.id,
                    _REPLIES.c.text,
                    _REPLIES.c.sources,
                    _TICKETS.c.subject,
                    _TICKETS.c.body,
                )
                .join(_TICKETS, _TICKETS.c.id == _REPLIES.c.ticket_id)
                .where(_REPLIES.c.run_id == run_id, _REPLIES.c.status == "done")
                .order_by(_REPLIES.c.id)
            ).all()
        return [dict(r._mapping) for r in rows if r.id not in scored]

    def scored_count(self, run_id: str, judge: str) -> int:
        """Replies of the run this judge has already scored (kept when a run resumes)."""
        with self.engine.connect() as conn:
            return len(_scored_ids(conn, run_id, judge))

    def save(self, run_id: str, reply_id: int, judge: str, values: dict[str, Any]) -> None:
        key = {"run_id": run_id, "reply_id": reply_id, "judge": judge}
        with self.engine.begin() as conn:
            upsert(conn, _JUDGEMENTS, key, {**values, "judged_at": datetime.now(UTC)})

    def judgements(self, run_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(_JUDGEMENTS, _REPLIES.c.candidate, _TICKETS.c.lang, _TICKETS.c.channel)
                .join(_REPLIES, _REPLIES.c.id == _JUDGEMENTS.c.reply_id)
                .join(_TICKETS, _TICKETS.c.id == _REPLIES.c.ticket_id)
                .where(_JUDGEMENTS.c.run_id == run_id)
            ).all()
        return [dict(r._mapping) for r in rows]


async def _ask(
    http: httpx.AsyncClient,
    judge: Candidate,
    key: str | None,
    messages: list[dict[str, str]],
    extra: dict[str, Any],
    structured: bool,
) -> str:
    body = {
        "model": judge.model or "",
        "messages": messages,
        "max_tokens": 200,
        "temperature": 0,
        **extra,
    }
    if structured:
        body["response_format"] = RESPONSE_FORMAT
    headers = {"authorization": f"Bearer {key}"} if key else {}
    response = await http.post(judge.url + "/chat/completions", json=body, headers=headers)
    response.raise_for_status()
    return str(response.json()["choices"][0]["message"].get("content") or "")


def _refused(error: httpx.HTTPStatusError) -> bool:
    """The engine (an API, an older server) said no to the request itself: 400 or 422."""
    return error.response.status_code in (400, 422)


async def run_judge(
    store: JudgeStore,
    run_id: str,
    judge: Candidate,
    *,
    api_key: str | None = None,
    attempts: int = 3,
    concurrency: int = 4,
    progress: Callable[[str], None] | None = None,
    extra: dict[str, Any] | None = None,
    structured: bool = True,
) -> dict[str, int]:
    """Score every pending reply; returns counts by status (``scored``, ``unparsable``,
    ``failed``) and ``free_text``: replies judged without structured output because the judge's
    engine refused ``response_format`` (asked once; the rest of the run then goes without).
    ``extra``: fields added to every request (the gateway's ``channel`` and ``retrieval``);
    ``kept``: replies scored by an earlier run of this judge, not asked again."""
    kept = await asyncio.to_thread(store.scored_count, run_id, judge.name)
    counts = {"scored": 0, "unparsable": 0, "failed": 0, "free_text": 0, "kept": kept}
    gate = asyncio.Semaphore(concurrency)
    schema = {"on": structured}
    async with httpx.AsyncClient(
        timeout=httpx.Timeout(300.0, connect=10.0), trust_env=False
    ) as http:

        async def ask(messages: list[dict[str, str]]) -> str:
            if schema["on"]:
                try:
                    return await _ask(http, judge, api_key, messages, extra or {}, True)
                except httpx.HTTPStatusError as error:
                    if not _refused(error):
                        raise
                    schema["on"] = False  # fall back to free text, and the parser
            return await _ask(http, judge, api_key, messages, extra or {}, False)

        async def one(row: dict[str, Any]) -> None:
            ticket = f"{row['subject']}\n\n{row['body']}" if row["subject"] else row["body"]
            prompt = judge_prompt(ticket, row["text"] or "", json.loads(row["sources"] or "[]"))
            messages = [{"role": "user", "content": prompt}]
            answers: list[str] = []
            verdict: Verdict | None = None
            status = "unparsable"
            async with gate:
                for _ in range(attempts):
                    try:
                        answer = await ask(messages)
                    except (httpx.HTTPError, KeyError, ValueError, IndexError) as error:
                        answers.append(f"<error: {type(error).__name__}: {error}>"[:500])
                        status = "failed"
                        continue
                    answers.append(answer)
                    verdict = parse_verdict(answer)
                    if verdict is not None:
                        status = "scored"
                        break
                    status = "unparsable"
                    messages = [*messages, {"role": "assistant", "content": answer},
                                {"role": "user", "content": RETRY}]  # fmt: skip
            values: dict[str, Any] = {
                "status": status,
                "prompt": prompt,
                "raw": json.dumps(answers, ensure_ascii=False),
                "attempts": len(answers),
                "tone": verdict.tone if verdict else None,
                "accuracy": verdict.accuracy if verdict else None,
                "would_send": verdict.would_send if verdict else None,
                "reason": verdict.reason if verdict else None,
            }
            await asyncio.to_thread(store.save, run_id, row["id"], judge.name, values)
            counts[status] += 1
            if not schema["on"]:
                counts["free_text"] += 1
            if progress is not None:
                progress(status)

        await asyncio.gather(*(one(row) for row in store.pending(run_id, judge.name)))
    return counts


def judged_line(counts: dict[str, int]) -> str:
    """'5 of 6 valid judgements', with the ones kept from an earlier run counted in: a resumed
    run that had nothing left to ask says so instead of '0 of 0'."""
    kept = counts.get("kept", 0)
    asked = counts["scored"] + counts["unparsable"] + counts["failed"]
    line = f"{counts['scored'] + kept} of {asked + kept} valid judgements"
    return f"{line} ({kept} kept from an earlier run)" if kept else line


def as_grades(judgements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Scored judgements in the shape of human grades (rater ``judge:NAME``)."""
    return [
        {
            "grader": f"judge:{j['judge']}",
            "reply_id": j["reply_id"],
            "candidate": j["candidate"],
            "lang": j["lang"],
            "channel": j["channel"],
            "tone": j["tone"],
            "accuracy": j["accuracy"],
            "would_send": j["would_send"],
            "skipped": False,
        }
        for j in judgements
        if j["status"] == "scored"
    ]


@dataclass(frozen=True)
class JudgePlan:
    """Judge every finished reply of a replay run (resumable: scored replies are kept)."""

    run_folder: Path
    judge: Candidate
    api_key: str | None = None
    attempts: int = 3
    concurrency: int = 4


def replay_run_id(folder: Path) -> str:
    """The run id a replay folder records in its replay.json."""
    manifest = folder / "replay.json"
    if not manifest.is_file():
        raise InvalidInputError(
            f"{folder} is not a replay run (no replay.json): run "
            f"`supportllm replay --out {folder}` first"
        )
    return str(json.loads(manifest.read_text())["run_id"])


def judge(
    plan: JudgePlan, settings: Settings, progress: Callable[[str], None] | None = None
) -> dict[str, int]:
    """`supportllm grade judge` and the trial: score the run's pending replies; counts by status.

    The judge is asked through the gateway like any other traffic (authenticated with a key of
    its own, in the request log), on the ``judge`` channel: its own system prompt, no
    knowledge-base retrieval."""
    from supportllm.evals.replay import candidate_gateway
    from supportllm.store.db import migrate, open_database

    run_id = replay_run_id(plan.run_folder)
    engine = open_database(settings.resolved_database_url())
    migrate(engine)
    with candidate_gateway(settings, plan.judge, api_key=plan.api_key, retrieval=False) as (
        url,
        key,
    ):
        through = Candidate(plan.judge.name, url, settings.model_aliases[0])
        return asyncio.run(
            run_judge(
                JudgeStore(engine), run_id, through, api_key=key, attempts=plan.attempts,
                concurrency=plan.concurrency, progress=progress,
                extra={"channel": "judge", "retrieval": False},
            )
        )  # fmt: skip
