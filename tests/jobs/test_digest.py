"""The weekly digest: Monday at opening time (Tuesday after Easter Monday) to each officer, once,
listing the complaints open longer than OPEN_DIGEST_DAYS working days."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.jobs.runner import run_jobs
from bot.procedure import SYSTEM_ACTOR, steps
from tests.jobs.test_deadlines import local
from tests.procedure import builders as b
from tests.procedure.builders import OFFICER


@pytest.fixture
def db_url(tmp_path):
    from tests.support.databases import database_url

    with database_url("sqlite", tmp_path) as url:
        yield url


def digests(fake) -> list[str]:
    return [m.blocks[-1]["text"]["text"] for m in fake.roots("UOFFICER") if "overzicht" in m.text]


def test_monday_digest_lists_old_open_complaints_once(ctx, service, clock, fake):
    clock.now = local(2026, 3, 16, 10)
    old = service.submit(b.intake(received_at=clock.now), SYSTEM_ACTOR).reference
    service.change(old, steps.register, OFFICER, b.registration())
    service.change(old, steps.record_contact, OFFICER, b.contact(clock.now))
    clock.now = local(2026, 3, 30, 10)
    service.submit(b.intake(received_at=clock.now), SYSTEM_ACTOR)  # too recent

    for moment in (local(2026, 4, 5, 12), local(2026, 4, 6, 9, 30)):  # Sunday, Easter Monday
        clock.now = moment
        run_jobs(ctx)
    assert digests(fake) == []
    clock.now = local(2026, 4, 7, 9, 0, 30)  # Tuesday: the first opening hour of the week
    run_jobs(ctx)
    clock.now = local(2026, 4, 8, 9, 0, 30)
    run_jobs(ctx)
    (digest,) = digests(fake)
    assert digest == (f"• *{old}* · Contact opgenomen · ontvangen maandag 16 maart (15 werkdagen)")

    clock.now = local(2026, 4, 13, 9, 0, 30)
    run_jobs(ctx)
    assert len(digests(fake)) == 2
    service.change(old, steps.close, OFFICER, b.closure(no_employee_reason="Systeem."))
    clock.now = local(2026, 4, 20, 9, 0, 30) + dt.timedelta(days=7)
    run_jobs(ctx)
    assert len(digests(fake)) == 2  # nothing open too long: no digest


def monday_with_an_old_complaint(service, clock) -> None:
    clock.now = local(2026, 3, 16, 10)
    service.submit(b.intake(received_at=clock.now), SYSTEM_ACTOR)
    clock.now = local(2026, 4, 7, 9, 0, 30)  # the first opening hour of a week


def test_the_digest_reaches_officers_named_only_by_their_user_group(ctx, service, clock, fake):
    fake.usergroups["SKLACHTEN"] = ["UOFFICER", "UOFFICER2"]
    ctx.service.settings = ctx.settings.model_copy(
        update={"officer_user_ids": [], "officer_usergroup": "SKLACHTEN"}
    )
    monday_with_an_old_complaint(service, clock)
    run_jobs(ctx)
    for officer in ("UOFFICER", "UOFFICER2"):
        assert [m for m in fake.roots(officer) if "overzicht" in m.text], officer


def test_an_unreadable_officer_group_still_leaves_the_named_officers_a_digest(
    ctx, service, clock, fake
):
    ctx.service.settings = ctx.settings.model_copy(update={"officer_usergroup": "SWEG"})
    monday_with_an_old_complaint(service, clock)
    run_jobs(ctx)
    assert len(digests(fake)) == 1


def test_a_week_whose_monday_had_nothing_old_gets_no_digest_later_that_week(
    ctx, service, clock, fake
):
    """Received Wednesday 1 April, the complaint is ten working days old on Thursday 16 April;
    Monday 13 April's digest had nothing to list, so the next one is Monday 20 April."""
    clock.now = local(2026, 4, 1, 10)
    service.submit(b.intake(received_at=clock.now), SYSTEM_ACTOR)
    for day in (13, 14, 15, 16, 17):
        clock.now = local(2026, 4, day, 9, 5)
        run_jobs(ctx)
    assert digests(fake) == []
    clock.now = local(2026, 4, 20, 9, 0, 30)
    run_jobs(ctx)
    assert len(digests(fake)) == 1


def test_a_week_with_ignored_mail_gets_a_digest_that_counts_it(ctx, service, clock, fake):
    """Ignored e-mail of the past week alone is reason enough: the officer looks through it."""
    from bot.intake.store import ingest_raw
    from tests.intake.test_real_mail import mail

    ingest_raw(mail("machine/notify-at.eml"), local(2026, 4, 2, 11), service)
    ingest_raw(mail("machine/newsletter-list-unsubscribe.eml"), local(2026, 3, 20, 11), service)
    clock.now = local(2026, 4, 7, 9, 0, 30)  # Tuesday after Easter: the week's first opening hour
    run_jobs(ctx)

    (digest,) = [m for m in fake.roots("UOFFICER") if "overzicht" in m.text]
    shown = [block["text"]["text"] for block in digest.blocks]
    assert "geen klachten langer dan" in shown[0]
    assert shown[-1] == (
        "1 e-mail van de afgelopen week niet als klacht opgeslagen (automatische berichten, "
        "nieuwsbrieven); kijk of er toch een klacht tussen zit met `/klacht genegeerd`."
    )
