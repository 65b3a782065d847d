"""The message action "Registreer als klacht" (a message extension action on any message): the
twin of Slack's message shortcut.

- `composeExtension/fetchTask` with the manifest's command id (bot.teams.ids.MESSAGE_ACTION):
  only an officer (TEAMS_OFFICER_IDS) may use it, anyone else is told in the dialog whom to
  send the message to (stricter than the procedure's role matrix, which lets any colleague hand
  in a complaint: in Teams the action shows on every message to everyone). The officer gets
  the new-complaint form as a dialog (a `continue` task), its subject and text filled in from
  the message (`messagePayload.body`, HTML read as text) and the complainant's name from the
  message's author. The link to the message
  (`messagePayload.linkToMessage`) travels in the form's context.
- `composeExtension/submitAction`: the form's answers are read by the same parser as Slack's
  new-complaint modal and the complaint is stored by the same service call (`submit`), with
  source "Teams-bericht" and the link when the message had one. Invalid input comes back in the
  dialog with the error at its field and what was typed; afterwards the dialog says which
  complaint was made (another `continue` task: the answers Teams documents for a message
  action's submit are a dialog, a card for the compose box, or nothing).
"""

from __future__ import annotations

import dataclasses
import html
import logging
import re
from typing import Any

from bot.forms.steps import parse_new_complaint
from bot.forms.values import Form
from bot.procedure import Actor, ProcedureError, Role, Source
from bot.procedure.errors import field_errors
from bot.teams.answers import answered, message_answer
from bot.teams.app import Surface
from bot.teams.handlers.cards import form_values, typed_in
from bot.teams.handlers.commands import actor_of
from bot.teams.handlers.dialogs import continue_task, invoke_data, invoke_value
from bot.teams.hops import in_thread
from bot.teams.ids import MESSAGE_ACTION, Invoke
from bot.teams.sdk import ActivityContext, App
from bot.texts import teams as text
from bot.views.context import Context
from bot.views.excerpts import first_line
from bot.views.forms import new_complaint
from bot.views.ids import Field
from bot.views.model import FormView, Input

log = logging.getLogger(__name__)

LINK_PREFIX = "https://teams.microsoft.com/l/message/"
LINK_LIMIT = 1000  # a longer "link" is none Teams makes; the context must stay small
BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6])>", re.IGNORECASE)
TAG = re.compile(r"<[^>]{0,2000}>")
BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")


def register(sdk: App, surface: Surface) -> None:
    @sdk.on_invoke
    async def message_action(ctx: ActivityContext[Any]) -> Any:
        activity = ctx.activity
        if activity.name not in (Invoke.MESSAGE_ACTION_OPEN, Invoke.MESSAGE_ACTION_SUBMIT):
            return await ctx.next()
        value = invoke_value(activity)
        if value.get("commandId") != MESSAGE_ACTION:
            return await ctx.next()
        actor = actor_of(activity, surface)
        if activity.name == Invoke.MESSAGE_ACTION_OPEN:
            answer = opening_answer(actor, value, _channel(activity))
        else:
            data = invoke_data(activity)
            answer = await in_thread(submit_answer, surface, actor, data)
        return answered(answer)


def _channel(activity: Any) -> str | None:
    channel = getattr(activity.channel_data, "channel", None) if activity.channel_data else None
    return str(channel.id) if channel is not None and channel.id else None


def opening_answer(actor: Actor, value: dict[str, Any], channel: str | None) -> dict[str, Any]:
    """The new-complaint form filled in from the message; a refusal for anyone but an officer."""
    if actor.role is not Role.OFFICER:
        return _dialog_message(text.REFUSED_TITLE, text.MESSAGE_ACTION_OFFICERS_ONLY)
    message = value.get("messagePayload")
    message = message if isinstance(message, dict) else {}
    said = message_text(message)
    context = Context(channel=channel, permalink=link_of(message))
    view = new_complaint(context, subject=first_line(said), body=said)
    author = author_of(message)
    if author:
        view = _filled(view, {Field.COMPLAINANT_NAME.value: author})
    return continue_task(view)


def submit_answer(surface: Surface, actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    """The complaint stored from the form's answers, or the form again with the error at its
    field; never an exception."""
    if actor.role is not Role.OFFICER:
        return _dialog_message(text.REFUSED_TITLE, text.MESSAGE_ACTION_OFFICERS_ONLY)
    raw = data.get("context")
    context = Context(**{key: raw[key] for key in ("channel", "permalink") if _text(raw, key)})
    context = dataclasses.replace(context, permalink=_link(context.permalink))
    service = surface.service
    form = new_complaint(context)
    try:
        fields = tuple(part for part in form.blocks if isinstance(part, Input))
        tz = service.settings.tz
        intake = parse_new_complaint(
            Form(form_values(fields, data, tz), tz), now=service.now(), context=context
        )
        if intake.source_link:
            intake = dataclasses.replace(intake, source=Source.TEAMS_MESSAGE)
        stored = service.submit(intake, actor)
    except ProcedureError as exc:
        if exc.field is None:
            return _dialog_message(text.REFUSED_TITLE, exc.message)
        again = dataclasses.replace(_filled(form, data), errors=field_errors(exc))
        return continue_task(again)
    except Exception:
        log.exception("message action in Teams failed")
        return _dialog_message(text.REFUSED_TITLE, text.SOMETHING_WENT_WRONG)
    done = text.MESSAGE_REGISTERED if intake.source_link else text.MESSAGE_REGISTERED_NO_LINK
    reference = str(stored.reference)
    return _dialog_message(text.MESSAGE_REGISTERED_TITLE, done.format(reference=reference))


def message_text(message: dict[str, Any]) -> str:
    """The message's text: its HTML body read as lines (mentions keep the name shown)."""
    body = message.get("body") if isinstance(message.get("body"), dict) else {}
    content = str(body.get("content") or "")
    if str(body.get("contentType") or "html").lower() == "html":
        content = html.unescape(TAG.sub("", BREAK.sub("\n", content)))
    lines = "\n".join(line.strip() for line in content.replace("\r", "").split("\n"))
    return BLANK_LINES.sub("\n\n", lines).strip()


def author_of(message: dict[str, Any]) -> str | None:
    sender = message.get("from") if isinstance(message.get("from"), dict) else {}
    user = sender.get("user") if isinstance(sender.get("user"), dict) else {}
    name = str(user.get("displayName") or "").strip()
    return name[:200] or None


def link_of(message: dict[str, Any]) -> str | None:
    return _link(message.get("linkToMessage"))


def _link(value: Any) -> str | None:
    """A link to a Teams message, or None for anything else."""
    if isinstance(value, str) and value.startswith(LINK_PREFIX) and len(value) <= LINK_LIMIT:
        return value
    return None


def _text(raw: Any, key: str) -> bool:
    return isinstance(raw, dict) and isinstance(raw.get(key), str) and bool(raw[key])


def _filled(view: FormView, typed: dict[str, Any]) -> FormView:
    blocks = tuple(
        typed_in(part, typed) if isinstance(part, Input) else part for part in view.blocks
    )
    return dataclasses.replace(view, blocks=blocks)


def _dialog_message(title: str, message: str) -> dict[str, Any]:
    """A dialog that only says something (for a message action, open and submit alike)."""
    answer = message_answer(Invoke.MESSAGE_ACTION_OPEN, title, message)
    assert answer is not None
    return answer
