"""A posted report's files behind a link that expires (storage.models.reports: ReportFile,
ReportLink): the clock stores the files and a link when it posts the report; the `teams` process
opens a file by the link's token, and nothing else.

The token is made by the caller (`new_token`) and handed out once, in the link; only its SHA-256
is stored, so the table alone opens nothing. An unknown, expired or malformed token and a file
the report does not have all read as None: the caller answers 404 to each alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select

from storage.db import Database
from storage.models import ReportFile, ReportLink

TOKEN_BYTES = 32  # 256 bits: not to be guessed
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # what token_urlsafe(32) makes
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")  # the report's own file names


@dataclass(frozen=True)
class StoredFile:
    name: str
    media_type: str
    content: bytes


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class ReportLinks:
    def __init__(self, db: Database) -> None:
        self.db = db

    def publish(
        self,
        report_id: int,
        files: list[StoredFile],
        token: str,
        now: dt.datetime,
        expires_at: dt.datetime,
    ) -> None:
        """Store the report's files (replacing earlier ones) and a link to them that opens them
        until `expires_at`; links that expired are removed on the way."""
        with self.db.session() as session:
            session.execute(delete(ReportLink).where(ReportLink.expires_at <= now))
            session.execute(delete(ReportFile).where(ReportFile.report_id == report_id))
            session.add_all(
                ReportFile(
                    report_id=report_id,
                    name=file.name,
                    media_type=file.media_type,
                    content=file.content,
                )
                for file in files
            )
            session.add(
                ReportLink(
                    token_hash=_hash(token),
                    report_id=report_id,
                    created_at=now,
                    expires_at=expires_at,
                )
            )

    def open(self, token: str, name: str, now: dt.datetime) -> StoredFile | None:
        """The file `name` of the report the link `token` opens, while it has not expired."""
        if not TOKEN.fullmatch(token) or not NAME.fullmatch(name):
            return None
        with self.db.reading() as session:
            row = session.execute(
                select(ReportFile)
                .join(ReportLink, ReportLink.report_id == ReportFile.report_id)
                .where(
                    ReportLink.token_hash == _hash(token),
                    ReportLink.expires_at > now,
                    ReportFile.name == name,
                )
            ).scalar_one_or_none()
            if row is None:
                return None
            return StoredFile(row.name, row.media_type, row.content)
