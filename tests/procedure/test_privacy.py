"""Anonymisation as plain values: when retention is due, what goes and what stays, and what
each audience sees."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from bot.procedure import EventKind, Role, State
from bot.procedure.privacy import Basis, anonymise, retention_due, visible_to
from bot.serialize import complaint_to_dict
from tests.procedure import builders as b

PERSONAL = ("Petra Pietersen", "petra@example.nl", "+31612345678", "week 15", "Urenbriefje")


@pytest.mark.parametrize(
    ("closed_at", "now", "due"),
    [
        (b.ams(21, 10), b.ams(21, 9, year=2028), False),
        (b.ams(21, 10), b.ams(21, 10, year=2028), True),
        # 31 January plus 24 months is 31 January; 29 February 2028 plus 12 is 28 February.
        (b.ams(31, 12, month=1), b.ams(30, 23, month=1, year=2028), False),
        (b.ams(31, 12, month=1), b.ams(31, 12, month=1, year=2028), True),
    ],
)
def test_retention_is_due_months_after_closure(closed_at, now, due) -> None:
    complaint = replace(b.closed(), closed_at=closed_at)
    assert retention_due(complaint, now=now, months=24) is due


def test_open_complaints_are_never_due_and_rejected_ones_count_from_rejection() -> None:
    far = b.ams(1, 9, year=2040)
    assert not retention_due(b.contacted(), now=far, months=24)
    rejected = b.rejected()
    rejected_at = rejected.last_event(EventKind.REJECTED).at
    assert not retention_due(rejected, now=rejected_at + dt.timedelta(days=700), months=24)
    assert retention_due(rejected, now=rejected_at + dt.timedelta(days=740), months=24)


def test_anonymise_removes_personal_data_and_free_text_keeps_the_figures() -> None:
    closed = replace(b.closed(), complainant_email="petra@example.nl")
    assert all(trace in json.dumps(complaint_to_dict(closed, with_body=True)) for trace in PERSONAL)
    now = b.ams(22, 10, year=2028)

    result = anonymise(closed, basis=Basis.RETENTION, now=now)

    cleaned = result.complaint
    document = json.dumps(complaint_to_dict(cleaned, with_body=True), ensure_ascii=False)
    for trace in PERSONAL:
        assert trace not in document, trace
    assert (cleaned.complainant_name, cleaned.complainant_email, cleaned.complainant_phone) == (
        None,
        None,
        None,
    )
    assert cleaned.body == cleaned.resolution == "[verwijderd]"
    for kept in ("state", "category", "relation_type", "root_cause_category", "received_at"):
        assert getattr(cleaned, kept) == getattr(closed, kept), kept
    for kept in ("contacted_at", "closed_at", "customer_satisfied", "employee_id"):
        assert getattr(cleaned, kept) == getattr(closed, kept), kept
    assert cleaned.anonymised_at == now
    assert [e.id for e in cleaned.events[:-1]] == [e.id for e in closed.events]
    record = cleaned.events[-1]
    assert (record.kind, record.before, record.after) == (
        EventKind.ANONYMISED,
        State.CLOSED,
        State.CLOSED,
    )
    assert record.data == {"basis": "retention", "removed_fields": result.fields}
    assert result.fields >= 15
    registered = cleaned.last_event(EventKind.REGISTERED).data
    assert registered["category"] == "salaris" and registered["complainant_name"] == "[verwijderd]"


def test_each_audience_sees_what_it_needs() -> None:
    closed = replace(b.closed(), complainant_email="petra@example.nl")
    assert visible_to(closed, Role.OFFICER) == closed
    for role in (Role.MANAGEMENT, Role.EMPLOYEE):
        shown = json.dumps(complaint_to_dict(visible_to(closed, role), with_body=True))
        for personal in ("Petra Pietersen", "petra@example.nl", "+31612345678", "week 15"):
            assert personal not in shown, (role, personal)
        assert "Uren nabetaald." in shown  # how it was handled stays
