"""Alembic environment: the engine comes from storage.db (or DATABASE_URL via the settings)."""

from __future__ import annotations

from alembic import context

from storage.models import Base
from storage.search import include_name

config = context.config


def _engine():
    engine = config.attributes.get("engine")
    if engine is None:
        from bot.settings import load_settings
        from storage.db import make_engine

        engine = make_engine(load_settings().database_url)
    return engine


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
