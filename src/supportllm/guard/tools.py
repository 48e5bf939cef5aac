"""Tool-call validation against the request's tool schemas (issue 16, item 3).

A request that declares ``tools`` (OpenAI format) gets every tool call the model returns checked
with the ``jsonschema`` library (Draft 2020-12): unknown tool name, arguments that are not a JSON
object, and schema violations (with the failing path and rule) are each reported. The gateway
sends ``repair_message(errors)`` back to the model once and answers ``invalid_tool_call``
when the repaired call is still invalid.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError


@dataclass(frozen=True)
class ToolCallError:
    index: int  # position in tool_calls
    name: str
    message: str


class ToolSchemaError(ValueError):
    """A tool declared in the request has a malformed schema (HTTP 400 naming the tool)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"tool {name!r}: {message}")
        self.name = name


def _path(error: ValidationError) -> str:
    parts = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return "arguments" + parts


def _describe(error: ValidationError) -> str:
    rule = str(error.validator)
    return f"{_path(error)}: {error.message} (rule {rule!r})"


class ToolValidator:
    """Validates tool calls; compiled validators are cached per schema text (LRU)."""

    def __init__(self, max_cached: int = 512) -> None:
        self._cache: OrderedDict[str, Draft202012Validator] = OrderedDict()
        self._max = max_cached

    def validator(self, name: str, schema: Any) -> Draft202012Validator:
        """The compiled validator for a tool's parameters schema; ToolSchemaError if malformed."""
        if schema is None:
            schema = {"type": "object"}
        if not isinstance(schema, dict):
            raise ToolSchemaError(name, "parameters must be a JSON Schema object")
        key = json.dumps(schema, sort_keys=True, separators=(",", ":"))
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            where = "/".join(str(p) for p in exc.absolute_path) or "(root)"
            raise ToolSchemaError(name, f"invalid JSON Schema at {where}: {exc.message}") from None
        compiled = Draft202012Validator(schema)
        self._cache[key] = compiled
        if len(self._cache) > self._max:
            self._cache.popitem(last=False)
        return compiled

    def schemas(self, tools: list[dict[str, Any]]) -> dict[str, Draft202012Validator]:
        """name -> validator for the request's tools; ToolSchemaError names a malformed one."""
        out: dict[str, Draft202012Validator] = {}
        for position, tool in enumerate(tools):
            if not isinstance(tool, dict):
                raise ToolSchemaError(f"#{position}", "each tool must be an object")
            fn = tool.get("function")
            if tool.get("type", "function") != "function" or not isinstance(fn, dict):
                raise ToolSchemaError(
                    f"#{position}", 'expected {"type": "function", "function": {…}}'
                )
            name = fn.get("name")
            if not isinstance(name, str) or not name:
                raise ToolSchemaError(f"#{position}", "function.name is missing")
            out[name] = self.validator(name, fn.get("parameters"))
        return out

    def validate(
        self, tool_calls: list[dict[str, Any]], tools: list[dict[str, Any]]
    ) -> list[ToolCallError]:
        """Every problem with ``tool_calls`` given the request's ``tools``."""
        validators = self.schemas(tools)
        errors: list[ToolCallError] = []
        for index, call in enumerate(tool_calls):
            fn = call.get("function") if isinstance(call, dict) else None
            if not isinstance(fn, dict):
                errors.append(ToolCallError(index, "", "tool call has no function object"))
                continue
            name = str(fn.get("name") or "")
            validator = validators.get(name)
            if validator is None:
                known = ", ".join(sorted(validators)) or "none"
                errors.append(
                    ToolCallError(index, name, f"unknown tool {name!r} (declared: {known})")
                )
                continue
            raw = fn.get("arguments")
            if isinstance(raw, str):
                try:
                    args = json.loads(raw) if raw.strip() else {}
                except ValueError as exc:
                    errors.append(
                        ToolCallError(index, name, f"arguments are not valid JSON: {exc}")
                    )
                    continue
            elif isinstance(raw, dict) or raw is None:
                args = raw or {}
            else:
                errors.append(ToolCallError(index, name, "arguments must be a JSON object"))
                continue
            if not isinstance(args, dict):
                errors.append(
                    ToolCallError(
                        index, name, f"arguments must be a JSON object, got {type(args).__name__}"
                    )
                )
                continue
            found = sorted(validator.iter_errors(args), key=lambda e: list(e.absolute_path))
            errors.extend(ToolCallError(index, name, _describe(e)) for e in found)
        return errors


def validate_tool_calls(
    tool_calls: list[dict[str, Any]], tools: list[dict[str, Any]]
) -> list[ToolCallError]:
    """Validate with a fresh validator (the gateway keeps one ToolValidator for its cache)."""
    return ToolValidator().validate(tool_calls, tools)


def repair_message(errors: list[ToolCallError]) -> str:
    """What the gateway sends back to the model to ask once for corrected tool calls."""
    lines = [
        "Your tool call was rejected because it does not match the declared tool schema:",
        *(f"- call {e.index} ({e.name or 'no name'}): {e.message}" for e in errors),
        "Reply again with corrected tool calls only: use a declared tool name and arguments "
        "that are a JSON object valid against that tool's parameters schema.",
    ]
    return "\n".join(lines)
