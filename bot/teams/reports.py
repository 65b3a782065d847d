"""The quarterly and yearly reports in Teams, posted by the clock: a new post in the management
channel with the summary, the charts shown in the post and a button that opens the PDF.

Teams shows an image only from a URL, so the charts and the PDF are stored with the report
(storage.reportlinks) and served by the `teams` process under TEAMS_PUBLIC_URL
(`/rapporten/<token>/<file>`, bot.teams.files) behind a token nobody can guess that expires
after TEAMS_REPORT_LINK_DAYS. The steps themselves (make, show the officers, post) and the
reports people asked for are handled as in Slack (bot.jobs.reports).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from bot.jobs import reports as shared
from bot.service import ComplaintService
from bot.teams.connector import sent
from bot.teams.ids import REPORTS_PATH
from bot.teams.jobs import TeamsSurface
from bot.teams.views import render
from bot.texts import reports as report_text
from bot.texts import teams as text
from bot.views import reports as views
from bot.views.model import Message
from reports.jobs import Action
from reports.schedule import Step
from reports.store import Report
from storage.reportlinks import ReportLinks, StoredFile, new_token

MEDIA_TYPES = {".png": "image/png", ".pdf": "application/pdf"}
# A chart file's name (without .png) -> what it shows, said to those who cannot see it.
CHART_ALT = {
    name: report_text.CHART_EXPLANATIONS[key] for key, name in report_text.CHART_FILES.items()
}


def post_report(teams: TeamsSurface, report: Report, now: dt.datetime) -> None:
    """Store the report's charts and PDF behind a new link and post the report to
    TEAMS_MANAGEMENT_CHANNEL; NotSent (bot.teams.connector) when Teams did not take it."""
    service = teams.service
    settings = service.settings
    settings.require("teams_management_channel", "teams_public_url")
    assert report.id is not None
    files = report_files(service, report)
    token = new_token()
    expires = now + dt.timedelta(days=settings.teams_report_link_days)
    ReportLinks(service.db).publish(report.id, files, token, now, expires)
    base = f"{settings.teams_public_url}{REPORTS_PATH}/{token}/"
    charts = [(base + f.name, CHART_ALT.get(Path(f.name).stem, f.name)) for f in files if _png(f)]
    (pdf,) = [file for file in files if not _png(file)]
    link = (text.REPORT_PDF_BUTTON, base + pdf.name)
    activity = render.with_charts(views.summary(report, now), charts, link)
    teams.post_in_channel(str(settings.teams_management_channel), activity)


def report_files(service: ComplaintService, report: Report) -> list[StoredFile]:
    """The charts and the PDF of `report`, made from its stored figures (reports.files)."""
    from reports.files import write_report_files

    with tempfile.TemporaryDirectory(prefix="klachtenbot-rapport-") as folder:
        paths = write_report_files(service.db, service.settings, report, Path(folder))
        return [
            StoredFile(path.name, MEDIA_TYPES[path.suffix], path.read_bytes())
            for path in paths
            if path.suffix in MEDIA_TYPES
        ]


def _png(file: StoredFile) -> bool:
    return file.media_type == MEDIA_TYPES[".png"]


def chat(teams: TeamsSurface) -> shared.Chat:
    """The reports people asked for (bot.jobs.reports.answer_requests), answered in Teams: the
    person who asked (by Entra object id) hears in their personal chat."""
    channel = str(teams.service.settings.teams_management_channel)

    def tell(object_id: str, message: Message) -> None:
        sent(teams.send_to_person(object_id, render.message(message)))

    def confirm(object_id: str, report: Report) -> None:
        tell(object_id, views.posted(report, channel))

    return shared.Chat(post=partial(post_report, teams), tell=tell, confirm=confirm)


def step_actions(teams: TeamsSurface) -> Mapping[Step, Action]:
    """The scheduled steps (bot.jobs.reports) done in Teams: the officers see the report in
    their personal chats, management gets the post."""
    service = teams.service
    post = partial(post_report, teams)
    return shared.step_actions(service.db, service.settings, teams.show_officers, post)
