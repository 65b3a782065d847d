"""The scheduled scan of the discussions with employees: reminders, escalations, and reminders
on the day of a planned talk.

`remind_and_escalate(ctx, now)` is a plain function of "now" without state of its own, run by
the job runner on every tick. What is due is decided from recorded facts, never from clock
arithmetic: each reminder is an event on the complaint (the complaint's event log is this job's
ledger), written with optimistic locking and refused by the procedure when already recorded, so
however often the scan runs and however many processes run it, each is recorded once. Slack
delivery then sends it once, like every other event (the employee's direct message, the mention
in the thread).
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import update

from bot.jobs.context import JobContext
from bot.procedure import SYSTEM_ACTOR, AlreadyDone, State
from bot.procedure import steps as procedure
from bot.procedure.discussion import due_facts
from bot.procedure.people import Surface
from bot.service import ComplaintService
from storage.models import Delivery, EmployeeMessage

SLACK = Surface.SLACK.value

log = logging.getLogger(__name__)


def remind_and_escalate(ctx: JobContext, now: dt.datetime) -> int:
    """Record every discussion reminder due at `now`; return how many were recorded. Outside
    business hours (nights, weekends, holidays) nothing is due: it waits for the opening."""
    service, settings = ctx.service, ctx.settings
    mark_passed_deadlines(service, now)  # 17:00 is the closing time itself
    if not service.calendar.is_open(now):
        return 0
    recorded = 0
    for complaint in service.list(states=[State.DISCUSSION]):
        facts = due_facts(
            complaint,
            now,
            service.calendar,
            reminder_days=settings.discussion_reminder_days,
            escalation_days=settings.discussion_escalation_days,
        )
        for fact in facts:
            try:
                service.change(
                    complaint.reference or "",
                    procedure.record_discussion_fact,
                    SYSTEM_ACTOR,
                    fact,
                    now=now,
                )
            except AlreadyDone:
                continue  # another process recorded it a moment ago
            log.info("%s: %s recorded", complaint.reference, fact.kind.value)
            recorded += 1
    return recorded


def mark_passed_deadlines(service: ComplaintService, now: dt.datetime) -> int:
    """Mark each employee's request message whose answer deadline has passed since it was
    shown for a rebuild (it then says the term has passed): its shown version is cleared, and
    Slack's delivery of the complaint is due now (Teams' job rebuilds what is marked). Each
    message once: the mark clears its refresh_at. Returns how many were marked."""
    with service.db.session() as session:
        marked = session.execute(
            update(EmployeeMessage)
            .where(EmployeeMessage.refresh_at <= now)
            .values(shown_version=0, refresh_at=None)
            .returning(EmployeeMessage.complaint_id, EmployeeMessage.surface)
        ).all()
        slack = {complaint_id for complaint_id, surface in marked if surface == SLACK}
        if slack:
            session.execute(
                update(Delivery)
                .where(Delivery.complaint_id.in_(slack), Delivery.surface == SLACK)
                .values(refresh_at=now)
            )
    return len(marked)
