"""The Teams directory on both databases: references saved, refreshed and marked removed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from storage.db import Database
from storage.teams import ConversationRef, MemberRef, TeamsDirectory
from tests.support.databases import database_url

URL = "https://smba.trafficmanager.net/emea/3f3d1cea-7a18-41af-872b-cfbbd5140984/"
TEAM = "19:team@thread.tacv2"
CHANNEL = "19:klachten@thread.tacv2"
OBJECT_ID = "9d3e08f9-a7ae-43aa-a4d3-de3f319a8a9c"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


class Clock:
    def __init__(self) -> None:
        self.moment = dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.moment += dt.timedelta(minutes=1)
        return self.moment


@pytest.fixture
def directory(db: Database) -> TeamsDirectory:
    return TeamsDirectory(db, Clock())


def test_a_channel_is_kept_removed_with_its_team_and_back_when_added_again(
    directory: TeamsDirectory,
) -> None:
    channel = ConversationRef(CHANNEL, "channel", URL, "3f3d1cea", TEAM, "28:bot")
    directory.save_conversation(channel)
    directory.save_conversation(ConversationRef(TEAM, "channel", URL, "3f3d1cea", TEAM, "28:bot"))
    directory.save_conversation(ConversationRef("a:chat", "personal", URL))
    assert directory.conversation(CHANNEL) == channel

    directory.remove_team(TEAM)
    assert directory.conversation(CHANNEL).removed and directory.conversation(TEAM).removed
    assert not directory.conversation("a:chat").removed

    moved = ConversationRef(CHANNEL, "channel", URL.replace("emea", "amer"), "3f3d1cea", TEAM)
    directory.save_conversation(moved)
    assert directory.conversation(CHANNEL) == moved  # not removed, the new service address
    assert directory.conversation("19:unknown@thread.tacv2") is None


def test_a_member_keeps_their_chat_when_seen_again_elsewhere(directory: TeamsDirectory) -> None:
    directory.save_member(MemberRef("29:abc", URL, OBJECT_ID, "3f3d1cea", "a:chat"))
    directory.save_member(MemberRef("29:abc", URL, None, "3f3d1cea"))  # in a team, no object id
    member = directory.member("29:abc")
    assert member == MemberRef("29:abc", URL, OBJECT_ID, "3f3d1cea", "a:chat")
    assert directory.member_by_object_id(OBJECT_ID.upper()) == member

    directory.remove_member("29:abc")
    assert directory.member("29:abc").removed
    directory.set_personal_chat("29:abc", "a:new-chat")
    assert directory.member("29:abc") == MemberRef(
        "29:abc", URL, OBJECT_ID, "3f3d1cea", "a:new-chat"
    )


def test_the_reachable_record_of_a_person_comes_first(directory: TeamsDirectory) -> None:
    directory.save_member(MemberRef("29:new", URL, OBJECT_ID))
    directory.save_member(MemberRef("29:old", URL, OBJECT_ID))
    directory.remove_member("29:old")
    found = directory.member_by_object_id(OBJECT_ID)
    assert found is not None and found.user_id == "29:new"
    assert directory.member_by_object_id("00000000-0000-0000-0000-000000000000") is None
