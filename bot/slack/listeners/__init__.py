"""Listeners per area; each module has `register(app, deps)`."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.deps import Deps
from bot.slack.listeners import actions, commands, discussion, events, shortcuts, views
from reports import slack as reports_slack


def register_listeners(app: App, deps: Deps) -> None:
    """Every area's listeners; reports adds `/klacht rapport` and the report modal."""
    for area in (actions, commands, discussion, events, shortcuts, views, reports_slack):
        area.register(app, deps)
