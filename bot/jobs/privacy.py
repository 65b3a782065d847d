"""Retention as a daily job (bot.privacy.run_retention); Slack follows through the outbox."""

from __future__ import annotations

import datetime as dt

from bot.jobs.context import JobContext
from bot.texts import jobs as text


class MailboxNotCleaned(Exception):
    """The database was cleaned, the mailbox could not be reached; the next run tries again.
    The reason for people says so in words; the log names the kind of error."""

    reason_for_people = text.MAILBOX_NOT_CLEANED


def apply_retention(ctx: JobContext, now: dt.datetime) -> int:
    """Anonymise what is past RETENTION_MONTHS; how many complaints and e-mails it cleaned."""
    from bot.privacy import run_retention

    run = run_retention(ctx.service, now=now)
    if run.mailbox_error:
        raise MailboxNotCleaned(run.mailbox_error)
    return len(run.complaints) + run.other_emails + (run.mailbox or 0)
