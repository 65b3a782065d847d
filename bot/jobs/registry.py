"""Every scheduled job of the core, in the order a tick runs them: the jobs that decide. The
configured surfaces' jobs (bot/jobs/port.py) come after them and deliver what was decided (so
`clock --once` sends what its own tick queued).

A job is a plain function `(ctx: JobContext, now: datetime) -> int` (how much it did) that scans
the database and claims what it decides (storage.claims), so it holds no state of its own.
Adding one is one function and one line here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from bot.jobs import deadlines, digest, discussion, effectiveness, mail, privacy
from bot.jobs.context import JobContext

MINUTE = dt.timedelta(minutes=1)
DAY = dt.timedelta(days=1)
DELIVERY = dt.timedelta(seconds=3)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[JobContext, dt.datetime], int]
    every: dt.timedelta = MINUTE
    needs: tuple[str, ...] = ()  # settings that must be set for the job to run
    surface: str | None = None  # the surface whose job it is (runs only when configured)


JOBS: tuple[Job, ...] = (
    Job("mailbox", mail.poll_mailbox, needs=("imap_host",)),
    Job("acknowledgements", mail.send_acknowledgements, needs=("smtp_host",)),
    Job("letters", mail.send_letters),
    Job("discussion", discussion.remind_and_escalate),
    Job("deadlines", deadlines.warn_about_deadlines),
    Job("no_reaction", deadlines.record_no_reaction),
    Job("effectiveness", effectiveness.remind_effectiveness_checks),
    Job("digest", digest.decide_weekly_digest),
    Job("retention", privacy.apply_retention, every=DAY),
)
