"""Test helpers for the Teams surface's jobs: the clock's context with Teams configured (against
the fake Bot Connector), the complaints channel as the fake holds it, and people the bot can
reach in their personal chats."""

from __future__ import annotations

from typing import Any

from bot.jobs.context import JobContext
from bot.service import ComplaintService
from bot.surfaces import make_context
from bot.teams.jobs import TeamsSurface, teams_of
from storage.teams import MemberRef
from tests.support.fake_teams import Activity, FakeTeams, Person
from tests.teams.conftest import COMPLAINTS, OFFICER


def teams_context(service: ComplaintService, fake: FakeTeams, *reachable: Person) -> JobContext:
    """The clock's context of a process with Teams configured; `reachable` people (the officer
    by default) are known to the bot with their personal chat, as after they installed it."""
    ctx = make_context(service.settings, service, "test-clock")
    teams = teams_of(ctx)
    for person in reachable or (OFFICER,):
        reach(teams, fake, person)
    return ctx


def reach(teams: TeamsSurface, fake: FakeTeams, person: Person) -> None:
    chat = fake.chats.setdefault(person.user_id, "a:1" + person.user_id.removeprefix("29:"))
    teams.directory.save_member(
        MemberRef(
            user_id=person.user_id,
            service_url=teams.service.settings.teams_service_url,
            aad_object_id=person.aad_object_id,
            personal_chat_id=chat,
        )
    )


def roots(fake: FakeTeams, channel: str = COMPLAINTS) -> list[Activity]:
    """The bot's posts in `channel` (each the root of its own thread), oldest first."""
    return fake.in_conversation(channel)


def replies(fake: FakeTeams, root: Activity) -> list[Activity]:
    return fake.in_conversation(f"{root.conversation_id};messageid={root.activity_id}")


def card_of(activity: Activity) -> dict[str, Any]:
    (attachment,) = activity.body["attachments"]
    return attachment["content"]


def card_text(activity: Activity) -> str:
    """Every text a card shows, in order."""
    return " ".join(_texts(card_of(activity)))


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [str(value[key]) for key in ("text", "title", "value") if key in value]
        return found + [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def personal_messages(fake: FakeTeams, person: Person) -> list[Activity]:
    """What the bot sent `person` in their personal chat."""
    chat = fake.chats.get(person.user_id)
    return fake.in_conversation(chat) if chat else []


def heading(activity: Activity) -> str:
    """The card's first line: the reference and where the complaint stands."""
    return str(card_of(activity)["body"][0]["text"])


def expected_heading(service: ComplaintService, reference: str) -> str:
    """What the card's first line says of the complaint as stored now (bot.views.card)."""
    from bot.views.card import card_state

    return f"{reference} · {card_state(service.get(reference), service.now())}"
