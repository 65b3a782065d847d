"""The event log is append-only: refused in code on both databases, and by each database itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy import delete, select, update

from bot.privacy import erase_complainant
from bot.procedure import SYSTEM_ACTOR
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database, alembic_config, upgrade
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


TRIGGERS_REVISION = "0018"


@pytest.fixture
def stored_before_0020(tmp_path) -> Iterator[tuple[Database, Settings]]:
    """A SQLite database at the revision before the triggers holding a complaint and its events,
    then upgraded to head: what an existing installation goes through."""
    url = f"sqlite:///{tmp_path / 'bestaand.sqlite3'}"
    database = Database(url)
    scripts = ScriptDirectory.from_config(alembic_config(database.engine))
    before = scripts.get_revision(TRIGGERS_REVISION).down_revision
    upgrade(database.engine, before)
    settings = Settings(_env_file=None, database_url=url, officer_user_ids=["UOFFICER"])
    service = ComplaintService(database, settings)
    service.submit(b.intake(complainant_email="zoe@example.nl"), SYSTEM_ACTOR)
    database.upgrade()
    yield database, settings
    database.dispose()


SQLITE_CHANGES = [
    "/*x*/ UPDATE complaint_events SET kind = 'closed'",
    "WITH x AS (SELECT 1) UPDATE complaint_events SET data = '{}'",
    "REPLACE INTO complaint_events SELECT * FROM complaint_events",
    "INSERT OR REPLACE INTO complaint_events SELECT * FROM complaint_events",
    "INSERT INTO complaint_events SELECT * FROM complaint_events WHERE true "
    "ON CONFLICT (id) DO UPDATE SET kind = 'closed'",
    "DELETE FROM complaint_events",
    "/**/delete from main.complaint_events",
]


@pytest.mark.parametrize("statement", SQLITE_CHANGES)
def test_sqlite_itself_refuses_every_change_to_a_stored_event(
    stored_before_0020: tuple[Database, Settings], statement: str
) -> None:
    database, _settings = stored_before_0020
    # A plain engine, without the application's guard: what the sqlite3 shell would do.
    plain = sa.create_engine(database.url)
    try:
        with plain.connect() as conn:
            before = conn.exec_driver_sql("SELECT id, kind, data FROM complaint_events").all()
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), plain.begin() as conn:
            conn.exec_driver_sql(statement)
        with plain.connect() as conn:
            after = conn.exec_driver_sql("SELECT id, kind, data FROM complaint_events").all()
        assert after == before and len(before) >= 1
    finally:
        plain.dispose()


def test_sqlite_erasure_still_rewrites_the_events_it_must(
    stored_before_0020: tuple[Database, Settings],
) -> None:
    """Anonymisation is the one exception, and only inside its own transaction."""
    database, settings = stored_before_0020
    service = ComplaintService(database, settings)
    now = service.now()
    assert [c.reference for c in erase_complainant(service, "zoe@example.nl", now=now).complaints]
    with database.engine.connect() as conn:
        data = conn.exec_driver_sql("SELECT data FROM complaint_events").scalars().all()
        assert "zoe@example.nl" not in repr(data)
        assert conn.exec_driver_sql("SELECT count(*) FROM event_log_permit").scalar() == 0
    plain = sa.create_engine(database.url)
    try:
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), plain.begin() as conn:
            conn.exec_driver_sql("UPDATE complaint_events SET data = '{}'")
    finally:
        plain.dispose()
