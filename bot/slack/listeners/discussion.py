"""The employee's side: the three buttons in their direct message (and on their App Home) and
the modals they open. Only the employee a button belongs to can use it; anyone else gets a short
ephemeral refusal and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.forms import discussion as parsers
from bot.forms.values import Form
from bot.procedure import Actor, Complaint, NotAllowed
from bot.procedure import steps as procedure
from bot.service import Step
from bot.slack.deps import Deps
from bot.slack.errors import Listener, Work, ack_then, guarded
from bot.slack.views import render
from bot.slack.views.forms import form_values
from bot.texts import procedure as procedure_text
from bot.views import forms
from bot.views.context import Context
from bot.views.ids import Action, FormId
from bot.views.model import FormView

FormBuilder = Callable[[Complaint, Context, Deps], FormView]

# button -> (step name in the role matrix, the form it opens)
BUTTONS: dict[Action, tuple[str, FormBuilder]] = {
    Action.RESPOND: (
        "record_employee_response",
        lambda complaint, context, deps: forms.respond_form(complaint, context),
    ),
    Action.PLAN: (
        "plan_meeting",
        lambda complaint, context, deps: forms.plan_form(
            complaint, context, forms.suggested_meeting(deps.service.calendar, deps.service.now())
        ),
    ),
    Action.MOVE_MEETING: (
        "move_meeting",
        lambda complaint, context, deps: forms.move_form(
            complaint, context, forms.suggested_meeting(deps.service.calendar, deps.service.now())
        ),
    ),
    Action.DECLINE: (
        "decline_discussion",
        lambda complaint, context, deps: forms.decline_form(complaint, context),
    ),
}

# form -> (procedure step, parser)
MODALS: dict[FormId, tuple[Step, Callable[[Form], Any]]] = {
    FormId.EMPLOYEE_RESPOND: (procedure.record_employee_response, parsers.parse_respond),
    FormId.EMPLOYEE_PLAN: (procedure.plan_meeting, parsers.parse_plan),
    FormId.EMPLOYEE_MOVE: (procedure.move_meeting, parsers.parse_plan),
    FormId.EMPLOYEE_DECLINE: (procedure.decline_discussion, parsers.parse_decline),
}


def register(app: App, deps: Deps) -> None:
    for action, (step_name, build) in BUTTONS.items():
        app.action(action.value)(ack_then(open_modal(step_name, build, deps), deps.after_ack))
    for callback, (step, parse) in MODALS.items():
        app.view(callback.value)(guarded(submit(step, parse, deps)))


def open_modal(step_name: str, build: FormBuilder, deps: Deps) -> Work:
    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        context = Context.load(body["actions"][0].get("value"))
        actor = _owner(context, deps.actors.of(body))
        complaint = deps.service.get(context.reference or "")
        procedure.waiting_request(complaint, actor, step_name, deps.service.now())
        channel = (body.get("channel") or {}).get("id")
        modal = Context(reference=complaint.reference, channel=channel, employee=actor.user_id)
        view = render.form(build(complaint, modal, deps))
        client.views_open(trigger_id=body["trigger_id"], view=view)

    return work


def submit(step: Step, parse: Callable[[Form], Any], deps: Deps) -> Listener:
    def listener(ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        context = Context.load(body["view"].get("private_metadata"))
        actor = _owner(context, deps.actors.of(body))
        data = parse(Form(form_values(body["view"]), deps.service.settings.tz))
        deps.service.change(context.reference or "", step, actor, data)
        ack()

    return listener


def _owner(context: Context, actor: Actor) -> Actor:
    """The acting person, if the button or modal is theirs."""
    if not context.employee or context.employee != actor.user_id:
        raise NotAllowed(procedure_text.NOT_YOUR_DISCUSSION)
    return actor
