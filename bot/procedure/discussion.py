"""The discussion with the employees concerned, as the complaint's events record it.

One request per asked employee, folded from the append-only events: who asked them and when,
whether they answered, planned a talk, said it is not theirs, or could not be reached, and
which reminders went out. The events stay the only record; this is a view of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from bot.procedure.model import Complaint, Event, EventKind
from bot.workdays import WorkCalendar


class RequestStatus(StrEnum):
    OPEN = "open"  # asked, no reaction yet
    PLANNED = "planned"  # the employee planned a talk; their written side may still come
    ANSWERED = "answered"
    DECLINED = "declined"  # "ligt niet bij mij"
    UNREACHABLE = "unreachable"  # left the workspace or deactivated


WAITING = (RequestStatus.OPEN, RequestStatus.PLANNED)


@dataclass(frozen=True)
class EmployeeRequest:
    employee_id: str
    officer_id: str  # who asked, and who is told about the answer
    requested_at: dt.datetime
    message: str | None = None
    share_contact: bool = False
    status: RequestStatus = RequestStatus.OPEN
    reacted_at: dt.datetime | None = None  # the first reaction (or unreachable)
    account: str | None = None
    cause: str | None = None
    proposal: str | None = None
    reason: str | None = None
    meeting_at: dt.datetime | None = None
    reminded: bool = False
    escalated: bool = False
    meeting_reminded: bool = False
    request_event_id: int | None = None  # the stored discussion_requested event

    @property
    def waiting(self) -> bool:
        """Still expected to do something with their buttons."""
        return self.status in WAITING


def employee_requests(complaint: Complaint) -> tuple[EmployeeRequest, ...]:
    """Every request in the order asked; asking someone again starts a new request."""
    requests: list[EmployeeRequest] = []
    for event in complaint.events:
        if event.kind is EventKind.DISCUSSION_REQUESTED:
            requests += _new_requests(event)
            continue
        apply = _FOLDS.get(event.kind)
        if apply is None:
            continue
        employee = str(event.data.get("employee_id") or event.actor_id)
        index = _latest_index(requests, employee)
        if index is not None:
            requests[index] = apply(requests[index], event)
    return tuple(requests)


def request_of(complaint: Complaint, employee_id: str) -> EmployeeRequest | None:
    """The latest request to `employee_id`, if they were asked."""
    requests = employee_requests(complaint)
    index = _latest_index(list(requests), employee_id)
    return None if index is None else requests[index]


def all_answered(requests: tuple[EmployeeRequest, ...]) -> bool:
    """Everyone asked gave their answer ("gereageerd" in the officer's thread means that: the
    written side of the story). A planned talk is not an answer yet, and neither is "ligt niet
    bij mij" nor an unreachable employee: those the officer is told of on their own."""
    return bool(requests) and all(r.status is RequestStatus.ANSWERED for r in requests)


@dataclass(frozen=True)
class DiscussionFact:
    kind: EventKind
    employee_id: str


def reminder_due(calendar: WorkCalendar, requested_at: dt.datetime, days: int) -> dt.datetime:
    """`days` working days after the request, at the same time of day, moved into business
    hours: a request at Friday 10:00 with 2 days falls due Tuesday 10:00."""
    local = requested_at.astimezone(calendar.tz)
    day = calendar.add_working_days(local.date(), days)
    return calendar.next_opening(dt.datetime.combine(day, local.timetz()))


def answer_deadline(calendar: WorkCalendar, requested_at: dt.datetime, days: int) -> dt.datetime:
    """What the employee is asked to answer by: end of business (17:00 by default) on the
    `days`-th working day after the day they were asked, whatever the time of the request (a
    request on Friday 14:49 with 2 days: Tuesday 17:00; weekends, holidays and closing days
    do not count). The reminder goes out on that day at the time of the request
    (reminder_due), before the deadline passes."""
    return calendar.deadline_after(requested_at, days)


def due_facts(
    complaint: Complaint,
    now: dt.datetime,
    calendar: WorkCalendar,
    *,
    reminder_days: int,
    escalation_days: int,
) -> list[DiscussionFact]:
    """The reminders, escalations and meeting reminders to send now. Only during business
    hours on a working day; what fell due at night goes out at the next opening."""
    if not complaint.is_open or not calendar.is_open(now):
        return []
    due: list[DiscussionFact] = []
    for request in employee_requests(complaint):
        if request.status is RequestStatus.OPEN:
            if not request.reminded and now >= reminder_due(
                calendar, request.requested_at, reminder_days
            ):
                due.append(DiscussionFact(EventKind.DISCUSSION_REMINDER_SENT, request.employee_id))
            if not request.escalated and now >= reminder_due(
                calendar, request.requested_at, escalation_days
            ):
                due.append(DiscussionFact(EventKind.DISCUSSION_ESCALATED, request.employee_id))
        if _meeting_reminder_due(request, now, calendar):
            due.append(DiscussionFact(EventKind.MEETING_REMINDER_SENT, request.employee_id))
    return due


def _meeting_reminder_due(
    request: EmployeeRequest, now: dt.datetime, calendar: WorkCalendar
) -> bool:
    meeting = request.meeting_at
    if request.status is not RequestStatus.PLANNED or meeting is None or request.meeting_reminded:
        return False
    return meeting_reminder_from(meeting, calendar) <= now < meeting


def meeting_reminder_from(meeting: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    """Opening time on the day of the talk; for a talk at or before opening time (the time
    the planning modal suggests) or on a closed day, opening time on the working day before,
    since the bot says nothing while the office is closed."""
    day = meeting.astimezone(calendar.tz).date()
    opening = calendar.next_opening(dt.datetime.combine(day, dt.time(), tzinfo=calendar.tz))
    if opening < meeting:
        return opening
    before = day - dt.timedelta(days=1)
    while not calendar.is_working_day(before):
        before -= dt.timedelta(days=1)
    return calendar.next_opening(dt.datetime.combine(before, dt.time(), tzinfo=calendar.tz))


def _new_requests(event: Event) -> list[EmployeeRequest]:
    data = event.data
    ids = data.get("employee_ids") or [data["employee_id"]]
    return [
        EmployeeRequest(
            employee_id=str(employee),
            officer_id=event.actor_id,
            requested_at=event.at,
            message=data.get("message"),
            share_contact=bool(data.get("shared")),
            request_event_id=event.id,
        )
        for employee in ids
    ]


def _latest_index(requests: list[EmployeeRequest], employee_id: str) -> int | None:
    for index in range(len(requests) - 1, -1, -1):
        if requests[index].employee_id == employee_id:
            return index
    return None


def _reacted(request: EmployeeRequest, event: Event, **changes: Any) -> EmployeeRequest:
    return replace(request, reacted_at=request.reacted_at or event.at, **changes)


def _meeting_at(event: Event) -> dt.datetime:
    return dt.datetime.fromisoformat(str(event.data["meeting_at"])).astimezone(event.at.tzinfo)


_FOLDS = {
    EventKind.EMPLOYEE_RESPONDED: lambda r, e: _reacted(
        r,
        e,
        status=RequestStatus.ANSWERED,
        account=e.data.get("account") or e.data.get("response"),
        cause=e.data.get("cause"),
        proposal=e.data.get("proposal"),
    ),
    EventKind.EMPLOYEE_DECLINED: lambda r, e: _reacted(
        r, e, status=RequestStatus.DECLINED, reason=e.data.get("reason")
    ),
    EventKind.MEETING_PLANNED: lambda r, e: _reacted(
        r, e, status=RequestStatus.PLANNED, meeting_at=_meeting_at(e), meeting_reminded=False
    ),
    # A new moment for the talk: reminded again on its day; the first reaction stays.
    EventKind.MEETING_MOVED: lambda r, e: replace(
        r, meeting_at=_meeting_at(e), meeting_reminded=False
    ),
    EventKind.EMPLOYEE_UNREACHABLE: lambda r, e: _reacted(r, e, status=RequestStatus.UNREACHABLE),
    EventKind.DISCUSSION_REMINDER_SENT: lambda r, e: replace(r, reminded=True),
    EventKind.DISCUSSION_ESCALATED: lambda r, e: replace(r, escalated=True),
    EventKind.MEETING_REMINDER_SENT: lambda r, e: replace(r, meeting_reminded=True),
}
