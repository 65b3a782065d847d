"""What a chat surface shows and knows, named for no surface: the delivery outbox (one row per
complaint and surface), the thread posts, the event ids already handled, the people's profile
names, who opened the Home view, and the employees' direct messages. `surface` is the
surface's name (bot.procedure.people.Surface: "slack", "teams"); `conversation` and `ref`
are that surface's ids of a channel and a message (Slack: channel id and ts). Migration 0017
renamed them from their Slack-shaped names (slack_deliveries, channel, root_ts, ...)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class Delivery(Base):
    """What a surface already shows of a complaint, and who is delivering the rest.

    The row is written with the complaint (storage.complaints), and `wanted_version` follows
    every saved version. Pending work is any row whose `wanted_version` is above
    `shown_version` (a partial index holds just those, see PARTIAL_INDEXES in
    storage.models.complaints, so finding them costs nothing however many complaints there
    are): its root message still has to be posted or updated, or events after
    `posted_event_id` still have to go into its thread. `claimed_by`/`claimed_until` is a
    lease, so one process at a time delivers it.
    """

    __tablename__ = "deliveries"

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id"), primary_key=True, autoincrement=False
    )
    surface: Mapped[str] = mapped_column(String(20), primary_key=True)
    # Where the complaint's root message is, once posted (Slack: channel id and ts).
    conversation: Mapped[str | None] = mapped_column(String(200))
    ref: Mapped[str | None] = mapped_column(String(200))
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


class ThreadPost(Base):
    """The thread post that shows one event, so that anonymisation can rewrite it in place."""

    __tablename__ = "thread_posts"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("complaint_events.id"), primary_key=True, autoincrement=False
    )
    surface: Mapped[str] = mapped_column(String(20), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    conversation: Mapped[str] = mapped_column(String(200))
    ref: Mapped[str] = mapped_column(String(200))


class SeenEvent(Base):
    """An event id the surface sent and that was handled: its retries change nothing."""

    __tablename__ = "seen_events"

    surface: Mapped[str] = mapped_column(String(20), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[dt.datetime]


class Profile(Base):
    """A member's profile name on the surface (real or display name), cached for the posts,
    cards and reports that name people."""

    __tablename__ = "profiles"

    surface: Mapped[str] = mapped_column(String(20), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(50), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    fetched_at: Mapped[dt.datetime]


class HomeViewer(Base):
    """Who opened the bot's Home view, and when last: their Home is republished after a change.
    `shown_digest` fingerprints the view last published, so that a process that finds nothing
    changed publishes nothing. Where the Home is a message (Teams: a card in the personal
    chat), `conversation` and `ref` say which, so it is updated in place."""

    __tablename__ = "home_viewers"

    surface: Mapped[str] = mapped_column(String(20), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(50), primary_key=True)
    opened_at: Mapped[dt.datetime]
    shown_digest: Mapped[str | None] = mapped_column(String(64))
    conversation: Mapped[str | None] = mapped_column(String(200))
    ref: Mapped[str | None] = mapped_column(String(200))


class EmployeeMessage(Base):
    """The direct message asking one employee for their side, one per request (the
    discussion_requested event and the employee), so it can be updated in place: on `surface`,
    in the personal chat `conversation`, the message `ref` (Slack: the DM channel and ts;
    Teams: the `a:` chat and the activity id). Migration 0020 renamed channel/ts."""

    __tablename__ = "employee_messages"

    request_event_id: Mapped[int] = mapped_column(
        ForeignKey("complaint_events.id"), primary_key=True, autoincrement=False
    )
    employee_id: Mapped[str] = mapped_column(String(50), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    surface: Mapped[str] = mapped_column(String(20), default="slack", server_default="slack")
    conversation: Mapped[str] = mapped_column(String(200))
    ref: Mapped[str] = mapped_column(String(200))
    shown_version: Mapped[int] = mapped_column(default=0)
    # When the message shown must be rebuilt though the complaint did not change (its answer
    # deadline passes: bot.jobs.discussion marks it). Migration 0023.
    refresh_at: Mapped[dt.datetime | None] = mapped_column(index=True)
