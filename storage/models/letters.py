"""The letters written to complainants: the decision letter and the extension notice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class LetterRow(Base):
    """One letter, as the complainant receives it: the .eml bytes of an e-mail, or the UTF-8
    text the officer prints and posts. One per event that calls for it (the closing with its
    decision, an extension), so preparing a letter twice stores it once.

    `sent_at` is set when the e-mail went out, or when the officer recorded posting it;
    retention and erasure empty `recipient` and `content` with the complaint.
    """

    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("complaint_events.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(10))
    recipient: Mapped[str | None] = mapped_column(String(320))
    message_id: Mapped[str | None] = mapped_column(String(500), unique=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime | None]
