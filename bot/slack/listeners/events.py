"""Events API: App Home. Slack's retries of an event (same event_id) are handled once."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.procedure import OPEN_STATES, Actor, Complaint, Role, State
from bot.procedure.discussion import request_of
from bot.slack.deps import Deps
from bot.slack.employees import answer_due
from bot.slack.errors import Work, ack_then
from bot.slack.ids import Event
from bot.slack.views.discussion import home_request_blocks
from bot.slack.views.home import home_view


def register(app: App, deps: Deps) -> None:
    app.event(Event.APP_HOME_OPENED.value)(ack_then(publish_home(deps), deps.after_ack))


def publish_home(deps: Deps) -> Work:
    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        if body["event"].get("tab", "home") != "home":
            return
        event_id = body.get("event_id")
        if event_id and not deps.seen.first_time(event_id):
            return
        actor = deps.actors.of(body)
        complaints, report_blocks = _home_content(actor, deps)
        requests = _waiting_requests(actor, deps)
        view = home_view(actor.role, complaints, deps.service.now(), report_blocks, requests)
        client.views_publish(user_id=actor.user_id, view=view)

    return work


def _home_content(actor: Actor, deps: Deps) -> tuple[list[Complaint], list[dict[str, Any]] | None]:
    """What this person's Home shows; each role sees only what is theirs to see."""
    if actor.role is Role.MANAGEMENT:
        from reports.generate import latest_posted_quarter
        from reports.slack import key_figure_blocks

        report = latest_posted_quarter(deps.service.db, deps.service.settings)
        return [], key_figure_blocks(report) if report else None
    if actor.role is Role.OFFICER:
        return deps.service.list(states=OPEN_STATES), None
    return [], None


def _waiting_requests(actor: Actor, deps: Deps) -> list[list[dict[str, Any]]]:
    """This person's discussion requests still waiting for them, with their buttons."""
    entries = []
    for complaint in deps.service.list(states=[State.DISCUSSION]):
        request = request_of(complaint, actor.user_id)
        if request is not None and request.waiting:
            due = answer_due(deps.service, request)
            entries.append(home_request_blocks(complaint, request, due))
    return entries
