"""Stored reports (what management saw, kept as it was) and the report triggers already fired."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index, String, Text
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
