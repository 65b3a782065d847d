"""Slack delivery outbox (one row per complaint), the Events API ids already handled, and the
employees' direct messages."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class SlackDelivery(Base):
    """What Slack already shows of a complaint, and who is delivering the rest.

    The row is written with the complaint (storage.complaints), and `wanted_version` follows
    every saved version. Pending work is any row whose `wanted_version` is above
    `shown_version` (a partial index holds just those, see PARTIAL_INDEXES in
    storage.models.complaints, so finding them costs nothing however many complaints there
    are): its root message still has to be posted or updated, or events after
    `posted_event_id` still have to go into its thread. `claimed_by`/`claimed_until` is a
    lease, so one process at a time delivers it.
    """

    __tablename__ = "slack_deliveries"

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id"), primary_key=True, autoincrement=False
    )
    channel: Mapped[str | None] = mapped_column(String(40))
    root_ts: Mapped[str | None] = mapped_column(String(40))
    posted_event_id: Mapped[int] = mapped_column(default=0)
    shown_version: Mapped[int] = mapped_column(default=0)
    wanted_version: Mapped[int] = mapped_column(default=1, server_default="0")
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    claimed_until: Mapped[dt.datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(80))
    # When the root message's deadline line next changes ("nog 2 werkdagen" -> "vandaag"):
    # the refresh job updates root messages whose moment has come.
    refresh_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    # When the thread posts were rewritten after the complaint was anonymised.
    scrubbed_at: Mapped[dt.datetime | None]


class SlackPost(Base):
    """The thread post that shows one event, so that anonymisation can rewrite it in place."""

    __tablename__ = "slack_posts"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("complaint_events.id"), primary_key=True, autoincrement=False
    )
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    channel: Mapped[str] = mapped_column(String(40))
    ts: Mapped[str] = mapped_column(String(40))


class SlackSeenEvent(Base):
    """An Events API `event_id` already handled: Slack's retries of it change nothing."""

    __tablename__ = "slack_seen_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[dt.datetime]


class SlackProfile(Base):
    """A workspace member's Slack profile name (real or display name), cached for the posts,
    cards and reports that name people."""

    __tablename__ = "slack_profiles"

    user_id: Mapped[str] = mapped_column(String(50), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    fetched_at: Mapped[dt.datetime]


class SlackHomeViewer(Base):
    """Who opened the bot's Home tab, and when last: their Home is republished after a change.
    `shown_digest` fingerprints the view last published, so that a process that finds nothing
    changed publishes nothing."""

    __tablename__ = "slack_home_viewers"

    user_id: Mapped[str] = mapped_column(String(50), primary_key=True)
    opened_at: Mapped[dt.datetime]
    shown_digest: Mapped[str | None] = mapped_column(String(64))


class EmployeeMessage(Base):
    """The direct message asking one employee for their side, one per request (the
    discussion_requested event and the employee), so it can be updated in place."""

    __tablename__ = "employee_messages"

    request_event_id: Mapped[int] = mapped_column(
        ForeignKey("complaint_events.id"), primary_key=True, autoincrement=False
    )
    employee_id: Mapped[str] = mapped_column(String(50), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    channel: Mapped[str] = mapped_column(String(40))
    ts: Mapped[str] = mapped_column(String(40))
    shown_version: Mapped[int] = mapped_column(default=0)
