"""The safety net for mail the intake ignored: the list with each message's reason, and making
a complaint of one after all, as if it had been taken in when it arrived.

`admit` is the one way to do the latter (the command line's `klachtenbot admit`, and a chat
button): the complaint keeps the message's original receipt moment, so its contact deadline is
the one the procedure gave it then, and its history names who took it up and why it had been
ignored. An acknowledgement goes out only while that deadline is still ahead (one that arrives
after it would promise a call already due).
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.orm import Session

from bot.intake.acknowledge import queue_acknowledgement
from bot.intake.store import add_attachments, intake_of, parse_inbound
from bot.procedure import Actor, Complaint, ProcedureError, steps
from bot.procedure.errors import AlreadyDone
from bot.readable import typed
from bot.service import ComplaintService
from bot.texts import intake as text
from storage.complaints import ComplaintStore
from storage.inbound import IGNORED, IgnoredRow, InboundStore
from storage.models import InboundMessage

log = logging.getLogger(__name__)

# The officer's Home and weekly digest count the ignored mail of this last stretch.
RECENT = dt.timedelta(days=7)


def ignored_mail(service: ComplaintService, since: dt.datetime | None = None) -> list[IgnoredRow]:
    """Ignored mail still kept (retention removes it), newest first, each with its reason."""
    with service.db.reading() as session:
        return InboundStore(session).ignored(since)


def ignored_count(service: ComplaintService, since: dt.datetime) -> int:
    """How many ignored messages received since `since` are still kept (the officer's Home and
    weekly digest show it)."""
    with service.db.reading() as session:
        return InboundStore(session).count_ignored(since)


def admit(
    service: ComplaintService, inbound_id: int, actor: Actor, *, listed_by: str | None = None
) -> Complaint:
    """Make a complaint of the ignored message `inbound_id`, for `actor` (an officer).
    ProcedureError (Dutch message, naming `listed_by` as where the list is) when there is no
    such ignored message or it was taken up already; NotAllowed for anyone but an officer."""

    def work(session: Session, store: ComplaintStore) -> tuple[Complaint, list[Complaint]]:
        row = _ignored_row(session, store, inbound_id, listed_by or typed("klachtenbot ignored"))
        parsed = parse_inbound(row.raw, service.settings)
        now = service.now()
        complaint = steps.admit(
            intake_of(parsed, row.received_at, [row.note] if row.note else []),
            actor,
            calendar=service.calendar,
            contact_days=service.settings.contact_deadline_days,
            reason=row.reason or "",
            now=now,
        )
        if not InboundStore(session).claim_ignored(inbound_id):
            raise AlreadyDone(text.ADMIT_ALREADY.format(id=inbound_id, reference="?"))
        stored = store.add(complaint)
        row.outcome, row.complaint_id = "stored", stored.id
        session.flush()
        add_attachments(session, row, parsed)
        if stored.contact_deadline > now:
            queue_acknowledgement(session, stored, parsed, service.settings, now)
        return stored, [stored]

    complaint = service.unit_of_work(work)
    log.info("ignored e-mail %d taken up as complaint %s", inbound_id, complaint.reference)
    return complaint


def _ignored_row(
    session: Session, store: ComplaintStore, inbound_id: int, listed_by: str
) -> InboundMessage:
    row = session.get(InboundMessage, inbound_id)
    if row is None or not row.raw:
        raise ProcedureError(text.ADMIT_NOT_FOUND.format(id=inbound_id, command=listed_by))
    if row.outcome != IGNORED:
        reference = store.get_by_id(row.complaint_id).reference if row.complaint_id else "?"
        raise AlreadyDone(text.ADMIT_ALREADY.format(id=inbound_id, reference=reference))
    return row
