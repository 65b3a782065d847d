"""The complaints channel in Teams, delivered by the clock's job from the shared outbox against the
fake Bot Connector: each complaint one post (a thread with its card), updated in place, every
event a reply in its thread, exactly once and in order; the notification shows only the
whitelisted summary. Teams' failures: 429 waits for Retry-After, 412/502/504 back off and
retry, 401/403/404 mark the delivery failed, the officer hears why once, and it waits until
someone acts."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.jobs.runner import active_jobs
from bot.privacy import erase_complainant
from bot.procedure import SYSTEM_ACTOR, Source, steps
from bot.procedure.inputs import Intake, Note
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.delivery import due_again
from bot.teams.jobs import teams_of
from storage.db import Database
from storage.models import Delivery
from tests.procedure import builders as b
from tests.reports.seed import MovableClock
from tests.support.fake_teams import Failure, FakeTeams
from tests.teams.channel import (
    card_of,
    card_text,
    expected_heading,
    heading,
    personal_messages,
    replies,
    roots,
    teams_context,
)
from tests.teams.conftest import OFFICER, TEAM

NAME, EMAIL, SUBJECT = "Petra Pietersen", "petra@example.nl", "Loonstrook te laat"


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC))


@pytest.fixture
def teams_service(teams_settings: Settings, db: Database, clock: MovableClock) -> ComplaintService:
    return ComplaintService(db, teams_settings, clock)


def submit(service: ComplaintService, subject: str = SUBJECT) -> str:
    intake = Intake(
        source=Source.EMAIL,
        received_at=service.now(),
        subject=subject,
        body="Graag snel contact.",
        complainant_name=NAME,
        complainant_email=EMAIL,
    )
    return service.submit(intake, SYSTEM_ACTOR).reference or ""


def deliver(service: ComplaintService, fake: FakeTeams) -> int:
    return teams_of(teams_context(service, fake)).channel.deliver_pending()


def delivery_row(service: ComplaintService, reference: str) -> Delivery:
    complaint = service.get(reference)
    with service.db.reading() as session:
        row = session.get(Delivery, (complaint.id, "teams"))
        session.expunge(row)
        return row


def test_the_teams_jobs_run_in_the_clock_when_teams_is_configured(
    teams_service: ComplaintService, fake_teams: FakeTeams
) -> None:
    names = [job.name for job in active_jobs(teams_context(teams_service, fake_teams))]
    assert {"teams_delivery", "teams_notifications"} <= set(names)
    assert "slack_delivery" not in names


def test_each_complaint_is_one_post_updated_in_place_with_its_events_as_replies(
    teams_service: ComplaintService, fake_teams: FakeTeams, clock: MovableClock
) -> None:
    first, second = submit(teams_service), submit(teams_service, "Tweede klacht")

    assert deliver(teams_service, fake_teams) == 2
    posts = roots(fake_teams)
    assert [first in card_text(p) and SUBJECT in card_text(p) for p in posts] == [True, False]
    assert second in card_text(posts[1])  # in order of arrival
    # The notification line is the whitelist alone: no subject, name or address.
    summary = posts[0].body["summary"]
    assert first in summary
    assert not any(secret in summary for secret in (SUBJECT, NAME, EMAIL, "Petra"))
    assert "text" not in posts[0].body
    assert len(replies(fake_teams, posts[0])) == 1  # received

    clock.now += dt.timedelta(minutes=5)
    teams_service.change(first, steps.register, b.OFFICER, b.registration())
    teams_service.change(first, steps.add_note, b.OFFICER, Note("Gebeld, voicemail."))
    assert deliver(teams_service, fake_teams) == 1
    assert deliver(teams_service, fake_teams) == 0  # exactly once
    updated = roots(fake_teams)[0]
    assert updated.updates == 1
    assert heading(updated) == expected_heading(teams_service, first)
    thread = replies(fake_teams, updated)
    assert len(thread) == 3
    assert "Gebeld, voicemail." in card_text(thread[-1])  # events in order
    assert all(NAME not in reply.body["summary"] for reply in thread)
    assert len(roots(fake_teams)) == 2 and replies(fake_teams, roots(fake_teams)[1])


@pytest.mark.parametrize(
    ("failure", "wait"),
    [
        (Failure(429, retry_after="30"), 30),
        (Failure(412), 2),
        (Failure(502), 2),
        (Failure(504), 2),
    ],
)
def test_a_passing_failure_is_retried_after_its_pause_and_posted_once(
    teams_service: ComplaintService,
    fake_teams: FakeTeams,
    clock: MovableClock,
    failure: Failure,
    wait: int,
) -> None:
    reference = submit(teams_service)
    fake_teams.fail(failure)
    assert deliver(teams_service, fake_teams) == 0
    row = delivery_row(teams_service, reference)
    assert row.next_attempt_at == clock.now + dt.timedelta(seconds=wait)
    assert roots(fake_teams) == []

    clock.now += dt.timedelta(seconds=wait - 1)
    assert deliver(teams_service, fake_teams) == 0  # not before its time
    clock.now += dt.timedelta(seconds=1)
    assert deliver(teams_service, fake_teams) == 1
    assert len(roots(fake_teams)) == 1
    assert personal_messages(fake_teams, OFFICER) == []  # nothing to tell anyone


def test_a_refused_channel_is_marked_failed_told_once_and_waits_for_someone(
    teams_service: ComplaintService, fake_teams: FakeTeams, clock: MovableClock
) -> None:
    fake_teams.teams[TEAM].bot_installed = False  # the app was removed from the team: 403
    first, second = submit(teams_service), submit(teams_service)
    assert deliver(teams_service, fake_teams) == 0
    assert deliver(teams_service, fake_teams) == 0
    (told,) = personal_messages(fake_teams, OFFICER)
    said = card_text(told)
    assert first in said and "voeg de app opnieuw toe" in said
    assert delivery_row(teams_service, first).last_error == "refused"
    assert delivery_row(teams_service, second).attempts == 0  # waits behind the first, in order

    # Not tried again, however long it waits: retrying changes nothing until someone acts.
    calls = len(fake_teams.calls)
    clock.now += dt.timedelta(days=3)
    assert deliver(teams_service, fake_teams) == 0
    assert len(fake_teams.calls) == calls

    fake_teams.teams[TEAM].bot_installed = True  # added again: the install event says so
    due_again(teams_service.db, "test")
    assert deliver(teams_service, fake_teams) == 2
    assert [first in card_text(p) for p in roots(fake_teams)] == [True, False]
    assert len(personal_messages(fake_teams, OFFICER)) == 1  # told once


def test_a_refused_message_alone_fails_without_holding_up_the_others(
    teams_service: ComplaintService, fake_teams: FakeTeams, clock: MovableClock
) -> None:
    refused = submit(teams_service)
    fake_teams.fail(Failure(413, code="MessageSizeTooBig"))
    later = submit(teams_service)
    assert deliver(teams_service, fake_teams) == 1
    assert [later in card_text(p) for p in roots(fake_teams)] == [True]
    assert delivery_row(teams_service, refused).last_error == "item:refused"
    (told,) = personal_messages(fake_teams, OFFICER)
    assert refused in card_text(told) and "te groot" in card_text(told)


def test_an_unknown_channel_id_is_refused_with_its_reason(
    teams_settings: Settings, db: Database, fake_teams: FakeTeams, clock: MovableClock
) -> None:
    wrong = teams_settings.model_copy(
        update={"teams_complaints_channel": "19:bestaatniet@thread.tacv2"}
    )
    service = ComplaintService(db, wrong, clock)
    reference = submit(service)
    assert deliver(service, fake_teams) == 0
    (told,) = personal_messages(fake_teams, OFFICER)
    assert reference in card_text(told) and "kent dit kanaal" in card_text(told)
    assert card_of(told)["type"] == "AdaptiveCard"


def test_erasure_rewrites_the_card_and_every_reply_in_the_channel(
    teams_service: ComplaintService, fake_teams: FakeTeams, clock: MovableClock
) -> None:
    reference = submit(teams_service)
    teams_service.change(
        reference, steps.register, b.OFFICER, b.registration(complainant_name=NAME)
    )
    teams_service.change(reference, steps.add_note, b.OFFICER, Note("Petra Pietersen gebeld."))
    assert deliver(teams_service, fake_teams) == 1
    before = json.dumps([a.body for a in fake_teams.activities.values()], ensure_ascii=False)
    assert NAME in before and SUBJECT in before

    clock.now += dt.timedelta(minutes=1)
    erase_complainant(teams_service, EMAIL, now=clock.now)
    assert deliver(teams_service, fake_teams) == 1

    shown = json.dumps([a.body for a in fake_teams.activities.values()], ensure_ascii=False)
    for trace in (NAME, "Petra", SUBJECT, EMAIL):
        assert trace not in shown, trace
    (post,) = roots(fake_teams)
    assert reference in card_text(post)
    assert all(reply.updates == 1 for reply in replies(fake_teams, post))  # rewritten in place
    assert deliver(teams_service, fake_teams) == 0
