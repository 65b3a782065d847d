"""Listeners per area; each module has `register(app, deps)`."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.deps import Deps
from bot.slack.listeners import (
    actions,
    commands,
    discussion,
    events,
    ignored,
    reports,
    shortcuts,
    views,
)


def register_listeners(app: App, deps: Deps) -> None:
    """Every area's listeners."""
    for area in (actions, commands, discussion, events, ignored, reports, shortcuts, views):
        area.register(app, deps)
