"""`klachtenbot demo`: the procedure for real, on a simulated clock, without Slack or a mailbox.

Sample complaints go through the same service calls as the Slack buttons; every state is
reached, refusals are shown as a person would see them, and the run ends by saying how to look
at the result.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select

from bot.intake.demo import ingest_samples
from bot.jobs.context import JobContext
from bot.jobs.notices import THREAD
from bot.jobs.registry import JOBS
from bot.jobs.runner import run_jobs
from bot.procedure import (
    SYSTEM_ACTOR,
    Actor,
    Category,
    Complaint,
    ContactOutcome,
    ProcedureError,
    RelationType,
    Role,
    RootCause,
    Satisfaction,
    Source,
    State,
    inputs,
)
from bot.procedure import steps as procedure
from bot.readable import typed
from bot.service import ComplaintService, Step
from bot.settings import Settings
from bot.texts import (
    EVENT_LABELS,
    MONTHS,
    SOURCE_LABELS,
    STATE_LABELS,
    WEEKDAYS,
    moment_in_words,
)
from bot.texts import demo as text
from storage.db import Database
from storage.models import ComplaintRow, Notification

DEMO_DIR = Path("demo-output")
DEMO_DB = DEMO_DIR / "klachtenbot-demo.sqlite3"
DEMO_DROPPED = {
    "slack_bot_token",
    "slack_app_token",
    "slack_signing_secret",
    "imap_host",
    "smtp_host",
}

DEMO_MANAGEMENT_CHANNEL = "C0DEMODIRECTIE"
# The history before and around the scenario, from go-live: the quarterly report's trend and the
# 2025 yearly report (compared with 2024) cover full quarters.
HISTORY_START = dt.date(2024, 1, 8)
HISTORY_COUNT = 100
TICK = dt.timedelta(hours=1)
DECIDING_JOBS = [job for job in JOBS if job.name in ("deadlines", "effectiveness", "digest")]

OFFICER = Actor("U0DEMOKF", Role.OFFICER, "Fatima Bakker")
EMPLOYEE = Actor("U0DEMOMW", Role.EMPLOYEE, "Ruud Jansen")
OTHER_EMPLOYEE = Actor("U0DEMOMX", Role.EMPLOYEE, "Ilse de Boer")


class SimulatedClock:
    """A clock the demo moves by hand; the service reads it as "now"."""

    def __init__(self, start: dt.datetime) -> None:
        self.moment = start

    def __call__(self) -> dt.datetime:
        return self.moment

    def set(self, moment: dt.datetime) -> None:
        self.moment = moment


@dataclass
class Demo:
    service: ComplaintService
    clock: SimulatedClock
    out: TextIO
    ticked: dt.datetime | None = None  # the clock's jobs have run up to here
    notices_seen: int = 0
    previewed: set[str] = field(default_factory=set)  # notice kinds shown in full once

    def moment(self, day: int, month: int, hour: int, minute: int = 0) -> dt.datetime:
        """A moment in 2026 without moving the clock (a contact recorded after the call)."""
        return dt.datetime(2026, month, day, hour, minute, tzinfo=self.service.settings.tz)

    def at(self, day: int, month: int, hour: int, minute: int = 0) -> dt.datetime:
        moment = self.moment(day, month, hour, minute)
        if moment < self.clock():
            raise ValueError(f"the demo's clock runs forward only: {moment} < {self.clock()}")
        self.tick_until(moment)
        self.clock.set(moment)
        return moment

    def tick_until(self, moment: dt.datetime) -> None:
        """Run the clock's deciding jobs every opening hour up to `moment` (the simulated
        clock only moves forward for them), and show what they sent."""
        if self.ticked is None or moment <= self.ticked:
            self.ticked = self.ticked or moment
            return
        context = JobContext(self.service, None, "demo")
        self.ticked = self.ticked.replace(minute=0, second=0, microsecond=0)
        while self.ticked + TICK <= moment:
            self.ticked += TICK
            if not self._office_hour(self.ticked):
                continue  # the jobs send nothing then; the next opening hour catches up
            self.clock.set(self.ticked)
            run_jobs(context, DECIDING_JOBS)
            self._show_notices()

    def _office_hour(self, moment: dt.datetime) -> bool:
        """Open at `moment`, or closing then (a deadline at closing time is due then)."""
        calendar = self.service.calendar
        return calendar.is_open(moment) or calendar.is_open(moment - TICK)

    def _show_notices(self) -> None:
        from bot.slack.views.message import event_message
        from bot.slack.views.plaintext import as_plain_text

        with self.service.db.session() as session:
            rows = session.execute(
                select(
                    Notification.id,
                    Notification.kind,
                    Notification.recipient,
                    ComplaintRow.reference,
                )
                .join(ComplaintRow, ComplaintRow.id == Notification.complaint_id)
                .where(Notification.id > self.notices_seen)
                .order_by(Notification.id)
            ).all()
        for notice_id, kind, recipient, reference in rows:
            self.notices_seen = notice_id
            where = (
                text.NOTICE_THREAD if recipient == THREAD else text.NOTICE_TO.format(to=recipient)
            )
            self.say(text.NOTICE, reference=reference, label=text.NOTICE_LABELS[kind], where=where)
            if recipient == THREAD and kind not in self.previewed:
                self.previewed.add(kind)
                complaint = self.service.get(reference)
                event = complaint.events[-1]
                print(
                    _indent(as_plain_text(event_message(complaint, event, self.clock())), "    | "),
                    file=self.out,
                )

    def receive(self, subject: str, body: str, **fields: Any) -> Complaint:
        intake = inputs.Intake(
            source=fields.pop("source", Source.EMAIL),
            received_at=self.clock(),
            subject=subject,
            body=body,
            **fields,
        )
        complaint = self.service.submit(intake, SYSTEM_ACTOR)
        self.say(
            text.RECEIVED,
            reference=complaint.reference,
            source=SOURCE_LABELS[complaint.source],
            subject=subject,
            deadline=moment_in_words(complaint.contact_deadline, self.clock().date()),
        )
        return complaint

    def step(self, complaint: Complaint, step: Step, actor: Actor, data: Any) -> Complaint:
        try:
            changed = self.service.change(complaint.reference or "", step, actor, data)
        except ProcedureError as refused:
            self.say(text.REFUSED, reference=complaint.reference, message=refused.message)
            return complaint
        event = changed.events[-1]
        self.say(
            text.STEP,
            reference=changed.reference,
            label=EVENT_LABELS[event.kind],
            actor=actor.label,
            state=STATE_LABELS[changed.state],
        )
        return changed

    def say(self, template: str, **values: Any) -> None:
        moment = self.clock()
        at = f"{WEEKDAYS[moment.weekday()][:2]} {moment:%d-%m %H:%M}"
        print(template.format(at=at, **values), file=self.out)


class DemoRefused(Exception):
    """The demo must not write here; `str()` is the one line saying why."""


def run_demo(settings: Settings, out: TextIO, database_url: str | None = None) -> int:
    """The demo on its own SQLite file in demo-output/, or on `database_url` when that is given
    on the command line: never on the DATABASE_URL of the settings, and never into a database
    that already holds complaints (they would use up references and reach the real channel)."""
    settings = _demo_settings(settings, database_url)
    database = Database(settings.database_url)
    database.upgrade()
    if _holds_complaints(database):
        database.dispose()
        raise DemoRefused(text.REFUSED_DATABASE.format(url=database.safe_url))
    clock = SimulatedClock(dt.datetime(2026, 7, 3, 8, 30, tzinfo=settings.tz))
    demo = Demo(ComplaintService(database, settings, clock), clock, out, ticked=clock())
    try:
        print(text.TITLE, file=out)
        print(text.DATABASE.format(url=database.safe_url), file=out)
        ingest_samples(demo.service, out)
        complaints = run_scenario(demo)
        _print_slack_preview(demo, next(c for c in complaints if c.state is State.CLOSED))
        _write_teams_cards(demo, complaints)
        _print_summary(demo, complaints, settings.database_url)
        _write_quarterly_report(demo, database)
    finally:
        # Closing every connection checkpoints SQLite's write-ahead log into the file and
        # removes its -wal and -shm files: demo-output/ holds one database file.
        database.dispose()
    return 0


def run_scenario(demo: Demo) -> list[Complaint]:
    """Sample complaints moved through every state, in the order a real week would bring: the
    clock only moves forward, so every event follows the one printed before it."""
    demo.at(3, 7, 16, 40)
    payroll = demo.receive(
        "Loonstrook week 26 klopt niet",
        "Mijn uren van vorige week zijn niet uitbetaald. Bel mij op 06-12345678.",
        complainant_name="Sanne Visser",
        complainant_email="sanne.visser@example.nl",
        complainant_phone="+31612345678",
    )
    demo.at(6, 7, 8, 55)
    planner = demo.receive(
        "Geen reactie van de planner",
        "Al drie dagen wacht ik op een reactie over de bezetting van de nachtdienst.",
        complainant_name="Bouwbedrijf De Klinker",
        complainant_email="inkoop@example.com",
    )
    spam = demo.receive("Gratis zonnepanelen!", "Klik hier voor uw gratis zonnepanelen.")

    demo.at(6, 7, 9, 15)
    payroll = demo.step(payroll, procedure.register, OFFICER, _registration("Sanne Visser"))
    demo.step(payroll, procedure.register, OFFICER, _registration("Sanne Visser"))
    demo.at(6, 7, 9, 20)
    planner = demo.step(
        planner,
        procedure.register,
        OFFICER,
        _registration("Bouwbedrijf De Klinker", RelationType.CLIENT, Category.PLANNING),
    )
    demo.step(planner, procedure.close, OFFICER, _closure("Planner afwezig."))
    demo.at(6, 7, 9, 25)
    demo.step(spam, procedure.reject, OFFICER, inputs.Rejection("Reclame, geen klacht."))
    demo.step(payroll, procedure.record_contact, EMPLOYEE, _contact(demo.at(6, 7, 9, 30)))
    payroll = demo.step(payroll, procedure.record_contact, OFFICER, _contact(demo.at(6, 7, 10)))
    payroll = demo.step(
        payroll,
        procedure.request_discussion,
        OFFICER,
        inputs.DiscussionRequest((EMPLOYEE.user_id,)),
    )
    demo.at(7, 7, 11, 5)
    answer = inputs.EmployeeResponse("De uren kwamen te laat binnen bij de salarisadministratie.")
    demo.step(payroll, procedure.record_employee_response, OTHER_EMPLOYEE, answer)
    payroll = demo.step(payroll, procedure.record_employee_response, EMPLOYEE, answer)
    discussed = demo.at(8, 7, 14)
    summary = "Besproken: urenbriefjes voortaan dagelijks controleren."
    payroll = demo.step(
        payroll, procedure.record_discussion, OFFICER, inputs.DiscussionRecord(discussed, summary)
    )
    demo.step(payroll, procedure.close, OFFICER, _closure("Uren niet op tijd verwerkt."))
    demo.at(8, 7, 15, 30)
    measures = _contact(demo.clock(), "Vaste contactpersoon en terugbelgarantie binnen 4 uur.")
    planner = demo.step(planner, procedure.record_contact, OFFICER, measures)
    demo.at(10, 7, 16)
    no_employee = "Geen individuele medewerker: de vervanging bij ziekte ontbrak."
    planner = demo.step(
        planner, procedure.close, OFFICER, _closure("Planner afwezig.", no_employee)
    )

    demo.at(13, 7, 10, 12)
    waiting = demo.receive(
        "Onbeleefd behandeld aan de balie",
        "Ik werd bij de inschrijving onbeleefd te woord gestaan.",
        complainant_name="Mehmet Yilmaz",
        complainant_phone="+31201234567",
        source=Source.MANUAL,
    )
    demo.at(13, 7, 13)
    registered = demo.receive(
        "Factuur dubbel verstuurd",
        "We hebben de factuur van juni twee keer ontvangen.",
        complainant_name="Zorggroep Lindehof",
        complainant_email="administratie@example.org",
    )
    demo.at(14, 7, 9)
    reason = inputs.Reopening("Klant belt: de terugbelgarantie werkt nog niet.")
    demo.step(planner, procedure.reopen, OFFICER, reason)
    demo.at(14, 7, 9, 10)
    demo.step(
        registered,
        procedure.register,
        OFFICER,
        _registration("Zorggroep Lindehof", RelationType.CLIENT, Category.INVOICING),
    )
    demo.step(waiting, procedure.add_note, OFFICER, inputs.Note("Klant belt morgen zelf terug."))
    demo.step(
        waiting,
        procedure.register,
        OFFICER,
        _registration("Mehmet Yilmaz", RelationType.FLEXWORKER, Category.CONDUCT),
    )
    demo.step(
        waiting,
        procedure.request_discussion,
        OFFICER,
        inputs.DiscussionRequest((OTHER_EMPLOYEE.user_id,)),
    )
    demo.at(16, 7, 8, 30)
    late = demo.receive(
        "Reiskosten niet vergoed",
        "Mijn reiskosten over juni staan niet op de loonstrook.",
        complainant_name="Daan Smit",
        complainant_phone="+31687654321",
    )
    demo.at(16, 7, 9)
    demo.step(
        late,
        procedure.register,
        OFFICER,
        _registration("Daan Smit", RelationType.FLEXWORKER, Category.PAYROLL),
    )
    demo.at(17, 7, 11)
    demo.step(
        late,
        procedure.record_contact,
        OFFICER,
        _contact(demo.moment(17, 7, 10, 45), "Correctie volgt in de volgende verloning."),
    )
    demo.receive("Wachttijd telefoon", "Ik hing 40 minuten in de wacht.", complainant_name="Anouk")
    print(text.CLOCK_RUNS_ON.format(command=typed("klachtenbot clock")), file=demo.out)
    _discussion_reminders(demo, waiting)
    demo.at(21, 7, 18)  # nobody calls Anouk back: pre-warning, overdue notice, escalation
    return demo.service.list()


def _discussion_reminders(demo: Demo, waiting: Complaint) -> None:
    """The employee's direct message, then the scheduled scan: Ilse has not reacted, so she is
    reminded after two working days and the officer is told after five; a second scan at the
    same moment sends nothing twice."""
    from bot.jobs.context import JobContext
    from bot.jobs.discussion import remind_and_escalate
    from bot.procedure.discussion import request_of
    from bot.slack.views import render
    from bot.slack.views.plaintext import as_plain_text
    from bot.views.requests import answer_due, request_message

    complaint = demo.service.get(waiting.reference or "")
    request = request_of(complaint, OTHER_EMPLOYEE.user_id)
    assert request is not None
    due = answer_due(demo.service, request)
    message = render.message(request_message(complaint, request, due, demo.clock()))
    print(text.DM_PREVIEW.format(employee=OTHER_EMPLOYEE.label), file=demo.out)
    print(_indent(as_plain_text(message), "  | "), file=demo.out)
    context = JobContext(demo.service, None, "demo")
    for moment in ((17, 7, 11, 30), (21, 7, 9, 15), (21, 7, 9, 15)):
        seen = len(complaint.events)
        remind_and_escalate(context, demo.at(*moment))
        complaint = demo.service.get(complaint.reference or "")
        for event in complaint.events[seen:]:
            label = EVENT_LABELS[event.kind]
            demo.say(text.JOB, reference=complaint.reference, label=label)


def _registration(
    name: str,
    relation_type: RelationType = RelationType.FLEXWORKER,
    category: Category = Category.PAYROLL,
) -> inputs.Registration:
    return inputs.Registration(name, relation_type, category, None)


def _contact(at: dt.datetime, measures: str | None = None) -> inputs.Contact:
    outcome = ContactOutcome.MEASURES_AGREED if measures else ContactOutcome.RESOLVED_ON_CONTACT
    return inputs.Contact(at, outcome, measures)


def _closure(root_cause: str, no_employee_reason: str | None = None) -> inputs.Closure:
    return inputs.Closure(
        resolution="Met de klant opgelost en bevestigd.",
        root_cause_category=RootCause.PROCEDURE,
        root_cause=root_cause,
        corrective_measures="Uitbetaling en excuses.",
        preventive_measures="Dagelijkse controle van de urenverwerking.",
        customer_satisfied=Satisfaction.YES,
        no_employee_reason=no_employee_reason,
    )


def _demo_settings(settings: Settings, database_url: str | None) -> Settings:
    """The demo's own SQLite file, unless a database URL was given on its command line. Slack
    and e-mail settings are dropped too: the demo only prints what the bot would post."""
    if database_url is None:
        DEMO_DIR.mkdir(exist_ok=True)
        DEMO_DB.unlink(missing_ok=True)
        database_url = f"sqlite:///{DEMO_DB}"
    dropped = dict.fromkeys(DEMO_DROPPED)
    # The clock's notices name the demo's officer and go to a management channel by name.
    roles = {
        "officer_user_ids": settings.officer_user_ids or [OFFICER.user_id],
        "management_channel": settings.management_channel or DEMO_MANAGEMENT_CHANNEL,
    }
    return settings.model_copy(
        update={**dropped, **roles, "database_url": database_url, "send_acknowledgements": False}
    )


def _holds_complaints(database: Database) -> bool:
    from sqlalchemy import func, select

    from storage.models import ComplaintRow

    with database.session() as session:
        return bool(session.scalar(select(func.count()).select_from(ComplaintRow)))


def _print_summary(demo: Demo, complaints: list[Complaint], url: str) -> None:
    print(text.SUMMARY, file=demo.out)
    for complaint in complaints:
        print(
            text.SUMMARY_LINE.format(
                reference=complaint.reference,
                state=STATE_LABELS[complaint.state],
                deadline=moment_in_words(complaint.contact_deadline, demo.clock().date()),
            ),
            file=demo.out,
        )
    command = _command_name()
    print(text.LOOK, file=demo.out)
    print(text.LOOK_COMMAND.format(url=url, command=command), file=demo.out)
    reference = complaints[0].reference
    print(text.LOOK_SHOW.format(url=url, command=command, reference=reference), file=demo.out)


def _print_slack_preview(demo: Demo, complaint: Complaint) -> None:
    """What the bot posts in the complaints channel: the root message and its thread."""
    from bot.slack.views.message import event_message, root_message
    from bot.slack.views.plaintext import as_plain_text

    root = root_message(complaint, now=demo.clock(), calendar=demo.service.calendar)
    print(text.SLACK_PREVIEW.format(reference=complaint.reference), file=demo.out)
    print(_indent(as_plain_text(root), "  | "), file=demo.out)
    for event in complaint.events:
        message = event_message(complaint, event, demo.clock())
        print(_indent(as_plain_text(message), "  |   > "), file=demo.out)


def _write_teams_cards(demo: Demo, complaints: list[Complaint]) -> None:
    """The same posts as Teams would show them: Adaptive Card files in demo-output/teams/."""
    from bot.teams.demo_cards import write_cards

    folder = DEMO_DIR / "teams"
    people = (OFFICER, EMPLOYEE)
    count = write_cards(demo.service, complaints, people, folder)
    print(text.TEAMS_CARDS.format(count=count, folder=folder), file=demo.out)


def _indent(block: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in block.splitlines())


def _write_quarterly_report(demo: Demo, database: Database) -> None:
    """As the scheduler would on the first working day after the quarter, at 09:00, over the
    scenario and a history since go-live (added after the clock's jobs ran, so that they do
    not notify about it): the quarterly report, and the last full year's."""
    from reports.cli import write_demo_report
    from reports.history import generate_history

    now = demo.at(1, 10, 9)
    settings = demo.service.settings
    generate_history(database, settings, HISTORY_START, now, HISTORY_COUNT)
    since = f"{HISTORY_START.day} {MONTHS[HISTORY_START.month - 1]} {HISTORY_START.year}"
    print(text.HISTORY.format(count=HISTORY_COUNT, since=since), file=demo.out)
    folder = write_demo_report(database, settings, DEMO_DIR / "rapport", now, "2026-Q3")
    print(text.REPORT.format(folder=folder), file=demo.out)
    folder = write_demo_report(database, settings, DEMO_DIR / "jaarverslag", now, "2025")
    print(text.REPORT_YEAR.format(folder=folder), file=demo.out)


def _command_name() -> str:
    """How to call klachtenbot again from here: by name if it is on PATH, else by its path."""
    script = Path(sys.argv[0])
    if script.name != "klachtenbot" or shutil.which("klachtenbot") == str(script.resolve()):
        return "klachtenbot"
    return os.path.relpath(script)
