"""LLM judge verdicts.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(100), sa.ForeignKey("replay_runs.id"), nullable=False),
        sa.Column("reply_id", sa.Integer, sa.ForeignKey("replies.id"), nullable=False),
        sa.Column("judge", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("tone", sa.Integer),
        sa.Column("accuracy", sa.Integer),
        sa.Column("would_send", sa.Boolean),
        sa.Column("reason", sa.Text),
        sa.Column("prompt", sa.Text, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("judged_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("run_id", "reply_id", "judge"),
    )
    op.create_index("ix_judgements_run_id", "judgements", ["run_id"])


def downgrade() -> None:
    op.drop_table("judgements")
