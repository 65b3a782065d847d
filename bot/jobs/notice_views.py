"""What a waiting notification of the ledger says, as a view (bot.views.notices), for any
surface to render: an escalation (or several to one recipient at once), the officer's list of
the deadline notices of one clock run, the weekly digest, a management alert.

`officers` is whom an escalation or alert names as the complaints officers, as people data
(bot.procedure.people: the surface's ids), so each surface passes its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.jobs.digest import ignored_lately, old_open_complaints
from bot.jobs.notices import Notice
from bot.procedure import Complaint
from bot.procedure.signals import alerts_of
from bot.service import ComplaintService
from bot.views.model import Message
from bot.views.notices import digest, escalation, escalations, management_alert, officer_list
from bot.views.people import notice_mentions
from storage.complaints import ComplaintStore
from storage.models import Notification

Officers = list[dict[str, str]]
Build = Callable[[ComplaintService, Notification, dt.datetime, Officers], Message]

# Escalations due in one clock run reach each recipient as one message.
BATCHED = (
    Notice.ESCALATION.value,
    Notice.DECISION_ESCALATION.value,
    Notice.OFFICER_LIST.value,
)


def batch_view(
    service: ComplaintService, rows: list[Notification], now: dt.datetime, officers: Officers
) -> Message:
    """The message for notifications of one BATCHED kind to one recipient."""
    if rows[0].kind == Notice.OFFICER_LIST.value:
        return _officer_list(service, rows, now)
    if len(rows) == 1:
        return VIEWS[Notice(rows[0].kind)](service, rows[0], now, officers)
    return _escalations(service, rows, now)


def _complaint(service: ComplaintService, row: Notification) -> Complaint:
    assert row.complaint_id is not None
    with service.db.session() as session:
        return ComplaintStore(session, service.settings.tz).get_by_id(row.complaint_id)


def _escalation(
    service: ComplaintService, row: Notification, now: dt.datetime, officers: Officers
) -> Message:
    decision = row.kind == Notice.DECISION_ESCALATION.value
    complaint = _complaint(service, row)
    return escalation(complaint, row.due_at, now, notice_mentions(officers), decision=decision)


def _escalations(service: ComplaintService, rows: list[Notification], now: dt.datetime) -> Message:
    """Several escalations of one kind to one recipient, as one message without mentions."""
    with service.db.session() as session:
        store = ComplaintStore(session, service.settings.tz)
        overdue = [(store.get_by_id(row.complaint_id), row.due_at) for row in rows]
    decision = rows[0].kind == Notice.DECISION_ESCALATION.value
    return escalations(overdue, now, decision=decision)


def _officer_list(service: ComplaintService, rows: list[Notification], now: dt.datetime) -> Message:
    """The deadline notices of one clock run, as one list to one officer."""
    with service.db.session() as session:
        store = ComplaintStore(session, service.settings.tz)
        due = [
            (
                store.get_by_id(row.complaint_id).reference or "?",
                row.subject.rsplit(":", 1)[1],
                _deadline(store.get_by_id(row.complaint_id), row),
            )
            for row in rows
        ]
    return officer_list(due, now)


def _deadline(complaint: Complaint, row: Notification) -> dt.datetime:
    """The deadline a notice is about: a pre-warning is due at opening, about the deadline."""
    notice = row.subject.rsplit(":", 1)[1]
    if notice == Notice.PRE_WARNING.value:
        return complaint.contact_deadline
    if notice == Notice.DECISION_PRE_WARNING.value:
        return complaint.decision_deadline or row.due_at
    return row.due_at.astimezone(complaint.contact_deadline.tzinfo)


def _management_alert(
    service: ComplaintService, row: Notification, now: dt.datetime, officers: Officers
) -> Message:
    complaint = _complaint(service, row)
    raised = [e for e in complaint.events if e.at == row.due_at and alerts_of(e)]
    signals = [signal.value for event in raised[-1:] for signal in alerts_of(event)]
    return management_alert(complaint, signals, notice_mentions(officers))


def _digest(
    service: ComplaintService, row: Notification, now: dt.datetime, officers: Officers
) -> Message:
    entries, total = old_open_complaints(service, now)
    ignored = ignored_lately(service, now)
    return digest(entries, total, service.settings.open_digest_days, now, ignored)


VIEWS: dict[Notice, Build] = {
    Notice.ESCALATION: _escalation,
    Notice.DECISION_ESCALATION: _escalation,
    Notice.WEEKLY_DIGEST: _digest,
    Notice.MANAGEMENT_ALERT: _management_alert,
}
