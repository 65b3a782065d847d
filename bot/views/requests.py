"""The discussion with employees as they and the officer see it: the employee's request (a
direct message, rebuilt in place after every change), its entry on their dashboard, the
reminders, and what the officer is told in the thread.

Privacy: an employee sees the complainant's name and the complaint with any phone number or
e-mail address in its text masked; the number and address themselves only when the officer
chose to share them.
"""

from __future__ import annotations

import datetime as dt

from bot.logs import mask_personal_data
from bot.procedure import Complaint, Event, EventKind, Route
from bot.procedure.discussion import EmployeeRequest, RequestStatus, answer_deadline
from bot.procedure.people import people_in
from bot.readable import names_in
from bot.service import ComplaintService
from bot.texts import RELATION_TYPE_LABELS
from bot.texts import discussion as text
from bot.texts import slack as slack_text
from bot.views.card import category_label, phone_span
from bot.views.context import Context
from bot.views.excerpts import quoted, subject, truncate
from bot.views.ids import Action
from bot.views.model import (
    Actions,
    Block,
    Button,
    ButtonStyle,
    Fact,
    Facts,
    Heading,
    Icon,
    Line,
    Mention,
    Message,
    Moment,
    MomentStyle,
    Paragraph,
    Quote,
    Span,
)
from bot.views.people import first_mention
from bot.views.spans import fill, joined, labelled, strong

SUMMARY_CHARS = 500


def answer_due(service: ComplaintService, request: EmployeeRequest) -> dt.datetime:
    """When the employee is asked to answer by (the procedure's rule: end of business on the
    working day the reminder falls on)."""
    days = service.settings.discussion_reminder_days
    return answer_deadline(service.calendar, request.requested_at, days)


def rebuild_at(
    complaint: Complaint, request: EmployeeRequest, due: dt.datetime, now: dt.datetime
) -> dt.datetime | None:
    """When the request's message changes though the complaint does not: at its answer
    deadline, while that is still to come and the employee has not reacted."""
    waiting = complaint.is_open and request.status is RequestStatus.OPEN
    return due if waiting and now < due else None


def key_of(request: EmployeeRequest) -> str:
    return f"request:{request.request_event_id}:{request.employee_id}"


def request_message(
    complaint: Complaint,
    request: EmployeeRequest,
    due: dt.datetime,
    now: dt.datetime,
) -> Message:
    """The direct message asking `request.employee_id` for their side, showing what they
    already did; once `now` is past `due`, the deadline reads as passed."""
    reference = complaint.reference or "?"
    officer = first_mention(request.officer_id)
    blocks: list[Block] = [
        Heading(text.DM_HEADER.format(reference=reference)),
        Paragraph((fill(text.DM_INTRO, officer=officer),)),
        Facts(_complaint_facts(complaint, now)),
    ]
    if complaint.route is not Route.DISCRIMINATION:  # confidential: the officer's words only
        blocks.append(Paragraph((_summary(complaint),)))
    if request.message:
        said = (strong(*fill(text.DM_OFFICER_MESSAGE, officer=officer)),)
        blocks.append(Paragraph((said, quoted(request.message, 2500))))
    if request.share_contact:
        blocks.append(Paragraph((labelled(text.DM_CONTACT, *_contact_details(complaint)),)))
    blocks += _status_blocks(complaint, request, due, now)
    summary = (text.DM_FALLBACK.format(reference=reference),)
    return Message(key_of(request), summary, tuple(blocks))


def _status_blocks(
    complaint: Complaint, request: EmployeeRequest, due: dt.datetime, now: dt.datetime
) -> list[Block]:
    moment: Span = Moment(request.reacted_at, now=now) if request.reacted_at else ""
    if request.status is RequestStatus.ANSWERED:
        answered = (Icon.DONE, " ", *fill(text.DM_ANSWERED, moment=moment))
        return [Paragraph((answered,)), *_answer_blocks(request)]
    if request.status is RequestStatus.DECLINED:
        declined = (Icon.NOT_MINE, " ", *fill(text.DM_DECLINED, moment=moment))
        return [Paragraph((declined, quoted(request.reason or "", 2500)))]
    if not complaint.is_open:
        return [Paragraph(((Icon.CLOSED, " ", text.DM_CLOSED),))]
    buttons = request_actions(complaint, request)
    if request.status is RequestStatus.PLANNED and request.meeting_at:
        planned_at = Moment(request.meeting_at, now=now)
        planned = (Icon.CALENDAR, " ", *fill(text.DM_PLANNED, moment=planned_at))
        return [Paragraph((planned,)), buttons]
    asked = fill(
        text.DM_ASK_LATE if now >= due else text.DM_ASK,
        asked=strong(text.DM_ASKED),
        due=Moment(due, now=now),
        decline=strong(text.BUTTON_DECLINE),
    )
    return [Paragraph((asked,)), buttons]


def _answer_blocks(request: EmployeeRequest) -> list[Block]:
    parts = (
        (text.LABEL_ACCOUNT, request.account),
        (text.LABEL_CAUSE, request.cause),
        (text.LABEL_PROPOSAL, request.proposal),
    )
    return [Paragraph(((strong(label),), quoted(value, 2500))) for label, value in parts if value]


def request_actions(complaint: Complaint, request: EmployeeRequest) -> Actions:
    """The employee's actions; each carries whose they are, so nobody else can use them."""
    context = Context(reference=complaint.reference, employee=request.employee_id)
    buttons = [Button(Action.RESPOND, text.BUTTON_RESPOND, context, ButtonStyle.PRIMARY)]
    if request.status is RequestStatus.OPEN:
        buttons.append(Button(Action.PLAN, text.BUTTON_PLAN, context))
    if request.status is RequestStatus.PLANNED:
        buttons.append(Button(Action.MOVE_MEETING, text.BUTTON_MOVE, context))
    buttons.append(Button(Action.DECLINE, text.BUTTON_DECLINE, context))
    return Actions(tuple(buttons))


def reminder(complaint: Complaint) -> Message:
    """A reply in the request's thread. It names the complaint by its reference only: the bot
    keeps no record of it, so erasure could not rewrite a subject in it (the request above it
    is rewritten)."""
    said = fill(text.DM_REMINDER, reference=complaint.reference or "?")
    return Message(f"reminder:{complaint.reference}", (Icon.REMINDER, " ", *said))


def meeting_reminders(
    complaint: Complaint, request: EmployeeRequest, sent_at: dt.datetime
) -> tuple[Message, Message]:
    """(to the employee, to the officer) on the day of their talk, or the working day before
    a talk at opening time."""
    when = _meeting_moment(request.meeting_at, sent_at)
    reference = complaint.reference or "?"
    officer, employee = first_mention(request.officer_id), first_mention(request.employee_id)
    to_employee = fill(
        text.MEETING_REMINDER_EMPLOYEE, when=when, officer=officer, reference=reference
    )
    to_officer = fill(
        text.MEETING_REMINDER_OFFICER, when=when, employee=employee, reference=reference
    )
    key = f"meeting:{key_of(request)}"
    return (
        Message(key, (Icon.CALENDAR, " ", *to_employee)),
        Message(key, (Icon.CALENDAR, " ", *to_officer)),
    )


def _meeting_moment(meeting: dt.datetime | None, sent_at: dt.datetime) -> Line:
    if meeting is None:
        return ("?",)
    local = meeting.astimezone(sent_at.tzinfo)
    if local.date() == sent_at.date():
        return fill(text.MEETING_TODAY, time=Moment(local, MomentStyle.TIME, now=sent_at))
    return (Moment(local, capitalised=True, now=sent_at),)


def dashboard_entry(
    complaint: Complaint,
    request: EmployeeRequest,
    due: dt.datetime,
    now: dt.datetime,
) -> tuple[Block, ...]:
    """One waiting request on a person's dashboard, with the same actions as the message (a
    deadline `now` is past reads as passed)."""
    shown = subject(complaint, 150, contact_details=False)
    title = fill(
        text.HOME_REQUEST_TITLE, reference=strong(complaint.reference or "?"), subject=shown
    )
    if request.status is RequestStatus.PLANNED and request.meeting_at:
        line = fill(text.HOME_REQUEST_PLANNED, moment=Moment(request.meeting_at, now=now))
    else:
        officer = first_mention(request.officer_id)
        template = text.HOME_REQUEST_LATE if now >= due else text.HOME_REQUEST
        line = fill(template, officer=officer, due=Moment(due, now=now))
    return (Paragraph((title, line)), request_actions(complaint, request))


def _complaint_facts(complaint: Complaint, now: dt.datetime) -> tuple[Fact, ...]:
    received = Moment(complaint.received_at.date(), MomentStyle.DAY, now=now)
    if complaint.route is Route.DISCRIMINATION:
        confidential = (subject(complaint, 300, contact_details=False),)
        return (Fact(text.DM_RECEIVED, (received,)), Fact(text.DM_SUBJECT, confidential))
    name = complaint.complainant_name or slack_text.UNKNOWN_COMPLAINANT
    relation = complaint.relation_type
    if relation:
        name = f"{name} ({RELATION_TYPE_LABELS[relation]})"
    return (
        Fact(text.DM_RECEIVED, (received,)),
        Fact(text.DM_SUBJECT, (subject(complaint, 300, contact_details=False),)),
        Fact(text.DM_COMPLAINANT, (truncate(name, 300),)),
        Fact(text.DM_CATEGORY, (category_label(complaint.category),)),
    )


def _summary(complaint: Complaint) -> Line | Quote:
    """The start of the complaint, with phone numbers and e-mail addresses masked."""
    body = " ".join(mask_personal_data(complaint.body).split())
    excerpt = quoted(body, SUMMARY_CHARS)
    return excerpt if excerpt.lines else (slack_text.NO_TEXT,)


def _contact_details(complaint: Complaint) -> Line:
    details: list[Span] = []
    if complaint.complainant_phone:
        details.append(phone_span(complaint.complainant_phone))
    if complaint.complainant_email:
        details += [", ", complaint.complainant_email] if details else [complaint.complainant_email]
    return joined(details) or (slack_text.NOT_YET_RECORDED,)


# -- what the officer is told in the thread ----------------------------------------------------

PINGS = {
    EventKind.EMPLOYEE_DECLINED: text.PING_DECLINED,
    EventKind.EMPLOYEE_UNREACHABLE: text.PING_UNREACHABLE,
    EventKind.DISCUSSION_ESCALATED: text.PING_ESCALATED,
    EventKind.MEETING_PLANNED: text.PING_MEETING,
    EventKind.MEETING_MOVED: text.PING_MEETING_MOVED,
}
ASK_SOMEONE_ELSE = (
    EventKind.EMPLOYEE_DECLINED,
    EventKind.EMPLOYEE_UNREACHABLE,
    EventKind.DISCUSSION_ESCALATED,
)


def officer_pings(complaint: Complaint, event: Event, now: dt.datetime) -> list[Line]:
    """What the officer who asked is told, mentioning them once (before the first line), so
    they are notified: someone declined, is unreachable or silent, planned a talk, or everyone
    asked has now given their answer. The employee is named, not mentioned: the officer must
    act, not they."""
    if not event.data.get("officer_id"):
        return []
    lines = []
    template = PINGS.get(event.kind)
    if template:
        meeting = event.data.get("meeting_at")
        moment: Span = Moment(dt.datetime.fromisoformat(meeting), now=now) if meeting else ""
        employee = _named(complaint, event.data.get("employee_id"))
        lines.append(fill(template, employee=employee, moment=moment))
    if event.data.get("all_answered"):
        lines.append((text.PING_ALL_ANSWERED,))
    if not lines:
        return []
    officer = first_mention(event.data["officer_id"])
    return [(officer, " ", *lines[0]), *lines[1:]]


def _named(complaint: Complaint, value: object) -> Span:
    """A person by the name the complaint's events know them by; mentioned only when no name
    is known (a mention is the one way to show who it is then)."""
    people = people_in(value)
    if not people:
        return "?"
    name = names_in(complaint).get(people[0].id) or people[0].name
    return name or Mention(people[0])


def ask_someone_else(complaint: Complaint, event: Event) -> list[Block]:
    """An action under a refusal, an unreachable employee or an escalation."""
    if event.kind not in ASK_SOMEONE_ELSE:
        return []
    context = Context(reference=complaint.reference)
    return [Actions((Button(Action.DISCUSS, text.BUTTON_ASK_SOMEONE_ELSE, context),))]
