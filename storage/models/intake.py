"""E-mail intake: every inbound message as received, its attachments, and acknowledgements."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class InboundMessage(Base):
    """One e-mail as it arrived, kept for documentation and to recognise it a second time.

    A message seen again (a retry after a crash, a second poller, the mail server piping it
    twice) is found here instead of stored again: by its bytes (`sha256`, unique), or by its
    Message-ID together with its content (`content_hash`: sender, subject and body, without
    the transport headers; the pair is unique). Two different messages that share a
    Message-ID (broken mailers, web forms) are both stored, the second with a `note`.

    `sender` and `subject` are kept for the list of ignored mail (`klachtenbot ignored`);
    like the raw message they are removed by retention and erasure.
    """

    __tablename__ = "inbound_messages"
    __table_args__ = (
        UniqueConstraint("message_id", "content_hash", name="message_id_content"),
        Index("ix_inbound_messages_message_id", "message_id"),
        Index("ix_inbound_messages_outcome_received_at", "outcome", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str | None] = mapped_column(String(500))
    content_hash: Mapped[str | None] = mapped_column(String(64))  # None: stored before 0016
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int]
    source: Mapped[str] = mapped_column(String(10))
    received_at: Mapped[dt.datetime]
    processed_at: Mapped[dt.datetime]
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(40))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    sender: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class InboundAttachment(Base):
    """An attachment of an inbound message; `content` is None when it was over the size cap."""

    __tablename__ = "inbound_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    inbound_message_id: Mapped[int] = mapped_column(ForeignKey("inbound_messages.id"), index=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(255))
    size: Mapped[int]
    content: Mapped[bytes | None] = mapped_column(LargeBinary)


class Acknowledgement(Base):
    """An acknowledgement e-mail to a complainant: queued in the intake transaction, sent after.

    status: pending -> sent; `failed` after the last attempt or a refused recipient; `expired`
    when it could not go out within two days; `suppressed` when the daily limit per address
    (+tag and letter case aside) or per domain was reached (kept so that the limit and the
    decision are visible).
    """

    __tablename__ = "acknowledgements"
    __table_args__ = (Index("ix_acknowledgements_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(320), index=True)
    message_id: Mapped[str] = mapped_column(String(500), unique=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime]
    next_attempt_at: Mapped[dt.datetime]
    claimed_until: Mapped[dt.datetime | None]  # the lease of the process sending it
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None]
