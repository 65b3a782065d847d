"""The officer's analysis (a quarter) or advice (a year) on a report in Teams: the button on the
report's card shows the form in the card (or a dialog); saving stores the text with the report
and asks for it to be posted; cancel brings the card back; a year's advice left empty comes back
at its field; anyone but the officer is refused and nothing is stored."""

from __future__ import annotations

import datetime as dt

from bot.service import ComplaintService
from bot.views.ids import Action, Field, FormId
from reports.generate import load_report, make_report
from reports.periods import parse_period
from tests.support.fake_teams import FakeTeams
from tests.teams.adaptive import by_id, dialog_card
from tests.teams.conftest import MANAGER, OFFICER
from tests.teams.server import TeamsServer
from tests.teams.test_card_actions import MESSAGE, card, click, verbs
from tests.teams.test_dialogs import send


def report_id(service: ComplaintService, label: str) -> int:
    settings = service.settings
    period = parse_period(label, settings.tz)
    now = dt.datetime(2027, 1, 4, 9, tzinfo=settings.tz)
    report = make_report(service.db, settings, period, now, "test")
    assert report.id is not None
    return report.id


def test_the_officer_adds_an_analysis_from_the_reports_card(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    quarter = report_id(service, "2026-Q3")
    data = {"report_id": quarter}
    refused = click(signed, fake_teams, keys, MANAGER, Action.ADD_REPORT_TEXT, data)
    assert refused["type"] == MESSAGE and "klachtenfunctionaris" in refused["value"]

    form = card(click(signed, fake_teams, keys, OFFICER, Action.ADD_REPORT_TEXT, data))
    assert Field.REPORT_TEXT in by_id(form)
    assert verbs(form) == [FormId.REPORT_TEXT, "cancelReport"]
    back = card(click(signed, fake_teams, keys, OFFICER, "cancelReport", data))
    assert verbs(back) == [Action.ADD_REPORT_TEXT]

    typed = {**data, Field.REPORT_TEXT: "  Planning vraagt aandacht. "}
    saved = click(signed, fake_teams, keys, OFFICER, FormId.REPORT_TEXT, typed)
    assert saved["type"] == MESSAGE and "2026-Q3" in saved["value"]
    stored = load_report(service.db, service.settings, quarter)
    assert stored.officer_text == "Planning vraagt aandacht."

    # Management's own submit changes nothing.
    other = {**data, Field.REPORT_TEXT: "Iets anders."}
    click(signed, fake_teams, keys, MANAGER, FormId.REPORT_TEXT, other)
    assert load_report(service.db, service.settings, quarter).officer_text == (
        "Planning vraagt aandacht."
    )


def test_a_years_advice_is_required_in_the_dialog(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    year = report_id(service, "2026")
    opening = {"msteams": {"type": "task/fetch"}, "verb": Action.ADD_REPORT_TEXT}
    form = dialog_card(
        send(signed, fake_teams, keys, OFFICER, "fetch", {**opening, "report_id": year})
    )
    (submit,) = form["actions"]
    assert submit["data"]["form"] == FormId.REPORT_TEXT
    again = dialog_card(
        send(signed, fake_teams, keys, OFFICER, "submit", {**submit["data"], Field.REPORT_TEXT: ""})
    )
    assert by_id(again)[Field.REPORT_TEXT]["errorMessage"]
    assert load_report(service.db, service.settings, year).advice is None

    advice = {**submit["data"], Field.REPORT_TEXT: "Meer aandacht voor de planning."}
    done = send(signed, fake_teams, keys, OFFICER, "submit", advice)
    assert done["task"]["type"] == "message" and "2026" in done["task"]["value"]
    assert load_report(service.db, service.settings, year).advice == (
        "Meer aandacht voor de planning."
    )
