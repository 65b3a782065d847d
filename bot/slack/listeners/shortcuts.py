"""Shortcuts: a complaint heard by phone or at the desk (global), or a Slack message turned
into a complaint (message shortcut, linked to the message)."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.deps import Deps
from bot.slack.errors import Work, ack_then
from bot.slack.ids import ShortcutId
from bot.slack.markup import mentioned, readable
from bot.slack.views import render
from bot.views.context import Context
from bot.views.excerpts import first_line
from bot.views.forms import new_complaint as new_complaint_form


def register(app: App, deps: Deps) -> None:
    app.shortcut(ShortcutId.NEW_COMPLAINT.value)(ack_then(new_complaint, deps.after_ack))
    app.shortcut(ShortcutId.MESSAGE_TO_COMPLAINT.value)(
        ack_then(message_to_complaint(deps), deps.after_ack)
    )


def new_complaint(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
    view = render.form(new_complaint_form(Context()))
    client.views_open(trigger_id=body["trigger_id"], view=view)


def message_to_complaint(deps: Deps) -> Work:
    """The new-complaint modal filled in from the message (mentions by name), linked to it."""

    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        channel = body["channel"]["id"]
        message = body.get("message", {})
        context = Context(channel=channel, permalink=_permalink(client, channel, message, logger))
        typed = message.get("text", "")
        # Names for the mentions: known ones and a few asked of Slack, so that a message with
        # hundreds of mentions still opens the modal within Slack's three seconds; the rest
        # keep their user id.
        names = deps.actors.profiles.names(mentioned(typed))
        text = readable(typed, lambda user_id: names.get(user_id, ""))
        view = render.form(new_complaint_form(context, subject=first_line(text), body=text))
        client.views_open(trigger_id=body["trigger_id"], view=view)

    return work


def _permalink(
    client: WebClient, channel: str, message: dict[str, Any], logger: Logger
) -> str | None:
    """The message's link, or None for a message the bot cannot see (a direct message between
    people, a channel it is not in): its text came with the shortcut, so the complaint is
    made all the same, without the link."""
    try:
        return client.chat_getPermalink(channel=channel, message_ts=message["ts"])["permalink"]
    except SlackApiError as exc:
        logger.info("no link to the message: %s", exc.response.get("error"))
        return None
