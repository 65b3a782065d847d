"""Real-world and hostile mail, round 2: every message file in tests/intake/mail (their sources
in its README) goes through the real intake on SQLite and PostgreSQL and ends where a person
reading it would put it, with what it says read correctly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.intake.pipe import EX_OK, ingest_command
from bot.intake.store import OutcomeKind, ingest_raw
from storage.models import InboundAttachment, InboundMessage
from tests.intake.conftest import START

MAIL = Path(__file__).parent / "mail"
C = "complaint"

# file -> (what it becomes: "complaint" or the reason it is ignored, what the complaint shows)
EXPECTED: dict[str, tuple[str, dict[str, object]]] = {
    "lost/empty-first-line-lf.eml": (
        C,
        {"subject": "Geen loon ontvangen over week 47", "phone": "+31623456789"},
    ),
    "lost/empty-first-line-crlf.eml": (C, {"email": "ilse.verbeek@example.com"}),
    "lost/bom.eml": (C, {"name": "Joëlle Pauwels", "subject": "Planning klopt niet"}),
    "lost/stray-header-line.eml": (
        C,
        {"email": "ruud.hendriks@example.org", "subject": "Contract niet ontvangen"},
    ),
    "lost/o365-stray-blank-line.eml": (
        C,
        {
            "email": "m.degraaf@example-bv.nl",
            "text": "drie dagen te laat en heeft zich niet afgemeld. Graag contact over",
            "not_in_text": "x-ms-exchange",
            "phone": "+31384567890",
        },
    ),
    "lost/person-at-mailgun-subdomain.eml": (C, {"email": "bob@mg.mailgun.org"}),
    "machine/mailman2-post-no-precedence.eml": ("list_post", {}),
    "machine/mailman3-post-list-id-only.eml": ("list_post", {}),
    "machine/list-post-denied-plus-owner.eml": ("list_notice", {}),
    "machine/newsletter-list-unsubscribe.eml": ("newsletter", {}),
    "machine/newsletter-marketing-sender.eml": ("newsletter", {}),
    "machine/notify-at.eml": ("notification", {}),
    "machine/service-noreply-suffix.eml": ("notification", {}),
    "machine/challenge-boxbe.eml": ("challenge_response", {}),
    "machine/challenge-bluebottle.eml": ("challenge_response", {}),
    "machine/challenge-dutch-reply-to-ack.eml": ("challenge_response", {}),
    "machine/webform-noreply-reply-to.eml": (
        C,
        {"email": "fatima@example.com", "name": "Fatima el Amrani", "phone": "+31634567890"},
    ),
    "misread/outlook-nextpart-unquoted.eml": (
        C,
        {
            "text": "De planner heeft mij voor de derde keer op een verkeerde locatie ingepland. "
            "De kosten voor de reis (één uur rijden) wil ik vergoed zien. Formule: a=b.",
            "not_in_text": "Content-Type",
        },
    ),
    "misread/javamail-nextpart-mixed.eml": (
        C,
        {
            "text": "De factuur over oktober rekent 40 uur te veel. Zie bijlage.",
            "not_in_text": "----",
            "attachments": ["factuur-oktober.pdf"],
        },
    ),
    "misread/raw-8bit-latin1-headers.eml": (
        C,
        {
            "name": "Jürgen Müller",
            "subject": "Geen reactie op mijn brief over de café-vergoeding",
            "text": "café-bezoek",
        },
    ),
    "misread/forward-rfc822-base64.eml": (
        C,
        {
            "email": "gerda.jansen@example.com",
            "forwarded_by": "mark@example.nl",
            "subject": "Klacht over mijn rooster",
            "text": "Mijn rooster is zonder overleg gewijzigd.",
            "not_in_text": "RnJvbTog",  # "From: " in base64
            "phone": "+31645678901",
        },
    ),
    "misread/forward-rfc822-blank-first-line.eml": (
        C,
        {
            "email": "kees.bakker@example.com",
            "subject": "Geen ziekengeld",
            "text": "Ik ben ziek sinds 2 november",
        },
    ),
    "misread/uuencode-inline.eml": (
        C,
        {
            "text": "Mijn uren van week 47 zijn niet uitbetaald. Mijn urenstaat zit erbij.\n\n"
            "Lon Peters",
            "attachments": ["urenstaat-week47.txt"],
        },
    ),
    "misread/from-without-angle-brackets.eml": (C, {"email": "bb@bug.example", "name": "Big Bug"}),
    "misread/inline-html-with-filename.eml": (
        C,
        {"text": "Ik ben door de intercedent onbeschoft behandeld.", "phone": "+31656789012"},
    ),
    "misread/phone-reply-header.eml": (C, {"phone": "+31204201214", "uncertain": True}),
    "misread/phone-account-number.eml": (C, {"phone": "+31700016539", "uncertain": True}),
    "misread/phone-invoice-and-real-phone.eml": (
        C,
        {"phone": "+31667890123", "uncertain": False},
    ),
    "misread/phone-factuurnummer-only.eml": (C, {"phone": "+31201234567", "uncertain": True}),
    "injection/message-id-encoded-crlf.eml": (C, {"message_id": None}),
    "injection/message-id-atext-encoded-word.eml": (C, {"message_id": None}),
    "injection/display-name-with-comma.eml": (C, {"email": "sanne.dewit@example.com"}),
    "injection/greeting-url-in-name.eml": (C, {"email": "victim@example.com"}),
    "injection/nul-in-part-headers.eml": (
        C,
        {
            "name": "Rik Vermeer",
            "subject": "Klacht met bijlage",
            "text": "Zie de foto.",
            "attachments": ["foto.jpg"],
        },
    ),
    "injection/reference-from-stranger.eml": (C, {"email": "iemand@elders.example"}),
}
# Files with tests of their own below.
ELSEWHERE = {"lost/helpdesk-reused-message-id-1.eml", "lost/helpdesk-reused-message-id-2.eml"}


def mail(name: str) -> bytes:
    return (MAIL / name).read_bytes()


def test_every_file_is_expected_somewhere() -> None:
    files = {str(path.relative_to(MAIL)) for path in MAIL.rglob("*.eml")}
    assert files == set(EXPECTED) | ELSEWHERE


def test_every_message_file_ends_where_expected(service, db) -> None:
    wrong = []
    for name, (expected, details) in EXPECTED.items():
        outcome = ingest_raw(mail(name), START, service, source="imap")
        got = C if outcome.kind is OutcomeKind.STORED else str(outcome.reason)
        if got != expected:
            wrong.append(f"{name}: {got}, expected {expected}")
        elif outcome.complaint is not None:
            wrong += [f"{name}: {problem}" for problem in _differences(outcome, details, db)]
    assert wrong == []


def _differences(outcome, details: dict[str, object], db) -> list[str]:
    complaint = outcome.complaint
    seen = {
        "subject": complaint.subject,
        "email": complaint.complainant_email,
        "name": complaint.complainant_name,
        "phone": complaint.complainant_phone,
        "uncertain": complaint.phone_uncertain,
        "forwarded_by": complaint.forwarded_by,
    }
    problems = [
        f"{key}={seen[key]!r}, expected {value!r}"
        for key, value in details.items()
        if key in seen and seen[key] != value
    ]
    if "text" in details and str(details["text"]) not in complaint.body:
        problems.append(f"text {complaint.body[:300]!r}")
    if "not_in_text" in details and str(details["not_in_text"]) in complaint.body:
        problems.append(f"raw MIME in the text: {complaint.body[:300]!r}")
    with db.session() as session:
        row = session.scalars(
            select(InboundMessage).where(InboundMessage.complaint_id == complaint.id)
        ).one()
        names = list(
            session.scalars(
                select(InboundAttachment.filename).where(
                    InboundAttachment.inbound_message_id == row.id
                )
            )
        )
        if "message_id" in details and row.message_id != details["message_id"]:
            problems.append(f"message_id {row.message_id!r}")
    if "attachments" in details and names != details["attachments"]:
        problems.append(f"attachments {names}")
    return problems


@pytest.mark.parametrize(
    "name", ["lost/empty-first-line-lf.eml", "lost/empty-first-line-crlf.eml", "lost/bom.eml"]
)
def test_the_mail_server_is_not_told_to_bounce_a_customers_mail(settings, db, name) -> None:
    err = io.StringIO()

    code = ingest_command("-", settings, stdin=io.BytesIO(mail(name)), stderr=err)

    assert (code, err.getvalue()) == (EX_OK, "Opgeslagen als nieuwe klacht K-2026-0001.\n")


def test_show_marks_a_phone_number_intake_was_unsure_of(service, cli) -> None:
    sure = ingest_raw(mail("misread/phone-invoice-and-real-phone.eml"), START, service)
    unsure = ingest_raw(mail("misread/phone-factuurnummer-only.eml"), START, service)

    shown_sure, shown_unsure = cli("show", sure.reference)[1], cli("show", unsure.reference)[1]

    assert "Telefoonnummer onzeker" not in shown_sure
    assert "Telefoonnummer onzeker" in shown_unsure
    line = next(line for line in shown_unsure.splitlines() if "onzeker" in line)
    assert line.split() == ["Telefoonnummer", "onzeker", "ja"]


def test_two_messages_sharing_a_message_id_are_both_kept_the_second_with_a_note(
    service, db
) -> None:
    first = ingest_raw(mail("lost/helpdesk-reused-message-id-1.eml"), START, service)
    second = ingest_raw(mail("lost/helpdesk-reused-message-id-2.eml"), START, service)
    # The same second message once more, through another relay: a duplicate, not a third.
    relayed = b"Received: from relay2.example.net\r\n" + mail(
        "lost/helpdesk-reused-message-id-2.eml"
    )
    again = ingest_raw(relayed, START, service)

    assert (first.kind, second.kind) == (OutcomeKind.STORED, OutcomeKind.STORED)
    assert first.reference != second.reference
    assert "urenbriefje" in first.complaint.body and "toeslagen" in second.complaint.body
    note = "had dezelfde Message-ID maar een andere inhoud"
    assert note not in first.complaint.body
    assert note in second.complaint.body
    assert (again.duplicate, again.reference) == (True, second.reference)
    with db.session() as session:
        notes = list(session.scalars(select(InboundMessage.note).order_by(InboundMessage.id)))
    assert notes[0] is None and note in notes[1] and len(notes) == 2
