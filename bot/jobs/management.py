"""What management is told in its channel, as view models for any chat surface to render: an
escalation (one complaint), the escalations of one clock run (several, as one message without
mentions), and the alert of a complaint with a signal (severity hoog, discrimination)."""

from __future__ import annotations

import datetime as dt

from bot.jobs.notices import Notice, officer_mentions
from bot.procedure.signals import alerts_of
from bot.service import ComplaintService
from bot.views.model import Message
from bot.views.notices import escalation, escalations, management_alert
from bot.views.people import notice_mentions
from storage.complaints import ComplaintStore
from storage.models import Notification


def escalation_view(service: ComplaintService, row: Notification, now: dt.datetime) -> Message:
    assert row.complaint_id is not None
    with service.db.session() as session:
        complaint = ComplaintStore(session, service.settings.tz).get_by_id(row.complaint_id)
    officers = notice_mentions(officer_mentions(service.settings))
    decision = row.kind == Notice.DECISION_ESCALATION.value
    return escalation(complaint, row.due_at, now, officers, decision=decision)


def escalations_view(
    service: ComplaintService, rows: list[Notification], now: dt.datetime
) -> Message:
    """Several escalations of one kind to one recipient, as one message without mentions."""
    with service.db.session() as session:
        store = ComplaintStore(session, service.settings.tz)
        overdue = [(store.get_by_id(row.complaint_id), row.due_at) for row in rows]
    decision = rows[0].kind == Notice.DECISION_ESCALATION.value
    return escalations(overdue, now, decision=decision)


def management_alert_view(
    service: ComplaintService, row: Notification, now: dt.datetime
) -> Message:
    assert row.complaint_id is not None
    with service.db.session() as session:
        complaint = ComplaintStore(session, service.settings.tz).get_by_id(row.complaint_id)
    raised = [e for e in complaint.events if e.at == row.due_at and alerts_of(e)]
    signals = [signal.value for event in raised[-1:] for signal in alerts_of(event)]
    officers = notice_mentions(officer_mentions(service.settings))
    return management_alert(complaint, signals, officers)
