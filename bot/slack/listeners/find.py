"""`/klacht` subcommands that find complaints: lijst, zoek, a reference, help, and nothing
typed (the new-complaint modal). Each answers ephemerally in its acknowledgement, shaped by
the asking person's role."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

from bot import lookup
from bot.forms.workflows import buttons_for
from bot.procedure import Complaint
from bot.procedure.people import Surface
from bot.slack.errors import ack_then
from bot.slack.invocation import Invocation
from bot.slack.listeners.shortcuts import new_complaint as open_new_complaint
from bot.slack.views import render
from bot.views.lists import help_message
from storage.outbox import root_message_of


def new_complaint(call: Invocation) -> None:
    """`/klacht` alone: the same modal as the global shortcut."""
    ack_then(open_new_complaint, call.deps.after_ack)(call.ack, call.request)


def show_help(call: Invocation, unknown: str | None = None) -> None:
    role = call.deps.actors.viewer(call.body).role
    call.ack(**render.message(help_message(role, unknown)))


def list_open(call: Invocation) -> None:
    actor = call.deps.actors.viewer(call.body)
    call.ack(**render.message(lookup.open_complaints(call.deps.service, actor)))


def search(call: Invocation) -> None:
    actor = call.deps.actors.viewer(call.body)
    call.ack(**render.message(lookup.search(call.deps.service, actor, call.args)))


def show_complaint(call: Invocation) -> None:
    """A complaint's card (bot.lookup), with a link to its thread."""
    actor = call.deps.actors.viewer(call.body)
    view = lookup.complaint_card(
        call.deps.service,
        actor,
        call.args,
        buttons_for,
        lambda complaint: _thread_link(call, complaint),
    )
    call.ack(**render.message(view))


def _thread_link(call: Invocation, complaint: Complaint) -> str | None:
    root = root_message_of(call.deps.service.db, complaint.id or 0, Surface.SLACK.value)
    if root is None:
        return None
    channel, ts = root
    try:
        client = call.deps.after_ack.client  # the app's keep-alive client
        return client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"]
    except SlackApiError as exc:
        call.logger.warning("no permalink for a root message: %s", exc.response.get("error"))
        return None
