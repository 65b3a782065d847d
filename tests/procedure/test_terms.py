"""Decision deadlines per route, counted by hand: across a month end, holidays, closing days and
both DST changes; and what the clock asks of them (pre-warning, overdue, "geen reactie")."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.procedure import SYSTEM_ACTOR, Route, inputs, steps
from bot.procedure.terms import (
    DecisionNotice,
    DecisionTerms,
    DueNotice,
    decision_deadline_for,
    decision_notices_due,
    no_reaction_due,
)
from bot.workdays import WorkCalendar
from tests.procedure import builders as b
from tests.procedure.builders import AMS, OFFICER, ams


def registered_on(
    received_at: dt.datetime,
    registered_at: dt.datetime,
    *,
    terms: DecisionTerms = b.TERMS,
    **assessment: object,
):
    """A complaint received and registered at these moments with this route (and start)."""
    received = steps.receive(
        b.intake(received_at=received_at), SYSTEM_ACTOR, calendar=terms.calendar, contact_days=2
    )
    data = b.registration(**assessment)
    return steps.register(received, OFFICER, data, now=registered_at, terms=terms)


def at(year: int, month: int, day: int, hour: int = 17, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMS)


@pytest.mark.parametrize(
    ("received_at", "registered_at", "assessment", "deadline"),
    [
        pytest.param(
            # Ten working days after Wednesday 22 April 2026: Koningsdag (Monday 27) does not
            # count; 5 May is a working day in 2026 for the office calendar.
            at(2026, 4, 22, 10),
            at(2026, 4, 22, 11),
            {},
            at(2026, 5, 7),
            id="dienstverlening-kings-day",
        ),
        pytest.param(
            at(2026, 4, 22, 10),
            at(2026, 4, 22, 11),
            {"route": Route.DISCRIMINATION},
            at(2026, 5, 7),
            id="discriminatie-like-dienstverlening",
        ),
        pytest.param(
            # 21 days from the registration on Tuesday 10 March: Tuesday 31 March, after the
            # clocks went forward on 29 March: 17:00 summer time, 15:00 UTC.
            at(2026, 3, 9, 10),
            at(2026, 3, 10, 9),
            {"route": Route.CAO_DISPUTE},
            at(2026, 3, 31),
            id="cao-across-dst-start",
        ),
        pytest.param(
            # 21 days from Tuesday 6 October: Tuesday 27 October, after the clocks went back.
            at(2026, 10, 6, 10),
            at(2026, 10, 6, 11),
            {"route": Route.CAO_DISPUTE},
            at(2026, 10, 27),
            id="cao-across-dst-end",
        ),
        pytest.param(
            # Received Friday 3 April, registered Tuesday 7 April (after Easter): the term runs
            # from the registration: 28 April.
            at(2026, 4, 3, 10),
            at(2026, 4, 7, 9),
            {"route": Route.CAO_DISPUTE},
            at(2026, 4, 28),
            id="cao-from-registration",
        ),
        pytest.param(
            # The officer gives the day of the formal complaint: 2 April + 21 = 23 April.
            at(2026, 4, 3, 10),
            at(2026, 4, 7, 9),
            {"route": Route.CAO_DISPUTE, "decision_start": dt.date(2026, 4, 2)},
            at(2026, 4, 23),
            id="cao-from-the-officers-day",
        ),
        pytest.param(
            # Passende arbeid: 14 days from Monday 13 April is Koningsdag: Tuesday 28 April.
            at(2026, 4, 13, 10),
            at(2026, 4, 13, 11),
            {"route": Route.CAO_DISPUTE, "suitable_work": True},
            at(2026, 4, 28),
            id="cao-suitable-work-kings-day",
        ),
        pytest.param(
            # 30 days from Friday 30 January is Sunday 1 March: Monday 2 March.
            at(2026, 1, 30, 10),
            at(2026, 2, 2, 9),
            {"route": Route.APPLICANT},
            at(2026, 3, 2),
            id="sollicitant-month-end-weekend",
        ),
        pytest.param(
            # 30 days from Wednesday 25 November is Christmas; then Boxing Day (a Saturday) and
            # Sunday: Monday 28 December.
            at(2026, 11, 25, 10),
            at(2026, 11, 25, 11),
            {"route": Route.PRIVACY_REQUEST},
            at(2026, 12, 28),
            id="privacyverzoek-christmas",
        ),
        pytest.param(
            # 23:30 UTC on Tuesday 24 November is already Wednesday 25 in Amsterdam: the term
            # counts from the local day, not from 24 November (which would give 24 December).
            dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC),
            at(2026, 11, 25, 11),
            {"route": Route.PRIVACY_REQUEST},
            at(2026, 12, 28),
            id="privacyverzoek-local-day",
        ),
    ],
)
def test_decision_deadline_per_route(received_at, registered_at, assessment, deadline) -> None:
    complaint = registered_on(received_at, registered_at, **assessment)
    assert complaint.decision_deadline == deadline
    assert complaint.decision_deadline.utcoffset() == deadline.utcoffset()


def test_the_cao_deadline_after_the_dst_change_is_17_00_summer_time() -> None:
    complaint = registered_on(at(2026, 3, 9, 10), at(2026, 3, 10, 9), route=Route.CAO_DISPUTE)
    assert complaint.decision_deadline.astimezone(dt.UTC) == dt.datetime(
        2026, 3, 31, 15, tzinfo=dt.UTC
    )


def test_a_closing_day_moves_a_calendar_day_term_too() -> None:
    calendar = WorkCalendar(tz=AMS, closing_days=[dt.date(2026, 12, 28)])
    terms = DecisionTerms(calendar)
    complaint = registered_on(
        at(2026, 11, 25, 10), at(2026, 11, 25, 11), terms=terms, route=Route.PRIVACY_REQUEST
    )
    assert complaint.decision_deadline == at(2026, 12, 29)


def test_the_atw_calendar_gives_5_may_off_every_year() -> None:
    terms = DecisionTerms(WorkCalendar(kind="atw", tz=AMS))
    complaint = registered_on(at(2026, 4, 22, 10), at(2026, 4, 22, 11), terms=terms)
    assert complaint.decision_deadline == at(2026, 5, 8)


def test_the_durations_are_settings() -> None:
    terms = DecisionTerms(
        b.CALENDAR, target_workdays=3, cao_days=28, applicant_days=31, privacy_days=14
    )
    cases = {
        Route.SERVICE: at(2026, 4, 24),  # 3 working days after Tuesday 21 April
        Route.CAO_DISPUTE: at(2026, 5, 19),  # 21 April + 28
        Route.APPLICANT: at(2026, 5, 22),  # 21 April + 31
        Route.PRIVACY_REQUEST: at(2026, 5, 5),  # 21 April + 14
    }
    for route, expected in cases.items():
        complaint = registered_on(at(2026, 4, 21, 9), at(2026, 4, 21, 10), terms=terms, route=route)
        assert complaint.decision_deadline == expected, route


# --- what the clock asks --------------------------------------------------------------------

# b.registered(): received Monday 20 April 09:30, ten working days: Tuesday 5 May 17:00.
DEADLINE = at(2026, 5, 5)


def test_the_registered_story_has_its_deadline() -> None:
    assert b.registered().decision_deadline == DEADLINE
    assert decision_deadline_for(b.registered(), b.TERMS) == DEADLINE


@pytest.mark.parametrize(
    ("now", "due"),
    [
        pytest.param(at(2026, 5, 4, 16), [], id="the-day-before"),
        pytest.param(at(2026, 5, 5, 8), [], id="before-opening"),
        pytest.param(
            at(2026, 5, 5, 9),
            [DueNotice(at(2026, 5, 5, 9), DecisionNotice.PRE_WARNING)],
            id="opening-on-the-day",
        ),
        pytest.param(
            at(2026, 5, 5, 16, 59),
            [DueNotice(at(2026, 5, 5, 9), DecisionNotice.PRE_WARNING)],
            id="later-that-day",
        ),
        pytest.param(at(2026, 5, 5, 17), [DueNotice(DEADLINE, DecisionNotice.OVERDUE)], id="at"),
        pytest.param(
            # After a week of downtime: the overdue notice only, saying when it fell due.
            at(2026, 5, 12, 9),
            [DueNotice(DEADLINE, DecisionNotice.OVERDUE)],
            id="after-downtime",
        ),
    ],
)
def test_decision_notices_due(now: dt.datetime, due: list[DueNotice]) -> None:
    assert decision_notices_due(b.discussed(), now, b.CALENDAR) == due


def test_no_decision_notices_once_decided_or_before_registration() -> None:
    late = at(2026, 6, 1, 10)
    assert decision_notices_due(b.decided(), late, b.CALENDAR) == []
    assert decision_notices_due(b.received(), late, b.CALENDAR) == []
    rejected = steps.reject(b.registered(), OFFICER, inputs.Rejection("Spam."), now=ams(20, 12))
    assert decision_notices_due(rejected, late, b.CALENDAR) == []


def test_geen_reactie_is_due_ten_working_days_after_the_letter() -> None:
    # Sent Tuesday 21 April 10:05; ten working days (Koningsdag apart): Wednesday 6 May 17:00.
    sent = b.letter_sent()
    assert sent.acceptance_due == at(2026, 5, 6)
    assert not no_reaction_due(sent, at(2026, 5, 6, 16, 59))
    assert no_reaction_due(sent, at(2026, 5, 6, 17))
    assert not no_reaction_due(b.decided(), at(2026, 6, 1, 9))  # no letter sent yet
    assert not no_reaction_due(b.disagreed(), at(2026, 6, 1, 9))  # answered
