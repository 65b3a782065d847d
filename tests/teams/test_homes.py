"""The Home in Teams: each person's dashboard as a card in their personal chat, sent when the
app is installed in their personal scope and on `home` (through the real `teams` app), and
updated in place by the `teams_homes` job after a change, only when it changed."""

from __future__ import annotations

from typing import Any

import pytest

from bot.procedure import SYSTEM_ACTOR, Actor, Role
from bot.procedure import steps as procedure
from bot.procedure.inputs import DiscussionRequest
from bot.procedure.people import Surface
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.connector import BotConnector
from bot.teams.homes import refresh_homes
from bot.texts import slack as slack_text
from bot.views.ids import Action
from storage.models.chat import HomeViewer
from tests.procedure import builders as b
from tests.support.fake_teams import FakeTeams
from tests.teams.conftest import APP_ID, EMPLOYEE, OFFICER
from tests.teams.server import TeamsServer, recorded
from tests.teams.test_card_actions import verbs
from tests.teams.test_commands import CHATS, ask, card_of
from tests.teams.test_personal import all_text

OLGA = Actor(OFFICER.aad_object_id, Role.OFFICER, "Olga", Surface.TEAMS)


@pytest.fixture
def refresh(teams_settings: Settings, service: ComplaintService) -> Any:
    connector = BotConnector(teams_settings, None)
    teams_service = ComplaintService(service.db, teams_settings)
    yield lambda: refresh_homes(teams_service, connector, teams_service.now())
    connector.close()


def test_home_is_a_card_in_the_personal_chat_updated_in_place(
    signed: TeamsServer,
    fake_teams: FakeTeams,
    keys,
    service: ComplaintService,
    refresh,
) -> None:
    first = card_of(ask(signed, fake_teams, keys, EMPLOYEE, "home"))
    assert verbs(first) == []  # nothing asked of them yet
    with service.db.reading() as session:
        viewer = session.get(HomeViewer, ("teams", EMPLOYEE.aad_object_id))
        assert viewer.conversation == CHATS[EMPLOYEE.user_id] and viewer.ref
    assert refresh() == 0  # unchanged: not sent again

    reference = service.submit(b.intake(subject="Rooster"), SYSTEM_ACTOR).reference or ""
    service.change(reference, procedure.register, OLGA, b.registration())
    asked = DiscussionRequest((EMPLOYEE.aad_object_id,))
    service.change(reference, procedure.request_discussion, OLGA, asked)

    assert refresh() == 1
    (home,) = fake_teams.in_conversation(CHATS[EMPLOYEE.user_id])[-1:]
    assert home.updates == 1
    updated = home.body["attachments"][0]["content"]
    assert reference in all_text(updated)
    assert verbs(updated) == [Action.RESPOND, Action.PLAN, Action.DECLINE]
    assert refresh() == 0


def test_the_officers_home_shows_the_open_complaints(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    reference = service.submit(b.intake(subject="Rooster"), SYSTEM_ACTOR).reference or ""
    shown = card_of(ask(signed, fake_teams, keys, OFFICER, "home"))
    assert reference in all_text(shown)
    assert Action.REGISTER in verbs(shown)


def test_installing_the_app_in_the_personal_scope_sends_the_home(
    signed: TeamsServer, fake_teams: FakeTeams, keys
) -> None:
    activity = recorded("conversationUpdate_bot_and_user_added_personal", fake_teams.url)
    activity["from"] = activity["membersAdded"][0] = {
        "id": EMPLOYEE.user_id,
        "aadObjectId": EMPLOYEE.aad_object_id,
    }
    activity["conversation"]["id"] = CHATS[EMPLOYEE.user_id]
    fake_teams.chats[EMPLOYEE.user_id] = CHATS[EMPLOYEE.user_id]
    token = keys.token(APP_ID, fake_teams.url)
    assert signed.post(activity, Authorization=f"Bearer {token}").status_code == 200
    (home,) = fake_teams.wait_for(lambda: fake_teams.in_conversation(CHATS[EMPLOYEE.user_id]))
    assert slack_text.HOME_TITLE in all_text(home.body)
    assert home.body["attachments"][0]["content"]["body"]
