"""The tests' PostgreSQL: each test process works in a database of its own, never in the
server's shared one."""

from __future__ import annotations

import sqlalchemy as sa

from tests.support.databases import SERVER_URL, postgres_schema_url


def test_postgresql_tests_run_in_a_database_of_their_own() -> None:
    with postgres_schema_url() as url:
        database = sa.make_url(url).database
    assert database.startswith("klachtenbot_test_")
    assert database != sa.make_url(SERVER_URL).database
    engine = sa.create_engine(SERVER_URL)
    with engine.connect() as connection:
        names = connection.exec_driver_sql("SELECT datname FROM pg_database").scalars().all()
    engine.dispose()
    assert database in names
