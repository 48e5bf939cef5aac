"""Canary roll-outs (rollout/): the roll-outs, their steps' counters and judgements, the
judge's daily spend, and every event.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _count(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, nullable=False, server_default="0")


def upgrade() -> None:
    op.create_table(
        "rollouts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("alias", sa.String(100), nullable=False),
        sa.Column("running_alias", sa.String(100), unique=True),
        sa.Column("incumbent", sa.String(200), nullable=False),
        sa.Column("canary", sa.String(200), nullable=False),
        sa.Column("steps", sa.String(200), nullable=False),
        sa.Column("interval_s", sa.Float, nullable=False),
        sa.Column("step_index", sa.Integer, nullable=False),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("quality", sa.String(16)),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("step_started_at", sa.Float, nullable=False),
    )
    op.create_index("ix_rollouts_alias", "rollouts", ["alias"])
    op.create_table(
        "rollout_steps",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rollout_id", sa.Integer, sa.ForeignKey("rollouts.id"), nullable=False),
        sa.Column("step_index", sa.Integer, nullable=False),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("started_at", sa.Float, nullable=False),
        sa.Column("ended_at", sa.Float),
        sa.Column("outcome", sa.String(16)),
        _count("incumbent_requests"),
        _count("incumbent_errors"),
        sa.Column("incumbent_ttft", sa.Text, nullable=False, server_default="{}"),
        _count("canary_requests"),
        _count("canary_errors"),
        sa.Column("canary_ttft", sa.Text, nullable=False, server_default="{}"),
        _count("canary_wins"),
        _count("incumbent_wins"),
        _count("ties"),
        _count("unjudged"),
        _count("shadows"),
        _count("judge_tokens"),
        sa.UniqueConstraint("rollout_id", "step_index"),
    )
    op.create_index("ix_rollout_steps_rollout_id", "rollout_steps", ["rollout_id"])
    op.create_table(
        "rollout_judge_days",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rollout_id", sa.Integer, sa.ForeignKey("rollouts.id"), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("tokens", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("rollout_id", "day"),
    )
    op.create_index("ix_rollout_judge_days_rollout_id", "rollout_judge_days", ["rollout_id"])
    op.create_table(
        "rollout_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rollout_id", sa.Integer, sa.ForeignKey("rollouts.id"), nullable=False),
        sa.Column("ts", sa.Float, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(20), nullable=False),
        sa.Column("step_index", sa.Integer, nullable=False),
        sa.Column("share", sa.Float, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("gates", sa.Text, nullable=False, server_default="[]"),
    )
    op.create_index("ix_rollout_events_rollout_id", "rollout_events", ["rollout_id"])


def downgrade() -> None:
    op.drop_table("rollout_events")
    op.drop_table("rollout_judge_days")
    op.drop_table("rollout_steps")
    op.drop_table("rollouts")
