"""Discussion reminders on a simulated clock: across a weekend and Koningsdag, by the job runner
with Slack delivery, each reminder and escalation sent once however often the scan runs."""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor

from bot.jobs.discussion import remind_and_escalate
from bot.jobs.registry import JOBS
from bot.jobs.runner import run_jobs
from bot.procedure import SYSTEM_ACTOR, Actor, EventKind, Role
from bot.procedure import steps as procedure
from bot.procedure.inputs import Decline, DiscussionRequest, MeetingPlan
from bot.service import ComplaintService
from bot.slack.jobs import SLACK_JOBS
from bot.surfaces import make_context
from tests.jobs.conftest import CHANNEL
from tests.procedure import builders as b
from tests.reports.seed import at

DISCUSSION_JOBS = [
    job for job in (*JOBS, *SLACK_JOBS) if job.name in ("discussion", "slack_delivery")
]
BRAM = Actor("UBRAM", Role.EMPLOYEE, "bram")
FACTS = (
    EventKind.DISCUSSION_REMINDER_SENT,
    EventKind.DISCUSSION_ESCALATED,
    EventKind.MEETING_REMINDER_SENT,
)


def asked(service, clock, moment: dt.datetime, employee: str = "UBRAM") -> str:
    """A registered complaint whose officer asks `employee` at `moment`."""
    clock.now = moment
    reference = service.submit(b.intake(received_at=moment), SYSTEM_ACTOR).reference
    service.change(reference, procedure.register, b.OFFICER, b.registration())
    request = DiscussionRequest((employee,))
    service.change(reference, procedure.request_discussion, b.OFFICER, request)
    return reference


# Scan times each day, weekends and holidays included: at night, before opening, at opening,
# during the day, just after closing.
HOURS = (2, 8, 9, 10, 13, 17, 21)


def tick_through(ctx, clock, first: dt.date, last: dt.date) -> None:
    """Run the scan and delivery at each of HOURS from `first` to `last`, twice each time."""
    day = first
    while day <= last:
        for hour in HOURS:
            clock.now = at(day.year, day.month, day.day, hour)
            assert run_jobs(ctx, DISCUSSION_JOBS) == []
            assert run_jobs(ctx, DISCUSSION_JOBS) == []
        day += dt.timedelta(days=1)


def facts(service, reference: str) -> list[tuple[EventKind, dt.datetime]]:
    events = service.get(reference).events
    return [(event.kind, event.at) for event in events if event.kind in FACTS]


def test_reminder_and_escalation_skip_the_weekend_and_koningsdag_and_go_once(
    ctx, service, clock, fake
):
    # Friday 24 April 2026 10:00; Monday 27 April is Koningsdag.
    by_day = asked(service, clock, at(2026, 4, 24, 10))
    # Thursday 23 April at 18:30, after closing: what falls due in the evening waits.
    late = asked(service, clock, at(2026, 4, 23, 18, 30), employee="UCARLO")

    tick_through(ctx, clock, dt.date(2026, 4, 25), dt.date(2026, 5, 5))

    assert facts(service, by_day) == [
        (EventKind.DISCUSSION_REMINDER_SENT, at(2026, 4, 29, 10)),  # 2 working days: Tue, Wed
        (EventKind.DISCUSSION_ESCALATED, at(2026, 5, 4, 10)),  # 5: Tue to Fri, then Monday
    ]
    assert facts(service, late) == [
        # Due Tuesday 28 April at 18:30 and Friday 1 May at 18:30: sent at the next opening.
        (EventKind.DISCUSSION_REMINDER_SENT, at(2026, 4, 29, 9)),
        (EventKind.DISCUSSION_ESCALATED, at(2026, 5, 4, 9)),
    ]
    # One reminder in each employee's direct message, in the request's thread.
    for user in ("UBRAM", "UCARLO"):
        reminders = [m for m in fake.thread("D" + user, fake.direct_messages(user)[0].ts)]
        assert len(reminders) == 1
        assert reminders[0].text.startswith(":bell: Herinnering")
    # One escalation in each complaint's thread, mentioning the officer who asked.
    posts = [m.text for root in fake.roots(CHANNEL) for m in fake.thread(CHANNEL, root.ts)]
    escalations = [text for text in posts if "nog steeds niet gereageerd" in text]
    assert sorted(escalations) == sorted(
        f"{reference}: Medewerker reageert niet <@UOFFICER> <@{user}> heeft nog steeds niet "
        "gereageerd, ook niet na een herinnering. Neem contact op of vraag iemand anders."
        for reference, user in ((by_day, "UBRAM"), (late, "UCARLO"))
    )


def test_an_answer_stops_the_reminders(ctx, service, clock, fake):
    reference = asked(service, clock, at(2026, 4, 24, 10))
    clock.now = at(2026, 4, 28, 16)
    service.change(reference, procedure.decline_discussion, BRAM, Decline("Niet ik."))
    tick_through(ctx, clock, dt.date(2026, 4, 29), dt.date(2026, 5, 5))
    assert facts(service, reference) == []


def test_both_are_reminded_on_the_day_of_a_planned_talk(ctx, service, clock, fake):
    reference = asked(service, clock, at(2026, 4, 24, 10))
    clock.now = at(2026, 4, 24, 11)
    plan = MeetingPlan(at(2026, 4, 28, 14))
    service.change(reference, procedure.plan_meeting, BRAM, plan)

    tick_through(ctx, clock, dt.date(2026, 4, 25), dt.date(2026, 4, 29))

    # On the day from opening time, once; and no reminder to answer: planning is a reaction.
    assert facts(service, reference) == [(EventKind.MEETING_REMINDER_SENT, at(2026, 4, 28, 9))]
    to_bram = [m.text for m in fake.direct_messages("UBRAM") if not m.blocks]
    assert to_bram == [
        f":calendar: Vandaag om 14:00 heb je een gesprek met <@UOFFICER> over klacht {reference}."
    ]
    to_officer = [m.text for m in fake.roots("UOFFICER")]
    assert to_officer == [
        f":calendar: Vandaag om 14:00 heb je een gesprek met <@UBRAM> over klacht {reference}."
    ]


def test_a_talk_at_opening_time_is_reminded_on_the_working_day_before(ctx, service, clock, fake):
    """09:00 is the time the planning modal suggests; on the day itself the bot would be silent
    until the talk began. Tuesday 28 April's talk is announced on Friday: Monday is Koningsdag."""
    reference = asked(service, clock, at(2026, 4, 23, 10))
    clock.now = at(2026, 4, 23, 11)
    service.change(reference, procedure.plan_meeting, BRAM, MeetingPlan(at(2026, 4, 28, 9)))

    tick_through(ctx, clock, dt.date(2026, 4, 23), dt.date(2026, 4, 29))

    assert facts(service, reference) == [(EventKind.MEETING_REMINDER_SENT, at(2026, 4, 24, 9))]
    to_bram = [m.text for m in fake.direct_messages("UBRAM") if not m.blocks]
    assert to_bram == [
        ":calendar: Dinsdag 28 april om 09:00 heb je een gesprek met <@UOFFICER> over "
        f"klacht {reference}."
    ]


def test_two_processes_scanning_at_once_record_each_reminder_once(ctx, service, clock, fake):
    references = [asked(service, clock, at(2026, 4, 24, 10), f"UMW{n}") for n in range(4)]
    clock.now = at(2026, 4, 29, 10)
    other = make_context(ctx.settings, ComplaintService(ctx.db, ctx.settings, clock), "other")
    with ThreadPoolExecutor(2) as pool:
        counts = list(pool.map(lambda c: remind_and_escalate(c, clock.now), (ctx, other)))

    assert sum(counts) == 4
    for reference in references:
        assert facts(service, reference) == [
            (EventKind.DISCUSSION_REMINDER_SENT, at(2026, 4, 29, 10))
        ]


def test_an_employee_deactivated_after_being_asked_is_reported_once(ctx, service, clock, fake):
    reference = asked(service, clock, at(2026, 4, 24, 10))
    assert run_jobs(ctx, DISCUSSION_JOBS) == []
    assert len(fake.direct_messages("UBRAM")) == 1
    fake.deactivated.add("UBRAM")

    tick_through(ctx, clock, dt.date(2026, 4, 25), dt.date(2026, 5, 5))

    kinds = [event.kind for event in service.get(reference).events]
    assert kinds.count(EventKind.DISCUSSION_REMINDER_SENT) == 1
    assert kinds.count(EventKind.EMPLOYEE_UNREACHABLE) == 1
    assert EventKind.DISCUSSION_ESCALATED not in kinds  # nobody left to wait for
    [root] = fake.roots(CHANNEL)
    told = [m.text for m in fake.thread(CHANNEL, root.ts) if "niet bereikbaar" in m.text]
    assert told == [
        f"{reference}: Medewerker niet bereikbaar in de chat <@UOFFICER> <@UBRAM> is niet "
        "bereikbaar in de chat (vertrokken, gedeactiveerd, van een andere organisatie, een bot, "
        "of zonder de app); het bericht is niet afgeleverd."
    ]


def test_the_employees_message_says_the_term_passed_at_its_deadline(service, clock, ctx, fake):
    """Asked on Monday 10:00: the answer is due Wednesday 17:00. At 16:59 the direct message
    still asks by then; at 17:01 (the office closed) it is rebuilt once to say the term has
    passed, without any change of the complaint."""
    asked(service, clock, at(2026, 12, 7, 10))
    assert run_jobs(ctx, DISCUSSION_JOBS) == []
    clock.now = at(2026, 12, 9, 16, 59)
    assert run_jobs(ctx, DISCUSSION_JOBS) == []  # the reminder of 10:00, the message rebuilt
    [message] = [m for m in fake.direct_messages("UBRAM") if m.blocks]
    before = message.updates
    assert "verstreken" not in json.dumps(message.blocks, ensure_ascii=False)

    clock.now = at(2026, 12, 9, 17, 1)
    assert run_jobs(ctx, DISCUSSION_JOBS) == []
    assert message.updates == before + 1
    shown = json.dumps(message.blocks, ensure_ascii=False)
    assert "De gevraagde termijn (" in shown and "is verstreken" in shown
    clock.now = at(2026, 12, 9, 17, 30)
    assert run_jobs(ctx, DISCUSSION_JOBS) == []
    assert message.updates == before + 1  # once
