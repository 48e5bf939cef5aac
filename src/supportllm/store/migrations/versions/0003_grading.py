"""Blind grading: sessions, graders, assignments, grades.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grading_sessions",
        sa.Column("run_id", sa.String(100), sa.ForeignKey("replay_runs.id"), primary_key=True),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("per_item", sa.Integer, nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "graders",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "run_id", sa.String(100), sa.ForeignKey("grading_sessions.run_id"), nullable=False
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("run_id", "name"),
    )
    op.create_index("ix_graders_run_id", "graders", ["run_id"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("grader_id", sa.Integer, sa.ForeignKey("graders.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("ticket_id", sa.Integer, sa.ForeignKey("tickets.id"), nullable=False),
        sa.Column("reply_a", sa.Integer, sa.ForeignKey("replies.id"), nullable=False),
        sa.Column("reply_b", sa.Integer, sa.ForeignKey("replies.id")),
        sa.UniqueConstraint("grader_id", "position"),
    )
    op.create_index("ix_assignments_grader_id", "assignments", ["grader_id"])
    op.create_table(
        "grades",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("grader_id", sa.Integer, sa.ForeignKey("graders.id"), nullable=False),
        sa.Column("reply_id", sa.Integer, sa.ForeignKey("replies.id"), nullable=False),
        sa.Column("tone", sa.Integer),
        sa.Column("accuracy", sa.Integer),
        sa.Column("would_send", sa.Boolean),
        sa.Column("skipped", sa.Boolean, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("graded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("grader_id", "reply_id"),
    )
    op.create_index("ix_grades_grader_id", "grades", ["grader_id"])
    op.create_index("ix_grades_reply_id", "grades", ["reply_id"])


def downgrade() -> None:
    op.drop_table("grades")
    op.drop_table("assignments")
    op.drop_table("graders")
    op.drop_table("grading_sessions")
