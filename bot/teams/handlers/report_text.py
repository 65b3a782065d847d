"""The officer's analysis (a quarter) or advice (a year) on a report, in Teams: the twin of
bot.slack.listeners.reports' button and modal.

- "Analyse toevoegen" / "Advies toevoegen" (Action.Execute, `data` names the report) shows the
  form (bot.views.reports.text_form) in place of the card; the form's submit (`verb` the form
  id) stores the text with the report and asks for it to be posted (reports.store.
  publish_with_text), answered with one line; cancel brings the report's card back.
- The same form opens as a dialog (`task/fetch` with the button's verb and `report_id`;
  `task/submit` with the form id), closed with the same line.

Only the complaints officer may add the text: anyone else is refused and nothing is stored.
The job runner posts the report, as in Slack.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from bot.procedure import Actor, ProcedureError, Role
from bot.procedure.errors import NotAllowed
from bot.teams.answers import message_answer
from bot.teams.app import Surface
from bot.teams.handlers.cards import card_of
from bot.teams.handlers.dialogs import closing_message, continue_task
from bot.teams.handlers.discussion import answer_invokes
from bot.teams.ids import REPORT_CANCEL_VERB, Invoke
from bot.teams.sdk import App
from bot.teams.views.render import form_answer
from bot.texts import reports as reports_text
from bot.texts import teams as text
from bot.views.ids import Action, Field, FormId
from bot.views.model import FormView
from bot.views.reports import preview, text_form

log = logging.getLogger(__name__)

HANDLED = {Action.ADD_REPORT_TEXT.value, FormId.REPORT_TEXT.value, REPORT_CANCEL_VERB}


def register(sdk: App, surface: Surface) -> None:
    answer_invokes(
        sdk,
        surface,
        verbs=HANDLED,
        card_answer=card_answer,
        wants_dialog=lambda data: (
            data.get("verb") == Action.ADD_REPORT_TEXT or data.get("form") == FormId.REPORT_TEXT
        ),
        dialog_answer=dialog_answer,
    )


def card_answer(surface: Surface, actor: Actor, verb: str, data: dict[str, Any]) -> Any:
    """The invoke's answer to the button, the form's submit or cancel; never an exception."""
    try:
        report_id = _report_id(data)
        _require_officer(actor)
        if verb == Action.ADD_REPORT_TEXT:
            return _in_card(text_form(_report(surface, report_id)))
        if verb == FormId.REPORT_TEXT:
            refused = save(surface, actor, report_id, data)
            if refused is not None:
                return _in_card(refused)
            return _said(Invoke.CARD_ACTION, _saved(surface, report_id))
        return card_of(preview(_report(surface, report_id), None, surface.service.now()))
    except ProcedureError as exc:
        return _said(Invoke.CARD_ACTION, exc.message)
    except Exception:
        log.exception("the report's text in Teams failed")
        return _said(Invoke.CARD_ACTION, text.SOMETHING_WENT_WRONG)


def dialog_answer(surface: Surface, actor: Actor, invoke: str, data: dict[str, Any]) -> Any:
    """The dialog's answer: the form, the form again with its error, or the closing line."""
    opening = invoke == Invoke.DIALOG_OPEN
    try:
        carried = data if opening else (data.get("context") or {})
        report_id = _report_id(carried if isinstance(carried, dict) else {})
        _require_officer(actor)
        if opening:
            return continue_task(text_form(_report(surface, report_id)))
        refused = save(surface, actor, report_id, data)
        if refused is not None:
            return continue_task(refused)
        return closing_message(_saved(surface, report_id))
    except ProcedureError as exc:
        return _said(invoke, exc.message)
    except Exception:
        log.exception("the report's text dialog in Teams failed")
        return _said(invoke, text.SOMETHING_WENT_WRONG)


def save(surface: Surface, actor: Actor, report_id: int, data: dict[str, Any]) -> FormView | None:
    """Store the text and ask for the report to be posted (None); or the form again when a
    year's advice, which is required, was left empty."""
    from reports.store import publish_with_text

    service = surface.service
    report = _report(surface, report_id)
    value = data.get(Field.REPORT_TEXT)
    typed = value.strip() if isinstance(value, str) else ""
    if not typed and report.kind == "year":
        form = text_form(report)
        return dataclasses.replace(form, errors={Field.REPORT_TEXT.value: text.REQUIRED})
    publish_with_text(
        service.db, service.settings, report_id, typed or None, actor.user_id, service.now()
    )
    return None


def _report(surface: Surface, report_id: int) -> Any:
    from reports.generate import load_report

    return load_report(surface.service.db, surface.service.settings, report_id)


def _report_id(data: dict[str, Any]) -> int:
    report_id = data.get("report_id")
    if not isinstance(report_id, int) or isinstance(report_id, bool):
        raise ProcedureError(text.SOMETHING_WENT_WRONG)
    return report_id


def _require_officer(actor: Actor) -> None:
    if actor.role is not Role.OFFICER:
        raise NotAllowed(reports_text.COMMAND_NOT_ALLOWED)


def _saved(surface: Surface, report_id: int) -> str:
    return text.REPORT_TEXT_SAVED.format(label=_report(surface, report_id).period)


def _in_card(view: FormView) -> dict[str, Any]:
    return form_answer(view, REPORT_CANCEL_VERB)


def _said(invoke: str, message: str) -> Any:
    return message_answer(invoke, text.REFUSED_TITLE, message)
