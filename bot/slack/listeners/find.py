"""`/klacht` subcommands that find complaints: lijst, zoek, a reference, help, and nothing
typed (the new-complaint modal). Each answers ephemerally in its acknowledgement, shaped by
the asking person's role."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

from bot.procedure import Complaint
from bot.procedure.roles import employee_scope, may_see, sees_contact_details
from bot.slack.errors import ack_then
from bot.slack.invocation import Invocation
from bot.slack.listeners.shortcuts import new_complaint as open_new_complaint
from bot.slack.outbox import root_message_of
from bot.slack.views import render
from bot.slack.workflows import buttons_for
from bot.texts import find as text
from bot.views.card import card
from bot.views.lists import help_message, open_list, search_hint, search_results


def new_complaint(call: Invocation) -> None:
    """`/klacht` alone: the same modal as the global shortcut."""
    ack_then(open_new_complaint, call.deps.after_ack)(call.ack, call.body, call.client, call.logger)


def show_help(call: Invocation, unknown: str | None = None) -> None:
    role = call.deps.actors.viewer(call.body).role
    call.ack(**render.message(help_message(role, unknown)))


def list_open(call: Invocation) -> None:
    actor = call.deps.actors.viewer(call.body)
    service = call.deps.service
    found = service.open_complaints(employee_id=employee_scope(actor))
    view = open_list(
        found.complaints,
        found.more,
        service.now(),
        service.calendar,
        actor.role,
        contact_details=sees_contact_details(actor),
    )
    call.ack(**render.message(view))


def search(call: Invocation) -> None:
    if not call.args:
        call.ack(**render.message(search_hint()))
        return
    actor = call.deps.actors.viewer(call.body)
    service = call.deps.service
    found = service.search(
        call.args,
        employee_id=employee_scope(actor),
        contact_details=sees_contact_details(actor),
    )
    view = search_results(
        call.args,
        found.complaints,
        found.more,
        service.now(),
        service.calendar,
        actor.role,
        contact_details=sees_contact_details(actor),
    )
    call.ack(**render.message(view))


def show_complaint(call: Invocation) -> None:
    """A complaint's card: the buttons this person may use in its state, recurrence for
    officer and management, and a link to its thread."""
    actor = call.deps.actors.viewer(call.body)
    service = call.deps.service
    # An employee's right to see it follows from the history (who was asked).
    complaint = service.get(call.args, with_events=employee_scope(actor) is not None)
    if not may_see(actor, complaint):
        call.ack(text=text.NOT_YOURS.format(reference=complaint.reference))
        return
    view = card(
        complaint,
        service.now(),
        service.calendar,
        contact_details=sees_contact_details(actor),
        actions=buttons_for(actor, complaint),
        recurrence=None if employee_scope(actor) else service.recurrence(complaint),
        thread_link=_thread_link(call, complaint),
    )
    call.ack(**render.message(view))


def _thread_link(call: Invocation, complaint: Complaint) -> str | None:
    root = root_message_of(call.deps.service.db, complaint.id or 0)
    if root is None:
        return None
    channel, ts = root
    try:
        client = call.deps.after_ack.client  # the app's keep-alive client
        return client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"]
    except SlackApiError as exc:
        call.logger.warning("no permalink for a root message: %s", exc.response.get("error"))
        return None
