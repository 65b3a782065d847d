"""Inbound e-mail as stored: finding a message seen before, the list of ignored mail, and
taking an ignored message up as a complaint."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import Acknowledgement, InboundMessage

IGNORED, STORED = "ignored", "stored"
HASHED_PREFIX = "sha256:"  # a Message-ID after retention or erasure (storage.privacy)


@dataclass(frozen=True)
class Seen:
    """What became of a message the first time it came in."""

    outcome: str
    reason: str | None
    complaint_id: int | None


@dataclass(frozen=True)
class IgnoredRow:
    id: int
    received_at: dt.datetime
    reason: str | None
    sender: str
    subject: str
    note: str | None


def hashed_message_id(message_id: str) -> str:
    return HASHED_PREFIX + hashlib.sha256(message_id.encode()).hexdigest()


class InboundStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def seen(self, sha256: str, message_id: str | None, content_hash: str) -> Seen | None:
        """The same bytes, or the same Message-ID with the same content (or a row from before
        content was recorded), also after retention or erasure hashed the Message-ID."""
        condition = InboundMessage.sha256 == sha256
        if message_id is not None:
            same_content = or_(
                InboundMessage.content_hash == content_hash,
                InboundMessage.content_hash.is_(None),
            )
            ids = [message_id, hashed_message_id(message_id)]
            condition = or_(condition, and_(InboundMessage.message_id.in_(ids), same_content))
        found = self.session.execute(
            select(InboundMessage.outcome, InboundMessage.reason, InboundMessage.complaint_id)
            .where(condition)
            .order_by(InboundMessage.id)
            .limit(1)
        ).first()
        return None if found is None else Seen(*found)

    def first_with_message_id(self, message_id: str) -> InboundMessage | None:
        """The earliest stored message that has this Message-ID (whatever its content)."""
        return self.session.scalars(
            select(InboundMessage)
            .where(InboundMessage.message_id == message_id)
            .order_by(InboundMessage.id)
            .limit(1)
        ).first()

    def acknowledged_complaint(self, message_ids: list[str]) -> int | None:
        """The complaint one of our acknowledgements with these msg-ids was about."""
        return self.session.scalars(
            select(Acknowledgement.complaint_id)
            .where(Acknowledgement.message_id.in_(message_ids))
            .limit(1)
        ).first()

    def complaints_of_messages(self, message_ids: list[str]) -> list[int]:
        """The complaints that stored messages with these Message-IDs belong to."""
        return list(
            self.session.scalars(
                select(InboundMessage.complaint_id)
                .where(
                    InboundMessage.message_id.in_(message_ids),
                    InboundMessage.complaint_id.is_not(None),
                )
                .distinct()
            )
        )

    def ignored(self, since: dt.datetime | None = None) -> list[IgnoredRow]:
        """Ignored mail whose text is still kept (retention and erasure remove it), newest
        first."""
        query = select(
            InboundMessage.id,
            InboundMessage.received_at,
            InboundMessage.reason,
            InboundMessage.sender,
            InboundMessage.subject,
            InboundMessage.note,
        ).where(InboundMessage.outcome == IGNORED, InboundMessage.raw != b"")
        if since is not None:
            query = query.where(InboundMessage.received_at >= since)
        rows = self.session.execute(query.order_by(InboundMessage.received_at.desc()))
        return [
            IgnoredRow(id_, at, reason, sender or "", subject or "", note)
            for id_, at, reason, sender, subject, note in rows
        ]

    def count_ignored(self, since: dt.datetime) -> int:
        """How many of `ignored` were received since `since`."""
        query = select(func.count(InboundMessage.id)).where(
            InboundMessage.outcome == IGNORED,
            InboundMessage.raw != b"",
            InboundMessage.received_at >= since,
        )
        return int(self.session.scalar(query) or 0)

    def claim_ignored(self, inbound_id: int) -> bool:
        """Mark an ignored message as taken up (in the caller's transaction); False when it is
        not (or no longer) ignored, so two officers never make two complaints of it."""
        result = self.session.execute(
            update(InboundMessage)
            .where(InboundMessage.id == inbound_id, InboundMessage.outcome == IGNORED)
            .values(outcome=STORED)
        )
        return result.rowcount == 1
