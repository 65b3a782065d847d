"""The mailbox and the acknowledgements, as jobs."""

from __future__ import annotations

import datetime as dt

from bot.jobs.context import JobContext


def poll_mailbox(ctx: JobContext, now: dt.datetime) -> int:
    """Read the IMAP mailbox once; new complaints follow in Slack through the outbox."""
    from bot.intake.imap import poll_once

    return poll_once(ctx.settings, ctx.service).stored


def send_acknowledgements(ctx: JobContext, now: dt.datetime) -> int:
    from bot.intake.acknowledge import send_pending_acknowledgements

    return send_pending_acknowledgements(ctx.service).sent
