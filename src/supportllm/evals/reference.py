"""Reference similarity: how close, in meaning, each candidate's reply is to the reply the agent
actually sent (a ticket's ``reference_reply``).

A third quality signal beside blind human grades and the LLM judge, labelled as what it is: the
cosine similarity of the two replies' sentence embeddings (the knowledge base's embedder), per
ticket, averaged per candidate. It needs no grader and no judge model, so a trial always has it
when its tickets carry the agent's replies. It rewards saying what the agent said, not saying it
well: a correct reply in other words scores lower than a copy, and an embedder that does not cover
a language scores replies in it less reliably (hence the per-language figures).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, TypedDict, cast

import numpy as np
from sqlalchemy import Engine, Table, select

from supportllm.store.models import ReplyRow, TicketRow

if TYPE_CHECKING:
    from supportllm.retrieval.embed import Embedder

_REPLIES = cast(Table, ReplyRow.__table__)
_TICKETS = cast(Table, TicketRow.__table__)


class SimilarityFigure(TypedDict):
    mean: float
    n: int


class CandidateSimilarity(TypedDict):
    overall: SimilarityFigure
    by_lang: dict[str, SimilarityFigure]
    embedder: str


def _figure(values: list[float]) -> SimilarityFigure:
    return {"mean": round(float(np.mean(values)), 4), "n": len(values)}


def reference_pairs(engine: Engine, run_id: str) -> list[tuple[str, str, str, str]]:
    """(candidate, lang, reply, reference) for each finished reply whose ticket has one."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                _REPLIES.c.candidate, _TICKETS.c.lang, _REPLIES.c.text, _TICKETS.c.reference_reply
            )
            .join(_TICKETS, _TICKETS.c.id == _REPLIES.c.ticket_id)
            .where(
                _REPLIES.c.run_id == run_id,
                _REPLIES.c.status == "done",
                _TICKETS.c.reference_reply.is_not(None),
            )
            .order_by(_REPLIES.c.id)
        ).all()
    return [
        (str(r.candidate), str(r.lang or "?"), str(r.text or ""), str(r.reference_reply))
        for r in rows
        if (r.reference_reply or "").strip()
    ]


def reference_similarity(
    pairs: list[tuple[str, str, str, str]], embedder: Embedder
) -> dict[str, CandidateSimilarity]:
    """Per candidate: mean cosine similarity of reply and reference, overall and per language.
    An empty reply scores 0 (it says nothing the agent said)."""
    if not pairs:
        return {}
    replies = embedder.embed_documents([reply or " " for _c, _l, reply, _r in pairs])
    references = embedder.embed_documents([reference for _c, _l, _reply, reference in pairs])
    cosines = np.sum(replies * references, axis=1)  # both unit length
    overall: dict[str, list[float]] = defaultdict(list)
    by_lang: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (candidate, lang, reply, _ref), cosine in zip(pairs, cosines, strict=True):
        value = float(max(0.0, cosine)) if reply.strip() else 0.0
        overall[candidate].append(value)
        by_lang[candidate][lang].append(value)
    return {
        candidate: {
            "overall": _figure(values),
            "by_lang": {lang: _figure(v) for lang, v in sorted(by_lang[candidate].items())},
            "embedder": embedder.name,
        }
        for candidate, values in sorted(overall.items())
    }
