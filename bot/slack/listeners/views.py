"""Modal submissions: parse the form, take the procedure step, close the modal.

The step runs before the acknowledgement because its errors go into that acknowledgement
(`response_action: errors`); delivery to the channel happens afterwards in the background.
"""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.forms.steps import parse_new_complaint
from bot.forms.values import Form, answers_of
from bot.forms.workflows import WORKFLOWS, Workflow
from bot.service import takes_terms
from bot.slack.deps import Deps
from bot.slack.errors import Listener, guarded
from bot.slack.views import render
from bot.slack.views.forms import form_values
from bot.views.context import Context
from bot.views.ids import FormId


def register(app: App, deps: Deps) -> None:
    for workflow in WORKFLOWS:
        app.view(workflow.callback.value)(guarded(submit_step(workflow, deps)))
    app.view(FormId.NEW_COMPLAINT.value)(guarded(submit_new_complaint(deps)))


def _form(body: dict[str, Any], deps: Deps) -> Form:
    return Form(form_values(body["view"]), deps.service.settings.tz)


def submit_step(workflow: Workflow, deps: Deps) -> Listener:
    def listener(ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        context = Context.load(body["view"].get("private_metadata"))
        form = _form(body, deps)
        data = workflow.parse(form)
        if workflow.check:
            workflow.check(deps.service, data)
        actor = deps.actors.of(body)
        if workflow.review is not None:
            service = deps.service
            complaint = service.get(context.reference or "")
            # The step's own checks first, so what is wrong shows on the page it was typed on.
            extra = {"terms": service.terms} if takes_terms(workflow.step) else {}
            workflow.step(complaint, actor, data, now=service.now(), **extra)
            answers = answers_of(form.values, service.settings.tz)
            again = workflow.review(service, complaint, data, context, answers)
            if again is not None:
                ack(response_action="update", view=render.form(again))
                return
        deps.service.change(context.reference or "", workflow.step, actor, data)
        ack()

    return listener


def submit_new_complaint(deps: Deps) -> Listener:
    def listener(ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        context = Context.load(body["view"].get("private_metadata"))
        intake = parse_new_complaint(_form(body, deps), now=deps.service.now(), context=context)
        deps.service.submit(intake, deps.actors.of(body))
        ack()

    return listener
