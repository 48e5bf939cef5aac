"""API keys.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("key_id", sa.String(32), primary_key=True),
        sa.Column("team", sa.String(100), nullable=False, index=True),
        sa.Column("scopes", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("default_channel", sa.String(50)),
        sa.Column("rate_limit_rpm", sa.Integer),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.Column("replaced_by", sa.String(32)),
    )


def downgrade() -> None:
    op.drop_table("api_keys")
