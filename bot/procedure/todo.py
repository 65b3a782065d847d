"""The officer's to-do list: each complaint that needs attention in exactly one group, by what
its next step waits for. The groups of the open complaints add up to the open complaints."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from bot.procedure.discussion import EmployeeRequest, RequestStatus, employee_requests
from bot.procedure.model import Complaint, State


class Todo(StrEnum):
    NOW = "now"  # the officer's move: register, contact, record the talk, follow up on silence
    WAITING = "waiting"  # an employee's answer, a planned talk, or a recourse body's result
    READY = "ready"  # contact made, the discussion done or not needed: closing is next


def todo_of(complaint: Complaint, now: dt.datetime) -> Todo:
    """Which group a complaint that needs attention (open, or closed with a recourse running)
    is in. Contact comes first whatever else runs; an employee who stayed silent after the
    reminder and the escalation, and a talk whose moment has passed, are the officer's move."""
    if not complaint.is_open:
        return Todo.WAITING  # closed, its recourse runs: the recourse body decides
    if complaint.state is State.RECEIVED or complaint.contacted_at is None:
        return Todo.NOW
    if complaint.discussion_requested_at is not None and complaint.discussed_at is None:
        requests = employee_requests(complaint)
        return Todo.WAITING if any(_waited_for(r, now) for r in requests) else Todo.NOW
    return Todo.READY


def _waited_for(request: EmployeeRequest, now: dt.datetime) -> bool:
    if request.status is RequestStatus.OPEN:
        return not request.escalated
    if request.status is RequestStatus.PLANNED:
        return request.meeting_at is not None and request.meeting_at > now
    return False
