"""The effectiveness check (ISO 9001 10.2): on the date set at closing, the officer is reminded
in the complaint's thread, with a button to record whether the measures worked."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.jobs import notices
from bot.jobs.context import JobContext
from bot.jobs.notices import Notice
from bot.procedure import Complaint, State
from bot.service import Decision
from storage.models import ComplaintRow
from storage.models.complaints import EFFECTIVENESS_DUE


def remind_effectiveness_checks(ctx: JobContext, now: dt.datetime) -> int:
    if not notices.within_opening_hours(ctx.calendar, now):
        return 0
    today = now.astimezone(ctx.settings.tz).date()
    with ctx.db.session() as session:
        due = session.execute(
            select(ComplaintRow.id, ComplaintRow.effectiveness_check_on)
            .where(
                # The partial index's own condition, written out so that SQLite uses it.
                text(EFFECTIVENESS_DUE),
                ComplaintRow.effectiveness_check_on <= today,
                # Since the last closing: a reopened and closed complaint has a new check.
                notices.not_yet(Notice.EFFECTIVENESS_CHECK, since=ComplaintRow.closed_at),
            )
            .order_by(ComplaintRow.effectiveness_check_on, ComplaintRow.id)
        ).all()
    sent = 0
    for complaint_id, day in due:
        due_at = notices.opening_on(ctx.calendar, day)
        sent += ctx.service.decide(complaint_id, _decision(ctx, due_at)) is not None
    return sent


def _decision(ctx: JobContext, due_at: dt.datetime) -> Decision:
    def decide(session: Session, complaint: Complaint, now: dt.datetime) -> Complaint | None:
        if complaint.state is not State.CLOSED or complaint.effectiveness_result is not None:
            return None
        return notices.thread_notice(
            session, complaint, Notice.EFFECTIVENESS_CHECK, due_at, now, ctx.settings
        )

    return decide
