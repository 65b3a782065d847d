"""Stored reports, fired report triggers, and the reports people asked for: what management saw
stays as it was shown.

Free of numpy (the figures load when a stored report is read): Slack's listeners record a
request or the officer's text here before they acknowledge.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.settings import Settings
from storage.claims import insert_once
from storage.db import Database
from storage.models import NOTIFICATION_KEY, Notification, ReportRow, ReportTrigger
from storage.profiles import profile_names

if TYPE_CHECKING:
    from reports.figures import Figures


@dataclass(frozen=True)
class Report:
    """A generated report. `id` is None until stored."""

    period: str
    kind: str
    generated_at: dt.datetime
    generated_by: str
    figures: Figures
    analysis: str
    officer_text: str | None = None
    advice: str | None = None
    posted_at: dt.datetime | None = None
    # Slack's ts of the summary while a post is under way (its files not uploaded yet).
    summary_ts: str | None = None
    id: int | None = None
    # The profile name of the officer who last gave the analysis or advice, when known.
    written_by: str | None = None


class ReportNotFound(LookupError):
    pass


class Request(StrEnum):
    """What someone asked of the reports, waiting in the notification ledger for the job that
    makes, posts and uploads it (that slow work never runs while a Slack request is answered).
    The ledger row's subject is `subject_of(...)`, its recipient the person who asked."""

    POST = "report_post"  # make a period's report and post it (management asked)
    PREVIEW = "report_preview"  # make it and send it to the officer who asked, with the button
    PUBLISH = "report_publish"  # post a stored report with the officer's text


def subject_of(what: str | int) -> str:
    """A request's subject: the period ('report:2026-Q3') or a stored report's id ('report:17')."""
    return f"report:{what}"


def requested(subject: str) -> str:
    """The period or report id a request is about (the inverse of `subject_of`)."""
    return subject.removeprefix("report:")


class ReportStore:
    def __init__(self, session: Session, tz: ZoneInfo) -> None:
        self.session = session
        self.tz = tz

    def add(self, report: Report) -> Report:
        row = ReportRow(
            period=report.period,
            kind=report.kind,
            generated_at=report.generated_at,
            generated_by=report.generated_by,
            figures=report.figures.to_json(),
            analysis=report.analysis,
            officer_text=report.officer_text,
            advice=report.advice,
            posted_at=report.posted_at,
        )
        self.session.add(row)
        self.session.flush()
        return replace(report, id=row.id)

    def get(self, report_id: int) -> Report:
        row = self.session.get(ReportRow, report_id)
        if row is None:
            raise ReportNotFound(report_id)
        return self._to_report(row)

    def latest(
        self, period: str | None = None, *, kind: str | None = None, posted: bool | None = None
    ) -> Report | None:
        """The most recently generated report (for `period`, of `kind`, (un)posted)."""
        query = select(ReportRow)
        if period is not None:
            query = query.where(ReportRow.period == period)
        if kind is not None:
            query = query.where(ReportRow.kind == kind)
        if posted is not None:
            query = query.where(
                ReportRow.posted_at.is_not(None) if posted else ReportRow.posted_at.is_(None)
            )
        row = self.session.scalar(
            query.order_by(ReportRow.generated_at.desc(), ReportRow.id.desc())
        )
        return None if row is None else self._to_report(row)

    def add_officer_text(self, report_id: int, typed: str | None) -> None:
        """The officer's analysis (a quarter, optional) or advice (a year), stored with it."""
        kind = self.session.scalar(select(ReportRow.kind).where(ReportRow.id == report_id))
        if kind is None:
            raise ReportNotFound(report_id)
        column = "advice" if kind == "year" else "officer_text"
        self.session.execute(
            update(ReportRow).where(ReportRow.id == report_id).values({column: typed})
        )

    def mark_summary_posted(self, report_id: int, ts: str) -> None:
        self.session.execute(
            update(ReportRow).where(ReportRow.id == report_id).values(summary_ts=ts)
        )

    def mark_posted(self, report_id: int, at: dt.datetime) -> None:
        """Summary and files are up; a later post (a changed text) starts a new summary."""
        self.session.execute(
            update(ReportRow).where(ReportRow.id == report_id).values(posted_at=at, summary_ts=None)
        )

    def request(self, kind: Request, what: str | int, requester: str, at: dt.datetime) -> bool:
        """Record what `requester` asked at `at`; False when the same request was recorded."""
        values = {
            "subject": subject_of(what),
            "kind": kind.value,
            "due_at": at,
            "recipient": requester,
            "created_at": at,
        }
        return insert_once(self.session, Notification, values, NOTIFICATION_KEY)

    # -- triggers ----------------------------------------------------------------------------

    def done(self) -> dict[str, dt.datetime]:
        rows = self.session.execute(select(ReportTrigger.key, ReportTrigger.done_at)).all()
        return {key: at.astimezone(self.tz) for key, at in rows}

    def claim(self, key: str, at: dt.datetime) -> bool:
        """Record `key` as done; False when another process (or an earlier tick) already did."""
        return insert_once(self.session, ReportTrigger, {"key": key, "done_at": at}, ["key"])

    def release(self, key: str) -> None:
        """Undo a claim whose work failed, so the next tick tries again."""
        self.session.execute(delete(ReportTrigger).where(ReportTrigger.key == key))

    def written_by(self, report_id: int) -> str | None:
        """The profile name of the officer whose text was stored last: the person of the
        latest publish request (recorded in the same transaction as the text)."""
        person = self.session.scalar(
            select(Notification.recipient)
            .where(
                Notification.subject == subject_of(report_id),
                Notification.kind == Request.PUBLISH.value,
            )
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(1)
        )
        if person is None:
            return None
        return profile_names(self.session.connection(), [person]).get(person)

    def _to_report(self, row: ReportRow) -> Report:
        from reports.figures import Figures

        return Report(
            id=row.id,
            period=row.period,
            kind=row.kind,
            generated_at=row.generated_at.astimezone(self.tz),
            generated_by=row.generated_by,
            figures=Figures.from_json(row.figures),
            analysis=row.analysis,
            officer_text=row.officer_text,
            advice=row.advice,
            posted_at=row.posted_at.astimezone(self.tz) if row.posted_at else None,
            summary_ts=row.summary_ts,
            written_by=self.written_by(row.id),
        )


def request_report(
    db: Database,
    settings: Settings,
    kind: Request,
    what: str | int,
    requester: str,
    at: dt.datetime,
) -> bool:
    """Record what `requester` asked at `at` (a period, or a stored report's id); the reports'
    job makes and posts it. False when the same request was recorded already."""
    with db.session() as session:
        return ReportStore(session, settings.tz).request(kind, what, requester, at)


def publish_with_text(
    db: Database,
    settings: Settings,
    report_id: int,
    typed: str | None,
    requester: str,
    at: dt.datetime,
) -> bool:
    """The officer's modal: store their text with the report and ask for the report to be
    posted, in one transaction, so that a failure leaves neither and a retry does both."""
    with db.session() as session:
        store = ReportStore(session, settings.tz)
        store.add_officer_text(report_id, typed)
        return store.request(Request.PUBLISH, report_id, requester, at)
