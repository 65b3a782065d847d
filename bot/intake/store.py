"""Take one raw e-mail in: keep the raw message and what it became, in ONE transaction.

The raw message, the new complaint (or the reply event on an existing one), its attachments
and the queued acknowledgement commit together or not at all, so a crash can never leave a
complaint without its message or a message marked done without its complaint. A message seen
before is recognised and not stored twice: the same bytes, or the same Message-ID with the same
content (sender, subject and body). Another message that reuses a Message-ID (broken mailers,
web forms) is stored too, with a note.

A reply joins a complaint only when it answers one of our own messages (In-Reply-To or
References to an acknowledgement), answers the complainant's own earlier mail from their
address, or names the complaint's reference from the complainant's address. Anything else that
names a reference becomes a new complaint that mentions it, for the officer to link; an
anonymised complaint is never joined (new mail from that address starts a new complaint).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.intake.acknowledge import own_address, queue_acknowledgement
from bot.intake.classify import Reason, Verdict, classify
from bot.intake.parse import Address, Attachment, ParsedMessage, parse_message
from bot.intake.rawmail import content_hash
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
from bot.sanitize import one_line
from bot.service import ComplaintService
from bot.settings import Settings
from bot.texts import intake as text
from storage.complaints import ComplaintStore
from storage.inbound import InboundStore, Seen
from storage.models import InboundAttachment, InboundMessage

log = logging.getLogger(__name__)

BODY_LIMIT = 100_000  # characters kept in the complaint; the raw message keeps everything
REPLY_TEXT_LIMIT = 3_000
NAME_LIMIT = 200  # the widths of the complaint's columns
EMAIL_LIMIT = 320
SUBJECT_LIMIT = 1_000
FILENAME_LIMIT = 255
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
    notes: tuple[str, ...] = field(default=())  # what the officer should know about it

    @property
    def is_complaint_mail(self) -> bool:
        """Whether the message belongs in the processed folder (else: the ignored folder)."""
        return self.kind is not OutcomeKind.IGNORED


def ingest_raw(
    raw: bytes, received_at: dt.datetime, service: ComplaintService, *, source: str = "pipe"
) -> Outcome:
    """Store `raw` and what it is; raises DatabaseUnavailable when the database is down."""
    own = own_address(service.settings)
    parsed = parse_inbound(raw, service.settings)
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


def parse_inbound(raw: bytes, settings: Settings) -> ParsedMessage:
    """`raw` parsed with the settings' limits and the organisation's own mail domain."""
    own_domain = own_address(settings).rpartition("@")[2]
    return parse_message(raw, settings.attachment_max_bytes, own_domain, settings.message_max_bytes)


@dataclass(frozen=True)
class _Inbound:
    """One message on its way in; its bytes, Message-ID and content identify it."""

    raw: bytes
    received_at: dt.datetime
    source: str
    parsed: ParsedMessage
    verdict: Verdict

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @cached_property
    def content_hash(self) -> str:
        sender = self.parsed.sender.email if self.parsed.sender else ""
        return content_hash(self.raw, sender, self.parsed.subject)


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
        notes = _shared_message_id(inbound, InboundStore(session), service)
        outcome = _decide(inbound, session, store, service, notes)
        row = InboundMessage(
            message_id=inbound.parsed.message_id,
            content_hash=inbound.content_hash,
            sha256=inbound.sha256,
            raw=inbound.raw,
            size=len(inbound.raw),
            source=inbound.source,
            received_at=inbound.received_at,
            processed_at=service.now(),
            outcome=outcome.kind.value,
            reason=outcome.reason.value if outcome.reason else None,
            complaint_id=outcome.complaint.id if outcome.complaint else None,
            sender=_stored_sender(inbound.parsed.sender),
            subject=stored_value(inbound.parsed.subject, SUBJECT_LIMIT),
            note="\n".join(outcome.notes) or None,
        )
        session.add(row)
        session.flush()  # IntegrityError here when another process stored it meanwhile
        if outcome.kind is OutcomeKind.STORED:
            queue_acknowledgement(
                session, outcome.complaint, inbound.parsed, service.settings, row.processed_at
            )
        if outcome.complaint is not None:
            add_attachments(session, row, inbound.parsed)
        return outcome, [outcome.complaint] if outcome.complaint else []

    return service.unit_of_work(work)


def _decide(
    inbound: _Inbound,
    session: Session,
    store: ComplaintStore,
    service: ComplaintService,
    notes: list[str],
) -> Outcome:
    if inbound.verdict.ignored:
        return Outcome(OutcomeKind.IGNORED, reason=inbound.verdict.reason, notes=tuple(notes))
    thread, mentioned = _thread_of(session, store, inbound.parsed)
    if thread is not None:
        return _attach_reply(store, service, thread, inbound.parsed, inbound.received_at)
    if mentioned is not None:
        notes.append(text.NOTE_REFERENCE_NOT_TRUSTED.format(reference=mentioned))
    intake = intake_of(inbound.parsed, inbound.received_at, notes)
    stored = service.receive(store, intake, SYSTEM_ACTOR)
    return Outcome(
        OutcomeKind.STORED, reference=stored.reference, complaint=stored, notes=tuple(notes)
    )


def _find_duplicate(
    inbound: _Inbound, session: Session, service: ComplaintService
) -> Outcome | None:
    """What became of this message the first time, if it was seen before."""
    seen = InboundStore(session).seen(
        inbound.sha256, inbound.parsed.message_id, inbound.content_hash
    )
    return None if seen is None else _duplicate(seen, ComplaintStore(session, service.settings.tz))


def _duplicate(seen: Seen, store: ComplaintStore) -> Outcome:
    complaint = store.get_by_id(seen.complaint_id) if seen.complaint_id is not None else None
    return Outcome(
        OutcomeKind(seen.outcome),
        reference=complaint.reference if complaint else None,
        reason=Reason(seen.reason) if seen.reason and seen.outcome == "ignored" else None,
        duplicate=True,
        complaint=complaint,
    )


def _shared_message_id(
    inbound: _Inbound, inbound_store: InboundStore, service: ComplaintService
) -> list[str]:
    """A note when another message with this Message-ID (and other content) came in before."""
    message_id = inbound.parsed.message_id
    earlier = inbound_store.first_with_message_id(message_id) if message_id else None
    if earlier is None:
        return []
    when = earlier.received_at.astimezone(service.settings.tz)
    return [text.NOTE_SAME_MESSAGE_ID.format(moment=f"{when:%Y-%m-%d %H:%M}")]


def _thread_of(
    session: Session, store: ComplaintStore, parsed: ParsedMessage
) -> tuple[Complaint | None, str | None]:
    """The complaint this message replies to, or else the reference it names without being
    trusted to join it (None, None when neither)."""
    inbound = InboundStore(session)
    sender = (parsed.sender.email if parsed.sender else "").lower()
    ids = list(parsed.thread_ids)
    if ids:
        acknowledged = inbound.acknowledged_complaint(ids)
        if acknowledged is not None and _joinable(store.get_by_id(acknowledged)):
            return store.get_by_id(acknowledged), None
        for complaint_id in inbound.complaints_of_messages(ids):
            complaint = store.get_by_id(complaint_id)
            if _joinable(complaint) and _from_complainant(complaint, sender):
                return complaint, None
    mentioned = None
    for reference in parsed.references:
        try:
            complaint = store.get(reference)
        except ComplaintNotFound:  # a reference we never gave out
            continue
        if not _joinable(complaint):
            continue
        if _from_complainant(complaint, sender):
            return complaint, None
        mentioned = mentioned or complaint.reference
    return None, mentioned


def _joinable(complaint: Complaint) -> bool:
    """An anonymised complaint takes no more mail: what comes after erasure is new."""
    return complaint.anonymised_at is None


def _from_complainant(complaint: Complaint, sender: str) -> bool:
    return bool(sender) and sender == (complaint.complainant_email or "").lower()


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


def intake_of(parsed: ParsedMessage, received_at: dt.datetime, notes: Sequence[str] = ()) -> Intake:
    """The procedure's intake for a parsed e-mail (complainant: the original sender), with
    `notes` for the officer below the text."""
    complainant = parsed.complainant
    forwarded_by = parsed.forwarded_by
    body = parsed.body
    if len(body) > BODY_LIMIT:
        body = f"{body[:BODY_LIMIT]}\n\n{text.BODY_TRUNCATED}"
    if notes:
        body = "\n\n".join([body, *notes]).strip()
    return Intake(
        source=Source.EMAIL,
        received_at=received_at,
        subject=parsed.complaint_subject.strip() or text.NO_SUBJECT,
        body=body,
        complainant_name=(complainant.name[:NAME_LIMIT] or None) if complainant else None,
        complainant_email=_email_or_none(complainant),
        complainant_phone=parsed.phones[0] if parsed.phones else None,
        phone_uncertain=parsed.phone_uncertain,
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


def stored_value(value: str, limit: int) -> str | None:
    """A value from a header, as it goes into a column: one line, no control characters (NUL
    included, which PostgreSQL refuses), within the column's width; None when empty."""
    return one_line(value)[:limit] or None


def _stored_sender(sender: Address | None) -> str | None:
    return stored_value(sender.email or sender.name, EMAIL_LIMIT) if sender else None


def add_attachments(session: Session, row: InboundMessage, parsed: ParsedMessage) -> None:
    """The message's attachments, stored for the complaint it belongs to."""
    for attachment in parsed.attachments:
        session.add(
            InboundAttachment(
                inbound_message_id=row.id,
                complaint_id=row.complaint_id,
                filename=stored_value(attachment.filename, FILENAME_LIMIT) or "",
                content_type=stored_value(attachment.content_type, FILENAME_LIMIT) or "",
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
