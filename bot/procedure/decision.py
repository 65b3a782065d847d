"""The steps of the complainant's side after registration: extending the decision deadline,
the letters sent, the complainant's answer to the decision and their recourse.

The decision itself is taken by closing (steps.close: outcome and letter). The complaint stays
`closed` afterwards, also while a recourse runs: the agency's handling ended with its decision,
and a recourse is another body's procedure about it. An open recourse keeps the complaint in
the open lists (Complaint.needs_attention) until its result is recorded; a result that asks
the agency to decide again is followed by reopening the complaint.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, replace

from bot.procedure import inputs
from bot.procedure.changes import already_done, append_event, require_registered
from bot.procedure.errors import AlreadyDone, NotAllowed, ProcedureError
from bot.procedure.model import (
    Acceptance,
    Actor,
    Complaint,
    EventKind,
    LetterChannel,
    LetterKind,
    RecourseBody,
    Role,
    Route,
    State,
)
from bot.procedure.roles import require_role
from bot.procedure.terms import (
    DecisionTerms,
    acceptance_due_after,
    latest_extension,
    no_reaction_due,
)
from bot.texts import date_in_words, moment_in_words
from bot.texts import procedure as text

# Where a complainant who does not accept the decision goes, by route (the form's default).
RECOURSE_BODY_OF = {
    Route.SERVICE: RecourseBody.MANAGEMENT,
    Route.CAO_DISPUTE: RecourseBody.GCU,
    Route.APPLICANT: RecourseBody.NVP,
    Route.DISCRIMINATION: RecourseBody.MANAGEMENT,
    Route.PRIVACY_REQUEST: RecourseBody.AP,
}


def extend_deadline(
    complaint: Complaint,
    actor: Actor,
    data: inputs.Extension,
    *,
    now: dt.datetime,
    terms: DecisionTerms,
) -> Complaint:
    """ "Termijn verlengen": the decision deadline moves to the end of business of the new day
    (a working day, later than the current deadline); the complainant is told by mail."""
    require_role(actor, "extend_deadline")
    require_registered(complaint, now)
    current = complaint.decision_deadline
    if current is None:
        raise ProcedureError(text.NO_DECISION_DEADLINE)
    calendar = terms.calendar
    today = now.astimezone(calendar.tz).date()  # the errors' dates: the year if not this one
    last = complaint.last_event(EventKind.DEADLINE_EXTENDED)
    if last is not None and last.data.get("new_date") == data.new_date.isoformat():
        raise already_done(complaint, EventKind.DEADLINE_EXTENDED, text.ALREADY_DONE, now)
    reason = calendar.non_working_reason(data.new_date)
    if reason is not None:
        raise ProcedureError(text.EXTENSION_NOT_WORKING_DAY.format(reason=reason), field="new_date")
    deadline = calendar.end_of_business_on(data.new_date)
    if deadline <= max(current, now):
        when = moment_in_words(max(current, now).astimezone(calendar.tz), today)
        raise ProcedureError(text.EXTENSION_NOT_LATER.format(when=when), field="new_date")
    limit = latest_extension(complaint, terms)
    if limit is not None and deadline > limit:
        day = date_in_words(limit.astimezone(calendar.tz).date(), today)
        raise ProcedureError(text.EXTENSION_BEYOND_AVG.format(day=day), field="new_date")
    changed = replace(complaint, decision_deadline=deadline)
    event_data = {**asdict(data), "previous_deadline": current}
    return append_event(changed, EventKind.DEADLINE_EXTENDED, actor, now, event_data)


def record_letter_sent(
    complaint: Complaint,
    actor: Actor,
    data: inputs.LetterSent,
    *,
    now: dt.datetime,
    terms: DecisionTerms,
) -> Complaint:
    """A letter went to the complainant: the bot records each e-mail it sent (with its
    Message-ID), the officer a letter they posted. Sending the decision starts the wait for
    the complainant's answer (ACCEPTANCE_WAIT_DAYS)."""
    require_role(actor, "record_letter_sent")
    by_mail = data.channel is LetterChannel.EMAIL
    if by_mail != (actor.role is Role.SYSTEM):
        raise NotAllowed(text.MAILED_BY_BOT if by_mail else text.POSTED_BY_OFFICER)
    changed = complaint
    if data.letter is LetterKind.DECISION:
        if complaint.state is not State.CLOSED or complaint.outcome is None:
            raise ProcedureError(text.NO_DECISION)
        if complaint.decision_sent_at is not None:
            raise already_done(complaint, EventKind.LETTER_SENT, text.ALREADY_DONE, now)
        due = acceptance_due_after(now, terms)
        changed = replace(complaint, decision_sent_at=now, acceptance_due=due)
    elif complaint.last_event(EventKind.DEADLINE_EXTENDED) is None:
        raise ProcedureError(text.NO_EXTENSION)
    return append_event(changed, EventKind.LETTER_SENT, actor, now, asdict(data))


def record_acceptance(
    complaint: Complaint, actor: Actor, data: inputs.AcceptanceRecord, *, now: dt.datetime
) -> Complaint:
    """The complainant's answer to the decision: "akkoord" or "niet akkoord" as the officer
    heard it (by reply or by phone), or "geen reactie", which only the bot records, once the
    wait after the letter is over. An answer that comes after "geen reactie" replaces it."""
    require_role(actor, "record_acceptance")
    if complaint.state is not State.CLOSED or complaint.outcome is None:
        raise ProcedureError(text.NO_DECISION)
    by_bot = data.acceptance is Acceptance.NO_REACTION
    if by_bot != (actor.role is Role.SYSTEM):
        raise NotAllowed(text.NO_REACTION_BY_BOT if by_bot else text.ANSWER_BY_OFFICER)
    if by_bot and not no_reaction_due(complaint, now):
        raise AlreadyDone(text.NO_REACTION_NOT_DUE)
    if complaint.acceptance not in (None, Acceptance.NO_REACTION):
        raise already_done(complaint, EventKind.ACCEPTANCE_RECORDED, text.ALREADY_DONE, now)
    changed = replace(complaint, acceptance=data.acceptance, acceptance_at=now)
    return append_event(changed, EventKind.ACCEPTANCE_RECORDED, actor, now, asdict(data))


def record_recourse(
    complaint: Complaint, actor: Actor, data: inputs.Recourse, *, now: dt.datetime
) -> Complaint:
    """Where the complainant went after not accepting the decision (or not answering it), and
    when; from now until its result the complaint shows in the open lists."""
    require_role(actor, "record_recourse")
    if complaint.acceptance not in (Acceptance.DISAGREED, Acceptance.NO_REACTION):
        raise ProcedureError(text.RECOURSE_NEEDS_DISAGREEMENT)
    if complaint.recourse_body is not None:
        raise already_done(complaint, EventKind.RECOURSE_STARTED, text.ALREADY_DONE, now)
    closed_on = complaint.closed_at.astimezone(now.tzinfo).date() if complaint.closed_at else None
    _require_day_between(data.recourse_on, closed_on, now, "recourse_on")
    changed = replace(complaint, **asdict(data))
    return append_event(changed, EventKind.RECOURSE_STARTED, actor, now, asdict(data))


def record_recourse_result(
    complaint: Complaint, actor: Actor, data: inputs.RecourseResult, *, now: dt.datetime
) -> Complaint:
    """What the body decided: the recourse is over and the complaint leaves the open lists."""
    require_role(actor, "record_recourse_result")
    if complaint.recourse_body is None:
        raise ProcedureError(text.NO_RECOURSE)
    if complaint.recourse_result is not None:
        raise already_done(complaint, EventKind.RECOURSE_DECIDED, text.ALREADY_DONE, now)
    _require_day_between(data.recourse_result_on, complaint.recourse_on, now, "recourse_result_on")
    changed = replace(complaint, **asdict(data))
    return append_event(changed, EventKind.RECOURSE_DECIDED, actor, now, asdict(data))


def _require_day_between(
    day: dt.date, earliest: dt.date | None, now: dt.datetime, field: str
) -> None:
    if day > now.date():
        raise ProcedureError(text.DAY_AHEAD, field=field)
    if earliest is not None and day < earliest:
        day = date_in_words(earliest, now.date())
        raise ProcedureError(text.DAY_TOO_EARLY.format(day=day), field=field)
