"""Complaints, their append-only event log, and the per-year reference counter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base

# Partial indexes (created by migration 0005, not declared here: their dialect options would
# load PostgreSQL's dialect into every SQLite process). Queries repeat the condition literally
# so that SQLite uses them; they keep the deadline and effectiveness scans as small as what is
# due, however many complaints there are.
EFFECTIVENESS_DUE = "state = 'closed' AND effectiveness_result IS NULL"
UNCONTACTED = "contacted_at IS NULL"
# Migration 0015: the decision-deadline scan (open complaints not yet decided), the "geen
# reactie" scan (decision letters without an answer) and the open recourses shown in lists.
UNDECIDED = "decision_deadline IS NOT NULL AND closed_at IS NULL"
AWAITING_ANSWER = "acceptance_due IS NOT NULL AND acceptance IS NULL"
RECOURSE_OPEN = "recourse_body IS NOT NULL AND recourse_result IS NULL"
PARTIAL_INDEXES = frozenset(
    {
        "ix_complaints_uncontacted",
        "ix_complaints_effectiveness_due",
        "ix_deliveries_pending",
        "ix_complaints_undecided",
        "ix_complaints_awaiting_answer",
        "ix_complaints_recourse_open",
    }
)


class ComplaintRow(Base):
    __tablename__ = "complaints"
    __table_args__ = (
        UniqueConstraint("year", "number", name="year_number"),
        Index("ix_complaints_state_deadline", "state", "contact_deadline"),
        Index("ix_complaints_received_at", "received_at"),
        Index("ix_complaints_phone", "complainant_phone"),
        Index("ix_complaints_category_received", "category", "received_at"),
        Index("ix_complaints_state_received_at", "state", "received_at"),
        Index("ix_complaints_effectiveness_check_on", "effectiveness_check_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    year: Mapped[int]
    number: Mapped[int]
    version: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[dt.datetime]
    contact_deadline: Mapped[dt.datetime]
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    complainant_name: Mapped[str | None] = mapped_column(String(200))
    complainant_email: Mapped[str | None] = mapped_column(String(320), index=True)
    complainant_phone: Mapped[str | None] = mapped_column(String(20))
    phone_uncertain: Mapped[bool] = mapped_column(default=False, server_default=false())
    relation_type: Mapped[str | None] = mapped_column(String(30))
    category: Mapped[str | None] = mapped_column(String(30))
    forwarded_by: Mapped[str | None] = mapped_column(String(320))
    source_link: Mapped[str | None] = mapped_column(String(500))
    registered_at: Mapped[dt.datetime | None]
    contacted_at: Mapped[dt.datetime | None]
    contact_outcome: Mapped[str | None] = mapped_column(String(30))
    agreed_measures: Mapped[str | None] = mapped_column(Text)
    employee_id: Mapped[str | None] = mapped_column(String(50), index=True)
    discussion_requested_at: Mapped[dt.datetime | None]
    employee_response: Mapped[str | None] = mapped_column(Text)
    employee_responded_at: Mapped[dt.datetime | None]
    discussed_at: Mapped[dt.datetime | None]
    discussion_summary: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[dt.datetime | None]
    resolution: Mapped[str | None] = mapped_column(Text)
    root_cause_category: Mapped[str | None] = mapped_column(String(30))
    root_cause: Mapped[str | None] = mapped_column(Text)
    corrective_measures: Mapped[str | None] = mapped_column(Text)
    preventive_measures: Mapped[str | None] = mapped_column(Text)
    customer_satisfied: Mapped[str | None] = mapped_column(String(10))
    no_employee_reason: Mapped[str | None] = mapped_column(Text)
    effectiveness_check_on: Mapped[dt.date | None] = mapped_column(Date)
    effectiveness_result: Mapped[str | None] = mapped_column(Text)
    effective: Mapped[bool | None]
    rejected_reason: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[str | None] = mapped_column(String(16))
    anonymised_at: Mapped[dt.datetime | None]
    route: Mapped[str] = mapped_column(String(20), server_default="dienstverlening")
    suitable_work: Mapped[bool] = mapped_column(server_default=false())
    remedy: Mapped[str | None] = mapped_column(String(20))
    remedy_text: Mapped[str | None] = mapped_column(Text)
    severity: Mapped[str | None] = mapped_column(String(10))
    severity_reason: Mapped[str | None] = mapped_column(Text)
    decision_start: Mapped[dt.date | None] = mapped_column(Date)
    decision_deadline: Mapped[dt.datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(20))
    decision_letter: Mapped[str | None] = mapped_column(Text)
    decision_sent_at: Mapped[dt.datetime | None]
    acceptance_due: Mapped[dt.datetime | None]
    acceptance: Mapped[str | None] = mapped_column(String(20))
    acceptance_at: Mapped[dt.datetime | None]
    recourse_body: Mapped[str | None] = mapped_column(String(20))
    recourse_body_name: Mapped[str | None] = mapped_column(String(200))
    recourse_on: Mapped[dt.date | None] = mapped_column(Date)
    recourse_result: Mapped[str | None] = mapped_column(String(20))
    recourse_result_text: Mapped[str | None] = mapped_column(Text)
    recourse_result_on: Mapped[dt.date | None] = mapped_column(Date)

    events: Mapped[list[EventRow]] = relationship(
        back_populates="complaint", order_by="EventRow.id", lazy="selectin"
    )


class EventRow(Base):
    """Append-only: rows are inserted, never updated or deleted. storage.privacy guards that in
    code; on PostgreSQL a trigger refuses it too. The one exception is anonymisation (retention
    and erasure), which rewrites personal data in place and says so explicitly."""

    __tablename__ = "complaint_events"
    # The reports find the few events of one kind (discussion requests) among millions.
    __table_args__ = (Index("ix_complaint_events_kind", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    at: Mapped[dt.datetime]
    kind: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[str] = mapped_column(String(50))
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    before_state: Mapped[str | None] = mapped_column(String(20))
    after_state: Mapped[str | None] = mapped_column(String(20))
    data: Mapped[dict[str, Any]]

    complaint: Mapped[ComplaintRow] = relationship(back_populates="events")


class ReferenceCounter(Base):
    """The last reference number handed out per year; its row lock makes numbers gapless."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int]
