"""Database tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ApiKey(Base):
    """An API key. Only a salted SHA-256 of its secret part is stored, never the key."""

    __tablename__ = "api_keys"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    team: Mapped[str] = mapped_column(String(100), index=True)
    scopes: Mapped[str] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(200), default=None)
    default_channel: Mapped[str | None] = mapped_column(String(50), default=None)
    # guard.injection's mode for this key's requests (block | flag | off); None: the channel's
    injection_mode: Mapped[str | None] = mapped_column(String(10), default=None)
    rate_limit_rpm: Mapped[int | None] = mapped_column(Integer, default=None)
    salt: Mapped[str] = mapped_column(String(64))
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    replaced_by: Mapped[str | None] = mapped_column(String(32), default=None)


class TicketRow(Base):
    """An imported ticket. Its text (which may hold PII) lives only in this database."""

    __tablename__ = "tickets"
    __table_args__ = (UniqueConstraint("ticket_set", "ext_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_set: Mapped[str] = mapped_column(String(100), index=True)
    ext_id: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(Text, default=None)
    body: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(16), default=None)
    channel: Mapped[str | None] = mapped_column(String(50), default=None)
    reference_reply: Mapped[str | None] = mapped_column(Text, default=None)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReplayRun(Base):
    """One replay: which tickets, which candidates, with what settings."""

    __tablename__ = "replay_runs"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    ticket_set: Mapped[str] = mapped_column(String(100))
    config: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReplyRow(Base):
    """One candidate's reply to one ticket (or why there is none)."""

    __tablename__ = "replies"
    __table_args__ = (UniqueConstraint("run_id", "ticket_id", "candidate"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("replay_runs.id"), index=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    candidate: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16))  # done | failed
    text: Mapped[str | None] = mapped_column(Text, default=None)
    sources: Mapped[str | None] = mapped_column(Text, default=None)  # JSON list
    prompt_tokens: Mapped[int | None] = mapped_column(Integer, default=None)
    completion_tokens: Mapped[int | None] = mapped_column(Integer, default=None)
    latency_ms: Mapped[float | None] = mapped_column(Float, default=None)
    error: Mapped[str | None] = mapped_column(Text, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class GradingSession(Base):
    """Blind grading of one replay run: single replies or pairs, N graders per item."""

    __tablename__ = "grading_sessions"

    run_id: Mapped[str] = mapped_column(ForeignKey("replay_runs.id"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16))  # single | pair
    per_item: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class Grader(Base):
    """A grader of one session; only a SHA-256 of the link's token is stored."""

    __tablename__ = "graders"
    __table_args__ = (UniqueConstraint("run_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("grading_sessions.run_id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    seed: Mapped[int] = mapped_column(Integer)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class Assignment(Base):
    """Item ``position`` of a grader's list: one reply, or two replies to the same ticket."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("grader_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    grader_id: Mapped[int] = mapped_column(ForeignKey("graders.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"))
    reply_a: Mapped[int] = mapped_column(ForeignKey("replies.id"))
    reply_b: Mapped[int | None] = mapped_column(ForeignKey("replies.id"), default=None)


class Grade(Base):
    """One grader's scores for one reply (a resubmission replaces them)."""

    __tablename__ = "grades"
    __table_args__ = (UniqueConstraint("grader_id", "reply_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    grader_id: Mapped[int] = mapped_column(ForeignKey("graders.id"), index=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id"), index=True)
    tone: Mapped[int | None] = mapped_column(Integer, default=None)
    accuracy: Mapped[int | None] = mapped_column(Integer, default=None)
    would_send: Mapped[bool | None] = mapped_column(Boolean, default=None)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str | None] = mapped_column(Text, default=None)
    graded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Judgement(Base):
    """An LLM judge's scores for one reply, with the prompt and every raw answer it gave."""

    __tablename__ = "judgements"
    __table_args__ = (UniqueConstraint("run_id", "reply_id", "judge"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("replay_runs.id"), index=True)
    reply_id: Mapped[int] = mapped_column(ForeignKey("replies.id"))
    judge: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16))  # scored | unparsable | failed
    tone: Mapped[int | None] = mapped_column(Integer, default=None)
    accuracy: Mapped[int | None] = mapped_column(Integer, default=None)
    would_send: Mapped[bool | None] = mapped_column(Boolean, default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    prompt: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)  # JSON list of the answers, one per attempt
    attempts: Mapped[int] = mapped_column(Integer)
    judged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditRecord(Base):
    """One link of the audit chain (audit/): ``body`` is the record's canonical JSON (it holds
    ``seq`` and every field), ``hash`` = SHA-256(previous hash ‖ body). The other columns copy
    fields of the body for searching; ``audit verify`` checks they agree with it."""

    __tablename__ = "audit_records"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[float] = mapped_column(Float, index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    request_id: Mapped[str | None] = mapped_column(String(100), index=True, default=None)
    team: Mapped[str | None] = mapped_column(String(100), index=True, default=None)
    status: Mapped[int | None] = mapped_column(Integer, default=None)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String(128), default=None)  # checkpoints


class AuditContent(Base):
    """A request's prompt and reply, outside the chain so retention can delete it; the chained
    record holds its SHA-256 (``content_sha256``)."""

    __tablename__ = "audit_content"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[float] = mapped_column(Float, index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class AuditHead(Base):
    """The chain's newest link, one row: appending locks it, so every writer (the gateway, a
    CLI command) extends the same chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class RolloutRow(Base):
    """A canary roll-out of a model alias (rollout/): the incumbent upstream keeps serving
    while the canary's share of conversations grows step by step, gated on errors, latency and
    judged answer quality. ``running_alias`` equals ``alias`` while it runs and is NULL
    otherwise: its unique index allows one running roll-out per alias, whichever process asks."""

    __tablename__ = "rollouts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alias: Mapped[str] = mapped_column(String(100), index=True)
    running_alias: Mapped[str | None] = mapped_column(String(100), unique=True, default=None)
    incumbent: Mapped[str] = mapped_column(String(200))
    canary: Mapped[str] = mapped_column(String(200))
    steps: Mapped[str] = mapped_column(String(200))  # JSON list of shares in %
    interval_s: Mapped[float] = mapped_column(Float)
    step_index: Mapped[int] = mapped_column(Integer)
    share: Mapped[float] = mapped_column(Float)  # % of conversations on the canary
    status: Mapped[str] = mapped_column(String(16))  # running|promoted|rolled_back|aborted
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    quality: Mapped[str | None] = mapped_column(String(16), default=None)  # pass|fail (latched)
    created_at: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[float] = mapped_column(Float)
    step_started_at: Mapped[float] = mapped_column(Float)


class RolloutStepRow(Base):
    """One step of a roll-out: its share and both arms' counters (requests, errors, a TTFT
    histogram as JSON {bucket: count}), the pairwise judgements made during it and the judge's
    spend."""

    __tablename__ = "rollout_steps"
    __table_args__ = (UniqueConstraint("rollout_id", "step_index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rollout_id: Mapped[int] = mapped_column(ForeignKey("rollouts.id"), index=True)
    step_index: Mapped[int] = mapped_column(Integer)
    share: Mapped[float] = mapped_column(Float)
    started_at: Mapped[float] = mapped_column(Float)
    ended_at: Mapped[float | None] = mapped_column(Float, default=None)
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    incumbent_requests: Mapped[int] = mapped_column(Integer, default=0)
    incumbent_errors: Mapped[int] = mapped_column(Integer, default=0)
    incumbent_ttft: Mapped[str] = mapped_column(Text, default="{}")
    canary_requests: Mapped[int] = mapped_column(Integer, default=0)
    canary_errors: Mapped[int] = mapped_column(Integer, default=0)
    canary_ttft: Mapped[str] = mapped_column(Text, default="{}")
    canary_wins: Mapped[int] = mapped_column(Integer, default=0)
    incumbent_wins: Mapped[int] = mapped_column(Integer, default=0)
    ties: Mapped[int] = mapped_column(Integer, default=0)
    unjudged: Mapped[int] = mapped_column(Integer, default=0)
    shadows: Mapped[int] = mapped_column(Integer, default=0)
    judge_tokens: Mapped[int] = mapped_column(Integer, default=0)


class RolloutJudgeDay(Base):
    """The judge's spend for one roll-out on one UTC day (the daily budget survives restarts)."""

    __tablename__ = "rollout_judge_days"
    __table_args__ = (UniqueConstraint("rollout_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rollout_id: Mapped[int] = mapped_column(ForeignKey("rollouts.id"), index=True)
    day: Mapped[str] = mapped_column(String(10))  # YYYY-MM-DD, UTC
    tokens: Mapped[int] = mapped_column(Integer, default=0)


class RolloutEventRow(Base):
    """Every change of a roll-out and every gate decision, with its reason (the audit trail
    gets the same events)."""

    __tablename__ = "rollout_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rollout_id: Mapped[int] = mapped_column(ForeignKey("rollouts.id"), index=True)
    ts: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(20))  # controller | operator
    step_index: Mapped[int] = mapped_column(Integer)
    share: Mapped[float] = mapped_column(Float)
    message: Mapped[str] = mapped_column(Text)
    gates: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of gate results


class LiveSample(Base):
    """One sampled live request (sampling/): what was asked and answered, PII redacted when
    ``redacted``, with the metadata grading and routing calibration group by."""

    __tablename__ = "live_samples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[str] = mapped_column(String(100), unique=True)
    ts: Mapped[float] = mapped_column(Float, index=True)
    alias: Mapped[str] = mapped_column(String(100))
    route: Mapped[str] = mapped_column(String(16))
    upstream: Mapped[str | None] = mapped_column(String(200), default=None)
    arm: Mapped[str | None] = mapped_column(String(32), default=None)
    rollout_id: Mapped[int | None] = mapped_column(Integer, default=None)
    fallback: Mapped[bool] = mapped_column(Boolean, default=False)
    channel: Mapped[str | None] = mapped_column(String(50), default=None)
    team: Mapped[str | None] = mapped_column(String(100), default=None)
    lang: Mapped[str | None] = mapped_column(String(16), default=None)
    messages: Mapped[str | None] = mapped_column(Text, default=None)  # JSON: customer turns
    reply: Mapped[str | None] = mapped_column(Text, default=None)
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
    passages: Mapped[str] = mapped_column(Text, default="[]")  # JSON: id, title, url
    prompt_tokens: Mapped[int | None] = mapped_column(Integer, default=None)
    completion_tokens: Mapped[int | None] = mapped_column(Integer, default=None)
    ttft_ms: Mapped[float | None] = mapped_column(Float, default=None)
    total_ms: Mapped[float | None] = mapped_column(Float, default=None)
