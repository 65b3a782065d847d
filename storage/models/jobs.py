"""The notification ledger (each warning, reminder, digest and asked-for report decided once)
and job health."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base

# What makes a notification one decision: claimed with storage.claims.insert_once on these.
NOTIFICATION_KEY = ("subject", "kind", "due_at", "recipient")


class Notification(Base):
    """One notification decided by a job. The unique key (subject, kind, due moment, recipient)
    is claimed in the transaction that decides to send (storage.claims.insert_once), so two
    processes or two ticks decide it once.

    `subject` is what it is about ('complaint:17', 'officers'); `recipient` a channel or user ID,
    or 'thread' for a notice that went into the complaint's thread as a WARNING_SENT event (the
    Slack outbox delivers those, so `sent_at` is set when decided). The others wait with
    `sent_at` empty until the notification delivery job, holding a lease, has posted them; a
    report someone asked for (reports.store.Request) waits the same way for the job that makes
    and posts it.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint(*NOTIFICATION_KEY),
        Index("ix_notifications_pending", "sent_at", "next_attempt_at"),
        Index("ix_notifications_complaint_kind", "complaint_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    due_at: Mapped[dt.datetime]
    recipient: Mapped[str] = mapped_column(String(40))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))
    created_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime | None]
    claimed_until: Mapped[dt.datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(80))


class JobRun(Base):
    """Per scheduled job: its last success and how it has been failing since (for `status`)."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_success_at: Mapped[dt.datetime | None]
    last_failure_at: Mapped[dt.datetime | None]
    failures: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))
    reported: Mapped[bool] = mapped_column(default=False)
