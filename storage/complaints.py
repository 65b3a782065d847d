"""Persist complaints and their events; translate between rows and the procedure's values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import fields
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from bot.procedure import (
    Acceptance,
    Category,
    Complaint,
    ComplaintNotFound,
    ConcurrentChange,
    ContactOutcome,
    Event,
    EventKind,
    Outcome,
    RecourseBody,
    RelationType,
    Remedy,
    Role,
    RootCause,
    Route,
    Satisfaction,
    Severity,
    Source,
    State,
)
from bot.procedure.people import Surface
from bot.texts import procedure as text
from storage.claims import dialect_insert
from storage.models import ComplaintRow, Delivery, EventRow, ReferenceCounter
from storage.prepared import Prepared, Reads

# The surfaces whose outbox (storage.models.chat.Delivery) follows every saved version, unless
# the store is told otherwise (the service names the chat platform in use, Settings.outbox): each
# posts a complaint and its thread in its complaints channel.
OUTBOX_SURFACES = (Surface.SLACK.value,)
# Built once: every click on a button reads a complaint's row with it.
BY_REFERENCE = Prepared(
    select(ComplaintRow.__table__).where(
        ComplaintRow.__table__.c.reference == bindparam("reference")
    )
)

ENUM_FIELDS: dict[str, type[StrEnum]] = {
    "state": State,
    "source": Source,
    "relation_type": RelationType,
    "category": Category,
    "contact_outcome": ContactOutcome,
    "root_cause_category": RootCause,
    "customer_satisfied": Satisfaction,
    "route": Route,
    "remedy": Remedy,
    "severity": Severity,
    "outcome": Outcome,
    "acceptance": Acceptance,
    "recourse_body": RecourseBody,
    "recourse_result": Outcome,
}
IDENTITY_FIELDS = {"id", "reference", "version", "events"}
COLUMN_FIELDS = tuple(f.name for f in fields(Complaint) if f.name not in IDENTITY_FIELDS)
KEY_COLUMNS = ("id", "reference", "version")


def format_reference(year: int, number: int) -> str:
    return f"K-{year}-{number:04d}"


class ComplaintStore:
    """Complaints in one session. Times come back in `tz` (the office's time zone). On the
    driver's connection (Database.reads) it serves only `get` without history (a prepared read)."""

    def __init__(
        self, session: Session | Reads, tz: ZoneInfo, outbox: Sequence[str] = OUTBOX_SURFACES
    ) -> None:
        self.session = session
        self.tz = tz
        self.outbox = outbox

    def add(self, complaint: Complaint) -> Complaint:
        """Store a new complaint under the next gapless reference of its year of receipt."""
        year = complaint.received_at.astimezone(self.tz).year
        number = self._next_number(year)
        row = ComplaintRow(
            reference=format_reference(year, number), year=year, number=number, version=1
        )
        self._copy_fields(complaint, row)
        self.session.add(row)
        self.session.flush()
        self._insert_events(row.id, complaint.events)
        self._want_shown(row.id, 1)
        return self.get_by_id(row.id)

    def save(self, complaint: Complaint) -> Complaint:
        """Write a changed complaint; ConcurrentChange if someone saved it in between."""
        if complaint.id is None:
            raise ValueError("save() needs a stored complaint; use add()")
        values = {name: _to_column(getattr(complaint, name)) for name in COLUMN_FIELDS}
        result = self.session.execute(
            update(ComplaintRow)
            .where(ComplaintRow.id == complaint.id, ComplaintRow.version == complaint.version)
            .values(version=complaint.version + 1, **values)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise ConcurrentChange(text.CHANGED_MEANWHILE)
        self._insert_events(complaint.id, complaint.new_events)
        self._want_shown(complaint.id, complaint.version + 1)
        self.session.expire_all()
        return self.get_by_id(complaint.id)

    def get(self, reference: str, *, with_events: bool = True) -> Complaint:
        """The complaint; without its history (`events` empty, so read-only: never save it)
        when only its fields are needed, as on the busiest path (opening a modal)."""
        reference = reference.strip().upper()
        if not with_events:
            return self._get_fields(reference)
        row = self.session.scalar(select(ComplaintRow).where(ComplaintRow.reference == reference))
        if row is None:
            raise ComplaintNotFound(text.NOT_FOUND.format(reference=reference))
        return self._to_domain(row)

    def _get_fields(self, reference: str) -> Complaint:
        # A prepared read: no identity map and no relationship loading, many times cheaper
        # than the ORM, which counts when every click on a button runs it.
        values = BY_REFERENCE.first(self.session, reference=reference)
        if values is None:
            raise ComplaintNotFound(text.NOT_FOUND.format(reference=reference))
        return self.without_history(values)

    def without_history(self, values: Mapping[str, Any]) -> Complaint:
        """A complaint from a Core row of `complaints` (read-only: `events` is empty)."""
        return self._complaint(values, events=())

    def get_by_id(self, complaint_id: int) -> Complaint:
        row = self.session.get(ComplaintRow, complaint_id)
        if row is None:
            raise ComplaintNotFound(text.NOT_FOUND.format(reference=f"#{complaint_id}"))
        return self._to_domain(row)

    def list(
        self, *, states: Sequence[State] | None = None, limit: int | None = None
    ) -> list[Complaint]:
        """Complaints by contact deadline (the most urgent first), optionally only some states."""
        query = select(ComplaintRow).order_by(ComplaintRow.contact_deadline, ComplaintRow.id)
        if states is not None:  # an empty selection selects nothing, not everything
            query = query.where(ComplaintRow.state.in_([s.value for s in states]))
        if limit is not None:
            query = query.limit(limit)
        return [self._to_domain(row) for row in self.session.scalars(query)]

    def received_between(self, start: dt.datetime, end: dt.datetime) -> list[Complaint]:
        """Complaints received from `start` (inclusive) to `end` (exclusive), oldest first."""
        query = (
            select(ComplaintRow)
            .where(ComplaintRow.received_at >= start, ComplaintRow.received_at < end)
            .order_by(ComplaintRow.received_at, ComplaintRow.id)
        )
        return [self._to_domain(row) for row in self.session.scalars(query)]

    def _next_number(self, year: int) -> int:
        """Increment the year's counter in this transaction.

        The upsert locks the counter row until commit, so concurrent intake waits instead of
        taking the same number; a rolled-back transaction gives its number back (no gaps).
        """
        statement = (
            dialect_insert(self.session, ReferenceCounter)
            .values(year=year, last_number=1)
            .on_conflict_do_update(
                index_elements=[ReferenceCounter.year],
                set_={"last_number": ReferenceCounter.last_number + 1},
            )
            .returning(ReferenceCounter.last_number)
        )
        return int(self.session.execute(statement).scalar_one())

    def _want_shown(self, complaint_id: int, version: int) -> None:
        """Put the version in the chat outbox of each surface that keeps one, in the
        transaction that saves it."""
        for surface in self.outbox:
            self.session.execute(
                dialect_insert(self.session, Delivery)
                .values(
                    complaint_id=complaint_id,
                    surface=surface,
                    wanted_version=version,
                    shown_version=0,
                    posted_event_id=0,
                    attempts=0,
                )
                .on_conflict_do_update(
                    index_elements=[Delivery.complaint_id, Delivery.surface],
                    set_={"wanted_version": version},
                )
            )

    def _insert_events(self, complaint_id: int, events: Sequence[Event]) -> None:
        for event in events:
            self.session.add(
                EventRow(
                    complaint_id=complaint_id,
                    at=event.at,
                    kind=event.kind.value,
                    actor_id=event.actor_id,
                    actor_role=event.actor_role.value,
                    actor_name=event.actor_name,
                    before_state=event.before.value if event.before else None,
                    after_state=event.after.value if event.after else None,
                    data=event.data,
                )
            )
        self.session.flush()

    def _copy_fields(self, complaint: Complaint, row: ComplaintRow) -> None:
        for name in COLUMN_FIELDS:
            setattr(row, name, _to_column(getattr(complaint, name)))

    def _to_domain(self, row: ComplaintRow) -> Complaint:
        values = {name: getattr(row, name) for name in (*COLUMN_FIELDS, *KEY_COLUMNS)}
        return self._complaint(values, events=tuple(self._event(event) for event in row.events))

    def _complaint(self, values: Mapping[str, Any], events: tuple[Event, ...]) -> Complaint:
        fields_ = {name: self._from_column(name, values[name]) for name in COLUMN_FIELDS}
        keys = {name: values[name] for name in KEY_COLUMNS}
        return Complaint(**fields_, **keys, events=events)

    def _from_column(self, name: str, value: Any) -> Any:
        if value is None:
            return None
        if name in ENUM_FIELDS:
            return ENUM_FIELDS[name](value)
        if isinstance(value, dt.datetime):
            return value.astimezone(self.tz)
        return value

    def _event(self, row: EventRow) -> Event:
        return Event(
            id=row.id,
            kind=EventKind(row.kind),
            at=row.at.astimezone(self.tz),
            actor_id=row.actor_id,
            actor_role=Role(row.actor_role),
            actor_name=row.actor_name,
            before=State(row.before_state) if row.before_state else None,
            after=State(row.after_state) if row.after_state else None,
            data=dict(row.data),
        )


def _to_column(value: Any) -> Any:
    return value.value if isinstance(value, StrEnum) else value
