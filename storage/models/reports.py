"""Stored reports (what management saw, kept as it was) and the report triggers already fired."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class ReportRow(Base):
    """One generated report: its figures frozen as JSON, the texts shown with it."""

    __tablename__ = "reports"
    __table_args__ = (Index("ix_reports_period_generated_at", "period", "generated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(10))
    generated_at: Mapped[dt.datetime]
    generated_by: Mapped[str] = mapped_column(String(50))
    figures: Mapped[dict[str, Any]]
    analysis: Mapped[str] = mapped_column(Text, default="")
    officer_text: Mapped[str | None] = mapped_column(Text)
    advice: Mapped[str | None] = mapped_column(Text)
    posted_at: Mapped[dt.datetime | None]
    summary_ts: Mapped[str | None] = mapped_column(String(32))  # while a post is under way


class ReportTrigger(Base):
    """A scheduled report step taken once (e.g. 'prepare:2026-Q3'); the key makes it once."""

    __tablename__ = "report_triggers"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    done_at: Mapped[dt.datetime]


class ReportFile(Base):
    """A file of a posted report (its charts and its PDF), kept as it was made, so that the
    process that serves the report's link never draws a chart itself."""

    __tablename__ = "report_files"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(40))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class ReportLink(Base):
    """A link to a report's files that expires. Only the token's SHA-256 is stored: the table
    alone opens nothing."""

    __tablename__ = "report_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
