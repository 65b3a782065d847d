"""Shortcuts: a complaint heard by phone or at the desk (global), or a Slack message turned
into a complaint (message shortcut, linked to the message)."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack.context import Context
from bot.slack.deps import Deps
from bot.slack.errors import Work, ack_then
from bot.slack.ids import ShortcutId
from bot.slack.markup import first_line, readable
from bot.slack.views.modals import new_complaint_view


def register(app: App, deps: Deps) -> None:
    app.shortcut(ShortcutId.NEW_COMPLAINT.value)(ack_then(new_complaint, deps.after_ack))
    app.shortcut(ShortcutId.MESSAGE_TO_COMPLAINT.value)(
        ack_then(message_to_complaint(deps), deps.after_ack)
    )


def new_complaint(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
    client.views_open(trigger_id=body["trigger_id"], view=new_complaint_view(Context()))


def message_to_complaint(deps: Deps) -> Work:
    """The new-complaint modal filled in from the message (mentions by name), linked to it."""

    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        channel = body["channel"]["id"]
        message = body.get("message", {})
        link = client.chat_getPermalink(channel=channel, message_ts=message["ts"])["permalink"]
        context = Context(channel=channel, permalink=link)
        text = readable(message.get("text", ""), deps.actors.profiles.name)
        view = new_complaint_view(context, subject=first_line(text), body=text)
        client.views_open(trigger_id=body["trigger_id"], view=view)

    return work
