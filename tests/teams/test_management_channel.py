"""The management channel in Teams, from the clock's jobs against the fake Bot Connector: the
escalations of one run as one post that mentions nobody (each complaint's thread then says
management knows), and the quarterly report: the officer sees it first in their personal chat,
then management gets the summary with its charts shown in the post and its PDF one click away,
served by the real `teams` app behind a token that expires, with no listing."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

from bot.jobs.context import JobContext
from bot.jobs.deadlines import warn_about_deadlines
from bot.procedure import SYSTEM_ACTOR
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.jobs import teams_of
from bot.teams.management import answer_report_requests, run_report_steps
from reports.store import ReportStore, publish_with_text
from storage.db import Database
from tests.procedure import builders as b
from tests.reports.seed import REPORT_NOW, MovableClock, at, seed
from tests.support.fake_teams import Failure, FakeTeams
from tests.teams.adaptive import problems
from tests.teams.channel import card_of, card_text, personal_messages, roots, teams_context
from tests.teams.conftest import MANAGEMENT, OFFICER, with_teams
from tests.teams.server import serving

PUBLIC = "https://klachten.example.nl"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def teams_settings(settings: Settings, fake_teams: FakeTeams) -> Settings:
    return with_teams(settings, fake_teams, teams_public_url=PUBLIC)


def deliver_to_management(ctx: JobContext, now: dt.datetime) -> int:
    """The Teams job that posts the ledger's notifications (those to the channel among them)."""
    (job,) = [job for job in teams_of(ctx).jobs if job.name == "teams_notifications"]
    return job.run(ctx, now)


def overdue(service: ComplaintService, clock: MovableClock, count: int) -> list[str]:
    """`count` complaints whose contact deadline passed a minute ago (the Friday before
    Easter: the deadline is Wednesday 17:00)."""
    clock.now = at(2026, 4, 3, 16)
    references = [
        service.submit(b.intake(received_at=clock.now), SYSTEM_ACTOR).reference or ""
        for _ in range(count)
    ]
    clock.now = at(2026, 4, 8, 17, 1)
    return references


def test_the_escalations_of_one_run_are_one_post_in_the_management_channel(
    teams_settings: Settings, db: Database, fake_teams: FakeTeams
) -> None:
    clock = MovableClock()
    service = ComplaintService(db, teams_settings, clock)
    first, second = overdue(service, clock, 2)
    ctx = teams_context(service, fake_teams)
    fake_teams.fail(Failure(502))  # Teams has a bad moment: tried again, posted once

    assert warn_about_deadlines(ctx, clock.now) == 2
    with pytest.raises(Exception, match="ServiceError"):
        deliver_to_management(ctx, clock.now)
    clock.now += dt.timedelta(minutes=1)
    assert deliver_to_management(ctx, clock.now) >= 2  # the officer's list goes too
    assert deliver_to_management(ctx, clock.now) == 0

    (post,) = roots(fake_teams, MANAGEMENT)
    said = card_text(post)
    assert first in said and second in said
    assert "msteams" not in card_of(post) or "entities" not in card_of(post)["msteams"]
    assert problems(card_of(post)) == []
    # Each complaint's thread says management was told, once it was.
    for reference in (first, second):
        notices = [e.data.get("notice") for e in service.get(reference).events]
        assert notices.count("escalated") == 1


def test_escalations_wait_for_opening_hours(
    teams_settings: Settings, db: Database, fake_teams: FakeTeams
) -> None:
    clock = MovableClock()
    service = ComplaintService(db, teams_settings, clock)
    overdue(service, clock, 1)
    ctx = teams_context(service, fake_teams)
    warn_about_deadlines(ctx, clock.now)
    night = at(2026, 4, 8, 23)
    assert deliver_to_management(ctx, night) == 0
    assert roots(fake_teams, MANAGEMENT) == []


def test_the_quarterly_report_is_posted_with_its_charts_and_a_pdf_link_that_expires(
    teams_settings: Settings, db: Database, fake_teams: FakeTeams
) -> None:
    seed(db, teams_settings)
    clock = MovableClock(REPORT_NOW)
    service = ComplaintService(db, teams_settings, clock)
    ctx = teams_context(service, fake_teams)

    assert run_report_steps(ctx, REPORT_NOW) == 1  # prepare: the officer sees it first
    (preview,) = personal_messages(fake_teams, OFFICER)
    assert "De kwartaalrapportage 2026-Q2 staat klaar" in card_text(preview)
    assert roots(fake_teams, MANAGEMENT) == []

    clock.now = at(2026, 7, 2, 9)
    assert run_report_steps(ctx, clock.now) == 1  # post
    assert run_report_steps(ctx, at(2026, 7, 3, 9)) == 0  # once
    (post,) = roots(fake_teams, MANAGEMENT)
    shown = card_of(post)
    assert problems(shown) == []
    assert shown["body"][0]["text"] == "Klachtenrapportage K2 2026"
    assert "Belangrijkste punten" in card_text(post)
    images = [part for part in shown["body"] if part["type"] == "Image"]
    assert len(images) == 5 and all(image["altText"] for image in images)
    (button,) = shown["actions"]
    assert button["type"] == "Action.OpenUrl" and button["url"].endswith(
        "/kwartaalrapportage-2026-Q2.pdf"
    )
    assert all(part["url"].startswith(PUBLIC + "/rapporten/") for part in [*images, button])
    assert "Tekst van klacht" not in card_text(post)

    pdf_path = urlsplit(button["url"]).path
    token = pdf_path.split("/")[2]
    with serving(teams_settings, clock=clock) as server:
        pdf = server.http.get(server.url + pdf_path)
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        first_page = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
        assert "Klachtenrapportage K2 2026" in first_page
        chart = server.http.get(server.url + urlsplit(images[0]["url"]).path)
        assert chart.status_code == 200 and chart.content.startswith(PNG)
        assert chart.headers["content-type"] == "image/png"

        # A wrong token, a file the report has not, and any listing: 404 alike.
        wrong = "A" * len(token)
        for path in (
            pdf_path.replace(token, wrong),
            pdf_path.replace(token, token[:-1]),
            f"/rapporten/{token}/klachten-2026-Q2.csv",
            f"/rapporten/{token}/",
            f"/rapporten/{token}",
            "/rapporten/",
            "/rapporten",
        ):
            assert server.http.get(server.url + path).status_code == 404, path

        # The link works for TEAMS_REPORT_LINK_DAYS, then the PDF is gone from it.
        clock.now += dt.timedelta(days=90) - dt.timedelta(minutes=1)
        assert server.http.get(server.url + pdf_path).status_code == 200
        clock.now += dt.timedelta(minutes=1)
        assert server.http.get(server.url + pdf_path).status_code == 404


def test_a_refused_escalation_is_said_in_the_thread_with_the_setting_to_check(
    teams_settings: Settings, db: Database, fake_teams: FakeTeams
) -> None:
    clock = MovableClock()
    service = ComplaintService(db, teams_settings, clock)
    (reference,) = overdue(service, clock, 1)
    ctx = teams_context(service, fake_teams)
    warn_about_deadlines(ctx, clock.now)
    fake_teams.fail(Failure(403))
    with pytest.raises(Exception, match="BotNotInConversationRoster"):
        deliver_to_management(ctx, clock.now)
    (failed,) = [
        e.data for e in service.get(reference).events if e.data.get("notice") == "escalation_failed"
    ]
    assert failed["setting"] == "TEAMS_MANAGEMENT_CHANNEL"
    assert failed["error"] == "BotNotInConversationRoster"
    assert roots(fake_teams, MANAGEMENT) == []


def test_a_report_with_the_officers_text_is_posted_and_the_officer_told_where(
    teams_settings: Settings, db: Database, fake_teams: FakeTeams
) -> None:
    seed(db, teams_settings)
    clock = MovableClock(REPORT_NOW)
    service = ComplaintService(db, teams_settings, clock)
    ctx = teams_context(service, fake_teams)
    run_report_steps(ctx, REPORT_NOW)  # prepared, waiting for the officer's text
    with db.session() as session:
        report = ReportStore(session, teams_settings.tz).latest("2026-Q2", posted=False)
    assert report is not None and report.id is not None
    text = "Twee loonklachten door één storing; opgelost."
    publish_with_text(db, teams_settings, report.id, text, OFFICER.aad_object_id, REPORT_NOW)

    assert answer_report_requests(ctx, REPORT_NOW) == 1
    assert answer_report_requests(ctx, REPORT_NOW) == 0  # once
    (post,) = roots(fake_teams, MANAGEMENT)
    assert text in card_text(post)
    _preview, confirmation = personal_messages(fake_teams, OFFICER)
    assert "2026-Q2" in card_text(confirmation) and "teams.microsoft.com/l/channel/" in str(
        confirmation.body
    )
    # Posting took the scheduler's step along: its fallback the next day posts nothing more.
    assert run_report_steps(ctx, at(2026, 7, 2, 9)) == 0
    assert len(roots(fake_teams, MANAGEMENT)) == 1
