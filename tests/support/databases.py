"""Test databases: a SQLite file per test, and a private schema on the local PostgreSQL, inside
a database each test process creates for itself and drops when it ends (so a run never writes
into a shared database, and two runs on one server never meet).

KLACHTENBOT_TEST_POSTGRES names the server and a user that may create databases; its database
part is only where a process connects to create its own. In CI (CI=true) an unreachable
PostgreSQL fails the run; on a laptop without it the PostgreSQL variants skip with the reason.
"""

from __future__ import annotations

import atexit
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

SERVER_URL = os.environ.get(
    "KLACHTENBOT_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
_RUN_DATABASE: list[str] = []  # this process's database URL, once made


def postgres_unavailable_reason() -> str | None:
    engine = sa.create_engine(SERVER_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return None
    except sa.exc.OperationalError as exc:
        return f"PostgreSQL at {SERVER_URL} unreachable: {str(exc.orig).splitlines()[0]}"
    finally:
        engine.dispose()


def run_database_url() -> str:
    """This process's own database on the test server, created on first use and dropped when
    the process ends."""
    if not _RUN_DATABASE:
        name = f"klachtenbot_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
        atexit.register(drop_run_database)
        _RUN_DATABASE.append(
            sa.make_url(SERVER_URL).set(database=name).render_as_string(hide_password=False)
        )
    return _RUN_DATABASE[0]


def drop_run_database() -> None:
    """Drop this process's test database (at the end of the session; atexit as a fallback)."""
    if not _RUN_DATABASE:
        return
    name = sa.make_url(_RUN_DATABASE.pop()).database
    admin = sa.create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except sa.exc.OperationalError:
        pass  # the server went away first: nothing left to clean here
    finally:
        admin.dispose()


def __getattr__(name: str) -> str:
    # `POSTGRES_URL`: the URL of this process's own test database (made when first asked for).
    if name == "POSTGRES_URL":
        return run_database_url()
    raise AttributeError(name)


def require_postgres() -> None:
    reason = postgres_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@contextmanager
def postgres_schema_url() -> Iterator[str]:
    """A URL whose connections live in a fresh schema, dropped afterwards."""
    require_postgres()
    database = run_database_url()
    schema = f"kb_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(database, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{database}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@contextmanager
def database_url(kind: str, tmp_path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'klachtenbot.sqlite3'}"
    else:
        with postgres_schema_url() as url:
            yield url
