"""The letters written to complainants, and the Message-ID a letter threads on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.procedure import Complaint
from storage.claims import dialect_insert
from storage.models import LetterRow
from storage.models.intake import InboundMessage

# InboundMessage.outcome of the e-mail that became the complaint (bot/intake/store.py).
STORED = "stored"


class LetterStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def original_message_id(self, complaint: Complaint) -> str | None:
        """The Message-ID of the complainant's own e-mail that became the complaint, as intake
        stored it; None for a complaint that did not come by e-mail, or came forwarded by a
        colleague (the complainant never saw the forwarder's message)."""
        if complaint.id is None or complaint.forwarded_by is not None:
            return None
        return self.session.scalar(
            select(InboundMessage.message_id)
            .where(InboundMessage.complaint_id == complaint.id, InboundMessage.outcome == STORED)
            .order_by(InboundMessage.id)
            .limit(1)
        )

    def add(
        self,
        complaint_id: int,
        event_id: int,
        *,
        kind: str,
        channel: str,
        recipient: str | None,
        message_id: str | None,
        content: bytes,
        now: dt.datetime,
    ) -> LetterRow:
        """Store the letter an event calls for; a letter stored for it before is kept as it
        was (the event makes it once, however often this runs)."""
        self.session.execute(
            dialect_insert(self.session, LetterRow)
            .values(
                complaint_id=complaint_id,
                event_id=event_id,
                kind=kind,
                channel=channel,
                recipient=recipient,
                message_id=message_id,
                content=content,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=[LetterRow.event_id])
        )
        return self.session.scalars(select(LetterRow).where(LetterRow.event_id == event_id)).one()

    def of_event(self, event_id: int) -> LetterRow | None:
        return self.session.scalars(select(LetterRow).where(LetterRow.event_id == event_id)).first()

    def get(self, letter_id: int) -> LetterRow | None:
        return self.session.get(LetterRow, letter_id)

    def of_complaint(self, complaint_id: int) -> list[LetterRow]:
        return list(
            self.session.scalars(
                select(LetterRow)
                .where(LetterRow.complaint_id == complaint_id)
                .order_by(LetterRow.id)
            )
        )
