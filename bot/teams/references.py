"""Conversation references from what Teams tells the bot: where it was installed or added,
who joined or left, and each person's personal chat (storage.teams keeps them).

- `installationUpdate` add (team, group chat or personal scope) stores the conversation;
  remove marks it (a team: every channel of it) as removed, and a personal uninstall marks the
  person unreachable.
- `conversationUpdate` with the bot among `membersAdded` is an install too; with people among
  them, each person is stored (their 29: id, Entra object id and, in a personal chat, that
  chat). `membersRemoved` marks the bot's conversation or the people removed. Any other
  conversationUpdate (a channel renamed, ...) refreshes the conversation's reference.
- A personal chat's message or invoke stores the sender with that chat.

Only the own tenant's activities are stored; ids that are not plain printable text, or longer
than any id Teams uses, are left out.
"""

from __future__ import annotations

import logging
from typing import Any

from storage.models.teams import ID_LENGTH
from storage.teams import ConversationRef, MemberRef, TeamsDirectory

log = logging.getLogger(__name__)

BOT_PREFIX = "28:"
USER_PREFIX = "29:"


def tenant_of(activity: Any) -> str | None:
    """The tenant an activity belongs to (channelData.tenant is there in every context)."""
    tenant = getattr(activity.channel_data, "tenant", None) if activity.channel_data else None
    value = getattr(tenant, "id", None) or activity.conversation.tenant_id
    return value.lower() if isinstance(value, str) else None


def record_installation(activity: Any, directory: TeamsDirectory, service_url: str) -> None:
    if str(activity.action or "").startswith("remove"):
        _record_removal(activity, directory)
    else:
        _record_install(activity, directory, service_url)


def record_conversation_update(activity: Any, directory: TeamsDirectory, service_url: str) -> None:
    bot_id = activity.recipient.id
    added = activity.members_added or []
    removed = activity.members_removed or []
    if any(member.id == bot_id for member in removed):
        _record_removal(activity, directory)
        return
    _record_install(activity, directory, service_url)
    for member in added:
        record_member(member, activity, directory, service_url)
    for member in removed:
        user_id = _id(member.id)
        if user_id and user_id.startswith(USER_PREFIX):
            directory.remove_member(user_id)


def record_member(account: Any, activity: Any, directory: TeamsDirectory, service_url: str) -> None:
    """Store a person from an activity's `from` or `membersAdded`; in a personal chat, with it."""
    user_id = _id(account.id)
    if not user_id or not user_id.startswith(USER_PREFIX):
        return  # the bot itself, or an id we cannot use
    personal = _kind(activity) == "personal"
    object_id = _id(getattr(account, "aad_object_id", None))
    ref = MemberRef(
        user_id=user_id,
        service_url=service_url,
        aad_object_id=object_id.lower() if object_id else None,
        tenant_id=tenant_of(activity),
        personal_chat_id=_id(activity.conversation.id) if personal else None,
    )
    if directory.member(user_id) == ref:
        return  # known as is: every click in a personal chat reads, and writes only a change
    directory.save_member(ref)


def _record_install(activity: Any, directory: TeamsDirectory, service_url: str) -> None:
    conversation_id = _id(activity.conversation.id)
    if conversation_id is None:
        return
    kind = _kind(activity)
    team = getattr(activity.channel_data, "team", None) if activity.channel_data else None
    team_id = _id(getattr(team, "id", None))
    reference = ConversationRef(
        conversation_id=conversation_id.partition(";messageid=")[0],
        kind=kind,
        service_url=service_url,
        tenant_id=tenant_of(activity),
        team_id=team_id,
        bot_id=_id(activity.recipient.id),
    )
    directory.save_conversation(reference)
    if team_id and team_id != reference.conversation_id:
        # The General channel's id is the team's: posting there needs no other reference.
        directory.save_conversation(
            ConversationRef(**{**vars(reference), "conversation_id": team_id})
        )
    if kind == "personal":
        record_member(activity.from_, activity, directory, service_url)


def _record_removal(activity: Any, directory: TeamsDirectory) -> None:
    team = getattr(activity.channel_data, "team", None) if activity.channel_data else None
    team_id = _id(getattr(team, "id", None))
    conversation_id = _id(activity.conversation.id)
    if team_id:
        directory.remove_team(team_id)
    elif conversation_id:
        directory.remove_conversation(conversation_id)
    if _kind(activity) == "personal":
        user_id = _id(activity.from_.id)
        if user_id:
            directory.remove_member(user_id)


def _kind(activity: Any) -> str:
    kind = activity.conversation.conversation_type
    if kind in ("personal", "channel", "groupChat"):
        return kind
    conversation_id = activity.conversation.id or ""
    if conversation_id.startswith("a:"):
        return "personal"
    return "groupChat" if "@thread.v2" in conversation_id else "channel"


def _id(value: object) -> str | None:
    if isinstance(value, str) and 0 < len(value) <= ID_LENGTH and value.isprintable():
        return None if " " in value else value
    return None
