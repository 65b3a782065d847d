"""storage.db: an unreachable database is reported as DatabaseUnavailable in one line, and a
session commits or rolls back as a whole."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from bot.procedure import SYSTEM_ACTOR, steps
from bot.service import ComplaintService
from bot.settings import Settings
from storage.complaints import ComplaintStore
from storage.db import Database, DatabaseUnavailable, migration_engine
from tests.procedure import builders as b
from tests.procedure.builders import OFFICER
from tests.support.ports import free_port


@pytest.fixture(
    params=[
        pytest.param("postgresql", id="postgresql"),
        pytest.param("sqlite", id="sqlite"),
    ]
)
def unreachable(request: pytest.FixtureRequest, tmp_path) -> str:
    if request.param == "postgresql":
        return f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/test?connect_timeout=3"
    return f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'db.sqlite3'}"


def test_an_unreachable_database_is_unavailable(unreachable: str) -> None:
    database = Database(unreachable)
    with pytest.raises(DatabaseUnavailable) as error, database.session() as session:
        session.execute(sa.text("SELECT 1"))
    assert "\n" not in str(error.value) and str(error.value)
    with pytest.raises(DatabaseUnavailable):
        database.upgrade()
    with pytest.raises(DatabaseUnavailable), database.reads():
        pass
    database.dispose()


def test_prepared_reads_leave_no_transaction_behind(db: Database, settings: Settings) -> None:
    """The driver's connection goes back to the pool with its transaction ended: the next
    click's read sees what was written after the previous one (no stale snapshot)."""
    service = ComplaintService(db, settings)
    first = service.submit(b.intake(), SYSTEM_ACTOR).reference
    for _ in range(3):  # the pool hands the same connection back
        with db.reads() as reads:
            assert ComplaintStore(reads, settings.tz).get(first, with_events=False).version == 1
    later = service.submit(b.intake(), SYSTEM_ACTOR).reference
    service.change(first, steps.register, OFFICER, b.registration())

    assert service.get(later, with_events=False).reference == later
    assert service.get(first, with_events=False).version == 2


def test_a_session_commits_on_success_and_rolls_back_on_error(
    db: Database, settings: Settings
) -> None:
    with pytest.raises(KeyError), db.session() as session:
        ComplaintStore(session, settings.tz).add(b.received())
        raise KeyError("boom")
    assert ComplaintService(db, settings).list() == []

    with db.session() as session:
        ComplaintStore(session, settings.tz).add(b.received())
    assert len(ComplaintService(db, settings).list()) == 1


def test_sqlite_is_tuned_for_several_processes(tmp_path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'tuned.sqlite3'}")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    database.dispose()


def test_reading_waits_for_no_writer_and_refuses_to_write(db: Database, settings: Settings) -> None:
    """A list or a search while another process writes (on SQLite: holds the write lock)."""
    service = ComplaintService(db, settings)
    with db.session() as session:
        ComplaintStore(session, settings.tz).add(b.received())
    committed = [c.subject for c in service.list()]
    with db.session() as writer:
        writer.execute(sa.text("UPDATE complaints SET subject = 'bezig'"))  # holds its lock
        started = time.monotonic()
        assert [c.subject for c in service.list()] == committed != ["bezig"]
        assert time.monotonic() - started < 5  # not the 30 s a write lock would have waited

    with pytest.raises(RuntimeError, match="cannot write"), db.reading() as session:
        ComplaintStore(session, settings.tz).add(b.received())
        session.flush()
    assert len(service.list()) == 1


def test_events_need_their_complaint(db: Database, settings: Settings) -> None:
    stored = ComplaintService(db, settings).submit(b.intake(), SYSTEM_ACTOR)
    with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO complaint_events (complaint_id, at, kind, actor_id, actor_role,"
                " actor_name, data) VALUES (:id, :at, 'note_added', 'x', 'officer', '', '{}')"
            ),
            {"id": stored.id + 1000, "at": b.RECEIVED_AT},
        )


def test_has_schema_only_after_upgrade(tmp_path) -> None:
    path = tmp_path / "fresh.sqlite3"
    database = Database(f"sqlite:///{path}")
    assert database.has_schema() is False
    assert not path.exists()  # asking does not create the file
    database.upgrade()
    assert database.has_schema() is True
    database.dispose()


def _recreate_complaints_table(engine: sa.Engine) -> None:
    """What a later migration altering `complaints` does on SQLite (Alembic batch mode)."""
    with engine.begin() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
        with Operations(context).batch_alter_table("complaints", recreate="always") as batch:
            batch.alter_column("subject", existing_type=sa.Text(), nullable=True)


def test_sqlite_migrations_may_recreate_a_referenced_table(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'migrate.sqlite3'}"
    database = Database(url)
    database.upgrade()
    service = ComplaintService(database, Settings(_env_file=None, database_url=url))
    reference = service.submit(b.intake(), SYSTEM_ACTOR).reference

    # With foreign keys enforced, dropping the old table fails: the event points at it.
    with pytest.raises(sa.exc.IntegrityError):
        _recreate_complaints_table(database.engine)
    with migration_engine(database.engine) as engine:
        _recreate_complaints_table(engine)

    assert len(service.get(reference).events) == 1
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.dispose()
