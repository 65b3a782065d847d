"""The real `teams` app over HTTP with activities shaped like Teams' recorded ones: what it
stores of installs and members, how it answers invokes it cannot do yet, and that people from
outside the organisation are refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.settings import Settings
from bot.texts import find as find_text
from bot.texts import teams as text
from storage.db import Database
from tests.support.fake_teams import TENANT, FakeTeams
from tests.teams.conftest import EMPLOYEE, OFFICER
from tests.teams.server import TeamsServer, in_tenant, recorded, serving

OTHER_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
RECORDED_CHANNEL = "19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2"
RECORDED_TEAM = "19:zFLSDFWsesfzcmKArqKJ-65aOXJz@sgf462H2wz41@thread.tacv2"


@pytest.fixture
def teams(teams_settings: Settings, db: Database) -> Iterator[TeamsServer]:
    with serving(teams_settings) as server:
        yield server


def test_the_bot_added_to_a_team_keeps_the_channel_and_the_team(
    teams: TeamsServer, fake_teams: FakeTeams
) -> None:
    response = teams.post(recorded("installationUpdate_add_team", fake_teams.url))
    assert response.status_code == 200
    channel = teams.directory.conversation(RECORDED_CHANNEL)
    assert channel is not None and not channel.removed
    assert (channel.kind, channel.team_id, channel.tenant_id) == ("channel", RECORDED_TEAM, TENANT)
    assert channel.service_url == fake_teams.url
    assert channel.bot_id == "28:608cacfd-1cea-40c9-b678-4b93e69bb72b"
    general = teams.directory.conversation(RECORDED_TEAM)
    assert general is not None and general.team_id == RECORDED_TEAM

    removal = recorded("installationUpdate_add_team", fake_teams.url)
    removal["action"] = "remove"
    assert teams.post(removal).status_code == 200
    assert teams.directory.conversation(RECORDED_CHANNEL).removed
    assert teams.directory.conversation(RECORDED_TEAM).removed

    # Added again (conversationUpdate, as Teams also sends it): reachable again.
    assert teams.post(recorded("conversationUpdate_bot_added_to_team", fake_teams.url)).is_success
    assert not teams.directory.conversation(RECORDED_CHANNEL).removed


def test_a_personal_install_keeps_the_person_and_their_chat(
    teams: TeamsServer, fake_teams: FakeTeams
) -> None:
    activity = recorded("conversationUpdate_bot_and_user_added_personal", fake_teams.url)
    assert teams.post(activity).status_code == 200
    member = teams.directory.member_by_object_id("D2FFAEAB-d802-4fec-8580-0987e9ad2628")
    assert member is not None
    assert (member.user_id, member.personal_chat_id) == ("29:uniqueId", "a:uniqueID")
    assert member.tenant_id == TENANT and member.service_url == fake_teams.url
    chat = teams.directory.conversation("a:uniqueID")
    assert chat is not None and chat.kind == "personal"

    # The person removes the app: they cannot be reached in that chat any more.
    removal = recorded("conversationUpdate_bot_and_user_added_personal", fake_teams.url)
    removal["membersRemoved"], removal["membersAdded"] = removal.pop("membersAdded"), []
    assert teams.post(removal).status_code == 200
    assert teams.directory.member("29:uniqueId").removed
    assert teams.directory.conversation("a:uniqueID").removed


def test_people_joining_and_leaving_a_team_are_kept_up_to_date(
    teams: TeamsServer, fake_teams: FakeTeams
) -> None:
    joined = recorded("conversationUpdate_user_added_to_team", fake_teams.url)
    assert teams.post(joined).status_code == 200
    member = teams.directory.member("29:UniqueID")
    assert member is not None and not member.removed and member.personal_chat_id is None

    left = recorded("conversationUpdate_user_added_to_team", fake_teams.url)
    left["membersRemoved"], left["membersAdded"] = left.pop("membersAdded"), []
    left["channelData"]["eventType"] = "teamMemberRemoved"
    assert teams.post(left).status_code == 200
    assert teams.directory.member("29:UniqueID").removed
    # The bot itself is still in the team.
    assert not teams.directory.conversation("19:ThreadID@thread.skype").removed


def test_installs_in_another_tenant_are_not_kept(teams: TeamsServer, fake_teams: FakeTeams) -> None:
    activity = in_tenant(recorded("installationUpdate_add_team", fake_teams.url), OTHER_TENANT)
    assert teams.post(activity).status_code == 200
    assert teams.directory.conversation(RECORDED_CHANNEL) is None


@pytest.mark.parametrize(
    ("name", "answer"),
    [
        (
            "invoke_adaptiveCard_action_personal_recorded",
            lambda body: (
                body
                == {
                    "statusCode": 200,
                    "type": "application/vnd.microsoft.activity.message",
                    "value": text.NOT_YET,
                }
            ),
        ),
        (
            "invoke_task_fetch_fixture_synthetic",
            lambda body: (
                body["task"]["type"] == "continue"
                and body["task"]["value"]["card"]["content"]["body"][1]["text"] == text.NOT_YET
            ),
        ),
        (
            "invoke_task_submit_fixture_synthetic",
            lambda body: body == {"task": {"type": "message", "value": text.NOT_YET}},
        ),
        (
            "invoke_composeExtension_fetchTask_message_action_thread_reply",
            lambda body: body["task"]["value"]["title"] == text.NOT_YET_TITLE,
        ),
        (
            "invoke_composeExtension_submitAction_compose",
            lambda body: body == {"task": {"type": "message", "value": text.NOT_YET}},
        ),
    ],
)
def test_an_invoke_not_built_yet_is_answered_at_once_with_not_yet(
    teams: TeamsServer, fake_teams: FakeTeams, name: str, answer
) -> None:
    activity = _complete(recorded(name, fake_teams.url, sender=OFFICER))
    response = teams.post(activity)
    assert response.status_code == 200
    assert answer(response.json()), response.json()
    # Answered in the invoke itself: nothing was sent through the Bot Connector.
    assert fake_teams.posts() == []


def test_feedback_is_answered_with_an_empty_body(teams: TeamsServer, fake_teams: FakeTeams) -> None:
    activity = _complete(recorded("invoke_message_submitAction_feedback", fake_teams.url, OFFICER))
    response = teams.post(activity)
    assert (response.status_code, response.content) == (200, b"")


@pytest.mark.parametrize(
    "name",
    ["invoke_adaptiveCard_action_personal_recorded", "invoke_task_fetch_fixture_synthetic"],
)
def test_an_outsiders_invoke_is_refused(teams: TeamsServer, fake_teams: FakeTeams, name) -> None:
    activity = in_tenant(_complete(recorded(name, fake_teams.url, sender=EMPLOYEE)), OTHER_TENANT)
    response = teams.post(activity)
    assert response.status_code == 200
    assert text.OUTSIDER in str(response.json())
    assert text.NOT_YET not in str(response.json())


def test_an_anonymous_persons_invoke_is_refused(teams: TeamsServer, fake_teams: FakeTeams) -> None:
    activity = recorded("invoke_adaptiveCard_action_personal_recorded", fake_teams.url)
    activity["from"].pop("aadObjectId", None)
    assert teams.post(activity).json()["value"] == text.OUTSIDER


def test_a_message_in_the_personal_chat_is_answered_there(
    teams: TeamsServer, fake_teams: FakeTeams
) -> None:
    activity = recorded("message_personal_chat", fake_teams.url, sender=EMPLOYEE)
    chat = activity["conversation"]["id"]
    fake_teams.chats[EMPLOYEE.user_id] = chat  # the chat exists at Teams
    assert teams.post(activity).status_code == 200
    (answer,) = fake_teams.in_conversation(chat)
    # 'Hello Teams TestBot...' is no command: the help, as a card, naming the word.
    assert answer.body["summary"] == find_text.UNKNOWN.format(word="Hello")
    assert answer.body["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    # The sender and their chat are known from now on.
    member = teams.directory.member_by_object_id(EMPLOYEE.aad_object_id)
    assert member is not None and member.personal_chat_id == chat


def test_a_mention_in_a_channel_is_answered_in_the_personal_chat(
    teams: TeamsServer, fake_teams: FakeTeams
) -> None:
    activity = recorded("message_channel_thread_reply_mention_recorded", fake_teams.url, OFFICER)
    thread = activity["conversation"]["id"]
    assert teams.post(activity).status_code == 200
    chat = fake_teams.chats[OFFICER.user_id]  # opened with the officer's 29: id
    said = [a.body["summary"] for a in fake_teams.in_conversation(chat)]
    assert said == [find_text.UNKNOWN.format(word="reply")]  # '<at>ridotest</at> reply to thread'
    assert fake_teams.in_conversation(thread) == []  # nothing said in the channel
    member = teams.directory.member_by_object_id(OFFICER.aad_object_id)
    assert member is not None and member.personal_chat_id == chat


def test_an_outsiders_message_is_refused_where_it_was_written(
    teams: TeamsServer, fake_teams: FakeTeams
) -> None:
    activity = recorded("message_channel_thread_reply_mention_recorded", fake_teams.url, EMPLOYEE)
    activity = in_tenant(activity, OTHER_TENANT)
    thread = activity["conversation"]["id"]
    channel = thread.partition(";messageid=")[0]
    fake_teams.add_team("19:recordedteam@thread.tacv2", [channel], [])
    assert teams.post(activity).status_code == 200
    (answer,) = fake_teams.in_conversation(thread)
    assert answer.body["text"] == text.OUTSIDER
    assert teams.directory.member(EMPLOYEE.user_id) is None


def _complete(activity: dict) -> dict:
    """Recorded invokes that the docs abridged lack the envelope every real one carries."""
    activity.setdefault("type", "invoke")
    activity.setdefault("id", "f:0b9079f4-d4d3-3d8e-b883-798298053c7e")
    activity.setdefault("channelId", "msteams")
    activity.setdefault("recipient", {"id": "28:0b6fe6d1-fece-44f7-9a48-56465e2d5ab8"})
    activity.setdefault("conversation", {"id": "a:1chat", "conversationType": "personal"})
    activity.setdefault("from", {"id": OFFICER.user_id, "aadObjectId": OFFICER.aad_object_id})
    return activity


def test_what_is_no_activity_is_refused_without_a_trace(teams: TeamsServer) -> None:
    url = f"{teams.url}/api/messages"
    assert teams.http.post(url, content=b"{not json").status_code == 400
    assert teams.http.post(url, json=["an", "array"]).status_code == 400
    assert teams.http.post(url, json={"type": "bogus", "id": "1"}).status_code == 400
    too_big = b'{"type": "message", "text": "' + b"x" * (1024 * 1024) + b'"}'
    assert teams.http.post(url, content=too_big).status_code == 413
    assert teams.http.get(url).status_code == 405


def test_health_is_served_and_nothing_is_listed(teams: TeamsServer) -> None:
    health = teams.http.get(f"{teams.url}/healthz")
    assert (health.status_code, health.text) == (200, "ok")
    for path in ("/docs", "/redoc", "/openapi.json", "/"):
        assert teams.http.get(f"{teams.url}{path}").status_code == 404


def test_each_card_verb_has_one_handler() -> None:
    """The invoke handlers each take their own verbs and pass the rest on: a verb two of them
    took would be answered by whichever was registered first."""
    from bot.teams.handlers import cards, discussion, report_text

    verb_sets = [cards.HANDLED, discussion.HANDLED, report_text.HANDLED]
    every = [verb for verbs in verb_sets for verb in verbs]
    assert len(every) == len(set(every))
