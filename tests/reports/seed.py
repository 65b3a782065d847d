"""A small, realistic data set whose report figures were worked out by hand (see test_figures).

Every complaint goes through the real ComplaintService and procedure steps on a movable clock.
Times are Europe/Amsterdam wall-clock times; 2026-Q2 holds Koningsdag (Mon 27 Apr), Hemelvaart
(Thu 14 May) and Tweede Pinksterdag (Mon 25 May); Good Friday and 15 May are working days in the
office calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.procedure import (
    SYSTEM_ACTOR,
    Actor,
    Category,
    ContactOutcome,
    Outcome,
    RelationType,
    Role,
    RootCause,
    Satisfaction,
    Source,
    steps,
)
from bot.procedure.inputs import (
    Closure,
    Contact,
    DiscussionRecord,
    DiscussionRequest,
    EmployeeResponse,
    Intake,
    Registration,
    Rejection,
)
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database

AMS = ZoneInfo("Europe/Amsterdam")
OFFICER = Actor("UOFFICER", Role.OFFICER, "Fenna Functionaris")
REPORT_NOW = dt.datetime(2026, 7, 1, 9, 0, tzinfo=AMS)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMS)


@dataclass
class MovableClock:
    now: dt.datetime = REPORT_NOW

    def __call__(self) -> dt.datetime:
        return self.now


class Seeder:
    """Runs complaints through the procedure at the given moments."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.clock = MovableClock()
        self.service = ComplaintService(db, settings, self.clock)
        self.references: dict[str, str] = {}

    def receive(self, name: str, when: dt.datetime, source: Source = Source.EMAIL) -> str:
        self.clock.now = when
        intake = Intake(source, when, f"Klacht {name}", f"Tekst van klacht {name}", f"Klant {name}")
        reference = self.service.submit(intake, SYSTEM_ACTOR).reference
        assert reference is not None
        self.references[name] = reference
        return reference

    def step(self, name: str, when: dt.datetime, step, data) -> None:
        self.clock.now = when
        self.service.change(self.references[name], step, OFFICER, data)

    def register(self, name: str, when: dt.datetime, relation: RelationType, cat: Category):
        self.step(name, when, steps.register, Registration(f"Klant {name}", relation, cat))

    def contact(self, name: str, when: dt.datetime) -> None:
        data = Contact(when, ContactOutcome.MEASURES_AGREED, f"Afspraak {name}")
        self.step(name, when, steps.record_contact, data)

    def request(self, name: str, when: dt.datetime, employee: str) -> None:
        self.step(name, when, steps.request_discussion, DiscussionRequest((employee,)))

    def answer(self, name: str, when: dt.datetime, employee: str) -> None:
        self.clock.now = when
        actor = Actor(employee, Role.EMPLOYEE, "")
        response = EmployeeResponse(f"Mijn kant van {name}")
        self.service.change(self.references[name], steps.record_employee_response, actor, response)

    def discuss(self, name: str, when: dt.datetime, employee: str) -> None:
        data = DiscussionRecord(when, f"Besproken {name}", employee)
        self.step(name, when, steps.record_discussion, data)

    def close(
        self,
        name: str,
        when: dt.datetime,
        cause: RootCause,
        *,
        discussed: bool,
        outcome: Outcome | None = None,
    ) -> None:
        closure = Closure(
            resolution=f"Opgelost {name}",
            root_cause_category=cause,
            root_cause=f"Oorzaak {name}",
            corrective_measures=f"Correctie {name}",
            preventive_measures=f"Preventie {name}" if name != "B" else None,
            customer_satisfied=Satisfaction.YES,
            no_employee_reason=None if discussed else "Geen medewerker betrokken",
            outcome=outcome,
        )
        self.step(name, when, steps.close, closure)

    def reject(self, name: str, when: dt.datetime) -> None:
        self.step(name, when, steps.reject, Rejection("Spam"))


def seed(db: Database, settings: Settings) -> dict[str, str]:
    """The hand-computed data set; returns letter -> reference."""
    s = Seeder(db, settings)
    flex, client = RelationType.FLEXWORKER, RelationType.CLIENT
    # Year earlier (2025-Q2): contacted an hour after the deadline.
    s.receive("L", at(2025, 6, 4, 10))
    s.register("L", at(2025, 6, 4, 11), flex, Category.PLANNING)
    s.contact("L", at(2025, 6, 6, 18))
    # Previous quarter (2026-Q1, winter time): one contact after an hour, one rejected.
    s.receive("J", at(2026, 3, 3, 10))
    s.register("J", at(2026, 3, 3, 10, 30), flex, Category.PAYROLL)
    s.contact("J", at(2026, 3, 3, 11))
    s.receive("K", at(2026, 3, 30, 10))
    s.reject("K", at(2026, 3, 30, 11))
    # The quarter: 2026-Q2.
    s.receive("A", at(2026, 4, 24, 16))  # Friday before Koningsdag
    s.register("A", at(2026, 4, 24, 16, 30), flex, Category.PAYROLL)
    s.contact("A", at(2026, 4, 28, 10))
    s.discuss("A", at(2026, 4, 29, 14), "UEMP1")
    s.close("A", at(2026, 4, 30, 12), RootCause.HUMAN_ERROR, discussed=True, outcome=Outcome.UPHELD)
    s.receive("B", at(2026, 5, 2, 11), Source.MANUAL)  # a Saturday
    s.register("B", at(2026, 5, 4, 9), client, Category.PAYROLL)
    s.contact("B", at(2026, 5, 4, 15, 30))
    s.close("B", at(2026, 5, 8, 10), RootCause.HUMAN_ERROR, discussed=False)
    s.receive("C", at(2026, 5, 13, 14))  # the day before Hemelvaart
    s.register("C", at(2026, 5, 13, 15), flex, Category.PLANNING)
    s.contact("C", at(2026, 5, 18, 16))
    s.discuss("C", at(2026, 5, 19, 10), "UEMP1")
    s.close("C", at(2026, 5, 21, 11), RootCause.HUMAN_ERROR, discussed=True, outcome=Outcome.UPHELD)
    s.receive("D", at(2026, 5, 21, 9, 30))  # Pinkstermaandag falls in its window
    s.register("D", at(2026, 5, 21, 10), client, Category.PLANNING)
    s.contact("D", at(2026, 5, 27, 10))
    s.request("D", at(2026, 5, 27, 11), "UEMP2")
    s.answer("D", at(2026, 5, 28, 15), "UEMP2")
    s.discuss("D", at(2026, 6, 2, 10), "UEMP2")
    s.close(
        "D",
        at(2026, 6, 5, 15),
        RootCause.COMMUNICATION,
        discussed=True,
        outcome=Outcome.PARTLY_UPHELD,
    )
    s.receive("E", at(2026, 6, 1, 8), Source.SLACK_MESSAGE)  # before opening time
    s.register("E", at(2026, 6, 1, 9, 15), RelationType.DIRECT, Category.COMMUNICATION)
    s.contact("E", at(2026, 6, 1, 9, 45))
    s.request("E", at(2026, 6, 2, 9), "UEMP2")
    s.answer("E", at(2026, 6, 4, 10), "UEMP2")
    s.receive("H", at(2026, 6, 10, 10))
    s.reject("H", at(2026, 6, 10, 11))
    s.receive("F", at(2026, 6, 16, 12))
    s.register("F", at(2026, 6, 16, 13), flex, Category.PLANNING)
    s.receive("G", at(2026, 6, 29, 18))
    s.receive("M", at(2026, 6, 30, 23, 30))  # the quarter's last evening
    # 1 July 00:30 local is still 30 June in UTC: it belongs to Q3, not to this report.
    s.receive("N", at(2026, 7, 1, 0, 30))
    return s.references
