"""Acknowledge receipt to the complainant by e-mail (SMTP), without ever holding up intake.

An acknowledgement is queued in the same transaction as the complaint and sent afterwards by
`send_pending_acknowledgements` (after each poll or pipe, and by the scheduler). A failing SMTP
server leaves it pending with the error recorded, to be retried with a growing pause.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import smtplib
from dataclasses import dataclass
from email.errors import MessageError
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.orm import Session

from bot.intake.headers import acknowledgement_id, valid_msg_id
from bot.intake.parse import is_no_reply
from bot.phones import format_phone
from bot.procedure import Complaint, EventKind, steps
from bot.sanitize import one_line
from bot.settings import Settings
from bot.texts import intake as text
from bot.texts import moment_in_words
from storage.complaints import ComplaintStore
from storage.models import Acknowledgement
from storage.queue import Backoff, Queue

if TYPE_CHECKING:
    from bot.intake.parse import ParsedMessage
    from bot.service import ComplaintService

log = logging.getLogger(__name__)

PENDING, SENT, FAILED, SUPPRESSED, EXPIRED = "pending", "sent", "failed", "suppressed", "expired"
MAX_ATTEMPTS = 8
# An acknowledgement days late (SMTP down or not configured for long) would only confuse.
MAX_AGE = dt.timedelta(days=2)
CLAIM_SECONDS = 600  # a sender that dies mid-send frees the row again after this
# The acknowledgements waiting to go out, as a queue (storage.queue): a failed one waits two
# minutes, then twice as long each time (its eighth and last attempt after 256 minutes).
QUEUE = Queue(
    Acknowledgement,
    Acknowledgement.id,
    backoff=Backoff(first=dt.timedelta(minutes=2), longest=dt.timedelta(minutes=256)),
    lease_for=dt.timedelta(seconds=CLAIM_SECONDS),
    scope=(Acknowledgement.status == PENDING,),
)
SMTP_TIMEOUT = 15.0
MARKER_HEADER = "X-Klachtenbot"
NAME_LIMIT = 60
PLAIN_NAME = re.compile(rf"[^\W\d_](?:[^\W\d_]|[ .'\u2019-]){{0,{NAME_LIMIT - 1}}}")
DOMAIN_LIKE = re.compile(r"[^\W\d_]\.[^\W\d_]{2,}|\bwww\b|\bhttps?\b", re.IGNORECASE)


@dataclass
class SendStats:
    sent: int = 0
    failed: int = 0  # attempts that failed this round (retried later unless given up)


def own_address(settings: Settings) -> str:
    """The bot's own address, also when SMTP_FROM carries a name ("Klachten <k@example.nl>")."""
    return parseaddr(settings.smtp_from)[1].lower()


def may_acknowledge(address: str | None, settings: Settings) -> bool:
    """Never to no-reply addresses, mail daemons or the bot's own address."""
    if not address or "@" not in address:
        return False
    return not is_no_reply(address) and address.lower() != own_address(settings)


def queue_acknowledgement(
    session: Session,
    complaint: Complaint,
    parsed: ParsedMessage,
    settings: Settings,
    now: dt.datetime,
) -> Acknowledgement | None:
    """Queue the acknowledgement of a new complaint (inside the intake transaction). Over the
    daily limit per address or per domain it is kept as suppressed, not sent."""
    recipient = (complaint.complainant_email or "").lower()
    if not settings.send_acknowledgements or not may_acknowledge(recipient, settings):
        return None
    day_start = now.astimezone(settings.tz).replace(hour=0, minute=0, second=0, microsecond=0)
    local, _, domain = recipient.rpartition("@")
    base = local.split("+", 1)[0]
    same_address = or_(
        Acknowledgement.recipient == f"{base}@{domain}",
        Acknowledgement.recipient.like(f"{_like(base)}+%@{_like(domain)}", escape="\\"),
    )
    same_domain = Acknowledgement.recipient.like(f"%@{_like(domain)}", escape="\\")
    per_address = settings.acknowledgements_per_sender_per_day
    per_domain = settings.acknowledgements_per_domain_per_day
    limited = (
        _sent_today(session, same_address, day_start) >= per_address
        or _sent_today(session, same_domain, day_start) >= per_domain
    )
    in_reply_to = parsed.message_id if parsed.forwarded_by is None else None
    row = Acknowledgement(
        complaint_id=complaint.id,
        recipient=recipient,
        message_id=acknowledgement_id(own_address(settings).rpartition("@")[2]),
        in_reply_to=in_reply_to if valid_msg_id(in_reply_to) else None,
        status=SUPPRESSED if limited else PENDING,
        created_at=now,
        next_attempt_at=now,
        attempts=0,
    )
    session.add(row)
    return row


def _sent_today(session: Session, recipients: ColumnElement[bool], day_start: dt.datetime) -> int:
    """Acknowledgements queued today for these recipients (suppressed ones not counted)."""
    count = session.scalar(
        select(func.count(Acknowledgement.id)).where(
            recipients,
            Acknowledgement.created_at >= day_start,
            Acknowledgement.status != SUPPRESSED,
        )
    )
    return count or 0


def _like(value: str) -> str:
    """`value` for a LIKE pattern, its own % and _ (common in addresses) taken literally."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def send_pending_acknowledgements(
    service: ComplaintService, *, limit: int = 50, timeout: float = SMTP_TIMEOUT
) -> SendStats:
    """Send what is due; each success is recorded on its complaint (acknowledgement_sent)."""
    stats = SendStats()
    settings = service.settings
    if not settings.smtp_host:
        return stats
    claimed = _claim_due(service, limit)
    if not claimed:
        return stats
    try:
        smtp = _connect(settings, timeout)
    except (smtplib.SMTPException, OSError) as exc:
        for ack_id in claimed:
            _record_failure(service, ack_id, exc)
        stats.failed += len(claimed)
        return stats
    with smtp:
        for ack_id in claimed:
            if _send_one(service, smtp, ack_id):
                stats.sent += 1
            else:
                stats.failed += 1
    return stats


def unsent(session: Session) -> tuple[int, str | None]:
    """How many acknowledgements wait to be sent, and the mail server's last error among them
    (its kind and SMTP code, as recorded)."""
    waiting = select(func.count()).select_from(Acknowledgement)
    count = session.scalar(waiting.where(Acknowledgement.status == PENDING)) or 0
    last = session.scalar(
        select(Acknowledgement.last_error)
        .where(
            Acknowledgement.status.in_([PENDING, FAILED]), Acknowledgement.last_error.is_not(None)
        )
        .order_by(Acknowledgement.id.desc())
        .limit(1)
    )
    return count, last


def smtp_trouble(service: ComplaintService) -> str | None:
    """When acknowledgements wait after a failed attempt: why, in Dutch, naming the server."""
    with service.db.reading() as session:
        failing = session.scalar(
            select(func.count())
            .select_from(Acknowledgement)
            .where(Acknowledgement.status == PENDING, Acknowledgement.attempts > 0)
        )
        if not failing:
            return None
        _count, error = unsent(session)
    return smtp_error_in_words(error, service.settings)


def smtp_error_in_words(error: str | None, settings: Settings) -> str:
    """'de mailserver smtp.example.nl:587 weigert de verbinding (ConnectionRefusedError)'."""
    kind = (error or "").split(" ")[0]
    reason = text.SMTP_ERRORS.get(kind, text.SMTP_ERROR_OTHER)
    server = f"{settings.smtp_host}:{settings.smtp_port}"
    return text.SMTP_TROUBLE.format(server=server, reason=reason, error=error or "?")


def _claim_due(service: ComplaintService, limit: int) -> list[int]:
    """Lease the due rows (storage.queue); those too old to send expire first."""
    now = service.now()
    with service.db.session() as session:
        session.execute(
            update(Acknowledgement)
            .where(Acknowledgement.status == PENDING, Acknowledgement.created_at < now - MAX_AGE)
            .values(status=EXPIRED)
        )
        due = (
            select(Acknowledgement)
            .order_by(Acknowledgement.next_attempt_at, Acknowledgement.id)
            .limit(limit)
        )
        return [row.id for row in QUEUE.claim(session, due, now)]


def _send_one(service: ComplaintService, smtp: smtplib.SMTP, ack_id: int) -> bool:
    """Send one; whatever goes wrong is recorded on this row alone, so the queue goes on."""
    try:
        with service.db.session() as session:
            ack = session.get(Acknowledgement, ack_id)
            complaint = ComplaintStore(session, service.settings.tz).get_by_id(ack.complaint_id)
            message = build_acknowledgement(ack, complaint, service.settings, service.now())
    except (ValueError, TypeError, MessageError) as exc:  # it would fail the same way every time
        _record_failure(service, ack_id, exc, permanent=True)
        return False
    try:
        # The envelope names the one recipient, whatever the To header says.
        smtp.send_message(message, to_addrs=[ack.recipient])
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        _record_failure(service, ack_id, exc, permanent=_is_permanent(exc))
        return False
    _record_success(service, ack_id, complaint.id)
    return True


def _is_permanent(exc: Exception) -> bool:
    """Refused for this message or recipient (5xx), or not sendable at all. A refused sender
    or login is the server's configuration: that may be fixed, so it is retried."""
    if isinstance(exc, (smtplib.SMTPRecipientsRefused, smtplib.SMTPNotSupportedError, ValueError)):
        return True
    if isinstance(exc, (smtplib.SMTPSenderRefused, smtplib.SMTPAuthenticationError)):
        return False
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def build_acknowledgement(
    ack: Acknowledgement, complaint: Complaint, settings: Settings, now: dt.datetime
) -> EmailMessage:
    """The Dutch acknowledgement: reference, contact deadline in words, RFC 3834 headers.

    Every value from outside goes into a header through the email package's header registry
    (the address as an Address, folded by the policy), or not at all: a name that is no plain
    name stays out of To, and In-Reply-To only ever holds a syntactically valid msg-id.
    ValueError when the recipient is no valid address (a permanent failure)."""
    message = EmailMessage()
    message["From"] = settings.smtp_from
    name = plain_name(complaint.complainant_name)
    message["To"] = HeaderAddress(display_name=name or "", addr_spec=ack.recipient)
    message["Subject"] = text.ACK_SUBJECT.format(reference=complaint.reference)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = ack.message_id
    if valid_msg_id(ack.in_reply_to):
        message["In-Reply-To"] = ack.in_reply_to
        message["References"] = ack.in_reply_to
    message["Auto-Submitted"] = "auto-replied"
    message["X-Auto-Response-Suppress"] = "All"
    message[MARKER_HEADER] = "acknowledgement"
    message.set_content(acknowledgement_text(complaint, settings.organisation_name))
    return message


def acknowledgement_text(complaint: Complaint, organisation: str = "") -> str:
    name = plain_name(complaint.complainant_name)
    greeting = text.ACK_GREETING_NAMED.format(name=name) if name else text.ACK_GREETING
    if complaint.complainant_phone and complaint.phone_uncertain:
        phone_line = text.ACK_PHONE_UNCERTAIN
    elif complaint.complainant_phone:
        phone_line = text.ACK_PHONE_KNOWN.format(phone=format_phone(complaint.complainant_phone))
    else:
        phone_line = text.ACK_PHONE_MISSING
    organisation = one_line(organisation)
    signature = (
        text.ACK_SIGNATURE_OF.format(organisation=organisation)
        if organisation
        else text.ACK_SIGNATURE
    )
    return text.ACK_BODY.format(
        greeting=greeting,
        received=moment_in_words(complaint.received_at),
        reference=complaint.reference,
        deadline=moment_in_words(complaint.contact_deadline),
        phone_line=phone_line,
        signature=signature,
    )


def plain_name(name: str | None) -> str | None:
    """The complainant's name as far as it is a plain name (letters, spaces, dots, hyphens,
    apostrophes; at most NAME_LIMIT characters, no web or mail address in it): what the
    greeting and the To header may repeat of what anyone can write in a From header."""
    cleaned = one_line(name or "")
    if not PLAIN_NAME.fullmatch(cleaned) or DOMAIN_LIKE.search(cleaned):
        return None
    return cleaned


def connect(settings: Settings, timeout: float = SMTP_TIMEOUT) -> smtplib.SMTP:
    """An open, logged-in SMTP connection as SMTP_* configure it (letters use it too)."""
    return _connect(settings, timeout)


def _connect(settings: Settings, timeout: float) -> smtplib.SMTP:
    if settings.smtp_ssl:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=timeout
        )
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
        if settings.smtp_starttls:
            smtp.starttls()
    if settings.smtp_user:
        smtp.login(settings.smtp_user, settings.smtp_password or "")
    return smtp


def _record_success(service: ComplaintService, ack_id: int, complaint_id: int) -> None:
    """Mark it sent and record the fact on the complaint, in one transaction."""

    def decide(session: Session, complaint: Complaint, now: dt.datetime) -> Complaint:
        sent = {"status": SENT, "sent_at": now, "attempts": Acknowledgement.attempts + 1}
        QUEUE.done(session, ack_id, **sent)
        data = {"acknowledgement_id": ack_id}
        return steps.record_fact(complaint, EventKind.ACKNOWLEDGEMENT_SENT, now=now, data=data)

    saved = service.decide(complaint_id, decide)
    log.info("acknowledgement %s sent for %s", ack_id, saved.reference if saved else "?")


def _record_failure(
    service: ComplaintService, ack_id: int, exc: Exception, *, permanent: bool = False
) -> None:
    """Keep the error (its kind and SMTP code only: the message may hold the address); a
    permanent one, or the last attempt, marks the row failed and is reported once, here."""
    code = getattr(exc, "smtp_code", None)
    error = f"{type(exc).__name__}{f' {code}' if code else ''}"
    with service.db.session() as session:
        tried = session.scalar(select(Acknowledgement.attempts).where(Acknowledgement.id == ack_id))
        attempts = (tried or 0) + 1
        status = FAILED if permanent or attempts >= MAX_ATTEMPTS else PENDING
        if status == FAILED:
            QUEUE.done(session, ack_id, status=FAILED, attempts=attempts, last_error=error)
        else:
            QUEUE.defer(session, ack_id, attempts=attempts, error=error, now=service.now())
    if status == FAILED:
        log.error("acknowledgement %s failed for good (%s): not sent", ack_id, error)
    else:
        log.warning("acknowledgement %s not sent (%s), retried later", ack_id, error)
