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

from bot.jobs.context import JobContext
from bot.procedure import SYSTEM_ACTOR, AlreadyDone, State
from bot.procedure import steps as procedure
from bot.procedure.discussion import due_facts

log = logging.getLogger(__name__)


def remind_and_escalate(ctx: JobContext, now: dt.datetime) -> int:
    """Record every discussion reminder due at `now`; return how many were recorded. Outside
    business hours (nights, weekends, holidays) nothing is due: it waits for the opening."""
    service, settings = ctx.service, ctx.settings
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
