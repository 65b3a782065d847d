"""The complaint's post in the complaints channel and its thread posts, as Slack receives them
(the delivery posts and updates them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.procedure import Complaint, Event
from bot.slack.views import render
from bot.views.card import channel_post, deadline_line_changes
from bot.views.thread import event_post
from bot.workdays import WorkCalendar

__all__ = ["deadline_line_changes", "event_message", "root_message"]


def root_message(
    complaint: Complaint, *, now: dt.datetime, calendar: WorkCalendar
) -> dict[str, Any]:
    """`text` (the notification's line) and `blocks` for chat.postMessage / chat.update."""
    return render.message(channel_post(complaint, now=now, calendar=calendar))


def event_message(complaint: Complaint, event: Event, now: dt.datetime) -> dict[str, Any]:
    """A thread post."""
    return render.message(event_post(complaint, event, now))
