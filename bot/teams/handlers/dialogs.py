"""A complaint's forms as dialogs (task modules): `task/fetch` opens one, `task/submit` sends it.

- `task/fetch` comes from a button with `msteams: {"type": "task/fetch"}` (an Action.Submit on
  a card); its `data` names the step as a card button does (`verb`: the shared action id) and
  the complaint (`reference`). After the same checks as a card button (the person's role may
  take the step, the complaint has not moved past it) it is answered with a `continue` task:
  the step's form as an Adaptive Card (bot.teams.views.render.dialog).
- `task/submit` carries what the form's submit button holds (`form`: the form id, `context`)
  and the answers beside them, as Teams merges inputs into an Action.Submit's data. The answers
  are read by the same parsers as the form shown in place of a card (bot.teams.handlers.cards):
  invalid input is answered with a `continue` task showing the form again, the error at its
  field and what was typed; a valid submit takes the step through the service and closes the
  dialog with a `message` task saying what happened.

Any refusal (role, a complaint moved on, an unknown reference) is a message in the dialog.
The card posted in the channel is not refreshed here: the service records the change for the
chat outbox, and delivering that outbox to Teams is not built yet.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.procedure import Actor, ProcedureError
from bot.teams.answers import answered, message_answer
from bot.teams.app import Surface
from bot.teams.handlers.cards import BY_ACTION, BY_FORM, form_view, openable, take_step
from bot.teams.handlers.commands import actor_of
from bot.teams.hops import in_thread
from bot.teams.ids import Invoke
from bot.teams.sdk import ActivityContext, App
from bot.teams.views.render import dialog
from bot.texts import STATE_LABELS
from bot.texts import teams as text
from bot.views.context import KEYS, Context
from bot.views.model import FormView

log = logging.getLogger(__name__)


def register(sdk: App, surface: Surface) -> None:
    @sdk.on_invoke
    async def dialogs(ctx: ActivityContext[Any]) -> Any:
        activity = ctx.activity
        if activity.name not in (Invoke.DIALOG_OPEN, Invoke.DIALOG_SUBMIT):
            return await ctx.next()
        data = invoke_data(activity)
        if activity.name == Invoke.DIALOG_OPEN and str(data.get("verb")) not in BY_ACTION:
            return await ctx.next()
        if activity.name == Invoke.DIALOG_SUBMIT and str(data.get("form")) not in BY_FORM:
            return await ctx.next()
        answer = await in_thread(
            dialog_answer, surface, actor_of(activity, surface), activity.name, data
        )
        return answered(answer)


def invoke_value(activity: Any) -> dict[str, Any]:
    """An invoke's `value` as a dict (the SDK may hand it over as one of its models)."""
    value = activity.value
    if hasattr(value, "model_dump"):
        value = value.model_dump(by_alias=True, exclude_none=True)
    return value if isinstance(value, dict) else {}


def invoke_data(activity: Any) -> dict[str, Any]:
    """The `data` of a task module invoke (task/fetch, task/submit, a message action's
    submitAction) as a dict; an empty one when it holds none."""
    data = invoke_value(activity).get("data")
    return data if isinstance(data, dict) else {}


def continue_task(view: FormView) -> dict[str, Any]:
    """The answer that shows `view` in a dialog (a `continue` task with its Adaptive Card)."""
    return {"task": {"type": "continue", "value": dialog(view)}}


def closing_message(message: str) -> dict[str, Any]:
    """The answer that closes the dialog with `message` (a `message` task)."""
    return {"task": {"type": "message", "value": message}}


def dialog_answer(surface: Surface, actor: Actor, invoke: str, data: dict[str, Any]) -> Any:
    """The invoke's answer to opening or submitting a step's dialog; never an exception."""
    try:
        if invoke == Invoke.DIALOG_OPEN:
            reference = str(data.get("reference") or "")
            workflow = BY_ACTION[str(data["verb"])]
            complaint, recurrence = openable(surface, actor, workflow, reference)
            return continue_task(form_view(surface, workflow, complaint, recurrence=recurrence))
        context = data.get("context") if isinstance(data.get("context"), dict) else {}
        reference = str(context.get("reference") or "")
        workflow = BY_FORM[str(data["form"])]
        answers = {key: value for key, value in data.items() if key not in KEYS}
        carried = Context(**{k: context[k] for k in KEYS if isinstance(context.get(k), str | int)})
        refused = take_step(surface, actor, workflow, reference, answers, carried)
        if refused is not None:
            return continue_task(refused)
        state = surface.service.get(reference, with_events=False).state
        return closing_message(text.DIALOG_DONE.format(reference=reference, state=_label(state)))
    except ProcedureError as exc:
        return _said(invoke, exc.message)
    except Exception:
        log.exception("dialog in Teams failed")
        return _said(invoke, text.SOMETHING_WENT_WRONG)


def _label(state: Any) -> str:
    return STATE_LABELS.get(state, str(state)).lower()


def _said(invoke: str, message: str) -> Any:
    return message_answer(invoke, text.REFUSED_TITLE, message)
