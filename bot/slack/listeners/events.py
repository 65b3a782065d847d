"""Events API: App Home. Slack's retries of an event (same event_id) are handled once."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack.deps import Deps
from bot.slack.errors import Work, ack_then
from bot.slack.ids import Event


def register(app: App, deps: Deps) -> None:
    app.event(Event.APP_HOME_OPENED.value)(ack_then(publish_home(deps), deps.after_ack))


def publish_home(deps: Deps) -> Work:
    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        if body["event"].get("tab", "home") != "home":
            return
        event_id = body.get("event_id")
        if event_id and not deps.seen.first_time(event_id):
            return
        deps.homes.opened(deps.actors.viewer(body).user_id)

    return work
