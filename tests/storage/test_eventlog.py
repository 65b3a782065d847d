"""The event log is append-only: refused in code on both databases, and by PostgreSQL itself."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import delete, select, update

from bot.procedure import SYSTEM_ACTOR
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database
from storage.eventlog import AppendOnlyViolation, rewriting_events
from storage.models import EventRow
from tests.procedure import builders as b
from tests.support.databases import database_url


@pytest.fixture
def stored(db: Database, settings: Settings) -> int:
    """One complaint with its `received` event; the event's id."""
    ComplaintService(db, settings).submit(b.intake(), SYSTEM_ACTOR)
    with db.session() as session:
        return session.scalars(select(EventRow.id)).one()


def event_data(db: Database, event_id: int) -> dict:
    with db.engine.connect() as connection:
        table = EventRow.__table__
        return connection.execute(select(table.c.data).where(table.c.id == event_id)).scalar_one()


CHANGES = {
    "orm update": lambda s, i: setattr(s.get(EventRow, i), "kind", "closed") or s.flush(),
    "orm delete": lambda s, i: s.delete(s.get(EventRow, i)) or s.flush(),
    "bulk update": lambda s, i: s.execute(update(EventRow).values(data={})),
    "bulk delete": lambda s, i: s.execute(delete(EventRow).where(EventRow.id == i)),
    "raw sql": lambda s, i: s.execute(sa.text("update complaint_events set data = '{}'")),
    "raw delete": lambda s, i: s.execute(sa.text("DELETE FROM complaint_events")),
}


@pytest.mark.parametrize("change", CHANGES)
def test_no_code_path_changes_a_stored_event(db: Database, stored: int, change: str) -> None:
    before = event_data(db, stored)

    with pytest.raises(AppendOnlyViolation), db.session() as session:
        CHANGES[change](session, stored)

    assert event_data(db, stored) == before
    with db.session() as session:
        assert session.scalar(select(sa.func.count()).select_from(EventRow)) == 1


def test_anonymisation_may_rewrite_but_only_inside_its_block(db: Database, stored: int) -> None:
    with db.session() as session:
        with rewriting_events(session):
            session.execute(update(EventRow).where(EventRow.id == stored).values(data={"x": 1}))
        with pytest.raises(AppendOnlyViolation):
            session.execute(update(EventRow).values(data={}))
    assert event_data(db, stored) == {"x": 1}


@pytest.fixture
def postgres_db(tmp_path) -> Database:
    with database_url("postgresql", tmp_path) as url:
        database = Database(url)
        database.upgrade()
        yield database
        database.dispose()


def test_postgresql_itself_refuses_update_delete_and_truncate(postgres_db: Database) -> None:
    settings = Settings(_env_file=None, database_url=postgres_db.url)
    ComplaintService(postgres_db, settings).submit(b.intake(), SYSTEM_ACTOR)
    # A plain engine, without the application's guard: what any other client would do.
    plain = sa.create_engine(postgres_db.url)
    try:
        for statement in (
            "UPDATE complaint_events SET kind = 'closed'",
            "DELETE FROM complaint_events",
            "TRUNCATE complaint_events CASCADE",
        ):
            with pytest.raises(sa.exc.DBAPIError, match="append-only"), plain.begin() as conn:
                conn.exec_driver_sql(statement)
        declare = "SELECT set_config('klachtenbot.anonymising', 'on', true)"
        with plain.begin() as conn:
            # The explicit exception: an UPDATE in a transaction that declares anonymisation.
            conn.exec_driver_sql(declare)
            conn.exec_driver_sql("""UPDATE complaint_events SET data = '{"x": 1}'""")
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), plain.begin() as conn:
            conn.exec_driver_sql(declare)
            conn.exec_driver_sql("DELETE FROM complaint_events")
        # The declaration ended with its transaction.
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), plain.begin() as conn:
            conn.exec_driver_sql("UPDATE complaint_events SET data = '{}'")
        with plain.connect() as conn:
            assert conn.exec_driver_sql("SELECT data FROM complaint_events").all() == [({"x": 1},)]
    finally:
        plain.dispose()
