"""What the bot knows of Teams: the conversations it was added to and the people it can reach.

Teams gives a bot no way to look these up later by itself: a channel's service address and
tenant, and a person's 29: id and personal chat, arrive with the installation and membership
events (`installationUpdate`, `conversationUpdate`), and proactive messages need them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base

ID_LENGTH = 512  # Teams' ids (29:..., a:..., 19:...;messageid=...) run to a few hundred


class TeamsConversation(Base):
    """A channel, personal chat or group chat the bot is (or was) in. `removed_at` is set when
    the bot was removed or uninstalled there, and cleared when it comes back."""

    __tablename__ = "teams_conversations"

    conversation_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # channel, personal or groupChat
    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    tenant_id: Mapped[str | None] = mapped_column(String(40))
    service_url: Mapped[str] = mapped_column(String(ID_LENGTH))
    bot_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    removed_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime]


class TeamsMember(Base):
    """A person the bot has seen: their 29: id (for this bot), their Entra object id (what the
    settings name people by) and, once there is one, their personal chat with the bot.
    `removed_at`: they left the team or removed the app from their personal scope."""

    __tablename__ = "teams_members"

    user_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    aad_object_id: Mapped[str | None] = mapped_column(String(40), index=True)
    tenant_id: Mapped[str | None] = mapped_column(String(40))
    service_url: Mapped[str] = mapped_column(String(ID_LENGTH))
    personal_chat_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    removed_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime]
