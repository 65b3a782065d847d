"""The Bot Connector client against the fake: ids in Teams' formats, and every failure turned
into an outcome the caller acts on (never a sleep, never an exception)."""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Iterator

import pytest

from bot.settings import Settings
from bot.teams.connector import BotConnector, Member, Refused, Retry, Sent
from tests.support.fake_teams import TENANT, Failure, FakeTeams
from tests.support.ports import free_port
from tests.teams.conftest import COMPLAINTS, EMPLOYEE, OFFICER, TEAM

CARD = {
    "type": "message",
    "attachments": [
        {
            "contentType": "application/vnd.microsoft.card.adaptive",
            "content": {"type": "AdaptiveCard", "version": "1.5", "body": []},
        }
    ],
}


class Tokens:
    def token(self) -> str:
        return "token-for-the-bot-connector"


@pytest.fixture
def connector(teams_settings: Settings) -> Iterator[BotConnector]:
    client = BotConnector(teams_settings, None)
    yield client
    client.close()


def test_a_channel_thread_is_created_and_replied_to_and_its_card_updated(
    connector: BotConnector, fake_teams: FakeTeams
) -> None:
    root = connector.create_thread(COMPLAINTS, CARD)
    assert isinstance(root, Sent)
    assert root.conversation_id == f"{COMPLAINTS};messageid={root.activity_id}"
    assert root.activity_id and root.activity_id.isdigit()
    request = fake_teams.posts()[0].body
    assert request["channelData"] == {"channel": {"id": COMPLAINTS}}
    assert request["isGroup"] is True and request["tenantId"] == TENANT

    reply = connector.send(root.conversation_id, {"type": "message", "text": "Geregistreerd"})
    assert isinstance(reply, Sent) and reply.activity_id != root.activity_id
    # The thread id went into the path URL-encoded (the fake decodes it back).
    assert fake_teams.posts()[1].path == f"/v3/conversations/{root.conversation_id}/activities"
    assert [a.body["text"] for a in fake_teams.in_conversation(root.conversation_id)] == [
        "Geregistreerd"
    ]

    updated = {**CARD, "summary": "Contact opgenomen"}
    assert isinstance(connector.update(root.conversation_id, root.activity_id, updated), Sent)
    (shown,) = fake_teams.in_conversation(COMPLAINTS)
    assert shown.updates == 1 and shown.body["summary"] == "Contact opgenomen"


def test_a_personal_chat_is_opened_with_a_member_from_the_roster(
    connector: BotConnector, fake_teams: FakeTeams
) -> None:
    roster = connector.members(COMPLAINTS)
    assert isinstance(roster, list)
    employee = next(m for m in roster if m.aad_object_id == EMPLOYEE.aad_object_id)
    assert employee == Member(EMPLOYEE.user_id, EMPLOYEE.aad_object_id, TENANT, "user")

    chat = connector.open_personal_chat(employee.user_id)
    assert isinstance(chat, Sent) and chat.conversation_id.startswith("a:")
    again = connector.open_personal_chat(employee.user_id)
    assert again == chat  # Teams answers the same chat every time
    request = fake_teams.posts()[0].body
    assert request == {"isGroup": False, "members": [{"id": EMPLOYEE.user_id}], "tenantId": TENANT}

    sent = connector.send(chat.conversation_id, {"type": "message", "text": "Je reactie graag"})
    assert isinstance(sent, Sent)
    assert [a.body["text"] for a in fake_teams.in_conversation(chat.conversation_id)] == [
        "Je reactie graag"
    ]


def test_one_member_by_entra_object_id_or_29_id(connector: BotConnector) -> None:
    by_object = connector.member(TEAM, OFFICER.aad_object_id.upper())
    by_user = connector.member(COMPLAINTS, OFFICER.user_id)
    assert by_object == by_user == Member(OFFICER.user_id, OFFICER.aad_object_id, TENANT, "user")
    missing = connector.member(TEAM, "00000000-0000-0000-0000-000000000000")
    assert isinstance(missing, Refused) and missing.status == 404


@pytest.mark.parametrize(
    ("retry_after", "seconds"),
    [("7", 7), ("86400", 3600), (None, 0), ("later", 0)],
)
def test_429_asks_to_wait_as_long_as_teams_says(
    connector: BotConnector, fake_teams: FakeTeams, retry_after: str | None, seconds: int
) -> None:
    fake_teams.fail(Failure(429, retry_after=retry_after))
    outcome = connector.create_thread(COMPLAINTS, CARD)
    assert outcome == Retry(dt.timedelta(seconds=seconds), "Throttled", 429)
    # Nothing was posted; the next call goes through.
    assert fake_teams.in_conversation(COMPLAINTS) == []
    assert isinstance(connector.create_thread(COMPLAINTS, CARD), Sent)


def test_429_with_a_date_waits_until_then(connector: BotConnector, fake_teams: FakeTeams) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=120)
    fake_teams.fail(Failure(429, retry_after=email.utils.format_datetime(later, usegmt=True)))
    outcome = connector.send(f"{COMPLAINTS};messageid=1", {"type": "message"})
    assert isinstance(outcome, Retry)
    assert dt.timedelta(seconds=100) < outcome.at_least <= dt.timedelta(seconds=120)


@pytest.mark.parametrize("status", [412, 502, 503, 504])
def test_passing_trouble_is_retried_by_the_callers_backoff(
    connector: BotConnector, fake_teams: FakeTeams, status: int
) -> None:
    fake_teams.fail(Failure(status))
    outcome = connector.create_thread(COMPLAINTS, CARD)
    assert isinstance(outcome, Retry)
    assert outcome.at_least == dt.timedelta(0) and outcome.status == status


@pytest.mark.parametrize(
    ("status", "code", "words"),
    [
        (403, "BotNotInConversationRoster", "uit dit team of deze chat verwijderd"),
        (403, "ConversationBlockedByUser", "geblokkeerd"),
        (403, "BotDisabledByAdmin", "Teams-beheerder"),
        (404, "ConversationNotFound", "verkeerd kanaal-ID"),
        (404, "SomethingNew", "een verkeerd ID"),
        (401, "Unauthorized", "TEAMS_APP_ID of TEAMS_APP_PASSWORD"),
        (413, "MessageSizeTooBig", "te groot"),
    ],
)
def test_a_refusal_is_permanent_with_a_reason_the_officer_reads(
    connector: BotConnector, fake_teams: FakeTeams, status: int, code: str, words: str
) -> None:
    fake_teams.fail(Failure(status, code))
    outcome = connector.create_thread(COMPLAINTS, CARD)
    assert isinstance(outcome, Refused)
    assert (outcome.status, outcome.code) == (status, code)
    assert words in outcome.reason


def test_an_app_removed_from_the_team_is_refused_for_good(
    connector: BotConnector, fake_teams: FakeTeams
) -> None:
    fake_teams.teams[TEAM].bot_installed = False
    for outcome in (connector.create_thread(COMPLAINTS, CARD), connector.members(COMPLAINTS)):
        assert isinstance(outcome, Refused)
        assert outcome.code == "BotNotInConversationRoster"


def test_a_group_chat_cannot_be_created(connector: BotConnector) -> None:
    outcome = connector.open_personal_chat("not-a-29-id")
    assert isinstance(outcome, Refused) and (outcome.status, outcome.code) == (400, "BadSyntax")


def test_no_connection_is_passing_trouble(teams_settings: Settings) -> None:
    nobody = teams_settings.model_copy(
        update={"teams_service_url": f"http://127.0.0.1:{free_port()}/"}
    )
    outcome = BotConnector(nobody, None).create_thread(COMPLAINTS, CARD)
    assert isinstance(outcome, Retry) and outcome.status is None


def test_the_token_goes_with_every_call_and_none_without_credentials(
    teams_settings: Settings, fake_teams: FakeTeams, connector: BotConnector
) -> None:
    connector.create_thread(COMPLAINTS, CARD)
    assert fake_teams.calls[-1].authorization is None
    fake_teams.token = Tokens().token()
    assert isinstance(connector.members(COMPLAINTS), Refused)  # the fake now wants a token
    signed = BotConnector(teams_settings, Tokens())
    assert isinstance(signed.members(COMPLAINTS), list)
    assert fake_teams.calls[-1].authorization == "Bearer token-for-the-bot-connector"
