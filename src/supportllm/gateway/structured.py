"""Structured output: a client's OpenAI ``response_format`` in the dialect of the engine behind.

Clients (the LLM judge among them) ask in OpenAI's form::

    {"type": "json_schema", "json_schema": {"name": ..., "schema": {...}, "strict": true}}

vLLM and OpenAI take that as it is (vLLM turns it into guided decoding). llama-cpp-python's
server rejects the ``json_schema`` type: on its chat endpoint it takes
``{"type": "json_object", "schema": {...}}``, and its ``/v1/completions`` (base models, the
packaged demo model) takes only a GBNF ``grammar``, which llama.cpp's own converter writes from the
schema. llama.cpp's C++ ``llama-server`` takes OpenAI's form on chat and ``json_schema`` on
completions. Which server is behind is read once from its model list's ``owned_by``.

Only requests that carry a ``response_format`` come here; the hot path is untouched.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from supportllm.errors import InvalidRequestError

Dialect = Literal["openai", "llama-cpp-python", "llama-server"]

_OWNERS: dict[str, Dialect] = {"me": "llama-cpp-python", "llamacpp": "llama-server"}


def dialect_of(owned_by: str | None) -> Dialect:
    """The server's dialect from ``owned_by`` in its /v1/models; OpenAI's for anything else."""
    return _OWNERS.get((owned_by or "").strip().lower(), "openai")


def requested_schema(response_format: Any) -> dict[str, Any] | None:
    """The JSON schema a ``response_format`` asks for; None for plain text or JSON mode."""
    if not isinstance(response_format, dict):
        return None
    if response_format.get("type") == "json_schema":
        spec = response_format.get("json_schema")
        schema = spec.get("schema") if isinstance(spec, dict) else None
        return schema if isinstance(schema, dict) else None
    schema = response_format.get("schema")  # llama-cpp-python's own form, passed by a client
    return schema if isinstance(schema, dict) else None


def gbnf_grammar(schema: dict[str, Any]) -> str:
    """A GBNF grammar that only admits JSON valid for ``schema`` (llama.cpp's converter); a
    schema it cannot convert is the client's to change (400)."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    try:
        return str(json_schema_to_gbnf(json.dumps(schema)))
    except Exception as error:  # noqa: BLE001 - the converter raises AssertionError, KeyError, …
        raise InvalidRequestError(
            f"this engine (llama.cpp) cannot follow the response_format schema: "
            f"{type(error).__name__}: {str(error)[:200]}; simplify it (no $ref, anchored patterns)",
            param="response_format",
        ) from None


def translate(body: dict[str, Any], dialect: Dialect, completion_style: bool) -> None:
    """Rewrite ``body``'s ``response_format`` (in place) into what the engine accepts."""
    response_format = body.get("response_format")
    if response_format is None or dialect == "openai":
        return
    schema = requested_schema(response_format)
    kind = response_format.get("type") if isinstance(response_format, dict) else None
    if completion_style:
        # /v1/completions has no response_format on either llama.cpp server.
        body.pop("response_format")
        if schema is None and kind != "json_object":
            return
        if dialect == "llama-server":
            body["json_schema"] = schema if schema is not None else {}
        else:
            body["grammar"] = gbnf_grammar(schema if schema is not None else {"type": "object"})
        return
    if dialect == "llama-cpp-python" and kind == "json_schema":
        body["response_format"] = (
            {"type": "json_object", "schema": schema}
            if schema is not None
            else {"type": "json_object"}
        )
