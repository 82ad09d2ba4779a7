"""Alembic environment: always run on a connection handed in by core.db (never a URL here)."""

from alembic import context

from meguro_jukyo.core import models  # noqa: F401 - registers every table
from sqlmodel import SQLModel

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
)
context.run_migrations()
