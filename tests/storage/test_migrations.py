"""Alembic migrations on both databases: from empty to head, idempotent, down to base and back,
and a schema that matches the ORM models."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.procedure import SYSTEM_ACTOR, Route
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database, alembic_config, migration_engine
from storage.models import Base
from storage.models.complaints import PARTIAL_INDEXES
from storage.search import include_name
from tests.procedure import builders as b

CORE_TABLES = {"complaints", "complaint_events", "reference_counters"}


@pytest.fixture
def empty(settings: Settings) -> Iterator[Database]:
    """A database on which no migration has run yet."""
    database = Database(settings.database_url)
    yield database
    database.dispose()


def tables(db: Database) -> set[str]:
    return set(sa.inspect(db.engine).get_table_names())


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head() -> str | None:
    return ScriptDirectory.from_config(
        alembic_config(sa.create_engine("sqlite://"))
    ).get_current_head()


def test_upgrade_an_empty_database_then_again(empty: Database, settings: Settings) -> None:
    assert tables(empty) == set()

    empty.upgrade()
    assert current_revision(empty) == head()
    assert tables(empty) >= CORE_TABLES
    stored = ComplaintService(empty, settings).submit(b.intake(), SYSTEM_ACTOR)

    before = tables(empty)
    empty.upgrade()
    assert tables(empty) == before
    assert current_revision(empty) == head()
    assert ComplaintService(empty, settings).get(stored.reference) == stored


def test_downgrade_to_base_and_up_again(empty: Database, settings: Settings) -> None:
    empty.upgrade()
    ComplaintService(empty, settings).submit(b.intake(), SYSTEM_ACTOR)

    with migration_engine(empty.engine) as engine:
        command.downgrade(alembic_config(engine), "base")
    # Every area's downgrade drops what its upgrade created.
    assert tables(empty) <= {"alembic_version"}
    assert current_revision(empty) is None

    empty.upgrade()
    assert current_revision(empty) == head()
    again = ComplaintService(empty, settings).submit(b.intake(), SYSTEM_ACTOR)
    assert again.reference == "K-2026-0001"


def test_the_migrated_schema_matches_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "render_as_batch": connection.dialect.name == "sqlite",
                "include_name": include_name,
                "include_object": lambda obj, name, kind, *_: name not in PARTIAL_INDEXES,
            },
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_0015_gives_existing_complaints_a_route_and_keeps_search_working(
    empty: Database, settings: Settings
) -> None:
    """Down to 0013 and up again: the complaint stored before is `dienstverlening` without an
    outcome, and the search index still follows every change (SQLite's triggers survive the
    migration's plain ALTER TABLE statements)."""
    empty.upgrade()
    service = ComplaintService(empty, settings)
    before = service.submit(b.intake(subject="Ziekmelding kwijt"), SYSTEM_ACTOR).reference
    with migration_engine(empty.engine) as engine:
        command.downgrade(alembic_config(engine), "0013")
    assert current_revision(empty) == "0013"
    columns = {c["name"] for c in sa.inspect(empty.engine).get_columns("complaints")}
    assert "route" not in columns and "letters" not in tables(empty)
    with empty.engine.begin() as connection:  # a change made by the old version
        connection.execute(
            sa.text("UPDATE complaints SET subject = 'Vakantiegeld te laat' WHERE reference = :r"),
            {"r": before},
        )

    empty.upgrade()

    upgraded = service.get(before)
    assert (upgraded.route, upgraded.outcome, upgraded.decision_deadline) == (
        Route.SERVICE,
        None,
        None,
    )
    assert upgraded.suitable_work is False and upgraded.accepted is None
    after = service.submit(b.intake(subject="Reiskosten niet vergoed"), SYSTEM_ACTOR).reference
    assert [c.reference for c in service.search("vakantiegeld").complaints] == [before]
    assert [c.reference for c in service.search("reiskosten").complaints] == [after]
    assert service.search("ziekmelding").complaints == []
