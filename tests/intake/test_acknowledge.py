"""Acknowledgements over real SMTP (aiosmtpd): content, headers, limits, failures, retries."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.intake.acknowledge import send_pending_acknowledgements
from bot.intake.store import OutcomeKind, ingest_raw
from bot.procedure import EventKind
from bot.service import ComplaintService
from storage.models import Acknowledgement
from tests.intake.conftest import START, with_smtp
from tests.intake.messages import complaint_mail
from tests.support.ports import free_port


def statuses(db) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(Acknowledgement.status).order_by(Acknowledgement.id)))


def test_acknowledgement_content_and_headers(smtp_service, smtp) -> None:
    handler, _port = smtp
    outcome = ingest_raw(complaint_mail(message_id="<orig@example.com>"), START, smtp_service)

    stats = send_pending_acknowledgements(smtp_service)

    assert stats.sent == 1
    (message,) = handler.messages
    assert message["To"] == "Sanne de Wit <sanne.dewit@example.com>"
    assert message["From"] == "klachten@example.nl"
    assert message["Subject"] == f"Ontvangstbevestiging van uw klacht [{outcome.reference}]"
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["In-Reply-To"] == "<orig@example.com>"
    assert message["Message-ID"].endswith("@example.nl>")
    body = message.get_content()
    assert outcome.reference in body
    # Received Monday 23 November 10:00: contact within two working days.
    assert "uiterlijk woensdag 25 november 2026 om 17:00" in body
    assert "06 12345678" in body
    events = smtp_service.get(outcome.reference).events
    assert [event.kind for event in events] == [EventKind.RECEIVED, EventKind.ACKNOWLEDGEMENT_SENT]


def test_without_phone_number_the_complainant_is_asked_for_one(smtp_service, smtp) -> None:
    handler, _port = smtp
    ingest_raw(complaint_mail(body="Mijn uren kloppen niet."), START, smtp_service)

    send_pending_acknowledgements(smtp_service)

    assert "geen telefoonnummer gevonden" in handler.messages[0].get_content()


@pytest.mark.parametrize(
    "sender",
    ["noreply@example.com", "no-reply@shop.example.com", "klachten@example.nl"],
)
def test_never_to_no_reply_or_own_address(smtp_service, smtp, db, sender) -> None:
    handler, _port = smtp
    ingest_raw(complaint_mail(sender=sender), START, smtp_service)

    send_pending_acknowledgements(smtp_service)

    assert handler.messages == []


def test_never_to_auto_replies_or_bounces(smtp_service, smtp) -> None:
    handler, _port = smtp
    ingest_raw(complaint_mail(headers={"Auto-Submitted": "auto-replied"}), START, smtp_service)
    ingest_raw(complaint_mail(sender="MAILER-DAEMON@mx.example.net"), START, smtp_service)

    send_pending_acknowledgements(smtp_service)

    assert handler.messages == []


def test_at_most_three_per_sender_per_day(smtp_service, smtp, db, clock) -> None:
    handler, _port = smtp
    for _ in range(4):
        ingest_raw(complaint_mail(), START, smtp_service)

    send_pending_acknowledgements(smtp_service)

    assert len(handler.messages) == 3
    assert statuses(db) == ["sent", "sent", "sent", "suppressed"]
    clock.advance(days=1)
    ingest_raw(complaint_mail(), clock.now, smtp_service)
    send_pending_acknowledgements(smtp_service)
    assert len(handler.messages) == 4


def test_refusing_server_keeps_it_pending_and_a_retry_sends_it(smtp_service, smtp, db, clock):
    handler, _port = smtp
    handler.refuse_with = "451 4.3.0 probeer later"
    outcome = ingest_raw(complaint_mail(), START, smtp_service)

    first = send_pending_acknowledgements(smtp_service)

    assert (first.sent, first.failed) == (0, 1)
    with db.session() as session:
        ack = session.scalars(select(Acknowledgement)).one()
        assert (ack.status, ack.attempts, ack.last_error) == ("pending", 1, "SMTPDataError 451")
    assert send_pending_acknowledgements(smtp_service).sent == 0  # not due yet
    handler.refuse_with = None
    clock.advance(minutes=5)
    assert send_pending_acknowledgements(smtp_service).sent == 1
    assert smtp_service.get(outcome.reference).last_event(EventKind.ACKNOWLEDGEMENT_SENT)


def test_unreachable_smtp_server_never_blocks_the_complaint(db, settings, clock) -> None:
    closed = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": free_port(), "smtp_starttls": False}
    )
    service = ComplaintService(db, closed, clock)

    outcome = ingest_raw(complaint_mail(), START, service)
    stats = send_pending_acknowledgements(service, timeout=2)

    assert outcome.kind is OutcomeKind.STORED
    assert stats.failed == 1
    assert statuses(db) == ["pending"]


def test_a_reply_to_the_acknowledgement_joins_the_complaint(smtp_service, smtp) -> None:
    handler, _port = smtp
    outcome = ingest_raw(complaint_mail(), START, smtp_service)
    send_pending_acknowledgements(smtp_service)
    ack_id = handler.messages[0]["Message-ID"]
    reply = complaint_mail(subject="Re: bedankt", headers={"In-Reply-To": ack_id})

    answer = ingest_raw(reply, START, smtp_service)

    assert (answer.kind, answer.reference) == (OutcomeKind.ATTACHED, outcome.reference)


def test_our_own_acknowledgement_coming_back_is_ignored(smtp_service, smtp) -> None:
    handler, _port = smtp
    ingest_raw(complaint_mail(), START, smtp_service)
    send_pending_acknowledgements(smtp_service)

    echo = ingest_raw(handler.messages[0].as_bytes(), START, smtp_service)

    assert (echo.kind, str(echo.reason)) == (OutcomeKind.IGNORED, "own_acknowledgement")


def test_an_acknowledgement_that_could_not_go_out_for_days_expires(smtp_service, smtp, db, clock):
    handler, _port = smtp
    handler.refuse_with = "451 4.3.0 probeer later"
    ingest_raw(complaint_mail(), START, smtp_service)
    send_pending_acknowledgements(smtp_service)
    handler.refuse_with = None
    clock.advance(days=3)

    assert send_pending_acknowledgements(smtp_service).sent == 0
    assert handler.messages == []
    assert statuses(db) == ["expired"]


def test_smtp_from_with_a_name_is_still_recognised_as_our_own(db, settings, clock, smtp) -> None:
    handler, port = smtp
    service = with_smtp(db, settings, clock, port, smtp_from="Klachtenbureau <klachten@example.nl>")

    own = ingest_raw(complaint_mail(sender="klachten@example.nl"), START, service)
    ingest_raw(complaint_mail(), START, service)
    send_pending_acknowledgements(service)

    assert str(own.reason) == "own_acknowledgement"
    (message,) = handler.messages
    assert message["From"] == "Klachtenbureau <klachten@example.nl>"
    assert message["Message-ID"].endswith("@example.nl>")


def test_one_bad_acknowledgement_never_blocks_the_others(smtp_service, smtp, db, clock, caplog):
    """A header that cannot be built, a recipient the server refuses for good: each is marked
    failed with its reason and reported once, and the ones behind them still go out. A stored
    In-Reply-To that is no valid msg-id is left out: that acknowledgement still goes out."""
    handler, _port = smtp
    handler.unknown_recipients = {"weg@example.com"}
    senders = ["broken@example.com", "crlf@example.com", "weg@example.com", "goed@example.com"]
    references = [
        ingest_raw(complaint_mail(sender=sender), START, smtp_service).reference
        for sender in senders
    ]
    with db.session() as session:  # rows as an older version stored them, before sanitising
        rows = session.scalars(select(Acknowledgement).order_by(Acknowledgement.id)).all()
        first, second = rows[:2]
        first.in_reply_to = "<x@example.com>\r\nBcc: victim@example.org"
        second.recipient = "crlf@example.com\r\nBcc: victim@example.org"

    with caplog.at_level("WARNING", logger="bot.intake.acknowledge"):
        stats = send_pending_acknowledgements(smtp_service)
        clock.advance(hours=1)
        again = send_pending_acknowledgements(smtp_service)

    assert (stats.sent, stats.failed, again.sent, again.failed) == (2, 2, 0, 0)
    assert [message["To"] for message in handler.messages] == [
        "broken@example.com",
        "goed@example.com",
    ]
    assert handler.messages[0]["In-Reply-To"] is None
    with db.session() as session:
        rows = session.scalars(select(Acknowledgement).order_by(Acknowledgement.id)).all()
        assert [(row.status, row.last_error) for row in rows] == [
            ("sent", None),
            ("failed", "ValueError"),
            ("failed", "SMTPRecipientsRefused"),
            ("sent", None),
        ]
    reports = [record for record in caplog.records if "failed for good" in record.message]
    assert len(reports) == 2
    assert smtp_service.get(references[3]).last_event(EventKind.ACKNOWLEDGEMENT_SENT)


def test_plus_tags_and_letter_case_make_no_new_address_for_the_daily_limit(
    smtp_service, db
) -> None:
    senders = [
        "jan@example.com",
        "Jan+klacht2@example.com",
        "JAN+3@EXAMPLE.COM",
        "jan+4@example.com",
    ]

    for sender in senders:
        ingest_raw(complaint_mail(sender=sender), START, smtp_service)

    assert statuses(db) == ["pending", "pending", "pending", "suppressed"]


def test_one_domain_gets_at_most_its_daily_number_of_acknowledgements(
    db, settings, clock, smtp
) -> None:
    service = with_smtp(db, settings, clock, smtp[1], acknowledgements_per_domain_per_day=2)
    senders = ["a@flood.example", "b@flood.example", "c@flood.example", "d_e@other.example"]

    for sender in senders:
        ingest_raw(complaint_mail(sender=sender), START, service)
    clock.advance(days=1)
    ingest_raw(complaint_mail(sender="f@flood.example"), clock(), service)

    assert statuses(db) == ["pending", "pending", "suppressed", "pending", "pending"]
