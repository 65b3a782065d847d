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

import datetime as dt
import smtplib

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
)
from bot.procedure.decision import record_letter_sent
from bot.procedure.inputs import LetterSent
from bot.service import ComplaintService
from storage.complaints import ComplaintStore
from storage.letters import LetterStore
from storage.models import LetterRow


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
