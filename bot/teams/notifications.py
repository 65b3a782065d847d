"""The ledger's waiting notifications delivered in Teams (the twin of bot.slack.notifications):
the officers' warnings and morning list, escalations to management, the weekly digest, the
management alert. Each is the same view as in Slack (bot.jobs.notice_views), rendered as an
Adaptive Card.

A recipient is a person by Entra object id (TEAMS_OFFICER_IDS, TEAMS_MANAGEMENT_IDS): the card
goes to their personal chat (bot.teams.personal), opened from the team roster when needed; or a
channel (`19:…`), where it is a new post. Leasing, retrying with a growing pause and never
sending twice are the ledger's (bot.jobs.notices.work_through). An escalation's thread says
whether management got it, as in Slack.

`tell_officers` is the Surface port's: a plain line to each officer's personal chat.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from bot.jobs.deadlines import escalation_delivered, escalation_failed
from bot.jobs.notice_views import BATCHED, VIEWS, batch_view
from bot.jobs.notices import Notice, officer_mentions, work_through, work_through_batches
from bot.lookup import answer
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.connector import BotConnector, Outcome, Refused, Sent
from bot.teams.employees import NotSentYet
from bot.teams.personal import PersonalChats
from bot.teams.views.render import message as render_message
from bot.views.model import Message
from storage.models import Notification
from storage.teams import TeamsDirectory

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=2)
CHANNEL_PREFIX = "19:"


def deliver_notifications(
    service: ComplaintService, connector: BotConnector, now: dt.datetime
) -> int:
    """Send what waits, oldest due first; return how many were sent."""
    chats = PersonalChats(service.settings, TeamsDirectory(service.db, service.now), connector)
    officers = officer_mentions(service.settings)

    def confirmed(rows: list[Notification], view: Message) -> None:
        outcome = send_to(chats, rows[0].recipient, render_message(view))
        escalation = rows[0].kind == Notice.ESCALATION
        if isinstance(outcome, Sent):
            for row in rows if escalation else ():
                escalation_delivered(service, row)
            return
        for row in rows if escalation else ():
            escalation_failed(service, row, outcome.code if isinstance(outcome, Refused) else None)
        raise NotSentYet(outcome.code)

    def post(row: Notification) -> None:
        confirmed([row], VIEWS[Notice(row.kind)](service, row, now, officers))

    def post_batch(rows: list[Notification]) -> None:
        confirmed(rows, batch_view(service, rows, now, officers))

    batched = work_through_batches(service, now, BATCHED, post_batch, LEASE)
    rest = {kind.value: post for kind in VIEWS if kind.value not in BATCHED}
    return batched + work_through(service, now, rest, LEASE)


def send_to(chats: PersonalChats, recipient: str, activity: dict[str, Any]) -> Outcome:
    """A channel gets a new post; a person the message in their personal chat."""
    if recipient.startswith(CHANNEL_PREFIX):
        return chats.connector.create_thread(recipient, activity)
    return chats.send(recipient, activity)


def tell_officers(
    settings: Settings, directory: TeamsDirectory, connector: BotConnector, message: str
) -> None:
    """Every officer gets `message` in their personal chat; a failure is logged, not raised."""
    chats = PersonalChats(settings, directory, connector)
    for officer in dict.fromkeys(settings.teams_officer_ids):
        outcome = chats.send(officer, render_message(answer(message)))
        if not isinstance(outcome, Sent):
            log.warning("could not tell an officer in Teams about a failing job: %s", outcome.code)
