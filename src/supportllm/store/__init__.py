"""Storage: SQLAlchemy 2 models and sessions (SQLite by default, PostgreSQL by URL), migrations."""
