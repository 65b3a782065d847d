"""Every real-world message of the shared corpus goes through the intake without an exception,
and each ends where a person reading it would put it."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.intake.classify import Reason
from bot.intake.store import OutcomeKind, ingest_raw
from storage.models import InboundAttachment, InboundMessage
from tests.intake.conftest import START
from tests.support.corpus import corpus_dir

C = "complaint"
BOUNCE = "bounce"
AUTO = "auto_reply"
FEEDBACK = "feedback_report"
LIST_POST = "list_post"
DUPLICATE = "duplicate"

# file -> (what it becomes, why / what it shows)
EXPECTED: dict[str, tuple[str, str]] = {
    "cpython_msg_01.eml": (C, "plain text mail"),
    "cpython_msg_03.eml": (DUPLICATE, "msg_01 without MIME headers: same Message-ID"),
    "cpython_msg_05.eml": (BOUNCE, "multipart/report delivery-status"),
    "cpython_msg_06.eml": (C, "top-level message/rfc822: the inner sender complains"),
    "cpython_msg_07.eml": (C, "text with a GIF attachment"),
    "cpython_msg_08.eml": (C, "empty parts in three charsets, but a subject"),
    "cpython_msg_10.eml": (C, "mixed transfer encodings"),
    "cpython_msg_15.eml": (C, "nested multipart reusing one boundary"),
    "cpython_msg_16.eml": (BOUNCE, "DSN with upper-case MESSAGE/RFC822"),
    "cpython_msg_25.eml": (BOUNCE, "report with a truncated boundary"),
    "cpython_msg_35.eml": (C, "no blank line after the headers"),
    "cpython_msg_40.eml": (C, "HTML with a stray boundary: text kept, nothing lost"),
    "cpython_msg_41.eml": (C, "multipart/alternative without boundary"),
    "cpython_msg_46.eml": (C, "GroupWise forward (message/rfc822)"),
    "flanker_attached-pdf.eml": (C, "PDF attachment, decoy content types"),
    "flanker_bilingual-simple.eml": (C, "Cyrillic quoted-printable"),
    "flanker_bounce_gmail-invalid-address.eml": (BOUNCE, "Gmail bounce from mailer-daemon"),
    "flanker_bounce_mailbox-full.eml": (BOUNCE, "multipart/report, mailbox full"),
    "flanker_complaints_aol.eml": (FEEDBACK, "ARF feedback report (multipart/report)"),
    "flanker_disposition-notification.eml": (AUTO, "read receipt (multipart/report)"),
    "flanker_enclosed.eml": (C, "attached message/rfc822, forwarded from outside"),
    "flanker_encoded-header.eml": (C, "encoded comma in the display name"),
    "flanker_false-multipart.eml": (C, "declared multipart without parts, but a subject"),
    "flanker_from-encoding.eml": (LIST_POST, "a list post (Sender: new-httpd-owner@, bulk)"),
    "flanker_iphone.eml": (C, "iPhone mail with a photo; a line of spaces before the headers"),
    "flanker_long-links.eml": (BOUNCE, "sent from a postmaster address"),
    "flanker_mailformed-headers.eml": (C, "invalid UTF-8 in headers"),
    "flanker_missing-final-boundary.eml": (C, "boundary never closed"),
    "mailparser_mail_malformed_2.eml": (BOUNCE, "DSN, truncated inner part"),
    "mailparser_mail_test_12.eml": (C, "GB2312 declared, UTF-8 bytes"),
    "mailparser_mail_test_14.eml": (C, "HTML first, plain text later, inline PNG"),
    "mailparser_mail_test_18.eml": (C, "encoded comma and ß in the display name"),
    "mailparser_mail_test_19.eml": (C, "display names that are addresses"),
    "mailparser_mail_test_3.eml": (C, "Outlook for iOS with an extra text part"),
    "sisimai_dos_lhost-postfix-01.eml": (BOUNCE, "Postfix DSN, CRLF"),
    "sisimai_lhost-office365-01.eml": (BOUNCE, "Office 365 NDR"),
    "sisimai_lhost-trendmicro-01.eml": (BOUNCE, "InterScan bounce from postmaster"),
    "sisimai_rfc3834-01.eml": (AUTO, "Auto-Submitted: auto-replied"),
    "sisimai_rfc3834-02.eml": (AUTO, "Exchange 'Automatic reply:' subject"),
    "sisimai_rfc3834-04.eml": (AUTO, "Exchange 'Automatic reply:' in Windows-1252"),
}

# What a person would expect to see on some of the complaints.
DETAILS = {
    "cpython_msg_06.eml": {"complainant_email": "barry@python.org"},
    "cpython_msg_46.eml": {"complainant_email": "sender@example.net"},
    # Forwarded from outside our domain: the forwarder complains, the enclosed sender is no
    # one the bot may write to.
    "flanker_enclosed.eml": {"complainant_email": "bob@example.net", "forwarded_by": None},
    "flanker_encoded-header.eml": {"complainant_name": "Foo, Bar"},
    "mailparser_mail_test_12.eml": {"subject": "代开各地增值税发票"},
    "mailparser_mail_test_18.eml": {"complainant_email": "comma.name@example.com"},
    "flanker_mailformed-headers.eml": {"complainant_email": "headers@gmail.com"},
}


def test_every_corpus_message_ends_where_expected(service, db) -> None:
    files = sorted(corpus_dir("email").glob("*.eml"))
    assert {path.name for path in files} == set(EXPECTED), "update EXPECTED for the corpus"
    wrong = []
    for path in files:
        outcome = ingest_raw(path.read_bytes(), START, service, source="imap")
        expected, why = EXPECTED[path.name]
        got = "complaint" if outcome.complaint is not None else str(outcome.reason)
        got = DUPLICATE if outcome.duplicate else got
        if got != expected:
            wrong.append(f"{path.name}: {got}, expected {expected} ({why})")
            continue
        for field, value in DETAILS.get(path.name, {}).items():
            if getattr(outcome.complaint, field) != value:
                wrong.append(f"{path.name}: {field}={getattr(outcome.complaint, field)!r}")
    assert wrong == []
    with db.session() as session:
        stored = session.scalar(select(func.count(InboundMessage.id)))
        duplicates = sum(1 for kind, _why in EXPECTED.values() if kind == DUPLICATE)
        assert stored == len(files) - duplicates
        names = set(session.scalars(select(InboundAttachment.filename)))
    assert {"dingusfish.gif", "test.pdf", "photo.JPG"} <= names


def test_real_machine_mail_is_recognised_each_with_its_reason(service, db) -> None:
    """525 real bounces, auto-replies and feedback reports from many mail servers (none a
    complaint): at least 99% are ignored, and each ignored one keeps why."""
    files = sorted(corpus_dir("bounces").glob("*.eml"))
    assert len(files) >= 500
    taken_for_complaints = []
    for path in files:
        outcome = ingest_raw(path.read_bytes(), START, service, source="imap")
        if outcome.kind is not OutcomeKind.IGNORED:
            taken_for_complaints.append(path.name)
    assert len(taken_for_complaints) <= len(files) // 100, taken_for_complaints
    with db.session() as session:
        reasons = session.execute(
            select(InboundMessage.reason, func.count()).group_by(InboundMessage.reason)
        ).all()
    counted = dict(reasons)
    assert counted.pop(None, 0) == len(taken_for_complaints)
    assert set(counted) <= {reason.value for reason in Reason} - {"not_a_message", "empty"}
    assert counted["bounce"] > 400 and counted["feedback_report"] >= 10
