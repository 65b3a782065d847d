"""The officer's safety net for mail the intake ignored: `/klacht genegeerd [DATUM]` lists it
(a subcommand of the /klacht dispatcher), and its button "Toch registreren als klacht" makes a
complaint of one message through `bot.intake.ignored.admit`, as `klachtenbot admit` does.

The button changes data, unlike the buttons that only open a modal. A click Slack sends again
(or a second officer's click) makes no second complaint: `admit` claims the message in its
transaction and answers "al een klacht gemaakt" with the reference.
"""

from __future__ import annotations

import datetime as dt
from logging import Logger
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.procedure import Role
from bot.procedure.errors import NotAllowed
from bot.readable import typed
from bot.slack.deps import Deps
from bot.slack.errors import Work, ack_then, tell
from bot.slack.ids import COMMAND
from bot.slack.invocation import Invocation
from bot.slack.views import render
from bot.slack.views.blocks import escape
from bot.texts import find as text
from bot.views.context import Context
from bot.views.ids import Action
from bot.views.ignored import admitted, ignored_list


def list_ignored(call: Invocation) -> None:
    """`/klacht genegeerd [2026-12-01]`: the officer's list, newest first; anyone else a short
    refusal, a word that is no date a hint."""
    if call.deps.actors.viewer(call.body).role is not Role.OFFICER:
        call.ack(text=text.IGNORED_NOT_ALLOWED)
        return
    from bot.intake.ignored import ignored_mail

    service = call.deps.service
    since: dt.date | None = None
    if call.args:
        word = call.args.split()[0]
        try:
            since = dt.date.fromisoformat(word)
        except ValueError:
            example = typed(f"{COMMAND} {text.IGNORED_EXAMPLE}")
            call.ack(text=text.IGNORED_BAD_DATE.format(word=escape(word[:40]), example=example))
            return
    tz = service.settings.tz
    start = dt.datetime.combine(since, dt.time(), tz) if since else None
    shown = ignored_list(ignored_mail(service, start), tz, service.now(), since)
    call.ack(**render.message(shown))


def register(app: App, deps: Deps) -> None:
    """The button (`genegeerd` itself is in the /klacht dispatcher)."""
    app.action(Action.ADMIT_IGNORED.value)(ack_then(admit_ignored(deps), deps.after_ack))


def admit_ignored(deps: Deps) -> Work:
    """ "Toch registreren als klacht": the complaint is made with the message's original receipt
    moment and contact deadline, posted to the complaints channel like any other, and the
    officer is told its reference."""

    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        from bot.intake.ignored import admit

        actor = deps.actors.of(body)
        if actor.role is not Role.OFFICER:
            raise NotAllowed(text.IGNORED_NOT_ALLOWED)
        inbound_id = Context.load(body["actions"][0].get("value")).inbound_id or 0
        listed_by = typed(f"{COMMAND} {text.IGNORED_COMMAND}")
        complaint = admit(deps.service, int(inbound_id), actor, listed_by=listed_by)
        view = admitted(complaint, int(inbound_id), deps.service.now())
        tell(client, body, render.text(view), logger)

    return work
