"""The clock against the local fake Slack: catching up after downtime (oldest first, each saying
when it was due), the second `--once` sending nothing new, and Slack failing during a warning."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from slack_sdk import WebClient
from sqlalchemy import select

from bot.jobs.runner import run_jobs
from bot.procedure import SYSTEM_ACTOR
from bot.slack.jobs import SlackSurface
from storage.models import Notification
from tests.jobs.conftest import CHANNEL, MANAGEMENT
from tests.jobs.test_deadlines import AMS, local
from tests.procedure import builders as b
from tests.support.fake_slack import BOT_TOKEN, Failure


@pytest.fixture
def db_url(tmp_path):
    """SQLite: the PostgreSQL side is covered by test_deadlines and the two-process test."""
    from tests.support.databases import database_url

    with database_url("sqlite", tmp_path) as url:
        yield url


@pytest.fixture(autouse=True)
def without_client_retries(ctx, fake):
    """Slack's failures reach the outbox at once (the real client retries for seconds first)."""
    ctx.surfaces = [
        SlackSurface(ctx.service, WebClient(token=BOT_TOKEN, base_url=fake.url), ctx.owner)
    ]


def submit(service, clock, received: dt.datetime) -> str:
    clock.now = received
    return service.submit(b.intake(received_at=received), SYSTEM_ACTOR).reference


def thread_texts(fake, reference: str) -> list[str]:
    (root,) = [m for m in fake.roots(CHANNEL) if reference in m.text]
    return [json.dumps(m.blocks, ensure_ascii=False) for m in fake.thread(CHANNEL, root.ts)]


def notices_in(texts: list[str]) -> list[str]:
    """The deadline notices (not the later word that management was told)."""
    return [t for t in texts if "contacttermijn van" in t and "op de hoogte gebracht" not in t]


def told_in(texts: list[str]) -> list[str]:
    return [t for t in texts if "De directie is op de hoogte gebracht" in t]


def escalations_in(fake, said: str = "Contacttermijn verstreken") -> list[str]:
    posts = [json.dumps(m.blocks, ensure_ascii=False) for m in fake.roots(MANAGEMENT)]
    return [post for post in posts if said in post]


def test_down_from_friday_evening_to_tuesday_morning(ctx, service, clock, db, fake):
    a = submit(service, clock, local(2026, 4, 15, 10))  # deadline Fri 17 Apr 17:00
    b_ = submit(service, clock, local(2026, 4, 16, 10))  # deadline Mon 20 Apr 17:00
    clock.now = local(2026, 4, 17, 9, 1)
    assert run_jobs(ctx) == []  # A's pre-warning, on time
    c = submit(service, clock, local(2026, 4, 17, 10))  # deadline Tue 21 Apr 17:00
    clock.now = local(2026, 4, 17, 16, 30)
    assert run_jobs(ctx) == []  # the last tick before the bot goes down for the weekend

    clock.now = local(2026, 4, 21, 9, 0, 30)  # Tuesday's first tick
    assert run_jobs(ctx) == []
    with db.session() as session:
        rows = session.scalars(
            select(Notification).where(Notification.recipient == "thread").order_by(Notification.id)
        ).all()
        order = [(r.kind, r.due_at.astimezone(AMS)) for r in rows]
    assert order == [  # B's deadline passed while the bot was down: no late pre-warning
        ("pre_warning", local(2026, 4, 17, 9)),
        ("overdue", local(2026, 4, 17, 17)),
        ("overdue", local(2026, 4, 20, 17)),
        ("pre_warning", local(2026, 4, 21, 9)),
        ("escalated", local(2026, 4, 17, 17)),  # said once management's channel has it
        ("escalated", local(2026, 4, 20, 17)),
    ]
    a_notices = notices_in(thread_texts(fake, a))
    assert len(a_notices) == 2 and "gepland voor" not in a_notices[0]
    assert "gepland voor vrijdag 17 april om 17:00" in a_notices[1]
    (b_notice,) = notices_in(thread_texts(fake, b_))
    assert "Vandaag" not in b_notice
    assert "gepland voor maandag 20 april om 17:00" in b_notice
    (c_notice,) = notices_in(thread_texts(fake, c))
    assert "gepland voor" not in c_notice  # due this very minute
    # Both escalations of this run reach management as one post, mentioning nobody.
    (escalated,) = [p for p in escalations_in(fake, "zonder contact binnen") if a in p]
    assert b_ in escalated and "verlopen vrijdag 17 april om 17:00" in escalated
    assert "verlopen maandag 20 april om 17:00" in escalated
    assert "UOFFICER" not in escalated and "Jan" not in escalated
    (a_root,) = [m for m in fake.roots(CHANNEL) if a in m.text]
    assert "TE LAAT" in a_root.blocks[0]["text"]["text"]

    calls = len(fake.calls)
    clock.now += dt.timedelta(minutes=1)
    assert run_jobs(ctx) == []
    assert len(fake.calls) == calls  # the second run sends nothing new


def test_nothing_at_night_or_in_the_weekend(ctx, service, clock, db, fake):
    submit(service, clock, local(2026, 4, 15, 10))  # deadline Fri 17 Apr 17:00
    clock.now = local(2026, 4, 17, 17, 20)  # just too late on Friday
    run_jobs(ctx)
    clock.now = local(2026, 4, 18, 11)  # Saturday
    run_jobs(ctx)
    with db.session() as session:
        assert session.scalars(select(Notification)).all() == []
    assert escalations_in(fake) == []


def test_slack_failing_during_a_warning_retries_without_doubling(ctx, service, clock, db, fake):
    reference = submit(service, clock, local(2026, 4, 15, 10))
    clock.now = local(2026, 4, 16, 12)
    run_jobs(ctx)  # posted while Slack works
    fake.fail("*", Failure(status=503, times=1000))
    clock.now = local(2026, 4, 17, 17, 0, 5)
    failed = run_jobs(ctx)
    assert "notifications" in failed  # the outbox defers its own failures and retries
    clock.now += dt.timedelta(minutes=1)
    run_jobs(ctx)  # still down: decided once, waiting
    fake._failures.clear()
    clock.now += dt.timedelta(minutes=5)
    assert run_jobs(ctx) == []
    clock.now += dt.timedelta(minutes=5)
    assert run_jobs(ctx) == []
    texts = notices_in(thread_texts(fake, reference))
    assert [("Vandaag om" in t, "verstreken" in t) for t in texts] == [(False, True)]
    assert len(escalations_in(fake)) == 1
    assert len(told_in(thread_texts(fake, reference))) == 1  # once it arrived, not before


def deadline_line(fake, reference: str) -> str:
    (root,) = [m for m in fake.roots(CHANNEL) if reference in m.text]
    # The next step is the card's first line under its heading, in bold.
    return root.blocks[1]["text"]["text"].strip("*")


def test_the_root_message_deadline_line_follows_the_day(ctx, service, clock, fake):
    reference = submit(service, clock, local(2026, 4, 20, 9, 30))  # deadline Wed 22 Apr 17:00
    run_jobs(ctx)
    assert deadline_line(fake, reference).endswith("(nog 2 werkdagen)")
    clock.now = local(2026, 4, 20, 23, 59)
    run_jobs(ctx)
    assert deadline_line(fake, reference).endswith("(nog 2 werkdagen)")
    updates = len(fake.calls_to("chat.update"))
    clock.now = local(2026, 4, 21, 0, 0, 30)
    run_jobs(ctx)
    assert deadline_line(fake, reference).endswith("(nog 1 werkdag)")
    clock.now = local(2026, 4, 21, 0, 1, 30)
    run_jobs(ctx)
    assert len(fake.calls_to("chat.update")) == updates + 1  # once per change, not per tick
    clock.now = local(2026, 4, 22, 0, 0, 30)
    run_jobs(ctx)
    assert deadline_line(fake, reference) == "Contact opnemen vandaag vóór 17:00"
    clock.now = local(2026, 4, 22, 17, 0, 30)
    run_jobs(ctx)
    assert "Contacttermijn verlopen op woensdag 22 april om" in deadline_line(fake, reference)
