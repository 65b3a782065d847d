"""The weekly digest (Monday at opening time, to each officer): open complaints received more
than OPEN_DIGEST_DAYS working days ago, and how much e-mail of the past week was ignored.
Claimed per week and officer in the notification ledger; its list is made when it is posted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from bot.jobs import notices
from bot.jobs.context import JobContext
from bot.jobs.notices import Notice
from bot.procedure import OPEN_STATES, State
from bot.service import ComplaintService
from storage.models import ComplaintRow, Notification

SUBJECT = "officers"
LIMIT = 30


@dataclass(frozen=True)
class Entry:
    reference: str
    state: State
    received_at: dt.datetime
    working_days: int


def decide_weekly_digest(ctx: JobContext, now: dt.datetime) -> int:
    """Decided on the week's first working day only: a week whose first day has nothing old
    enough has no digest, rather than one on whichever day a complaint turns old."""
    if not notices.within_opening_hours(ctx.calendar, now):
        return 0
    today = now.astimezone(ctx.settings.tz).date()
    due_at = notices.opening_on(ctx.calendar, today - dt.timedelta(days=today.weekday()))
    first_day = ctx.calendar.next_opening(due_at).date()
    if now < due_at or today != first_day or _claimed(ctx, due_at):
        return 0
    if old_open_complaints(ctx.service, now, limit=1)[1] == 0 and not ignored_lately(
        ctx.service, now
    ):
        return 0
    officers = ctx.officers_to_tell()  # read before the transaction
    with ctx.db.session() as session:
        return sum(
            notices.claim(session, Notice.WEEKLY_DIGEST, SUBJECT, due_at, now, recipient=officer)
            for officer in officers
        )


def _claimed(ctx: JobContext, due_at: dt.datetime) -> bool:
    """This week's digest was decided already (for the first officer; all go together)."""
    with ctx.db.session() as session:
        return bool(
            session.scalar(
                select(func.count(Notification.id)).where(
                    Notification.subject == SUBJECT,
                    Notification.kind == Notice.WEEKLY_DIGEST.value,
                    Notification.due_at == due_at,
                )
            )
        )


def ignored_lately(service: ComplaintService, now: dt.datetime) -> int:
    """How much e-mail of the past week the intake ignored (the digest counts it)."""
    from bot.intake.ignored import RECENT, ignored_count

    return ignored_count(service, now - RECENT)


def old_open_complaints(
    service: ComplaintService, now: dt.datetime, limit: int = LIMIT
) -> tuple[list[Entry], int]:
    """Up to `limit` open complaints older than OPEN_DIGEST_DAYS working days, oldest first,
    and how many there are in all (0 when none)."""
    calendar, tz = service.calendar, service.settings.tz
    today = now.astimezone(tz).date()
    last_day = today
    while calendar.working_days_between(last_day, today) < service.settings.open_digest_days:
        last_day -= dt.timedelta(days=1)
    before = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    where = (
        ComplaintRow.state.in_([state.value for state in OPEN_STATES]),
        ComplaintRow.received_at < before,
    )
    with service.db.session() as session:
        rows = session.execute(
            select(ComplaintRow.reference, ComplaintRow.state, ComplaintRow.received_at)
            .where(*where)
            .order_by(ComplaintRow.received_at, ComplaintRow.id)
            .limit(limit)
        ).all()
        total = len(rows)
        if total == limit:
            total = session.scalar(select(func.count()).select_from(ComplaintRow).where(*where))
    entries = [
        Entry(
            reference,
            State(state),
            received.astimezone(tz),
            calendar.working_days_between(received.astimezone(tz).date(), today),
        )
        for reference, state, received in rows
    ]
    return entries, int(total or 0)
