"""The complainant's side stored on both databases: every new field round-trips through the
service's steps (which pass the settings' decision terms), an open recourse keeps a closed
complaint in the open list, and a signal of discrimination never reaches an employee's search."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from bot.procedure import (
    SYSTEM_ACTOR,
    Acceptance,
    Complaint,
    EventKind,
    LetterChannel,
    LetterKind,
    Outcome,
    RecourseBody,
    Remedy,
    Route,
    Severity,
    State,
    decision,
    inputs,
    steps,
)
from bot.procedure.inputs import DiscussionRequest
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database
from storage.decisions import (
    answers_due,
    decision_deadlines_before,
    unanswered_query,
    undecided_query,
)
from tests.procedure import builders as b
from tests.procedure.builders import OFFICER, ams


def service_at(db: Database, settings: Settings, now: dt.datetime) -> ComplaintService:
    return ComplaintService(db, settings, clock=lambda: now)


def closed_with_decision(
    service: ComplaintService, intake: inputs.Intake | None = None, **registration: object
) -> str:
    """Received (`intake`), registered (with `registration`), contacted and closed ongegrond
    with a letter."""
    reference = service.submit(intake or b.intake(), SYSTEM_ACTOR).reference
    service.change(reference, steps.register, OFFICER, b.registration(**registration))
    service.change(reference, steps.record_contact, OFFICER, b.contact())
    closure = b.closure(
        no_employee_reason="Systeemfout.",
        outcome=Outcome.NOT_UPHELD,
        decision_letter=b.DECISION_LETTER,
    )
    service.change(reference, steps.close, OFFICER, closure)
    return reference


def test_every_field_of_the_complainants_side_round_trips(db, settings) -> None:
    service = service_at(db, settings, ams(21, 12))
    reference = closed_with_decision(service, **b.FULL_ASSESSMENT)
    sent = inputs.LetterSent(LetterKind.DECISION, LetterChannel.EMAIL, b.MESSAGE_ID)
    service.change(reference, decision.record_letter_sent, SYSTEM_ACTOR, sent)
    answer = inputs.AcceptanceRecord(Acceptance.DISAGREED, "Niet eens.")
    service.change(reference, decision.record_acceptance, OFFICER, answer)
    recourse = inputs.Recourse(RecourseBody.OTHER, dt.date(2026, 4, 21), "Kantonrechter")
    service.change(reference, decision.record_recourse, OFFICER, recourse)

    stored = service.get(reference)

    assert (stored.route, stored.suitable_work) == (Route.CAO_DISPUTE, True)
    assert (stored.remedy, stored.remedy_text) == (Remedy.OTHER, "Een vast contract.")
    assert (stored.severity, stored.severity_reason) == (Severity.HIGH, "Geen werk sinds maart.")
    assert stored.decision_start == dt.date(2026, 4, 14)
    assert stored.decision_deadline == ams(28, 17)  # 14 April + 14 days (passende arbeid)
    assert (stored.outcome, stored.decision_letter) == (Outcome.NOT_UPHELD, b.DECISION_LETTER)
    assert stored.decision_sent_at == ams(21, 12)
    assert stored.acceptance_due == ams(6, 17, month=5)
    assert (stored.acceptance, stored.acceptance_at) == (Acceptance.DISAGREED, ams(21, 12))
    assert (stored.recourse_body, stored.recourse_body_name) == (
        RecourseBody.OTHER,
        "Kantonrechter",
    )
    assert stored.recourse_on == dt.date(2026, 4, 21)
    assert stored.recourse_open and stored.state is State.CLOSED
    # The read without history (the busiest path) carries the same values.
    light = service.get(reference, with_events=False)
    assert light.decision_deadline == stored.decision_deadline
    assert light.recourse_body is RecourseBody.OTHER and light.outcome is Outcome.NOT_UPHELD
    # Each step's event says what it changed, before and after.
    changes = stored.last_event(EventKind.REGISTERED).data["changes"]
    assert changes["route"] == ["dienstverlening", "cao_geschil"]
    assert changes["decision_deadline"] == [None, "2026-04-28T17:00:00+02:00"]


def test_the_service_counts_with_the_settings_terms(db, settings) -> None:
    tuned = settings.model_copy(update={"cao_decision_days": 28, "decision_target_workdays": 3})
    service = service_at(db, tuned, ams(20, 12))
    cao = service.submit(b.intake(), SYSTEM_ACTOR).reference
    service.change(cao, steps.register, OFFICER, b.registration(route=Route.CAO_DISPUTE))
    plain = service.submit(b.intake(), SYSTEM_ACTOR).reference
    service.change(plain, steps.register, OFFICER, b.registration())

    assert service.get(cao).decision_deadline == ams(18, 17, month=5)  # 20 April + 28
    assert service.get(plain).decision_deadline == ams(23, 17)  # 3 working days

    extension = inputs.Extension(dt.date(2026, 5, 20), "Advies van de vakbond afwachten.")
    extended = service.change(cao, decision.extend_deadline, OFFICER, extension)
    assert extended.decision_deadline == ams(20, 17, month=5)
    assert extended.events[-1].data["changes"]["decision_deadline"] == [
        "2026-05-18T17:00:00+02:00",
        "2026-05-20T17:00:00+02:00",
    ]


def refs(found) -> list[str | None]:
    return [complaint.reference for complaint in found.complaints]


def test_an_open_recourse_keeps_a_closed_complaint_in_the_open_list(db, settings) -> None:
    service = service_at(db, settings, ams(21, 12))
    in_recourse = closed_with_decision(service)
    plain_closed = closed_with_decision(service)
    still_open = service.submit(b.intake(), SYSTEM_ACTOR).reference
    service.change(
        in_recourse,
        decision.record_letter_sent,
        SYSTEM_ACTOR,
        inputs.LetterSent(LetterKind.DECISION, LetterChannel.EMAIL, b.MESSAGE_ID),
    )
    answer = inputs.AcceptanceRecord(Acceptance.DISAGREED)
    service.change(in_recourse, decision.record_acceptance, OFFICER, answer)
    recourse = inputs.Recourse(RecourseBody.MANAGEMENT, dt.date(2026, 4, 21))
    service.change(in_recourse, decision.record_recourse, OFFICER, recourse)

    assert refs(service.open_complaints()) == [still_open, in_recourse]
    assert service.counts().open == 1  # the recourse runs on a closed complaint
    assert plain_closed not in refs(service.open_complaints())

    result = inputs.RecourseResult(Outcome.NOT_UPHELD, "Directie handhaaft.", dt.date(2026, 4, 21))
    service.change(in_recourse, decision.record_recourse_result, OFFICER, result)
    assert refs(service.open_complaints()) == [still_open]


def test_discrimination_never_reaches_an_employees_search_or_list(db, settings) -> None:
    service = service_at(db, settings, ams(21, 12))

    def asked(route: Route) -> Complaint:
        reference = service.submit(
            b.intake(subject="Opmerking over afkomst", body="Tijdens de intake."), SYSTEM_ACTOR
        ).reference
        service.change(reference, steps.register, OFFICER, b.registration(route=route))
        return service.change(
            reference, steps.request_discussion, OFFICER, DiscussionRequest(("UEMPLOYEE",))
        )

    signal = asked(Route.DISCRIMINATION).reference
    ordinary = asked(Route.SERVICE).reference

    for words in ("afkomst", signal):
        assert signal not in refs(service.search(words, employee_id="UEMPLOYEE")), words
        assert signal in refs(service.search(words)), words  # officer and management
    assert refs(service.search("afkomst", employee_id="UEMPLOYEE")) == [ordinary]
    assert refs(service.search("afkomst", employee_id="USTRANGER")) == []
    assert refs(service.open_complaints(employee_id="UEMPLOYEE")) == [ordinary]
    assert set(refs(service.open_complaints())) == {signal, ordinary}


def test_a_complaint_without_the_new_steps_stays_as_it_was(db, settings) -> None:
    service = service_at(db, settings, ams(21, 12))
    reference = service.submit(b.intake(), SYSTEM_ACTOR).reference
    stored = service.get(reference)
    assert stored.route is Route.SERVICE and stored.suitable_work is False
    assert stored.decision_deadline is None and stored.outcome is None
    assert stored.recourse_body is None and stored.accepted is None


def test_the_clocks_scans_find_what_may_be_due(db, settings) -> None:
    service = service_at(db, settings, ams(21, 12))
    undecided = service.submit(b.intake(), SYSTEM_ACTOR).reference
    service.change(undecided, steps.register, OFFICER, b.registration())  # 5 May 17:00
    later = service.submit(b.intake(), SYSTEM_ACTOR).reference
    service.change(later, steps.register, OFFICER, b.registration(route=Route.APPLICANT))
    unregistered = service.submit(b.intake(), SYSTEM_ACTOR).reference
    answered_late = closed_with_decision(service)
    service.change(
        answered_late,
        decision.record_letter_sent,
        SYSTEM_ACTOR,
        inputs.LetterSent(LetterKind.DECISION, LetterChannel.EMAIL, b.MESSAGE_ID),
    )  # an answer is due by 6 May 17:00
    ids = {ref: service.get(ref).id for ref in (undecided, later, unregistered, answered_late)}

    with db.reading() as session:
        assert decision_deadlines_before(session, ams(6, 0, month=5)) == [ids[undecided]]
        assert decision_deadlines_before(session, ams(21, 0, month=5)) == [
            ids[undecided],
            ids[later],
        ]
        assert answers_due(session, ams(6, 16, month=5)) == []
        assert answers_due(session, ams(6, 17, month=5)) == [ids[answered_late]]


def test_the_scans_use_their_partial_indexes_on_sqlite(tmp_path) -> None:
    """SQLite plans by the query's shape (PostgreSQL by its statistics: bench/decisions.py)."""
    db = Database(f"sqlite:///{tmp_path / 'plan.sqlite3'}")
    db.upgrade()
    with db.reading() as session:
        for query, index in (
            (undecided_query(ams(6, 0, month=5)), "ix_complaints_undecided"),
            (unanswered_query(ams(6, 17, month=5)), "ix_complaints_awaiting_answer"),
        ):
            compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
            plan = session.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}")).all()
            assert any(index in str(row) for row in plan), plan
    db.dispose()
