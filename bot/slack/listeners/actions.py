"""Buttons on a complaint's root message: acknowledge, check role and state, then open the
step's modal."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.procedure.errors import AlreadyDone
from bot.procedure.roles import require_role
from bot.slack.deps import Deps
from bot.slack.errors import Work, ack_then
from bot.slack.views import render
from bot.slack.workflows import WORKFLOWS, Workflow
from bot.views.card import allowed_actions, recurrence_block
from bot.views.context import Context
from bot.views.thread import stale_button


def register(app: App, deps: Deps) -> None:
    for workflow in WORKFLOWS:
        app.action(workflow.action.value)(ack_then(open_modal(workflow, deps), deps.after_ack))


def open_modal(workflow: Workflow, deps: Deps) -> Work:
    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        # `of`, not `viewer`: learning the name now, after the ack, spares the submission
        # (before its ack) the question to Slack.
        require_role(deps.actors.of(body), workflow.step_name)
        context = Context.load(body["actions"][0].get("value"))
        complaint = deps.service.get(context.reference or "", with_events=False)
        if workflow.action not in allowed_actions(complaint):
            # Rare: only now is the history needed, to say who moved the complaint on.
            complete = deps.service.get(complaint.reference or "")
            now = deps.service.now()
            raise AlreadyDone(render.text(stale_button(complete, workflow.step_name, now)))
        channel = (body.get("channel") or {}).get("id")
        modal_context = Context(reference=complaint.reference, channel=channel)
        notes = ()
        if workflow.shows_recurrence:
            notes = (recurrence_block(deps.service.recurrence(complaint)),)
        view = workflow.view(complaint, deps.service.now(), modal_context, notes)
        client.views_open(trigger_id=body["trigger_id"], view=view)

    return work
