"""Reaching one person in Teams: their personal chat with the bot, by Entra object id (what the
procedure and the settings name people by).

The chat comes from the directory (storage.teams) when Teams told the bot about it (install,
a message, an earlier chat). Otherwise the person is looked up on the complaints channel's team
roster (`GET …/members/{objectId}`, which gives their `29:` id), the 1:1 chat is created
through the Bot Connector (`POST /v3/conversations`), and both are stored for next time.

A person the bot cannot reach answers 403 or 404 (not in the team, left it, the app removed
from their personal scope or blocked): `unreachable(outcome)` says so, and a chat that stopped
working is forgotten, so the next message opens it anew.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from bot.settings import Settings
from bot.teams.connector import BotConnector, Member, Outcome, Refused, Retry, Sent
from storage.teams import MemberRef, TeamsDirectory

log = logging.getLogger(__name__)

# What Teams answers about a person it will not let the bot write to.
UNREACHABLE_STATUSES = frozenset({403, 404})


def unreachable(outcome: Any) -> bool:
    """Teams refused because of the person (gone, not in the team, app removed or blocked)."""
    return isinstance(outcome, Refused) and outcome.status in UNREACHABLE_STATUSES


@dataclass(frozen=True)
class Chat:
    """A personal chat: where to post and through which service address."""

    conversation_id: str
    service_url: str


class PersonalChats:
    def __init__(
        self, settings: Settings, directory: TeamsDirectory, connector: BotConnector
    ) -> None:
        self.settings = settings
        self.directory = directory
        self.connector = connector

    def send(self, object_id: str, activity: dict[str, Any]) -> Outcome:
        """A message in the person's personal chat (its id and the activity's, when Sent). A
        stored chat Teams no longer knows is opened anew from the roster, once."""
        stored = self._stored(object_id)
        if stored is not None:
            outcome = self._post(stored, activity)
            if not unreachable(outcome):
                return outcome
            self._forget(object_id)
        chat = self._open(object_id)
        if not isinstance(chat, Chat):
            return chat
        outcome = self._post(chat, activity)
        if unreachable(outcome):
            self._forget(object_id)
        return outcome

    def _post(self, chat: Chat, activity: dict[str, Any]) -> Outcome:
        return self.connector.send(chat.conversation_id, activity, service_url=chat.service_url)

    def _stored(self, object_id: str) -> Chat | None:
        known = self.directory.member_by_object_id(object_id)
        if known is not None and not known.removed and known.personal_chat_id:
            return Chat(known.personal_chat_id, known.service_url)
        return None

    def _open(self, object_id: str) -> Chat | Retry | Refused:
        """The 1:1 chat created through the Bot Connector with the person's 29: id from the
        roster, and stored."""
        known = self.directory.member_by_object_id(object_id)
        service_url = known.service_url if known is not None else self._service_url()
        member = self._on_roster(object_id, service_url)
        if not isinstance(member, Member):
            return member
        opened = self.connector.open_personal_chat(member.user_id, service_url=service_url)
        if not isinstance(opened, Sent):
            return opened
        self.directory.save_member(
            MemberRef(
                user_id=member.user_id,
                service_url=service_url,
                aad_object_id=member.aad_object_id or object_id.lower(),
                tenant_id=member.tenant_id,
                personal_chat_id=opened.conversation_id,
            )
        )
        return Chat(opened.conversation_id, service_url)

    def update(self, object_id: str, chat_id: str, activity_id: str, activity: dict) -> Outcome:
        """Replace a message the bot sent in the person's chat (a card updated in place)."""
        known = self.directory.member_by_object_id(object_id)
        service_url = known.service_url if known is not None else self._service_url()
        outcome = self.connector.update(chat_id, activity_id, activity, service_url=service_url)
        if unreachable(outcome):
            log.info("a card in a personal chat could not be updated: %s", outcome.code)
        return outcome

    def _on_roster(self, object_id: str, service_url: str) -> Member | Retry | Refused:
        """The person on the complaints channel's team roster (their 29: id)."""
        team = self.settings.teams_complaints_channel
        if not team:
            return Refused(404, "NoTeam", "TEAMS_COMPLAINTS_CHANNEL")
        return self.connector.member(team, object_id, service_url=service_url)

    def _service_url(self) -> str:
        """The complaints channel's service address when Teams told it, else the setting."""
        channel = self.settings.teams_complaints_channel
        known = self.directory.conversation(channel) if channel else None
        return known.service_url if known is not None else self.settings.teams_service_url

    def _forget(self, object_id: str) -> None:
        """The person's stored chat does not work any more."""
        known = self.directory.member_by_object_id(object_id)
        if known is not None:
            self.directory.remove_member(known.user_id)
