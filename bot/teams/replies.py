"""Answers to the person who wrote to the bot, sent through the Bot Connector."""

from __future__ import annotations

import logging
from typing import Any

from bot.teams.app import Surface
from bot.teams.connector import Outcome, Sent
from bot.teams.references import record_member

log = logging.getLogger(__name__)


Answer = str | dict[str, Any]  # a text, or a whole activity (bot.teams.views.render.message)


def reply(activity: Any, surface: Surface, message: Answer) -> Outcome:
    """A message in the conversation `activity` came from (in a channel: its thread)."""
    outcome = surface.connector.send(
        activity.conversation.id, text_message(message), service_url=surface.service_url(activity)
    )
    _log_unsent(outcome)
    return outcome


def reply_privately(activity: Any, surface: Surface, message: Answer) -> Outcome:
    """A message only the sender sees: in their personal chat with the bot, opened through
    the Bot Connector when they wrote in a channel or group chat."""
    if activity.conversation.conversation_type == "personal":
        return reply(activity, surface, message)
    url = surface.service_url(activity)
    chat = surface.connector.open_personal_chat(activity.from_.id, service_url=url)
    if not isinstance(chat, Sent):
        _log_unsent(chat)
        return chat
    record_member(activity.from_, activity, surface.directory, url)
    surface.directory.set_personal_chat(activity.from_.id, chat.conversation_id)
    outcome = surface.connector.send(chat.conversation_id, text_message(message), service_url=url)
    _log_unsent(outcome)
    return outcome


def text_message(message: Answer) -> dict[str, Any]:
    if isinstance(message, dict):
        return message
    return {"type": "message", "text": message}


def _log_unsent(outcome: Outcome) -> None:
    if not isinstance(outcome, Sent):
        log.warning("answer in Teams not sent: %s", outcome.code)
