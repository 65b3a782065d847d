"""Reports in Slack against the local fake Web API: the summary and files in the management
channel, the scheduled steps (once each), the officer's modal, and `/klacht rapport` as Slack
sends it (signed), answered at once and made by the job runner."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.jobs.runner import run_jobs
from bot.service import ComplaintService
from bot.slack.app import build_app
from bot.slack.quiet import AfterAck
from bot.slack.reports import answer_report_requests, publish, run_report_steps
from bot.slack.views import render
from bot.slack.views import reports as views
from bot.surfaces import make_context
from bot.texts import reports as text
from bot.views import reports as report_views
from reports.jobs import ReportStepsFailed
from reports.store import ReportStore, Request, publish_with_text, request_report
from storage.db import DatabaseUnavailable
from storage.models import Notification
from tests.reports.fake_files import FakeSlackWithFiles
from tests.reports.seed import AMS, REPORT_NOW, MovableClock, at, seed
from tests.slack.conftest import dispatch_command, dispatch_interactive, response_json, with_slack
from tests.slack.flows import submit
from tests.slack.payloads import EMPLOYEE, MANAGEMENT, OFFICER, block_action, slash_command
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
UPLOADS = ("files.getUploadURLExternal", "files.completeUploadExternal")


@pytest.fixture
def fake() -> Iterator[FakeSlackWithFiles]:
    server = FakeSlackWithFiles().start()
    server.add_channel(CHANNEL)
    server.add_channel("CKLACHTEN")
    yield server
    server.stop()


@pytest.fixture
def slack_settings(settings, fake):
    return with_slack(settings, fake, management_channel=CHANNEL)


@pytest.fixture
def client(fake) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=fake.url)


def posted_texts(message) -> str:
    return json.dumps(message.blocks, ensure_ascii=False)


def test_scheduled_quarter_asks_the_officer_then_posts_once(db, slack_settings, client, fake):
    seed(db, slack_settings)
    assert [d.key for d in run_report_steps(client, db, slack_settings, REPORT_NOW)] == [
        "prepare:2026-Q2"
    ]
    dm = fake.roots("UOFFICER")
    assert len(dm) == 1 and "De kwartaalrapportage 2026-Q2 staat klaar" in posted_texts(dm[0])
    assert dm[0].blocks[-1]["elements"][0]["action_id"] == "report_add_text"
    assert fake.roots(CHANNEL) == []  # nothing to management before the officer had a day
    assert run_report_steps(client, db, slack_settings, REPORT_NOW) == []

    next_morning = at(2026, 7, 2, 9)
    assert [d.key for d in run_report_steps(client, db, slack_settings, next_morning)] == [
        "post:2026-Q2"
    ]
    assert run_report_steps(client, db, slack_settings, at(2026, 7, 3, 9)) == []
    (summary,) = fake.roots(CHANNEL)
    # Summary first: who reports what and how it stands, the key messages, the key figures
    # with target, previous period and status in words, then the officer's text and the ask.
    blocks = summary.blocks
    assert blocks[0]["text"]["text"] == "Klachtenrapportage K2 2026"
    about = blocks[1]["elements"][0]["text"]
    assert "Stand per 1 juli · Status: definitief" in about and "Aan: de directie" in about
    assert blocks[2]["text"]["text"].startswith("*Belangrijkste punten*\n• 8 klachten, ")
    key = [f["text"] for f in blocks[3]["fields"]]
    assert key[1] == "*Contact binnen termijn*\n66,7% · doel 90,0% · vorige 100,0% · ↓ uit koers"
    body = posted_texts(summary)
    assert body.index("Gevraagd van de directie") < body.index("vergeleken met K1 2026 en K2 2025")
    # The comparison follows, each judged difference saying better or worse.
    fields = [f["text"] for b in blocks if "fields" in b for f in b["fields"]][len(key) :]
    assert fields[0] == "*Ontvangen*\n9  (+7 t.o.v. K1 2026 · +8 t.o.v. K2 2025)"
    rate = next(f for f in fields if f.startswith("*Contact binnen termijn (%)*"))
    assert rate == (
        "*Contact binnen termijn (%)*\n66,7%  (−33,3 procentpunt (slechter) t.o.v. K1 2026 · "
        "+66,7 procentpunt (beter) t.o.v. K2 2025)"
    )
    shared = fake.shared_files(CHANNEL)
    assert sorted(u.filename for u in shared) == [
        *CHART_FILES,
        "klachten-2026-Q2.csv",
        "kwartaalrapportage-2026-Q2.pdf",
    ]
    assert all(u.data.startswith(PNG) for u in shared if u.filename.endswith(".png"))
    (pdf,) = [u for u in shared if u.filename.endswith(".pdf")]
    first_page = PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert "Klachtenrapportage K2 2026" in first_page and "Belangrijkste punten" in first_page
    assert all("Tekst van klacht" not in u.data.decode("utf-8", "ignore") for u in shared)


def test_a_fresh_install_sends_no_report_of_zeros(db, slack_settings, client, fake):
    # Issue 25: no complaint yet, so the quarter that just ended is not reported at all.
    assert run_report_steps(client, db, slack_settings, REPORT_NOW) == []
    assert run_report_steps(client, db, slack_settings, at(2026, 7, 3, 9)) == []
    assert fake.roots("UOFFICER") == [] and fake.roots(CHANNEL) == []


def test_the_scheduled_post_after_a_failed_upload_keeps_one_summary(
    db, slack_settings, client, fake
):
    seed(db, slack_settings)
    run_report_steps(client, db, slack_settings, REPORT_NOW)
    fake.fail("files.completeUploadExternal", Failure(error="internal_error"))
    with pytest.raises(ReportStepsFailed, match="post:2026-Q2"):
        run_report_steps(client, db, slack_settings, at(2026, 7, 2, 9))
    assert len(summaries(fake)) == 1 and fake.shared_files(CHANNEL) == []
    retried = run_report_steps(client, db, slack_settings, at(2026, 7, 2, 9, 5))
    assert [d.key for d in retried] == ["post:2026-Q2"]
    assert len(summaries(fake)) == 1  # the files joined the summary already there
    assert len(fake.shared_files(CHANNEL)) == 7  # five charts, the CSV, the PDF


def test_management_channel_gets_no_complainant_data(db, slack_settings, client, fake):
    seed(db, slack_settings)
    run_report_steps(client, db, slack_settings, REPORT_NOW)
    run_report_steps(client, db, slack_settings, at(2026, 7, 2, 9))

    posted = [posted_texts(m) + m.text for m in fake.roots(CHANNEL)]
    posted += [u.data.decode("utf-8", "ignore") for u in fake.shared_files(CHANNEL)]
    pdf = next(u for u in fake.shared_files(CHANNEL) if u.filename.endswith(".pdf"))
    posted += [page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages]
    assert len(posted) > 8  # the summary, five charts, the CSV and the PDF's pages
    for content in posted:
        # Seeded names are "Klant A", ...; their complaint texts "Tekst van klacht A", ...
        assert not re.search(r"Klant [A-N]\b|Tekst van klacht", content)


def answer_requests(db, settings, moment) -> int:
    """The job that makes, posts and uploads what was asked, at `moment`."""
    client = WebClient(token=BOT_TOKEN, base_url=settings.slack_api_url)
    service = ComplaintService(db, settings, MovableClock(moment))
    return answer_report_requests(service, client, moment)


def submit_text(db, settings, report_id: int, typed: str, moment) -> None:
    """What the modal's submission does: store the text, ask for the report to be posted."""
    publish_with_text(db, settings, report_id, typed, "UOFFICER", moment)


def test_officer_text_from_the_modal_is_stored_and_posted(db, slack_settings, client, fake):
    seed(db, slack_settings)
    run_report_steps(client, db, slack_settings, REPORT_NOW)
    button = fake.roots("UOFFICER")[0].blocks[-1]["elements"][0]
    report_id = json.loads(button["value"])["report_id"]
    with db.session() as session:
        report = ReportStore(session, slack_settings.tz).get(report_id)
    view = render.form(report_views.text_form(report))
    assert view["callback_id"] == "report_text_modal" and len(view["title"]["text"]) <= 24
    view["state"] = {
        "values": {"report_text": {"value": {"value": "  Planning vraagt aandacht. "}}}
    }
    assert views.parse_text_submission(view) == (report_id, "Planning vraagt aandacht.")

    submit_text(db, slack_settings, report_id, "Planning vraagt aandacht.", at(2026, 7, 1, 11))
    assert answer_requests(db, slack_settings, at(2026, 7, 1, 11)) == 1
    (summary,) = fake.roots(CHANNEL)
    assert "Analyse van de klachtenfunctionaris" in posted_texts(summary)
    assert "Planning vraagt aandacht." in posted_texts(summary)
    with db.session() as session:
        stored = ReportStore(session, slack_settings.tz).get(report_id)
    assert stored.officer_text == "Planning vraagt aandacht."
    assert stored.posted_at == at(2026, 7, 1, 11)
    # The fallback does not post it a second time.
    assert run_report_steps(client, db, slack_settings, at(2026, 7, 2, 9)) == []
    assert len(fake.roots(CHANNEL)) == 1


def test_the_text_is_kept_only_with_the_request_to_post_it(
    db, slack_settings, client, fake, monkeypatch
):
    """The modal's text and its request to post are one transaction: when the request cannot
    be recorded, the submission fails and the text is not kept either; a retry does both."""
    seed(db, slack_settings)
    run_report_steps(client, db, slack_settings, REPORT_NOW)
    button = fake.roots("UOFFICER")[0].blocks[-1]["elements"][0]
    report_id = json.loads(button["value"])["report_id"]

    def connection_lost(*args, **kwargs):
        raise OperationalError("INSERT", {}, ConnectionError("server closed the connection"))

    with monkeypatch.context() as patched:
        patched.setattr(ReportStore, "request", connection_lost)
        with pytest.raises(DatabaseUnavailable):
            submit_text(db, slack_settings, report_id, "Eerste poging.", at(2026, 7, 1, 11))
    with db.session() as session:
        assert ReportStore(session, slack_settings.tz).get(report_id).officer_text is None

    submit_text(db, slack_settings, report_id, "Tweede poging.", at(2026, 7, 1, 11, 5))
    assert answer_requests(db, slack_settings, at(2026, 7, 1, 11, 6)) == 1
    (summary,) = fake.roots(CHANNEL)
    assert "Tweede poging." in posted_texts(summary)


def test_a_text_the_fallback_already_posted_is_not_posted_twice(db, slack_settings, client, fake):
    seed(db, slack_settings)
    run_report_steps(client, db, slack_settings, REPORT_NOW)
    button = fake.roots("UOFFICER")[0].blocks[-1]["elements"][0]
    report_id = json.loads(button["value"])["report_id"]
    submit_text(db, slack_settings, report_id, "Planning vraagt aandacht.", at(2026, 7, 2, 8, 59))
    run_report_steps(client, db, slack_settings, at(2026, 7, 2, 9))  # the fallback, first
    assert answer_requests(db, slack_settings, at(2026, 7, 2, 9, 1)) == 1
    (summary,) = fake.roots(CHANNEL)
    assert "Planning vraagt aandacht." in posted_texts(summary)
    confirmation = "De rapportage 2026-Q2 is geplaatst in <#CDIRECTIE>."
    assert fake.roots("UOFFICER")[-1].text == confirmation

    # A text changed after the report was posted goes out again, as the officer asked.
    submit_text(
        db, slack_settings, report_id, "Planning blijft aandacht vragen.", at(2026, 7, 3, 9)
    )
    assert answer_requests(db, slack_settings, at(2026, 7, 3, 9, 1)) == 1
    assert len(fake.roots(CHANNEL)) == 2
    assert "Planning blijft aandacht vragen." in posted_texts(fake.roots(CHANNEL)[-1])


def test_the_officers_text_cannot_mention_everyone_or_hide_a_link(db, slack_settings):
    from dataclasses import replace

    from reports.generate import make_report
    from reports.periods import parse_period

    seed(db, slack_settings)
    quarter = parse_period("2026-Q2", slack_settings.tz)
    made = make_report(db, slack_settings, quarter, REPORT_NOW, "UOFFICER")
    typed = "Zie <https://example.com|het plan> & <!channel>\nTweede regel"
    sections = [
        block["text"]["text"]
        for block in render.blocks(
            report_views.summary_blocks(replace(made, officer_text=typed), REPORT_NOW)
        )
        if block["type"] == "section" and "text" in block
    ]
    (officer,) = [body for body in sections if "Tweede regel" in body]
    assert "<!channel>" not in officer and "<https://" not in officer
    assert "&lt;!channel&gt;" in officer and "&amp;" in officer
    assert officer.endswith("\nTweede regel")


def test_yearly_advice_goes_with_the_pdf(db, slack_settings, client, fake):
    seed(db, slack_settings)
    from reports.generate import make_report
    from reports.periods import parse_period

    report = make_report(
        db, slack_settings, parse_period("2026", slack_settings.tz), REPORT_NOW, "UOFFICER"
    )
    view = render.form(report_views.text_form(report))
    assert view["blocks"][1]["optional"] is False  # the advice is what the year asks for
    submit_text(db, slack_settings, report.id, "Investeer in planning.", REPORT_NOW)
    answer_requests(db, slack_settings, REPORT_NOW)
    (summary,) = fake.roots(CHANNEL)
    body = posted_texts(summary)
    assert "Klachtenjaarverslag 2026" in body and "Investeer in planning." in body
    assert "De vier kwartalen naast elkaar" in body
    names = sorted(u.filename for u in fake.shared_files(CHANNEL))
    assert "jaarrapportage-2026.pdf" in names and "klachten-2026.csv" in names


# -- `/klacht rapport` and the modal through the app, made by the clock ----------------------

REQUEST_NOW = at(2026, 10, 6, 10)  # a Tuesday morning after the third quarter


@pytest.fixture
def after_ack_work(monkeypatch) -> list:
    """What the app hands to its after-ack threads (the ones that open modals in time)."""
    handed: list = []
    original = AfterAck.run

    def run(self, work, *args):
        handed.append(work)
        original(self, work, *args)

    monkeypatch.setattr(AfterAck, "run", run)
    return handed


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(REQUEST_NOW)


@pytest.fixture
def app(db, slack_settings, clock) -> App:
    return build_app(slack_settings, ComplaintService(db, slack_settings, clock))


def clock_once(db, settings, clock) -> list[str]:
    """`klachtenbot clock --once` at the clock's moment; returns the jobs that failed."""
    return run_jobs(make_context(settings, ComplaintService(db, settings, clock)))


def summaries(fake) -> list:
    """The reports in the management channel (escalations of the seeded complaints go there
    too)."""
    return [m for m in fake.roots(CHANNEL) if m.text.startswith("Klachtenrapportage")]


def uploads(fake) -> list:
    return [call for method in UPLOADS for call in fake.calls_to(method)]


def ask(app, user, words: str) -> tuple[str, float]:
    """A signed `/klacht` request: the acknowledged answer and how long it took."""
    started = time.monotonic()
    response = dispatch_command(app, slash_command(user, words))
    assert response.status == 200
    return response_json(response)["text"], time.monotonic() - started


def test_klacht_rapport_is_answered_at_once_and_made_by_the_clock(
    db, slack_settings, fake, app, clock, after_ack_work
):
    seed(db, slack_settings)
    answer, took = ask(app, MANAGEMENT, "rapport 2026-Q3")
    assert answer == text.COMMAND_WORKING.format(label="2026-Q3")
    assert took < 3  # Slack's limit; nothing is made while it waits
    assert after_ack_work == []
    assert uploads(fake) == [] and summaries(fake) == []
    with db.session() as session:
        assert ReportStore(session, AMS).latest("2026-Q3") is None

    clock.now = REQUEST_NOW + dt.timedelta(seconds=3)
    assert clock_once(db, slack_settings, clock) == []
    (summary,) = summaries(fake)
    assert summary.blocks[0]["text"]["text"] == "Klachtenrapportage K3 2026"
    shared = sorted(u.filename for u in fake.shared_files(CHANNEL))
    assert shared == [*CHART_FILES, "klachten-2026-Q3.csv", "kwartaalrapportage-2026-Q3.pdf"]
    (told,) = fake.roots("UDIRECTIE")
    assert told.text == "De rapportage 2026-Q3 is geplaatst in <#CDIRECTIE>."

    calls = len(uploads(fake))
    clock.now += dt.timedelta(minutes=1)
    assert clock_once(db, slack_settings, clock) == []
    assert len(uploads(fake)) == calls and len(fake.shared_files(CHANNEL)) == len(shared)
    assert len(summaries(fake)) == 1 and len(fake.roots("UDIRECTIE")) == 1
    # The whole quarter was posted: the scheduler's fallback does not post it again.
    clock.now = at(2026, 10, 9, 9)
    assert clock_once(db, slack_settings, clock) == []
    assert len(summaries(fake)) == 1


def asked_preview(fake) -> list:
    """The officer's direct messages with the report they asked for (not the scheduled one)."""
    return [m for m in fake.roots("UOFFICER") if "die je opvroeg" in posted_texts(m)]


def test_the_officer_adds_their_text_then_the_clock_posts_it(
    db, slack_settings, fake, app, clock, after_ack_work
):
    seed(db, slack_settings)
    answer, _ = ask(app, OFFICER, "rapport 2026-Q3")
    assert answer == text.COMMAND_WORKING_OFFICER.format(label="2026-Q3")
    assert after_ack_work == [] and asked_preview(fake) == []

    assert clock_once(db, slack_settings, clock) == []
    (preview,) = asked_preview(fake)
    assert "Klachtenrapportage K3 2026" in posted_texts(preview)
    button = preview.blocks[-1]["elements"][0]
    assert button["action_id"] == "report_add_text"
    assert uploads(fake) == [] and summaries(fake) == []  # management waits for the text

    body = block_action(OFFICER, button["action_id"], button["value"], "DOFFICER")
    assert dispatch_interactive(app, body).status == 200
    opened = fake.wait_for(lambda: fake.calls_to("views.open"))[0].params["view"]
    assert opened["callback_id"] == "report_text_modal"
    response = submit(app, OFFICER, opened, {"report_text": "Let op planning."})
    assert response.status == 200 and response.body == ""  # the modal closes at once
    assert uploads(fake) == [] and summaries(fake) == []

    clock.now += dt.timedelta(seconds=3)
    assert clock_once(db, slack_settings, clock) == []
    (summary,) = summaries(fake)
    assert "Let op planning." in posted_texts(summary)
    assert len(fake.shared_files(CHANNEL)) == 7  # five charts, the CSV, the PDF
    confirmation = fake.roots("UOFFICER")[-1]
    assert confirmation.text == "De rapportage 2026-Q3 is geplaatst in <#CDIRECTIE>."

    clock.now += dt.timedelta(minutes=1)
    assert clock_once(db, slack_settings, clock) == []
    assert len(summaries(fake)) == 1 and len(fake.shared_files(CHANNEL)) == 7


@pytest.mark.parametrize(
    ("user", "words", "reply"),
    [
        (EMPLOYEE, "rapport 2026-Q2", text.COMMAND_NOT_ALLOWED),
        (
            MANAGEMENT,
            "rapport 2026-Q9",
            "'2026-Q9' is geen periode. Gebruik 2026-Q3 voor een kwartaal of 2026 voor een jaar.",
        ),
    ],
)
def test_klacht_rapport_refusals(db, slack_settings, fake, app, clock, user, words, reply):
    assert ask(app, user, words)[0] == reply
    with db.session() as session:
        assert session.scalars(select(Notification)).all() == []
    assert clock_once(db, slack_settings, clock) == []
    assert summaries(fake) == []


def test_a_failing_upload_is_retried_after_a_pause_and_answered_once(db, slack_settings, fake):
    seed(db, slack_settings)
    request_report(db, slack_settings, Request.POST, "2026-Q2", "UDIRECTIE", REPORT_NOW)
    fake.fail("files.completeUploadExternal", Failure(error="internal_error"))
    with pytest.raises(Exception, match="internal_error"):
        answer_requests(db, slack_settings, REPORT_NOW)
    assert answer_requests(db, slack_settings, REPORT_NOW + dt.timedelta(seconds=5)) == 0
    assert answer_requests(db, slack_settings, REPORT_NOW + dt.timedelta(minutes=1)) == 1
    assert len(fake.roots("UDIRECTIE")) == 1  # told once, after it went through
    assert len(fake.shared_files(CHANNEL)) == 7  # five charts, the CSV, the PDF
    assert len(summaries(fake)) == 1  # the retry uploaded the files under the same summary
    assert answer_requests(db, slack_settings, REPORT_NOW + dt.timedelta(minutes=2)) == 0


def test_a_failed_step_is_retried_on_the_next_tick(db, slack_settings, client, fake):
    seed(db, slack_settings)
    fake.fail("chat.postMessage", Failure(error="user_not_found"))
    with pytest.raises(ReportStepsFailed, match="prepare:2026-Q2"):
        run_report_steps(client, db, slack_settings, REPORT_NOW)
    retried = run_report_steps(client, db, slack_settings, at(2026, 7, 1, 9, 5))
    assert [d.key for d in retried] == ["prepare:2026-Q2"]
    assert len(fake.roots("UOFFICER")) == 1


def test_home_shows_the_last_posted_quarter(db, slack_settings, client, fake):
    from reports.generate import latest_posted_quarter

    seed(db, slack_settings)
    assert latest_posted_quarter(db, slack_settings) is None
    run_report_steps(client, db, slack_settings, REPORT_NOW)
    run_report_steps(client, db, slack_settings, at(2026, 7, 2, 9))
    report = latest_posted_quarter(db, slack_settings)
    blocks = render.blocks(report_views.key_figures(report, REPORT_NOW))
    # More than 10 key figures: Slack takes at most 10 fields per section.
    assert [b["type"] for b in blocks] == ["header", "context", "section", "section"]
    assert all(len(b["fields"]) <= 10 for b in blocks[2:])
    assert (
        blocks[2]["fields"][0]["text"] == "*Ontvangen*\n9  (+7 t.o.v. K1 2026 · +8 t.o.v. K2 2025)"
    )


def test_an_on_demand_report_during_the_quarter_does_not_stop_the_scheduled_one(
    db, slack_settings, client, fake
):
    from reports.generate import make_report
    from reports.periods import parse_period

    seed(db, slack_settings)
    halfway = at(2026, 5, 15, 10)
    early = make_report(db, slack_settings, parse_period("2026-Q2", AMS), halfway, "UDIRECTIE")
    publish(client, db, slack_settings, early, halfway)
    run_report_steps(client, db, slack_settings, REPORT_NOW)
    posted = run_report_steps(client, db, slack_settings, at(2026, 7, 2, 9))
    assert [d.key for d in posted] == ["post:2026-Q2"]
    first, final = summaries(fake)
    assert "tussenstand t/m 15 mei ·" in first.blocks[1]["elements"][0]["text"]
    assert "Stand per 1 juli · Status: definitief" in final.blocks[1]["elements"][0]["text"]


ACK_PATH_PROBE = """
import datetime as dt, sys
from bot.settings import Settings
from reports.periods import parse_period
from reports.store import Request, publish_with_text, request_report
from storage.db import Database
from storage.models import ReportRow

settings = Settings(_env_file=None, database_url=sys.argv[1])
db = Database(settings.database_url)
db.upgrade()
now = dt.datetime(2026, 10, 1, 9, tzinfo=settings.tz)
with db.session() as session:
    row = ReportRow(period="2026-Q3", kind="quarter", generated_at=now, generated_by="system",
                    figures={}, analysis="")
    session.add(row)
    session.flush()
    report_id = row.id
label = parse_period("2026-Q3", settings.tz).label
assert request_report(db, settings, Request.PREVIEW, label, "UOFFICER", now)
assert publish_with_text(db, settings, report_id, "Analyse", "UOFFICER", now)
print(sorted(name for name in ("numpy", "matplotlib") if name in sys.modules))
"""


def test_what_a_report_request_does_before_the_ack_loads_no_numpy(tmp_path) -> None:
    """`/klacht rapport` and the officer's modal record their request before Slack's 3-second
    acknowledgement; loading numpy there (a tenth of a second and more the first time) would
    eat into it for every process that has not made a report yet."""
    import subprocess
    import sys

    from tests.support.corpus import REPO

    result = subprocess.run(
        [sys.executable, "-c", ACK_PATH_PROBE, f"sqlite:///{tmp_path / 'ack.sqlite3'}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
