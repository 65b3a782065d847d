"""The procedure's steps. Each takes the acting person, validated input and "now", checks the
role and the guards, and returns the changed complaint with one new event appended.

Nothing here knows about Slack or SQL: storage persists what a step returns, and every user
interface (Slack, CLI, demo) goes through these functions, so none can bypass a guard.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, replace
from typing import Any

from bot.procedure import inputs
from bot.procedure.changes import (
    already_done,
    append_event,
    require_open,
    require_registered,
)
from bot.procedure.discussion import (
    DiscussionFact,
    EmployeeRequest,
    RequestStatus,
    all_answered,
    employee_requests,
    request_of,
)
from bot.procedure.errors import AlreadyDone, NotAllowed, ProcedureError
from bot.procedure.model import (
    SYSTEM_ACTOR,
    Actor,
    Complaint,
    EventKind,
    Role,
    State,
)
from bot.procedure.roles import require_role
from bot.procedure.signals import ALERT_KEY, new_signals
from bot.procedure.terms import DecisionTerms, decision_deadline_for
from bot.texts import moment_in_words
from bot.texts import procedure as text
from bot.workdays import WorkCalendar

CLOSURE_FIELDS = (
    "closed_at",
    "resolution",
    "root_cause_category",
    "root_cause",
    "corrective_measures",
    "preventive_measures",
    "customer_satisfied",
    "no_employee_reason",
    "effectiveness_check_on",
    "effectiveness_result",
    "effective",
    # the decision, its letter, the complainant's answer and their recourse
    "outcome",
    "decision_letter",
    "decision_sent_at",
    "acceptance_due",
    "acceptance",
    "acceptance_at",
    "recourse_body",
    "recourse_body_name",
    "recourse_on",
    "recourse_result",
    "recourse_result_text",
    "recourse_result_on",
)


def receive(
    intake: inputs.Intake, actor: Actor, *, calendar: WorkCalendar, contact_days: int
) -> Complaint:
    """A new complaint in state `received`, with its contact deadline."""
    require_role(actor, "receive")
    complaint = _received(intake, calendar, contact_days)
    data = {"source": intake.source, "attachments": intake.attachments}
    return append_event(complaint, EventKind.RECEIVED, actor, intake.received_at, data)


def admit(
    intake: inputs.Intake,
    actor: Actor,
    *,
    calendar: WorkCalendar,
    contact_days: int,
    reason: str,
    now: dt.datetime,
) -> Complaint:
    """An e-mail the intake ignored (as machine mail, for `reason`) made a complaint after all:
    received at its original moment, with the contact deadline that follows from it."""
    require_role(actor, "admit")
    complaint = _received(intake, calendar, contact_days)
    data = {
        "source": intake.source,
        "attachments": intake.attachments,
        "ignored_reason": reason,
        "admitted_at": now.isoformat(),
    }
    return append_event(complaint, EventKind.RECEIVED, actor, intake.received_at, data)


def _received(intake: inputs.Intake, calendar: WorkCalendar, contact_days: int) -> Complaint:
    return Complaint(
        state=State.RECEIVED,
        source=intake.source,
        received_at=intake.received_at,
        contact_deadline=calendar.deadline_after(intake.received_at, contact_days),
        subject=intake.subject,
        body=intake.body,
        complainant_name=intake.complainant_name,
        complainant_email=intake.complainant_email,
        complainant_phone=intake.complainant_phone,
        phone_uncertain=intake.phone_uncertain and intake.complainant_phone is not None,
        forwarded_by=intake.forwarded_by,
        source_link=intake.source_link,
    )


def register(
    complaint: Complaint,
    actor: Actor,
    data: inputs.Registration,
    *,
    now: dt.datetime,
    terms: DecisionTerms,
) -> Complaint:
    """Record who complains, about what, what they ask for and how severe it is; the route sets
    the decision deadline."""
    require_role(actor, "register")
    require_open(complaint, now)
    if complaint.registered_at is not None:
        raise already_done(complaint, EventKind.REGISTERED, text.ALREADY_REGISTERED, now)
    _require_start_not_ahead(data, now)
    # An empty phone field keeps the number intake found (and whether it is uncertain); it
    # never erases it. A number given here is the officer's: certain.
    phone = data.complainant_phone or complaint.complainant_phone
    uncertain = complaint.phone_uncertain and not data.complainant_phone
    registration = replace(data, complainant_phone=phone)
    changed = replace(
        complaint, registered_at=now, phone_uncertain=uncertain, **asdict(registration)
    )
    changed = replace(changed, decision_deadline=decision_deadline_for(changed, terms))
    event_data = {**asdict(registration), ALERT_KEY: _alert(complaint, changed)}
    return _advance(changed, EventKind.REGISTERED, actor, now, event_data)


def reclassify(
    complaint: Complaint,
    actor: Actor,
    data: inputs.Assessment,
    *,
    now: dt.datetime,
    terms: DecisionTerms,
) -> Complaint:
    """Change the route, remedy or severity recorded at registration (the event keeps before
    and after). While the complaint is open its decision deadline follows the new route, but
    never moves before an extension already granted."""
    require_role(actor, "reclassify")
    if complaint.state is State.REJECTED:
        raise already_done(complaint, EventKind.REJECTED, text.ALREADY_REJECTED, now)
    if complaint.registered_at is None:
        raise ProcedureError(text.NOT_REGISTERED)
    _require_start_not_ahead(data, now)
    changed = replace(complaint, **asdict(data))
    if complaint.is_open:
        # Also gives a complaint registered before routes existed its decision deadline.
        deadline = decision_deadline_for(changed, terms)
        if complaint.last_event(EventKind.DEADLINE_EXTENDED) and complaint.decision_deadline:
            deadline = max(deadline, complaint.decision_deadline)
        changed = replace(changed, decision_deadline=deadline)
    if changed == complaint:
        if complaint.events and complaint.events[-1].kind is EventKind.RECLASSIFIED:
            raise already_done(complaint, EventKind.RECLASSIFIED, text.ALREADY_DONE, now)
        raise ProcedureError(text.NOTHING_CHANGED)
    event_data = {**asdict(data), ALERT_KEY: _alert(complaint, changed)}
    return append_event(changed, EventKind.RECLASSIFIED, actor, now, event_data)


def _require_start_not_ahead(data: inputs.Assessment, now: dt.datetime) -> None:
    if data.decision_start is not None and data.decision_start > now.date():
        raise ProcedureError(text.DECISION_START_AHEAD, field="decision_start")


def _alert(before: Complaint, after: Complaint) -> list[str] | None:
    """The signals management must hear of now, for the event (None: nothing to tell)."""
    return [signal.value for signal in new_signals(before, after)] or None


def record_contact(
    complaint: Complaint, actor: Actor, data: inputs.Contact, *, now: dt.datetime
) -> Complaint:
    """Record the contact with the customer: this, and only this, stops the deadline clock."""
    require_role(actor, "record_contact")
    require_registered(complaint, now)
    if complaint.contacted_at is not None:
        raise already_done(complaint, EventKind.CONTACT_RECORDED, text.ALREADY_DONE, now)
    if data.contacted_at > now:
        raise ProcedureError(text.CONTACT_IN_FUTURE, field="contacted_at")
    if data.contacted_at < complaint.received_at:
        raise ProcedureError(text.CONTACT_BEFORE_RECEIPT, field="contacted_at")
    changed = replace(
        complaint,
        contacted_at=data.contacted_at,
        contact_outcome=data.outcome,
        agreed_measures=data.agreed_measures,
    )
    return _advance(changed, EventKind.CONTACT_RECORDED, actor, now, asdict(data))


def request_discussion(
    complaint: Complaint, actor: Actor, data: inputs.DiscussionRequest, *, now: dt.datetime
) -> Complaint:
    """Ask one or more employees for their side (the bot sends each a direct message). More
    can be asked later, e.g. when someone says it is not theirs; not someone still asked."""
    require_role(actor, "request_discussion")
    require_registered(complaint, now)
    if complaint.discussed_at is not None:
        # The discussion is a recorded fact; asking again would reopen it behind the officer.
        raise already_done(complaint, EventKind.DISCUSSION_REQUESTED, text.ALREADY_DONE, now)
    waiting = {r.employee_id for r in employee_requests(complaint) if r.waiting}
    again = [employee for employee in data.employee_ids if employee in waiting]
    if again == list(data.employee_ids):  # a double submission
        raise already_done(complaint, EventKind.DISCUSSION_REQUESTED, text.ALREADY_DONE, now)
    if again:
        raise ProcedureError(text.ALREADY_ASKED, field="employee_ids", people={"employees": again})
    changed = replace(
        complaint,
        employee_id=complaint.employee_id or data.employee_ids[0],
        discussion_requested_at=complaint.discussion_requested_at or now,
    )
    # What the employees get to see of the complainant's contact details, for the history.
    shared = []
    if data.share_contact:
        shared = [
            name
            for name, value in (
                ("complainant_phone", complaint.complainant_phone),
                ("complainant_email", complaint.complainant_email),
            )
            if value
        ]
    event_data = {
        "employee_ids": list(data.employee_ids),
        "message": data.message,
        "shared": shared,
    }
    return _advance(changed, EventKind.DISCUSSION_REQUESTED, actor, now, event_data)


def record_employee_response(
    complaint: Complaint, actor: Actor, data: inputs.EmployeeResponse, *, now: dt.datetime
) -> Complaint:
    """An asked employee gives their side; only they may."""
    waiting_request(complaint, actor, "record_employee_response", now)
    changed = complaint
    if complaint.employee_responded_at is None:
        changed = replace(complaint, employee_response=data.account, employee_responded_at=now)
    return _employee_reaction(changed, EventKind.EMPLOYEE_RESPONDED, actor, now, asdict(data))


def decline_discussion(
    complaint: Complaint, actor: Actor, data: inputs.Decline, *, now: dt.datetime
) -> Complaint:
    """ "Ligt niet bij mij": the officer is told at once and can ask someone else."""
    waiting_request(complaint, actor, "decline_discussion", now)
    return _employee_reaction(complaint, EventKind.EMPLOYEE_DECLINED, actor, now, asdict(data))


def plan_meeting(
    complaint: Complaint, actor: Actor, data: inputs.MeetingPlan, *, now: dt.datetime
) -> Complaint:
    """The employee plans a talk with the officer; both are reminded on the day."""
    waiting_request(complaint, actor, "plan_meeting", now)
    if data.meeting_at <= now:
        raise ProcedureError(text.MEETING_IN_PAST, field="meeting_at")
    planned = {"meeting_at": data.meeting_at}  # their own talk: `employee_id` is theirs
    return _employee_reaction(complaint, EventKind.MEETING_PLANNED, actor, now, planned)


def move_meeting(
    complaint: Complaint, actor: Actor, data: inputs.MeetingPlan, *, now: dt.datetime
) -> Complaint:
    """The employee moves the talk they planned to a new moment ("Gesprek verzetten"), or the
    officer moves it from the card (`data.employee_id` names whose talk). Both are reminded on
    the new day; the officer is told in the thread when the employee moved it."""
    by_officer = data.employee_id is not None and data.employee_id != actor.user_id
    if by_officer:
        request = _planned_talk(complaint, actor, data.employee_id or "", now)
    else:
        request = waiting_request(complaint, actor, "move_meeting", now)
    if request.status is not RequestStatus.PLANNED or request.meeting_at is None:
        raise ProcedureError(text.NO_MEETING_TO_MOVE)
    if data.meeting_at <= now:
        raise ProcedureError(text.MEETING_IN_PAST, field="meeting_at")
    if data.meeting_at == request.meeting_at:
        raise ProcedureError(text.MEETING_NOT_MOVED, field="meeting_at")
    moved = {
        **asdict(data),
        "employee_id": request.employee_id,
        # Whoever moved it knows: only the employee's move is told to the officer.
        "officer_id": None if by_officer else request.officer_id,
        "moved_from": request.meeting_at.isoformat(),
    }
    return append_event(complaint, EventKind.MEETING_MOVED, actor, now, moved)


def _planned_talk(
    complaint: Complaint, actor: Actor, employee_id: str, now: dt.datetime
) -> EmployeeRequest:
    """The talk `employee_id` planned, for the officer to move."""
    require_role(actor, "move_planned_talk")
    require_open(complaint, now)
    request = request_of(complaint, employee_id)
    if request is None or request.status is not RequestStatus.PLANNED:
        raise ProcedureError(text.NO_MEETING_TO_MOVE, field="employee_id")
    return request


def record_discussion_fact(
    complaint: Complaint, actor: Actor, fact: DiscussionFact, *, now: dt.datetime
) -> Complaint:
    """A fact about one employee's request the bot observed or did: unreachable in Slack, a
    reminder sent, an escalation. Each once per request: a second attempt (another process,
    a repeated scan) raises AlreadyDone and changes nothing."""
    if actor.role is not Role.SYSTEM:
        raise ValueError("discussion facts are recorded by the bot")
    kind, employee_id = fact.kind, fact.employee_id
    request = request_of(complaint, employee_id)
    if request is None:
        raise ProcedureError(text.NO_DISCUSSION_REQUESTED)
    done = {
        EventKind.EMPLOYEE_UNREACHABLE: request.status is RequestStatus.UNREACHABLE,
        EventKind.DISCUSSION_REMINDER_SENT: request.reminded,
        EventKind.DISCUSSION_ESCALATED: request.escalated,
        EventKind.MEETING_REMINDER_SENT: request.meeting_reminded,
    }
    if kind not in done:
        raise ValueError(f"{kind} is not a discussion fact")
    if done[kind]:
        raise already_done(complaint, kind, text.ALREADY_DONE, now)
    data: dict[str, Any] = {"employee_id": employee_id, "officer_id": request.officer_id}
    if kind is EventKind.MEETING_REMINDER_SENT:
        data["meeting_at"] = request.meeting_at
    return append_event(complaint, kind, actor, now, data)


def waiting_request(
    complaint: Complaint, actor: Actor, step: str, now: dt.datetime
) -> EmployeeRequest:
    """The actor's own open request: anyone else is refused, as is a second answer."""
    require_role(actor, step)
    require_open(complaint, now)
    if complaint.discussion_requested_at is None:
        raise ProcedureError(text.NO_DISCUSSION_REQUESTED)
    request = request_of(complaint, actor.user_id)
    if request is None:
        raise NotAllowed(text.NOT_YOUR_DISCUSSION)
    if not request.waiting:
        when = "?"
        if request.reacted_at:
            today = now.astimezone(request.reacted_at.tzinfo).date()
            when = moment_in_words(request.reacted_at, today)
        raise AlreadyDone(text.ALREADY_ANSWERED.format(when=when))
    return request


def _employee_reaction(
    complaint: Complaint, kind: EventKind, actor: Actor, now: dt.datetime, data: dict[str, Any]
) -> Complaint:
    """Append the reaction; `all_answered` tells the officer when everyone asked answered."""
    request = request_of(complaint, actor.user_id)
    data = {"employee_id": actor.user_id, **data}
    after = employee_requests(append_event(complaint, kind, actor, now, data))
    data["officer_id"] = request.officer_id if request else None
    data["all_answered"] = all_answered(after)
    return append_event(complaint, kind, actor, now, data)


def record_discussion(
    complaint: Complaint, actor: Actor, data: inputs.DiscussionRecord, *, now: dt.datetime
) -> Complaint:
    """The officer has discussed the complaint with the employee concerned."""
    require_role(actor, "record_discussion")
    require_registered(complaint, now)
    if complaint.discussed_at is not None:
        raise already_done(complaint, EventKind.DISCUSSION_RECORDED, text.ALREADY_DONE, now)
    employee_id = data.employee_id or complaint.employee_id
    if employee_id is None:
        raise ProcedureError(text.NO_DISCUSSION_REQUESTED, field="employee_id")
    if data.discussed_at > now:
        raise ProcedureError(text.DISCUSSION_IN_FUTURE, field="discussed_at")
    if data.discussed_at < complaint.received_at:
        raise ProcedureError(text.DISCUSSION_BEFORE_RECEIPT, field="discussed_at")
    changed = replace(
        complaint,
        employee_id=employee_id,
        discussion_requested_at=complaint.discussion_requested_at or data.discussed_at,
        discussed_at=data.discussed_at,
        discussion_summary=data.summary,
    )
    return _advance(changed, EventKind.DISCUSSION_RECORDED, actor, now, asdict(data))


def close(
    complaint: Complaint, actor: Actor, data: inputs.Closure, *, now: dt.datetime
) -> Complaint:
    """Close with the resolution, root cause and measures, and the decision (outcome and the
    letter's final text) that the complainant receives."""
    require_role(actor, "close")
    require_registered(complaint, now)
    if complaint.contacted_at is None:
        raise ProcedureError(text.CLOSE_NEEDS_CONTACT)
    if complaint.discussed_at is None and not data.no_employee_reason:
        raise ProcedureError(text.CLOSE_NEEDS_DISCUSSION, field="no_employee_reason")
    if data.effectiveness_check_on is not None and data.effectiveness_check_on <= now.date():
        raise ProcedureError(text.EFFECTIVENESS_DATE_PAST, field="effectiveness_check_on")
    changed = replace(complaint, state=State.CLOSED, closed_at=now, **asdict(data))
    return append_event(changed, EventKind.CLOSED, actor, now, asdict(data))


def reject(
    complaint: Complaint, actor: Actor, data: inputs.Rejection, *, now: dt.datetime
) -> Complaint:
    """Mark as no complaint (spam, not a complaint, a duplicate of another one)."""
    require_role(actor, "reject")
    if complaint.state is State.CLOSED:
        raise ProcedureError(text.NOT_REJECTABLE)
    require_open(complaint, now)
    if data.duplicate_of and data.duplicate_of == complaint.reference:
        raise ProcedureError(text.DUPLICATE_OF_ITSELF, field="duplicate_of")
    changed = replace(
        complaint,
        state=State.REJECTED,
        rejected_reason=data.reason,
        duplicate_of=data.duplicate_of,
    )
    return append_event(changed, EventKind.REJECTED, actor, now, asdict(data))


def reopen(
    complaint: Complaint, actor: Actor, data: inputs.Reopening, *, now: dt.datetime
) -> Complaint:
    """Reopen a closed or rejected complaint; it returns to the furthest step it had reached."""
    require_role(actor, "reopen")
    if complaint.state not in (State.CLOSED, State.REJECTED):
        raise ProcedureError(text.NOT_CLOSED)
    if complaint.recourse_open:
        raise ProcedureError(text.REOPEN_RECOURSE_OPEN)
    cleared: dict[str, Any] = dict.fromkeys(CLOSURE_FIELDS)
    changed = replace(complaint, rejected_reason=None, duplicate_of=None, **cleared)
    return _advance(changed, EventKind.REOPENED, actor, now, asdict(data))


def add_note(
    complaint: Complaint, actor: Actor, data: inputs.Note, *, now: dt.datetime
) -> Complaint:
    require_role(actor, "add_note")
    return append_event(complaint, EventKind.NOTE_ADDED, actor, now, asdict(data))


def record_effectiveness(
    complaint: Complaint, actor: Actor, data: inputs.EffectivenessResult, *, now: dt.datetime
) -> Complaint:
    """ISO 9001 10.2: record whether the measures taken on closing have worked."""
    require_role(actor, "record_effectiveness")
    if complaint.state is not State.CLOSED or complaint.effectiveness_check_on is None:
        raise ProcedureError(text.EFFECTIVENESS_NOT_DUE)
    if complaint.effectiveness_result is not None:
        raise already_done(complaint, EventKind.EFFECTIVENESS_RECORDED, text.ALREADY_DONE, now)
    changed = replace(complaint, effective=data.effective, effectiveness_result=data.result)
    return append_event(changed, EventKind.EFFECTIVENESS_RECORDED, actor, now, asdict(data))


def record_fact(
    complaint: Complaint, kind: EventKind, *, now: dt.datetime, data: dict[str, Any] | None = None
) -> Complaint:
    """A fact the bot itself observed (a reply e-mail, an acknowledgement, a warning)."""
    if kind not in (
        EventKind.REPLY_RECEIVED,
        EventKind.ACKNOWLEDGEMENT_SENT,
        EventKind.WARNING_SENT,
    ):
        raise ValueError(f"{kind} is not a bot fact")
    return append_event(complaint, kind, SYSTEM_ACTOR, now, data or {})


def progress_state(complaint: Complaint) -> State:
    """The furthest step reached: registered < contacted < discussion (closure apart)."""
    if complaint.discussion_requested_at is not None:
        return State.DISCUSSION
    if complaint.contacted_at is not None:
        return State.CONTACTED
    if complaint.registered_at is not None:
        return State.REGISTERED
    return State.RECEIVED


def _advance(
    complaint: Complaint, kind: EventKind, actor: Actor, now: dt.datetime, data: dict[str, Any]
) -> Complaint:
    return append_event(replace(complaint, state=progress_state(complaint)), kind, actor, now, data)
