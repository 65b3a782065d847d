"""Complaints at every point of the procedure, built through the real steps (no database).

The story used throughout: an e-mail arrives on Monday 20 April 2026 at 09:30 in Amsterdam,
is registered at 10:15, the customer is phoned at 11:00, the employee is asked for their side at
11:30 and answers at 14:00, the officer discusses it at 15:00 and closes it on Tuesday at 10:00.
The decision (ongegrond) is mailed at 10:05; on Thursday the complainant says "niet akkoord",
and on Friday 24 April they take it to the GCU.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.procedure import (
    SYSTEM_ACTOR,
    Acceptance,
    Actor,
    Category,
    Complaint,
    ContactOutcome,
    LetterChannel,
    LetterKind,
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
    decision,
    inputs,
    steps,
)
from bot.procedure.terms import DecisionTerms
from bot.workdays import WorkCalendar

AMS = ZoneInfo("Europe/Amsterdam")
CALENDAR = WorkCalendar(tz=AMS)
TERMS = DecisionTerms(CALENDAR)  # the settings' defaults

OFFICER = Actor("UOFFICER", Role.OFFICER, "Fatima de Vries")
OTHER_OFFICER = Actor("UOFFICER2", Role.OFFICER, "Kees Jansen")
EMPLOYEE = Actor("UEMPLOYEE", Role.EMPLOYEE, "Jan Bakker")
OTHER_EMPLOYEE = Actor("UEMPLOYEE2", Role.EMPLOYEE, "Sanne Smit")
MANAGER = Actor("UDIRECTIE", Role.MANAGEMENT, "Dirk Directie")
ACTORS = {
    Role.OFFICER: OFFICER,
    Role.EMPLOYEE: EMPLOYEE,
    Role.MANAGEMENT: MANAGER,
    Role.SYSTEM: SYSTEM_ACTOR,
}


def ams(day: int, hour: int, minute: int = 0, *, month: int = 4, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMS)


RECEIVED_AT = ams(20, 9, 30)
REGISTERED_AT = ams(20, 10, 15)
CONTACT_RECORDED_AT = ams(20, 11, 0)
DISCUSSION_REQUESTED_AT = ams(20, 11, 30)
RESPONDED_AT = ams(20, 14, 0)
DISCUSSED_AT = ams(20, 15, 0)
CLOSED_AT = ams(21, 10, 0)
LETTER_SENT_AT = ams(21, 10, 5)
MESSAGE_ID = "<beslisbrief.1@klachten.example.nl>"
DISAGREED_AT = ams(23, 11, 0)
RECOURSE_ON = dt.date(2026, 4, 24)
# An assessment with every field filled in: a CAO dispute about passende arbeid whose term the
# officer says runs from 14 April (14 days: Tuesday 28 April 17:00).
FULL_ASSESSMENT: dict[str, object] = {
    "route": Route.CAO_DISPUTE,
    "suitable_work": True,
    "remedy": Remedy.OTHER,
    "remedy_text": "Een vast contract.",
    "severity": Severity.HIGH,
    "severity_reason": "Geen werk sinds maart.",
    "decision_start": dt.date(2026, 4, 14),
}
DECISION_LETTER = "Geachte Petra Pietersen,\n\nOns oordeel: ongegrond.\n\nMet vriendelijke groet,"


def intake(**overrides: object) -> inputs.Intake:
    values: dict[str, object] = {
        "source": Source.EMAIL,
        "received_at": RECEIVED_AT,
        "subject": "Loonstrook klopt niet",
        "body": "Mijn uren van week 15 ontbreken op de loonstrook.",
        "complainant_name": "Petra Pietersen",
        "complainant_email": "petra@example.nl",
    }
    values.update(overrides)
    return inputs.Intake(**values)  # type: ignore[arg-type]


def registration(**overrides: object) -> inputs.Registration:
    values: dict[str, object] = {
        "complainant_name": "Petra Pietersen",
        "relation_type": RelationType.FLEXWORKER,
        "category": Category.PAYROLL,
        "complainant_phone": "06 12345678",
    }
    values.update(overrides)
    return inputs.Registration(**values)  # type: ignore[arg-type]


def contact(contacted_at: dt.datetime | None = None) -> inputs.Contact:
    return inputs.Contact(
        contacted_at=contacted_at or ams(20, 10, 50),
        outcome=ContactOutcome.MEASURES_AGREED,
        agreed_measures="Uren worden met de volgende verloning nabetaald.",
    )


def discussion_record(**overrides: object) -> inputs.DiscussionRecord:
    values: dict[str, object] = {"discussed_at": ams(20, 14, 45), "summary": "Uren vergeten."}
    values.update(overrides)
    return inputs.DiscussionRecord(**values)  # type: ignore[arg-type]


def closure(**overrides: object) -> inputs.Closure:
    values: dict[str, object] = {
        "resolution": "Uren nabetaald.",
        "root_cause_category": RootCause.HUMAN_ERROR,
        "root_cause": "Urenbriefje niet ingevoerd.",
        "corrective_measures": "Nabetaling in week 17.",
        "preventive_measures": "Controle op ontbrekende uren voor de verloning.",
        "customer_satisfied": Satisfaction.YES,
    }
    values.update(overrides)
    return inputs.Closure(**values)  # type: ignore[arg-type]


def received(**overrides: object) -> Complaint:
    return steps.receive(intake(**overrides), SYSTEM_ACTOR, calendar=CALENDAR, contact_days=2)


def registered() -> Complaint:
    return steps.register(received(), OFFICER, registration(), now=REGISTERED_AT, terms=TERMS)


def contacted() -> Complaint:
    return steps.record_contact(registered(), OFFICER, contact(), now=CONTACT_RECORDED_AT)


def discussion_requested(complaint: Complaint | None = None) -> Complaint:
    return steps.request_discussion(
        complaint or contacted(),
        OFFICER,
        inputs.DiscussionRequest((EMPLOYEE.user_id,)),
        now=DISCUSSION_REQUESTED_AT,
    )


def responded() -> Complaint:
    return steps.record_employee_response(
        discussion_requested(),
        EMPLOYEE,
        inputs.EmployeeResponse("Ik was het urenbriefje vergeten."),
        now=RESPONDED_AT,
    )


def discussed() -> Complaint:
    return steps.record_discussion(responded(), OFFICER, discussion_record(), now=DISCUSSED_AT)


def closed(**closure_overrides: object) -> Complaint:
    return steps.close(discussed(), OFFICER, closure(**closure_overrides), now=CLOSED_AT)


def rejected(complaint: Complaint | None = None) -> Complaint:
    return steps.reject(
        complaint or received(), OFFICER, inputs.Rejection("Reclame."), now=ams(20, 10, 0)
    )


def decided() -> Complaint:
    """Closed with the outcome ongegrond and the letter as the officer edited it."""
    data = closure(outcome=Outcome.NOT_UPHELD, decision_letter=DECISION_LETTER)
    return steps.close(discussed(), OFFICER, data, now=CLOSED_AT)


def letter_sent(complaint: Complaint | None = None) -> Complaint:
    data = inputs.LetterSent(LetterKind.DECISION, LetterChannel.EMAIL, MESSAGE_ID)
    return decision.record_letter_sent(
        complaint or decided(), SYSTEM_ACTOR, data, now=LETTER_SENT_AT, terms=TERMS
    )


def disagreed() -> Complaint:
    data = inputs.AcceptanceRecord(Acceptance.DISAGREED, "Klant belde: niet eens.")
    return decision.record_acceptance(letter_sent(), OFFICER, data, now=DISAGREED_AT)


def in_recourse() -> Complaint:
    data = inputs.Recourse(RecourseBody.GCU, RECOURSE_ON)
    return decision.record_recourse(disagreed(), OFFICER, data, now=ams(24, 9))
