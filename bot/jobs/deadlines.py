"""Contact deadlines (docs/procedure.md, "Deadlines and what the clock does about them"): the
pre-warning at opening time on the deadline day, and once the deadline has passed the overdue
notice in the thread with the escalation to management. Only complaints without a recorded
contact get them; each goes out once, oldest first, and only in opening hours (what fell due at
night, in a weekend or while the bot was off goes out at the next opening hour, saying when it
was due)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, select, text
from sqlalchemy.orm import Session

from bot.jobs import notices
from bot.jobs.context import JobContext
from bot.jobs.notices import Notice
from bot.procedure import OPEN_STATES, Complaint
from bot.service import Decision
from storage.models import ComplaintRow
from storage.models.complaints import UNCONTACTED

OPEN = [state.value for state in OPEN_STATES]


@dataclass(frozen=True, order=True)
class Due:
    due_at: dt.datetime
    order: int  # the pre-warning before the overdue notice of the same moment
    complaint_id: int
    kind: Notice


def warn_about_deadlines(ctx: JobContext, now: dt.datetime) -> int:
    if not notices.within_opening_hours(ctx.calendar, now):
        return 0
    with ctx.db.session() as session:
        due = sorted(_due(session, ctx, now))
    overdue = any(item.kind is Notice.OVERDUE for item in due)
    escalate_to = _escalation_recipients(ctx) if overdue else []
    sent = 0
    for item in due:
        decided = ctx.service.decide(item.complaint_id, _decision(ctx, item, escalate_to))
        sent += decided is not None
    return sent


def _escalation_recipients(ctx: JobContext) -> list[str]:
    """Management hears of an overdue complaint in their channel, and by DM when
    ESCALATE_BY_DM is set (the named people and the group's members, read once a run)."""
    settings = ctx.settings
    recipients = [settings.management_channel] if settings.management_channel else []
    if settings.escalate_by_dm:
        recipients += ctx.management_to_tell()
    return recipients


def _due(session: Session, ctx: JobContext, now: dt.datetime) -> list[Due]:
    """Uncontacted complaints whose pre-warning or overdue notice is due and not yet decided
    (the state/deadline index keeps this to the complaints due, however many there are)."""
    tomorrow = now.astimezone(ctx.settings.tz).date() + dt.timedelta(days=1)
    end_of_today = dt.datetime.combine(tomorrow, dt.time(), tzinfo=ctx.settings.tz)
    # The partial index's own condition, written out so that SQLite uses it.
    uncontacted = and_(ComplaintRow.state.in_(OPEN), text(UNCONTACTED))
    # A pre-warning is for a deadline still ahead: after downtime, one that has passed gets
    # its overdue notice only (a late "today at 17:00" would be false).
    warn = session.execute(
        select(ComplaintRow.id, ComplaintRow.contact_deadline).where(
            uncontacted,
            ComplaintRow.contact_deadline > now,
            ComplaintRow.contact_deadline < end_of_today,
            notices.not_yet(Notice.PRE_WARNING),
        )
    ).all()
    overdue = session.execute(
        select(ComplaintRow.id, ComplaintRow.contact_deadline).where(
            uncontacted,
            ComplaintRow.contact_deadline <= now,
            notices.not_yet(Notice.OVERDUE),
        )
    ).all()
    return [
        Due(pre_warning_at(ctx, deadline), 0, complaint_id, Notice.PRE_WARNING)
        for complaint_id, deadline in warn
        if pre_warning_at(ctx, deadline) <= now
    ] + [Due(deadline, 1, complaint_id, Notice.OVERDUE) for complaint_id, deadline in overdue]


def pre_warning_at(ctx: JobContext, deadline: dt.datetime) -> dt.datetime:
    return notices.opening_on(ctx.calendar, deadline.astimezone(ctx.settings.tz).date())


def _decision(ctx: JobContext, item: Due, escalate_to: list[str]) -> Decision:
    def decide(session: Session, complaint: Complaint, now: dt.datetime) -> Complaint | None:
        if not complaint.is_open or complaint.contacted_at is not None:  # contact meanwhile
            return None
        changed = notices.thread_notice(
            session, complaint, item.kind, item.due_at, now, ctx.settings
        )
        if changed is not None and item.kind is Notice.OVERDUE:
            _escalate(session, complaint, item.due_at, now, escalate_to)
        return changed

    return decide


def _escalate(
    session: Session,
    complaint: Complaint,
    due_at: dt.datetime,
    now: dt.datetime,
    recipients: list[str],
) -> None:
    assert complaint.id is not None
    for recipient in recipients:
        notices.claim(
            session,
            Notice.ESCALATION,
            notices.subject_of(complaint.id),
            due_at,
            now,
            recipient=recipient,
            complaint_id=complaint.id,
        )
