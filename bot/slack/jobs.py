"""The Slack surface's side of the clock (the port of bot/jobs/port.py): its jobs, delivering
the outbox, the ledger's notices, the scheduled report steps and the reports people asked for,
and keeping the Home tabs current; whom it tells; and the officers told when a job fails."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from functools import cached_property

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.jobs import notices
from bot.jobs.context import JobContext
from bot.jobs.registry import DELIVERY, Job
from bot.service import ComplaintService
from bot.slack.actors import management_to_tell, officers_to_tell
from bot.slack.delivery import Deliverer
from bot.slack.homes import DEBOUNCE_SECONDS, HomeRefresher, home_refresher

log = logging.getLogger(__name__)

SLACK = "slack"


class SlackSurface:
    """Slack for the clock: a bot token and the complaints channel are configured."""

    name = SLACK

    def __init__(
        self,
        service: ComplaintService,
        client: WebClient,
        owner: str,
        deliverer: Deliverer | None = None,
    ) -> None:
        self.service = service
        self.client = client
        self.owner = owner
        self._deliverer = deliverer

    @property
    def jobs(self) -> Sequence[Job]:
        return SLACK_JOBS

    @cached_property
    def deliverer(self) -> Deliverer:
        """The Slack outbox deliverer (the process's own one in `run`; in `clock` it also learns
        the employee's profile name, for reports that name them, as `run` does)."""
        if self._deliverer is not None:
            return self._deliverer
        from bot.slack.profiles import Profiles

        deliverer = Deliverer(self.service, self.client, owner=self.owner)
        profiles = Profiles(self.service.db, self.client, self.service.clock)
        deliverer.shown.append(lambda c: c.employee_id and profiles.name(c.employee_id))
        return deliverer

    @cached_property
    def homes(self) -> HomeRefresher:
        """Publishes the Home tabs from this process (kept for the usergroup cache)."""
        return home_refresher(self.service, self.client)

    def officers_to_tell(self) -> list[str]:
        return officers_to_tell(self.client, self.service.settings)

    def management_to_tell(self) -> list[str]:
        return management_to_tell(self.client, self.service.settings)

    def tell_officers(self, message: str) -> None:
        from bot.jobs.runner import describe_error

        for officer in self.officers_to_tell():
            try:
                self.client.chat_postMessage(channel=officer, text=message)
            except (SlackApiError, OSError) as exc:
                log.warning("could not tell officer about a failing job: %s", describe_error(exc))


def slack_of(ctx: JobContext) -> SlackSurface:
    surface = ctx.surface(SLACK)
    assert isinstance(surface, SlackSurface)
    return surface


def deliver_outbox(ctx: JobContext, now: dt.datetime) -> int:
    """Bring every complaint's root message and thread up to date (bot.slack.delivery); the
    Homes follow a moment later (a kick of `homes`) when a complaint changed in Slack."""
    delivered = slack_of(ctx).deliverer.deliver_pending()
    if delivered:
        ctx.kick("homes", after=DEBOUNCE_SECONDS)
    return delivered


def run_report_steps(ctx: JobContext, now: dt.datetime) -> int:
    """The quarterly and yearly report steps due now (reports/schedule.py), in opening hours
    like every notice: after downtime a report does not reach management in the night."""
    from bot.slack.reports import run_report_steps as run_steps

    if not notices.within_opening_hours(ctx.calendar, now):
        return 0
    return len(run_steps(slack_of(ctx).client, ctx.db, ctx.settings, now))


def answer_report_requests(ctx: JobContext, now: dt.datetime) -> int:
    """The reports asked for with `/klacht rapport` or the officer's modal: made, posted and
    uploaded here, at any hour (the person who asked is waiting)."""
    from bot.slack.reports import answer_report_requests as answer

    return answer(ctx.service, slack_of(ctx).client, now)


def deliver_notifications(ctx: JobContext, now: dt.datetime) -> int:
    """Escalations and digests waiting in the notification ledger, in opening hours."""
    from bot.slack.notifications import deliver_notifications

    if not notices.within_opening_hours(ctx.calendar, now):
        return 0
    return deliver_notifications(ctx.service, slack_of(ctx).client, now)


def refresh_homes(ctx: JobContext, now: dt.datetime) -> int:
    """Republish the Homes of those who looked lately where they changed: what time alone
    changes (a complaint becoming overdue) and what another process did (a report posted by
    `clock`) reach them within a minute."""
    return slack_of(ctx).homes.refresh_all()


SLACK_JOBS: tuple[Job, ...] = (
    Job("reports", run_report_steps, surface=SLACK, needs=("management_channel",)),
    Job(
        "report_requests",
        answer_report_requests,
        every=DELIVERY,
        surface=SLACK,
        needs=("management_channel",),
    ),
    Job("notifications", deliver_notifications, every=DELIVERY, surface=SLACK),
    Job("slack_delivery", deliver_outbox, every=DELIVERY, surface=SLACK),
    Job("homes", refresh_homes, surface=SLACK),
)
