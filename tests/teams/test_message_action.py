"""The message action "Registreer als klacht" end to end: signed `composeExtension/fetchTask`
and `composeExtension/submitAction` invokes shaped like the corpus's (a message action on a
channel thread reply) to the real `teams` app."""

from __future__ import annotations

from typing import Any

import pytest

from bot.procedure import Source, State
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.ids import MESSAGE_ACTION
from bot.texts import teams as text
from bot.views.ids import Field, FormId
from storage.db import Database
from tests.support.fake_teams import FakeTeams, Person
from tests.teams.adaptive import by_id, dialog_card, texts
from tests.teams.conftest import APP_ID, EMPLOYEE, OFFICER
from tests.teams.server import TeamsServer, recorded

LINK = (
    "https://teams.microsoft.com/l/message/19:6decf54d86d945e4b3924b63a9161a78@thread.skype/"
    "1611060744833"
)


@pytest.fixture
def service(settings: Settings, db: Database) -> ComplaintService:
    return ComplaintService(db, settings)


def post(server: TeamsServer, fake: FakeTeams, keys: Any, activity: dict) -> dict[str, Any]:
    token = keys.token(APP_ID, fake.url)
    response = server.post(activity, Authorization=f"Bearer {token}")
    assert response.status_code == 200
    return response.json()


def open_on_message(
    server: TeamsServer, fake: FakeTeams, keys: Any, person: Person, content: str | None = None
) -> dict[str, Any]:
    """The recorded message action on a thread reply, as our command, by `person`."""
    name = "invoke_composeExtension_fetchTask_message_action_thread_reply"
    activity = recorded(name, fake.url, sender=person)
    activity["value"]["commandId"] = MESSAGE_ACTION
    # The docs' extract leaves out what every activity carries.
    activity.update(channelId="msteams", recipient={"id": f"28:{APP_ID}"})
    if content is not None:
        activity["value"]["messagePayload"]["body"]["content"] = content
    return post(server, fake, keys, activity)


def submit(
    server: TeamsServer, fake: FakeTeams, keys: Any, person: Person, data: dict
) -> dict[str, Any]:
    """The corpus's submitAction with the dialog's data, as Teams completes the abridged one."""
    activity = recorded("invoke_composeExtension_submitAction_compose", fake.url, sender=person)
    activity["value"].update(commandId=MESSAGE_ACTION, commandContext="message", data=data)
    activity.update(type="invoke", id="f:8c0e2f1b-4a7e-4f55-9a3b-2d1c0e9f7a61")
    activity.update(channelId="msteams", recipient={"id": f"28:{APP_ID}"})
    activity["conversation"]["conversationType"] = "channel"
    return post(server, fake, keys, activity)


def test_the_officer_registers_a_teams_message_as_a_complaint(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    form = dialog_card(open_on_message(signed, fake_teams, keys, OFFICER))
    inputs = by_id(form)
    # The recorded message's HTML read as text, the bot's mention by the name shown.
    assert inputs[Field.SUBJECT]["value"] == "Testing outgoing Webhook-Nikitha - Hi"
    assert inputs[Field.BODY]["value"] == "Testing outgoing Webhook-Nikitha - Hi"
    assert inputs[Field.COMPLAINANT_NAME]["value"] == "Olo Brockhouse"
    (send,) = form["actions"]
    assert send["data"]["form"] == FormId.NEW_COMPLAINT
    assert send["data"]["context"]["permalink"] == LINK

    answers = {
        **send["data"],
        Field.SUBJECT: "Factuur klopt niet",
        Field.BODY: "De uren van week 12 staan er dubbel op.",
        Field.COMPLAINANT_NAME: "Olo Brockhouse",
        Field.COMPLAINANT_EMAIL: "geen adres",
    }
    again = dialog_card(submit(signed, fake_teams, keys, OFFICER, answers))
    email = by_id(again)[Field.COMPLAINANT_EMAIL]
    assert email["value"] == "geen adres" and email["errorMessage"]
    assert by_id(again)[Field.SUBJECT]["value"] == "Factuur klopt niet"

    answers[Field.COMPLAINANT_EMAIL] = "olo@example.nl"
    done = dialog_card(submit(signed, fake_teams, keys, OFFICER, answers))
    assert "K-" in texts(done) and not by_id(done)
    complaint = service.get(texts(done).split("Klacht ")[-1].split()[0])
    assert complaint.state is State.RECEIVED
    assert complaint.source is Source.TEAMS_MESSAGE and complaint.source_link == LINK
    assert (complaint.subject, complaint.complainant_name) == (
        "Factuur klopt niet",
        "Olo Brockhouse",
    )
    assert complaint.complainant_email == "olo@example.nl"


def test_a_message_in_html_is_read_as_lines(
    signed: TeamsServer, fake_teams: FakeTeams, keys
) -> None:
    content = "<p>Loon te laat &amp; niet gebeld</p><p>Graag <b>vandaag</b> nog.<br>Petra</p>"
    inputs = by_id(dialog_card(open_on_message(signed, fake_teams, keys, OFFICER, content)))
    assert inputs[Field.SUBJECT]["value"] == "Loon te laat & niet gebeld"
    assert inputs[Field.BODY]["value"] == "Loon te laat & niet gebeld\nGraag vandaag nog.\nPetra"


def test_someone_not_the_officer_is_refused_and_nothing_is_stored(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    refused = dialog_card(open_on_message(signed, fake_teams, keys, EMPLOYEE))
    assert text.MESSAGE_ACTION_OFFICERS_ONLY in texts(refused) and not by_id(refused)
    answers = {
        "form": FormId.NEW_COMPLAINT,
        "context": {"permalink": LINK},
        Field.SUBJECT: "Factuur klopt niet",
        Field.BODY: "Dubbel.",
    }
    refused = dialog_card(submit(signed, fake_teams, keys, EMPLOYEE, answers))
    assert text.MESSAGE_ACTION_OFFICERS_ONLY in texts(refused)
    # The officer's complaint is the first one: the employee's was never stored.
    done = dialog_card(submit(signed, fake_teams, keys, OFFICER, answers))
    assert "-0001" in texts(done)


def test_a_link_that_is_not_teams_is_not_kept(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    answers = {
        "form": FormId.NEW_COMPLAINT,
        "context": {"permalink": "https://example.com/phish"},
        Field.SUBJECT: "Factuur klopt niet",
        Field.BODY: "Dubbel.",
    }
    done = dialog_card(submit(signed, fake_teams, keys, OFFICER, answers))
    complaint = service.get(texts(done).split("Klacht ")[-1].split()[0])
    assert complaint.source_link is None and complaint.source is Source.MANUAL
