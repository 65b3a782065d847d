"""The buttons of a complaint's card in Teams (Action.Execute, the invoke `adaptiveCard/action`),
answered at once with the card that takes the place of the one clicked
(`application/vnd.microsoft.card.adaptive`):

- a step's button (its `verb` is the shared action id) shows the step's form in the card, after
  the same checks as Slack: the person's role may take the step, and the complaint has not moved
  past it (else who did, in a message);
- the form's submit (`verb` is the form id; `data` holds the context and the answers) takes the
  step through the service, as Slack's modal does, and answers with the complaint's updated card
  for this person; a refused answer shows the form again with the error at its field and what
  was typed;
- cancel brings the card back;
- a one-click button takes its step at once, as in Slack (bot.slack.listeners: "Per post
  verstuurd" under a letter to post, "Akkoord" / "Niet akkoord" under the complainant's reply,
  "Toch registreren als klacht" under an ignored e-mail), through the same service call, officer
  only, and answers with the complaint's updated card; a second click says it was done.

The steps, their forms and parsers are the officer's workflows (bot.forms.workflows.WORKFLOWS,
the one table of them for every surface).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any

from bot import lookup
from bot.correspondence import record_posted
from bot.forms.values import Form, answers_of
from bot.forms.workflows import WORKFLOWS, Workflow, buttons_for
from bot.procedure import Acceptance, Actor, Complaint, ProcedureError, Role, decision
from bot.procedure.errors import AlreadyDone, NotAllowed, field_errors
from bot.procedure.inputs import AcceptanceRecord
from bot.procedure.overview import Recurrence
from bot.procedure.roles import require_role
from bot.service import takes_terms
from bot.teams.answers import answered, message_answer
from bot.teams.app import Surface
from bot.teams.handlers.commands import actor_of
from bot.teams.hops import in_thread
from bot.teams.ids import CANCEL_VERB, Invoke
from bot.teams.sdk import ActivityContext, App
from bot.teams.views.render import CARD_TYPE, TIME_SUFFIX, form_answer
from bot.teams.views.render import message as render_message
from bot.teams.views.text import plain
from bot.texts import complainant as complainant_text
from bot.texts import find as find_text
from bot.texts import teams as text
from bot.views import forms
from bot.views.card import allowed_actions, recurrence_block
from bot.views.context import KEYS, Context
from bot.views.ids import Action, Field
from bot.views.ignored import admitted
from bot.views.model import FieldKind, FormView, Input, Message
from bot.views.thread import stale_button

log = logging.getLogger(__name__)

BY_ACTION = {workflow.action.value: workflow for workflow in WORKFLOWS}
BY_FORM = {workflow.callback.value: workflow for workflow in WORKFLOWS}
FIELDS = {field.value for field in Field}


def register(sdk: App, surface: Surface) -> None:
    @sdk.on_invoke
    async def card_action(ctx: ActivityContext[Any]) -> Any:
        activity = ctx.activity
        action = _action(activity) if activity.name == Invoke.CARD_ACTION else None
        verb = str((action or {}).get("verb") or "")
        if verb not in HANDLED:
            return await ctx.next()
        data = (action or {}).get("data")
        answer = await in_thread(
            card_answer,
            surface,
            actor_of(activity, surface),
            verb,
            data if isinstance(data, dict) else {},
        )
        return answered(answer)


def _action(activity: Any) -> dict[str, Any] | None:
    value = activity.value
    if hasattr(value, "model_dump"):
        value = value.model_dump(by_alias=True, exclude_none=True)
    action = value.get("action") if isinstance(value, dict) else None
    return action if isinstance(action, dict) else None


def card_answer(surface: Surface, actor: Actor, verb: str, data: dict[str, Any]) -> dict[str, Any]:
    """The invoke's answer to a click; never an exception."""
    context = Context(**{key: data[key] for key in KEYS if isinstance(data.get(key), str | int)})
    reference = str(context.reference or "")
    try:
        if verb in BY_ACTION:
            return _open(surface, actor, BY_ACTION[verb], reference)
        if verb in BY_FORM:
            return _submit(surface, actor, BY_FORM[verb], reference, data)
        if verb in ONE_CLICK:
            return card_of(ONE_CLICK[verb](surface, actor, context))
        return card_of(_complaint_card(surface, actor, reference))
    except ProcedureError as exc:
        return _said(exc.message)
    except Exception:
        log.exception("card action in Teams failed")
        return _said(text.SOMETHING_WENT_WRONG)


def _letter_posted(surface: Surface, actor: Actor, context: Context) -> Message:
    """ "Per post verstuurd": the letter recorded as sent, as Slack's button does."""
    if actor.role is not Role.OFFICER:
        raise NotAllowed(complainant_text.LETTER_POSTED_NOT_ALLOWED)
    reference = str(context.reference or "?")
    if record_posted(surface.service, int(context.letter_id or 0), actor) is None:
        raise AlreadyDone(complainant_text.LETTER_POSTED_ALREADY.format(reference=reference))
    return _complaint_card(surface, actor, reference)


def _answer(answer: Acceptance) -> Any:
    def take(surface: Surface, actor: Actor, context: Context) -> Message:
        """ "Akkoord" / "Niet akkoord": the complainant's answer recorded as Slack's button does
        (the procedure refuses a second answer, naming who recorded the first)."""
        require_role(actor, "record_acceptance")
        reference = str(context.reference or "")
        record = AcceptanceRecord(answer)
        surface.service.change(reference, decision.record_acceptance, actor, record)
        return _complaint_card(surface, actor, reference)

    return take


def _admit_ignored(surface: Surface, actor: Actor, context: Context) -> Message:
    """ "Toch registreren als klacht": a complaint made of the ignored e-mail, as Slack's button
    does (a second click is refused by `admit`, which claims the message once)."""
    from bot.intake.ignored import admit

    if actor.role is not Role.OFFICER:
        raise NotAllowed(find_text.IGNORED_NOT_ALLOWED)
    inbound_id = int(context.inbound_id or 0)
    complaint = admit(surface.service, inbound_id, actor)
    return admitted(complaint, inbound_id, surface.service.now())


# The buttons that take their step at once (no form), by verb.
ONE_CLICK = {
    Action.LETTER_POSTED.value: _letter_posted,
    Action.AGREED.value: _answer(Acceptance.AGREED),
    Action.DISAGREED.value: _answer(Acceptance.DISAGREED),
    Action.ADMIT_IGNORED.value: _admit_ignored,
}
# Every verb a card's Action.Execute may send that this handler answers.
HANDLED = {*BY_ACTION, *BY_FORM, *ONE_CLICK, CANCEL_VERB}


def card_of(view: Message) -> dict[str, Any]:
    """An invoke answer that replaces the clicked card."""
    (attachment,) = render_message(view)["attachments"]
    return {"statusCode": 200, "type": CARD_TYPE, "value": attachment["content"]}


def _said(message: str) -> dict[str, Any]:
    answer = message_answer(Invoke.CARD_ACTION, message, message)
    assert answer is not None
    return answer


def _complaint_card(surface: Surface, actor: Actor, reference: str) -> Message:
    return lookup.complaint_card(surface.service, actor, reference, buttons_for)


def _open(surface: Surface, actor: Actor, workflow: Workflow, reference: str) -> dict[str, Any]:
    complaint, recurrence = openable(surface, actor, workflow, reference)
    view = form_view(surface, workflow, complaint, recurrence=recurrence)
    return form_answer(view, CANCEL_VERB)


def openable(
    surface: Surface, actor: Actor, workflow: Workflow, reference: str
) -> tuple[Complaint, Recurrence | None]:
    """The complaint, without its history (all a form shows), when `actor` may open the step's
    form now, and the earlier complaints like it when the form shows them (one read of both).
    A role that may not take the step raises its ProcedureError; a complaint that has moved
    past the step raises AlreadyDone saying who moved it on (only then is the history read:
    every click on a button runs this)."""
    require_role(actor, workflow.step_name)
    service = surface.service
    recurrence = None
    if workflow.shows_recurrence:
        complaint, recurrence = service.with_recurrence(
            reference, with_events=workflow.reads_history
        )
    else:
        complaint = service.get(reference, with_events=workflow.reads_history)
    if workflow.action not in allowed_actions(complaint):
        stale = stale_button(service.get(reference), workflow.step_name, service.now())
        raise AlreadyDone(plain(stale.summary))
    return complaint, recurrence


def form_view(
    surface: Surface,
    workflow: Workflow,
    complaint: Complaint,
    errors: dict[str, str] | None = None,
    typed: dict[str, Any] | None = None,
    *,
    recurrence: Recurrence | None = None,
) -> FormView:
    """The step's form on the complaint; with `errors` at their fields and what was `typed`.
    The earlier complaints like it are read unless `recurrence` holds them already."""
    service = surface.service
    fields = tuple(
        typed_in(field, typed or {}) for field in workflow.fields(complaint, service.now())
    )
    notes = ()
    if workflow.shows_recurrence:
        if recurrence is None:
            recurrence = service.recurrence(complaint)
        notes = (recurrence_block(recurrence),)
    context = Context(reference=complaint.reference)
    view = forms.step_form(
        workflow.callback, workflow.title, complaint, context, fields, notes, workflow.submit
    )
    return dataclasses.replace(view, errors=errors or {})


def typed_in(field: Input, typed: dict[str, Any]) -> Input:
    """The field showing what was typed, when the form comes back with an error."""
    value = typed.get(field.field.value)
    if (
        not isinstance(value, str)
        or not value
        or field.kind in (FieldKind.DATE, FieldKind.DATE_TIME)
    ):
        return field
    return dataclasses.replace(field, initial=value)


def _submit(
    surface: Surface, actor: Actor, workflow: Workflow, reference: str, data: dict[str, Any]
) -> dict[str, Any]:
    context = Context(**{key: data[key] for key in KEYS if isinstance(data.get(key), str | int)})
    refused = take_step(surface, actor, workflow, reference, data, context)
    if refused is not None:
        return form_answer(refused, CANCEL_VERB)
    return card_of(_complaint_card(surface, actor, reference))


def take_step(
    surface: Surface,
    actor: Actor,
    workflow: Workflow,
    reference: str,
    data: dict[str, Any],
    context: Context | None = None,
) -> FormView | None:
    """The step taken through the service with the form's answers in `data` (None); or the form
    again with the error at its field and what was typed; or the form's next page (the closing
    form's decision letter, as in Slack: bot.forms.workflows.review_letter). An error of no
    field is raised. `context` is what the form carried (the letter's page says so)."""
    require_role(actor, workflow.step_name)
    service = surface.service
    context = context or Context(reference=reference)
    # With its history: the review's page runs the step's own checks on it (next_page).
    complaint = service.get(reference)
    fields = workflow.fields(complaint, service.now())
    if context.letter_for:
        fields = (*fields, forms.letter_field("", required=False))
    try:
        form = Form(form_values(fields, data, service.settings.tz), service.settings.tz)
        answers = workflow.parse(form)
        if workflow.check:
            workflow.check(service, answers)
        if workflow.review is not None:
            page = next_page(surface, actor, workflow, complaint, answers, context, form)
            if page is not None:
                return page
        service.change(reference, workflow.step, actor, answers)
    except ProcedureError as exc:
        if exc.field is None:
            raise
        view = form_view(surface, workflow, complaint, field_errors(exc), data)
        if context.letter_for:  # the letter's page again, with what was typed in it
            letter = typed_in(forms.letter_field("", required=False), data)
            view = dataclasses.replace(view, context=context, blocks=(*view.blocks, letter))
        return view
    return None


def next_page(
    surface: Surface,
    actor: Actor,
    workflow: Workflow,
    complaint: Any,
    answers: Any,
    context: Context,
    form: Form,
) -> FormView | None:
    """The step's own checks first (so what is wrong shows on the page it was typed on), then
    the review's page, or None to take the step."""
    assert workflow.review is not None
    service = surface.service
    extra = {"terms": service.terms} if takes_terms(workflow.step) else {}
    workflow.step(complaint, actor, answers, now=service.now(), **extra)
    typed = answers_of(form.values, service.settings.tz)
    return workflow.review(service, complaint, answers, context, typed)


def form_values(fields: tuple[Input, ...], data: dict[str, Any], tz: Any) -> dict[str, Any]:
    """What an Action.Execute hands back, as the values Slack's form parser reads: a date and a
    time as one moment (seconds since the epoch), people as a list, nothing typed as None."""
    values: dict[str, Any] = {}
    for field in fields:
        name = field.field.value
        value = data.get(name)
        value = (
            value.strip()
            if isinstance(value, str) and field.kind is not FieldKind.LONG_TEXT
            else value
        )
        if field.kind is FieldKind.DATE_TIME:
            values[name] = _moment(value, data.get(name + TIME_SUFFIX), tz)
        elif field.kind is FieldKind.PEOPLE:
            values[name] = [part for part in str(value or "").split(",") if part]
        else:
            values[name] = value if value not in ("", None) else None
    return {name: value for name, value in values.items() if name in FIELDS}


def _moment(day: Any, time: Any, tz: Any) -> int | None:
    try:
        moment = dt.datetime.fromisoformat(f"{day}T{time or '00:00'}").replace(tzinfo=tz)
    except (TypeError, ValueError):
        return None
    return int(moment.timestamp())
