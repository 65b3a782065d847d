"""Mail written by an attacker: it must not stall the intake, pick the acknowledgement's
recipient, smuggle line breaks into headers, or make the mail server retry forever."""

from __future__ import annotations

import io
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

import pytest
from sqlalchemy import func, select

from bot.intake.acknowledge import build_acknowledgement
from bot.intake.parse import parse_message
from bot.intake.pipe import EX_OK, ingest_command
from bot.intake.store import OutcomeKind, ingest_raw
from storage.complaints import ComplaintStore
from storage.models import Acknowledgement, InboundAttachment, InboundMessage
from tests.intake.conftest import START
from tests.intake.messages import complaint_mail
from tests.support.hostile import (
    GROWING_SHAPES,
    HTML_SHAPES,
    PLAIN_SHAPES,
    mail_with_body,
    many_parts_mail,
    nested_mail,
    plain_text_mail,
    repeated,
)

HANG_SECONDS = 30


@contextmanager
def no_hang() -> Iterator[None]:
    def stop(_signum, _frame):
        raise TimeoutError(f"still parsing after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("shape", PLAIN_SHAPES)
def test_a_megabyte_of_adversarial_text_is_parsed_in_one_pass(shape: str) -> None:
    raw = mail_with_body(PLAIN_SHAPES[shape]())

    with no_hang():
        parsed = parse_message(raw)

    assert parsed.is_message and parsed.subject == "Fwd: klacht"


@pytest.mark.parametrize("shape", HTML_SHAPES)
def test_a_megabyte_of_adversarial_html_is_parsed_in_one_pass(shape: str) -> None:
    raw = mail_with_body(HTML_SHAPES[shape](), subtype="html")

    with no_hang():
        parsed = parse_message(raw)

    assert parsed.is_message


def test_the_inline_forward_is_still_found_behind_a_megabyte_of_quotes() -> None:
    body = repeated(">\n") + (
        "\n---------- Forwarded message ---------\n"
        "From: Fatima <fatima@example.com>\nSubject: Bejegening\n\nSlecht behandeld.\n"
    )
    raw = complaint_mail(sender="mark@example.nl", subject="Fwd: Bejegening", body=body)

    with no_hang():
        parsed = parse_message(raw, own_domain="example.nl")

    assert parsed.complainant.email == "fatima@example.com"


# (From header as sent, the address it must yield)
HOSTILE_FROM = {
    "encoded CR/LF and a From line in the name": (
        "=?utf-8?q?Jan=0D=0AFrom:_<attacker@evil.example>?= <victim@example.com>",
        "victim@example.com",
    ),
    "encoded address in the name": (
        "=?utf-8?q?Jan_<attacker@evil.example>=0D=0A?= <victim@example.com>",
        "victim@example.com",
    ),
    "encoded words in a quoted name": (
        '"=?utf-8?q?a=0D=0Ab_<attacker@evil.example>?=" <victim@example.com>',
        "victim@example.com",
    ),
    "only an encoded address": ("=?utf-8?q?attacker@evil.example?=", ""),
    "encoded name with a line feed and NUL": (
        "=?utf-8?b?SmFuCkJjYzogYXR0YWNrZXJAZXZpbC5leGFtcGxlAA==?= <victim@example.com>",
        "victim@example.com",
    ),
}


@pytest.mark.parametrize("shape", HOSTILE_FROM)
def test_an_address_only_ever_comes_from_the_address_field(shape: str) -> None:
    header, address = HOSTILE_FROM[shape]
    raw = f"From: {header}\r\nSubject: Klacht\r\n\r\nTekst\r\n".encode()

    sender = parse_message(raw).sender

    assert sender.email == address
    assert sender.name.isprintable() and "\n" not in sender.name


HOSTILE_HEADERS = {
    "encoded CR/LF in the subject": ("Subject", "=?utf-8?q?Klacht=0D=0ABcc:_x@evil.example?="),
    "bidi override and NUL in the subject": ("Subject", "=?utf-8?b?S2xhY2h0AOKAruKAqA==?="),
    "C1 control in the subject": ("Subject", "=?utf-8?b?S2xhY2h0wp8=?="),
}


@pytest.mark.parametrize("shape", HOSTILE_HEADERS)
def test_no_control_character_survives_in_a_header_value(shape: str) -> None:
    name, value = HOSTILE_HEADERS[shape]
    raw = f"From: klant@example.com\r\n{name}: {value}\r\n\r\nTekst\r\n".encode()

    subject = parse_message(raw).subject

    assert subject.startswith("Klacht")
    assert subject.isprintable() and "\u202e" not in subject


@pytest.mark.parametrize(
    "header",
    [
        "=?utf-8?q?<abc=0D=0AX-Evil:_1@example.com>?=",
        "<abc@example.com>\r\n\tX-Evil: 1",
        "abc\x0b@example.com",
        "<abc\x00@example.com>",
    ],
)
def test_a_message_id_is_visible_ascii_or_nothing(header: str) -> None:
    raw = f"From: klant@example.com\r\nSubject: x\r\nMessage-ID: {header}\r\n\r\nTekst\r\n"

    found = parse_message(raw.encode()).message_id

    assert found is None or (found.isascii() and found.isprintable() and " " not in found)


def test_a_hostile_sender_is_stored_clean_and_acknowledged_at_the_real_address(service, db):
    raw = (
        b"From: =?utf-8?q?Jan=0D=0A_<attacker@evil.example>?= <victim@example.com>\r\n"
        b"Subject: =?utf-8?q?Klacht=0D=0ABcc:_x@evil.example?=\r\n"
        b"Message-ID: =?utf-8?q?<id=0D=0ABcc:_x@evil.example>?=\r\n\r\nTekst\r\n"
    )

    outcome = ingest_raw(raw, START, service)

    complaint = outcome.complaint
    assert complaint.complainant_email == "victim@example.com"
    assert complaint.complainant_name == "Jan <attacker@evil.example>"
    assert complaint.subject == "Klacht Bcc: x@evil.example"
    with db.session() as session:
        ack = session.scalars(select(Acknowledgement)).one()
        assert ack.recipient == "victim@example.com"
        message = build_acknowledgement(ack, complaint, service.settings, START)
    assert message["To"].addresses[0].addr_spec == "victim@example.com"
    assert "\n" not in str(message["To"]) and "\r" not in (message["In-Reply-To"] or "")


def ingest_by_pipe(raw: bytes, settings) -> tuple[int, str]:
    err = io.StringIO()
    code = ingest_command("-", settings, stdin=io.BytesIO(raw), stderr=err)
    return code, err.getvalue()


@pytest.mark.parametrize("depth", [40, 1000, 5000])
def test_deep_nesting_is_stored_with_a_note_not_retried(settings, db, depth: int) -> None:
    raw = nested_mail(depth)

    code, said = ingest_by_pipe(raw, settings)

    assert code == EX_OK, said
    with db.session() as session:
        row = session.scalars(select(InboundMessage)).one()
        assert (row.outcome, row.raw) == (OutcomeKind.STORED.value, raw)
        complaint = ComplaintStore(session, settings.tz).get_by_id(row.complaint_id)
    assert complaint.subject == "Diep genest"
    assert (
        "dieper dan 12 niveaus" in complaint.body
        and "volledige bericht is bewaard" in complaint.body
    )


def test_a_message_above_the_size_setting_is_stored_with_its_headers(settings, db) -> None:
    small = settings.model_copy(update={"message_max_bytes": 64 * 1024})
    raw = complaint_mail(subject="Te groot", body="Mijn klacht. " + "x" * 100_000)

    code, said = ingest_by_pipe(raw, small)

    assert code == EX_OK, said
    with db.session() as session:
        row = session.scalars(select(InboundMessage)).one()
        assert row.raw == raw
        complaint = ComplaintStore(session, settings.tz).get_by_id(row.complaint_id)
    assert (complaint.subject, complaint.complainant_email) == (
        "Te groot",
        "sanne.dewit@example.com",
    )
    assert "meer dan de grens van 64 kB" in complaint.body
    assert "Mijn klacht" not in complaint.body


INLINE_FORWARD = (
    "Zie hieronder.\n\n---------- Forwarded message ---------\n"
    "Van: {name} <victim@example.org>\nOnderwerp: Klacht\n\nTekst.\n"
)


@pytest.mark.parametrize(
    "sender",
    [
        "Aanvaller <attacker@evil.example>",
        "collega@example.nl <attacker@evil.example>",  # our domain only in the name
        "Aanvaller <attacker@example.nl.evil.example>",
        "Aanvaller <attacker@notexample.nl>",
    ],
)
def test_a_forward_from_outside_never_names_someone_else(service, db, sender: str) -> None:
    body = INLINE_FORWARD.format(name="Wie dan ook, bel 020-1234567")
    raw = complaint_mail(sender=sender, subject="Fwd: Klacht", body=body)

    complaint = ingest_raw(raw, START, service).complaint

    assert complaint.complainant_email == parse_message(raw).sender.email
    assert complaint.complainant_email.startswith("attacker@")
    assert complaint.forwarded_by is None
    with db.session() as session:
        recipients = list(session.scalars(select(Acknowledgement.recipient)))
    assert "victim@example.org" not in recipients


def test_an_attached_message_forwarded_from_outside_is_the_senders_complaint(service) -> None:
    original = EmailMessage()
    original["From"] = "Slachtoffer <victim@example.org>"
    original["Subject"] = "Iets"
    original.set_content("Tekst van iemand anders.")
    outer = EmailMessage()
    outer["From"] = "attacker@evil.example"
    outer["Subject"] = "Fwd: Iets"
    outer.set_content("Zie bijlage.")
    outer.add_attachment(original)

    complaint = ingest_raw(outer.as_bytes(), START, service).complaint

    assert complaint.complainant_email == "attacker@evil.example"
    assert "Tekst van iemand anders." in complaint.body


def test_a_colleagues_forward_still_names_the_customer(service) -> None:
    body = INLINE_FORWARD.format(name="Klant")
    raw = complaint_mail(sender="Mark <mark@example.nl>", subject="Fwd: Klacht", body=body)

    complaint = ingest_raw(raw, START, service).complaint

    assert (complaint.complainant_email, complaint.forwarded_by) == (
        "victim@example.org",
        "mark@example.nl",
    )


def cpu_seconds(raw: bytes) -> float:
    """The least processor time of three parses (processor time: another process's load on
    the machine does not count, and the least of three leaves out a collection or a cold cache)."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        parse_message(raw)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("shape", GROWING_SHAPES)
def test_four_times_the_text_costs_about_four_times_the_work_not_sixteen(shape: str) -> None:
    """Linear, not quadratic: a ratio of the same machine's own timings, not a time budget.
    Linear gives about 4 (measured 3 to 5), quadratic 16; bench/hostile.py prints them."""
    make = GROWING_SHAPES[shape]
    small, large = mail_with_body(make(400 * 1024)), mail_with_body(make(1600 * 1024))

    with no_hang():
        ratio = cpu_seconds(large) / max(cpu_seconds(small), 1e-3)

    assert ratio < 9, f"x{ratio:.1f} for four times the size"


def test_parts_beyond_the_limit_stay_in_the_stored_message_with_a_note(service, db) -> None:
    raw = many_parts_mail(1500)

    with no_hang():
        complaint = ingest_raw(raw, START, service).complaint

    assert "Mijn klacht staat in de eerste regel." in complaint.body
    assert "meer dan 1.000 delen; de delen daarna zijn niet gelezen" in complaint.body
    with db.session() as session:
        row = session.scalars(select(InboundMessage)).one()
        attachments = session.scalar(
            select(func.count())
            .select_from(InboundAttachment)
            .where(InboundAttachment.inbound_message_id == row.id)
        )
    assert row.raw == raw  # every part kept, read or not
    assert attachments == 998  # the message, its text and 998 attachments: 1,000 parts


def test_text_beyond_two_million_characters_is_left_in_the_stored_message() -> None:
    raw = plain_text_mail(3 * 1024 * 1024)

    parsed = parse_message(raw)

    assert "langer dan 2.000.000 tekens; de rest is niet gelezen" in parsed.skipped
    assert parsed.body.startswith("Mijn uren zijn niet uitbetaald")
