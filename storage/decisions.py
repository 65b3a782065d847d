"""The scans the clock runs on the complainant's side, each on its partial index (migration
0015): decision deadlines coming up or passed, and decision letters left without an answer.

They narrow down to the few complaints that may be due, however many there are; the procedure's
pure functions (bot.procedure.terms) decide, and the clock's ledger makes each notice once.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, select, text
from sqlalchemy.orm import Session

from bot.procedure import OPEN_STATES
from storage.models import ComplaintRow
from storage.models.complaints import AWAITING_ANSWER, UNDECIDED

OPEN = [state.value for state in OPEN_STATES]


def decision_deadlines_before(session: Session, until: dt.datetime) -> list[int]:
    """Open complaints whose decision deadline is before `until` (e.g. the end of today, for
    the pre-warnings and the overdue notices), the earliest deadline first."""
    return list(session.scalars(undecided_query(until)))


def answers_due(session: Session, now: dt.datetime) -> list[int]:
    """Closed complaints whose decision letter has waited ACCEPTANCE_WAIT_DAYS for an answer."""
    return list(session.scalars(unanswered_query(now)))


def undecided_query(until: dt.datetime) -> Select[tuple[int]]:
    # The partial index's own condition, written out so that SQLite uses it.
    return (
        select(ComplaintRow.id)
        .where(
            ComplaintRow.state.in_(OPEN),
            text(UNDECIDED),
            ComplaintRow.decision_deadline < until,
        )
        .order_by(ComplaintRow.decision_deadline, ComplaintRow.id)
    )


def unanswered_query(now: dt.datetime) -> Select[tuple[int]]:
    # Only a closed complaint has `acceptance_due` (reopening clears it), and a condition on the
    # state would lead SQLite to the state index instead of this small one.
    return (
        select(ComplaintRow.id)
        .where(text(AWAITING_ANSWER), ComplaintRow.acceptance_due <= now)
        .order_by(ComplaintRow.acceptance_due, ComplaintRow.id)
    )
