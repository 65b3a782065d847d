"""One fixed story for the view tests: complaints in every state and every kind of event, made
by the procedure's own steps in memory at fixed moments (no database, no clock), so that what
the views show of them is the same on every run."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from bot.procedure import SYSTEM_ACTOR, Actor, Complaint, EventKind, Role, Source
from bot.procedure import steps as procedure
from bot.procedure.discussion import DiscussionFact, EmployeeRequest, employee_requests
from bot.procedure.inputs import (
    Closure,
    Contact,
    Decline,
    DiscussionRecord,
    DiscussionRequest,
    EffectivenessResult,
    EmployeeResponse,
    Intake,
    MeetingPlan,
    Note,
    Registration,
    Rejection,
    Reopening,
)
from bot.procedure.model import (
    Category,
    ContactOutcome,
    RelationType,
    RootCause,
    Route,
    Satisfaction,
)
from bot.procedure.privacy import Basis, anonymise
from bot.procedure.terms import DecisionTerms
from bot.service import takes_terms
from bot.settings import Settings
from bot.workdays import WorkCalendar

SETTINGS = Settings(
    _env_file=None,
    database_url="sqlite://",
    officer_user_ids=["UOFFICER"],
    management_user_ids=["UDIRECTIE"],
)
TZ = SETTINGS.tz
CALENDAR = WorkCalendar.from_settings(SETTINGS)
TERMS = DecisionTerms.from_settings(SETTINGS, CALENDAR)


def at(day: int, hour: int, minute: int = 0, month: int = 12, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


# Monday 7 December 2026; the complaint came in that morning at 09:00.
NOW = at(7, 10)
RECEIVED_AT = at(7, 9)
OFFICER = Actor("UOFFICER", Role.OFFICER, "Olga de Wit")
MANAGEMENT = Actor("UDIRECTIE", Role.MANAGEMENT, "Dirk Bos")
EVA = Actor("UEVA", Role.EMPLOYEE, "Eva Jansen")
BRAM = Actor("UBRAM", Role.EMPLOYEE, "Bram Smit")
CARLO = Actor("UCARLO", Role.EMPLOYEE, "Carlo Visser")
BODY = (
    "Goedemiddag,\n\nMijn salaris is voor de tweede keer te laat & niemand belt terug.\n"
    "Bel mij op 06-12345678 of mail jan@example.nl.\n\nMet vriendelijke groet,\nJan de Vries"
)


def stored(complaint: Complaint, reference: str = "K-2026-0001") -> Complaint:
    """As storage hands it back: an id, a reference, and an id on every event."""
    events = tuple(replace(event, id=n) for n, event in enumerate(complaint.events, start=1))
    return replace(complaint, id=int(reference[-4:]), reference=reference, events=events)


def received(reference: str = "K-2026-0001", **fields: Any) -> Complaint:
    intake = Intake(
        source=fields.pop("source", Source.EMAIL),
        received_at=fields.pop("received_at", RECEIVED_AT),
        subject=fields.pop("subject", "Salaris te laat"),
        body=fields.pop("body", BODY),
        complainant_name=fields.pop("complainant_name", "Jan de Vries"),
        complainant_email=fields.pop("complainant_email", "jan@example.nl"),
        **fields,
    )
    complaint = procedure.receive(intake, SYSTEM_ACTOR, calendar=CALENDAR, contact_days=2)
    return stored(complaint, reference)


def take(
    complaint: Complaint, step: Any, actor: Actor, data: Any, moment: dt.datetime
) -> Complaint:
    extra = {"terms": TERMS} if takes_terms(step) else {}
    return stored(step(complaint, actor, data, now=moment, **extra), complaint.reference or "")


def registered(reference: str = "K-2026-0001", **fields: Any) -> Complaint:
    registration = Registration("Jan de Vries", RelationType.FLEXWORKER, Category.PAYROLL, None)
    complaint = received(reference, complainant_phone="+31612345678", **fields)
    return take(complaint, procedure.register, OFFICER, registration, at(7, 9, 30))


def privacy_request(reference: str = "K-2026-0001") -> Complaint:
    """A request for access to one's data, registered as a privacy request."""
    registration = Registration(
        "Jan de Vries",
        RelationType.FLEXWORKER,
        Category.OTHER,
        None,
        route=Route.PRIVACY_REQUEST,
    )
    complaint = received(reference, complainant_phone="+31612345678")
    return take(complaint, procedure.register, OFFICER, registration, at(7, 9, 30))


def contacted(reference: str = "K-2026-0001") -> Complaint:
    contact = Contact(at(7, 9, 45), ContactOutcome.MEASURES_AGREED, "Salaris vandaag overmaken.")
    return take(registered(reference), procedure.record_contact, OFFICER, contact, at(7, 9, 50))


def asked(reference: str = "K-2026-0001", share_contact: bool = True) -> Complaint:
    request = DiscussionRequest(
        ("UEVA", "UBRAM", "UCARLO"), "Kun je hier even naar kijken?", share_contact
    )
    return take(contacted(reference), procedure.request_discussion, OFFICER, request, at(7, 9, 55))


def reacted() -> Complaint:
    """Eva answered, Bram planned a talk, Carlo says it is not his."""
    complaint = asked()
    answer = EmployeeResponse("De loonrun liep vast.", "Een storing bij de bank.", "Vaker checken.")
    complaint = take(complaint, procedure.record_employee_response, EVA, answer, at(7, 9, 56))
    plan = MeetingPlan(at(8, 14))
    complaint = take(complaint, procedure.plan_meeting, BRAM, plan, at(7, 9, 57))
    decline = Decline("Ik werk niet meer op deze klant.")
    return take(complaint, procedure.decline_discussion, CARLO, decline, at(7, 9, 58))


def all_answered() -> Complaint:
    """Eva, Bram and Carlo each gave their answer."""
    complaint = asked()
    for minute, employee in enumerate((EVA, BRAM, CARLO), start=56):
        answer = EmployeeResponse(f"Verhaal van {employee.name}.")
        moment = at(7, 9, minute)
        complaint = take(complaint, procedure.record_employee_response, employee, answer, moment)
    return complaint


def moved() -> Complaint:
    """Bram moved his talk from Tuesday 14:00 to Wednesday 11:00."""
    return take(reacted(), procedure.move_meeting, BRAM, MeetingPlan(at(9, 11)), at(7, 9, 59))


def discussed() -> Complaint:
    record = DiscussionRecord(at(7, 9, 59), "Besproken met Eva; de bank is gebeld.")
    return take(reacted(), procedure.record_discussion, OFFICER, record, at(7, 9, 59))


CLOSURE = Closure(
    "Salaris overgemaakt.",
    RootCause.SYSTEM,
    "Storing bij de bank.",
    "Salaris handmatig overgemaakt.",
    "Betalingen dagelijks controleren.",
    Satisfaction.YES,
    None,
    dt.date(2027, 1, 15),
)


def closed() -> Complaint:
    return take(discussed(), procedure.close, OFFICER, CLOSURE, at(7, 10))


def checked() -> Complaint:
    result = EffectivenessResult(True, "Geen nieuwe meldingen sinds de maatregel.")
    return take(closed(), procedure.record_effectiveness, OFFICER, result, at(7, 10))


def rejected() -> Complaint:
    rejection = Rejection("Dubbel ingediend.", "K-2026-0002")
    return take(registered(), procedure.reject, OFFICER, rejection, at(7, 9, 40))


def reopened() -> Complaint:
    reopening = Reopening("De klant belde opnieuw.")
    return take(rejected(), procedure.reopen, OFFICER, reopening, at(7, 9, 50))


def noted() -> Complaint:
    return take(received(), procedure.add_note, OFFICER, Note("Klant belde; terugbellen."), NOW)


def anonymised() -> Complaint:
    done = anonymise(closed(), basis=Basis.RETENTION, now=NOW)
    return stored(done.complaint, "K-2026-0001")


def from_slack_message() -> Complaint:
    return received(
        source=Source.SLACK_MESSAGE,
        source_link="https://klacht.slack.com/archives/C111/p1765098000000100",
        complainant_email=None,
        complainant_name=None,
    )


def hostile() -> Complaint:
    """A complaint whose every word tries to be markup."""
    words = "<!channel> *vet* _schuin_ `code` <https://evil.example|Uw bank> & :tada: > citaat"
    return received(subject=words, body=f"{words}\n> tweede regel", complainant_name=words)


def with_facts(complaint: Complaint, kind: EventKind, data: dict[str, Any], moment: dt.datetime):
    """The complaint with a fact the bot recorded (a reply, an acknowledgement, a notice)."""
    return stored(procedure.record_fact(complaint, kind, now=moment, data=data), "K-2026-0001")


def replied() -> Complaint:
    data = {
        "subject": "Re: Salaris te laat",
        "text": "Nog steeds niets ontvangen.",
        "from_email": "jan@example.nl",
        "attachments": "loonstrook.pdf (120 kB)",
    }
    return with_facts(registered(), EventKind.REPLY_RECEIVED, data, at(7, 9, 40))


def acknowledged() -> Complaint:
    return with_facts(received(), EventKind.ACKNOWLEDGEMENT_SENT, {"acknowledgement_id": 1}, NOW)


def noticed(notice: str, due_at: dt.datetime, sent_at: dt.datetime, base: Complaint) -> Complaint:
    data = {
        "notice": notice,
        "due_at": due_at.isoformat(),
        "mention": [
            {"surface": "slack", "id": "UOFFICER"},
            {"surface": "slack", "group": "SKLACHT"},
        ],
    }
    return with_facts(base, EventKind.WARNING_SENT, data, sent_at)


def discussion_fact(kind: EventKind, employee_id: str, moment: dt.datetime) -> Complaint:
    complaint = reacted() if kind is EventKind.MEETING_REMINDER_SENT else asked()
    fact = DiscussionFact(kind, employee_id)
    return take(complaint, procedure.record_discussion_fact, SYSTEM_ACTOR, fact, moment)


def request_of(complaint: Complaint, employee_id: str) -> EmployeeRequest:
    return [r for r in employee_requests(complaint) if r.employee_id == employee_id][-1]


def summary_of(label: str, scale: int = 1) -> Any:
    from reports.figures import Summary

    return Summary(
        label,
        received=9 * scale,
        closed=5 * scale,
        open=3 * scale,
        rejected=1 * scale,
        on_time=6 * scale,
        late=2 * scale,
        awaiting_contact=1,
        discussions=2,
        overdue_open=1,
        median_hours_to_contact=7.5,
        p90_hours_to_contact=15.25,
        median_days_to_close=4,
        discussions_requested=3,
        median_hours_to_answer=None,
    )


def figures(kind: str = "quarter") -> Any:
    from reports.figures import Figures, Measure, Month, TrendPoint

    year = kind == "year"
    return Figures(
        period="2026" if year else "2026-Q3",
        kind=kind,
        title="jaar 2026" if year else "K3 2026",
        generated_at="2026-10-01T09:00:00+02:00",
        on_time_target=0.9,
        deadline_hours=(16.0, 24.0),
        summary=summary_of("2026" if year else "2026-Q3"),
        previous=summary_of("2025" if year else "2026-Q2", 2),
        year_earlier=summary_of("2025" if year else "2025-Q3"),
        by_category={"salaris": 5, "planning": 3, "overig": 1},
        previous_by_category={"salaris": 2},
        by_relation_type={"flexwerker": 6, "opdrachtgever": 3},
        by_source={"email": 8, "manual": 1},
        root_causes={"systeem": 3, "communicatie": 2},
        measures=[Measure("K-2026-0001", "salaris", "Handmatig overgemaakt.", "")],
        measures_total=1,
        employees_involved=2,
        per_employee=[("", 2)],
        overdue_references=["K-2026-0007"],
        months=[Month("2026-07", {"salaris": 5}, 4, 1)],
        hour_bins=[1, 2, 3],
        trend=[TrendPoint("2026-Q3", 9, 6, 2)],
        quarters=[summary_of(f"2026-Q{n}") for n in range(1, 5)] if year else [],
        effectiveness={"effective": 1, "not_effective": 0, "pending": 2} if year else {},
        organisation="Spijtenburg Werving en Advies B.V.",
        in_use_since="2025-01-06T09:00:00+01:00",
        old_open=1,
        oldest_open=[("K-2026-0003", 45)],
    )


def report(kind: str = "quarter", **fields: Any) -> Any:
    from reports.store import Report

    return Report(
        period="2026" if kind == "year" else "2026-Q3",
        kind=kind,
        generated_at=at(1, 9, month=10),
        generated_by="system",
        figures=figures(kind),
        analysis="De grootste categorie is Salaris en verloning met 5 van de 9 klachten.",
        id=17,
        **fields,
    )


def decided() -> Complaint:
    """Closed with a decision: a CAO dispute found ongegrond, its letter written."""
    from bot.procedure.inputs import Assessment
    from bot.procedure.model import Outcome, Remedy, Route, Severity

    assessment = Assessment(
        route=Route.CAO_DISPUTE, remedy=Remedy.COMPENSATION, severity=Severity.MEDIUM
    )
    complaint = take(contacted(), procedure.reclassify, OFFICER, assessment, at(7, 9, 52))
    closure = Closure(
        "Het loon is volgens de cao berekend.",
        RootCause.OTHER,
        "Misverstand over de inlenersbeloning.",
        "Uitleg gegeven.",
        None,
        Satisfaction.NO,
        "Geen medewerker betrokken.",
        None,
        Outcome.NOT_UPHELD,
        "Geachte heer De Vries,\n\nUw klacht is ongegrond.",
    )
    return take(complaint, procedure.close, OFFICER, closure, at(7, 10))


def disagreed() -> Complaint:
    from bot.procedure import decision
    from bot.procedure.inputs import AcceptanceRecord
    from bot.procedure.model import Acceptance

    answer = AcceptanceRecord(Acceptance.DISAGREED, "Belde: gaat naar de GCU.")
    return take(decided(), decision.record_acceptance, OFFICER, answer, at(7, 10, 5))


def in_recourse() -> Complaint:
    from bot.procedure import decision
    from bot.procedure.inputs import Recourse
    from bot.procedure.model import RecourseBody

    recourse = Recourse(RecourseBody.GCU, dt.date(2026, 12, 7))
    return take(disagreed(), decision.record_recourse, OFFICER, recourse, at(7, 10, 10))
