"""Contact deadlines on an injected clock: the exact moments of pre-warning, overdue notice and
escalation around Easter, Ascension, Christmas and both DST changes; none at night or in a
weekend; once each however often or late the clock ticks."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.jobs.registry import JOBS
from bot.jobs.runner import run_jobs
from bot.procedure import SYSTEM_ACTOR, EventKind, steps
from storage.models import Notification
from tests.jobs.conftest import MANAGEMENT
from tests.procedure import builders as b
from tests.procedure.builders import OFFICER

AMS = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC
TICK = dt.timedelta(minutes=30)
DEADLINES = [job for job in JOBS if job.name == "deadlines"]


def local(year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0):
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=AMS)


def decided(db) -> list[tuple[str, str, dt.datetime]]:
    """(kind, recipient, when decided) of every notification, in order."""
    with db.session() as session:
        rows = session.scalars(select(Notification).order_by(Notification.id)).all()
        return [(r.kind, r.recipient, r.created_at.astimezone(AMS)) for r in rows]


def tick_through(ctx, clock, start: dt.datetime, end: dt.datetime) -> None:
    clock.now = start
    while clock.now <= end:
        assert run_jobs(ctx, DEADLINES) == []
        clock.now += TICK


CASES = {
    # received -> (pre-warning, deadline): the office calendar of docs/procedure.md
    "friday before easter": (local(2026, 4, 3, 16), local(2026, 4, 8, 9), local(2026, 4, 8, 17)),
    "eve of ascension": (local(2026, 5, 13, 10), local(2026, 5, 18, 9), local(2026, 5, 18, 17)),
    "24 december": (local(2026, 12, 24, 11), local(2026, 12, 29, 9), local(2026, 12, 29, 17)),
    "into summer time": (local(2026, 3, 27, 15), local(2026, 3, 31, 9), local(2026, 3, 31, 17)),
    "into winter time": (local(2026, 10, 23, 15), local(2026, 10, 27, 9), local(2026, 10, 27, 17)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_exact_moments_and_nothing_outside_opening_hours(case, ctx, service, clock, db):
    received, pre_warning, deadline = CASES[case]
    clock.now = received
    stored = service.submit(b.intake(received_at=received), SYSTEM_ACTOR)
    assert stored.contact_deadline == deadline
    tick_through(ctx, clock, received, deadline + dt.timedelta(days=1))

    assert decided(db) == [
        ("pre_warning", "thread", pre_warning),
        ("overdue", "thread", deadline),
        ("escalation", MANAGEMENT, deadline),
    ]
    if case == "into summer time":
        assert deadline.astimezone(UTC).hour == 15 and pre_warning.astimezone(UTC).hour == 7
    if case == "into winter time":
        assert deadline.astimezone(UTC).hour == 16 and pre_warning.astimezone(UTC).hour == 8
    warnings = service.get(stored.reference).events[1:]
    assert [(e.kind, e.data["notice"], e.at) for e in warnings] == [
        (EventKind.WARNING_SENT, "pre_warning", pre_warning),
        (EventKind.WARNING_SENT, "overdue", deadline),
    ]


def test_a_complaint_contacted_in_time_gets_nothing(ctx, service, clock, db):
    received, _pre_warning, deadline = CASES["friday before easter"]
    clock.now = received
    stored = service.submit(b.intake(received_at=received), SYSTEM_ACTOR)
    clock.now = local(2026, 4, 7, 11)
    service.change(stored.reference, steps.register, OFFICER, b.registration())
    service.change(stored.reference, steps.record_contact, OFFICER, b.contact(clock.now))
    tick_through(ctx, clock, received, deadline + dt.timedelta(days=1))
    assert decided(db) == []


def test_a_complaint_contacted_after_the_pre_warning_is_not_escalated(ctx, service, clock, db):
    received, pre_warning, deadline = CASES["eve of ascension"]
    clock.now = received
    stored = service.submit(b.intake(received_at=received), SYSTEM_ACTOR)
    tick_through(ctx, clock, received, pre_warning)
    service.change(stored.reference, steps.register, OFFICER, b.registration())
    service.change(stored.reference, steps.record_contact, OFFICER, b.contact(clock.now))
    tick_through(ctx, clock, pre_warning, deadline + dt.timedelta(days=1))
    assert [kind for kind, _, _ in decided(db)] == ["pre_warning"]


def test_escalation_by_direct_message_when_the_setting_says_so(ctx, service, clock, db):
    ctx.service.settings = ctx.settings.model_copy(
        update={"escalate_by_dm": True, "management_user_ids": ["UDIR1", "UDIR2"]}
    )
    received, _pre, deadline = CASES["24 december"]
    clock.now = received
    service.submit(b.intake(received_at=received), SYSTEM_ACTOR)
    clock.now = deadline
    run_jobs(ctx, DEADLINES)
    assert [(kind, to) for kind, to, _ in decided(db)][1:] == [
        ("escalation", MANAGEMENT),
        ("escalation", "UDIR1"),
        ("escalation", "UDIR2"),
    ]


def test_escalation_by_direct_message_reaches_the_management_group_too(
    ctx, service, clock, db, fake
):
    """MANAGEMENT_USERGROUP's members count as management here as everywhere; someone both
    named and in the group hears it once."""
    fake.usergroups["SDIRECTIE"] = ["UDIR2", "UDIR3"]
    ctx.service.settings = ctx.settings.model_copy(
        update={
            "escalate_by_dm": True,
            "management_user_ids": ["UDIR1", "UDIR2"],
            "management_usergroup": "SDIRECTIE",
        }
    )
    received, _pre, deadline = CASES["24 december"]
    clock.now = received
    service.submit(b.intake(received_at=received), SYSTEM_ACTOR)
    clock.now = deadline
    run_jobs(ctx, DEADLINES)
    escalated = [to for kind, to, _ in decided(db) if kind == "escalation"]
    assert escalated == [MANAGEMENT, "UDIR1", "UDIR2", "UDIR3"]


def test_eight_complaints_overdue_at_once_reach_management_as_one_message(
    ctx, service, clock, db, fake
):
    """One clock run with 8 complaints past their contact deadline: one post in management's
    channel and one direct message to the director, each listing all 8 and mentioning nobody;
    every complaint's thread still records its own overdue notice."""
    from bot.slack.client import web_client
    from bot.slack.notifications import deliver_notifications

    ctx.service.settings = ctx.settings.model_copy(
        update={"escalate_by_dm": True, "management_user_ids": ["UDIR1"]}
    )
    received, _pre, deadline = CASES["24 december"]
    clock.now = received
    references = [
        service.submit(b.intake(received_at=received), SYSTEM_ACTOR).reference for _ in range(8)
    ]
    clock.now = deadline
    run_jobs(ctx, DEADLINES)
    # 8 to the channel, 8 to the director, 8 on the officer's list
    assert deliver_notifications(service, web_client(service.settings), clock.now) == 24
    assert deliver_notifications(service, web_client(service.settings), clock.now) == 0

    posts = [call.params for call in fake.calls_to("chat.postMessage")]
    assert sorted(post["channel"] for post in posts) == sorted([MANAGEMENT, "UDIR1", "UOFFICER"])
    for post in posts:
        if post["channel"] == "UOFFICER":
            assert post["text"] == "8 termijnen vragen je aandacht"
            continue
        assert post["text"] == "8 klachten zonder contact binnen de termijn"
        shown = str(post["blocks"])
        assert all(reference in shown for reference in references)
        assert "<@" not in shown and "<!subteam" not in shown  # no one is mentioned
    for reference in references:
        notices = [
            e.data["notice"]
            for e in service.get(reference).events
            if e.kind is EventKind.WARNING_SENT
        ]
        assert notices == ["overdue", "escalated"]  # each thread: notice, management told


def test_one_overdue_complaint_is_escalated_as_before(ctx, service, clock, db, fake):
    from bot.slack.client import web_client
    from bot.slack.notifications import deliver_notifications

    received, _pre, deadline = CASES["24 december"]
    clock.now = received
    reference = service.submit(b.intake(received_at=received), SYSTEM_ACTOR).reference
    clock.now = deadline
    run_jobs(ctx, DEADLINES)
    assert deliver_notifications(service, web_client(service.settings), clock.now) == 1
    (post,) = [call.params for call in fake.calls_to("chat.postMessage")]
    assert (
        post["channel"] == MANAGEMENT and post["text"] == f"Contacttermijn verstreken: {reference}"
    )


def test_eight_pre_warnings_at_once_reach_the_officer_as_one_list(ctx, service, clock, db, fake):
    """At opening time 8 contact deadlines fall due today: each officer gets one direct
    message listing all 8; the threads record each notice without mentioning anyone; at the
    deadline the 8 overdue notices come as one list again; nothing is sent twice."""
    from bot.slack.client import web_client
    from bot.slack.notifications import deliver_notifications

    ctx.service.settings = ctx.settings.model_copy(update={"officer_user_ids": ["UANNA"]})
    received, pre_warning, deadline = CASES["24 december"]
    clock.now = received
    references = [
        service.submit(b.intake(received_at=received), SYSTEM_ACTOR).reference for _ in range(8)
    ]
    clock.now = pre_warning + dt.timedelta(minutes=5)
    run_jobs(ctx, DEADLINES)
    run_jobs(ctx, DEADLINES)
    client = web_client(service.settings)
    assert deliver_notifications(service, client, clock.now) == 8
    assert deliver_notifications(service, client, clock.now) == 0

    (listed,) = [call.params for call in fake.calls_to("chat.postMessage")]
    assert listed["channel"] == "UANNA"
    assert listed["text"] == "8 termijnen vragen je aandacht"
    shown = str(listed["blocks"])
    assert all(reference in shown for reference in references)
    assert shown.count("contact vóór dinsdag 29 december om 17:00") == 8
    for reference in references:
        (notice,) = [e for e in service.get(reference).events if e.kind is EventKind.WARNING_SENT]
        assert notice.data["notice"] == "pre_warning" and notice.data["mention"] == []

    clock.now = deadline + dt.timedelta(minutes=5)
    run_jobs(ctx, DEADLINES)
    deliver_notifications(service, client, clock.now)
    to_anna = [
        c.params for c in fake.calls_to("chat.postMessage") if c.params["channel"] == "UANNA"
    ]
    assert len(to_anna) == 2
    assert str(to_anna[1]["blocks"]).count("contacttermijn verlopen op") == 8


def test_a_single_pre_warning_still_mentions_the_officer_in_its_thread(ctx, service, clock, db):
    ctx.service.settings = ctx.settings.model_copy(update={"officer_user_ids": ["UANNA"]})
    received, pre_warning, _deadline = CASES["24 december"]
    clock.now = received
    reference = service.submit(b.intake(received_at=received), SYSTEM_ACTOR).reference
    clock.now = pre_warning
    run_jobs(ctx, DEADLINES)
    (notice,) = [e for e in service.get(reference).events if e.kind is EventKind.WARNING_SENT]
    assert notice.data["mention"] and [kind for kind, _, _ in decided(db)] == ["pre_warning"]
