"""Tickets, replay runs and their replies.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ticket_set", sa.String(100), nullable=False, index=True),
        sa.Column("ext_id", sa.String(200), nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("lang", sa.String(16)),
        sa.Column("channel", sa.String(50)),
        sa.Column("reference_reply", sa.Text),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("ticket_set", "ext_id"),
    )
    op.create_table(
        "replay_runs",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("ticket_set", sa.String(100), nullable=False),
        sa.Column("config", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "replies",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(100), sa.ForeignKey("replay_runs.id"), nullable=False),
        sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id"), nullable=False),
        sa.Column("candidate", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("sources", sa.Text),
        sa.Column("prompt_tokens", sa.Integer),
        sa.Column("completion_tokens", sa.Integer),
        sa.Column("latency_ms", sa.Float),
        sa.Column("error", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("run_id", "ticket_id", "candidate"),
    )
    op.create_index("ix_replies_run_id", "replies", ["run_id"])


def downgrade() -> None:
    op.drop_table("replies")
    op.drop_table("replay_runs")
    op.drop_table("tickets")
