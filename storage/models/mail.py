"""The mailbox's OAuth2 refresh token, kept where every process finds the newest one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class MailboxToken(Base):
    """The refresh token `mail-login` obtained, replaced whenever the provider rotates it, per
    app registration (client id). Whoever can read the database can read the mailbox."""

    __tablename__ = "mailbox_tokens"

    client_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    refresh_token: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[dt.datetime]
