"""Where a complaint's personal data sits outside its own row, and how it is removed.

Besides the complaint and its events: the e-mails as they arrived (raw bytes, Message-ID),
their attachments, the acknowledgements (recipient address, error text) and the letters sent
to the complainant (address and text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import Session

from bot.procedure import Complaint, EventKind, State
from bot.procedure.privacy import Anonymised
from bot.texts.privacy import REMOVED
from storage.complaints import OUTBOX_SURFACES, ComplaintStore
from storage.eventlog import rewriting_events
from storage.inbound import HASHED_PREFIX, hashed_message_id
from storage.models import ComplaintRow, EventRow, LetterRow
from storage.models.intake import Acknowledgement, InboundAttachment, InboundMessage


@dataclass(frozen=True)
class Removed:
    """Stored e-mails and attachment contents a cleaning removed (or would remove)."""

    emails: int = 0
    attachments: int = 0


class PersonalDataStore:
    def __init__(
        self, session: Session, tz: ZoneInfo, outbox: Sequence[str] = OUTBOX_SURFACES
    ) -> None:
        self.session = session
        self.complaints = ComplaintStore(session, tz, outbox)

    # finding ------------------------------------------------------------------------------
    def ended_before(self, moment: dt.datetime) -> list[int]:
        """The ids of complaints closed, or rejected, before `moment` that still hold personal
        data (ids only: a first retention run may find tens of thousands)."""
        rejected_before = exists().where(
            EventRow.complaint_id == ComplaintRow.id,
            EventRow.kind == EventKind.REJECTED.value,
            EventRow.at < moment,
        )
        ids = self.session.scalars(
            select(ComplaintRow.id)
            .where(
                ComplaintRow.anonymised_at.is_(None),
                or_(
                    and_(ComplaintRow.state == State.CLOSED.value, ComplaintRow.closed_at < moment),
                    and_(ComplaintRow.state == State.REJECTED.value, rejected_before),
                ),
            )
            .order_by(ComplaintRow.id)
        )
        return list(ids)

    def of_complainant(self, email: str) -> list[Complaint]:
        """Every complaint whose complainant has this address (in any letter case)."""
        return [self.complaints.get_by_id(found) for found in self.complainant_ids(email)]

    def complainant_ids(self, email: str) -> list[int]:
        """The ids of `of_complainant`, for a run that reads each complaint on its own."""
        return list(
            self.session.scalars(
                select(ComplaintRow.id)
                .where(func.lower(ComplaintRow.complainant_email) == email.strip().lower())
                .order_by(ComplaintRow.id)
            )
        )

    def messages(self, complaint_id: int) -> list[InboundMessage]:
        """The complaint's e-mails as they arrived (the first and every reply), oldest first."""
        return list(
            self.session.scalars(
                select(InboundMessage)
                .where(InboundMessage.complaint_id == complaint_id)
                .order_by(InboundMessage.received_at, InboundMessage.id)
            )
        )

    def unlinked_messages_from(self, email: str) -> list[InboundMessage]:
        """E-mails from this address that became no complaint (ignored, auto-replies)."""
        rows = self.session.scalars(
            select(InboundMessage)
            .where(InboundMessage.complaint_id.is_(None), InboundMessage.raw != b"")
            .order_by(InboundMessage.id)
        )
        wanted = email.strip().lower()
        return [row for row in rows if wanted in senders(row.raw)]

    def attachments(self, complaint_id: int) -> list[InboundAttachment]:
        return list(
            self.session.scalars(
                select(InboundAttachment)
                .where(InboundAttachment.complaint_id == complaint_id)
                .order_by(InboundAttachment.id)
            )
        )

    def acknowledgements(self, complaint_id: int) -> list[Acknowledgement]:
        return list(
            self.session.scalars(
                select(Acknowledgement)
                .where(Acknowledgement.complaint_id == complaint_id)
                .order_by(Acknowledgement.id)
            )
        )

    def removable(self, complaint_id: int) -> Removed:
        """What anonymising this complaint would remove besides its fields."""
        emails = self.session.scalar(
            select(func.count())
            .select_from(InboundMessage)
            .where(InboundMessage.complaint_id == complaint_id, InboundMessage.raw != b"")
        )
        attachments = self.session.scalar(
            select(func.count())
            .select_from(InboundAttachment)
            .where(
                InboundAttachment.complaint_id == complaint_id,
                or_(
                    InboundAttachment.content.is_not(None),
                    InboundAttachment.filename != REMOVED,
                ),
            )
        )
        return Removed(int(emails or 0), int(attachments or 0))

    # removing -----------------------------------------------------------------------------
    def anonymise(self, anonymised: Anonymised) -> Removed:
        """Store the anonymised complaint (its fields, its rewritten history, the event saying
        so) and remove its raw e-mails, attachment contents and acknowledgement addresses."""
        complaint = anonymised.complaint
        assert complaint.id is not None
        removed = self.removable(complaint.id)
        self.complaints.save(complaint)
        with rewriting_events(self.session):
            for event in complaint.events:
                if event.id is not None:
                    self.session.execute(
                        update(EventRow).where(EventRow.id == event.id).values(data=event.data)
                    )
        for message in self.messages(complaint.id):
            self._scrub_message(message)
        self.session.execute(
            update(InboundAttachment)
            .where(InboundAttachment.complaint_id == complaint.id)
            .values(content=None, filename=REMOVED)
        )
        self.session.execute(
            update(Acknowledgement)
            .where(Acknowledgement.complaint_id == complaint.id)
            .values(recipient="", last_error=None)
        )
        # The letters' text names the complainant; the Message-ID is the bot's own.
        self.session.execute(
            update(LetterRow)
            .where(LetterRow.complaint_id == complaint.id)
            .values(recipient=None, content=b"")
        )
        self.session.flush()
        return removed

    def unlinked_before(self, moment: dt.datetime) -> list[InboundMessage]:
        """E-mails of no complaint, received before `moment`, whose text is still stored."""
        return list(
            self.session.scalars(
                select(InboundMessage)
                .where(
                    InboundMessage.complaint_id.is_(None),
                    InboundMessage.raw != b"",
                    InboundMessage.received_at < moment,
                )
                .order_by(InboundMessage.id)
            )
        )

    def scrub_messages(self, messages: list[InboundMessage]) -> None:
        """Remove these e-mails' text and their attachments' contents (not part of a complaint)."""
        for message in messages:
            self._scrub_message(message)
            self.session.execute(
                update(InboundAttachment)
                .where(InboundAttachment.inbound_message_id == message.id)
                .values(content=None, filename=REMOVED)
            )
        self.session.flush()

    def _scrub_message(self, message: InboundMessage) -> None:
        # The hashes of the bytes and of the content stay, so the same message delivered again
        # is still recognised; a Message-ID can hold a name or an address, so only its hash
        # stays. The sender and subject kept for the list of ignored mail go.
        message.raw = b""
        message.sender = None
        message.subject = None
        if message.message_id and not message.message_id.startswith(HASHED_PREFIX):
            message.message_id = hashed_message_id(message.message_id)


def senders(raw: bytes) -> set[str]:
    """The lower-cased addresses in a message's From, Sender and Reply-To headers."""
    headers = BytesHeaderParser().parsebytes(raw)
    names = ("from", "sender", "reply-to")
    values = [str(value) for name in names for value in headers.get_all(name) or []]
    return {address.lower() for _, address in getaddresses(values) if address}
