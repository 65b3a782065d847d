"""What the discussion's forms answer: the officer's request and record of the talk, and the
employee's answer, planned talk or "not mine". The modals themselves are bot.views.forms."""

from __future__ import annotations

from bot.forms.values import Checks, Form
from bot.procedure.inputs import (
    Decline,
    DiscussionRecord,
    DiscussionRequest,
    EmployeeResponse,
    MeetingPlan,
)
from bot.views.ids import Field


def parse_discuss(form: Form) -> DiscussionRequest:
    return DiscussionRequest(
        employee_ids=form.users(Field.EMPLOYEE_IDS),
        message=form.text(Field.MESSAGE),
        share_contact=form.text(Field.SHARE_CONTACT) == "ja",
    )


def parse_discussed(form: Form) -> DiscussionRecord:
    check = Checks()
    discussed_at = check(lambda: form.moment(Field.DISCUSSED_AT))
    # The record checks only its summary: checked here beside the moment.
    record = check(lambda: DiscussionRecord(discussed_at, form.text(Field.SUMMARY) or ""))
    check.done()
    return record


def parse_respond(form: Form) -> EmployeeResponse:
    return EmployeeResponse(
        account=form.text(Field.ACCOUNT) or "",
        cause=form.text(Field.CAUSE),
        proposal=form.text(Field.PROPOSAL),
    )


def parse_plan(form: Form) -> MeetingPlan:
    return MeetingPlan(meeting_at=form.moment(Field.MEETING_AT))


def parse_move_talk(form: Form) -> MeetingPlan:
    """The officer's "Gesprek verzetten": whose talk, and its new moment."""
    check = Checks()
    employee_id = check(lambda: form.required_text(Field.EMPLOYEE_ID))
    meeting_at = check(lambda: form.moment(Field.MEETING_AT))
    check.done()
    return MeetingPlan(meeting_at=meeting_at, employee_id=employee_id)


def parse_decline(form: Form) -> Decline:
    return Decline(reason=form.text(Field.REASON) or "")
