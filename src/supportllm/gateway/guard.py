"""The pipeline's guard step (docs/guardrails.md): what the guard package checks, applied to a
request on its way in and to the reply on its way out.

In: the customer's latest message (and tool results, when set) through the prompt-injection
screen — blocked (400 ``prompt_injection_detected``), flagged or passed, per channel; with
``guard.pii.before_engine`` the messages' PII replaced by placeholders the reply is mapped back
from. Out: tool calls validated against the request's schemas (repaired once, else 502
``invalid_tool_call``), and action claims checked against the conversation's successful tool
calls (the reply replaced by a hand-off, or flagged). Each decision lands in the request's record
(``guard``), so the request log and the audit trail carry it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from supportllm.errors import InvalidRequestError, InvalidToolCallError, PromptInjectionError
from supportllm.gateway.claims_read import ClaimReader
from supportllm.gateway.injection_read import InjectionReader
from supportllm.gateway.requestlog import LogRecord
from supportllm.guard.claims import ClaimChecker, Violation
from supportllm.guard.claims_judged import JudgedChecker
from supportllm.guard.claims_reader import decide
from supportllm.guard.injection import InjectionScreen, InjectionVerdict
from supportllm.guard.injection_reader import MAX_READINGS_PER_REQUEST
from supportllm.guard.injection_reader import decide as decide_injection
from supportllm.guard.pii import PIIRedactor, Placeholders
from supportllm.guard.tools import ToolCallError, ToolSchemaError, ToolValidator, repair_message

# A short message (a chat line) is screened on the event loop — ~0.1 ms, less than a thread
# hop; anything longer (a 200-word ticket, a tool result) in a worker thread, off the loop.
INLINE_CHARS = 600


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


@dataclass
class GuardStep:
    injection: InjectionScreen | None = None
    injection_mode: str = "block"
    injection_by_channel: dict[str, str] = field(default_factory=dict)
    screen_tool_results: bool = True
    claims: ClaimChecker | None = None
    claims_mode: str = "replace"
    tools: ToolValidator | None = None
    repair_tool_calls: bool = True
    pii: PIIRedactor | None = None  # guard.pii.before_engine: placeholders to the engine
    exempt_channels: frozenset[str] = frozenset({"judge"})
    reader: ClaimReader | None = None  # guard.claims.reader_upstream (claims_read.py)
    # guard.injection.reader_upstream (injection_read.py)
    injection_reader: InjectionReader | None = None

    def applies(self, channel: str, key_channel: str | None) -> bool:
        """False only for an exempt channel (the judge's) used by a key issued for it: a client
        cannot switch the guards off by naming the channel."""
        return not (channel in self.exempt_channels and key_channel == channel)

    # In ------------------------------------------------------------------------------------

    async def screen(
        self,
        messages: list[dict[str, Any]],
        channel: str,
        record: LogRecord,
        key_mode: str | None = None,
    ) -> None:
        """Screen the latest user message (and tool results after it) for prompt injection.
        The mode: the key's own (keys create --injection-mode), else the channel's, else the
        default."""
        mode = key_mode or self.injection_by_channel.get(channel, self.injection_mode)
        if self.injection is None or mode == "off":
            return
        texts: list[str] = []  # the customer's messages
        results: list[str] = []  # tool results: documents, with their own threshold
        for message in reversed(messages):  # everything after the assistant's last turn
            role = message.get("role")
            if role == "assistant":
                break
            if role == "user":
                texts.append(_text(message.get("content")))
            elif role in ("tool", "function") and self.screen_tool_results:
                results.append(_text(message.get("content")))
        texts = [t for t in texts if t.strip()]
        results = [t for t in results if t.strip()]
        if not texts and not results:
            return
        if sum(len(t) for t in texts + results) <= INLINE_CHARS:
            verdicts = self._screen(texts, results)  # ~0.1 ms: cheaper than a thread hop
        else:
            verdicts = await asyncio.to_thread(self._screen, texts, results)
        worst = max(verdicts, key=lambda v: v.score)
        flags = [v.flagged for v in verdicts]
        guard = record.setdefault("guard", {})
        if self.injection_reader is not None:
            flags[: len(texts)] = await self._read(
                texts, verdicts[: len(texts)], guard, record.get("key_id")
            )
        flagged = any(flags)
        action = ("blocked" if mode == "block" else "flagged") if flagged else "passed"
        guard["injection"] = {"score": round(worst.score, 3), "action": action}
        if worst.rule:
            guard["injection"]["rule"] = worst.rule
        if flagged and mode == "block":
            raise PromptInjectionError(
                "the message was refused: it looks like an attempt to override the assistant's "
                "instructions (prompt injection); rephrase it as a support question",
            )

    async def _read(
        self,
        texts: list[str],
        verdicts: list[InjectionVerdict],
        guard: dict[str, Any],
        key: str | None = None,
    ) -> list[bool]:
        """The customer's messages flagged or not once the injection reader has read those the
        screen is unsure about (guard.injection.reader_band; the latest
        MAX_READINGS_PER_REQUEST of them); its readings go in the record, latest message
        first: verdicts, how each was decided, time and tokens, never the reader's words."""
        reader = self.injection_reader
        assert reader is not None
        # the latest first (``texts`` runs back from the newest); at most a few per request
        asked = [
            i for i, (t, v) in enumerate(zip(texts, verdicts, strict=True)) if reader.wanted(v, t)
        ][:MAX_READINGS_PER_REQUEST]
        flags = [v.flagged for v in verdicts]
        if not asked:
            return flags
        answers = await asyncio.gather(*(reader.read(texts[i], key) for i in asked))
        decided = []
        for index, answer in zip(asked, answers, strict=True):
            flags[index], how = decide_injection(flags[index], answer, reader.on_error)
            decided.append(how)
        errors = sorted({a.error_kind for a in answers if a.error_kind})
        guard["injection_reader"] = {
            "upstream": reader.upstream.name,
            "verdicts": [a.verdict or "none" for a in answers],
            "decided": decided,
            "ms": round(max(a.seconds for a in answers) * 1000, 1),
            "tokens": sum(a.tokens for a in answers),
            # what failed, never the engine's message (some echo the message back)
            **({"errors": errors} if errors else {}),
        }
        return flags

    def _screen(self, texts: list[str], results: list[str]) -> list[InjectionVerdict]:
        assert self.injection is not None
        verdicts = self.injection.check_many(texts) if texts else []
        if results:
            verdicts += self.injection.check_many(results, documents=True)
        return verdicts

    def hide_pii(self, messages: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], Placeholders]:
        """``before_engine``: the messages with PII replaced by placeholders (<PERSON_1>)."""
        assert self.pii is not None
        return hide_messages(self.pii, messages)

    def check_tool_schemas(self, tools: Any) -> None:
        """A request's tool schemas must compile (400 naming the tool), before the engine."""
        if self.tools is None or not tools:
            return
        try:
            self.tools.schemas(tools)
        except ToolSchemaError as error:
            raise InvalidRequestError(str(error), param="tools") from None

    # Out -----------------------------------------------------------------------------------

    def tool_errors(self, data: dict[str, Any], tools: Any) -> list[ToolCallError]:
        """Errors in the tool calls of a whole chat completion (none without tools)."""
        if self.tools is None or not tools:
            return []
        try:
            calls = data["choices"][0]["message"].get("tool_calls") or []
        except (KeyError, IndexError, TypeError, AttributeError):
            return []
        if not isinstance(calls, list) or not all(isinstance(c, dict) for c in calls):
            return [ToolCallError(0, "?", "tool_calls is not a list of objects")]
        return self.tools.validate(calls, tools) if calls else []

    def repair_messages(
        self, messages: list[dict[str, Any]], data: dict[str, Any], errors: list[ToolCallError]
    ) -> list[dict[str, Any]] | None:
        """The conversation to ask again with, once; None when repairing is off."""
        if not self.repair_tool_calls:
            return None
        message = data["choices"][0]["message"]
        said = {"role": "assistant", "content": message.get("content") or ""}
        if message.get("tool_calls"):
            said["tool_calls"] = message["tool_calls"]
        replies = [
            {"role": "tool", "tool_call_id": call.get("id", ""), "content": repair_message(errors)}
            for call in message.get("tool_calls") or []
        ]
        return [*messages, said, *replies]

    def invalid_tool_call(self, errors: list[ToolCallError], record: LogRecord) -> None:
        # Tool names and counts only: an error's text may quote argument values (personal data).
        record.setdefault("guard", {})["tool_calls"] = {
            "action": "refused", "errors": len(errors), "tools": sorted({e.name for e in errors})
        }  # fmt: skip
        raise InvalidToolCallError(
            "the model's tool call did not match the tool's schema, also after one repair: "
            + "; ".join(e.message for e in errors[:3])
        )

    def check_claims(
        self, reply: str, messages: list[dict[str, Any]], record: LogRecord
    ) -> str | None:
        """The hand-off text to send instead of ``reply`` (mode replace), or None: the built-in
        check alone (rules, sentence scorer, judge)."""
        if self.claims is None or self.claims_mode == "off" or not reply:
            return None
        found, overruled, p = self._builtin(reply, messages)
        return self._conclude(found, overruled, p, "cleared by the claims judge", reply, record)

    async def review_claims(
        self,
        reply: str,
        messages: list[dict[str, Any]],
        record: LogRecord,
        *,
        inline: bool = True,
    ) -> str | None:
        """``check_claims`` with the claims reader (guard.claims.reader_upstream) asked where
        the judge is unsure. ``inline``: the built-in check runs on the event loop (a short
        reply), else in a worker thread."""
        if self.claims is None or self.claims_mode == "off" or not reply:
            return None
        if inline:
            found, overruled, p = self._builtin(reply, messages)
        else:
            found, overruled, p = await asyncio.to_thread(self._builtin, reply, messages)
        reader = self.reader
        answer = (
            await reader.read(messages, reply, record.get("key_id"))
            if reader and reader.wanted(p)
            else None
        )
        if reader is None or answer is None:
            return self._conclude(found, overruled, p, "cleared by the claims judge", reply, record)
        final, how = decide(found, answer, reply, reader.on_error)
        record.setdefault("guard", {})["claims_reader"] = {
            "upstream": reader.upstream.name,
            "verdict": answer.verdict or "none",
            "decided": how,
            "ms": round(answer.seconds * 1000, 1),
            "tokens": answer.tokens,
            # what failed, never the engine's message (some echo the conversation back)
            **({"error": answer.error_kind} if answer.error_kind else {}),
        }
        cleared_by = "cleared by the claims judge"
        if answer.verdict == "ok" and found:
            overruled, cleared_by = [*found, *overruled], "cleared by the claims reader"
        return self._conclude(final, overruled, p, cleared_by, reply, record)

    def _builtin(
        self, reply: str, messages: list[dict[str, Any]]
    ) -> tuple[list[Violation], list[Violation], float | None]:
        """(the built-in check's violations, those the judge overruled, the judge's p)."""
        assert self.claims is not None
        if isinstance(self.claims, JudgedChecker):
            verdict = self.claims.verdict(reply, messages)
            overruled = [] if verdict.violations else verdict.by_rules
            return verdict.violations, overruled, verdict.p
        return self.claims.violations(reply, messages), [], None

    def _conclude(
        self,
        found: list[Violation],
        overruled: list[Violation],
        p: float | None,
        cleared_by: str,
        reply: str,
        record: LogRecord,
    ) -> str | None:
        assert self.claims is not None
        if not found:
            if overruled:  # the audit trail shows what the judge (or the reader) overruled
                record.setdefault("guard", {})["claims"] = _claims_record(overruled, cleared_by, p)
            return None
        action = "replaced" if self.claims_mode == "replace" else "flagged"
        record.setdefault("guard", {})["claims"] = _claims_record(found, action, p)
        if self.claims_mode == "replace":
            return self.claims.handoff(reply)
        return None


def _claims_record(found: list[Violation], action: str, p: float | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "action": action,
        "violations": [
            {"action": v.claim.action, "reason": v.reason, "by": v.claim.by}
            for v in found[:5]  # not the sentence: it may name people
        ],
    }
    if p is not None:
        out["judge_p"] = round(p, 3)
    return out


def _map_arguments(call: Any, change: Callable[[str], str]) -> Any:
    """A tool call with ``change`` applied to its arguments' text (hide or restore PII)."""
    function = call.get("function") if isinstance(call, dict) else None
    if not isinstance(function, dict) or not isinstance(function.get("arguments"), str):
        return call
    return {**call, "function": {**function, "arguments": change(function["arguments"])}}


def restore_tool_calls(data: dict[str, Any], restore: Callable[[str], str]) -> dict[str, Any]:
    """A whole chat completion with placeholders mapped back in its tool calls' arguments."""
    try:
        message = data["choices"][0]["message"]
        calls = message.get("tool_calls")
    except (KeyError, IndexError, TypeError, AttributeError):
        return data
    if not isinstance(calls, list) or not calls:
        return data
    restored = {**message, "tool_calls": [_map_arguments(c, restore) for c in calls]}
    choice = {**data["choices"][0], "message": restored}
    return {**data, "choices": [choice, *data["choices"][1:]]}


def replace_reply(data: dict[str, Any], text: str, *, keep_calls: bool = False) -> dict[str, Any]:
    """A whole chat completion with its message's text replaced (tool calls dropped unless
    ``keep_calls``)."""
    choice = data["choices"][0]
    if keep_calls:
        message = {**choice.get("message", {}), "content": text}
        return {**data, "choices": [{**choice, "message": message}, *data["choices"][1:]]}
    message = {"role": "assistant", "content": text}
    return {**data, "choices": [{**choice, "message": message, "finish_reason": "stop"}]}


async def restore_stream(
    events: AsyncIterator[bytes], restore: Callable[[str], str]
) -> AsyncIterator[bytes]:
    """Chat chunks with placeholders mapped back (``before_engine``). A placeholder split across
    chunks is held back until it is whole: text from its '<' on waits for the next chunk."""
    carry = ""
    async for event in events:
        out: list[bytes] = []
        for line in event.split(b"\n"):
            if not line.startswith(b"data: {"):
                out.append(line)
                continue
            chunk = orjson.loads(line[6:])
            for choice in chunk.get("choices") or ():
                delta = choice.setdefault("delta", {}) if isinstance(choice, dict) else {}
                if isinstance(delta.get("content"), str):
                    text = carry + delta["content"]
                    cut = text.rfind("<")
                    if cut != -1 and ">" not in text[cut:] and len(text) - cut < 40:
                        text, carry = text[:cut], text[cut:]
                    else:
                        carry = ""
                    delta["content"] = restore(text)
                if choice.get("finish_reason") and carry:
                    delta["content"] = (delta.get("content") or "") + restore(carry)
                    carry = ""
            out.append(b"data: " + orjson.dumps(chunk))
        yield b"\n".join(out)


def hide_messages(
    pii: PIIRedactor, messages: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], Placeholders]:
    """The messages with PII replaced by placeholders (<PERSON_1>): text, content parts and
    tool-call arguments. ``Placeholders.restore`` maps a reply back."""
    placeholders = Placeholders()

    def hide(text: str) -> str:
        return pii.pseudonymize(text, placeholders)

    hidden = []
    for message in messages:
        message = dict(message)
        content = message.get("content")
        if isinstance(content, str):
            message["content"] = hide(content)
        elif isinstance(content, list):  # content parts: the text ones
            message["content"] = [
                {**part, "text": hide(part["text"])}
                if isinstance(part, dict) and isinstance(part.get("text"), str)
                else part
                for part in content
            ]
        if isinstance(message.get("tool_calls"), list):
            message["tool_calls"] = [_map_arguments(call, hide) for call in message["tool_calls"]]
        hidden.append(message)
    return hidden, placeholders
