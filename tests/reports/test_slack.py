"""Reports in Slack against the local fake Web API: the summary and files in the management
channel, the scheduled steps (once each), the officer's modal, and `/klacht rapport`."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from collections.abc import Iterator

import pytest
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

import bot.slack.app
from bot.service import ComplaintService
from bot.slack.app import build_app
from bot.slack.listeners import register_listeners
from bot.slack.listeners.commands import SUBCOMMANDS
from reports import slack
from reports.jobs import ReportStepsFailed, run_due_reports
from reports.store import ReportStore
from tests.reports.fake_files import FakeSlackWithFiles
from tests.reports.seed import AMS, REPORT_NOW, MovableClock, at, seed
from tests.support.databases import database_url
from tests.support.fake_slack import BOT_TOKEN, Failure

CHANNEL = "CDIRECTIE"
PNG = b"\x89PNG\r\n\x1a\n"
CHART_FILES = [
    "1-klachten-per-maand.png",
    "2-contact-binnen-termijn.png",
    "3-werkuren-tot-contact.png",
    "4-oorzaken-pareto.png",
    "5-trend-8-kwartalen.png",
]


@pytest.fixture
def db_url(tmp_path) -> Iterator[str]:
    """SQLite only: these tests are about files and Slack; test_figures and test_store cover
    both databases."""
    with database_url("sqlite", tmp_path) as url:
        yield url


@pytest.fixture
def fake() -> Iterator[FakeSlackWithFiles]:
    server = FakeSlackWithFiles().start()
    server.add_channel(CHANNEL)
    yield server
    server.stop()


@pytest.fixture
def slack_settings(settings, fake):
    return settings.model_copy(
        update={
            "slack_bot_token": BOT_TOKEN,
            "slack_api_url": fake.url,
            "management_channel": CHANNEL,
        }
    )


@pytest.fixture
def client(fake) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=fake.url)


def posted_texts(message) -> str:
    return json.dumps(message.blocks, ensure_ascii=False)


def test_scheduled_quarter_asks_the_officer_then_posts_once(db, slack_settings, client, fake):
    seed(db, slack_settings)
    assert [d.key for d in run_due_reports(client, db, slack_settings, REPORT_NOW)] == [
        "prepare:2026-Q2"
    ]
    dm = fake.roots("UOFFICER")
    assert len(dm) == 1 and "De kwartaalrapportage 2026-Q2 staat klaar" in posted_texts(dm[0])
    assert dm[0].blocks[-1]["elements"][0]["action_id"] == "report_add_text"
    assert fake.roots(CHANNEL) == []  # nothing to management before the officer had a day
    assert run_due_reports(client, db, slack_settings, REPORT_NOW) == []

    next_morning = at(2026, 7, 2, 9)
    assert [d.key for d in run_due_reports(client, db, slack_settings, next_morning)] == [
        "post:2026-Q2"
    ]
    assert run_due_reports(client, db, slack_settings, at(2026, 7, 3, 9)) == []
    (summary,) = fake.roots(CHANNEL)
    assert summary.blocks[0]["text"]["text"] == "Kwartaalrapportage klachten – 2e kwartaal 2026"
    fields = [f["text"] for f in summary.blocks[2]["fields"]]
    assert fields[0] == "*Ontvangen*\n9  (+7 t.o.v. 2026-Q1 · +8 t.o.v. 2025-Q2)"
    assert fields[4] == (
        "*Contact binnen termijn (%)*\n66,7%  (−33,3 %-punt t.o.v. 2026-Q1 · "
        "+66,7 %-punt t.o.v. 2025-Q2)"
    )
    assert fields[7] == "*Mediaan werkdagen tot afsluiting*\n5"  # nothing closed before
    assert "vergeleken met 2026-Q1 en 2025-Q2" in summary.blocks[1]["elements"][0]["text"]
    shared = fake.shared_files(CHANNEL)
    assert sorted(u.filename for u in shared) == [*CHART_FILES, "klachten-2026-Q2.csv"]
    assert all(u.data.startswith(PNG) for u in shared if u.filename.endswith(".png"))
    assert all("Tekst van klacht" not in u.data.decode("utf-8", "ignore") for u in shared)


def test_management_channel_gets_no_complainant_data(db, slack_settings, client, fake):
    seed(db, slack_settings)
    run_due_reports(client, db, slack_settings, REPORT_NOW)
    run_due_reports(client, db, slack_settings, at(2026, 7, 2, 9))

    posted = [posted_texts(m) + m.text for m in fake.roots(CHANNEL)]
    posted += [u.data.decode("utf-8", "ignore") for u in fake.shared_files(CHANNEL)]
    assert len(posted) == 7  # the summary, five charts and the CSV
    for content in posted:
        # Seeded names are "Klant A", ...; their complaint texts "Tekst van klacht A", ...
        assert not re.search(r"Klant [A-N]\b|Tekst van klacht", content)


def test_officer_text_from_the_modal_is_stored_and_posted(db, slack_settings, client, fake):
    seed(db, slack_settings)
    run_due_reports(client, db, slack_settings, REPORT_NOW)
    button = fake.roots("UOFFICER")[0].blocks[-1]["elements"][0]
    report_id = json.loads(button["value"])["report_id"]
    with db.session() as session:
        report = ReportStore(session, slack_settings.tz).get(report_id)
    view = slack.text_modal(report)
    assert view["callback_id"] == "report_text_modal" and len(view["title"]["text"]) <= 24
    view["state"] = {
        "values": {"report_text": {"value": {"value": "  Planning vraagt aandacht. "}}}
    }
    assert slack.parse_text_submission(view) == (report_id, "Planning vraagt aandacht.")

    slack.submit_report_text(
        client, db, slack_settings, report_id, "Planning vraagt aandacht.", at(2026, 7, 1, 11)
    )
    (summary,) = fake.roots(CHANNEL)
    assert "Analyse van de klachtenfunctionaris" in posted_texts(summary)
    assert "Planning vraagt aandacht." in posted_texts(summary)
    with db.session() as session:
        stored = ReportStore(session, slack_settings.tz).get(report_id)
    assert stored.officer_text == "Planning vraagt aandacht."
    assert stored.posted_at == at(2026, 7, 1, 11)
    # The fallback does not post it a second time.
    assert run_due_reports(client, db, slack_settings, at(2026, 7, 2, 9)) == []
    assert len(fake.roots(CHANNEL)) == 1


def test_yearly_advice_goes_with_the_pdf(db, slack_settings, client, fake):
    seed(db, slack_settings)
    from reports.generate import make_report
    from reports.periods import parse_period

    report = make_report(
        db, slack_settings, parse_period("2026", slack_settings.tz), REPORT_NOW, "UOFFICER"
    )
    view = slack.text_modal(report)
    assert view["blocks"][1]["optional"] is False  # the advice is what the year asks for
    slack.submit_report_text(
        client, db, slack_settings, report.id, "Investeer in planning.", REPORT_NOW
    )
    (summary,) = fake.roots(CHANNEL)
    body = posted_texts(summary)
    assert "Jaarrapportage klachten 2026" in body and "Investeer in planning." in body
    assert "De vier kwartalen naast elkaar" in body
    names = sorted(u.filename for u in fake.shared_files(CHANNEL))
    assert "jaarrapportage-2026.pdf" in names and "klachten-2026.csv" in names


def wait_until_posted(db, settings, timeout: float = 30) -> None:
    """The listener runs on after the acknowledgement; let it finish before the fake stops."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.session() as session:
            if ReportStore(session, settings.tz).latest("2026-Q2", posted=True):
                return
        time.sleep(0.05)
    raise AssertionError("report not marked as posted")


class SlashCommands:
    """The real Bolt app with the reports' listeners registered as the lead wires them (after
    the app's own, with the app's own deps), driven in-process."""

    def __init__(self, db, settings, client, monkeypatch) -> None:
        self.clock = MovableClock(REPORT_NOW)
        service = ComplaintService(db, settings, self.clock)

        def register_all(app, deps):
            register_listeners(app, deps)
            slack.register(app, deps)

        monkeypatch.setattr(bot.slack.app, "register_listeners", register_all)
        monkeypatch.setitem(SUBCOMMANDS, "rapport", SUBCOMMANDS.get("rapport"))
        self.app = build_app(settings, service, client)

    def run(self, user: str, words: str) -> str:
        """The immediate (acknowledged) answer's text."""
        body = urllib.parse.urlencode(
            {
                "command": "/klacht",
                "text": words,
                "user_id": user,
                "user_name": user.lower(),
                "trigger_id": "13345224609.738474920.8088930838d88f008e0",
                "team_id": "T111",
                "channel_id": "C0APP",
                "response_url": "http://127.0.0.1:9/commands/1",
            }
        )
        return self._dispatch(body)

    def interact(self, payload: dict) -> str:
        return self._dispatch(urllib.parse.urlencode({"payload": json.dumps(payload)}))

    def _dispatch(self, body: str) -> str:
        headers = {"content-type": ["application/x-www-form-urlencoded"]}
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        assert response.status == 200
        if response.body.startswith("{"):
            return json.loads(response.body).get("text", "")
        return response.body


def test_klacht_rapport_for_management_posts_at_once(db, slack_settings, client, fake, monkeypatch):
    seed(db, slack_settings)
    commands = SlashCommands(db, slack_settings, client, monkeypatch)
    answer = commands.run("UDIRECTIE", "rapport 2026-Q2")
    assert answer == slack.text.COMMAND_WORKING.format(label="2026-Q2")
    fake.wait_for(lambda: len(fake.shared_files(CHANNEL)) == 6, timeout=30)
    assert len(fake.roots(CHANNEL)) == 1
    wait_until_posted(db, slack_settings)


def test_klacht_rapport_for_the_officer_opens_the_modal(
    db, slack_settings, client, fake, monkeypatch
):
    seed(db, slack_settings)
    commands = SlashCommands(db, slack_settings, client, monkeypatch)
    commands.run("UOFFICER", "rapport 2026-Q2")
    update = fake.wait_for(lambda: fake.calls_to("views.update"), timeout=30)[0]
    opened = fake.calls_to("views.open")[0]
    assert "wordt gemaakt" in json.dumps(opened.params["view"])
    view = update.params["view"]
    assert view["callback_id"] == "report_text_modal"
    assert "De grootste categorie is planning en roosters" in json.dumps(view, ensure_ascii=False)
    assert fake.roots(CHANNEL) == []  # posted only when the officer submits


@pytest.mark.parametrize(
    ("user", "words", "reply"),
    [
        ("UEMPLOYEE", "rapport 2026-Q2", slack.text.COMMAND_NOT_ALLOWED),
        (
            "UDIRECTIE",
            "rapport 2026-Q9",
            "'2026-Q9' is geen periode. Gebruik 2026-Q3 voor een kwartaal of 2026 voor een jaar.",
        ),
    ],
)
def test_klacht_rapport_refusals(db, slack_settings, client, fake, monkeypatch, user, words, reply):
    commands = SlashCommands(db, slack_settings, client, monkeypatch)
    assert commands.run(user, words) == reply
    assert fake.roots(CHANNEL) == []


def test_button_and_modal_through_the_app(db, slack_settings, client, fake, monkeypatch):
    seed(db, slack_settings)
    run_due_reports(client, db, slack_settings, REPORT_NOW)
    button = fake.roots("UOFFICER")[0].blocks[-1]["elements"][0]
    commands = SlashCommands(db, slack_settings, client, monkeypatch)
    commands.interact(
        {
            "type": "block_actions",
            "user": {"id": "UOFFICER", "name": "fenna"},
            "trigger_id": "1.2.abc",
            "team": {"id": "T111"},
            "container": {"type": "message", "channel_id": "DOFFICER"},
            "actions": [
                {
                    "type": "button",
                    "action_id": button["action_id"],
                    "value": button["value"],
                    "block_id": "b1",
                }
            ],
        }
    )
    opened = fake.wait_for(lambda: fake.calls_to("views.open"))[0].params["view"]
    assert opened["callback_id"] == "report_text_modal"
    typed = {"report_text": {"value": {"type": "plain_text_input", "value": "Let op planning."}}}
    commands.interact(
        {
            "type": "view_submission",
            "user": {"id": "UOFFICER", "name": "fenna"},
            "team": {"id": "T111"},
            "view": {**opened, "id": "V1", "state": {"values": typed}},
        }
    )
    fake.wait_for(lambda: fake.roots("UOFFICER")[1:], timeout=30)  # the confirmation
    (summary,) = fake.roots(CHANNEL)
    assert "Let op planning." in posted_texts(summary)
    assert (
        fake.roots("UOFFICER")[1].text
        == "De rapportage 2026-Q2 is in het directiekanaal geplaatst."
    )


def test_a_failed_step_is_retried_on_the_next_tick(db, slack_settings, client, fake):
    seed(db, slack_settings)
    fake.fail("chat.postMessage", Failure(error="user_not_found"))
    with pytest.raises(ReportStepsFailed, match="prepare:2026-Q2"):
        run_due_reports(client, db, slack_settings, REPORT_NOW)
    retried = run_due_reports(client, db, slack_settings, at(2026, 7, 1, 9, 5))
    assert [d.key for d in retried] == ["prepare:2026-Q2"]
    assert len(fake.roots("UOFFICER")) == 1


def test_home_shows_the_last_posted_quarter(db, slack_settings, client, fake):
    from reports.generate import latest_posted_quarter

    seed(db, slack_settings)
    assert latest_posted_quarter(db, slack_settings) is None
    run_due_reports(client, db, slack_settings, REPORT_NOW)
    run_due_reports(client, db, slack_settings, at(2026, 7, 2, 9))
    report = latest_posted_quarter(db, slack_settings)
    blocks = slack.key_figure_blocks(report)
    # More than 10 key figures: Slack takes at most 10 fields per section.
    assert [b["type"] for b in blocks] == ["header", "context", "section", "section"]
    assert all(len(b["fields"]) <= 10 for b in blocks[2:])
    assert (
        blocks[2]["fields"][0]["text"] == "*Ontvangen*\n9  (+7 t.o.v. 2026-Q1 · +8 t.o.v. 2025-Q2)"
    )


def test_an_on_demand_report_during_the_quarter_does_not_stop_the_scheduled_one(
    db, slack_settings, client, fake
):
    from reports.generate import make_report
    from reports.periods import parse_period

    seed(db, slack_settings)
    halfway = at(2026, 5, 15, 10)
    early = make_report(db, slack_settings, parse_period("2026-Q2", AMS), halfway, "UDIRECTIE")
    slack.publish(client, db, slack_settings, early, halfway)
    run_due_reports(client, db, slack_settings, REPORT_NOW)
    posted = run_due_reports(client, db, slack_settings, at(2026, 7, 2, 9))
    assert [d.key for d in posted] == ["post:2026-Q2"]
    first, final = fake.roots(CHANNEL)
    assert "vrijdag 15 mei 2026" in first.blocks[1]["elements"][0]["text"]
    assert "woensdag 1 juli 2026" in final.blocks[1]["elements"][0]["text"]
