"""The letters a complaint's events call for: prepared once, sent, and recorded.

- `prepare_letters` stores the letter the latest closing (its decision letter) or, while the
  complaint is open, the latest extension calls for, keyed by that event: run it as often as
  you like, each event gets one letter.
- `deliver_letter` sends a stored e-mail letter over an open SMTP connection and records it
  (the letter's `sent_at` and a LETTER_SENT event with its Message-ID) in one transaction.
  Claiming letters among several processes and retrying belong to the queue that calls it.
- `record_posted` is the officer's "per post verstuurd" for a letter without e-mail address.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import smtplib
from collections.abc import Callable

from sqlalchemy.orm import Session

from bot.letters import Letter, decision_letter, extension_letter, send_letter
from bot.procedure import (
    SYSTEM_ACTOR,
    Actor,
    Complaint,
    Event,
    EventKind,
    LetterChannel,
    LetterKind,
    State,
    steps,
)
from bot.procedure.decision import record_letter_sent
from bot.procedure.inputs import LetterSent
from bot.service import ComplaintService
from storage.complaints import ComplaintStore
from storage.letters import LetterStore
from storage.models import LetterRow, Notification


def prepare_letters(service: ComplaintService, reference: str) -> list[int]:
    """Store the letters the complaint's latest events call for; the ids of its letters not
    yet sent."""

    def work(session: Session, store: ComplaintStore) -> tuple[list[int], list[Complaint]]:
        complaint = store.get(reference)
        letters = LetterStore(session)
        for event in letter_events(complaint):
            assert event.id is not None and complaint.id is not None
            if letters.of_event(event.id) is not None:
                continue
            letter = _letter_for(service, complaint, event, letters.original_message_id(complaint))
            letters.add(
                complaint.id,
                event.id,
                kind=letter.kind.value,
                channel=letter.channel.value,
                recipient=letter.recipient,
                message_id=letter.message_id,
                content=letter.content,
                now=service.now(),
            )
        unsent = [row.id for row in letters.of_complaint(complaint.id or 0) if row.sent_at is None]
        return unsent, []

    return service.unit_of_work(work)


def letter_events(complaint: Complaint) -> list[Event]:
    """The events whose letter is still to be written: the closing with its decision letter
    while the complaint is closed, else the newest extension while it is open (an extension
    overtaken by the decision is not announced any more)."""
    if complaint.state is State.CLOSED:
        closing = complaint.last_event(EventKind.CLOSED)
        return [closing] if closing is not None and complaint.decision_letter else []
    extension = complaint.last_event(EventKind.DEADLINE_EXTENDED)
    return [extension] if extension is not None and complaint.is_open else []


def _letter_for(
    service: ComplaintService, complaint: Complaint, event: Event, thread: str | None
) -> Letter:
    settings, now = service.settings, service.now()
    if event.kind is EventKind.CLOSED:
        return decision_letter(complaint, settings, now=now, thread=thread)
    deadline = complaint.decision_deadline
    assert deadline is not None  # an extension moves an existing deadline
    return extension_letter(
        complaint, deadline, str(event.data["reason"]), settings, now=now, thread=thread
    )


def deliver_letter(service: ComplaintService, letter_id: int, smtp: smtplib.SMTP) -> bool:
    """Send one stored e-mail letter and record it; False when there was nothing to send (it
    went out before, or it is a letter to post)."""
    with service.db.reading() as session:
        row = LetterStore(session).get(letter_id)
        if row is None or row.sent_at is not None or row.channel != LetterChannel.EMAIL:
            return False
        letter = _stored(row)
        complaint_id = row.complaint_id
    send_letter(smtp, letter, service.settings)
    saved = service.decide(complaint_id, _sent(service, letter_id, SYSTEM_ACTOR))
    return saved is not None


def record_posted(service: ComplaintService, letter_id: int, officer: Actor) -> Complaint | None:
    """The officer printed and posted a letter (a complaint without e-mail address)."""
    with service.db.reading() as session:
        row = LetterStore(session).get(letter_id)
        if row is None or row.channel != LetterChannel.POST:
            raise ValueError(f"no letter to post with id {letter_id}")
        complaint_id = row.complaint_id
    return service.decide(complaint_id, _sent(service, letter_id, officer))


def _sent(service: ComplaintService, letter_id: int, actor: Actor):
    def decide(session: Session, complaint: Complaint, now: dt.datetime) -> Complaint | None:
        row = session.get(LetterRow, letter_id)
        if row is None or row.sent_at is not None:
            return None
        row.sent_at = now
        data = LetterSent(LetterKind(row.kind), LetterChannel(row.channel), row.message_id)
        return record_letter_sent(complaint, actor, data, now=now, terms=service.terms)

    return decide


def _stored(row: LetterRow) -> Letter:
    return Letter(
        LetterKind(row.kind), LetterChannel(row.channel), row.recipient, row.message_id, row.content
    )


# -- the mail queue ---------------------------------------------------------------------------
#
# Letters go out as acknowledgements do: from the clock's mail job, over one SMTP connection,
# retried with a growing pause when the server refuses. Each e-mail letter is queued as a
# notification of kind "letter" in the ledger (bot/jobs/notices.py), whose lease and backoff
# (`bot.jobs.notices.work_through`) make sure one process sends it, once.

LETTER_QUEUE = "smtp"  # the ledger's recipient of a queued letter


def queue_letters(service: ComplaintService, reference: str, *, by_mail: bool = True) -> int:
    """Prepare the letters the complaint's latest events call for, queue each e-mail letter
    not sent yet (when `by_mail`: an SMTP server is set) and show each letter to post to the
    officer in the complaint's thread (run it any number of times); how many were queued."""
    from bot.jobs.notices import Notice, claim

    unsent = prepare_letters(service, reference)
    posted = [_show_to_post(service, letter_id) for letter_id in unsent]
    if not by_mail:
        return sum(posted)

    def work(session: Session, store: ComplaintStore) -> tuple[int, list[Complaint]]:
        queued = 0
        for letter_id in unsent:
            row = LetterStore(session).get(letter_id)
            if row is None or row.channel != LetterChannel.EMAIL:
                continue
            subject = f"letter:{row.id}"
            queued += claim(
                session,
                Notice.LETTER,
                subject,
                row.created_at,
                service.now(),
                recipient=LETTER_QUEUE,
                complaint_id=row.complaint_id,
            )
        return queued, []

    return sum(posted) + service.unit_of_work(work)


def _show_to_post(service: ComplaintService, letter_id: int) -> int:
    """A letter to post goes into the complaint's thread once (a notice with the text to print
    and the officer's button "Per post verstuurd"); 1 when it was shown now."""
    from bot.jobs.notices import Notice, claim, officer_mentions

    with service.db.reading() as session:
        row = LetterStore(session).get(letter_id)
        if row is None or row.channel != LetterChannel.POST or row.sent_at is not None:
            return 0
        complaint_id, kind, created_at = row.complaint_id, row.kind, row.created_at
        content = row.content.decode("utf-8")

    def decide(session: Session, complaint: Complaint, now: dt.datetime) -> Complaint | None:
        subject = f"letter:{letter_id}"
        if not claim(
            session, Notice.LETTER_TO_POST, subject, created_at, now, complaint_id=complaint_id
        ):
            return None
        data = {
            "notice": Notice.LETTER_TO_POST.value,
            "due_at": created_at.isoformat(),
            "mention": officer_mentions(service.settings),
            "letter_id": letter_id,
            "letter": kind,
            "text": content,
        }
        return steps.record_fact(complaint, EventKind.WARNING_SENT, now=now, data=data)

    return int(service.decide(complaint_id, decide) is not None)


def letters_waiting(
    service: ComplaintService, now: dt.datetime, *, by_mail: bool = True
) -> list[str]:
    """Complaints whose letter is not prepared or queued yet (the step was taken in Slack or on
    the command line, or a process stopped in between): a decision letter not yet written for
    the latest closing, an extension of the last month without its letter, or a letter
    written but not queued (an e-mail letter, when `by_mail`) or not shown to post."""
    from sqlalchemy import String, and_, cast, exists, literal, select

    from storage.models import ComplaintRow, EventRow

    c = ComplaintRow
    with service.db.reading() as session:
        written = exists().where(
            LetterRow.complaint_id == c.id,
            LetterRow.kind == LetterKind.DECISION.value,
            LetterRow.created_at >= c.closed_at,
        )
        decided = select(c.reference).where(
            c.state == State.CLOSED.value,
            c.decision_letter.is_not(None),
            c.decision_sent_at.is_(None),
            ~written,
        )
        lettered = select(LetterRow.event_id).where(LetterRow.event_id.is_not(None))
        extended = (
            select(c.reference)
            .join(EventRow, EventRow.complaint_id == c.id)
            .where(
                and_(
                    EventRow.kind == EventKind.DEADLINE_EXTENDED.value,
                    EventRow.at >= now - dt.timedelta(days=31),
                    EventRow.id.not_in(lettered),
                    c.closed_at.is_(None),
                )
            )
        )
        queued = exists().where(
            Notification.kind.in_(("letter", "letter_to_post")),
            Notification.subject == literal("letter:") + cast(LetterRow.id, String),
        )
        channels = [LetterChannel.POST.value, *([LetterChannel.EMAIL.value] if by_mail else [])]
        unqueued = (
            select(c.reference)
            .join(LetterRow, LetterRow.complaint_id == c.id)
            .where(
                LetterRow.sent_at.is_(None),
                LetterRow.channel.in_(channels),
                ~queued,
            )
        )
        found = [*session.scalars(decided), *session.scalars(extended), *session.scalars(unqueued)]
        return sorted(set(found))


class LetterSender:
    """Sends queued letters over one SMTP connection, opened at the first letter and closed by
    `close`; used as the ledger loop's handler for letters."""

    def __init__(self, service: ComplaintService, connect: Callable[[], smtplib.SMTP]) -> None:
        self.service = service
        self.connect = connect
        self.smtp: smtplib.SMTP | None = None

    def __call__(self, notification: Notification) -> None:
        letter_id = int(notification.subject.removeprefix("letter:"))
        if self.smtp is None:
            self.smtp = self.connect()
        deliver_letter(self.service, letter_id, self.smtp)

    def close(self) -> None:
        if self.smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.smtp.quit()
            self.smtp = None
