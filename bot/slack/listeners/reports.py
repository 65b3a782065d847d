"""The reports in Slack: `/klacht rapport <periode>` (a subcommand of the /klacht dispatcher),
the button in the officer's direct message and the analysis / advice modal it opens.

Nothing slow happens here: a request or a submitted text is recorded and answered at once; the
job runner makes the report, posts it, uploads its files and tells the person who asked
(bot.slack.reports). What they record goes through reports.store, which loads no numpy.
"""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.procedure import Role
from bot.procedure.errors import NotAllowed
from bot.slack.deps import Deps
from bot.slack.errors import Listener, Work, ack_then, guarded
from bot.slack.invocation import Invocation
from bot.slack.views import render
from bot.slack.views.reports import parse_text_submission
from bot.texts import reports as text
from bot.views.context import Context
from bot.views.ids import Action, FormId
from bot.views.reports import text_form


def report_command(call: Invocation) -> None:
    """`/klacht rapport 2026-Q3`: management gets the report in the management channel, the
    officer in their direct messages with the button to add their text first; anyone else a
    short refusal. Answered at once; the job runner makes it."""
    from reports.periods import PeriodError, parse_period
    from reports.store import Request, request_report

    service = call.deps.service
    try:
        period = parse_period(call.args, service.settings.tz)
    except PeriodError as exc:
        call.ack(text=exc.message)
        return
    actor = call.deps.actors.of(call.body)
    if actor.role not in (Role.OFFICER, Role.MANAGEMENT):
        call.ack(text=text.COMMAND_NOT_ALLOWED)
        return
    if not service.settings.management_channel:
        call.ack(text=text.COMMAND_NO_CHANNEL)
        return
    officer = actor.role is Role.OFFICER
    kind = Request.PREVIEW if officer else Request.POST
    request_report(service.db, service.settings, kind, period.label, actor.user_id, service.now())
    working = text.COMMAND_WORKING_OFFICER if officer else text.COMMAND_WORKING
    call.ack(text=working.format(label=period.label))


def register(app: App, deps: Deps) -> None:
    """The report button and modal (`rapport` itself is in the /klacht dispatcher)."""
    app.action(Action.ADD_REPORT_TEXT.value)(ack_then(open_text_modal(deps), deps.after_ack))
    app.view(FormId.REPORT_TEXT.value)(guarded(submit_text(deps)))


def open_text_modal(deps: Deps) -> Work:
    """The button in the officer's direct message: open the analysis / advice modal."""

    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        from reports.generate import load_report

        _require_officer(deps, body)
        report_id = Context.load(body["actions"][0]["value"]).report_id
        report = load_report(deps.service.db, deps.service.settings, int(report_id or 0))
        client.views_open(trigger_id=body["trigger_id"], view=render.form(text_form(report)))

    return work


def submit_text(deps: Deps) -> Listener:
    """The modal's submission: store the text with the report and ask for it to be posted; the
    modal closes, the job runner posts it and confirms by direct message."""

    def listener(ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        from reports.store import publish_with_text

        user_id = _require_officer(deps, body)
        report_id, typed = parse_text_submission(body["view"])
        service = deps.service
        publish_with_text(service.db, service.settings, report_id, typed, user_id, service.now())
        ack()

    return listener


def _require_officer(deps: Deps, body: dict[str, Any]) -> str:
    actor = deps.actors.of(body)
    if actor.role is not Role.OFFICER:
        raise NotAllowed(text.COMMAND_NOT_ALLOWED)
    return actor.user_id
