from __future__ import annotations

import datetime as dt
import os
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from bot.intake import store as intake_store
from bot.intake.classify import Reason
from bot.intake.store import OutcomeKind, ingest_raw
from bot.procedure import EventKind, State
from bot.procedure.model import Source
from bot.service import ComplaintService
from bot.texts import intake as text
from storage.models import (
    Acknowledgement,
    ComplaintRow,
    InboundAttachment,
    InboundMessage,
    ReferenceCounter,
)
from tests.intake.conftest import START
from tests.intake.messages import complaint_mail


def count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_complaint_mail_becomes_a_received_complaint(service, db) -> None:
    received_at = START - dt.timedelta(minutes=5)

    outcome = ingest_raw(complaint_mail(), received_at, service, source="imap")

    assert outcome.kind is OutcomeKind.STORED
    complaint = service.get(outcome.reference)
    assert complaint.state is State.RECEIVED
    assert complaint.source is Source.EMAIL
    assert complaint.received_at == received_at
    assert complaint.complainant_name == "Sanne de Wit"
    assert complaint.complainant_email == "sanne.dewit@example.com"
    assert complaint.complainant_phone == "+31612345678"
    assert complaint.subject == "Klacht over mijn loonstrook"
    assert "loonstrook klopt niet" in complaint.body
    with db.session() as session:
        row = session.scalars(select(InboundMessage)).one()
        assert (row.outcome, row.complaint_id, row.source) == ("stored", complaint.id, "imap")
        assert row.raw.startswith(b"From: Sanne de Wit")


def test_missing_phone_number_is_flagged(service) -> None:
    raw = complaint_mail(body="Mijn uren kloppen niet.\n\nThomas Visser")

    complaint = ingest_raw(raw, START, service).complaint

    assert complaint.complainant_phone is None
    assert complaint.phone_missing


def test_the_same_message_twice_is_stored_once(service, db) -> None:
    raw = complaint_mail()
    first = ingest_raw(raw, START, service)

    again = ingest_raw(raw, START, service)

    assert again.duplicate and again.reference == first.reference
    assert count(db, ComplaintRow) == 1 and count(db, InboundMessage) == 1


def test_same_message_id_with_other_bytes_is_a_duplicate(service, db) -> None:
    ingest_raw(complaint_mail(message_id="<een@example.com>"), START, service)

    again = ingest_raw(
        b"Received: by relay\r\n" + complaint_mail(message_id="<een@example.com>"), START, service
    )

    assert again.duplicate
    assert count(db, ComplaintRow) == 1


def test_without_message_id_the_bytes_decide(service, db) -> None:
    raw = complaint_mail(message_id=None)
    ingest_raw(raw, START, service)
    ingest_raw(raw, START, service)
    ingest_raw(complaint_mail(message_id=None, body="Een andere klacht."), START, service)

    assert count(db, ComplaintRow) == 2


def test_an_absurdly_long_message_id_counts_as_missing(service, db) -> None:
    """It fits no column (nor the acknowledgement's In-Reply-To): the bytes decide instead."""
    raw = complaint_mail(message_id=f"<{'a' * 600}@example.com>")

    first = ingest_raw(raw, START, service)
    again = ingest_raw(raw, START, service)

    assert first.kind is OutcomeKind.STORED and again.duplicate
    with db.session() as session:
        assert session.scalars(select(InboundMessage.message_id)).one() is None
        assert session.scalars(select(Acknowledgement.in_reply_to)).one() is None


def test_an_address_too_long_to_store_is_left_out_not_cut_off(service) -> None:
    raw = complaint_mail(sender=f"Sanne de Wit <{'s' * 320}@example.com>")

    complaint = ingest_raw(raw, START, service).complaint

    assert (complaint.complainant_name, complaint.complainant_email) == ("Sanne de Wit", None)


def test_ignored_mail_is_kept_with_its_reason_but_is_no_complaint(service, db) -> None:
    raw = complaint_mail(
        subject="Automatisch antwoord: klacht", headers={"Auto-Submitted": "auto-replied"}
    )

    outcome = ingest_raw(raw, START, service)

    assert (outcome.kind, outcome.reason) == (OutcomeKind.IGNORED, Reason.AUTO_REPLY)
    assert count(db, ComplaintRow) == 0
    with db.session() as session:
        row = session.scalars(select(InboundMessage)).one()
        assert (row.outcome, row.reason, row.complaint_id) == ("ignored", "auto_reply", None)


def test_reply_by_in_reply_to_is_added_to_the_complaint(service, db) -> None:
    first = ingest_raw(complaint_mail(message_id="<orig@example.com>"), START, service)
    reply = complaint_mail(
        subject="Re: Klacht over mijn loonstrook",
        body="Ik ben na 15:00 bereikbaar.",
        headers={"In-Reply-To": "<orig@example.com>"},
    )

    outcome = ingest_raw(reply, START + dt.timedelta(hours=1), service)

    assert (outcome.kind, outcome.reference) == (OutcomeKind.ATTACHED, first.reference)
    assert count(db, ComplaintRow) == 1
    event = service.get(first.reference).last_event(EventKind.REPLY_RECEIVED)
    assert event.data["text"] == "Ik ben na 15:00 bereikbaar."
    assert event.at == START + dt.timedelta(hours=1)


def test_a_reply_lists_its_attachments_for_the_thread(db, settings, clock) -> None:
    service = ComplaintService(
        db, settings.model_copy(update={"attachment_max_bytes": 2000}), clock
    )
    first = ingest_raw(complaint_mail(), START, service)
    reply = EmailMessage()
    reply["From"] = "sanne.dewit@example.com"
    reply["Subject"] = f"Re: [{first.reference}] foto's"
    reply.set_content("Hierbij de foto en de video.")
    reply.add_attachment(b"j" * 1500, maintype="image", subtype="jpeg", filename="foto.jpg")
    reply.add_attachment(b"v" * 3 * 1024 * 1024, maintype="video", subtype="mp4", filename="v.mp4")

    ingest_raw(reply.as_bytes(), START, service)

    event = service.get(first.reference).last_event(EventKind.REPLY_RECEIVED)
    assert event.data["attachments"] == "foto.jpg (2 kB); v.mp4 (3,0 MB, te groot om te bewaren)"


def test_reply_by_reference_in_subject(service) -> None:
    first = ingest_raw(complaint_mail(), START, service)
    reply = complaint_mail(subject=f"Re: Ontvangstbevestiging van uw klacht [{first.reference}]")

    outcome = ingest_raw(reply, START, service)

    assert (outcome.kind, outcome.reference) == (OutcomeKind.ATTACHED, first.reference)


def test_unknown_reference_in_subject_is_a_new_complaint(service) -> None:
    outcome = ingest_raw(complaint_mail(subject="Klacht, zie ook [K-2019-0077]"), START, service)

    assert outcome.kind is OutcomeKind.STORED


def test_hooks_run_after_commit_with_the_stored_complaint(service, db) -> None:
    seen = []
    service.after_commit.append(
        lambda complaint: seen.append((complaint.reference, count(db, ComplaintRow)))
    )

    outcome = ingest_raw(complaint_mail(), START, service)
    ingest_raw(complaint_mail(), START, service)  # another message: hooks again
    ingest_raw(complaint_mail(message_id="<x@y>"), START, service)
    ingest_raw(complaint_mail(message_id="<x@y>"), START, service)  # duplicate: no hook

    assert seen[0] == (outcome.reference, 1)
    assert len(seen) == 3


def test_a_crash_in_the_middle_stores_nothing(service, db, monkeypatch) -> None:
    def crash(*_args):
        raise RuntimeError("power failure")

    monkeypatch.setattr(intake_store, "add_attachments", crash)
    with pytest.raises(RuntimeError):
        ingest_raw(complaint_mail(), START, service)
    monkeypatch.undo()

    assert count(db, ComplaintRow) == 0 and count(db, InboundMessage) == 0
    outcome = ingest_raw(complaint_mail(), START, service)
    assert outcome.reference.endswith("-0001")  # the number was given back


def test_attachments_are_stored_for_the_complaint(service, db) -> None:
    message = EmailMessage()
    message["From"] = "klant@example.com"
    message["Subject"] = "Schade"
    message.set_content("Zie de foto.")
    message.add_attachment(
        b"\x89PNG" + b"0" * 100, maintype="image", subtype="png", filename="schade.png"
    )

    outcome = ingest_raw(message.as_bytes(), START, service)

    with db.session() as session:
        attachment = session.scalars(select(InboundAttachment)).one()
        assert (attachment.filename, attachment.size, attachment.complaint_id) == (
            "schade.png",
            104,
            outcome.complaint.id,
        )
        assert attachment.content.startswith(b"\x89PNG")
    # The complaint's history (and so its Slack thread) names the attachment.
    assert outcome.complaint.events[0].data["attachments"] == "schade.png (104 bytes)"


# Bad input from the issue: a clear outcome, no crash, nothing half-stored.


def big_attachment_mail(size: int) -> bytes:
    message = EmailMessage()
    message["From"] = "klant@example.com"
    message["Subject"] = "Grote bijlage"
    message.set_content("Zie de video.")
    message.add_attachment(os.urandom(size), maintype="video", subtype="mp4", filename="video.mp4")
    return message.as_bytes()


def test_15_mb_attachment_is_recorded_but_not_kept(service, db) -> None:
    outcome = ingest_raw(big_attachment_mail(15 * 1024 * 1024), START, service)

    assert outcome.kind is OutcomeKind.STORED
    with db.session() as session:
        attachment = session.scalars(select(InboundAttachment)).one()
        assert (attachment.size, attachment.content) == (15 * 1024 * 1024, None)


@pytest.mark.parametrize(
    ("name", "raw", "kind", "reason"),
    [
        ("empty", b"", OutcomeKind.IGNORED, Reason.NOT_A_MESSAGE),
        ("garbage", bytes(range(256)) * 64, OutcomeKind.IGNORED, Reason.NOT_A_MESSAGE),
        (
            "headers only",
            b"From: klant@example.com\r\nSubject: Geen antwoord\r\n",
            OutcomeKind.STORED,
            None,
        ),
        (
            "headers only, no subject",
            b"From: klant@example.com\r\nTo: klachten@example.nl\r\n",
            OutcomeKind.IGNORED,
            Reason.EMPTY,
        ),
        (
            "5000 recipients",
            complaint_mail(headers={"Cc": ", ".join(f"p{n}@example.com" for n in range(5000))}),
            OutcomeKind.STORED,
            None,
        ),
        ("1 MB single line", complaint_mail(body="x" * 1_000_000), OutcomeKind.STORED, None),
        (
            "invalid UTF-8 in headers",
            b"From: \xc3\x28 Kl\xe9nt <klant@example.com>\r\n"
            b"Subject: Klacht \xff\xfe\r\n\r\nTekst\r\n",
            OutcomeKind.STORED,
            None,
        ),
        (
            "NUL bytes",
            b"From: klant@example.com\r\nSubject: a\x00b\r\n\r\nte\x00kst\r\n",
            OutcomeKind.STORED,
            None,
        ),
    ],
)
def test_bad_input(service, db, name, raw, kind, reason) -> None:
    outcome = ingest_raw(raw, START, service)

    assert (outcome.kind, outcome.reason) == (kind, reason), name
    assert count(db, InboundMessage) == 1
    assert count(db, ComplaintRow) == (1 if kind is OutcomeKind.STORED else 0)
    if outcome.complaint is not None:
        assert "\x00" not in outcome.complaint.subject + outcome.complaint.body


def test_1_mb_body_is_shortened_in_the_complaint_and_kept_whole_in_the_raw(service, db) -> None:
    outcome = ingest_raw(complaint_mail(body="x" * 1_000_000), START, service)

    assert outcome.complaint.body.endswith(text.BODY_TRUNCATED)
    assert len(outcome.complaint.body) < 150_000
    with db.session() as session:
        assert session.scalars(select(InboundMessage.size)).one() > 1_000_000


def test_references_stay_gapless_with_ignored_mail_in_between(service, db) -> None:
    ingest_raw(complaint_mail(), START, service)
    ingest_raw(complaint_mail(headers={"Auto-Submitted": "auto-replied"}), START, service)
    second = ingest_raw(complaint_mail(), START, service)

    assert second.reference.endswith("-0002")
    with db.session() as session:
        assert session.scalar(select(ReferenceCounter.last_number)) == 2
