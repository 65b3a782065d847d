"""Letters through the real intake, both databases and a real SMTP server (aiosmtpd): a CAO
dispute's extension notice and decision letter go to the complainant once each, threaded on
their own e-mail, stored as .eml and recorded as events; their reply lands on the complaint; a
complaint without an e-mail address gets a letter to post."""

from __future__ import annotations

import datetime as dt
import email
import smtplib
from collections.abc import Iterator
from email import policy

import pytest

from bot.correspondence import deliver_letter, prepare_letters, record_posted
from bot.intake.store import OutcomeKind, ingest_raw
from bot.letters import compose_decision_letter
from bot.procedure import (
    SYSTEM_ACTOR,
    Acceptance,
    EventKind,
    LetterChannel,
    Outcome,
    Route,
    Source,
    decision,
    inputs,
    steps,
)
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database
from storage.letters import LetterStore
from tests.intake.messages import complaint_mail
from tests.procedure import builders as b
from tests.procedure.builders import OFFICER
from tests.support.smtp import RecordingHandler, smtp_server

ORIGINAL = "<orig.4711@example.com>"
# Monday 23 November 2026, 10:00 in Amsterdam.
START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def smtp() -> Iterator[tuple[RecordingHandler, int]]:
    with smtp_server() as server:
        yield server


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(db: Database, settings: Settings, clock: Clock) -> ComplaintService:
    named = settings.model_copy(update={"organisation_name": "Spijtenburg Werving en Advies B.V."})
    return ComplaintService(db, named, clock)


def deliver_all(service: ComplaintService, reference: str, port: int) -> list[int]:
    unsent = prepare_letters(service, reference)
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        for letter_id in unsent:
            assert deliver_letter(service, letter_id, smtp)
    return unsent


def test_a_cao_dispute_extended_and_decided_by_mail(service, clock, smtp) -> None:
    handler, port = smtp
    stored = ingest_raw(complaint_mail(message_id=ORIGINAL), START, service)
    reference = stored.reference
    service.change(
        reference,
        steps.register,
        OFFICER,
        b.registration(complainant_name="Sanne de Wit", route=Route.CAO_DISPUTE),
    )
    service.change(reference, steps.record_contact, OFFICER, b.contact(START))

    # Termijn verlengen: the complainant gets a short mail, threaded on their own.
    clock.now = START + dt.timedelta(days=3)
    extension = inputs.Extension(dt.date(2026, 12, 18), "Wij wachten op het rooster van de klant.")
    service.change(reference, decision.extend_deadline, OFFICER, extension)
    (first,) = deliver_all(service, reference, port)
    assert prepare_letters(service, reference) == []  # once per extension
    (notice,) = handler.messages
    assert handler.recipients == [["sanne.dewit@example.com"]]
    assert notice["To"] == "Sanne de Wit <sanne.dewit@example.com>"
    assert notice["Subject"] == f"Meer tijd nodig voor uw klacht [{reference}]"
    assert (notice["In-Reply-To"], notice["References"]) == (ORIGINAL, ORIGINAL)
    assert "uiterlijk op vrijdag 18 december 2026" in notice.get_content()

    # Closed ongegrond: the letter the officer edited goes out with the GCU recourse.
    clock.now = START + dt.timedelta(days=10)
    complaint = service.get(reference)
    text = compose_decision_letter(complaint, Outcome.NOT_UPHELD, service.settings)
    edited = text.replace("Ons oordeel", "Na zorgvuldig onderzoek is ons oordeel")
    closure = b.closure(
        no_employee_reason="Geen medewerker.", outcome=Outcome.NOT_UPHELD, decision_letter=edited
    )
    service.change(reference, steps.close, OFFICER, closure)
    deliver_all(service, reference, port)
    letter = handler.messages[1]
    assert handler.recipients[1] == ["sanne.dewit@example.com"]
    assert letter["Subject"] == f"Beslissing op uw klacht [{reference}]"
    assert letter["In-Reply-To"] == ORIGINAL
    body = letter.get_content()
    assert "Na zorgvuldig onderzoek is ons oordeel: ongegrond" in body
    assert "Geschillencommissie voor de Uitzendbranche (GCU)" in body
    assert "binnen vier weken" in body

    decided = service.get(reference)
    sent = [event for event in decided.events if event.kind is EventKind.LETTER_SENT]
    assert [event.data["letter"] for event in sent] == ["extension", "decision"]
    assert [event.data["message_id"] for event in sent] == [
        notice["Message-ID"],
        letter["Message-ID"],
    ]
    assert decided.decision_sent_at == clock.now.astimezone(service.settings.tz)
    # The .eml stored is what went over the wire.
    with service.db.reading() as session:
        rows = LetterStore(session).of_complaint(decided.id)
        assert [row.sent_at is not None for row in rows] == [True, True]
        stored_eml = email.message_from_bytes(rows[1].content, policy=policy.default)
        assert stored_eml["Message-ID"] == letter["Message-ID"]
        assert rows[0].id == first

    # The complainant answers the letter: the reply lands on the complaint.
    reply = complaint_mail(
        subject=f"Re: Beslissing op uw klacht [{reference}]",
        body="Ik ben het hier niet mee eens.",
        headers={
            "In-Reply-To": letter["Message-ID"],
            "References": f"{ORIGINAL} {letter['Message-ID']}",
        },
    )
    answered = ingest_raw(reply, clock.now, service)
    assert (answered.kind, answered.reference) == (OutcomeKind.ATTACHED, reference)
    service.change(
        reference,
        decision.record_acceptance,
        OFFICER,
        inputs.AcceptanceRecord(Acceptance.DISAGREED),
    )
    assert service.get(reference).accepted is False


def test_hostile_officer_text_sends_one_mail_to_one_address(service, smtp) -> None:
    handler, port = smtp
    reference = ingest_raw(complaint_mail(message_id=ORIGINAL), START, service).reference
    service.change(reference, steps.register, OFFICER, b.registration())
    service.change(reference, steps.record_contact, OFFICER, b.contact(START))
    hostile = "Geachte heer,\r\nBcc: boef@example.org\r\n\r\nTo: nog@example.org\n.\nRSET\n"
    closure = b.closure(no_employee_reason="Geen.", outcome=Outcome.UPHELD, decision_letter=hostile)
    service.change(reference, steps.close, OFFICER, closure)

    deliver_all(service, reference, port)

    assert handler.recipients == [["sanne.dewit@example.com"]]
    (message,) = handler.messages
    assert message["Bcc"] is None and message["Cc"] is None
    assert [address.addr_spec for address in message["To"].addresses] == ["sanne.dewit@example.com"]
    assert "To: nog@example.org\n.\nRSET" in message.get_content().replace("\r\n", "\n")


def test_without_an_address_the_officer_posts_the_letter(service, smtp) -> None:
    handler, port = smtp
    by_phone = b.intake(source=Source.MANUAL, complainant_email=None, received_at=START)
    reference = service.submit(by_phone, OFFICER).reference
    service.change(reference, steps.register, OFFICER, b.registration())
    service.change(reference, steps.record_contact, OFFICER, b.contact(START))
    closure = b.closure(
        no_employee_reason="Geen.", outcome=Outcome.UPHELD, decision_letter="Geachte Petra,"
    )
    service.change(reference, steps.close, OFFICER, closure)

    (letter_id,) = prepare_letters(service, reference)
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp_connection:
        assert not deliver_letter(service, letter_id, smtp_connection)
    assert handler.messages == []
    with service.db.reading() as session:
        row = LetterStore(session).get(letter_id)
        assert row.channel == LetterChannel.POST and row.recipient is None
        assert row.content.decode().startswith("Aan: Petra Pietersen\n")

    posted = record_posted(service, letter_id, OFFICER)
    assert posted.decision_sent_at is not None and posted.acceptance_due is not None
    event = posted.events[-1]
    assert (event.kind, event.actor_id) == (EventKind.LETTER_SENT, OFFICER.user_id)
    assert (event.data["letter"], event.data["channel"]) == ("decision", "post")
    # Sent Monday 23 November 10:00: an answer is expected within ten working days.
    assert posted.acceptance_due.isoformat() == "2026-12-07T17:00:00+01:00"
    assert prepare_letters(service, reference) == []
    assert record_posted(service, letter_id, OFFICER) is None  # already recorded


def test_a_letter_is_stored_once_however_often_it_is_prepared(service) -> None:
    reference = service.submit(b.intake(received_at=START), SYSTEM_ACTOR).reference
    service.change(reference, steps.register, OFFICER, b.registration())
    extension = inputs.Extension(dt.date(2026, 12, 18), "Drukte.")
    service.change(reference, decision.extend_deadline, OFFICER, extension)
    first = prepare_letters(service, reference)
    second = prepare_letters(service, reference)
    assert first == second and len(first) == 1
