"""The discussion with several employees in the core: who may react, asking again, and when
reminders fall due (office calendar; Monday 27 April 2026 is Koningsdag)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.procedure import AlreadyDone, EventKind, NotAllowed, ProcedureError, steps
from bot.procedure.discussion import (
    DiscussionFact,
    RequestStatus,
    answer_deadline,
    due_facts,
    employee_requests,
    reminder_due,
    request_of,
)
from bot.procedure.inputs import Decline, DiscussionRequest, EmployeeResponse, MeetingPlan
from bot.procedure.model import SYSTEM_ACTOR, Actor, Complaint, Role
from tests.procedure import builders as b

AMS = b.CALENDAR.tz
BRAM = Actor("UBRAM", Role.EMPLOYEE, "bram")
CARLO = Actor("UCARLO", Role.EMPLOYEE, "carlo")
FRIDAY_10 = dt.datetime(2026, 4, 24, 10, tzinfo=AMS)


def at(day: int, hour: int, minute: int = 0, month: int = 4) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=AMS)


def asked(*employees: str, now: dt.datetime = FRIDAY_10) -> Complaint:
    return steps.request_discussion(
        b.registered(), b.OFFICER, DiscussionRequest(employees), now=now
    )


def due(complaint: Complaint, now: dt.datetime) -> list[DiscussionFact]:
    return due_facts(complaint, now, b.CALENDAR, reminder_days=2, escalation_days=5)


@pytest.mark.parametrize(
    ("requested", "days", "expected"),
    [
        (FRIDAY_10, 2, at(29, 10)),  # Monday is Koningsdag: Tuesday, Wednesday
        (FRIDAY_10, 5, at(4, 10, month=5)),
        (at(23, 18, 30), 2, at(29, 9)),  # Tuesday 18:30 is after closing: the next opening
        (at(25, 11), 1, at(28, 11)),  # asked on a Saturday
        (at(29, 8), 1, at(30, 9)),  # before opening
    ],
)
def test_reminder_due(requested: dt.datetime, days: int, expected: dt.datetime) -> None:
    assert reminder_due(b.CALENDAR, requested, days) == expected


@pytest.mark.parametrize(
    ("requested", "days", "expected"),
    [
        # Friday 14:49, Monday is Koningsdag: Tuesday and Wednesday count, at end of business.
        (at(24, 14, 49), 2, at(29, 17)),
        (FRIDAY_10, 5, at(4, 17, month=5)),
        (at(23, 18, 30), 2, at(28, 17)),  # after closing: the day still counts as the start
        (at(25, 11), 1, at(28, 17)),  # asked on a Saturday: Tuesday (Monday is Koningsdag)
        (at(13, 16, month=5), 1, at(15, 17, month=5)),  # Ascension Thursday 14 May
        (at(12, 9, month=5), 2, at(15, 17, month=5)),
    ],
)
def test_the_employees_deadline_is_end_of_business_on_its_working_day(
    requested: dt.datetime, days: int, expected: dt.datetime
) -> None:
    """Not the request's clock time days later ("om 14:49"), but 17:00 on the working day."""
    assert answer_deadline(b.CALENDAR, requested, days) == expected


def test_nothing_is_due_at_night_in_a_weekend_or_on_a_holiday() -> None:
    complaint = asked("UBRAM")
    late = [at(24, 20), at(25, 10), at(26, 10), at(27, 10), at(29, 8, 59), at(4, 17, month=5)]
    assert all(due(complaint, moment) == [] for moment in late)
    reminder = DiscussionFact(EventKind.DISCUSSION_REMINDER_SENT, "UBRAM")
    escalation = DiscussionFact(EventKind.DISCUSSION_ESCALATED, "UBRAM")
    assert due(complaint, at(29, 10)) == [reminder]
    assert due(complaint, at(4, 10, month=5)) == [reminder, escalation]


def test_each_reminder_is_recorded_once() -> None:
    complaint = asked("UBRAM", "UCARLO")
    now = at(29, 10)
    for fact in due(complaint, now):
        complaint = steps.record_discussion_fact(complaint, SYSTEM_ACTOR, fact, now=now)
    assert due(complaint, now) == []
    fact = DiscussionFact(EventKind.DISCUSSION_REMINDER_SENT, "UBRAM")
    with pytest.raises(AlreadyDone):
        steps.record_discussion_fact(complaint, SYSTEM_ACTOR, fact, now=now)
    with pytest.raises(ValueError, match="recorded by the bot"):
        steps.record_discussion_fact(complaint, b.OFFICER, fact, now=now)


def test_only_the_silent_are_reminded() -> None:
    complaint = asked("UBRAM", "UCARLO")
    complaint = steps.decline_discussion(complaint, CARLO, Decline("Niet ik."), now=at(24, 11))
    assert due(complaint, at(29, 10)) == [
        DiscussionFact(EventKind.DISCUSSION_REMINDER_SENT, "UBRAM")
    ]


def test_several_employees_each_react_once() -> None:
    complaint = asked("UBRAM", "UCARLO")
    complaint = steps.record_employee_response(
        complaint,
        BRAM,
        EmployeeResponse("Ik was ziek.", proposal="Beter overdragen."),
        now=at(24, 11),
    )
    assert complaint.events[-1].data["all_answered"] is False
    with pytest.raises(AlreadyDone, match="Je hebt hier al op gereageerd"):
        steps.decline_discussion(complaint, BRAM, Decline("Toch niet."), now=at(24, 12))
    complaint = steps.decline_discussion(complaint, CARLO, Decline("Niet ik."), now=at(24, 12))
    assert complaint.events[-1].data == {
        "employee_id": "UCARLO",
        "reason": "Niet ik.",
        "officer_id": "UOFFICER",
        "all_answered": False,  # Carlo declined: not everyone gave an answer
    }
    statuses = {r.employee_id: r.status for r in employee_requests(complaint)}
    assert statuses == {"UBRAM": RequestStatus.ANSWERED, "UCARLO": RequestStatus.DECLINED}
    assert complaint.employee_response == "Ik was ziek."


def test_someone_not_asked_is_refused_and_nothing_changes() -> None:
    complaint = asked("UBRAM")
    with pytest.raises(NotAllowed, match="aan een andere medewerker gesteld"):
        steps.record_employee_response(complaint, CARLO, EmployeeResponse("Ik?"), now=at(24, 11))
    with pytest.raises(NotAllowed):
        steps.plan_meeting(complaint, b.OFFICER, MeetingPlan(at(28, 10)), now=at(24, 11))


def test_asking_again_who_declined_is_allowed_but_not_who_is_still_asked() -> None:
    complaint = asked("UBRAM", "UCARLO")
    complaint = steps.decline_discussion(complaint, CARLO, Decline("Niet ik."), now=at(24, 11))
    with pytest.raises(ProcedureError) as error:
        steps.request_discussion(
            complaint, b.OFFICER, DiscussionRequest(("UBRAM", "UDIRK")), now=at(24, 12)
        )
    assert (error.value.message, error.value.field) == (
        "Al gevraagd en nog niet beantwoord: UBRAM.",  # surface-neutral: no chat markup
        "employee_ids",
    )
    assert error.value.people == {"employees": ("UBRAM",)}
    assert (
        error.value.written(lambda user: f"@{user}")
        == "Al gevraagd en nog niet beantwoord: @UBRAM."
    )
    with pytest.raises(AlreadyDone):  # the same request submitted twice
        steps.request_discussion(
            complaint, b.OFFICER, DiscussionRequest(("UBRAM",)), now=at(24, 12)
        )
    again = steps.request_discussion(
        complaint, b.OFFICER, DiscussionRequest(("UCARLO",)), now=at(24, 12)
    )
    latest = request_of(again, "UCARLO")
    assert latest is not None and latest.status is RequestStatus.OPEN
    assert latest.requested_at == at(24, 12)


def test_a_planned_talk_is_reminded_on_its_day_only_before_it_starts() -> None:
    complaint = asked("UBRAM")
    complaint = steps.plan_meeting(complaint, BRAM, MeetingPlan(at(28, 14)), now=at(24, 11))
    with pytest.raises(ProcedureError, match="in de toekomst"):
        steps.plan_meeting(complaint, BRAM, MeetingPlan(at(24, 10)), now=at(24, 11))
    meeting = [DiscussionFact(EventKind.MEETING_REMINDER_SENT, "UBRAM")]
    assert due(complaint, at(28, 8)) == []
    assert due(complaint, at(28, 9)) == meeting
    assert due(complaint, at(28, 14)) == []
    # A planned talk is a reaction: no reminder to answer, though the answer may still come.
    assert due(complaint, at(4, 10, month=5)) == []
    answered = steps.record_employee_response(
        complaint, BRAM, EmployeeResponse("Zoals besproken."), now=at(28, 15)
    )
    assert request_of(answered, "UBRAM").status is RequestStatus.ANSWERED


def test_the_request_records_what_was_shared_with_whom() -> None:
    complaint = b.registered()
    shared = steps.request_discussion(
        complaint, b.OFFICER, DiscussionRequest(("UBRAM",), "Graag.", True), now=FRIDAY_10
    )
    assert shared.events[-1].data == {
        "employee_ids": ["UBRAM"],
        "message": "Graag.",
        "shared": ["complainant_phone", "complainant_email"],
    }
    kept = steps.request_discussion(
        complaint, b.OFFICER, DiscussionRequest(("UBRAM",)), now=FRIDAY_10
    )
    assert kept.events[-1].data == {"employee_ids": ["UBRAM"], "shared": []}


def test_a_planned_talk_is_moved_to_a_new_moment_and_reminded_again() -> None:
    """ "Gesprek verzetten": a step of its own, an event the thread shows, and the reminder
    goes out again for the new day."""
    complaint = asked("UBRAM")
    with pytest.raises(ProcedureError, match="geen gepland gesprek"):
        steps.move_meeting(complaint, BRAM, MeetingPlan(at(29, 10)), now=at(24, 11))
    complaint = steps.plan_meeting(complaint, BRAM, MeetingPlan(at(28, 14)), now=at(24, 11))
    fact = DiscussionFact(EventKind.MEETING_REMINDER_SENT, "UBRAM")
    complaint = steps.record_discussion_fact(complaint, SYSTEM_ACTOR, fact, now=at(28, 9))
    with pytest.raises(ProcedureError, match="in de toekomst") as past:
        steps.move_meeting(complaint, BRAM, MeetingPlan(at(28, 8)), now=at(28, 9, 30))
    assert past.value.field == "meeting_at"
    with pytest.raises(ProcedureError, match="ander moment"):
        steps.move_meeting(complaint, BRAM, MeetingPlan(at(28, 14)), now=at(28, 9, 30))
    with pytest.raises(NotAllowed):
        steps.move_meeting(complaint, CARLO, MeetingPlan(at(30, 10)), now=at(28, 9, 30))

    complaint = steps.move_meeting(complaint, BRAM, MeetingPlan(at(30, 10)), now=at(28, 9, 30))
    event = complaint.events[-1]
    assert event.kind is EventKind.MEETING_MOVED
    assert event.data["officer_id"] == "UOFFICER"
    assert dt.datetime.fromisoformat(event.data["moved_from"]) == at(28, 14)
    (request,) = employee_requests(complaint)
    assert request.status is RequestStatus.PLANNED and request.meeting_at == at(30, 10)
    assert due(complaint, at(30, 9)) == [fact]  # reminded again, on the new day
