"""A sentinel API key row that can never verify: every key check reads exactly one row, whether
the key id exists or not, so the response time does not reveal which ids exist.

Revision ID: 0005
Revises: 0004
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SENTINEL_KEY_ID = "000000000000"


def upgrade() -> None:
    keys = sa.table(
        "api_keys",
        sa.column("key_id", sa.String),
        sa.column("team", sa.String),
        sa.column("scopes", sa.String),
        sa.column("name", sa.String),
        sa.column("salt", sa.String),
        sa.column("secret_hash", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("revoked_at", sa.DateTime(timezone=True)),
    )
    now = datetime.now(UTC)
    op.bulk_insert(
        keys,
        [
            {
                "key_id": SENTINEL_KEY_ID,
                "team": "(timing sentinel)",
                "scopes": "",
                "name": "never verifies; keeps key checks constant-time",
                "salt": "00" * 16,
                "secret_hash": "-" * 64,  # not hex: no SHA-256 digest can equal it
                "created_at": now,
                "revoked_at": now,
            }
        ],
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM api_keys WHERE key_id = :id").bindparams(id=SENTINEL_KEY_ID))
