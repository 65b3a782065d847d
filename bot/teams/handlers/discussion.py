"""The employee's side in Teams: the three buttons on their request card ("Mijn reactie geven",
"Gesprek plannen", "Ligt niet bij mij"), the twin of bot.slack.listeners.discussion.

- A button (Action.Execute, `verb` the shared action id, `data` the complaint and the employee
  the card is for) shows its form in place of the card; the form's submit (`verb` the form id)
  takes the step through the service and answers with the request card as it now reads; a
  wrong answer shows the form again with the error at its field; cancel brings the card back.
- The same forms open as dialogs: `task/fetch` with the button's `verb` and context, and
  `task/submit` with the form id, closed with a line saying what was saved.

Only the employee the card is for may act: anyone else is refused with one Dutch line and
nothing changes (the context names the employee, and the procedure checks that the request is
theirs and still waiting). The card in the chat is also updated by the delivery job
(bot.teams.employees) after every change, so a dialog's answer shows there too.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Collection
from typing import Any

from bot.forms import discussion as parsers
from bot.forms.values import Form
from bot.procedure import Actor, Complaint, NotAllowed, ProcedureError
from bot.procedure import steps as procedure
from bot.procedure.discussion import employee_requests
from bot.procedure.errors import field_errors
from bot.service import ComplaintService, Step
from bot.teams.answers import answered, message_answer
from bot.teams.app import Surface
from bot.teams.handlers.cards import card_of, form_values, typed_in
from bot.teams.handlers.commands import actor_of
from bot.teams.handlers.dialogs import closing_message, continue_task, invoke_data
from bot.teams.hops import in_thread
from bot.teams.ids import REQUEST_CANCEL_VERB, Invoke
from bot.teams.sdk import ActivityContext, App
from bot.teams.views.render import form_answer
from bot.texts import procedure as procedure_text
from bot.texts import teams as text
from bot.views import forms
from bot.views.context import KEYS, Context
from bot.views.ids import Action, FormId
from bot.views.model import FormView, Input, Message
from bot.views.requests import answer_due, request_message

log = logging.getLogger(__name__)

FormBuilder = Callable[[ComplaintService, Complaint, Context], FormView]


def _plan(service: ComplaintService, complaint: Complaint, context: Context) -> FormView:
    suggestion = forms.suggested_meeting(service.calendar, service.now())
    return forms.plan_form(complaint, context, suggestion)


def _move(service: ComplaintService, complaint: Complaint, context: Context) -> FormView:
    suggestion = forms.suggested_meeting(service.calendar, service.now())
    return forms.move_form(complaint, context, suggestion)


# button -> (step name in the role matrix, the form it opens), as in Slack
BUTTONS: dict[str, tuple[str, FormBuilder]] = {
    Action.RESPOND.value: (
        "record_employee_response",
        lambda _service, complaint, context: forms.respond_form(complaint, context),
    ),
    Action.PLAN.value: ("plan_meeting", _plan),
    Action.MOVE_MEETING.value: ("move_meeting", _move),
    Action.DECLINE.value: (
        "decline_discussion",
        lambda _service, complaint, context: forms.decline_form(complaint, context),
    ),
}
# form -> (the button that opened it, procedure step, parser)
FORMS: dict[str, tuple[str, Step, Callable[[Form], Any]]] = {
    FormId.EMPLOYEE_RESPOND.value: (
        Action.RESPOND.value,
        procedure.record_employee_response,
        parsers.parse_respond,
    ),
    FormId.EMPLOYEE_PLAN.value: (Action.PLAN.value, procedure.plan_meeting, parsers.parse_plan),
    FormId.EMPLOYEE_MOVE.value: (
        Action.MOVE_MEETING.value,
        procedure.move_meeting,
        parsers.parse_plan,
    ),
    FormId.EMPLOYEE_DECLINE.value: (
        Action.DECLINE.value,
        procedure.decline_discussion,
        parsers.parse_decline,
    ),
}
HANDLED = {*BUTTONS, *FORMS, REQUEST_CANCEL_VERB}


def register(sdk: App, surface: Surface) -> None:
    answer_invokes(
        sdk,
        surface,
        verbs=HANDLED,
        card_answer=card_answer,
        wants_dialog=lambda data: (
            str(data.get("verb")) in BUTTONS or str(data.get("form")) in FORMS
        ),
        dialog_answer=dialog_answer,
    )


def answer_invokes(
    sdk: App,
    surface: Surface,
    *,
    verbs: Collection[str],
    card_answer: Callable[[Surface, Actor, str, dict[str, Any]], Any],
    wants_dialog: Callable[[dict[str, Any]], bool],
    dialog_answer: Callable[[Surface, Actor, str, dict[str, Any]], Any],
) -> None:
    """Register one area's invoke handler: a card button or form whose verb is in `verbs` is
    answered by `card_answer`, a dialog that `wants_dialog` by `dialog_answer` (with the invoke's
    name), both in a thread; any other invoke goes on to the next handler."""

    @sdk.on_invoke
    async def answer(ctx: ActivityContext[Any]) -> Any:
        activity = ctx.activity
        reply = None
        if activity.name == Invoke.CARD_ACTION:
            action = invoke_data_of_action(activity)
            verb = str(action.get("verb") or "")
            if verb in verbs:
                data = action.get("data") if isinstance(action.get("data"), dict) else {}
                actor = actor_of(activity, surface)
                reply = await in_thread(card_answer, surface, actor, verb, data)
        elif activity.name in (Invoke.DIALOG_OPEN, Invoke.DIALOG_SUBMIT):
            data = invoke_data(activity)
            if wants_dialog(data):
                actor = actor_of(activity, surface)
                reply = await in_thread(dialog_answer, surface, actor, activity.name, data)
        if reply is None:
            return await ctx.next()
        return answered(reply)


def invoke_data_of_action(activity: Any) -> dict[str, Any]:
    value = activity.value
    if hasattr(value, "model_dump"):
        value = value.model_dump(by_alias=True, exclude_none=True)
    action = value.get("action") if isinstance(value, dict) else None
    return action if isinstance(action, dict) else {}


def card_answer(surface: Surface, actor: Actor, verb: str, data: dict[str, Any]) -> dict[str, Any]:
    """The invoke's answer to a click on the request card or its form; never an exception."""
    context = _context(data)
    try:
        owner(context, actor)
        if verb in BUTTONS:
            view = open_form(surface.service, actor, verb, context)
            return _in_card(view)
        if verb in FORMS:
            refused = take_step(surface.service, actor, verb, context, data)
            if refused is not None:
                return _in_card(refused)
        return card_of(request_card(surface.service, actor, context))
    except ProcedureError as exc:
        return _said(Invoke.CARD_ACTION, exc.message)
    except Exception:
        log.exception("the employee's card action in Teams failed")
        return _said(Invoke.CARD_ACTION, text.SOMETHING_WENT_WRONG)


def dialog_answer(surface: Surface, actor: Actor, invoke: str, data: dict[str, Any]) -> Any:
    """The invoke's answer to opening or sending the employee's dialog; never an exception."""
    try:
        if invoke == Invoke.DIALOG_OPEN:
            context = _context(data)
            owner(context, actor)
            return continue_task(open_form(surface.service, actor, str(data["verb"]), context))
        context = _context(data.get("context") if isinstance(data.get("context"), dict) else {})
        owner(context, actor)
        answers = {key: value for key, value in data.items() if key not in KEYS}
        form = str(data["form"])
        refused = take_step(surface.service, actor, form, context, answers)
        if refused is not None:
            return continue_task(refused)
        return closing_message(text.EMPLOYEE_SAVED.format(reference=context.reference))
    except ProcedureError as exc:
        return _said(invoke, exc.message)
    except Exception:
        log.exception("the employee's dialog in Teams failed")
        return _said(invoke, text.SOMETHING_WENT_WRONG)


def owner(context: Context, actor: Actor) -> None:
    """Only the employee the card is for may use it."""
    if not context.employee or context.employee.lower() != actor.user_id.lower():
        raise NotAllowed(procedure_text.NOT_YOUR_DISCUSSION)


def open_form(service: ComplaintService, actor: Actor, verb: str, context: Context) -> FormView:
    """The button's form, when the request is the actor's and still waits for them."""
    step_name, build = BUTTONS[verb]
    complaint = service.get(context.reference or "")
    procedure.waiting_request(complaint, actor, step_name, service.now())
    shown = Context(reference=complaint.reference, employee=actor.user_id)
    return build(service, complaint, shown)


def take_step(
    service: ComplaintService,
    actor: Actor,
    form: str,
    context: Context,
    data: dict[str, Any],
) -> FormView | None:
    """The step taken with the answers (None); or the form again with the error at its field."""
    verb, step, parse = FORMS[form]
    view = open_form(service, actor, verb, context)
    fields = tuple(part for part in view.blocks if isinstance(part, Input))
    try:
        answers = parse(Form(form_values(fields, data, service.settings.tz), service.settings.tz))
        service.change(context.reference or "", step, actor, answers)
    except ProcedureError as exc:
        if exc.field is None:
            raise
        typed = tuple(
            typed_in(part, data) if isinstance(part, Input) else part for part in view.blocks
        )
        return dataclasses.replace(view, blocks=typed, errors=field_errors(exc))
    return None


def request_card(service: ComplaintService, actor: Actor, context: Context) -> Message:
    """The actor's latest request on the complaint, as their card shows it now."""
    complaint = service.get(context.reference or "")
    mine = [r for r in employee_requests(complaint) if r.employee_id == actor.user_id]
    if not mine:
        raise NotAllowed(procedure_text.NOT_YOUR_DISCUSSION)
    return request_message(complaint, mine[-1], answer_due(service, mine[-1]), service.now())


def _context(data: dict[str, Any]) -> Context:
    return Context(**{key: data[key] for key in KEYS if isinstance(data.get(key), str | int)})


def _in_card(view: FormView) -> dict[str, Any]:
    return form_answer(view, REQUEST_CANCEL_VERB)


def _said(invoke: str, message: str) -> Any:
    return message_answer(invoke, text.REFUSED_TITLE, message)
