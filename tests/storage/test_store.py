"""ComplaintStore and ComplaintService on both databases (the `db` fixture runs each test on
SQLite and on PostgreSQL): round trips, the event log, references, locking, queries."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

import pytest
import sqlalchemy as sa

from bot.procedure import (
    SYSTEM_ACTOR,
    AlreadyDone,
    Category,
    Complaint,
    ComplaintNotFound,
    ConcurrentChange,
    EventKind,
    Outcome,
    ProcedureError,
    RelationType,
    State,
    inputs,
    steps,
)
from bot.service import ComplaintService, takes_terms
from bot.settings import Settings
from storage.complaints import ComplaintStore
from storage.db import Database
from tests.procedure import builders as b
from tests.procedure.builders import AMS, OFFICER, OTHER_OFFICER, ams

IDENTITY = {"id", "reference", "version", "events"}


def service_at(db: Database, settings: Settings, now: dt.datetime) -> ComplaintService:
    return ComplaintService(db, settings, clock=lambda: now)


def submit(service: ComplaintService, **intake: Any) -> Complaint:
    return service.submit(b.intake(**intake), SYSTEM_ACTOR)


def count_rows(db: Database, table: str) -> int:
    with db.engine.connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


# --- round trips --------------------------------------------------------------------------


def _everything_filled_in() -> Complaint:
    """A complaint with a value in every column; some times in UTC, one in winter time."""
    complaint = b.in_recourse()
    return replace(
        complaint,
        effectiveness_check_on=dt.date(2026, 7, 1),
        **b.FULL_ASSESSMENT,
        recourse_body_name="Geschillencommissie",
        recourse_result=Outcome.PARTLY_UPHELD,
        recourse_result_text="Deels toegewezen.",
        recourse_result_on=dt.date(2026, 6, 1),
        acceptance_due=complaint.acceptance_due.astimezone(dt.UTC),
        registered_at=complaint.registered_at.replace(microsecond=123456),
        employee_responded_at=dt.datetime(2026, 1, 15, 8, 0, tzinfo=dt.UTC),
        closed_at=complaint.closed_at.astimezone(dt.UTC),
        complainant_phone="+31612345678",
        forwarded_by="balie@example.nl",
        source_link="https://example.slack.com/archives/C1/p1",
        no_employee_reason="Ook geen medewerker nodig.",
        effectiveness_result="Werkt.",
        effective=False,
        rejected_reason="(alleen om de kolom te vullen)",
        duplicate_of="K-2026-0042",
        anonymised_at=dt.datetime(2028, 8, 1, 2, 0, tzinfo=dt.UTC),
    )


def test_every_field_survives_a_round_trip(db: Database, settings: Settings) -> None:
    original = _everything_filled_in()
    empty = [f.name for f in fields(Complaint) if getattr(original, f.name) is None]
    assert empty == ["id", "reference"]

    with db.session() as session:
        stored = ComplaintStore(session, settings.tz).add(original)
    with db.session() as session:
        loaded = ComplaintStore(session, settings.tz).get(stored.reference)

    for f in fields(Complaint):
        if f.name in IDENTITY:
            continue
        value, expected = getattr(loaded, f.name), getattr(original, f.name)
        assert value == expected, f.name
        assert type(value) is type(expected), f.name
        if isinstance(value, dt.datetime):
            assert value.tzinfo == AMS, f.name
    # Given in UTC, handed back in Amsterdam time.
    assert loaded.closed_at.isoformat() == "2026-04-21T10:00:00+02:00"
    assert loaded.employee_responded_at.isoformat() == "2026-01-15T09:00:00+01:00"
    assert loaded.registered_at.microsecond == 123456
    assert type(loaded.effectiveness_check_on) is dt.date
    assert loaded == stored


def test_events_survive_a_round_trip(db: Database, settings: Settings) -> None:
    original = _everything_filled_in()
    with db.session() as session:
        stored = ComplaintStore(session, settings.tz).add(original)

    assert [replace(event, id=None) for event in stored.events] == list(original.events)
    assert all(event.at.tzinfo == AMS for event in stored.events)
    assert stored.events[-1].data["recourse_on"] == "2026-04-24"
    assert stored.new_events == ()


def test_a_complaint_can_be_read_without_its_history(db: Database, settings: Settings) -> None:
    with db.session() as session:
        store = ComplaintStore(session, settings.tz)
        stored = store.add(_everything_filled_in())
    with db.session() as session:
        light = ComplaintStore(session, settings.tz).get(stored.reference, with_events=False)
    with db.reads() as reads:  # the prepared read on the driver's connection (every click)
        prepared = ComplaintStore(reads, settings.tz).get(stored.reference, with_events=False)

    assert light.events == ()
    assert replace(light, events=stored.events) == stored
    assert prepared == light
    for f in fields(Complaint):  # the driver's values converted as SQLAlchemy converts them
        assert type(getattr(prepared, f.name)) is type(getattr(light, f.name)), f.name
    assert prepared.registered_at.tzinfo == AMS
    assert prepared.registered_at.microsecond == 123456


def test_a_stored_complaint_gets_identity_and_version(db: Database, settings: Settings) -> None:
    stored = submit(service_at(db, settings, ams(20, 9, 31)))

    assert stored.id is not None
    assert stored.reference == "K-2026-0001"
    assert stored.version == 1
    assert stored.state is State.RECEIVED
    assert stored.contact_deadline == ams(22, 17)


def test_naive_times_are_refused(db: Database, settings: Settings) -> None:
    naive = replace(b.received(), received_at=dt.datetime(2026, 4, 20, 9, 30))
    with pytest.raises(sa.exc.StatementError, match="timezone-aware"), db.session() as session:
        ComplaintStore(session, settings.tz).add(naive)
    assert count_rows(db, "complaints") == 0


# --- the event log ------------------------------------------------------------------------


def test_each_change_appends_its_events_in_order(db: Database, settings: Settings) -> None:
    service = service_at(db, settings, b.REGISTERED_AT)
    reference = submit(service).reference
    history: list[Complaint] = [service.get(reference)]

    changes: list[tuple[Callable[..., Complaint], Any]] = [
        (steps.register, b.registration()),
        (steps.record_contact, b.contact(ams(20, 10))),
        (steps.add_note, inputs.Note("Klant tevreden.")),
        (steps.close, b.closure(no_employee_reason="Geen medewerker betrokken.")),
    ]
    for step, data in changes:
        history.append(service.change(reference, step, OFFICER, data))

    final = history[-1]
    assert [event.kind for event in final.events] == [
        EventKind.RECEIVED,
        EventKind.REGISTERED,
        EventKind.CONTACT_RECORDED,
        EventKind.NOTE_ADDED,
        EventKind.CLOSED,
    ]
    ids = [event.id for event in final.events]
    assert all(isinstance(i, int) for i in ids) and ids == sorted(set(ids))
    # Earlier events are kept exactly as they were stored, ids included.
    for earlier in history:
        assert final.events[: len(earlier.events)] == earlier.events
    assert [c.version for c in history] == [1, 2, 3, 4, 5]
    assert [(e.before, e.after) for e in final.events] == [
        (None, State.RECEIVED),
        (State.RECEIVED, State.REGISTERED),
        (State.REGISTERED, State.CONTACTED),
        (State.CONTACTED, State.CONTACTED),
        (State.CONTACTED, State.CLOSED),
    ]
    assert final.events[1].actor_name == "Fatima de Vries"
    assert final.events[1].data["relation_type"] == "flexwerker"
    assert count_rows(db, "complaint_events") == 5


def test_a_refused_step_stores_nothing(db: Database, settings: Settings) -> None:
    service = service_at(db, settings, b.REGISTERED_AT)
    reference = submit(service).reference
    with pytest.raises(ProcedureError, match="Registreer de klacht eerst"):
        service.change(reference, steps.close, OFFICER, b.closure())

    unchanged = service.get(reference)
    assert unchanged.version == 1
    assert len(unchanged.events) == 1
    assert count_rows(db, "complaint_events") == 1


# --- references ---------------------------------------------------------------------------


def test_references_count_up_per_year(db: Database, settings: Settings) -> None:
    service = service_at(db, settings, ams(20, 12))
    references = [submit(service, received_at=ams(day, 9)).reference for day in (20, 1, 15)]
    assert references == ["K-2026-0001", "K-2026-0002", "K-2026-0003"]


def test_the_year_is_the_year_of_local_receipt(db: Database, settings: Settings) -> None:
    service = service_at(db, settings, ams(2, 9, month=1, year=2027))
    new_years_eve = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    # 00:10 on 1 January in Amsterdam is still 31 December in UTC (23:10).
    just_after_midnight_utc = dt.datetime(2026, 12, 31, 23, 10, tzinfo=dt.UTC)

    first = submit(service, received_at=new_years_eve)
    second = submit(service, received_at=just_after_midnight_utc)
    third = submit(service, received_at=ams(2, 10, month=1, year=2027))
    late_2026 = submit(service, received_at=ams(30, 16, month=12))

    assert first.reference == "K-2026-0001"
    assert second.reference == "K-2027-0001"
    assert second.received_at.isoformat() == "2027-01-01T00:10:00+01:00"
    assert third.reference == "K-2027-0002"
    assert late_2026.reference == "K-2026-0002"


def test_a_rolled_back_intake_gives_its_number_back(db: Database, settings: Settings) -> None:
    service = service_at(db, settings, ams(20, 12))
    submit(service)
    with pytest.raises(RuntimeError), db.session() as session:
        taken = ComplaintStore(session, settings.tz).add(b.received())
        assert taken.reference == "K-2026-0002"
        raise RuntimeError("the mail server went away")

    assert submit(service).reference == "K-2026-0002"
    assert [c.reference for c in service.list()] == ["K-2026-0001", "K-2026-0002"]


# --- optimistic locking -------------------------------------------------------------------


def test_saving_a_stale_copy_is_a_concurrent_change(db: Database, settings: Settings) -> None:
    reference = submit(service_at(db, settings, ams(20, 9, 31))).reference
    with db.session() as session:
        first = ComplaintStore(session, settings.tz).get(reference)
    with db.session() as session:
        second = ComplaintStore(session, settings.tz).get(reference)

    with db.session() as session:
        ComplaintStore(session, settings.tz).save(
            steps.register(first, OFFICER, b.registration(), now=ams(20, 10), terms=b.TERMS)
        )
    stale = steps.register(
        second, OTHER_OFFICER, b.registration(), now=ams(20, 10, 1), terms=b.TERMS
    )
    with pytest.raises(ConcurrentChange) as error, db.session() as session:
        ComplaintStore(session, settings.tz).save(stale)

    assert error.value.message == (
        "De klacht is intussen door iemand anders gewijzigd. Probeer het opnieuw."
    )
    with db.session() as session:
        current = ComplaintStore(session, settings.tz).get(reference)
    assert current.version == 2
    assert current.events[-1].actor_id == OFFICER.user_id
    assert count_rows(db, "complaint_events") == 2


def test_saving_an_unstored_complaint_is_a_programming_error(
    db: Database, settings: Settings
) -> None:
    with pytest.raises(ValueError), db.session() as session:
        ComplaintStore(session, settings.tz).save(b.received())


def stale_on_first_call(service: ComplaintService, reference: str, step: Callable[..., Complaint]):
    """A step that, the first time, works on a copy read before someone else changed it.

    That is what a second click sees when both clicks read the complaint at the same moment.
    """
    stale = service.get(reference)
    calls: list[Complaint] = []

    def racing(complaint: Complaint, actor, data, *, now: dt.datetime, terms=None) -> Complaint:
        calls.append(complaint)
        extra = {"terms": terms} if takes_terms(step) else {}
        return step(stale if len(calls) == 1 else complaint, actor, data, now=now, **extra)

    return racing, calls


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        pytest.param(
            steps.register,
            b.registration(),
            "Deze klacht is al geregistreerd door Kees Jansen om 10:15.",
            id="register",
        ),
        pytest.param(
            steps.record_contact,
            b.contact(ams(20, 10)),
            "Al gedaan door Kees Jansen om 10:15.",
            id="contact",
        ),
    ],
)
def test_a_double_click_becomes_already_done(db, settings, step, data, message) -> None:
    service = service_at(db, settings, b.REGISTERED_AT)
    reference = submit(service).reference
    if step is steps.record_contact:
        service.change(reference, steps.register, OFFICER, b.registration())
    racing, calls = stale_on_first_call(service, reference, step)
    service.change(reference, step, OTHER_OFFICER, data)

    with pytest.raises(AlreadyDone) as error:
        service.change(reference, racing, OFFICER, data)

    assert error.value.message == message
    assert len(calls) == 2  # the stale attempt, then the retry on fresh data
    current = service.get(reference)
    assert current.version == calls[1].version  # the second click saved nothing
    assert current.events[-1].actor_id == OTHER_OFFICER.user_id


def test_a_concurrent_change_twice_in_a_row_gives_up(db: Database, settings: Settings) -> None:
    service = service_at(db, settings, b.REGISTERED_AT)
    reference = submit(service).reference
    stale = service.get(reference)
    service.change(reference, steps.add_note, OFFICER, inputs.Note("Eerst."))

    def always_stale(_complaint, actor, data, *, now):
        return steps.add_note(stale, actor, data, now=now)

    with pytest.raises(ConcurrentChange):
        service.change(reference, always_stale, OFFICER, inputs.Note("Nooit."))
    assert len(service.get(reference).events) == 2


def test_two_officers_clicking_at_once(db: Database, settings: Settings) -> None:
    """Real threads, real transactions: one registration wins, the other is told who won."""
    service = service_at(db, settings, b.REGISTERED_AT)
    reference = submit(service).reference
    barrier = threading.Barrier(2, timeout=10)
    # PostgreSQL: both read before either saves, forcing the stale save and the retry. SQLite
    # serialises whole transactions (BEGIN IMMEDIATE), so there both merely start together.
    meet_after_reading = db.engine.dialect.name == "postgresql"
    attempts = {OFFICER.user_id: 0, OTHER_OFFICER.user_id: 0}
    outcomes: dict[str, Complaint | AlreadyDone] = {}

    def click(actor) -> None:
        def step(complaint, who, data, *, now, terms):
            attempts[who.user_id] += 1
            if meet_after_reading and attempts[who.user_id] == 1:
                barrier.wait()
            return steps.register(complaint, who, data, now=now, terms=terms)

        if not meet_after_reading:
            barrier.wait()
        try:
            outcomes[actor.user_id] = service.change(reference, step, actor, b.registration())
        except AlreadyDone as error:
            outcomes[actor.user_id] = error

    threads = [threading.Thread(target=click, args=(a,)) for a in (OFFICER, OTHER_OFFICER)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    winners = [o for o in outcomes.values() if isinstance(o, Complaint)]
    losers = [o for o in outcomes.values() if isinstance(o, AlreadyDone)]
    assert len(winners) == 1 and len(losers) == 1
    winner_name = winners[0].events[-1].actor_name
    assert losers[0].message == f"Deze klacht is al geregistreerd door {winner_name} om 10:15."
    if meet_after_reading:
        assert sum(attempts.values()) == 3
    stored = service.get(reference)
    assert stored.version == 2
    assert [e.kind for e in stored.events] == [EventKind.RECEIVED, EventKind.REGISTERED]


# --- hooks --------------------------------------------------------------------------------


def test_after_commit_hooks_see_each_stored_change(db: Database, settings: Settings) -> None:
    service = service_at(db, settings, b.REGISTERED_AT)
    seen: list[Complaint] = []
    service.after_commit.append(seen.append)

    reference = submit(service).reference
    service.change(reference, steps.register, OFFICER, b.registration())
    with pytest.raises(ProcedureError):
        service.change(reference, steps.register, OFFICER, b.registration())

    assert [(c.reference, c.state, c.version) for c in seen] == [
        (reference, State.RECEIVED, 1),
        (reference, State.REGISTERED, 2),
    ]


# --- queries ------------------------------------------------------------------------------


def test_get_finds_a_reference_however_it_is_typed(db: Database, settings: Settings) -> None:
    service = service_at(db, settings, ams(20, 12))
    submit(service)
    assert service.get(" k-2026-0001 ").reference == "K-2026-0001"
    with pytest.raises(ComplaintNotFound) as error:
        service.get("K-2026-0002")
    assert error.value.message == "Klacht K-2026-0002 bestaat niet."
    with pytest.raises(ComplaintNotFound, match=r"^Klacht K-2026-0003 bestaat niet\.$"):
        service.get("  k-2026-0003 ")


def test_list_by_deadline_and_state(db: Database, settings: Settings) -> None:
    service = service_at(db, settings, ams(24, 12))
    # Stored in this order; deadlines: Thu 23, Wed 22 and Tue 28 April (Koningsdag on Mon 27).
    tuesday = submit(service, received_at=ams(21, 9)).reference
    monday = submit(service, received_at=ams(20, 9)).reference
    friday = submit(service, received_at=ams(24, 9)).reference
    service.change(monday, steps.register, OFFICER, b.registration())
    service.change(friday, steps.register, OFFICER, b.registration())
    service.change(tuesday, steps.reject, OFFICER, inputs.Rejection("Spam."))

    everything = service.list()
    assert [c.reference for c in everything] == [monday, tuesday, friday]
    assert [c.contact_deadline for c in everything] == [ams(22, 17), ams(23, 17), ams(29, 17)]
    assert [c.reference for c in service.list(states=[State.REGISTERED])] == [monday, friday]
    open_ones = service.list(states=[State.RECEIVED, State.REGISTERED, State.REJECTED])
    assert len(open_ones) == 3
    assert service.list(states=[State.CLOSED]) == []
    assert service.list(states=[]) == []
    with db.session() as session:
        assert len(ComplaintStore(session, settings.tz).list(limit=2)) == 2


# --- what a registration stores -----------------------------------------------------------


def test_registration_values_are_stored(db: Database, settings: Settings) -> None:
    service = service_at(db, settings, b.REGISTERED_AT)
    reference = submit(service).reference
    data = b.registration(
        relation_type=RelationType.CLIENT,
        category=Category.INVOICING,
        complainant_phone="020-1234567",
    )
    service.change(reference, steps.register, OFFICER, data)

    stored = service.get(reference)
    assert stored.relation_type is RelationType.CLIENT
    assert stored.category is Category.INVOICING
    assert stored.complainant_phone == "+31201234567"
    assert stored.registered_at == b.REGISTERED_AT
