"""Decision deadlines on an injected clock, by the same job as contact deadlines: the pre-warning
at opening time on the deadline day, the overdue notice at the deadline with the escalation to
management; once each, only in opening hours; again for the new deadline after an extension."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.jobs.registry import JOBS
from bot.jobs.runner import run_jobs
from bot.procedure import (
    SYSTEM_ACTOR,
    Acceptance,
    EventKind,
    LetterChannel,
    LetterKind,
    Outcome,
    Role,
    Route,
    decision,
    inputs,
    steps,
)
from storage.models import Notification
from tests.jobs.conftest import MANAGEMENT
from tests.jobs.test_deadlines import DEADLINES, TICK, local
from tests.procedure import builders as b
from tests.procedure.builders import OFFICER


def decision_notices(db) -> list[tuple[str, str, dt.datetime]]:
    """(kind, recipient, due at) of every decision-deadline notification, in order."""
    with db.session() as session:
        rows = session.scalars(
            select(Notification)
            .where(Notification.kind.like("decision_%"))
            .order_by(Notification.id)
        ).all()
        return [
            (r.kind, r.recipient, r.due_at.astimezone(local(2026, 1, 1, 0).tzinfo)) for r in rows
        ]


def tick(ctx, clock, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Run the deadline job every half hour from `start` to `end`; the moments it sent at."""
    clock.now, sent = start, []
    while clock.now <= end:
        before = len(decision_notices(ctx.db))
        assert run_jobs(ctx, DEADLINES) == []
        if len(decision_notices(ctx.db)) > before:
            sent.append(clock.now)
        clock.now += TICK
    return sent


def cao_dispute(service, clock, registered_at: dt.datetime) -> str:
    """A CAO dispute registered and contacted at `registered_at` (no contact notices)."""
    clock.now = registered_at
    reference = service.submit(b.intake(received_at=registered_at), SYSTEM_ACTOR).reference
    service.change(reference, steps.register, OFFICER, b.registration(route=Route.CAO_DISPUTE))
    service.change(reference, steps.record_contact, OFFICER, b.contact(registered_at))
    return reference


def test_a_cao_dispute_is_warned_and_escalated_once_across_the_dst_change(
    ctx, service, clock, db, fake
):
    # Registered Tuesday 6 October: 21 calendar days end Tuesday 27 October, after the clocks
    # went back on Sunday 25 October.
    reference = cao_dispute(service, clock, local(2026, 10, 6, 10))
    deadline = service.get(reference).decision_deadline
    assert deadline == local(2026, 10, 27, 17)

    sent = tick(ctx, clock, local(2026, 10, 26, 0), local(2026, 10, 28, 12))

    assert decision_notices(db) == [
        ("decision_pre_warning", "thread", local(2026, 10, 27, 9)),
        ("decision_overdue", "thread", deadline),
        ("decision_escalation", MANAGEMENT, deadline),
    ]
    assert sent == [local(2026, 10, 27, 9), local(2026, 10, 27, 17)]  # in opening hours
    notices = [e for e in service.get(reference).events if e.kind is EventKind.WARNING_SENT]
    assert [e.data["notice"] for e in notices] == ["decision_pre_warning", "decision_overdue"]
    run_jobs(ctx)  # the notification job posts the escalation
    (escalation,) = fake.roots(MANAGEMENT)
    assert escalation.text == f"Beslistermijn verstreken: {reference}"
    assert "geen besluit" in escalation.blocks[0]["text"]["text"]
    assert "Petra" not in str(escalation.blocks)  # nothing about the complainant


def test_what_falls_due_at_night_waits_for_opening_and_closing_in_time_stops_it(
    ctx, service, clock, db
):
    # Registered Friday 4 December: 21 days end Friday 25 December (Christmas), so the term
    # ends on the next working day, Monday 28 December.
    reference = cao_dispute(service, clock, local(2026, 12, 4, 10))
    assert service.get(reference).decision_deadline == local(2026, 12, 28, 17)
    clock.now = local(2026, 12, 29, 3)  # the clock was off: a night, after the deadline
    run_jobs(ctx, DEADLINES)
    assert decision_notices(db) == []
    clock.now = local(2026, 12, 29, 9, 5)
    run_jobs(ctx, DEADLINES)
    run_jobs(ctx, DEADLINES)
    kinds = [kind for kind, _recipient, _due in decision_notices(db)]
    assert kinds == ["decision_overdue", "decision_escalation"]  # no late pre-warning

    other = cao_dispute(service, clock, local(2026, 12, 4, 11))
    closing = b.closure(no_employee_reason="Systeem.", outcome=None)
    service.change(other, steps.close, OFFICER, closing)
    clock.now = local(2026, 12, 29, 10)
    run_jobs(ctx, DEADLINES)
    assert len(decision_notices(db)) == 2  # closed: nothing for the second one


def test_an_extension_moves_the_notices_to_the_new_deadline(ctx, service, clock, db):
    reference = cao_dispute(service, clock, local(2026, 10, 6, 10))
    assert tick(ctx, clock, local(2026, 10, 27, 8), local(2026, 10, 27, 10)) == [
        local(2026, 10, 27, 9)
    ]
    clock.now = local(2026, 10, 27, 11)
    extension = inputs.Extension(dt.date(2026, 11, 10), "Wachten op de loonadministratie.")
    service.change(reference, decision.extend_deadline, OFFICER, extension)

    assert tick(ctx, clock, local(2026, 10, 27, 11), local(2026, 10, 28, 12)) == []
    sent = tick(ctx, clock, local(2026, 11, 10, 8), local(2026, 11, 10, 18))
    assert sent == [local(2026, 11, 10, 9), local(2026, 11, 10, 17)]
    assert decision_notices(db)[1:] == [
        ("decision_pre_warning", "thread", local(2026, 11, 10, 9)),
        ("decision_overdue", "thread", local(2026, 11, 10, 17)),
        ("decision_escalation", MANAGEMENT, local(2026, 11, 10, 17)),
    ]


NO_REACTION = [job for job in JOBS if job.name == "no_reaction"]


def decided_and_mailed(service, clock, at: dt.datetime) -> str:
    """A CAO dispute closed ongegrond at `at`, its decision letter mailed then."""
    reference = cao_dispute(service, clock, at - dt.timedelta(days=7))
    clock.now = at
    closing = b.closure(no_employee_reason="Systeem.", outcome=Outcome.NOT_UPHELD)
    complaint = service.change(reference, steps.close, OFFICER, closing)
    sent = inputs.LetterSent(LetterKind.DECISION, LetterChannel.EMAIL, "<besluit-1@example.nl>")

    def mailed(session, complaint, now):
        return decision.record_letter_sent(
            complaint, SYSTEM_ACTOR, sent, now=now, terms=service.terms
        )

    service.decide(complaint.id, mailed)
    return reference


def test_no_answer_within_the_wait_is_recorded_once_as_geen_reactie(ctx, service, clock):
    reference = decided_and_mailed(service, clock, local(2026, 11, 2, 10))
    due = service.get(reference).acceptance_due
    assert due == local(2026, 11, 16, 17)  # 10 working days

    clock.now = due - dt.timedelta(minutes=1)
    assert run_jobs(ctx, NO_REACTION) == []
    assert service.get(reference).acceptance is None
    clock.now = due + dt.timedelta(hours=3)  # any hour: a record, not a notice
    run_jobs(ctx, NO_REACTION)
    run_jobs(ctx, NO_REACTION)
    complaint = service.get(reference)
    assert complaint.acceptance is Acceptance.NO_REACTION
    recorded = [e for e in complaint.events if e.kind is EventKind.ACCEPTANCE_RECORDED]
    assert [(e.actor_role, e.data["acceptance"]) for e in recorded] == [
        (Role.SYSTEM, "geen_reactie")
    ]


def test_an_answer_in_time_is_kept(ctx, service, clock):
    reference = decided_and_mailed(service, clock, local(2026, 11, 2, 10))
    clock.now = local(2026, 11, 5, 10)
    answer = inputs.AcceptanceRecord(Acceptance.AGREED)
    service.change(reference, decision.record_acceptance, OFFICER, answer)
    clock.now = local(2026, 11, 20, 10)
    run_jobs(ctx, NO_REACTION)
    assert service.get(reference).acceptance is Acceptance.AGREED
