"""The officer's thread says that management was told only once the escalation arrived; when it
did not, the thread says so and names the setting to check (never a place in the code)."""

from __future__ import annotations

import datetime as dt

from bot.jobs.runner import active_jobs, run_jobs
from bot.procedure import SYSTEM_ACTOR
from tests.jobs.conftest import CHANNEL, MANAGEMENT
from tests.jobs.test_deadlines import CASES
from tests.procedure import builders as b

TICKING = ("deadlines", "notifications", "slack_delivery")


def tick(ctx) -> list[str]:
    return run_jobs(ctx, [job for job in active_jobs(ctx) if job.name in TICKING])


def overdue(ctx, service, clock) -> str:
    """A complaint whose contact deadline has just passed, after one tick; its thread texts."""
    received, _pre_warning, deadline = CASES["friday before easter"]
    clock.now = received
    stored = service.submit(b.intake(received_at=received), SYSTEM_ACTOR)
    clock.now = deadline + dt.timedelta(minutes=1)
    tick(ctx)
    tick(ctx)  # what the first tick recorded in the thread goes out
    return stored.reference


def thread_texts(fake) -> list[str]:
    (root,) = fake.roots(CHANNEL)
    return [message.text for message in fake.thread(CHANNEL, root.ts)]


def test_management_told_is_said_after_the_escalation_arrived(ctx, service, clock, fake):
    reference = overdue(ctx, service, clock)
    (escalation,) = fake.roots(MANAGEMENT)
    assert reference in escalation.text
    texts = thread_texts(fake)
    assert any("De directie krijgt hiervan bericht" in t for t in texts)
    assert any(
        t.endswith(
            f"De directie is op de hoogte gebracht van de verstreken "
            f"contacttermijn van {reference}."
        )
        for t in texts
    )


def test_a_wrong_management_channel_is_told_to_the_officer_with_the_setting(
    ctx, service, clock, fake
):
    del fake.channels[MANAGEMENT]  # Slack answers channel_not_found
    reference = overdue(ctx, service, clock)
    clock.now = dt.datetime(2026, 4, 9, 8, 29, tzinfo=clock.now.tzinfo)  # the next morning
    for _ in range(3):  # tried again later (each time it is due again): said once
        clock.now += dt.timedelta(minutes=31)
        assert tick(ctx) == ["notifications"]
    assert fake.roots(MANAGEMENT) == []
    texts = thread_texts(fake)
    assert not any("op de hoogte gebracht" in t for t in texts)
    (failed,) = [t for t in texts if "niet aangekomen" in t]
    assert reference in failed and "channel_not_found" in failed
    assert "MANAGEMENT_CHANNEL" in failed and "de directie weet het nog niet" in failed
    (told,) = [m.text for m in fake.roots("UOFFICER")]  # the failing job's direct message
    assert "geweigerd door de chatdienst: channel_not_found" in told
    assert all(".py" not in t for t in [told, *texts])


def test_without_a_management_channel_the_thread_says_nobody_is_told(ctx, service, clock, fake):
    ctx.service.settings = ctx.settings.model_copy(update={"management_channel": None})
    reference = overdue(ctx, service, clock)
    texts = thread_texts(fake)
    (notice,) = [t for t in texts if "is verstreken" in t]
    assert reference in notice
    assert "De directie krijgt geen bericht: MANAGEMENT_CHANNEL is niet ingesteld." in notice
    assert not any("De directie krijgt hiervan bericht" in t for t in texts)
