"""Each person's dashboard (their Home), as a view: what the officer, management and an employee
see on Slack's App Home and on the Home card in Teams. Each role sees only what is theirs to
see; the surfaces render it and keep it current (bot/slack/homes.py, bot/teams/homes.py)."""

from __future__ import annotations

import datetime as dt

from bot.forms.workflows import buttons_for
from bot.procedure import Actor, Role, State
from bot.procedure.discussion import request_of
from bot.service import ComplaintService
from bot.views.dashboards import (
    ESCALATIONS_LISTED,
    OFFICER_COUNTED,
    Entry,
    employee_dashboard,
    management_dashboard,
    officer_dashboard,
)
from bot.views.model import Dashboard
from bot.views.reports import key_figures
from bot.views.requests import answer_due, dashboard_entry


def dashboard_of(actor: Actor, service: ComplaintService) -> Dashboard:
    """What this person's dashboard shows; each role sees only what is theirs to see."""
    now = service.now()
    requests = _waiting_requests(actor, service, now)
    if actor.role is Role.OFFICER:
        from bot.intake.ignored import RECENT, ignored_count

        found = service.open_complaints(limit=OFFICER_COUNTED)
        return officer_dashboard(
            found.complaints,
            now,
            service.calendar,
            lambda complaint: buttons_for(actor, complaint),
            requests,
            ignored_count(service, now - RECENT),
        )
    if actor.role is Role.MANAGEMENT:
        from reports.generate import latest_posted_quarter

        report = latest_posted_quarter(service.db, service.settings)
        escalations = service.overdue(limit=ESCALATIONS_LISTED)
        return management_dashboard(
            key_figures(report, now) if report else None,
            escalations.complaints,
            service.counts().overdue,
            now,
            requests,
        )
    return employee_dashboard(requests)


def _waiting_requests(actor: Actor, service: ComplaintService, now: dt.datetime) -> list[Entry]:
    """This person's discussion requests still waiting for them, with their actions."""
    entries = []
    for complaint in service.list(states=[State.DISCUSSION]):
        request = request_of(complaint, actor.user_id)
        if request is not None and request.waiting:
            due = answer_due(service, request)
            entries.append(dashboard_entry(complaint, request, due, now))
    return entries
