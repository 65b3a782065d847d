"""Alembic migrations on both databases: from empty to head, idempotent, down to base and back,
and a schema that matches the ORM models."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.procedure import SYSTEM_ACTOR, Complaint, EventKind, Route, State, steps
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database, alembic_config, head_revision, migration_engine
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


def test_0017_keeps_every_complaint_its_queued_delivery_and_what_slack_shows(
    empty: Database, settings: Settings
) -> None:
    """A database as 0016 left it: complaints in every state, their deliveries queued (one
    already shown in Slack, with a thread post), the Slack caches, and a notice whose mentions
    are Slack markup. After 0017 the same rows are there under the neutral names, Slack's,
    the notice names people as data, and the bot carries on (the queue still delivers)."""
    from storage.models import Delivery, EventRow, HomeViewer, Profile, SeenEvent, ThreadPost
    from tests.reports.seed import seed

    empty.upgrade()
    references = seed(empty, settings)
    service = ComplaintService(empty, settings)
    first = service.get(references["A"])
    assert first.id is not None

    def old_notice(session, complaint, now):
        data = {"notice": "overdue", "due_at": now.isoformat()}
        data["mention"] = ["<@UOFFICER>", "<!subteam^SKLACHT>", {"surface": "slack", "id": "U2"}]
        return steps.record_fact(complaint, EventKind.WARNING_SENT, now=now, data=data)

    service.decide(first.id, old_notice)
    with migration_engine(empty.engine) as engine:
        command.downgrade(alembic_config(engine), "0016")
    assert {"slack_deliveries", "slack_posts"} <= tables(empty)
    assert "deliveries" not in tables(empty)
    with empty.engine.begin() as connection:
        states = dict(connection.execute(sa.text("SELECT reference, state FROM complaints")).all())
        event_id = connection.scalar(
            sa.text("SELECT max(id) FROM complaint_events WHERE complaint_id = :id"),
            {"id": first.id},
        )
        connection.execute(
            sa.text(
                "UPDATE slack_deliveries SET channel = 'CKLACHTEN', root_ts = '1.5', "
                "shown_version = wanted_version - 1, attempts = 2, last_error = 'ratelimited' "
                "WHERE complaint_id = :id"
            ),
            {"id": first.id},
        )
        connection.execute(
            sa.text(
                "INSERT INTO slack_posts (event_id, complaint_id, channel, ts) "
                "VALUES (:event, :id, 'CKLACHTEN', '1.6')"
            ),
            {"event": event_id, "id": first.id},
        )
        now = {"at": b.RECEIVED_AT}
        for statement in (
            "INSERT INTO slack_seen_events (event_id, seen_at) VALUES ('Ev1', :at)",
            "INSERT INTO slack_profiles (user_id, name, fetched_at) VALUES ('UEMP1', 'Eva', :at)",
            "INSERT INTO slack_home_viewers (user_id, opened_at) VALUES ('UOFFICER', :at)",
        ):
            connection.execute(sa.text(statement), now)
        queued = connection.scalar(
            sa.text("SELECT count(*) FROM slack_deliveries WHERE shown_version < wanted_version")
        )
    assert set(states.values()) == {state.value for state in State}  # every state
    assert queued == len(states)

    empty.upgrade()

    assert current_revision(empty) == head()
    assert not {name for name in tables(empty) if name.startswith("slack_")}
    with empty.session() as session:
        rows = session.scalars(sa.select(Delivery).order_by(Delivery.complaint_id)).all()
        assert len(rows) == len(states) and {row.surface for row in rows} == {"slack"}
        assert sum(row.shown_version < row.wanted_version for row in rows) == queued
        shown = session.get(Delivery, (first.id, "slack"))
        assert (shown.conversation, shown.ref, shown.attempts, shown.last_error) == (
            "CKLACHTEN",
            "1.5",
            2,
            "ratelimited",
        )
        (post,) = session.scalars(sa.select(ThreadPost)).all()
        assert (post.event_id, post.surface, post.conversation, post.ref) == (
            event_id,
            "slack",
            "CKLACHTEN",
            "1.6",
        )
        assert session.get(SeenEvent, ("slack", "Ev1")) is not None
        assert session.get(Profile, ("slack", "UEMP1")).name == "Eva"
        assert session.get(HomeViewer, ("slack", "UOFFICER")) is not None
        notice = session.get(EventRow, event_id)
        assert notice.data["mention"] == [
            {"surface": "slack", "id": "UOFFICER"},
            {"surface": "slack", "group": "SKLACHT"},
            {"surface": "slack", "id": "U2"},
        ]
    assert {c.reference: c.state.value for c in map(service.get, states)} == states
    added = service.submit(b.intake(subject="Na de migratie"), SYSTEM_ACTOR)
    with empty.session() as session:
        new = session.get(Delivery, (added.id, "slack"))
        assert new is not None and new.shown_version < new.wanted_version


def test_0019_leaves_waiting_acknowledgements_to_the_queue(
    empty: Database, settings: Settings
) -> None:
    """A database as 0018 left it, with one acknowledgement due and one leased the old way (its
    next attempt moved ahead). After 0019 the queue takes the due one, and the other once its
    old lease ran out."""
    from bot.intake.acknowledge import QUEUE
    from storage.models import Acknowledgement
    from storage.models.base import UtcDateTime

    with migration_engine(empty.engine) as engine:
        command.upgrade(alembic_config(engine), "0018")
    complaint_id = ComplaintService(empty, settings).submit(b.intake(), SYSTEM_ACTOR).id
    now = b.RECEIVED_AT
    leased_until = now + dt.timedelta(minutes=10)
    with empty.engine.begin() as connection:
        for number, next_attempt in ((1, now), (2, leased_until)):
            connection.execute(
                sa.text(
                    "INSERT INTO acknowledgements (complaint_id, recipient, message_id, status,"
                    " created_at, next_attempt_at, attempts) VALUES (:complaint, :to, :id,"
                    " 'pending', :now, :next, 0)"
                ).bindparams(
                    # stored as the models store a moment (UTC), on SQLite too
                    sa.bindparam("now", type_=UtcDateTime()),
                    sa.bindparam("next", type_=UtcDateTime()),
                ),
                {
                    "complaint": complaint_id,
                    "to": f"klant{number}@example.nl",
                    "id": f"<ack{number}@example.nl>",
                    "now": now,
                    "next": next_attempt,
                },
            )

    empty.upgrade()

    assert current_revision(empty) == head()
    query = sa.select(Acknowledgement).order_by(Acknowledgement.id)
    with empty.session() as session:
        assert [row.recipient for row in QUEUE.claim(session, query, now)] == ["klant1@example.nl"]
    with empty.session() as session:
        taken = QUEUE.claim(session, query, leased_until)
        assert [row.recipient for row in taken] == ["klant2@example.nl"]


def complaint_at(
    empty: Database, settings: Settings, revision: str
) -> tuple[ComplaintService, Complaint, int]:
    """A complaint received on the newest schema, the database then taken down to `revision`;
    with the id of the complaint's latest event."""
    empty.upgrade()
    service = ComplaintService(empty, settings)
    complaint = service.submit(b.intake(subject="Rooster kwijt"), SYSTEM_ACTOR)
    with migration_engine(empty.engine) as engine:
        command.downgrade(alembic_config(engine), revision)
    with empty.engine.begin() as connection:
        event_id = connection.scalar(
            sa.text("SELECT max(id) FROM complaint_events WHERE complaint_id = :id"),
            {"id": complaint.id},
        )
    return service, complaint, event_id


def test_0020_keeps_the_employees_slack_messages_and_takes_a_teams_chat_and_home(
    empty: Database, settings: Settings
) -> None:
    """A database as 0019 left it, with an employee's Slack DM recorded: after 0020 the row is
    Slack's under the neutral names (the employee still finds the complaint they were asked
    about), a Teams personal chat's long `a:` id fits beside it, and a Home viewer can keep
    where their Home card is."""
    from storage.models import EmployeeMessage

    service, complaint, event_id = complaint_at(empty, settings, "0019")
    with empty.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO employee_messages (request_event_id, employee_id, complaint_id, "
                "channel, ts, shown_version) VALUES (:event, 'UEVA', :id, 'D0EVA', '1.7', 1)"
            ),
            {"event": event_id, "id": complaint.id},
        )

    empty.upgrade()

    chat = "a:1" + "x" * 150
    with empty.session() as session:
        (row,) = session.scalars(sa.select(EmployeeMessage)).all()
        assert (row.surface, row.conversation, row.ref, row.shown_version) == (
            "slack",
            "D0EVA",
            "1.7",
            1,
        )
        session.add(
            EmployeeMessage(
                request_event_id=event_id,
                employee_id="76b0b09f-d410-48fd-993e-84da521a597b",
                complaint_id=complaint.id,
                surface="teams",
                conversation=chat,
                ref="1776390257333",
            )
        )
    with empty.session() as session:
        surfaces = session.scalars(sa.select(EmployeeMessage.surface)).all()
        assert sorted(surfaces) == ["slack", "teams"]
    with empty.engine.begin() as connection:
        homes = sa.inspect(connection).get_columns("home_viewers")
    assert {"conversation", "ref"} <= {column["name"] for column in homes}
    found = service.search("rooster", employee_id="UEVA").complaints
    assert [c.reference for c in found] == [complaint.reference]


def test_0021_indexes_the_effectiveness_checks_of_a_database_with_complaints(
    empty: Database, settings: Settings
) -> None:
    """Down to 0020 and up again with a complaint stored: the index the reports use to find a
    period's effectiveness checks is there, and the complaint is untouched."""
    empty.upgrade()
    service = ComplaintService(empty, settings)
    reference = service.submit(b.intake(subject="Loonstrook fout"), SYSTEM_ACTOR).reference
    with migration_engine(empty.engine) as engine:
        command.downgrade(alembic_config(engine), "0020")
    index = "ix_complaints_effectiveness_check_on"
    assert index not in {i["name"] for i in sa.inspect(empty.engine).get_indexes("complaints")}

    empty.upgrade()

    indexes = {i["name"]: i for i in sa.inspect(empty.engine).get_indexes("complaints")}
    assert indexes[index]["column_names"] == ["effectiveness_check_on"]
    assert service.get(reference).subject == "Loonstrook fout"


def test_0022_adds_report_links_beside_the_reports_already_made(
    empty: Database, settings: Settings
) -> None:
    """A database at 0021 holding a stored report: after 0022 the report is there as it was,
    and its files can be put behind a link that opens them until it expires."""
    from storage.reportlinks import ReportLinks, StoredFile, new_token

    with migration_engine(empty.engine) as engine:
        command.upgrade(alembic_config(engine), "0021")
    assert "report_links" not in tables(empty)
    moment = dt.datetime(2026, 7, 2, 9, tzinfo=dt.UTC)
    with empty.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO reports (id, period, kind, generated_at, generated_by, figures, "
                "analysis) VALUES (7, '2026-Q2', 'quarter', :at, 'system', '{}', 'Rustig.')"
            ),
            {"at": moment},
        )

    empty.upgrade()

    assert current_revision(empty) == head()
    with empty.engine.connect() as connection:
        assert connection.scalar(sa.text("SELECT analysis FROM reports WHERE id = 7")) == "Rustig."
    links, token = ReportLinks(empty), new_token()
    pdf = StoredFile("kwartaalrapportage-2026-Q2.pdf", "application/pdf", b"%PDF-1.7")
    links.publish(7, [pdf], token, moment, moment + dt.timedelta(days=90))
    assert links.open(token, pdf.name, moment + dt.timedelta(days=89)) == pdf
    assert links.open(token, pdf.name, moment + dt.timedelta(days=90)) is None
    assert links.open(new_token(), pdf.name, moment) is None


def test_0023_keeps_the_employees_messages_and_lets_the_clock_mark_them(
    empty: Database, settings: Settings
) -> None:
    """A database at 0022 with an employee's message recorded: after 0023 it is kept as it was,
    with nothing to rebuild yet, and a deadline set on it is found by the clock's mark."""
    from bot.jobs.discussion import mark_passed_deadlines
    from storage.models import EmployeeMessage

    service, complaint, event_id = complaint_at(empty, settings, "0022")
    with empty.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO employee_messages (request_event_id, employee_id, complaint_id, "
                "surface, conversation, ref, shown_version) "
                "VALUES (:event, 'UEVA', :id, 'slack', 'D0EVA', '1.7', 3)"
            ),
            {"event": event_id, "id": complaint.id},
        )

    empty.upgrade()

    moment = dt.datetime(2026, 12, 9, 16, tzinfo=dt.UTC)
    with empty.session() as session:
        (row,) = session.scalars(sa.select(EmployeeMessage)).all()
        assert (row.conversation, row.ref, row.shown_version, row.refresh_at) == (
            "D0EVA",
            "1.7",
            3,
            None,
        )
        row.refresh_at = moment
    assert mark_passed_deadlines(service, moment - dt.timedelta(minutes=1)) == 0
    assert mark_passed_deadlines(service, moment) == 1
    with empty.session() as session:
        (row,) = session.scalars(sa.select(EmployeeMessage)).all()
        assert (row.shown_version, row.refresh_at) == (0, None)


def test_a_start_on_a_migrated_database_leaves_alembic_unloaded(tmp_path) -> None:
    """Every start but the first after an update finds the schema at the newest migration: it
    is left alone, and the migration tool stays out of the long-running process's memory."""
    url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
    probe = (
        "import sys\n"
        "from bot.settings import Settings\n"
        "from bot.startup import Checks, check_database\n"
        "checks = Checks()\n"
        f"check_database(Settings(_env_file=None, database_url={url!r}), checks)\n"
        "print(checks.problems, 'alembic' in sys.modules)\n"
    )

    def start() -> str:
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert start() == "[] True"  # a new database: migrated
    assert Database(url).revision() == head_revision()
    assert start() == "[] False"  # at the newest migration: nothing to load
