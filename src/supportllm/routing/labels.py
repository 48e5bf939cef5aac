"""What calibration learns from: a replay run's tickets with, per candidate, whether its reply
would be sent (people's grades first, else the LLM judge's), the retrieval score the reply saw
and the tokens it cost. Read from the project's database, where `replay` and `grade` store them."""

from __future__ import annotations

import json
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from supportllm.errors import InvalidInputError
from supportllm.routing.features import TicketFeatures, ticket_features

LabelSource = Literal["auto", "human", "judge"]


@dataclass(frozen=True)
class LabelledTicket:
    ticket_id: int
    features: TicketFeatures
    self_send: bool
    api_send: bool
    source: str  # "human" or "judge": where the self-hosted candidate's label comes from
    api_tokens: tuple[int, int] | None  # the API reply's prompt and completion tokens


@dataclass(frozen=True)
class RunLabels:
    run_id: str
    self_candidate: str
    api_candidate: str
    tickets: list[LabelledTicket]
    replayed: int  # tickets in the run
    self_labelled: int  # of them with a label for the self-hosted candidate
    api_labelled: int
    scores_recorded: bool  # the replies carry retrieval scores (runs since issue 17)


def read_manifest(folder: Path) -> dict[str, Any]:
    manifest = folder / "replay.json"
    if not folder.is_dir():
        raise InvalidInputError(f"replay run folder {folder} does not exist")
    if not manifest.is_file():
        raise InvalidInputError(
            f"{folder} is not a replay run (no replay.json): run `supportllm replay --out "
            f"{folder}` first"
        )
    try:
        data = json.loads(manifest.read_text())
        str(data["run_id"])
    except (ValueError, KeyError, TypeError):
        raise InvalidInputError(f"{manifest} cannot be read as a replay run") from None
    return dict(data)


def _external(candidate: dict[str, Any]) -> bool:
    host = urllib.parse.urlsplit(str(candidate.get("url") or "")).hostname or ""
    local = host in ("localhost", "::1") or host.startswith(("127.", "10.", "192.168."))
    return bool(candidate.get("model")) and not local and "." in host


def choose_candidates(
    manifest: dict[str, Any], self_name: str | None, api_name: str | None
) -> tuple[str, str]:
    """(self-hosted, API): as named, or — with exactly two candidates — the other one, or the
    one whose URL is an external API's (https host with a model name)."""
    listed = [c for c in manifest.get("candidates", []) if isinstance(c, dict) and "name" in c]
    names = [str(c["name"]) for c in listed]
    shown = ", ".join(names) or "none"
    for name, option in ((self_name, "--self"), (api_name, "--api")):
        if name is not None and name not in names:
            raise InvalidInputError(f"{option} {name}: the run's candidates are {shown}")
    if self_name and api_name:
        if self_name == api_name:
            raise InvalidInputError("--self and --api name the same candidate")
        return self_name, api_name
    if len(names) != 2:
        raise InvalidInputError(
            f"the run has {len(names)} candidates ({shown}): say which is which with "
            "--self NAME --api NAME"
        )
    if self_name or api_name:
        given = self_name or api_name
        other = names[1] if names[0] == given else names[0]
        return (given, other) if self_name else (other, given)  # type: ignore[return-value]
    external = [str(c["name"]) for c in listed if _external(c)]
    if len(external) != 1:
        raise InvalidInputError(
            f"cannot tell which of {shown} is the self-hosted model: give --self NAME --api NAME"
        )
    api = external[0]
    return (names[1] if names[0] == api else names[0]), api


def _majority(votes: list[bool]) -> bool:
    """Would send when more than half say so (a tie is a no: the cautious reading)."""
    return sum(votes) * 2 > len(votes)


def collect_labels(
    engine: Any, run_id: str, prefer: LabelSource
) -> dict[tuple[int, str], tuple[bool, str]]:
    """(ticket id, candidate) -> (would send, "human" | "judge")."""
    from supportllm.evals.grading import GradingStore
    from supportllm.evals.judge import JudgeStore
    from supportllm.evals.replay import ReplayStore

    human: dict[tuple[int, str], list[bool]] = defaultdict(list)
    if prefer in ("auto", "human"):
        for grade in GradingStore(engine).grades(run_id):
            if not grade["skipped"] and grade["would_send"] is not None:
                human[(grade["ticket_id"], grade["candidate"])].append(bool(grade["would_send"]))
    judged: dict[tuple[int, str], list[bool]] = defaultdict(list)
    if prefer in ("auto", "judge"):
        ticket_of = {r["id"]: r["ticket_id"] for r in ReplayStore(engine).replies(run_id)}
        for row in JudgeStore(engine).judgements(run_id):
            if row["status"] == "scored" and row["reply_id"] in ticket_of:
                key = (ticket_of[row["reply_id"]], row["candidate"])
                judged[key].append(bool(row["would_send"]))
    labels = {key: (_majority(votes), "judge") for key, votes in judged.items()}
    labels.update({key: (_majority(votes), "human") for key, votes in human.items()})
    return labels


def _top_score(sources: list[dict[str, Any]]) -> float | None:
    scores = [float(s["score"]) for s in sources if isinstance(s.get("score"), int | float)]
    return max(scores) if scores else None


def run_labels(
    folder: Path,
    database_url: str,
    self_name: str | None = None,
    api_name: str | None = None,
    prefer: LabelSource = "auto",
) -> RunLabels:
    """The run's tickets with both candidates' labels, and their features as the gateway would
    compute them (the customer's text as one user message, the ticket's language, the best
    passage score the self-hosted candidate's reply saw)."""
    from supportllm.evals.replay import ReplayStore
    from supportllm.evals.tickets_db import TicketStore
    from supportllm.store.db import migrate, open_database

    manifest = read_manifest(folder)
    run_id = str(manifest["run_id"])
    self_c, api_c = choose_candidates(manifest, self_name, api_name)
    engine = open_database(database_url)
    migrate(engine)
    replies = [r for r in ReplayStore(engine).replies(run_id) if r["status"] == "done"]
    if not replies:
        raise InvalidInputError(
            f"replay run '{run_id}' has no finished replies in this database: is it the one "
            "the replay wrote to (database_url, data_dir)?"
        )
    tickets = {
        item.id: item.ticket for item in TicketStore(engine).tickets(str(manifest["ticket_set"]))
    }
    by_key = {(r["ticket_id"], r["candidate"]): r for r in replies}
    sources = {key: json.loads(r["sources"] or "[]") for key, r in by_key.items()}
    recorded = any(_top_score(s) is not None for s in sources.values())
    labels = collect_labels(engine, run_id, prefer)
    replayed = {ticket for ticket, _ in by_key}
    out: list[LabelledTicket] = []
    for ticket_id in sorted(replayed):
        mine, theirs = labels.get((ticket_id, self_c)), labels.get((ticket_id, api_c))
        ticket = tickets.get(ticket_id)
        if mine is None or theirs is None or ticket is None:
            continue
        seen = sources.get((ticket_id, self_c)) or sources.get((ticket_id, api_c)) or []
        top = _top_score(seen)
        if top is None and recorded:
            top = 0.0  # retrieval ran for this run and found nothing for this ticket
        messages = [{"role": "user", "content": ticket.text}]
        api_reply = by_key.get((ticket_id, api_c))
        tokens = None
        if api_reply and api_reply["prompt_tokens"] and api_reply["completion_tokens"]:
            tokens = (int(api_reply["prompt_tokens"]), int(api_reply["completion_tokens"]))
        features = ticket_features(messages, top_score=top, lang=ticket.lang)
        out.append(LabelledTicket(ticket_id, features, mine[0], theirs[0], mine[1], tokens))
    return RunLabels(
        run_id, self_c, api_c, out, len(replayed),
        sum(1 for t in replayed if (t, self_c) in labels),
        sum(1 for t in replayed if (t, api_c) in labels), recorded,
    )  # fmt: skip
