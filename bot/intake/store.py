"""Take one raw e-mail in: keep the raw message and what it became, in ONE transaction.

The raw message, the new complaint (or the reply event on an existing one), its attachments
and the queued acknowledgement commit together or not at all, so a crash can never leave a
complaint without its message or a message marked done without its complaint. A message seen
before (same Message-ID, or the same bytes when it has none) is recognised and not stored twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import traceback
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.intake.acknowledge import own_address, queue_acknowledgement
from bot.intake.classify import Reason, Verdict, classify
from bot.intake.parse import Address, Attachment, ParsedMessage, parse_message
from bot.procedure import (
    SYSTEM_ACTOR,
    Complaint,
    ComplaintNotFound,
    ConcurrentChange,
    EventKind,
    steps,
)
from bot.procedure.inputs import Intake
from bot.procedure.model import Source
from bot.service import ComplaintService
from bot.texts import intake as text
from storage.complaints import ComplaintStore
from storage.models import Acknowledgement, InboundAttachment, InboundMessage

log = logging.getLogger(__name__)

BODY_LIMIT = 100_000  # characters kept in the complaint; the raw message keeps everything
REPLY_TEXT_LIMIT = 3_000
NAME_LIMIT = 200  # the widths of the complaint's columns
EMAIL_LIMIT = 320
ATTEMPTS = 3
PROJECT_ROOT = str(Path(__file__).resolve().parents[2])


class OutcomeKind(StrEnum):
    STORED = "stored"  # a new complaint
    ATTACHED = "attached"  # a reply, added to an existing complaint
    IGNORED = "ignored"


@dataclass(frozen=True)
class Outcome:
    kind: OutcomeKind
    reference: str | None = None
    reason: Reason | None = None
    duplicate: bool = False  # seen before: nothing was stored this time
    complaint: Complaint | None = None

    @property
    def is_complaint_mail(self) -> bool:
        """Whether the message belongs in the processed folder (else: the ignored folder)."""
        return self.kind is not OutcomeKind.IGNORED


def ingest_raw(
    raw: bytes, received_at: dt.datetime, service: ComplaintService, *, source: str = "pipe"
) -> Outcome:
    """Store `raw` and what it is; raises DatabaseUnavailable when the database is down."""
    own = own_address(service.settings)
    settings = service.settings
    parsed = parse_message(
        raw, settings.attachment_max_bytes, own.rpartition("@")[2], settings.message_max_bytes
    )
    inbound = _Inbound(
        raw=raw,
        received_at=received_at,
        source=source,
        parsed=parsed,
        verdict=classify(parsed, own_addresses=(own,)),
    )
    outcome = _store(inbound, service)
    _log(inbound, outcome)
    return outcome


@dataclass(frozen=True)
class _Inbound:
    """One message on its way in; its Message-ID and the hash of its bytes identify it."""

    raw: bytes
    received_at: dt.datetime
    source: str
    parsed: ParsedMessage
    verdict: Verdict

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def _store(inbound: _Inbound, service: ComplaintService) -> Outcome:
    """Store once. Two processes taking in the same message at the same moment: the second
    fails on the unique keys at the end of its transaction, which rolls back whole (its
    reference number included), and finds the first one's result instead."""
    for attempt in range(ATTEMPTS):
        try:
            return _store_once(inbound, service)
        except IntegrityError:
            with service.db.session() as session:
                duplicate = _find_duplicate(inbound, session, service)
            if duplicate is not None:
                return duplicate
            if attempt == ATTEMPTS - 1:
                raise
        except ConcurrentChange:  # someone changed the complaint this replies to: again
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _store_once(inbound: _Inbound, service: ComplaintService) -> Outcome:
    """One transaction through the service: its after-commit hooks (Slack) follow a stored
    complaint or an attached reply, never a duplicate."""

    def work(session: Session, store: ComplaintStore) -> tuple[Outcome, list[Complaint]]:
        duplicate = _find_duplicate(inbound, session, service)
        if duplicate is not None:
            return duplicate, []
        outcome = _decide(inbound, session, store, service)
        row = InboundMessage(
            message_id=inbound.parsed.message_id,
            sha256=inbound.sha256,
            raw=inbound.raw,
            size=len(inbound.raw),
            source=inbound.source,
            received_at=inbound.received_at,
            processed_at=service.now(),
            outcome=outcome.kind.value,
            reason=outcome.reason.value if outcome.reason else None,
            complaint_id=outcome.complaint.id if outcome.complaint else None,
        )
        session.add(row)
        session.flush()  # IntegrityError here when another process stored it meanwhile
        if outcome.kind is OutcomeKind.STORED:
            queue_acknowledgement(
                session, outcome.complaint, inbound.parsed, service.settings, row.processed_at
            )
        if outcome.complaint is not None:
            _add_attachments(session, row, inbound.parsed)
        return outcome, [outcome.complaint] if outcome.complaint else []

    return service.unit_of_work(work)


def _decide(
    inbound: _Inbound, session: Session, store: ComplaintStore, service: ComplaintService
) -> Outcome:
    if inbound.verdict.ignored:
        return Outcome(OutcomeKind.IGNORED, reason=inbound.verdict.reason)
    thread = _thread_of(session, store, inbound.parsed)
    if thread is not None:
        return _attach_reply(store, service, thread, inbound.parsed, inbound.received_at)
    return _new_complaint(store, service, inbound.parsed, inbound.received_at)


def _find_duplicate(
    inbound: _Inbound, session: Session, service: ComplaintService
) -> Outcome | None:
    """What became of this message the first time, if it was seen before."""
    condition = InboundMessage.sha256 == inbound.sha256
    if inbound.parsed.message_id is not None:
        condition = or_(condition, InboundMessage.message_id == inbound.parsed.message_id)
    found = session.execute(
        select(InboundMessage.outcome, InboundMessage.reason, InboundMessage.complaint_id)
        .where(condition)
        .limit(1)
    ).first()
    if found is None:
        return None
    outcome, reason, complaint_id = found
    store = ComplaintStore(session, service.settings.tz)
    complaint = store.get_by_id(complaint_id) if complaint_id is not None else None
    return Outcome(
        OutcomeKind(outcome),
        reference=complaint.reference if complaint else None,
        reason=Reason(reason) if reason else None,
        duplicate=True,
        complaint=complaint,
    )


def _thread_of(session: Session, store: ComplaintStore, parsed: ParsedMessage) -> Complaint | None:
    """The complaint this message replies to: by In-Reply-To/References, else by [K-...]."""
    if parsed.thread_ids:
        ids = list(parsed.thread_ids)
        complaint_id = session.scalars(
            select(InboundMessage.complaint_id)
            .where(InboundMessage.message_id.in_(ids), InboundMessage.complaint_id.is_not(None))
            .union(select(Acknowledgement.complaint_id).where(Acknowledgement.message_id.in_(ids)))
            .limit(1)
        ).first()
        if complaint_id is not None:
            return store.get_by_id(complaint_id)
    for reference in parsed.references:
        try:
            return store.get(reference)
        except ComplaintNotFound:  # a reference we never gave out: a new complaint
            continue
    return None


def _attach_reply(
    store: ComplaintStore,
    service: ComplaintService,
    complaint: Complaint,
    parsed: ParsedMessage,
    received_at: dt.datetime,
) -> Outcome:
    data = {
        "subject": parsed.subject,
        "text": parsed.body[:REPLY_TEXT_LIMIT],
        "from_email": parsed.sender.email if parsed.sender else "",
        "attachments": _attachments_line(parsed),
    }
    changed = steps.record_fact(complaint, EventKind.REPLY_RECEIVED, now=received_at, data=data)
    saved = service.save_step(store, complaint, changed)
    return Outcome(OutcomeKind.ATTACHED, reference=saved.reference, complaint=saved)


def _attachment_line(attachment: Attachment) -> str:
    """How the thread shows an attachment: name, size, and whether it was too large to keep."""
    template = text.ATTACHMENT if attachment.content is not None else text.ATTACHMENT_TOO_LARGE
    return template.format(name=attachment.filename, size=text.file_size(attachment.size))


def _new_complaint(
    store: ComplaintStore,
    service: ComplaintService,
    parsed: ParsedMessage,
    received_at: dt.datetime,
) -> Outcome:
    stored = service.receive(store, intake_of(parsed, received_at), SYSTEM_ACTOR)
    return Outcome(OutcomeKind.STORED, reference=stored.reference, complaint=stored)


def intake_of(parsed: ParsedMessage, received_at: dt.datetime) -> Intake:
    """The procedure's intake for a parsed e-mail (complainant: the original sender)."""
    complainant = parsed.complainant
    forwarded_by = parsed.forwarded_by
    body = parsed.body
    if len(body) > BODY_LIMIT:
        body = f"{body[:BODY_LIMIT]}\n\n{text.BODY_TRUNCATED}"
    return Intake(
        source=Source.EMAIL,
        received_at=received_at,
        subject=parsed.complaint_subject.strip() or text.NO_SUBJECT,
        body=body,
        complainant_name=(complainant.name[:NAME_LIMIT] or None) if complainant else None,
        complainant_email=_email_or_none(complainant),
        complainant_phone=parsed.phones[0] if parsed.phones else None,
        forwarded_by=(
            (forwarded_by.email or forwarded_by.name)[:EMAIL_LIMIT] if forwarded_by else None
        ),
        attachments=_attachments_line(parsed),
    )


def _email_or_none(address: Address | None) -> str | None:
    """No address rather than a cut-off one (an acknowledgement would go astray)."""
    if address is None or not address.email or len(address.email) > EMAIL_LIMIT:
        return None
    return address.email


def _attachments_line(parsed: ParsedMessage) -> str | None:
    return "; ".join(map(_attachment_line, parsed.attachments)) or None


def _add_attachments(session: Session, row: InboundMessage, parsed: ParsedMessage) -> None:
    for attachment in parsed.attachments:
        session.add(
            InboundAttachment(
                inbound_message_id=row.id,
                complaint_id=row.complaint_id,
                filename=attachment.filename,
                content_type=attachment.content_type,
                size=attachment.size,
                content=attachment.content,
            )
        )


def _log(inbound: _Inbound, outcome: Outcome) -> None:
    """One line per message, without names or addresses: the hash identifies the message."""
    detail = f"{outcome.reason} ({inbound.verdict.detail})" if outcome.reason else ""
    log.info(
        "inbound %s via %s: %s%s %s",
        inbound.sha256[:12],
        inbound.source,
        outcome.kind,
        " (duplicate)" if outcome.duplicate else "",
        outcome.reference or detail,
    )


def error_summary(exc: BaseException) -> str:
    """The kind of error and where in our code it happened, for the log. Never its message: a
    database error's message holds the statement's parameters (names, addresses, e-mail text)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [frame for frame in frames if _is_project_file(frame.filename)] or frames
    where = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    return f"{type(exc).__name__}{where}"


def _is_project_file(filename: str) -> bool:
    return filename.startswith(PROJECT_ROOT) and "site-packages" not in filename
