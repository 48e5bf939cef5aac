"""The Alembic migrations build exactly the schema the models describe (a column added to a
model without its migration would fail here, not in a customer's upgrade)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from supportllm.store.db import migrate, open_database
from supportllm.store.models import Base


def test_the_migrated_database_matches_the_models(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'schema.db'}")
    migrate(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
