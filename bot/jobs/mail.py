"""The mailbox and the acknowledgements, as jobs."""

from __future__ import annotations

import datetime as dt

from bot.jobs.context import JobContext


def poll_mailbox(ctx: JobContext, now: dt.datetime) -> int:
    """Read the IMAP mailbox once; new complaints follow in Slack through the outbox."""
    from bot.intake.imap import poll_once

    return poll_once(ctx.settings, ctx.service).stored


class AcknowledgementsFailing(Exception):
    """Acknowledgements wait because the mail server keeps refusing them: the job fails (so
    `clock --once` exits 1, `status` and /healthz turn unhealthy when it keeps failing, and the
    officers are told once), until one goes out again."""

    def __init__(self, reason_for_people: str) -> None:
        super().__init__(reason_for_people)
        self.reason_for_people = reason_for_people


def send_acknowledgements(ctx: JobContext, now: dt.datetime) -> int:
    from bot.intake.acknowledge import send_pending_acknowledgements, smtp_trouble

    sent = send_pending_acknowledgements(ctx.service).sent
    if not sent:
        trouble = smtp_trouble(ctx.service)
        if trouble is not None:
            raise AcknowledgementsFailing(trouble)
    return sent


LETTER_LEASE = dt.timedelta(minutes=2)


def send_letters(ctx: JobContext, now: dt.datetime) -> int:
    """Queue the letters not prepared yet, then send the queued ones (decision letters,
    extension notices) as the acknowledgements go: over SMTP, retried with a pause. A letter
    to a complainant without e-mail address goes to the officer's thread to post, also
    without an SMTP server."""
    from bot.correspondence import LetterSender, letters_waiting, queue_letters
    from bot.intake.acknowledge import SMTP_TIMEOUT, connect
    from bot.jobs.notices import Notice, work_through

    by_mail = bool(ctx.settings.smtp_host)
    shown = 0
    for reference in letters_waiting(ctx.service, now, by_mail=by_mail):
        shown += queue_letters(ctx.service, reference, by_mail=by_mail)
    if not by_mail:
        return shown  # the letters to post shown in their threads
    sender = LetterSender(ctx.service, lambda: connect(ctx.settings, SMTP_TIMEOUT))
    try:
        return work_through(ctx.service, now, {Notice.LETTER.value: sender}, LETTER_LEASE)
    finally:
        sender.close()
