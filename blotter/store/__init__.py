"""The article/event store: SQLAlchemy models, Alembic migrations, writes and exports."""
