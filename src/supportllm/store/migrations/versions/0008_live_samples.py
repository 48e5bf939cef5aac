"""Live samples: a deterministic share of live replies kept as a grading set (sampling/).

Revision ID: 0008
Revises: 0006 (0007 on merge)
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_samples",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.String(100), nullable=False, unique=True),
        sa.Column("ts", sa.Float, nullable=False),
        sa.Column("alias", sa.String(100), nullable=False),
        sa.Column("route", sa.String(16), nullable=False),
        sa.Column("upstream", sa.String(200)),
        sa.Column("arm", sa.String(32)),
        sa.Column("rollout_id", sa.Integer),
        sa.Column("fallback", sa.Boolean, nullable=False),
        sa.Column("channel", sa.String(50)),
        sa.Column("team", sa.String(100)),
        sa.Column("lang", sa.String(16)),
        sa.Column("messages", sa.Text),
        sa.Column("reply", sa.Text),
        sa.Column("redacted", sa.Boolean, nullable=False),
        sa.Column("passages", sa.Text, nullable=False),
        sa.Column("prompt_tokens", sa.Integer),
        sa.Column("completion_tokens", sa.Integer),
        sa.Column("ttft_ms", sa.Float),
        sa.Column("total_ms", sa.Float),
    )
    op.create_index("ix_live_samples_ts", "live_samples", ["ts"])


def downgrade() -> None:
    op.drop_table("live_samples")
