"""The mailbox's refresh token in the database (see storage.models.mail)."""

from __future__ import annotations

import datetime as dt

from storage.db import Database
from storage.models.mail import MailboxToken


class TokenStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def load(self, client_id: str) -> str | None:
        with self.db.session() as session:
            row = session.get(MailboxToken, client_id)
            return row.refresh_token if row else None

    def save(self, client_id: str, refresh_token: str, now: dt.datetime) -> None:
        with self.db.session() as session:
            row = session.get(MailboxToken, client_id)
            if row is None:
                session.add(
                    MailboxToken(client_id=client_id, refresh_token=refresh_token, saved_at=now)
                )
            else:
                row.refresh_token = refresh_token
                row.saved_at = now
