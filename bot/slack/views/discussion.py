"""The discussion with employees in Block Kit: the officer's two modals, the employee's direct
message (rebuilt in place after every change), their three modals, their App Home entries, and
the reminders.

Privacy: an employee sees the complainant's name and the complaint with any phone number or
e-mail address in its text masked; the number and address themselves only when the officer
chose to share them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.logs import mask_personal_data
from bot.phones import format_phone
from bot.procedure import Complaint, Event, EventKind
from bot.procedure.discussion import EmployeeRequest, RequestStatus
from bot.procedure.inputs import (
    EMPLOYEES_PER_REQUEST,
    Decline,
    DiscussionRecord,
    DiscussionRequest,
    EmployeeResponse,
    MeetingPlan,
)
from bot.slack.context import Context
from bot.slack.ids import ActionId, CallbackId, EmployeeActionId, Field
from bot.slack.views.blocks import (
    actions,
    button,
    context,
    datetime_picker,
    escape,
    fields_section,
    header,
    input_block,
    modal,
    multi_users_select,
    radio_buttons,
    section,
    shown_subject,
    text_input,
    truncate,
)
from bot.slack.views.forms import Form
from bot.texts import CATEGORY_LABELS, RELATION_TYPE_LABELS, date_in_words, moment_in_words
from bot.texts import discussion as text
from bot.texts import slack as slack_text

Blocks = list[dict[str, Any]]
SHARE = {"nee": text.SHARE_NO, "ja": text.SHARE_YES}
SUMMARY_CHARS = 500


# -- the officer's modals ---------------------------------------------------------------------


def discuss_blocks(complaint: Complaint, now: dt.datetime) -> Blocks:
    return [
        input_block(
            Field.EMPLOYEE_IDS,
            text.LABEL_EMPLOYEES,
            multi_users_select(EMPLOYEES_PER_REQUEST),
            hint=text.HINT_EMPLOYEES,
        ),
        input_block(Field.MESSAGE, text.LABEL_MESSAGE, text_input(multiline=True), optional=True),
        input_block(
            Field.SHARE_CONTACT, text.LABEL_SHARE_CONTACT, radio_buttons(SHARE, initial="nee")
        ),
    ]


def parse_discuss(form: Form) -> DiscussionRequest:
    return DiscussionRequest(
        employee_ids=form.users(Field.EMPLOYEE_IDS),
        message=form.text(Field.MESSAGE),
        share_contact=form.text(Field.SHARE_CONTACT) == "ja",
    )


def discussed_blocks(complaint: Complaint, now: dt.datetime) -> Blocks:
    return [
        input_block(Field.DISCUSSED_AT, text.LABEL_DISCUSSED_AT, datetime_picker(now)),
        input_block(Field.SUMMARY, text.LABEL_SUMMARY, text_input(multiline=True)),
    ]


def parse_discussed(form: Form) -> DiscussionRecord:
    return DiscussionRecord(
        discussed_at=form.moment(Field.DISCUSSED_AT), summary=form.text(Field.SUMMARY) or ""
    )


# -- the employee's direct message ----------------------------------------------------------


def employee_message(
    complaint: Complaint, request: EmployeeRequest, due: dt.datetime
) -> dict[str, Any]:
    """`text` and `blocks` of the direct message asking `request.employee_id` for their side,
    showing what they already did."""
    reference = complaint.reference or "?"
    officer = f"<@{request.officer_id}>"
    blocks = [
        header(text.DM_HEADER.format(reference=reference)),
        section(text.DM_INTRO.format(officer=officer)),
        fields_section(_complaint_fields(complaint)),
        section(_summary(complaint)),
    ]
    if request.message:
        quoted = _quote(truncate(request.message, 2500))
        blocks.append(section(f"{text.DM_OFFICER_MESSAGE.format(officer=officer)}\n{quoted}"))
    if request.share_contact:
        blocks.append(section(text.DM_CONTACT.format(details=_contact_details(complaint))))
    blocks += _status_blocks(complaint, request, due)
    return {"text": text.DM_FALLBACK.format(reference=reference), "blocks": blocks}


def _status_blocks(complaint: Complaint, request: EmployeeRequest, due: dt.datetime) -> Blocks:
    moment = moment_in_words(request.reacted_at) if request.reacted_at else ""
    if request.status is RequestStatus.ANSWERED:
        return [section(text.DM_ANSWERED.format(moment=moment)), *_answer_blocks(request)]
    if request.status is RequestStatus.DECLINED:
        reason = _quote(truncate(request.reason or "", 2500))
        return [section(f"{text.DM_DECLINED.format(moment=moment)}\n{reason}")]
    if not complaint.is_open:
        return [section(text.DM_CLOSED)]
    buttons = employee_buttons(complaint, request)
    if request.status is RequestStatus.PLANNED and request.meeting_at:
        planned = text.DM_PLANNED.format(moment=moment_in_words(request.meeting_at))
        return [section(planned), buttons]
    return [section(text.DM_ASK.format(due=moment_in_words(due))), buttons]


def _answer_blocks(request: EmployeeRequest) -> Blocks:
    parts = (
        (text.LABEL_ACCOUNT, request.account),
        (text.LABEL_CAUSE, request.cause),
        (text.LABEL_PROPOSAL, request.proposal),
    )
    return [
        section(f"*{label}*\n{_quote(truncate(value, 2500))}") for label, value in parts if value
    ]


def employee_buttons(complaint: Complaint, request: EmployeeRequest) -> dict[str, Any]:
    """The employee's buttons; each carries whose they are, so nobody else can use them."""
    value = Context(reference=complaint.reference, employee=request.employee_id).dump()
    elements = [button(text.BUTTON_RESPOND, EmployeeActionId.RESPOND.value, value, "primary")]
    if request.status is RequestStatus.OPEN:
        elements.append(button(text.BUTTON_PLAN, EmployeeActionId.PLAN.value, value))
    elements.append(button(text.BUTTON_DECLINE, EmployeeActionId.DECLINE.value, value))
    return actions(elements)


def reminder_message(complaint: Complaint) -> str:
    subject = shown_subject(complaint.subject, 150, contact_details=False)
    return text.DM_REMINDER.format(reference=complaint.reference, subject=subject)


def meeting_reminders(
    complaint: Complaint, request: EmployeeRequest, sent_at: dt.datetime
) -> tuple[str, str]:
    """(to the employee, to the officer) on the day of their talk, or the working day before
    a talk at opening time."""
    when = _meeting_moment(request.meeting_at, sent_at)
    reference = complaint.reference
    officer, employee = f"<@{request.officer_id}>", f"<@{request.employee_id}>"
    return (
        text.MEETING_REMINDER_EMPLOYEE.format(when=when, officer=officer, reference=reference),
        text.MEETING_REMINDER_OFFICER.format(when=when, employee=employee, reference=reference),
    )


def _meeting_moment(meeting: dt.datetime | None, sent_at: dt.datetime) -> str:
    if meeting is None:
        return "?"
    local = meeting.astimezone(sent_at.tzinfo)
    if local.date() == sent_at.date():
        return text.MEETING_TODAY.format(time=f"{local:%H:%M}")
    words = moment_in_words(local)
    return words[0].upper() + words[1:]


def home_request_blocks(complaint: Complaint, request: EmployeeRequest, due: dt.datetime) -> Blocks:
    """One open request on the employee's App Home, with the same buttons as the message."""
    subject = shown_subject(complaint.subject, 150, contact_details=False)
    if request.status is RequestStatus.PLANNED and request.meeting_at:
        line = text.HOME_REQUEST_PLANNED.format(
            reference=complaint.reference,
            subject=subject,
            moment=moment_in_words(request.meeting_at),
        )
    else:
        line = text.HOME_REQUEST.format(
            reference=complaint.reference,
            subject=subject,
            officer=f"<@{request.officer_id}>",
            due=moment_in_words(due),
        )
    return [section(line), employee_buttons(complaint, request)]


def _complaint_fields(complaint: Complaint) -> dict[str, str]:
    name = complaint.complainant_name or slack_text.UNKNOWN_COMPLAINANT
    relation = complaint.relation_type
    if relation:
        name = f"{name} ({RELATION_TYPE_LABELS[relation]})"
    category = complaint.category
    return {
        text.DM_RECEIVED: date_in_words(complaint.received_at.date()),
        text.DM_SUBJECT: shown_subject(complaint.subject, 300, contact_details=False),
        text.DM_COMPLAINANT: escape(truncate(name, 300)),
        text.DM_CATEGORY: CATEGORY_LABELS[category] if category else slack_text.NOT_YET_RECORDED,
    }


def _summary(complaint: Complaint) -> str:
    """The start of the complaint, with phone numbers and e-mail addresses masked."""
    body = " ".join(mask_personal_data(complaint.body).split())
    return _quote(truncate(body, SUMMARY_CHARS)) or slack_text.NO_TEXT


def _contact_details(complaint: Complaint) -> str:
    details = []
    if complaint.complainant_phone:
        phone = complaint.complainant_phone
        details.append(f"<tel:{phone}|{format_phone(phone)}>")
    if complaint.complainant_email:
        details.append(escape(complaint.complainant_email))
    return ", ".join(details) or slack_text.NOT_YET_RECORDED


def _quote(value: str) -> str:
    return "\n".join(f"> {escape(line)}" for line in value.splitlines() if line.strip())


# -- what the officer is told in the thread ----------------------------------------------------

PINGS = {
    EventKind.EMPLOYEE_DECLINED: text.PING_DECLINED,
    EventKind.EMPLOYEE_UNREACHABLE: text.PING_UNREACHABLE,
    EventKind.DISCUSSION_ESCALATED: text.PING_ESCALATED,
    EventKind.MEETING_PLANNED: text.PING_MEETING,
}
ASK_SOMEONE_ELSE = (
    EventKind.EMPLOYEE_DECLINED,
    EventKind.EMPLOYEE_UNREACHABLE,
    EventKind.DISCUSSION_ESCALATED,
)


def officer_pings(event: Event) -> list[str]:
    """Lines mentioning the officer who asked, so Slack notifies them: someone declined, is
    unreachable or silent, planned a talk, or everybody has now reacted."""
    officer = event.data.get("officer_id")
    if not officer:
        return []
    mention, employee = f"<@{officer}>", f"<@{event.data.get('employee_id')}>"
    lines = []
    template = PINGS.get(event.kind)
    if template:
        meeting = event.data.get("meeting_at")
        moment = moment_in_words(dt.datetime.fromisoformat(meeting)) if meeting else ""
        lines.append(template.format(officer=mention, employee=employee, moment=moment))
    if event.data.get("all_reacted"):
        lines.append(text.PING_ALL_REACTED.format(officer=mention))
    return lines


def ask_someone_else(complaint: Complaint, event: Event) -> Blocks:
    """A button under a refusal, an unreachable employee or an escalation."""
    if event.kind not in ASK_SOMEONE_ELSE:
        return []
    value = Context(reference=complaint.reference).dump()
    label = text.BUTTON_ASK_SOMEONE_ELSE
    return [actions([button(label, ActionId.DISCUSS.value, value)])]


# -- the employee's modals -------------------------------------------------------------------


def respond_view(complaint: Complaint, context_: Context) -> dict[str, Any]:
    blocks = [
        _intro(complaint),
        input_block(Field.ACCOUNT, text.LABEL_ACCOUNT, text_input(multiline=True)),
        input_block(Field.CAUSE, text.LABEL_CAUSE, text_input(multiline=True), optional=True),
        input_block(Field.PROPOSAL, text.LABEL_PROPOSAL, text_input(multiline=True), optional=True),
    ]
    callback = CallbackId.EMPLOYEE_RESPOND.value
    return modal(callback, text.TITLE_RESPOND, blocks, context_.dump(), text.SEND)


def parse_respond(form: Form) -> EmployeeResponse:
    return EmployeeResponse(
        account=form.text(Field.ACCOUNT) or "",
        cause=form.text(Field.CAUSE),
        proposal=form.text(Field.PROPOSAL),
    )


def plan_view(complaint: Complaint, context_: Context, suggestion: dt.datetime) -> dict[str, Any]:
    blocks = [
        _intro(complaint),
        input_block(
            Field.MEETING_AT,
            text.LABEL_MEETING_AT,
            datetime_picker(suggestion),
            hint=text.HINT_MEETING_AT,
        ),
    ]
    callback = CallbackId.EMPLOYEE_PLAN.value
    return modal(callback, text.TITLE_PLAN, blocks, context_.dump(), text.SEND)


def parse_plan(form: Form) -> MeetingPlan:
    return MeetingPlan(meeting_at=form.moment(Field.MEETING_AT))


def decline_view(complaint: Complaint, context_: Context) -> dict[str, Any]:
    blocks = [
        _intro(complaint),
        input_block(
            Field.REASON,
            text.LABEL_DECLINE_REASON,
            text_input(multiline=True),
            hint=text.HINT_DECLINE_REASON,
        ),
    ]
    callback = CallbackId.EMPLOYEE_DECLINE.value
    return modal(callback, text.TITLE_DECLINE, blocks, context_.dump(), text.SEND)


def parse_decline(form: Form) -> Decline:
    return Decline(reason=form.text(Field.REASON) or "")


def _intro(complaint: Complaint) -> dict[str, Any]:
    subject = shown_subject(complaint.subject, 300, contact_details=False)
    return context(slack_text.MODAL_INTRO.format(reference=complaint.reference, subject=subject))
