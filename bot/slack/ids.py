"""Slack's own ids: the command, shortcuts and events the manifest declares (the manifest test
compares them with manifest/manifest.json in both directions), and the fixed ids of two
elements.

A button's action_id, a modal's callback_id and an input's block_id are the surface-neutral
ids of bot.views.ids (Action, FormId, Field) themselves.
"""

from __future__ import annotations

from enum import StrEnum

COMMAND = "/klacht"


class ShortcutId(StrEnum):
    """Global shortcut (a complaint by phone or at the desk) and message shortcut."""

    NEW_COMPLAINT = "new_complaint"
    MESSAGE_TO_COMPLAINT = "message_to_complaint"


class Event(StrEnum):
    APP_HOME_OPENED = "app_home_opened"


# The Home's "updated at" line: left out when telling whether a Home changed (bot.slack.homes).
HOME_UPDATED_BLOCK = "home_updated"


# The action_id of the single element inside every input block.
INPUT_ACTION = "value"
