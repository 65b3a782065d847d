"""The Teams surface's jobs for personal chats, to register beside the channel delivery's (the
Surface port's `jobs`, bot/jobs/port.py): the employees' requests and reminders, the ledger's
notifications to people, and the Home cards. Each is a function of the service and a Bot
Connector (bot.teams.employees, .notifications, .homes); `personal_jobs` wraps them as jobs,
given how the surface's connector is found in a JobContext.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.jobs import notices
from bot.jobs.context import JobContext
from bot.jobs.registry import DELIVERY, Job
from bot.teams.connector import BotConnector
from bot.teams.employees import deliver_employee_messages
from bot.teams.homes import refresh_homes
from bot.teams.notifications import deliver_notifications

TEAMS = "teams"
ConnectorOf = Callable[[JobContext], BotConnector]


def personal_jobs(connector_of: ConnectorOf) -> tuple[Job, ...]:
    """The jobs, each with `surface="teams"`: it runs only where Teams is configured."""

    def employees(ctx: JobContext, now: dt.datetime) -> int:
        return deliver_employee_messages(ctx.service, connector_of(ctx), now)

    def notifications(ctx: JobContext, now: dt.datetime) -> int:
        """In opening hours, like every notice: after downtime nobody is woken at night."""
        if not notices.within_opening_hours(ctx.calendar, now):
            return 0
        return deliver_notifications(ctx.service, connector_of(ctx), now)

    def homes(ctx: JobContext, now: dt.datetime) -> int:
        return refresh_homes(ctx.service, connector_of(ctx), now)

    return (
        Job("teams_employees", employees, every=DELIVERY, surface=TEAMS),
        Job("teams_notifications", notifications, every=DELIVERY, surface=TEAMS),
        Job("teams_homes", homes, surface=TEAMS),
    )
