"""Decision deadlines per route, and what the clock asks of them (docs/complainant.md).

Beside the contact deadline every registered complaint has a decision deadline:

- `dienstverlening` and `discriminatie`: DECISION_TARGET_WORKDAYS working days after the day
  the term runs from (the seed's procedure names no term; this is the agency's own target);
- `cao_geschil`: CAO_DECISION_DAYS calendar days (ABU CAO art. 40: three weeks), or
  CAO_SUITABLE_WORK_DAYS (two weeks) when it is about "passende arbeid";
- `sollicitant`: APPLICANT_DECISION_DAYS (NVP Sollicitatiecode: one month);
- `privacyverzoek`: PRIVACY_DECISION_DAYS (AVG art. 12(3): one month, extendable by two).

A term in calendar days ends at the end of business on its last day; when that day is not a
working day, on the next working day (as the Algemene termijnenwet does). The term runs from
the day the officer gives, else, for a CAO dispute, from the day of registration (the formal
complaint), else from the day of receipt.

The functions below are pure: the clock calls them on the complaints its indexed scan found,
and records what it sent in its ledger so that each notice goes out once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from bot.procedure.model import Complaint, Route, State
from bot.workdays import WorkCalendar

if TYPE_CHECKING:
    from bot.settings import Settings

# Routes whose rules ask for a written decision (ABU CAO art. 40, the NVP Sollicitatiecode, the
# AVG): closing one needs a decision letter. For the others the officer may close without one.
WRITTEN_DECISION = frozenset({Route.CAO_DISPUTE, Route.APPLICANT, Route.PRIVACY_REQUEST})

# AVG art. 12(3): the month may be extended by two further months where necessary.
PRIVACY_EXTENSION = relativedelta(months=2)


@dataclass(frozen=True)
class DecisionTerms:
    """The calendar and the durations (settings) that decision deadlines are counted with."""

    calendar: WorkCalendar
    target_workdays: int = 10
    cao_days: int = 21
    cao_suitable_work_days: int = 14
    applicant_days: int = 30
    privacy_days: int = 30
    acceptance_wait_days: int = 10

    @classmethod
    def from_settings(
        cls, settings: Settings, calendar: WorkCalendar | None = None
    ) -> DecisionTerms:
        return cls(
            calendar=calendar or WorkCalendar.from_settings(settings),
            target_workdays=settings.decision_target_workdays,
            cao_days=settings.cao_decision_days,
            cao_suitable_work_days=settings.cao_suitable_work_days,
            applicant_days=settings.applicant_decision_days,
            privacy_days=settings.privacy_decision_days,
            acceptance_wait_days=settings.acceptance_wait_days,
        )


def decision_start_day(complaint: Complaint, tz: dt.tzinfo) -> dt.date:
    """The local day (in the office's time zone `tz`) the decision term runs from."""
    if complaint.decision_start is not None:
        return complaint.decision_start
    if complaint.route is Route.CAO_DISPUTE and complaint.registered_at is not None:
        return complaint.registered_at.astimezone(tz).date()
    return complaint.received_at.astimezone(tz).date()


def decision_deadline_for(complaint: Complaint, terms: DecisionTerms) -> dt.datetime:
    """The decision deadline the complaint's route, start and "passende arbeid" give it (before
    any extension)."""
    calendar = terms.calendar
    start = decision_start_day(complaint, calendar.tz)
    if complaint.route is Route.CAO_DISPUTE:
        days = terms.cao_suitable_work_days if complaint.suitable_work else terms.cao_days
        return calendar.calendar_deadline_after(start, days)
    if complaint.route is Route.APPLICANT:
        return calendar.calendar_deadline_after(start, terms.applicant_days)
    if complaint.route is Route.PRIVACY_REQUEST:
        return calendar.calendar_deadline_after(start, terms.privacy_days)
    return calendar.end_of_business_on(calendar.add_working_days(start, terms.target_workdays))


def latest_extension(complaint: Complaint, terms: DecisionTerms) -> dt.datetime | None:
    """How far the deadline may be extended; None where no rule limits it."""
    if complaint.route is not Route.PRIVACY_REQUEST:
        return None
    base = decision_deadline_for(complaint, terms).astimezone(terms.calendar.tz).date()
    return terms.calendar.end_of_business_on(base + PRIVACY_EXTENSION)


def acceptance_due_after(sent_at: dt.datetime, terms: DecisionTerms) -> dt.datetime:
    """When a complainant who has not answered the decision letter sent at `sent_at` is
    recorded as "geen reactie": ACCEPTANCE_WAIT_DAYS working days later, end of business."""
    return terms.calendar.deadline_after(sent_at, terms.acceptance_wait_days)


class DecisionNotice(StrEnum):
    """What the clock tells about a decision deadline, as it does about a contact deadline:
    a pre-warning at opening time on the deadline day, and once it has passed the overdue
    notice with the escalation to management. The values fit the notification ledger."""

    PRE_WARNING = "decision_pre_warning"
    OVERDUE = "decision_overdue"


@dataclass(frozen=True, order=True)
class DueNotice:
    due_at: dt.datetime
    kind: DecisionNotice


def awaiting_decision(complaint: Complaint) -> bool:
    """An open complaint with a decision deadline (registered, not closed or rejected)."""
    return complaint.is_open and complaint.decision_deadline is not None


def decision_notices_due(
    complaint: Complaint, now: dt.datetime, calendar: WorkCalendar
) -> list[DueNotice]:
    """The decision-deadline notice due now, if any, with the moment it fell due.

    A pre-warning only while the deadline is still ahead: after downtime a deadline that has
    passed gets its overdue notice alone. Whether it may go out now (opening hours) and whether
    it went out before (the ledger) is the clock's to check.
    """
    if not awaiting_decision(complaint):
        return []
    deadline = complaint.decision_deadline
    assert deadline is not None
    if deadline <= now:
        return [DueNotice(deadline, DecisionNotice.OVERDUE)]
    day = deadline.astimezone(calendar.tz).date()
    warn_at = dt.datetime.combine(day, calendar.business_day_start, tzinfo=calendar.tz)
    if warn_at <= now:
        return [DueNotice(warn_at, DecisionNotice.PRE_WARNING)]
    return []


def no_reaction_due(complaint: Complaint, now: dt.datetime) -> bool:
    """Whether the bot records "geen reactie" now: the decision letter went out, the complainant
    has not answered and ACCEPTANCE_WAIT_DAYS working days have passed."""
    return (
        complaint.state is State.CLOSED
        and complaint.decision_sent_at is not None
        and complaint.acceptance is None
        and complaint.acceptance_due is not None
        and complaint.acceptance_due <= now
    )
